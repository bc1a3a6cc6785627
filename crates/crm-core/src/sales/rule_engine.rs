//! The assignment rules at work: whether a rule's conditions hold for a lead, and the engine
//! that picks the user (round-robin or least-loaded among those who may take it) for each lead of
//! a batch. Loaded once per import; the round-robin position of each rule is stored.

use super::assignment_rules::{AssignStrategy, ConditionOp, LeadCondition, LeadField};
use super::lead_machine::{LeadAction, LeadStatus};
use super::lead_model::{LEAD_SELECT, LeadRow};
use super::leads::write_transition;
use super::pool::PoolRules;
use crate::access::{OrgShape, Role, Scope};
use crate::changelog::Stamp;
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;
use std::collections::HashMap;

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
