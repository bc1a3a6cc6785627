//! Writing a customer's search document: its name, pinyin, company, contacts, e-mail addresses and
//! phone numbers as the tokens of `tokens.rs`. Only live customers are in the index.

use super::tokens::{push_phone_digits, push_pinyin_tokens, push_text_tokens};
use crate::bulk::{Arg, insert_rows};
use crate::error::CoreResult;
use sqlx::SqliteConnection;

/// What of a contact is searchable.
pub(crate) struct ContactText<'a> {
    pub name: &'a str,
    pub phones: &'a [String],
    pub emails: &'a [String],
}

/// The token text of one customer in both indexes.
pub(crate) struct SearchDoc {
    name: String,
    pinyin: String,
    company: String,
    contacts: String,
    email: String,
    phones: String,
}

pub(crate) fn build_doc(
    name: &str,
    company: Option<&str>,
    phones: &[String],
    emails: &[String],
    contacts: &[ContactText<'_>],
) -> SearchDoc {
    let mut doc = SearchDoc {
        name: String::new(),
        pinyin: String::new(),
        company: String::new(),
        contacts: String::new(),
        email: String::new(),
        phones: String::new(),
    };
    push_text_tokens(name, &mut doc.name);
    push_pinyin_tokens(name, &mut doc.pinyin);
    // An enterprise's company is usually its name: indexing it twice would only cost.
    if let Some(c) = company.filter(|c| *c != name) {
        push_text_tokens(c, &mut doc.company);
    }
    for e in emails {
        push_text_tokens(e, &mut doc.email);
    }
    for p in phones {
        push_phone_digits(p, &mut doc.phones);
    }
    for c in contacts {
        push_text_tokens(c.name, &mut doc.contacts);
        push_pinyin_tokens(c.name, &mut doc.contacts);
        for e in c.emails {
            push_text_tokens(e, &mut doc.email);
        }
        for p in c.phones {
            push_phone_digits(p, &mut doc.phones);
        }
    }
    doc
}

/// Rows for both indexes, collected over a batch of customers.
#[derive(Default)]
pub(crate) struct DocRows {
    text: Vec<Vec<Arg<'static>>>,
    phones: Vec<Vec<Arg<'static>>>,
}

impl DocRows {
    pub fn push(&mut self, seq: i64, doc: SearchDoc) {
        self.text.push(vec![
            Arg::Int(seq),
            doc.name.into(),
            doc.pinyin.into(),
            doc.company.into(),
            doc.contacts.into(),
            doc.email.into(),
        ]);
        if !doc.phones.is_empty() {
            self.phones.push(vec![Arg::Int(seq), doc.phones.into()]);
        }
    }

    pub async fn insert(&self, conn: &mut SqliteConnection) -> CoreResult<()> {
        insert_rows(
            conn,
            "INSERT INTO customer_search (rowid, name, pinyin, company, contacts, email) VALUES ",
            6,
            &self.text,
        )
        .await?;
        insert_rows(conn, "INSERT INTO customer_phone_search (rowid, digits) VALUES ", 2, &self.phones).await
    }
}

pub(crate) async fn delete_doc(conn: &mut SqliteConnection, seq: i64) -> CoreResult<()> {
    sqlx::query("DELETE FROM customer_search WHERE rowid = ?1").bind(seq).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM customer_phone_search WHERE rowid = ?1").bind(seq).execute(conn).await?;
    Ok(())
}

/// Rewrites the document of one customer from what is stored now (after an edit of the customer
/// or of one of its contacts); a customer in the trash gets no document.
pub(crate) async fn reindex(conn: &mut SqliteConnection, seq: i64) -> CoreResult<()> {
    delete_doc(conn, seq).await?;
    let row: Option<(String, String, Option<String>, String, String)> =
        sqlx::query_as("SELECT id, name, company, phones, emails FROM customers WHERE seq = ?1 AND deleted_at IS NULL")
            .bind(seq)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((id, name, company, phones, emails)) = row else {
        return Ok(());
    };
    let contacts: Vec<(String, String, String)> =
        sqlx::query_as("SELECT name, phones, emails FROM contacts WHERE customer_id = ?1 AND deleted_at IS NULL")
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
    let parsed: Vec<(String, Vec<String>, Vec<String>)> = contacts
        .into_iter()
        .map(|(n, p, e)| {
            (n, serde_json::from_str(&p).unwrap_or_default(), serde_json::from_str(&e).unwrap_or_default())
        })
        .collect();
    let contact_texts: Vec<ContactText<'_>> =
        parsed.iter().map(|(n, p, e)| ContactText { name: n, phones: p, emails: e }).collect();
    let phones: Vec<String> = serde_json::from_str(&phones)?;
    let emails: Vec<String> = serde_json::from_str(&emails)?;
    let mut rows = DocRows::default();
    rows.push(seq, build_doc(&name, company.as_deref(), &phones, &emails, &contact_texts));
    rows.insert(conn).await
}
