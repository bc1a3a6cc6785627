//! Customers and their contacts as vCard 4.0, one card each, within the user's scope. An
//! enterprise or government customer is a card of KIND org; each of its contacts is a card of
//! its own with the customer as ORG, so an address book shows people under their company.

use super::{Card, escape_text, timestamp};
use crate::customer::list::CustomerFilter;
use crate::customer::model::Choice;
use crate::customer::model::Kind;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use std::io::Write;

fn io_error(e: std::io::Error) -> CoreError {
    CoreError::invalid(format!("the export file could not be written: {e}"))
}

/// A contact of a customer the user may see.
#[derive(sqlx::FromRow)]
struct ContactRow {
    id: String,
    name: String,
    title: Option<String>,
    phones: String,
    emails: String,
    updated_at: String,
    customer_name: String,
}

fn list(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

impl Crm {
    /// Writes the customers the actor may see that match `filter`, and their contacts, as
    /// vCards; returns how many cards.
    pub async fn export_vcards<W: Write>(
        &self,
        actor: &Actor,
        filter: &CustomerFilter,
        mut sink: W,
    ) -> CoreResult<u64> {
        let mut pages = self.customer_pages(actor, filter).await?;
        let mut count = 0u64;
        let mut customer_ids = Vec::new();
        while let Some(page) = pages.next().await? {
            for customer in page {
                let r = customer.row.record();
                let organisation = r.kind != Kind::Individual;
                let mut card = Card::new();
                card.raw("UID", &format!("urn:uuid:{}", customer.row.id));
                card.raw("KIND", if organisation { "org" } else { "individual" });
                card.text("FN", &r.name);
                if organisation {
                    card.text("ORG", &r.name);
                } else if let Some(company) = &r.company {
                    card.text("ORG", company);
                }
                for phone in &r.phones {
                    card.text("TEL;TYPE=voice", phone);
                }
                for email in &r.emails {
                    card.text("EMAIL", email);
                }
                let part = |v: &Option<String>| v.clone().unwrap_or_default();
                card.structured(
                    "ADR;TYPE=work",
                    &["", "", &part(&r.address), &part(&r.city), &part(&r.province), "", &part(&r.country)],
                );
                card.text("URL", &part(&r.website));
                card.text("NOTE", &part(&r.notes));
                if !customer.tags.is_empty() {
                    let tags: Vec<String> = customer.tags.iter().map(|t| escape_text(t)).collect();
                    card.raw("CATEGORIES", &tags.join(","));
                }
                card.text("X-KEHU-LIFECYCLE", r.lifecycle.label_zh());
                if let Some(rev) = timestamp(&customer.row.updated_at) {
                    card.raw("REV", &rev);
                }
                sink.write_all(card.finish().as_bytes()).map_err(io_error)?;
                count += 1;
                if organisation {
                    customer_ids.push(customer.row.id);
                }
            }
        }
        count += self.write_contacts(&customer_ids, &mut sink).await?;
        sink.flush().map_err(io_error)?;
        Ok(count)
    }

    /// Only the contacts (of the live organisation customers the actor may see), one card each
    /// with the customer as ORG; returns how many cards.
    pub async fn export_contact_vcards<W: Write>(&self, actor: &Actor, mut sink: W) -> CoreResult<u64> {
        let scope = self.access(actor).await?.scope.sql_condition("territory");
        let customer_ids: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM customers WHERE deleted_at IS NULL AND kind <> 'individual'{scope}
             AND EXISTS (SELECT 1 FROM contacts ct WHERE ct.customer_id = customers.id) ORDER BY seq"
        )))
        .fetch_all(&self.db.reader)
        .await?;
        let count = self.write_contacts(&customer_ids, &mut sink).await?;
        sink.flush().map_err(io_error)?;
        Ok(count)
    }

    /// The live contacts of the given customers, one card each.
    async fn write_contacts<W: Write>(&self, customer_ids: &[String], sink: &mut W) -> CoreResult<u64> {
        let mut conn = self.db.reader.acquire().await?;
        let mut count = 0;
        for chunk in customer_ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut query = sqlx::query_as::<_, ContactRow>(sqlx::AssertSqlSafe(format!(
                "SELECT ct.id, ct.name, ct.title, ct.phones, ct.emails, ct.updated_at, c.name AS customer_name
                   FROM contacts ct JOIN customers c ON c.id = ct.customer_id
                  WHERE ct.deleted_at IS NULL AND ct.customer_id IN ({marks}) ORDER BY ct.seq"
            )));
            for id in chunk {
                query = query.bind(id);
            }
            for contact in query.fetch_all(&mut *conn).await? {
                let mut card = Card::new();
                card.raw("UID", &format!("urn:uuid:{}", contact.id));
                card.raw("KIND", "individual");
                card.text("FN", &contact.name);
                card.text("ORG", &contact.customer_name);
                card.text("TITLE", contact.title.as_deref().unwrap_or_default());
                for phone in list(&contact.phones) {
                    card.text("TEL;TYPE=voice", &phone);
                }
                for email in list(&contact.emails) {
                    card.text("EMAIL", &email);
                }
                if let Some(rev) = timestamp(&contact.updated_at) {
                    card.raw("REV", &rev);
                }
                sink.write_all(card.finish().as_bytes()).map_err(io_error)?;
                count += 1;
            }
        }
        Ok(count)
    }
}
