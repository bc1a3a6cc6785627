//! Opening the database file: refuse what is not ours or is newer than this build, apply
//! migrations, and set SQLite up for one writer and several readers (WAL).

use crate::error::{CoreError, CoreResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::path::{Path, PathBuf};
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

const APP_MARKER: &str = "kehu-crm";
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The pools of one database file. All writes go through `writer` (one connection, so writes are
/// serialised inside the process and `BEGIN IMMEDIATE` waits on other processes with the busy
/// timeout); reads use `reader` and never block on a write thanks to WAL.
pub struct Db {
    pub(crate) writer: SqlitePool,
    pub(crate) reader: SqlitePool,
    pub(crate) path: PathBuf,
    /// Write transactions begun by this process: results kept in memory are stale once it moves.
    pub(crate) writes: std::sync::atomic::AtomicU64,
    /// The shared lock on `<db>.lock` this process holds while the database is open.
    _lock: std::fs::File,
}

/// The lock file beside the database (`<db>.lock`), created if missing.
pub(crate) fn lock_file(db_path: &Path) -> CoreResult<std::fs::File> {
    let path = crate::backup::beside(db_path, "lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| CoreError::invalid(format!("cannot open {}: {e}", path.display())))
}

/// Where the app and the `crm` tool keep their database unless told otherwise:
/// `$CRM_DB` if set, else `<data dir>/dev.kehu.crm/kehu.db` (on Linux `~/.local/share/dev.kehu.crm/kehu.db`),
/// which is also the Tauri app-data directory of the app's identifier.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("CRM_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("dev.kehu.crm").join("kehu.db")
}

fn connect_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a commit is on disk when the call returns, so nothing confirmed is lost on power loss.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .pragma("temp_store", "memory")
        .pragma("mmap_size", "268435456")
        .statement_cache_capacity(256)
}

/// Turns off SQLite's allocation statistics, which take a process-wide lock on every malloc and
/// free (a bulk import does hundreds of millions). Only possible before SQLite initialises, so it
/// runs before the first connection; the core never reads those statistics.
fn configure_sqlite_once() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config with SQLITE_CONFIG_MEMSTATUS takes one int; if SQLite is already
        // initialised it returns SQLITE_MISUSE and changes nothing, which is harmless.
        unsafe {
            libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int);
        }
    });
}

/// Where a refusal to open the database tells the user to go next.
const CHOOSE_ANOTHER: &str = "; choose another file with --db";

/// Refuses a file that is not an SQLite database; `hint` ends the message.
pub(crate) fn check_file_header(path: &Path, hint: &str) -> CoreResult<()> {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return Ok(()); // does not exist yet: it will be created
    };
    let mut head = [0u8; 16];
    let n = f.read(&mut head).map_err(|e| CoreError::invalid(format!("cannot read {}: {e}", path.display())))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != SQLITE_HEADER {
        return Err(CoreError::invalid(format!(
            "{} is not a Kehu CRM database (it is not an SQLite file){hint}",
            path.display()
        )));
    }
    Ok(())
}

/// Refuses a database written by a newer build (its schema has migrations this build lacks) and
/// an SQLite file of another program, before anything is written to it.
pub(crate) async fn check_compatible(pool: &SqlitePool, path: &Path, hint: &str) -> CoreResult<()> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .fetch_all(pool)
            .await
            .map_err(|e| not_a_database(path, &e))?;
    if tables.is_empty() {
        return Ok(());
    }
    let has_meta = tables.iter().any(|t| t == "meta");
    let marker: Option<String> = if has_meta {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'app'").fetch_optional(pool).await?
    } else {
        None
    };
    if marker.as_deref() != Some(APP_MARKER) {
        return Err(CoreError::invalid(format!(
            "{} is an SQLite database of another program, not of Kehu CRM{hint}",
            path.display()
        )));
    }
    let newest_known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    let newest_applied: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success").fetch_one(pool).await?;
    if let Some(applied) = newest_applied
        && applied > newest_known
    {
        return Err(CoreError::invalid(format!(
            "{} was written by a newer version of Kehu CRM (schema {applied}, this version knows up to {newest_known}); \
             update the app before opening it",
            path.display()
        )));
    }
    Ok(())
}

fn not_a_database(path: &Path, err: &sqlx::Error) -> CoreError {
    tracing::warn!(error = %err, "opening database");
    CoreError::invalid(format!(
        "{} is not a Kehu CRM database or is damaged ({err}); choose another file with --db",
        path.display()
    ))
}

impl Db {
    pub async fn open(path: &Path) -> CoreResult<Db> {
        configure_sqlite_once();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| CoreError::invalid(format!("cannot create the folder {}: {e}", dir.display())))?;
        }
        crate::backup::finish_restore(path).await?;
        // Held shared for as long as the database is open: a staged restore swaps the file only
        // under an exclusive lock, so never under a process that has it open.
        let lock = lock_file(path)?;
        lock.lock_shared().map_err(|e| CoreError::invalid(format!("cannot lock {}: {e}", path.display())))?;
        check_file_header(path, CHOOSE_ANOTHER)?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            // 256 MB of page cache at most (SQLite allocates it as pages are used): a bulk write
            // whose indexes fit in the cache writes each page once instead of spilling it again and again.
            .connect_with(connect_options(path).create_if_missing(true).pragma("cache_size", "-262144"))
            .await
            .map_err(|e| not_a_database(path, &e))?;
        check_compatible(&writer, path, CHOOSE_ANOTHER).await?;
        MIGRATOR.run(&writer).await?;
        sqlx::query("INSERT OR IGNORE INTO meta (key, value) VALUES ('app', ?1), ('device_id', ?2)")
            .bind(APP_MARKER)
            .bind(uuid::Uuid::now_v7().simple().to_string())
            .execute(&writer)
            .await?;
        let reader = SqlitePoolOptions::new()
            // Up to four at once evaluate one segment in parts (`segments::parts`).
            .max_connections(8)
            .min_connections(1)
            .connect_with(connect_options(path).read_only(true).pragma("cache_size", "-32768"))
            .await
            .map_err(|e| not_a_database(path, &e))?;
        Ok(Db { writer, reader, path: path.to_path_buf(), writes: Default::default(), _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) async fn device_id(&self) -> CoreResult<String> {
        let row = sqlx::query("SELECT value FROM meta WHERE key = 'device_id'").fetch_one(&self.writer).await?;
        Ok(row.get::<String, _>(0))
    }

    /// Starts a write transaction that takes the write lock at once, so two processes never
    /// deadlock upgrading a read to a write.
    pub(crate) async fn begin_write(&self) -> CoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        self.writes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Refreshes the planner's statistics after a bulk change, cheaply (sampled).
    pub(crate) async fn optimize(&self) -> CoreResult<()> {
        sqlx::query("PRAGMA analysis_limit = 1000").execute(&self.writer).await?;
        sqlx::query("ANALYZE").execute(&self.writer).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}
