//! Workflow rules as the editor sees them, their validation and storage, and the run log.

use crate::conditions::catalog::{self, ConditionField, ConditionOption, Entity};
use crate::conditions::{self, Condition, FieldKind};
use crate::customer::model::{Choice, Lifecycle};
use crate::error::{CoreError, CoreResult};
use crate::service::ticket_model::Priority;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Created,
    Updated,
    StatusChanged,
    /// Every `every_minutes`, over all records of the entity (and once at start).
    Schedule,
}

impl Trigger {
    pub fn key(self) -> &'static str {
        match self {
            Trigger::Created => "created",
            Trigger::Updated => "updated",
            Trigger::StatusChanged => "status_changed",
            Trigger::Schedule => "schedule",
        }
    }
    pub fn parse(s: &str) -> CoreResult<Trigger> {
        [Trigger::Created, Trigger::Updated, Trigger::StatusChanged, Trigger::Schedule]
            .into_iter()
            .find(|t| t.key() == s)
            .ok_or_else(|| CoreError::internal(format!("unknown trigger '{s}'")))
    }
}

/// Who a task or notification goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Recipient {
    /// The record's owner (a ticket's agent).
    Owner,
    User {
        login: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleAction {
    /// Tickets: `priority`, `category`; customers (or a record's customer as `customer.…`):
    /// `tier`, `lifecycle`.
    SetField {
        field: String,
        value: String,
    },
    /// To a user by name; none: tickets by the routing, leads by the assignment rules.
    Assign {
        #[serde(default)]
        to: Option<String>,
    },
    /// Adds a tag (made if missing) to the record's customer.
    AddTag {
        tag: String,
    },
    /// `{name}` in the title is the record's name.
    CreateTask {
        title: String,
        due_in_days: u32,
        to: Recipient,
    },
    Notify {
        message: String,
        to: Recipient,
    },
    /// Leads: back to the pool.
    ReturnToPool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RuleInput {
    pub name: String,
    pub entity: Entity,
    pub trigger: Trigger,
    #[serde(default)]
    pub every_minutes: Option<u32>,
    pub condition: Condition,
    pub actions: Vec<RuleAction>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRule {
    pub id: String,
    pub name: String,
    pub entity: Entity,
    pub trigger: Trigger,
    pub every_minutes: Option<u32>,
    pub condition: Condition,
    pub actions: Vec<RuleAction>,
    pub active: bool,
    /// Which default rule of the app this is, if any.
    pub builtin: Option<String>,
    pub position: i64,
    pub last_run_at: Option<String>,
    pub runs: i64,
    pub updated_at: String,
}

/// One run of a rule on a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RuleRun {
    pub seq: i64,
    pub at: String,
    pub rule_id: String,
    pub rule_name: String,
    pub entity: String,
    pub record_id: String,
    pub record_label: Option<String>,
    pub trigger: String,
    pub depth: i64,
    /// applied, failed or loop
    pub outcome: String,
    pub detail: String,
}

type RuleRowTuple = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
    String,
    i64,
    Option<String>,
    i64,
    Option<String>,
    String,
);

pub(crate) const RULE_SELECT: &str =
    "SELECT seq, id, name, entity, trigger_kind, every_minutes, condition, actions, active,
    builtin, position, last_run_at, updated_at FROM workflow_rules WHERE deleted_at IS NULL";

/// A stored rule, parsed.
#[derive(Debug, Clone)]
pub(crate) struct StoredRule {
    pub seq: i64,
    pub rule: WorkflowRule,
}

pub(crate) fn parse_rule(row: RuleRowTuple) -> CoreResult<StoredRule> {
    let (seq, id, name, entity, trigger, every, condition, actions, active, builtin, position, last_run_at, updated_at) =
        row;
    Ok(StoredRule {
        seq,
        rule: WorkflowRule {
            id,
            name,
            entity: Entity::from_key(&entity).ok_or_else(|| CoreError::internal("bad rule entity"))?,
            trigger: Trigger::parse(&trigger)?,
            every_minutes: every.and_then(|e| u32::try_from(e).ok()),
            condition: serde_json::from_str(&condition)?,
            actions: serde_json::from_str(&actions)?,
            active: active == 1,
            builtin,
            position,
            last_run_at,
            runs: 0,
            updated_at,
        },
    })
}

pub(crate) async fn load_rules(conn: &mut SqliteConnection, extra: &str) -> CoreResult<Vec<StoredRule>> {
    let rows: Vec<RuleRowTuple> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{RULE_SELECT}{extra} ORDER BY position, seq")))
            .fetch_all(conn)
            .await?;
    rows.into_iter().map(parse_rule).collect()
}

/// The fields a value can be set to by `set_field`, per entity.
fn settable(entity: Entity, field: &str) -> bool {
    match entity {
        Entity::Ticket => matches!(field, "priority" | "category" | "customer.tier" | "customer.lifecycle"),
        Entity::Customer => matches!(field, "tier" | "lifecycle"),
        Entity::Opportunity => matches!(field, "customer.tier" | "customer.lifecycle"),
        Entity::Lead => false,
    }
}

async fn validate_action(conn: &mut SqliteConnection, entity: Entity, a: &RuleAction) -> CoreResult<()> {
    let recipient = |to: &Recipient| match to {
        Recipient::User { login } if login.trim().is_empty() => Err(CoreError::invalid("name the user to tell")),
        _ => Ok(()),
    };
    match a {
        RuleAction::SetField { field, value } => {
            if !settable(entity, field) {
                return Err(CoreError::invalid(format!("a rule cannot set '{field}' of a {}", entity.key())));
            }
            let v = value.trim();
            let ok = match field.trim_start_matches("customer.") {
                "priority" => Priority::from_key(v).is_some(),
                "lifecycle" => Lifecycle::from_key(v).is_some(),
                "category" => crate::service::routing::TicketRouting::load(&mut *conn)
                    .await?
                    .categories
                    .iter()
                    .any(|c| c.key == v),
                "tier" => tier_options(conn).await?.iter().any(|o| o.key == v),
                _ => false,
            };
            if !ok {
                return Err(CoreError::invalid(format!("'{v}' is not a value of {field}")));
            }
            Ok(())
        }
        RuleAction::Assign { .. } => Ok(()),
        RuleAction::AddTag { tag } if tag.trim().is_empty() => Err(CoreError::invalid("name the tag to add")),
        RuleAction::AddTag { .. } if entity == Entity::Lead => Err(CoreError::invalid("a lead has no customer to tag")),
        RuleAction::AddTag { .. } => Ok(()),
        RuleAction::CreateTask { title, due_in_days, to } => {
            if title.trim().is_empty() || title.chars().count() > 200 {
                return Err(CoreError::invalid("a task needs a title of at most 200 characters"));
            }
            if *due_in_days > 3650 {
                return Err(CoreError::invalid("a task is due within 3650 days"));
            }
            recipient(to)
        }
        RuleAction::Notify { message, to } => {
            if message.trim().is_empty() || message.chars().count() > 500 {
                return Err(CoreError::invalid("a notification needs a message of at most 500 characters"));
            }
            recipient(to)
        }
        RuleAction::ReturnToPool if entity != Entity::Lead => Err(CoreError::invalid("only leads go back to the pool")),
        RuleAction::ReturnToPool => Ok(()),
    }
}

/// The options of the value-tier dimension the admin configures.
pub(crate) async fn tier_options(conn: &mut SqliteConnection) -> CoreResult<Vec<ConditionOption>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT o.key, o.label_zh, o.label_en FROM field_options o JOIN fields f ON f.id = o.field_id
         WHERE f.key = 'tier' ORDER BY o.position",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(key, label_zh, label_en)| ConditionOption { key, label_zh, label_en }).collect())
}

impl Crm {
    pub async fn list_rules(&self, actor: &Actor) -> CoreResult<Vec<WorkflowRule>> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let mut rules: Vec<WorkflowRule> = load_rules(&mut conn, "").await?.into_iter().map(|r| r.rule).collect();
        let counts: std::collections::HashMap<String, i64> =
            sqlx::query_as::<_, (String, i64)>("SELECT rule_id, count(*) FROM workflow_runs GROUP BY rule_id")
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect();
        for r in &mut rules {
            r.runs = counts.get(&r.id).copied().unwrap_or(0);
        }
        Ok(rules)
    }

    /// Creates (no id) or replaces a rule (administrators).
    pub async fn save_rule(&self, actor: &Actor, id: Option<&str>, input: RuleInput) -> CoreResult<WorkflowRule> {
        self.admin_access(actor, "rule.save").await?;
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(CoreError::invalid("a rule needs a name of at most 200 characters"));
        }
        conditions::validate(&input.condition, input.entity)?;
        if input.actions.is_empty() {
            return Err(CoreError::invalid("a rule needs at least one action"));
        }
        let every = match (input.trigger, input.every_minutes) {
            (Trigger::Schedule, Some(m)) if (1..=10_080).contains(&m) => Some(i64::from(m)),
            (Trigger::Schedule, _) => {
                return Err(CoreError::invalid("a scheduled rule runs every 1 to 10080 minutes"));
            }
            _ => None,
        };
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        for a in &input.actions {
            validate_action(&mut tx, input.entity, a).await?;
        }
        let condition = serde_json::to_string(&input.condition)?;
        // Stored as checked: trimmed values and names.
        let actions: Vec<RuleAction> = input
            .actions
            .iter()
            .cloned()
            .map(|a| match a {
                RuleAction::SetField { field, value } => {
                    RuleAction::SetField { field, value: value.trim().to_string() }
                }
                RuleAction::AddTag { tag } => RuleAction::AddTag { tag: tag.trim().to_string() },
                RuleAction::Assign { to } => {
                    RuleAction::Assign { to: to.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) }
                }
                other => other,
            })
            .collect();
        let actions = serde_json::to_string(&actions)?;
        let id = match id {
            Some(id) => {
                let done = sqlx::query(
                    "UPDATE workflow_rules SET name = ?2, entity = ?3, trigger_kind = ?4, every_minutes = ?5, condition = ?6,
                        actions = ?7, active = ?8, updated_at = ?9 WHERE id = ?1 AND deleted_at IS NULL",
                )
                .bind(id)
                .bind(name)
                .bind(input.entity.key())
                .bind(input.trigger.key())
                .bind(every)
                .bind(&condition)
                .bind(&actions)
                .bind(input.active)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(CoreError::not_found(format!("no rule with id {id}")));
                }
                // What the old rule acted on says nothing about the new one.
                sqlx::query(
                    "DELETE FROM workflow_matches WHERE rule_seq = (SELECT seq FROM workflow_rules WHERE id = ?1)",
                )
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id.to_string()
            }
            None => {
                let id = crate::new_id();
                sqlx::query(
                    "INSERT INTO workflow_rules (id, name, entity, trigger_kind, every_minutes, condition, actions, active,
                        position, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT coalesce(max(position), 0) + 1 FROM workflow_rules), ?9, ?9)",
                )
                .bind(&id)
                .bind(name)
                .bind(input.entity.key())
                .bind(input.trigger.key())
                .bind(every)
                .bind(&condition)
                .bind(&actions)
                .bind(input.active)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
                id
            }
        };
        crate::changelog::record_own(&mut tx, &stamp, "rule", &id, crate::changelog::ChangeOp::Update, "{}".into())
            .await?;
        tx.commit().await?;
        self.list_rules(actor).await?.into_iter().find(|r| r.id == id).ok_or_else(|| CoreError::not_found("rule"))
    }

    pub async fn delete_rule(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.admin_access(actor, "rule.delete").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let done =
            sqlx::query("UPDATE workflow_rules SET deleted_at = ?2, active = 0 WHERE id = ?1 AND deleted_at IS NULL")
                .bind(id)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::not_found(format!("no rule with id {id}")));
        }
        crate::changelog::record_own(&mut tx, &stamp, "rule", id, crate::changelog::ChangeOp::Delete, "{}".into())
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Switches a rule on or off (administrators).
    pub async fn set_rule_active(&self, actor: &Actor, id: &str, active: bool) -> CoreResult<WorkflowRule> {
        self.admin_access(actor, "rule.save").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let done =
            sqlx::query("UPDATE workflow_rules SET active = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL")
                .bind(id)
                .bind(active)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::not_found(format!("no rule with id {id}")));
        }
        let mut changes = crate::changelog::ChangeSet::default();
        changes.field("active", Some(&!active), Some(&active));
        crate::changelog::record_own(
            &mut tx,
            &stamp,
            "rule",
            id,
            crate::changelog::ChangeOp::Update,
            changes.to_json(),
        )
        .await?;
        tx.commit().await?;
        self.list_rules(actor).await?.into_iter().find(|r| r.id == id).ok_or_else(|| CoreError::not_found("rule"))
    }

    /// The run log, newest first; of one rule or one record if named.
    pub async fn rule_runs(
        &self,
        actor: &Actor,
        rule_id: Option<&str>,
        record_id: Option<&str>,
        before: Option<i64>,
        limit: u32,
    ) -> CoreResult<Vec<RuleRun>> {
        // The log names records of every territory.
        self.manager_access(actor, "rule.runs").await?;
        type RunTuple = (i64, String, String, String, String, String, Option<String>, String, i64, String, String);
        let rows: Vec<RunTuple> = sqlx::query_as(
            "SELECT seq, at, rule_id, rule_name, entity, record_id, record_label, trigger_kind, depth, outcome, detail
             FROM workflow_runs WHERE (?1 IS NULL OR rule_id = ?1) AND (?2 IS NULL OR record_id = ?2) AND seq < ?3
             ORDER BY seq DESC LIMIT ?4",
        )
        .bind(rule_id)
        .bind(record_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit.clamp(1, 500)))
        .fetch_all(&self.db.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(seq, at, rule_id, rule_name, entity, record_id, record_label, trigger, depth, outcome, detail)| {
                RuleRun {
                    seq,
                    at,
                    rule_id,
                    rule_name,
                    entity,
                    record_id,
                    record_label,
                    trigger,
                    depth,
                    outcome,
                    detail,
                }
            })
            .collect())
    }

    /// The fields a rule on `entity` may test, with the options configured now (tiers,
    /// categories, stages).
    pub async fn rule_fields(&self, actor: &Actor, entity: Entity) -> CoreResult<Vec<ConditionField>> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let tiers = tier_options(&mut conn).await?;
        let categories = crate::service::routing::TicketRouting::load(&mut conn).await?.categories;
        let stages: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT key, name_zh, name_en FROM opportunity_stages WHERE deleted_at IS NULL ORDER BY position",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut fields = catalog::fields(entity);
        // Order aggregates and segment membership are the segment builder's; the rule editor has
        // no inputs for a window or a segment.
        fields.retain(|f| !matches!(f.kind, FieldKind::Aggregate | FieldKind::Membership));
        for f in &mut fields {
            match f.key.trim_start_matches("customer.") {
                "tier" => f.options = tiers.clone(),
                "category" if entity == Entity::Ticket => {
                    f.options = categories
                        .iter()
                        .map(|c| ConditionOption {
                            key: c.key.clone(),
                            label_zh: c.label_zh.clone(),
                            label_en: c.label_en.clone(),
                        })
                        .collect()
                }
                "stage" if entity == Entity::Opportunity => {
                    f.options = stages
                        .iter()
                        .map(|(k, zh, en)| ConditionOption {
                            key: k.clone(),
                            label_zh: zh.clone(),
                            label_en: en.clone(),
                        })
                        .collect()
                }
                _ => {}
            }
        }
        Ok(fields)
    }
}
