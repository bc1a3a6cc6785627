//! `crm export customers FILE.csv`: every live customer, in the columns import reads, with
//! formula-like cells escaped against formula injection (see `escape_formula`).

use super::{COLUMNS, LIST_SEPARATOR, escape_formula};
use crate::customer::model::{Choice, CustomValue};
use crate::customer::store::{CUSTOMER_SELECT, CustomerRow, tag_ids_of};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use std::collections::HashMap;
use std::io::Write;

const PAGE: i64 = 5000;

fn custom_cell(v: Option<&CustomValue>) -> String {
    match v {
        None => String::new(),
        Some(CustomValue::Text(t)) => t.clone(),
        Some(CustomValue::Number(n)) => n.to_string(),
        Some(CustomValue::Options(o)) => o.join(&LIST_SEPARATOR.to_string()),
    }
}

fn io_error(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(format!("the export file could not be written: {e}"))
}

impl Crm {
    /// Writes every live customer the actor may see as CSV; returns how many.
    pub async fn export_customers_csv<W: Write>(&self, actor: &Actor, sink: W) -> CoreResult<u64> {
        let scope = self.access(actor).await?.scope.sql_condition("territory");
        let catalog = self.catalog().await?;
        let custom_keys: Vec<String> = catalog.custom().map(|f| f.key.clone()).collect();
        let tag_names: HashMap<String, String> = self.list_tags().await?.into_iter().map(|t| (t.id, t.name)).collect();
        let mut out = csv::Writer::from_writer(sink);
        let header: Vec<&str> = COLUMNS.iter().copied().chain(custom_keys.iter().map(String::as_str)).collect();
        out.write_record(&header).map_err(io_error)?;

        let sep = LIST_SEPARATOR.to_string();
        let mut conn = self.db.reader.acquire().await?;
        let mut after = 0i64;
        let mut count = 0u64;
        loop {
            let rows: Vec<CustomerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{CUSTOMER_SELECT} WHERE seq > ?1 AND deleted_at IS NULL{scope} ORDER BY seq LIMIT ?2"
            )))
            .bind(after)
            .bind(PAGE)
            .fetch_all(&mut *conn)
            .await?;
            let Some(last) = rows.last() else { break };
            after = last.seq;
            let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
            let mut tags = tag_ids_of(&mut conn, &seqs).await?;
            for row in rows {
                let r = row.record();
                let tag_ids = tags.remove(&row.seq).unwrap_or_default();
                let tag_cell: Vec<&str> =
                    tag_ids.iter().filter_map(|id| tag_names.get(id).map(String::as_str)).collect();
                let opt = |v: &Option<String>| v.clone().unwrap_or_default();
                let mut cells: Vec<String> = vec![
                    opt(&r.external_id),
                    r.name.clone(),
                    r.kind.key().to_string(),
                    r.lifecycle.key().to_string(),
                    opt(&r.tier),
                    r.phones.join(&sep),
                    r.emails.join(&sep),
                    opt(&r.company),
                    opt(&r.country),
                    opt(&r.province),
                    opt(&r.city),
                    opt(&r.address),
                    opt(&r.industry),
                    r.size.map(|s| s.key().to_string()).unwrap_or_default(),
                    opt(&r.source),
                    opt(&r.owner),
                    tag_cell.join(&sep),
                    opt(&r.website),
                    opt(&r.notes),
                ];
                cells.extend(custom_keys.iter().map(|k| custom_cell(r.custom.get(k))));
                for cell in &cells {
                    out.write_field(escape_formula(cell).as_bytes()).map_err(io_error)?;
                }
                out.write_record(None::<&[u8]>).map_err(io_error)?;
                count += 1;
            }
        }
        out.flush().map_err(io_error)?;
        Ok(count)
    }
}
