//! How the scores map to tiers and levels, the window, and the schedule: kept as one JSON value
//! in `settings` under `rfm`, changed by administrators.

use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// Customers whose total score (R + F + M, 3 to 15) is at least `min_score` get `tier`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RfmTierRule {
    /// A key of the value-tier dimension's options (diamond, gold, silver, normal, or the
    /// administrator's own).
    pub tier: String,
    pub min_score: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RfmSettings {
    /// F and M count the orders of the last N days before the as-of day.
    pub window_days: u32,
    /// From the highest threshold down; the last one's is 3, so every customer gets a tier.
    pub tiers: Vec<RfmTierRule>,
    /// Total scores from which a customer is of high, of mid value (else low).
    pub high_min: u8,
    pub mid_min: u8,
    /// Whether the computed tier is written into the customer's value tier.
    pub write_tier: bool,
    /// Recompute by itself every N days while the app runs (none: only on demand).
    pub every_days: Option<u32>,
    /// When the last recompute ran and for which day (kept by the recompute).
    #[serde(default)]
    pub last_run_at: Option<String>,
    #[serde(default)]
    pub last_as_of: Option<String>,
}

impl Default for RfmSettings {
    fn default() -> Self {
        let rule = |tier: &str, min_score| RfmTierRule { tier: tier.into(), min_score };
        RfmSettings {
            window_days: 365,
            tiers: vec![rule("diamond", 13), rule("gold", 10), rule("silver", 7), rule("normal", 3)],
            high_min: 12,
            mid_min: 8,
            write_tier: true,
            every_days: Some(1),
            last_run_at: None,
            last_as_of: None,
        }
    }
}

impl RfmSettings {
    /// The tier of a total score.
    pub fn tier_of(&self, total: u8) -> &str {
        self.tiers.iter().find(|t| total >= t.min_score).map_or("", |t| t.tier.as_str())
    }

    pub fn level_of(&self, total: u8) -> super::ValueLevel {
        if total >= self.high_min {
            super::ValueLevel::High
        } else if total >= self.mid_min {
            super::ValueLevel::Mid
        } else {
            super::ValueLevel::Low
        }
    }
}

pub(crate) async fn load(conn: &mut SqliteConnection) -> CoreResult<RfmSettings> {
    let v: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'rfm'").fetch_optional(&mut *conn).await?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

pub(crate) async fn store(conn: &mut SqliteConnection, s: &RfmSettings) -> CoreResult<()> {
    let json = serde_json::to_string(s).map_err(|e| CoreError::internal(format!("settings not stored: {e}")))?;
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ('rfm', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )
    .bind(json)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Refuses settings that would leave customers without a tier or make no sense.
async fn check(conn: &mut SqliteConnection, s: &RfmSettings) -> CoreResult<()> {
    if !(1..=3650).contains(&s.window_days) {
        return Err(CoreError::invalid("the window is between 1 and 3650 days"));
    }
    if s.every_days.is_some_and(|d| !(1..=365).contains(&d)) {
        return Err(CoreError::invalid("a scheduled recompute runs every 1 to 365 days"));
    }
    if !(3..=15).contains(&s.mid_min) || !(3..=15).contains(&s.high_min) || s.high_min <= s.mid_min {
        return Err(CoreError::invalid(
            "the high-value score must be above the mid-value score, both between 3 and 15",
        ));
    }
    let Some(last) = s.tiers.last() else { return Err(CoreError::invalid("name at least one tier")) };
    if last.min_score != 3 {
        return Err(CoreError::invalid("the lowest tier starts at score 3, so every customer gets one"));
    }
    if s.tiers.windows(2).any(|w| w[0].min_score <= w[1].min_score) || s.tiers.iter().any(|t| t.min_score > 15) {
        return Err(CoreError::invalid("tiers go from the highest score down, each below the one before, at most 15"));
    }
    let known: Vec<String> =
        sqlx::query_scalar("SELECT o.key FROM field_options o JOIN fields f ON f.id = o.field_id WHERE f.key = 'tier'")
            .fetch_all(&mut *conn)
            .await?;
    if let Some(t) = s.tiers.iter().find(|t| !known.contains(&t.tier)) {
        return Err(CoreError::invalid(format!(
            "'{}' is not a value tier; add it to the tier dimension first",
            t.tier
        )));
    }
    Ok(())
}

impl Crm {
    pub async fn rfm_settings(&self, actor: &Actor) -> CoreResult<RfmSettings> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        load(&mut conn).await
    }

    /// Changes the window, tiers, levels and schedule (administrators); the next recompute uses them.
    pub async fn set_rfm_settings(&self, actor: &Actor, settings: RfmSettings) -> CoreResult<RfmSettings> {
        self.admin_access(actor, "rfm.settings").await?;
        let mut tx = self.db.begin_write().await?;
        check(&mut tx, &settings).await?;
        let current = load(&mut tx).await?;
        let kept = RfmSettings { last_run_at: current.last_run_at, last_as_of: current.last_as_of, ..settings };
        store(&mut tx, &kept).await?;
        tx.commit().await?;
        Ok(kept)
    }
}
