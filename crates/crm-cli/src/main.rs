//! `crm`: Kehu CRM from the command line, on the same core and the same database file as the app.

mod commands;
mod output;

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import records from a file
    Import {
        #[command(subcommand)]
        what: commands::ImportWhat,
    },
    /// Export records to a file
    Export {
        #[command(subcommand)]
        what: commands::ExportWhat,
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
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print where the database file is
    DbPath,
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
    let crm = Crm::open(&path).await?;
    let out = commands::Out { json: cli.json };
    let result = match cli.command {
        Command::Import { what } => commands::import(&crm, out, what).await,
        Command::Export { what } => commands::export(&crm, out, what).await,
        Command::Search { query, limit } => commands::search(&crm, out, &query, limit).await,
        Command::Customer { action } => commands::customer(&crm, out, action).await,
        Command::DemoData { customers, seed } => commands::demo_data(&crm, out, customers, seed).await,
        Command::DbPath => unreachable!("handled above"),
    };
    crm.close().await;
    result
}
