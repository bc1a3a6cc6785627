//! The change log: one row per mutation with the old and new value of every changed field. It is
//! the audit trail shown on the 360 page and the feed that sync pushes; every write of the core
//! records into it inside the same transaction as the change itself.

use crate::error::CoreResult;
use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::{FromRow, SqliteConnection};

/// Who is acting: a sign-in name. The shells make one only after a successful sign-in (or for the
/// remembered user); the core resolves it on every call (see `access`), so an actor of an account
/// that was deactivated since can do nothing. It ends up in the change log as the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
}

impl Actor {
    pub fn named(name: impl Into<String>) -> Self {
        Actor { name: name.into() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    Create,
    Update,
    Delete,
    Restore,
}

impl ChangeOp {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeOp::Create => "create",
            ChangeOp::Update => "update",
            ChangeOp::Delete => "delete",
            ChangeOp::Restore => "restore",
        }
    }
    fn parse(s: &str) -> ChangeOp {
        match s {
            "create" => ChangeOp::Create,
            "delete" => ChangeOp::Delete,
            "restore" => ChangeOp::Restore,
            _ => ChangeOp::Update,
        }
    }
}

/// The changed fields of one mutation, collected before the row is written.
#[derive(Debug, Default, Clone)]
pub(crate) struct ChangeSet(Map<String, Value>);

impl ChangeSet {
    /// Records `field` if its value differs; unchanged fields stay out of the log.
    pub fn field<T: Serialize + PartialEq>(&mut self, field: &str, old: Option<&T>, new: Option<&T>) {
        if old == new {
            return;
        }
        let mut entry = Map::new();
        if let Some(o) = old {
            entry.insert("old".into(), serde_json::to_value(o).unwrap_or(Value::Null));
        }
        if let Some(n) = new {
            entry.insert("new".into(), serde_json::to_value(n).unwrap_or(Value::Null));
        }
        self.0.insert(field.to_string(), Value::Object(entry));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into())
    }
}

/// What a create entry records: nothing but the fact. The new row holds the created values until
/// its first update, whose "old" values keep them in the log from then on.
pub(crate) const CREATED: &str = "{}";

/// Everything one transaction stamps on its log rows.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    pub actor: String,
    pub at: String,
    pub hlc: String,
}

pub(crate) struct LogRow<'a> {
    pub entity: &'static str,
    pub entity_id: &'a str,
    /// The customer whose history shows this change (the entity itself if it has none).
    pub root_id: &'a str,
    pub op: ChangeOp,
    pub changes: String,
}

/// Records a change of a record that is its own history root (a customer, a tag, a user…).
pub(crate) async fn record_own(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    entity: &'static str,
    id: &str,
    op: ChangeOp,
    changes: String,
) -> CoreResult<()> {
    record(conn, stamp, LogRow { entity, entity_id: id, root_id: id, op, changes }).await
}

pub(crate) async fn record(conn: &mut SqliteConnection, stamp: &Stamp, row: LogRow<'_>) -> CoreResult<()> {
    sqlx::query(
        "INSERT INTO change_log (entity, entity_id, root_id, op, changes, hlc, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(row.entity)
    .bind(row.entity_id)
    .bind(row.root_id)
    .bind(row.op.as_str())
    .bind(&row.changes)
    .bind(&stamp.hlc)
    .bind(&stamp.actor)
    .bind(&stamp.at)
    .execute(conn)
    .await?;
    Ok(())
}

/// One field of a logged change, as the history view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    /// The current name of the contact or subject of the activity the entry is about.
    pub label: Option<String>,
    pub op: ChangeOp,
    pub changes: Vec<FieldChange>,
}

#[derive(FromRow, Clone)]
pub(crate) struct HistoryRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub op: String,
    pub changes: String,
}

impl HistoryRow {
    pub(crate) fn into_entry(self) -> HistoryEntry {
        let parsed: Map<String, Value> = serde_json::from_str(&self.changes).unwrap_or_default();
        let changes = parsed
            .into_iter()
            .map(|(field, v)| FieldChange { field, old: v.get("old").cloned(), new: v.get("new").cloned() })
            .collect();
        HistoryEntry {
            seq: self.seq,
            at: self.at,
            actor: self.actor,
            entity: self.entity,
            entity_id: self.entity_id,
            label: None,
            op: ChangeOp::parse(&self.op),
            changes,
        }
    }
}

/// The history of a customer and everything attached to it, newest first, paged by `before_seq`.
pub(crate) async fn history_of_root(
    pool: &sqlx::SqlitePool,
    root_id: &str,
    before_seq: Option<i64>,
    limit: u32,
) -> CoreResult<Vec<HistoryEntry>> {
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT seq, at, actor, entity, entity_id, op, changes FROM change_log
         WHERE root_id = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3",
    )
    .bind(root_id)
    .bind(before_seq.unwrap_or(i64::MAX))
    .bind(limit.clamp(1, 500))
    .fetch_all(pool)
    .await?;
    let mut entries: Vec<HistoryEntry> = rows.into_iter().map(HistoryRow::into_entry).collect();
    // Label contact and activity entries with what the person knows them by.
    let labels: std::collections::HashMap<String, String> = sqlx::query_as(
        "SELECT id, name FROM contacts WHERE customer_id = ?1 UNION ALL SELECT id, subject FROM activities WHERE customer_id = ?1",
    )
    .bind(root_id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect();
    for e in &mut entries {
        if e.entity != "customer" {
            e.label = labels.get(&e.entity_id).cloned();
        }
    }
    Ok(entries)
}
