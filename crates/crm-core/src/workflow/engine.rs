//! Running the rules on events. A mutation calls `fire` inside its own transaction, so what the
//! rules do is committed (or rolled back) with it. A rule's actions may change records, which
//! are events in turn: they are handled breadth-first, at most `MAX_DEPTH` deep, and a rule that
//! would act again on a record it already acted on in the same chain is reported as a loop and
//! stopped.

use super::actions::{Applied, Deferred, apply};
pub use super::rules::Trigger;
use super::rules::{StoredRule, load_rules};
use crate::bulk::{Arg, insert_rows};
use crate::changelog::Stamp;
use crate::conditions::Facts;
use crate::conditions::catalog::Entity;
use crate::conditions::sql::{RecordFacts, facts_of};
use crate::conditions::{self};
use crate::error::{CoreResult, ErrorCode};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;
use std::collections::{HashMap, VecDeque};

/// How many rules deep one change may cascade.
pub const MAX_DEPTH: i64 = 5;

/// A record changed, to be shown to the rules.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub entity: Entity,
    pub id: String,
    pub trigger: Trigger,
    pub depth: i64,
    /// The (rule, record) pairs that led here.
    pub chain: Vec<(i64, String)>,
}

/// A run log row waiting to be written.
pub(crate) struct RunRow {
    pub rule_id: String,
    pub rule_name: String,
    pub entity: &'static str,
    pub record_id: String,
    pub record_label: String,
    pub trigger: &'static str,
    pub depth: i64,
    pub outcome: &'static str,
    pub detail: String,
}

/// The active event rules, loaded once per transaction, and the runs to log.
pub(crate) struct Engine {
    rules: Vec<StoredRule>,
    pub runs: Vec<RunRow>,
    /// Records the rules changed (entity key, id), for the app's change events.
    pub touched: Vec<(&'static str, String)>,
    deferred: Deferred,
    /// What each (rule, record) pair left behind in this cascade: a rule acts on a record at
    /// most once per cascade, and matching again on a record someone changed since is a loop.
    acted: HashMap<(i64, String), Facts>,
}

impl Engine {
    pub async fn load(conn: &mut SqliteConnection) -> CoreResult<Engine> {
        let rules = load_rules(conn, " AND active = 1 AND trigger_kind != 'schedule'").await?;
        Ok(Engine {
            rules,
            runs: Vec::new(),
            touched: Vec::new(),
            deferred: Deferred::default(),
            acted: HashMap::new(),
        })
    }

    /// Applies a rule's actions to one record and logs the run; returns the events it caused.
    #[allow(clippy::too_many_arguments)]
    pub async fn act(
        &mut self,
        conn: &mut SqliteConnection,
        stamp: &Stamp,
        now: DateTime<Utc>,
        rule: &StoredRule,
        record: &RecordFacts,
        trigger: Trigger,
        depth: i64,
    ) -> CoreResult<Vec<(Entity, String, Trigger)>> {
        let entity = rule.rule.entity;
        let Applied { detail, follow, failed } =
            apply(conn, &mut self.deferred, stamp, now, rule, entity, record).await?;
        for (e, id, _) in &follow {
            self.touched.push((e.key(), id.clone()));
        }
        self.runs.push(RunRow {
            rule_id: rule.rule.id.clone(),
            rule_name: rule.rule.name.clone(),
            entity: entity.key(),
            record_id: record.id.clone(),
            record_label: record.label.clone(),
            trigger: trigger.key(),
            depth,
            outcome: if failed { "failed" } else { "applied" },
            detail: detail.join("; "),
        });
        Ok(follow)
    }

    /// Handles events and everything they cause, breadth-first.
    pub async fn handle(
        &mut self,
        conn: &mut SqliteConnection,
        stamp: &Stamp,
        now: DateTime<Utc>,
        first: Vec<Event>,
    ) -> CoreResult<()> {
        let mut queue: VecDeque<Event> = first.into();
        while let Some(ev) = queue.pop_front() {
            let rules: Vec<StoredRule> = self
                .rules
                .iter()
                .filter(|r| r.rule.entity == ev.entity && trigger_matches(r.rule.trigger, ev.trigger))
                .cloned()
                .collect();
            if rules.is_empty() {
                continue;
            }
            let Some(record) = facts_of(conn, ev.entity, &ev.id).await? else { continue };
            for rule in &rules {
                if !conditions::evaluate(&rule.rule.condition, &record.facts, now) {
                    continue;
                }
                let key = (rule.seq, ev.id.clone());
                // Its own result (or an unrelated rule's change) seen again: nothing to do.
                let in_chain = ev.chain.iter().any(|(seq, id)| *seq == rule.seq && *id == ev.id);
                let again = match self.acted.get(&key) {
                    Some(left) if !in_chain || *left == record.facts => continue,
                    Some(_) => true,
                    None => false,
                };
                if again || ev.depth >= MAX_DEPTH {
                    let path = ev
                        .chain
                        .iter()
                        .map(|(seq, _)| self.rule_name(*seq))
                        .chain(std::iter::once(rule.rule.name.clone()))
                        .collect::<Vec<_>>()
                        .join(" → ");
                    tracing::warn!(rule = %rule.rule.name, record = %ev.id, "workflow loop stopped");
                    self.runs.push(RunRow {
                        rule_id: rule.rule.id.clone(),
                        rule_name: rule.rule.name.clone(),
                        entity: ev.entity.key(),
                        record_id: ev.id.clone(),
                        record_label: record.label.clone(),
                        trigger: ev.trigger.key(),
                        depth: ev.depth,
                        outcome: "loop",
                        detail: if again {
                            format!("stopped: the rule would act again on the same record ({path})")
                        } else {
                            format!("stopped: more than {MAX_DEPTH} rules in a row ({path})")
                        },
                    });
                    continue;
                }
                let follow = self.act(conn, stamp, now, rule, &record, ev.trigger, ev.depth).await?;
                let left = if follow.is_empty() {
                    record.facts.clone()
                } else {
                    facts_of(conn, ev.entity, &ev.id).await?.map(|r| r.facts).unwrap_or_default()
                };
                self.acted.insert(key, left);
                for (entity, id, trigger) in follow {
                    let mut chain = ev.chain.clone();
                    chain.push((rule.seq, ev.id.clone()));
                    queue.push_back(Event { entity, id, trigger, depth: ev.depth + 1, chain });
                }
            }
        }
        Ok(())
    }

    fn rule_name(&self, seq: i64) -> String {
        self.rules.iter().find(|r| r.seq == seq).map(|r| r.rule.name.clone()).unwrap_or_else(|| format!("rule {seq}"))
    }

    /// Writes the runs logged so far.
    pub async fn flush(&mut self, conn: &mut SqliteConnection, at: &str) -> CoreResult<()> {
        self.deferred.flush(conn, at, "workflow").await?;
        let runs = std::mem::take(&mut self.runs);
        let ran: std::collections::BTreeSet<&str> = runs.iter().map(|r| r.rule_id.as_str()).collect();
        if !ran.is_empty() {
            sqlx::query("UPDATE workflow_rules SET last_run_at = ?1 WHERE id IN (SELECT value FROM json_each(?2))")
                .bind(at)
                .bind(serde_json::to_string(&ran)?)
                .execute(&mut *conn)
                .await?;
        }
        let rows: Vec<Vec<Arg<'_>>> = runs
            .iter()
            .map(|r| {
                vec![
                    at.into(),
                    (&r.rule_id).into(),
                    (&r.rule_name).into(),
                    r.entity.into(),
                    (&r.record_id).into(),
                    (&r.record_label).into(),
                    r.trigger.into(),
                    r.depth.into(),
                    r.outcome.into(),
                    (&r.detail).into(),
                ]
            })
            .collect();
        insert_rows(
            conn,
            "INSERT INTO workflow_runs (at, rule_id, rule_name, entity, record_id, record_label, trigger_kind, depth, outcome, detail) VALUES ",
            10,
            &rows,
        )
        .await
    }
}

/// A status change is also an update: a rule "when updated" sees it.
fn trigger_matches(rule: Trigger, event: Trigger) -> bool {
    rule == event || (rule == Trigger::Updated && event == Trigger::StatusChanged)
}

/// Runs the event rules on a record the caller has just written, inside its transaction.
pub(crate) async fn fire(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    now: DateTime<Utc>,
    entity: Entity,
    id: &str,
    trigger: Trigger,
) -> CoreResult<Vec<(&'static str, String)>> {
    let mut engine = Engine::load(&mut *conn).await?;
    if engine.rules.is_empty() {
        return Ok(Vec::new());
    }
    let rule_stamp = Stamp { actor: "workflow".into(), ..(*stamp).clone() };
    let first = vec![Event { entity, id: id.to_string(), trigger, depth: 0, chain: Vec::new() }];
    engine.handle(conn, &rule_stamp, now, first).await?;
    engine.flush(conn, &stamp.at).await?;
    Ok(engine.touched)
}

/// Whether an error of an action is the record's or the rule's fault (logged as a failed run)
/// rather than the database's (which aborts the transaction).
pub(crate) fn is_rule_failure(code: ErrorCode) -> bool {
    !matches!(code, ErrorCode::Internal)
}
