//! Evaluating a segment's definition over all customers in parts side by side. A broad segment
//! ("spent ≥ ¥3,000 in a year AND 中国 AND NOT a tag") tests a few hundred thousand customers one
//! by one, which is one core's work for ~0.4 s at 1,000,000 customers; split into ranges of
//! customer seqs, each on its own read connection, the cores share it. A range only helps where
//! the plan can use it: where SQLite reads the customers by seq (in order, or by the seqs of a
//! list the range narrows too). Where another index leads (a short window's buyers, a tier),
//! every part would read that index whole, so the definition runs as one query.

use super::evaluate::{integers, matching_sql};
use crate::access::Scope;
use crate::conditions::Condition;
use crate::conditions::catalog::Entity;
use crate::conditions::order_windows::OrderWindows;
use crate::conditions::sql::{At, SeqRange, SqlArg, arguments};
use crate::db::Db;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// Below this many customers one query is quick enough.
const SPLIT_FROM: i64 = 20_000;
/// At most this many parts (and read connections) per evaluation.
const MAX_PARTS: usize = 4;
/// How long an evaluation waits for each further read connection before it does with fewer
/// parts: never for long, and never forever (callers hold a connection while they wait).
const CONNECTION_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// What an evaluation selects of the matching customers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Select {
    Count,
    /// Their seqs, in order.
    Seqs,
}

impl Select {
    fn sql(self, where_sql: &str) -> String {
        match self {
            Select::Count => format!("SELECT count(*) FROM customers c WHERE {where_sql}"),
            Select::Seqs => format!("SELECT c.seq FROM customers c WHERE {where_sql} ORDER BY c.seq"),
        }
    }
}

/// The live customers in scope for whom `condition` holds: their number (one element) or their
/// seqs in order, evaluated in parts where that pays. `conn` is a read connection of `db`'s.
pub(crate) async fn evaluate(
    db: &Db,
    conn: &mut SqliteConnection,
    condition: &Condition,
    scope: &Scope,
    now: DateTime<Utc>,
    select: Select,
) -> CoreResult<Vec<i64>> {
    let windows = OrderWindows::read(conn, condition, Entity::Customer, now).await?;
    let last: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM customers").fetch_one(&mut *conn).await?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_PARTS);
    let (whole_where, whole_args) = matching_sql(condition, scope, &At { now, windows: &windows, range: None })?;
    let whole = select.sql(&whole_where);
    let lead = if cores < 2 || last < SPLIT_FROM { None } else { range_lead(conn, &whole, &whole_args).await? };
    let mut others = Vec::new();
    while lead.is_some() && others.len() + 1 < cores {
        match tokio::time::timeout(CONNECTION_WAIT, db.reader.acquire()).await {
            Ok(Ok(c)) => others.push(c),
            _ => break,
        }
    }
    let (Some(lead), false) = (lead, others.is_empty()) else {
        return integers(conn, &whole, &[], &whole_args).await;
    };
    let parts = others.len() as i64 + 1;
    let ranges: Vec<SeqRange> = (0..parts)
        .map(|i| SeqRange {
            after: last * i / parts,
            upto: if i + 1 == parts { i64::MAX } else { last * (i + 1) / parts },
        })
        .collect();
    let ranged = |range: SeqRange| -> CoreResult<(String, Vec<SqlArg>)> {
        let (where_sql, args) = matching_sql(condition, scope, &At { now, windows: &windows, range: Some(range) })?;
        Ok((select.sql(&format!("{where_sql}{}", range.sql(lead))), args))
    };
    let (first_sql, first_args) = ranged(ranges[0])?;
    // The first range runs on the caller's connection while the others run on theirs.
    let mut running = tokio::task::JoinSet::new();
    for (i, (range, mut other)) in ranges.iter().skip(1).zip(others).enumerate() {
        let (sql, args) = ranged(*range)?;
        running.spawn(async move { Ok::<_, CoreError>((i + 1, integers(&mut other, &sql, &[], &args).await?)) });
    }
    let mut results = vec![(0, integers(conn, &first_sql, &[], &first_args).await?)];
    while let Some(done) = running.join_next().await {
        results.push(done.map_err(|e| CoreError::internal(format!("a part of the evaluation stopped: {e}")))??);
    }
    results.sort_by_key(|(i, _)| *i);
    let found = results.into_iter().flat_map(|(_, seqs)| seqs);
    Ok(match select {
        Select::Count => vec![found.sum()],
        Select::Seqs => found.collect(),
    })
}

/// How a part bounds the customers' seqs, from the plan of the whole query: where SQLite scans
/// the customers, a range of their seqs leads (`c.seq`); where it looks them up by the seqs of a
/// list, the lists are narrowed and the bound only filters (`+c.seq`, which keeps the planner
/// from turning the lookups into a scan of the range). Where another index leads, none: every
/// part would read that index whole.
async fn range_lead(conn: &mut SqliteConnection, sql: &str, args: &[SqlArg]) -> CoreResult<Option<&'static str>> {
    use sqlx::Row;
    let query = sqlx::query_with(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")), arguments(args)?);
    let plan: Vec<String> = query.fetch_all(&mut *conn).await?.iter().map(|r| r.get::<String, _>("detail")).collect();
    Ok(if plan.iter().any(|d| d == "SCAN c") {
        Some("c.seq")
    } else if plan.iter().any(|d| d == "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)") {
        Some("+c.seq")
    } else {
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::{ConditionTest, TestOp};
    use crate::segments::evaluate::integers;

    fn test(field: &str, op: TestOp, value: &str, window_days: Option<u32>) -> Condition {
        Condition::Test(ConditionTest { field: field.into(), op, values: vec![value.into()], window_days })
    }

    /// Over more customers than `SPLIT_FROM`, the parts together find exactly what one query
    /// finds, in the same order, whichever way the plan lets a range lead.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn parts_find_what_one_query_finds() {
        let db = crate::test_database::with_admin().await;
        let crm = &db.crm;
        crm.generate_demo_data(&db.admin, 24_000, 3).await.expect("customers");
        let today = crm.now().format("%Y-%m-%d").to_string();
        sqlx::query(
            "INSERT INTO orders (id, customer_seq, ordered_on, status, currency, amount, created_at, created_by, updated_at, updated_by)
             SELECT 'o' || seq, seq, ?1, 'paid', 'CNY', (seq * 7919) % 500000, ?1, 'admin', ?1, 'admin'
               FROM customers WHERE seq % 3 <> 0",
        )
        .bind(&today)
        .execute(&crm.db.writer)
        .await
        .expect("orders");
        let spent = test("orders.amount", TestOp::Gte, "2000", Some(365));
        let cases = [
            // A list of buyers leads: the lists are narrowed, the seq bound filters.
            (Condition::All { items: vec![spent.clone(), test("country", TestOp::Is, "中国", None)] }, "+c.seq"),
            // Nothing indexable: the customers are scanned by seq.
            (
                Condition::Any {
                    items: vec![Condition::Not { item: Box::new(spent) }, test("name", TestOp::Contains, "王", None)],
                },
                "c.seq",
            ),
        ];
        let now = crm.now();
        for (condition, expected_lead) in cases {
            crate::conditions::order_windows::prepare(&crm.db, &condition, Entity::Customer, now)
                .await
                .expect("windows");
            let mut conn = crm.db.reader.acquire().await.expect("connection");
            let windows = OrderWindows::read(&mut conn, &condition, Entity::Customer, now).await.expect("read");
            let (where_sql, args) =
                matching_sql(&condition, &Scope::All, &At { now, windows: &windows, range: None }).expect("sql");
            let whole = Select::Seqs.sql(&where_sql);
            assert_eq!(range_lead(&mut conn, &whole, &args).await.expect("plan"), Some(expected_lead), "{whole}");
            let expected = integers(&mut conn, &whole, &[], &args).await.expect("one query");
            assert!(expected.len() > 1000 && expected.len() < 23_000, "a real selection: {}", expected.len());
            let found = evaluate(&crm.db, &mut conn, &condition, &Scope::All, now, Select::Seqs).await.expect("parts");
            assert_eq!(found, expected);
            let counted =
                evaluate(&crm.db, &mut conn, &condition, &Scope::All, now, Select::Count).await.expect("count");
            assert_eq!(counted, vec![expected.len() as i64]);
        }
    }
}
