//! The service-desk figures: the caller lookup by the last four digits with the caller's card,
//! the open-ticket queue's pages, and a workflow rule run over 100,000 matching tickets, on the
//! benchmark database with generated tickets.

use crate::{ms, stats};
use crm_core::access::Role;
use crm_core::access::accounts::NewUser;
use crm_core::conditions::catalog::Entity;
use crm_core::conditions::{Condition, ConditionTest, TestOp};
use crm_core::service::ticket_list::{TicketListRequest, TicketView};
use crm_core::workflow::rules::{Recipient, RuleAction, RuleInput, Trigger};
use crm_core::{Actor, Crm};
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use std::time::Instant;

/// Generates `n` tickets over the customers in one INSERT … SELECT (deterministic: every value is
/// a function of the customer's seq), with due times spread over the past and the next days.
async fn seed_tickets(db: &std::path::Path, n: u64) {
    let url = format!("sqlite://{}", db.display());
    let pool = sqlx::SqlitePool::connect(&url).await.expect("bench database");
    let sql = format!(
        "INSERT INTO tickets (id, customer_id, territory, channel, category, priority, status, subject, assignee, tier,
            first_response_due, resolution_due, first_response_at, created_at, created_by, updated_at, updated_by)
         SELECT printf('bench-ticket-%d', c.seq), c.id, c.territory,
            CASE c.seq % 4 WHEN 0 THEN 'phone' WHEN 1 THEN 'email' WHEN 2 THEN 'walk_in' ELSE 'web' END,
            CASE c.seq % 6 WHEN 0 THEN 'inquiry' WHEN 1 THEN 'complaint' WHEN 2 THEN 'repair' WHEN 3 THEN 'return'
                WHEN 4 THEN 'billing' ELSE 'other' END,
            CASE c.seq % 5 WHEN 0 THEN 'low' WHEN 1 THEN 'high' WHEN 2 THEN 'urgent' ELSE 'normal' END,
            CASE c.seq % 10 WHEN 0 THEN 'new' WHEN 1 THEN 'assigned' WHEN 2 THEN 'in_progress' WHEN 3 THEN 'waiting'
                WHEN 4 THEN 'in_progress' ELSE 'closed' END,
            '问题 ' || c.seq,
            CASE WHEN c.seq % 10 = 0 THEN NULL ELSE 'desk0' END,
            c.tier,
            strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-01', printf('+%d minutes', (c.seq * 7919) % 60000)),
            strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-01', printf('+%d minutes', (c.seq * 7919) % 60000 + 1440)),
            CASE WHEN c.seq % 10 >= 5 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-01', printf('+%d minutes', (c.seq * 7919) % 60000 - 60)) END,
            '2026-10-01T00:00:00.000Z', 'bench', '2026-10-01T00:00:00.000Z', 'bench'
         FROM customers c WHERE c.deleted_at IS NULL AND c.seq % 2 = 0 ORDER BY c.seq LIMIT {n}"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.expect("seed tickets");
    sqlx::query("ANALYZE").execute(&pool).await.expect("analyze");
    pool.close().await;
}

pub async fn run(crm: &Crm, db: &std::path::Path, admin: &Actor, tickets: u64, seed: u64, samples: usize) {
    let desk = Actor::named("desk0");
    if crm.list_users(admin).await.expect("users").iter().all(|u| u.login != "desk0") {
        let unit =
            crm.org_units(admin).await.expect("org").into_iter().find(|u| u.name == "Region 0").expect("region 0").id;
        let user = NewUser {
            login: "desk0".into(),
            display_name: "desk0".into(),
            role: Role::Service,
            unit_id: unit,
            password: crate::PASSWORD.into(),
        };
        crm.add_user(admin, user).await.expect("agent");
    }
    let have = crm.ticket_counts(admin).await.expect("counts").open;
    if have == 0 {
        let t = Instant::now();
        seed_tickets(db, tickets).await;
        eprintln!("generated {tickets} tickets in {:.1}s", t.elapsed().as_secs_f64());
    }
    let counts = crm.ticket_counts(admin).await.expect("counts");
    println!("\n## Service desk: {tickets} tickets ({} open)\n", counts.open);

    // The caller lookup: the last four digits of a real customer's phone, as an agent (his
    // region) and as an administrator; each call returns the matches and the first one's card.
    let url = format!("sqlite://{}?mode=ro", db.display());
    let pool = sqlx::SqlitePool::connect(&url).await.expect("bench database");
    let phones: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT json_extract(phones, '$[0]'), territory FROM customers WHERE seq % 997 = 0 AND json_array_length(phones) > 0",
    )
    .fetch_all(&pool)
    .await
    .expect("phones");
    pool.close().await;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let last4 = |p: &str| -> String {
        let d: String = p.chars().filter(char::is_ascii_digit).collect();
        d[d.len().saturating_sub(4)..].to_string()
    };
    println!("| caller lookup (matches + the card) | p50 ms | p95 ms | max ms |\n|---|---|---|---|");
    for (label, actor) in [("agent (his region), last 4 digits", &desk), ("administrator, last 4 digits", admin)] {
        let mut d = Vec::with_capacity(samples);
        for _ in 0..samples {
            let (phone, _) = phones.choose(&mut rng).expect("phones");
            let t = Instant::now();
            crm.caller_lookup(actor, &last4(phone), None).await.expect("lookup");
            d.push(t.elapsed());
        }
        let s = stats(d);
        println!("| {label} | {} | {} | {} |", ms(s.p50), ms(s.p95), ms(s.max));
    }

    println!(
        "\n| ticket queue page of 50 (keyset) | first page ms | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|"
    );
    for (label, actor, view) in [
        ("open queue, agent", &desk, TicketView::Queue),
        ("open queue, administrator", admin, TicketView::Queue),
        ("my tickets, agent", &desk, TicketView::Mine),
        ("breached, administrator", admin, TicketView::Breached),
        ("all tickets, administrator", admin, TicketView::All),
    ] {
        let mut d = Vec::with_capacity(samples);
        let mut cursor = None;
        for _ in 0..samples {
            let req = TicketListRequest {
                view,
                statuses: vec![],
                priority: None,
                assignee: None,
                cursor: cursor.clone(),
                limit: 50,
            };
            let t = Instant::now();
            let page = crm.list_tickets(actor, &req).await.expect("ticket page");
            d.push(t.elapsed());
            cursor = page.next_cursor;
        }
        let first = ms(d[0]);
        let s = stats(d);
        println!("| {label} | {first} | {} | {} | {} |", ms(s.p50), ms(s.p95), ms(s.max));
    }

    // A rule over 100,000 matching tickets: the urgent ones (every fifth ticket) tell their agent.
    let test = |field: &str, op, values: &[&str]| {
        Condition::Test(ConditionTest {
            field: field.into(),
            op,
            values: values.iter().map(|v| v.to_string()).collect(),
            window_days: None,
        })
    };
    let rule = RuleInput {
        name: "bench: urgent tickets tell their agent".into(),
        entity: Entity::Ticket,
        trigger: Trigger::Schedule,
        every_minutes: Some(10_080),
        condition: Condition::All { items: vec![test("priority", TestOp::Is, &["urgent"])] },
        actions: vec![RuleAction::Notify { message: "紧急工单 {name}".into(), to: Recipient::Owner }],
        active: false,
    };
    let saved = crm.save_rule(admin, None, rule).await.expect("bench rule");
    let t = Instant::now();
    let report = crm.run_rule_now(admin, &saved.id).await.expect("rule run");
    let took = t.elapsed();
    crm.delete_rule(admin, &saved.id).await.expect("delete bench rule");
    println!(
        "\n| workflow rule run | matching records | acted on | seconds |\n|---|---|---|---|\n| urgent tickets → notify their agent | {} | {} | {:.2} |",
        report.matched,
        report.acted,
        took.as_secs_f64()
    );
}
