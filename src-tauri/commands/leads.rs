use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::activity::ActivityInput;
use crm_core::customer::model::CustomerInput;
use crm_core::sales::assignment_rules::{AssignmentRule, AssignmentRuleInput};
use crm_core::sales::convert::{Conversion, ConvertInput, CustomerMatch, customer_from_lead};
use crm_core::sales::lead_actions::{Assignee, LeadActionInput};
use crm_core::sales::lead_model::{Lead, LeadDetail, LeadInput, LeadOrigin};
use crm_core::sales::leads::{LeadListRequest, LeadPage};
use crm_core::sales::pool::PoolRules;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn lead_list(state: State<'_, AppState>, request: LeadListRequest) -> IpcResult<LeadPage> {
    Ok(state.crm()?.list_leads(&state.actor()?, &request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn lead_get(state: State<'_, AppState>, id: String) -> IpcResult<LeadDetail> {
    Ok(state.crm()?.get_lead(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn lead_create(state: State<'_, AppState>, input: LeadInput) -> IpcResult<Lead> {
    let lead = state.crm()?.create_lead(&state.actor()?, input, LeadOrigin::Manual).await?;
    state.notify("lead", &[&lead.id]);
    Ok(lead)
}

#[tauri::command]
#[specta::specta]
pub async fn lead_update(
    state: State<'_, AppState>,
    id: String,
    expected_version: i64,
    input: LeadInput,
) -> IpcResult<Lead> {
    let lead = state.crm()?.update_lead(&state.actor()?, &id, expected_version, input).await?;
    state.notify("lead", &[&id]);
    Ok(lead)
}

#[tauri::command]
#[specta::specta]
pub async fn lead_act(state: State<'_, AppState>, id: String, input: LeadActionInput) -> IpcResult<Lead> {
    let lead = state.crm()?.act_on_lead(&state.actor()?, &id, input).await?;
    state.notify("lead", &[&id]);
    Ok(lead)
}

#[tauri::command]
#[specta::specta]
pub async fn lead_follow_up(state: State<'_, AppState>, id: String, input: ActivityInput) -> IpcResult<Lead> {
    let lead = state.crm()?.follow_up_lead(&state.actor()?, &id, input).await?;
    state.notify("lead", &[&id]);
    Ok(lead)
}

#[tauri::command]
#[specta::specta]
pub async fn lead_matches(state: State<'_, AppState>, id: String) -> IpcResult<Vec<CustomerMatch>> {
    Ok(state.crm()?.lead_matches(&state.actor()?, &id).await?)
}

/// The new-customer form's starting values for converting this lead.
#[tauri::command]
#[specta::specta]
pub async fn lead_customer_draft(state: State<'_, AppState>, id: String) -> IpcResult<CustomerInput> {
    let detail = state.crm()?.get_lead(&state.actor()?, &id).await?;
    Ok(customer_from_lead(&detail.lead))
}

#[tauri::command]
#[specta::specta]
pub async fn lead_convert(state: State<'_, AppState>, id: String, input: ConvertInput) -> IpcResult<Conversion> {
    let c = state.crm()?.convert_lead(&state.actor()?, &id, input).await?;
    state.notify("lead", &[&id]);
    state.notify("customer", &[&c.customer_id]);
    if c.opportunity_id.is_some() {
        state.notify("opportunity", &[&c.customer_id]);
    }
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn lead_assign_pool(state: State<'_, AppState>) -> IpcResult<u64> {
    let n = state.crm()?.assign_pool_by_rules(&state.actor()?).await?;
    state.notify("lead", &[]);
    Ok(n)
}

#[tauri::command]
#[specta::specta]
pub async fn pool_rules_get(state: State<'_, AppState>) -> IpcResult<PoolRules> {
    Ok(state.crm()?.pool_rules(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn pool_rules_set(state: State<'_, AppState>, rules: PoolRules) -> IpcResult<PoolRules> {
    Ok(state.crm()?.set_pool_rules(&state.actor()?, rules).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn assignment_rule_list(state: State<'_, AppState>) -> IpcResult<Vec<AssignmentRule>> {
    Ok(state.crm()?.assignment_rules(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn assignment_rule_save(
    state: State<'_, AppState>,
    id: Option<String>,
    input: AssignmentRuleInput,
) -> IpcResult<AssignmentRule> {
    Ok(state.crm()?.save_assignment_rule(&state.actor()?, id.as_deref(), input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn assignment_rule_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    Ok(state.crm()?.delete_assignment_rule(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn assignment_rule_reorder(state: State<'_, AppState>, ids: Vec<String>) -> IpcResult<Vec<AssignmentRule>> {
    Ok(state.crm()?.reorder_assignment_rules(&state.actor()?, &ids).await?)
}

/// Who a manager may give leads to (with a lead: who may take that one).
#[tauri::command]
#[specta::specta]
pub async fn lead_assignees(state: State<'_, AppState>, lead_id: Option<String>) -> IpcResult<Vec<Assignee>> {
    Ok(state.crm()?.assignable_users(&state.actor()?, lead_id.as_deref()).await?)
}
