//! Assignment rules (线索分配规则): an ordered list, each with conditions on the lead and a target
//! (a user, or the reps of an org unit) chosen round-robin or by the least open leads. Leads that
//! arrive by import or campaign are handed out by them at once; a manager may run them over the
//! pool. Inactive users and users who do not work the lead's territory are never chosen. This file
//! holds the rules and their editing; `rule_engine.rs` applies them.

use super::pool::PoolRules;
use super::rule_engine::RuleEngine;
use crate::changelog::{self, ChangeOp, ChangeSet};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// A field of a lead a condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LeadField {
    Source,
    /// Values are territory ids.
    Territory,
    Industry,
    Country,
    Province,
    City,
    Company,
    Name,
    Email,
    Phone,
    /// Values are `manual`, `import` or `campaign`.
    Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ConditionOp {
    /// Equals one of the values (case and surrounding spaces ignored).
    Is,
    IsNot,
    /// Contains one of the values.
    Contains,
    IsEmpty,
    IsNotEmpty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadCondition {
    pub field: LeadField,
    pub op: ConditionOp,
    #[serde(default)]
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AssignStrategy {
    RoundRobin,
    LeastLoaded,
}

impl AssignStrategy {
    pub(crate) fn key(self) -> &'static str {
        match self {
            AssignStrategy::RoundRobin => "round_robin",
            AssignStrategy::LeastLoaded => "least_loaded",
        }
    }
    pub(crate) fn parse(s: &str) -> AssignStrategy {
        if s == "least_loaded" { AssignStrategy::LeastLoaded } else { AssignStrategy::RoundRobin }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AssignmentRule {
    pub id: String,
    pub name: String,
    pub position: i64,
    pub active: bool,
    pub conditions: Vec<LeadCondition>,
    /// Sign-in name of the target user, or none when the target is an org unit.
    pub target_user: Option<String>,
    pub target_unit_id: Option<String>,
    /// The target as people read it: a user's display name or a unit's name.
    pub target_name: String,
    pub strategy: AssignStrategy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AssignmentRuleInput {
    pub name: String,
    pub active: bool,
    #[serde(default)]
    pub conditions: Vec<LeadCondition>,
    /// Exactly one of a user (sign-in name) and an org unit id.
    #[serde(default)]
    pub target_user: Option<String>,
    #[serde(default)]
    pub target_unit_id: Option<String>,
    pub strategy: AssignStrategy,
}

type StoredRule =
    (i64, String, String, i64, i64, String, Option<String>, Option<String>, Option<String>, Option<String>, String);

const RULE_SELECT: &str = "SELECT r.seq, r.id, r.name, r.position, r.active, r.conditions, r.target_user,
        u.display_name, o.id, o.name, r.strategy
    FROM assignment_rules r LEFT JOIN users u ON u.login = r.target_user LEFT JOIN org_units o ON o.seq = r.target_unit
    WHERE r.deleted_at IS NULL";

fn into_rule(row: StoredRule) -> CoreResult<AssignmentRule> {
    let (_, id, name, position, active, conditions, user, user_name, unit_id, unit_name, strategy) = row;
    Ok(AssignmentRule {
        id,
        name,
        position,
        active: active == 1,
        conditions: serde_json::from_str(&conditions)?,
        target_name: user_name.or_else(|| user.clone()).or(unit_name).unwrap_or_default(),
        target_user: user,
        target_unit_id: unit_id,
        strategy: AssignStrategy::parse(&strategy),
    })
}

/// The checked target: a user's sign-in name or an org unit's seq.
async fn check_rule(
    conn: &mut SqliteConnection,
    input: &AssignmentRuleInput,
) -> CoreResult<(String, Option<String>, Option<i64>)> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(CoreError::invalid("a rule needs a name of at most 100 characters"));
    }
    for c in &input.conditions {
        let needs_values = matches!(c.op, ConditionOp::Is | ConditionOp::IsNot | ConditionOp::Contains);
        if needs_values && c.values.iter().all(|v| v.trim().is_empty()) {
            return Err(CoreError::invalid(
                format!("the condition on {:?} needs at least one value", c.field).to_lowercase(),
            ));
        }
    }
    let user = input.target_user.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let unit = input.target_unit_id.as_deref().map(str::trim).filter(|u| !u.is_empty());
    match (user, unit) {
        (Some(u), None) => {
            let login: Option<(String, String)> =
                sqlx::query_as("SELECT login, role FROM users WHERE login = ?1 OR display_name = ?1 LIMIT 1")
                    .bind(u)
                    .fetch_optional(&mut *conn)
                    .await?;
            match login {
                Some((_, role)) if role == "service" => {
                    Err(CoreError::invalid(format!("{u} is a service user; leads go to sales users")))
                }
                Some((login, _)) => Ok((name.to_string(), Some(login), None)),
                None => Err(CoreError::invalid(format!("there is no user '{u}'"))),
            }
        }
        (None, Some(unit)) => {
            let seq = crate::access::org::unit_by_id(&mut *conn, unit).await?.0;
            Ok((name.to_string(), None, Some(seq)))
        }
        _ => {
            Err(CoreError::invalid("a rule gives leads either to one user or to the reps of one org unit; choose one"))
        }
    }
}

impl Crm {
    /// The rules in the order they are tried. Managers and administrators.
    pub async fn assignment_rules(&self, actor: &Actor) -> CoreResult<Vec<AssignmentRule>> {
        self.manager_access(actor, "assignment_rule.list").await?;
        let rows: Vec<StoredRule> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{RULE_SELECT} ORDER BY r.position, r.seq")))
                .fetch_all(&self.db.reader)
                .await?;
        rows.into_iter().map(into_rule).collect()
    }

    /// Creates a rule (tried last) or, with `id`, saves one.
    pub async fn save_assignment_rule(
        &self,
        actor: &Actor,
        id: Option<&str>,
        input: AssignmentRuleInput,
    ) -> CoreResult<AssignmentRule> {
        let access = self.manager_access(actor, "assignment_rule.save").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let (name, user, unit) = check_rule(&mut tx, &input).await?;
        let conditions = serde_json::to_string(&input.conditions)?;
        let rule_id = match id {
            Some(id) => {
                let old: Option<StoredRule> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!("{RULE_SELECT} AND r.id = ?1")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let old =
                    into_rule(old.ok_or_else(|| CoreError::not_found(format!("no assignment rule with id {id}")))?)?;
                sqlx::query(
                    "UPDATE assignment_rules SET name = ?2, active = ?3, conditions = ?4, target_user = ?5, target_unit = ?6,
                        strategy = ?7, updated_at = ?8 WHERE id = ?1",
                )
                .bind(id)
                .bind(&name)
                .bind(input.active)
                .bind(&conditions)
                .bind(&user)
                .bind(unit)
                .bind(input.strategy.key())
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
                let mut changes = ChangeSet::default();
                changes.field("name", Some(&old.name), Some(&name));
                changes.field("active", Some(&old.active), Some(&input.active));
                changes.field("conditions", Some(&old.conditions), Some(&input.conditions));
                changes.field("targetUser", old.target_user.as_ref(), user.as_ref());
                changes.field("strategy", Some(&old.strategy), Some(&input.strategy));
                changelog::record_own(&mut tx, &stamp, "assignment_rule", id, ChangeOp::Update, changes.to_json())
                    .await?;
                id.to_string()
            }
            None => {
                let id = crate::new_id();
                sqlx::query(
                    "INSERT INTO assignment_rules (id, name, position, active, conditions, target_user, target_unit, strategy, created_at, updated_at)
                     VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM assignment_rules), ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                )
                .bind(&id)
                .bind(&name)
                .bind(input.active)
                .bind(&conditions)
                .bind(&user)
                .bind(unit)
                .bind(input.strategy.key())
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
                changelog::record_own(
                    &mut tx,
                    &stamp,
                    "assignment_rule",
                    &id,
                    ChangeOp::Create,
                    crate::changelog::CREATED.into(),
                )
                .await?;
                id
            }
        };
        tx.commit().await?;
        tracing::info!(by = %access.login, rule = %rule_id, "assignment rule saved");
        let row: StoredRule = sqlx::query_as(sqlx::AssertSqlSafe(format!("{RULE_SELECT} AND r.id = ?1")))
            .bind(&rule_id)
            .fetch_one(&self.db.reader)
            .await?;
        into_rule(row)
    }

    pub async fn delete_assignment_rule(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.manager_access(actor, "assignment_rule.delete").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE assignment_rules SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        )
        .bind(id)
        .bind(&stamp.at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::not_found(format!("no assignment rule with id {id}")));
        }
        let mut changes = ChangeSet::default();
        changes.field("deletedAt", None, Some(&stamp.at));
        changelog::record_own(&mut tx, &stamp, "assignment_rule", id, ChangeOp::Delete, changes.to_json()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts the rules in the given order (every live rule's id, once).
    pub async fn reorder_assignment_rules(&self, actor: &Actor, ids: &[String]) -> CoreResult<Vec<AssignmentRule>> {
        self.manager_access(actor, "assignment_rule.reorder").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let mut live: Vec<String> =
            sqlx::query_scalar("SELECT id FROM assignment_rules WHERE deleted_at IS NULL").fetch_all(&mut *tx).await?;
        let mut given = ids.to_vec();
        live.sort();
        given.sort();
        if live != given {
            return Err(CoreError::invalid("the new order must name every rule exactly once; reload the rules"));
        }
        for (i, id) in ids.iter().enumerate() {
            sqlx::query("UPDATE assignment_rules SET position = ?2, updated_at = ?3 WHERE id = ?1")
                .bind(id)
                .bind(i as i64 + 1)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
        }
        let mut changes = ChangeSet::default();
        changes.field("order", None, Some(&ids.to_vec()));
        changelog::record_own(&mut tx, &stamp, "assignment_rule", "order", ChangeOp::Update, changes.to_json()).await?;
        tx.commit().await?;
        self.assignment_rules(actor).await
    }

    /// Runs the rules over the unassigned leads of the manager's scope (oldest first); returns how
    /// many were assigned.
    pub async fn assign_pool_by_rules(&self, actor: &Actor) -> CoreResult<u64> {
        let access = self.manager_access(actor, "lead.assign_by_rules").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let seqs: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT seq FROM leads WHERE status = 'unassigned'{} ORDER BY seq",
            access.scope.sql_condition("territory")
        )))
        .fetch_all(&mut *tx)
        .await?;
        let pool = PoolRules::load(&mut tx).await?;
        let mut engine = RuleEngine::load(&mut tx, &pool, self.now()).await?;
        let n = engine.assign_new(&mut tx, &stamp, &seqs).await?;
        tx.commit().await?;
        Ok(n)
    }
}
