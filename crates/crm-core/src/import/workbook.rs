//! Excel and OpenDocument workbooks: the first sheet that holds anything, its first non-empty
//! row the header. Cells become the text a person sees: whole numbers without a decimal point
//! (a phone number typed into a number cell is 13800138000, not 1.38e10), dates as YYYY-MM-DD.

use super::source::SourceRow;
use crate::error::{CoreError, CoreResult};
use calamine::{Data, Reader, open_workbook_auto_from_rs};

pub fn read(bytes: Vec<u8>) -> CoreResult<(Vec<String>, Vec<SourceRow>)> {
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| CoreError::invalid(format!("the file is not a readable Excel or OpenDocument workbook: {e}")))?;
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
        let header: Vec<String> = header_cells.iter().map(cell_text).collect();
        let width = header.iter().rposition(|h| !h.trim().is_empty()).map_or(0, |i| i + 1);
        let header = header[..width].to_vec();
        let mut out = Vec::new();
        for (line, cells) in rows {
            let texts: Vec<String> = cells.iter().map(cell_text).collect();
            let used = texts.iter().rposition(|t| !t.is_empty()).map_or(0, |i| i + 1);
            // Cells past the header are kept so the row is refused, not silently cut.
            let mut record = csv::StringRecord::new();
            for t in texts.iter().take(used.max(width)) {
                record.push_field(t);
            }
            out.push(SourceRow { line, cells: record });
        }
        return Ok((header, out));
    }
    Err(CoreError::invalid("the workbook is empty; its first sheet must start with a header row"))
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
