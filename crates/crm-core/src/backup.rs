//! Backups (备份) and restoring one. A backup is a consistent copy of the database taken while
//! the app runs: `VACUUM INTO` on a read connection copies one snapshot of the WAL, so writes go
//! on meanwhile and the copy holds every transaction committed before it began, none after. It
//! is written under a temporary name and renamed when complete, so a crash never leaves half a
//! backup under the chosen name.
//!
//! Restoring checks the file first (an SQLite file, of this app, not newer than this build,
//! `PRAGMA integrity_check` clean) and only then stages it beside the database
//! (`<db>.restore`). The swap happens when the database is next opened by a process that has it
//! to itself (`db::Db::open`; every open holds a shared lock on `<db>.lock`): the database in use
//! is kept as `<db>.before-restore`, so a restore loses nothing either.

use crate::db;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::path::{Path, PathBuf};

/// What a backup file holds, read from the file itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub bytes: u64,
    /// When it was taken (RFC 3339), if it was taken as a backup (not a copied database file).
    pub taken_at: Option<String>,
    pub taken_by: Option<String>,
    /// Live customers in it.
    pub customers: i64,
    /// The newest schema migration applied to it.
    pub schema: i64,
}

/// What became of a staged restore when the database was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RestoreOutcome {
    /// Nothing was staged.
    NothingStaged,
    /// The backup replaced the database (kept as `<db>.before-restore`).
    Restored,
    /// Another process has the database open; the restore stays staged until it closes.
    StillOpen,
    /// The staged file no longer passed its check (changed or damaged since it was staged): it
    /// was set aside as `<db>.restore-rejected` and the database left as it was.
    Rejected,
}

/// How long opening waits for another process to let go of the database before it leaves a
/// staged restore for later.
const RESTART_GRACE: std::time::Duration = std::time::Duration::from_secs(2);
const LOCK_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// A file beside the database: `<db>.<suffix>`.
pub(crate) fn beside(db_path: &Path, suffix: &str) -> PathBuf {
    suffixed(db_path, &format!(".{suffix}"))
}

/// `<path><suffix>`, as SQLite names its `-wal` and `-shm` files.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The refusal of a file SQLite cannot read.
fn damaged(path: &Path) -> impl Fn(sqlx::Error) -> CoreError + '_ {
    move |e| CoreError::invalid(format!("{} is damaged and cannot be restored ({e})", path.display()))
}

fn io(what: &str, path: &Path, e: std::io::Error) -> CoreError {
    CoreError::invalid(format!("{what} {}: {e}", path.display()))
}

/// Checks a backup file without changing it and says what it holds.
pub async fn inspect(path: &Path) -> CoreResult<BackupInfo> {
    read_backup(path, Check::Integrity).await
}

/// How closely a backup file is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Every page (`integrity_check`): before a restore; seconds for a large database.
    Integrity,
    /// What it says it holds, trusting its pages: for listing backups this app wrote.
    Describe,
}

async fn read_backup(path: &Path, check: Check) -> CoreResult<BackupInfo> {
    let bytes = std::fs::metadata(path).map_err(|e| io("cannot read", path, e))?.len();
    if bytes == 0 {
        return Err(CoreError::invalid(format!("{} is empty, not a backup", path.display())));
    }
    db::check_file_header(path, "")?;
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(SqliteConnectOptions::new().filename(path).read_only(true).immutable(true))
        .await
        .map_err(damaged(path))?;
    let checked = check_contents(&pool, path, bytes, check).await;
    pool.close().await;
    checked
}

async fn check_contents(pool: &sqlx::SqlitePool, path: &Path, bytes: u64, check: Check) -> CoreResult<BackupInfo> {
    let damaged = damaged(path);
    if check == Check::Integrity {
        let problems: Vec<String> =
            sqlx::query_scalar("PRAGMA integrity_check(20)").fetch_all(pool).await.map_err(&damaged)?;
        if problems != ["ok"] {
            return Err(CoreError::invalid(format!(
                "{} is damaged and cannot be restored: {}",
                path.display(),
                problems.join("; ")
            )));
        }
    }
    db::check_compatible(pool, path, "").await?;
    let meta = |key: &'static str| sqlx::query_scalar::<_, String>("SELECT value FROM meta WHERE key = ?1").bind(key);
    let customers: i64 = sqlx::query_scalar("SELECT count(*) FROM customers WHERE deleted_at IS NULL")
        .fetch_one(pool)
        .await
        .map_err(|_| CoreError::invalid(format!("{} holds no Kehu CRM data", path.display())))?;
    Ok(BackupInfo {
        path: path.display().to_string(),
        bytes,
        taken_at: meta("backup_taken_at").fetch_optional(pool).await.map_err(&damaged)?,
        taken_by: meta("backup_taken_by").fetch_optional(pool).await.map_err(&damaged)?,
        customers,
        schema: sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await
            .map_err(damaged)?,
    })
}

/// Swaps a staged restore in if this process can have the database to itself: called by
/// `Db::open` before any connection, and by the `crm` tool after `restore` once it has closed
/// its own.
pub async fn finish_restore(db_path: &Path) -> CoreResult<RestoreOutcome> {
    let staged = beside(db_path, "restore");
    if !staged.exists() {
        return Ok(RestoreOutcome::NothingStaged);
    }
    let lock = db::lock_file(db_path)?;
    // A restarting app may start before the old process has quite gone: wait a little for it.
    let mut waited = std::time::Duration::ZERO;
    loop {
        match lock.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) if waited < RESTART_GRACE => {
                tokio::time::sleep(LOCK_POLL).await;
                waited += LOCK_POLL;
            }
            Err(std::fs::TryLockError::WouldBlock) => return Ok(RestoreOutcome::StillOpen),
            Err(std::fs::TryLockError::Error(e)) => return Err(io("cannot lock", &beside(db_path, "lock"), e)),
        }
    }
    // Checked again: the staged file is what will be opened from now on. One that fails is set
    // aside rather than refused, or the app could never open its database again.
    if let Err(e) = inspect(&staged).await {
        let rejected = beside(db_path, "restore-rejected");
        std::fs::rename(&staged, &rejected).map_err(|e| io("cannot set aside", &staged, e))?;
        tracing::warn!(reason = %e.message, kept = %rejected.display(), "staged restore rejected");
        return Ok(RestoreOutcome::Rejected);
    }
    let kept = beside(db_path, "before-restore");
    for suffix in ["", "-wal", "-shm"] {
        let old = suffixed(&kept, suffix);
        if old.exists() {
            std::fs::remove_file(&old).map_err(|e| io("cannot remove", &old, e))?;
        }
    }
    if db_path.exists() {
        // The WAL goes with its database: committed pages not yet copied back live there.
        std::fs::rename(db_path, &kept).map_err(|e| io("cannot keep", db_path, e))?;
        let wal = suffixed(db_path, "-wal");
        if wal.exists() {
            std::fs::rename(&wal, suffixed(&kept, "-wal")).map_err(|e| io("cannot keep", &wal, e))?;
        }
        let shm = suffixed(db_path, "-shm");
        if shm.exists() {
            std::fs::remove_file(&shm).map_err(|e| io("cannot remove", &shm, e))?;
        }
    }
    std::fs::rename(&staged, db_path).map_err(|e| io("cannot restore", &staged, e))?;
    tracing::info!(database = %db_path.display(), kept = %kept.display(), "backup restored");
    Ok(RestoreOutcome::Restored)
}

impl Crm {
    /// Where backups go unless told otherwise: `backups/` beside the database.
    pub fn backup_folder(&self) -> PathBuf {
        self.db.path().parent().unwrap_or(Path::new(".")).join("backups")
    }

    /// Takes a backup (administrators) into `to`, or a new time-named file in the backup folder.
    pub async fn backup(&self, actor: &Actor, to: Option<&Path>) -> CoreResult<BackupInfo> {
        self.admin_access(actor, "backup.create").await?;
        let now = self.now();
        let to = match to {
            Some(p) => p.to_path_buf(),
            None => self.backup_folder().join(format!("kehu-{}.db", now.format("%Y%m%d-%H%M%S"))),
        };
        if to.exists() {
            return Err(CoreError::conflict(format!("{} already exists; choose another name", to.display())));
        }
        if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| io("cannot create the folder", dir, e))?;
        }
        let partial = beside(&to, "partial");
        if partial.exists() {
            std::fs::remove_file(&partial).map_err(|e| io("cannot remove", &partial, e))?;
        }
        let target = partial.to_str().ok_or_else(|| CoreError::invalid("the backup path must be valid text"))?;
        sqlx::query("VACUUM INTO ?1").bind(target).execute(&mut *self.db.reader.acquire().await?).await?;
        stamp(&partial, &crate::clock::to_db(now), &actor.name).await?;
        std::fs::rename(&partial, &to).map_err(|e| io("cannot write", &to, e))?;
        read_backup(&to, Check::Describe).await
    }

    /// Checks a backup file (administrators) and says what it holds; changes nothing.
    pub async fn check_backup(&self, actor: &Actor, path: &Path) -> CoreResult<BackupInfo> {
        self.admin_access(actor, "backup.check").await?;
        inspect(path).await
    }

    /// The backups in the backup folder, newest first (described, not checked page by page:
    /// a restore checks the one chosen).
    pub async fn backups(&self, actor: &Actor) -> CoreResult<Vec<BackupInfo>> {
        self.admin_access(actor, "backup.list").await?;
        let Ok(entries) = std::fs::read_dir(self.backup_folder()) else { return Ok(Vec::new()) };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "db")
                && let Ok(info) = read_backup(&path, Check::Describe).await
            {
                found.push(info);
            }
        }
        found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
        Ok(found)
    }

    /// Checks a backup (administrators) and stages it to replace the database when it is next
    /// opened with no other process on it (the app restarts for it). Nothing is replaced if the
    /// file fails a check.
    pub async fn stage_restore(&self, actor: &Actor, from: &Path) -> CoreResult<BackupInfo> {
        self.admin_access(actor, "backup.restore").await?;
        let info = inspect(from).await?;
        let staged = beside(self.db.path(), "restore");
        let partial = beside(&staged, "partial");
        std::fs::copy(from, &partial).map_err(|e| io("cannot copy", from, e))?;
        std::fs::rename(&partial, &staged).map_err(|e| io("cannot stage", &staged, e))?;
        tracing::info!(from = %from.display(), by = %actor.name, "restore staged");
        Ok(info)
    }

    /// Whether a restore is staged and waits for the next start.
    pub fn restore_pending(&self) -> bool {
        beside(self.db.path(), "restore").exists()
    }
}

/// Marks a fresh copy as a backup (when, by whom) and leaves it a single self-contained file.
async fn stamp(path: &Path, at: &str, by: &str) -> CoreResult<()> {
    let pool =
        SqlitePoolOptions::new().max_connections(1).connect_with(SqliteConnectOptions::new().filename(path)).await?;
    sqlx::query("PRAGMA journal_mode = DELETE").execute(&pool).await?;
    sqlx::query("INSERT OR REPLACE INTO meta (key, value) VALUES ('backup_taken_at', ?1), ('backup_taken_by', ?2)")
        .bind(at)
        .bind(by)
        .execute(&pool)
        .await?;
    pool.close().await;
    Ok(())
}
