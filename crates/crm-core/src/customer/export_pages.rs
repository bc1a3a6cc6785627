//! Every live customer a user may see, page by page in creation order, with the names of their
//! tags: what each export format (CSV, vCard) writes from.

use super::store::{CUSTOMER_SELECT, CustomerRow, tag_ids_of};
use crate::error::CoreResult;
use crate::{Actor, Crm};
use sqlx::SqliteConnection;
use sqlx::pool::PoolConnection;
use std::collections::HashMap;

const PAGE: i64 = 5000;

/// One customer as an export writes it.
pub(crate) struct ExportedCustomer {
    pub row: CustomerRow,
    pub tags: Vec<String>,
}

pub(crate) struct CustomerPages {
    conn: PoolConnection<sqlx::Sqlite>,
    scope: String,
    tag_names: HashMap<String, String>,
    after: i64,
}

impl CustomerPages {
    /// The next page, or none at the end.
    pub async fn next(&mut self) -> CoreResult<Option<Vec<ExportedCustomer>>> {
        let conn: &mut SqliteConnection = &mut self.conn;
        let rows: Vec<CustomerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{CUSTOMER_SELECT} WHERE seq > ?1 AND deleted_at IS NULL{} ORDER BY seq LIMIT ?2",
            self.scope
        )))
        .bind(self.after)
        .bind(PAGE)
        .fetch_all(&mut *conn)
        .await?;
        let Some(last) = rows.last() else { return Ok(None) };
        self.after = last.seq;
        let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
        let mut tags = tag_ids_of(conn, &seqs).await?;
        Ok(Some(
            rows.into_iter()
                .map(|row| {
                    let ids = tags.remove(&row.seq).unwrap_or_default();
                    let tags = ids.iter().filter_map(|id| self.tag_names.get(id).cloned()).collect();
                    ExportedCustomer { row, tags }
                })
                .collect(),
        ))
    }
}

impl Crm {
    /// The customers `actor` may see, for an export.
    pub(crate) async fn customer_pages(&self, actor: &Actor) -> CoreResult<CustomerPages> {
        let scope = self.access(actor).await?.scope.sql_condition("territory");
        let tag_names = self.list_tags().await?.into_iter().map(|t| (t.id, t.name)).collect();
        Ok(CustomerPages { conn: self.db.reader.acquire().await?, scope, tag_names, after: 0 })
    }
}
