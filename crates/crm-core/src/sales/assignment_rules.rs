//! Assignment rules (线索分配规则): an ordered list, each with conditions on the lead and a target
//! (a user, or the reps of an org unit) chosen round-robin or by the least open leads. Leads that
//! arrive by import or campaign are handed out by them at once; a manager may run them over the
//! pool. Inactive users and users who do not work the lead's territory are never chosen.

use super::lead_machine::{LeadAction, LeadStatus};
use super::lead_model::{LEAD_SELECT, LeadRow};
use super::leads::write_transition;
use super::pool::PoolRules;
use crate::access::{OrgShape, Role, Scope};
use crate::changelog::{self, ChangeOp, ChangeSet, Stamp};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::HashMap;

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
    fn key(self) -> &'static str {
        match self {
            AssignStrategy::RoundRobin => "round_robin",
            AssignStrategy::LeastLoaded => "least_loaded",
        }
    }
    fn parse(s: &str) -> AssignStrategy {
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

/// Whether every condition holds for a lead.
pub(crate) fn conditions_hold(conditions: &[LeadCondition], row: &LeadRow) -> bool {
    conditions.iter().all(|c| {
        let value: Option<&str> = match c.field {
            LeadField::Source => row.source.as_deref(),
            LeadField::Territory => row.territory_id.as_deref(),
            LeadField::Industry => row.industry.as_deref(),
            LeadField::Country => row.country.as_deref(),
            LeadField::Province => row.province.as_deref(),
            LeadField::City => row.city.as_deref(),
            LeadField::Company => row.company.as_deref(),
            LeadField::Name => Some(row.name.as_str()),
            LeadField::Email => row.email.as_deref(),
            LeadField::Phone => row.phone.as_deref(),
            LeadField::Origin => Some(row.origin.as_str()),
        };
        let value = value.map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty());
        let wanted = || c.values.iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty());
        match (c.op, value) {
            (ConditionOp::IsEmpty, v) => v.is_none(),
            (ConditionOp::IsNotEmpty, v) => v.is_some(),
            (ConditionOp::Is, Some(v)) => wanted().any(|w| w == v),
            (ConditionOp::IsNot, Some(v)) => !wanted().any(|w| w == v),
            (ConditionOp::IsNot, None) => true,
            (ConditionOp::Contains, Some(v)) => wanted().any(|w| v.contains(&w)),
            (ConditionOp::Is | ConditionOp::Contains, None) => false,
        }
    })
}

enum Target {
    User(String),
    Unit(i64),
}

struct LoadedRule {
    seq: i64,
    name: String,
    conditions: Vec<LeadCondition>,
    target: Target,
    strategy: AssignStrategy,
    last_chosen: Option<String>,
    moved: bool,
}

struct Candidate {
    login: String,
    role: Role,
    unit_seq: i64,
    scope: Scope,
    open: i64,
}

/// The rules, the users they may choose and their loads, loaded once for a batch of leads.
pub(crate) struct RuleEngine {
    rules: Vec<LoadedRule>,
    users: Vec<Candidate>,
    shape: OrgShape,
    pool: PoolRules,
    now: DateTime<Utc>,
}

impl RuleEngine {
    pub async fn load(conn: &mut SqliteConnection, pool: &PoolRules, now: DateTime<Utc>) -> CoreResult<RuleEngine> {
        type RuleRow = (i64, String, String, Option<String>, Option<i64>, String, Option<String>);
        let rows: Vec<RuleRow> = sqlx::query_as(
            "SELECT seq, name, conditions, target_user, target_unit, strategy, last_chosen FROM assignment_rules
             WHERE active = 1 AND deleted_at IS NULL ORDER BY position, seq",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut rules = Vec::with_capacity(rows.len());
        for (seq, name, conditions, user, unit, strategy, last_chosen) in rows {
            let target = match (user, unit) {
                (Some(u), _) => Target::User(u),
                (None, Some(u)) => Target::Unit(u),
                (None, None) => continue,
            };
            rules.push(LoadedRule {
                seq,
                name,
                conditions: serde_json::from_str(&conditions)?,
                target,
                strategy: AssignStrategy::parse(&strategy),
                last_chosen,
                moved: false,
            });
        }
        let shape = OrgShape::load(&mut *conn).await?;
        let open: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
            "SELECT owner, count(*) FROM leads WHERE status IN ('pending', 'following_up') AND owner IS NOT NULL GROUP BY owner",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(o, n)| (o.to_lowercase(), n))
        .collect();
        let accounts: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT login, role, unit_seq FROM users WHERE active = 1 ORDER BY login")
                .fetch_all(&mut *conn)
                .await?;
        let mut users = Vec::with_capacity(accounts.len());
        for (login, role, unit_seq) in accounts {
            let role = Role::parse(&role)?;
            users.push(Candidate {
                open: open.get(&login.to_lowercase()).copied().unwrap_or(0),
                scope: shape.scope(role, unit_seq),
                login,
                role,
                unit_seq,
            });
        }
        Ok(RuleEngine { rules, users, shape, pool: *pool, now })
    }

    /// The first rule that holds and has someone to give the lead to, and who that is.
    pub fn choose(&mut self, row: &LeadRow) -> Option<(String, String)> {
        for rule in &mut self.rules {
            if !conditions_hold(&rule.conditions, row) {
                continue;
            }
            let eligible: Vec<usize> = self
                .users
                .iter()
                .enumerate()
                .filter(|(_, u)| match &rule.target {
                    Target::User(login) => u.login.eq_ignore_ascii_case(login) && u.role != Role::Service,
                    Target::Unit(unit) => u.role == Role::Sales && self.shape.is_within(u.unit_seq, *unit),
                })
                .filter(|(_, u)| u.scope.contains(row.territory) && self.pool.under_open_limit(u.open))
                .filter(|(_, u)| {
                    self.pool
                        .reclaim_blocked(&u.login, row.previous_owner.as_deref(), row.returned_at.as_deref(), self.now)
                        .is_none()
                })
                .map(|(i, _)| i)
                .collect();
            if eligible.is_empty() {
                continue;
            }
            // Round-robin order: the users after the one chosen last, then from the start.
            let after = rule.last_chosen.as_deref().map(str::to_lowercase);
            let mut order = eligible.clone();
            if let Some(after) = &after {
                let split =
                    order.iter().position(|i| self.users[*i].login.to_lowercase() > *after).unwrap_or(order.len());
                order.rotate_left(split);
            }
            let chosen = match rule.strategy {
                AssignStrategy::RoundRobin => order[0],
                AssignStrategy::LeastLoaded => {
                    let least = order.iter().map(|i| self.users[*i].open).min().unwrap_or(0);
                    *order.iter().find(|i| self.users[**i].open == least).unwrap_or(&order[0])
                }
            };
            let user = &mut self.users[chosen];
            user.open += 1;
            rule.last_chosen = Some(user.login.clone());
            rule.moved = true;
            return Some((user.login.clone(), rule.name.clone()));
        }
        None
    }

    /// Hands out the given unassigned leads by the rules and keeps the round-robin places; the
    /// leads no rule takes stay in the pool. Returns how many were assigned.
    pub async fn assign_new(&mut self, conn: &mut SqliteConnection, stamp: &Stamp, seqs: &[i64]) -> CoreResult<u64> {
        if self.rules.is_empty() || seqs.is_empty() {
            return Ok(0);
        }
        let mut assigned = 0;
        for chunk in seqs.chunks(500) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let rows: Vec<LeadRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{LEAD_SELECT} WHERE l.seq IN ({}) AND l.status = 'unassigned' ORDER BY l.seq",
                list.join(",")
            )))
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                if let Some((login, rule)) = self.choose(&row) {
                    let reason = format!("assignment rule '{rule}'");
                    write_transition(
                        conn,
                        stamp,
                        &row,
                        LeadAction::Assign,
                        LeadStatus::Pending,
                        Some(&login),
                        Some(&reason),
                    )
                    .await?;
                    assigned += 1;
                }
            }
        }
        for rule in self.rules.iter().filter(|r| r.moved) {
            sqlx::query("UPDATE assignment_rules SET last_chosen = ?2 WHERE seq = ?1")
                .bind(rule.seq)
                .bind(&rule.last_chosen)
                .execute(&mut *conn)
                .await?;
        }
        Ok(assigned)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(source: &str, city: &str) -> LeadRow {
        LeadRow {
            seq: 1,
            id: "l".into(),
            name: "张三".into(),
            company: None,
            phone: None,
            email: None,
            source: Some(source.into()),
            industry: None,
            country: None,
            province: None,
            city: Some(city.into()),
            notes: None,
            territory: None,
            territory_id: None,
            territory_name: None,
            origin: "import".into(),
            status: "unassigned".into(),
            owner: None,
            owner_name: None,
            previous_owner: None,
            returned_at: None,
            touched_at: String::new(),
            customer_id: None,
            contact_id: None,
            opportunity_id: None,
            version: 1,
            created_at: String::new(),
            created_by: String::new(),
            updated_at: String::new(),
            updated_by: String::new(),
        }
    }

    fn cond(field: LeadField, op: ConditionOp, values: &[&str]) -> LeadCondition {
        LeadCondition { field, op, values: values.iter().map(|v| v.to_string()).collect() }
    }

    #[test]
    fn conditions_compare_trimmed_and_caseless_and_all_must_hold() {
        let l = lead(" Website ", "青岛");
        assert!(conditions_hold(&[cond(LeadField::Source, ConditionOp::Is, &["website", "expo"])], &l));
        assert!(!conditions_hold(&[cond(LeadField::Source, ConditionOp::IsNot, &["WEBSITE"])], &l));
        assert!(
            conditions_hold(&[cond(LeadField::Industry, ConditionOp::IsNot, &["retail"])], &l),
            "empty is not retail"
        );
        assert!(conditions_hold(&[cond(LeadField::Industry, ConditionOp::IsEmpty, &[])], &l));
        assert!(!conditions_hold(&[cond(LeadField::Industry, ConditionOp::Is, &["retail"])], &l));
        assert!(conditions_hold(&[cond(LeadField::Source, ConditionOp::Contains, &["site"])], &l));
        assert!(!conditions_hold(
            &[
                cond(LeadField::Source, ConditionOp::Is, &["website"]),
                cond(LeadField::City, ConditionOp::Is, &["上海"])
            ],
            &l
        ));
        assert!(conditions_hold(&[cond(LeadField::Origin, ConditionOp::Is, &["import"])], &l));
        assert!(conditions_hold(&[], &l), "no conditions: every lead");
    }
}
