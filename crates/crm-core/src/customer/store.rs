//! The SQL of customers: reading rows, the batched insert that creating one customer, importing a
//! million and generating demo data all go through, and the field-by-field diff for the log.

use super::model::{Choice, CustomValue, Customer, Kind, Lifecycle, Size};
use super::validate::CustomerRecord;
use crate::bulk::{Arg, insert_rows};
use crate::changelog::{ChangeOp, ChangeSet, Stamp};
use crate::contact::{self, ContactRecord};
use crate::error::CoreResult;
use crate::search::index::{self, ContactText};
use sqlx::{FromRow, SqliteConnection};
use std::collections::{BTreeMap, HashMap};

pub(crate) const CUSTOMER_SELECT: &str = "SELECT seq, id, external_id, name, name_sort, kind, lifecycle, tier, industry, size, \
     source, owner, country, province, city, address, company, website, notes, phones, emails, custom, version, \
     created_at, created_by, updated_at, updated_by, deleted_at FROM customers";

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
        }
    }
}

pub(crate) async fn fetch_row(conn: &mut SqliteConnection, id: &str) -> CoreResult<Option<CustomerRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{CUSTOMER_SELECT} WHERE id = ?1"))).bind(id).fetch_optional(conn).await?)
}

/// Live tag ids of each customer among `seqs`.
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

/// A customer about to be inserted, with everything that is written with it.
pub(crate) struct NewCustomer {
    pub seq: i64,
    pub id: String,
    pub record: CustomerRecord,
    pub tag_seqs: Vec<i64>,
    pub tag_ids: Vec<String>,
    pub contacts: Vec<ContactRecord>,
}

pub(crate) async fn next_seq(conn: &mut SqliteConnection) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM customers").fetch_one(conn).await?)
}

const INSERT_HEAD: &str = "INSERT INTO customers (seq, id, external_id, name, name_sort, kind, lifecycle, tier, industry, size, \
     source, owner, country, province, city, address, company, website, notes, phones, emails, custom, version, \
     created_at, created_by, updated_at, updated_by) VALUES ";

fn customer_args(c: &NewCustomer, stamp: &Stamp) -> CoreResult<Vec<Arg>> {
    let r = &c.record;
    Ok(vec![
        Arg::Int(c.seq),
        c.id.as_str().into(),
        r.external_id.clone().into(),
        r.name.as_str().into(),
        r.name_sort.as_str().into(),
        r.kind.key().into(),
        r.lifecycle.key().into(),
        r.tier.clone().into(),
        r.industry.clone().into(),
        r.size.map(|s| s.key().to_string()).into(),
        r.source.clone().into(),
        r.owner.clone().into(),
        r.country.clone().into(),
        r.province.clone().into(),
        r.city.clone().into(),
        r.address.clone().into(),
        r.company.clone().into(),
        r.website.clone().into(),
        r.notes.clone().into(),
        serde_json::to_string(&r.phones)?.into(),
        serde_json::to_string(&r.emails)?.into(),
        serde_json::to_string(&r.custom)?.into(),
        Arg::Int(1),
        stamp.at.as_str().into(),
        stamp.actor.as_str().into(),
        stamp.at.as_str().into(),
        stamp.actor.as_str().into(),
    ])
}

/// Rows of `customer_multi_values` for a record's multi-select values.
pub(crate) fn multi_value_rows(seq: i64, custom: &BTreeMap<String, CustomValue>, field_ids: &HashMap<String, String>) -> Vec<Vec<Arg>> {
    let mut rows = Vec::new();
    for (key, value) in custom {
        if let (CustomValue::Options(opts), Some(fid)) = (value, field_ids.get(key)) {
            for o in opts {
                rows.push(vec![fid.as_str().into(), o.as_str().into(), Arg::Int(seq)]);
            }
        }
    }
    rows
}

pub(crate) async fn insert_multi_values(conn: &mut SqliteConnection, rows: &[Vec<Arg>]) -> CoreResult<()> {
    insert_rows(conn, "INSERT INTO customer_multi_values (field_id, value, customer_seq) VALUES ", 3, rows).await
}

pub(crate) async fn insert_tag_links(conn: &mut SqliteConnection, rows: &[Vec<Arg>]) -> CoreResult<()> {
    insert_rows(conn, "INSERT OR IGNORE INTO customer_tags (tag_seq, customer_seq) VALUES ", 2, rows).await
}

/// Change-log rows are batched the same way as the records they describe.
pub(crate) fn log_row(stamp: &Stamp, entity: &str, entity_id: &str, root_id: &str, op: ChangeOp, changes: String) -> Vec<Arg> {
    vec![
        crate::new_id().into(),
        entity.into(),
        entity_id.into(),
        root_id.into(),
        op.as_str().into(),
        changes.into(),
        stamp.hlc.as_str().into(),
        stamp.actor.as_str().into(),
        stamp.at.as_str().into(),
    ]
}

pub(crate) async fn insert_log_rows(conn: &mut SqliteConnection, rows: &[Vec<Arg>]) -> CoreResult<()> {
    insert_rows(
        conn,
        "INSERT INTO change_log (change_id, entity, entity_id, root_id, op, changes, hlc, actor, at) VALUES ",
        9,
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
    items: &[NewCustomer],
    multi_field_ids: &HashMap<String, String>,
) -> CoreResult<()> {
    let mut customers = Vec::with_capacity(items.len());
    let mut multi = Vec::new();
    let mut links = Vec::new();
    let mut docs = Vec::with_capacity(items.len());
    let mut logs = Vec::with_capacity(items.len());
    let mut contact_rows = Vec::new();
    for c in items {
        customers.push(customer_args(c, stamp)?);
        multi.extend(multi_value_rows(c.seq, &c.record.custom, multi_field_ids));
        links.extend(c.tag_seqs.iter().map(|t| vec![Arg::Int(*t), Arg::Int(c.seq)]));
        let texts: Vec<ContactText<'_>> =
            c.contacts.iter().map(|k| ContactText { name: &k.name, phones: &k.phones, emails: &k.emails }).collect();
        let r = &c.record;
        docs.push(index::doc_row(c.seq, index::build_doc(&r.name, r.company.as_deref(), &r.phones, &r.emails, &texts)));
        let changes = record_changes(None, Some(r), &[], &c.tag_ids);
        logs.push(log_row(stamp, "customer", &c.id, &c.id, ChangeOp::Create, changes.to_json()));
        for k in &c.contacts {
            contact_rows.push((c.id.as_str(), k));
        }
    }
    insert_rows(conn, INSERT_HEAD, 27, &customers).await?;
    insert_multi_values(conn, &multi).await?;
    insert_tag_links(conn, &links).await?;
    index::insert_docs(conn, &docs).await?;
    insert_log_rows(conn, &logs).await?;
    contact::insert_batch(conn, stamp, &contact_rows).await?;
    Ok(())
}

/// The changed fields between two versions of a customer (None = did not exist).
pub(crate) fn record_changes(
    old: Option<&CustomerRecord>,
    new: Option<&CustomerRecord>,
    old_tags: &[String],
    new_tags: &[String],
) -> ChangeSet {
    let mut c = ChangeSet::default();
    macro_rules! field {
        ($name:literal, $f:ident) => {
            c.field($name, old.and_then(|o| o.$f.as_ref()), new.and_then(|n| n.$f.as_ref()))
        };
    }
    c.field("name", old.map(|o| &o.name), new.map(|n| &n.name));
    c.field("kind", old.map(|o| &o.kind), new.map(|n| &n.kind));
    c.field("lifecycle", old.map(|o| &o.lifecycle), new.map(|n| &n.lifecycle));
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
    let list = |v: Option<&Vec<String>>| v.filter(|l| !l.is_empty()).cloned();
    c.field("phones", list(old.map(|o| &o.phones)).as_ref(), list(new.map(|n| &n.phones)).as_ref());
    c.field("emails", list(old.map(|o| &o.emails)).as_ref(), list(new.map(|n| &n.emails)).as_ref());
    let mut tags_old = old_tags.to_vec();
    let mut tags_new = new_tags.to_vec();
    tags_old.sort();
    tags_new.sort();
    c.field("tagIds", Some(&tags_old).filter(|t| !t.is_empty()), Some(&tags_new).filter(|t| !t.is_empty()));
    let empty = BTreeMap::new();
    let old_custom = old.map_or(&empty, |o| &o.custom);
    let new_custom = new.map_or(&empty, |n| &n.custom);
    let keys: std::collections::BTreeSet<&String> = old_custom.keys().chain(new_custom.keys()).collect();
    for k in keys {
        c.field(&format!("custom.{k}"), old_custom.get(k), new_custom.get(k));
    }
    c
}
