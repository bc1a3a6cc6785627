//! Entering, editing, reading and listing leads. Changes of status and owner are in
//! `lead_actions.rs`; every one of them goes through [`write_transition`].

use super::assignment_rules::RuleEngine;
use super::lead_machine::{LeadAction, LeadStatus, Standing, next_status, permitted};
use super::lead_model::{
    LEAD_SELECT, Lead, LeadDetail, LeadInput, LeadOrigin, LeadRecord, LeadRow, LeadTransition, validate_lead,
};
use super::pool::PoolRules;
use crate::access::{Access, Role, Scope};
use crate::activity::{Activity, ActivityKind};
use crate::bulk::{Arg, insert_rows};
use crate::changelog::{self, CREATED, ChangeOp, ChangeSet, Stamp};
use crate::customer::model::Choice;
use crate::customer::store::{insert_log_rows, log_row};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// Which leads a list shows. Empty `statuses` means every status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadListRequest {
    #[serde(default)]
    pub statuses: Vec<LeadStatus>,
    /// Only leads owned by this sign-in name.
    #[serde(default)]
    pub owner: Option<String>,
    /// Part of the name, company or phone.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadPage {
    pub items: Vec<Lead>,
    pub next_cursor: Option<String>,
}

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

/// One index range of a lead list: the index and the condition that fixes its leading columns.
#[derive(Debug, PartialEq)]
struct ListRange {
    index: &'static str,
    condition: String,
}

/// The index ranges whose union, newest first, is a lead list: per status of the owner's leads;
/// per status for someone who sees everything; per territory (and status) for everyone else, so
/// a rep's page never walks past other territories' leads.
fn list_ranges(scope: &Scope, by_owner: bool, statuses: &[LeadStatus]) -> Vec<ListRange> {
    let mut statuses = statuses.to_vec();
    statuses.sort_by_key(|s| s.key());
    statuses.dedup();
    let status_terms: Vec<Option<String>> = if statuses.is_empty() {
        vec![None]
    } else {
        statuses.iter().map(|s| Some(format!("l.status = '{}'", s.key()))).collect()
    };
    let range = |index: &'static str, parts: Vec<String>| ListRange {
        index,
        condition: if parts.is_empty() { "1".to_string() } else { parts.join(" AND ") },
    };
    if by_owner {
        let all: Vec<Option<String>> =
            LeadStatus::ALL.iter().map(|s| Some(format!("l.status = '{}'", s.key()))).collect();
        let terms = if statuses.is_empty() { all } else { status_terms };
        return terms.into_iter().map(|t| range("leads_owner", t.into_iter().collect())).collect();
    }
    let territories: Vec<String> = match scope {
        Scope::All => {
            return status_terms
                .into_iter()
                .map(|t| match t {
                    Some(t) => range("leads_status", vec![t]),
                    None => range("leads_updated", vec![]),
                })
                .collect();
        }
        Scope::Territories { seqs, unassigned } => {
            let mut t: Vec<String> = seqs.iter().map(|s| format!("l.territory = {s}")).collect();
            if *unassigned {
                t.push("l.territory IS NULL".into());
            }
            t
        }
    };
    let mut ranges = Vec::new();
    for territory in &territories {
        for status in &status_terms {
            ranges.push(match status {
                Some(s) => range("leads_territory_status", vec![territory.clone(), s.clone()]),
                None => range("leads_territory", vec![territory.clone()]),
            });
        }
    }
    ranges
}

fn encode_cursor(updated_at: &str, seq: i64) -> String {
    format!("{updated_at}|{seq}")
}

fn decode_cursor(c: &str) -> CoreResult<(String, i64)> {
    let bad = || CoreError::invalid("invalid lead list cursor; reload the list");
    let (t, s) = c.rsplit_once('|').ok_or_else(bad)?;
    Ok((t.to_string(), s.parse().map_err(|_| bad())?))
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

    /// A page of leads in the user's scope, last changed first.
    pub async fn list_leads(&self, actor: &Actor, req: &LeadListRequest) -> CoreResult<LeadPage> {
        let access = self.access(actor).await?;
        let limit = req.limit.clamp(1, 500);
        let (before_at, before_seq) = match req.cursor.as_deref() {
            Some(c) => decode_cursor(c)?,
            None => ("9999".to_string(), i64::MAX),
        };
        let owner = req.owner.as_deref().map(str::trim).filter(|o| !o.is_empty());
        let text = req.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let like = text.map(|t| format!("%{}%", t.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
        let mut rows: Vec<LeadRow> = Vec::new();
        for range in list_ranges(&access.scope, owner.is_some(), &req.statuses) {
            let mut sql = format!(
                "{} WHERE {} AND (l.updated_at, l.seq) < (?1, ?2)",
                LEAD_SELECT.replace("FROM leads l ", &format!("FROM leads l INDEXED BY {} ", range.index)),
                range.condition
            );
            if owner.is_some() {
                sql.push_str(" AND l.owner = ?3");
                sql.push_str(&access.scope.sql_condition("l.territory"));
            }
            if text.is_some() {
                sql.push_str(
                    " AND (l.name LIKE ?4 ESCAPE '\\' OR l.company LIKE ?4 ESCAPE '\\' OR l.phone LIKE ?4 ESCAPE '\\')",
                );
            }
            sql.push_str(" ORDER BY l.updated_at DESC, l.seq DESC LIMIT ?5");
            let part: Vec<LeadRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(&before_at)
                .bind(before_seq)
                .bind(owner)
                .bind(&like)
                .bind(i64::from(limit) + 1)
                .fetch_all(&self.db.reader)
                .await?;
            rows.extend(part);
        }
        // The ranges are each in order; their union, in order, gives the page.
        rows.sort_by(|a, b| (&b.updated_at, b.seq).cmp(&(&a.updated_at, a.seq)));
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = if more { rows.last().map(|r| encode_cursor(&r.updated_at, r.seq)) } else { None };
        let items = rows
            .into_iter()
            .map(|r| {
                let allowed = allowed_actions(&access, &r);
                r.into_lead(allowed)
            })
            .collect();
        Ok(LeadPage { items, next_cursor })
    }

    /// The leads of a customer (converted into it), for the 360 page.
    pub async fn leads_of_customer(&self, actor: &Actor, customer_id: &str) -> CoreResult<Vec<Lead>> {
        let access = self.customer_access(actor, customer_id, "customer.read").await?;
        // The lead keeps its own territory, which may not be the customer's: both must be in scope.
        let rows: Vec<LeadRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{LEAD_SELECT} WHERE l.customer_id = ?1{} ORDER BY l.seq DESC",
            access.scope.sql_condition("l.territory")
        )))
        .bind(customer_id)
        .fetch_all(&self.db.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let allowed = allowed_actions(&access, &r);
                r.into_lead(allowed)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rep_reads_his_territories_ranges_and_an_admin_the_status_ranges() {
        let rep = Scope::Territories { seqs: vec![3, 5], unassigned: false };
        let pool = list_ranges(&rep, false, &[LeadStatus::Unassigned]);
        let conditions: Vec<&str> = pool.iter().map(|r| r.condition.as_str()).collect();
        assert_eq!(
            conditions,
            vec!["l.territory = 3 AND l.status = 'unassigned'", "l.territory = 5 AND l.status = 'unassigned'"]
        );
        assert!(pool.iter().all(|r| r.index == "leads_territory_status"));
        let top = Scope::Territories { seqs: vec![], unassigned: true };
        assert_eq!(list_ranges(&top, false, &[])[0].condition, "l.territory IS NULL");
        assert!(
            list_ranges(&Scope::Territories { seqs: vec![], unassigned: false }, false, &[]).is_empty(),
            "sees nothing"
        );
        let admin = list_ranges(&Scope::All, false, &[LeadStatus::Pending, LeadStatus::FollowingUp]);
        assert_eq!(admin.len(), 2);
        assert_eq!(
            list_ranges(&Scope::All, false, &[])[0],
            ListRange { index: "leads_updated", condition: "1".into() }
        );
        assert_eq!(list_ranges(&rep, true, &[]).len(), 6, "an owner's leads: one range per status");
    }
}
