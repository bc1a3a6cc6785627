//! Excel and OpenDocument workbooks: the first sheet that holds anything, its first non-empty
//! row the header. Cells become the text a person sees: whole numbers without a decimal point
//! (a phone number typed into a number cell is 13800138000, not 1.38e10), dates as YYYY-MM-DD.
//!
//! An .xlsx sheet is streamed cell by cell on a thread of its own, so a million-row workbook never
//! sits in memory as cells; the other formats (xls, xlsb, ods) are read whole by their parsers.

use super::source::SourceRow;
use crate::error::{CoreError, CoreResult};
use calamine::{Data, Reader, Xlsx, open_workbook_auto_from_rs};
use std::io::Cursor;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// A workbook's rows after its header: held, or arriving from the streaming thread.
pub enum WorkbookRows {
    Held(std::vec::IntoIter<SourceRow>),
    /// Rows, then `None` for the end: a thread that stops without it did not finish the sheet.
    Streamed(Receiver<CoreResult<Option<SourceRow>>>),
}

fn unreadable(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(format!("the file is not a readable Excel or OpenDocument workbook: {e}"))
}

fn empty() -> CoreError {
    CoreError::invalid("the workbook is empty; its first sheet must start with a header row")
}

pub fn read(bytes: Vec<u8>) -> CoreResult<(Vec<String>, WorkbookRows)> {
    let bytes: Arc<[u8]> = bytes.into();
    if Xlsx::new(Cursor::new(bytes.clone())).is_ok() {
        return stream_xlsx(bytes);
    }
    let (header, rows) = read_whole(bytes)?;
    Ok((header, WorkbookRows::Held(rows.into_iter())))
}

/// A row of cell texts as the table gives it: cells past the header are kept so the row is
/// refused rather than silently cut, and a short row is filled up to the header's width.
fn record(texts: &[String], width: usize) -> csv::StringRecord {
    let used = texts.iter().rposition(|t| !t.is_empty()).map_or(0, |i| i + 1);
    let mut record = csv::StringRecord::new();
    for i in 0..used.max(width) {
        record.push_field(texts.get(i).map_or("", String::as_str));
    }
    record
}

/// The header's cells, up to the last one that names something.
fn header_of(texts: Vec<String>) -> Vec<String> {
    let width = texts.iter().rposition(|h| !h.trim().is_empty()).map_or(0, |i| i + 1);
    texts[..width].to_vec()
}

fn read_whole(bytes: Arc<[u8]>) -> CoreResult<(Vec<String>, Vec<SourceRow>)> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names().to_vec();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| CoreError::invalid(format!("sheet '{name}' cannot be read: {e}")))?;
        let Some((first_row, _)) = range.start() else { continue };
        let mut rows = range.rows().enumerate().map(|(i, cells)| (u64::from(first_row) + i as u64 + 1, cells));
        let Some((_, header_cells)) = rows.by_ref().find(|(_, cells)| cells.iter().any(|c| !cell_text(c).is_empty()))
        else {
            continue;
        };
        let header = header_of(header_cells.iter().map(cell_text).collect());
        let out = rows
            .map(|(line, cells)| {
                let texts: Vec<String> = cells.iter().map(cell_text).collect();
                SourceRow { line, cells: record(&texts, header.len()) }
            })
            .collect();
        return Ok((header, out));
    }
    Err(empty())
}

fn stream_xlsx(bytes: Arc<[u8]>) -> CoreResult<(Vec<String>, WorkbookRows)> {
    let (header_out, header_in) = sync_channel::<CoreResult<Vec<String>>>(1);
    let (rows_out, rows_in) = sync_channel::<CoreResult<Option<SourceRow>>>(4096);
    std::thread::spawn(move || {
        let mut header_out = Some(header_out);
        let outcome = send_rows(bytes, &mut header_out, &rows_out);
        if outcome.is_ok() {
            let _ = rows_out.send(Ok(None));
        } else if let Err(e) = outcome {
            // Before the header the opener waits for it; after it, the reader of the rows.
            match header_out {
                Some(h) => drop(h.send(Err(e))),
                None => drop(rows_out.send(Err(e))),
            }
        }
    });
    let header = header_in.recv().unwrap_or_else(|_| Err(empty()))?;
    Ok((header, WorkbookRows::Streamed(rows_in)))
}

/// Reads the first sheet with content cell by cell, sending its header (taking `header_out`) and
/// then each row as it completes. Returns early, without error, when the table was dropped.
fn send_rows(
    bytes: Arc<[u8]>,
    header_out: &mut Option<SyncSender<CoreResult<Vec<String>>>>,
    rows_out: &SyncSender<CoreResult<Option<SourceRow>>>,
) -> CoreResult<()> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names().to_vec();
    for name in names {
        let sheet_error = |e: calamine::XlsxError| CoreError::invalid(format!("sheet '{name}' cannot be read: {e}"));
        let mut cells = book.worksheet_cells_reader(&name).map_err(sheet_error)?;
        let mut width = None;
        let mut current: Option<(u32, Vec<String>)> = None;
        loop {
            let next = cells.next_cell().map_err(sheet_error)?;
            let position = next.as_ref().map(|c| c.get_position().0);
            // A row is complete when a cell of a later row (or the end) arrives.
            if let Some((row, texts)) = current.take_if(|(row, _)| Some(*row) != position) {
                let sent = match width {
                    None if texts.iter().all(|t| t.trim().is_empty()) => true,
                    None => {
                        let header = header_of(texts);
                        width = Some(header.len());
                        header_out.take().is_some_and(|h| h.send(Ok(header)).is_ok())
                    }
                    Some(w) => {
                        let row = SourceRow { line: u64::from(row) + 1, cells: record(&texts, w) };
                        rows_out.send(Ok(Some(row))).is_ok()
                    }
                };
                if !sent {
                    return Ok(());
                }
            }
            let Some(cell) = next else { break };
            let (row, col) = cell.get_position();
            let (_, texts) = current.get_or_insert_with(|| (row, Vec::new()));
            let col = col as usize;
            if texts.len() <= col {
                texts.resize(col + 1, String::new());
            }
            texts[col] = cell_text(&Data::from(cell.get_value().clone()));
        }
        if width.is_some() {
            return Ok(());
        }
    }
    Err(empty())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
