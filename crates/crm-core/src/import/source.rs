//! A file to import, read as a table: a header row and the rows under it, whatever the file's
//! kind. CSV is streamed (a million rows never sit in memory); a workbook or a vCard file is
//! read whole, as the libraries that parse them require.

use super::text::{self, TextEncoding};
use super::{cards, workbook};
use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};
use std::io::Read;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Csv,
    /// Excel (XLSX, XLSM, XLS, XLSB) and OpenDocument spreadsheets.
    Xlsx,
    Vcard,
}

impl FileFormat {
    /// The format's name in the import history.
    pub fn key(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Vcard => "vcard",
        }
    }

    /// The format a file name's extension says, if it says one.
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" | "tsv" => Some(Self::Csv),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(Self::Xlsx),
            "vcf" | "vcard" => Some(Self::Vcard),
            _ => None,
        }
    }

    /// The format the first bytes show: a ZIP or OLE container is a workbook, BEGIN:VCARD a card.
    fn sniff(start: &[u8]) -> Self {
        if start.starts_with(b"PK\x03\x04") || start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Self::Xlsx;
        }
        let head = String::from_utf8_lossy(&start[..start.len().min(512)]).to_ascii_uppercase();
        if head.trim_start_matches(['\u{feff}', ' ', '\r', '\n', '\t']).starts_with("BEGIN:VCARD") {
            return Self::Vcard;
        }
        Self::Csv
    }
}

/// How to read a file; what is left out is found out from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SourceOptions {
    pub format: Option<FileFormat>,
    pub encoding: Option<TextEncoding>,
    /// A CSV's field delimiter, one ASCII character.
    pub delimiter: Option<String>,
}

/// What was found out about a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SourceFacts {
    pub format: FileFormat,
    /// Text files only.
    pub encoding: Option<TextEncoding>,
    pub delimiter: Option<String>,
}

/// A row of a file: its line (CSV) or row number (workbook, counting the header as 1) or card
/// number (vCard, counting from 2 so that numbers never collide with a header), and its cells.
pub struct SourceRow {
    pub line: u64,
    pub cells: csv::StringRecord,
}

/// Why a row could not be read; the rest of the file still is.
pub struct UnreadableRow {
    pub line: u64,
    pub reason: String,
}

enum Rows {
    Csv(csv::Reader<Box<dyn Read + Send>>),
    Held(std::vec::IntoIter<SourceRow>),
    Workbook(workbook::WorkbookRows),
}

/// A file as a header and rows.
pub struct Table {
    pub facts: SourceFacts,
    pub header: Vec<String>,
    rows: Rows,
}

impl Table {
    /// Opens `source`; `name` (a file name) tells the format by its extension when the options
    /// do not.
    pub fn open(
        mut source: impl Read + Send + 'static,
        name: Option<&str>,
        options: &SourceOptions,
    ) -> CoreResult<Table> {
        let mut start = Vec::with_capacity(512);
        (&mut source)
            .take(512)
            .read_to_end(&mut start)
            .map_err(|e| CoreError::invalid(format!("the file could not be read: {e}")))?;
        // A workbook renamed to .csv is still a workbook; otherwise the name's extension decides.
        let format = options.format.unwrap_or_else(|| match FileFormat::sniff(&start) {
            FileFormat::Xlsx => FileFormat::Xlsx,
            sniffed => name.and_then(FileFormat::from_name).unwrap_or(sniffed),
        });
        let whole = std::io::Cursor::new(start).chain(source);
        let mut table = match format {
            FileFormat::Csv => Self::csv(Box::new(whole), options)?,
            FileFormat::Xlsx => {
                let bytes = read_all(whole)?;
                let (header, rows) = workbook::read(bytes)?;
                Table {
                    facts: SourceFacts { format, encoding: None, delimiter: None },
                    header,
                    rows: Rows::Workbook(rows),
                }
            }
            FileFormat::Vcard => {
                let decoded = text::decode(whole, options.encoding)?;
                let text = String::from_utf8(read_all(decoded.reader)?)
                    .map_err(|_| CoreError::invalid("the file is not text in the chosen encoding"))?;
                let (header, rows) = cards::read(&text)?;
                Self::held(SourceFacts { format, encoding: Some(decoded.encoding), delimiter: None }, header, rows)
            }
        };
        // Headers are compared and shown without a stray byte-order mark or spaces around them.
        for h in &mut table.header {
            *h = h.trim_start_matches('\u{feff}').trim().to_string();
        }
        Ok(table)
    }

    fn held(facts: SourceFacts, header: Vec<String>, rows: Vec<SourceRow>) -> Table {
        Table { facts, header, rows: Rows::Held(rows.into_iter()) }
    }

    fn csv(source: Box<dyn Read + Send>, options: &SourceOptions) -> CoreResult<Table> {
        let given = match options.delimiter.as_deref() {
            None | Some("") => None,
            Some("\\t" | "tab") => Some(b'\t'),
            Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
            Some(d) => return Err(CoreError::invalid(format!("the delimiter must be one character, not '{d}'"))),
        };
        let text = text_csv(source, options.encoding, given)?;
        let facts = SourceFacts {
            format: FileFormat::Csv,
            encoding: Some(text.encoding),
            delimiter: Some(char::from(text.delimiter).to_string()),
        };
        let header = text.header.iter().map(str::to_string).collect();
        Ok(Table { facts, header, rows: Rows::Csv(text.reader) })
    }

    /// The next row that is not blank; `Err(Ok(_))` is a row that cannot be read (the others
    /// can), `Err(Err(_))` a file that cannot be read further.
    pub fn next_row(&mut self) -> Option<Result<SourceRow, Result<UnreadableRow, CoreError>>> {
        loop {
            let row = match &mut self.rows {
                Rows::Held(rows) | Rows::Workbook(workbook::WorkbookRows::Held(rows)) => rows.next().map(Ok)?,
                Rows::Workbook(workbook::WorkbookRows::Streamed(rows)) => match rows.recv() {
                    Ok(Ok(Some(row))) => Ok(row),
                    Ok(Ok(None)) => return None,
                    Ok(Err(fatal)) => return Some(Err(Err(fatal))),
                    Err(_) => {
                        return Some(Err(Err(CoreError::invalid("the workbook stopped being read before its end"))));
                    }
                },
                Rows::Csv(reader) => {
                    let mut cells = csv::StringRecord::new();
                    match reader.read_record(&mut cells) {
                        Ok(false) => return None,
                        Ok(true) => {
                            let line = cells.position().map_or(0, |p| p.line());
                            Ok(SourceRow { line, cells })
                        }
                        Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                            return Some(Err(Err(CoreError::invalid(format!("the file could not be read: {e}")))));
                        }
                        Err(e) => {
                            let line = e.position().map_or(0, |p| p.line());
                            Err(Ok(UnreadableRow { line, reason: csv_problem(&e) }))
                        }
                    }
                }
            };
            match row {
                Ok(r) if r.cells.iter().all(|c| c.trim().is_empty()) => continue,
                other => return Some(other),
            }
        }
    }
}

/// A decoded CSV text (see `text::decode`), its delimiter and its header.
pub(crate) struct TextCsv {
    pub reader: csv::Reader<Box<dyn Read + Send>>,
    pub header: csv::StringRecord,
    pub encoding: TextEncoding,
    pub delimiter: u8,
}

/// Opens a CSV in the given or detected encoding and delimiter and reads its header, which must
/// name at least one column.
pub(crate) fn text_csv(
    source: impl Read + Send + 'static,
    encoding: Option<TextEncoding>,
    delimiter: Option<u8>,
) -> CoreResult<TextCsv> {
    let decoded = text::decode(source, encoding)?;
    let (delimiter, text) = text::with_delimiter(decoded.reader, delimiter)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).delimiter(delimiter).from_reader(text);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
            return Err(CoreError::invalid(format!("the file could not be read: {e}")));
        }
        Err(e) => return Err(CoreError::invalid(format!("line 1 {}", csv_problem(&e)))),
    };
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(CoreError::invalid("the file is empty; its first line must be a header of column names"));
    }
    Ok(TextCsv { reader, header, encoding: decoded.encoding, delimiter })
}

fn read_all(mut source: impl Read) -> CoreResult<Vec<u8>> {
    let mut bytes = Vec::new();
    source.read_to_end(&mut bytes).map_err(|e| CoreError::invalid(format!("the file could not be read: {e}")))?;
    Ok(bytes)
}

/// What is wrong with a CSV row, worded for the person who made the file.
pub(crate) fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("has {len} fields but the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text; choose the file's encoding".to_string(),
        _ => format!("is not valid CSV: {e}"),
    }
}
