//! `crm import contacts FILE`: the people of enterprise and government customers, from the same
//! files customers come in (CSV in any common encoding, a workbook, vCards). Each row names its
//! customer by external id or by name; a row whose customer cannot be found (or is a person, or
//! lies outside the user's territories) is rejected with the reason. One transaction: all rows or
//! none, unless invalid rows are skipped; the batch is in the import history and can be reverted.

use super::import::{ImportOptions, RejectedRow, open_table};
use crate::contact::{ContactInput, ContactRecord, insert_batch, validate};
use crate::customer::model::{Choice, Kind};
use crate::error::{CoreError, CoreResult};
use crate::import::batches::{NewBatch, record_batch};
use crate::import::mapping::{Mapping, normalize};
use crate::import::progress::ImportControl;
use crate::import::source::{FileFormat, SourceFacts, SourceRow};
use crate::search::tokens::name_sort_key;
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::collections::HashMap;
use std::io::Read;

/// The fields of a contacts file and the headers that name them.
const CONTACT_FIELDS: &[(&str, &[&str])] = &[
    ("customer_external_id", &["customerexternalid", "客户编号", "客户外部编号", "externalid"]),
    ("customer", &["customer", "company", "organization", "org", "客户", "客户名称", "公司", "公司名称", "单位"]),
    ("name", &["name", "contact", "contactname", "fullname", "姓名", "联系人", "联系人姓名"]),
    ("title", &["title", "jobtitle", "position", "职位", "职务", "头衔"]),
    ("phone", &["phone", "phones", "mobile", "tel", "telephone", "手机", "电话", "手机号", "联系电话"]),
    ("email", &["email", "emails", "mail", "邮箱", "电子邮件", "电子邮箱"]),
];

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

/// The field of each column. vCards carry customer fields a contact has no place for; those
/// columns are left out, while in a table every column must be accounted for.
fn contact_columns(header: &[String], given: &Mapping, cards: bool) -> CoreResult<Vec<Option<&'static str>>> {
    let mut problems = Vec::new();
    let known = |f: &str| CONTACT_FIELDS.iter().map(|(k, _)| *k).find(|k| *k == f);
    let mut fields = Vec::with_capacity(header.len());
    for h in header {
        let field = match given.get(h.trim()) {
            Some(Some(f)) => match known(f) {
                Some(k) => Some(k),
                None => {
                    problems.push(format!("column '{h}' is mapped to '{f}', which is no field of a contact"));
                    None
                }
            },
            Some(None) => None,
            None => {
                let key = normalize(h);
                let found = CONTACT_FIELDS.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(k, _)| *k);
                if found.is_none() && !cards && !key.is_empty() {
                    problems.push(format!("column '{h}' matches no field of a contact; map it to one or leave it out"));
                }
                found
            }
        };
        if let Some(f) = field
            && !matches!(f, "phone" | "email")
            && fields.contains(&Some(f))
        {
            problems.push(format!("two columns fill '{f}'; leave one out"));
        }
        fields.push(field);
    }
    if !fields.contains(&Some("name")) {
        problems.push("no column fills the contact's 'name'".to_string());
    }
    if !fields.contains(&Some("customer")) && !fields.contains(&Some("customer_external_id")) {
        problems.push("no column names the customer ('customer' or 'customer_external_id')".to_string());
    }
    if problems.is_empty() { Ok(fields) } else { Err(CoreError::invalid(format!("line 1: {}", problems.join("; ")))) }
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
        let mut table = open_table(source, &options, &ImportControl::new(0)).await?;
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let header = table.header.clone();
        let columns = contact_columns(&header, &options.mapping, table.facts.format == FileFormat::Vcard)?;
        let mut tx = self.db.begin_write().await?;
        let first_seq: i64 =
            sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM contacts").fetch_one(&mut *tx).await?;
        let mut finder = CustomerFinder { found: HashMap::new(), scope: access.scope.clone() };
        let (mut ready, mut rejected, mut customers) = (Vec::new(), Vec::new(), Vec::new());
        // Reading a file blocks: it is done off the async threads (a contacts file is small enough
        // to hold).
        let (table, read) = tokio::task::spawn_blocking(move || {
            let mut read = Vec::new();
            while let Some(next) = table.next_row() {
                read.push(next);
            }
            (table, read)
        })
        .await
        .map_err(|e| CoreError::internal(format!("the import stopped unexpectedly: {e}")))?;
        for next in read {
            let SourceRow { line, cells } = match next {
                Ok(row) => row,
                Err(Ok(unreadable)) => {
                    rejected.push(RejectedRow::new(unreadable.line, unreadable.reason));
                    continue;
                }
                Err(Err(fatal)) => return Err(fatal),
            };
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
        let applied = (rejected.is_empty() || options.skip_invalid) && !options.dry_run;
        let counted = applied || options.dry_run && (rejected.is_empty() || options.skip_invalid);
        let imported = if counted { ready.len() as u64 } else { 0 };
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
