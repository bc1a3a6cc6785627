//! `crm`: Kehu CRM from the command line, on the same core and the same database file as the app.

mod admin;
mod backup;
mod commands;
mod dedupe;
mod imports;
mod output;
mod rfm;
mod sales;
mod service;
mod session;

use clap::{Parser, Subcommand};
use crm_core::{CoreError, Crm};
use std::path::PathBuf;
use std::process::ExitCode;

// Imports allocate millions of small strings across two threads; mimalloc keeps that cheap.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "crm", version, about = "Kehu CRM on the command line (same database as the app)")]
struct Cli {
    /// Database file [default: $CRM_DB, else the app's database in the user data folder]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print machine-readable JSON
    #[arg(long, global = true)]
    json: bool,
    /// Act as this user (password from CRM_PASSWORD or a prompt) [default: the remembered user
    /// of a one-person installation]
    #[arg(long, global = true, env = "CRM_USER", value_name = "NAME")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import records from a file
    Import {
        #[command(subcommand)]
        what: imports::ImportWhat,
    },
    /// Export records to a file
    Export {
        #[command(subcommand)]
        what: commands::ExportWhat,
    },
    /// Duplicate customers (查重): scan, merge, undo a merge
    Dedupe {
        #[command(subcommand)]
        action: dedupe::DedupeAction,
    },
    /// Search customers by name, pinyin, company, contact, e-mail or phone digits
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Show or add customers
    Customer {
        #[command(subcommand)]
        action: commands::CustomerAction,
    },
    /// Generate realistic demo customers (the same seed gives the same data)
    DemoData {
        #[arg(long)]
        customers: u64,
        /// Also this many leads in every status
        #[arg(long, default_value_t = 0)]
        leads: u64,
        /// Also this many opportunities of random customers in every stage
        #[arg(long, default_value_t = 0)]
        opportunities: u64,
        /// Also this many service tickets (opened through the rules and the routing, some closed and rated)
        #[arg(long, default_value_t = 0)]
        tickets: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print where the database file is
    DbPath,
    /// Backups of the database (administrators): take one while the app runs, list, check
    Backup {
        #[command(subcommand)]
        action: backup::BackupAction,
    },
    /// Restore a backup (administrators): checked first; the database it replaces is kept as
    /// <db>.before-restore. If the app has the database open, it happens at the app's next start
    Restore { file: PathBuf },
    /// Create the company and its administrator in a new database (password from CRM_PASSWORD
    /// or a prompt)
    Setup {
        #[arg(long)]
        company: String,
        /// The administrator's sign-in name
        #[arg(long)]
        admin: String,
        #[arg(long)]
        display: Option<String>,
        /// Stay signed in (the app and `crm` start as this user while they are the only one)
        #[arg(long)]
        stay_signed_in: bool,
    },
    /// Users and their roles (administrators)
    User {
        #[command(subcommand)]
        action: admin::UserAction,
    },
    /// The org tree (administrators change it; everyone may list it)
    Org {
        #[command(subcommand)]
        action: admin::OrgAction,
    },
    /// Territories: places attached to org units (administrators change them)
    Territory {
        #[command(subcommand)]
        action: admin::TerritoryAction,
    },
    /// Leads and the lead pool
    Lead {
        #[command(subcommand)]
        action: sales::LeadCommand,
    },
    /// Opportunities, last changed first
    Opportunity {
        /// Only these stages (keys such as initial, won, lost, or ids); repeat for several
        #[arg(long)]
        stage: Vec<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// The sales funnel: per stage, conversion to the next, weighted forecast
    Funnel {
        /// Opportunities created from this day (YYYY-MM-DD)
        #[arg(long)]
        from: Option<String>,
        /// … up to this day
        #[arg(long)]
        to: Option<String>,
        /// The currency to report (default: the one most used)
        #[arg(long)]
        currency: Option<String>,
        /// Only this owner's opportunities
        #[arg(long)]
        owner: Option<String>,
    },
    /// Recompute the RFM value assessment (managers and administrators) and print every
    /// customer's recency, frequency, monetary value, scores and tier
    Rfm {
        /// The day to assess as of (YYYY-MM-DD; default today)
        #[arg(long)]
        as_of: Option<String>,
        /// Count the orders of this many days before it (default: the settings', 365)
        #[arg(long)]
        window_days: Option<u32>,
    },
    /// Service tickets
    Ticket {
        #[command(subcommand)]
        action: service::TicketCommand,
    },
    /// The SLA report
    Sla {
        #[command(subcommand)]
        action: service::SlaCommand,
    },
    /// Workflow rules: list, run, run log
    Rule {
        #[command(subcommand)]
        action: service::RuleCommand,
    },
    /// The audit log: changes, failed sign-ins and refused actions, newest first (administrators)
    Audit {
        /// Only what this user did
        #[arg(long = "by")]
        login: Option<String>,
        /// Only entries about this record (id)
        #[arg(long)]
        record: Option<String>,
        /// From this day (YYYY-MM-DD)
        #[arg(long)]
        from: Option<String>,
        /// Up to this day (YYYY-MM-DD)
        #[arg(long)]
        to: Option<String>,
        /// Only failed sign-ins and refused actions
        #[arg(long)]
        security: bool,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            output::print_error(&e, json);
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode, CoreError> {
    let path = cli.db.clone().unwrap_or_else(crm_core::default_db_path);
    if let Command::DbPath = cli.command {
        output::print_value(&serde_json::json!({ "path": path }), cli.json, || path.display().to_string());
        return Ok(ExitCode::SUCCESS);
    }
    let restoring = matches!(cli.command, Command::Restore { .. });
    let out = commands::Out { json: cli.json };
    let crm = Crm::open(&path).await?;
    let result = run_signed_in(&crm, cli).await;
    crm.close().await;
    drop(crm);
    match result {
        Ok(_) if restoring => backup::finish(&path, out).await,
        other => other,
    }
}

async fn run_signed_in(crm: &Crm, cli: Cli) -> Result<ExitCode, CoreError> {
    let out = commands::Out { json: cli.json };
    if let Command::Setup { company, admin, display, stay_signed_in } = cli.command {
        return admin::setup(crm, out, company, admin, display, stay_signed_in).await;
    }
    let actor = session::sign_in(crm, cli.user.as_deref()).await?;
    let a = &actor;
    match cli.command {
        Command::Import { what } => imports::import(crm, a, out, what).await,
        Command::Export { what } => commands::export(crm, a, out, what).await,
        Command::Dedupe { action } => dedupe::dedupe(crm, a, out, action).await,
        Command::Search { query, limit } => commands::search(crm, a, out, &query, limit).await,
        Command::Customer { action } => commands::customer(crm, a, out, action).await,
        Command::DemoData { customers, leads, opportunities, tickets, seed } => {
            commands::demo_data(crm, a, out, commands::DemoSize { customers, leads, opportunities, tickets, seed })
                .await
        }
        Command::User { action } => admin::user(crm, a, out, action).await,
        Command::Org { action } => admin::org(crm, a, out, action).await,
        Command::Territory { action } => admin::territory(crm, a, out, action).await,
        Command::Lead { action } => sales::lead(crm, a, out, action).await,
        Command::Rfm { as_of, window_days } => rfm::rfm(crm, a, out, as_of, window_days).await,
        Command::Ticket { action } => service::ticket(crm, a, out, action).await,
        Command::Sla { action } => service::sla(crm, a, out, action).await,
        Command::Rule { action } => service::rule(crm, a, out, action).await,
        Command::Opportunity { stage, limit } => sales::opportunities(crm, a, out, stage, limit).await,
        Command::Funnel { from, to, currency, owner } => {
            sales::funnel(crm, a, out, crm_core::sales::funnel::FunnelRequest { from, to, currency, owner }).await
        }
        Command::Audit { login, record, from, to, security, limit } => {
            let filter =
                crm_core::access::audit::AuditFilter { login, record_id: record, from, to, security_only: security };
            admin::audit(crm, a, out, filter, limit).await
        }
        Command::Backup { action } => backup::backup(crm, a, out, action).await,
        Command::Restore { file } => backup::stage(crm, a, &file).await,
        Command::DbPath | Command::Setup { .. } => unreachable!("handled above"),
    }
}
