//! The customers a user may see that match the list's filter (every live one by default), page
//! by page in creation order, with the names of their tags: what each export format (CSV,
//! Excel, vCard) writes from.

use super::list::{CustomerFilter, push_row_filter};
use super::store::{CUSTOMER_SELECT, CustomerRow, tag_ids_of};
use crate::classification::fields::FieldCatalog;
use crate::error::CoreResult;
use crate::{Actor, Crm};
use sqlx::pool::PoolConnection;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::collections::HashMap;

const PAGE: i64 = 5000;

/// One customer as an export writes it.
pub(crate) struct ExportedCustomer {
    pub row: CustomerRow,
    pub tags: Vec<String>,
}

pub(crate) struct CustomerPages {
    conn: PoolConnection<sqlx::Sqlite>,
    scope: String,
    filter: CustomerFilter,
    catalog: FieldCatalog,
    tag_names: HashMap<String, String>,
    after: i64,
}

impl CustomerPages {
    /// The next page, or none at the end.
    pub async fn next(&mut self) -> CoreResult<Option<Vec<ExportedCustomer>>> {
        let conn: &mut SqliteConnection = &mut self.conn;
        let mut qb = QueryBuilder::<Sqlite>::new(format!("{CUSTOMER_SELECT} WHERE seq > "));
        qb.push_bind(self.after);
        qb.push(" AND");
        push_row_filter(&mut qb, &self.filter, &self.catalog)?;
        qb.push(format!("{} ORDER BY seq LIMIT ", self.scope));
        qb.push_bind(PAGE);
        let rows: Vec<CustomerRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let Some(last) = rows.last() else { return Ok(None) };
        self.after = last.seq;
        let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
        let mut tags = tag_ids_of(conn, &seqs).await?;
        Ok(Some(
            rows.into_iter()
                .map(|row| {
                    let ids = tags.remove(&row.seq).unwrap_or_default();
                    let tags = ids.iter().filter_map(|id| self.tag_names.get(id).cloned()).collect();
                    ExportedCustomer { row, tags }
                })
                .collect(),
        ))
    }
}

impl Crm {
    /// The customers `actor` may see that match `filter`, for an export.
    pub(crate) async fn customer_pages(&self, actor: &Actor, filter: &CustomerFilter) -> CoreResult<CustomerPages> {
        let scope = self.access(actor).await?.scope.sql_condition("territory");
        let tag_names = self.list_tags().await?.into_iter().map(|t| (t.id, t.name)).collect();
        Ok(CustomerPages {
            conn: self.db.reader.acquire().await?,
            scope,
            filter: filter.clone(),
            catalog: self.catalog().await?,
            tag_names,
            after: 0,
        })
    }
}
