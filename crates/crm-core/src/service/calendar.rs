//! The working calendar SLA due times are counted in (工作日历): opening hours per weekday in the
//! desk's local time, holidays, and weekend days worked instead (调休).

use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WorkPeriod {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// "09:00"
    pub start: String,
    /// "18:00"
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WorkCalendar {
    /// The desk's local time, in minutes east of UTC (China: 480).
    pub utc_offset_minutes: i32,
    pub hours: Vec<WorkPeriod>,
    /// Days off (`YYYY-MM-DD`), e.g. the National Day holiday.
    pub holidays: Vec<String>,
    /// Weekend days worked with Monday's hours (调休).
    pub extra_workdays: Vec<String>,
}

impl Default for WorkCalendar {
    fn default() -> Self {
        let mut hours = Vec::new();
        for weekday in 1..=5 {
            hours.push(WorkPeriod { weekday, start: "09:00".into(), end: "12:00".into() });
            hours.push(WorkPeriod { weekday, start: "13:00".into(), end: "18:00".into() });
        }
        WorkCalendar { utc_offset_minutes: 480, hours, holidays: Vec::new(), extra_workdays: Vec::new() }
    }
}

const SETTING: &str = "work_calendar";
/// How far ahead a due time is looked for: beyond this the calendar has (nearly) no hours.
const SEARCH_DAYS: i64 = 3 * 366;

/// Minutes after midnight of "HH:MM" ("24:00" is the end of the day).
fn minutes_of(s: &str) -> Option<i64> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m) || (h == 24 && m == 0)).then_some(h * 60 + m)
}

impl WorkCalendar {
    pub fn validate(&self) -> CoreResult<()> {
        if !(-720..=840).contains(&self.utc_offset_minutes) {
            return Err(CoreError::invalid("the time zone offset must lie between UTC-12:00 and UTC+14:00"));
        }
        let mut by_day: Vec<Vec<(i64, i64)>> = vec![Vec::new(); 8];
        for p in &self.hours {
            if !(1..=7).contains(&p.weekday) {
                return Err(CoreError::invalid(format!("weekday {} is not 1 (Monday) to 7 (Sunday)", p.weekday)));
            }
            let (Some(s), Some(e)) = (minutes_of(&p.start), minutes_of(&p.end)) else {
                return Err(CoreError::invalid(format!(
                    "'{}–{}' is not a time range like 09:00–18:00",
                    p.start, p.end
                )));
            };
            if s >= e {
                return Err(CoreError::invalid(format!("opening hours {}–{} end before they start", p.start, p.end)));
            }
            by_day[usize::from(p.weekday)].push((s, e));
        }
        for (day, periods) in by_day.iter_mut().enumerate() {
            periods.sort();
            if periods.windows(2).any(|w| w[1].0 < w[0].1) {
                return Err(CoreError::invalid(format!("the opening hours of weekday {day} overlap")));
            }
        }
        if self.hours.is_empty() {
            return Err(CoreError::invalid("the calendar needs opening hours on at least one weekday"));
        }
        for d in self.holidays.iter().chain(&self.extra_workdays) {
            if NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                return Err(CoreError::invalid(format!("'{d}' is not a date like 2026-10-01")));
            }
        }
        Ok(())
    }

    fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("UTC"))
    }

    /// The working periods of a local day, in minutes after its midnight, in order.
    fn periods_of(&self, day: NaiveDate) -> Vec<(i64, i64)> {
        let text = day.format("%Y-%m-%d").to_string();
        if self.holidays.contains(&text) {
            return Vec::new();
        }
        let weekday = if self.extra_workdays.contains(&text) { 1 } else { day.weekday().number_from_monday() as u8 };
        let mut out: Vec<(i64, i64)> = self
            .hours
            .iter()
            .filter(|p| p.weekday == weekday)
            .filter_map(|p| Some((minutes_of(&p.start)?, minutes_of(&p.end)?)))
            .collect();
        out.sort();
        out
    }

    fn local_midnight(&self, day: NaiveDate) -> DateTime<Utc> {
        self.offset()
            .from_local_datetime(&day.and_time(NaiveTime::MIN))
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)))
    }

    /// The moment `minutes` of working time after `start`. Time outside the opening hours does
    /// not count; zero minutes from outside them is the next opening.
    pub fn add_business_minutes(&self, start: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
        let mut left = minutes.max(0) * 60;
        let first = start.with_timezone(&self.offset()).date_naive();
        for i in 0..SEARCH_DAYS {
            let day = first + Duration::days(i);
            let midnight = self.local_midnight(day);
            for (s, e) in self.periods_of(day) {
                let from = (midnight + Duration::minutes(s)).max(start);
                let to = midnight + Duration::minutes(e);
                if from >= to {
                    continue;
                }
                let available = (to - from).num_seconds();
                if left <= available {
                    return from + Duration::seconds(left);
                }
                left -= available;
            }
        }
        start + Duration::minutes(minutes)
    }

    /// Working minutes between two moments (zero if `to` is not after `from`).
    pub fn business_minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let first = from.with_timezone(&self.offset()).date_naive();
        let last = to.with_timezone(&self.offset()).date_naive();
        let mut seconds = 0;
        let mut day = first;
        while day <= last && (day - first).num_days() <= SEARCH_DAYS {
            let midnight = self.local_midnight(day);
            for (s, e) in self.periods_of(day) {
                let a = (midnight + Duration::minutes(s)).max(from);
                let b = (midnight + Duration::minutes(e)).min(to);
                if b > a {
                    seconds += (b - a).num_seconds();
                }
            }
            day += Duration::days(1);
        }
        seconds / 60
    }

    pub(crate) async fn load(conn: &mut SqliteConnection) -> CoreResult<WorkCalendar> {
        let v: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?1").bind(SETTING).fetch_optional(conn).await?;
        Ok(match v {
            Some(v) => serde_json::from_str(&v)?,
            None => WorkCalendar::default(),
        })
    }

    pub(crate) async fn store(&self, conn: &mut SqliteConnection) -> CoreResult<()> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(SETTING)
        .bind(serde_json::to_string(self)?)
        .execute(conn)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
    }

    #[test]
    fn due_times_skip_nights_lunch_weekends_and_holidays() {
        let mut cal = WorkCalendar::default();
        // Friday 2026-09-25 17:00 in Beijing (09:00 UTC): one hour left that day.
        let friday_five = at("2026-09-25T17:00:00+08:00");
        assert_eq!(cal.add_business_minutes(friday_five, 30), at("2026-09-25T17:30:00+08:00"));
        assert_eq!(cal.add_business_minutes(friday_five, 120), at("2026-09-28T10:00:00+08:00"));
        // Morning into the afternoon across lunch.
        assert_eq!(cal.add_business_minutes(at("2026-09-28T11:30:00+08:00"), 60), at("2026-09-28T13:30:00+08:00"));
        // Outside the hours, zero minutes is the next opening.
        assert_eq!(cal.add_business_minutes(at("2026-09-26T10:00:00+08:00"), 0), at("2026-09-28T09:00:00+08:00"));
        // National Day week off, with Sunday 2026-10-11 worked instead.
        cal.holidays = (1..=7).map(|d| format!("2026-10-{d:02}")).collect();
        cal.extra_workdays = vec!["2026-10-11".into()];
        let sept_thirty = at("2026-09-30T17:00:00+08:00");
        assert_eq!(cal.add_business_minutes(sept_thirty, 120), at("2026-10-08T10:00:00+08:00"));
        assert_eq!(cal.add_business_minutes(at("2026-10-10T12:00:00+08:00"), 60), at("2026-10-11T10:00:00+08:00"));
        assert_eq!(cal.business_minutes_between(sept_thirty, at("2026-10-08T10:00:00+08:00")), 120);
        assert_eq!(cal.business_minutes_between(at("2026-09-28T08:00:00+08:00"), at("2026-09-28T20:00:00+08:00")), 480);
    }

    #[test]
    fn bad_calendars_are_refused() {
        let mut cal = WorkCalendar::default();
        assert!(cal.validate().is_ok());
        cal.hours.push(WorkPeriod { weekday: 1, start: "11:00".into(), end: "14:00".into() });
        assert!(cal.validate().unwrap_err().message.contains("overlap"));
        cal.hours = vec![WorkPeriod { weekday: 8, start: "09:00".into(), end: "18:00".into() }];
        assert!(cal.validate().is_err());
        cal.hours = vec![WorkPeriod { weekday: 1, start: "18:00".into(), end: "09:00".into() }];
        assert!(cal.validate().is_err());
        cal.hours.clear();
        assert!(cal.validate().is_err());
        let mut cal = WorkCalendar::default();
        cal.holidays.push("2026-13-01".into());
        assert!(cal.validate().is_err());
    }
}
