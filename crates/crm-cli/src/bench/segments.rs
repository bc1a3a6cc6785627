//! The segment figures: counts of dynamic segments of three conditions, member pages (dynamic
//! and stored), taking a snapshot and the RFM recompute, on the benchmark database with
//! generated orders.

use crate::{ms, stats};
use crm_core::conditions::{Condition, ConditionTest, TestOp};
use crm_core::segments::{SegmentInput, SegmentKind};
use crm_core::{Actor, Crm};
use std::time::Instant;

/// Generates two orders per customer and 1 to 4 lines per order (5,000,000 lines for 1,000,000
/// customers) in three statements; every value is a function of the seqs. Dates spread over
/// the last 400 days; one order in ten is pending, cancelled or refunded (not counted).
async fn seed_orders(db: &std::path::Path) {
    let url = format!("sqlite://{}", db.display());
    let pool = sqlx::SqlitePool::connect(&url).await.expect("bench database");
    for sql in [
        "WITH n(k) AS (VALUES (0), (1), (2), (3))
         INSERT INTO orders (id, customer_seq, ordered_on, status, currency, amount, created_at, created_by, updated_at, updated_by)
         SELECT printf('bench-order-%d-%d', c.seq, n.k), c.seq,
            date('now', printf('-%d days', (c.seq * 7919 + n.k * 104729) % 400)),
            CASE (c.seq + n.k) % 20 WHEN 0 THEN 'pending' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'refunded'
                WHEN 3 THEN 'completed' WHEN 4 THEN 'completed' ELSE 'paid' END,
            'CNY', 0, '2026-01-01T00:00:00.000Z', 'bench', '2026-01-01T00:00:00.000Z', 'bench'
         FROM customers c JOIN n ON (c.seq + n.k * 3) % 2 = 0 WHERE c.deleted_at IS NULL ORDER BY c.seq, n.k",
        "WITH n(k) AS (VALUES (1), (2), (3), (4))
         INSERT INTO order_items (order_seq, line, product, quantity, unit_price, amount)
         SELECT o.seq, n.k, '商品 ' || ((o.seq * 31 + n.k * 17) % 200), 1 + (o.seq + n.k) % 3,
            100 * (10 + (o.seq * 31 + n.k * 17) % 490), (1 + (o.seq + n.k) % 3) * 100 * (10 + (o.seq * 31 + n.k * 17) % 490)
         FROM orders o JOIN n ON n.k <= 1 + o.seq % 4",
        "UPDATE orders SET amount = (SELECT sum(amount) FROM order_items WHERE order_seq = orders.seq)",
        "ANALYZE",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.expect("seed orders");
    }
    pool.close().await;
}

fn test(field: &str, op: TestOp, values: &[&str], window_days: Option<u32>) -> Condition {
    Condition::Test(ConditionTest {
        field: field.into(),
        op,
        values: values.iter().map(|v| v.to_string()).collect(),
        window_days,
    })
}

/// Three segments of three conditions each, as a marketer would build them.
fn cases() -> Vec<(&'static str, Condition)> {
    vec![
        (
            "active in 30 days AND VIP AND bought in the last 7 days",
            Condition::All {
                items: vec![
                    test("last_active_at", TestOp::WithinLastDays, &["30"], None),
                    test("lifecycle", TestOp::Is, &["vip"], None),
                    test("orders.count", TestOp::Gte, &["1"], Some(7)),
                ],
            },
        ),
        (
            "spent ≥ ¥3,000 in 365 days AND country 中国 AND NOT tag 价格敏感",
            Condition::All {
                items: vec![
                    test("orders.amount", TestOp::Gte, &["3000"], Some(365)),
                    test("country", TestOp::Is, &["中国"], None),
                    test("tags", TestOp::HasNone, &["价格敏感"], None),
                ],
            },
        ),
        (
            "existing AND gold tier AND no purchase in 180 days",
            Condition::All {
                items: vec![
                    test("lifecycle", TestOp::Is, &["existing"], None),
                    test("orders.count", TestOp::Is, &["0"], Some(180)),
                    test("tier", TestOp::Is, &["gold"], None),
                ],
            },
        ),
    ]
}

pub async fn run(crm: &Crm, db: &std::path::Path, admin: &Actor, rep: &Actor, samples: usize) {
    let lines: i64 = {
        let url = format!("sqlite://{}?mode=ro", db.display());
        let pool = sqlx::SqlitePool::connect(&url).await.expect("bench database");
        let n = sqlx::query_scalar("SELECT count(*) FROM order_items").fetch_one(&pool).await.expect("lines");
        pool.close().await;
        n
    };
    if lines == 0 {
        let t = Instant::now();
        seed_orders(db).await;
        eprintln!("generated orders in {:.1}s", t.elapsed().as_secs_f64());
    }
    println!("\n## Segments: orders with 5 lines per customer on average\n");
    println!(
        "| dynamic segment count (3 conditions) | first count ms | members | p50 ms | p95 ms | max ms | rep members | rep p50 ms | rep p95 ms |\n|---|---|---|---|---|---|---|---|---|"
    );
    let mut saved = Vec::new();
    for (i, (label, condition)) in cases().into_iter().enumerate() {
        let input = SegmentInput {
            name: format!("bench segment {i}"),
            kind: SegmentKind::Dynamic,
            description: None,
            condition: condition.clone(),
        };
        let segment = match crm.segments(admin).await.expect("segments").into_iter().find(|s| s.name == input.name) {
            Some(s) => crm.update_segment(admin, &s.id, input).await.expect("segment"),
            None => crm.create_segment(admin, input).await.expect("segment"),
        };
        // The first count of the day also builds the kept order totals of its long windows.
        let t = Instant::now();
        crm.count_condition(admin, &condition).await.expect("count");
        let mut row = format!("| {label} | {} |", ms(t.elapsed()));
        for actor in [admin, rep] {
            let mut d = Vec::with_capacity(samples);
            let mut members = 0;
            // The definition evaluated each time (`count_condition` keeps nothing, unlike a saved
            // segment's count, whose member list the following pages reuse).
            for _ in 0..samples.min(10) {
                let t = Instant::now();
                members = crm.count_condition(actor, &condition).await.expect("count");
                d.push(t.elapsed());
            }
            let s = stats(d);
            if std::ptr::eq(actor, admin) {
                row += &format!(" {members} | {} | {} | {} |", ms(s.p50), ms(s.p95), ms(s.max));
            } else {
                row += &format!(" {members} | {} | {} |", ms(s.p50), ms(s.p95));
            }
        }
        println!("{row}");
        saved.push((label, segment.id));
    }

    println!(
        "\n| member page of 50 (keyset; each tests the customers after its cursor) | first page ms | p50 ms | p95 ms | max ms | rep first page ms | rep p95 ms |\n|---|---|---|---|---|---|---|"
    );
    let snapshot = {
        let input = SegmentInput {
            name: "bench snapshot".into(),
            kind: SegmentKind::Snapshot,
            description: None,
            condition: cases().remove(1).1,
        };
        let t = Instant::now();
        let s = match crm.segments(admin).await.expect("segments").into_iter().find(|s| s.name == input.name) {
            Some(s) => crm.resnapshot_segment(admin, &s.id).await.expect("snapshot"),
            None => crm.create_segment(admin, input).await.expect("snapshot"),
        };
        let took = t.elapsed();
        let members = crm.segment_count(admin, &s.id).await.expect("count");
        saved.push(("snapshot of the second (stored members)", s.id));
        (took, members)
    };
    for (label, id) in &saved {
        let mut row = format!("| {label} |");
        for actor in [admin, rep] {
            let mut d = Vec::with_capacity(samples);
            let mut cursor = None;
            for _ in 0..samples.min(50) {
                let t = Instant::now();
                let page = crm.segment_members(actor, id, cursor.as_deref(), 50).await.expect("members");
                d.push(t.elapsed());
                cursor = page.next_cursor;
                if cursor.is_none() {
                    break;
                }
            }
            let first = ms(d[0]);
            let s = stats(d);
            if std::ptr::eq(actor, admin) {
                row += &format!(" {first} | {} | {} | {} |", ms(s.p50), ms(s.p95), ms(s.max));
            } else {
                row += &format!(" {first} | {} |", ms(s.p95));
            }
        }
        println!("{row}");
    }
    println!(
        "\n| taking a snapshot | members | seconds |\n|---|---|---|\n| spent ≥ ¥3,000 in 365 days AND 中国 AND NOT 价格敏感 | {} | {:.2} |",
        snapshot.1,
        snapshot.0.as_secs_f64()
    );

    // RFM over every customer (writes their tiers, so it runs after the segments that test tiers).
    let t = Instant::now();
    let rfm = crm.recompute_rfm(admin, None, None).await.expect("rfm");
    println!(
        "\n| RFM recompute (365-day window) | customers | tiers changed | seconds |\n|---|---|---|---|\n| every live customer | {} | {} | {:.1} |",
        rfm.customers,
        rfm.changed_tiers.unwrap_or(0),
        t.elapsed().as_secs_f64()
    );
}
