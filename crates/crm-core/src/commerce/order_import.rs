//! `crm import orders FILE`: orders from a table (CSV in any common encoding and delimiter, or a
//! workbook) with one line per item. Its headers name the fields in English or Chinese
//! (订单号, 客户编号, 日期, 产品, 数量, 单价, 金额, 状态, 币种) or as the user maps them: `order_id,
//! customer_external_id, date, product, quantity, unit_price` are needed, `amount` is quantity
//! times unit price when absent. Lines sharing an `order_id` make one order, and a rejected line
//! rejects its whole order. The file applies whole, in one transaction, or not at all (unless
//! invalid orders may be skipped), and every rejected line is reported with its reason. An applied
//! import is a batch of the import history and can be reverted while its orders are unchanged.

use super::order_model::{OrderInput, OrderItem, OrderStatus, order_record};
use super::orders::insert_order;
use crate::csv_io::import::{ImportOptions, RejectedRow, open_table, read_rows};
use crate::customer::external_ids;
use crate::customer::validate::Problems;
use crate::error::{CoreError, CoreResult};
use crate::import::batches::{NewBatch, record_batch};
use crate::import::fixed_fields::FixedFields;
use crate::import::progress::ImportControl;
use crate::import::source::{FileFormat, SourceFacts, SourceRow};
use crate::sales::money::parse_amount;
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::collections::HashMap;
use std::io::Read;

/// The fields of an orders file, in this order, and the headers that name them.
const ORDER_FIELDS: FixedFields = FixedFields {
    record: "order line",
    fields: &[
        ("order_id", &["订单号", "订单编号", "单号", "orderno", "ordernumber"]),
        ("customer_external_id", &["客户编号", "客户外部编号", "customerid", "customerno"]),
        ("date", &["日期", "下单日期", "订单日期", "orderdate", "orderedon"]),
        ("product", &["产品", "商品", "产品名称", "商品名称", "item"]),
        ("quantity", &["数量", "qty"]),
        ("unit_price", &["单价", "price"]),
        ("amount", &["金额", "小计", "total"]),
        ("status", &["状态", "订单状态"]),
        ("currency", &["币种", "货币"]),
    ],
    lists: &[],
    required: &[&["order_id"], &["customer_external_id"], &["date"], &["product"], &["quantity"], &["unit_price"]],
};
/// How many of ORDER_FIELDS every line needs.
const REQUIRED: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderImportReport {
    /// Orders and item lines written (zero when nothing was applied; what would be for a dry run).
    pub orders: u64,
    pub lines: u64,
    pub rejected: Vec<RejectedRow>,
    /// The history entry of an applied import.
    pub batch: Option<String>,
    pub dry_run: bool,
    pub source: SourceFacts,
    pub header: Vec<String>,
}

struct Line {
    line: u64,
    cells: csv::StringRecord,
    order_id: String,
    customer: String,
    date: String,
    status: OrderStatus,
    currency: Option<String>,
    item: OrderItem,
}

impl Line {
    fn rejected(&self, reason: String) -> RejectedRow {
        RejectedRow { line: self.line, reason, cells: self.cells.iter().map(str::to_string).collect() }
    }
}

/// A cell as the import reads it: trimmed, without the apostrophe an export put before a
/// formula-like value. An order's lines are grouped by their `order_id` read this way.
fn cell_value(cell: &str) -> &str {
    crate::csv_io::unescape_formula(cell.trim())
}

fn parse_line(line: u64, columns: &[Option<&str>], record: &csv::StringRecord) -> Result<Line, String> {
    let mut cells: [&str; 9] = [""; 9];
    for (column, cell) in columns.iter().zip(record.iter()) {
        if let Some(at) = column.and_then(|c| ORDER_FIELDS.fields.iter().position(|(f, _)| *f == c)) {
            cells[at] = cell_value(cell);
        }
    }
    let mut p = Problems::default();
    for (i, (name, _)) in ORDER_FIELDS.fields.iter().enumerate().take(REQUIRED) {
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
            cells: record.clone(),
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
    pub async fn import_orders<R: Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
        options: ImportOptions,
    ) -> CoreResult<OrderImportReport> {
        let table = open_table(source, &options, &ImportControl::new(0)).await?;
        if table.facts.format == FileFormat::Vcard {
            return Err(CoreError::invalid("orders are imported from a table (CSV or a workbook), not from vCards"));
        }
        let access = self.access(actor).await?;
        let header = table.header.clone();
        let columns = ORDER_FIELDS.columns(&header, &options.mapping, false)?;
        let (table, rows, mut rejected) = read_rows(table).await?;
        // Orders in the order of their first line.
        let mut orders: Vec<Vec<Line>> = Vec::new();
        let mut order_at: HashMap<String, usize> = HashMap::new();
        // Orders with a rejected line, and that line: the rest of such an order is not imported
        // either, as an order without one of its items would have the wrong total.
        let mut broken: HashMap<String, u64> = HashMap::new();
        let order_id_at = columns.iter().position(|c| *c == Some("order_id"));
        for SourceRow { line, cells } in rows {
            let parsed = if cells.len() != columns.len() {
                Err(format!("has {} fields but the header has {}", cells.len(), columns.len()))
            } else {
                parse_line(line, &columns, &cells)
            };
            let parsed = match parsed {
                Ok(p) => p,
                Err(reason) => {
                    if let Some(id) =
                        order_id_at.and_then(|at| cells.get(at)).map(cell_value).filter(|id| !id.is_empty())
                    {
                        broken.entry(id.to_string()).or_insert(line);
                    }
                    rejected.push(RejectedRow { line, reason, cells: cells.iter().map(str::to_string).collect() });
                    continue;
                }
            };
            match order_at.get(&parsed.order_id) {
                Some(&at) => {
                    let first = &orders[at][0];
                    if first.customer != parsed.customer || first.date != parsed.date || first.status != parsed.status {
                        let reason = format!(
                            "order {} has another customer, date or status on line {}",
                            parsed.order_id, first.line
                        );
                        broken.entry(parsed.order_id.clone()).or_insert(parsed.line);
                        rejected.push(parsed.rejected(reason));
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
                rejected.extend(lines.iter().map(|l| l.rejected(reason.clone())));
            };
            if let Some(bad) = broken.get(&first.order_id) {
                reject(format!("order {} has a rejected line (line {bad})", first.order_id), &mut rejected);
                continue;
            }
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
        if outside > 0 {
            let detail = format!("{outside} order(s) of an import belong to customers outside the user's territories");
            self.record_refusal(&access.login, "order.import", None, &detail).await;
        }
        let outcome = options.outcome(!rejected.is_empty());
        let (count, lines) = if outcome.counts {
            (ready.len() as u64, ready.iter().map(|(_, r)| r.items.len() as u64).sum())
        } else {
            (0, 0)
        };
        let rejected_count = rejected.len() as u64;
        let report = |batch| OrderImportReport {
            orders: count,
            lines,
            rejected,
            batch,
            dry_run: options.dry_run,
            source: table.facts.clone(),
            header,
        };
        if !outcome.writes {
            tx.rollback().await?;
            return Ok(report(None));
        }
        let mut seqs = Vec::with_capacity(ready.len());
        for (customer, record) in &ready {
            seqs.push(insert_order(&mut tx, &stamp, &crate::new_id(), *customer, record).await?);
        }
        let new_batch = NewBatch {
            entity: "orders",
            file_name: options.file_name.as_deref(),
            format: table.facts.format.key(),
            created: count,
            updated: 0,
            mode: "create",
            rejected: rejected_count,
            seqs: seqs.iter().min().zip(seqs.iter().max()).map(|(a, b)| (*a, *b)),
            created_tags: &[],
        };
        let batch = record_batch(&mut tx, &stamp, new_batch).await?;
        tx.commit().await?;
        if count >= 10_000 {
            self.db.optimize().await?;
        }
        Ok(report(Some(batch)))
    }
}

/// Removes the orders a batch added with their items (the customers' order totals follow, by
/// the triggers); refused once one of them was edited since.
pub(crate) async fn remove_orders(
    conn: &mut SqliteConnection,
    first: i64,
    last: i64,
    imported_at: &str,
) -> CoreResult<()> {
    let (edited, foreign): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE created_at = ?3 AND updated_at <> ?3), count(*) FILTER (WHERE created_at <> ?3)
         FROM orders WHERE seq BETWEEN ?1 AND ?2",
    )
    .bind(first)
    .bind(last)
    .bind(imported_at)
    .fetch_one(&mut *conn)
    .await?;
    if edited > 0 {
        return Err(CoreError::conflict(format!(
            "{edited} order(s) of this import were edited since; reverting would lose those edits, so nothing was changed"
        )));
    }
    if foreign > 0 {
        // Seqs are reused: an order deleted by hand frees its seq for a later one.
        return Err(CoreError::conflict(format!(
            "{foreign} order(s) entered since took the place of orders of this import that were deleted; it cannot be reverted as a whole"
        )));
    }
    let customers: Vec<i64> =
        sqlx::query_scalar("SELECT DISTINCT customer_seq FROM orders WHERE seq BETWEEN ?1 AND ?2")
            .bind(first)
            .bind(last)
            .fetch_all(&mut *conn)
            .await?;
    for sql in
        ["DELETE FROM order_items WHERE order_seq BETWEEN ?1 AND ?2", "DELETE FROM orders WHERE seq BETWEEN ?1 AND ?2"]
    {
        sqlx::query(sql).bind(first).bind(last).execute(&mut *conn).await?;
    }
    // The triggers took back the last order; when they were last active follows the same way.
    for seq in customers {
        crate::customer::store::recompute_last_active(conn, seq, None).await?;
    }
    Ok(())
}
