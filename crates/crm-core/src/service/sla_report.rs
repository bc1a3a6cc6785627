//! The SLA report (工单 / SLA 报表): per priority and per agent, how many tickets were opened,
//! are open, breached or met their first-response and resolution times, the mean working
//! minutes to each, and the customers' ratings.

use super::calendar::WorkCalendar;
use crate::error::CoreResult;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SlaReportRequest {
    /// Tickets opened on or after this day (`YYYY-MM-DD`, desk time); none: every ticket.
    #[serde(default)]
    pub from: Option<String>,
    /// … and before the end of this day.
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SlaFigures {
    /// The priority key, the agent's sign-in name (empty: unassigned) or "all".
    pub key: String,
    pub tickets: i64,
    pub open: i64,
    pub first_response_met: i64,
    pub first_response_breached: i64,
    pub resolution_met: i64,
    pub resolution_breached: i64,
    /// Mean working minutes to the first answer, over tickets answered.
    pub mean_first_response_minutes: Option<i64>,
    /// Mean working minutes to resolution, over tickets resolved.
    pub mean_resolution_minutes: Option<i64>,
    pub rated: i64,
    /// Mean rating × 100 (e.g. 460 = 4.6 stars).
    pub mean_rating_x100: Option<i64>,
    /// Ratings of 1 to 5 stars.
    pub rating_counts: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SlaReport {
    pub total: SlaFigures,
    pub by_priority: Vec<SlaFigures>,
    pub by_agent: Vec<SlaFigures>,
}

#[derive(Default)]
struct Sums {
    f: SlaFigures,
    fr_minutes: i64,
    fr_count: i64,
    res_minutes: i64,
    res_count: i64,
    rating_sum: i64,
}

impl Sums {
    fn finish(mut self, key: String) -> SlaFigures {
        self.f.key = key;
        self.f.mean_first_response_minutes = (self.fr_count > 0).then(|| self.fr_minutes / self.fr_count);
        self.f.mean_resolution_minutes = (self.res_count > 0).then(|| self.res_minutes / self.res_count);
        self.f.mean_rating_x100 = (self.f.rated > 0).then(|| self.rating_sum * 100 / self.f.rated);
        if self.f.rating_counts.is_empty() {
            self.f.rating_counts = vec![0; 5];
        }
        self.f
    }
}

type Row = (
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
);

impl Crm {
    pub async fn sla_report(&self, actor: &Actor, req: &SlaReportRequest) -> CoreResult<SlaReport> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let cal = WorkCalendar::load(&mut conn).await?;
        let offset = chrono::Duration::minutes(cal.utc_offset_minutes.into());
        let bound = |day: &Option<String>, end: bool| -> Option<String> {
            let d = chrono::NaiveDate::parse_from_str(day.as_deref()?.trim(), "%Y-%m-%d").ok()?;
            let d = if end { d.succ_opt()? } else { d };
            Some(crate::clock::to_db(d.and_hms_opt(0, 0, 0)?.and_utc() - offset))
        };
        let from = bound(&req.from, false).unwrap_or_default();
        let to = bound(&req.to, true).unwrap_or_else(|| "9999".into());
        let sql = format!(
            "SELECT t.created_at, t.priority, t.assignee, t.status, t.first_response_due, t.first_response_at,
                t.resolution_due, t.resolved_at, t.waiting_since, t.rating, t.waited_minutes
             FROM tickets t WHERE t.created_at >= ?1 AND t.created_at < ?2{}",
            access.scope.sql_condition("t.territory")
        );
        let rows: Vec<Row> =
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&from).bind(&to).fetch_all(&mut *conn).await?;
        let now = self.now();
        let mut total = Sums::default();
        let mut by_priority: BTreeMap<String, Sums> = BTreeMap::new();
        let mut by_agent: BTreeMap<String, Sums> = BTreeMap::new();
        for (created, priority, assignee, status, fr_due, fr_at, res_due, resolved, waiting, rating, waited) in rows {
            let open = !matches!(status.as_str(), "resolved" | "closed");
            let fr = super::sla::clock_state(&fr_due, fr_at.as_deref(), None, now);
            let res = super::sla::clock_state(&res_due, resolved.as_deref(), waiting.as_deref(), now);
            let created_t = crate::clock::from_db(&created);
            let fr_minutes =
                fr_at.as_deref().map(|a| cal.business_minutes_between(created_t, crate::clock::from_db(a)));
            // Time waiting on the customer does not count, as in the policy.
            let res_minutes = resolved
                .as_deref()
                .map(|a| (cal.business_minutes_between(created_t, crate::clock::from_db(a)) - waited).max(0));
            let key_agent = assignee.unwrap_or_default().to_lowercase();
            for s in [
                &mut total,
                by_priority.entry(priority.clone()).or_default(),
                by_agent.entry(key_agent.clone()).or_default(),
            ] {
                use super::ticket_model::ClockState::{Breached, Met};
                s.f.tickets += 1;
                s.f.open += i64::from(open);
                s.f.first_response_met += i64::from(fr == Met);
                s.f.first_response_breached += i64::from(fr == Breached);
                s.f.resolution_met += i64::from(res == Met);
                s.f.resolution_breached += i64::from(res == Breached);
                if let Some(m) = fr_minutes {
                    s.fr_minutes += m;
                    s.fr_count += 1;
                }
                if let Some(m) = res_minutes {
                    s.res_minutes += m;
                    s.res_count += 1;
                }
                if let Some(r) = rating.filter(|r| (1..=5).contains(r)) {
                    if s.f.rating_counts.is_empty() {
                        s.f.rating_counts = vec![0; 5];
                    }
                    s.f.rated += 1;
                    s.rating_sum += r;
                    s.f.rating_counts[(r - 1) as usize] += 1;
                }
            }
        }
        let order = ["urgent", "high", "normal", "low"];
        let mut by_priority: Vec<SlaFigures> = by_priority.into_iter().map(|(k, s)| s.finish(k)).collect();
        by_priority.sort_by_key(|f| order.iter().position(|o| *o == f.key).unwrap_or(9));
        Ok(SlaReport {
            total: total.finish("all".into()),
            by_priority,
            by_agent: by_agent.into_iter().map(|(k, s)| s.finish(k)).collect(),
        })
    }
}
