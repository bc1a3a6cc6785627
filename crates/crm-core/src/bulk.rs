//! Multi-row INSERT statements. One statement per row costs a round trip to SQLite's worker
//! thread each; imports of a million rows instead send a few hundred rows per statement.

use crate::error::CoreResult;
use sqlx::SqliteConnection;

/// One bound value of a row.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Null,
    Int(i64),
    Text(String),
}

impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        v.map_or(Arg::Null, Arg::Text)
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

/// SQLite binds at most 32766 values per statement; stay under it and keep statements a size
/// the statement cache reuses.
const MAX_BINDS: usize = 30_000;
const MAX_ROWS: usize = 400;

/// Inserts `rows` (each `cols` values) with `head`, e.g. `"INSERT INTO t (a, b) VALUES "`.
pub(crate) async fn insert_rows(conn: &mut SqliteConnection, head: &str, cols: usize, rows: &[Vec<Arg>]) -> CoreResult<()> {
    let per_statement = (MAX_BINDS / cols).clamp(1, MAX_ROWS);
    let mut row_sql = String::from("(");
    for c in 0..cols {
        row_sql.push_str(if c == 0 { "?" } else { ",?" });
    }
    row_sql.push(')');
    for chunk in rows.chunks(per_statement) {
        let mut sql = String::with_capacity(head.len() + chunk.len() * (row_sql.len() + 1));
        sql.push_str(head);
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&row_sql);
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            debug_assert_eq!(row.len(), cols, "row width of {head}");
            for arg in row {
                q = match arg {
                    Arg::Null => q.bind(None::<String>),
                    Arg::Int(i) => q.bind(*i),
                    Arg::Text(s) => q.bind(s.as_str()),
                };
            }
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
