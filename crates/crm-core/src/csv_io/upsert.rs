//! Imports that update customers already stored: mode `update` changes only customers a row
//! matches, `upsert` also adds the rows that match none. A row matches by a key: the external
//! id (also one a merge gave the customer: the row then keeps the customer's own external id),
//! or any of its email addresses or phone numbers as the duplicate scan reads them (case,
//! +86 and punctuation aside), among the live customers the user may see (a trashed customer
//! matched by external id is refused: its external id is still taken).
//!
//! An update changes what the file says and keeps the rest: a cell left empty keeps the stored
//! value, phones, emails and tags from the file are added to the stored ones, and location
//! columns replace the location as a whole (a new city never lands in an old province). Each
//! updated customer's content before the import is kept with the batch for a revert.

use crate::access::assignment::Assignees;
use crate::access::places::TerritoryMap;
use crate::access::{Access, Scope};
use crate::changelog::{self, ChangeOp, Stamp};
use crate::classification::fields::FieldCatalog;
use crate::customer::external_ids::holder;
use crate::customer::image::CustomerImage;
use crate::customer::model::Kind;
use crate::customer::service::{WrittenRecord, check_move, write_and_diff};
use crate::customer::store::{CUSTOMER_SELECT, CustomerRow};
use crate::customer::validate::CustomerRecord;
use crate::dedupe::combine::{check_list_sizes, take, union};
use crate::dedupe::keys::{email_key, phone_key};
use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Every row is a new customer.
    #[default]
    Create,
    /// Every row updates the customer it matches; a row matching none is rejected.
    Update,
    /// A row updates the customer it matches, or becomes a new one.
    Upsert,
}

impl ImportMode {
    pub fn key(self) -> &'static str {
        match self {
            ImportMode::Create => "create",
            ImportMode::Update => "update",
            ImportMode::Upsert => "upsert",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MatchKey {
    #[default]
    ExternalId,
    Email,
    Phone,
}

/// The field some column of the file must fill: a new customer's name, or the key a row of an
/// update is matched by.
pub fn required_column(mode: ImportMode, key: MatchKey) -> &'static str {
    match mode {
        ImportMode::Create => "name",
        _ => key.label(),
    }
}

impl MatchKey {
    fn label(self) -> &'static str {
        match self {
            MatchKey::ExternalId => "external_id",
            MatchKey::Email => "email",
            MatchKey::Phone => "phone",
        }
    }

    /// The row's values of the key, as matched.
    pub(crate) fn values(self, record: &CustomerRecord) -> Vec<String> {
        let mut v: Vec<String> = match self {
            MatchKey::ExternalId => record.external_id.iter().cloned().collect(),
            MatchKey::Email => record.emails.iter().filter_map(|e| email_key(e)).collect(),
            MatchKey::Phone => record.phones.iter().filter_map(|p| phone_key(p)).collect(),
        };
        v.sort();
        v.dedup();
        v
    }
}

/// Finds the stored customer a row is about, among those the user may see: a customer outside
/// the user's territories is as unknown to an import as it is to a search.
pub(crate) struct Matcher {
    key: MatchKey,
    /// Email or phone key -> live customers in scope having it (read once: no index holds them).
    known: HashMap<String, Vec<i64>>,
    scope: Scope,
}

pub(crate) enum Found {
    None,
    One(i64),
    /// The row's external id was given up in a merge into this customer, which is updated and
    /// keeps its own external id.
    Merged(i64),
    /// The row's key names a customer in the trash, or several customers.
    Refused(String),
}

impl Matcher {
    pub async fn load(conn: &mut SqliteConnection, key: MatchKey, scope: &Scope) -> CoreResult<Matcher> {
        let mut known: HashMap<String, Vec<i64>> = HashMap::new();
        if key != MatchKey::ExternalId {
            let column = if key == MatchKey::Email { "emails" } else { "phones" };
            let in_scope = scope.sql_condition("territory");
            let mut after = 0i64;
            loop {
                let rows: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT seq, {column} FROM customers WHERE deleted_at IS NULL AND seq > ?1 AND {column} <> '[]'{in_scope}
                     ORDER BY seq LIMIT 20000"
                )))
                .bind(after)
                .fetch_all(&mut *conn)
                .await?;
                let Some(last) = rows.last() else { break };
                after = last.0;
                for (seq, json) in rows {
                    let values: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
                    let keyed =
                        values.iter().filter_map(|v| if key == MatchKey::Email { email_key(v) } else { phone_key(v) });
                    for k in keyed {
                        let seqs = known.entry(k).or_default();
                        if !seqs.contains(&seq) {
                            seqs.push(seq);
                        }
                    }
                }
            }
        }
        Ok(Matcher { key, known, scope: scope.clone() })
    }

    pub async fn find(&self, conn: &mut SqliteConnection, record: &CustomerRecord) -> CoreResult<Found> {
        let values = self.key.values(record);
        let mut seqs: Vec<i64> = Vec::new();
        if self.key == MatchKey::ExternalId {
            for ext in &values {
                match holder(conn, ext).await?.filter(|h| self.scope.contains(h.territory)) {
                    Some(h) if h.deleted_at.is_some() => {
                        return Ok(Found::Refused(format!(
                            "the customer with external_id '{ext}' is in the trash; restore it first"
                        )));
                    }
                    Some(h) if h.merged => return Ok(Found::Merged(h.seq)),
                    Some(h) => seqs.push(h.seq),
                    None => {}
                }
            }
        } else {
            for v in &values {
                seqs.extend(self.known.get(v).into_iter().flatten());
            }
        }
        seqs.sort();
        seqs.dedup();
        Ok(match seqs.as_slice() {
            [] => Found::None,
            [one] => Found::One(*one),
            many => Found::Refused(format!(
                "its {} matches {} customers; merge those duplicates first or match by another key",
                self.key.label(),
                many.len()
            )),
        })
    }

    pub fn no_match(&self, record: &CustomerRecord) -> String {
        match self.key.values(record).as_slice() {
            [] => format!("has no {} to find the customer by", self.key.label()),
            values => format!("no customer has the {} {}", self.key.label(), values.join(", ")),
        }
    }
}

/// The stored record with what the row gives over it (see the module).
pub(crate) fn overlay(into: &mut CustomerRecord, from: &CustomerRecord, given: &[String]) -> Result<(), String> {
    let location = ["country", "province", "city", "address"];
    if given.iter().any(|g| location.contains(&g.as_str())) {
        into.country = from.country.clone();
        into.province = from.province.clone();
        into.city = from.city.clone();
        into.address = from.address.clone();
    }
    for field in given {
        let merge_field = match field.as_str() {
            "phone" => {
                union(&mut into.phones, &from.phones, phone_key);
                continue;
            }
            "email" => {
                union(&mut into.emails, &from.emails, email_key);
                continue;
            }
            "tags" | "country" | "province" | "city" | "address" => continue,
            "external_id" => "externalId".to_string(),
            "name" | "kind" | "lifecycle" | "tier" | "industry" | "size" | "source" | "owner" | "company"
            | "website" | "notes" => field.clone(),
            custom => format!("custom.{custom}"),
        };
        take(into, from, &merge_field).map_err(|e| e.message)?;
    }
    check_list_sizes(into).map_err(|e| format!("the customer would have {e}"))
}

/// What an updated customer was, for the revert.
pub(crate) struct UpdatedCustomer {
    pub seq: i64,
    pub before: CustomerImage,
    pub version_after: i64,
}

/// What an update needs from the import around it.
pub(crate) struct UpdateContext<'a> {
    pub access: &'a Access,
    pub territories: &'a TerritoryMap,
    pub assignees: &'a Assignees,
    pub catalog: &'a FieldCatalog,
    pub stamp: &'a Stamp,
}

pub(crate) async fn fetch_by_seq(conn: &mut SqliteConnection, seq: i64) -> CoreResult<CustomerRow> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{CUSTOMER_SELECT} WHERE seq = ?1")))
        .bind(seq)
        .fetch_one(conn)
        .await?)
}

/// A matched customer with the row's values over it, checked and ready to be written.
pub(crate) struct CheckedUpdate {
    stored: CustomerRow,
    record: CustomerRecord,
    territory: Option<i64>,
}

/// Checks what a row would make of the customer it matched; `Ok(Err(reason))` rejects the row.
pub(crate) async fn check_update(
    conn: &mut SqliteConnection,
    cx: &UpdateContext<'_>,
    seq: i64,
    row: &CustomerRecord,
    given: &[String],
) -> CoreResult<Result<CheckedUpdate, String>> {
    let stored = fetch_by_seq(conn, seq).await?;
    if !cx.access.scope.contains(stored.territory) {
        return Ok(Err(format!("customer '{}' lies outside your territories", stored.name)));
    }
    let mut record = stored.record();
    if let Err(reason) = overlay(&mut record, row, given) {
        return Ok(Err(reason));
    }
    if record.kind == Kind::Individual && stored.record().kind != Kind::Individual {
        let contacts: i64 =
            sqlx::query_scalar("SELECT count(*) FROM contacts WHERE customer_id = ?1 AND deleted_at IS NULL")
                .bind(&stored.id)
                .fetch_one(&mut *conn)
                .await?;
        if contacts > 0 {
            return Ok(Err(format!(
                "customer '{}' has {contacts} contact(s), so it cannot become an individual",
                stored.name
            )));
        }
    }
    if let Some(ext) = record.external_id.as_deref().filter(|e| stored.external_id.as_deref() != Some(*e))
        && let Some(holder) = holder(conn, ext).await?.filter(|h| h.merged || h.seq != stored.seq)
    {
        return Ok(Err(holder.taken()));
    }
    let territory =
        cx.territories.territory_of(record.country.as_deref(), record.province.as_deref(), record.city.as_deref());
    if let Err(reason) = check_move(cx.access, stored.territory, territory, &record) {
        return Ok(Err(reason));
    }
    if (territory != stored.territory || record.owner != stored.owner)
        && let Err(reason) = cx.assignees.check(record.owner.as_deref(), territory)
    {
        return Ok(Err(reason));
    }
    Ok(Ok(CheckedUpdate { stored, record, territory }))
}

/// Writes a checked update with the row's tags added; None when it changes nothing.
pub(crate) async fn write_update(
    conn: &mut SqliteConnection,
    cx: &UpdateContext<'_>,
    update: CheckedUpdate,
    new_tags: &[i64],
) -> CoreResult<Option<UpdatedCustomer>> {
    let CheckedUpdate { stored, record, territory } = update;
    let before = CustomerImage::capture(conn, &stored).await?;
    let mut tag_seqs = before.tag_seqs.clone();
    for t in new_tags {
        if !tag_seqs.contains(t) {
            tag_seqs.push(*t);
        }
    }
    if record == before.record && tag_seqs.len() == before.tag_seqs.len() && territory == stored.territory {
        return Ok(None);
    }
    let written = WrittenRecord { record: &record, tag_seqs: &tag_seqs, territory, catalog: cx.catalog };
    let changes = write_and_diff(conn, cx.stamp, &stored, written).await?;
    changelog::record_own(conn, cx.stamp, "customer", &stored.id, ChangeOp::Update, changes.to_json()).await?;
    Ok(Some(UpdatedCustomer { seq: stored.seq, before, version_after: stored.version + 1 }))
}

/// Keeps the updated customers' content before the import with its batch.
pub(crate) async fn record_updates(
    conn: &mut SqliteConnection,
    batch: &str,
    updates: &[UpdatedCustomer],
) -> CoreResult<()> {
    for u in updates {
        sqlx::query(
            "INSERT INTO import_updates (batch_id, customer_seq, before, version_after) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(batch)
        .bind(u.seq)
        .bind(serde_json::to_string(&u.before)?)
        .bind(u.version_after)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Writes back what a batch's updates changed; refused whole if any of those customers was
/// changed since (that change would be lost).
pub(crate) async fn revert_updates(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    catalog: &FieldCatalog,
    batch: &str,
) -> CoreResult<()> {
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT customer_seq, before, version_after FROM import_updates WHERE batch_id = ?1")
            .bind(batch)
            .fetch_all(&mut *conn)
            .await?;
    for (seq, before, version_after) in rows {
        let stored = fetch_by_seq(conn, seq).await?;
        if stored.version != version_after || stored.deleted_at.is_some() {
            return Err(CoreError::conflict(format!(
                "customer '{}' was changed by {} at {} after this import; reverting it would lose that change",
                stored.name, stored.updated_by, stored.updated_at
            )));
        }
        let before: CustomerImage = serde_json::from_str(&before)?;
        let changes = before.restore(conn, stamp, &stored, catalog).await?;
        changelog::record_own(conn, stamp, "customer", &stored.id, ChangeOp::Update, changes.to_json()).await?;
    }
    Ok(())
}
