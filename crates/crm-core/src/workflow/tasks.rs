//! Tasks and reminders on any record (or none), and the notifications of each user: what the
//! notification center lists and the desktop shows as OS notifications.

use crate::access::Role;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// A record a task or notification is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordRef {
    /// customer, lead, opportunity or ticket
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TaskInput {
    pub title: String,
    #[serde(default)]
    pub notes: Option<String>,
    /// When it is due (a stored time).
    #[serde(default)]
    pub due_at: Option<String>,
    /// When to remind (a stored time); none: no reminder.
    #[serde(default)]
    pub remind_at: Option<String>,
    /// Whose task; none: the signed-in user's. Only managers and administrators give tasks to others.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub record: Option<RecordRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub id: String,
    pub title: String,
    pub notes: Option<String>,
    pub owner: String,
    pub due_at: Option<String>,
    pub remind_at: Option<String>,
    pub reminded_at: Option<String>,
    pub record: Option<RecordRef>,
    pub record_label: Option<String>,
    pub done_at: Option<String>,
    /// The workflow rule that made it.
    pub rule_id: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    pub at: String,
    /// reminder, assignment or rule
    pub kind: String,
    pub title: String,
    pub body: Option<String>,
    pub record: Option<RecordRef>,
    pub read_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NotificationList {
    pub items: Vec<Notification>,
    pub unread: i64,
}

const RECORD_KINDS: [&str; 4] = ["customer", "lead", "opportunity", "ticket"];

/// The display name of a record (and whether it exists), with its territory for scope.
pub(crate) async fn record_label(conn: &mut SqliteConnection, r: &RecordRef) -> CoreResult<(String, Option<i64>)> {
    let sql = match r.kind.as_str() {
        "customer" => "SELECT name, territory FROM customers WHERE id = ?1 AND deleted_at IS NULL",
        "lead" => "SELECT name, territory FROM leads WHERE id = ?1",
        "opportunity" => "SELECT name, territory FROM opportunities WHERE id = ?1 AND deleted_at IS NULL",
        "ticket" => "SELECT '#' || seq || ' ' || subject, territory FROM tickets WHERE id = ?1",
        other => {
            return Err(CoreError::invalid(format!(
                "'{other}' is not a kind of record; use {}",
                RECORD_KINDS.join(", ")
            )));
        }
    };
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&r.id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no {} with id {}", r.kind, r.id)))
}

/// Adds a notification for `recipient` inside the caller's transaction.
pub(crate) async fn notify(
    conn: &mut SqliteConnection,
    at: &str,
    recipient: &str,
    kind: &str,
    title: &str,
    body: Option<&str>,
    record: Option<(&str, &str)>,
) -> CoreResult<()> {
    sqlx::query(
        "INSERT INTO notifications (id, recipient, at, kind, title, body, record_kind, record_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(crate::new_id())
    .bind(recipient)
    .bind(at)
    .bind(kind)
    .bind(title)
    .bind(body)
    .bind(record.map(|r| r.0))
    .bind(record.map(|r| r.1))
    .execute(conn)
    .await?;
    Ok(())
}

/// A task about to be inserted (by a user or a rule).
pub(crate) struct NewTask<'a> {
    pub title: &'a str,
    pub notes: Option<&'a str>,
    pub owner: &'a str,
    pub due_at: Option<&'a str>,
    pub remind_at: Option<&'a str>,
    pub record: Option<(&'a str, &'a str, &'a str)>,
    pub rule_id: Option<&'a str>,
}

pub(crate) async fn insert_task(
    conn: &mut SqliteConnection,
    at: &str,
    by: &str,
    t: &NewTask<'_>,
) -> CoreResult<String> {
    let id = crate::new_id();
    sqlx::query(
        "INSERT INTO tasks (id, title, notes, owner, due_at, remind_at, record_kind, record_id, record_label, rule_id, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .bind(&id)
    .bind(t.title)
    .bind(t.notes)
    .bind(t.owner)
    .bind(t.due_at)
    .bind(t.remind_at)
    .bind(t.record.map(|r| r.0))
    .bind(t.record.map(|r| r.1))
    .bind(t.record.map(|r| r.2))
    .bind(t.rule_id)
    .bind(at)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(id)
}

type TaskTuple = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);
const TASK_SELECT: &str =
    "SELECT id, title, notes, owner, due_at, remind_at, reminded_at, record_kind, record_id, record_label,
    done_at, rule_id, created_at, created_by FROM tasks";

fn to_task(t: TaskTuple) -> Task {
    let (
        id,
        title,
        notes,
        owner,
        due_at,
        remind_at,
        reminded_at,
        kind,
        record_id,
        record_label,
        done_at,
        rule_id,
        created_at,
        created_by,
    ) = t;
    Task {
        id,
        title,
        notes,
        owner,
        due_at,
        remind_at,
        reminded_at,
        record: kind.zip(record_id).map(|(kind, id)| RecordRef { kind, id }),
        record_label,
        done_at,
        rule_id,
        created_at,
        created_by,
    }
}

fn check_time(field: &str, v: Option<&str>) -> CoreResult<Option<String>> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => chrono::DateTime::parse_from_rfc3339(v)
            .map(|t| Some(crate::clock::to_db(t.with_timezone(&chrono::Utc))))
            .map_err(|_| CoreError::invalid(format!("{field} '{v}' is not a time like 2026-11-23T09:00:00Z"))),
    }
}

impl Crm {
    /// Adds a task (with an optional reminder) for oneself, or, as a manager or administrator,
    /// for someone else. A task on a record needs the record in the user's scope.
    pub async fn create_task(&self, actor: &Actor, input: TaskInput) -> CoreResult<Task> {
        let access = self.access(actor).await?;
        let mut p = crate::customer::validate::Problems::default();
        let title = crate::customer::validate::required_name(&mut p, "title", &input.title, 200);
        let notes = crate::customer::validate::optional_text(&mut p, "notes", input.notes.as_deref(), 10_000);
        p.into_result(())?;
        let due_at = check_time("due time", input.due_at.as_deref())?;
        let remind_at = check_time("reminder time", input.remind_at.as_deref())?;
        let owner =
            input.owner.as_deref().map(str::trim).filter(|o| !o.is_empty() && !o.eq_ignore_ascii_case(&access.login));
        if owner.is_some() && !matches!(access.role, Role::Manager | Role::Admin) {
            return Err(self
                .refuse(&access.login, "task.create", None, "only managers and administrators give tasks to others")
                .await);
        }
        let mut tx = self.db.begin_write().await?;
        let owner = match owner {
            None => access.login.clone(),
            Some(o) => sqlx::query_scalar::<_, String>("SELECT login FROM users WHERE login = ?1 AND active = 1")
                .bind(o)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| CoreError::invalid(format!("there is no active user '{o}' to give the task to")))?,
        };
        let label = match &input.record {
            Some(r) => {
                let (label, territory) = record_label(&mut tx, r).await?;
                if !access.scope.contains(territory) {
                    drop(tx);
                    return Err(self
                        .refuse(&access.login, "task.create", Some(&r.id), crate::access::OUTSIDE_SCOPE)
                        .await);
                }
                Some(label)
            }
            None => None,
        };
        let stamp = self.stamp(actor);
        let record = input.record.as_ref().zip(label.as_deref()).map(|(r, l)| (r.kind.as_str(), r.id.as_str(), l));
        let id = insert_task(
            &mut tx,
            &stamp.at,
            &stamp.actor,
            &NewTask {
                title: &title,
                notes: notes.as_deref(),
                owner: &owner,
                due_at: due_at.as_deref(),
                remind_at: remind_at.as_deref(),
                record,
                rule_id: None,
            },
        )
        .await?;
        if !owner.eq_ignore_ascii_case(&access.login) {
            notify(
                &mut tx,
                &stamp.at,
                &owner,
                "assignment",
                &title,
                Some(&format!("from {}", access.login)),
                record.map(|r| (r.0, r.1)),
            )
            .await?;
        }
        tx.commit().await?;
        self.task(&id).await
    }

    async fn task(&self, id: &str) -> CoreResult<Task> {
        let t: TaskTuple = sqlx::query_as(sqlx::AssertSqlSafe(format!("{TASK_SELECT} WHERE id = ?1")))
            .bind(id)
            .fetch_optional(&self.db.reader)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no task with id {id}")))?;
        Ok(to_task(t))
    }

    /// The user's tasks (open first by due time), or the tasks on one record in scope.
    pub async fn list_tasks(
        &self,
        actor: &Actor,
        record_id: Option<&str>,
        include_done: bool,
    ) -> CoreResult<Vec<Task>> {
        let access = self.access(actor).await?;
        let done = if include_done { "" } else { " AND done_at IS NULL" };
        let rows: Vec<TaskTuple> = match record_id {
            Some(rid) => sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{TASK_SELECT} WHERE record_id = ?1{done} ORDER BY done_at IS NOT NULL, due_at IS NULL, due_at, seq LIMIT 500"
            )))
            .bind(rid)
            .fetch_all(&self.db.reader)
            .await?,
            None => sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{TASK_SELECT} WHERE owner = ?1 COLLATE NOCASE{done} ORDER BY done_at IS NOT NULL, due_at IS NULL, due_at, seq LIMIT 500"
            )))
            .bind(&access.login)
            .fetch_all(&self.db.reader)
            .await?,
        };
        let mut tasks: Vec<Task> = rows.into_iter().map(to_task).collect();
        // Tasks on a record are seen by whoever sees the record (a record gone shows none).
        if record_id.is_some()
            && let Some(first) = tasks.first().and_then(|t| t.record.clone())
        {
            let mut conn = self.db.reader.acquire().await?;
            let visible = match record_label(&mut conn, &first).await {
                Ok((_, territory)) => access.scope.contains(territory),
                Err(e) if e.code == crate::ErrorCode::NotFound => false,
                Err(e) => return Err(e),
            };
            if !visible {
                tasks.clear();
            }
        }
        Ok(tasks)
    }

    /// Marks a task done or open again (its owner, its maker, or an administrator).
    pub async fn complete_task(&self, actor: &Actor, id: &str, done: bool) -> CoreResult<Task> {
        let access = self.access(actor).await?;
        let task = self.task(id).await?;
        if !task.owner.eq_ignore_ascii_case(&access.login)
            && !task.created_by.eq_ignore_ascii_case(&access.login)
            && !access.is_admin()
        {
            return Err(self.refuse(&access.login, "task.complete", Some(id), "this is someone else's task").await);
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        sqlx::query("UPDATE tasks SET done_at = CASE WHEN ?2 THEN ?3 ELSE NULL END WHERE id = ?1")
            .bind(id)
            .bind(done)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.task(id).await
    }

    pub async fn delete_task(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        let access = self.access(actor).await?;
        let task = self.task(id).await?;
        if !task.created_by.eq_ignore_ascii_case(&access.login)
            && !task.owner.eq_ignore_ascii_case(&access.login)
            && !access.is_admin()
        {
            return Err(self.refuse(&access.login, "task.delete", Some(id), "this is someone else's task").await);
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM tasks WHERE id = ?1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user's notifications, newest first, with the unread count.
    pub async fn notifications(&self, actor: &Actor, limit: u32) -> CoreResult<NotificationList> {
        let access = self.access(actor).await?;
        type N = (String, String, String, String, Option<String>, Option<String>, Option<String>, Option<String>);
        let rows: Vec<N> = sqlx::query_as(
            "SELECT id, at, kind, title, body, record_kind, record_id, read_at FROM notifications
             WHERE recipient = ?1 COLLATE NOCASE ORDER BY seq DESC LIMIT ?2",
        )
        .bind(&access.login)
        .bind(i64::from(limit.clamp(1, 500)))
        .fetch_all(&self.db.reader)
        .await?;
        let unread: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM notifications WHERE recipient = ?1 COLLATE NOCASE AND read_at IS NULL",
        )
        .bind(&access.login)
        .fetch_one(&self.db.reader)
        .await?;
        Ok(NotificationList {
            items: rows
                .into_iter()
                .map(|(id, at, kind, title, body, rk, rid, read_at)| Notification {
                    id,
                    at,
                    kind,
                    title,
                    body,
                    record: rk.zip(rid).map(|(kind, id)| RecordRef { kind, id }),
                    read_at,
                })
                .collect(),
            unread,
        })
    }

    /// Marks the named notifications (none: all of them) read.
    pub async fn mark_notifications_read(&self, actor: &Actor, ids: Vec<String>) -> CoreResult<i64> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE notifications SET read_at = ?2 WHERE recipient = ?1 COLLATE NOCASE AND read_at IS NULL
               AND (?3 = '[]' OR id IN (SELECT value FROM json_each(?3)))",
        )
        .bind(&access.login)
        .bind(&stamp.at)
        .bind(serde_json::to_string(&ids)?)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(i64::try_from(done.rows_affected()).unwrap_or(0))
    }

    /// The user's notifications the desktop has not shown yet, marked shown (for OS notifications).
    pub async fn take_unshown_notifications(&self, actor: &Actor) -> CoreResult<Vec<Notification>> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        type N = (String, String, String, String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<N> = sqlx::query_as(
            "UPDATE notifications SET shown_at = ?2 WHERE recipient = ?1 COLLATE NOCASE AND shown_at IS NULL
             RETURNING id, at, kind, title, body, record_kind, record_id",
        )
        .bind(&access.login)
        .bind(&stamp.at)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .map(|(id, at, kind, title, body, rk, rid)| Notification {
                id,
                at,
                kind,
                title,
                body,
                record: rk.zip(rid).map(|(kind, id)| RecordRef { kind, id }),
                read_at: None,
            })
            .collect())
    }
}
