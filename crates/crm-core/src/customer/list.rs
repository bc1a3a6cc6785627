//! The customer list: filters on any dimension, sorts on indexed ones, keyset paging.
//!
//! A page never uses OFFSET: the cursor holds the last row's sort value and seq, and the next
//! page starts right after it in the sort index, so page 10,000 costs what page 1 costs. A sort on
//! a dimension that may be empty runs in two phases: the customers with a value in order, then
//! those without one (by seq), so empties come last in both directions and each phase is still an
//! index range.
//!
//! With a filter, the first page decides how pages are found (and the cursor keeps the decision):
//! a filter that matches few customers is found through its own index and sorted; one that matches
//! many is checked row by row while walking the sort index, which reaches a page of matches
//! quickly. SQLite's planner cannot tell the two apart for tag or multi-select filters (subqueries)
//! and misjudges common values, so the core counts, bounded, and tells it.

use super::model::{Choice, CustomValue, Kind, Lifecycle, Size};
use crate::access::Scope;
use crate::classification::fields::{FieldCatalog, FieldType, custom_index_name, custom_value_sql};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use base64::Engine;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum FieldFilter {
    /// The value is one of these (for a multi-select: holds any of these).
    #[serde(rename_all = "camelCase")]
    OneOf { key: String, values: Vec<String> },
    /// The text contains this (case-insensitive for Latin letters).
    #[serde(rename_all = "camelCase")]
    Contains { key: String, text: String },
    /// A number between the bounds (inclusive; a missing bound is open).
    #[serde(rename_all = "camelCase")]
    Range { key: String, min: Option<f64>, max: Option<f64> },
    /// A date (`YYYY-MM-DD`) between the bounds, inclusive.
    #[serde(rename_all = "camelCase")]
    DateRange { key: String, from: Option<String>, to: Option<String> },
    /// No value.
    #[serde(rename_all = "camelCase")]
    Empty { key: String },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerFilter {
    #[serde(default)]
    pub fields: Vec<FieldFilter>,
    /// Customers carrying any of these tags.
    #[serde(default)]
    pub tag_ids: Vec<String>,
    /// The trash (deleted customers) instead of the live list.
    #[serde(default)]
    pub trash: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SortSpec {
    /// `name`, `created`, `updated`, an indexed built-in dimension or a custom dimension's key.
    pub key: String,
    #[serde(default)]
    pub desc: bool,
}

impl Default for SortSpec {
    fn default() -> Self {
        SortSpec { key: "updated".into(), desc: true }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    pub filter: CustomerFilter,
    #[serde(default)]
    pub sort: SortSpec,
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One line of the customer list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerListRow {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub lifecycle: Lifecycle,
    pub tier: Option<String>,
    pub industry: Option<String>,
    pub size: Option<Size>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub company: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub tag_ids: Vec<String>,
    pub custom: BTreeMap<String, CustomValue>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerPage {
    pub rows: Vec<CustomerListRow>,
    pub next_cursor: Option<String>,
}

/// Built-in columns a filter may name.
const FILTER_COLUMNS: &[&str] = &[
    "name",
    "external_id",
    "kind",
    "lifecycle",
    "tier",
    "industry",
    "size",
    "source",
    "owner",
    "country",
    "province",
    "city",
    "address",
    "company",
    "website",
];
/// Built-in columns with a sort index.
const SORT_COLUMNS: &[&str] = &["tier", "owner", "province", "city"];

/// How a sort key reads in SQL.
struct SortExpr {
    sql: String,
    nullable: bool,
    /// The live list's index in this order (None: the table's own seq order).
    index: Option<String>,
    /// Where the cursor value comes from in a loaded row.
    source: SortSource,
}

enum SortSource {
    Seq,
    NameSort,
    Updated,
    Column(String),
    Custom(String),
}

fn sort_expr(key: &str, catalog: &FieldCatalog) -> CoreResult<SortExpr> {
    let expr = |sql: String, nullable: bool, index: Option<String>, source| SortExpr { sql, nullable, index, source };
    Ok(match key {
        "created" => expr("seq".into(), false, None, SortSource::Seq),
        "name" => expr("name_sort".into(), false, Some("customers_name_sort".into()), SortSource::NameSort),
        "updated" => expr("updated_at".into(), false, Some("customers_updated".into()), SortSource::Updated),
        k if SORT_COLUMNS.contains(&k) => {
            expr(k.to_string(), true, Some(format!("customers_{k}")), SortSource::Column(k.into()))
        }
        k => match catalog.get(k) {
            Some(f) if !f.builtin && f.field_type != FieldType::MultiSelect => {
                expr(custom_value_sql(k), true, Some(custom_index_name(k)), SortSource::Custom(k.to_string()))
            }
            _ => return Err(CoreError::invalid(format!("the list cannot be sorted by '{k}'"))),
        },
    })
}

/// The SQL of a filter's subject: a built-in column or a custom dimension's value.
enum Subject {
    Column(&'static str),
    Custom { expr: String, field_id: String, field_type: FieldType },
}

fn subject(key: &str, catalog: &FieldCatalog) -> CoreResult<Subject> {
    if let Some(col) = FILTER_COLUMNS.iter().find(|c| **c == key) {
        return Ok(Subject::Column(col));
    }
    match key {
        "created" => return Ok(Subject::Column("created_at")),
        "updated" => return Ok(Subject::Column("updated_at")),
        _ => {}
    }
    match catalog.get(key).filter(|f| !f.builtin) {
        Some(f) => {
            Ok(Subject::Custom { expr: custom_value_sql(key), field_id: f.id.clone(), field_type: f.field_type })
        }
        None => Err(CoreError::invalid(format!("the list cannot be filtered by '{key}'"))),
    }
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The day after a `YYYY-MM-DD` date, for an inclusive upper bound on timestamps.
fn day_after(date: &str) -> CoreResult<String> {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| CoreError::invalid(format!("'{date}' is not a date like 2025-03-31")))?;
    Ok((d + chrono::Days::new(1)).format("%Y-%m-%d").to_string())
}

/// How a page is found; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Drive {
    /// Walk the sort index and check each row (the filter matches many customers).
    #[serde(rename = "s")]
    SortIndex,
    /// Find the filter's rows by their own index, then sort them (the filter matches few).
    #[serde(rename = "f")]
    Filter,
    /// Find the rows of the user's territories by the territory index, then sort them (the user
    /// sees few customers, fewer than any condition of the filter matches).
    #[serde(rename = "t")]
    Scope,
}

impl Drive {
    /// The scope's column as the page query names it: only the territory drive may use the
    /// territory index. SQLite's statistics cannot tell a territory of ten customers from one of
    /// a hundred thousand (they change whenever territories do), and a wrong guess walks a
    /// whole territory for a page; `+territory` keeps the condition out of index choice.
    fn scope_column(self) -> &'static str {
        match self {
            Drive::Scope => "territory",
            Drive::Filter | Drive::SortIndex => "+territory",
        }
    }
}

/// Appends the filter's conditions (the caller has already pushed a WHERE). Tag and multi-select
/// conditions are subqueries SQLite can start from when driving by the filter, and per-row
/// probes when walking the sort index.
fn push_filter(
    qb: &mut QueryBuilder<Sqlite>,
    filter: &CustomerFilter,
    catalog: &FieldCatalog,
    drive: Drive,
) -> CoreResult<()> {
    qb.push(if filter.trash { " deleted_at IS NOT NULL" } else { " deleted_at IS NULL" });
    for f in &filter.fields {
        match f {
            FieldFilter::OneOf { key, values } => {
                if values.is_empty() {
                    continue;
                }
                match subject(key, catalog)? {
                    Subject::Custom { field_id, field_type: FieldType::MultiSelect, .. } => {
                        qb.push(match drive {
                            Drive::Filter => " AND seq IN (SELECT customer_seq FROM customer_multi_values WHERE field_id = ",
                            Drive::SortIndex | Drive::Scope => " AND EXISTS (SELECT 1 FROM customer_multi_values mv WHERE mv.customer_seq = customers.seq AND mv.field_id = ",
                        });
                        qb.push_bind(field_id);
                        qb.push(" AND value IN (");
                        push_list(qb, values);
                        qb.push("))");
                    }
                    Subject::Column(col) => {
                        qb.push(format!(" AND {col} IN ("));
                        push_list(qb, values);
                        qb.push(")");
                    }
                    Subject::Custom { expr, .. } => {
                        qb.push(format!(" AND {expr} IN ("));
                        push_list(qb, values);
                        qb.push(")");
                    }
                }
            }
            FieldFilter::Contains { key, text } => {
                if text.trim().is_empty() {
                    continue;
                }
                let expr = match subject(key, catalog)? {
                    Subject::Column(c) => c.to_string(),
                    Subject::Custom { expr, .. } => expr,
                };
                qb.push(format!(" AND {expr} LIKE "));
                qb.push_bind(escape_like(text.trim()));
                qb.push(" ESCAPE '\\'");
            }
            FieldFilter::Range { key, min, max } => {
                let Subject::Custom { expr, field_type: FieldType::Number, .. } = subject(key, catalog)? else {
                    return Err(CoreError::invalid(format!("'{key}' is not a number dimension")));
                };
                if let Some(min) = min {
                    qb.push(format!(" AND {expr} >= "));
                    qb.push_bind(*min);
                }
                if let Some(max) = max {
                    qb.push(format!(" AND {expr} <= "));
                    qb.push_bind(*max);
                }
            }
            FieldFilter::DateRange { key, from, to } => {
                let (expr, timestamp) = match subject(key, catalog)? {
                    Subject::Column(c @ ("created_at" | "updated_at")) => (c.to_string(), true),
                    Subject::Custom { expr, field_type: FieldType::Date, .. } => (expr, false),
                    _ => {
                        return Err(CoreError::invalid(format!("'{key}' is not a date dimension")));
                    }
                };
                if let Some(from) = from.as_deref().filter(|s| !s.is_empty()) {
                    day_after(from)?; // validates
                    qb.push(format!(" AND {expr} >= "));
                    qb.push_bind(from.to_string());
                }
                if let Some(to) = to.as_deref().filter(|s| !s.is_empty()) {
                    if timestamp {
                        qb.push(format!(" AND {expr} < "));
                        qb.push_bind(day_after(to)?);
                    } else {
                        day_after(to)?;
                        qb.push(format!(" AND {expr} <= "));
                        qb.push_bind(to.to_string());
                    }
                }
            }
            FieldFilter::Empty { key } => match subject(key, catalog)? {
                Subject::Column(c) => {
                    qb.push(format!(" AND {c} IS NULL"));
                }
                Subject::Custom { field_id, field_type: FieldType::MultiSelect, .. } => {
                    qb.push(" AND seq NOT IN (SELECT customer_seq FROM customer_multi_values WHERE field_id = ");
                    qb.push_bind(field_id);
                    qb.push(")");
                }
                Subject::Custom { expr, .. } => {
                    qb.push(format!(" AND {expr} IS NULL"));
                }
            },
        }
    }
    if !filter.tag_ids.is_empty() {
        qb.push(match drive {
            Drive::Filter => " AND seq IN (SELECT ct.customer_seq FROM customer_tags ct JOIN tags t ON t.seq = ct.tag_seq WHERE t.id IN (",
            Drive::SortIndex | Drive::Scope => {
                " AND EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.customer_seq = customers.seq AND ct.tag_seq IN (SELECT seq FROM tags WHERE id IN ("
            }
        });
        push_list(qb, &filter.tag_ids);
        qb.push(match drive {
            Drive::Filter => "))",
            Drive::SortIndex | Drive::Scope => ")))",
        });
    }
    Ok(())
}

/// The filter's conditions checked row by row, for a walk in another order than the list's (an
/// export walks by seq); the caller has pushed a WHERE.
pub(crate) fn push_row_filter(
    qb: &mut QueryBuilder<Sqlite>,
    filter: &CustomerFilter,
    catalog: &FieldCatalog,
) -> CoreResult<()> {
    push_filter(qb, filter, catalog, Drive::SortIndex)
}

fn push_list(qb: &mut QueryBuilder<Sqlite>, values: &[String]) {
    let mut sep = qb.separated(", ");
    for v in values {
        sep.push_bind(v.clone());
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Cursor {
    /// "v": among rows with a sort value; "n": among rows without one.
    p: char,
    v: serde_json::Value,
    s: i64,
    d: Drive,
}

fn encode_cursor(c: &Cursor) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(c).unwrap_or_default())
}

fn decode_cursor(s: &str) -> CoreResult<Cursor> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| CoreError::invalid("the list position is invalid; reload the list"))
}

fn push_json_bind(qb: &mut QueryBuilder<Sqlite>, v: &serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_i64() => qb.push_bind(n.as_i64()),
        serde_json::Value::Number(n) => qb.push_bind(n.as_f64()),
        serde_json::Value::String(s) => qb.push_bind(s.clone()),
        _ => qb.push_bind(None::<String>),
    };
}

#[derive(FromRow)]
struct ListRow {
    seq: i64,
    id: String,
    name: String,
    name_sort: String,
    kind: String,
    lifecycle: String,
    tier: Option<String>,
    industry: Option<String>,
    size: Option<String>,
    source: Option<String>,
    owner: Option<String>,
    company: Option<String>,
    country: Option<String>,
    province: Option<String>,
    city: Option<String>,
    phones: String,
    emails: String,
    custom: String,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
}

const LIST_COLUMNS: &str = "SELECT seq, id, name, name_sort, kind, lifecycle, tier, industry, size, source, owner, company, \
     country, province, city, phones, emails, custom, created_at, updated_at, deleted_at FROM customers";

impl ListRow {
    fn sort_value(&self, source: &SortSource, custom: &BTreeMap<String, CustomValue>) -> serde_json::Value {
        use serde_json::Value;
        match source {
            SortSource::Seq => Value::from(self.seq),
            SortSource::NameSort => Value::from(self.name_sort.clone()),
            SortSource::Updated => Value::from(self.updated_at.clone()),
            SortSource::Column(c) => {
                let v = match c.as_str() {
                    "tier" => &self.tier,
                    "owner" => &self.owner,
                    "province" => &self.province,
                    _ => &self.city,
                };
                v.clone().map_or(Value::Null, Value::from)
            }
            SortSource::Custom(k) => match custom.get(k) {
                Some(CustomValue::Number(n)) => Value::from(*n),
                Some(CustomValue::Text(t)) => Value::from(t.clone()),
                _ => Value::Null,
            },
        }
    }
}

/// The number of matches below which a page is found through the filter and sorted, above which
/// the sort index is walked. Sorting M matches costs about M row reads; walking until a page of
/// 100 costs about 100·N/M; they meet at M = √(100·N). N comes from SQLite's statistics.
async fn drive_threshold(conn: &mut SqliteConnection) -> CoreResult<i64> {
    let stat: Option<String> = sqlx::query_scalar("SELECT stat FROM sqlite_stat1 WHERE idx = 'customers_updated'")
        .fetch_optional(&mut *conn)
        .await
        .unwrap_or(None);
    let n = stat.and_then(|s| s.split(' ').next().and_then(|n| n.parse::<f64>().ok())).unwrap_or(100_000.0);
    Ok(((100.0 * n).sqrt() as i64).clamp(100, 20_000))
}

/// How many customers one indexed condition of the filter holds, counted no further than `limit`.
async fn bounded_count(conn: &mut SqliteConnection, mut qb: QueryBuilder<Sqlite>, limit: i64) -> CoreResult<i64> {
    qb.push(" LIMIT ");
    qb.push_bind(limit);
    qb.push(")");
    Ok(qb.build_query_scalar().fetch_one(conn).await?)
}

/// Decides how the pages of a filter are found (see the module documentation).
async fn choose_drive(
    conn: &mut SqliteConnection,
    filter: &CustomerFilter,
    catalog: &FieldCatalog,
    scope: &Scope,
) -> CoreResult<Drive> {
    let limit = drive_threshold(conn).await?;
    let mut fewest: Option<i64> = None;
    let mut note = |n: i64| fewest = Some(fewest.map_or(n, |f: i64| f.min(n)));
    let in_scope = match scope {
        Scope::All => None,
        _ if filter.trash => None,
        // A user who sees few customers is served by the territory index.
        _ => {
            let qb = QueryBuilder::<Sqlite>::new(format!(
                "SELECT count(*) FROM (SELECT 1 FROM customers INDEXED BY customers_territory WHERE deleted_at IS NULL{}",
                scope.sql_condition("territory")
            ));
            Some(bounded_count(conn, qb, limit).await?)
        }
    };
    if !filter.tag_ids.is_empty() {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT count(*) FROM (SELECT 1 FROM customer_tags ct JOIN tags t ON t.seq = ct.tag_seq WHERE t.id IN (",
        );
        push_list(&mut qb, &filter.tag_ids);
        qb.push(")");
        note(bounded_count(conn, qb, limit).await?);
    }
    for f in &filter.fields {
        let FieldFilter::OneOf { key, values } = f else { continue };
        if values.is_empty() {
            continue;
        }
        let qb = match subject(key, catalog)? {
            Subject::Column(col) if SORT_COLUMNS.contains(&col) => {
                let mut qb = QueryBuilder::<Sqlite>::new(format!(
                    "SELECT count(*) FROM (SELECT 1 FROM customers INDEXED BY customers_{col} WHERE deleted_at IS NULL{} AND {col} IN (",
                    scope.sql_condition("+territory")
                ));
                push_list(&mut qb, values);
                qb.push(")");
                qb
            }
            Subject::Custom { field_id, field_type: FieldType::MultiSelect, .. } => {
                let mut qb = QueryBuilder::<Sqlite>::new(
                    "SELECT count(*) FROM (SELECT 1 FROM customer_multi_values WHERE field_id = ",
                );
                qb.push_bind(field_id);
                qb.push(" AND value IN (");
                push_list(&mut qb, values);
                qb.push(")");
                qb
            }
            Subject::Custom { expr, .. } => {
                let mut qb = QueryBuilder::<Sqlite>::new(format!(
                    "SELECT count(*) FROM (SELECT 1 FROM customers INDEXED BY {} WHERE deleted_at IS NULL AND {expr} IN (",
                    custom_index_name(key)
                ));
                push_list(&mut qb, values);
                qb.push(")");
                qb
            }
            Subject::Column(_) => continue, // low cardinality, not indexed: never the few
        };
        note(bounded_count(conn, qb, limit).await?);
    }
    Ok(match (in_scope, fewest) {
        (Some(t), f) if t < limit && f.is_none_or(|f| t <= f) => Drive::Scope,
        (_, Some(f)) if f < limit => Drive::Filter,
        _ => Drive::SortIndex,
    })
}

/// One index range of a page (see `list_customers`).
enum Segment {
    /// Rows with the cursor's sort value, after its seq.
    SameValue { value: serde_json::Value, after: i64 },
    /// Rows with a sort value beyond the cursor's (or from the start), or beyond a seq for the
    /// creation order.
    Beyond { value: Option<serde_json::Value>, after_seq: Option<i64> },
    /// Rows without a sort value, after a seq (or from the start).
    Empty { after: Option<i64> },
}

/// `SELECT ... FROM customers [INDEXED BY ...] WHERE`: walking the sort index is forced when that
/// is the plan, since SQLite would otherwise start from the filter's index and sort everything.
fn list_query(sort: &SortExpr, drive: Drive, trash: bool) -> QueryBuilder<Sqlite> {
    let hint = match (drive, trash, &sort.index) {
        (Drive::SortIndex, false, Some(index)) => format!(" INDEXED BY {index}"),
        (Drive::SortIndex, false, None) => " NOT INDEXED".to_string(),
        (Drive::Scope, false, _) => " INDEXED BY customers_territory".to_string(),
        _ => String::new(),
    };
    QueryBuilder::<Sqlite>::new(format!("{LIST_COLUMNS}{hint} WHERE"))
}

impl Crm {
    /// A page of the customers the actor may see.
    pub async fn list_customers(&self, actor: &Actor, req: &ListRequest) -> CoreResult<CustomerPage> {
        let scope = self.access(actor).await?.scope;
        let catalog = self.catalog().await?;
        let sort = sort_expr(&req.sort.key, &catalog)?;
        let limit = req.limit.unwrap_or(100).clamp(1, 500) as usize;
        let cursor = req.cursor.as_deref().map(decode_cursor).transpose()?;
        let (dir, cmp) = if req.sort.desc { ("DESC", "<") } else { ("ASC", ">") };
        let mut conn = self.db.reader.acquire().await?;
        let drive = match &cursor {
            Some(c) => c.d,
            None if req.filter.trash => Drive::Filter,
            None => choose_drive(&mut conn, &req.filter, &catalog, &scope).await?,
        };

        // A page is read in segments, each an exact index range (SQLite would use only the first
        // column of a row-value cursor and rescan every row sharing the cursor's value, e.g. a
        // million customers imported in the same second): the rest of the cursor's own value,
        // then the values beyond it, then (for a sort that may be empty) the empties.
        let mut segments = Vec::new();
        match &cursor {
            Some(c) if c.p == 'n' => segments.push(Segment::Empty { after: Some(c.s) }),
            Some(c) if sort.sql == "seq" => segments.push(Segment::Beyond { value: None, after_seq: Some(c.s) }),
            Some(c) => {
                segments.push(Segment::SameValue { value: c.v.clone(), after: c.s });
                segments.push(Segment::Beyond { value: Some(c.v.clone()), after_seq: None });
            }
            None => segments.push(Segment::Beyond { value: None, after_seq: None }),
        }
        if sort.nullable && cursor.as_ref().is_none_or(|c| c.p != 'n') {
            segments.push(Segment::Empty { after: None });
        }
        let mut rows: Vec<ListRow> = Vec::new();
        let mut phase = 'v';
        for segment in segments {
            if rows.len() > limit {
                break;
            }
            let mut qb = list_query(&sort, drive, req.filter.trash);
            push_filter(&mut qb, &req.filter, &catalog, drive)?;
            qb.push(scope.sql_condition(drive.scope_column()));
            match &segment {
                Segment::SameValue { value, after } => {
                    qb.push(format!(" AND {} = ", sort.sql));
                    push_json_bind(&mut qb, value);
                    qb.push(format!(" AND seq {cmp} "));
                    qb.push_bind(*after);
                    qb.push(format!(" ORDER BY seq {dir}"));
                }
                Segment::Beyond { value, after_seq } => {
                    if sort.nullable {
                        qb.push(format!(" AND {} IS NOT NULL", sort.sql));
                    }
                    if let Some(v) = value {
                        qb.push(format!(" AND {} {cmp} ", sort.sql));
                        push_json_bind(&mut qb, v);
                    }
                    if let Some(s) = after_seq {
                        qb.push(format!(" AND seq {cmp} "));
                        qb.push_bind(*s);
                    }
                    if sort.sql == "seq" {
                        qb.push(format!(" ORDER BY seq {dir}"));
                    } else {
                        qb.push(format!(" ORDER BY {} {dir}, seq {dir}", sort.sql));
                    }
                }
                Segment::Empty { after } => {
                    phase = 'n';
                    qb.push(format!(" AND {} IS NULL", sort.sql));
                    if let Some(s) = after {
                        qb.push(format!(" AND seq {cmp} "));
                        qb.push_bind(*s);
                    }
                    qb.push(format!(" ORDER BY seq {dir}"));
                }
            }
            qb.push(" LIMIT ");
            qb.push_bind((limit + 1 - rows.len()) as i64);
            let found: Vec<ListRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
            rows.extend(found);
        }
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
        let mut tags = super::store::tag_ids_of(&mut conn, &seqs).await?;
        let mut next_cursor = None;
        let mut out = Vec::with_capacity(rows.len());
        let last_index = rows.len().saturating_sub(1);
        for (i, r) in rows.into_iter().enumerate() {
            let custom: BTreeMap<String, CustomValue> = serde_json::from_str(&r.custom).unwrap_or_default();
            if has_more && i == last_index {
                let v = r.sort_value(&sort.source, &custom);
                let p = if sort.nullable && (phase == 'n' && v.is_null()) { 'n' } else { 'v' };
                next_cursor = Some(encode_cursor(&Cursor { p, v, s: r.seq, d: drive }));
            }
            let tag_ids = tags.remove(&r.seq).unwrap_or_default();
            out.push(r.into_row(custom, tag_ids));
        }
        Ok(CustomerPage { rows: out, next_cursor })
    }

    /// How many customers the actor may see match the filter.
    pub async fn count_customers(&self, actor: &Actor, filter: &CustomerFilter) -> CoreResult<i64> {
        let scope = self.access(actor).await?.scope;
        let catalog = self.catalog().await?;
        if *filter == CustomerFilter::default() {
            // Every live customer in scope: the smallest index that holds them all counts fastest.
            let sql = format!(
                "SELECT count(*) FROM customers INDEXED BY customers_territory WHERE deleted_at IS NULL{}",
                scope.sql_condition("territory")
            );
            return Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&self.db.reader).await?);
        }
        // Counted from the smallest known set, as the list's first page would be read; when both
        // the filter and the scope are large, SQLite's own choice is as good as any.
        let mut conn = self.db.reader.acquire().await?;
        let (from, drive, column) = match choose_drive(&mut conn, filter, &catalog, &scope).await? {
            Drive::Scope => (" INDEXED BY customers_territory", Drive::Scope, "territory"),
            Drive::Filter => ("", Drive::Filter, "+territory"),
            Drive::SortIndex => ("", Drive::Filter, "territory"),
        };
        let mut qb = QueryBuilder::<Sqlite>::new(format!("SELECT count(*) FROM customers{from} WHERE"));
        push_filter(&mut qb, filter, &catalog, drive)?;
        qb.push(scope.sql_condition(column));
        Ok(qb.build_query_scalar().fetch_one(&mut *conn).await?)
    }

    /// The distinct values of an indexed built-in text column among live customers (owner,
    /// province, city), for filter pickers. Each step is one index seek (a "loose index scan"),
    /// so it costs the number of distinct values, not the number of customers.
    /// Only values of customers the actor may see are listed.
    pub async fn distinct_values(&self, actor: &Actor, key: &str, limit: u32) -> CoreResult<Vec<String>> {
        let scope = self.access(actor).await?.scope.sql_condition("territory");
        let col = ["owner", "province", "city"]
            .into_iter()
            .find(|c| *c == key)
            .ok_or_else(|| CoreError::invalid(format!("'{key}' has no list of values")))?;
        let sql = format!(
            "WITH RECURSIVE v(x) AS (
                SELECT min({col}) FROM customers INDEXED BY customers_{col} WHERE deleted_at IS NULL AND {col} IS NOT NULL{scope}
                UNION ALL
                SELECT (SELECT min({col}) FROM customers INDEXED BY customers_{col} WHERE deleted_at IS NULL AND {col} > v.x{scope}) FROM v WHERE v.x IS NOT NULL
             ) SELECT x FROM v WHERE x IS NOT NULL LIMIT ?1"
        );
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(limit.clamp(1, 5000)).fetch_all(&self.db.reader).await?)
    }
}

impl ListRow {
    fn into_row(self, custom: BTreeMap<String, CustomValue>, tag_ids: Vec<String>) -> CustomerListRow {
        let phones: Vec<String> = serde_json::from_str(&self.phones).unwrap_or_default();
        let emails: Vec<String> = serde_json::from_str(&self.emails).unwrap_or_default();
        CustomerListRow {
            tag_ids,
            id: self.id,
            name: self.name,
            kind: Kind::from_key(&self.kind).unwrap_or(Kind::Individual),
            lifecycle: Lifecycle::from_key(&self.lifecycle).unwrap_or(Lifecycle::Potential),
            tier: self.tier,
            industry: self.industry,
            size: self.size.as_deref().and_then(Size::from_key),
            source: self.source,
            owner: self.owner,
            company: self.company,
            country: self.country,
            province: self.province,
            city: self.city,
            phone: phones.into_iter().next(),
            email: emails.into_iter().next(),
            custom,
            created_at: self.created_at,
            updated_at: self.updated_at,
            deleted_at: self.deleted_at,
        }
    }
}

/// The list rows of the customers with these seqs, in the order given (those not found left
/// out): a page of another list (a segment's members) shown like the customer list.
pub(crate) async fn rows_by_seq(conn: &mut SqliteConnection, seqs: &[i64]) -> CoreResult<Vec<CustomerListRow>> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let list = seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<ListRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{LIST_COLUMNS} WHERE seq IN ({list})")))
        .fetch_all(&mut *conn)
        .await?;
    let mut tags = super::store::tag_ids_of(conn, seqs).await?;
    let mut by_seq: std::collections::HashMap<i64, ListRow> = rows.into_iter().map(|r| (r.seq, r)).collect();
    Ok(seqs
        .iter()
        .filter_map(|s| by_seq.remove(s))
        .map(|r| {
            let custom: BTreeMap<String, CustomValue> = serde_json::from_str(&r.custom).unwrap_or_default();
            let tag_ids = tags.remove(&r.seq).unwrap_or_default();
            r.into_row(custom, tag_ids)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(escape_like("50%_off\\"), "%50\\%\\_off\\\\%");
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = Cursor { p: 'v', v: serde_json::json!("zhang san"), s: 42, d: Drive::SortIndex };
        let back = decode_cursor(&encode_cursor(&c)).unwrap();
        assert_eq!((back.p, back.v, back.s, back.d), ('v', serde_json::json!("zhang san"), 42, Drive::SortIndex));
        assert_eq!(decode_cursor("not a cursor").unwrap_err().code, crate::ErrorCode::InvalidInput);
    }

    #[test]
    fn dates_bound_inclusively() {
        assert_eq!(day_after("2024-02-28").unwrap(), "2024-02-29");
        assert!(day_after("2024-02-30").is_err());
    }
}
