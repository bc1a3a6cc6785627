//! The rejected-rows file: each refused row as the file had it, with its reason in a last column,
//! as a UTF-8 CSV (with the mark Excel needs to see UTF-8). Fixed and imported again, the reason
//! column is left out by the mapping (see `mapping::REJECTED_REASON`).

use super::mapping::REJECTED_REASON;
use crate::csv_io::escape_formula;
use crate::csv_io::import::RejectedRow;
use crate::error::{CoreError, CoreResult};
use std::io::Write;

pub fn write_rejected_rows(header: &[String], rejected: &[RejectedRow], sink: impl Write) -> CoreResult<u64> {
    let failed = |e: &dyn std::fmt::Display| CoreError::invalid(format!("cannot write the rejected rows: {e}"));
    let mut sink = sink;
    sink.write_all(b"\xEF\xBB\xBF").map_err(|e| failed(&e))?;
    let mut out = csv::Writer::from_writer(sink);
    let mut head: Vec<&str> = header.iter().map(String::as_str).collect();
    head.push(REJECTED_REASON);
    out.write_record(&head).map_err(|e| failed(&e))?;
    let mut written = 0;
    for r in rejected {
        // A row that could not be read at all has no cells; it keeps its place with its reason.
        let mut cells: Vec<String> = r.cells.iter().map(|c| escape_formula(c).into_owned()).collect();
        cells.resize(header.len().max(cells.len()), String::new());
        cells.push(format!("line {}: {}", r.line, r.reason));
        out.write_record(&cells).map_err(|e| failed(&e))?;
        written += 1;
    }
    out.flush().map_err(|e| failed(&e))?;
    Ok(written)
}
