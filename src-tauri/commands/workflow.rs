use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::conditions::catalog::{ConditionField, Entity};
use crm_core::workflow::rules::{RuleInput, RuleRun, WorkflowRule};
use crm_core::workflow::schedule::ScheduleReport;
use crm_core::workflow::tasks::{NotificationList, Task, TaskInput};
use tauri::State;

/// Tells the windows about the records a rule run changed.
pub fn announce_report(state: &AppState, report: &ScheduleReport) {
    for (entity, id) in &report.changed {
        state.notify(entity, &[id]);
    }
    if report.acted > 0 || report.reminders > 0 {
        state.notify("task", &[]);
        state.notify("notification", &[]);
    }
}

#[tauri::command]
#[specta::specta]
pub async fn rule_list(state: State<'_, AppState>) -> IpcResult<Vec<WorkflowRule>> {
    Ok(state.crm()?.list_rules(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn rule_save(state: State<'_, AppState>, id: Option<String>, input: RuleInput) -> IpcResult<WorkflowRule> {
    let rule = state.crm()?.save_rule(&state.actor()?, id.as_deref(), input).await?;
    state.notify("rule", &[&rule.id]);
    Ok(rule)
}

#[tauri::command]
#[specta::specta]
pub async fn rule_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_rule(&state.actor()?, &id).await?;
    state.notify("rule", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn rule_set_active(state: State<'_, AppState>, id: String, active: bool) -> IpcResult<WorkflowRule> {
    let rule = state.crm()?.set_rule_active(&state.actor()?, &id, active).await?;
    state.notify("rule", &[&rule.id]);
    Ok(rule)
}

#[tauri::command]
#[specta::specta]
pub async fn rule_runs(
    state: State<'_, AppState>,
    rule_id: Option<String>,
    record_id: Option<String>,
    before: Option<i64>,
    limit: u32,
) -> IpcResult<Vec<RuleRun>> {
    Ok(state.crm()?.rule_runs(&state.actor()?, rule_id.as_deref(), record_id.as_deref(), before, limit).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn rule_run_now(state: State<'_, AppState>, id: String) -> IpcResult<ScheduleReport> {
    let report = state.crm()?.run_rule_now(&state.actor()?, &id).await?;
    announce_report(&state, &report);
    state.notify("rule", &[&id]);
    Ok(report)
}

#[tauri::command]
#[specta::specta]
pub async fn rule_fields(state: State<'_, AppState>, entity: Entity) -> IpcResult<Vec<ConditionField>> {
    Ok(state.crm()?.rule_fields(&state.actor()?, entity).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn task_list(
    state: State<'_, AppState>,
    record_id: Option<String>,
    include_done: bool,
) -> IpcResult<Vec<Task>> {
    Ok(state.crm()?.list_tasks(&state.actor()?, record_id.as_deref(), include_done).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn task_create(state: State<'_, AppState>, input: TaskInput) -> IpcResult<Task> {
    let t = state.crm()?.create_task(&state.actor()?, input).await?;
    state.notify("task", &[&t.id]);
    state.notify("notification", &[]);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn task_complete(state: State<'_, AppState>, id: String, done: bool) -> IpcResult<Task> {
    let t = state.crm()?.complete_task(&state.actor()?, &id, done).await?;
    state.notify("task", &[&t.id]);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn task_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_task(&state.actor()?, &id).await?;
    state.notify("task", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn notification_list(state: State<'_, AppState>, limit: u32) -> IpcResult<NotificationList> {
    Ok(state.crm()?.notifications(&state.actor()?, limit).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn notification_mark_read(state: State<'_, AppState>, ids: Vec<String>) -> IpcResult<i64> {
    let n = state.crm()?.mark_notifications_read(&state.actor()?, ids).await?;
    state.notify("notification", &[]);
    Ok(n)
}
