//! `crm export customers FILE.csv`: every live customer, in the columns import reads, with
//! formula-like cells escaped against formula injection (see `escape_formula`).

use super::{COLUMNS, LIST_SEPARATOR, escape_formula};
use crate::customer::model::{Choice, CustomValue};
use crate::error::{CoreError, CoreResult};
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

impl Crm {
    /// Writes every live customer the actor may see as CSV; returns how many.
    pub async fn export_customers_csv<W: Write>(&self, actor: &Actor, sink: W) -> CoreResult<u64> {
        let catalog = self.catalog().await?;
        let custom_keys: Vec<String> = catalog.custom().map(|f| f.key.clone()).collect();
        let mut out = csv::Writer::from_writer(sink);
        let header: Vec<&str> = COLUMNS.iter().copied().chain(custom_keys.iter().map(String::as_str)).collect();
        out.write_record(&header).map_err(io_error)?;

        let sep = LIST_SEPARATOR.to_string();
        let mut pages = self.customer_pages(actor).await?;
        let mut count = 0u64;
        while let Some(page) = pages.next().await? {
            for customer in page {
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
                for cell in &cells {
                    out.write_field(escape_formula(cell).as_bytes()).map_err(io_error)?;
                }
                out.write_record(None::<&[u8]>).map_err(io_error)?;
                count += 1;
            }
        }
        out.flush().map_err(io_error)?;
        Ok(count)
    }
}
