//! `crm ticket …`, `crm sla report` and `crm rule …`: the service desk and the workflow rules.

use crate::commands::{CmdResult, Out};
use crate::output::print_value;
use clap::Subcommand;
use crm_core::customer::model::Choice;
use crm_core::service::sla_report::SlaReportRequest;
use crm_core::service::ticket_list::{TicketListRequest, TicketView};
use crm_core::service::ticket_machine::TicketStatus;
use crm_core::service::ticket_model::{Priority, Ticket, TicketChannel, TicketInput};
use crm_core::{Actor, CoreError, Crm};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum TicketCommand {
    /// Open tickets, most urgent first (or every ticket with --all), in your territories
    List {
        /// new, assigned, in_progress, waiting, resolved, closed (or 新建…); repeat for several
        #[arg(long)]
        status: Vec<String>,
        /// Only tickets assigned to you
        #[arg(long)]
        mine: bool,
        /// Only tickets past a due time
        #[arg(long)]
        breached: bool,
        /// Every ticket, newest first, closed ones included
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Open a ticket for a customer (its id or external id)
    Add {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        description: Option<String>,
        /// phone, email, walk_in or web
        #[arg(long, default_value = "phone")]
        channel: String,
        /// low, normal, high or urgent (or 低/普通/高/紧急)
        #[arg(long, default_value = "normal")]
        priority: String,
        /// A category key of the routing settings (inquiry, complaint, …)
        #[arg(long)]
        category: Option<String>,
        /// Give it to this agent instead of the routing
        #[arg(long)]
        assignee: Option<String>,
    },
    /// One ticket with its history
    Show { id: String },
}

#[derive(Subcommand)]
pub enum SlaCommand {
    /// First-response and resolution met/breached, mean working minutes and ratings
    Report {
        /// Tickets opened from this day (YYYY-MM-DD)
        #[arg(long)]
        from: Option<String>,
        /// … up to this day
        #[arg(long)]
        to: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum RuleCommand {
    /// The workflow rules in order, with their run counts
    List,
    /// Run the scheduled rules that are due (and deliver reminders), or one rule now by id
    Run { id: Option<String> },
    /// The run log, newest first
    Runs {
        #[arg(long)]
        rule: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

fn parse<C: Choice>(s: &str) -> Result<C, CoreError> {
    C::parse_any(s)
        .ok_or_else(|| CoreError::invalid(format!("'{s}' is not a {}; use one of {}", C::FIELD, C::allowed())))
}

fn line(t: &Ticket) -> String {
    format!(
        "#{}  {}  [{} / {}]  {}  {}  due {}{}",
        t.number,
        t.subject,
        t.status.label_zh(),
        t.priority.label_zh(),
        t.customer_name,
        t.assignee.as_deref().unwrap_or("-"),
        t.resolution_due,
        match t.resolution_clock {
            crm_core::service::ticket_model::ClockState::Breached => "  BREACHED",
            crm_core::service::ticket_model::ClockState::DueSoon => "  due soon",
            _ => "",
        }
    )
}

pub async fn ticket(crm: &Crm, actor: &Actor, out: Out, command: TicketCommand) -> CmdResult {
    // Scheduled rules run in the app; a script that only uses `crm` gets the same behaviour.
    crm.run_due_rules().await?;
    let json = out.json;
    match command {
        TicketCommand::List { status, mine, breached, all, limit } => {
            let statuses = status.iter().map(|s| parse::<TicketStatus>(s)).collect::<Result<Vec<_>, _>>()?;
            let view = match (all, mine, breached) {
                (true, _, _) => TicketView::All,
                (_, true, _) => TicketView::Mine,
                (_, _, true) => TicketView::Breached,
                _ if statuses.iter().any(|s| !s.is_open()) => TicketView::All,
                _ => TicketView::Queue,
            };
            let mut request = TicketListRequest {
                view,
                statuses,
                priority: None,
                assignee: None,
                cursor: None,
                limit: limit.min(200),
            };
            let mut tickets = Vec::new();
            loop {
                let page = crm.list_tickets(actor, &request).await?;
                tickets.extend(page.items);
                match page.next_cursor {
                    Some(c) if (tickets.len() as u32) < limit => request.cursor = Some(c),
                    _ => break,
                }
            }
            tickets.truncate(limit as usize);
            print_value(&tickets, json, || tickets.iter().map(line).collect::<Vec<_>>().join("\n"));
        }
        TicketCommand::Add { customer, subject, description, channel, priority, category, assignee } => {
            let customer_id = match crm.find_by_external_id(actor, &customer).await? {
                Some(c) => c.id,
                None => customer,
            };
            let input = TicketInput {
                customer_id,
                contact_id: None,
                channel: parse::<TicketChannel>(&channel)?,
                category,
                priority: parse::<Priority>(&priority)?,
                subject,
                description,
                assignee,
            };
            let t = crm.create_ticket(actor, input).await?;
            print_value(&t, json, || line(&t));
        }
        TicketCommand::Show { id } => {
            let d = crm.get_ticket(actor, &id).await?;
            print_value(&d, json, || {
                let mut text = line(&d.ticket);
                for e in &d.events {
                    text.push_str(&format!(
                        "\n  {}  {}  {} {}{}",
                        e.at,
                        e.actor,
                        e.kind,
                        e.to_value.as_deref().unwrap_or(""),
                        e.body.as_deref().map(|b| format!(": {b}")).unwrap_or_default()
                    ));
                }
                text
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn sla(crm: &Crm, actor: &Actor, out: Out, command: SlaCommand) -> CmdResult {
    let SlaCommand::Report { from, to } = command;
    let report = crm.sla_report(actor, &SlaReportRequest { from, to }).await?;
    print_value(&report, out.json, || {
        let mut text = String::from("priority/agent   tickets  open  1st met/breached  resolved met/breached  rating");
        for f in std::iter::once(&report.total).chain(&report.by_priority).chain(&report.by_agent) {
            text.push_str(&format!(
                "\n{:<16} {:>7} {:>5} {:>8}/{:<8} {:>12}/{:<8} {}",
                if f.key.is_empty() { "(unassigned)" } else { &f.key },
                f.tickets,
                f.open,
                f.first_response_met,
                f.first_response_breached,
                f.resolution_met,
                f.resolution_breached,
                f.mean_rating_x100
                    .map(|r| format!("{:.2} ({})", r as f64 / 100.0, f.rated))
                    .unwrap_or_else(|| "-".into())
            ));
        }
        text
    });
    Ok(ExitCode::SUCCESS)
}

pub async fn rule(crm: &Crm, actor: &Actor, out: Out, command: RuleCommand) -> CmdResult {
    let json = out.json;
    match command {
        RuleCommand::List => {
            let rules = crm.list_rules(actor).await?;
            print_value(&rules, json, || {
                rules
                    .iter()
                    .map(|r| {
                        format!(
                            "{}  {}  [{} {}{}]  {}  runs {}",
                            r.id,
                            r.name,
                            r.entity.label_en().to_lowercase(),
                            r.trigger.key(),
                            r.every_minutes.map(|m| format!(" every {m} min")).unwrap_or_default(),
                            if r.active { "on" } else { "off" },
                            r.runs
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        RuleCommand::Run { id } => {
            let report = match id {
                Some(id) => crm.run_rule_now(actor, &id).await?,
                None => {
                    crm.access(actor).await?;
                    crm.run_due_rules().await?
                }
            };
            print_value(&report, json, || {
                format!(
                    "{} rule(s) run, {} record(s) matched, {} acted on, {} reminder(s) delivered",
                    report.rules_run, report.matched, report.acted, report.reminders
                )
            });
        }
        RuleCommand::Runs { rule, limit } => {
            let runs = crm.rule_runs(actor, rule.as_deref(), None, None, limit).await?;
            print_value(&runs, json, || {
                runs.iter()
                    .map(|r| {
                        format!(
                            "{}  {}  {} {}  {}: {}",
                            r.at,
                            r.rule_name,
                            r.entity,
                            r.record_label.as_deref().unwrap_or(&r.record_id),
                            r.outcome,
                            r.detail
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
