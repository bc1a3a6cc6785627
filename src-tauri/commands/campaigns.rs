use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::campaigns::smtp::{SmtpSettings, SmtpSettingsInput};
use crm_core::campaigns::{
    Audience, Campaign, CampaignInput, CampaignRecipientPage, CampaignResults, CustomerCampaigns, DeliveryReport,
    DeliveryRequest, MessagePreview, RecipientMark, RecipientOutcome,
};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn campaign_list(state: State<'_, AppState>) -> IpcResult<Vec<Campaign>> {
    Ok(state.crm()?.campaigns(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_get(state: State<'_, AppState>, id: String) -> IpcResult<Campaign> {
    Ok(state.crm()?.campaign(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_create(state: State<'_, AppState>, input: CampaignInput) -> IpcResult<Campaign> {
    let c = state.crm()?.create_campaign(&state.actor()?, input).await?;
    state.notify("campaign", &[&c.id]);
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_update(state: State<'_, AppState>, id: String, input: CampaignInput) -> IpcResult<Campaign> {
    let c = state.crm()?.update_campaign(&state.actor()?, &id, input).await?;
    state.notify("campaign", &[&id]);
    Ok(c)
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_delete(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.crm()?.delete_campaign(&state.actor()?, &id).await?;
    state.notify("campaign", &[&id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_audience(state: State<'_, AppState>, id: String) -> IpcResult<Audience> {
    Ok(state.crm()?.campaign_audience(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_preview(
    state: State<'_, AppState>,
    id: String,
    customer_id: String,
) -> IpcResult<MessagePreview> {
    Ok(state.crm()?.preview_campaign(&state.actor()?, &id, &customer_id).await?)
}

/// Where the .eml files of a campaign go unless the user picks another folder.
#[tauri::command]
#[specta::specta]
pub async fn campaign_default_eml_directory(name: String) -> IpcResult<String> {
    Ok(crm_core::campaigns::default_eml_directory(&name))
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_send(
    state: State<'_, AppState>,
    id: String,
    request: DeliveryRequest,
) -> IpcResult<DeliveryReport> {
    let report = state.crm()?.send_campaign(&state.actor()?, &id, request).await?;
    state.notify("campaign", &[&id]);
    Ok(report)
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_results(state: State<'_, AppState>, id: String) -> IpcResult<CampaignResults> {
    Ok(state.crm()?.campaign_results(&state.actor()?, &id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn campaign_recipients(
    state: State<'_, AppState>,
    id: String,
    outcome: Option<RecipientOutcome>,
    cursor: Option<String>,
    limit: u32,
) -> IpcResult<CampaignRecipientPage> {
    Ok(state.crm()?.campaign_recipients(&state.actor()?, &id, outcome, cursor.as_deref(), limit).await?)
}

/// Marks (or with `on` false unmarks) recipients; returns how many changed.
#[tauri::command]
#[specta::specta]
pub async fn campaign_mark(
    state: State<'_, AppState>,
    id: String,
    customer_ids: Vec<String>,
    mark: RecipientMark,
    on: bool,
) -> IpcResult<u32> {
    let n = state.crm()?.mark_campaign_recipients(&state.actor()?, &id, &customer_ids, mark, on).await?;
    state.notify("campaign", &[&id]);
    if mark == RecipientMark::Unsubscribed {
        state.notify("customer", &customer_ids.iter().map(String::as_str).collect::<Vec<_>>());
    }
    Ok(n as u32)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_campaigns(state: State<'_, AppState>, customer_id: String) -> IpcResult<CustomerCampaigns> {
    Ok(state.crm()?.customer_campaigns(&state.actor()?, &customer_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_set_unsubscribed(
    state: State<'_, AppState>,
    customer_id: String,
    unsubscribed: bool,
) -> IpcResult<()> {
    state.crm()?.set_customer_unsubscribed(&state.actor()?, &customer_id, unsubscribed).await?;
    state.notify("customer", &[&customer_id]);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_settings_get(state: State<'_, AppState>) -> IpcResult<Option<SmtpSettings>> {
    Ok(state.crm()?.smtp_settings(&state.actor()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_settings_set(state: State<'_, AppState>, input: SmtpSettingsInput) -> IpcResult<SmtpSettings> {
    Ok(state.crm()?.set_smtp_settings(&state.actor()?, input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_test(state: State<'_, AppState>) -> IpcResult<()> {
    Ok(state.crm()?.test_smtp(&state.actor()?).await?)
}
