//! Entering, changing and reading orders. An order belongs to one customer for good and is seen
//! and changed by whoever may see that customer.

use super::order_model::{
    CurrencyTotal, CustomerOrders, Order, OrderInput, OrderItem, OrderRecord, OrderStatus, validate_order,
};
use crate::changelog::Stamp;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use sqlx::SqliteConnection;

const ORDER_SELECT: &str =
    "SELECT o.seq, o.id, o.external_id, c.id AS customer_id, c.name AS customer_name, o.ordered_on,
        o.status, o.currency, o.amount, o.notes, o.created_at, o.created_by, o.updated_at, c.territory
    FROM orders o JOIN customers c ON c.seq = o.customer_seq";

#[derive(sqlx::FromRow)]
struct OrderRow {
    seq: i64,
    id: String,
    external_id: Option<String>,
    customer_id: String,
    customer_name: String,
    ordered_on: String,
    status: String,
    currency: String,
    amount: i64,
    notes: Option<String>,
    created_at: String,
    created_by: String,
    updated_at: String,
    territory: Option<i64>,
}

impl OrderRow {
    fn into_order(self, items: Vec<OrderItem>) -> Order {
        Order {
            id: self.id,
            external_id: self.external_id,
            customer_id: self.customer_id,
            customer_name: self.customer_name,
            ordered_on: self.ordered_on,
            status: OrderStatus::parse(&self.status).unwrap_or(OrderStatus::Pending),
            currency: self.currency,
            amount: self.amount,
            items,
            notes: self.notes,
            created_at: self.created_at,
            created_by: self.created_by,
            updated_at: self.updated_at,
        }
    }
}

/// Writes a new order and its items; returns its seq. The customer is known to exist.
pub(crate) async fn insert_order(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    id: &str,
    customer_seq: i64,
    record: &OrderRecord,
) -> CoreResult<i64> {
    use crate::customer::model::Choice;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO orders (id, external_id, customer_seq, ordered_on, status, currency, amount, notes,
                             created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10) RETURNING seq",
    )
    .bind(id)
    .bind(&record.external_id)
    .bind(customer_seq)
    .bind(&record.ordered_on)
    .bind(record.status.key())
    .bind(&record.currency)
    .bind(record.amount)
    .bind(&record.notes)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .fetch_one(&mut *conn)
    .await
    .map_err(duplicate_number)?;
    insert_items(conn, seq, &record.items).await?;
    Ok(seq)
}

async fn insert_items(conn: &mut SqliteConnection, order_seq: i64, items: &[OrderItem]) -> CoreResult<()> {
    for (i, item) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO order_items (order_seq, line, product, quantity, unit_price, amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(order_seq)
        .bind(i as i64 + 1)
        .bind(&item.product)
        .bind(item.quantity)
        .bind(item.unit_price)
        .bind(item.amount)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

fn duplicate_number(e: sqlx::Error) -> CoreError {
    match &e {
        sqlx::Error::Database(d) if d.message().contains("orders.external_id") => {
            CoreError::conflict("another order already has this order number")
        }
        _ => e.into(),
    }
}

async fn items_of(conn: &mut SqliteConnection, seqs: &[i64]) -> CoreResult<Vec<(i64, OrderItem)>> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let list = seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT order_seq, product, quantity, unit_price, amount FROM order_items WHERE order_seq IN ({list})
         ORDER BY order_seq, line"
    )))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(seq, product, quantity, unit_price, amount)| (seq, OrderItem { product, quantity, unit_price, amount }))
        .collect())
}

async fn with_items(conn: &mut SqliteConnection, rows: Vec<OrderRow>) -> CoreResult<Vec<Order>> {
    let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
    let mut items = items_of(conn, &seqs).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mine = items.iter().filter(|(s, _)| *s == row.seq).map(|(_, i)| i.clone()).collect();
            items.retain(|(s, _)| *s != row.seq);
            row.into_order(mine)
        })
        .collect())
}

impl Crm {
    /// Records an order of a customer the user may see.
    pub async fn create_order(&self, actor: &Actor, input: OrderInput) -> CoreResult<Order> {
        self.customer_access(actor, &input.customer_id, "order.create").await?;
        let record = validate_order(&input)?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let (customer_seq, deleted): (i64, Option<String>) =
            sqlx::query_as("SELECT seq, deleted_at FROM customers WHERE id = ?1")
                .bind(&input.customer_id)
                .fetch_one(&mut *tx)
                .await?;
        if deleted.is_some() {
            return Err(CoreError::invalid("the customer is in the trash; restore it first"));
        }
        let id = crate::new_id();
        insert_order(&mut tx, &stamp, &id, customer_seq, &record).await?;
        tx.commit().await?;
        self.get_order(actor, &id).await
    }

    /// Replaces an order's date, status, amount, items and notes; it stays with its customer.
    pub async fn update_order(&self, actor: &Actor, id: &str, input: OrderInput) -> CoreResult<Order> {
        let current = self.get_order(actor, id).await?;
        if current.customer_id != input.customer_id {
            return Err(CoreError::invalid("an order stays with its customer; record a new one for another customer"));
        }
        let record = validate_order(&input)?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        use crate::customer::model::Choice;
        let seq: i64 = sqlx::query_scalar(
            "UPDATE orders SET external_id = ?2, ordered_on = ?3, status = ?4, currency = ?5, amount = ?6, notes = ?7,
                    updated_at = ?8, updated_by = ?9
             WHERE id = ?1 RETURNING seq",
        )
        .bind(id)
        .bind(&record.external_id)
        .bind(&record.ordered_on)
        .bind(record.status.key())
        .bind(&record.currency)
        .bind(record.amount)
        .bind(&record.notes)
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .fetch_one(&mut *tx)
        .await
        .map_err(duplicate_number)?;
        sqlx::query("DELETE FROM order_items WHERE order_seq = ?1").bind(seq).execute(&mut *tx).await?;
        insert_items(&mut tx, seq, &record.items).await?;
        tx.commit().await?;
        self.get_order(actor, id).await
    }

    /// Removes an order entered by mistake (a cancelled or refunded one keeps its record instead).
    pub async fn delete_order(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.get_order(actor, id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM orders WHERE id = ?1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn get_order(&self, actor: &Actor, id: &str) -> CoreResult<Order> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let row: Option<OrderRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{ORDER_SELECT} WHERE o.id = ?1")))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        let row = row.ok_or_else(|| CoreError::not_found(format!("no order with id {id}")))?;
        if !access.scope.contains(row.territory) {
            drop(conn);
            return Err(self.refuse(&access.login, "order.read", Some(id), crate::access::OUTSIDE_SCOPE).await);
        }
        Ok(with_items(&mut conn, vec![row]).await?.remove(0))
    }

    /// The customer's newest orders (at most `limit`) and the sums of all of them.
    pub async fn customer_orders(&self, actor: &Actor, customer_id: &str, limit: u32) -> CoreResult<CustomerOrders> {
        self.customer_access(actor, customer_id, "order.list").await?;
        let mut conn = self.db.reader.acquire().await?;
        let seq: i64 = sqlx::query_scalar("SELECT seq FROM customers WHERE id = ?1")
            .bind(customer_id)
            .fetch_one(&mut *conn)
            .await?;
        let rows: Vec<OrderRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ORDER_SELECT} WHERE o.customer_seq = ?1 ORDER BY o.ordered_on DESC, o.seq DESC LIMIT ?2"
        )))
        .bind(seq)
        .bind(i64::from(limit.clamp(1, 500)))
        .fetch_all(&mut *conn)
        .await?;
        let items = with_items(&mut conn, rows).await?;
        let (total_orders, counted_orders): (i64, i64) = sqlx::query_as(
            "SELECT count(*), coalesce(sum(status IN ('paid', 'completed')), 0) FROM orders WHERE customer_seq = ?1",
        )
        .bind(seq)
        .fetch_one(&mut *conn)
        .await?;
        let totals: Vec<(String, i64)> = sqlx::query_as(
            "SELECT currency, sum(amount) FROM orders WHERE customer_seq = ?1 AND status IN ('paid', 'completed')
             GROUP BY currency ORDER BY currency",
        )
        .bind(seq)
        .fetch_all(&mut *conn)
        .await?;
        let last_order_on: Option<String> = sqlx::query_scalar("SELECT last_order_on FROM customers WHERE seq = ?1")
            .bind(seq)
            .fetch_one(&mut *conn)
            .await?;
        Ok(CustomerOrders {
            items,
            total_orders,
            counted_orders,
            totals: totals.into_iter().map(|(currency, amount)| CurrencyTotal { currency, amount }).collect(),
            last_order_on,
        })
    }
}
