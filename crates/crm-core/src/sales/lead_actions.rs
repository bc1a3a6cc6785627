//! What people do with a lead: assign, claim, follow up, mark invalid, pick up again, void,
//! restore and return it to the pool; and the pool's timer that takes back untouched leads.
//! Conversion is in `convert.rs`.

use super::lead_machine::{LeadAction, permitted, transition};
use super::lead_model::{Lead, LeadRow};
use super::leads::{lead_row, standing, write_transition};
use super::pool::{PoolRules, check_claim, open_leads_of};
use crate::access::{Denial, OUTSIDE_SCOPE, Role};
use crate::activity::ActivityInput;
use crate::bulk::{Arg, insert_rows};
use crate::customer::validate::{Problems, optional_text};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadActionInput {
    pub action: LeadAction,
    /// Why: required to mark a lead invalid or to void it, kept for every action.
    #[serde(default)]
    pub reason: Option<String>,
    /// Who gets the lead (sign-in or display name), for `assign`.
    #[serde(default)]
    pub assignee: Option<String>,
}

impl Crm {
    /// Takes one action on a lead: the state machine decides whether it is allowed from the lead's
    /// status (`illegal_transition` otherwise), the user's standing whether they may take it.
    pub async fn act_on_lead(&self, actor: &Actor, id: &str, input: LeadActionInput) -> CoreResult<Lead> {
        let access = self.access(actor).await?;
        let action = input.action;
        match action {
            LeadAction::FollowUp => {
                return Err(CoreError::invalid("record a follow-up with what was done and its result"));
            }
            LeadAction::Convert => return Err(CoreError::invalid("convert a lead with the conversion form")),
            LeadAction::Create | LeadAction::AutoReturn => {
                return Err(CoreError::invalid("this happens by itself and cannot be chosen"));
            }
            _ => {}
        }
        let mut p = Problems::default();
        let reason = optional_text(&mut p, "reason", input.reason.as_deref(), 500);
        let reason = p.into_result(reason)?;
        if action.needs_reason() && reason.is_none() {
            return Err(CoreError::invalid(match action {
                LeadAction::Void => "say why the lead is junk to void it",
                _ => "say why the lead cannot be reached to mark it invalid",
            }));
        }
        let audit_action = action.audit_key();
        let refused = |reason: String| Denial::Refused { action: audit_action, reason };
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let row = lead_row(&mut tx, id).await?;
        let checked: Result<Option<String>, Denial> = async {
            if !access.scope.contains(row.territory) {
                return Err(refused(OUTSIDE_SCOPE.replace("customer", "lead")));
            }
            permitted(action, standing(&access, &row)).map_err(|r| refused(r.to_string()))?;
            let from = row.status();
            transition(from, action)?;
            Ok(match action {
                LeadAction::Claim => {
                    if access.role == Role::Service {
                        return Err(refused("service users do not work leads; a sales user claims them".into()));
                    }
                    let rules = PoolRules::load(&mut tx).await?;
                    check_claim(
                        &mut tx,
                        &rules,
                        &access.login,
                        row.previous_owner.as_deref(),
                        row.returned_at.as_deref(),
                        self.now(),
                    )
                    .await?;
                    Some(access.login.clone())
                }
                LeadAction::Assign => {
                    let name = input.assignee.as_deref().map(str::trim).filter(|a| !a.is_empty());
                    let name = name.ok_or_else(|| CoreError::invalid("choose who gets the lead"))?;
                    Some(self.check_assignee(&mut tx, &row, name).await?)
                }
                LeadAction::Restore | LeadAction::Return => None,
                LeadAction::Reopen => {
                    // Picking an invalid lead up again makes it open: the owner's limit applies.
                    if let Some(owner) = &row.owner {
                        let open = open_leads_of(&mut tx, owner).await?;
                        if !PoolRules::load(&mut tx).await?.under_open_limit(open) {
                            return Err(CoreError::conflict(format!(
                                "{owner} already owns {open} open leads, the pool's limit; close some before picking this one up again"
                            ))
                            .into());
                        }
                    }
                    row.owner.clone()
                }
                _ => row.owner.clone(),
            })
        }
        .await;
        let owner = match checked {
            Ok(owner) => owner,
            Err(denial) => {
                drop(tx);
                return Err(self.deny(&access.login, Some(id), denial).await);
            }
        };
        let to = transition(row.status(), action)?;
        write_transition(&mut tx, &stamp, &row, action, to, owner.as_deref(), reason.as_deref()).await?;
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Lead,
            id,
            crate::workflow::engine::Trigger::StatusChanged,
        )
        .await?;
        tx.commit().await?;
        self.get_lead(actor, id).await.map(|d| d.lead)
    }

    /// The sign-in name of the user a manager assigns a lead to, if they may take it.
    async fn check_assignee(&self, conn: &mut sqlx::SqliteConnection, row: &LeadRow, name: &str) -> CoreResult<String> {
        let (login, scope) = crate::access::assignment::active_seller(&mut *conn, name, "leads").await?;
        if !scope.contains(row.territory) {
            return Err(CoreError::invalid(format!(
                "{login} works other territories than this lead's, so it cannot be assigned to them"
            )));
        }
        let rules = PoolRules::load(&mut *conn).await?;
        if let Some(until) =
            rules.reclaim_blocked(&login, row.previous_owner.as_deref(), row.returned_at.as_deref(), self.now())
        {
            return Err(CoreError::conflict(format!(
                "{login} gave this lead back to the pool; it may go to them again after {} (the pool waits {} days)",
                until.format("%Y-%m-%d %H:%M UTC"),
                rules.reclaim_wait_days
            )));
        }
        let open = open_leads_of(&mut *conn, &login).await?;
        let already = row.owner.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(&login));
        if !already && !rules.under_open_limit(open) {
            return Err(CoreError::conflict(format!(
                "{login} already owns {open} open leads, the pool's limit; give the lead to someone else"
            )));
        }
        Ok(login)
    }

    /// Records a follow-up (a call, a visit, a note…) on a lead: a pending lead becomes
    /// "following up", and the pool's clock starts again.
    pub async fn follow_up_lead(&self, actor: &Actor, id: &str, input: ActivityInput) -> CoreResult<Lead> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let activity = crate::activity::validate(&input, &stamp.at, &actor.name)?;
        let mut tx = self.db.begin_write().await?;
        let row = lead_row(&mut tx, id).await?;
        let refusal = if !access.scope.contains(row.territory) {
            Some(OUTSIDE_SCOPE.replace("customer", "lead"))
        } else {
            permitted(LeadAction::FollowUp, standing(&access, &row)).err().map(str::to_string)
        };
        if let Some(why) = refusal {
            drop(tx);
            return Err(self.refuse(&access.login, "lead.follow_up", Some(id), &why).await);
        }
        let to = transition(row.status(), LeadAction::FollowUp)?;
        insert_rows(
            &mut tx,
            "INSERT INTO lead_followups (id, lead_seq, kind, occurred_at, author, subject, body, created_at) VALUES ",
            8,
            &[vec![
                (&activity.id).into(),
                row.seq.into(),
                crate::customer::model::Choice::key(activity.kind).into(),
                (&activity.occurred_at).into(),
                (&activity.author).into(),
                (&activity.subject).into(),
                Arg::from(&activity.body),
                (&stamp.at).into(),
            ]],
        )
        .await?;
        if row.status() == to {
            // Already being followed up: no new status, but the lead was touched.
            sqlx::query("UPDATE leads SET touched_at = ?2, updated_at = ?2, updated_by = ?3, version = version + 1 WHERE seq = ?1")
                .bind(row.seq)
                .bind(&stamp.at)
                .bind(&stamp.actor)
                .execute(&mut *tx)
                .await?;
        } else {
            write_transition(
                &mut tx,
                &stamp,
                &row,
                LeadAction::FollowUp,
                to,
                row.owner.as_deref(),
                Some(&activity.subject),
            )
            .await?;
        }
        crate::workflow::engine::fire(
            &mut tx,
            &stamp,
            self.now(),
            crate::conditions::catalog::Entity::Lead,
            id,
            crate::workflow::engine::Trigger::StatusChanged,
        )
        .await?;
        tx.commit().await?;
        self.get_lead(actor, id).await.map(|d| d.lead)
    }

    /// The pool's timer, now the default workflow rule "a lead untouched for N days goes back
    /// to the pool": runs that rule at once (whatever its interval) and returns the leads it
    /// returned. The app runs it with the other scheduled rules; the `crm lead` commands first.
    pub async fn return_untouched_leads(&self) -> CoreResult<Vec<String>> {
        let report = self.run_builtin_rule(super::pool::RETURN_RULE).await?;
        Ok(report.changed.into_iter().filter(|(e, _)| e == "lead").map(|(_, id)| id).collect())
    }
}

/// A user leads may be given to, with their load.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Assignee {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: String,
    pub unit_name: String,
    pub open_leads: i64,
    /// Owns as many open leads as the pool allows.
    pub at_limit: bool,
}

impl Crm {
    /// The active sales users, managers and administrators of the acting manager's part of the
    /// org tree (all of them for an administrator); with a lead, only those who work its territory.
    pub async fn assignable_users(&self, actor: &Actor, lead_id: Option<&str>) -> CoreResult<Vec<Assignee>> {
        let access = self.manager_access(actor, "lead.assignees").await?;
        let territory = match lead_id {
            Some(id) => Some(self.lead_in_scope(actor, id, "lead.read").await?.1.territory),
            None => None,
        };
        let mut conn = self.db.reader.acquire().await?;
        let shape = crate::access::OrgShape::load(&mut conn).await?;
        let rules = PoolRules::load(&mut conn).await?;
        type UserRow = (String, String, String, i64, String, String, i64);
        let rows: Vec<UserRow> = sqlx::query_as(
            "SELECT u.login, u.display_name, u.role, u.unit_seq, o.id, o.name,
                    (SELECT count(*) FROM leads l WHERE l.owner = u.login AND l.status IN ('pending', 'following_up'))
             FROM users u JOIN org_units o ON o.seq = u.unit_seq
             WHERE u.active = 1 AND u.role != 'service' ORDER BY u.display_name",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::new();
        for (login, display_name, role, unit, unit_id, unit_name, open) in rows {
            let role = Role::parse(&role)?;
            if !access.is_admin() && !shape.is_within(unit, access.unit_seq) {
                continue;
            }
            if let Some(t) = territory
                && !shape.scope(role, unit).contains(t)
            {
                continue;
            }
            out.push(Assignee {
                login,
                display_name,
                role,
                unit_id,
                unit_name,
                open_leads: open,
                at_limit: !rules.under_open_limit(open),
            });
        }
        Ok(out)
    }
}
