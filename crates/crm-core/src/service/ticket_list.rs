//! The ticket queue and lists. The queue (open tickets, most urgent first) is read per territory
//! from `tickets_queue` and merged, like the lead lists; "all tickets" newest first per
//! territory from `tickets_territory`. Both page by keyset.

use super::ticket_machine::TicketStatus;
use super::ticket_model::{Priority, TICKET_SELECT, Ticket, TicketRow};
use super::tickets::to_ticket;
use crate::access::Scope;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TicketView {
    /// Every open ticket in scope, most urgent (earliest resolution due) first.
    Queue,
    /// Open tickets assigned to the signed-in user.
    Mine,
    /// Open tickets nobody has yet.
    Unassigned,
    /// Open tickets past a due time.
    Breached,
    /// Every ticket, newest first.
    All,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketListRequest {
    pub view: TicketView,
    /// Only these statuses (empty: the view's own).
    #[serde(default)]
    pub statuses: Vec<TicketStatus>,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketPage {
    pub items: Vec<Ticket>,
    pub next_cursor: Option<String>,
}

/// The tabs' counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketCounts {
    pub open: i64,
    pub mine: i64,
    pub unassigned: i64,
    pub breached: i64,
    pub due_soon: i64,
}

const OPEN: &str = "t.status IN ('new', 'assigned', 'in_progress', 'waiting')";

/// A breached open ticket: the first answer or the resolution is overdue (a paused resolution
/// clock counts if it ran out before the wait).
fn breached_sql(now: &str) -> String {
    format!(
        "((t.first_response_at IS NULL AND t.first_response_due < '{now}')
          OR (t.waiting_since IS NULL AND t.resolution_due < '{now}')
          OR (t.waiting_since IS NOT NULL AND t.resolution_due < t.waiting_since))"
    )
}

/// The territory ranges a scope reads, each as an SQL condition on `t.territory`.
fn ranges(scope: &Scope) -> Vec<String> {
    match scope {
        Scope::All => vec!["1".into()],
        Scope::Territories { seqs, unassigned } => {
            let mut out: Vec<String> = seqs.iter().map(|s| format!("t.territory = {s}")).collect();
            if *unassigned {
                out.push("t.territory IS NULL".into());
            }
            out
        }
    }
}

impl Crm {
    pub async fn list_tickets(&self, actor: &Actor, req: &TicketListRequest) -> CoreResult<TicketPage> {
        let access = self.access(actor).await?;
        let limit = i64::from(req.limit.clamp(1, 200));
        let now_t = self.now();
        let now = crate::clock::to_db(now_t);
        let mut filters = Vec::new();
        if !req.statuses.is_empty() {
            let list = req.statuses.iter().map(|s| format!("'{}'", s.key())).collect::<Vec<_>>().join(",");
            filters.push(format!("t.status IN ({list})"));
        }
        if let Some(p) = req.priority {
            filters.push(format!("t.priority = '{}'", p.key()));
        }
        let mut binds: Vec<String> = Vec::new();
        let assignee = match req.view {
            TicketView::Mine => Some(access.login.clone()),
            _ => req.assignee.clone().filter(|a| !a.trim().is_empty()),
        };
        if let Some(a) = assignee {
            binds.push(a);
            filters.push("t.assignee = ?1 COLLATE NOCASE".into());
        }
        let queue = req.view != TicketView::All;
        if queue && req.statuses.is_empty() {
            filters.push(OPEN.into());
        }
        match req.view {
            TicketView::Unassigned => filters.push("t.assignee IS NULL".into()),
            TicketView::Breached => filters.push(breached_sql(&now)),
            _ => {}
        }
        let cursor = match &req.cursor {
            None => None,
            Some(c) if queue => {
                let (due, seq) = c.rsplit_once('|').ok_or_else(|| CoreError::invalid("bad page cursor"))?;
                let seq: i64 = seq.parse().map_err(|_| CoreError::invalid("bad page cursor"))?;
                if due.contains('\'') {
                    return Err(CoreError::invalid("bad page cursor"));
                }
                Some(format!("(t.resolution_due, t.seq) > ('{due}', {seq})"))
            }
            Some(c) => {
                Some(format!("t.seq < {}", c.parse::<i64>().map_err(|_| CoreError::invalid("bad page cursor"))?))
            }
        };
        filters.extend(cursor);
        let order = if queue { "t.resolution_due, t.seq" } else { "t.seq DESC" };
        // One index range per territory, each limited, merged here.
        let mut keys: Vec<(String, i64)> = Vec::new();
        let mut conn = self.db.reader.acquire().await?;
        for range in ranges(&access.scope) {
            let mut wheres = filters.clone();
            wheres.push(range);
            let sql = format!(
                "SELECT t.resolution_due, t.seq FROM tickets t WHERE {} ORDER BY {order} LIMIT {}",
                wheres.join(" AND "),
                limit + 1
            );
            let mut q = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql));
            for b in &binds {
                q = q.bind(b);
            }
            keys.extend(q.fetch_all(&mut *conn).await?);
        }
        if queue {
            keys.sort();
        } else {
            keys.sort_by_key(|k| std::cmp::Reverse(k.1));
        }
        let more = keys.len() as i64 > limit;
        keys.truncate(limit as usize);
        let next_cursor = match keys.last() {
            Some((due, seq)) if more => Some(if queue { format!("{due}|{seq}") } else { seq.to_string() }),
            _ => None,
        };
        let seqs = keys.iter().map(|(_, s)| s.to_string()).collect::<Vec<_>>().join(",");
        let mut rows: Vec<TicketRow> = if seqs.is_empty() {
            Vec::new()
        } else {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{TICKET_SELECT} WHERE t.seq IN ({seqs})")))
                .fetch_all(&mut *conn)
                .await?
        };
        let position: std::collections::HashMap<i64, usize> =
            keys.iter().enumerate().map(|(i, (_, s))| (*s, i)).collect();
        rows.sort_by_key(|r| position.get(&r.seq).copied().unwrap_or(usize::MAX));
        let items = rows.into_iter().map(|r| to_ticket(r, &access, now_t)).collect::<CoreResult<Vec<_>>>()?;
        Ok(TicketPage { items, next_cursor })
    }

    pub async fn ticket_counts(&self, actor: &Actor) -> CoreResult<TicketCounts> {
        let access = self.access(actor).await?;
        let now_t = self.now();
        let now = crate::clock::to_db(now_t);
        let soon = crate::clock::to_db(now_t + super::sla::DUE_SOON);
        let scope = access.scope.sql_condition("t.territory");
        let sql = format!(
            "SELECT count(*),
                coalesce(sum(t.assignee = ?1 COLLATE NOCASE), 0),
                coalesce(sum(t.assignee IS NULL), 0),
                coalesce(sum({breached}), 0),
                coalesce(sum(NOT {breached} AND t.waiting_since IS NULL AND (t.resolution_due <= '{soon}'
                    OR (t.first_response_at IS NULL AND t.first_response_due <= '{soon}'))), 0)
             FROM tickets t WHERE {OPEN}{scope}",
            breached = breached_sql(&now),
        );
        let (open, mine, unassigned, breached, due_soon): (i64, i64, i64, i64, i64) =
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&access.login).fetch_one(&self.db.reader).await?;
        Ok(TicketCounts { open, mine, unassigned, breached, due_soon })
    }
}
