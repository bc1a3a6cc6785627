use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::conditions::Condition;
use crm_core::segments::{Segment, SegmentExplanation, SegmentInput, SegmentMemberPage, SegmentRef};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn segment_list(state: State<'_, AppState>) -> IpcResult<Vec<Segment>> {
    Ok(state.crm()?.segments(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_get(state: State<'_, AppState>, id: String) -> IpcResult<Segment> {
    Ok(state.crm()?.segment(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_create(state: State<'_, AppState>, input: SegmentInput) -> IpcResult<Segment> {
    let segment = state.crm()?.create_segment(&state.actor()?, input).await?;
    state.notify("segment", &[&segment.id]);
    Ok(segment)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_update(state: State<'_, AppState>, id: String, input: SegmentInput) -> IpcResult<Segment> {
    let segment = state.crm()?.update_segment(&state.actor()?, &id, input).await?;
    state.notify("segment", &[&id]);
    Ok(segment)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_segment(&state.actor()?, &id).await?;
    state.notify("segment", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn segment_resnapshot(state: State<'_, AppState>, id: String) -> IpcResult<Segment> {
    let segment = state.crm()?.resnapshot_segment(&state.actor()?, &id).await?;
    state.notify("segment", &[&id]);
    Ok(segment)
}

/// Adds customers to a fixed segment by hand; the number that were not members yet.
#[tauri::command]
#[specta::specta]
pub async fn segment_add_members(state: State<'_, AppState>, id: String, customer_ids: Vec<String>) -> IpcResult<u32> {
    let n = state.crm()?.add_segment_members(&state.actor()?, &id, &customer_ids).await?;
    state.notify("segment", &[&id]);
    Ok(n as u32)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_remove_members(
    state: State<'_, AppState>,
    id: String,
    customer_ids: Vec<String>,
) -> IpcResult<u32> {
    let n = state.crm()?.remove_segment_members(&state.actor()?, &id, &customer_ids).await?;
    state.notify("segment", &[&id]);
    Ok(n as u32)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_count(state: State<'_, AppState>, id: String) -> IpcResult<u32> {
    Ok(state.crm()?.segment_count(&state.actor()?, &id).await? as u32)
}

/// The live count of a definition being edited.
#[tauri::command]
#[specta::specta]
pub async fn segment_count_condition(state: State<'_, AppState>, condition: Condition) -> IpcResult<u32> {
    Ok(state.crm()?.count_condition(&state.actor()?, &condition).await? as u32)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_members(
    state: State<'_, AppState>,
    id: String,
    cursor: Option<String>,
    limit: u32,
) -> IpcResult<SegmentMemberPage> {
    Ok(state.crm()?.segment_members(&state.actor()?, &id, cursor.as_deref(), limit).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn segment_explain(
    state: State<'_, AppState>,
    id: String,
    customer_id: String,
) -> IpcResult<SegmentExplanation> {
    Ok(state.crm()?.explain_segment(&state.actor()?, &id, &customer_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_segments(state: State<'_, AppState>, customer_id: String) -> IpcResult<Vec<SegmentRef>> {
    Ok(state.crm()?.customer_segments(&state.actor()?, &customer_id).await?)
}

/// The fields the segment builder offers, custom dimensions included.
#[tauri::command]
#[specta::specta]
pub async fn segment_fields(
    state: State<'_, AppState>,
) -> IpcResult<Vec<crm_core::conditions::catalog::ConditionField>> {
    Ok(state.crm()?.segment_fields(&state.actor()?).await?)
}
