//! `crm-bench`: the performance figures on a seeded database.
//!
//!     cargo run --release -p crm-cli --bin crm-bench -- --customers 1000000
//!
//! Builds (or reuses) a database of N demo customers (and leads and opportunities), then
//! measures search latency for each kind of query a desk types, keyset page latency for the
//! list's sorts and filters, the lead pool's pages and the funnel, segment counts and member
//! pages over generated orders, and the CSV import against
//! `sqlite3 .import` of the same file. Prints markdown tables for the README.

mod dedupe;
mod sales;
mod segments;
mod service;

use clap::Parser;
use crm_core::access::Role;
use crm_core::access::accounts::NewUser;
use crm_core::access::places::Place;
use crm_core::access::territories::TerritoryInput;
use crm_core::customer::list::{CustomerFilter, FieldFilter, ListRequest, SortSpec};
use crm_core::search::tokens::{is_cjk, pinyin_syllables};
use crm_core::{Actor, Crm};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Measure search, list and import on a seeded database")]
struct Args {
    #[arg(long, default_value_t = 1_000_000)]
    customers: u64,
    /// Folder for the benchmark databases and CSV (reused between runs).
    #[arg(long, default_value = "bench-data")]
    dir: PathBuf,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Queries per kind and pages per list case.
    #[arg(long, default_value_t = 200)]
    samples: usize,
    /// Skip the import comparison (it builds a second database of the same size).
    #[arg(long)]
    skip_import: bool,
    /// Leads generated for the sales figures (once per database).
    #[arg(long, default_value_t = 200_000)]
    leads: u64,
    /// Opportunities generated for the sales figures.
    #[arg(long, default_value_t = 100_000)]
    opportunities: u64,
    /// Only the sales figures (the database is built as usual).
    #[arg(long)]
    sales_only: bool,
    /// Tickets generated for the service-desk figures (once per database).
    #[arg(long, default_value_t = 500_000)]
    tickets: u64,
    /// Only the service-desk figures.
    #[arg(long)]
    service_only: bool,
    /// Only the segment figures (orders are generated once: 5 lines per customer on average).
    #[arg(long)]
    segments_only: bool,
    /// Only the duplicate scan (1 % of the customers are imported a second time, once).
    #[arg(long)]
    dedupe_only: bool,
}

pub(crate) struct Stats {
    pub p50: Duration,
    pub p95: Duration,
    pub max: Duration,
}

pub(crate) fn stats(mut d: Vec<Duration>) -> Stats {
    d.sort();
    let at = |q: f64| d[((d.len() as f64 * q).ceil() as usize).saturating_sub(1).min(d.len() - 1)];
    Stats { p50: at(0.50), p95: at(0.95), max: *d.last().expect("samples") }
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Real values to query for: names, phones and e-mail addresses of customers in the database.
struct Samples {
    names: Vec<String>,
    chinese_names: Vec<String>,
    phones: Vec<String>,
    emails: Vec<String>,
}

/// Customers picked uniformly at random (by seq) from the whole table, read directly.
async fn samples(db: &std::path::Path, rng: &mut rand_chacha::ChaCha8Rng, n: usize, total: i64) -> Samples {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(db)
        .read_only(true)
        .connect()
        .await
        .expect("read-only connection");
    let mut s = Samples { names: vec![], chinese_names: vec![], phones: vec![], emails: vec![] };
    while s.chinese_names.len() < n || s.names.len() < n * 4 {
        let seq = rng.random_range(1..=total);
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT name, phones, emails FROM customers WHERE seq = ?1 AND deleted_at IS NULL")
                .bind(seq)
                .fetch_optional(&mut conn)
                .await
                .expect("sample row");
        let Some((name, phones, emails)) = row else { continue };
        if name.chars().count() <= 4 && name.chars().all(is_cjk) {
            s.chinese_names.push(name.clone());
        }
        s.names.push(name);
        s.phones.extend(serde_json::from_str::<Vec<String>>(&phones).unwrap_or_default());
        s.emails.extend(serde_json::from_str::<Vec<String>>(&emails).unwrap_or_default());
    }
    s
}

/// Latency of each query; the three slowest are printed to stderr to show where time goes.
async fn time_queries(crm: &Crm, actor: &Actor, queries: &[String]) -> Stats {
    for q in queries.iter().take(20) {
        crm.search(actor, q, 20).await.expect("search"); // warm the page cache
    }
    let mut timed = Vec::with_capacity(queries.len());
    for q in queries {
        let t = Instant::now();
        crm.search(actor, q, 20).await.expect("search");
        timed.push((t.elapsed(), q));
    }
    timed.sort();
    let slowest: Vec<String> = timed.iter().rev().take(3).map(|(d, q)| format!("{q} {}ms", ms(*d))).collect();
    eprintln!("slowest: {}", slowest.join(", "));
    stats(timed.into_iter().map(|(d, _)| d).collect())
}

async fn time_pages(
    crm: &Crm,
    actor: &Actor,
    filter: CustomerFilter,
    sort: SortSpec,
    pages: usize,
) -> (Stats, Duration) {
    let mut d = Vec::with_capacity(pages);
    let mut cursor = None;
    let mut first = Duration::ZERO;
    for i in 0..pages {
        let req = ListRequest { filter: filter.clone(), sort: sort.clone(), cursor: cursor.clone(), limit: Some(100) };
        let t = Instant::now();
        let page = crm.list_customers(actor, &req).await.expect("list");
        let e = t.elapsed();
        if i == 0 {
            first = e;
        }
        d.push(e);
        // At the end of the list the next request starts over from the first page.
        cursor = page.next_cursor;
    }
    (stats(d), first)
}

async fn customer_count(crm: &Crm, actor: &Actor) -> i64 {
    crm.count_customers(actor, &CustomerFilter::default()).await.expect("count")
}

pub(crate) const PASSWORD: &str = "bench password";
const REGIONS: usize = 10;

/// Ten regions with a territory each (the provinces dealt out in
/// turn) and a sales rep "rep0" in the first: a user who sees about a tenth of the customers.
async fn regions(crm: &Crm) -> (Actor, Actor) {
    let admin = Actor::named("bench");
    if crm.territories(&admin).await.expect("territories").is_empty() {
        let user = |login: &str, role: Role, unit_id: String| NewUser {
            login: login.into(),
            display_name: login.into(),
            role,
            unit_id,
            password: PASSWORD.into(),
        };
        let top = crm.org_units(&admin).await.expect("org")[0].id.clone();
        let provinces = crm.distinct_values(&admin, "province", 5000).await.expect("provinces");
        for r in 0..REGIONS {
            let unit = crm.create_org_unit(&admin, &format!("Region {r}"), &top).await.expect("unit").id;
            let places = provinces
                .iter()
                .skip(r)
                .step_by(REGIONS)
                .map(|p| Place { province: p.clone(), ..Default::default() })
                .collect();
            let input = TerritoryInput { name: format!("Territory {r}"), unit_id: unit.clone(), places };
            crm.create_territory(&admin, input).await.expect("territory");
            if r == 0 {
                crm.add_user(&admin, user("rep0", Role::Sales, unit)).await.expect("rep");
            }
        }
    }
    (admin, Actor::named("rep0"))
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    std::fs::create_dir_all(&args.dir).expect("bench folder");
    let db = args.dir.join(format!("bench-{}.db", args.customers));
    let crm = Crm::open(&db).await.expect("open bench database");
    let bench = Actor::named("bench");
    if crm.needs_setup().await.expect("accounts") {
        let t = Instant::now();
        let admin = NewUser {
            login: "bench".into(),
            display_name: "bench".into(),
            role: Role::Admin,
            unit_id: String::new(),
            password: PASSWORD.into(),
        };
        crm.create_first_admin("Bench Co", admin).await.expect("admin");
        let report = crm.generate_demo_data(&bench, args.customers, args.seed).await.expect("demo data");
        eprintln!("generated {} customers in {:.1}s", report.customers, t.elapsed().as_secs_f64());
    }
    let (admin, rep) = regions(&crm).await;
    if args.service_only {
        service::run(&crm, &db, &admin, args.tickets, args.seed, args.samples).await;
        return;
    }
    if args.segments_only {
        segments::run(&crm, &db, &admin, &rep, args.samples).await;
        return;
    }
    if args.dedupe_only {
        dedupe::run(&crm, &db, &admin, &rep, args.customers, args.seed).await;
        return;
    }
    if args.sales_only {
        sales::run(&crm, &admin, &rep, args.leads, args.opportunities, args.seed, args.samples).await;
        return;
    }
    let total = customer_count(&crm, &admin).await;
    let rep_total = customer_count(&crm, &rep).await;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(args.seed);
    let s = samples(&db, &mut rng, args.samples, total).await;
    let pick = |v: &Vec<String>, rng: &mut rand_chacha::ChaCha8Rng| -> Vec<String> {
        (0..args.samples).map(|_| v.choose(rng).expect("sample values").clone()).collect()
    };
    let names = pick(&s.names, &mut rng);
    let chinese = pick(&s.chinese_names, &mut rng);
    let initials: Vec<String> =
        chinese.iter().map(|n| pinyin_syllables(n).iter().filter_map(|p| p.chars().next()).collect()).collect();
    let two_chars: Vec<String> = chinese.iter().map(|n| n.chars().take(2).collect()).collect();
    let full_pinyin: Vec<String> = chinese.iter().map(|n| pinyin_syllables(n).concat()).collect();
    let last4: Vec<String> = pick(&s.phones, &mut rng)
        .iter()
        .map(|p| {
            let d: String = p.chars().filter(char::is_ascii_digit).collect();
            d[d.len() - 4..].to_string()
        })
        .collect();
    let emails: Vec<String> =
        pick(&s.emails, &mut rng).iter().map(|e| e.split('@').next().unwrap_or(e).to_string()).collect();

    println!(
        "## Kehu CRM benchmark: {total} customers ({} samples per row); the rep sees {rep_total} of them\n",
        args.samples
    );
    println!(
        "| search query | example | p50 ms | p95 ms | max ms | rep p50 ms | rep p95 ms |\n|---|---|---|---|---|---|---|"
    );
    for (label, queries) in [
        ("full name", &names),
        ("2-character Chinese", &two_chars),
        ("pinyin initials", &initials),
        ("full pinyin", &full_pinyin),
        ("last 4 phone digits", &last4),
        ("e-mail local part", &emails),
    ] {
        let st = time_queries(&crm, &admin, queries).await;
        let r = time_queries(&crm, &rep, queries).await;
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} |",
            queries[0],
            ms(st.p50),
            ms(st.p95),
            ms(st.max),
            ms(r.p50),
            ms(r.p95)
        );
    }

    let city = crm.distinct_values(&admin, "city", 5000).await.expect("cities");
    let rare_city = city.last().cloned().unwrap_or_default();
    let tags = crm.list_tags().await.expect("tags");
    let list_cases: Vec<(String, CustomerFilter, SortSpec)> = vec![
        ("updated, newest first".into(), CustomerFilter::default(), SortSpec { key: "updated".into(), desc: true }),
        ("name A→Z".into(), CustomerFilter::default(), SortSpec { key: "name".into(), desc: false }),
        ("city, empty last".into(), CustomerFilter::default(), SortSpec { key: "city".into(), desc: true }),
        (
            format!("city = {rare_city}, by name"),
            CustomerFilter {
                fields: vec![FieldFilter::OneOf { key: "city".into(), values: vec![rare_city.clone()] }],
                ..Default::default()
            },
            SortSpec { key: "name".into(), desc: false },
        ),
        (
            "VIP + enterprise, by updated".into(),
            CustomerFilter {
                fields: vec![
                    FieldFilter::OneOf { key: "lifecycle".into(), values: vec!["vip".into()] },
                    FieldFilter::OneOf { key: "kind".into(), values: vec!["enterprise".into()] },
                ],
                ..Default::default()
            },
            SortSpec::default(),
        ),
        (
            format!("tag {}", tags.first().map(|t| t.name.as_str()).unwrap_or("-")),
            CustomerFilter {
                tag_ids: tags.first().map(|t| vec![t.id.clone()]).unwrap_or_default(),
                ..Default::default()
            },
            SortSpec::default(),
        ),
    ];
    println!(
        "\n| list page of 100 (keyset) | first page ms | p50 ms | p95 ms | max ms | rep p50 ms | rep p95 ms |\n|---|---|---|---|---|---|---|"
    );
    for (label, filter, sort) in list_cases {
        let (st, first) = time_pages(&crm, &admin, filter.clone(), sort.clone(), args.samples).await;
        let (r, _) = time_pages(&crm, &rep, filter, sort, args.samples).await;
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} |",
            ms(first),
            ms(st.p50),
            ms(st.p95),
            ms(st.max),
            ms(r.p50),
            ms(r.p95)
        );
    }
    let t = Instant::now();
    customer_count(&crm, &admin).await;
    let all_ms = ms(t.elapsed());
    let t = Instant::now();
    customer_count(&crm, &rep).await;
    println!("\nCount of all customers: {all_ms} ms (the rep's: {} ms)", ms(t.elapsed()));

    sales::run(&crm, &admin, &rep, args.leads, args.opportunities, args.seed, args.samples).await;
    segments::run(&crm, &db, &admin, &rep, args.samples).await;

    if !args.skip_import {
        let csv = args.dir.join(format!("customers-{}.csv", args.customers));
        let t = Instant::now();
        let f = std::fs::File::create(&csv).expect("csv");
        let exported = crm
            .export_customers_csv(&admin, &Default::default(), std::io::BufWriter::with_capacity(1 << 20, f))
            .await
            .expect("export");
        let export_s = t.elapsed().as_secs_f64();
        crm.close().await;

        let plain = args.dir.join("sqlite3-import.db");
        let _ = std::fs::remove_file(&plain);
        let t = Instant::now();
        let sqlite = std::process::Command::new("sqlite3")
            .arg(&plain)
            .args([".mode csv", &format!(".import {} t", csv.display())])
            .status();
        let sqlite_s = t.elapsed().as_secs_f64();
        let _ = std::fs::remove_file(&plain);

        let target = args.dir.join("import-target.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
        let fresh = Crm::open(&target).await.expect("fresh database");
        let owner = NewUser {
            login: "bench".into(),
            display_name: "bench".into(),
            role: Role::Admin,
            unit_id: String::new(),
            password: PASSWORD.into(),
        };
        fresh.create_first_admin("Bench Co", owner).await.expect("admin");
        let t = Instant::now();
        let f = std::fs::File::open(&csv).expect("csv");
        let report = fresh
            .import_customers(&bench, std::io::BufReader::with_capacity(1 << 20, f), Default::default())
            .await
            .expect("import");
        fresh.close().await;
        let import_s = t.elapsed().as_secs_f64();
        println!("\n| CSV of {exported} customers | seconds |\n|---|---|");
        println!("| `crm export customers` | {export_s:.1} |");
        match sqlite {
            Ok(st) if st.success() => {
                println!("| `sqlite3 .import` into a plain table | {sqlite_s:.1} |");
                println!(
                    "| `crm import customers` (validation, indexes, search index, change log) | {import_s:.1} ({:.1}× sqlite3) |",
                    import_s / sqlite_s
                );
            }
            _ => println!("| `crm import customers` | {import_s:.1} (sqlite3 CLI not found for the comparison) |"),
        }
        assert_eq!(report.imported, exported, "every exported customer imported");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
    }
}
