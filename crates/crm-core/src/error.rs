//! The one error type of the core. Its codes are the closed set the UI acts on; its messages are
//! written for the person at the keyboard and never carry a raw SQL error.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    Forbidden,
    Conflict,
    IllegalTransition,
    /// The user stopped a long operation; nothing of it was kept.
    Cancelled,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Conflict => "conflict",
            ErrorCode::IllegalTransition => "illegal_transition",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CoreError {
    pub code: ErrorCode,
    pub message: String,
}

pub type CoreResult<T> = Result<T, CoreError>;

impl CoreError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CoreError { code, message: message.into() }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

impl From<sqlx::Error> for CoreError {
    fn from(err: sqlx::Error) -> Self {
        // The detail goes to the log; the person gets a sentence they can act on.
        tracing::error!(error = %err, "database error");
        if let sqlx::Error::Database(db) = &err {
            let msg = db.message();
            if msg.contains("database is locked") || msg.contains("database is busy") {
                return CoreError::conflict(
                    "the database is busy with another write (another window or the crm command); try again",
                );
            }
            if msg.contains("UNIQUE constraint failed") {
                return CoreError::conflict("a record with the same unique value already exists");
            }
            if msg.contains("disk I/O error") || msg.contains("database or disk is full") {
                return CoreError::internal(format!("the database could not be written: {msg}"));
            }
        }
        CoreError::internal("unexpected database error; nothing was changed (details are in the log)")
    }
}

impl From<sqlx::migrate::MigrateError> for CoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        tracing::error!(error = %err, "migration error");
        CoreError::internal(format!("the database schema could not be upgraded: {err}"))
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(err: serde_json::Error) -> Self {
        CoreError::internal(format!("stored data could not be read: {err}"))
    }
}
