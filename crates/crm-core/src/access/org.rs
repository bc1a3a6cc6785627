//! The org tree (组织树): one top unit (the company) and units nested below it. Moving a unit
//! moves its users' and territories' place in the tree, and so the managers who see them.

use super::OrgShape;
use crate::changelog::{self, ChangeOp, ChangeSet};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::{FromRow, SqliteConnection};

#[derive(Debug, Clone, PartialEq, Serialize, FromRow)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrgUnit {
    pub id: String,
    pub name: String,
    /// None for the top unit.
    pub parent_id: Option<String>,
    pub user_count: i64,
    pub territory_count: i64,
}

pub(crate) fn check_unit_name(name: &str) -> CoreResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::invalid("an org unit needs a name"));
    }
    if name.chars().count() > 100 {
        return Err(CoreError::invalid("an org unit's name is at most 100 characters"));
    }
    Ok(name.to_string())
}

/// The seq and name of a live unit.
pub(crate) async fn unit_by_id(conn: &mut SqliteConnection, id: &str) -> CoreResult<(i64, String)> {
    sqlx::query_as("SELECT seq, name FROM org_units WHERE id = ?1 AND deleted_at IS NULL")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no org unit with id {id}")))
}

/// The seq of a live unit by id or (case-insensitive) name, for the CLI.
pub(crate) async fn unit_seq_named(conn: &mut SqliteConnection, id_or_name: &str) -> CoreResult<(i64, String)> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT seq, id FROM org_units WHERE deleted_at IS NULL AND (id = ?1 OR name = ?1 COLLATE NOCASE)",
    )
    .bind(id_or_name.trim())
    .fetch_all(conn)
    .await?;
    match rows.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(CoreError::not_found(format!("no org unit '{id_or_name}'"))),
        _ => Err(CoreError::invalid(format!("several org units are called '{id_or_name}'; use the id"))),
    }
}

pub(crate) async fn insert_unit(
    conn: &mut SqliteConnection,
    stamp: &changelog::Stamp,
    name: &str,
    parent_seq: Option<i64>,
) -> CoreResult<(i64, String)> {
    let id = crate::new_id();
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO org_units (id, name, parent_seq, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) RETURNING seq",
    )
    .bind(&id)
    .bind(name)
    .bind(parent_seq)
    .bind(&stamp.at)
    .fetch_one(&mut *conn)
    .await?;
    let mut changes = ChangeSet::default();
    changes.field("name", None, Some(&name.to_string()));
    changelog::record_own(conn, stamp, "org_unit", &id, ChangeOp::Create, changes.to_json()).await?;
    Ok((seq, id))
}

impl Crm {
    /// The whole tree, parents before children. Every signed-in user may read it (names only).
    pub async fn org_units(&self, actor: &Actor) -> CoreResult<Vec<OrgUnit>> {
        self.access(actor).await?;
        let units: Vec<OrgUnit> = sqlx::query_as(
            "WITH RECURSIVE tree(seq, depth) AS (
                 SELECT seq, 0 FROM org_units WHERE parent_seq IS NULL AND deleted_at IS NULL
                 UNION ALL
                 SELECT u.seq, tree.depth + 1 FROM org_units u JOIN tree ON u.parent_seq = tree.seq WHERE u.deleted_at IS NULL
             )
             SELECT u.id, u.name, p.id AS parent_id,
                    (SELECT count(*) FROM users WHERE unit_seq = u.seq AND active = 1) AS user_count,
                    (SELECT count(*) FROM territories WHERE unit_seq = u.seq AND deleted_at IS NULL) AS territory_count
             FROM tree JOIN org_units u ON u.seq = tree.seq LEFT JOIN org_units p ON p.seq = u.parent_seq
             ORDER BY tree.depth, u.name",
        )
        .fetch_all(&self.db.reader)
        .await?;
        Ok(units)
    }

    pub async fn create_org_unit(&self, actor: &Actor, name: &str, parent_id: &str) -> CoreResult<OrgUnit> {
        let access = self.admin_access(actor, "org.create").await?;
        let result: CoreResult<String> = async {
            let name = check_unit_name(name)?;
            let mut tx = self.db.begin_write().await?;
            let (parent_seq, _) = unit_by_id(&mut tx, parent_id).await?;
            let stamp = self.stamp(actor);
            let (_, id) = insert_unit(&mut tx, &stamp, &name, Some(parent_seq)).await?;
            tx.commit().await?;
            Ok(id)
        }
        .await;
        let id = self.audited(&access.login, "org.create", None, result).await?;
        self.org_unit(actor, &id).await
    }

    pub async fn rename_org_unit(&self, actor: &Actor, id: &str, name: &str) -> CoreResult<OrgUnit> {
        let access = self.admin_access(actor, "org.rename").await?;
        let result: CoreResult<()> = async {
            let name = check_unit_name(name)?;
            let mut tx = self.db.begin_write().await?;
            let (_, old) = unit_by_id(&mut tx, id).await?;
            if old != name {
                let stamp = self.stamp(actor);
                sqlx::query("UPDATE org_units SET name = ?2, updated_at = ?3 WHERE id = ?1")
                    .bind(id)
                    .bind(&name)
                    .bind(&stamp.at)
                    .execute(&mut *tx)
                    .await?;
                let mut changes = ChangeSet::default();
                changes.field("name", Some(&old), Some(&name));
                changelog::record_own(&mut tx, &stamp, "org_unit", id, ChangeOp::Update, changes.to_json()).await?;
            }
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, "org.rename", Some(id), result).await?;
        self.org_unit(actor, id).await
    }

    /// Puts a unit (with everything below it) under another. The top unit stays on top, and a
    /// unit cannot go below itself.
    pub async fn move_org_unit(&self, actor: &Actor, id: &str, new_parent_id: &str) -> CoreResult<OrgUnit> {
        let access = self.admin_access(actor, "org.move").await?;
        let result: CoreResult<()> = async {
            let mut tx = self.db.begin_write().await?;
            let (seq, name) = unit_by_id(&mut tx, id).await?;
            let (parent_seq, parent_name) = unit_by_id(&mut tx, new_parent_id).await?;
            let shape = OrgShape::load(&mut tx).await?;
            if shape.is_root(seq) {
                return Err(CoreError::invalid(format!("'{name}' is the top unit; it cannot be moved")));
            }
            if shape.is_within(parent_seq, seq) {
                return Err(CoreError::invalid(format!(
                    "'{name}' cannot be moved under '{parent_name}', which is '{name}' itself or lies below it"
                )));
            }
            let old_parent: Option<String> = sqlx::query_scalar(
                "SELECT p.id FROM org_units u JOIN org_units p ON p.seq = u.parent_seq WHERE u.seq = ?1",
            )
            .bind(seq)
            .fetch_optional(&mut *tx)
            .await?;
            if old_parent.as_deref() != Some(new_parent_id) {
                let stamp = self.stamp(actor);
                sqlx::query("UPDATE org_units SET parent_seq = ?2, updated_at = ?3 WHERE seq = ?1")
                    .bind(seq)
                    .bind(parent_seq)
                    .bind(&stamp.at)
                    .execute(&mut *tx)
                    .await?;
                let mut changes = ChangeSet::default();
                changes.field("parentId", old_parent.as_ref(), Some(&new_parent_id.to_string()));
                changelog::record_own(&mut tx, &stamp, "org_unit", id, ChangeOp::Update, changes.to_json()).await?;
            }
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, "org.move", Some(id), result).await?;
        self.org_unit(actor, id).await
    }

    /// Removes an empty unit: no units, users or territories may remain in it.
    pub async fn delete_org_unit(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        let access = self.admin_access(actor, "org.delete").await?;
        let result: CoreResult<()> = async {
            let mut tx = self.db.begin_write().await?;
            let (seq, name) = unit_by_id(&mut tx, id).await?;
            let (parent, children, users, territories): (Option<i64>, i64, i64, i64) = sqlx::query_as(
                "SELECT parent_seq,
                        (SELECT count(*) FROM org_units WHERE parent_seq = ?1 AND deleted_at IS NULL),
                        (SELECT count(*) FROM users WHERE unit_seq = ?1),
                        (SELECT count(*) FROM territories WHERE unit_seq = ?1 AND deleted_at IS NULL)
                 FROM org_units WHERE seq = ?1",
            )
            .bind(seq)
            .fetch_one(&mut *tx)
            .await?;
            if parent.is_none() {
                return Err(CoreError::invalid(format!("'{name}' is the top unit; it cannot be deleted")));
            }
            if children + users + territories > 0 {
                return Err(CoreError::invalid(format!(
                    "'{name}' still holds {children} unit(s), {users} user(s) and {territories} territory(ies); move them first"
                )));
            }
            let stamp = self.stamp(actor);
            super::soft_delete(&mut tx, &stamp, super::SoftDeleted::OrgUnit, seq, id).await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, "org.delete", Some(id), result).await
    }

    async fn org_unit(&self, actor: &Actor, id: &str) -> CoreResult<OrgUnit> {
        self.org_units(actor)
            .await?
            .into_iter()
            .find(|u| u.id == id)
            .ok_or_else(|| CoreError::not_found(format!("no org unit with id {id}")))
    }

    /// Resolves an org unit given by id or name (for the CLI) to its id.
    pub async fn org_unit_id(&self, id_or_name: &str) -> CoreResult<String> {
        let mut conn = self.db.reader.acquire().await?;
        Ok(unit_seq_named(&mut conn, id_or_name).await?.1)
    }
}
