//! The activity timeline of a customer: calls, e-mails, meetings, visits and notes, each with its
//! time and author.

use crate::bulk::{Arg, insert_rows};
use crate::changelog::{CREATED, ChangeOp, Stamp};
use crate::customer::model::Choice;
use crate::customer::store::{insert_log_rows, log_row};
use crate::customer::validate::{Problems, optional_text, required_name};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};

crate::choice_enum!(
    /// What kind of contact with the customer an activity records.
    ActivityKind, "activity kind", [
    Call => "call", "电话", "Call";
    Email => "email", "邮件", "E-mail";
    Meeting => "meeting", "会议", "Meeting";
    Visit => "visit", "拜访", "Visit";
    Note => "note", "备注", "Note";
]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActivityInput {
    pub kind: ActivityKind,
    /// When it happened (RFC 3339); now if absent.
    #[serde(default)]
    pub occurred_at: Option<String>,
    pub subject: String,
    #[serde(default)]
    pub body: Option<String>,
    /// The customer's opportunity it concerns, if any.
    #[serde(default)]
    pub opportunity_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: String,
    pub customer_id: String,
    pub opportunity_id: Option<String>,
    pub kind: ActivityKind,
    pub occurred_at: String,
    pub author: String,
    pub subject: String,
    pub body: Option<String>,
    pub created_at: String,
}

#[derive(FromRow)]
struct ActivityRow {
    seq: i64,
    id: String,
    customer_id: String,
    opportunity_id: Option<String>,
    kind: String,
    occurred_at: String,
    author: String,
    subject: String,
    body: Option<String>,
    created_at: String,
}

/// A page of the timeline and where the next (older) page starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ActivityPage {
    pub items: Vec<Activity>,
    pub next_cursor: Option<String>,
}

pub(crate) struct ActivityRecord {
    pub id: String,
    pub opportunity_id: Option<String>,
    pub kind: ActivityKind,
    pub occurred_at: String,
    pub author: String,
    pub subject: String,
    pub body: Option<String>,
}

pub(crate) fn validate(input: &ActivityInput, now: &str, author: &str) -> CoreResult<ActivityRecord> {
    let mut p = Problems::default();
    let occurred_at = match input.occurred_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => now.to_string(),
        Some(t) => match chrono::DateTime::parse_from_rfc3339(t) {
            Ok(t) => crate::clock::to_db(t.with_timezone(&chrono::Utc)),
            Err(_) => {
                p.push(format!("time '{t}' is not a date and time like 2025-03-31T14:00:00+08:00"));
                now.to_string()
            }
        },
    };
    let record = ActivityRecord {
        id: crate::new_id(),
        opportunity_id: input.opportunity_id.clone().filter(|o| !o.trim().is_empty()),
        kind: input.kind,
        occurred_at,
        author: author.to_string(),
        subject: required_name(&mut p, "subject", &input.subject, 200),
        body: optional_text(&mut p, "notes", input.body.as_deref(), 10_000),
    };
    p.into_result(record)
}

/// Inserts activities with their log rows inside the caller's transaction.
pub(crate) async fn insert_batch<S: AsRef<str>>(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    rows: &[(S, ActivityRecord)],
) -> CoreResult<()> {
    let mut values = Vec::with_capacity(rows.len());
    let mut logs = Vec::with_capacity(rows.len());
    for (customer_id, a) in rows {
        let customer_id = customer_id.as_ref();
        values.push(vec![
            (&a.id).into(),
            customer_id.into(),
            a.kind.key().into(),
            (&a.occurred_at).into(),
            (&a.author).into(),
            (&a.subject).into(),
            Arg::from(&a.body),
            (&stamp.at).into(),
            Arg::from(&a.opportunity_id),
        ]);
        logs.push(log_row(stamp, "activity", &a.id, customer_id, ChangeOp::Create, CREATED.into()));
    }
    insert_rows(
        conn,
        "INSERT INTO activities (id, customer_id, kind, occurred_at, author, subject, body, created_at, opportunity_id) VALUES ",
        9,
        &values,
    )
    .await?;
    insert_log_rows(conn, &logs).await
}

impl Crm {
    pub async fn add_activity(&self, actor: &Actor, customer_id: &str, input: ActivityInput) -> CoreResult<Activity> {
        self.customer_access(actor, customer_id, "activity.add").await?;
        let stamp = self.stamp(actor);
        let record = validate(&input, &stamp.at, &actor.name)?;
        let mut tx = self.db.begin_write().await?;
        let deleted: Option<Option<String>> = sqlx::query_scalar("SELECT deleted_at FROM customers WHERE id = ?1")
            .bind(customer_id)
            .fetch_optional(&mut *tx)
            .await?;
        match deleted {
            None => {
                return Err(CoreError::not_found(format!("no customer with id {customer_id}")));
            }
            Some(Some(_)) => {
                return Err(CoreError::invalid("the customer is in the trash; restore it first"));
            }
            Some(None) => {}
        }
        if let Some(opportunity) = &record.opportunity_id {
            let of_customer: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM opportunities WHERE id = ?1 AND customer_id = ?2 AND deleted_at IS NULL",
            )
            .bind(opportunity)
            .bind(customer_id)
            .fetch_optional(&mut *tx)
            .await?;
            if of_customer.is_none() {
                return Err(CoreError::invalid("the opportunity does not belong to this customer (or was deleted)"));
            }
            sqlx::query("UPDATE opportunities SET updated_at = ?2 WHERE id = ?1")
                .bind(opportunity)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
        }
        let id = record.id.clone();
        insert_batch(&mut tx, &stamp, &[(customer_id, record)]).await?;
        tx.commit().await?;
        let row: ActivityRow = sqlx::query_as(
            "SELECT seq, id, customer_id, opportunity_id, kind, occurred_at, author, subject, body, created_at FROM activities WHERE id = ?1",
        )
        .bind(&id)
        .fetch_one(&self.db.reader)
        .await?;
        Ok(row.into_activity())
    }

    /// The timeline, newest first; `cursor` continues after the last page.
    pub async fn list_activities(
        &self,
        actor: &Actor,
        customer_id: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> CoreResult<ActivityPage> {
        self.customer_access(actor, customer_id, "activity.list").await?;
        let (before_at, before_seq) = match cursor {
            Some(c) => crate::time_cursor::decode(c, "timeline")?,
            None => crate::time_cursor::start(),
        };
        let limit = limit.clamp(1, 200);
        let rows: Vec<ActivityRow> = sqlx::query_as(
            "SELECT seq, id, customer_id, opportunity_id, kind, occurred_at, author, subject, body, created_at FROM activities
             WHERE customer_id = ?1 AND deleted_at IS NULL AND (occurred_at, seq) < (?2, ?3)
             ORDER BY occurred_at DESC, seq DESC LIMIT ?4",
        )
        .bind(customer_id)
        .bind(&before_at)
        .bind(before_seq)
        .bind(limit + 1)
        .fetch_all(&self.db.reader)
        .await?;
        let more = rows.len() > limit as usize;
        let items: Vec<ActivityRow> = rows.into_iter().take(limit as usize).collect();
        let next_cursor =
            if more { items.last().map(|r| crate::time_cursor::encode(&r.occurred_at, r.seq)) } else { None };
        Ok(ActivityPage { items: items.into_iter().map(ActivityRow::into_activity).collect(), next_cursor })
    }
}

/// The live activities that concern one opportunity, newest first.
pub(crate) async fn of_opportunity(conn: &mut SqliteConnection, opportunity_id: &str) -> CoreResult<Vec<Activity>> {
    let rows: Vec<ActivityRow> = sqlx::query_as(
        "SELECT seq, id, customer_id, opportunity_id, kind, occurred_at, author, subject, body, created_at FROM activities
         WHERE opportunity_id = ?1 AND deleted_at IS NULL ORDER BY occurred_at DESC, seq DESC",
    )
    .bind(opportunity_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(ActivityRow::into_activity).collect())
}

impl ActivityRow {
    fn into_activity(self) -> Activity {
        Activity {
            id: self.id,
            customer_id: self.customer_id,
            opportunity_id: self.opportunity_id,
            kind: ActivityKind::from_key(&self.kind).unwrap_or(ActivityKind::Note),
            occurred_at: self.occurred_at,
            author: self.author,
            subject: self.subject,
            body: self.body,
            created_at: self.created_at,
        }
    }
}
