//! The SQL of customers: reading rows, the batched insert that creating one customer, importing a
//! million and generating demo data all go through, and the field-by-field diff for the log.

use super::model::{Choice, CustomValue, Customer, Kind, Lifecycle, Size};
use super::validate::CustomerRecord;
use crate::bulk::{Arg, insert_rows};
use crate::changelog::{CREATED, ChangeOp, ChangeSet, Stamp};
use crate::contact::{self, ContactRecord};
use crate::error::CoreResult;
use crate::search::index::{self, ContactText, SearchDoc};
use sqlx::{FromRow, SqliteConnection};
use std::collections::{BTreeMap, HashMap};

pub(crate) const CUSTOMER_SELECT: &str = "SELECT seq, id, external_id, name, name_sort, kind, lifecycle, tier, industry, size, \
     source, owner, country, province, city, address, company, website, notes, phones, emails, custom, version, \
     created_at, created_by, updated_at, updated_by, deleted_at, territory FROM customers";

#[derive(Debug, FromRow)]
pub(crate) struct CustomerRow {
    pub seq: i64,
    pub id: String,
    pub external_id: Option<String>,
    pub name: String,
    pub name_sort: String,
    pub kind: String,
    pub lifecycle: String,
    pub tier: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub company: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub phones: String,
    pub emails: String,
    pub custom: String,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    pub deleted_at: Option<String>,
    pub territory: Option<i64>,
}

impl CustomerRow {
    pub fn record(&self) -> CustomerRecord {
        CustomerRecord {
            external_id: self.external_id.clone(),
            name: self.name.clone(),
            name_sort: self.name_sort.clone(),
            kind: Kind::from_key(&self.kind).unwrap_or(Kind::Individual),
            lifecycle: Lifecycle::from_key(&self.lifecycle).unwrap_or(Lifecycle::Potential),
            tier: self.tier.clone(),
            industry: self.industry.clone(),
            size: self.size.as_deref().and_then(Size::from_key),
            source: self.source.clone(),
            owner: self.owner.clone(),
            country: self.country.clone(),
            province: self.province.clone(),
            city: self.city.clone(),
            address: self.address.clone(),
            company: self.company.clone(),
            website: self.website.clone(),
            notes: self.notes.clone(),
            phones: serde_json::from_str(&self.phones).unwrap_or_default(),
            emails: serde_json::from_str(&self.emails).unwrap_or_default(),
            custom: serde_json::from_str(&self.custom).unwrap_or_default(),
        }
    }

    pub fn into_customer(self, tag_ids: Vec<String>) -> Customer {
        let r = self.record();
        Customer {
            id: self.id,
            external_id: r.external_id,
            name: r.name,
            kind: r.kind,
            lifecycle: r.lifecycle,
            tier: r.tier,
            industry: r.industry,
            size: r.size,
            source: r.source,
            owner: r.owner,
            country: r.country,
            province: r.province,
            city: r.city,
            address: r.address,
            company: r.company,
            website: r.website,
            notes: r.notes,
            phones: r.phones,
            emails: r.emails,
            custom: r.custom,
            tag_ids,
            version: self.version,
            created_at: self.created_at,
            created_by: self.created_by,
            updated_at: self.updated_at,
            updated_by: self.updated_by,
            deleted_at: self.deleted_at,
            territory: None,
        }
    }
}

pub(crate) async fn fetch_row(conn: &mut SqliteConnection, id: &str) -> CoreResult<Option<CustomerRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{CUSTOMER_SELECT} WHERE id = ?1")))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// Live tag ids of each customer among `seqs`.
/// Live tag ids of one customer.
pub(crate) async fn tag_ids_of_one(conn: &mut SqliteConnection, seq: i64) -> CoreResult<Vec<String>> {
    Ok(tag_ids_of(conn, &[seq]).await?.remove(&seq).unwrap_or_default())
}

pub(crate) async fn tag_ids_of(conn: &mut SqliteConnection, seqs: &[i64]) -> CoreResult<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in seqs.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT ct.customer_seq, t.id FROM customer_tags ct JOIN tags t ON t.seq = ct.tag_seq
             WHERE ct.customer_seq IN ({marks}) AND t.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE"
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
        for s in chunk {
            q = q.bind(s);
        }
        for (seq, tag) in q.fetch_all(&mut *conn).await? {
            out.entry(seq).or_default().push(tag);
        }
    }
    Ok(out)
}

/// A validated customer with its search document built: the CPU work of an insert, which an
/// import does on its parsing thread while the previous batch is being written.
pub(crate) struct Prepared {
    pub record: CustomerRecord,
    pub doc: SearchDoc,
    pub contacts: Vec<ContactRecord>,
}

impl Prepared {
    pub fn new(record: CustomerRecord, contacts: Vec<ContactRecord>) -> Self {
        let texts: Vec<ContactText<'_>> =
            contacts.iter().map(|k| ContactText { name: &k.name, phones: &k.phones, emails: &k.emails }).collect();
        let doc = index::build_doc(&record.name, record.company.as_deref(), &record.phones, &record.emails, &texts);
        Prepared { record, doc, contacts }
    }
}

/// A customer about to be inserted, with everything that is written with it.
pub(crate) struct NewCustomer {
    pub seq: i64,
    pub id: String,
    pub prepared: Prepared,
    pub tag_seqs: Vec<i64>,
    /// The territory its location falls in (see access::places).
    pub territory: Option<i64>,
}

pub(crate) async fn next_seq(conn: &mut SqliteConnection) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM customers").fetch_one(conn).await?)
}

const INSERT_HEAD: &str = "INSERT INTO customers (seq, id, external_id, name, name_sort, kind, lifecycle, tier, industry, size, \
     source, owner, country, province, city, address, company, website, notes, phones, emails, custom, version, \
     created_at, created_by, updated_at, updated_by, territory) VALUES ";

fn customer_args<'a>(c: &'a NewCustomer, stamp: &'a Stamp) -> CoreResult<Vec<Arg<'a>>> {
    let r = &c.prepared.record;
    Ok(vec![
        Arg::Int(c.seq),
        (&c.id).into(),
        (&r.external_id).into(),
        (&r.name).into(),
        (&r.name_sort).into(),
        r.kind.key().into(),
        r.lifecycle.key().into(),
        (&r.tier).into(),
        (&r.industry).into(),
        r.size.map_or(Arg::Null, |s| s.key().into()),
        (&r.source).into(),
        (&r.owner).into(),
        (&r.country).into(),
        (&r.province).into(),
        (&r.city).into(),
        (&r.address).into(),
        (&r.company).into(),
        (&r.website).into(),
        (&r.notes).into(),
        serde_json::to_string(&r.phones)?.into(),
        serde_json::to_string(&r.emails)?.into(),
        serde_json::to_string(&r.custom)?.into(),
        Arg::Int(1),
        stamp.at.as_str().into(),
        stamp.actor.as_str().into(),
        stamp.at.as_str().into(),
        stamp.actor.as_str().into(),
        c.territory.map_or(Arg::Null, Arg::Int),
    ])
}

/// Rows of `customer_multi_values` for a record's multi-select values.
pub(crate) fn multi_value_rows<'a>(
    seq: i64,
    custom: &'a BTreeMap<String, CustomValue>,
    field_ids: &'a HashMap<String, String>,
) -> Vec<Vec<Arg<'a>>> {
    let mut rows = Vec::new();
    for (key, value) in custom {
        if let (CustomValue::Options(opts), Some(fid)) = (value, field_ids.get(key)) {
            for o in opts {
                rows.push(vec![fid.into(), o.into(), Arg::Int(seq)]);
            }
        }
    }
    rows
}

pub(crate) async fn insert_multi_values(conn: &mut SqliteConnection, rows: &[Vec<Arg<'_>>]) -> CoreResult<()> {
    insert_rows(conn, "INSERT INTO customer_multi_values (field_id, value, customer_seq) VALUES ", 3, rows).await
}

pub(crate) async fn insert_tag_links(conn: &mut SqliteConnection, rows: &[Vec<Arg<'_>>]) -> CoreResult<()> {
    insert_rows(conn, "INSERT OR IGNORE INTO customer_tags (tag_seq, customer_seq) VALUES ", 2, rows).await
}

/// Change-log rows are batched the same way as the records they describe.
pub(crate) fn log_row<'a>(
    stamp: &'a Stamp,
    entity: &'a str,
    entity_id: &'a str,
    root_id: &'a str,
    op: ChangeOp,
    changes: Arg<'a>,
) -> Vec<Arg<'a>> {
    vec![
        entity.into(),
        entity_id.into(),
        root_id.into(),
        op.as_str().into(),
        changes,
        (&stamp.hlc).into(),
        (&stamp.actor).into(),
        (&stamp.at).into(),
    ]
}

pub(crate) async fn insert_log_rows(conn: &mut SqliteConnection, rows: &[Vec<Arg<'_>>]) -> CoreResult<()> {
    insert_rows(
        conn,
        "INSERT INTO change_log (entity, entity_id, root_id, op, changes, hlc, actor, at) VALUES ",
        8,
        rows,
    )
    .await
}

/// Inserts customers with their tags, multi-select values, contacts, search documents and log
/// rows. Seqs are assigned by the caller (inside the same write transaction) so that all rows of
/// a batch go in as multi-row statements.
pub(crate) async fn insert_batch(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    items: Vec<NewCustomer>,
    multi_field_ids: &HashMap<String, String>,
) -> CoreResult<()> {
    let mut customers = Vec::with_capacity(items.len());
    let mut multi = Vec::new();
    let mut links = Vec::new();
    let mut logs = Vec::with_capacity(items.len());
    for c in &items {
        customers.push(customer_args(c, stamp)?);
        multi.extend(multi_value_rows(c.seq, &c.prepared.record.custom, multi_field_ids));
        links.extend(c.tag_seqs.iter().map(|t| vec![Arg::Int(*t), Arg::Int(c.seq)]));
        logs.push(log_row(stamp, "customer", &c.id, &c.id, ChangeOp::Create, CREATED.into()));
    }
    insert_rows(conn, INSERT_HEAD, 28, &customers).await?;
    insert_multi_values(conn, &multi).await?;
    insert_tag_links(conn, &links).await?;
    insert_log_rows(conn, &logs).await?;
    drop((customers, multi, links, logs));
    let mut docs = index::DocRows::default();
    let mut contact_rows = Vec::new();
    for c in items {
        contact_rows.extend(c.prepared.contacts.into_iter().map(|k| (c.id.clone(), k)));
        docs.push(c.seq, c.prepared.doc);
    }
    docs.insert(conn).await?;
    contact::insert_batch(conn, stamp, &contact_rows).await?;
    Ok(())
}

/// Sets when the customer was last active from what is recorded of it now (activities,
/// tickets, paid or completed orders), or `floor` if that is later. The triggers only move it
/// forward; a merge's undo or an import's revert that takes records away recomputes it.
pub(crate) async fn recompute_last_active(
    conn: &mut SqliteConnection,
    seq: i64,
    floor: Option<&str>,
) -> CoreResult<()> {
    sqlx::query(
        "UPDATE customers SET last_active_at = (SELECT max(v) FROM (
            SELECT ?2 AS v
            UNION ALL SELECT max(occurred_at) FROM activities WHERE customer_id = customers.id AND deleted_at IS NULL
            UNION ALL SELECT max(created_at) FROM tickets WHERE customer_id = customers.id
            UNION ALL SELECT max(ordered_on) || 'T00:00:00.000Z' FROM orders
                      WHERE customer_seq = ?1 AND status IN ('paid', 'completed')))
         WHERE seq = ?1",
    )
    .bind(seq)
    .bind(floor)
    .execute(conn)
    .await?;
    Ok(())
}

/// The changed fields between two versions of a customer.
pub(crate) fn record_changes(
    old: &CustomerRecord,
    new: &CustomerRecord,
    old_tags: &[String],
    new_tags: &[String],
) -> ChangeSet {
    let mut c = ChangeSet::default();
    macro_rules! field {
        ($name:literal, $f:ident) => {
            c.field($name, old.$f.as_ref(), new.$f.as_ref())
        };
    }
    c.field("name", Some(&old.name), Some(&new.name));
    c.field("kind", Some(&old.kind), Some(&new.kind));
    c.field("lifecycle", Some(&old.lifecycle), Some(&new.lifecycle));
    field!("externalId", external_id);
    field!("tier", tier);
    field!("industry", industry);
    field!("size", size);
    field!("source", source);
    field!("owner", owner);
    field!("country", country);
    field!("province", province);
    field!("city", city);
    field!("address", address);
    field!("company", company);
    field!("website", website);
    field!("notes", notes);
    let list = |v: &Vec<String>| Some(v.clone()).filter(|l| !l.is_empty());
    c.field("phones", list(&old.phones).as_ref(), list(&new.phones).as_ref());
    c.field("emails", list(&old.emails).as_ref(), list(&new.emails).as_ref());
    let (mut tags_old, mut tags_new) = (old_tags.to_vec(), new_tags.to_vec());
    tags_old.sort();
    tags_new.sort();
    c.field("tagIds", list(&tags_old).as_ref(), list(&tags_new).as_ref());
    let keys: std::collections::BTreeSet<&String> = old.custom.keys().chain(new.custom.keys()).collect();
    for k in keys {
        c.field(&format!("custom.{k}"), old.custom.get(k), new.custom.get(k));
    }
    c
}
