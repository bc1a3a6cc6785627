//! `crm rfm`: recomputes the RFM value assessment and prints every customer's figures.

use crate::commands::{CmdResult, Out};
use crm_core::sales::money::format_amount;
use crm_core::{Actor, CoreError, Crm};
use std::io::Write;
use std::process::ExitCode;

pub async fn rfm(crm: &Crm, actor: &Actor, out: Out, as_of: Option<String>, window_days: Option<u32>) -> CmdResult {
    let as_of = as_of
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .map_err(|_| CoreError::invalid(format!("--as-of needs a day like 2026-03-01, not '{d}'")))
        })
        .transpose()?;
    let summary = crm.recompute_rfm(actor, as_of, window_days).await?;
    let rows = crm.rfm_rows(actor).await?;
    // A million customers: written as they come, not built into one string first.
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if out.json {
        let mut r = writeln!(w, "[");
        for (i, c) in rows.iter().enumerate() {
            let line = serde_json::json!({
                "external_id": c.external_id,
                "customer_id": c.customer_id,
                "recency_days": c.recency_days,
                "frequency": c.frequency,
                "monetary": c.monetary,
                "r": c.r,
                "f": c.f,
                "m": c.m,
                "tier": c.tier,
                "value_level": c.value_level,
            });
            r = r.and_then(|_| writeln!(w, "  {line}{}", if i + 1 < rows.len() { "," } else { "" }));
        }
        r.and_then(|_| writeln!(w, "]"))
    } else {
        let mut r = writeln!(
            w,
            "RFM as of {} over {} days: {} customers, {} tiers changed",
            summary.as_of.as_deref().unwrap_or("-"),
            summary.window_days,
            summary.customers,
            summary.changed_tiers.unwrap_or(0)
        );
        for c in &rows {
            r = r.and_then(|_| {
                writeln!(
                    w,
                    "{}  {}  R{} F{} M{}  {}  {} days  {} orders  {}",
                    c.external_id.as_deref().unwrap_or(&c.customer_id),
                    c.name,
                    c.r,
                    c.f,
                    c.m,
                    c.tier,
                    c.recency_days.map_or("-".to_string(), |d| d.to_string()),
                    c.frequency,
                    format_amount(c.monetary)
                )
            });
        }
        r
    };
    // A reader that went away (`crm rfm | head`) is not an error.
    let _ = written.and_then(|_| w.flush());
    Ok(ExitCode::SUCCESS)
}
