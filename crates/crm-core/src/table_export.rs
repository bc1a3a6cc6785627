//! Exports of contacts, leads, opportunities and tickets to CSV or an Excel workbook, within the user's
//! scope (each reads its records through the same paged list the app shows, so the scope and the
//! rules of that list apply). CSV cells are escaped against formula injection; workbook cells are
//! text cells, which never run as formulas.

use crate::csv_io::escape_formula;
use crate::error::{CoreError, CoreResult};
use crate::sales::lead_list::LeadListRequest;
use crate::sales::lead_model::Lead;
use crate::sales::opportunity_model::Opportunity;
use crate::sales::opportunity_reads::OpportunityListRequest;
use crate::service::ticket_list::{TicketListRequest, TicketView};
use crate::service::ticket_model::Ticket;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum TableFormat {
    Csv,
    Xlsx,
}

/// The most rows one worksheet holds, header included.
pub(crate) const SHEET_ROWS: u64 = 1_048_576;

fn write_error(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(format!("the export file could not be written: {e}"))
}

/// Rows going to a CSV file or a workbook's only sheet.
pub(crate) enum TableSink {
    Csv(Box<csv::Writer<std::io::BufWriter<std::fs::File>>>),
    Xlsx { book: Box<rust_xlsxwriter::Workbook>, rows: u64 },
}

impl TableSink {
    pub fn create(path: &Path, format: TableFormat, sheet: &str, header: &[String]) -> CoreResult<TableSink> {
        match format {
            TableFormat::Csv => {
                let file = std::fs::File::create(path)
                    .map_err(|e| CoreError::invalid(format!("cannot create {}: {e}", path.display())))?;
                let mut out = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
                out.write_record(header).map_err(write_error)?;
                Ok(TableSink::Csv(Box::new(out)))
            }
            TableFormat::Xlsx => {
                let mut book = Box::new(rust_xlsxwriter::Workbook::new());
                let ws = book.add_worksheet_with_constant_memory();
                ws.set_name(sheet).map_err(write_error)?;
                let bold = rust_xlsxwriter::Format::new().set_bold();
                for (col, h) in header.iter().enumerate() {
                    ws.write_string_with_format(0, col as u16, h, &bold).map_err(write_error)?;
                }
                Ok(TableSink::Xlsx { book, rows: 0 })
            }
        }
    }

    pub fn row(&mut self, cells: &[String]) -> CoreResult<()> {
        match self {
            TableSink::Csv(out) => {
                for cell in cells {
                    out.write_field(escape_formula(cell).as_bytes()).map_err(write_error)?;
                }
                out.write_record(None::<&[u8]>).map_err(write_error)
            }
            TableSink::Xlsx { book, rows } => {
                *rows += 1;
                if *rows >= SHEET_ROWS {
                    return Err(CoreError::invalid(format!(
                        "more than {} rows do not fit in one Excel sheet; export them as CSV",
                        SHEET_ROWS - 1
                    )));
                }
                let ws = book.worksheet_from_index(0).map_err(write_error)?;
                for (col, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                    ws.write_string(*rows as u32, col as u16, cell).map_err(write_error)?;
                }
                Ok(())
            }
        }
    }

    pub fn finish(self, path: &Path) -> CoreResult<()> {
        match self {
            TableSink::Csv(mut out) => out.flush().map_err(write_error),
            TableSink::Xlsx { mut book, .. } => book.save(path).map_err(write_error),
        }
    }
}

/// A value's key as the API spells it (`following_up`, `high` …).
fn key_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// An amount in minor units as the major-unit decimal people read (12000.50).
fn money(minor: i64) -> String {
    format!("{}{}.{:02}", if minor < 0 { "-" } else { "" }, (minor / 100).abs(), (minor % 100).abs())
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Page size of the lists an export reads.
const PAGE: u32 = 500;

/// Writes every item of a paged list: `page(cursor)` gives a page's items and the next cursor.
async fn write_pages<T, F, Fut>(sink: &mut TableSink, mut page: F, row: impl Fn(&T) -> Vec<String>) -> CoreResult<u64>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = CoreResult<(Vec<T>, Option<String>)>>,
{
    let (mut cursor, mut count) = (None, 0);
    loop {
        let (items, next) = page(cursor.take()).await?;
        for item in &items {
            sink.row(&row(item))?;
            count += 1;
        }
        match next {
            Some(c) => cursor = Some(c),
            None => return Ok(count),
        }
    }
}

fn lead_row(l: &Lead) -> Vec<String> {
    vec![
        l.name.clone(),
        text(&l.company),
        text(&l.phone),
        text(&l.email),
        text(&l.source),
        text(&l.province),
        text(&l.city),
        text(&l.notes),
        text(&l.country),
        text(&l.industry),
        key_of(&l.status),
        text(&l.owner),
        l.territory.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        l.created_at.clone(),
        text(&l.customer_id),
    ]
}

fn opportunity_row(o: &Opportunity) -> Vec<String> {
    vec![
        o.name.clone(),
        o.customer_name.clone(),
        o.stage.key.clone(),
        money(o.amount),
        o.currency.clone(),
        o.probability.to_string(),
        money(o.weighted_amount),
        text(&o.expected_close),
        o.owner.clone(),
        text(&o.lost_reason),
        text(&o.closed_at),
        text(&o.notes),
        o.created_at.clone(),
    ]
}

fn ticket_row(t: &Ticket) -> Vec<String> {
    vec![
        t.number.to_string(),
        t.subject.clone(),
        t.customer_name.clone(),
        key_of(&t.channel),
        text(&t.category),
        key_of(&t.priority),
        key_of(&t.status),
        text(&t.assignee),
        t.created_at.clone(),
        t.first_response_due.clone(),
        t.resolution_due.clone(),
        text(&t.first_response_at),
        text(&t.resolved_at),
        text(&t.closed_at),
        t.rating.map(|r| r.to_string()).unwrap_or_default(),
    ]
}

/// A contact with its customer, as exported.
#[derive(sqlx::FromRow)]
struct ContactLine {
    seq: i64,
    customer_external_id: Option<String>,
    customer: String,
    name: String,
    title: Option<String>,
    phones: String,
    emails: String,
}

fn contact_row(c: &ContactLine) -> Vec<String> {
    let list = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default().join("; ");
    vec![
        text(&c.customer_external_id),
        c.customer.clone(),
        c.name.clone(),
        text(&c.title),
        list(&c.phones),
        list(&c.emails),
    ]
}

impl Crm {
    /// Every contact of the live customers the user may see, with its customer; the columns are
    /// those `crm import contacts` reads.
    pub async fn export_contacts(&self, actor: &Actor, path: &Path, format: TableFormat) -> CoreResult<u64> {
        let scope = self.access(actor).await?.scope.sql_condition("c.territory");
        let columns = header(&["customer_external_id", "customer", "name", "title", "phone", "email"]);
        let mut sink = TableSink::create(path, format, "contacts", &columns)?;
        let sql = format!(
            "SELECT k.seq, c.external_id AS customer_external_id, c.name AS customer, k.name, k.title, k.phones, k.emails
             FROM contacts k JOIN customers c ON c.id = k.customer_id
             WHERE k.seq > ?1 AND k.deleted_at IS NULL AND c.deleted_at IS NULL{scope} ORDER BY k.seq LIMIT ?2"
        );
        let page = |cursor: Option<String>| {
            let sql = sql.clone();
            async move {
                let after: i64 = cursor.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0);
                let items: Vec<ContactLine> =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(after).bind(PAGE).fetch_all(&self.db.reader).await?;
                let next = (items.len() == PAGE as usize).then(|| items[items.len() - 1].seq.to_string());
                Ok((items, next))
            }
        };
        let count = write_pages(&mut sink, page, contact_row).await?;
        sink.finish(path)?;
        Ok(count)
    }

    /// Every lead the user may see (the pool and owned leads, any status); the first columns are
    /// those `crm import leads` reads.
    pub async fn export_leads(&self, actor: &Actor, path: &Path, format: TableFormat) -> CoreResult<u64> {
        let columns = header(&[
            "name",
            "company",
            "phone",
            "email",
            "source",
            "province",
            "city",
            "notes",
            "country",
            "industry",
            "status",
            "owner",
            "territory",
            "created_at",
            "customer_id",
        ]);
        let mut sink = TableSink::create(path, format, "leads", &columns)?;
        let page = |cursor| async move {
            let p = self.list_leads(actor, &LeadListRequest { limit: PAGE, cursor, ..Default::default() }).await?;
            Ok((p.items, p.next_cursor))
        };
        let count = write_pages(&mut sink, page, lead_row).await?;
        sink.finish(path)?;
        Ok(count)
    }

    /// Every opportunity the user may see, amounts in major units.
    pub async fn export_opportunities(&self, actor: &Actor, path: &Path, format: TableFormat) -> CoreResult<u64> {
        let columns = header(&[
            "name",
            "customer",
            "stage",
            "amount",
            "currency",
            "probability",
            "weighted_amount",
            "expected_close",
            "owner",
            "lost_reason",
            "closed_at",
            "notes",
            "created_at",
        ]);
        let mut sink = TableSink::create(path, format, "opportunities", &columns)?;
        let page = |cursor| async move {
            let req = OpportunityListRequest { limit: PAGE, cursor, ..Default::default() };
            let p = self.list_opportunities(actor, &req).await?;
            Ok((p.items, p.next_cursor))
        };
        let count = write_pages(&mut sink, page, opportunity_row).await?;
        sink.finish(path)?;
        Ok(count)
    }

    /// Every ticket the user may see, open or closed, newest first.
    pub async fn export_tickets(&self, actor: &Actor, path: &Path, format: TableFormat) -> CoreResult<u64> {
        let columns = header(&[
            "number",
            "subject",
            "customer",
            "channel",
            "category",
            "priority",
            "status",
            "assignee",
            "created_at",
            "first_response_due",
            "resolution_due",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "rating",
        ]);
        let mut sink = TableSink::create(path, format, "tickets", &columns)?;
        let page = |cursor| async move {
            let req = TicketListRequest {
                view: TicketView::All,
                statuses: Vec::new(),
                priority: None,
                assignee: None,
                cursor,
                limit: 200,
            };
            let p = self.list_tickets(actor, &req).await?;
            Ok((p.items, p.next_cursor))
        };
        let count = write_pages(&mut sink, page, ticket_row).await?;
        sink.finish(path)?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_are_written_in_major_units() {
        assert_eq!(super::money(1_200_050), "12000.50");
        assert_eq!(super::money(-5), "-0.05");
        assert_eq!(super::money(0), "0.00");
    }
}
