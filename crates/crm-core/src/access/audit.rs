//! The audit log: what was done (the change log) and what was attempted and refused (security
//! events), newest first, filterable by user, record and time. Administrators only.

use crate::changelog::{FieldChange, HistoryRow};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, QueryBuilder, Sqlite};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditFilter {
    /// Sign-in name of the user who acted.
    #[serde(default)]
    pub login: Option<String>,
    /// A record id: entries about it (or, for a customer, about its contacts and activities).
    #[serde(default)]
    pub record_id: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// Only security events (failed sign-ins and refused actions).
    #[serde(default)]
    pub security_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    Change,
    SignInFailed,
    Refused,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at: String,
    pub login: String,
    pub kind: AuditKind,
    /// For a change: `customer.update`, `territory.create`…; for an event: the action tried.
    pub action: String,
    pub entity_id: Option<String>,
    pub changes: Vec<FieldChange>,
    /// For an event: why it was refused.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass back to get the next (older) page.
    pub next_cursor: Option<AuditCursor>,
}

/// Where each of the two logs left off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditCursor {
    pub change_before: i64,
    pub event_before: i64,
}

#[derive(FromRow)]
struct EventRow {
    seq: i64,
    at: String,
    login: String,
    kind: String,
    action: String,
    entity_id: Option<String>,
    detail: String,
}

fn day_bounds(filter: &AuditFilter) -> CoreResult<(Option<String>, Option<String>)> {
    let parse = |s: &str| {
        chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| CoreError::invalid(format!("'{s}' is not a date like 2026-03-31")))
    };
    let from = filter.from.as_deref().filter(|s| !s.trim().is_empty()).map(parse).transpose()?;
    let to = filter.to.as_deref().filter(|s| !s.trim().is_empty()).map(parse).transpose()?;
    Ok((
        from.map(|d| d.format("%Y-%m-%d").to_string()),
        to.map(|d| (d + chrono::Days::new(1)).format("%Y-%m-%d").to_string()),
    ))
}

impl Crm {
    pub async fn audit_log(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
        cursor: Option<AuditCursor>,
        limit: u32,
    ) -> CoreResult<AuditPage> {
        self.admin_access(actor, "audit.read").await?;
        let limit = limit.clamp(1, 500) as i64;
        let (from, to) = day_bounds(filter)?;
        let cursor = cursor.unwrap_or(AuditCursor { change_before: i64::MAX, event_before: i64::MAX });
        let login = filter.login.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let record = filter.record_id.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let mut conn = self.db.reader.acquire().await?;

        let mut changes: Vec<HistoryRow> = Vec::new();
        if !filter.security_only {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "SELECT seq, at, actor, entity, entity_id, op, changes FROM change_log WHERE seq < ",
            );
            qb.push_bind(cursor.change_before);
            if let Some(l) = login {
                qb.push(" AND actor = ").push_bind(l.to_string());
            }
            if let Some(r) = record {
                qb.push(" AND (root_id = ").push_bind(r.to_string()).push(" OR entity_id = ").push_bind(r.to_string());
                qb.push(")");
            }
            if let Some(f) = &from {
                qb.push(" AND at >= ").push_bind(f.clone());
            }
            if let Some(t) = &to {
                qb.push(" AND at < ").push_bind(t.clone());
            }
            qb.push(" ORDER BY seq DESC LIMIT ").push_bind(limit);
            changes = qb.build_query_as().fetch_all(&mut *conn).await?;
        }
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT seq, at, login, kind, action, entity_id, detail FROM security_events WHERE seq < ",
        );
        qb.push_bind(cursor.event_before);
        if let Some(l) = login {
            qb.push(" AND login = ").push_bind(l.to_string());
        }
        if let Some(r) = record {
            qb.push(" AND entity_id = ").push_bind(r.to_string());
        }
        if let Some(f) = &from {
            qb.push(" AND at >= ").push_bind(f.clone());
        }
        if let Some(t) = &to {
            qb.push(" AND at < ").push_bind(t.clone());
        }
        qb.push(" ORDER BY seq DESC LIMIT ").push_bind(limit);
        let events: Vec<EventRow> = qb.build_query_as().fetch_all(&mut *conn).await?;

        // Merge the two newest-first lists by time, keeping where each stopped.
        let (mut ci, mut ei) = (0, 0);
        let mut next = cursor.clone();
        let mut entries = Vec::new();
        while (entries.len() as i64) < limit && (ci < changes.len() || ei < events.len()) {
            let take_change = match (changes.get(ci), events.get(ei)) {
                (Some(c), Some(e)) => c.at >= e.at,
                (Some(_), None) => true,
                _ => false,
            };
            if take_change {
                let row = &changes[ci];
                next.change_before = row.seq;
                let h = row.clone().into_entry();
                entries.push(AuditEntry {
                    at: h.at,
                    login: h.actor,
                    kind: AuditKind::Change,
                    action: format!("{}.{}", h.entity, h.op.as_str()),
                    entity_id: Some(h.entity_id),
                    changes: h.changes,
                    detail: None,
                });
                ci += 1;
            } else {
                let e = &events[ei];
                next.event_before = e.seq;
                entries.push(AuditEntry {
                    at: e.at.clone(),
                    login: e.login.clone(),
                    kind: if e.kind == "sign_in_failed" { AuditKind::SignInFailed } else { AuditKind::Refused },
                    action: e.action.clone(),
                    entity_id: e.entity_id.clone(),
                    changes: Vec::new(),
                    detail: Some(e.detail.clone()),
                });
                ei += 1;
            }
        }
        let more =
            ci < changes.len() || ei < events.len() || changes.len() as i64 == limit || events.len() as i64 == limit;
        Ok(AuditPage { next_cursor: (more && !entries.is_empty()).then_some(next), entries })
    }
}
