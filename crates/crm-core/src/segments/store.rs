//! Making and changing segments. Anyone may make one; its owner, a manager or an administrator
//! changes it. A fixed or snapshot segment's members are taken within the territories of the
//! user who takes them and never change by themselves: a fixed one changes by hand, a snapshot
//! when it is taken again.

use super::definitions::{Definition, Definitions, parse_condition};
use super::evaluate::{integers, matching_sql};
use super::{Segment, SegmentInput, SegmentKind};
use crate::access::{Access, Scope};
use crate::changelog::Stamp;
use crate::conditions::catalog::Entity;
use crate::conditions::order_windows;
use crate::conditions::sql::At;
use crate::conditions::{self, Condition};
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use sqlx::SqliteConnection;

const NAME_MAX: usize = 80;
const DESCRIPTION_MAX: usize = 2000;

#[derive(sqlx::FromRow)]
struct SegmentRow {
    seq: i64,
    id: String,
    name: String,
    kind: String,
    description: Option<String>,
    condition: String,
    snapshot_at: Option<String>,
    owner: String,
    created_at: String,
    updated_at: String,
}

const SEGMENT_SELECT: &str =
    "SELECT seq, id, name, kind, description, condition, snapshot_at, owner, created_at, updated_at
    FROM segments WHERE deleted_at IS NULL";

impl SegmentRow {
    fn into_segment(self, access: &Access) -> CoreResult<Segment> {
        Ok(Segment {
            may_edit: access.may_change_owned(&self.owner),
            condition: parse_condition(&self.condition)?,
            kind: SegmentKind::from_key(&self.kind).unwrap_or(SegmentKind::Fixed),
            id: self.id,
            name: self.name,
            description: self.description,
            snapshot_at: self.snapshot_at,
            owner: self.owner,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

async fn row_of(conn: &mut SqliteConnection, id: &str) -> CoreResult<SegmentRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SEGMENT_SELECT} AND id = ?1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no segment with id {id}")))
}

struct Checked {
    name: String,
    description: Option<String>,
    condition_json: String,
}

/// The name, description and definition as they will be stored; the definition must name known
/// fields and live segments and must not reach the segment itself.
fn check(input: &SegmentInput, id: &str, defs: &mut Definitions) -> CoreResult<Checked> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(CoreError::invalid("a segment needs a name"));
    }
    if name.chars().count() > NAME_MAX {
        return Err(CoreError::invalid(format!("a segment's name has at most {NAME_MAX} characters")));
    }
    let description = input.description.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_string);
    if description.as_ref().is_some_and(|d| d.chars().count() > DESCRIPTION_MAX) {
        return Err(CoreError::invalid(format!("a segment's description has at most {DESCRIPTION_MAX} characters")));
    }
    conditions::validate(&input.condition, Entity::Customer)?;
    defs.put(id, Definition { name: name.clone(), kind: input.kind, condition: input.condition.clone() });
    defs.expand(&input.condition, Some(id))?;
    let condition_json = serde_json::to_string(&input.condition)
        .map_err(|e| CoreError::internal(format!("the definition cannot be stored: {e}")))?;
    Ok(Checked { name, description, condition_json })
}

fn duplicate_name(e: sqlx::Error) -> CoreError {
    match &e {
        sqlx::Error::Database(d) if d.message().contains("segments_name") || d.message().contains("segments.name") => {
            CoreError::conflict("another segment already has this name")
        }
        _ => e.into(),
    }
}

/// Replaces the segment's members within `scope` by the customers there that match
/// `membership_free` (a definition without dynamic memberships) now. Members outside the scope,
/// which the user cannot see, stay.
async fn take_members(
    conn: &mut SqliteConnection,
    seq: i64,
    condition: &Condition,
    scope: &Scope,
    stamp: &Stamp,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    // The members to keep are decided before any are removed: a definition may name this
    // segment's own members only through other segments, never itself (see `check`).
    let windows = order_windows::prepare_in(conn, condition, Entity::Customer, now).await?;
    let (where_sql, args) = matching_sql(condition, scope, &At { now, windows: &windows, range: None })?;
    let matching = integers(conn, &format!("SELECT c.seq FROM customers c WHERE {where_sql}"), &[], &args).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM segment_members WHERE segment_seq = ?1
           AND customer_seq IN (SELECT c.seq FROM customers c WHERE 1{})",
        scope.sql_condition("c.territory")
    )))
    .bind(seq)
    .execute(&mut *conn)
    .await?;
    for chunk in matching.chunks(400) {
        let values = chunk.iter().map(|s| format!("({seq}, {s}, ?1, ?2)")).collect::<Vec<_>>().join(",");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO segment_members (segment_seq, customer_seq, added_at, added_by) VALUES {values}"
        )))
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

impl Crm {
    /// Gives the write back if the user may change the segment (its owner, a manager or an
    /// administrator); otherwise ends it and refuses, recording the refusal (which writes).
    async fn editable(
        &self,
        access: &Access,
        tx: sqlx::Transaction<'static, sqlx::Sqlite>,
        current: &SegmentRow,
        action: &str,
        what: &str,
    ) -> CoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        let reason = format!("only its owner, a manager or an administrator may {what}");
        self.owned_editable(access, tx, &current.owner, &current.id, action, &reason).await
    }

    /// Every segment, by name. Anyone may read the definitions; counts and members are scoped.
    pub async fn segments(&self, actor: &Actor) -> CoreResult<Vec<Segment>> {
        let access = self.access(actor).await?;
        let rows: Vec<SegmentRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SEGMENT_SELECT} ORDER BY name COLLATE NOCASE")))
                .fetch_all(&self.db.reader)
                .await?;
        rows.into_iter().map(|r| r.into_segment(&access)).collect()
    }

    pub async fn segment(&self, actor: &Actor, id: &str) -> CoreResult<Segment> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        row_of(&mut conn, id).await?.into_segment(&access)
    }

    /// Makes a segment. A fixed one is filled once from its definition (with no conditions it
    /// starts empty), a snapshot is taken at once; both within the maker's territories.
    pub async fn create_segment(&self, actor: &Actor, input: SegmentInput) -> CoreResult<Segment> {
        let access = self.access(actor).await?;
        let id = crate::new_id();
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let mut defs = Definitions::load(&mut tx).await?;
        let checked = check(&input, &id, &mut defs)?;
        let fills = match input.kind {
            SegmentKind::Dynamic => false,
            SegmentKind::Snapshot => true,
            SegmentKind::Fixed => input.condition != Condition::always(),
        };
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO segments (id, name, kind, description, condition, snapshot_at, owner, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING seq",
        )
        .bind(&id)
        .bind(&checked.name)
        .bind(input.kind.key())
        .bind(&checked.description)
        .bind(&checked.condition_json)
        .bind(fills.then_some(&stamp.at))
        .bind(&access.login)
        .bind(&stamp.at)
        .fetch_one(&mut *tx)
        .await
        .map_err(duplicate_name)?;
        if fills {
            let definition = defs.expand(&input.condition, Some(&id))?;
            take_members(&mut tx, seq, &definition, &access.scope, &stamp, now).await?;
        }
        tx.commit().await?;
        self.segment(actor, &id).await
    }

    /// Renames it, or changes its description or (dynamic and snapshot) definition. The kind
    /// stays; a snapshot's members stay until it is taken again; a fixed segment's definition
    /// only records how it was first filled and cannot change.
    pub async fn update_segment(&self, actor: &Actor, id: &str, input: SegmentInput) -> CoreResult<Segment> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let current = row_of(&mut tx, id).await?;
        let mut tx = self.editable(&access, tx, &current, "segment.update", "change a segment").await?;
        if current.kind != input.kind.key() {
            return Err(CoreError::invalid("a segment's kind cannot change; make a new segment of the other kind"));
        }
        if input.kind == SegmentKind::Fixed && parse_condition(&current.condition)? != input.condition {
            return Err(CoreError::invalid(
                "a fixed segment's members change by hand, not by its definition; add or remove customers instead",
            ));
        }
        let mut defs = Definitions::load(&mut tx).await?;
        let checked = check(&input, id, &mut defs)?;
        sqlx::query("UPDATE segments SET name = ?2, description = ?3, condition = ?4, updated_at = ?5 WHERE id = ?1")
            .bind(id)
            .bind(&checked.name)
            .bind(&checked.description)
            .bind(&checked.condition_json)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await
            .map_err(duplicate_name)?;
        tx.commit().await?;
        self.segment(actor, id).await
    }

    /// Puts a segment in the trash. One that other segments' definitions name stays until they
    /// no longer do.
    pub async fn delete_segment(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let current = row_of(&mut tx, id).await?;
        let mut tx = self.editable(&access, tx, &current, "segment.delete", "delete a segment").await?;
        let users = Definitions::load(&mut tx).await?.users_of(id).join("、");
        if !users.is_empty() {
            return Err(CoreError::conflict(format!(
                "the segments {users} are defined by membership of '{}'; change them first",
                current.name
            )));
        }
        let drafts = crate::campaigns::store::drafts_using(&mut tx, id).await?.join("、");
        if !drafts.is_empty() {
            return Err(CoreError::conflict(format!(
                "the draft campaigns {drafts} go to or exclude '{}'; change them first",
                current.name
            )));
        }
        sqlx::query("UPDATE segments SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes a snapshot segment's members again from its definition, within the user's
    /// territories.
    pub async fn resnapshot_segment(&self, actor: &Actor, id: &str) -> CoreResult<Segment> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let current = row_of(&mut tx, id).await?;
        if current.kind != SegmentKind::Snapshot.key() {
            return Err(CoreError::invalid("only a snapshot segment is taken again"));
        }
        let mut tx = self.editable(&access, tx, &current, "segment.resnapshot", "take a snapshot again").await?;
        let definition = Definitions::load(&mut tx).await?.expand(&parse_condition(&current.condition)?, Some(id))?;
        take_members(&mut tx, current.seq, &definition, &access.scope, &stamp, now).await?;
        sqlx::query("UPDATE segments SET snapshot_at = ?2, updated_at = ?2 WHERE seq = ?1")
            .bind(current.seq)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.segment(actor, id).await
    }

    /// Adds customers to a fixed segment by hand; returns how many were not members yet. Every
    /// customer must exist and be within the user's territories, or none is added.
    pub async fn add_segment_members(&self, actor: &Actor, id: &str, customer_ids: &[String]) -> CoreResult<u64> {
        self.change_members(actor, id, customer_ids, true).await
    }

    /// Takes customers out of a fixed segment by hand; returns how many were members.
    pub async fn remove_segment_members(&self, actor: &Actor, id: &str, customer_ids: &[String]) -> CoreResult<u64> {
        self.change_members(actor, id, customer_ids, false).await
    }

    async fn change_members(&self, actor: &Actor, id: &str, customer_ids: &[String], add: bool) -> CoreResult<u64> {
        let access = self.access(actor).await?;
        let action = if add { "segment.add_members" } else { "segment.remove_members" };
        if customer_ids.is_empty() {
            return Ok(0);
        }
        if customer_ids.len() > 10_000 {
            return Err(CoreError::invalid("at most 10000 customers are added or removed at once"));
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let current = row_of(&mut tx, id).await?;
        if current.kind != SegmentKind::Fixed.key() {
            return Err(CoreError::invalid(
                "only a fixed segment's members change by hand; a dynamic one follows its definition, a snapshot is taken again",
            ));
        }
        let mut tx = self.editable(&access, tx, &current, action, "change a segment").await?;
        let mut seqs = Vec::with_capacity(customer_ids.len());
        let mut outside = false;
        for cid in customer_ids {
            let found: Option<(i64, Option<i64>)> =
                sqlx::query_as("SELECT seq, territory FROM customers WHERE id = ?1")
                    .bind(cid)
                    .fetch_optional(&mut *tx)
                    .await?;
            match found {
                None => return Err(CoreError::not_found(format!("no customer with id {cid}"))),
                Some((_, t)) if !access.scope.contains(t) => outside = true,
                Some((seq, _)) => seqs.push(seq),
            }
        }
        if outside {
            drop(tx);
            return Err(self.refuse(&access.login, action, Some(id), crate::access::OUTSIDE_SCOPE).await);
        }
        let mut changed = 0;
        for seq in seqs {
            let query = if add {
                sqlx::query(
                    "INSERT OR IGNORE INTO segment_members (segment_seq, customer_seq, added_at, added_by)
                     VALUES (?1, ?2, ?3, ?4)",
                )
                .bind(current.seq)
                .bind(seq)
                .bind(&stamp.at)
                .bind(&stamp.actor)
            } else {
                sqlx::query("DELETE FROM segment_members WHERE segment_seq = ?1 AND customer_seq = ?2")
                    .bind(current.seq)
                    .bind(seq)
            };
            changed += query.execute(&mut *tx).await?.rows_affected();
        }
        sqlx::query("UPDATE segments SET updated_at = ?2 WHERE seq = ?1")
            .bind(current.seq)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(changed)
    }
}
