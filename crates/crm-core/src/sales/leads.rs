//! Entering, editing and reading leads, and the store functions every lead write uses. Lists are
//! in `lead_list.rs`; changes of status and owner in `lead_actions.rs`, each of them through
//! [`write_transition`].

pub use super::lead_list::{LeadListRequest, LeadPage};
use super::lead_machine::{LeadAction, LeadStatus, Standing, next_status, permitted};
use super::lead_model::{
    LEAD_SELECT, Lead, LeadDetail, LeadInput, LeadOrigin, LeadRecord, LeadRow, LeadTransition, validate_lead,
};
use super::pool::PoolRules;
use super::rule_engine::RuleEngine;
use crate::access::{Access, Role};
use crate::activity::{Activity, ActivityKind};
use crate::bulk::{Arg, insert_rows};
use crate::changelog::{self, CREATED, ChangeOp, ChangeSet, Stamp};
use crate::customer::model::Choice;
use crate::customer::store::{insert_log_rows, log_row};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use sqlx::SqliteConnection;

/// A lead about to be inserted.
pub(crate) struct NewLead {
    pub seq: i64,
    pub id: String,
    pub record: LeadRecord,
    pub territory: Option<i64>,
    pub origin: LeadOrigin,
    pub status: LeadStatus,
    pub owner: Option<String>,
}

pub(crate) async fn next_lead_seq(conn: &mut SqliteConnection) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM leads").fetch_one(conn).await?)
}

/// Inserts leads with their first transition and log rows inside the caller's transaction.
pub(crate) async fn insert_leads(conn: &mut SqliteConnection, stamp: &Stamp, leads: &[NewLead]) -> CoreResult<()> {
    let mut rows = Vec::with_capacity(leads.len());
    let mut transitions = Vec::with_capacity(leads.len());
    let mut logs = Vec::with_capacity(leads.len());
    for l in leads {
        let r = &l.record;
        rows.push(vec![
            l.seq.into(),
            (&l.id).into(),
            (&r.name).into(),
            (&r.company).into(),
            (&r.phone).into(),
            (&r.email).into(),
            (&r.source).into(),
            (&r.industry).into(),
            (&r.country).into(),
            (&r.province).into(),
            (&r.city).into(),
            (&r.notes).into(),
            l.territory.map_or(Arg::Null, Arg::Int),
            l.origin.key().into(),
            l.status.key().into(),
            (&l.owner).into(),
            (&stamp.at).into(),
            (&stamp.at).into(),
            (&stamp.actor).into(),
            (&stamp.at).into(),
            (&stamp.actor).into(),
        ]);
        transitions.push(vec![
            l.seq.into(),
            (&stamp.at).into(),
            (&stamp.actor).into(),
            LeadAction::Create.key().into(),
            Arg::Null,
            l.status.key().into(),
            (&l.owner).into(),
            Arg::Null,
        ]);
        logs.push(log_row(stamp, "lead", &l.id, &l.id, ChangeOp::Create, CREATED.into()));
    }
    insert_rows(
        conn,
        "INSERT INTO leads (seq, id, name, company, phone, email, source, industry, country, province, city, notes,
            territory, origin, status, owner, touched_at, created_at, created_by, updated_at, updated_by) VALUES ",
        21,
        &rows,
    )
    .await?;
    insert_transition_rows(conn, &transitions).await?;
    insert_log_rows(conn, &logs).await
}

pub(crate) async fn insert_transition_rows(conn: &mut SqliteConnection, rows: &[Vec<Arg<'_>>]) -> CoreResult<()> {
    insert_rows(
        conn,
        "INSERT INTO lead_transitions (lead_seq, at, actor, action, from_status, to_status, owner, reason) VALUES ",
        8,
        rows,
    )
    .await
}

/// Changes a lead's status and owner, records the transition (who, when, from, to, why) and
/// the change log entry, all inside the caller's transaction.
pub(crate) async fn write_transition(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    row: &LeadRow,
    action: LeadAction,
    to: LeadStatus,
    owner: Option<&str>,
    reason: Option<&str>,
) -> CoreResult<()> {
    let returning = matches!(action, LeadAction::Return | LeadAction::AutoReturn);
    sqlx::query(
        "UPDATE leads SET status = ?2, owner = ?3, touched_at = ?4, updated_at = ?4, updated_by = ?5, version = version + 1,
            previous_owner = CASE WHEN ?6 THEN owner ELSE previous_owner END,
            returned_at = CASE WHEN ?6 THEN ?4 ELSE returned_at END
         WHERE seq = ?1",
    )
    .bind(row.seq)
    .bind(to.key())
    .bind(owner)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .bind(returning)
    .execute(&mut *conn)
    .await?;
    let args = vec![
        row.seq.into(),
        (&stamp.at).into(),
        (&stamp.actor).into(),
        action.key().into(),
        row.status.as_str().into(),
        to.key().into(),
        owner.map_or(Arg::Null, Arg::from),
        reason.map_or(Arg::Null, Arg::from),
    ];
    insert_transition_rows(conn, &[args]).await?;
    let mut changes = ChangeSet::default();
    changes.field("status", Some(&row.status), Some(&to.key().to_string()));
    changes.field("owner", row.owner.as_ref(), owner.map(str::to_string).as_ref());
    changelog::record_own(conn, stamp, "lead", &row.id, ChangeOp::Update, changes.to_json()).await
}

pub(crate) async fn lead_row(conn: &mut SqliteConnection, id: &str) -> CoreResult<LeadRow> {
    sqlx::query_as::<_, LeadRow>(sqlx::AssertSqlSafe(format!("{LEAD_SELECT} WHERE l.id = ?1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no lead with id {id}")))
}

/// The acting user's standing towards a lead.
pub(crate) fn standing(access: &Access, row: &LeadRow) -> Standing {
    Standing {
        admin: access.is_admin(),
        manager: access.may_reterritorialize(),
        owner: row.owner.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(&access.login)),
    }
}

/// What `access` may do with the lead now: allowed by the state machine and by their standing.
pub(crate) fn allowed_actions(access: &Access, row: &LeadRow) -> Vec<LeadAction> {
    let status = row.status();
    let who = standing(access, row);
    LeadAction::ON_LEAD
        .into_iter()
        .filter(|a| next_status(status, *a).is_some() && permitted(*a, who).is_ok())
        .filter(|a| *a != LeadAction::Claim || access.role != Role::Service)
        .collect()
}

/// The territory refusal for a lead whose location lies outside the user's territories.
pub(crate) fn outside_lead_territories(record: &LeadRecord) -> String {
    let place: Vec<&str> =
        [&record.country, &record.province, &record.city].iter().filter_map(|p| p.as_deref()).collect();
    if place.is_empty() {
        "a lead without a province or city belongs to no territory, and you may only enter leads of your own; fill in where the lead is".to_string()
    } else {
        format!("{} lies outside your territories; you may only enter leads of your own", place.join("/"))
    }
}

impl Crm {
    /// Enters one lead. A rep's own entry starts pending and owned by them; anyone else's goes
    /// to the pool. A campaign's lead is handed out by the assignment rules at once.
    pub async fn create_lead(&self, actor: &Actor, input: LeadInput, origin: LeadOrigin) -> CoreResult<Lead> {
        let access = self.access(actor).await?;
        let record = validate_lead(&input)?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let territory = crate::access::territories::load_map(&mut tx).await?.territory_of(
            record.country.as_deref(),
            record.province.as_deref(),
            record.city.as_deref(),
        );
        if !access.scope.contains(territory) {
            drop(tx);
            return Err(self.refuse(&access.login, "lead.create", None, &outside_lead_territories(&record)).await);
        }
        let own = origin == LeadOrigin::Manual && access.role == Role::Sales;
        if own {
            let open = super::pool::open_leads_of(&mut tx, &access.login).await?;
            if !PoolRules::load(&mut tx).await?.under_open_limit(open) {
                return Err(CoreError::conflict(format!(
                    "you already own {open} open leads, the pool's limit; convert, invalidate or return some before entering more"
                )));
            }
        }
        let lead = NewLead {
            seq: next_lead_seq(&mut tx).await?,
            id: crate::new_id(),
            record,
            territory,
            origin,
            status: if own { LeadStatus::Pending } else { LeadStatus::Unassigned },
            owner: own.then(|| access.login.clone()),
        };
        let id = lead.id.clone();
        insert_leads(&mut tx, &stamp, std::slice::from_ref(&lead)).await?;
        if origin != LeadOrigin::Manual {
            let rules = PoolRules::load(&mut tx).await?;
            let mut engine = RuleEngine::load(&mut tx, &rules, self.now()).await?;
            engine.assign_new(&mut tx, &stamp, &[lead.seq]).await?;
        }
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Lead,
            &id,
            crate::workflow::engine::Trigger::Created,
        )
        .await?;
        tx.commit().await?;
        self.get_lead(actor, &id).await.map(|d| d.lead)
    }

    /// Saves an edit of a lead's details (not its status: that is an action). Only its owner, a
    /// manager or an administrator edits it; a converted or voided lead is kept as it was.
    pub async fn update_lead(
        &self,
        actor: &Actor,
        id: &str,
        expected_version: i64,
        input: LeadInput,
    ) -> CoreResult<Lead> {
        let access = self.access(actor).await?;
        let record = validate_lead(&input)?;
        let mut tx = self.db.begin_write().await?;
        let row = lead_row(&mut tx, id).await?;
        let who = standing(&access, &row);
        let refusal = if !access.scope.contains(row.territory) {
            Some(crate::access::OUTSIDE_SCOPE.replace("customer", "lead"))
        } else if !(who.owner || who.manager) {
            Some("only the lead's owner, a manager or an administrator may edit it".to_string())
        } else {
            None
        };
        if let Some(reason) = refusal {
            drop(tx);
            return Err(self.refuse(&access.login, "lead.update", Some(id), &reason).await);
        }
        if matches!(row.status(), LeadStatus::Converted | LeadStatus::Voided) {
            return Err(CoreError::invalid(format!(
                "lead '{}' is {} and is kept as it was; it can no longer be edited",
                row.name,
                row.status().label_en().to_lowercase()
            )));
        }
        if row.version != expected_version {
            return Err(CoreError::conflict(format!(
                "lead '{}' was changed by {} at {} after you opened it; reload to see the changes",
                row.name, row.updated_by, row.updated_at
            )));
        }
        let territory = crate::access::territories::load_map(&mut tx).await?.territory_of(
            record.country.as_deref(),
            record.province.as_deref(),
            record.city.as_deref(),
        );
        if territory != row.territory {
            let reason = if !access.may_reterritorialize() {
                Some("this change of address moves the lead to another territory, which only a manager or administrator may do".to_string())
            } else if !access.scope.contains(territory) {
                Some(outside_lead_territories(&record))
            } else if let Some(owner) = &row.owner
                && let Err(r) = crate::access::assignment::Assignees::load(&mut tx).await?.check(Some(owner), territory)
            {
                Some(r.replace("customer", "lead"))
            } else {
                None
            };
            if let Some(reason) = reason {
                drop(tx);
                return Err(self.refuse(&access.login, "lead.move", Some(id), &reason).await);
            }
        }
        let old = row.record();
        let mut changes = ChangeSet::default();
        let pairs = [
            ("name", Some(&old.name), Some(&record.name)),
            ("company", old.company.as_ref(), record.company.as_ref()),
            ("phone", old.phone.as_ref(), record.phone.as_ref()),
            ("email", old.email.as_ref(), record.email.as_ref()),
            ("source", old.source.as_ref(), record.source.as_ref()),
            ("industry", old.industry.as_ref(), record.industry.as_ref()),
            ("country", old.country.as_ref(), record.country.as_ref()),
            ("province", old.province.as_ref(), record.province.as_ref()),
            ("city", old.city.as_ref(), record.city.as_ref()),
            ("notes", old.notes.as_ref(), record.notes.as_ref()),
        ];
        for (field, o, n) in pairs {
            changes.field(field, o, n);
        }
        if changes.is_empty() {
            tx.commit().await?;
            return self.get_lead(actor, id).await.map(|d| d.lead);
        }
        let stamp = self.stamp(actor);
        sqlx::query(
            "UPDATE leads SET name = ?2, company = ?3, phone = ?4, email = ?5, source = ?6, industry = ?7, country = ?8,
                province = ?9, city = ?10, notes = ?11, territory = ?12, version = version + 1, updated_at = ?13,
                updated_by = ?14, touched_at = CASE WHEN owner = ?14 THEN ?13 ELSE touched_at END
             WHERE seq = ?1",
        )
        .bind(row.seq)
        .bind(&record.name)
        .bind(&record.company)
        .bind(&record.phone)
        .bind(&record.email)
        .bind(&record.source)
        .bind(&record.industry)
        .bind(&record.country)
        .bind(&record.province)
        .bind(&record.city)
        .bind(&record.notes)
        .bind(territory)
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .execute(&mut *tx)
        .await?;
        changelog::record_own(&mut tx, &stamp, "lead", id, ChangeOp::Update, changes.to_json()).await?;
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Lead,
            id,
            crate::workflow::engine::Trigger::Updated,
        )
        .await?;
        tx.commit().await?;
        self.get_lead(actor, id).await.map(|d| d.lead)
    }

    /// Resolves the actor and reads a lead within their scope (refused and recorded otherwise).
    pub(crate) async fn lead_in_scope(&self, actor: &Actor, id: &str, action: &str) -> CoreResult<(Access, LeadRow)> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let row = lead_row(&mut conn, id).await?;
        drop(conn);
        if !access.scope.contains(row.territory) {
            let reason = crate::access::OUTSIDE_SCOPE.replace("customer", "lead");
            return Err(self.refuse(&access.login, action, Some(id), &reason).await);
        }
        Ok((access, row))
    }

    /// A lead with its transitions and follow-ups.
    pub async fn get_lead(&self, actor: &Actor, id: &str) -> CoreResult<LeadDetail> {
        let (access, row) = self.lead_in_scope(actor, id, "lead.read").await?;
        let mut conn = self.db.reader.acquire().await?;
        type TransitionRow = (String, String, String, Option<String>, String, Option<String>, Option<String>);
        let transitions: Vec<TransitionRow> = sqlx::query_as(
            "SELECT at, actor, action, from_status, to_status, owner, reason FROM lead_transitions
             WHERE lead_seq = ?1 ORDER BY seq DESC",
        )
        .bind(row.seq)
        .fetch_all(&mut *conn)
        .await?;
        let transitions = transitions
            .into_iter()
            .map(|(at, actor, action, from, to, owner, reason)| LeadTransition {
                at,
                actor,
                action: LeadAction::from_key(&action).unwrap_or(LeadAction::Assign),
                from: from.as_deref().and_then(LeadStatus::from_key),
                to: LeadStatus::from_key(&to).unwrap_or(LeadStatus::Unassigned),
                owner,
                reason,
            })
            .collect();
        type FollowupRow = (String, String, String, String, String, Option<String>, String);
        let followups: Vec<FollowupRow> = sqlx::query_as(
            "SELECT id, kind, occurred_at, author, subject, body, created_at FROM lead_followups
             WHERE lead_seq = ?1 ORDER BY occurred_at DESC, seq DESC",
        )
        .bind(row.seq)
        .fetch_all(&mut *conn)
        .await?;
        let followups = followups
            .into_iter()
            .map(|(fid, kind, occurred_at, author, subject, body, created_at)| Activity {
                id: fid,
                customer_id: String::new(),
                opportunity_id: None,
                kind: ActivityKind::from_key(&kind).unwrap_or(ActivityKind::Note),
                occurred_at,
                author,
                subject,
                body,
                created_at,
            })
            .collect();
        let allowed = allowed_actions(&access, &row);
        Ok(LeadDetail { lead: row.into_lead(allowed), transitions, followups })
    }
}
