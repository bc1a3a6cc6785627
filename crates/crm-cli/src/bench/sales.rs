//! The sales figures: the lead pool's pages, a rep's own leads, the kanban board and the funnel,
//! on the benchmark database with generated leads and opportunities.

use crate::{ms, stats};
use crm_core::sales::funnel::FunnelRequest;
use crm_core::sales::lead_machine::LeadStatus;
use crm_core::sales::leads::LeadListRequest;
use crm_core::{Actor, Crm};
use std::time::Instant;

/// Pages through the list `samples` times (starting again at the end); returns (first, stats).
async fn time_lead_pages(crm: &Crm, actor: &Actor, base: LeadListRequest, samples: usize) -> (String, crate::Stats) {
    let mut d = Vec::with_capacity(samples);
    let mut cursor = None;
    for _ in 0..samples {
        let req = LeadListRequest { cursor: cursor.clone(), ..base.clone() };
        let t = Instant::now();
        let page = crm.list_leads(actor, &req).await.expect("lead page");
        d.push(t.elapsed());
        cursor = page.next_cursor;
    }
    (ms(d[0]), stats(d))
}

pub async fn run(crm: &Crm, admin: &Actor, rep: &Actor, leads: u64, opportunities: u64, seed: u64, samples: usize) {
    let existing = crm.list_leads(admin, &LeadListRequest { limit: 1, ..Default::default() }).await.expect("leads");
    if existing.items.is_empty() {
        let t = Instant::now();
        let report = crm.generate_sales_demo(admin, leads, opportunities, seed).await.expect("sales demo data");
        eprintln!(
            "generated {} leads and {} opportunities in {:.1}s",
            report.leads,
            report.opportunities,
            t.elapsed().as_secs_f64()
        );
    }
    println!("\n## Sales: {leads} leads, {opportunities} opportunities\n");
    println!(
        "| lead list page of 50 (keyset) | first page ms | p50 ms | p95 ms | max ms | rep p50 ms | rep p95 ms |\n|---|---|---|---|---|---|---|"
    );
    let pool = LeadListRequest { statuses: vec![LeadStatus::Unassigned], limit: 50, ..Default::default() };
    let open = LeadListRequest {
        statuses: vec![LeadStatus::Pending, LeadStatus::FollowingUp],
        limit: 50,
        ..Default::default()
    };
    let all = LeadListRequest { limit: 50, ..Default::default() };
    let mine = LeadListRequest { owner: Some("rep0".into()), limit: 50, ..Default::default() };
    for (label, request) in
        [("the pool (未分配)", pool), ("pending + following up", open), ("all leads", all), ("rep0's own leads", mine)]
    {
        let (first, a) = time_lead_pages(crm, admin, request.clone(), samples).await;
        let (_, r) = time_lead_pages(crm, rep, request, samples).await;
        println!(
            "| {label} | {first} | {} | {} | {} | {} | {} |",
            ms(a.p50),
            ms(a.p95),
            ms(a.max),
            ms(r.p50),
            ms(r.p95)
        );
    }
    println!("\n| report | p50 ms | p95 ms | max ms | rep p50 ms | rep p95 ms |\n|---|---|---|---|---|---|");
    let runs = samples.clamp(5, 50);
    for label in ["funnel (all time)", "kanban board (6 stages × 20 cards)"] {
        let mut timings = (Vec::new(), Vec::new());
        for (actor, into) in [(admin, &mut timings.0), (rep, &mut timings.1)] {
            for _ in 0..runs {
                let t = Instant::now();
                if label.starts_with("funnel") {
                    crm.funnel(actor, &FunnelRequest::default()).await.expect("funnel");
                } else {
                    crm.opportunity_board(actor, None, 20).await.expect("board");
                }
                into.push(t.elapsed());
            }
        }
        let (a, r) = (stats(timings.0), stats(timings.1));
        println!("| {label} | {} | {} | {} | {} | {} |", ms(a.p50), ms(a.p95), ms(a.max), ms(r.p50), ms(r.p95));
    }
}
