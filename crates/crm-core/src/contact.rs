//! The contacts of an enterprise or government customer. A contact's name, phones and e-mail
//! addresses are part of its customer's search document, so a desk finds the company by the
//! person who calls.

use crate::changelog::{self, CREATED, ChangeOp, ChangeSet, LogRow, Stamp};
use crate::customer::model::{Choice, Kind};
use crate::customer::validate::{Problems, emails, optional_text, phones, required_name};
use crate::error::{CoreError, CoreResult};
use crate::search::index;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ContactInput {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    pub customer_id: String,
    pub name: String,
    pub title: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContactRecord {
    pub id: String,
    pub name: String,
    pub title: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

pub(crate) fn validate(id: String, input: &ContactInput) -> CoreResult<ContactRecord> {
    let mut p = Problems::default();
    let record = ContactRecord {
        id,
        name: required_name(&mut p, "contact name", &input.name, 100),
        title: optional_text(&mut p, "title", input.title.as_deref(), 100),
        phones: phones(&mut p, &input.phones),
        emails: emails(&mut p, &input.emails),
    };
    p.into_result(record)
}

fn changes(old: Option<&ContactRecord>, new: Option<&ContactRecord>) -> ChangeSet {
    let mut c = ChangeSet::default();
    c.field("name", old.map(|o| &o.name), new.map(|n| &n.name));
    c.field("title", old.and_then(|o| o.title.as_ref()), new.and_then(|n| n.title.as_ref()));
    let list = |v: Option<&Vec<String>>| v.filter(|l| !l.is_empty()).cloned();
    c.field("phones", list(old.map(|o| &o.phones)).as_ref(), list(new.map(|n| &n.phones)).as_ref());
    c.field("emails", list(old.map(|o| &o.emails)).as_ref(), list(new.map(|n| &n.emails)).as_ref());
    c
}

/// Inserts contacts (with their log rows) inside the caller's transaction.
pub(crate) async fn insert_batch(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    rows: &[(String, ContactRecord)],
) -> CoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut contacts = Vec::with_capacity(rows.len());
    let mut logs = Vec::with_capacity(rows.len());
    for (customer_id, k) in rows {
        contacts.push(vec![
            (&k.id).into(),
            customer_id.into(),
            (&k.name).into(),
            (&k.title).into(),
            serde_json::to_string(&k.phones)?.into(),
            serde_json::to_string(&k.emails)?.into(),
            (&stamp.at).into(),
            (&stamp.at).into(),
        ]);
        logs.push(crate::customer::store::log_row(
            stamp,
            "contact",
            &k.id,
            customer_id,
            ChangeOp::Create,
            CREATED.into(),
        ));
    }
    crate::bulk::insert_rows(
        conn,
        "INSERT INTO contacts (id, customer_id, name, title, phones, emails, created_at, updated_at) VALUES ",
        8,
        &contacts,
    )
    .await?;
    crate::customer::store::insert_log_rows(conn, &logs).await
}

#[derive(Clone, FromRow)]
struct ContactRow {
    id: String,
    customer_id: String,
    name: String,
    title: Option<String>,
    phones: String,
    emails: String,
    created_at: String,
    updated_at: String,
}

impl ContactRow {
    fn into_contact(self) -> Contact {
        Contact {
            id: self.id,
            customer_id: self.customer_id,
            name: self.name,
            title: self.title,
            phones: serde_json::from_str(&self.phones).unwrap_or_default(),
            emails: serde_json::from_str(&self.emails).unwrap_or_default(),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
    fn record(&self) -> ContactRecord {
        let c = self.clone().into_contact();
        ContactRecord { id: c.id, name: c.name, title: c.title, phones: c.phones, emails: c.emails }
    }
}

const CONTACT_SELECT: &str =
    "SELECT id, customer_id, name, title, phones, emails, created_at, updated_at FROM contacts";

/// The live customer a contact is written to: (seq, kind). Contacts belong to organisations.
async fn organisation_customer(conn: &mut SqliteConnection, customer_id: &str) -> CoreResult<i64> {
    let row: Option<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT seq, kind, deleted_at FROM customers WHERE id = ?1")
            .bind(customer_id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        None => Err(CoreError::not_found(format!("no customer with id {customer_id}"))),
        Some((_, _, Some(_))) => Err(CoreError::invalid("the customer is in the trash; restore it first")),
        Some((_, kind, None)) if kind == Kind::Individual.key() => Err(CoreError::invalid(
            "contacts belong to enterprise or government customers; change the customer's kind first",
        )),
        Some((seq, _, None)) => Ok(seq),
    }
}

/// Adds a contact to an organisation customer inside the caller's transaction, and to the
/// customer's search document.
pub(crate) async fn add_contact(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    customer_id: &str,
    record: &ContactRecord,
) -> CoreResult<()> {
    let seq = organisation_customer(&mut *conn, customer_id).await?;
    insert_batch(&mut *conn, stamp, &[(customer_id.to_string(), record.clone())]).await?;
    index::reindex(conn, seq).await
}

async fn live_contact(conn: &mut SqliteConnection, id: &str) -> CoreResult<ContactRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{CONTACT_SELECT} WHERE id = ?1 AND deleted_at IS NULL")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no contact with id {id}")))
}

impl Crm {
    pub async fn list_contacts(&self, actor: &Actor, customer_id: &str) -> CoreResult<Vec<Contact>> {
        self.customer_access(actor, customer_id, "contact.list").await?;
        let rows: Vec<ContactRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{CONTACT_SELECT} WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY seq"
        )))
        .bind(customer_id)
        .fetch_all(&self.db.reader)
        .await?;
        Ok(rows.into_iter().map(ContactRow::into_contact).collect())
    }

    pub async fn create_contact(&self, actor: &Actor, customer_id: &str, input: ContactInput) -> CoreResult<Contact> {
        self.customer_access(actor, customer_id, "contact.create").await?;
        let record = validate(crate::new_id(), &input)?;
        let mut tx = self.db.begin_write().await?;
        let stamp = self.stamp(actor);
        add_contact(&mut tx, &stamp, customer_id, &record).await?;
        tx.commit().await?;
        self.get_contact(&record.id).await
    }

    pub async fn update_contact(&self, actor: &Actor, id: &str, input: ContactInput) -> CoreResult<Contact> {
        self.contact_access(actor, id, "contact.update").await?;
        let mut tx = self.db.begin_write().await?;
        let old = live_contact(&mut tx, id).await?;
        let record = validate(id.to_string(), &input)?;
        let seq = organisation_customer(&mut tx, &old.customer_id).await?;
        let c = changes(Some(&old.record()), Some(&record));
        if !c.is_empty() {
            let stamp = self.stamp(actor);
            sqlx::query(
                "UPDATE contacts SET name = ?2, title = ?3, phones = ?4, emails = ?5, updated_at = ?6 WHERE id = ?1",
            )
            .bind(id)
            .bind(&record.name)
            .bind(&record.title)
            .bind(serde_json::to_string(&record.phones)?)
            .bind(serde_json::to_string(&record.emails)?)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
            let log = LogRow {
                entity: "contact",
                entity_id: id,
                root_id: &old.customer_id,
                op: ChangeOp::Update,
                changes: c.to_json(),
            };
            changelog::record(&mut tx, &stamp, log).await?;
            index::reindex(&mut tx, seq).await?;
        }
        tx.commit().await?;
        self.get_contact(id).await
    }

    pub async fn delete_contact(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.contact_access(actor, id, "contact.delete").await?;
        let mut tx = self.db.begin_write().await?;
        let old = live_contact(&mut tx, id).await?;
        let stamp = self.stamp(actor);
        sqlx::query("UPDATE contacts SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        let c = changes(Some(&old.record()), None);
        let log = LogRow {
            entity: "contact",
            entity_id: id,
            root_id: &old.customer_id,
            op: ChangeOp::Delete,
            changes: c.to_json(),
        };
        changelog::record(&mut tx, &stamp, log).await?;
        let seq: i64 = sqlx::query_scalar("SELECT seq FROM customers WHERE id = ?1")
            .bind(&old.customer_id)
            .fetch_one(&mut *tx)
            .await?;
        index::reindex(&mut tx, seq).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks that a contact's customer lies within the actor's scope.
    async fn contact_access(&self, actor: &Actor, id: &str, action: &str) -> CoreResult<()> {
        let customer: Option<String> = sqlx::query_scalar("SELECT customer_id FROM contacts WHERE id = ?1")
            .bind(id)
            .fetch_optional(&self.db.reader)
            .await?;
        let customer = customer.ok_or_else(|| CoreError::not_found(format!("no contact with id {id}")))?;
        self.customer_access(actor, &customer, action).await?;
        Ok(())
    }

    async fn get_contact(&self, id: &str) -> CoreResult<Contact> {
        let row: ContactRow = sqlx::query_as(sqlx::AssertSqlSafe(format!("{CONTACT_SELECT} WHERE id = ?1")))
            .bind(id)
            .fetch_optional(&self.db.reader)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no contact with id {id}")))?;
        Ok(row.into_contact())
    }
}
