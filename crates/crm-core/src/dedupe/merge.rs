//! Merging duplicate customers into one, and undoing it. One transaction each: the survivor
//! takes the chosen values and everything the others owned; the others go to the trash, marked
//! as merged, and the external ids they give up keep naming the survivor for later imports (see
//! `customer::external_ids`). The merge log keeps the survivor's row as it was and every record moved, so an
//! undo puts each back exactly (only the version and update stamps move on, so that devices
//! that synced the merge take the undo too).

use super::children::{self, Moves, Party};
use super::combine::combine;
use crate::access::assignment::Assignees;
use crate::access::territories::load_map;
use crate::access::{Denial, OUTSIDE_SCOPE};
use crate::changelog::{self, ChangeOp, ChangeSet};
use crate::classification::fields::load_catalog;
use crate::customer::external_ids;
use crate::customer::image::{CustomerImage, live_tag_seqs};
use crate::customer::model::Kind;
use crate::customer::service::{WrittenRecord, check_move, live_row, write_and_diff};
use crate::customer::store::{self, CustomerRow};
use crate::error::{CoreError, CoreResult};
use crate::search::index;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::BTreeMap;

/// At most this many customers are merged at once; a larger cluster is reviewed in parts.
pub const MAX_MERGED: usize = 20;

/// What the reviewer decided: who survives, who is merged into it, and for which fields another
/// customer's value is kept (field -> customer id; see `MERGE_FIELDS`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergeRequest {
    pub survivor_id: String,
    pub merged_ids: Vec<String>,
    #[serde(default)]
    pub picks: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergedCustomer {
    pub id: String,
    pub name: String,
}

/// One merge of the log, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergeEntry {
    pub id: String,
    pub survivor_id: String,
    pub survivor_name: String,
    pub merged: Vec<MergedCustomer>,
    /// Contacts, activities, leads, deals, tickets and orders moved to the survivor.
    pub moved_records: u32,
    pub merged_at: String,
    pub merged_by: String,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
}

/// The survivor as it was before the merge.
#[derive(Serialize, Deserialize)]
struct Before {
    #[serde(flatten)]
    image: CustomerImage,
    unsubscribed_at: Option<String>,
    last_active_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MergeRow {
    id: String,
    survivor_id: String,
    merged: String,
    before: String,
    moved: String,
    version_after: i64,
    merged_at: String,
    merged_by: String,
    undone_at: Option<String>,
    undone_by: Option<String>,
}

impl MergeRow {
    fn entry(&self, survivor_name: String) -> CoreResult<MergeEntry> {
        let moved: Moves = serde_json::from_str(&self.moved)?;
        Ok(MergeEntry {
            id: self.id.clone(),
            survivor_id: self.survivor_id.clone(),
            survivor_name,
            merged: serde_json::from_str::<Vec<StoredMerged>>(&self.merged)?
                .into_iter()
                .map(|m| MergedCustomer { id: m.id, name: m.name })
                .collect(),
            moved_records: moved.records.len() as u32,
            merged_at: self.merged_at.clone(),
            merged_by: self.merged_by.clone(),
            undone_at: self.undone_at.clone(),
            undone_by: self.undone_by.clone(),
        })
    }
}

const MERGE_SELECT: &str = "SELECT id, survivor_id, merged, before, moved, version_after, merged_at, merged_by, \
     undone_at, undone_by FROM customer_merges";
const NAMED_MERGE_SELECT: &str = "SELECT m.id, m.survivor_id, m.merged, m.before, m.moved, m.version_after, \
     m.merged_at, m.merged_by, m.undone_at, m.undone_by, c.name AS survivor_name \
     FROM customer_merges m JOIN customers c ON c.id = m.survivor_id";

/// The merge (not undone) that put this customer in the trash, if any.
pub(crate) async fn merged_into(conn: &mut SqliteConnection, customer_id: &str) -> CoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT m.survivor_id FROM customer_merges m, json_each(m.merged) j
         WHERE m.undone_at IS NULL AND json_extract(j.value, '$.id') = ?1",
    )
    .bind(customer_id)
    .fetch_optional(conn)
    .await?)
}

fn check_request(request: &MergeRequest) -> CoreResult<()> {
    if request.merged_ids.is_empty() {
        return Err(CoreError::invalid("choose at least one customer to merge into the survivor"));
    }
    if request.merged_ids.len() + 1 > MAX_MERGED {
        return Err(CoreError::invalid(format!("at most {MAX_MERGED} customers are merged at once")));
    }
    let mut all: Vec<&String> = request.merged_ids.iter().chain([&request.survivor_id]).collect();
    all.sort();
    if all.windows(2).any(|w| w[0] == w[1]) {
        return Err(CoreError::invalid("a customer is named twice in the merge (or merged into itself)"));
    }
    Ok(())
}

impl Crm {
    /// Merges customers into the survivor (see the module). Everyone merged must be within the
    /// user's scope; a survivor moved to another territory by the chosen location follows the
    /// rules of an edit.
    pub async fn merge_customers(&self, actor: &Actor, request: MergeRequest) -> CoreResult<MergeEntry> {
        check_request(&request)?;
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let mut rows: Vec<CustomerRow> = Vec::with_capacity(request.merged_ids.len() + 1);
        for id in [&request.survivor_id].into_iter().chain(&request.merged_ids) {
            let row = live_row(&mut tx, id).await?;
            if !access.scope.contains(row.territory) {
                drop(tx);
                return Err(self.refuse(&access.login, "customer.merge", Some(id), OUTSIDE_SCOPE).await);
            }
            rows.push(row);
        }
        let catalog = load_catalog(&mut tx).await?;
        let record = combine(&rows, &request.picks)?;
        let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
        if record.kind == Kind::Individual {
            let list = seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let contacts: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT count(*) FROM contacts WHERE deleted_at IS NULL
                 AND customer_id IN (SELECT id FROM customers WHERE seq IN ({list}))"
            )))
            .fetch_one(&mut *tx)
            .await?;
            if contacts > 0 {
                return Err(CoreError::invalid(format!(
                    "these customers have {contacts} contact(s), so the merged customer cannot be an individual; keep the type of an enterprise or government"
                )));
            }
        }
        let survivor = &rows[0];
        let territory = load_map(&mut tx).await?.territory_of(
            record.country.as_deref(),
            record.province.as_deref(),
            record.city.as_deref(),
        );
        let checked: Result<(), Denial> = async {
            check_move(&access, survivor.territory, territory, &record)
                .map_err(|reason| Denial::Refused { action: "customer.move", reason })?;
            if territory != survivor.territory || record.owner != survivor.owner {
                Assignees::load(&mut tx)
                    .await?
                    .check(record.owner.as_deref(), territory)
                    .map_err(|reason| Denial::Refused { action: "customer.assign", reason })?;
            }
            Ok(())
        }
        .await;
        if let Err(denial) = checked {
            drop(tx);
            return Err(self.deny(&access.login, Some(&survivor.id), denial).await);
        }
        let extra: (Option<String>, Option<String>) =
            sqlx::query_as("SELECT unsubscribed_at, last_active_at FROM customers WHERE seq = ?1")
                .bind(survivor.seq)
                .fetch_one(&mut *tx)
                .await?;
        let before = Before {
            image: CustomerImage::capture(&mut tx, survivor).await?,
            unsubscribed_at: extra.0,
            last_active_at: extra.1,
        };
        // The others give up their external ids first: the survivor may take one of them.
        let mut merged = Vec::new();
        for other in &rows[1..] {
            sqlx::query(
                "UPDATE customers SET deleted_at = ?2, external_id = NULL, version = version + 1, updated_at = ?2,
                    updated_by = ?3 WHERE seq = ?1",
            )
            .bind(other.seq)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
            index::delete_doc(&mut tx, other.seq).await?;
            let mut changes = ChangeSet::default();
            changes.field("deletedAt", None, Some(&stamp.at));
            changes.field("mergedInto", None, Some(&survivor.id));
            changes.field("externalId", other.external_id.as_ref(), None);
            changelog::record_own(&mut tx, &stamp, "customer", &other.id, ChangeOp::Delete, changes.to_json()).await?;
            merged.push(StoredMerged {
                id: other.id.clone(),
                name: other.name.clone(),
                seq: other.seq,
                external_id: other.external_id.clone(),
            });
        }
        // Moved first, so that writing the survivor indexes the contacts that came over.
        let parties: Vec<Party> = rows[1..].iter().map(|r| Party { seq: r.seq, id: &r.id }).collect();
        let moves =
            children::move_to_survivor(&mut tx, &stamp, &Party { seq: survivor.seq, id: &survivor.id }, &parties)
                .await?;
        let tag_seqs = live_tag_seqs(&mut tx, &seqs).await?;
        let written = WrittenRecord { record: &record, tag_seqs: &tag_seqs, territory, catalog: &catalog };
        let mut changes = write_and_diff(&mut tx, &stamp, survivor, written).await?;
        // Deals and tickets that came over take the survivor's territory.
        crate::sales::opportunities::follow_customer(&mut tx, survivor.seq, territory).await?;
        // The most recent activity of any of them; a stop of mail from any of them holds.
        let list = seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE customers SET
                last_active_at = (SELECT max(last_active_at) FROM customers WHERE seq IN ({list})),
                unsubscribed_at = (SELECT min(unsubscribed_at) FROM customers WHERE seq IN ({list}))
             WHERE seq = ?1"
        )))
        .bind(survivor.seq)
        .execute(&mut *tx)
        .await?;
        let names: Vec<&str> = merged.iter().map(|m| m.name.as_str()).collect();
        changes.field("merged", None, Some(&names));
        changelog::record_own(&mut tx, &stamp, "customer", &survivor.id, ChangeOp::Update, changes.to_json()).await?;
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Customer,
            &survivor.id,
            crate::workflow::engine::Trigger::Updated,
        )
        .await?;
        // Read after the rules ran: a rule that sets a field is part of the merge, not a later edit.
        let version_after: i64 = sqlx::query_scalar("SELECT version FROM customers WHERE seq = ?1")
            .bind(survivor.seq)
            .fetch_one(&mut *tx)
            .await?;
        let merge_id = crate::new_id();
        sqlx::query(
            "INSERT INTO customer_merges (id, survivor_id, merged, before, moved, version_after, merged_at, merged_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(&merge_id)
        .bind(&survivor.id)
        .bind(serde_json::to_string(&merged)?)
        .bind(serde_json::to_string(&before)?)
        .bind(serde_json::to_string(&moves)?)
        .bind(version_after)
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .execute(&mut *tx)
        .await?;
        // The ids the survivor does not keep still name it, for the next import from their system.
        let given_up: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.external_id.as_deref())
            .filter(|ext| record.external_id.as_deref() != Some(*ext))
            .collect();
        external_ids::give_to_survivor(&mut tx, survivor.seq, &merge_id, &given_up).await?;
        let entry = load_entry(&mut tx, &merge_id).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Undoes a merge: the survivor gets back its values, tags and territory, every moved record
    /// goes back to its customer, the merged customers leave the trash with their external ids.
    /// By whoever merged or an administrator; refused once the survivor was edited since.
    pub async fn undo_merge(&self, actor: &Actor, merge_id: &str) -> CoreResult<MergeEntry> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let row: Option<MergeRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{MERGE_SELECT} WHERE id = ?1")))
            .bind(merge_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Err(CoreError::not_found(format!("no merge '{merge_id}'")));
        };
        if !access.is_admin() && row.merged_by != access.login {
            drop(tx);
            return Err(self
                .refuse(
                    &access.login,
                    "customer.unmerge",
                    Some(&row.survivor_id),
                    "only whoever merged or an administrator undoes a merge",
                )
                .await);
        }
        if row.undone_at.is_some() {
            return Err(CoreError::conflict(format!("merge '{merge_id}' was already undone")));
        }
        let survivor = match store::fetch_row(&mut tx, &row.survivor_id).await? {
            Some(s) if s.deleted_at.is_none() => s,
            Some(s) => {
                return Err(CoreError::conflict(format!(
                    "customer '{}' was merged or trashed after this merge, which can no longer be undone",
                    s.name
                )));
            }
            None => return Err(CoreError::conflict("the customer this merge kept no longer exists")),
        };
        let merged: Vec<StoredMerged> = serde_json::from_str(&row.merged)?;
        // The customers to bring back must be where the merge left them, and the user's.
        let mut in_scope = access.scope.contains(survivor.territory);
        for m in &merged {
            let now: Option<(String, Option<i64>)> =
                sqlx::query_as("SELECT id, territory FROM customers WHERE seq = ?1 AND deleted_at IS NOT NULL")
                    .bind(m.seq)
                    .fetch_optional(&mut *tx)
                    .await?;
            match now {
                Some((id, territory)) if id == m.id => in_scope &= access.scope.contains(territory),
                _ => {
                    return Err(CoreError::conflict(format!(
                        "'{}' is no longer in the trash as this merge left it; the merge can no longer be undone",
                        m.name
                    )));
                }
            }
        }
        if !in_scope {
            drop(tx);
            return Err(self.refuse(&access.login, "customer.unmerge", Some(&row.survivor_id), OUTSIDE_SCOPE).await);
        }
        if survivor.version != row.version_after {
            return Err(CoreError::conflict(format!(
                "customer '{}' was changed by {} at {} after the merge; undoing it would throw that change away",
                survivor.name, survivor.updated_by, survivor.updated_at
            )));
        }
        let before: Before = serde_json::from_str(&row.before)?;
        let moves: Moves = serde_json::from_str(&row.moved)?;
        let catalog = load_catalog(&mut tx).await?;
        // Moved back first, so that writing each customer indexes its own contacts again.
        children::move_back(&mut tx, &stamp, &Party { seq: survivor.seq, id: &survivor.id }, &moves).await?;
        let mut changes = before.image.restore(&mut tx, &stamp, &survivor, &catalog).await?;
        sqlx::query("UPDATE customers SET unsubscribed_at = ?2 WHERE seq = ?1")
            .bind(survivor.seq)
            .bind(&before.unsubscribed_at)
            .execute(&mut *tx)
            .await?;
        changes.field("unmerged", None, Some(&merged.iter().map(|m| m.name.as_str()).collect::<Vec<_>>()));
        changelog::record_own(&mut tx, &stamp, "customer", &survivor.id, ChangeOp::Update, changes.to_json()).await?;
        external_ids::take_back(&mut tx, merge_id).await?;
        for m in &merged {
            if let Some(ext) = &m.external_id
                && external_ids::holder(&mut tx, ext).await?.is_some()
            {
                return Err(CoreError::conflict(format!(
                    "'{}' cannot get back its external id '{ext}': another customer has it now",
                    m.name
                )));
            }
            sqlx::query(
                "UPDATE customers SET deleted_at = NULL, external_id = ?2, version = version + 1, updated_at = ?3,
                    updated_by = ?4 WHERE seq = ?1",
            )
            .bind(m.seq)
            .bind(&m.external_id)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
            // Merged and back, it is as an earlier merge into it left it: that merge stays undoable.
            sqlx::query(
                "UPDATE customer_merges SET version_after = version_after + 2
                 WHERE survivor_id = ?1 AND undone_at IS NULL
                   AND version_after + 2 = (SELECT version FROM customers WHERE id = ?1)",
            )
            .bind(&m.id)
            .execute(&mut *tx)
            .await?;
            // Its deals and tickets, back with it, follow its territory again.
            let territory: Option<i64> = sqlx::query_scalar("SELECT territory FROM customers WHERE seq = ?1")
                .bind(m.seq)
                .fetch_one(&mut *tx)
                .await?;
            crate::sales::opportunities::follow_customer(&mut tx, m.seq, territory).await?;
            index::reindex(&mut tx, m.seq).await?;
            let mut changes = ChangeSet::default();
            changes.field("deletedAt", Some(&row.merged_at), None);
            changes.field("mergedInto", Some(&row.survivor_id), None);
            changes.field("externalId", None, m.external_id.as_ref());
            changelog::record_own(&mut tx, &stamp, "customer", &m.id, ChangeOp::Restore, changes.to_json()).await?;
        }
        // Last active as before the merge, unless the survivor was active since.
        store::recompute_last_active(&mut tx, survivor.seq, before.last_active_at.as_deref()).await?;
        sqlx::query("UPDATE customer_merges SET undone_at = ?2, undone_by = ?3 WHERE id = ?1")
            .bind(merge_id)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
        let entry = load_entry(&mut tx, merge_id).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Merges newest first, those whose survivor is within the user's scope.
    pub async fn merge_history(&self, actor: &Actor, limit: u32) -> CoreResult<Vec<MergeEntry>> {
        let access = self.access(actor).await?;
        let scope = access.scope.sql_condition("c.territory");
        let mut conn = self.db.reader.acquire().await?;
        let found: Vec<MergeRowWithName> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{NAMED_MERGE_SELECT} WHERE 1 = 1{scope} ORDER BY m.seq DESC LIMIT ?1"
        )))
        .bind(limit.min(1000))
        .fetch_all(&mut *conn)
        .await?;
        found.iter().map(|r| r.row.entry(r.survivor_name.clone())).collect()
    }
}

#[derive(sqlx::FromRow)]
struct MergeRowWithName {
    #[sqlx(flatten)]
    row: MergeRow,
    survivor_name: String,
}

/// A merged customer as the log stores it: with its seq, and the external id it gave up
/// (external ids are unique) for an undo to give back.
#[derive(Serialize, Deserialize)]
struct StoredMerged {
    id: String,
    name: String,
    seq: i64,
    external_id: Option<String>,
}

async fn load_entry(conn: &mut SqliteConnection, merge_id: &str) -> CoreResult<MergeEntry> {
    let found: MergeRowWithName = sqlx::query_as(sqlx::AssertSqlSafe(format!("{NAMED_MERGE_SELECT} WHERE m.id = ?1")))
        .bind(merge_id)
        .fetch_one(conn)
        .await?;
    found.row.entry(found.survivor_name)
}
