//! Inserting many rows at once, straight through SQLite's C API.
//!
//! sqlx copies every bound text twice (into an `Arc<String>`, then SQLite's own copy) and goes
//! through its worker thread for every statement; importing a million customers that way cost
//! four times what SQLite itself needs for the same rows. The bulk path takes the connection's
//! handle with sqlx's `lock_handle` (its supported way to call SQLite directly; sqlx and
//! libsqlite3-sys are pinned together for it) and runs one prepared single-row INSERT per table,
//! binding the rows' text in place. It runs inside the caller's transaction like any statement.

use crate::error::{CoreError, CoreResult};
use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;
use std::borrow::Cow;
use std::ffi::{CStr, c_int};
use std::ptr::NonNull;

/// One bound value of a row; text borrows from the record it comes from where it can.
#[derive(Debug, Clone)]
pub(crate) enum Arg<'a> {
    Null,
    Int(i64),
    Text(Cow<'a, str>),
}

impl<'a> From<&'a Option<String>> for Arg<'a> {
    fn from(v: &'a Option<String>) -> Self {
        v.as_deref().map_or(Arg::Null, |s| Arg::Text(Cow::Borrowed(s)))
    }
}
impl From<Option<String>> for Arg<'_> {
    fn from(v: Option<String>) -> Self {
        v.map_or(Arg::Null, |s| Arg::Text(Cow::Owned(s)))
    }
}
impl From<String> for Arg<'_> {
    fn from(v: String) -> Self {
        Arg::Text(Cow::Owned(v))
    }
}
impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(v))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(v))
    }
}
impl From<i64> for Arg<'_> {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

/// A prepared statement, finalized when dropped (also on the error paths).
struct Statement(NonNull<ffi::sqlite3_stmt>);

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: the pointer came from a successful sqlite3_prepare_v3 and is finalized once.
        unsafe {
            ffi::sqlite3_finalize(self.0.as_ptr());
        }
    }
}

/// The error of the last call on `db`, in the core's terms.
fn sqlite_error(db: *mut ffi::sqlite3, what: &str) -> CoreError {
    // SAFETY: `db` is the open handle the caller holds locked; errmsg returns a string owned by
    // SQLite that stays valid until the next call, and we copy it at once.
    let (code, message) = unsafe {
        let code = ffi::sqlite3_extended_errcode(db);
        let msg = CStr::from_ptr(ffi::sqlite3_errmsg(db)).to_string_lossy().into_owned();
        (code, msg)
    };
    tracing::error!(code, %message, what, "bulk insert failed");
    match code & 0xff {
        ffi::SQLITE_CONSTRAINT => {
            CoreError::conflict(format!("a record with the same unique value already exists ({message})"))
        }
        ffi::SQLITE_BUSY | ffi::SQLITE_LOCKED => CoreError::conflict(
            "the database is busy with another write (another window or the crm command); try again",
        ),
        ffi::SQLITE_FULL | ffi::SQLITE_IOERR => {
            CoreError::internal(format!("the database could not be written: {message}"))
        }
        _ => CoreError::internal("unexpected database error; nothing was changed (details are in the log)"),
    }
}

/// Inserts `rows` (each `cols` values) with `head`, e.g. `"INSERT INTO t (a, b) VALUES "`.
pub(crate) async fn insert_rows(
    conn: &mut SqliteConnection,
    head: &str,
    cols: usize,
    rows: &[Vec<Arg<'_>>],
) -> CoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut sql = String::with_capacity(head.len() + cols * 2 + 2);
    sql.push_str(head);
    sql.push('(');
    for c in 0..cols {
        sql.push_str(if c == 0 { "?" } else { ",?" });
    }
    sql.push(')');
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();

    let mut raw: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
    // SAFETY: `db` is open and locked for us until `handle` drops; `sql` outlives the call and
    // its exact length is passed, so no terminator is needed.
    let rc = unsafe {
        ffi::sqlite3_prepare_v3(db, sql.as_ptr().cast(), sql.len() as c_int, 0, &mut raw, std::ptr::null_mut())
    };
    let stmt = match NonNull::new(raw) {
        Some(s) if rc == ffi::SQLITE_OK => Statement(s),
        _ => return Err(sqlite_error(db, head)),
    };
    for row in rows {
        debug_assert_eq!(row.len(), cols, "row width of {head}");
        for (i, arg) in row.iter().enumerate() {
            let index = i as c_int + 1;
            // SAFETY: the statement is valid; text is bound SQLITE_STATIC, which is sound because
            // `row` outlives the step below and the reset that follows releases the binding.
            let rc = unsafe {
                match arg {
                    Arg::Null => ffi::sqlite3_bind_null(stmt.0.as_ptr(), index),
                    Arg::Int(n) => ffi::sqlite3_bind_int64(stmt.0.as_ptr(), index, *n),
                    Arg::Text(t) => ffi::sqlite3_bind_text64(
                        stmt.0.as_ptr(),
                        index,
                        t.as_ptr().cast(),
                        t.len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                }
            };
            if rc != ffi::SQLITE_OK {
                return Err(sqlite_error(db, head));
            }
        }
        // SAFETY: all parameters are bound; reset readies the statement for the next row.
        let rc = unsafe { ffi::sqlite3_step(stmt.0.as_ptr()) };
        unsafe { ffi::sqlite3_reset(stmt.0.as_ptr()) };
        if rc != ffi::SQLITE_DONE {
            return Err(sqlite_error(db, head));
        }
    }
    Ok(())
}
