//! Creating, editing, moving and deleting opportunities (商机); reads are in
//! `opportunity_reads.rs`. An opportunity belongs to a customer and is seen within that
//! customer's territory; its owner, a manager or an administrator changes it.

use super::opportunity_model::{
    LineItem, OPPORTUNITY_SELECT, Opportunity, OpportunityInput, OpportunityRecord, OpportunityRow, StageRef,
    validate_opportunity,
};
use super::opportunity_reads::items_of;
pub use super::opportunity_reads::{BoardColumn, CurrencyAmount, OpportunityListRequest, OpportunityPage};
use super::stages::{StageOutcome, StageRow, load_stages};
use crate::access::{Access, OUTSIDE_SCOPE};
use crate::changelog::{self, CREATED, ChangeOp, ChangeSet, LogRow, Stamp};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use sqlx::SqliteConnection;

/// `reached` of a won opportunity: past every open stage.
const REACHED_WON: i64 = 1_000_000;

/// May this user change the opportunity?
pub(crate) fn may_edit(access: &Access, owner: &str) -> bool {
    access.may_reterritorialize() || owner.eq_ignore_ascii_case(&access.login)
}

pub(crate) fn stage_ref(s: &StageRow) -> StageRef {
    StageRef {
        id: s.id.clone(),
        key: s.key.clone(),
        name_zh: s.name_zh.clone(),
        name_en: s.name_en.clone(),
        outcome: s.outcome(),
    }
}

/// How far an opportunity in `stage` got: a lost one no further than before (nothing, when it
/// starts lost).
fn reached_at(stage: &StageRow) -> i64 {
    match stage.outcome() {
        StageOutcome::Won => REACHED_WON,
        StageOutcome::Lost => 0,
        StageOutcome::Open => stage.position,
    }
}

/// The stage an opportunity goes to: the given one, or the first open stage.
pub(crate) fn pick_stage(stages: Vec<StageRow>, id: Option<&str>) -> CoreResult<StageRow> {
    match id.map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => stages
            .into_iter()
            .find(|s| s.id == id || s.key == id)
            .ok_or_else(|| CoreError::invalid(format!("there is no stage '{id}'"))),
        None => stages
            .into_iter()
            .find(|s| s.outcome() == StageOutcome::Open)
            .ok_or_else(|| CoreError::internal("no open stage is configured")),
    }
}

/// The sign-in name of the owner: an active sales user, manager or administrator who works the
/// customer's territory. Returns the refusal reason when the owner may not have it.
pub(crate) async fn check_owner(
    conn: &mut SqliteConnection,
    name: &str,
    territory: Option<i64>,
) -> CoreResult<Result<String, String>> {
    let (login, scope) = crate::access::assignment::active_seller(&mut *conn, name, "opportunities").await?;
    if !scope.contains(territory) {
        return Ok(Err(format!(
            "{login} works other territories than this customer's, so the opportunity cannot be theirs"
        )));
    }
    Ok(Ok(login))
}

/// Inserts an opportunity, its items, its first stage change and its log row inside the
/// caller's transaction. Returns the new id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_opportunity(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    customer_id: &str,
    contact_id: Option<&str>,
    lead_id: Option<&str>,
    territory: Option<i64>,
    stage: &StageRow,
    owner: &str,
    r: &OpportunityRecord,
) -> CoreResult<String> {
    let id = crate::new_id();
    let closed = (stage.outcome() != StageOutcome::Open).then_some(stamp.at.as_str());
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO opportunities (id, name, customer_id, contact_id, lead_id, stage_seq, amount, currency, probability,
            expected_close, owner, lost_reason, closed_at, reached, notes, created_at, created_by, updated_at, updated_by,
            territory)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?16, ?17, ?18) RETURNING seq",
    )
    .bind(&id)
    .bind(&r.name)
    .bind(customer_id)
    .bind(contact_id)
    .bind(lead_id)
    .bind(stage.seq)
    .bind(r.amount)
    .bind(&r.currency)
    .bind(r.probability)
    .bind(&r.expected_close)
    .bind(owner)
    .bind(&r.lost_reason)
    .bind(closed)
    .bind(reached_at(stage))
    .bind(&r.notes)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .bind(territory)
    .fetch_one(&mut *conn)
    .await?;
    write_items(conn, seq, &r.items).await?;
    record_stage_change(conn, stamp, seq, None, stage.seq, r.lost_reason.as_deref()).await?;
    changelog::record(
        conn,
        stamp,
        LogRow {
            entity: "opportunity",
            entity_id: &id,
            root_id: customer_id,
            op: ChangeOp::Create,
            changes: CREATED.into(),
        },
    )
    .await?;
    Ok(id)
}

async fn write_items(conn: &mut SqliteConnection, seq: i64, items: &[LineItem]) -> CoreResult<()> {
    sqlx::query("DELETE FROM opportunity_items WHERE opportunity_seq = ?1").bind(seq).execute(&mut *conn).await?;
    for (i, item) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO opportunity_items (opportunity_seq, position, product, quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(seq)
        .bind(i as i64 + 1)
        .bind(&item.product)
        .bind(item.quantity)
        .bind(item.unit_price)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn record_stage_change(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    seq: i64,
    from: Option<i64>,
    to: i64,
    reason: Option<&str>,
) -> CoreResult<()> {
    sqlx::query(
        "INSERT INTO opportunity_stage_changes (opportunity_seq, at, actor, from_stage, to_stage, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(seq)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .bind(from)
    .bind(to)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) async fn opportunity_row(conn: &mut SqliteConnection, id: &str) -> CoreResult<OpportunityRow> {
    sqlx::query_as::<_, OpportunityRow>(sqlx::AssertSqlSafe(format!("{OPPORTUNITY_SELECT} WHERE o.id = ?1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| CoreError::not_found(format!("no opportunity with id {id}")))
}

impl Crm {
    pub async fn create_opportunity(&self, actor: &Actor, input: OpportunityInput) -> CoreResult<Opportunity> {
        let access = self.customer_access(actor, &input.customer_id, "opportunity.create").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let stage = pick_stage(load_stages(&mut tx).await?, input.stage_id.as_deref())?;
        let record = validate_opportunity(&input, &stage)?;
        let (territory, deleted): (Option<i64>, Option<String>) =
            sqlx::query_as("SELECT territory, deleted_at FROM customers WHERE id = ?1")
                .bind(&input.customer_id)
                .fetch_one(&mut *tx)
                .await?;
        if deleted.is_some() {
            return Err(CoreError::invalid("the customer is in the trash; restore it first"));
        }
        check_contact(&mut tx, &input.customer_id, input.contact_id.as_deref()).await?;
        let owner_name = input.owner.clone().unwrap_or_else(|| access.login.clone());
        let owner = match check_owner(&mut tx, &owner_name, territory).await? {
            Ok(login) => login,
            Err(reason) => {
                drop(tx);
                return Err(self.refuse(&access.login, "opportunity.assign", Some(&input.customer_id), &reason).await);
            }
        };
        let contact = input.contact_id.as_deref().filter(|c| !c.trim().is_empty());
        let id =
            insert_opportunity(&mut tx, &stamp, &input.customer_id, contact, None, territory, &stage, &owner, &record)
                .await?;
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Opportunity,
            &id,
            crate::workflow::engine::Trigger::Created,
        )
        .await?;
        tx.commit().await?;
        self.get_opportunity(actor, &id).await.map(|d| d.opportunity)
    }

    /// Saves an edit, including a change of stage. `expected_version` guards against
    /// overwriting someone else's save.
    pub async fn update_opportunity(
        &self,
        actor: &Actor,
        id: &str,
        expected_version: i64,
        input: OpportunityInput,
    ) -> CoreResult<Opportunity> {
        let (access, row) = self.opportunity_for_change(actor, id, "opportunity.update").await?;
        if input.customer_id != row.customer_id {
            return Err(CoreError::invalid(
                "an opportunity stays with its customer; create a new one for another customer",
            ));
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let row = opportunity_row(&mut tx, id).await?;
        // Checked again on the row as it is now: it may have moved or changed hands meanwhile.
        if !access.scope.contains(row.territory) || !may_edit(&access, &row.owner) {
            drop(tx);
            let reason = "this opportunity is outside your territories or owned by someone else";
            return Err(self.refuse(&access.login, "opportunity.update", Some(id), reason).await);
        }
        if row.version != expected_version {
            return Err(CoreError::conflict(format!(
                "opportunity '{}' was changed by {} at {} after you opened it; reload to see the changes",
                row.name, row.updated_by, row.updated_at
            )));
        }
        let stages = load_stages(&mut tx).await?;
        let stage = pick_stage(stages, input.stage_id.as_deref().or(Some(&row.stage_id)))?;
        let record = validate_opportunity(&input, &stage)?;
        check_contact(&mut tx, &row.customer_id, input.contact_id.as_deref()).await?;
        let owner = match input.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            Some(o) if !o.eq_ignore_ascii_case(&row.owner) => match check_owner(&mut tx, o, row.territory).await? {
                Ok(login) => login,
                Err(reason) => {
                    drop(tx);
                    return Err(self.refuse(&access.login, "opportunity.assign", Some(id), &reason).await);
                }
            },
            _ => row.owner.clone(),
        };
        let old_items = items_of(&mut tx, row.seq).await?;
        let mut changes = ChangeSet::default();
        changes.field("name", Some(&row.name), Some(&record.name));
        changes.field("stage", Some(&row.name_en), Some(&stage.name_en));
        changes.field("amount", Some(&row.amount), Some(&record.amount));
        changes.field("currency", Some(&row.currency), Some(&record.currency));
        changes.field("probability", Some(&row.probability), Some(&record.probability));
        changes.field("expectedClose", row.expected_close.as_ref(), record.expected_close.as_ref());
        changes.field("owner", Some(&row.owner), Some(&owner));
        changes.field("lostReason", row.lost_reason.as_ref(), record.lost_reason.as_ref());
        changes.field("notes", row.notes.as_ref(), record.notes.as_ref());
        changes.field("contact", row.contact_id.as_ref(), input.contact_id.as_ref());
        changes.field("items", Some(&old_items), Some(&record.items));
        if changes.is_empty() {
            tx.commit().await?;
            return self.get_opportunity(actor, id).await.map(|d| d.opportunity);
        }
        let stage_changed = stage.seq != row.stage_seq;
        let closed_at = match (stage.outcome(), stage_changed) {
            (StageOutcome::Open, _) => None,
            (_, true) => Some(stamp.at.clone()),
            (_, false) => row.closed_at.clone(),
        };
        sqlx::query(
            "UPDATE opportunities SET name = ?2, contact_id = ?3, stage_seq = ?4, amount = ?5, currency = ?6, probability = ?7,
                expected_close = ?8, owner = ?9, lost_reason = ?10, closed_at = ?11, reached = max(reached, ?12), notes = ?13,
                version = version + 1, updated_at = ?14, updated_by = ?15
             WHERE seq = ?1",
        )
        .bind(row.seq)
        .bind(&record.name)
        .bind(input.contact_id.as_deref().filter(|c| !c.trim().is_empty()))
        .bind(stage.seq)
        .bind(record.amount)
        .bind(&record.currency)
        .bind(record.probability)
        .bind(&record.expected_close)
        .bind(&owner)
        .bind(&record.lost_reason)
        .bind(closed_at)
        .bind(reached_at(&stage))
        .bind(&record.notes)
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .execute(&mut *tx)
        .await?;
        write_items(&mut tx, row.seq, &record.items).await?;
        if stage_changed {
            record_stage_change(
                &mut tx,
                &stamp,
                row.seq,
                Some(row.stage_seq),
                stage.seq,
                record.lost_reason.as_deref(),
            )
            .await?;
        }
        changelog::record(
            &mut tx,
            &stamp,
            LogRow {
                entity: "opportunity",
                entity_id: id,
                root_id: &row.customer_id,
                op: ChangeOp::Update,
                changes: changes.to_json(),
            },
        )
        .await?;
        let trigger = if stage_changed {
            crate::workflow::engine::Trigger::StatusChanged
        } else {
            crate::workflow::engine::Trigger::Updated
        };
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Opportunity,
            id,
            trigger,
        )
        .await?;
        tx.commit().await?;
        self.get_opportunity(actor, id).await.map(|d| d.opportunity)
    }

    /// Moves an opportunity to another stage (the kanban drag); lost needs a reason.
    pub async fn move_opportunity(
        &self,
        actor: &Actor,
        id: &str,
        stage_id: &str,
        lost_reason: Option<String>,
    ) -> CoreResult<Opportunity> {
        let (_, row) = self.opportunity_for_change(actor, id, "opportunity.move").await?;
        let mut input = OpportunityInput {
            name: row.name.clone(),
            customer_id: row.customer_id.clone(),
            contact_id: row.contact_id.clone(),
            stage_id: Some(stage_id.to_string()),
            amount: row.amount,
            currency: Some(row.currency.clone()),
            probability: None,
            expected_close: row.expected_close.clone(),
            owner: None,
            lost_reason: lost_reason.or(row.lost_reason.clone()),
            items: Vec::new(),
            notes: row.notes.clone(),
        };
        let mut conn = self.db.reader.acquire().await?;
        input.items = items_of(&mut conn, row.seq).await?;
        drop(conn);
        if stage_id == row.stage_id {
            input.probability = Some(row.probability);
        }
        self.update_opportunity(actor, id, row.version, input).await
    }

    /// Moves an opportunity to the trash (its owner, a manager or an administrator).
    pub async fn delete_opportunity(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        let (access, _) = self.opportunity_for_change(actor, id, "opportunity.delete").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let row = opportunity_row(&mut tx, id).await?;
        if !access.scope.contains(row.territory) || !may_edit(&access, &row.owner) {
            drop(tx);
            let reason = "this opportunity is outside your territories or owned by someone else";
            return Err(self.refuse(&access.login, "opportunity.delete", Some(id), reason).await);
        }
        sqlx::query("UPDATE opportunities SET deleted_at = ?2, updated_at = ?2, updated_by = ?3, version = version + 1 WHERE seq = ?1")
            .bind(row.seq)
            .bind(&stamp.at)
            .bind(&stamp.actor)
            .execute(&mut *tx)
            .await?;
        let mut changes = ChangeSet::default();
        changes.field("deletedAt", None, Some(&stamp.at));
        changelog::record(
            &mut tx,
            &stamp,
            LogRow {
                entity: "opportunity",
                entity_id: id,
                root_id: &row.customer_id,
                op: ChangeOp::Delete,
                changes: changes.to_json(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Resolves the actor and reads an opportunity they may see (refused and recorded otherwise).
    pub(crate) async fn opportunity_in_scope(
        &self,
        actor: &Actor,
        id: &str,
        action: &str,
    ) -> CoreResult<(Access, OpportunityRow)> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let row = opportunity_row(&mut conn, id).await?;
        drop(conn);
        if !access.scope.contains(row.territory) {
            return Err(self.refuse(&access.login, action, Some(id), OUTSIDE_SCOPE).await);
        }
        Ok((access, row))
    }

    /// As [`Self::opportunity_in_scope`], and the user must be its owner, a manager or an admin.
    async fn opportunity_for_change(
        &self,
        actor: &Actor,
        id: &str,
        action: &str,
    ) -> CoreResult<(Access, OpportunityRow)> {
        let (access, row) = self.opportunity_in_scope(actor, id, action).await?;
        if !may_edit(&access, &row.owner) {
            let reason = "this opportunity is owned by someone else; only its owner or a manager may change it";
            return Err(self.refuse(&access.login, action, Some(id), reason).await);
        }
        Ok((access, row))
    }
}

/// Moves a customer's opportunities and tickets with it to its new territory.
pub(crate) async fn follow_customer(
    conn: &mut SqliteConnection,
    customer_seq: i64,
    territory: Option<i64>,
) -> CoreResult<()> {
    for table in ["opportunities", "tickets"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET territory = ?2 WHERE customer_id = (SELECT id FROM customers WHERE seq = ?1)"
        )))
        .bind(customer_seq)
        .bind(territory)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A contact named on an opportunity must be a live contact of its customer.
pub(crate) async fn check_contact(
    conn: &mut SqliteConnection,
    customer_id: &str,
    contact_id: Option<&str>,
) -> CoreResult<()> {
    let Some(contact) = contact_id.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM contacts WHERE id = ?1 AND customer_id = ?2 AND deleted_at IS NULL")
            .bind(contact)
            .bind(customer_id)
            .fetch_optional(conn)
            .await?;
    found.map(|_| ()).ok_or_else(|| CoreError::invalid("the contact is not one of this customer's contacts"))
}
