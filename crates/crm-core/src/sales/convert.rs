//! Converting a lead (线索转换): into a new or an existing customer, optionally with a contact and
//! an opportunity, in one transaction. Before creating a customer the user is offered the
//! existing customers that match the lead by phone, e-mail or name, so no duplicate is made.

use super::lead_machine::{LeadAction, permitted, transition};
use super::lead_model::Lead;
use super::leads::{lead_row, standing, write_transition};
use super::opportunities::{check_owner, insert_opportunity, pick_stage};
use super::opportunity_model::{LineItem, OpportunityInput, validate_opportunity};
use super::stages::load_stages;
use crate::access::Denial;
use crate::contact::{ContactInput, add_contact};
use crate::customer::model::CustomerInput;
use crate::customer::service::insert_new_customer;
use crate::error::{CoreError, CoreResult};
use crate::search::query::MatchField;
use crate::search::tokens::digits;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};

/// The opportunity to open for the converted lead's customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OpportunityDraft {
    pub name: String,
    #[serde(default)]
    pub stage_id: Option<String>,
    #[serde(default)]
    pub amount: i64,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub expected_close: Option<String>,
    #[serde(default)]
    pub items: Vec<LineItem>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConvertInput {
    /// Link the lead to this existing customer…
    #[serde(default)]
    pub existing_customer_id: Option<String>,
    /// …or create this customer (the form starts from the lead's details).
    #[serde(default)]
    pub new_customer: Option<CustomerInput>,
    /// Add the lead's person as a contact of the (enterprise or government) customer.
    #[serde(default)]
    pub create_contact: bool,
    #[serde(default)]
    pub opportunity: Option<OpportunityDraft>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    Phone,
    Email,
    Name,
    Company,
}

/// An existing customer the lead may be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerMatch {
    pub id: String,
    pub name: String,
    pub company: Option<String>,
    pub city: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub reasons: Vec<MatchReason>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    pub lead: Lead,
    pub customer_id: String,
    pub contact_id: Option<String>,
    pub opportunity_id: Option<String>,
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Crm {
    /// The customers in the user's scope that share the lead's phone number or e-mail, or whose
    /// name is the lead's name or company: strongest evidence first.
    pub async fn lead_matches(&self, actor: &Actor, id: &str) -> CoreResult<Vec<CustomerMatch>> {
        let (_, row) = self.lead_in_scope(actor, id, "lead.read").await?;
        let mut found: Vec<CustomerMatch> = Vec::new();
        let mut note = |hit: &crate::search::query::SearchHit, reason: MatchReason| match found
            .iter_mut()
            .find(|m| m.id == hit.id)
        {
            Some(m) if !m.reasons.contains(&reason) => m.reasons.push(reason),
            Some(_) => {}
            None => found.push(CustomerMatch {
                id: hit.id.clone(),
                name: hit.name.clone(),
                company: hit.company.clone(),
                city: hit.city.clone(),
                phones: hit.phones.clone(),
                emails: hit.emails.clone(),
                reasons: vec![reason],
            }),
        };
        if let Some(phone) = &row.phone {
            let d = digits(phone);
            for hit in self.search(actor, &d, 20).await? {
                let same = hit.phones.iter().any(|p| digits(p) == d);
                if same || (hit.matched == MatchField::Contact && hit.score >= 0.9) {
                    note(&hit, MatchReason::Phone);
                }
            }
        }
        if let Some(email) = &row.email {
            for hit in self.search(actor, email, 20).await? {
                if hit.emails.iter().any(|e| same_text(e, email)) {
                    note(&hit, MatchReason::Email);
                }
            }
        }
        for (text, reason) in [(Some(&row.name), MatchReason::Name), (row.company.as_ref(), MatchReason::Company)] {
            let Some(text) = text else { continue };
            for hit in self.search(actor, text, 20).await? {
                if same_text(&hit.name, text) || hit.company.as_deref().is_some_and(|c| same_text(c, text)) {
                    note(&hit, reason);
                }
            }
        }
        let weight = |m: &CustomerMatch| {
            m.reasons
                .iter()
                .map(|r| if matches!(r, MatchReason::Phone | MatchReason::Email) { 2 } else { 1 })
                .sum::<i32>()
        };
        found.sort_by_key(|m| std::cmp::Reverse(weight(m)));
        Ok(found)
    }

    /// Converts a lead: creates or links the customer, adds the contact and opens the
    /// opportunity as asked, links all of them both ways and marks the lead converted. All of it
    /// happens, or none.
    pub async fn convert_lead(&self, actor: &Actor, id: &str, input: ConvertInput) -> CoreResult<Conversion> {
        let (access, _) = self.lead_in_scope(actor, id, "lead.convert").await?;
        let existing = input.existing_customer_id.as_deref().map(str::trim).filter(|c| !c.is_empty());
        match (existing, &input.new_customer) {
            (Some(_), Some(_)) => {
                return Err(CoreError::invalid("link an existing customer or create a new one, not both"));
            }
            (None, None) => {
                return Err(CoreError::invalid("choose the customer the lead becomes: an existing one or a new one"));
            }
            (Some(customer), None) => self.check_customer_scope(&access, customer, "lead.convert").await?,
            (None, Some(_)) => {}
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let result: Result<(String, Option<String>, Option<String>), Denial> = async {
            let row = lead_row(&mut tx, id).await?;
            if !access.scope.contains(row.territory) {
                let reason = crate::access::OUTSIDE_SCOPE.replace("customer", "lead");
                return Err(Denial::Refused { action: "lead.convert", reason });
            }
            permitted(LeadAction::Convert, standing(&access, &row))
                .map_err(|r| Denial::Refused { action: "lead.convert", reason: r.to_string() })?;
            let to = transition(row.status(), LeadAction::Convert)?;
            let customer_id = match (existing, &input.new_customer) {
                (Some(c), _) => {
                    let deleted: Option<String> = sqlx::query_scalar("SELECT deleted_at FROM customers WHERE id = ?1")
                        .bind(c)
                        .fetch_one(&mut *tx)
                        .await?;
                    if deleted.is_some() {
                        return Err(CoreError::invalid("that customer is in the trash; restore it first").into());
                    }
                    c.to_string()
                }
                (None, Some(new)) => insert_new_customer(&mut tx, &stamp, &access, new).await?,
                (None, None) => unreachable!("checked above"),
            };
            let contact_id = if input.create_contact {
                let contact = ContactInput {
                    name: row.name.clone(),
                    title: None,
                    phones: row.phone.iter().cloned().collect(),
                    emails: row.email.iter().cloned().collect(),
                };
                let record = crate::contact::validate(crate::new_id(), &contact)?;
                add_contact(&mut tx, &stamp, &customer_id, &record).await?;
                Some(record.id)
            } else {
                None
            };
            let opportunity_id = match &input.opportunity {
                None => None,
                Some(draft) => {
                    let stage = pick_stage(load_stages(&mut tx).await?, draft.stage_id.as_deref())?;
                    let mut o = OpportunityInput::new(draft.name.clone(), customer_id.clone());
                    o.amount = draft.amount;
                    o.currency = draft.currency.clone();
                    o.expected_close = draft.expected_close.clone();
                    o.items = draft.items.clone();
                    o.notes = draft.notes.clone();
                    let record = validate_opportunity(&o, &stage)?;
                    let territory: Option<i64> = sqlx::query_scalar("SELECT territory FROM customers WHERE id = ?1")
                        .bind(&customer_id)
                        .fetch_one(&mut *tx)
                        .await?;
                    // The lead's owner keeps the deal when they work the customer's territory.
                    let owner = row.owner.clone().unwrap_or_else(|| access.login.clone());
                    let owner = match check_owner(&mut tx, &owner, territory).await? {
                        Ok(login) => login,
                        Err(reason) => return Err(Denial::Refused { action: "opportunity.assign", reason }),
                    };
                    let oid = insert_opportunity(
                        &mut tx,
                        &stamp,
                        &customer_id,
                        contact_id.as_deref(),
                        Some(id),
                        territory,
                        &stage,
                        &owner,
                        &record,
                    )
                    .await?;
                    Some(oid)
                }
            };
            write_transition(&mut tx, &stamp, &row, LeadAction::Convert, to, row.owner.as_deref(), None).await?;
            sqlx::query("UPDATE leads SET customer_id = ?2, contact_id = ?3, opportunity_id = ?4 WHERE seq = ?1")
                .bind(row.seq)
                .bind(&customer_id)
                .bind(&contact_id)
                .bind(&opportunity_id)
                .execute(&mut *tx)
                .await?;
            let mut links = crate::changelog::ChangeSet::default();
            links.field("customer", None, Some(&customer_id));
            links.field("contact", None, contact_id.as_ref());
            links.field("opportunity", None, opportunity_id.as_ref());
            crate::changelog::record(
                &mut tx,
                &stamp,
                crate::changelog::LogRow {
                    entity: "lead",
                    entity_id: id,
                    root_id: &customer_id,
                    op: crate::changelog::ChangeOp::Update,
                    changes: links.to_json(),
                },
            )
            .await?;
            Ok((customer_id, contact_id, opportunity_id))
        }
        .await;
        let (customer_id, contact_id, opportunity_id) = match result {
            Ok(ids) => ids,
            Err(denial) => {
                drop(tx);
                return Err(self.deny(&access.login, Some(id), denial).await);
            }
        };
        tx.commit().await?;
        let lead = self.get_lead(actor, id).await?.lead;
        Ok(Conversion { lead, customer_id, contact_id, opportunity_id })
    }
}

/// The customer form's starting values for a lead: an enterprise named after its company, or
/// the person.
pub fn customer_from_lead(lead: &Lead) -> CustomerInput {
    use crate::customer::model::Kind;
    let mut c = CustomerInput::named(lead.company.clone().unwrap_or_else(|| lead.name.clone()));
    c.kind = if lead.company.is_some() { Kind::Enterprise } else { Kind::Individual };
    if lead.company.is_none() {
        c.phones = lead.phone.iter().cloned().collect();
        c.emails = lead.email.iter().cloned().collect();
    }
    c.company = lead.company.clone();
    c.country = lead.country.clone();
    c.province = lead.province.clone();
    c.city = lead.city.clone();
    c.owner = lead.owner.clone();
    c.notes = lead.notes.clone();
    c
}
