//! The import wizard's preview: how a file was read, which field each column fills (the user's
//! mapping over the remembered one over the suggestions), what is wrong with the mapping, and the
//! first rows with every cell checked on its own, so the person sees which cell to fix before
//! anything is written.

use super::import::{ColumnUse, ENTITY, ImportOptions, columns_of, open_table, parse_row};
use super::upsert::{ImportMode, required_column};
use crate::classification::fields::load_catalog;
use crate::classification::tags::validate_tag_name;
use crate::csv_io::COLUMNS;
use crate::customer::validate::validate;
use crate::error::CoreResult;
use crate::import::batches::mapping_for;
use crate::import::mapping::resolve_columns;
use crate::import::progress::ImportControl;
use crate::import::source::SourceFacts;
use crate::{Actor, Crm};
use serde::Serialize;

/// What a cell of the preview is wrong about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CellProblem {
    /// The column (from 0); none for a problem of the whole row.
    pub column: Option<u32>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewRow {
    pub line: u64,
    pub cells: Vec<String>,
    pub problems: Vec<CellProblem>,
}

/// A field a column may fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldChoice {
    pub key: String,
    /// A custom dimension's labels; built-in fields are named by the UI.
    pub label_zh: Option<String>,
    pub label_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub source: SourceFacts,
    pub header: Vec<String>,
    pub columns: Vec<ColumnUse>,
    /// What stops the import as mapped (a column nothing matches, two columns for one field …).
    pub mapping_problems: Vec<String>,
    pub fields: Vec<FieldChoice>,
    pub rows: Vec<PreviewRow>,
}

/// Rows a preview shows.
const PREVIEW_ROWS: usize = 20;

impl Crm {
    /// Reads the start of a file as `import_customers` would, and changes nothing.
    pub async fn preview_customer_import<R: std::io::Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
        options: ImportOptions,
    ) -> CoreResult<ImportPreview> {
        self.access(actor).await?;
        let mut table = open_table(source, &options, &ImportControl::new(0)).await?;
        let header = table.header.clone();
        let mut conn = self.db.reader.acquire().await?;
        let catalog = load_catalog(&mut conn).await?;
        let mapping = mapping_for(&mut conn, ENTITY, &header, &options.mapping).await?;
        drop(conn);
        let (fields, mapping_problems) =
            resolve_columns(&header, &mapping, &catalog, required_column(options.mode, options.key));
        let columns = columns_of(&fields, &catalog);

        let mut rows = Vec::new();
        while rows.len() < PREVIEW_ROWS {
            let Some(next) = table.next_row() else { break };
            let row = match next {
                Ok(r) => r,
                Err(Ok(unreadable)) => {
                    let problem = CellProblem { column: None, message: unreadable.reason };
                    rows.push(PreviewRow { line: unreadable.line, cells: Vec::new(), problems: vec![problem] });
                    continue;
                }
                Err(Err(fatal)) => return Err(fatal),
            };
            let cells: Vec<String> = row.cells.iter().map(str::to_string).collect();
            let mut problems = Vec::new();
            if cells.len() != columns.len() {
                let message = format!("has {} fields but the header has {}", cells.len(), columns.len());
                problems.push(CellProblem { column: None, message });
            } else {
                // Each mapped cell is checked alone: a customer with only that value (and a stand-in
                // name), so the message lands on the cell it is about.
                for (i, column) in columns.iter().enumerate() {
                    if column.is_none() {
                        continue;
                    }
                    let alone: Vec<Option<String>> =
                        fields.iter().enumerate().map(|(j, f)| if j == i { f.clone() } else { None }).collect();
                    let only = columns_of(&alone, &catalog);
                    let Ok(parsed) = parse_row(&only, &row.cells) else { continue };
                    let mut input = parsed.input;
                    // An update may leave the name empty: the stored one is kept.
                    let is_name = fields[i].as_deref() == Some("name");
                    if !is_name || (options.mode != ImportMode::Create && input.name.trim().is_empty()) {
                        input.name = "-".to_string();
                    }
                    let mut messages = parsed.problems.into_messages();
                    if let Err(e) = validate(&input, &catalog) {
                        messages.push(e.message);
                    }
                    messages.extend(parsed.tags.iter().filter_map(|t| validate_tag_name(t).err()).map(|e| e.message));
                    if !messages.is_empty() {
                        problems.push(CellProblem { column: Some(i as u32), message: messages.join("; ") });
                    }
                }
            }
            rows.push(PreviewRow { line: row.line, cells, problems });
        }
        let mut choices: Vec<FieldChoice> =
            COLUMNS.iter().map(|k| FieldChoice { key: k.to_string(), label_zh: None, label_en: None }).collect();
        choices.extend(catalog.custom().map(|f| FieldChoice {
            key: f.key.clone(),
            label_zh: Some(f.label_zh.clone()),
            label_en: Some(f.label_en.clone()),
        }));
        let columns = header.iter().zip(fields).map(|(h, field)| ColumnUse { header: h.clone(), field }).collect();
        Ok(ImportPreview { source: table.facts, header, columns, mapping_problems, fields: choices, rows })
    }
}
