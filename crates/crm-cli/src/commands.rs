//! The subcommands: each parses its arguments, calls the core, prints the result.

use crate::output::print_value;
use clap::{Args, Subcommand};
use crm_core::customer::list::{CustomerFilter, FieldFilter};
use crm_core::customer::model::{Choice, CustomValue, Customer, CustomerInput, Kind, Lifecycle, Size};
use crm_core::{Actor, CoreError, Crm};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy)]
pub struct Out {
    pub json: bool,
}

pub type CmdResult = Result<ExitCode, CoreError>;

#[derive(Subcommand)]
pub enum ExportWhat {
    /// Customers to CSV or an Excel workbook (the columns import reads), or to vCard 4.0 with the
    /// contacts of enterprise and government customers (--format vcard)
    Customers {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Only customers with this tag (repeat: any of them)
        #[arg(long = "tag", value_name = "NAME")]
        tags: Vec<String>,
        /// Only customers whose dimension has this value, e.g. province=广东 (repeat a key: any of
        /// its values; different keys: all of them)
        #[arg(long = "where", value_name = "KEY=VALUE")]
        conditions: Vec<String>,
    },
    /// Contacts of the customers you may see, with their customer, to CSV or an Excel workbook
    /// (the columns `crm import contacts` reads), or to vCard 4.0 (--format vcard)
    Contacts {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
    /// Leads (the pool and owned ones, any status) to CSV or an Excel workbook
    Leads {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TableFormatArg::Csv)]
        format: TableFormatArg,
    },
    /// Opportunities to CSV or an Excel workbook (amounts in major units)
    Opportunities {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TableFormatArg::Csv)]
        format: TableFormatArg,
    },
    /// Tickets, open or closed, to CSV or an Excel workbook
    Tickets {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TableFormatArg::Csv)]
        format: TableFormatArg,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum TableFormatArg {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    /// An Excel workbook (text cells, up to 1,048,575 customers)
    Xlsx,
    Vcard,
}

#[derive(Subcommand)]
pub enum CustomerAction {
    /// Show one customer by id or external id
    Show { id: String },
    /// Add a customer
    Add(Box<AddArgs>),
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    name: String,
    /// individual | enterprise | government (or 个人 / 企业 / 政府)
    #[arg(long, default_value = "individual")]
    kind: String,
    /// potential | existing | vip (or 潜在客户 / 现有客户 / VIP)
    #[arg(long, default_value = "potential")]
    lifecycle: String,
    #[arg(long)]
    tier: Option<String>,
    #[arg(long)]
    industry: Option<String>,
    /// large | medium | small
    #[arg(long)]
    size: Option<String>,
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    /// A phone number (repeat for several)
    #[arg(long = "phone")]
    phones: Vec<String>,
    /// An e-mail address (repeat for several)
    #[arg(long = "email")]
    emails: Vec<String>,
    #[arg(long)]
    company: Option<String>,
    #[arg(long)]
    website: Option<String>,
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    province: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    #[arg(long)]
    external_id: Option<String>,
    /// A tag name (repeat for several; missing tags are created)
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// A custom dimension as KEY=VALUE (repeat for several)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    fields: Vec<String>,
}

fn choice<C: Choice>(value: &str) -> Result<C, CoreError> {
    C::parse_any(value)
        .ok_or_else(|| CoreError::invalid(format!("{} '{value}' is not one of {}", C::FIELD, C::allowed())))
}

/// The customer list's filter from `--tag` names and `--where KEY=VALUE` conditions.
async fn export_filter(crm: &Crm, tags: &[String], conditions: &[String]) -> Result<CustomerFilter, CoreError> {
    let known = crm.list_tags().await?;
    let mut filter = CustomerFilter::default();
    for name in tags {
        let tag = known
            .iter()
            .find(|t| t.name.to_lowercase() == name.to_lowercase())
            .ok_or_else(|| CoreError::invalid(format!("no tag is named '{name}'")))?;
        filter.tag_ids.push(tag.id.clone());
    }
    for condition in conditions {
        let (key, value) =
            condition.split_once('=').ok_or_else(|| CoreError::invalid(format!("'{condition}' is not KEY=VALUE")))?;
        let (key, value) = (key.trim().to_string(), value.trim().to_string());
        match filter.fields.iter_mut().find(|f| matches!(f, FieldFilter::OneOf { key: k, .. } if *k == key)) {
            Some(FieldFilter::OneOf { values, .. }) => values.push(value),
            _ => filter.fields.push(FieldFilter::OneOf { key, values: vec![value] }),
        }
    }
    Ok(filter)
}

pub async fn export(crm: &Crm, actor: &Actor, out: Out, what: ExportWhat) -> CmdResult {
    use crm_core::export_file::{ExportFormat as Format, ExportKind as Kind};
    let wide = |f: ExportFormat| match f {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Xlsx => Format::Xlsx,
        ExportFormat::Vcard => Format::Vcard,
    };
    let table = |f: TableFormatArg| match f {
        TableFormatArg::Csv => Format::Csv,
        TableFormatArg::Xlsx => Format::Xlsx,
    };
    let mut filter = CustomerFilter::default();
    let (kind, format, file, what) = match what {
        ExportWhat::Customers { file, format, tags, conditions } => {
            filter = export_filter(crm, &tags, &conditions).await?;
            match format {
                ExportFormat::Vcard => (Kind::Customers, Format::Vcard, file, "card(s) of customers and contacts"),
                format => (Kind::Customers, wide(format), file, "customer(s)"),
            }
        }
        ExportWhat::Contacts { file, format } => (Kind::Contacts, wide(format), file, "contact(s)"),
        ExportWhat::Leads { file, format } => (Kind::Leads, table(format), file, "lead(s)"),
        ExportWhat::Opportunities { file, format } => (Kind::Opportunities, table(format), file, "opportunity(ies)"),
        ExportWhat::Tickets { file, format } => (Kind::Tickets, table(format), file, "ticket(s)"),
    };
    let count = crm.export_file(actor, kind, format, &filter, &file).await?;
    print_value(&serde_json::json!({ "exported": count, "file": file }), out.json, || {
        format!("exported {count} {what} to {}", file.display())
    });
    Ok(ExitCode::SUCCESS)
}

/// The fields `crm search --json` promises.
#[derive(Serialize)]
struct SearchLine {
    id: String,
    name: String,
    company: Option<String>,
    phones: Vec<String>,
    emails: Vec<String>,
    score: f64,
}

pub async fn search(crm: &Crm, actor: &Actor, out: Out, query: &str, limit: u32) -> CmdResult {
    let hits = crm.search(actor, query, limit).await?;
    let lines: Vec<SearchLine> = hits
        .iter()
        .map(|h| SearchLine {
            id: h.id.clone(),
            name: h.name.clone(),
            company: h.company.clone(),
            phones: h.phones.clone(),
            emails: h.emails.clone(),
            score: (h.score * 1000.0).round() / 1000.0,
        })
        .collect();
    print_value(&lines, out.json, || {
        if lines.is_empty() {
            return "no customer matches".to_string();
        }
        lines
            .iter()
            .map(|l| {
                let extra: Vec<&str> =
                    l.company.iter().map(String::as_str).chain(l.phones.first().map(String::as_str)).collect();
                format!("{:.2}  {}  {}  [{}]", l.score, l.name, extra.join("  "), l.id)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

fn describe(c: &Customer, tag_names: &[String]) -> String {
    let mut lines =
        vec![format!("{}  ({}, {})", c.name, c.kind.label_en(), c.lifecycle.label_en()), format!("id: {}", c.id)];
    let mut add = |label: &str, v: Option<&String>| {
        if let Some(v) = v {
            lines.push(format!("{label}: {v}"));
        }
    };
    add("external id", c.external_id.as_ref());
    add("tier", c.tier.as_ref());
    add("industry", c.industry.as_ref());
    add("source", c.source.as_ref());
    add("owner", c.owner.as_ref());
    add("company", c.company.as_ref());
    let place: Vec<&str> = [&c.country, &c.province, &c.city, &c.address].iter().filter_map(|v| v.as_deref()).collect();
    if !place.is_empty() {
        lines.push(format!("address: {}", place.join(" ")));
    }
    if !c.phones.is_empty() {
        lines.push(format!("phones: {}", c.phones.join(", ")));
    }
    if !c.emails.is_empty() {
        lines.push(format!("emails: {}", c.emails.join(", ")));
    }
    if !tag_names.is_empty() {
        lines.push(format!("tags: {}", tag_names.join(", ")));
    }
    for (k, v) in &c.custom {
        let v = match v {
            CustomValue::Text(t) => t.clone(),
            CustomValue::Number(n) => n.to_string(),
            CustomValue::Options(o) => o.join(", "),
        };
        lines.push(format!("{k}: {v}"));
    }
    if let Some(d) = &c.deleted_at {
        lines.push(format!("in the trash since {d}"));
    }
    lines.join("\n")
}

async fn show(crm: &Crm, actor: &Actor, out: Out, c: Customer) -> CmdResult {
    let contacts = crm.list_contacts(actor, &c.id).await?;
    let tags = crm.list_tags().await?;
    let tag_names: Vec<String> = tags.iter().filter(|t| c.tag_ids.contains(&t.id)).map(|t| t.name.clone()).collect();
    print_value(&serde_json::json!({ "customer": c, "tags": tag_names, "contacts": contacts }), out.json, || {
        let mut t = describe(&c, &tag_names);
        for k in &contacts {
            t.push_str(&format!("\ncontact: {} {} {}", k.name, k.title.as_deref().unwrap_or(""), k.phones.join(", ")));
        }
        t
    });
    Ok(ExitCode::SUCCESS)
}

pub async fn customer(crm: &Crm, actor: &Actor, out: Out, action: CustomerAction) -> CmdResult {
    match action {
        CustomerAction::Show { id } => {
            let c = match crm.get_customer(actor, &id).await {
                Ok(c) => c,
                Err(e) if e.code == crm_core::ErrorCode::NotFound => crm
                    .find_by_external_id(actor, &id)
                    .await?
                    .ok_or_else(|| CoreError::not_found(format!("no customer with id or external id '{id}'")))?,
                Err(e) => return Err(e),
            };
            show(crm, actor, out, c).await
        }
        CustomerAction::Add(a) => {
            let a = *a;
            let mut input = CustomerInput::named(a.name);
            input.kind = choice::<Kind>(&a.kind)?;
            input.lifecycle = choice::<Lifecycle>(&a.lifecycle)?;
            input.size = a.size.as_deref().map(choice::<Size>).transpose()?;
            input.tier = a.tier;
            input.industry = a.industry;
            input.source = a.source;
            input.owner = a.owner;
            input.phones = a.phones;
            input.emails = a.emails;
            input.company = a.company;
            input.website = a.website;
            input.country = a.country;
            input.province = a.province;
            input.city = a.city;
            input.address = a.address;
            input.notes = a.notes;
            input.external_id = a.external_id;
            for f in a.fields {
                let (k, v) =
                    f.split_once('=').ok_or_else(|| CoreError::invalid(format!("--field '{f}' must be KEY=VALUE")))?;
                input.custom.insert(k.trim().to_string(), CustomValue::Text(v.to_string()));
            }
            if !a.tags.is_empty() {
                input.tag_ids = crm.ensure_tags(actor, &a.tags).await?.into_iter().map(|t| t.id).collect();
            }
            let c = crm.create_customer(actor, input).await?;
            show(crm, actor, out, c).await
        }
    }
}

/// How much demo data to generate.
pub struct DemoSize {
    pub customers: u64,
    pub leads: u64,
    pub opportunities: u64,
    pub tickets: u64,
    pub seed: u64,
}

pub async fn demo_data(crm: &Crm, actor: &Actor, out: Out, size: DemoSize) -> CmdResult {
    let started = std::time::Instant::now();
    let report = crm.generate_demo_data(actor, size.customers, size.seed).await?;
    let sales = if size.leads + size.opportunities > 0 {
        Some(crm.generate_sales_demo(actor, size.leads, size.opportunities, size.seed).await?)
    } else {
        None
    };
    let tickets = if size.tickets > 0 { crm.generate_service_demo(actor, size.tickets, size.seed).await? } else { 0 };
    let value = serde_json::json!({ "customers": report.customers, "contacts": report.contacts,
        "activities": report.activities, "leads": sales.map_or(0, |s| s.leads),
        "opportunities": sales.map_or(0, |s| s.opportunities), "tickets": tickets });
    print_value(&value, out.json, || {
        format!(
            "generated {} customers, {} contacts, {} activities, {} leads, {} opportunities, {} tickets in {:.1}s",
            report.customers,
            report.contacts,
            report.activities,
            sales.map_or(0, |s| s.leads),
            sales.map_or(0, |s| s.opportunities),
            tickets,
            started.elapsed().as_secs_f64()
        )
    });
    Ok(ExitCode::SUCCESS)
}
