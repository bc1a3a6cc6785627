//! A customer's content as it was, kept by a change that can be undone (a merge, an import that
//! updated it) and written back by the undo.

use super::service::{WrittenRecord, write_and_diff};
use super::store::CustomerRow;
use super::validate::CustomerRecord;
use crate::changelog::{ChangeSet, Stamp};
use crate::classification::fields::FieldCatalog;
use crate::error::CoreResult;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CustomerImage {
    pub record: CustomerRecord,
    /// Live tags only: links to deleted tags are never touched by these changes.
    pub tag_seqs: Vec<i64>,
    pub territory: Option<i64>,
}

/// The live tags of customers, each once.
pub(crate) async fn live_tag_seqs(conn: &mut SqliteConnection, customer_seqs: &[i64]) -> CoreResult<Vec<i64>> {
    let list = customer_seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT ct.tag_seq FROM customer_tags ct JOIN tags t ON t.seq = ct.tag_seq
         WHERE ct.customer_seq IN ({list}) AND t.deleted_at IS NULL ORDER BY ct.tag_seq"
    )))
    .fetch_all(&mut *conn)
    .await?)
}

impl CustomerImage {
    pub async fn capture(conn: &mut SqliteConnection, row: &CustomerRow) -> CoreResult<CustomerImage> {
        Ok(CustomerImage {
            record: row.record(),
            tag_seqs: live_tag_seqs(conn, &[row.seq]).await?,
            territory: row.territory,
        })
    }

    /// Writes the image back over the customer's current row (a new version of it); returns
    /// what that changed, for the log.
    pub async fn restore(
        &self,
        conn: &mut SqliteConnection,
        stamp: &Stamp,
        row: &CustomerRow,
        catalog: &FieldCatalog,
    ) -> CoreResult<ChangeSet> {
        let written =
            WrittenRecord { record: &self.record, tag_seqs: &self.tag_seqs, territory: self.territory, catalog };
        write_and_diff(conn, stamp, row, written).await
    }
}
