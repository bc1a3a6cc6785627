//! Creating, editing, trashing and restoring customers: validation, one transaction per change,
//! the search document and the change log kept in step with the row.

use super::model::{Customer, CustomerInput, Kind, TerritoryRef};
use super::store::{self, CustomerRow, NewCustomer, record_changes};
use super::validate::CustomerRecord;
use super::validate::validate;
use crate::access::assignment::Assignees;
use crate::access::territories::{load_map, territory_name};
use crate::access::{Access, Denial, OUTSIDE_SCOPE};
use crate::changelog::{self, ChangeOp, ChangeSet, HistoryEntry};
use crate::classification::fields::{FieldCatalog, FieldType, load_catalog};
use crate::error::{CoreError, CoreResult};
use crate::search::index;
use crate::{Actor, Crm};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// Key -> id of the multi-select dimensions, whose values are also written one per row; deleted
/// ones included, since a customer keeps their values for when the dimension is restored.
pub(crate) fn multi_field_ids(catalog: &FieldCatalog) -> HashMap<String, String> {
    catalog
        .fields
        .iter()
        .filter(|f| !f.builtin && f.field_type == FieldType::MultiSelect)
        .map(|f| (f.key.clone(), f.id.clone()))
        .collect()
}

/// The seqs of the given live tags, in the given order; an unknown id is an error.
pub(crate) async fn resolve_tags(conn: &mut SqliteConnection, ids: &[String]) -> CoreResult<(Vec<i64>, Vec<String>)> {
    let mut seqs = Vec::new();
    let mut kept = Vec::new();
    for id in ids {
        if kept.contains(id) {
            continue;
        }
        let seq: Option<i64> = sqlx::query_scalar("SELECT seq FROM tags WHERE id = ?1 AND deleted_at IS NULL")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        let seq =
            seq.ok_or_else(|| CoreError::invalid(format!("tag {id} does not exist (it may have been deleted)")))?;
        seqs.push(seq);
        kept.push(id.clone());
    }
    Ok((seqs, kept))
}

async fn check_external_id_free(
    conn: &mut SqliteConnection,
    external_id: Option<&str>,
    own_id: Option<&str>,
) -> CoreResult<()> {
    let Some(ext) = external_id else {
        return Ok(());
    };
    // An id a merge gave a customer stays with the merge (its undo gives it back), so not even
    // that customer takes it as its own.
    match super::external_ids::holder(conn, ext).await? {
        Some(holder) if holder.merged || Some(holder.id.as_str()) != own_id => Err(CoreError::conflict(holder.taken())),
        _ => Ok(()),
    }
}

pub(crate) async fn live_row(conn: &mut SqliteConnection, id: &str) -> CoreResult<CustomerRow> {
    let row =
        store::fetch_row(conn, id).await?.ok_or_else(|| CoreError::not_found(format!("no customer with id {id}")))?;
    if row.deleted_at.is_some() {
        return Err(CoreError::invalid(format!("customer '{}' is in the trash; restore it first", row.name)));
    }
    Ok(row)
}

/// Where a location outside the user's territories is named, for the refusal.
pub(crate) fn outside_territories(record: &CustomerRecord) -> String {
    let place: Vec<&str> =
        [&record.country, &record.province, &record.city].iter().filter_map(|p| p.as_deref()).collect();
    if place.is_empty() {
        "a customer without a province or city belongs to no territory, and you may only add customers to your own; fill in where the customer is".to_string()
    } else {
        format!("{} lies outside your territories; you may only add customers to your own", place.join("/"))
    }
}

/// A change of location that moves a customer to another territory is for managers and
/// administrators, and only into a territory they themselves work.
pub(crate) fn check_move(
    access: &Access,
    from: Option<i64>,
    to: Option<i64>,
    record: &CustomerRecord,
) -> Result<(), String> {
    if from == to {
        return Ok(());
    }
    if !access.may_reterritorialize() {
        return Err("this change of address moves the customer to another territory, which only a manager or administrator may do".to_string());
    }
    if !access.scope.contains(to) {
        return Err(outside_territories(record));
    }
    Ok(())
}

/// Validates and inserts a new customer inside the caller's transaction: its territory must be
/// one the user works, and its owner must work that territory. Returns the new id.
pub(crate) async fn insert_new_customer(
    tx: &mut SqliteConnection,
    stamp: &changelog::Stamp,
    access: &Access,
    input: &CustomerInput,
) -> Result<String, Denial> {
    let catalog = load_catalog(&mut *tx).await?;
    let record = validate(input, &catalog)?;
    let territory = load_map(&mut *tx).await?.territory_of(
        record.country.as_deref(),
        record.province.as_deref(),
        record.city.as_deref(),
    );
    if !access.scope.contains(territory) {
        return Err(Denial::Refused { action: "customer.create", reason: outside_territories(&record) });
    }
    if let Err(reason) = Assignees::load(&mut *tx).await?.check(record.owner.as_deref(), territory) {
        return Err(Denial::Refused { action: "customer.assign", reason });
    }
    let (tag_seqs, _) = resolve_tags(&mut *tx, &input.tag_ids).await?;
    check_external_id_free(&mut *tx, record.external_id.as_deref(), None).await?;
    let id = crate::new_id();
    let item = NewCustomer {
        seq: store::next_seq(&mut *tx).await?,
        id: id.clone(),
        prepared: store::Prepared::new(record, Vec::new()),
        tag_seqs,
        territory,
    };
    store::insert_batch(&mut *tx, stamp, vec![item], &multi_field_ids(&catalog)).await?;
    Ok(id)
}

/// A customer's new content, as an edit, a merge or an undone merge writes it.
pub(crate) struct WrittenRecord<'a> {
    pub record: &'a CustomerRecord,
    /// Live tags only: links to deleted tags are kept as they are.
    pub tag_seqs: &'a [i64],
    pub territory: Option<i64>,
    pub catalog: &'a FieldCatalog,
}

/// Writes an existing customer's new content in the caller's transaction (the row with a new
/// version, its option values, tag links and search entry; its deals and tickets follow a new
/// territory). The checks and the log entry are the caller's.
pub(crate) async fn write_record(
    tx: &mut SqliteConnection,
    stamp: &changelog::Stamp,
    row: &CustomerRow,
    w: WrittenRecord<'_>,
) -> CoreResult<()> {
    let (record, catalog) = (w.record, w.catalog);
    sqlx::query(
        "UPDATE customers SET external_id = ?2, name = ?3, name_sort = ?4, kind = ?5, lifecycle = ?6, tier = ?7,
                industry = ?8, size = ?9, source = ?10, owner = ?11, country = ?12, province = ?13, city = ?14,
                address = ?15, company = ?16, website = ?17, notes = ?18, phones = ?19, emails = ?20, custom = ?21,
                version = version + 1, updated_at = ?22, updated_by = ?23, territory = ?24
             WHERE id = ?1",
    )
    .bind(&row.id)
    .bind(&record.external_id)
    .bind(&record.name)
    .bind(&record.name_sort)
    .bind(super::model::Choice::key(record.kind))
    .bind(super::model::Choice::key(record.lifecycle))
    .bind(&record.tier)
    .bind(&record.industry)
    .bind(record.size.map(super::model::Choice::key))
    .bind(&record.source)
    .bind(&record.owner)
    .bind(&record.country)
    .bind(&record.province)
    .bind(&record.city)
    .bind(&record.address)
    .bind(&record.company)
    .bind(&record.website)
    .bind(&record.notes)
    .bind(serde_json::to_string(&record.phones)?)
    .bind(serde_json::to_string(&record.emails)?)
    .bind(serde_json::to_string(&record.custom)?)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .bind(w.territory)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM customer_multi_values WHERE customer_seq = ?1").bind(row.seq).execute(&mut *tx).await?;
    let multi_ids = multi_field_ids(catalog);
    let multi = store::multi_value_rows(row.seq, &record.custom, &multi_ids);
    store::insert_multi_values(&mut *tx, &multi).await?;
    // Links to deleted tags stay: deleting a tag must not lose what it was on.
    sqlx::query(
            "DELETE FROM customer_tags WHERE customer_seq = ?1 AND tag_seq IN (SELECT seq FROM tags WHERE deleted_at IS NULL)",
        )
        .bind(row.seq)
        .execute(&mut *tx)
        .await?;
    let links: Vec<_> = w.tag_seqs.iter().map(|t| vec![(*t).into(), row.seq.into()]).collect();
    store::insert_tag_links(&mut *tx, &links).await?;
    index::reindex(&mut *tx, row.seq).await?;
    if w.territory != row.territory {
        crate::sales::opportunities::follow_customer(&mut *tx, row.seq, w.territory).await?;
    }
    Ok(())
}

/// `write_record`, returning what changed (for the log) as `update_customer` records it, tags
/// included; for the writes that log the whole change at once (a merge, an import, an undo).
pub(crate) async fn write_and_diff(
    tx: &mut SqliteConnection,
    stamp: &changelog::Stamp,
    row: &CustomerRow,
    w: WrittenRecord<'_>,
) -> CoreResult<ChangeSet> {
    let old_tags = store::tag_ids_of_one(&mut *tx, row.seq).await?;
    let new_record = w.record;
    write_record(&mut *tx, stamp, row, w).await?;
    let new_tags = store::tag_ids_of_one(&mut *tx, row.seq).await?;
    Ok(record_changes(&row.record(), new_record, &old_tags, &new_tags))
}

impl Crm {
    /// Creates a customer in the territory of its location, which must be one the user works.
    pub async fn create_customer(&self, actor: &Actor, input: CustomerInput) -> CoreResult<Customer> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let id = match insert_new_customer(&mut tx, &stamp, &access, &input).await {
            Ok(id) => id,
            Err(denial) => {
                drop(tx);
                return Err(self.deny(&access.login, None, denial).await);
            }
        };
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Customer,
            &id,
            crate::workflow::engine::Trigger::Created,
        )
        .await?;
        tx.commit().await?;
        self.get_customer(actor, &id).await
    }

    /// Saves an edit. `expected_version` is the version the user started from: if someone else
    /// saved in between, the edit is refused with `conflict` instead of silently overwriting theirs.
    pub async fn update_customer(
        &self,
        actor: &Actor,
        id: &str,
        expected_version: i64,
        input: CustomerInput,
    ) -> CoreResult<Customer> {
        let access = self.access(actor).await?;
        let mut tx = self.db.begin_write().await?;
        let row = live_row(&mut tx, id).await?;
        if !access.scope.contains(row.territory) {
            drop(tx);
            return Err(self.refuse(&access.login, "customer.update", Some(id), OUTSIDE_SCOPE).await);
        }
        if row.version != expected_version {
            return Err(CoreError::conflict(format!(
                "customer '{}' was changed by {} at {} after you opened it; reload to see the changes",
                row.name, row.updated_by, row.updated_at
            )));
        }
        let catalog = load_catalog(&mut tx).await?;
        let mut record = validate(&input, &catalog)?;
        // Values of deleted dimensions are hidden, not discarded (the form cannot show them):
        // keep them, so that restoring the dimension brings them back.
        for (key, value) in row.record().custom {
            if catalog.get(&key).is_none() {
                record.custom.entry(key).or_insert(value);
            }
        }
        let (tag_seqs, tag_ids) = resolve_tags(&mut tx, &input.tag_ids).await?;
        check_external_id_free(&mut tx, record.external_id.as_deref(), Some(id)).await?;
        if record.kind == Kind::Individual {
            let contacts: i64 =
                sqlx::query_scalar("SELECT count(*) FROM contacts WHERE customer_id = ?1 AND deleted_at IS NULL")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if contacts > 0 {
                return Err(CoreError::invalid(format!(
                    "customer '{}' has {contacts} contact(s), so it cannot become an individual; remove the contacts first",
                    row.name
                )));
            }
        }
        let territory = load_map(&mut tx).await?.territory_of(
            record.country.as_deref(),
            record.province.as_deref(),
            record.city.as_deref(),
        );
        if let Err(reason) = check_move(&access, row.territory, territory, &record) {
            drop(tx);
            return Err(self.refuse(&access.login, "customer.move", Some(id), &reason).await);
        }
        // An owner kept from before is checked too when the customer changes territory.
        if (territory != row.territory || record.owner != row.owner)
            && let Err(reason) = Assignees::load(&mut tx).await?.check(record.owner.as_deref(), territory)
        {
            drop(tx);
            return Err(self.refuse(&access.login, "customer.assign", Some(id), &reason).await);
        }
        let old_tags = store::tag_ids_of_one(&mut tx, row.seq).await?;
        let mut changes = record_changes(&row.record(), &record, &old_tags, &tag_ids);
        if territory != row.territory {
            let (old, new) = (territory_name(&mut tx, row.territory).await?, territory_name(&mut tx, territory).await?);
            changes.field("territory", Some(&old), Some(&new));
        }
        if changes.is_empty() {
            tx.commit().await?;
            return self.get_customer(actor, id).await;
        }
        let stamp = self.stamp(actor);
        let written = WrittenRecord { record: &record, tag_seqs: &tag_seqs, territory, catalog: &catalog };
        write_record(&mut tx, &stamp, &row, written).await?;
        changelog::record_own(&mut tx, &stamp, "customer", id, ChangeOp::Update, changes.to_json()).await?;
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Customer,
            id,
            crate::workflow::engine::Trigger::Updated,
        )
        .await?;
        tx.commit().await?;
        self.get_customer(actor, id).await
    }

    /// Moves a customer to the trash: out of lists and search, everything kept for a restore.
    pub async fn delete_customer(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.customer_access(actor, id, "customer.delete").await?;
        let mut tx = self.db.begin_write().await?;
        let row = live_row(&mut tx, id).await?;
        let stamp = self.stamp(actor);
        sqlx::query("UPDATE customers SET deleted_at = ?2, version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1")
            .bind(id)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
        index::delete_doc(&mut tx, row.seq).await?;
        let mut changes = ChangeSet::default();
        changes.field("deletedAt", None, Some(&stamp.at));
        changelog::record_own(&mut tx, &stamp, "customer", id, ChangeOp::Delete, changes.to_json()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Brings a customer back from the trash: an administrator's action.
    pub async fn restore_customer(&self, actor: &Actor, id: &str) -> CoreResult<Customer> {
        self.admin_access(actor, "customer.restore").await?;
        let mut tx = self.db.begin_write().await?;
        let row = store::fetch_row(&mut tx, id)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no customer with id {id}")))?;
        let Some(deleted_at) = row.deleted_at.clone() else {
            return Err(CoreError::invalid(format!("customer '{}' is not in the trash", row.name)));
        };
        if let Some(survivor) = crate::dedupe::merge::merged_into(&mut tx, id).await? {
            return Err(CoreError::conflict(format!(
                "customer '{}' was merged into customer {survivor}; undo that merge to bring it back",
                row.name
            )));
        }
        let stamp = self.stamp(actor);
        sqlx::query("UPDATE customers SET deleted_at = NULL, version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1")
            .bind(id)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
        index::reindex(&mut tx, row.seq).await?;
        let mut changes = ChangeSet::default();
        changes.field("deletedAt", Some(&deleted_at), None);
        changelog::record_own(&mut tx, &stamp, "customer", id, ChangeOp::Restore, changes.to_json()).await?;
        tx.commit().await?;
        self.get_customer(actor, id).await
    }

    /// A customer by id, also when it is in the trash; only within the user's scope.
    pub async fn get_customer(&self, actor: &Actor, id: &str) -> CoreResult<Customer> {
        self.customer_access(actor, id, "customer.read").await?;
        let mut conn = self.db.reader.acquire().await?;
        let row = store::fetch_row(&mut conn, id)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no customer with id {id}")))?;
        let tags = store::tag_ids_of_one(&mut conn, row.seq).await?;
        let territory = match row.territory {
            Some(seq) => sqlx::query_as::<_, (String, String)>("SELECT id, name FROM territories WHERE seq = ?1")
                .bind(seq)
                .fetch_optional(&mut *conn)
                .await?
                .map(|(id, name)| TerritoryRef { id, name }),
            None => None,
        };
        Ok(Customer { territory, ..row.into_customer(tags) })
    }

    /// A customer by its external id (as imported, or given to it by a merge), for the CLI and
    /// imports.
    pub async fn find_by_external_id(&self, actor: &Actor, external_id: &str) -> CoreResult<Option<Customer>> {
        let mut conn = self.db.reader.acquire().await?;
        let holder = super::external_ids::holder(&mut conn, external_id).await?;
        drop(conn);
        match holder {
            Some(holder) => Ok(Some(self.get_customer(actor, &holder.id).await?)),
            None => Ok(None),
        }
    }

    /// Who changed what and when, for a customer and its contacts and activities; newest first.
    pub async fn customer_history(
        &self,
        actor: &Actor,
        id: &str,
        before_seq: Option<i64>,
        limit: u32,
    ) -> CoreResult<Vec<HistoryEntry>> {
        self.customer_access(actor, id, "customer.history").await?;
        changelog::history_of_root(&self.db.reader, id, before_seq, limit).await
    }
}
