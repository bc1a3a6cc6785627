use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::contact::{Contact, ContactInput};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn contact_list(state: State<'_, AppState>, customer_id: String) -> IpcResult<Vec<Contact>> {
    Ok(state.crm()?.list_contacts(&state.actor()?, &customer_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn contact_create(
    state: State<'_, AppState>,
    customer_id: String,
    input: ContactInput,
) -> IpcResult<Contact> {
    let c = state.crm()?.create_contact(&state.actor()?, &customer_id, input).await?;
    state.notify("contact", &[&customer_id]);
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn contact_update(state: State<'_, AppState>, id: String, input: ContactInput) -> IpcResult<Contact> {
    let c = state.crm()?.update_contact(&state.actor()?, &id, input).await?;
    state.notify("contact", &[&c.customer_id]);
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn contact_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_contact(&state.actor()?, &id).await?;
    state.notify("contact", &[]);
    Ok(())
}
