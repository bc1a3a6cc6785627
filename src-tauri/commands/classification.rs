use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::classification::fields::{FieldDef, FieldInput, FieldUpdate};
use crm_core::classification::tags::{Tag, TagInput};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn field_list(state: State<'_, AppState>) -> IpcResult<Vec<FieldDef>> {
    Ok(state.crm()?.list_fields().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn field_create(state: State<'_, AppState>, input: FieldInput) -> IpcResult<FieldDef> {
    let f = state.crm()?.create_field(&state.actor()?, input).await?;
    state.notify("field", &[&f.id]);
    Ok(f)
}

#[tauri::command]
#[specta::specta]
pub async fn field_update(state: State<'_, AppState>, id: String, update: FieldUpdate) -> IpcResult<FieldDef> {
    let f = state.crm()?.update_field(&state.actor()?, &id, update).await?;
    state.notify("field", &[&id]);
    Ok(f)
}

#[tauri::command]
#[specta::specta]
pub async fn field_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_field(&state.actor()?, &id).await?;
    state.notify("field", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn field_restore(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.restore_field(&state.actor()?, &id).await?;
    state.notify("field", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn tag_list(state: State<'_, AppState>) -> IpcResult<Vec<Tag>> {
    Ok(state.crm()?.list_tags().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn tag_create(state: State<'_, AppState>, input: TagInput) -> IpcResult<Tag> {
    let t = state.crm()?.create_tag(&state.actor()?, input).await?;
    state.notify("tag", &[&t.id]);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn tag_update(state: State<'_, AppState>, id: String, input: TagInput) -> IpcResult<Tag> {
    let t = state.crm()?.update_tag(&state.actor()?, &id, input).await?;
    state.notify("tag", &[&id]);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn tag_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_tag(&state.actor()?, &id).await?;
    state.notify("tag", &[&id]);
    Ok(())
}
