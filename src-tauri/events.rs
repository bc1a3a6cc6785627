//! Events pushed to the UI so that open views refresh after a change, whoever made it.

use serde::{Deserialize, Serialize};
use tauri_specta::Event;

/// Something of `entity` changed (customer, contact, activity, field, tag); `ids` are the
/// records, empty when many changed at once.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct DataChanged {
    pub entity: String,
    pub ids: Vec<String>,
}

/// Sends a change to the windows of `app`.
pub fn emit<R: tauri::Runtime>(app: &tauri::AppHandle<R>, change: DataChanged) {
    if let Err(e) = change.emit(app) {
        tracing::warn!(error = %e, "could not notify the window of a change");
    }
}
