//! Conditions as SQL, and a record's facts read with the same expressions. The SQL form finds
//! the candidates among many records (a scheduled rule, a segment's count); `super::evaluate` on
//! their facts is the meaning both must agree on.

use super::catalog::{self, ConditionField, Entity};
use super::order_windows::{OrderWindows, presence_only};
use super::{
    Condition, ConditionTest, Fact, Facts, FieldKind, TestOp, aggregate_threshold, compare, date_bounds, days_of,
};
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// The fields a condition tests.
pub fn fields_of(condition: &Condition, out: &mut std::collections::HashSet<String>) {
    match condition {
        Condition::All { items } | Condition::Any { items } => items.iter().for_each(|c| fields_of(c, out)),
        Condition::Not { item } => fields_of(item, out),
        Condition::Test(t) => {
            out.insert(t.field.clone());
        }
    }
}

/// A value bound to a `?` of the compiled SQL.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlArg {
    Text(String),
    Number(f64),
}

/// A range of customer seqs, `after < seq <= upto`: an evaluation split into parts, or a page
/// that looks at the next customers only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeqRange {
    pub after: i64,
    pub upto: i64,
}

impl SeqRange {
    /// The range as a condition on `column`, to be appended to a WHERE clause.
    pub fn sql(&self, column: &str) -> String {
        format!(" AND {column} > {} AND {column} <= {}", self.after, self.upto)
    }
}

/// What a compiled condition is evaluated against: the time relative windows end at, the kept
/// order windows it may read, and, for a customer condition, the range of seqs it is asked
/// about (its lists of tagged customers or buyers are then built for that range only).
pub struct At<'a> {
    pub now: DateTime<Utc>,
    pub windows: &'a OrderWindows,
    pub range: Option<SeqRange>,
}

impl At<'_> {
    /// The range as a condition on a list's customer column, where the list is of `owner`s.
    fn narrow(&self, owner: &str, column: &str) -> String {
        match self.range {
            Some(r) if owner == "c.seq" => r.sql(column),
            _ => String::new(),
        }
    }
}

/// The arguments of a compiled condition, to run it with `sqlx::query_with` and its kin.
pub(crate) fn arguments(args: &[SqlArg]) -> CoreResult<sqlx::sqlite::SqliteArguments> {
    use sqlx::Arguments;
    let mut out = sqlx::sqlite::SqliteArguments::default();
    for a in args {
        match a {
            SqlArg::Text(s) => out.add(s.clone()),
            SqlArg::Number(n) => out.add(*n),
        }
        .map_err(|e| CoreError::internal(format!("a condition's value could not be bound: {e}")))?;
    }
    Ok(out)
}

/// The condition as a boolean SQL expression over `entity.rows_sql()`, with its arguments in
/// order of their `?`.
pub fn compile(condition: &Condition, entity: Entity, now: DateTime<Utc>) -> CoreResult<(String, Vec<SqlArg>)> {
    compile_at(condition, entity, &At { now, windows: &OrderWindows::none(), range: None })
}

/// `compile` reading kept order windows, for a range of customers.
pub fn compile_at(condition: &Condition, entity: Entity, at: &At) -> CoreResult<(String, Vec<SqlArg>)> {
    let mut args = Vec::new();
    let sql = compile_into(condition, entity, at, &mut args)?;
    Ok((sql, args))
}

fn compile_into(c: &Condition, entity: Entity, at: &At, args: &mut Vec<SqlArg>) -> CoreResult<String> {
    Ok(match c {
        Condition::All { items } if items.is_empty() => "1".into(),
        Condition::Any { items } if items.is_empty() => "0".into(),
        Condition::All { items } | Condition::Any { items } => {
            let joiner = if matches!(c, Condition::All { .. }) { " AND " } else { " OR " };
            let parts = items.iter().map(|i| compile_into(i, entity, at, args)).collect::<CoreResult<Vec<_>>>()?;
            format!("({})", parts.join(joiner))
        }
        Condition::Not { item } => format!("NOT {}", compile_into(item, entity, at, args)?),
        Condition::Test(t) => {
            let field = catalog::field(entity, &t.field)
                .ok_or_else(|| CoreError::invalid(format!("a {} has no field '{}'", entity.key(), t.field)))?;
            test_sql(t, &field, at, args)?
        }
    })
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn texts(values: &[String]) -> Vec<String> {
    values.iter().map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty()).collect()
}

/// One test. Every branch is false (never NULL) where the in-memory test is false, so NOT of it
/// is exact.
fn test_sql(t: &ConditionTest, field: &ConditionField, at: &At, args: &mut Vec<SqlArg>) -> CoreResult<String> {
    let now = at.now;
    let e = &field.sql;
    let empty = format!("({e} IS NULL OR trim({e}) = '')");
    if field.kind == FieldKind::Date
        && let Some(day) = catalog::clean_date(e)
    {
        return clean_date_sql(t, e, day, now, args);
    }
    Ok(match field.kind {
        FieldKind::Aggregate => aggregate_sql(t, e, at, args),
        FieldKind::Membership => {
            let ids: Vec<String> = t.values.iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
            let n = ids.len();
            args.extend(ids.into_iter().map(SqlArg::Text));
            let inside = format!(
                "{e} IN (SELECT m.customer_seq FROM segment_members m JOIN segments g ON g.seq = m.segment_seq
                 WHERE g.deleted_at IS NULL AND g.id IN ({}){})",
                placeholders(n),
                at.narrow(e, "m.customer_seq")
            );
            match t.op {
                TestOp::HasAny => inside,
                TestOp::HasNone => format!("NOT {inside}"),
                _ => "0".into(),
            }
        }
        FieldKind::Tags => {
            let mut names = texts(&t.values);
            names.sort();
            names.dedup();
            let n = names.len();
            args.extend(names.iter().cloned().map(SqlArg::Text));
            // One uncorrelated list of the customers with the tags, built once per statement (a
            // per-row subquery cost a second over a million customers).
            let tagged = format!(
                "SELECT ct.customer_seq FROM customer_tags ct JOIN tags g ON g.seq = ct.tag_seq
                 WHERE g.deleted_at IS NULL AND lower(trim(g.name)) IN ({}){}",
                placeholders(n),
                at.narrow(e, "ct.customer_seq")
            );
            match t.op {
                TestOp::HasAny => format!("({e} IS NOT NULL AND {e} IN ({tagged}))"),
                TestOp::HasAll => format!(
                    "({e} IS NOT NULL AND {e} IN ({tagged} GROUP BY ct.customer_seq
                       HAVING count(DISTINCT lower(trim(g.name))) = {n}))"
                ),
                TestOp::HasNone => format!("({e} IS NULL OR {e} NOT IN ({tagged}))"),
                _ => "0".into(),
            }
        }
        FieldKind::Choice if catalog::clean_choice(e) && matches!(t.op, TestOp::Is | TestOp::IsNot) => {
            let values = texts(&t.values);
            let n = values.len();
            args.extend(values.into_iter().map(SqlArg::Text));
            if t.op == TestOp::Is {
                format!("({e} IS NOT NULL AND {e} IN ({}))", placeholders(n))
            } else {
                format!("({e} IS NULL OR {e} NOT IN ({}))", placeholders(n))
            }
        }
        _ if t.op == TestOp::IsEmpty => empty,
        _ if t.op == TestOp::IsNotEmpty => format!("NOT {empty}"),
        FieldKind::Number => {
            let nums: Vec<f64> = t.values.iter().filter_map(|v| v.trim().parse().ok()).collect();
            let op = match t.op {
                TestOp::Is | TestOp::IsNot => {
                    let n = nums.len();
                    args.extend(nums.into_iter().map(SqlArg::Number));
                    let inside = format!("coalesce({e} IN ({}), 0)", placeholders(n));
                    return Ok(if t.op == TestOp::Is { inside } else { format!("NOT {inside}") });
                }
                TestOp::Gt => ">",
                TestOp::Gte => ">=",
                TestOp::Lt => "<",
                TestOp::Lte => "<=",
                _ => return Ok("0".into()),
            };
            let Some(first) = nums.first() else { return Ok("0".into()) };
            args.push(SqlArg::Number(*first));
            format!("coalesce({e} {op} ?, 0)")
        }
        FieldKind::Date => {
            let present = format!("NOT {empty}");
            match t.op {
                TestOp::Gt | TestOp::Lt => {
                    let Some(v) = t.values.first() else { return Ok("0".into()) };
                    args.push(SqlArg::Text(v.trim().to_string()));
                    format!("({present} AND trim({e}) {} ?)", if t.op == TestOp::Gt { ">" } else { "<" })
                }
                op => {
                    let days = days_of(t)?;
                    // A day field compares with days, a time field with times (see date_bounds).
                    let day_bounds = date_bounds(op, days, now, true);
                    let time_bounds = date_bounds(op, days, now, false);
                    let side = |(lo, hi): (Option<String>, Option<String>), args: &mut Vec<SqlArg>| {
                        let mut parts = Vec::new();
                        if op == TestOp::OlderThanDays {
                            parts.push(format!("trim({e}) < ?"));
                            args.push(SqlArg::Text(hi.unwrap_or_default()));
                        } else {
                            parts.push(format!("trim({e}) >= ?"));
                            args.push(SqlArg::Text(lo.unwrap_or_default()));
                            parts.push(format!("trim({e}) <= ?"));
                            args.push(SqlArg::Text(hi.unwrap_or_default()));
                        }
                        parts.join(" AND ")
                    };
                    let day = side(day_bounds, args);
                    let time = side(time_bounds, args);
                    format!(
                        "({present} AND CASE WHEN length(trim({e})) = 10 THEN coalesce({day}, 0) ELSE coalesce({time}, 0) END)"
                    )
                }
            }
        }
        FieldKind::Text | FieldKind::Choice => {
            let values = texts(&t.values);
            let n = values.len();
            match t.op {
                TestOp::Is | TestOp::IsNot => {
                    args.extend(values.into_iter().map(SqlArg::Text));
                    let inside = format!("coalesce(lower(trim({e})) IN ({}), 0)", placeholders(n));
                    if t.op == TestOp::Is { inside } else { format!("NOT {inside}") }
                }
                TestOp::Contains => {
                    let parts: Vec<String> = values
                        .into_iter()
                        .map(|v| {
                            args.push(SqlArg::Text(v));
                            format!("instr(lower(trim({e})), ?) > 0")
                        })
                        .collect();
                    if parts.is_empty() { "0".into() } else { format!("coalesce(({}), 0)", parts.join(" OR ")) }
                }
                _ => "0".into(),
            }
        }
    })
}

/// The orders a condition counts: paid or completed, not pending, cancelled or refunded.
pub(crate) const COUNTED_ORDERS: &str = "status IN ('paid', 'completed')";

/// An aggregate test as one uncorrelated subquery SQLite runs once: the customers whose orders in
/// the window pass (or, where a customer without orders passes too, those whose orders fail).
fn aggregate_sql(t: &ConditionTest, owner: &str, at: &At, args: &mut Vec<SqlArg>) -> String {
    let Some(threshold) = aggregate_threshold(t) else { return "0".into() };
    let amount = catalog::measure_of(&t.field) == Some(catalog::Measure::Amount);
    let (op, fails) = match t.op {
        TestOp::Gte => (">=", "<"),
        TestOp::Gt => (">", "<="),
        TestOp::Lte => ("<=", ">"),
        TestOp::Lt => ("<", ">="),
        TestOp::Is => ("=", "<>"),
        _ => return "0".into(),
    };
    if owner == "c.seq" && !amount && presence_only(t) {
        return presence_sql(t, compare(t.op, 1, threshold), at.now, args);
    }
    // A customer without orders in the window has no row of totals: where the test holds for
    // nothing bought, the customers it holds for are those without a failing row.
    let holds_for_none = compare(t.op, 0, threshold);
    let (list, cmp) = if holds_for_none { ("NOT IN", fails) } else { ("IN", op) };
    if let Some(window) = at.windows.seq_for(t, at.now) {
        let column = if amount { "amount" } else { "orders" };
        args.push(SqlArg::Number(threshold as f64));
        return format!(
            "{owner} {list} (SELECT customer_seq FROM order_window_totals WHERE window_seq = {window}
               AND {column} {cmp} ?{})",
            at.narrow(owner, "customer_seq")
        );
    }
    let measure = if amount { "sum(amount)" } else { "count(*)" };
    let mut window = String::new();
    if let Some(d) = t.window_days {
        let (lo, hi) = date_bounds(TestOp::WithinLastDays, i64::from(d), at.now, true);
        window = " AND ordered_on >= ? AND ordered_on <= ?".into();
        args.push(SqlArg::Text(lo.unwrap_or_default()));
        args.push(SqlArg::Text(hi.unwrap_or_default()));
    }
    args.push(SqlArg::Number(threshold as f64));
    // Over a short window the date index finds the few orders; over a long one (or all time)
    // reading the per-customer index in order groups without sorting a million rows first.
    let index = if t.window_days.is_some_and(|d| d <= 31) { "orders_counted" } else { "orders_counted_customer" };
    format!(
        "{owner} {list} (SELECT customer_seq FROM orders INDEXED BY {index} WHERE {COUNTED_ORDERS}{window}{}
           GROUP BY customer_seq HAVING {measure} {cmp} ?)",
        at.narrow(owner, "customer_seq")
    )
}

/// A count test that only asks whether the customer bought in the window at all ("no purchase
/// in 180 days", "bought in the last 7 days"), answered from `customers.last_order_on` (the last
/// counted order's day, kept by triggers) instead of grouping every order in the window. Only a
/// customer whose last order lies after the window (dated in the future) has their orders read.
fn presence_sql(t: &ConditionTest, present: bool, now: DateTime<Utc>, args: &mut Vec<SqlArg>) -> String {
    let bought = match t.window_days {
        None => "c.last_order_on IS NOT NULL".to_string(),
        Some(d) => {
            let (lo, hi) = date_bounds(TestOp::WithinLastDays, i64::from(d), now, true);
            let (lo, hi) = (lo.unwrap_or_default(), hi.unwrap_or_default());
            args.extend([lo.clone(), hi.clone(), lo, hi].map(SqlArg::Text));
            format!(
                // Never NULL (so it can stand under a NOT), and a plain range on the column so the
                // partial index on it can find a short window's buyers.
                "c.last_order_on IS NOT NULL AND c.last_order_on >= ? AND (c.last_order_on <= ? OR EXISTS (
                    SELECT 1 FROM orders INDEXED BY orders_counted_customer WHERE customer_seq = c.seq
                       AND {COUNTED_ORDERS} AND ordered_on >= ? AND ordered_on <= ?))"
            )
        }
    };
    if present { format!("({bought})") } else { format!("NOT ({bought})") }
}

/// A date test on a clean column: plain comparisons, so an index on the column can find the rows.
/// False (not NULL) for an empty value, like the general form.
fn clean_date_sql(
    t: &ConditionTest,
    e: &str,
    day: bool,
    now: DateTime<Utc>,
    args: &mut Vec<SqlArg>,
) -> CoreResult<String> {
    Ok(match t.op {
        TestOp::IsEmpty => format!("({e} IS NULL OR {e} = '')"),
        TestOp::IsNotEmpty => format!("({e} IS NOT NULL AND {e} <> '')"),
        TestOp::Gt | TestOp::Lt => {
            let Some(v) = t.values.first() else { return Ok("0".into()) };
            args.push(SqlArg::Text(v.trim().to_string()));
            format!("({e} IS NOT NULL AND {e} {} ?)", if t.op == TestOp::Gt { ">" } else { "<" })
        }
        op => {
            let (lo, hi) = date_bounds(op, days_of(t)?, now, day);
            if op == TestOp::OlderThanDays {
                args.push(SqlArg::Text(hi.unwrap_or_default()));
                format!("({e} IS NOT NULL AND {e} <> '' AND {e} < ?)")
            } else {
                args.push(SqlArg::Text(lo.unwrap_or_default()));
                args.push(SqlArg::Text(hi.unwrap_or_default()));
                format!("({e} IS NOT NULL AND {e} >= ? AND {e} <= ?)")
            }
        }
    })
}

/// A record with the values its conditions test.
#[derive(Debug, Clone)]
pub struct RecordFacts {
    pub id: String,
    pub label: String,
    pub updated_at: String,
    pub facts: Facts,
}

/// Reads the facts of the records of `entity` for which `where_sql` (over `rows_sql()`, with
/// `args`) holds, at most `limit`: every field, or only those named in `only` (a run over many
/// records reads what its condition and actions use). Tags are read in one more query.
pub(crate) async fn load_facts(
    conn: &mut SqliteConnection,
    entity: Entity,
    where_sql: &str,
    args: &[SqlArg],
    limit: i64,
    only: Option<&std::collections::HashSet<String>>,
) -> CoreResult<Vec<RecordFacts>> {
    let mut fields = catalog::fields(entity);
    if let Some(only) = only {
        fields.retain(|f| only.contains(&f.key));
        // Custom dimensions are not in the catalog's list; add those named.
        for key in only {
            if !fields.iter().any(|f| &f.key == key)
                && let Some(f) = catalog::field(entity, key)
            {
                fields.push(f);
            }
        }
    }
    let columns: Vec<String> = [entity.id_sql(), entity.label_sql(), entity.updated_sql()]
        .into_iter()
        .map(str::to_string)
        .chain(fields.iter().map(|f| match f.kind {
            FieldKind::Tags | FieldKind::Aggregate | FieldKind::Membership => format!("{} AS owner_of", f.sql),
            _ => format!("CAST({} AS TEXT)", f.sql),
        }))
        .collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE {} AND ({where_sql}) LIMIT {limit}",
        columns.join(", "),
        entity.rows_sql(),
        entity.live_sql(),
    );
    use sqlx::Row;
    let rows = sqlx::query_with(sqlx::AssertSqlSafe(sql), arguments(args)?).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut tag_owner: Vec<(usize, i64)> = Vec::new();
    let mut owners: Vec<(usize, i64)> = Vec::new();
    for row in rows {
        let mut facts = Facts::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            let col = i + 3;
            let fact = match f.kind {
                FieldKind::Aggregate | FieldKind::Membership => {
                    if let Some(seq) = row.try_get::<Option<i64>, _>(col)? {
                        owners.push((out.len(), seq));
                    }
                    if f.kind == FieldKind::Aggregate { Fact::Orders(Vec::new()) } else { Fact::Set(Vec::new()) }
                }
                FieldKind::Tags => {
                    if let Some(seq) = row.try_get::<Option<i64>, _>(col)? {
                        tag_owner.push((out.len(), seq));
                    }
                    Fact::Tags(Vec::new())
                }
                FieldKind::Number => {
                    Fact::Number(row.try_get::<Option<String>, _>(col)?.and_then(|s| s.parse::<f64>().ok()))
                }
                FieldKind::Date => Fact::Date(row.try_get(col)?),
                FieldKind::Text | FieldKind::Choice => Fact::Text(row.try_get(col)?),
            };
            facts.insert(f.key.clone(), fact);
        }
        out.push(RecordFacts {
            id: row.try_get(0)?,
            label: row.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
            updated_at: row.try_get(2)?,
            facts,
        });
    }
    if let Some(tags_key) = fields.iter().find(|f| f.kind == FieldKind::Tags).map(|f| f.key.clone()) {
        let tags = tags_of(conn, tag_owner.iter().map(|(_, s)| *s)).await?;
        for (i, seq) in tag_owner {
            if let Some(t) = tags.get(&seq) {
                out[i].facts.insert(tags_key.clone(), Fact::Tags(t.clone()));
            }
        }
    }
    owners.dedup();
    let aggregate_keys: Vec<String> =
        fields.iter().filter(|f| f.kind == FieldKind::Aggregate).map(|f| f.key.clone()).collect();
    if !aggregate_keys.is_empty() {
        let orders = grouped_by_owner(
            conn,
            owners.iter().map(|(_, s)| *s),
            &format!("SELECT customer_seq, ordered_on, amount FROM orders WHERE {COUNTED_ORDERS} AND customer_seq IN"),
        )
        .await?;
        for (i, seq) in &owners {
            for key in &aggregate_keys {
                let list =
                    orders.get(seq).map(|o| o.iter().map(|(d, a)| (d.clone(), *a)).collect()).unwrap_or_default();
                out[*i].facts.insert(key.clone(), Fact::Orders(list));
            }
        }
    }
    if let Some(key) = fields.iter().find(|f| f.kind == FieldKind::Membership).map(|f| f.key.clone()) {
        let members = grouped_by_owner(
            conn,
            owners.iter().map(|(_, s)| *s),
            "SELECT m.customer_seq, g.id, 0 FROM segment_members m JOIN segments g ON g.seq = m.segment_seq
             WHERE g.deleted_at IS NULL AND m.customer_seq IN",
        )
        .await?;
        for (i, seq) in &owners {
            let ids = members.get(seq).map(|m| m.iter().map(|(id, _)| id.clone()).collect()).unwrap_or_default();
            out[*i].facts.insert(key.clone(), Fact::Set(ids));
        }
    }
    Ok(out)
}

/// Rows `(owner seq, text, number)` of `select_in` (a query ending in `IN`) for the owners, by
/// owner, read in chunks.
async fn grouped_by_owner(
    conn: &mut SqliteConnection,
    seqs: impl Iterator<Item = i64>,
    select_in: &str,
) -> CoreResult<HashMap<i64, Vec<(String, i64)>>> {
    let mut seqs: Vec<i64> = seqs.collect();
    seqs.sort_unstable();
    seqs.dedup();
    let mut out: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
    for chunk in seqs.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows: Vec<(i64, String, i64)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{select_in} ({list})"))).fetch_all(&mut *conn).await?;
        for (seq, text, n) in rows {
            out.entry(seq).or_default().push((text, n));
        }
    }
    Ok(out)
}

/// The tag names of customers, by customer seq, read in chunks.
async fn tags_of(
    conn: &mut SqliteConnection,
    seqs: impl Iterator<Item = i64>,
) -> CoreResult<HashMap<i64, Vec<String>>> {
    let seqs: Vec<i64> = seqs.collect();
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in seqs.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT ct.customer_seq, g.name FROM customer_tags ct JOIN tags g ON g.seq = ct.tag_seq
             WHERE g.deleted_at IS NULL AND ct.customer_seq IN ({list})"
        )))
        .fetch_all(&mut *conn)
        .await?;
        for (seq, name) in rows {
            out.entry(seq).or_default().push(name);
        }
    }
    Ok(out)
}

/// The facts of one record, or none if it does not exist (or was deleted).
pub(crate) async fn facts_of(conn: &mut SqliteConnection, entity: Entity, id: &str) -> CoreResult<Option<RecordFacts>> {
    let where_sql = format!("{} = ?", entity.id_sql());
    Ok(load_facts(conn, entity, &where_sql, &[SqlArg::Text(id.to_string())], 1, None).await?.into_iter().next())
}
