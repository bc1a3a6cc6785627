use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::sales::funnel::{Funnel, FunnelRequest};
use crm_core::sales::lead_model::Lead;
use crm_core::sales::opportunities::{BoardColumn, OpportunityListRequest, OpportunityPage};
use crm_core::sales::opportunity_model::{Opportunity, OpportunityDetail, OpportunityInput};
use crm_core::sales::stages::{Stage, StageInput};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn stage_list(state: State<'_, AppState>) -> IpcResult<Vec<Stage>> {
    Ok(state.crm()?.stages(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn stage_save(state: State<'_, AppState>, stages: Vec<StageInput>) -> IpcResult<Vec<Stage>> {
    let saved = state.crm()?.save_stages(&state.actor()?, stages).await?;
    state.notify("opportunity", &[]);
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
pub async fn opportunity_list(
    state: State<'_, AppState>,
    request: OpportunityListRequest,
) -> IpcResult<OpportunityPage> {
    Ok(state.crm()?.list_opportunities(&state.actor()?, &request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn opportunity_board(
    state: State<'_, AppState>,
    owner: Option<String>,
    per_stage: u32,
) -> IpcResult<Vec<BoardColumn>> {
    Ok(state.crm()?.opportunity_board(&state.actor()?, owner.as_deref(), per_stage).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn opportunity_get(state: State<'_, AppState>, id: String) -> IpcResult<OpportunityDetail> {
    Ok(state.crm()?.get_opportunity(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn opportunity_create(state: State<'_, AppState>, input: OpportunityInput) -> IpcResult<Opportunity> {
    let o = state.crm()?.create_opportunity(&state.actor()?, input).await?;
    state.notify("opportunity", &[&o.id, &o.customer_id]);
    Ok(o)
}

#[tauri::command]
#[specta::specta]
pub async fn opportunity_update(
    state: State<'_, AppState>,
    id: String,
    expected_version: i64,
    input: OpportunityInput,
) -> IpcResult<Opportunity> {
    let o = state.crm()?.update_opportunity(&state.actor()?, &id, expected_version, input).await?;
    state.notify("opportunity", &[&o.id, &o.customer_id]);
    Ok(o)
}

#[tauri::command]
#[specta::specta]
pub async fn opportunity_move(
    state: State<'_, AppState>,
    id: String,
    stage_id: String,
    lost_reason: Option<String>,
) -> IpcResult<Opportunity> {
    let o = state.crm()?.move_opportunity(&state.actor()?, &id, &stage_id, lost_reason).await?;
    state.notify("opportunity", &[&o.id, &o.customer_id]);
    Ok(o)
}

#[tauri::command]
#[specta::specta]
pub async fn opportunity_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_opportunity(&state.actor()?, &id).await?;
    state.notify("opportunity", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn funnel_report(state: State<'_, AppState>, request: FunnelRequest) -> IpcResult<Funnel> {
    Ok(state.crm()?.funnel(&state.actor()?, &request).await?)
}

/// The leads converted into a customer, for its 360 page.
#[tauri::command]
#[specta::specta]
pub async fn customer_leads(state: State<'_, AppState>, customer_id: String) -> IpcResult<Vec<Lead>> {
    Ok(state.crm()?.leads_of_customer(&state.actor()?, &customer_id).await?)
}
