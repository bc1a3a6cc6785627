//! Exports to a file the user names: customers, contacts, leads, deals or tickets as CSV, an
//! Excel workbook or vCards, within the user's scope (the core decides what may be written);
//! customers optionally as the customer list's filter narrows them.

use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::customer::list::CustomerFilter;
use crm_core::export_file::{ExportFormat, ExportKind};
use tauri::State;

/// Returns how many records (or cards) were written.
#[tauri::command]
#[specta::specta]
pub async fn export_to_file(
    state: State<'_, AppState>,
    kind: ExportKind,
    format: ExportFormat,
    filter: Option<CustomerFilter>,
    path: String,
) -> IpcResult<u64> {
    let path = std::path::PathBuf::from(path.trim());
    let filter = filter.unwrap_or_default();
    Ok(state.crm()?.export_file(&state.actor()?, kind, format, &filter, &path).await?)
}
