use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::activity::{Activity, ActivityInput, ActivityPage};
use crm_core::changelog::HistoryEntry;
use crm_core::customer::list::{CustomerFilter, CustomerPage, ListRequest};
use crm_core::customer::model::{Customer, CustomerInput};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn customer_list(state: State<'_, AppState>, request: ListRequest) -> IpcResult<CustomerPage> {
    let page = state.crm()?.list_customers(&state.actor()?, &request).await?;
    state.note_list_served();
    Ok(page)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_count(state: State<'_, AppState>, filter: CustomerFilter) -> IpcResult<i64> {
    Ok(state.crm()?.count_customers(&state.actor()?, &filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_distinct_values(state: State<'_, AppState>, key: String) -> IpcResult<Vec<String>> {
    Ok(state.crm()?.distinct_values(&state.actor()?, &key, 2000).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_get(state: State<'_, AppState>, id: String) -> IpcResult<Customer> {
    Ok(state.crm()?.get_customer(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_create(state: State<'_, AppState>, input: CustomerInput) -> IpcResult<Customer> {
    let c = state.crm()?.create_customer(&state.actor()?, input).await?;
    state.notify("customer", &[&c.id]);
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_update(
    state: State<'_, AppState>,
    id: String,
    expected_version: i64,
    input: CustomerInput,
) -> IpcResult<Customer> {
    let c = state.crm()?.update_customer(&state.actor()?, &id, expected_version, input).await?;
    state.notify("customer", &[&id]);
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_customer(&state.actor()?, &id).await?;
    state.notify("customer", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn customer_restore(state: State<'_, AppState>, id: String) -> IpcResult<Customer> {
    let c = state.crm()?.restore_customer(&state.actor()?, &id).await?;
    state.notify("customer", &[&id]);
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_history(
    state: State<'_, AppState>,
    id: String,
    before_seq: Option<i64>,
    limit: u32,
) -> IpcResult<Vec<HistoryEntry>> {
    Ok(state.crm()?.customer_history(&state.actor()?, &id, before_seq, limit).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn activity_list(
    state: State<'_, AppState>,
    customer_id: String,
    cursor: Option<String>,
    limit: u32,
) -> IpcResult<ActivityPage> {
    Ok(state.crm()?.list_activities(&state.actor()?, &customer_id, cursor.as_deref(), limit).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn activity_add(
    state: State<'_, AppState>,
    customer_id: String,
    input: ActivityInput,
) -> IpcResult<Activity> {
    let a = state.crm()?.add_activity(&state.actor()?, &customer_id, input).await?;
    state.notify("activity", &[&customer_id]);
    Ok(a)
}
