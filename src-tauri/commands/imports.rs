//! The import wizard: preview a file of customers, import it while the UI polls the progress (and
//! may cancel), contacts, leads and orders, the history of imports and reverting one. Files are read by
//! path, so a large file is streamed from disk rather than passed through the IPC channel.

use crate::error::IpcResult;
use crate::state::AppState;
use crm_core::CoreError;
use crm_core::commerce::order_import::OrderImportReport;
use crm_core::csv_io::contacts_import::ContactImportReport;
use crm_core::csv_io::import::{ImportOptions, ImportReport, RejectedRow};
use crm_core::csv_io::preview::ImportPreview;
use crm_core::import::batches::ImportBatch;
use crm_core::import::progress::{ImportControl, ImportProgress};
use crm_core::import::rejected_file::write_rejected_rows;
use crm_core::sales::lead_import::LeadImportReport;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::State;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CustomerImportResult {
    pub report: ImportReport,
    /// Where the rejected rows were written (beside the file), if any were rejected.
    pub rejected_file: Option<String>,
}

fn open(path: &str) -> Result<(std::fs::File, u64), CoreError> {
    let file = std::fs::File::open(path.trim()).map_err(|e| CoreError::invalid(format!("cannot open {path}: {e}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok((file, size))
}

fn with_name(path: &str, mut options: ImportOptions) -> ImportOptions {
    options.file_name = Path::new(path.trim()).file_name().map(|n| n.to_string_lossy().into_owned());
    options
}

#[tauri::command]
#[specta::specta]
pub async fn customer_import_preview(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> IpcResult<ImportPreview> {
    let (file, _) = open(&path)?;
    let options = with_name(&path, options);
    Ok(state.crm()?.preview_customer_import(&state.actor()?, std::io::BufReader::new(file), options).await?)
}

/// Imports a file of customers; one import at a time.
#[tauri::command]
#[specta::specta]
pub async fn customer_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> IpcResult<CustomerImportResult> {
    let (file, size) = open(&path)?;
    let (crm, actor) = (state.crm()?, state.actor()?);
    let control = ImportControl::new(size);
    // Nothing between taking the slot and giving it back may return early.
    state.start_import(control.clone())?;
    let options = with_name(&path, options);
    let source = std::io::BufReader::with_capacity(1 << 20, file);
    let outcome = crm.import_customers_watched(&actor, source, options, control).await;
    state.end_import();
    let report = outcome?;
    let rejected_file = write_beside(&path, &report.header, &report.rejected)?;
    if report.batch.is_some() {
        state.notify("customer", &[]);
    }
    Ok(CustomerImportResult { report, rejected_file })
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContactImportResult {
    pub report: ContactImportReport,
    pub rejected_file: Option<String>,
}

/// Imports a file of contacts onto the customers its rows name.
#[tauri::command]
#[specta::specta]
pub async fn contact_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> IpcResult<ContactImportResult> {
    let (file, _) = open(&path)?;
    let options = with_name(&path, options);
    let source = std::io::BufReader::with_capacity(1 << 20, file);
    let report = state.crm()?.import_contacts(&state.actor()?, source, options).await?;
    let rejected_file = write_beside(&path, &report.header, &report.rejected)?;
    if report.batch.is_some() {
        state.notify("customer", &[]);
    }
    Ok(ContactImportResult { report, rejected_file })
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LeadImportResult {
    pub report: LeadImportReport,
    pub rejected_file: Option<String>,
}

/// Imports a file of leads into the pool; the assignment rules hand them out.
#[tauri::command]
#[specta::specta]
pub async fn lead_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> IpcResult<LeadImportResult> {
    let (file, _) = open(&path)?;
    let options = with_name(&path, options);
    let source = std::io::BufReader::with_capacity(1 << 20, file);
    let report = state.crm()?.import_leads(&state.actor()?, source, options).await?;
    let rejected_file = write_beside(&path, &report.header, &report.rejected)?;
    if report.batch.is_some() {
        state.notify("lead", &[]);
    }
    Ok(LeadImportResult { report, rejected_file })
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrderImportResult {
    pub report: OrderImportReport,
    pub rejected_file: Option<String>,
}

/// Imports a file of order lines onto the customers their external ids name.
#[tauri::command]
#[specta::specta]
pub async fn order_import(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> IpcResult<OrderImportResult> {
    let (file, _) = open(&path)?;
    let options = with_name(&path, options);
    let source = std::io::BufReader::with_capacity(1 << 20, file);
    let report = state.crm()?.import_orders(&state.actor()?, source, options).await?;
    let rejected_file = write_beside(&path, &report.header, &report.rejected)?;
    if report.batch.is_some() {
        state.notify("customer", &[]);
    }
    Ok(OrderImportResult { report, rejected_file })
}

/// `<name>-rejected-<time>.csv` beside the imported file (or in the temp folder if that folder
/// cannot be written); nothing when no row was rejected.
fn write_beside(path: &str, header: &[String], rejected: &[RejectedRow]) -> Result<Option<String>, CoreError> {
    if rejected.is_empty() {
        return Ok(None);
    }
    let source = Path::new(path.trim());
    let stem = source.file_stem().map_or("import".into(), |s| s.to_string_lossy().into_owned());
    let name = format!("{stem}-rejected-{}.csv", chrono::Local::now().format("%Y%m%d-%H%M%S"));
    let beside: PathBuf = source.parent().map_or_else(|| PathBuf::from(&name), |d| d.join(&name));
    let target = match std::fs::File::create(&beside) {
        Ok(f) => (beside, f),
        Err(_) => {
            let temp = std::env::temp_dir().join(&name);
            let f = std::fs::File::create(&temp)
                .map_err(|e| CoreError::invalid(format!("cannot write the rejected rows: {e}")))?;
            (temp, f)
        }
    };
    write_rejected_rows(header, rejected, std::io::BufWriter::new(target.1))?;
    Ok(Some(target.0.display().to_string()))
}

/// How far the running import is; none when no import runs.
#[tauri::command]
#[specta::specta]
pub async fn import_progress(state: State<'_, AppState>) -> IpcResult<Option<ImportProgress>> {
    Ok(state.running_import().map(|c| c.progress()))
}

/// Stops the running import; it keeps nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> IpcResult<()> {
    if let Some(c) = state.running_import() {
        c.cancel();
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn import_history(state: State<'_, AppState>) -> IpcResult<Vec<ImportBatch>> {
    Ok(state.crm()?.import_history(&state.actor()?, 200).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn import_revert(state: State<'_, AppState>, batch: String) -> IpcResult<ImportBatch> {
    let reverted = state.crm()?.revert_import(&state.actor()?, &batch).await?;
    // Orders and contacts are shown on their customers' pages.
    state.notify(if reverted.entity == "leads" { "lead" } else { "customer" }, &[]);
    Ok(reverted)
}
