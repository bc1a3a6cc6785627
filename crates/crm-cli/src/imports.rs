//! `crm import …`: files into the database, the import history and reverting a batch.

use crate::commands::{CmdResult, Out};
use crate::output::print_value;
use clap::Subcommand;
use crm_core::csv_io::import::{ImportMode, ImportOptions, ImportReport, MatchKey, RejectedRow};
use crm_core::import::mapping::parse_mapping;
use crm_core::import::rejected_file::write_rejected_rows;
use crm_core::import::source::{FileFormat, SourceOptions};
use crm_core::import::text::TextEncoding;
use crm_core::{Actor, CoreError, Crm};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ImportWhat {
    /// Customers from a CSV (UTF-8, GBK/GB18030 or UTF-16; any of , ; tab |), an Excel or
    /// OpenDocument workbook, or a vCard file. Columns are matched to fields by their headers in
    /// English or Chinese (客户名称, 手机, 邮箱 …); --mapping overrides and is remembered
    Customers {
        #[command(flatten)]
        input: FileArgs,
        /// create: every row is a new customer; update: rows change the customers they match
        /// (--key), a row matching none is rejected; upsert: update the matched, add the rest.
        /// An update changes the non-empty cells only and adds phones, emails and tags
        #[arg(long, value_enum, default_value_t = Mode::Create)]
        mode: Mode,
        /// What a row is matched by in modes update and upsert
        #[arg(long, value_enum, default_value_t = Key::ExternalId)]
        key: Key,
    },
    /// Contacts of existing enterprise and government customers, from the same kinds of files;
    /// each row names its customer by a customer_external_id or customer (name) column, and has
    /// name, title, phone and email columns (English or Chinese headers: 客户, 姓名, 职位 …)
    Contacts {
        #[command(flatten)]
        input: FileArgs,
    },
    /// Leads from a CSV or a workbook with the columns name, company, phone, email, source,
    /// province, city, notes, country, industry (any order, English or Chinese headers: 姓名, 公司,
    /// 手机 …); the assignment rules hand them out at once
    Leads {
        #[command(flatten)]
        input: FileArgs,
    },
    /// Orders from a CSV or a workbook with one line per item and the columns order_id,
    /// customer_external_id, date, product, quantity, unit_price, amount (amount optional; status
    /// and currency may be added; 订单号, 客户编号, 日期 … too); a rejected line rejects its order
    Orders {
        #[command(flatten)]
        input: FileArgs,
    },
    /// The applied imports, newest first
    History {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Remove what an import batch added (its id from `crm import history`)
    Revert { batch: String },
}

/// The file and how to read it, for the imports that take any kind of file.
#[derive(clap::Args)]
pub struct FileArgs {
    file: PathBuf,
    /// The file's kind [default: from its content and extension]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// A text file's encoding: utf-8, gbk, gb18030, utf-16le, utf-16be [default: detected]
    #[arg(long)]
    encoding: Option<String>,
    /// A CSV's field delimiter, e.g. ';' or tab [default: detected]
    #[arg(long)]
    delimiter: Option<String>,
    /// A JSON file of column header -> field key (null leaves the column out)
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Check every row and report, but import nothing
    #[arg(long)]
    dry_run: bool,
    /// Import the valid rows and report the rejected ones (default: all rows or none)
    #[arg(long)]
    skip_invalid: bool,
    /// Write the rejected rows, as the file had them plus their reason, to this CSV
    #[arg(long, value_name = "FILE")]
    rejected: Option<PathBuf>,
}

impl FileArgs {
    /// The import options these arguments give (create mode).
    fn options(&self) -> Result<ImportOptions, CoreError> {
        Ok(ImportOptions {
            skip_invalid: self.skip_invalid,
            dry_run: self.dry_run,
            mapping: read_mapping(self.mapping.as_deref())?,
            source: SourceOptions {
                format: self.format.map(|f| match f {
                    Format::Csv => FileFormat::Csv,
                    Format::Xlsx => FileFormat::Xlsx,
                    Format::Vcard => FileFormat::Vcard,
                }),
                encoding: self.encoding.as_deref().map(TextEncoding::parse).transpose()?,
                delimiter: self.delimiter.clone(),
            },
            file_name: self.file.file_name().map(|n| n.to_string_lossy().into_owned()),
            ..Default::default()
        })
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Mode {
    Create,
    Update,
    Upsert,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Key {
    ExternalId,
    Email,
    Phone,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Csv,
    /// Excel (xlsx, xls, xlsb) or OpenDocument (ods)
    Xlsx,
    Vcard,
}

fn open(file: &Path) -> Result<std::io::BufReader<std::fs::File>, CoreError> {
    std::fs::File::open(file)
        .map(|f| std::io::BufReader::with_capacity(1 << 20, f))
        .map_err(|e| CoreError::invalid(format!("cannot open {}: {e}", file.display())))
}

fn read_mapping(path: Option<&Path>) -> Result<crm_core::import::mapping::Mapping, CoreError> {
    match path {
        Some(path) => parse_mapping(
            &std::fs::read_to_string(path)
                .map_err(|e| CoreError::invalid(format!("cannot read {}: {e}", path.display())))?,
        ),
        None => Ok(Default::default()),
    }
}

pub async fn import(crm: &Crm, actor: &Actor, out: Out, what: ImportWhat) -> CmdResult {
    let (summary, rejected, skip_invalid) = match what {
        ImportWhat::Customers { input, mode, key } => {
            let mode = match mode {
                Mode::Create => ImportMode::Create,
                Mode::Update => ImportMode::Update,
                Mode::Upsert => ImportMode::Upsert,
            };
            let key = match key {
                Key::ExternalId => MatchKey::ExternalId,
                Key::Email => MatchKey::Email,
                Key::Phone => MatchKey::Phone,
            };
            let (file, skip_invalid) = (&input.file, input.skip_invalid);
            let options = ImportOptions { mode, key, ..input.options()? };
            let report = crm.import_customers(actor, open(file)?, options).await?;
            input.write_rejected(&report.header, &report.rejected)?;
            print_value(&report, out.json, String::new);
            (customers_summary(&report), report.rejected, skip_invalid)
        }
        ImportWhat::Contacts { input } => {
            let skip_invalid = input.skip_invalid;
            let report = crm.import_contacts(actor, open(&input.file)?, input.options()?).await?;
            input.write_rejected(&report.header, &report.rejected)?;
            print_value(&report, out.json, String::new);
            let verb = if report.dry_run { "would import" } else { "imported" };
            let batch = report.batch.as_deref().map_or(String::new(), |b| format!("; batch {b}"));
            (format!("{verb} {} contact(s){batch}", report.imported), report.rejected, skip_invalid)
        }
        ImportWhat::Leads { input } => {
            let report = crm.import_leads(actor, open(&input.file)?, input.options()?).await?;
            input.write_rejected(&report.header, &report.rejected)?;
            print_value(&report, out.json, String::new);
            let summary = if report.dry_run {
                format!("would import {} lead(s)", report.imported)
            } else {
                format!(
                    "imported {} lead(s), {} assigned by the rules, {} left in the pool{}",
                    report.imported,
                    report.assigned,
                    report.imported - report.assigned,
                    report.batch.as_deref().map_or(String::new(), |b| format!("; batch {b}"))
                )
            };
            (summary, report.rejected, input.skip_invalid)
        }
        ImportWhat::Orders { input } => {
            let report = crm.import_orders(actor, open(&input.file)?, input.options()?).await?;
            input.write_rejected(&report.header, &report.rejected)?;
            print_value(&report, out.json, String::new);
            let verb = if report.dry_run { "would import" } else { "imported" };
            let batch = report.batch.as_deref().map_or(String::new(), |b| format!("; batch {b}"));
            let summary = format!("{verb} {} order(s) with {} item line(s){batch}", report.orders, report.lines);
            (summary, report.rejected, input.skip_invalid)
        }
        ImportWhat::History { limit } => {
            let batches = crm.import_history(actor, limit).await?;
            print_value(&batches, out.json, || {
                let mut t = String::new();
                for b in &batches {
                    let state = b.reverted_at.as_deref().map_or(String::new(), |at| format!(" (reverted {at})"));
                    let name = b.file_name.as_deref().unwrap_or("-");
                    t.push_str(&format!(
                        "{}  {}  {} {} from {} by {}, {} rejected{}\n",
                        b.id, b.imported_at, b.created, b.entity, name, b.imported_by, b.rejected, state
                    ));
                }
                if t.is_empty() { "no imports yet".to_string() } else { t.trim_end().to_string() }
            });
            return Ok(ExitCode::SUCCESS);
        }
        ImportWhat::Revert { batch } => {
            let b = crm.revert_import(actor, &batch).await?;
            print_value(&b, out.json, || {
                format!("reverted import {}: removed {} {}, restored {} updated", b.id, b.created, b.entity, b.updated)
            });
            return Ok(ExitCode::SUCCESS);
        }
    };
    if !out.json {
        println!("{}", with_rejections(summary, &rejected, skip_invalid));
    }
    let failed = !rejected.is_empty() && !skip_invalid;
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn customers_summary(report: &ImportReport) -> String {
    let read = match (&report.source.encoding, &report.source.delimiter) {
        (Some(e), Some(d)) => format!(" (read as {} with '{}' between fields)", e.label(), d.replace('\t', "tab")),
        (Some(e), None) => format!(" (read as {})", e.label()),
        _ => String::new(),
    };
    let left_out: Vec<&str> = report.columns.iter().filter(|c| c.field.is_none()).map(|c| c.header.as_str()).collect();
    let left_out =
        if left_out.is_empty() { String::new() } else { format!("; columns left out: {}", left_out.join(", ")) };
    let verb = if report.dry_run { "would import" } else { "imported" };
    let batch = report.batch.as_deref().map_or(String::new(), |b| format!("; batch {b}"));
    let updated = if report.updated > 0 {
        format!(" and {} {} customer(s)", if report.dry_run { "would update" } else { "updated" }, report.updated)
    } else {
        String::new()
    };
    format!("{verb} {} customer(s){updated}{read}{left_out}{batch}", report.imported)
}

fn with_rejections(mut t: String, rejected: &[RejectedRow], skip_invalid: bool) -> String {
    if !rejected.is_empty() {
        let verdict = if skip_invalid { "skipped" } else { "rejected; nothing was imported" };
        t.push_str(&format!("; {} line(s) {verdict}:", rejected.len()));
        for r in rejected {
            t.push_str(&format!("\n  line {}: {}", r.line, r.reason));
        }
    }
    t
}

impl FileArgs {
    /// Writes the rejected rows (the header alone when none was) where --rejected says, if it does.
    fn write_rejected(&self, header: &[String], rejected: &[RejectedRow]) -> Result<(), CoreError> {
        let Some(path) = &self.rejected else { return Ok(()) };
        let f = std::fs::File::create(path)
            .map_err(|e| CoreError::invalid(format!("cannot create {}: {e}", path.display())))?;
        write_rejected_rows(header, rejected, std::io::BufWriter::new(f))?;
        Ok(())
    }
}
