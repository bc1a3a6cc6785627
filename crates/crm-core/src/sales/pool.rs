//! The lead pool's rules (线索池规则): when an untouched lead goes back, how long its previous
//! owner waits before taking it again, and how many leads a rep may claim and hold.

use crate::conditions::{Condition, ConditionTest, TestOp};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// Zero turns a rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PoolRules {
    /// A pending or followed-up lead untouched this many days returns to the pool. This is the
    /// default workflow rule `lead_untouched_pool`: read from it and written to it.
    pub return_after_days: u32,
    /// Its previous owner cannot claim it again for this many days.
    pub reclaim_wait_days: u32,
    /// Leads a rep may claim in 24 hours.
    pub daily_claim_limit: u32,
    /// Open (pending or followed-up) leads one person may own.
    pub open_lead_limit: u32,
}

impl Default for PoolRules {
    fn default() -> Self {
        PoolRules { return_after_days: 7, reclaim_wait_days: 3, daily_claim_limit: 20, open_lead_limit: 50 }
    }
}

const SETTING: &str = "lead_pool";

impl PoolRules {
    pub(crate) async fn load(conn: &mut SqliteConnection) -> CoreResult<PoolRules> {
        let v: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?1")
            .bind(SETTING)
            .fetch_optional(&mut *conn)
            .await?;
        let mut rules: PoolRules = match v {
            Some(v) => serde_json::from_str(&v)?,
            None => PoolRules::default(),
        };
        rules.return_after_days = return_rule_days(conn).await?;
        Ok(rules)
    }

    /// Whether `previous_owner`, who gave the lead back at `returned_at`, must still wait.
    pub(crate) fn reclaim_blocked(
        &self,
        login: &str,
        previous_owner: Option<&str>,
        returned_at: Option<&str>,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let (Some(prev), Some(at)) = (previous_owner, returned_at) else { return None };
        if self.reclaim_wait_days == 0 || !prev.eq_ignore_ascii_case(login) {
            return None;
        }
        let until = crate::clock::from_db(at) + Duration::days(self.reclaim_wait_days.into());
        (now < until).then_some(until)
    }

    pub(crate) fn under_open_limit(&self, open: i64) -> bool {
        self.open_lead_limit == 0 || open < i64::from(self.open_lead_limit)
    }
}

/// The days of the default rule "a lead untouched for N days goes back to the pool"; 0 when the
/// rule is off or gone.
async fn return_rule_days(conn: &mut SqliteConnection) -> CoreResult<u32> {
    let rule: Option<String> = sqlx::query_scalar(
        "SELECT condition FROM workflow_rules WHERE builtin = ?1 AND active = 1 AND deleted_at IS NULL",
    )
    .bind(RETURN_RULE)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(condition) = rule else { return Ok(0) };
    let condition: Condition = serde_json::from_str(&condition)?;
    Ok(touched_test(&condition).and_then(|t| t.values.first()?.parse().ok()).unwrap_or(0))
}

/// The "touched at, older than N days" test of the rule's condition.
fn touched_test(c: &Condition) -> Option<&ConditionTest> {
    match c {
        Condition::All { items } => items.iter().find_map(touched_test),
        Condition::Test(t) if t.field == "touched_at" && t.op == TestOp::OlderThanDays => Some(t),
        _ => None,
    }
}

/// Writes N into the default rule (0 switches it off).
async fn set_return_rule_days(conn: &mut SqliteConnection, days: u32, at: &str) -> CoreResult<()> {
    let rule: Option<String> = sqlx::query_scalar("SELECT condition FROM workflow_rules WHERE builtin = ?1")
        .bind(RETURN_RULE)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(condition) = rule else { return Ok(()) };
    let mut condition: Condition = serde_json::from_str(&condition)?;
    if days > 0
        && let Condition::All { items } = &mut condition
    {
        for item in items.iter_mut() {
            if let Condition::Test(t) = item
                && t.field == "touched_at"
                && t.op == TestOp::OlderThanDays
            {
                t.values = vec![days.to_string()];
            }
        }
    }
    sqlx::query(
        "UPDATE workflow_rules SET condition = ?2, active = ?3, deleted_at = NULL, updated_at = ?4 WHERE builtin = ?1",
    )
    .bind(RETURN_RULE)
    .bind(serde_json::to_string(&condition)?)
    .bind(days > 0)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The builtin workflow rule that returns untouched leads.
pub(crate) const RETURN_RULE: &str = "lead_untouched_pool";

/// How many open leads `login` owns now.
pub(crate) async fn open_leads_of(conn: &mut SqliteConnection, login: &str) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM leads WHERE owner = ?1 AND status IN ('pending', 'following_up')")
        .bind(login)
        .fetch_one(conn)
        .await?)
}

/// Refuses a claim the pool's limits do not allow, saying which limit and until when.
pub(crate) async fn check_claim(
    conn: &mut SqliteConnection,
    rules: &PoolRules,
    login: &str,
    previous_owner: Option<&str>,
    returned_at: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    if let Some(until) = rules.reclaim_blocked(login, previous_owner, returned_at, now) {
        return Err(CoreError::conflict(format!(
            "you gave this lead back to the pool; you may claim it again after {} (the pool waits {} days)",
            until.format("%Y-%m-%d %H:%M UTC"),
            rules.reclaim_wait_days
        )));
    }
    if rules.daily_claim_limit > 0 {
        let since = crate::clock::to_db(now - Duration::hours(24));
        let claimed: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM lead_transitions WHERE actor = ?1 AND action = 'claim' AND at > ?2",
        )
        .bind(login)
        .bind(&since)
        .fetch_one(&mut *conn)
        .await?;
        if claimed >= i64::from(rules.daily_claim_limit) {
            return Err(CoreError::conflict(format!(
                "you have claimed {claimed} leads in the last 24 hours, the pool's limit; claim more tomorrow"
            )));
        }
    }
    let open = open_leads_of(conn, login).await?;
    if !rules.under_open_limit(open) {
        return Err(CoreError::conflict(format!(
            "you already own {open} open leads, the pool's limit; convert, invalidate or return some first"
        )));
    }
    Ok(())
}

impl Crm {
    pub async fn pool_rules(&self, actor: &Actor) -> CoreResult<PoolRules> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        PoolRules::load(&mut conn).await
    }

    /// Changes the pool's rules: an administrator's action.
    pub async fn set_pool_rules(&self, actor: &Actor, rules: PoolRules) -> CoreResult<PoolRules> {
        let access = self.admin_access(actor, "lead_pool.configure").await?;
        let limits = [
            ("return after days", rules.return_after_days, 3650),
            ("reclaim wait days", rules.reclaim_wait_days, 3650),
            ("daily claim limit", rules.daily_claim_limit, 100_000),
            ("open lead limit", rules.open_lead_limit, 1_000_000),
        ];
        for (name, value, max) in limits {
            if value > max {
                return Err(CoreError::invalid(format!("{name} must be at most {max} (0 turns it off)")));
            }
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let old = PoolRules::load(&mut tx).await?;
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(SETTING)
        .bind(serde_json::to_string(&rules)?)
        .execute(&mut *tx)
        .await?;
        set_return_rule_days(&mut tx, rules.return_after_days, &stamp.at).await?;
        let mut changes = crate::changelog::ChangeSet::default();
        changes.field("leadPool", Some(&old), Some(&rules));
        crate::changelog::record_own(
            &mut tx,
            &stamp,
            "settings",
            SETTING,
            crate::changelog::ChangeOp::Update,
            changes.to_json(),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(by = %access.login, ?rules, "pool rules changed");
        Ok(rules)
    }
}
