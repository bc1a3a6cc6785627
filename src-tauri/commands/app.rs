use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::settings::Language;
use serde::Serialize;
use tauri::State;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The database file in use (also what the `crm` tool opens by default).
    pub db_path: String,
    /// The saved UI language; `null` until the user picks one.
    pub language: Option<Language>,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    let crm = state.crm()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: crm.db_path().display().to_string(),
        language: crm.language().await?,
    })
}

#[tauri::command]
#[specta::specta]
pub async fn settings_set_language(state: State<'_, AppState>, language: Language) -> IpcResult<()> {
    Ok(state.crm()?.set_language(language).await?)
}
