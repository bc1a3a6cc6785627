//! The keyset cursor of the lists ordered by a time and then seq, newest first: the last row's
//! time and seq, as text the UI passes back unchanged.

use crate::error::{CoreError, CoreResult};

pub(crate) fn encode(at: &str, seq: i64) -> String {
    format!("{at}|{seq}")
}

/// The time and seq a cursor names; `what` says which list, for the message.
pub(crate) fn decode(cursor: &str, what: &str) -> CoreResult<(String, i64)> {
    let bad = || CoreError::invalid(format!("invalid {what} cursor; reload the list"));
    let (at, seq) = cursor.rsplit_once('|').ok_or_else(bad)?;
    Ok((at.to_string(), seq.parse().map_err(|_| bad())?))
}

/// Where a first page starts: after every possible row.
pub(crate) fn start() -> (String, i64) {
    ("9999".to_string(), i64::MAX)
}
