//! Customers by external id: the id a customer has, or one a merge of duplicates gave it (the
//! merged customers' ids, see migration 0013). Imports from the system the ids come from find
//! the survivor by either, so a merge is not undone by the next import.

use crate::error::CoreResult;
use sqlx::{FromRow, SqliteConnection};
use std::collections::HashMap;

/// The customer an external id names.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct Holder {
    pub external_id: String,
    pub seq: i64,
    pub id: String,
    pub name: String,
    pub territory: Option<i64>,
    pub deleted_at: Option<String>,
    /// The id was another customer's, merged into this one.
    pub merged: bool,
}

impl Holder {
    /// Why a new customer cannot take this id.
    pub fn taken(&self) -> String {
        let ext = &self.external_id;
        if self.merged {
            format!(
                "external_id '{ext}' belonged to a customer merged into '{}' and names that customer now",
                self.name
            )
        } else {
            format!("external_id '{ext}' is already used by customer '{}'", self.name)
        }
    }
}

/// The customers `external_ids` name, by id. Should an id be both a customer's own and a merged
/// one, the own one is kept (merged rows are read first and overwritten).
pub(crate) async fn holders(conn: &mut SqliteConnection, external_ids: &[&str]) -> CoreResult<HashMap<String, Holder>> {
    let mut out = HashMap::new();
    for chunk in external_ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut q = sqlx::query_as::<_, Holder>(sqlx::AssertSqlSafe(format!(
            "SELECT x.external_id, c.seq, c.id, c.name, c.territory, c.deleted_at, x.merged
             FROM customer_external_ids x JOIN customers c ON c.seq = x.customer_seq
             WHERE x.external_id IN ({marks}) ORDER BY x.merged DESC"
        )));
        for ext in chunk {
            q = q.bind(*ext);
        }
        for h in q.fetch_all(&mut *conn).await? {
            out.insert(h.external_id.clone(), h);
        }
    }
    Ok(out)
}

pub(crate) async fn holder(conn: &mut SqliteConnection, external_id: &str) -> CoreResult<Option<Holder>> {
    Ok(holders(conn, &[external_id]).await?.remove(external_id))
}

/// Whether any customer has or was given an external id (if none, a file cannot collide).
pub(crate) async fn any(conn: &mut SqliteConnection) -> CoreResult<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM customer_external_ids)").fetch_one(conn).await?)
}

/// Records that the survivor of merge `merge_id` now stands for `external_ids`.
pub(crate) async fn give_to_survivor(
    conn: &mut SqliteConnection,
    survivor_seq: i64,
    merge_id: &str,
    external_ids: &[&str],
) -> CoreResult<()> {
    for ext in external_ids {
        sqlx::query("INSERT INTO merged_external_ids (external_id, customer_seq, merge_id) VALUES (?1, ?2, ?3)")
            .bind(ext)
            .bind(survivor_seq)
            .bind(merge_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Forgets the ids merge `merge_id` gave its survivor (its undo gives them back to their customers).
pub(crate) async fn take_back(conn: &mut SqliteConnection, merge_id: &str) -> CoreResult<()> {
    sqlx::query("DELETE FROM merged_external_ids WHERE merge_id = ?1").bind(merge_id).execute(conn).await?;
    Ok(())
}
