use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::CoreError;
use crm_core::rfm::settings::RfmSettings;
use crm_core::rfm::{CustomerRfm, RfmSummary};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn rfm_summary(state: State<'_, AppState>) -> IpcResult<RfmSummary> {
    Ok(state.crm()?.rfm_summary(&state.actor()?).await?)
}

/// Recomputes every customer's RFM as of a day (`YYYY-MM-DD`, default today).
#[tauri::command]
#[specta::specta]
pub async fn rfm_recompute(
    state: State<'_, AppState>,
    as_of: Option<String>,
    window_days: Option<u32>,
) -> IpcResult<RfmSummary> {
    let as_of = as_of
        .filter(|d| !d.trim().is_empty())
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .map_err(|_| CoreError::invalid(format!("the as-of day must look like 2026-03-01, not '{d}'")))
        })
        .transpose()?;
    let summary = state.crm()?.recompute_rfm(&state.actor()?, as_of, window_days).await?;
    state.notify("customer", &[]);
    Ok(summary)
}

#[tauri::command]
#[specta::specta]
pub async fn rfm_settings(state: State<'_, AppState>) -> IpcResult<RfmSettings> {
    Ok(state.crm()?.rfm_settings(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn rfm_set_settings(state: State<'_, AppState>, settings: RfmSettings) -> IpcResult<RfmSettings> {
    Ok(state.crm()?.set_rfm_settings(&state.actor()?, settings).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_rfm(state: State<'_, AppState>, customer_id: String) -> IpcResult<Option<CustomerRfm>> {
    Ok(state.crm()?.customer_rfm(&state.actor()?, &customer_id).await?)
}
