//! The duplicate scan: on the benchmark database with 1 % of its customers typed in a second
//! time the way people do (the phone with +86 and spaces, the email in capitals, the name with a
//! space), imported once as a batch. Reports the scan's time and how many of those planted
//! duplicates it found.

use crm_core::csv_io::import::ImportOptions;
use crm_core::dedupe::ScanOptions;
use crm_core::{Actor, Crm};
use rand::{Rng, SeedableRng};
use std::collections::HashSet;
use std::time::Instant;

const PLANTED_FILE: &str = "planted-duplicates.csv";

/// Writes and imports the re-typed copies unless an earlier run did; returns their names.
async fn plant(crm: &Crm, db: &std::path::Path, admin: &Actor, total: i64, seed: u64) -> usize {
    let history = crm.import_history(admin, 1000).await.expect("import history");
    if let Some(b) = history.iter().find(|b| b.file_name.as_deref() == Some(PLANTED_FILE) && b.reverted_at.is_none()) {
        return b.created as usize;
    }
    use sqlx::ConnectOptions;
    let mut conn =
        sqlx::sqlite::SqliteConnectOptions::new().filename(db).read_only(true).connect().await.expect("read");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut csv = String::from("name,phone,email,province,city\n");
    let mut picked = HashSet::new();
    while picked.len() < (total / 100) as usize {
        let seq = rng.random_range(1..=total);
        if !picked.insert(seq) {
            continue;
        }
        let (name, phones, emails, province, city): (String, String, String, Option<String>, Option<String>) =
            sqlx::query_as("SELECT name, phones, emails, province, city FROM customers WHERE seq = ?1")
                .bind(seq)
                .fetch_one(&mut conn)
                .await
                .expect("customer");
        let phone = serde_json::from_str::<Vec<String>>(&phones).unwrap_or_default().first().map(|p| {
            let d: String = p.chars().filter(char::is_ascii_digit).collect();
            if d.len() == 11 { format!("+86 {} {} {}", &d[..3], &d[3..7], &d[7..]) } else { d }
        });
        let email = serde_json::from_str::<Vec<String>>(&emails).unwrap_or_default().first().map(|e| e.to_uppercase());
        let mut chars: Vec<char> = name.chars().collect();
        if chars.len() == 3 {
            chars.insert(1, ' ');
        }
        let cells = [
            chars.into_iter().collect::<String>(),
            phone.unwrap_or_default(),
            email.unwrap_or_default(),
            province.unwrap_or_default(),
            city.unwrap_or_default(),
        ];
        csv.push_str(&cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
        csv.push('\n');
    }
    let options = ImportOptions { file_name: Some(PLANTED_FILE.into()), ..Default::default() };
    let report = crm.import_customers(admin, std::io::Cursor::new(csv.into_bytes()), options).await.expect("plant");
    report.imported as usize
}

pub async fn run(crm: &Crm, db: &std::path::Path, admin: &Actor, rep: &Actor, generated: u64, seed: u64) {
    let planted = plant(crm, db, admin, generated as i64, seed).await;
    println!("\n## Duplicates: {generated} customers and {planted} of them typed in a second time\n");
    println!(
        "| scan (blocking keys, scored) | strongest 200 s | all clusters s | customers scanned | clusters | planted copies found |"
    );
    println!("|---|---|---|---|---|---|");
    for (who, actor) in [("administrator", admin), ("rep (one region)", rep)] {
        let t = Instant::now();
        let first = crm.scan_duplicates(actor, ScanOptions { min_score: 50, limit: 200 }).await.expect("scan");
        let shown = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let all = crm.scan_duplicates(actor, ScanOptions { min_score: 50, limit: u32::MAX }).await.expect("scan");
        let whole = t.elapsed().as_secs_f64();
        // The planted copies are the customers after the generated ones.
        let found = all.clusters.iter().flat_map(|c| &c.members).filter(|m| m.seq > generated as i64).count();
        println!("| {who} | {shown:.2} | {whole:.2} | {} | {} | {found} |", first.scanned, first.found);
        for k in first.common_keys.iter().take(3) {
            eprintln!("not compared: {:?} {} shared by {}", k.evidence, k.value, k.customers);
        }
    }
}
