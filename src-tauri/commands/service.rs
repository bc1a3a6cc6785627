use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::service::calendar::WorkCalendar;
use crm_core::service::desk::CallerLookup;
use crm_core::service::routing::{Agent, TicketRouting};
use crm_core::service::sla::SlaPolicy;
use crm_core::service::sla_report::{SlaReport, SlaReportRequest};
use crm_core::service::ticket_actions::TicketActionInput;
use crm_core::service::ticket_list::{TicketCounts, TicketListRequest, TicketPage};
use crm_core::service::ticket_model::{ReplyKind, Ticket, TicketDetail, TicketInput};
use crm_core::service::tickets::TicketUpdate;
use tauri::State;

fn announce(state: &AppState, t: &Ticket) {
    state.notify("ticket", &[&t.id, &t.customer_id]);
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_list(state: State<'_, AppState>, request: TicketListRequest) -> IpcResult<TicketPage> {
    let page = state.crm()?.list_tickets(&state.actor()?, &request).await?;
    state.note_list_served();
    Ok(page)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_counts(state: State<'_, AppState>) -> IpcResult<TicketCounts> {
    Ok(state.crm()?.ticket_counts(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_get(state: State<'_, AppState>, id: String) -> IpcResult<TicketDetail> {
    Ok(state.crm()?.get_ticket(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_create(state: State<'_, AppState>, input: TicketInput) -> IpcResult<Ticket> {
    let t = state.crm()?.create_ticket(&state.actor()?, input).await?;
    announce(&state, &t);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_update(
    state: State<'_, AppState>,
    id: String,
    expected_version: i64,
    input: TicketUpdate,
) -> IpcResult<Ticket> {
    let t = state.crm()?.update_ticket(&state.actor()?, &id, expected_version, input).await?;
    announce(&state, &t);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_act(state: State<'_, AppState>, id: String, input: TicketActionInput) -> IpcResult<Ticket> {
    let t = state.crm()?.act_on_ticket(&state.actor()?, &id, input).await?;
    announce(&state, &t);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_reply(
    state: State<'_, AppState>,
    id: String,
    kind: ReplyKind,
    body: String,
) -> IpcResult<TicketDetail> {
    let d = state.crm()?.reply_to_ticket(&state.actor()?, &id, kind, &body).await?;
    announce(&state, &d.ticket);
    Ok(d)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_attach(state: State<'_, AppState>, id: String, path: String) -> IpcResult<TicketDetail> {
    let d = state.crm()?.attach_to_ticket(&state.actor()?, &id, &path).await?;
    announce(&state, &d.ticket);
    Ok(d)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_attachment_remove(
    state: State<'_, AppState>,
    id: String,
    attachment_id: String,
) -> IpcResult<TicketDetail> {
    let d = state.crm()?.remove_ticket_attachment(&state.actor()?, &id, &attachment_id).await?;
    announce(&state, &d.ticket);
    Ok(d)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_rate(
    state: State<'_, AppState>,
    id: String,
    rating: u8,
    comment: Option<String>,
) -> IpcResult<Ticket> {
    let t = state.crm()?.rate_ticket(&state.actor()?, &id, rating, comment).await?;
    announce(&state, &t);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_tickets(state: State<'_, AppState>, customer_id: String) -> IpcResult<Vec<Ticket>> {
    Ok(state.crm()?.customer_tickets(&state.actor()?, &customer_id, 100).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn caller_lookup(
    state: State<'_, AppState>,
    query: String,
    customer_id: Option<String>,
) -> IpcResult<CallerLookup> {
    Ok(state.crm()?.caller_lookup(&state.actor()?, &query, customer_id.as_deref()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sla_policies_get(state: State<'_, AppState>) -> IpcResult<Vec<SlaPolicy>> {
    Ok(state.crm()?.sla_policies(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sla_policies_set(state: State<'_, AppState>, policies: Vec<SlaPolicy>) -> IpcResult<Vec<SlaPolicy>> {
    let saved = state.crm()?.save_sla_policies(&state.actor()?, policies).await?;
    state.notify("ticket", &[]);
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
pub async fn work_calendar_get(state: State<'_, AppState>) -> IpcResult<WorkCalendar> {
    Ok(state.crm()?.work_calendar(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn work_calendar_set(state: State<'_, AppState>, calendar: WorkCalendar) -> IpcResult<WorkCalendar> {
    let saved = state.crm()?.set_work_calendar(&state.actor()?, calendar).await?;
    state.notify("ticket", &[]);
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_routing_get(state: State<'_, AppState>) -> IpcResult<TicketRouting> {
    Ok(state.crm()?.ticket_routing(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_routing_set(state: State<'_, AppState>, routing: TicketRouting) -> IpcResult<TicketRouting> {
    let saved = state.crm()?.set_ticket_routing(&state.actor()?, routing).await?;
    state.notify("ticket", &[]);
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
pub async fn agent_list(state: State<'_, AppState>) -> IpcResult<Vec<Agent>> {
    Ok(state.crm()?.agents(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn agent_set_skills(
    state: State<'_, AppState>,
    login: String,
    categories: Vec<String>,
) -> IpcResult<Vec<Agent>> {
    let agents = state.crm()?.set_agent_skills(&state.actor()?, &login, categories).await?;
    state.notify("ticket", &[]);
    Ok(agents)
}

#[tauri::command]
#[specta::specta]
pub async fn sla_report(state: State<'_, AppState>, request: SlaReportRequest) -> IpcResult<SlaReport> {
    Ok(state.crm()?.sla_report(&state.actor()?, &request).await?)
}
