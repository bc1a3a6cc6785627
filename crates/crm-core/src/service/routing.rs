//! Who gets a new ticket (自动分配): round-robin or the least-loaded agent, optionally by skill
//! (the ticket's category), always within the ticket's territory and never an inactive agent.
//! Also the ticket categories and the agents' skills the admin sets.

use crate::access::{OrgShape, Role, Scope};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RoutingStrategy {
    /// New tickets wait in the queue for an agent or a manager.
    Manual,
    RoundRobin,
    LeastLoaded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketCategory {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TicketRouting {
    pub strategy: RoutingStrategy,
    /// Prefer agents whose skills include the ticket's category (any agent of the territory when
    /// none has it).
    pub by_skill: bool,
    pub categories: Vec<TicketCategory>,
}

impl Default for TicketRouting {
    fn default() -> Self {
        let c = |key: &str, zh: &str, en: &str| TicketCategory {
            key: key.into(),
            label_zh: zh.into(),
            label_en: en.into(),
        };
        TicketRouting {
            strategy: RoutingStrategy::RoundRobin,
            by_skill: true,
            categories: vec![
                c("inquiry", "咨询", "Inquiry"),
                c("complaint", "投诉", "Complaint"),
                c("repair", "维修", "Repair"),
                c("return", "退换货", "Return"),
                c("billing", "账单", "Billing"),
                c("other", "其他", "Other"),
            ],
        }
    }
}

const SETTING: &str = "ticket_routing";
/// The sign-in name the round-robin chose last.
const LAST_CHOSEN: &str = "ticket_routing_last";

impl TicketRouting {
    pub(crate) async fn load(conn: &mut SqliteConnection) -> CoreResult<TicketRouting> {
        let v: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?1").bind(SETTING).fetch_optional(conn).await?;
        Ok(match v {
            Some(v) => serde_json::from_str(&v)?,
            None => TicketRouting::default(),
        })
    }

    pub(crate) fn check_category(&self, category: Option<&str>) -> CoreResult<()> {
        match category {
            Some(c) if !self.categories.iter().any(|k| k.key == c) => Err(CoreError::invalid(format!(
                "'{c}' is not a ticket category; choose one of {}",
                self.categories.iter().map(|k| format!("{} ({})", k.key, k.label_zh)).collect::<Vec<_>>().join(", ")
            ))),
            _ => Ok(()),
        }
    }
}

/// An account that may work tickets, with its load and skills.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub unit_name: String,
    pub skills: Vec<String>,
    /// Open tickets assigned to them.
    pub open_tickets: i64,
}

struct Candidate {
    login: String,
    role: Role,
    scope: Scope,
    skills: Vec<String>,
    open: i64,
}

/// Active accounts that may be given tickets: service agents, and (by hand) managers and admins.
async fn candidates(conn: &mut SqliteConnection) -> CoreResult<Vec<Candidate>> {
    let shape = OrgShape::load(&mut *conn).await?;
    let open: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "SELECT lower(assignee), count(*) FROM tickets WHERE status IN ('new', 'assigned', 'in_progress', 'waiting')
         AND assignee IS NOT NULL GROUP BY lower(assignee)",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let mut skills: HashMap<String, Vec<String>> = HashMap::new();
    for (login, category) in
        sqlx::query_as::<_, (String, String)>("SELECT lower(login), category FROM agent_skills ORDER BY category")
            .fetch_all(&mut *conn)
            .await?
    {
        skills.entry(login).or_default().push(category);
    }
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT login, role, unit_seq FROM users WHERE active = 1 AND role IN ('service', 'manager', 'admin') ORDER BY lower(login)",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(login, role, unit)| {
            let role = Role::parse(&role)?;
            let key = login.to_lowercase();
            Ok(Candidate {
                scope: shape.scope(role, unit),
                skills: skills.remove(&key).unwrap_or_default(),
                open: open.get(&key).copied().unwrap_or(0),
                login,
                role,
            })
        })
        .collect()
}

/// The agent the routing gives a ticket of `territory` and `category`, or none (manual routing,
/// or nobody works the territory). Stores the round-robin position.
pub(crate) async fn route(
    conn: &mut SqliteConnection,
    territory: Option<i64>,
    category: Option<&str>,
) -> CoreResult<Option<String>> {
    let routing = TicketRouting::load(&mut *conn).await?;
    if routing.strategy == RoutingStrategy::Manual {
        return Ok(None);
    }
    let all = candidates(&mut *conn).await?;
    let mut eligible: Vec<&Candidate> =
        all.iter().filter(|c| c.role == Role::Service && c.scope.contains(territory)).collect();
    if routing.by_skill
        && let Some(cat) = category
    {
        let skilled: Vec<&Candidate> = eligible.iter().copied().filter(|c| c.skills.iter().any(|s| s == cat)).collect();
        if !skilled.is_empty() {
            eligible = skilled;
        }
    }
    if eligible.is_empty() {
        return Ok(None);
    }
    let last: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?1")
        .bind(LAST_CHOSEN)
        .fetch_optional(&mut *conn)
        .await?;
    let last = last.map(|l| l.to_lowercase());
    // The rotation order: the agents after the last one chosen, then from the start.
    let start =
        last.as_ref().map(|l| eligible.iter().position(|c| c.login.to_lowercase() > *l).unwrap_or(0)).unwrap_or(0);
    let rotated: Vec<&Candidate> = eligible[start..].iter().chain(eligible[..start].iter()).copied().collect();
    let chosen = match routing.strategy {
        RoutingStrategy::LeastLoaded => {
            let min = rotated.iter().map(|c| c.open).min().unwrap_or(0);
            rotated.into_iter().find(|c| c.open == min)
        }
        _ => rotated.into_iter().next(),
    };
    let Some(chosen) = chosen else { return Ok(None) };
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )
    .bind(LAST_CHOSEN)
    .bind(&chosen.login)
    .execute(&mut *conn)
    .await?;
    Ok(Some(chosen.login.clone()))
}

/// Checks that `login` may be given a ticket of `territory` and returns the sign-in name as stored.
pub(crate) async fn check_agent(
    conn: &mut SqliteConnection,
    login: &str,
    territory: Option<i64>,
) -> CoreResult<String> {
    let all = candidates(&mut *conn).await?;
    let Some(c) = all.iter().find(|c| c.login.eq_ignore_ascii_case(login.trim())) else {
        return Err(CoreError::invalid(format!(
            "{} is not an active service agent, manager or administrator and cannot be given tickets",
            login.trim()
        )));
    };
    if !c.scope.contains(territory) {
        return Err(CoreError::invalid(format!("{} does not work this ticket's territory", c.login)));
    }
    Ok(c.login.clone())
}

impl Crm {
    pub async fn ticket_routing(&self, actor: &Actor) -> CoreResult<TicketRouting> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        TicketRouting::load(&mut conn).await
    }

    /// Sets the routing and the categories (administrators). A category still used by a ticket
    /// cannot be removed.
    pub async fn set_ticket_routing(&self, actor: &Actor, mut routing: TicketRouting) -> CoreResult<TicketRouting> {
        self.admin_access(actor, "routing.save").await?;
        let mut keys = std::collections::HashSet::new();
        for c in &mut routing.categories {
            c.key = c.key.trim().to_lowercase();
            c.label_zh = c.label_zh.trim().to_string();
            c.label_en = c.label_en.trim().to_string();
            let key_ok = c.key.starts_with(|ch: char| ch.is_ascii_lowercase())
                && c.key.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
                && c.key.len() <= 40;
            if !key_ok {
                return Err(CoreError::invalid(format!(
                    "category key '{}' must be lowercase letters, digits or _ and start with a letter",
                    c.key
                )));
            }
            if c.label_zh.is_empty() && c.label_en.is_empty() {
                return Err(CoreError::invalid(format!("category '{}' needs a name", c.key)));
            }
            if !keys.insert(c.key.clone()) {
                return Err(CoreError::invalid(format!("category '{}' appears twice", c.key)));
            }
        }
        let mut tx = self.db.begin_write().await?;
        let used: Vec<String> = sqlx::query_scalar("SELECT DISTINCT category FROM tickets WHERE category IS NOT NULL")
            .fetch_all(&mut *tx)
            .await?;
        if let Some(gone) = used.iter().find(|u| !keys.contains(*u)) {
            return Err(CoreError::invalid(format!("category '{gone}' is used by tickets and cannot be removed")));
        }
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(SETTING)
        .bind(serde_json::to_string(&routing)?)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM agent_skills WHERE category NOT IN (SELECT value FROM json_each(?1))")
            .bind(serde_json::to_string(&keys.iter().collect::<Vec<_>>())?)
            .execute(&mut *tx)
            .await?;
        let stamp = self.stamp(actor);
        crate::changelog::record_own(
            &mut tx,
            &stamp,
            "setting",
            SETTING,
            crate::changelog::ChangeOp::Update,
            "{}".into(),
        )
        .await?;
        tx.commit().await?;
        Ok(routing)
    }

    /// The accounts that may work tickets, with skills and loads (managers and administrators).
    pub async fn agents(&self, actor: &Actor) -> CoreResult<Vec<Agent>> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let all = candidates(&mut conn).await?;
        let names: HashMap<String, (String, String)> = sqlx::query_as::<_, (String, String, String)>(
            "SELECT lower(u.login), u.display_name, o.name FROM users u JOIN org_units o ON o.seq = u.unit_seq",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(l, d, o)| (l, (d, o)))
        .collect();
        Ok(all
            .into_iter()
            .map(|c| {
                let (display_name, unit_name) = names.get(&c.login.to_lowercase()).cloned().unwrap_or_default();
                Agent {
                    login: c.login,
                    display_name,
                    role: c.role,
                    active: true,
                    unit_name,
                    skills: c.skills,
                    open_tickets: c.open,
                }
            })
            .collect())
    }

    /// Sets the categories an agent handles (managers and administrators).
    pub async fn set_agent_skills(
        &self,
        actor: &Actor,
        login: &str,
        categories: Vec<String>,
    ) -> CoreResult<Vec<Agent>> {
        self.manager_access(actor, "agent.skills").await?;
        let mut tx = self.db.begin_write().await?;
        let routing = TicketRouting::load(&mut tx).await?;
        for c in &categories {
            routing.check_category(Some(c))?;
        }
        let stored: Option<String> = sqlx::query_scalar("SELECT login FROM users WHERE login = ?1 AND role != 'sales'")
            .bind(login.trim())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(stored) = stored else {
            return Err(CoreError::invalid(format!("{} is not an agent who works tickets", login.trim())));
        };
        sqlx::query("DELETE FROM agent_skills WHERE login = ?1").bind(&stored).execute(&mut *tx).await?;
        for c in &categories {
            sqlx::query("INSERT OR IGNORE INTO agent_skills (login, category) VALUES (?1, ?2)")
                .bind(&stored)
                .bind(c)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.agents(actor).await
    }
}
