//! `crm import orders FILE.csv`: orders from a UTF-8 CSV with one line per item and the columns
//! `order_id,customer_external_id,date,product,quantity,unit_price,amount` (`amount` optional:
//! quantity times unit price when absent; `status` and `currency` may be added). Lines sharing
//! an `order_id` make one order. The file applies whole, in one transaction, or not at all, and
//! then every rejected line is reported with its reason.

use super::order_model::{OrderInput, OrderItem, OrderStatus, order_record};
use super::orders::insert_order;
use crate::csv_io::import::{RejectedRow, csv_error};
use crate::customer::external_ids;
use crate::customer::validate::Problems;
use crate::error::{CoreError, CoreResult};
use crate::sales::money::parse_amount;
use crate::{Actor, Crm};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;

pub const ORDER_COLUMNS: &[&str] =
    &["order_id", "customer_external_id", "date", "product", "quantity", "unit_price", "amount", "status", "currency"];
const REQUIRED: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderImportReport {
    /// Orders and item lines written (zero when anything was rejected).
    pub orders: u64,
    pub lines: u64,
    pub rejected: Vec<RejectedRow>,
}

struct Line {
    line: u64,
    order_id: String,
    customer: String,
    date: String,
    status: OrderStatus,
    currency: Option<String>,
    item: OrderItem,
}

fn header_columns(header: &csv::StringRecord) -> CoreResult<Vec<usize>> {
    let mut columns = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim_start_matches('\u{feff}').trim().to_lowercase();
        let known = ORDER_COLUMNS.iter().position(|c| *c == name).ok_or_else(|| {
            CoreError::invalid(format!(
                "line 1: unknown column '{name}' in column {} (columns: {})",
                i + 1,
                ORDER_COLUMNS.join(", ")
            ))
        })?;
        if columns.contains(&known) {
            return Err(CoreError::invalid(format!("line 1: column '{name}' appears twice in the header")));
        }
        columns.push(known);
    }
    if let Some(missing) = (0..REQUIRED).find(|c| !columns.contains(c)) {
        return Err(CoreError::invalid(format!("line 1: the header has no '{}' column", ORDER_COLUMNS[missing])));
    }
    Ok(columns)
}

fn parse_line(line: u64, columns: &[usize], record: &csv::StringRecord) -> Result<Line, String> {
    let mut cells: [&str; 9] = [""; 9];
    for (column, cell) in columns.iter().zip(record.iter()) {
        cells[*column] = crate::csv_io::unescape_formula(cell.trim());
    }
    let mut p = Problems::default();
    for (i, name) in ORDER_COLUMNS.iter().enumerate().take(REQUIRED) {
        if cells[i].is_empty() && *name != "unit_price" {
            p.push(format!("'{name}' is empty"));
        }
    }
    let quantity = cells[4].parse::<i64>().ok().filter(|q| (1..=1_000_000).contains(q));
    if quantity.is_none() && !cells[4].is_empty() {
        p.push(format!("quantity '{}' is not a whole number from 1 to 1,000,000", cells[4]));
    }
    let unit_price = parse_amount(if cells[5].is_empty() { "0" } else { cells[5] })
        .map_err(|e| p.push(format!("unit_price: {}", e.message)))
        .ok();
    let amount = match cells[6] {
        "" => None,
        a => parse_amount(a).map_err(|e| p.push(format!("amount: {}", e.message))).ok(),
    };
    let status = match cells[7] {
        "" => Some(OrderStatus::Paid),
        s => OrderStatus::parse(s).or_else(|| {
            p.push(format!("status '{s}' is not one of pending, paid, completed, cancelled, refunded"));
            None
        }),
    };
    if cells[0].chars().count() > 100 {
        p.push("order_id is longer than 100 characters".into());
    }
    if cells[3].chars().count() > 200 {
        p.push("product is longer than 200 characters".into());
    }
    let messages = p.into_messages();
    match (quantity, unit_price, status) {
        (Some(quantity), Some(unit_price), Some(status)) if messages.is_empty() => Ok(Line {
            line,
            order_id: cells[0].to_string(),
            customer: cells[1].to_string(),
            date: cells[2].to_string(),
            status,
            currency: Some(cells[8].to_string()).filter(|c| !c.is_empty()),
            item: OrderItem {
                product: cells[3].to_string(),
                quantity,
                unit_price,
                amount: amount.unwrap_or_else(|| quantity.saturating_mul(unit_price)),
            },
        }),
        _ => Err(messages.join("; ")),
    }
}

async fn existing_orders(conn: &mut sqlx::SqliteConnection, ids: Vec<&str>) -> CoreResult<Vec<String>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut q = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!(
            "SELECT external_id FROM orders WHERE external_id IN ({marks})"
        )));
        for id in chunk {
            q = q.bind(*id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

impl Crm {
    pub async fn import_orders_csv<R: Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
    ) -> CoreResult<OrderImportReport> {
        let access = self.access(actor).await?;
        let (mut reader, header) = crate::csv_io::import::reader_with_header(source)?;
        let columns = header_columns(&header)?;
        let mut rejected = Vec::new();
        // Orders in the order of their first line.
        let mut orders: Vec<Vec<Line>> = Vec::new();
        let mut order_at: HashMap<String, usize> = HashMap::new();
        for (i, record) in reader.records().enumerate() {
            let line = crate::csv_io::record_line(&record, i as u64 + 2);
            let parsed = match record {
                Ok(r) if r.len() != columns.len() => {
                    Err(format!("has {} fields but the header has {}", r.len(), columns.len()))
                }
                Ok(r) => parse_line(line, &columns, &r),
                Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                    return Err(CoreError::invalid(format!("the file could not be read: {e}")));
                }
                Err(e) => Err(csv_error(&e).message),
            };
            let parsed = match parsed {
                Ok(p) => p,
                Err(reason) => {
                    rejected.push(RejectedRow::new(line, reason));
                    continue;
                }
            };
            match order_at.get(&parsed.order_id) {
                Some(&at) => {
                    let first = &orders[at][0];
                    if first.customer != parsed.customer || first.date != parsed.date || first.status != parsed.status {
                        rejected.push(RejectedRow::new(
                            line,
                            format!(
                                "order {} has another customer, date or status on line {}",
                                parsed.order_id, first.line
                            ),
                        ));
                    } else {
                        orders[at].push(parsed);
                    }
                }
                None => {
                    order_at.insert(parsed.order_id.clone(), orders.len());
                    orders.push(vec![parsed]);
                }
            }
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        // An id given up in a merge of duplicates names the customer it was merged into.
        let exts: Vec<&str> = orders.iter().map(|o| o[0].customer.as_str()).collect();
        let customers = external_ids::holders(&mut tx, &exts).await?;
        let known = existing_orders(&mut tx, orders.iter().map(|o| o[0].order_id.as_str()).collect()).await?;
        let mut ready = Vec::with_capacity(orders.len());
        let mut outside = 0u64;
        for lines in &orders {
            let first = &lines[0];
            let reject = |reason: String, rejected: &mut Vec<RejectedRow>| {
                rejected.extend(lines.iter().map(|l| RejectedRow::new(l.line, reason.clone())));
            };
            let customer = match customers.get(&first.customer) {
                None => {
                    reject(format!("no customer has the external id '{}'", first.customer), &mut rejected);
                    continue;
                }
                Some(holder) if holder.deleted_at.is_some() => {
                    reject(format!("the customer '{}' is in the trash", first.customer), &mut rejected);
                    continue;
                }
                Some(holder) if !access.scope.contains(holder.territory) => {
                    outside += 1;
                    reject(format!("the customer '{}' lies outside your territories", first.customer), &mut rejected);
                    continue;
                }
                Some(holder) => holder.seq,
            };
            if known.contains(&first.order_id) {
                reject(format!("order {} is already in the CRM", first.order_id), &mut rejected);
                continue;
            }
            let input = OrderInput {
                customer_id: String::new(),
                external_id: Some(first.order_id.clone()),
                ordered_on: first.date.clone(),
                status: first.status,
                currency: first.currency.clone(),
                amount: 0,
                items: Vec::new(),
                notes: None,
            };
            let items: Vec<OrderItem> = lines.iter().map(|l| l.item.clone()).collect();
            let total = items.iter().fold(0i64, |t, i| t.saturating_add(i.amount));
            let mut p = Problems::default();
            let record = order_record(&mut p, &input, items, total);
            let problems = p.into_messages();
            if !problems.is_empty() {
                reject(problems.join("; "), &mut rejected);
                continue;
            }
            ready.push((customer, record));
        }
        rejected.sort_by_key(|r| r.line);
        if !rejected.is_empty() {
            tx.rollback().await?;
            if outside > 0 {
                let detail =
                    format!("{outside} order(s) of an import belong to customers outside the user's territories");
                self.record_refusal(&access.login, "order.import", None, &detail).await;
            }
            return Ok(OrderImportReport { orders: 0, lines: 0, rejected });
        }
        let mut lines = 0u64;
        for (customer, record) in &ready {
            insert_order(&mut tx, &stamp, &crate::new_id(), *customer, record).await?;
            lines += record.items.len() as u64;
        }
        tx.commit().await?;
        if ready.len() >= 10_000 {
            self.db.optimize().await?;
        }
        Ok(OrderImportReport { orders: ready.len() as u64, lines, rejected })
    }
}
