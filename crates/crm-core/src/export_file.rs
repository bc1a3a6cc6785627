//! One entry for every export to a file, as the app's export buttons and `crm export` ask for
//! them: which records, which format, where.

use crate::customer::list::CustomerFilter;
use crate::error::{CoreError, CoreResult};
use crate::table_export::TableFormat;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Customers,
    Contacts,
    Leads,
    Opportunities,
    Tickets,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    /// An Excel workbook of text cells.
    Xlsx,
    /// vCard 4.0: customers (with the contacts of organisations) or contacts.
    Vcard,
}

fn create(path: &Path) -> CoreResult<std::io::BufWriter<std::fs::File>> {
    std::fs::File::create(path)
        .map(|f| std::io::BufWriter::with_capacity(1 << 20, f))
        .map_err(|e| CoreError::invalid(format!("cannot create {}: {e}", path.display())))
}

impl Crm {
    /// Writes the records of `kind` the user may see to `path`; returns how many rows (or cards).
    /// Customers may be narrowed by the customer list's filter; the other kinds are exported whole.
    pub async fn export_file(
        &self,
        actor: &Actor,
        kind: ExportKind,
        format: ExportFormat,
        filter: &CustomerFilter,
        path: &Path,
    ) -> CoreResult<u64> {
        if kind != ExportKind::Customers && *filter != CustomerFilter::default() {
            return Err(CoreError::invalid("only customers are exported by the list's filter"));
        }
        let table = if format == ExportFormat::Xlsx { TableFormat::Xlsx } else { TableFormat::Csv };
        match (kind, format) {
            (ExportKind::Customers, ExportFormat::Csv) => self.export_customers_csv(actor, filter, create(path)?).await,
            (ExportKind::Customers, ExportFormat::Xlsx) => self.export_customers_xlsx(actor, filter, path).await,
            (ExportKind::Customers, ExportFormat::Vcard) => self.export_vcards(actor, filter, create(path)?).await,
            (ExportKind::Contacts, ExportFormat::Vcard) => self.export_contact_vcards(actor, create(path)?).await,
            (ExportKind::Contacts, _) => self.export_contacts(actor, path, table).await,
            (_, ExportFormat::Vcard) => Err(CoreError::invalid("only customers and contacts export as vCards")),
            (ExportKind::Leads, _) => self.export_leads(actor, path, table).await,
            (ExportKind::Opportunities, _) => self.export_opportunities(actor, path, table).await,
            (ExportKind::Tickets, _) => self.export_tickets(actor, path, table).await,
        }
    }
}
