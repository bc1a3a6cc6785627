//! Working a ticket: status changes through the state machine (with the SLA clock stopped while
//! waiting on the customer), replies and notes, attachments by file path, and the customer's
//! rating after closing.

use super::calendar::WorkCalendar;
use super::routing::{check_agent, route};
use super::ticket_machine::{TicketAction, TicketStatus, permitted, transition};
use super::ticket_model::{ReplyKind, Ticket, TicketDetail, TicketRow};
use super::tickets::{add_event, assign_in, log_change, standing, ticket_row, to_ticket};
use crate::changelog::{ChangeOp, ChangeSet, Stamp};
use crate::conditions::catalog::Entity;
use crate::error::{CoreError, CoreResult};
use crate::workflow::engine::{Trigger, fire};
use crate::{Actor, Crm};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketActionInput {
    pub action: TicketAction,
    /// For `assign`: who gets it. A manager without a name lets the routing choose; an agent
    /// takes it himself.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Why, or what was done (shown in the history).
    #[serde(default)]
    pub note: Option<String>,
}

fn clean_note(note: Option<&str>) -> CoreResult<Option<String>> {
    let mut p = crate::customer::validate::Problems::default();
    let n = crate::customer::validate::optional_text(&mut p, "notes", note, 10_000);
    p.into_result(n)
}

/// Ends a wait on the customer: the resolution due time moves by the working time waited.
async fn end_wait(conn: &mut SqliteConnection, row: &TicketRow, now: DateTime<Utc>) -> CoreResult<()> {
    let Some(since) = row.waiting_since.as_deref() else { return Ok(()) };
    let cal = WorkCalendar::load(&mut *conn).await?;
    let waited = cal.business_minutes_between(crate::clock::from_db(since), now);
    let due = cal.add_business_minutes(crate::clock::from_db(&row.resolution_due), waited);
    // Adding zero minutes outside the hours moves to the next opening; keep the due time then.
    let due = if waited == 0 { row.resolution_due.clone() } else { crate::clock::to_db(due) };
    sqlx::query("UPDATE tickets SET waiting_since = NULL, resolution_due = ?2, waited_minutes = waited_minutes + ?3 WHERE seq = ?1")
        .bind(row.seq)
        .bind(due)
        .bind(waited)
        .execute(conn)
        .await?;
    Ok(())
}

/// Applies a status action (not assign) inside the caller's transaction.
pub(crate) async fn change_status_in(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    row: &TicketRow,
    action: TicketAction,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<TicketStatus> {
    let from = TicketStatus::parse(&row.status)?;
    let to = transition(from, action)?;
    if from == TicketStatus::Waiting && to != TicketStatus::Waiting {
        end_wait(&mut *conn, row, now).await?;
    }
    let at = &stamp.at;
    let sql = match action {
        TicketAction::Wait => "UPDATE tickets SET status = ?2, waiting_since = ?3 WHERE seq = ?1",
        TicketAction::Resolve => {
            "UPDATE tickets SET status = ?2, resolved_at = ?3, first_response_at = coalesce(first_response_at, ?3) WHERE seq = ?1"
        }
        TicketAction::Close => "UPDATE tickets SET status = ?2, closed_at = ?3 WHERE seq = ?1",
        TicketAction::Reopen => {
            "UPDATE tickets SET status = ?2, resolved_at = NULL, closed_at = NULL WHERE seq = ?1 AND ?3 IS NOT NULL"
        }
        _ => "UPDATE tickets SET status = ?2 WHERE seq = ?1 AND ?3 IS NOT NULL",
    };
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(row.seq).bind(to.key()).bind(at).execute(&mut *conn).await?;
    sqlx::query("UPDATE tickets SET updated_at = ?2, updated_by = ?3, version = version + 1 WHERE seq = ?1")
        .bind(row.seq)
        .bind(at)
        .bind(&stamp.actor)
        .execute(&mut *conn)
        .await?;
    add_event(&mut *conn, row.seq, stamp, action.key(), Some(from.key()), Some(to.key()), note).await?;
    let mut changes = ChangeSet::default();
    changes.field("status", Some(&row.status), Some(&to.key().to_string()));
    log_change(conn, stamp, row, ChangeOp::Update, changes).await?;
    Ok(to)
}

impl Crm {
    /// Takes a status action on a ticket (or assigns it), as the state machine and the user's
    /// standing allow.
    pub async fn act_on_ticket(&self, actor: &Actor, id: &str, input: TicketActionInput) -> CoreResult<Ticket> {
        let access = self.access(actor).await?;
        let row = self.ticket_in_scope(&access, id, "ticket.act").await?;
        let who = standing(&access, &row);
        transition(TicketStatus::parse(&row.status)?, input.action)?;
        if let Err(reason) = permitted(input.action, who) {
            return Err(self.refuse(&access.login, "ticket.act", Some(id), reason).await);
        }
        let wanted = input.assignee.as_deref().map(str::trim).filter(|a| !a.is_empty());
        if input.action == TicketAction::Assign
            && !who.supervises
            && wanted.is_some_and(|a| !a.eq_ignore_ascii_case(&access.login))
        {
            return Err(self
                .refuse(
                    &access.login,
                    "ticket.assign",
                    Some(id),
                    "an agent may take a ticket himself, not give it to others",
                )
                .await);
        }
        let note = clean_note(input.note.as_deref())?;
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let row = ticket_row(&mut tx, id).await?;
        // Decided again on the row as it is now: two agents taking the same ticket, or an agent
        // reassigned meanwhile, must not both succeed.
        let who = standing(&access, &row);
        transition(TicketStatus::parse(&row.status)?, input.action)?;
        if let Err(reason) = permitted(input.action, who) {
            drop(tx);
            return Err(self.refuse(&access.login, "ticket.act", Some(id), reason).await);
        }
        let trigger = if input.action == TicketAction::Assign {
            let login = match (wanted, who.supervises) {
                (Some(a), _) => check_agent(&mut tx, a, row.territory).await?,
                (None, true) => route(&mut tx, row.territory, row.category.as_deref()).await?.ok_or_else(|| {
                    CoreError::invalid("no active agent works this ticket's territory; choose one by name")
                })?,
                (None, false) => check_agent(&mut tx, &access.login, row.territory).await?,
            };
            assign_in(&mut tx, &stamp, &row, &login, note.as_deref()).await?;
            if row.status == "new" { Trigger::StatusChanged } else { Trigger::Updated }
        } else {
            change_status_in(&mut tx, &stamp, &row, input.action, note.as_deref(), now).await?;
            Trigger::StatusChanged
        };
        fire(&mut tx, &stamp, now, Entity::Ticket, id, trigger).await?;
        let row = ticket_row(&mut tx, id).await?;
        tx.commit().await?;
        to_ticket(row, &access, now)
    }

    /// Adds a reply to the customer, the customer's answer, or an internal note. The first reply
    /// meets the first-response clock; the customer's answer ends a wait.
    pub async fn reply_to_ticket(
        &self,
        actor: &Actor,
        id: &str,
        kind: ReplyKind,
        body: &str,
    ) -> CoreResult<TicketDetail> {
        let access = self.access(actor).await?;
        let row = self.ticket_in_scope(&access, id, "ticket.reply").await?;
        let Some(body) = clean_note(Some(body))? else {
            return Err(CoreError::invalid("write the reply or note first"));
        };
        // Anyone who sees the ticket may add a note; what the customer hears (and what stops or
        // starts the clocks) is for its agent, supervisors, or an agent while nobody has it.
        let who = standing(&access, &row);
        if kind != ReplyKind::Note && !(who.is_assignee || who.supervises || who.may_take) {
            return Err(self
                .refuse(
                    &access.login,
                    "ticket.reply",
                    Some(id),
                    "only the ticket's agent, a manager or an administrator answers the customer",
                )
                .await);
        }
        if kind != ReplyKind::Note && !TicketStatus::parse(&row.status)?.is_open() {
            return Err(CoreError::new(
                crate::ErrorCode::IllegalTransition,
                "the ticket is resolved or closed; reopen it to reply, or add a note",
            ));
        }
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let row = ticket_row(&mut tx, id).await?;
        add_event(&mut tx, row.seq, &stamp, kind.key(), None, None, Some(&body)).await?;
        let mut status_changed = false;
        match kind {
            ReplyKind::Reply if row.first_response_at.is_none() => {
                sqlx::query("UPDATE tickets SET first_response_at = ?2 WHERE seq = ?1")
                    .bind(row.seq)
                    .bind(&stamp.at)
                    .execute(&mut *tx)
                    .await?;
                let mut changes = ChangeSet::default();
                changes.field("firstResponseAt", None, Some(&stamp.at));
                log_change(&mut tx, &stamp, &row, ChangeOp::Update, changes).await?;
            }
            ReplyKind::CustomerReply if row.status == "waiting" => {
                change_status_in(&mut tx, &stamp, &row, TicketAction::Resume, None, now).await?;
                status_changed = true;
            }
            _ => {}
        }
        sqlx::query("UPDATE tickets SET updated_at = ?2, updated_by = ?3 WHERE seq = ?1")
            .bind(row.seq)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
        let trigger = if status_changed { Trigger::StatusChanged } else { Trigger::Updated };
        fire(&mut tx, &stamp, now, Entity::Ticket, id, trigger).await?;
        tx.commit().await?;
        self.get_ticket(actor, id).await
    }

    /// Attaches a file by its path on this computer (the file stays where it is).
    pub async fn attach_to_ticket(&self, actor: &Actor, id: &str, path: &str) -> CoreResult<TicketDetail> {
        let access = self.access(actor).await?;
        let row = self.ticket_in_scope(&access, id, "ticket.attach").await?;
        let path = path.trim();
        let p = std::path::Path::new(path);
        if !p.is_absolute() {
            return Err(CoreError::invalid(format!("'{path}' is not a full path to a file")));
        }
        let meta = std::fs::metadata(p).map_err(|_| CoreError::invalid(format!("there is no file at {path}")))?;
        if !meta.is_file() {
            return Err(CoreError::invalid(format!("{path} is a folder, not a file")));
        }
        let file_name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| path.to_string());
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO ticket_attachments (id, ticket_seq, path, file_name, size, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(crate::new_id())
        .bind(row.seq)
        .bind(path)
        .bind(&file_name)
        .bind(i64::try_from(meta.len()).unwrap_or(i64::MAX))
        .bind(&stamp.actor)
        .bind(&stamp.at)
        .execute(&mut *tx)
        .await?;
        add_event(&mut tx, row.seq, &stamp, "attachment", None, Some(&file_name), Some(path)).await?;
        tx.commit().await?;
        self.get_ticket(actor, id).await
    }

    pub async fn remove_ticket_attachment(
        &self,
        actor: &Actor,
        id: &str,
        attachment_id: &str,
    ) -> CoreResult<TicketDetail> {
        let access = self.access(actor).await?;
        let row = self.ticket_in_scope(&access, id, "ticket.attach").await?;
        let who = standing(&access, &row);
        if !who.is_assignee && !who.supervises {
            return Err(self
                .refuse(
                    &access.login,
                    "ticket.attach",
                    Some(id),
                    "only the ticket's agent, a manager or an administrator removes attachments",
                )
                .await);
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let name: Option<String> = sqlx::query_scalar(
            "UPDATE ticket_attachments SET removed_at = ?3 WHERE id = ?1 AND ticket_seq = ?2 AND removed_at IS NULL RETURNING file_name",
        )
        .bind(attachment_id)
        .bind(row.seq)
        .bind(&stamp.at)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(name) = name else {
            return Err(CoreError::not_found("no such attachment on this ticket"));
        };
        add_event(&mut tx, row.seq, &stamp, "attachment_removed", Some(&name), None, None).await?;
        tx.commit().await?;
        self.get_ticket(actor, id).await
    }

    /// Records the customer's satisfaction (1–5 and a comment) once the ticket is closed.
    pub async fn rate_ticket(
        &self,
        actor: &Actor,
        id: &str,
        rating: u8,
        comment: Option<String>,
    ) -> CoreResult<Ticket> {
        let access = self.access(actor).await?;
        let row = self.ticket_in_scope(&access, id, "ticket.rate").await?;
        if !(1..=5).contains(&rating) {
            return Err(CoreError::invalid("a rating is 1 to 5 stars"));
        }
        let comment = clean_note(comment.as_deref())?;
        if row.status != "closed" {
            return Err(CoreError::new(crate::ErrorCode::IllegalTransition, "a ticket is rated after it is closed"));
        }
        if row.rating.is_some() {
            return Err(CoreError::conflict(format!("ticket #{} was already rated", row.seq)));
        }
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE tickets SET rating = ?2, rating_comment = ?3, rated_at = ?4, updated_at = ?4, updated_by = ?5,
                version = version + 1 WHERE seq = ?1 AND rating IS NULL AND status = 'closed'",
        )
        .bind(row.seq)
        .bind(i64::from(rating))
        .bind(&comment)
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::conflict(format!("ticket #{} was changed meanwhile; reload it", row.seq)));
        }
        add_event(&mut tx, row.seq, &stamp, "rating", None, Some(&rating.to_string()), comment.as_deref()).await?;
        let mut changes = ChangeSet::default();
        changes.field("rating", None, Some(&i64::from(rating)));
        log_change(&mut tx, &stamp, &row, ChangeOp::Update, changes).await?;
        let row = ticket_row(&mut tx, id).await?;
        tx.commit().await?;
        to_ticket(row, &access, now)
    }
}
