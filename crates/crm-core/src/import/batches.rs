//! The import history: every applied import is a batch that can be listed and reverted, and the
//! column mapping a user chose is remembered for the next file with the same header.
//!
//! Reverting a customer batch removes exactly what it added: the customers (with their tags,
//! option values, search entries and log rows) and the tags it created. A batch whose customers
//! have since gained records of their own (contacts, activities, leads, deals, tickets, orders,
//! campaign sends) is not reverted: that would lose work done after the import. Batches of
//! contacts, leads and orders are reverted the same way, by their own rules (see
//! `remove_contacts`, `remove_leads`, `remove_orders`).

use super::mapping::{Mapping, signature};
use crate::changelog::Stamp;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::SqliteConnection;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportBatch {
    pub id: String,
    pub entity: String,
    pub file_name: Option<String>,
    pub format: String,
    pub created: i64,
    /// Stored customers the import changed (modes update and upsert).
    pub updated: i64,
    pub mode: String,
    pub rejected: i64,
    pub imported_at: String,
    pub imported_by: String,
    pub reverted_at: Option<String>,
    pub reverted_by: Option<String>,
}

const BATCH_SELECT: &str = "SELECT id, entity, file_name, format, created, updated, mode, rejected, imported_at, \
     imported_by, reverted_at, reverted_by FROM import_batches";

/// What reverting a batch needs to know about it.
#[derive(sqlx::FromRow)]
struct BatchContents {
    entity: String,
    imported_at: String,
    imported_by: String,
    first_seq: Option<i64>,
    last_seq: Option<i64>,
    created_tags: String,
    reverted_at: Option<String>,
}

/// What a new batch records.
pub(crate) struct NewBatch<'a> {
    pub entity: &'a str,
    pub file_name: Option<&'a str>,
    pub format: &'a str,
    pub created: u64,
    pub updated: u64,
    pub mode: &'a str,
    pub rejected: u64,
    pub seqs: Option<(i64, i64)>,
    pub created_tags: &'a [i64],
}

pub(crate) async fn record_batch(conn: &mut SqliteConnection, stamp: &Stamp, b: NewBatch<'_>) -> CoreResult<String> {
    let id = crate::new_id();
    sqlx::query(
        "INSERT INTO import_batches (id, entity, file_name, format, created, rejected, first_seq, last_seq, created_tags, \
         imported_at, imported_by, updated, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(b.entity)
    .bind(b.file_name)
    .bind(b.format)
    .bind(b.created as i64)
    .bind(b.rejected as i64)
    .bind(b.seqs.map(|s| s.0))
    .bind(b.seqs.map(|s| s.1))
    .bind(serde_json::to_string(b.created_tags)?)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .bind(b.updated as i64)
    .bind(b.mode)
    .execute(conn)
    .await?;
    Ok(id)
}

/// The mapping for a file: the one last saved for its layout (the columns this file has), with
/// the user's `given` choices over it.
pub(crate) async fn mapping_for(
    conn: &mut SqliteConnection,
    entity: &str,
    header: &[String],
    given: &Mapping,
) -> CoreResult<Mapping> {
    let json: Option<String> =
        sqlx::query_scalar("SELECT mapping FROM import_mappings WHERE entity = ? AND signature = ?")
            .bind(entity)
            .bind(signature(header))
            .fetch_optional(conn)
            .await?;
    let mut mapping: Mapping = json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
    mapping.retain(|column, _| header.contains(column));
    mapping.extend(given.clone());
    Ok(mapping)
}

pub(crate) async fn save_mapping(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    entity: &str,
    signature: &str,
    mapping: &Mapping,
) -> CoreResult<()> {
    sqlx::query(
        "INSERT INTO import_mappings (entity, signature, mapping, saved_at, saved_by) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (entity, signature) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at, \
         saved_by = excluded.saved_by",
    )
    .bind(entity)
    .bind(signature)
    .bind(serde_json::to_string(mapping)?)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records that point at customers; a batch whose customers have any is not reverted.
const DEPENDENTS: &[(&str, &str, &str)] = &[
    ("contacts", "customer_id", "contact(s)"),
    ("activities", "customer_id", "activity(ies)"),
    ("leads", "customer_id", "lead(s)"),
    ("opportunities", "customer_id", "opportunity(ies)"),
    ("tickets", "customer_id", "ticket(s)"),
    ("orders", "customer_seq", "order(s)"),
    ("campaign_recipients", "customer_seq", "campaign send(s)"),
];

impl Crm {
    /// Applied imports, newest first. Administrators see all; others their own.
    pub async fn import_history(&self, actor: &Actor, limit: u32) -> CoreResult<Vec<ImportBatch>> {
        let access = self.access(actor).await?;
        let sql = format!("{BATCH_SELECT} WHERE ?1 OR imported_by = ?2 ORDER BY imported_at DESC, id DESC LIMIT ?3");
        let rows = sqlx::query_as::<_, ImportBatch>(sqlx::AssertSqlSafe(sql))
            .bind(access.is_admin())
            .bind(&actor.name)
            .bind(i64::from(limit.clamp(1, 1000)))
            .fetch_all(&self.db.reader)
            .await?;
        Ok(rows)
    }

    /// Removes what a batch added (see the module documentation); by its importer or an
    /// administrator, once.
    pub async fn revert_import(&self, actor: &Actor, batch_id: &str) -> CoreResult<ImportBatch> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let row: Option<BatchContents> = sqlx::query_as(
            "SELECT entity, imported_at, imported_by, first_seq, last_seq, created_tags, reverted_at
             FROM import_batches WHERE id = ?",
        )
        .bind(batch_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(BatchContents {
            entity,
            imported_at,
            imported_by: by,
            first_seq: first,
            last_seq: last,
            created_tags: tags,
            reverted_at: reverted,
        }) = row
        else {
            return Err(CoreError::not_found(format!("no import batch '{batch_id}'")));
        };
        if !access.is_admin() && by != actor.name {
            return Err(CoreError::forbidden("only the user who imported a batch or an administrator reverts it"));
        }
        if reverted.is_some() {
            return Err(CoreError::conflict(format!("import batch '{batch_id}' was already reverted")));
        }
        match (entity.as_str(), first, last) {
            ("contacts", Some(first), Some(last)) => {
                crate::csv_io::contacts_import::remove_contacts(&mut tx, first, last).await?
            }
            ("leads", Some(first), Some(last)) => {
                crate::sales::lead_import::remove_leads(&mut tx, first, last, &imported_at).await?
            }
            ("orders", Some(first), Some(last)) => {
                crate::commerce::order_import::remove_orders(&mut tx, first, last, &imported_at).await?
            }
            ("contacts" | "leads" | "orders", _, _) => {}
            ("customers", first, last) => {
                let catalog = crate::classification::fields::load_catalog(&mut tx).await?;
                crate::csv_io::upsert::revert_updates(&mut tx, &stamp, &catalog, batch_id).await?;
                if let (Some(first), Some(last)) = (first, last) {
                    remove_customers(&mut tx, first, last).await?;
                }
            }
            _ => return Err(CoreError::invalid(format!("imports of {entity} are not reverted here"))),
        }
        let tags: Vec<i64> = serde_json::from_str(&tags)?;
        for tag in tags {
            let used: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM customer_tags WHERE tag_seq = ?)")
                .bind(tag)
                .fetch_one(&mut *tx)
                .await?;
            if !used {
                sqlx::query("DELETE FROM change_log WHERE root_id = (SELECT id FROM tags WHERE seq = ?)")
                    .bind(tag)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM tags WHERE seq = ?").bind(tag).execute(&mut *tx).await?;
            }
        }
        sqlx::query("UPDATE import_batches SET reverted_at = ?, reverted_by = ? WHERE id = ?")
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .bind(batch_id)
            .execute(&mut *tx)
            .await?;
        let batch = sqlx::query_as::<_, ImportBatch>(sqlx::AssertSqlSafe(format!("{BATCH_SELECT} WHERE id = ?")))
            .bind(batch_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(batch)
    }
}

/// Deletes the customers of a seq range and everything written with them, unless other records
/// have come to point at them.
async fn remove_customers(conn: &mut SqliteConnection, first: i64, last: i64) -> CoreResult<()> {
    let merged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM customer_merges m
         WHERE m.survivor_id IN (SELECT id FROM customers WHERE seq BETWEEN ?1 AND ?2)
            OR EXISTS (SELECT 1 FROM json_each(m.merged) j WHERE json_extract(j.value, '$.seq') BETWEEN ?1 AND ?2)",
    )
    .bind(first)
    .bind(last)
    .fetch_one(&mut *conn)
    .await?;
    if merged > 0 {
        // Their values and records live on in (or came from) other customers: deleting the range
        // would neither remove what the import added nor keep the merge undoable.
        return Err(CoreError::conflict(format!(
            "customers of this import took part in {merged} merge(s) of duplicates; such an import is not reverted"
        )));
    }
    let mut found = Vec::new();
    for (table, column, what) in DEPENDENTS {
        let sql = if column.ends_with("_seq") {
            format!("SELECT count(*) FROM {table} WHERE {column} BETWEEN ?1 AND ?2")
        } else {
            format!(
                "SELECT count(*) FROM {table} WHERE {column} IN (SELECT id FROM customers WHERE seq BETWEEN ?1 AND ?2)"
            )
        };
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(first).bind(last).fetch_one(&mut *conn).await?;
        if n > 0 {
            found.push(format!("{n} {what}"));
        }
    }
    if !found.is_empty() {
        return Err(CoreError::conflict(format!(
            "the imported customers have since gained {}; reverting would lose them, so nothing was changed",
            found.join(", ")
        )));
    }
    for sql in [
        "DELETE FROM change_log WHERE root_id IN (SELECT id FROM customers WHERE seq BETWEEN ?1 AND ?2)",
        "DELETE FROM customer_tags WHERE customer_seq BETWEEN ?1 AND ?2",
        "DELETE FROM customer_multi_values WHERE customer_seq BETWEEN ?1 AND ?2",
        "DELETE FROM segment_members WHERE customer_seq BETWEEN ?1 AND ?2",
        "DELETE FROM customer_rfm WHERE customer_seq BETWEEN ?1 AND ?2",
        // A later customer may get one of these seqs: it must not inherit a "not a duplicate".
        "DELETE FROM duplicate_dismissals WHERE low_seq BETWEEN ?1 AND ?2 OR high_seq BETWEEN ?1 AND ?2",
    ] {
        sqlx::query(sql).bind(first).bind(last).execute(&mut *conn).await?;
    }
    let live: Vec<i64> =
        sqlx::query_scalar("SELECT seq FROM customers WHERE seq BETWEEN ?1 AND ?2 AND deleted_at IS NULL")
            .bind(first)
            .bind(last)
            .fetch_all(&mut *conn)
            .await?;
    for seq in live {
        crate::search::index::delete_doc(conn, seq).await?;
    }
    sqlx::query("DELETE FROM customers WHERE seq BETWEEN ?1 AND ?2").bind(first).bind(last).execute(conn).await?;
    Ok(())
}
