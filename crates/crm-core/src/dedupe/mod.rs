//! Duplicate customers (查重): finding them (scan), merging a cluster into one customer with a
//! value chosen per field (merge), and undoing a merge from its log.

mod children;
pub mod combine;
pub mod keys;
pub mod merge;
pub mod scan;

pub use combine::MERGE_FIELDS;
pub use merge::{MergeEntry, MergeRequest, MergedCustomer};
pub use scan::{DuplicateCluster, DuplicateMember, DuplicateScan, ScanOptions};

use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};

impl Crm {
    /// Duplicate clusters among the customers the user may see, strongest first.
    pub async fn scan_duplicates(&self, actor: &Actor, options: ScanOptions) -> CoreResult<DuplicateScan> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        scan::scan(&mut conn, &access, options).await
    }

    /// Records that these customers are not one another, so the scan stops proposing them.
    pub async fn dismiss_duplicates(&self, actor: &Actor, ids: &[String]) -> CoreResult<()> {
        if ids.len() < 2 {
            return Err(CoreError::invalid("name at least two customers that are not the same"));
        }
        let access = self.access(actor).await?;
        let mut seqs = Vec::new();
        for id in ids {
            self.check_customer_scope(&access, id, "customer.dismiss_duplicate").await?;
            let seq: i64 = sqlx::query_scalar("SELECT seq FROM customers WHERE id = ?1")
                .bind(id)
                .fetch_one(&self.db.reader)
                .await?;
            seqs.push(seq);
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        for (n, a) in seqs.iter().enumerate() {
            for b in &seqs[n + 1..] {
                sqlx::query(
                    "INSERT INTO duplicate_dismissals (low_seq, high_seq, dismissed_at, dismissed_by)
                     VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                )
                .bind(a.min(b))
                .bind(a.max(b))
                .bind(&stamp.at)
                .bind(&stamp.actor)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
