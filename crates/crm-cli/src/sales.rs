//! `crm lead …`, `crm opportunity list` and `crm funnel`: the sales commands.

use crate::commands::{CmdResult, Out};
use crate::output::print_value;
use clap::{Args, Subcommand};
use crm_core::activity::{ActivityInput, ActivityKind};
use crm_core::customer::model::Choice;
use crm_core::sales::convert::{ConvertInput, OpportunityDraft, customer_from_lead};
use crm_core::sales::funnel::FunnelRequest;
use crm_core::sales::lead_actions::LeadActionInput;
use crm_core::sales::lead_machine::{LeadAction, LeadStatus};
use crm_core::sales::lead_model::{Lead, LeadInput, LeadOrigin};
use crm_core::sales::leads::LeadListRequest;
use crm_core::sales::money::{format_amount, parse_amount};
use crm_core::sales::opportunities::OpportunityListRequest;
use crm_core::{Actor, CoreError, Crm};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum LeadCommand {
    /// Leads in your territories, last changed first
    List {
        /// unassigned (the pool), pending, following_up, invalid, converted, voided (or 未分配…);
        /// repeat for several
        #[arg(long)]
        status: Vec<String>,
        /// Only leads you own
        #[arg(long)]
        mine: bool,
        /// Only leads this user owns
        #[arg(long)]
        owner: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// One lead with its transitions and follow-ups
    Show { id: String },
    /// Enter a lead (a rep's own lead is pending and his; anyone else's goes to the pool)
    Add(LeadArgs),
    /// Give a lead to a user (managers and administrators)
    Assign {
        id: String,
        #[arg(long)]
        to: String,
    },
    /// Take a lead from the pool
    Claim { id: String },
    /// Record a follow-up (a pending lead becomes following up)
    FollowUp {
        id: String,
        #[arg(long)]
        subject: String,
        /// call, email, meeting, visit or note
        #[arg(long, default_value = "call")]
        kind: String,
    },
    /// Mark a lead invalid (cannot be reached for now)
    Invalid {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Pick an invalid lead up again
    Reopen { id: String },
    /// Give a lead back to the pool
    Return {
        id: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Void a junk lead
    Void {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Bring a voided lead back to the pool (administrators)
    Restore { id: String },
    /// Convert a lead into a customer (new, or --customer ID), with a contact and an opportunity
    Convert {
        id: String,
        /// Link this existing customer instead of creating one
        #[arg(long)]
        customer: Option<String>,
        /// Add the lead's person as a contact of the customer
        #[arg(long)]
        contact: bool,
        /// Open an opportunity with this name
        #[arg(long)]
        opportunity: Option<String>,
        /// The opportunity's amount, e.g. 12000.50
        #[arg(long)]
        amount: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        /// YYYY-MM-DD
        #[arg(long)]
        close: Option<String>,
    },
    /// Return the leads nobody touched for the pool's days (the app does this by itself)
    Sweep,
    /// Hand out the pool by the assignment rules (managers and administrators)
    AssignPool,
}

#[derive(Args)]
pub struct LeadArgs {
    #[arg(long)]
    name: String,
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    province: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// The lead came from a campaign (the assignment rules hand it out at once)
    #[arg(long)]
    campaign: bool,
}

fn line(l: &Lead) -> String {
    format!(
        "{}  {}  {}{}  {}",
        l.id,
        l.status.label_zh(),
        l.name,
        l.company.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
        l.owner_name.as_deref().unwrap_or("-")
    )
}

fn status(s: &str) -> Result<LeadStatus, CoreError> {
    LeadStatus::parse_any(s)
        .ok_or_else(|| CoreError::invalid(format!("'{s}' is not a lead status; use one of {}", LeadStatus::allowed())))
}

fn act(action: LeadAction, reason: Option<String>, assignee: Option<String>) -> LeadActionInput {
    LeadActionInput { action, reason, assignee }
}

fn print_lead(l: &Lead, json: bool) -> CmdResult {
    print_value(l, json, || line(l));
    Ok(ExitCode::SUCCESS)
}

pub async fn lead(crm: &Crm, actor: &Actor, out: Out, command: LeadCommand) -> CmdResult {
    // The pool's timer runs in the app; a script that only uses `crm` gets the same behaviour.
    let returned = crm.return_untouched_leads().await?;
    let json = out.json;
    match command {
        LeadCommand::List { status: statuses, mine, owner, limit } => {
            let statuses = statuses.iter().map(|s| status(s)).collect::<Result<Vec<_>, _>>()?;
            let owner = if mine { Some(crm.access(actor).await?.login) } else { owner };
            let mut request = LeadListRequest { statuses, owner, text: None, cursor: None, limit: limit.min(500) };
            let mut leads = Vec::new();
            loop {
                let page = crm.list_leads(actor, &request).await?;
                leads.extend(page.items);
                match page.next_cursor {
                    Some(c) if (leads.len() as u32) < limit => request.cursor = Some(c),
                    _ => break,
                }
            }
            leads.truncate(limit as usize);
            print_value(&leads, json, || leads.iter().map(line).collect::<Vec<_>>().join("\n"));
            Ok(ExitCode::SUCCESS)
        }
        LeadCommand::Show { id } => {
            let d = crm.get_lead(actor, &id).await?;
            print_value(&d, json, || {
                let mut t = line(&d.lead);
                for tr in &d.transitions {
                    let from = tr.from.map(|f| f.label_zh()).unwrap_or("-");
                    let why = tr.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                    t.push_str(&format!("\n  {} {} {} -> {}{why}", tr.at, tr.actor, from, tr.to.label_zh()));
                }
                t
            });
            Ok(ExitCode::SUCCESS)
        }
        LeadCommand::Add(a) => {
            let input = LeadInput {
                name: a.name,
                company: a.company,
                phone: a.phone,
                email: a.email,
                source: a.source,
                industry: None,
                country: None,
                province: a.province,
                city: a.city,
                notes: a.notes,
            };
            let origin = if a.campaign { LeadOrigin::Campaign } else { LeadOrigin::Manual };
            print_lead(&crm.create_lead(actor, input, origin).await?, json)
        }
        LeadCommand::Assign { id, to } => {
            print_lead(&crm.act_on_lead(actor, &id, act(LeadAction::Assign, None, Some(to))).await?, json)
        }
        LeadCommand::Claim { id } => {
            print_lead(&crm.act_on_lead(actor, &id, act(LeadAction::Claim, None, None)).await?, json)
        }
        LeadCommand::FollowUp { id, subject, kind } => {
            let kind = ActivityKind::parse_any(&kind)
                .ok_or_else(|| CoreError::invalid(format!("'{kind}' is not one of {}", ActivityKind::allowed())))?;
            let input = ActivityInput { kind, occurred_at: None, subject, body: None, opportunity_id: None };
            print_lead(&crm.follow_up_lead(actor, &id, input).await?, json)
        }
        LeadCommand::Invalid { id, reason } => {
            print_lead(&crm.act_on_lead(actor, &id, act(LeadAction::MarkInvalid, Some(reason), None)).await?, json)
        }
        LeadCommand::Reopen { id } => {
            print_lead(&crm.act_on_lead(actor, &id, act(LeadAction::Reopen, None, None)).await?, json)
        }
        LeadCommand::Return { id, reason } => {
            print_lead(&crm.act_on_lead(actor, &id, act(LeadAction::Return, reason, None)).await?, json)
        }
        LeadCommand::Void { id, reason } => {
            print_lead(&crm.act_on_lead(actor, &id, act(LeadAction::Void, Some(reason), None)).await?, json)
        }
        LeadCommand::Restore { id } => {
            print_lead(&crm.act_on_lead(actor, &id, act(LeadAction::Restore, None, None)).await?, json)
        }
        LeadCommand::Convert { id, customer, contact, opportunity, amount, currency, close } => {
            let lead = crm.get_lead(actor, &id).await?.lead;
            let opportunity = match opportunity {
                Some(name) => Some(OpportunityDraft {
                    name,
                    stage_id: None,
                    amount: amount.as_deref().map(parse_amount).transpose()?.unwrap_or(0),
                    currency,
                    expected_close: close,
                    items: Vec::new(),
                    notes: None,
                }),
                None => None,
            };
            let input = ConvertInput {
                new_customer: customer.is_none().then(|| customer_from_lead(&lead)),
                existing_customer_id: customer,
                create_contact: contact,
                opportunity,
            };
            let c = crm.convert_lead(actor, &id, input).await?;
            print_value(&c, json, || {
                let mut t = format!("{}\n  customer {}", line(&c.lead), c.customer_id);
                if let Some(k) = &c.contact_id {
                    t.push_str(&format!("\n  contact {k}"));
                }
                if let Some(o) = &c.opportunity_id {
                    t.push_str(&format!("\n  opportunity {o}"));
                }
                t
            });
            Ok(ExitCode::SUCCESS)
        }
        LeadCommand::Sweep => {
            print_value(&serde_json::json!({ "returned": returned }), json, || {
                format!("{} untouched lead(s) returned to the pool", returned.len())
            });
            Ok(ExitCode::SUCCESS)
        }
        LeadCommand::AssignPool => {
            let n = crm.assign_pool_by_rules(actor).await?;
            print_value(&serde_json::json!({ "assigned": n }), json, || format!("{n} lead(s) assigned by the rules"));
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub async fn opportunities(crm: &Crm, actor: &Actor, out: Out, stage: Vec<String>, limit: u32) -> CmdResult {
    let request = OpportunityListRequest { stage_ids: stage, owner: None, customer_id: None, cursor: None, limit };
    let page = crm.list_opportunities(actor, &request).await?;
    print_value(&page.items, out.json, || {
        page.items
            .iter()
            .map(|o| {
                format!(
                    "{}  {}  {}  {} {}  {}  {}",
                    o.id,
                    o.stage.name_zh,
                    o.name,
                    format_amount(o.amount),
                    o.currency,
                    o.customer_name,
                    o.owner_name
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub async fn funnel(crm: &Crm, actor: &Actor, out: Out, request: FunnelRequest) -> CmdResult {
    let f = crm.funnel(actor, &request).await?;
    print_value(&f, out.json, || {
        let mut t = format!("funnel ({})", f.currency);
        for s in &f.stages {
            let conversion = s.conversion_to_next.map(|c| format!("  → {:.0}%", c * 100.0)).unwrap_or_default();
            t.push_str(&format!(
                "\n  {:<8} {:>5}  {:>16}  reached {:>5}{conversion}",
                s.stage.name_zh,
                s.count,
                format_amount(s.amount),
                s.reached
            ));
        }
        t.push_str(&format!(
            "\n  weighted forecast {} of {} open; won {}",
            format_amount(f.weighted_forecast),
            format_amount(f.open_amount),
            format_amount(f.won_amount)
        ));
        t
    });
    Ok(ExitCode::SUCCESS)
}
