//! What a rule does to a record: each action through the same store functions the screens use
//! (a ticket's priority brings new due times, a lead goes back to the pool through its state
//! machine), inside the caller's transaction. An action that cannot apply to this record (no
//! agent in the territory, no owner to tell) is noted in the run log, not an error.

use super::engine::is_rule_failure;
use super::rules::{Recipient, RuleAction, StoredRule, Trigger};
use crate::bulk::{Arg, insert_rows};
use crate::changelog::{self, ChangeOp, ChangeSet, Stamp};
use crate::conditions::Fact;
use crate::conditions::catalog::Entity;
use crate::conditions::sql::RecordFacts;
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use crate::sales::lead_machine::{LeadAction, next_status};
use crate::sales::lead_model::{LEAD_SELECT, LeadRow};
use crate::service::routing::{check_agent, route};
use crate::service::ticket_model::Priority;
use crate::service::tickets::{assign_in, set_priority_in, ticket_row};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqliteConnection;
use std::collections::HashMap;

pub(crate) struct Applied {
    pub detail: Vec<String>,
    /// Records changed, as events for further rules.
    pub follow: Vec<(Entity, String, Trigger)>,
    pub failed: bool,
}

type Follow = Option<(Entity, String, Trigger)>;

fn fact_text(record: &RecordFacts, key: &str) -> Option<String> {
    match record.facts.get(key) {
        Some(Fact::Text(Some(v))) if !v.trim().is_empty() => Some(v.trim().to_string()),
        _ => None,
    }
}

/// Rows a rule run writes one of per record (notifications, tasks), inserted together when the
/// run ends, and the accounts recipients' names resolve to: a rule over 100,000 records would
/// otherwise spend its time on statement round trips.
#[derive(Default)]
pub(crate) struct Deferred {
    logins: HashMap<String, Option<String>>,
    notices: Vec<[String; 6]>,
    tasks: Vec<[Option<String>; 8]>,
}

impl Deferred {
    pub async fn flush(&mut self, conn: &mut SqliteConnection, at: &str, by: &str) -> CoreResult<()> {
        let notices = std::mem::take(&mut self.notices);
        let rows: Vec<Vec<Arg<'_>>> = notices
            .iter()
            .map(|[id, recipient, title, body, kind, record]| {
                vec![
                    id.into(),
                    recipient.into(),
                    at.into(),
                    "rule".into(),
                    title.into(),
                    body.into(),
                    kind.into(),
                    record.into(),
                ]
            })
            .collect();
        insert_rows(
            conn,
            "INSERT INTO notifications (id, recipient, at, kind, title, body, record_kind, record_id) VALUES ",
            8,
            &rows,
        )
        .await?;
        let tasks = std::mem::take(&mut self.tasks);
        let rows: Vec<Vec<Arg<'_>>> = tasks
            .iter()
            .map(|t| {
                let mut row: Vec<Arg<'_>> = t.iter().map(Arg::from).collect();
                row.extend([at.into(), at.into(), by.into()]);
                row
            })
            .collect();
        insert_rows(
            conn,
            "INSERT INTO tasks (id, title, owner, due_at, record_kind, record_id, record_label, rule_id, remind_at, created_at, created_by) VALUES ",
            11,
            &rows,
        )
        .await
    }

    /// The account a recipient names for this record, if any.
    async fn recipient(
        &mut self,
        conn: &mut SqliteConnection,
        to: &Recipient,
        record: &RecordFacts,
    ) -> CoreResult<Option<String>> {
        let name = match to {
            Recipient::User { login } => Some(login.trim().to_string()),
            Recipient::Owner => fact_text(record, "assignee").or_else(|| fact_text(record, "owner")),
        };
        let Some(name) = name else { return Ok(None) };
        if let Some(known) = self.logins.get(&name) {
            return Ok(known.clone());
        }
        let login: Option<String> = sqlx::query_scalar(
            "SELECT login FROM users WHERE (login = ?1 OR display_name = ?1) AND active = 1 ORDER BY login = ?1 DESC LIMIT 1",
        )
        .bind(&name)
        .fetch_optional(conn)
        .await?;
        self.logins.insert(name, login.clone());
        Ok(login)
    }
}

async fn customer_of(conn: &mut SqliteConnection, entity: Entity, id: &str) -> CoreResult<String> {
    let sql = match entity {
        Entity::Customer => return Ok(id.to_string()),
        Entity::Ticket => "SELECT customer_id FROM tickets WHERE id = ?1",
        Entity::Opportunity => "SELECT customer_id FROM opportunities WHERE id = ?1",
        Entity::Lead => "SELECT customer_id FROM leads WHERE id = ?1 AND customer_id IS NOT NULL",
    };
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| CoreError::invalid("the record has no customer"))
}

fn with_name(text: &str, record: &RecordFacts) -> String {
    text.replace("{name}", &record.label)
}

async fn lead_row(conn: &mut SqliteConnection, id: &str) -> CoreResult<LeadRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{LEAD_SELECT} WHERE l.id = ?1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| CoreError::not_found("the lead is gone"))
}

async fn set_customer_field(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    cid: &str,
    field: &str,
    value: &str,
) -> CoreResult<(String, Follow)> {
    let column = if field == "tier" { "tier" } else { "lifecycle" };
    let old: Option<Option<String>> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {column} FROM customers WHERE id = ?1 AND deleted_at IS NULL"
    )))
    .bind(cid)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(old) = old else { return Err(CoreError::invalid("the customer is in the trash")) };
    if old.as_deref() == Some(value) {
        return Ok((format!("{field} already {value}"), None));
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE customers SET {column} = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1"
    )))
    .bind(cid)
    .bind(value)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .execute(&mut *conn)
    .await?;
    let mut changes = ChangeSet::default();
    changes.field(column, old.as_ref(), Some(&value.to_string()));
    changelog::record_own(conn, stamp, "customer", cid, ChangeOp::Update, changes.to_json()).await?;
    Ok((
        format!("customer {field} {} → {value}", old.unwrap_or_default()),
        Some((Entity::Customer, cid.to_string(), Trigger::Updated)),
    ))
}

#[allow(clippy::too_many_arguments)]
async fn one(
    conn: &mut SqliteConnection,
    deferred: &mut Deferred,
    stamp: &Stamp,
    now: DateTime<Utc>,
    rule: &StoredRule,
    entity: Entity,
    record: &RecordFacts,
    action: &RuleAction,
) -> CoreResult<(String, Follow)> {
    let id = record.id.as_str();
    match action {
        RuleAction::SetField { field, value } => match (entity, field.as_str()) {
            (Entity::Ticket, "priority") => {
                let p =
                    Priority::from_key(value).ok_or_else(|| CoreError::invalid(format!("no priority '{value}'")))?;
                let row = ticket_row(conn, id).await?;
                let old = row.priority.clone();
                if set_priority_in(conn, stamp, &row, p).await? {
                    Ok((format!("priority {old} → {value}"), Some((Entity::Ticket, id.into(), Trigger::Updated))))
                } else {
                    Ok((format!("priority already {value}"), None))
                }
            }
            (Entity::Ticket, "category") => {
                let row = ticket_row(conn, id).await?;
                if row.category.as_deref() == Some(value) {
                    return Ok((format!("category already {value}"), None));
                }
                sqlx::query("UPDATE tickets SET category = ?2, updated_at = ?3, updated_by = ?4, version = version + 1 WHERE seq = ?1")
                    .bind(row.seq)
                    .bind(value)
                    .bind(&stamp.at)
                    .bind(&stamp.actor)
                    .execute(&mut *conn)
                    .await?;
                crate::service::tickets::add_event(
                    conn,
                    row.seq,
                    stamp,
                    "category",
                    row.category.as_deref(),
                    Some(value),
                    None,
                )
                .await?;
                Ok((format!("category → {value}"), Some((Entity::Ticket, id.into(), Trigger::Updated))))
            }
            (_, f) => {
                let cid = customer_of(conn, entity, id).await?;
                set_customer_field(conn, stamp, &cid, f.trim_start_matches("customer."), value).await
            }
        },
        RuleAction::Assign { to } => {
            let to = to.as_deref().map(str::trim).filter(|t| !t.is_empty());
            match entity {
                Entity::Ticket => {
                    let row = ticket_row(conn, id).await?;
                    let login = match to {
                        Some(name) => check_agent(conn, name, row.territory).await?,
                        None => route(conn, row.territory, row.category.as_deref())
                            .await?
                            .ok_or_else(|| CoreError::invalid("no active agent works this ticket's territory"))?,
                    };
                    if row.assignee.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&login)) {
                        return Ok((format!("already with {login}"), None));
                    }
                    assign_in(conn, stamp, &row, &login, Some(&format!("rule: {}", rule.rule.name))).await?;
                    Ok((format!("assigned to {login}"), Some((Entity::Ticket, id.into(), Trigger::StatusChanged))))
                }
                Entity::Lead => {
                    let row = lead_row(conn, id).await?;
                    match to {
                        Some(name) => {
                            let (login, scope) = crate::access::assignment::active_seller(conn, name, "leads").await?;
                            if !scope.contains(row.territory) {
                                return Err(CoreError::invalid(format!("{login} does not work this lead's territory")));
                            }
                            let status = crate::sales::lead_machine::LeadStatus::from_key(&row.status)
                                .ok_or_else(|| CoreError::internal("bad lead status"))?;
                            let next = next_status(status, LeadAction::Assign)
                                .ok_or_else(|| crate::sales::lead_machine::illegal(status, LeadAction::Assign))?;
                            let reason = format!("rule: {}", rule.rule.name);
                            crate::sales::leads::write_transition(
                                conn,
                                stamp,
                                &row,
                                LeadAction::Assign,
                                next,
                                Some(&login),
                                Some(&reason),
                            )
                            .await?;
                            Ok((
                                format!("assigned to {login}"),
                                Some((Entity::Lead, id.into(), Trigger::StatusChanged)),
                            ))
                        }
                        None => {
                            let pool = crate::sales::pool::PoolRules::load(&mut *conn).await?;
                            let mut engine = crate::sales::rule_engine::RuleEngine::load(conn, &pool, now).await?;
                            let n = engine.assign_new(conn, stamp, &[row.seq]).await?;
                            if n == 0 {
                                return Err(CoreError::invalid("no assignment rule takes this lead"));
                            }
                            Ok((
                                "assigned by the assignment rules".into(),
                                Some((Entity::Lead, id.into(), Trigger::StatusChanged)),
                            ))
                        }
                    }
                }
                Entity::Opportunity | Entity::Customer => {
                    let name = to.ok_or_else(|| CoreError::invalid("name who gets it"))?;
                    let (table, what) = if entity == Entity::Opportunity {
                        ("opportunities", "opportunities")
                    } else {
                        ("customers", "customers")
                    };
                    let (login, scope) = crate::access::assignment::active_seller(conn, name, what).await?;
                    let (old, territory): (Option<String>, Option<i64>) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT owner, territory FROM {table} WHERE id = ?1"
                    )))
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
                    if !scope.contains(territory) {
                        return Err(CoreError::invalid(format!("{login} does not work this record's territory")));
                    }
                    if old.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(&login)) {
                        return Ok((format!("already with {login}"), None));
                    }
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "UPDATE {table} SET owner = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1"
                    )))
                    .bind(id)
                    .bind(&login)
                    .bind(&stamp.at)
                    .bind(&stamp.actor)
                    .execute(&mut *conn)
                    .await?;
                    let root = customer_of(conn, entity, id).await?;
                    let mut changes = ChangeSet::default();
                    changes.field("owner", old.as_ref(), Some(&login));
                    let entity_key = if entity == Entity::Opportunity { "opportunity" } else { "customer" };
                    changelog::record(
                        conn,
                        stamp,
                        changelog::LogRow {
                            entity: entity_key,
                            entity_id: id,
                            root_id: &root,
                            op: ChangeOp::Update,
                            changes: changes.to_json(),
                        },
                    )
                    .await?;
                    Ok((format!("owner → {login}"), Some((entity, id.into(), Trigger::Updated))))
                }
            }
        }
        RuleAction::AddTag { tag } => {
            let cid = customer_of(conn, entity, id).await?;
            let name = tag.trim();
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT seq FROM tags WHERE lower(trim(name)) = lower(?1) AND deleted_at IS NULL LIMIT 1",
            )
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
            let tag_seq = match existing {
                Some(s) => s,
                None => crate::classification::tags::insert_tag(conn, stamp, name, "blue").await?.1,
            };
            let added = sqlx::query(
                "INSERT OR IGNORE INTO customer_tags (tag_seq, customer_seq) SELECT ?1, seq FROM customers WHERE id = ?2",
            )
            .bind(tag_seq)
            .bind(&cid)
            .execute(&mut *conn)
            .await?;
            if added.rows_affected() == 0 {
                return Ok((format!("already tagged {name}"), None));
            }
            let mut changes = ChangeSet::default();
            changes.field("tags", None, Some(&format!("+{name}")));
            changelog::record_own(conn, stamp, "customer", &cid, ChangeOp::Update, changes.to_json()).await?;
            Ok((format!("tagged {name}"), Some((Entity::Customer, cid, Trigger::Updated))))
        }
        RuleAction::CreateTask { title, due_in_days, to } => {
            let Some(owner) = deferred.recipient(conn, to, record).await? else {
                return Ok(("no owner to give the task to".into(), None));
            };
            let due = crate::clock::to_db(now + Duration::days((*due_in_days).into()));
            let detail = format!("task for {owner}");
            deferred.tasks.push([
                Some(crate::new_id()),
                Some(with_name(title, record)),
                Some(owner),
                Some(due),
                Some(entity.key().to_string()),
                Some(id.to_string()),
                Some(record.label.clone()),
                Some(rule.rule.id.clone()),
            ]);
            Ok((detail, None))
        }
        RuleAction::Notify { message, to } => {
            let Some(login) = deferred.recipient(conn, to, record).await? else {
                return Ok(("no owner to tell".into(), None));
            };
            let detail = format!("told {login}");
            deferred.notices.push([
                crate::new_id(),
                login,
                with_name(message, record),
                rule.rule.name.clone(),
                entity.key().to_string(),
                id.to_string(),
            ]);
            Ok((detail, None))
        }
        RuleAction::ReturnToPool => {
            let row = lead_row(conn, id).await?;
            let status = crate::sales::lead_machine::LeadStatus::from_key(&row.status)
                .ok_or_else(|| CoreError::internal("bad lead status"))?;
            let Some(next) = next_status(status, LeadAction::AutoReturn) else {
                return Ok((format!("not returned: the lead is {}", status.label_zh()), None));
            };
            let reason = format!("rule: {}", rule.rule.name);
            crate::sales::leads::write_transition(conn, stamp, &row, LeadAction::AutoReturn, next, None, Some(&reason))
                .await?;
            Ok(("returned to the pool".into(), Some((Entity::Lead, id.into(), Trigger::StatusChanged))))
        }
    }
}

/// Applies every action of the rule to the record, in order.
pub(crate) async fn apply(
    conn: &mut SqliteConnection,
    deferred: &mut Deferred,
    stamp: &Stamp,
    now: DateTime<Utc>,
    rule: &StoredRule,
    entity: Entity,
    record: &RecordFacts,
) -> CoreResult<Applied> {
    let mut out = Applied { detail: Vec::new(), follow: Vec::new(), failed: false };
    for action in &rule.rule.actions {
        match one(conn, deferred, stamp, now, rule, entity, record, action).await {
            Ok((detail, follow)) => {
                out.detail.push(detail);
                out.follow.extend(follow);
            }
            Err(e) if is_rule_failure(e.code) => {
                out.failed = true;
                out.detail.push(format!("failed: {}", e.message));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}
