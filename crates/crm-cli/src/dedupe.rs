//! `crm dedupe …`: finding duplicate customers, merging them, undoing a merge.

use crate::commands::{CmdResult, Out};
use crate::output::print_value;
use clap::Subcommand;
use crm_core::dedupe::{DuplicateScan, MERGE_FIELDS, MergeEntry, MergeRequest, ScanOptions};
use crm_core::{Actor, CoreError, Crm};
use std::collections::BTreeMap;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DedupeAction {
    /// Find clusters of customers that look like one (same phone or email however typed, names
    /// that sound alike in pinyin, the same company), strongest first
    Scan {
        /// Show clusters scoring at least this (0-100)
        #[arg(long, default_value_t = crm_core::dedupe::scan::DEFAULT_MIN_SCORE)]
        min_score: u8,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Merge customers into SURVIVOR: it keeps its values (empty ones filled from the others)
    /// unless --take names another's, gets every phone, email and tag, and takes over their
    /// contacts, activities, leads, deals, tickets and orders; the others go to the trash
    Merge {
        survivor: String,
        #[arg(required = true)]
        others: Vec<String>,
        /// FIELD=CUSTOMER_ID: keep that customer's value of the field (name, kind, lifecycle,
        /// tier, industry, size, source, owner, location, company, website, externalId, notes or
        /// custom.<key>); repeatable
        #[arg(long = "take", value_name = "FIELD=ID")]
        take: Vec<String>,
    },
    /// Undo a merge (its id from `crm dedupe history`)
    Undo { merge: String },
    /// The merges, newest first
    History {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Mark customers as not the same, so the scan stops proposing them together
    Dismiss {
        #[arg(required = true, num_args = 2..)]
        ids: Vec<String>,
    },
}

fn picks(take: &[String]) -> Result<BTreeMap<String, String>, CoreError> {
    take.iter()
        .map(|t| {
            t.split_once('=').map(|(f, id)| (f.trim().to_string(), id.trim().to_string())).ok_or_else(|| {
                CoreError::invalid(format!(
                    "--take {t}: write FIELD=CUSTOMER_ID, FIELD one of {}",
                    MERGE_FIELDS.join(", ")
                ))
            })
        })
        .collect()
}

fn scan_text(scan: &DuplicateScan) -> String {
    let mut t = format!("{} customers scanned, {} duplicate cluster(s)\n", scan.scanned, scan.found);
    for c in &scan.clusters {
        let why: Vec<String> = c.reasons.iter().map(|r| format!("{:?} {}", r.evidence, r.value)).collect();
        t.push_str(&format!("\nscore {}  ({})\n", c.score, why.join("; ")));
        for m in &c.members {
            let place = [m.province.as_deref(), m.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
            t.push_str(&format!("  {}  {}  {}  {}  {}\n", m.id, m.name, m.phones.join(","), m.emails.join(","), place));
        }
    }
    for k in &scan.common_keys {
        t.push_str(&format!("\nnot compared: {:?} {} is shared by {} customers\n", k.evidence, k.value, k.customers));
    }
    t.trim_end().to_string()
}

fn entry_text(e: &MergeEntry) -> String {
    let names: Vec<&str> = e.merged.iter().map(|m| m.name.as_str()).collect();
    let state = e.undone_at.as_deref().map_or(String::new(), |at| format!(" (undone {at})"));
    format!(
        "{}  {}  {} <- {} by {}, {} record(s) moved{}",
        e.id,
        e.merged_at,
        e.survivor_name,
        names.join(", "),
        e.merged_by,
        e.moved_records,
        state
    )
}

pub async fn dedupe(crm: &Crm, actor: &Actor, out: Out, action: DedupeAction) -> CmdResult {
    match action {
        DedupeAction::Scan { min_score, limit } => {
            let scan = crm.scan_duplicates(actor, ScanOptions { min_score, limit }).await?;
            print_value(&scan, out.json, || scan_text(&scan));
        }
        DedupeAction::Merge { survivor, others, take } => {
            let request = MergeRequest { survivor_id: survivor, merged_ids: others, picks: picks(&take)? };
            let entry = crm.merge_customers(actor, request).await?;
            print_value(&entry, out.json, || format!("merged: {}", entry_text(&entry)));
        }
        DedupeAction::Undo { merge } => {
            let entry = crm.undo_merge(actor, &merge).await?;
            print_value(&entry, out.json, || format!("undone: {}", entry_text(&entry)));
        }
        DedupeAction::History { limit } => {
            let entries = crm.merge_history(actor, limit).await?;
            print_value(&entries, out.json, || {
                if entries.is_empty() {
                    "no merges yet".to_string()
                } else {
                    entries.iter().map(entry_text).collect::<Vec<_>>().join("\n")
                }
            });
        }
        DedupeAction::Dismiss { ids } => {
            crm.dismiss_duplicates(actor, &ids).await?;
            print_value(&serde_json::json!({ "dismissed": ids }), out.json, || {
                format!("{} customers will not be proposed as duplicates of one another", ids.len())
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
