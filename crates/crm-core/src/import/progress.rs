//! Watching and stopping an import: how far it has read, and a cancel that leaves nothing behind
//! (the import runs in one transaction, which a cancel rolls back).

use serde::Serialize;
use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct ImportControl {
    rows: AtomicU64,
    bytes_read: AtomicU64,
    bytes_total: AtomicU64,
    cancelled: AtomicBool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// Rows read so far.
    pub rows: u64,
    pub bytes_read: u64,
    /// The file's size, when known.
    pub bytes_total: u64,
    pub cancelled: bool,
}

impl ImportControl {
    /// A control for a file of `bytes_total` bytes (0: unknown).
    pub fn new(bytes_total: u64) -> Arc<Self> {
        let control = ImportControl::default();
        control.bytes_total.store(bytes_total, Ordering::Relaxed);
        Arc::new(control)
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub fn progress(&self) -> ImportProgress {
        ImportProgress {
            rows: self.rows.load(Ordering::Relaxed),
            bytes_read: self.bytes_read.load(Ordering::Relaxed),
            bytes_total: self.bytes_total.load(Ordering::Relaxed),
            cancelled: self.is_cancelled(),
        }
    }

    pub(crate) fn row_read(&self) {
        self.rows.fetch_add(1, Ordering::Relaxed);
    }
}

/// A reader that tells the control how many bytes of the file it has read.
pub(crate) struct CountingReader<R> {
    pub inner: R,
    pub control: Arc<ImportControl>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.control.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
