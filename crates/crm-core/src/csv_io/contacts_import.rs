//! `crm import contacts FILE`: the people of enterprise and government customers, from the same
//! files customers come in (CSV in any common encoding, a workbook, vCards). Each row names its
//! customer by external id or by name; a row whose customer cannot be found (or is a person, or
//! lies outside the user's territories) is rejected with the reason. One transaction: all rows or
//! none, unless invalid rows are skipped; the batch is in the import history and can be reverted.

use super::import::{ImportOptions, RejectedRow, open_table, read_rows};
use crate::contact::{ContactInput, ContactRecord, insert_batch, validate};
use crate::customer::model::{Choice, Kind};
use crate::error::{CoreError, CoreResult};
use crate::import::batches::{NewBatch, record_batch};
use crate::import::fixed_fields::FixedFields;
use crate::import::progress::ImportControl;
use crate::import::source::{FileFormat, SourceFacts, SourceRow};
use crate::search::tokens::name_sort_key;
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::collections::HashMap;
use std::io::Read;

/// The fields of a contacts file and the headers that name them.
const CONTACT_FIELDS: FixedFields = FixedFields {
    record: "contact",
    fields: &[
        ("customer_external_id", &["客户编号", "客户外部编号", "externalid"]),
        ("customer", &["company", "organization", "org", "客户", "客户名称", "公司", "公司名称", "单位"]),
        ("name", &["contact", "contactname", "fullname", "姓名", "联系人", "联系人姓名"]),
        ("title", &["jobtitle", "position", "职位", "职务", "头衔"]),
        ("phone", &["phones", "mobile", "tel", "telephone", "手机", "电话", "手机号", "联系电话"]),
        ("email", &["emails", "mail", "邮箱", "电子邮件", "电子邮箱"]),
    ],
    lists: &["phone", "email"],
    required: &[&["name"], &["customer", "customer_external_id"]],
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ContactImportReport {
    pub imported: u64,
    pub rejected: Vec<RejectedRow>,
    pub batch: Option<String>,
    pub dry_run: bool,
    pub source: SourceFacts,
    pub header: Vec<String>,
}

/// A row's customer, found once per name or external id for the whole file.
struct CustomerFinder {
    found: HashMap<(bool, String), Result<(String, i64), String>>,
    scope: crate::access::Scope,
}

impl CustomerFinder {
    async fn find(
        &mut self,
        conn: &mut SqliteConnection,
        by_ext: bool,
        value: &str,
    ) -> CoreResult<Result<(String, i64), String>> {
        let key = (by_ext, value.to_string());
        if let Some(hit) = self.found.get(&key) {
            return Ok(hit.clone());
        }
        // Customers outside the user's territories are not found, as in a search.
        let scope = self.scope.sql_condition("territory");
        // By external id also one a merge of duplicates gave the customer.
        let (matched, wanted) = if by_ext {
            ("seq IN (SELECT customer_seq FROM customer_external_ids WHERE external_id = ?1)", value.to_string())
        } else {
            ("name_sort = ?1", name_sort_key(value))
        };
        let rows: Vec<(String, i64, String, String, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id, seq, name, kind, territory FROM customers WHERE {matched} AND deleted_at IS NULL{scope}"
        )))
        .bind(wanted)
        .fetch_all(&mut *conn)
        .await?;
        let what = if by_ext { format!("external id '{value}'") } else { format!("name '{value}'") };
        let hit = match rows.as_slice() {
            [] => Err(format!("no customer has the {what}")),
            [(id, seq, name, kind, _)] => {
                if kind == Kind::Individual.key() {
                    Err(format!("customer '{name}' is a person; contacts belong to enterprise or government customers"))
                } else {
                    Ok((id.clone(), *seq))
                }
            }
            many => Err(format!("{} customers have the {what}; name the customer by its external id", many.len())),
        };
        self.found.insert(key, hit.clone());
        Ok(hit)
    }
}

fn split(cell: &str) -> Vec<String> {
    cell.split(super::LIST_SEPARATOR).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

impl Crm {
    /// Imports contacts of existing organisation customers (see the module).
    pub async fn import_contacts<R: Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
        options: ImportOptions,
    ) -> CoreResult<ContactImportReport> {
        let table = open_table(source, &options, &ImportControl::new(0)).await?;
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let header = table.header.clone();
        let columns = CONTACT_FIELDS.columns(&header, &options.mapping, table.facts.format == FileFormat::Vcard)?;
        let mut tx = self.db.begin_write().await?;
        let first_seq: i64 =
            sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM contacts").fetch_one(&mut *tx).await?;
        let mut finder = CustomerFinder { found: HashMap::new(), scope: access.scope.clone() };
        let (mut ready, mut customers) = (Vec::new(), Vec::new());
        let (table, rows, mut rejected) = read_rows(table).await?;
        for SourceRow { line, cells } in rows {
            let mut input = ContactInput { name: String::new(), title: None, phones: vec![], emails: vec![] };
            let (mut ext, mut customer) = (None, None);
            for (field, cell) in columns.iter().zip(cells.iter()) {
                let cell = super::unescape_formula(cell).trim();
                match field {
                    Some("customer_external_id") if !cell.is_empty() => ext = Some(cell.to_string()),
                    Some("customer") if !cell.is_empty() => customer = Some(cell.to_string()),
                    Some("name") => input.name = cell.to_string(),
                    Some("title") if !cell.is_empty() => input.title = Some(cell.to_string()),
                    Some("phone") => input.phones.extend(split(cell)),
                    Some("email") => input.emails.extend(split(cell)),
                    _ => {}
                }
            }
            let reject =
                |reason: String| RejectedRow { line, reason, cells: cells.iter().map(str::to_string).collect() };
            let found = match (&ext, &customer) {
                (Some(e), _) => finder.find(&mut tx, true, e).await?,
                (None, Some(n)) => finder.find(&mut tx, false, n).await?,
                (None, None) => Err("names no customer".to_string()),
            };
            let record = validate(crate::new_id(), &input);
            match (found, record) {
                (Ok((id, seq)), Ok(record)) => {
                    ready.push((id, record));
                    customers.push(seq);
                }
                (Err(reason), Ok(_)) => rejected.push(reject(reason)),
                (Ok(_), Err(e)) => rejected.push(reject(e.message)),
                (Err(reason), Err(e)) => rejected.push(reject(format!("{reason}; {}", e.message))),
            }
        }
        rejected.sort_by_key(|r| r.line);
        let outcome = options.outcome(!rejected.is_empty());
        let applied = outcome.writes;
        let imported = if outcome.counts { ready.len() as u64 } else { 0 };
        let mut batch = None;
        if applied {
            let rows: Vec<(String, ContactRecord)> = ready;
            for chunk in rows.chunks(2000) {
                insert_batch(&mut tx, &stamp, chunk).await?;
            }
            customers.sort_unstable();
            customers.dedup();
            for seq in &customers {
                crate::search::index::reindex(&mut tx, *seq).await?;
            }
            let last_seq: i64 =
                sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM contacts").fetch_one(&mut *tx).await?;
            let new_batch = NewBatch {
                entity: "contacts",
                file_name: options.file_name.as_deref(),
                format: table.facts.format.key(),
                created: imported,
                updated: 0,
                mode: "create",
                rejected: rejected.len() as u64,
                seqs: (imported > 0).then_some((first_seq, last_seq)),
                created_tags: &[],
            };
            batch = Some(record_batch(&mut tx, &stamp, new_batch).await?);
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(ContactImportReport { imported, rejected, batch, dry_run: options.dry_run, source: table.facts, header })
    }
}

/// Removes the contacts a batch added and takes them out of their customers' search entries;
/// refused when deals or tickets have since been linked to them.
pub(crate) async fn remove_contacts(conn: &mut SqliteConnection, first: i64, last: i64) -> CoreResult<()> {
    let linked: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM opportunities WHERE contact_id IN (SELECT id FROM contacts WHERE seq BETWEEN ?1 AND ?2))
              + (SELECT count(*) FROM tickets WHERE contact_id IN (SELECT id FROM contacts WHERE seq BETWEEN ?1 AND ?2))",
    )
    .bind(first)
    .bind(last)
    .fetch_one(&mut *conn)
    .await?;
    if linked > 0 {
        return Err(CoreError::conflict(format!(
            "{linked} deal(s) or ticket(s) name contacts of this import since; reverting it would lose those links"
        )));
    }
    let customers: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT c.seq FROM contacts k JOIN customers c ON c.id = k.customer_id WHERE k.seq BETWEEN ?1 AND ?2",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM change_log WHERE entity = 'contact' AND entity_id IN (SELECT id FROM contacts WHERE seq BETWEEN ?1 AND ?2)")
        .bind(first)
        .bind(last)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM contacts WHERE seq BETWEEN ?1 AND ?2").bind(first).bind(last).execute(&mut *conn).await?;
    for seq in customers {
        crate::search::index::reindex(conn, seq).await?;
    }
    Ok(())
}
