//! Tags: free labels with a colour that any customer can carry, defined in settings (and created
//! on the fly by an import that names a new one).

use crate::changelog::{self, CREATED, ChangeOp, ChangeSet, Stamp};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};

/// The colours the UI can draw a tag in.
pub const TAG_COLORS: &[&str] =
    &["magenta", "red", "volcano", "orange", "gold", "lime", "green", "cyan", "blue", "geekblue", "purple"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub id: String,
    pub name: String,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TagInput {
    pub name: String,
    pub color: String,
}

pub(crate) fn validate_tag_name(name: &str) -> CoreResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::invalid("tag name is required"));
    }
    if name.chars().count() > 40 {
        return Err(CoreError::invalid(format!("tag '{name}' is too long (at most 40 characters)")));
    }
    if name.contains(';') {
        return Err(CoreError::invalid(format!("tag '{name}' may not contain ';' (it separates tags in CSV files)")));
    }
    Ok(name.to_string())
}

fn validate_color(color: &str) -> CoreResult<String> {
    if TAG_COLORS.contains(&color) {
        Ok(color.to_string())
    } else {
        Err(CoreError::invalid(format!("tag colour '{color}' is not one of {}", TAG_COLORS.join(", "))))
    }
}

async fn live_tag_by_name(conn: &mut SqliteConnection, name: &str) -> CoreResult<Option<Tag>> {
    Ok(sqlx::query_as("SELECT id, name, color FROM tags WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL")
        .bind(name)
        .fetch_optional(conn)
        .await?)
}

/// Inserts a tag inside the caller's transaction; returns its id and seq.
pub(crate) async fn insert_tag(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    name: &str,
    color: &str,
) -> CoreResult<(String, i64)> {
    let id = crate::new_id();
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO tags (id, name, color, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) RETURNING seq",
    )
    .bind(&id)
    .bind(name)
    .bind(color)
    .bind(&stamp.at)
    .fetch_one(&mut *conn)
    .await?;
    changelog::record_own(conn, stamp, "tag", &id, ChangeOp::Create, CREATED.into()).await?;
    Ok((id, seq))
}

impl Crm {
    pub async fn list_tags(&self) -> CoreResult<Vec<Tag>> {
        Ok(sqlx::query_as("SELECT id, name, color FROM tags WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE")
            .fetch_all(&self.db.reader)
            .await?)
    }

    pub async fn create_tag(&self, actor: &Actor, input: TagInput) -> CoreResult<Tag> {
        self.manager_access(actor, "tag.create").await?;
        let name = validate_tag_name(&input.name)?;
        let color = validate_color(&input.color)?;
        let mut tx = self.db.begin_write().await?;
        if live_tag_by_name(&mut tx, &name).await?.is_some() {
            return Err(CoreError::conflict(format!("tag '{name}' already exists")));
        }
        let stamp = self.stamp(actor);
        let (id, _) = insert_tag(&mut tx, &stamp, &name, &color).await?;
        tx.commit().await?;
        Ok(Tag { id, name, color })
    }

    pub async fn update_tag(&self, actor: &Actor, id: &str, input: TagInput) -> CoreResult<Tag> {
        self.manager_access(actor, "tag.update").await?;
        let name = validate_tag_name(&input.name)?;
        let color = validate_color(&input.color)?;
        let mut tx = self.db.begin_write().await?;
        let old: Tag = sqlx::query_as("SELECT id, name, color FROM tags WHERE id = ?1 AND deleted_at IS NULL")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no tag with id {id}")))?;
        if let Some(other) = live_tag_by_name(&mut tx, &name).await?
            && other.id != id
        {
            return Err(CoreError::conflict(format!("tag '{name}' already exists")));
        }
        let stamp = self.stamp(actor);
        sqlx::query("UPDATE tags SET name = ?2, color = ?3, updated_at = ?4 WHERE id = ?1")
            .bind(id)
            .bind(&name)
            .bind(&color)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        let mut changes = ChangeSet::default();
        changes.field("name", Some(&old.name), Some(&name));
        changes.field("color", Some(&old.color), Some(&color));
        if !changes.is_empty() {
            changelog::record_own(&mut tx, &stamp, "tag", id, ChangeOp::Update, changes.to_json()).await?;
        }
        tx.commit().await?;
        Ok(Tag { id: id.to_string(), name, color })
    }

    /// Removes a tag from the lists and from every customer's display. Its links stay in the
    /// database (a deleted tag is never shown or filtered by), so nothing about customers is lost.
    pub async fn delete_tag(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.manager_access(actor, "tag.delete").await?;
        let mut tx = self.db.begin_write().await?;
        let stamp = self.stamp(actor);
        let done = sqlx::query("UPDATE tags SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL")
            .bind(id)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::not_found(format!("no tag with id {id}")));
        }
        let mut changes = ChangeSet::default();
        changes.field("deletedAt", None, Some(&stamp.at));
        changelog::record_own(&mut tx, &stamp, "tag", id, ChangeOp::Delete, changes.to_json()).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl Crm {
    /// The live tags with these names, creating the missing ones (for the CLI and scripts that
    /// name tags rather than pick them); only managers and administrators create tags.
    pub async fn ensure_tags(&self, actor: &Actor, names: &[String]) -> CoreResult<Vec<Tag>> {
        let access = self.access(actor).await?;
        let mut tx = self.db.begin_write().await?;
        let stamp = self.stamp(actor);
        let mut out: Vec<Tag> = Vec::new();
        for (i, raw) in names.iter().enumerate() {
            let name = validate_tag_name(raw)?;
            let tag = match live_tag_by_name(&mut tx, &name).await? {
                Some(t) => t,
                None if !access.may_reterritorialize() => {
                    drop(tx);
                    let reason = format!("tag '{name}' does not exist; only a manager or an administrator adds tags");
                    return Err(self.refuse(&access.login, "tag.create", None, &reason).await);
                }
                None => {
                    let color = TAG_COLORS[i % TAG_COLORS.len()].to_string();
                    let (id, _) = insert_tag(&mut tx, &stamp, &name, &color).await?;
                    Tag { id, name, color }
                }
            };
            if !out.iter().any(|t| t.id == tag.id) {
                out.push(tag);
            }
        }
        tx.commit().await?;
        Ok(out)
    }
}
