//! Signing in and out, the first start, and the administrator's screens: users, the org tree,
//! territories and the audit log. The core decides who may do what.

use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::Actor;
use crm_core::access::accounts::{NewUser, User, UserUpdate};
use crm_core::access::audit::{AuditCursor, AuditFilter, AuditPage};
use crm_core::access::org::OrgUnit;
use crm_core::access::territories::{Territory, TerritoryInput};
use serde::Serialize;
use tauri::State;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatus {
    /// No account exists yet: the app shows the first-start form.
    pub needs_setup: bool,
    /// Who is signed in, if anyone.
    pub user: Option<User>,
}

/// Where the app stands; signs the remembered user of a one-person installation in.
#[tauri::command]
#[specta::specta]
pub async fn auth_status(state: State<'_, AppState>) -> IpcResult<AuthStatus> {
    let crm = state.crm()?;
    if let Ok(actor) = state.actor()
        && let Ok(user) = crm.current_user(&actor).await
    {
        return Ok(AuthStatus { needs_setup: false, user: Some(user) });
    }
    let remembered = crm.remembered_user().await?;
    state.set_session(remembered.as_ref().map(|u| Actor::named(&u.login)));
    Ok(AuthStatus { needs_setup: crm.needs_setup().await?, user: remembered })
}

#[tauri::command]
#[specta::specta]
pub async fn auth_setup(state: State<'_, AppState>, company: String, admin: NewUser) -> IpcResult<User> {
    let user = state.crm()?.create_first_admin(&company, admin).await?;
    state.set_session(Some(Actor::named(&user.login)));
    Ok(user)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_sign_in(state: State<'_, AppState>, login: String, password: String) -> IpcResult<User> {
    let user = state.crm()?.sign_in(&login, &password).await?;
    state.set_session(Some(Actor::named(&user.login)));
    Ok(user)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_sign_out(state: State<'_, AppState>) -> IpcResult<()> {
    if let Ok(actor) = state.actor() {
        state.crm()?.set_stay_signed_in(&actor, false).await?;
    }
    state.set_session(None);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn auth_stay_signed_in(state: State<'_, AppState>, stay: bool) -> IpcResult<()> {
    Ok(state.crm()?.set_stay_signed_in(&state.actor()?, stay).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn auth_change_password(state: State<'_, AppState>, current: String, new_password: String) -> IpcResult<()> {
    Ok(state.crm()?.change_own_password(&state.actor()?, &current, &new_password).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn user_list(state: State<'_, AppState>) -> IpcResult<Vec<User>> {
    Ok(state.crm()?.list_users(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn user_add(state: State<'_, AppState>, input: NewUser) -> IpcResult<User> {
    Ok(state.crm()?.add_user(&state.actor()?, input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn user_update(state: State<'_, AppState>, id: String, update: UserUpdate) -> IpcResult<User> {
    Ok(state.crm()?.update_user(&state.actor()?, &id, update).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn user_set_active(state: State<'_, AppState>, id: String, active: bool) -> IpcResult<User> {
    Ok(state.crm()?.set_user_active(&state.actor()?, &id, active).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn user_reset_password(state: State<'_, AppState>, id: String, password: String) -> IpcResult<()> {
    Ok(state.crm()?.reset_password(&state.actor()?, &id, &password).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn org_list(state: State<'_, AppState>) -> IpcResult<Vec<OrgUnit>> {
    Ok(state.crm()?.org_units(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn org_create(state: State<'_, AppState>, name: String, parent_id: String) -> IpcResult<OrgUnit> {
    Ok(state.crm()?.create_org_unit(&state.actor()?, &name, &parent_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn org_rename(state: State<'_, AppState>, id: String, name: String) -> IpcResult<OrgUnit> {
    Ok(state.crm()?.rename_org_unit(&state.actor()?, &id, &name).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn org_move(state: State<'_, AppState>, id: String, parent_id: String) -> IpcResult<OrgUnit> {
    let unit = state.crm()?.move_org_unit(&state.actor()?, &id, &parent_id).await?;
    state.notify("customer", &[]); // scopes changed: lists refresh
    Ok(unit)
}

#[tauri::command]
#[specta::specta]
pub async fn org_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    Ok(state.crm()?.delete_org_unit(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn territory_list(state: State<'_, AppState>) -> IpcResult<Vec<Territory>> {
    Ok(state.crm()?.territories(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn territory_create(state: State<'_, AppState>, input: TerritoryInput) -> IpcResult<Territory> {
    let t = state.crm()?.create_territory(&state.actor()?, input).await?;
    state.notify("customer", &[]);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn territory_update(state: State<'_, AppState>, id: String, input: TerritoryInput) -> IpcResult<Territory> {
    let t = state.crm()?.update_territory(&state.actor()?, &id, input).await?;
    state.notify("customer", &[]);
    Ok(t)
}

#[tauri::command]
#[specta::specta]
pub async fn territory_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_territory(&state.actor()?, &id).await?;
    state.notify("customer", &[]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn audit_list(
    state: State<'_, AppState>,
    filter: AuditFilter,
    cursor: Option<AuditCursor>,
    limit: u32,
) -> IpcResult<AuditPage> {
    Ok(state.crm()?.audit_log(&state.actor()?, &filter, cursor, limit).await?)
}
