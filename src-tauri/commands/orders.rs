use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::commerce::order_model::{CustomerOrders, Order, OrderInput};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn order_create(state: State<'_, AppState>, input: OrderInput) -> IpcResult<Order> {
    let order = state.crm()?.create_order(&state.actor()?, input).await?;
    state.notify("order", &[&order.id]);
    Ok(order)
}

#[tauri::command]
#[specta::specta]
pub async fn order_update(state: State<'_, AppState>, id: String, input: OrderInput) -> IpcResult<Order> {
    let order = state.crm()?.update_order(&state.actor()?, &id, input).await?;
    state.notify("order", &[&order.id]);
    Ok(order)
}

#[tauri::command]
#[specta::specta]
pub async fn order_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_order(&state.actor()?, &id).await?;
    state.notify("order", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn order_get(state: State<'_, AppState>, id: String) -> IpcResult<Order> {
    Ok(state.crm()?.get_order(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_orders(state: State<'_, AppState>, customer_id: String, limit: u32) -> IpcResult<CustomerOrders> {
    Ok(state.crm()?.customer_orders(&state.actor()?, &customer_id, limit).await?)
}
