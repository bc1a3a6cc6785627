//! The one error shape that crosses the IPC boundary: `{ code, message }`.

use crm_core::{CoreError, ErrorCode};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        IpcError { code: e.code, message: e.message }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
