use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::backup::BackupInfo;
use serde::Serialize;
use std::path::Path;
use tauri::State;

/// The backup folder, its backups (newest first) and whether a restore waits for a restart.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Backups {
    pub folder: String,
    pub backups: Vec<BackupInfo>,
    pub restore_pending: bool,
}

#[tauri::command]
#[specta::specta]
pub async fn backup_list(state: State<'_, AppState>) -> IpcResult<Backups> {
    let crm = state.crm()?;
    Ok(Backups {
        backups: crm.backups(&state.actor()?).await?,
        folder: crm.backup_folder().display().to_string(),
        restore_pending: crm.restore_pending(),
    })
}

/// Takes a backup now into the backup folder (administrators).
#[tauri::command]
#[specta::specta]
pub async fn backup_create(state: State<'_, AppState>) -> IpcResult<BackupInfo> {
    Ok(state.crm()?.backup(&state.actor()?, None).await?)
}

/// Checks a backup file anywhere (administrators); changes nothing.
#[tauri::command]
#[specta::specta]
pub async fn backup_check(state: State<'_, AppState>, path: String) -> IpcResult<BackupInfo> {
    Ok(state.crm()?.check_backup(&state.actor()?, Path::new(path.trim())).await?)
}

/// Checks the backup and stages it; it replaces the database when the app starts again.
#[tauri::command]
#[specta::specta]
pub async fn backup_restore(state: State<'_, AppState>, path: String) -> IpcResult<BackupInfo> {
    Ok(state.crm()?.stage_restore(&state.actor()?, Path::new(path.trim())).await?)
}

/// Restarts the app (to finish a staged restore).
#[tauri::command]
#[specta::specta]
pub async fn app_restart(state: State<'_, AppState>) -> IpcResult<()> {
    state.restart();
    Ok(())
}
