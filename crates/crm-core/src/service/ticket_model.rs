//! What a ticket is, as the UI, the CLI and the store see it.

use super::ticket_machine::{TicketAction, TicketStatus};
use crate::customer::model::TerritoryRef;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

crate::choice_enum!(
    /// How urgent a ticket is; decides its SLA with the customer's tier.
    Priority, "priority", [
    Low => "low", "低", "Low";
    Normal => "normal", "普通", "Normal";
    High => "high", "高", "High";
    Urgent => "urgent", "紧急", "Urgent";
]);

crate::choice_enum!(
    /// Where the question came in.
    TicketChannel, "channel", [
    Phone => "phone", "电话", "Phone";
    Email => "email", "邮件", "Email";
    WalkIn => "walk_in", "到店", "Walk-in";
    Web => "web", "网页", "Web";
]);

impl Priority {
    pub fn key(self) -> &'static str {
        crate::customer::model::Choice::key(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketInput {
    pub customer_id: String,
    #[serde(default)]
    pub contact_id: Option<String>,
    pub channel: TicketChannel,
    #[serde(default)]
    pub category: Option<String>,
    pub priority: Priority,
    pub subject: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Give it to this agent now instead of the routing.
    #[serde(default)]
    pub assignee: Option<String>,
}

/// The state of one SLA clock as of now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Done in time.
    Met,
    /// Done late, or still open past the due time.
    Breached,
    /// Open and due within the hour.
    DueSoon,
    Running,
    /// Stopped while waiting on the customer.
    Paused,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Ticket {
    pub id: String,
    /// The number people say on the phone ("#1024").
    pub number: i64,
    pub customer_id: String,
    pub customer_name: String,
    pub contact_id: Option<String>,
    pub territory: Option<TerritoryRef>,
    pub channel: TicketChannel,
    pub category: Option<String>,
    pub priority: Priority,
    pub status: TicketStatus,
    pub subject: String,
    pub description: Option<String>,
    pub assignee: Option<String>,
    pub assignee_name: Option<String>,
    pub tier: Option<String>,
    pub first_response_due: String,
    pub resolution_due: String,
    pub first_response_at: Option<String>,
    pub waiting_since: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    pub first_response_clock: ClockState,
    pub resolution_clock: ClockState,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    /// What the signed-in user may do with it now (the UI offers exactly these).
    pub allowed_actions: Vec<TicketAction>,
    /// Whether the signed-in user may rate it now (closed and not yet rated).
    pub may_rate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketEvent {
    pub at: String,
    pub actor: String,
    /// created, assign, start, wait, resume, resolve, close, reopen, reply, customer_reply,
    /// note, priority, category, attachment, attachment_removed, rating
    pub kind: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketAttachment {
    pub id: String,
    pub path: String,
    pub file_name: String,
    pub size: i64,
    pub added_by: String,
    pub added_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub events: Vec<TicketEvent>,
    pub attachments: Vec<TicketAttachment>,
}

/// What a reply is: an answer to the customer (the first one meets the first-response SLA), the
/// customer's own answer logged by the agent (ends waiting), or an internal note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    Reply,
    CustomerReply,
    Note,
}

impl ReplyKind {
    pub fn key(self) -> &'static str {
        match self {
            ReplyKind::Reply => "reply",
            ReplyKind::CustomerReply => "customer_reply",
            ReplyKind::Note => "note",
        }
    }
}

/// The columns every ticket query reads.
pub(crate) const TICKET_SELECT: &str = "SELECT t.seq, t.id, t.customer_id, c.name AS customer_name, t.contact_id,
        t.territory, tr.id AS territory_id, tr.name AS territory_name, t.channel, t.category, t.priority, t.status,
        t.subject, t.description, t.assignee, u.display_name AS assignee_name, t.tier, t.first_response_due,
        t.resolution_due, t.first_response_at, t.waiting_since, t.resolved_at, t.closed_at, t.rating,
        t.rating_comment, t.version, t.created_at, t.created_by, t.updated_at, t.updated_by
    FROM tickets t JOIN customers c ON c.id = t.customer_id
    LEFT JOIN territories tr ON tr.seq = t.territory
    LEFT JOIN users u ON u.login = t.assignee COLLATE NOCASE";

#[derive(Debug, Clone, FromRow)]
pub(crate) struct TicketRow {
    pub seq: i64,
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub contact_id: Option<String>,
    pub territory: Option<i64>,
    pub territory_id: Option<String>,
    pub territory_name: Option<String>,
    pub channel: String,
    pub category: Option<String>,
    pub priority: String,
    pub status: String,
    pub subject: String,
    pub description: Option<String>,
    pub assignee: Option<String>,
    pub assignee_name: Option<String>,
    pub tier: Option<String>,
    pub first_response_due: String,
    pub resolution_due: String,
    pub first_response_at: Option<String>,
    pub waiting_since: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}
