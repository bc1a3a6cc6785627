//! Recomputing every live customer's RFM in one write: one grouped read over the counted
//! orders' covering index, the scores in memory, one bulk insert and one UPDATE of the tiers that
//! changed. Reading the results is scoped like every customer read.

use super::settings;
use super::{CustomerRfm, RfmCount, RfmSummary, ValueLevel, quintile_scores};
use crate::access::Scope;
use crate::bulk::{Arg, insert_rows};
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use chrono::NaiveDate;
use sqlx::SqliteConnection;

/// One customer's purchases as of the day: (seq, last counted order on or before it, counted
/// orders in the window, their total).
type Purchases = (i64, Option<String>, i64, i64);

async fn purchases(conn: &mut SqliteConnection, as_of: NaiveDate, window_days: u32) -> CoreResult<Vec<Purchases>> {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let from = as_of - chrono::Duration::days(i64::from(window_days));
    Ok(sqlx::query_as(
        "SELECT c.seq, max(o.ordered_on),
                count(o.ordered_on) FILTER (WHERE o.ordered_on > ?2),
                coalesce(sum(o.amount) FILTER (WHERE o.ordered_on > ?2), 0)
         FROM customers c
         LEFT JOIN orders o INDEXED BY orders_counted_customer
           ON o.customer_seq = c.seq AND o.status IN ('paid', 'completed') AND o.ordered_on <= ?1
         WHERE c.deleted_at IS NULL
         GROUP BY c.seq",
    )
    .bind(day(as_of))
    .bind(day(from))
    .fetch_all(&mut *conn)
    .await?)
}

/// A customer's row of `customer_rfm` before its tier: (seq, recency, frequency, monetary, R F M).
type Assessed = (i64, Option<i64>, i64, i64, [u8; 3]);

/// The rows of `customer_rfm` for the customers' purchases.
fn assess(rows: &[Purchases], as_of: NaiveDate) -> Vec<Assessed> {
    let recency: Vec<Option<i64>> = rows
        .iter()
        .map(|(_, last, _, _)| {
            last.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).map(|d| (as_of - d).num_days())
        })
        .collect();
    // Better is greater: a recent purchase beats an old one, which beats none.
    let r = quintile_scores(&recency.iter().map(|d| d.map_or(i64::MIN, |d| -d)).collect::<Vec<_>>());
    let f = quintile_scores(&rows.iter().map(|p| p.2).collect::<Vec<_>>());
    let m = quintile_scores(&rows.iter().map(|p| p.3).collect::<Vec<_>>());
    rows.iter().enumerate().map(|(i, p)| (p.0, recency[i], p.2, p.3, [r[i], f[i], m[i]])).collect()
}

async fn counts(conn: &mut SqliteConnection, column: &str, scope: &Scope) -> CoreResult<Vec<(String, i64)>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT r.{column}, count(*) FROM customer_rfm r JOIN customers c ON c.seq = r.customer_seq
         WHERE c.deleted_at IS NULL{} GROUP BY r.{column}",
        scope.sql_condition("c.territory")
    )))
    .fetch_all(&mut *conn)
    .await?)
}

async fn summary(conn: &mut SqliteConnection, scope: &Scope) -> CoreResult<RfmSummary> {
    let s = settings::load(conn).await?;
    let by_tier = counts(conn, "tier", scope).await?;
    let by_level = counts(conn, "value_level", scope).await?;
    let cells: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT r.r, r.f, count(*) FROM customer_rfm r JOIN customers c ON c.seq = r.customer_seq
         WHERE c.deleted_at IS NULL{} GROUP BY r.r, r.f",
        scope.sql_condition("c.territory")
    )))
    .fetch_all(&mut *conn)
    .await?;
    let mut grid = vec![vec![0i64; 5]; 5];
    for (r, f, n) in cells {
        if (1..=5).contains(&r) && (1..=5).contains(&f) {
            grid[r as usize - 1][f as usize - 1] = n;
        }
    }
    let count_of = |list: &[(String, i64)], key: &str| list.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n);
    Ok(RfmSummary {
        customers: by_level.iter().map(|(_, n)| n).sum(),
        tiers: s
            .tiers
            .iter()
            .map(|t| RfmCount { key: t.tier.clone(), customers: count_of(&by_tier, &t.tier) })
            .collect(),
        levels: ValueLevel::ALL
            .iter()
            .map(|l| RfmCount { key: l.key().to_string(), customers: count_of(&by_level, l.key()) })
            .collect(),
        grid,
        as_of: s.last_as_of,
        window_days: s.window_days,
        computed_at: s.last_run_at,
        changed_tiers: None,
    })
}

#[derive(sqlx::FromRow)]
struct RfmRow {
    id: String,
    external_id: Option<String>,
    name: String,
    recency_days: Option<i64>,
    frequency: i64,
    monetary: i64,
    r: i64,
    f: i64,
    m: i64,
    tier: String,
    value_level: String,
}

impl RfmRow {
    fn into_rfm(self) -> CustomerRfm {
        CustomerRfm {
            customer_id: self.id,
            external_id: self.external_id,
            name: self.name,
            recency_days: self.recency_days,
            frequency: self.frequency,
            monetary: self.monetary,
            r: self.r as u8,
            f: self.f as u8,
            m: self.m as u8,
            tier: self.tier,
            value_level: ValueLevel::from_key(&self.value_level).unwrap_or(ValueLevel::Low),
        }
    }
}

const RFM_SELECT: &str = "SELECT c.id, c.external_id, c.name, r.recency_days, r.frequency, r.monetary, r.r, r.f, r.m,
        r.tier, r.value_level
    FROM customer_rfm r JOIN customers c ON c.seq = r.customer_seq WHERE c.deleted_at IS NULL";

impl Crm {
    /// Recomputes every live customer's RFM as of a day (default today) over a window (default
    /// the settings'), and writes their tiers when the settings say so. Managers and
    /// administrators: the quintiles are the whole company's.
    pub async fn recompute_rfm(
        &self,
        actor: &Actor,
        as_of: Option<NaiveDate>,
        window_days: Option<u32>,
    ) -> CoreResult<RfmSummary> {
        let access = self.manager_access(actor, "rfm.recompute").await?;
        if window_days.is_some_and(|d| !(1..=3650).contains(&d)) {
            return Err(CoreError::invalid("the window is between 1 and 3650 days"));
        }
        let changed = self.run_rfm(as_of.unwrap_or_else(|| self.now().date_naive()), window_days).await?;
        let mut conn = self.db.reader.acquire().await?;
        Ok(RfmSummary { changed_tiers: Some(changed), ..summary(&mut conn, &access.scope).await? })
    }

    /// The scheduled recompute, when the settings' interval has passed since the last one. It
    /// takes over only after a first recompute on demand, so tiers entered by hand are never
    /// overwritten by an assessment nobody asked for. Returns whether it ran.
    pub async fn recompute_rfm_if_due(&self) -> CoreResult<bool> {
        let s = {
            let mut conn = self.db.reader.acquire().await?;
            settings::load(&mut conn).await?
        };
        let (Some(every), Some(last)) = (s.every_days, s.last_run_at.as_deref()) else { return Ok(false) };
        if crate::clock::from_db(last) + chrono::Duration::days(i64::from(every)) > self.now() {
            return Ok(false);
        }
        let changed = self.run_rfm(self.now().date_naive(), None).await?;
        tracing::info!(changed, "scheduled RFM recompute ran");
        Ok(true)
    }

    /// One write: the assessment of every live customer and (if set) their tiers; returns how
    /// many tiers changed.
    async fn run_rfm(&self, as_of: NaiveDate, window_days: Option<u32>) -> CoreResult<i64> {
        let now = crate::clock::to_db(self.now());
        let mut tx = self.db.begin_write().await?;
        let mut s = settings::load(&mut tx).await?;
        let window = window_days.unwrap_or(s.window_days);
        let rows = purchases(&mut tx, as_of, window).await?;
        let assessed = assess(&rows, as_of);
        sqlx::query("DELETE FROM customer_rfm").execute(&mut *tx).await?;
        for chunk in assessed.chunks(10_000) {
            let values: Vec<Vec<Arg>> = chunk
                .iter()
                .map(|(seq, recency, freq, mon, [r, f, m])| {
                    let total = r + f + m;
                    vec![
                        Arg::Int(*seq),
                        recency.map_or(Arg::Null, Arg::Int),
                        Arg::Int(*freq),
                        Arg::Int(*mon),
                        Arg::Int(i64::from(*r)),
                        Arg::Int(i64::from(*f)),
                        Arg::Int(i64::from(*m)),
                        Arg::from(s.tier_of(total).to_string()),
                        Arg::from(s.level_of(total).key()),
                    ]
                })
                .collect();
            insert_rows(
                &mut tx,
                "INSERT INTO customer_rfm (customer_seq, recency_days, frequency, monetary, r, f, m, tier, value_level) VALUES ",
                9,
                &values,
            )
            .await?;
        }
        let changed = if s.write_tier {
            sqlx::query(
                "UPDATE customers SET tier = r.tier FROM customer_rfm r
                 WHERE r.customer_seq = customers.seq AND customers.tier IS NOT r.tier",
            )
            .execute(&mut *tx)
            .await?
            .rows_affected() as i64
        } else {
            0
        };
        s.last_run_at = Some(now);
        s.last_as_of = Some(as_of.format("%Y-%m-%d").to_string());
        s.window_days = window;
        settings::store(&mut tx, &s).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// The last assessment's tiers, levels and R×F grid over the customers the reader may see.
    pub async fn rfm_summary(&self, actor: &Actor) -> CoreResult<RfmSummary> {
        let scope = self.access(actor).await?.scope;
        let mut conn = self.db.reader.acquire().await?;
        summary(&mut conn, &scope).await
    }

    /// A customer's last assessment (none before the first recompute or for a customer added since).
    pub async fn customer_rfm(&self, actor: &Actor, customer_id: &str) -> CoreResult<Option<CustomerRfm>> {
        self.customer_access(actor, customer_id, "rfm.read").await?;
        let row: Option<RfmRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{RFM_SELECT} AND c.id = ?1")))
            .bind(customer_id)
            .fetch_optional(&self.db.reader)
            .await?;
        Ok(row.map(RfmRow::into_rfm))
    }

    /// Every assessed customer the reader may see, in the order they were created (`crm rfm`).
    pub async fn rfm_rows(&self, actor: &Actor) -> CoreResult<Vec<CustomerRfm>> {
        let scope = self.access(actor).await?.scope;
        let rows: Vec<RfmRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{RFM_SELECT}{} ORDER BY c.seq",
            scope.sql_condition("c.territory")
        )))
        .fetch_all(&self.db.reader)
        .await?;
        Ok(rows.into_iter().map(RfmRow::into_rfm).collect())
    }
}
