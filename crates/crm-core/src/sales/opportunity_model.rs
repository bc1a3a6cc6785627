//! What an opportunity is, as the UI and the CLI see it, and how typed input becomes a checked
//! record.

use super::money::{MAX_AMOUNT, currency_code};
use super::stages::{StageOutcome, StageRow};
use crate::customer::validate::{Problems, optional_text, parse_date, required_name};
use crate::error::CoreResult;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LineItem {
    pub product: String,
    pub quantity: i64,
    /// Minor units of the opportunity's currency.
    pub unit_price: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OpportunityInput {
    pub name: String,
    pub customer_id: String,
    #[serde(default)]
    pub contact_id: Option<String>,
    /// The first open stage when absent.
    #[serde(default)]
    pub stage_id: Option<String>,
    /// Minor units; derived from the items when there are any.
    #[serde(default)]
    pub amount: i64,
    #[serde(default)]
    pub currency: Option<String>,
    /// Percent; the stage's default when absent.
    #[serde(default)]
    pub probability: Option<i64>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub expected_close: Option<String>,
    /// Sign-in or display name; the acting user when absent.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub lost_reason: Option<String>,
    #[serde(default)]
    pub items: Vec<LineItem>,
    #[serde(default)]
    pub notes: Option<String>,
}

impl OpportunityInput {
    pub fn new(name: impl Into<String>, customer_id: impl Into<String>) -> Self {
        OpportunityInput {
            name: name.into(),
            customer_id: customer_id.into(),
            contact_id: None,
            stage_id: None,
            amount: 0,
            currency: None,
            probability: None,
            expected_close: None,
            owner: None,
            lost_reason: None,
            items: Vec::new(),
            notes: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StageRef {
    pub id: String,
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub outcome: StageOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    pub customer_id: String,
    pub customer_name: String,
    pub contact_id: Option<String>,
    pub lead_id: Option<String>,
    pub stage: StageRef,
    pub amount: i64,
    pub currency: String,
    pub probability: i64,
    /// amount × probability, in minor units.
    pub weighted_amount: i64,
    pub expected_close: Option<String>,
    pub owner: String,
    pub owner_name: String,
    pub lost_reason: Option<String>,
    pub closed_at: Option<String>,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    /// Whether the signed-in user may edit it and move it between stages.
    pub may_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StageChange {
    pub at: String,
    pub actor: String,
    pub from: Option<StageRef>,
    pub to: StageRef,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OpportunityDetail {
    pub opportunity: Opportunity,
    pub items: Vec<LineItem>,
    pub stage_changes: Vec<StageChange>,
    pub activities: Vec<crate::activity::Activity>,
}

pub(crate) const OPPORTUNITY_SELECT: &str = "SELECT o.seq, o.id, o.name, o.customer_id, c.name AS customer_name,
        o.territory, o.contact_id, o.lead_id, o.stage_seq, s.id AS stage_id, s.key AS stage_key, s.name_zh, s.name_en,
        s.outcome, o.amount, o.currency, o.probability, o.expected_close, o.owner, u.display_name AS owner_name,
        o.lost_reason, o.closed_at, o.notes, o.version, o.created_at, o.created_by, o.updated_at, o.updated_by,
        o.deleted_at
    FROM opportunities o JOIN customers c ON c.id = o.customer_id JOIN opportunity_stages s ON s.seq = o.stage_seq
    LEFT JOIN users u ON u.login = o.owner";

#[derive(FromRow, Debug, Clone)]
pub(crate) struct OpportunityRow {
    pub seq: i64,
    pub id: String,
    pub name: String,
    pub customer_id: String,
    pub customer_name: String,
    pub territory: Option<i64>,
    pub contact_id: Option<String>,
    pub lead_id: Option<String>,
    pub stage_seq: i64,
    pub stage_id: String,
    pub stage_key: String,
    pub name_zh: String,
    pub name_en: String,
    pub outcome: String,
    pub amount: i64,
    pub currency: String,
    pub probability: i64,
    pub expected_close: Option<String>,
    pub owner: String,
    pub owner_name: Option<String>,
    pub lost_reason: Option<String>,
    pub closed_at: Option<String>,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    pub deleted_at: Option<String>,
}

pub(crate) fn weighted(amount: i64, probability: i64) -> i64 {
    // i128: a maximal amount times 100 does not fit in i64.
    (i128::from(amount) * i128::from(probability) / 100) as i64
}

impl OpportunityRow {
    pub fn into_opportunity(self, may_edit: bool) -> Opportunity {
        Opportunity {
            stage: StageRef {
                id: self.stage_id,
                key: self.stage_key,
                name_zh: self.name_zh,
                name_en: self.name_en,
                outcome: StageOutcome::parse(&self.outcome),
            },
            weighted_amount: weighted(self.amount, self.probability),
            owner_name: self.owner_name.unwrap_or_else(|| self.owner.clone()),
            id: self.id,
            name: self.name,
            customer_id: self.customer_id,
            customer_name: self.customer_name,
            contact_id: self.contact_id,
            lead_id: self.lead_id,
            amount: self.amount,
            currency: self.currency,
            probability: self.probability,
            expected_close: self.expected_close,
            owner: self.owner,
            lost_reason: self.lost_reason,
            closed_at: self.closed_at,
            notes: self.notes,
            version: self.version,
            created_at: self.created_at,
            created_by: self.created_by,
            updated_at: self.updated_at,
            updated_by: self.updated_by,
            may_edit,
        }
    }
}

/// Checked values of an opportunity (the customer, contact and owner are checked against the
/// store by the caller).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpportunityRecord {
    pub name: String,
    pub amount: i64,
    pub currency: String,
    pub probability: i64,
    pub expected_close: Option<String>,
    pub lost_reason: Option<String>,
    pub items: Vec<LineItem>,
    pub notes: Option<String>,
}

/// Line items checked (problems named by item number), with their total.
pub(crate) fn checked_items(p: &mut Problems, input: &[LineItem]) -> (Vec<LineItem>, i64) {
    let mut items = Vec::with_capacity(input.len());
    let mut total: i64 = 0;
    for (i, item) in input.iter().enumerate() {
        let n = i + 1;
        let product = item.product.trim();
        if product.is_empty() || product.chars().count() > 200 {
            p.push(format!("item {n} needs a product name of at most 200 characters"));
        }
        if !(1..=1_000_000).contains(&item.quantity) {
            p.push(format!("item {n}: the quantity must be 1 to 1,000,000"));
        }
        if !(0..=MAX_AMOUNT).contains(&item.unit_price) {
            p.push(format!("item {n}: the unit price must not be negative"));
        }
        total = total.saturating_add(item.quantity.saturating_mul(item.unit_price));
        items.push(LineItem { product: product.to_string(), quantity: item.quantity, unit_price: item.unit_price });
    }
    if items.len() > 500 {
        p.push("at most 500 items".into());
    }
    (items, total)
}

/// Validates the input against the stage it will be in. With line items, the amount is their sum.
pub(crate) fn validate_opportunity(input: &OpportunityInput, stage: &StageRow) -> CoreResult<OpportunityRecord> {
    let mut p = Problems::default();
    let name = required_name(&mut p, "name", &input.name, 200);
    let currency = match currency_code(input.currency.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            p.push(e.message);
            "CNY".into()
        }
    };
    let (items, total) = checked_items(&mut p, &input.items);
    let amount = if items.is_empty() { input.amount } else { total };
    if !(0..=MAX_AMOUNT).contains(&amount) {
        p.push("the amount must be zero or more, and below 10 trillion".into());
    }
    let outcome = stage.outcome();
    let probability = match outcome {
        StageOutcome::Won => 100,
        StageOutcome::Lost => 0,
        StageOutcome::Open => input.probability.unwrap_or(stage.probability),
    };
    if !(0..=100).contains(&probability) {
        p.push("the probability is a percentage from 0 to 100".into());
    }
    let expected_close = match input.expected_close.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => match parse_date(d) {
            Some(d) => Some(d),
            None => {
                p.push(format!("expected close '{d}' is not a date like 2026-12-31"));
                None
            }
        },
    };
    let lost_reason = optional_text(&mut p, "lost reason", input.lost_reason.as_deref(), 500);
    if outcome == StageOutcome::Lost && lost_reason.is_none() {
        p.push("say why the opportunity was lost".into());
    }
    let record = OpportunityRecord {
        name,
        amount,
        currency,
        probability,
        expected_close,
        lost_reason: if outcome == StageOutcome::Lost { lost_reason } else { None },
        items,
        notes: optional_text(&mut p, "notes", input.notes.as_deref(), 10_000),
    };
    p.into_result(record)
}
