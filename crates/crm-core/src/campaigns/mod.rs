//! Campaigns to segments (营销自动化): one message with placeholders sent to the members of a
//! segment, leaving out a blacklist segment and the unsubscribed; delivered as one .eml file per
//! recipient or through the configured SMTP server; with who got what, who responded, who
//! converted and the orders the recipients placed afterwards.
//!
//! Sending freezes the audience first (every recipient and their rendered message in one
//! transaction), then records each delivery as it happens, so an interrupted send resumes where
//! it stopped and never mails a delivered recipient twice.

mod audience;
mod delivery;
mod results;
pub mod smtp;
pub(crate) mod store;
pub mod template;

pub use delivery::CampaignRuns;

use crate::commerce::order_model::CurrencyTotal;
use crate::settings::Language;
use serde::{Deserialize, Serialize};

/// Where a campaign's .eml files go unless the user names another folder: the user's documents,
/// one folder per campaign.
pub fn default_eml_directory(campaign_name: &str) -> String {
    let safe: String = campaign_name
        .trim()
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let base = dirs::document_dir().or_else(dirs::home_dir).unwrap_or_else(std::env::temp_dir);
    base.join("Kehu CRM")
        .join("campaigns")
        .join(if safe.is_empty() { "campaign".to_string() } else { safe })
        .display()
        .to_string()
}

crate::choice_enum!(
    /// Where a campaign is in its life.
    CampaignStatus, "campaign status", [
    Draft => "draft", "草稿", "Draft";
    Sending => "sending", "发送中", "Sending";
    Sent => "sent", "已发送", "Sent";
]);

crate::choice_enum!(
    /// What became of one recipient's message.
    RecipientOutcome, "recipient outcome", [
    Pending => "pending", "待发送", "Pending";
    Delivered => "delivered", "已送达", "Delivered";
    Failed => "failed", "发送失败", "Failed";
    Skipped => "skipped", "已排除", "Skipped";
]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CampaignInput {
    pub name: String,
    /// The segment whose members receive it.
    pub segment_id: String,
    /// A segment (a blacklist) whose members never receive it.
    #[serde(default)]
    pub exclude_segment_id: Option<String>,
    pub from_address: String,
    #[serde(default)]
    pub from_name: Option<String>,
    /// Subject and body may hold placeholders: `{{name}}`, `{{company}}`, `{{tier}}`,
    /// `{{email}}`, any field's key (`{{city}}`, `{{custom.gender}}`) or label (`{{城市}}`), and a
    /// fallback for an empty value after a bar: `{{company|贵公司}}`.
    pub subject: String,
    pub body: String,
    /// The language choice values (a tier, a lifecycle) are written in.
    pub language: Language,
    /// Orders a recipient places within this many days of delivery count as the campaign's.
    pub attribution_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub segment_id: String,
    pub segment_name: String,
    pub exclude_segment_id: Option<String>,
    pub exclude_segment_name: Option<String>,
    pub from_address: String,
    pub from_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub language: Language,
    pub attribution_days: u32,
    pub status: CampaignStatus,
    pub channel: Option<DeliveryChannel>,
    pub eml_directory: Option<String>,
    pub sent_at: Option<String>,
    pub sent_by: Option<String>,
    pub owner: String,
    pub created_at: String,
    pub updated_at: String,
    /// Whether the reader may change, send it and mark its recipients (its owner, a manager or
    /// an administrator).
    pub may_edit: bool,
}

crate::choice_enum!(
    /// How the messages leave.
    DeliveryChannel, "delivery channel", [
    Eml => "eml", ".eml 文件", ".eml files";
    Smtp => "smtp", "SMTP 邮件服务器", "SMTP server";
]);

/// How to send: the channel and, for .eml files, the folder they are written to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeliveryRequest {
    pub channel: DeliveryChannel,
    #[serde(default)]
    pub eml_directory: Option<String>,
}

/// Who a campaign would reach now, before it is sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Audience {
    /// Members of the segment the reader may see.
    pub members: i64,
    pub blacklisted: i64,
    pub unsubscribed: i64,
    /// Members with no usable e-mail address (neither theirs nor a contact's).
    pub without_address: i64,
    pub recipients: i64,
}

/// The message as one recipient gets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MessagePreview {
    pub customer_id: String,
    pub customer_name: String,
    pub email: Option<String>,
    pub subject: String,
    pub body: String,
    /// Why this customer would not get it (blacklisted, unsubscribed, no address), if so.
    pub excluded: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeliveryReport {
    pub delivered: i64,
    pub failed: i64,
    pub skipped: i64,
    /// Still to send: the run stopped early (the server could not be reached).
    pub pending: i64,
    /// Why the run stopped early, if it did.
    pub stopped: Option<String>,
}

/// A campaign's results among the recipients the reader may see.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CampaignResults {
    pub recipients: i64,
    /// Delivered (reached).
    pub reached: i64,
    pub failed: i64,
    pub skipped: i64,
    pub pending: i64,
    pub responded: i64,
    /// Marked converted by hand, or placed a counted order within the attribution window.
    pub converted: i64,
    /// Counted orders the reached recipients placed within the attribution window.
    pub attributed_orders: i64,
    pub attributed_amount: Vec<CurrencyTotal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CampaignRecipient {
    pub customer_id: String,
    pub customer_name: String,
    pub email: Option<String>,
    pub outcome: RecipientOutcome,
    pub reason: Option<String>,
    pub delivered_at: Option<String>,
    pub responded_at: Option<String>,
    pub converted_at: Option<String>,
    pub unsubscribed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CampaignRecipientPage {
    pub rows: Vec<CampaignRecipient>,
    pub next_cursor: Option<String>,
}

crate::choice_enum!(
    /// What a user marks on recipients.
    RecipientMark, "recipient mark", [
    Responded => "responded", "已回复", "Responded";
    Converted => "converted", "已转化", "Converted";
    Unsubscribed => "unsubscribed", "已退订", "Unsubscribed";
]);

/// A campaign that reached a customer, for the 360 page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerCampaign {
    pub campaign_id: String,
    pub name: String,
    pub outcome: RecipientOutcome,
    pub delivered_at: Option<String>,
    pub responded_at: Option<String>,
    pub converted_at: Option<String>,
}

/// A customer's campaigns and whether they take campaigns at all, for the 360 page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerCampaigns {
    /// When the customer unsubscribed; none: subscribed.
    pub unsubscribed_at: Option<String>,
    pub campaigns: Vec<CustomerCampaign>,
}
