//! Opening, editing and reading tickets, and the store functions every ticket write uses
//! (the workflow rules' actions included). Status changes, replies, attachments and ratings are
//! in `ticket_actions.rs`.

use super::routing::{TicketRouting, check_agent, route};
use super::sla::{clock_state, dues_for};
use super::ticket_machine::{Standing, TicketAction, TicketStatus, next_status, permitted};
use super::ticket_model::{
    Priority, TICKET_SELECT, Ticket, TicketAttachment, TicketDetail, TicketEvent, TicketInput, TicketRow,
};
use crate::access::{Access, Role};
use crate::changelog::{self, ChangeOp, ChangeSet, LogRow, Stamp};
use crate::conditions::catalog::Entity;
use crate::customer::model::{Choice, TerritoryRef};
use crate::customer::validate::{Problems, optional_text, required_name};
use crate::error::{CoreError, CoreResult};
use crate::workflow::engine::{Trigger, fire};
use crate::{Actor, Crm};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// The editable part of a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketUpdate {
    pub priority: Priority,
    #[serde(default)]
    pub category: Option<String>,
    pub subject: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub contact_id: Option<String>,
}

pub(crate) struct CleanText {
    pub subject: String,
    pub description: Option<String>,
    pub category: Option<String>,
}

pub(crate) fn clean_text(subject: &str, description: Option<&str>, category: Option<&str>) -> CoreResult<CleanText> {
    let mut p = Problems::default();
    let clean = CleanText {
        subject: required_name(&mut p, "subject", subject, 200),
        description: optional_text(&mut p, "notes", description, 20_000),
        category: category.map(str::trim).filter(|c| !c.is_empty()).map(str::to_lowercase),
    };
    p.into_result(clean)
}

pub(crate) async fn ticket_row(conn: &mut SqliteConnection, id: &str) -> CoreResult<TicketRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{TICKET_SELECT} WHERE t.id = ?1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no ticket with id {id}")))
}

pub(crate) async fn add_event(
    conn: &mut SqliteConnection,
    ticket_seq: i64,
    stamp: &Stamp,
    kind: &str,
    from: Option<&str>,
    to: Option<&str>,
    body: Option<&str>,
) -> CoreResult<()> {
    sqlx::query(
        "INSERT INTO ticket_events (ticket_seq, at, actor, kind, from_value, to_value, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(ticket_seq)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .bind(kind)
    .bind(from)
    .bind(to)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

/// Logs a ticket change in the change log, in its customer's history.
pub(crate) async fn log_change(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    row: &TicketRow,
    op: ChangeOp,
    changes: ChangeSet,
) -> CoreResult<()> {
    let changes = if op == ChangeOp::Create { changelog::CREATED.to_string() } else { changes.to_json() };
    changelog::record(
        conn,
        stamp,
        LogRow { entity: "ticket", entity_id: &row.id, root_id: &row.customer_id, op, changes },
    )
    .await
}

/// Sets a ticket's priority and gives it the due times of the new priority, counted from when
/// it was opened. Returns whether anything changed.
pub(crate) async fn set_priority_in(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    row: &TicketRow,
    priority: Priority,
) -> CoreResult<bool> {
    if row.priority == priority.key() {
        return Ok(false);
    }
    // Working time already waited on the customer still does not count.
    let waited: i64 = sqlx::query_scalar("SELECT waited_minutes FROM tickets WHERE seq = ?1")
        .bind(row.seq)
        .fetch_one(&mut *conn)
        .await?;
    let dues =
        dues_for(&mut *conn, priority, row.tier.as_deref(), crate::clock::from_db(&row.created_at), waited).await?;
    sqlx::query(
        "UPDATE tickets SET priority = ?2, first_response_due = ?3, resolution_due = ?4, updated_at = ?5, updated_by = ?6,
            version = version + 1 WHERE seq = ?1",
    )
    .bind(row.seq)
    .bind(priority.key())
    .bind(&dues.first_response)
    .bind(&dues.resolution)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .execute(&mut *conn)
    .await?;
    add_event(conn, row.seq, stamp, "priority", Some(&row.priority), Some(priority.key()), None).await?;
    let mut changes = ChangeSet::default();
    changes.field("priority", Some(&row.priority), Some(&priority.key().to_string()));
    changes.field("resolutionDue", Some(&row.resolution_due), Some(&dues.resolution));
    log_change(conn, stamp, row, ChangeOp::Update, changes).await?;
    Ok(true)
}

/// Gives a ticket to `login` (already checked), moving a new ticket to assigned, and tells the
/// agent when someone else gave it.
pub(crate) async fn assign_in(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    row: &TicketRow,
    login: &str,
    note: Option<&str>,
) -> CoreResult<()> {
    let from = TicketStatus::parse(&row.status)?;
    let to = super::ticket_machine::transition(from, TicketAction::Assign)?;
    sqlx::query(
        "UPDATE tickets SET assignee = ?2, status = ?3, updated_at = ?4, updated_by = ?5, version = version + 1 WHERE seq = ?1",
    )
    .bind(row.seq)
    .bind(login)
    .bind(to.key())
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .execute(&mut *conn)
    .await?;
    add_event(conn, row.seq, stamp, "assign", row.assignee.as_deref(), Some(login), note).await?;
    let mut changes = ChangeSet::default();
    changes.field("assignee", row.assignee.as_ref(), Some(&login.to_string()));
    changes.field("status", Some(&row.status), Some(&to.key().to_string()));
    log_change(conn, stamp, row, ChangeOp::Update, changes).await?;
    if !login.eq_ignore_ascii_case(&stamp.actor) {
        crate::workflow::tasks::notify(
            conn,
            &stamp.at,
            login,
            "assignment",
            &format!("工单 #{} 分配给您 / Ticket #{} is yours: {}", row.seq, row.seq, row.subject),
            Some(&row.customer_name),
            Some(("ticket", &row.id)),
        )
        .await?;
    }
    Ok(())
}

/// How the user stands to the ticket.
pub(crate) fn standing(access: &Access, row: &TicketRow) -> Standing {
    Standing {
        is_assignee: row.assignee.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&access.login)),
        supervises: matches!(access.role, Role::Manager | Role::Admin),
        may_take: row.assignee.is_none() && access.role == Role::Service,
    }
}

pub(crate) fn to_ticket(row: TicketRow, access: &Access, now: DateTime<Utc>) -> CoreResult<Ticket> {
    let status = TicketStatus::parse(&row.status)?;
    let who = standing(access, &row);
    let allowed_actions = TicketAction::ALL
        .into_iter()
        .filter(|a| next_status(status, *a).is_some() && permitted(*a, who).is_ok())
        .collect();
    let first_response_clock = clock_state(&row.first_response_due, row.first_response_at.as_deref(), None, now);
    let resolution_clock =
        clock_state(&row.resolution_due, row.resolved_at.as_deref(), row.waiting_since.as_deref(), now);
    let territory = match (row.territory_id, row.territory_name) {
        (Some(id), Some(name)) => Some(TerritoryRef { id, name }),
        _ => None,
    };
    Ok(Ticket {
        may_rate: status == TicketStatus::Closed && row.rating.is_none(),
        id: row.id,
        number: row.seq,
        customer_id: row.customer_id,
        customer_name: row.customer_name,
        contact_id: row.contact_id,
        territory,
        channel: Choice::from_key(&row.channel).ok_or_else(|| CoreError::internal("bad channel"))?,
        category: row.category,
        priority: Priority::from_key(&row.priority).ok_or_else(|| CoreError::internal("bad priority"))?,
        status,
        subject: row.subject,
        description: row.description,
        assignee: row.assignee,
        assignee_name: row.assignee_name,
        tier: row.tier,
        first_response_due: row.first_response_due,
        resolution_due: row.resolution_due,
        first_response_at: row.first_response_at,
        waiting_since: row.waiting_since,
        resolved_at: row.resolved_at,
        closed_at: row.closed_at,
        first_response_clock,
        resolution_clock,
        rating: row.rating,
        rating_comment: row.rating_comment,
        version: row.version,
        created_at: row.created_at,
        created_by: row.created_by,
        updated_at: row.updated_at,
        allowed_actions,
    })
}

impl Crm {
    /// Reads a ticket for `access`, refusing (and recording) one outside their territories.
    pub(crate) async fn ticket_in_scope(&self, access: &Access, id: &str, action: &str) -> CoreResult<TicketRow> {
        let mut conn = self.db.reader.acquire().await?;
        let row = ticket_row(&mut conn, id).await?;
        drop(conn);
        if !access.scope.contains(row.territory) {
            return Err(self.refuse(&access.login, action, Some(id), crate::access::OUTSIDE_SCOPE).await);
        }
        Ok(row)
    }

    /// Opens a ticket for a customer in the user's scope. Its SLA due times come from its
    /// priority and the customer's tier; the workflow rules run on it (a VIP's ticket becomes
    /// high priority); then, if nobody has it yet, the routing gives it to an agent.
    pub async fn create_ticket(&self, actor: &Actor, input: TicketInput) -> CoreResult<Ticket> {
        let access = self.customer_access(actor, &input.customer_id, "ticket.create").await?;
        let text = clean_text(&input.subject, input.description.as_deref(), input.category.as_deref())?;
        let wanted = input.assignee.as_deref().map(str::trim).filter(|a| !a.is_empty());
        if let Some(a) = wanted
            && !matches!(access.role, Role::Manager | Role::Admin)
            && !(access.role == Role::Service && a.eq_ignore_ascii_case(&access.login))
        {
            return Err(self
                .refuse(
                    &access.login,
                    "ticket.assign",
                    None,
                    "only a manager or an administrator assigns tickets to others",
                )
                .await);
        }
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        TicketRouting::load(&mut tx).await?.check_category(text.category.as_deref())?;
        crate::sales::opportunities::check_contact(&mut tx, &input.customer_id, input.contact_id.as_deref()).await?;
        let (territory, tier): (Option<i64>, Option<String>) =
            sqlx::query_as("SELECT territory, tier FROM customers WHERE id = ?1 AND deleted_at IS NULL")
                .bind(&input.customer_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| CoreError::not_found("the customer is in the trash; restore it first"))?;
        let dues = dues_for(&mut tx, input.priority, tier.as_deref(), now, 0).await?;
        let id = crate::new_id();
        sqlx::query(
            "INSERT INTO tickets (id, customer_id, contact_id, territory, channel, category, priority, status, subject,
                description, tier, first_response_due, resolution_due, created_at, created_by, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?13, ?14)",
        )
        .bind(&id)
        .bind(&input.customer_id)
        .bind(input.contact_id.as_deref().map(str::trim).filter(|c| !c.is_empty()))
        .bind(territory)
        .bind(input.channel.key())
        .bind(&text.category)
        .bind(input.priority.key())
        .bind(&text.subject)
        .bind(&text.description)
        .bind(&tier)
        .bind(&dues.first_response)
        .bind(&dues.resolution)
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .execute(&mut *tx)
        .await?;
        let row = ticket_row(&mut tx, &id).await?;
        add_event(&mut tx, row.seq, &stamp, "created", None, Some("new"), None).await?;
        log_change(&mut tx, &stamp, &row, ChangeOp::Create, ChangeSet::default()).await?;
        if let Some(a) = wanted {
            let login = check_agent(&mut tx, a, territory).await?;
            assign_in(&mut tx, &stamp, &row, &login, None).await?;
        }
        fire(&mut tx, &stamp, now, Entity::Ticket, &id, Trigger::Created).await?;
        let row = ticket_row(&mut tx, &id).await?;
        if row.assignee.is_none()
            && let Some(agent) = route(&mut tx, row.territory, row.category.as_deref()).await?
        {
            let routing = Stamp { actor: "routing".into(), ..stamp.clone() };
            assign_in(&mut tx, &routing, &row, &agent, None).await?;
            fire(&mut tx, &stamp, now, Entity::Ticket, &id, Trigger::StatusChanged).await?;
        }
        let row = ticket_row(&mut tx, &id).await?;
        tx.commit().await?;
        to_ticket(row, &access, now)
    }

    /// Edits subject, description, category, contact and priority (the agent, managers and
    /// administrators). A new priority brings new due times.
    pub async fn update_ticket(
        &self,
        actor: &Actor,
        id: &str,
        expected_version: i64,
        input: TicketUpdate,
    ) -> CoreResult<Ticket> {
        let access = self.access(actor).await?;
        let row = self.ticket_in_scope(&access, id, "ticket.update").await?;
        let who = standing(&access, &row);
        if !who.supervises && !who.is_assignee {
            return Err(self
                .refuse(
                    &access.login,
                    "ticket.update",
                    Some(id),
                    "only the ticket's agent, a manager or an administrator may edit it",
                )
                .await);
        }
        let text = clean_text(&input.subject, input.description.as_deref(), input.category.as_deref())?;
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let row = ticket_row(&mut tx, id).await?;
        if row.version != expected_version {
            return Err(CoreError::conflict(format!(
                "ticket #{} was changed by {} meanwhile; reload it and edit again",
                row.seq, row.updated_by
            )));
        }
        TicketRouting::load(&mut tx).await?.check_category(text.category.as_deref())?;
        crate::sales::opportunities::check_contact(&mut tx, &row.customer_id, input.contact_id.as_deref()).await?;
        let contact = input.contact_id.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string);
        let mut changes = ChangeSet::default();
        changes.field("subject", Some(&row.subject), Some(&text.subject));
        changes.field("description", row.description.as_ref(), text.description.as_ref());
        changes.field("category", row.category.as_ref(), text.category.as_ref());
        changes.field("contactId", row.contact_id.as_ref(), contact.as_ref());
        let changed = !changes.is_empty();
        if changed {
            sqlx::query(
                "UPDATE tickets SET subject = ?2, description = ?3, category = ?4, contact_id = ?5, updated_at = ?6,
                    updated_by = ?7, version = version + 1 WHERE seq = ?1",
            )
            .bind(row.seq)
            .bind(&text.subject)
            .bind(&text.description)
            .bind(&text.category)
            .bind(&contact)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
            if row.category != text.category {
                add_event(
                    &mut tx,
                    row.seq,
                    &stamp,
                    "category",
                    row.category.as_deref(),
                    text.category.as_deref(),
                    None,
                )
                .await?;
            }
            log_change(&mut tx, &stamp, &row, ChangeOp::Update, changes).await?;
        }
        let current = ticket_row(&mut tx, id).await?;
        let reprioritised = set_priority_in(&mut tx, &stamp, &current, input.priority).await?;
        if changed || reprioritised {
            fire(&mut tx, &stamp, now, Entity::Ticket, id, Trigger::Updated).await?;
        }
        let row = ticket_row(&mut tx, id).await?;
        tx.commit().await?;
        to_ticket(row, &access, now)
    }

    pub async fn get_ticket(&self, actor: &Actor, id: &str) -> CoreResult<TicketDetail> {
        let access = self.access(actor).await?;
        let row = self.ticket_in_scope(&access, id, "ticket.read").await?;
        let seq = row.seq;
        let mut conn = self.db.reader.acquire().await?;
        type EventRow = (String, String, String, Option<String>, Option<String>, Option<String>);
        let events: Vec<EventRow> = sqlx::query_as(
            "SELECT at, actor, kind, from_value, to_value, body FROM ticket_events WHERE ticket_seq = ?1 ORDER BY seq",
        )
        .bind(seq)
        .fetch_all(&mut *conn)
        .await?;
        let attachments: Vec<(String, String, String, i64, String, String)> = sqlx::query_as(
            "SELECT id, path, file_name, size, added_by, added_at FROM ticket_attachments
             WHERE ticket_seq = ?1 AND removed_at IS NULL ORDER BY seq",
        )
        .bind(seq)
        .fetch_all(&mut *conn)
        .await?;
        Ok(TicketDetail {
            ticket: to_ticket(row, &access, self.now())?,
            events: events
                .into_iter()
                .map(|(at, actor, kind, from_value, to_value, body)| TicketEvent {
                    at,
                    actor,
                    kind,
                    from_value,
                    to_value,
                    body,
                })
                .collect(),
            attachments: attachments
                .into_iter()
                .map(|(id, path, file_name, size, added_by, added_at)| TicketAttachment {
                    id,
                    path,
                    file_name,
                    size,
                    added_by,
                    added_at,
                })
                .collect(),
        })
    }

    /// A customer's tickets, newest first (the 360 page and the service desk).
    pub async fn customer_tickets(&self, actor: &Actor, customer_id: &str, limit: u32) -> CoreResult<Vec<Ticket>> {
        let access = self.customer_access(actor, customer_id, "ticket.read").await?;
        let rows: Vec<TicketRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{TICKET_SELECT} WHERE t.customer_id = ?1 ORDER BY t.seq DESC LIMIT ?2"
        )))
        .bind(customer_id)
        .bind(i64::from(limit.clamp(1, 500)))
        .fetch_all(&self.db.reader)
        .await?;
        let now = self.now();
        rows.into_iter().map(|r| to_ticket(r, &access, now)).collect()
    }
}
