//! Scheduled rules and reminders. `run_due_rules` runs every scheduled rule whose interval has
//! passed and delivers the reminders that fell due; the app calls it at start (which catches up
//! on the time it was closed: the conditions are about the records' state, so a lead untouched
//! for 7 days while the app was closed matches at the first run) and every minute, the `crm`
//! tool before its lead and ticket commands.
//!
//! A scheduled rule acts on a record once while it keeps matching and does not change
//! (`workflow_matches`), so an opportunity closing next week reminds its owner once, not every
//! hour; a lead returned to the pool, claimed again and left untouched again is returned again.

use super::engine::{Engine, Event};
use super::rules::{StoredRule, Trigger, load_rules};
use super::tasks::notify;
use crate::Crm;
use crate::bulk::{Arg, insert_rows};
use crate::changelog::Stamp;
use crate::conditions::sql::{RecordFacts, compile, load_facts};
use crate::conditions::{self};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, changelog};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};

/// What a run of the scheduler did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScheduleReport {
    pub rules_run: i64,
    /// Records matching the rules' conditions.
    pub matched: i64,
    /// Records acted on now (matching, and not acted on before while matching).
    pub acted: i64,
    pub reminders: i64,
    /// Records changed, as (entity, id), for the app's change events.
    pub changed: Vec<(String, String)>,
}

/// Runs one scheduled rule over all records of its entity inside the caller's transaction.
async fn run_rule(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    now: DateTime<Utc>,
    rule: &StoredRule,
    report: &mut ScheduleReport,
) -> CoreResult<()> {
    let entity = rule.rule.entity;
    let (where_sql, args) = compile(&rule.rule.condition, entity, now)?;
    let mut used = std::collections::HashSet::new();
    crate::conditions::sql::fields_of(&rule.rule.condition, &mut used);
    // What the actions may read: the owner to tell or give a task to.
    used.extend(["assignee".to_string(), "owner".to_string()]);
    let candidates = load_facts(&mut *conn, entity, &where_sql, &args, i64::MAX, Some(&used)).await?;
    let matched: Vec<_> =
        candidates.into_iter().filter(|r| conditions::evaluate(&rule.rule.condition, &r.facts, now)).collect();
    let before: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT record_id, at FROM workflow_matches WHERE rule_seq = ?1")
            .bind(rule.seq)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    let now_matching: HashSet<&str> = matched.iter().map(|r| r.id.as_str()).collect();
    let stale: Vec<&String> = before.keys().filter(|id| !now_matching.contains(id.as_str())).collect();
    for chunk in stale.chunks(500) {
        sqlx::query(
            "DELETE FROM workflow_matches WHERE rule_seq = ?1 AND record_id IN (SELECT value FROM json_each(?2))",
        )
        .bind(rule.seq)
        .bind(serde_json::to_string(chunk)?)
        .execute(&mut *conn)
        .await?;
    }
    let mut engine = Engine::load(&mut *conn).await?;
    let mut fresh = Vec::new();
    // Acted on before, and unchanged since: not again.
    let done_before = |r: &&RecordFacts| before.get(&r.id).is_some_and(|at| r.updated_at <= *at);
    for record in matched.iter().filter(|r| !done_before(r)) {
        let follow = engine.act(conn, stamp, now, rule, record, Trigger::Schedule, 0).await?;
        let events = follow
            .into_iter()
            .map(|(entity, id, trigger)| Event {
                entity,
                id,
                trigger,
                depth: 1,
                chain: vec![(rule.seq, record.id.clone())],
            })
            .collect();
        engine.handle(conn, stamp, now, events).await?;
        fresh.push(record.id.as_str());
    }
    let rows: Vec<Vec<Arg<'_>>> =
        fresh.iter().map(|id| vec![rule.seq.into(), (*id).into(), stamp.at.as_str().into()]).collect();
    insert_rows(conn, "INSERT OR REPLACE INTO workflow_matches (rule_seq, record_id, at) VALUES ", 3, &rows).await?;
    sqlx::query("UPDATE workflow_rules SET last_run_at = ?2 WHERE seq = ?1")
        .bind(rule.seq)
        .bind(&stamp.at)
        .execute(&mut *conn)
        .await?;
    engine.flush(conn, &stamp.at).await?;
    report.rules_run += 1;
    report.matched += matched.len() as i64;
    report.acted += fresh.len() as i64;
    report.changed.extend(engine.touched.into_iter().map(|(e, id)| (e.to_string(), id)));
    Ok(())
}

/// Turns the reminders that fell due into notifications.
async fn deliver_reminders(conn: &mut SqliteConnection, at: &str) -> CoreResult<i64> {
    type DueTask = (String, String, String, Option<String>, Option<String>, Option<String>);
    let due: Vec<DueTask> = sqlx::query_as(
        "SELECT id, owner, title, due_at, record_kind, record_id FROM tasks
         WHERE remind_at IS NOT NULL AND remind_at <= ?1 AND reminded_at IS NULL AND done_at IS NULL ORDER BY remind_at",
    )
    .bind(at)
    .fetch_all(&mut *conn)
    .await?;
    for (id, owner, title, due_at, kind, record) in &due {
        let body = due_at.as_ref().map(|d| format!("due {d}"));
        let rec = kind.as_deref().zip(record.as_deref());
        notify(&mut *conn, at, owner, "reminder", title, body.as_deref(), rec).await?;
        sqlx::query("UPDATE tasks SET reminded_at = ?2 WHERE id = ?1").bind(id).bind(at).execute(&mut *conn).await?;
    }
    Ok(due.len() as i64)
}

impl Crm {
    /// Runs the scheduled rules that are due and delivers due reminders (as `workflow`).
    pub async fn run_due_rules(&self) -> CoreResult<ScheduleReport> {
        let stamp = self.stamp(&Actor::named("workflow"));
        let now = self.now();
        let mut report = ScheduleReport::default();
        let rules = {
            let mut conn = self.db.reader.acquire().await?;
            load_rules(&mut conn, " AND active = 1 AND trigger_kind = 'schedule'").await?
        };
        for rule in rules {
            let every = Duration::minutes(rule.rule.every_minutes.unwrap_or(60).into());
            let due = rule.rule.last_run_at.as_deref().is_none_or(|last| crate::clock::from_db(last) + every <= now);
            if !due {
                continue;
            }
            // One transaction per rule: a large rule does not hold the others' results back.
            let mut tx = self.db.begin_write().await?;
            run_rule(&mut tx, &stamp, now, &rule, &mut report).await?;
            tx.commit().await?;
        }
        let mut tx = self.db.begin_write().await?;
        report.reminders = deliver_reminders(&mut tx, &stamp.at).await?;
        tx.commit().await?;
        if report.acted > 0 || report.reminders > 0 {
            tracing::info!(acted = report.acted, reminders = report.reminders, "scheduled rules ran");
        }
        Ok(report)
    }

    /// Runs a default rule of the app now, whatever its interval (nothing if it is off).
    pub async fn run_builtin_rule(&self, builtin: &str) -> CoreResult<ScheduleReport> {
        let stamp = self.stamp(&Actor::named("workflow"));
        let now = self.now();
        let mut report = ScheduleReport::default();
        let mut tx = self.db.begin_write().await?;
        let rules = load_rules(&mut tx, " AND active = 1").await?;
        if let Some(rule) = rules.into_iter().find(|r| r.rule.builtin.as_deref() == Some(builtin)) {
            run_rule(&mut tx, &stamp, now, &rule, &mut report).await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    /// Runs one rule now over every record of its entity (administrators), whatever its trigger:
    /// e.g. to apply a new rule to the tickets already open.
    pub async fn run_rule_now(&self, actor: &Actor, id: &str) -> CoreResult<ScheduleReport> {
        self.admin_access(actor, "rule.run").await?;
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let rules = load_rules(&mut tx, "").await?;
        let rule = rules
            .into_iter()
            .find(|r| r.rule.id == id)
            .ok_or_else(|| CoreError::not_found(format!("no rule with id {id}")))?;
        let mut report = ScheduleReport::default();
        let rule_stamp = Stamp { actor: "workflow".into(), ..stamp.clone() };
        run_rule(&mut tx, &rule_stamp, now, &rule, &mut report).await?;
        changelog::record_own(&mut tx, &stamp, "rule", id, changelog::ChangeOp::Update, "{}".into()).await?;
        tx.commit().await?;
        Ok(report)
    }
}
