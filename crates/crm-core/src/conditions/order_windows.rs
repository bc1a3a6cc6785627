//! Kept per-customer totals of counted orders over long windows (migration 0009). A test such as
//! "spent at least ¥3,000 in the last 365 days" summed a year of orders on every evaluation; with
//! the window's totals kept it is one range of an index. Windows are made when an evaluation
//! first needs them (`prepare`, a write), found by evaluations (`OrderWindows::read`, no write),
//! kept current by triggers on orders, and dropped once unused for more than a day: a relative
//! window moves with the date, so yesterday's "last 365 days" is a different window from today's.
//!
//! An evaluation that finds no kept window (one running inside another write, or across
//! midnight) sums the orders instead: the same answer, only slower.

use super::catalog::{self, Entity};
use super::{Condition, ConditionTest, FieldKind, TestOp, aggregate_threshold, compare, date_bounds};
use crate::db::Db;
use crate::error::CoreResult;
use chrono::{DateTime, Duration, Utc};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// A window's bounds: first and last day, inclusive.
type Days = (String, String);

/// The bounds "all orders" is kept under.
const ALL_TIME: (&str, &str) = ("0000-01-01", "9999-12-31");

/// Windows of at most this many days are read from the orders' date index: few orders, fast.
const SHORT_WINDOW_DAYS: u32 = 31;

/// The kept windows an evaluation may read, by their bounds.
#[derive(Debug, Clone, Default)]
pub struct OrderWindows(HashMap<Days, i64>);

impl OrderWindows {
    /// None: every aggregate sums the orders.
    pub fn none() -> OrderWindows {
        OrderWindows::default()
    }

    /// The kept window of a test, if there is one.
    pub(crate) fn seq_for(&self, t: &ConditionTest, now: DateTime<Utc>) -> Option<i64> {
        if !reads_totals(t) {
            return None;
        }
        self.0.get(&days_of(t, now)).copied()
    }

    /// The kept windows among those `condition` tests, read without writing.
    pub(crate) async fn read(
        conn: &mut SqliteConnection,
        condition: &Condition,
        entity: Entity,
        now: DateTime<Utc>,
    ) -> CoreResult<OrderWindows> {
        let wanted = wanted(condition, entity, now);
        if wanted.is_empty() {
            return Ok(OrderWindows::none());
        }
        let kept: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT seq, first_day, last_day FROM order_windows").fetch_all(&mut *conn).await?;
        Ok(OrderWindows(
            kept.into_iter().map(|(seq, a, b)| ((a, b), seq)).filter(|(d, _)| wanted.contains(d)).collect(),
        ))
    }
}

/// Whether a count test only asks if the customer bought in the window at all ("no purchase in
/// 180 days", `count ≥ 1`, `count = 0`): the customer's last purchase day answers it.
pub(crate) fn presence_only(t: &ConditionTest) -> bool {
    let Some(threshold) = aggregate_threshold(t) else { return false };
    let holds = |n: i64| compare(t.op, n, threshold);
    catalog::measure_of(&t.field) == Some(catalog::Measure::Count)
        && holds(0) != holds(1)
        && holds(2) == holds(1)
        && holds(i64::MAX) == holds(1)
}

/// Whether an aggregate test reads kept totals: over a long window or all time, and more than a
/// question of presence.
pub(crate) fn reads_totals(t: &ConditionTest) -> bool {
    catalog::measure_of(&t.field).is_some()
        && t.window_days.is_none_or(|d| d > SHORT_WINDOW_DAYS)
        && !presence_only(t)
        && matches!(t.op, TestOp::Gte | TestOp::Gt | TestOp::Lte | TestOp::Lt | TestOp::Is)
}

fn days_of(t: &ConditionTest, now: DateTime<Utc>) -> Days {
    match t.window_days {
        None => (ALL_TIME.0.to_string(), ALL_TIME.1.to_string()),
        Some(d) => {
            let (lo, hi) = date_bounds(TestOp::WithinLastDays, i64::from(d), now, true);
            (lo.unwrap_or_default(), hi.unwrap_or_default())
        }
    }
}

/// The windows `condition` would read kept totals of.
fn wanted(condition: &Condition, entity: Entity, now: DateTime<Utc>) -> Vec<Days> {
    let mut out = Vec::new();
    collect(condition, entity, now, &mut out);
    out.sort();
    out.dedup();
    out
}

fn collect(c: &Condition, entity: Entity, now: DateTime<Utc>, out: &mut Vec<Days>) {
    match c {
        Condition::All { items } | Condition::Any { items } => items.iter().for_each(|i| collect(i, entity, now, out)),
        Condition::Not { item } => collect(item, entity, now, out),
        Condition::Test(t) => {
            let aggregate = catalog::field(entity, &t.field).is_some_and(|f| f.kind == FieldKind::Aggregate);
            if aggregate && reads_totals(t) {
                out.push(days_of(t, now));
            }
        }
    }
}

/// Makes sure the windows `condition` tests are kept and marked used today, in a write of their
/// own when one is missing. Must not be called while this process holds the write connection.
pub(crate) async fn prepare(db: &Db, condition: &Condition, entity: Entity, now: DateTime<Utc>) -> CoreResult<()> {
    let wanted = wanted(condition, entity, now);
    if wanted.is_empty() {
        return Ok(());
    }
    let today = now.format("%Y-%m-%d").to_string();
    let kept: Vec<(String, String, String)> =
        sqlx::query_as("SELECT first_day, last_day, used_on FROM order_windows").fetch_all(&db.reader).await?;
    let ready = wanted.iter().all(|w| kept.iter().any(|(a, b, used)| (a, b) == (&w.0, &w.1) && *used == today));
    if ready {
        return Ok(());
    }
    // Not `begin_write`: totals are derived data, and building them must not drop the member
    // lists this process keeps.
    let mut tx = db.writer.begin_with("BEGIN IMMEDIATE").await?;
    keep(&mut tx, &wanted, now).await?;
    tx.commit().await?;
    Ok(())
}

/// `prepare` inside the caller's write transaction, returning the windows at once.
pub(crate) async fn prepare_in(
    conn: &mut SqliteConnection,
    condition: &Condition,
    entity: Entity,
    now: DateTime<Utc>,
) -> CoreResult<OrderWindows> {
    keep(conn, &wanted(condition, entity, now), now).await?;
    OrderWindows::read(conn, condition, entity, now).await
}

/// Drops windows unused since before yesterday, marks `wanted` used today and builds those
/// missing from the orders.
async fn keep(conn: &mut SqliteConnection, wanted: &[Days], now: DateTime<Utc>) -> CoreResult<()> {
    if wanted.is_empty() {
        return Ok(());
    }
    let today = now.format("%Y-%m-%d").to_string();
    let stale = (now - Duration::days(1)).format("%Y-%m-%d").to_string();
    sqlx::query(
        "DELETE FROM order_window_totals WHERE window_seq IN (SELECT seq FROM order_windows WHERE used_on < ?1)",
    )
    .bind(&stale)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM order_windows WHERE used_on < ?1").bind(&stale).execute(&mut *conn).await?;
    for (first, last) in wanted {
        let seq: Option<i64> = sqlx::query_scalar(
            "UPDATE order_windows SET used_on = ?3 WHERE first_day = ?1 AND last_day = ?2 RETURNING seq",
        )
        .bind(first)
        .bind(last)
        .bind(&today)
        .fetch_optional(&mut *conn)
        .await?;
        if seq.is_some() {
            continue;
        }
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO order_windows (first_day, last_day, used_on) VALUES (?1, ?2, ?3) RETURNING seq",
        )
        .bind(first)
        .bind(last)
        .bind(&today)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO order_window_totals (window_seq, customer_seq, orders, amount)
             SELECT ?1, customer_seq, count(*), sum(amount) FROM orders INDEXED BY orders_counted_customer
              WHERE {} AND ordered_on >= ?2 AND ordered_on <= ?3 GROUP BY customer_seq",
            super::sql::COUNTED_ORDERS
        )))
        .bind(seq)
        .bind(first)
        .bind(last)
        .execute(&mut *conn)
        .await?;
        tracing::info!(first, last, "order window totals built");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::ConditionTest;

    fn test(field: &str, op: TestOp, value: &str, window_days: Option<u32>) -> ConditionTest {
        ConditionTest { field: field.into(), op, values: vec![value.into()], window_days }
    }

    #[test]
    fn only_long_windows_and_real_totals_read_kept_totals() {
        assert!(reads_totals(&test("orders.amount", TestOp::Gte, "3000", Some(365))));
        assert!(reads_totals(&test("orders.count", TestOp::Gte, "3", None)));
        assert!(!reads_totals(&test("orders.amount", TestOp::Gte, "3000", Some(30))), "a short window");
        assert!(!reads_totals(&test("orders.count", TestOp::Is, "0", Some(180))), "no purchase: presence");
        assert!(!reads_totals(&test("orders.count", TestOp::Gte, "1", Some(365))), "bought at all: presence");
        assert!(reads_totals(&test("orders.count", TestOp::Lte, "1", Some(365))), "at most one order");
    }
}
