//! Kehu CRM's core: every business rule and the SQLite store. The desktop app and the `crm` tool
//! are thin shells over [`Crm`].

pub mod access;
pub mod activity;
pub mod backup;
mod bulk;
pub mod campaigns;
pub mod changelog;
pub mod classification;
pub mod clock;
pub mod commerce;
pub mod conditions;
pub mod contact;
pub mod csv_io;
pub mod customer;
pub mod db;
pub mod dedupe;
pub mod demo;
pub mod error;
pub mod export_file;
pub mod import;
pub mod rfm;
pub mod sales;
pub mod search;
pub mod segments;
pub mod service;
pub mod settings;
pub mod table_export;
#[cfg(test)]
mod test_database;
mod time_cursor;
pub mod vcard;
pub mod workflow;

use std::path::Path;
use std::sync::Arc;

pub use changelog::Actor;
pub use clock::{Clock, FixedClock, SystemClock};
pub use db::default_db_path;
pub use error::{CoreError, CoreResult, ErrorCode};

/// One open database and the rules over it. Cheap to share behind an `Arc`.
pub struct Crm {
    pub(crate) db: db::Db,
    clock: Arc<dyn Clock>,
    hlc: uhlc::HLC,
    /// Dynamic segments' member lists, so paging through one does not evaluate it again.
    segment_members: segments::MemberCache,
    campaign_runs: campaigns::CampaignRuns,
}

/// A new record id: UUIDv7, time-ordered and unique across devices.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl Crm {
    pub async fn open(path: &Path) -> CoreResult<Crm> {
        Self::open_with_clock(path, Arc::new(SystemClock)).await
    }

    pub async fn open_with_clock(path: &Path, clock: Arc<dyn Clock>) -> CoreResult<Crm> {
        let db = db::Db::open(path).await?;
        let device = db.device_id().await?;
        let id = uhlc::ID::try_from(u128::from_str_radix(&device, 16).unwrap_or(1).to_le_bytes())
            .map_err(|e| CoreError::internal(format!("bad device id: {e}")))?;
        let hlc = uhlc::HLCBuilder::new().with_id(id).build();
        Ok(Crm { db, clock, hlc, segment_members: Default::default(), campaign_runs: Default::default() })
    }

    pub fn db_path(&self) -> &Path {
        self.db.path()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The actor, time and hybrid-logical-clock stamp of one transaction's log rows. The HLC time
    /// is written as fixed-width hex so that it sorts as text; the device is implied (origin NULL).
    pub(crate) fn stamp(&self, actor: &Actor) -> changelog::Stamp {
        let ts = self.hlc.new_timestamp();
        changelog::Stamp {
            actor: actor.name.clone(),
            at: clock::to_db(self.clock.now()),
            hlc: format!("{:016x}", ts.get_time().as_u64()),
        }
    }

    pub async fn close(&self) {
        self.db.close().await;
    }
}
