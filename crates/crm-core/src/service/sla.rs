//! SLA policies (服务等级): first-response and resolution times by priority and the customer's
//! value tier, counted in the working calendar; the clocks of a ticket; the SLA report.

use super::calendar::WorkCalendar;
use super::ticket_model::{ClockState, Priority};
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SlaPolicy {
    pub priority: Priority,
    /// The customer's value tier it applies to; none: every tier without a policy of its own.
    #[serde(default)]
    pub tier: Option<String>,
    /// Business minutes until the first answer is due.
    pub first_response_minutes: u32,
    /// Business minutes until the ticket must be resolved (time waiting on the customer excluded).
    pub resolution_minutes: u32,
}

/// The due times a new (or re-prioritised) ticket gets.
pub(crate) struct Dues {
    pub first_response: String,
    pub resolution: String,
}

/// The policy for a priority and tier: the tier's own, else the priority's default.
pub(crate) async fn dues_for(
    conn: &mut SqliteConnection,
    priority: Priority,
    tier: Option<&str>,
    opened: DateTime<Utc>,
    waited_minutes: i64,
) -> CoreResult<Dues> {
    let (fr, res): (i64, i64) = sqlx::query_as(
        "SELECT first_response_minutes, resolution_minutes FROM sla_policies
         WHERE priority = ?1 AND (tier = ?2 OR tier IS NULL) ORDER BY tier IS NULL LIMIT 1",
    )
    .bind(priority.key())
    .bind(tier)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CoreError::internal(format!("no SLA policy for priority {}", priority.key())))?;
    let cal = WorkCalendar::load(conn).await?;
    Ok(Dues {
        first_response: crate::clock::to_db(cal.add_business_minutes(opened, fr)),
        resolution: crate::clock::to_db(cal.add_business_minutes(opened, res + waited_minutes)),
    })
}

/// How close to its due time an open clock must be to show as due soon.
pub const DUE_SOON: Duration = Duration::hours(1);

/// The state of a clock that stops at `done`, due at `due`, paused since `paused`.
pub fn clock_state(due: &str, done: Option<&str>, paused: Option<&str>, now: DateTime<Utc>) -> ClockState {
    let due_t = crate::clock::from_db(due);
    if let Some(done) = done {
        return if crate::clock::from_db(done) <= due_t { ClockState::Met } else { ClockState::Breached };
    }
    if let Some(p) = paused {
        return if crate::clock::from_db(p) > due_t { ClockState::Breached } else { ClockState::Paused };
    }
    if now > due_t {
        ClockState::Breached
    } else if due_t - now <= DUE_SOON {
        ClockState::DueSoon
    } else {
        ClockState::Running
    }
}

impl Crm {
    pub async fn sla_policies(&self, actor: &Actor) -> CoreResult<Vec<SlaPolicy>> {
        self.access(actor).await?;
        let rows: Vec<(String, Option<String>, i64, i64)> = sqlx::query_as(
            "SELECT priority, tier, first_response_minutes, resolution_minutes FROM sla_policies
             ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, tier IS NOT NULL, tier",
        )
        .fetch_all(&self.db.reader)
        .await?;
        rows.into_iter()
            .map(|(p, tier, fr, res)| {
                Ok(SlaPolicy {
                    priority: Priority::from_key(&p).ok_or_else(|| CoreError::internal("bad priority"))?,
                    tier,
                    first_response_minutes: u32::try_from(fr).unwrap_or(0),
                    resolution_minutes: u32::try_from(res).unwrap_or(0),
                })
            })
            .collect()
    }

    /// Replaces the policies (administrators). Every priority needs its default (no tier); a
    /// priority and tier appear once. Open tickets keep the due times they were given.
    pub async fn save_sla_policies(&self, actor: &Actor, policies: Vec<SlaPolicy>) -> CoreResult<Vec<SlaPolicy>> {
        self.admin_access(actor, "sla.save").await?;
        let mut seen = std::collections::HashSet::new();
        for p in &policies {
            let tier = p.tier.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
            if p.first_response_minutes == 0 || p.resolution_minutes == 0 {
                return Err(CoreError::invalid("SLA times must be at least one minute"));
            }
            if p.first_response_minutes > p.resolution_minutes {
                return Err(CoreError::invalid(format!(
                    "the first response of {} tickets cannot be due after their resolution",
                    p.priority.label_en().to_lowercase()
                )));
            }
            if !seen.insert((p.priority, tier.clone())) {
                return Err(CoreError::invalid(format!(
                    "priority {} has two policies for the same tier",
                    p.priority.label_en().to_lowercase()
                )));
            }
        }
        for p in Priority::ALL {
            if !seen.contains(&(*p, None)) {
                return Err(CoreError::invalid(format!(
                    "priority {} ({}) needs a policy for every tier",
                    p.label_en().to_lowercase(),
                    p.label_zh()
                )));
            }
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM sla_policies").execute(&mut *tx).await?;
        for p in &policies {
            let tier = p.tier.as_deref().map(str::trim).filter(|t| !t.is_empty());
            sqlx::query(
                "INSERT INTO sla_policies (id, priority, tier, first_response_minutes, resolution_minutes) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .bind(crate::new_id())
            .bind(p.priority.key())
            .bind(tier)
            .bind(i64::from(p.first_response_minutes))
            .bind(i64::from(p.resolution_minutes))
            .execute(&mut *tx)
            .await?;
        }
        let stamp = self.stamp(actor);
        crate::changelog::record_own(
            &mut tx,
            &stamp,
            "setting",
            "sla_policies",
            crate::changelog::ChangeOp::Update,
            "{}".into(),
        )
        .await?;
        tx.commit().await?;
        self.sla_policies(actor).await
    }

    pub async fn work_calendar(&self, actor: &Actor) -> CoreResult<WorkCalendar> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        WorkCalendar::load(&mut conn).await
    }

    pub async fn set_work_calendar(&self, actor: &Actor, mut calendar: WorkCalendar) -> CoreResult<WorkCalendar> {
        self.admin_access(actor, "calendar.save").await?;
        calendar.validate()?;
        calendar.holidays.sort();
        calendar.holidays.dedup();
        calendar.extra_workdays.sort();
        calendar.extra_workdays.dedup();
        let mut tx = self.db.begin_write().await?;
        calendar.store(&mut tx).await?;
        let stamp = self.stamp(actor);
        crate::changelog::record_own(
            &mut tx,
            &stamp,
            "setting",
            "work_calendar",
            crate::changelog::ChangeOp::Update,
            "{}".into(),
        )
        .await?;
        tx.commit().await?;
        Ok(calendar)
    }
}
