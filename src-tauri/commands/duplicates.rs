//! Duplicate customers (查重): the scan, "not the same" marks, merging a cluster, and the merge
//! history with undo.

use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::dedupe::{DuplicateScan, MergeEntry, MergeRequest, ScanOptions};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn duplicate_scan(state: State<'_, AppState>, options: ScanOptions) -> IpcResult<DuplicateScan> {
    Ok(state.crm()?.scan_duplicates(&state.actor()?, options).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn duplicate_dismiss(state: State<'_, AppState>, ids: Vec<String>) -> IpcResult<()> {
    Ok(state.crm()?.dismiss_duplicates(&state.actor()?, &ids).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_merge(state: State<'_, AppState>, request: MergeRequest) -> IpcResult<MergeEntry> {
    let mut changed = request.merged_ids.clone();
    changed.push(request.survivor_id.clone());
    let entry = state.crm()?.merge_customers(&state.actor()?, request).await?;
    state.notify("customer", &changed.iter().map(String::as_str).collect::<Vec<_>>());
    Ok(entry)
}

#[tauri::command]
#[specta::specta]
pub async fn merge_undo(state: State<'_, AppState>, merge: String) -> IpcResult<MergeEntry> {
    let entry = state.crm()?.undo_merge(&state.actor()?, &merge).await?;
    let mut changed: Vec<&str> = entry.merged.iter().map(|m| m.id.as_str()).collect();
    changed.push(&entry.survivor_id);
    state.notify("customer", &changed);
    Ok(entry)
}

#[tauri::command]
#[specta::specta]
pub async fn merge_history(state: State<'_, AppState>) -> IpcResult<Vec<MergeEntry>> {
    Ok(state.crm()?.merge_history(&state.actor()?, 200).await?)
}
