//! `crm export customers FILE [--format csv|xlsx]`: every live customer, in the columns import
//! reads; in CSV, formula-like cells are escaped against formula injection (see `escape_formula`).

use super::{COLUMNS, LIST_SEPARATOR, escape_formula};
use crate::customer::export_pages::ExportedCustomer;
use crate::customer::list::CustomerFilter;
use crate::customer::model::{Choice, CustomValue};
use crate::error::{CoreError, CoreResult};
use crate::table_export::{TableFormat, TableSink};
use crate::{Actor, Crm};
use std::io::Write;

fn custom_cell(v: Option<&CustomValue>) -> String {
    match v {
        None => String::new(),
        Some(CustomValue::Text(t)) => t.clone(),
        Some(CustomValue::Number(n)) => n.to_string(),
        Some(CustomValue::Options(o)) => o.join(&LIST_SEPARATOR.to_string()),
    }
}

fn io_error(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(format!("the export file could not be written: {e}"))
}

/// A customer's cells in the export's columns (built-in, then custom dimensions by key), as text.
fn customer_cells(customer: &ExportedCustomer, custom_keys: &[String]) -> Vec<String> {
    let sep = LIST_SEPARATOR.to_string();
    let r = customer.row.record();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut cells: Vec<String> = vec![
        opt(&r.external_id),
        r.name.clone(),
        r.kind.key().to_string(),
        r.lifecycle.key().to_string(),
        opt(&r.tier),
        r.phones.join(&sep),
        r.emails.join(&sep),
        opt(&r.company),
        opt(&r.country),
        opt(&r.province),
        opt(&r.city),
        opt(&r.address),
        opt(&r.industry),
        r.size.map(|s| s.key().to_string()).unwrap_or_default(),
        opt(&r.source),
        opt(&r.owner),
        customer.tags.join(&sep),
        opt(&r.website),
        opt(&r.notes),
    ];
    cells.extend(custom_keys.iter().map(|k| custom_cell(r.custom.get(k))));
    cells
}

impl Crm {
    /// The export's header: built-in columns, then the custom dimensions' keys.
    async fn export_header(&self) -> CoreResult<Vec<String>> {
        let catalog = self.catalog().await?;
        Ok(COLUMNS.iter().map(|c| c.to_string()).chain(catalog.custom().map(|f| f.key.clone())).collect())
    }

    /// Writes the customers the actor may see that match `filter` as CSV; returns how many.
    pub async fn export_customers_csv<W: Write>(
        &self,
        actor: &Actor,
        filter: &CustomerFilter,
        sink: W,
    ) -> CoreResult<u64> {
        let header = self.export_header().await?;
        let custom_keys = &header[COLUMNS.len()..];
        let mut out = csv::Writer::from_writer(sink);
        out.write_record(&header).map_err(io_error)?;
        let mut pages = self.customer_pages(actor, filter).await?;
        let mut count = 0u64;
        while let Some(page) = pages.next().await? {
            for customer in page {
                for cell in customer_cells(&customer, custom_keys) {
                    out.write_field(escape_formula(&cell).as_bytes()).map_err(io_error)?;
                }
                out.write_record(None::<&[u8]>).map_err(io_error)?;
                count += 1;
            }
        }
        out.flush().map_err(io_error)?;
        Ok(count)
    }

    /// Writes the customers the actor may see that match `filter` to an Excel workbook at `path`,
    /// in the same columns as CSV; every cell is a text cell, so nothing in it can run as a formula.
    pub async fn export_customers_xlsx(
        &self,
        actor: &Actor,
        filter: &CustomerFilter,
        path: &std::path::Path,
    ) -> CoreResult<u64> {
        let header = self.export_header().await?;
        let custom_keys = &header[COLUMNS.len()..];
        let mut sink = TableSink::create(path, TableFormat::Xlsx, "customers", &header)?;
        let mut pages = self.customer_pages(actor, filter).await?;
        let mut count = 0u64;
        while let Some(page) = pages.next().await? {
            for customer in page {
                sink.row(&customer_cells(&customer, custom_keys))?;
                count += 1;
            }
        }
        sink.finish(path)?;
        Ok(count)
    }
}
