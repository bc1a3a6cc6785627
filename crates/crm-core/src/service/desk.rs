//! The service desk's caller lookup (来电弹屏): what the agent types (part of a phone number, a
//! name, pinyin initials, a company) finds the customer, and with the best match, in the same
//! call, what the agent needs on the phone: the customer, their open and past tickets and their
//! opportunities.

use super::ticket_model::Ticket;
use crate::customer::model::Customer;
use crate::error::CoreResult;
use crate::sales::opportunity_model::Opportunity;
use crate::sales::opportunity_reads::OpportunityListRequest;
use crate::search::query::SearchHit;
use crate::{Actor, Crm};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CallerCard {
    pub customer: Customer,
    pub open_tickets: Vec<Ticket>,
    pub past_tickets: Vec<Ticket>,
    pub opportunities: Vec<Opportunity>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CallerLookup {
    pub matches: Vec<SearchHit>,
    /// The card of `customer_id` if given, else of the best match.
    pub card: Option<CallerCard>,
}

impl Crm {
    /// Finds the caller and shows the card of the best match (or of the chosen customer).
    pub async fn caller_lookup(
        &self,
        actor: &Actor,
        query: &str,
        customer_id: Option<&str>,
    ) -> CoreResult<CallerLookup> {
        let matches = if query.trim().is_empty() { Vec::new() } else { self.search(actor, query, 10).await? };
        let chosen = customer_id.map(str::to_string).or_else(|| matches.first().map(|h| h.id.clone()));
        let card = match chosen {
            Some(id) => Some(self.caller_card(actor, &id).await?),
            None => None,
        };
        Ok(CallerLookup { matches, card })
    }

    pub async fn caller_card(&self, actor: &Actor, customer_id: &str) -> CoreResult<CallerCard> {
        let customer = self.get_customer(actor, customer_id).await?;
        let tickets = self.customer_tickets(actor, customer_id, 50).await?;
        let (open_tickets, past_tickets) = tickets.into_iter().partition(|t| t.status.is_open());
        let opportunities = self
            .list_opportunities(
                actor,
                &OpportunityListRequest {
                    stage_ids: Vec::new(),
                    owner: None,
                    customer_id: Some(customer_id.to_string()),
                    cursor: None,
                    limit: 20,
                },
            )
            .await?
            .items;
        Ok(CallerCard { customer, open_tickets, past_tickets, opportunities })
    }
}
