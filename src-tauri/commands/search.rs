use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::search::query::SearchHit;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn search_customers(state: State<'_, AppState>, query: String, limit: u32) -> IpcResult<Vec<SearchHit>> {
    Ok(state.crm()?.search(&state.actor()?, &query, limit).await?)
}
