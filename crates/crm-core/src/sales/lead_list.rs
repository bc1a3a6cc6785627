//! Lead lists: a page is the union of index ranges (per territory and status for a scoped user,
//! per status for an administrator, per status of the owner's leads for "my leads"), each newest
//! first from the same cursor, merged here.

use super::lead_machine::LeadStatus;
use super::lead_model::{LEAD_SELECT, Lead, LeadRow};
use super::leads::allowed_actions;
use crate::access::Scope;
use crate::customer::model::Choice;
use crate::error::CoreResult;
use crate::time_cursor;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};

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

impl Crm {
    /// A page of leads in the user's scope, last changed first.
    pub async fn list_leads(&self, actor: &Actor, req: &LeadListRequest) -> CoreResult<LeadPage> {
        let access = self.access(actor).await?;
        let limit = req.limit.clamp(1, 500);
        let (before_at, before_seq) = match req.cursor.as_deref() {
            Some(c) => time_cursor::decode(c, "lead list")?,
            None => time_cursor::start(),
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
        let next_cursor = if more { rows.last().map(|r| time_cursor::encode(&r.updated_at, r.seq)) } else { None };
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
