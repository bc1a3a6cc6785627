//! What a lead is, as the UI, the CLI and the store see it, and how typed input becomes a clean
//! lead record.

use super::lead_machine::{LeadAction, LeadStatus};
use crate::customer::model::{Choice, TerritoryRef};
use crate::customer::validate::{Problems, optional_text, required_name};
use crate::error::CoreResult;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

crate::choice_enum!(
    /// How a lead arrived.
    LeadOrigin, "lead origin", [
    Manual => "manual", "手工录入", "Manual entry";
    Import => "import", "导入", "Import";
    Campaign => "campaign", "营销活动", "Campaign";
]);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadInput {
    /// The person to reach.
    pub name: String,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

impl LeadInput {
    pub fn named(name: impl Into<String>) -> Self {
        LeadInput { name: name.into(), ..Default::default() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Lead {
    pub id: String,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub source: Option<String>,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub notes: Option<String>,
    pub territory: Option<TerritoryRef>,
    pub origin: LeadOrigin,
    pub status: LeadStatus,
    /// Sign-in name of the owner; none while in the pool.
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    /// The last time its owner worked it.
    pub touched_at: String,
    pub customer_id: Option<String>,
    pub contact_id: Option<String>,
    pub opportunity_id: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    /// What the signed-in user may do with it now (the UI offers exactly these).
    pub allowed_actions: Vec<LeadAction>,
}

/// A validated lead: trimmed, empty values removed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LeadRecord {
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub source: Option<String>,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub notes: Option<String>,
}

/// The problems of one lead, each naming its field.
pub(crate) fn lead_problems(input: &LeadInput) -> (LeadRecord, Problems) {
    let mut p = Problems::default();
    // The customer rules for numbers and addresses, so a converted lead passes them too.
    let phone = crate::customer::validate::phones(&mut p, input.phone.as_slice()).into_iter().next();
    let email = crate::customer::validate::emails(&mut p, input.email.as_slice()).into_iter().next();
    let record = LeadRecord {
        name: required_name(&mut p, "name", &input.name, 200),
        company: optional_text(&mut p, "company", input.company.as_deref(), 200),
        phone,
        email,
        source: optional_text(&mut p, "source", input.source.as_deref(), 100),
        industry: optional_text(&mut p, "industry", input.industry.as_deref(), 100),
        country: optional_text(&mut p, "country", input.country.as_deref(), 100),
        province: optional_text(&mut p, "province", input.province.as_deref(), 100),
        city: optional_text(&mut p, "city", input.city.as_deref(), 100),
        notes: optional_text(&mut p, "notes", input.notes.as_deref(), 10_000),
    };
    (record, p)
}

pub(crate) fn validate_lead(input: &LeadInput) -> CoreResult<LeadRecord> {
    let (record, problems) = lead_problems(input);
    problems.into_result(record)
}

/// The columns every lead query reads, with the owner's display name and the territory.
pub(crate) const LEAD_SELECT: &str = "SELECT l.seq, l.id, l.name, l.company, l.phone, l.email, l.source, l.industry,
        l.country, l.province, l.city, l.notes, l.territory, t.id AS territory_id, t.name AS territory_name,
        l.origin, l.status, l.owner, u.display_name AS owner_name, l.previous_owner, l.returned_at, l.touched_at,
        l.customer_id, l.contact_id, l.opportunity_id, l.version, l.created_at, l.created_by, l.updated_at, l.updated_by
    FROM leads l LEFT JOIN territories t ON t.seq = l.territory LEFT JOIN users u ON u.login = l.owner";

#[derive(FromRow, Debug, Clone)]
pub(crate) struct LeadRow {
    pub seq: i64,
    pub id: String,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub source: Option<String>,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub notes: Option<String>,
    pub territory: Option<i64>,
    pub territory_id: Option<String>,
    pub territory_name: Option<String>,
    pub origin: String,
    pub status: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub previous_owner: Option<String>,
    pub returned_at: Option<String>,
    pub touched_at: String,
    pub customer_id: Option<String>,
    pub contact_id: Option<String>,
    pub opportunity_id: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}

impl LeadRow {
    pub fn status(&self) -> LeadStatus {
        LeadStatus::from_key(&self.status).unwrap_or(LeadStatus::Unassigned)
    }

    pub fn record(&self) -> LeadRecord {
        LeadRecord {
            name: self.name.clone(),
            company: self.company.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            source: self.source.clone(),
            industry: self.industry.clone(),
            country: self.country.clone(),
            province: self.province.clone(),
            city: self.city.clone(),
            notes: self.notes.clone(),
        }
    }

    pub fn into_lead(self, allowed_actions: Vec<LeadAction>) -> Lead {
        let status = self.status();
        let territory = match (self.territory_id, self.territory_name) {
            (Some(id), Some(name)) => Some(TerritoryRef { id, name }),
            _ => None,
        };
        Lead {
            id: self.id,
            name: self.name,
            company: self.company,
            phone: self.phone,
            email: self.email,
            source: self.source,
            industry: self.industry,
            country: self.country,
            province: self.province,
            city: self.city,
            notes: self.notes,
            territory,
            origin: LeadOrigin::from_key(&self.origin).unwrap_or(LeadOrigin::Manual),
            status,
            owner_name: self.owner_name.or_else(|| self.owner.clone()),
            owner: self.owner,
            touched_at: self.touched_at,
            customer_id: self.customer_id,
            contact_id: self.contact_id,
            opportunity_id: self.opportunity_id,
            version: self.version,
            created_at: self.created_at,
            created_by: self.created_by,
            updated_at: self.updated_at,
            updated_by: self.updated_by,
            allowed_actions,
        }
    }
}

/// One recorded change of a lead's status or owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadTransition {
    pub at: String,
    pub actor: String,
    pub action: LeadAction,
    pub from: Option<LeadStatus>,
    pub to: LeadStatus,
    /// The owner after the change.
    pub owner: Option<String>,
    pub reason: Option<String>,
}

/// A lead with its whole story: transitions and follow-ups, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadDetail {
    pub lead: Lead,
    pub transitions: Vec<LeadTransition>,
    pub followups: Vec<crate::activity::Activity>,
}
