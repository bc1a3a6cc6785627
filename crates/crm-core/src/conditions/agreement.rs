//! The SQL form of a condition selects exactly the records the in-memory evaluation accepts, for
//! random condition trees over random tickets and their customers (tags, tiers, empty values and
//! relative dates included), and over customers with their orders (aggregates in windows, last
//! purchase) and fixed segments, whether aggregates sum the orders or read kept window totals
//! (made before the orders, so the triggers wrote them), over all customers or in two seq ranges.

use super::catalog::Entity;
use super::order_windows::{self, OrderWindows};
use super::sql::{At, SeqRange, compile_at, load_facts};
use super::{Condition, ConditionTest, TestOp, evaluate};
use crate::customer::model::{CustomerInput, Lifecycle};
use crate::service::ticket_model::{Priority, TicketChannel, TicketInput};
use proptest::prelude::*;
use std::collections::BTreeSet;

type Data = crate::test_database::TestDatabase;

async fn data() -> Data {
    use rand::{Rng, SeedableRng};
    let d = crate::test_database::with_admin().await;
    let (crm, admin) = (&d.crm, &d.admin);
    let mut routing = crm.ticket_routing(admin).await.expect("routing");
    routing.strategy = crate::service::routing::RoutingStrategy::Manual;
    crm.set_ticket_routing(admin, routing).await.expect("manual routing");
    // The VIP rule would change priorities behind the test's back.
    crm.set_rule_active(admin, "rule-vip-ticket", false).await.expect("rule off");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let tags = ["VIP", "黑名单", "华东"];
    for i in 0..30 {
        let mut c = CustomerInput::named(format!("客户{i}"));
        c.lifecycle = [Lifecycle::Potential, Lifecycle::Existing, Lifecycle::Vip][rng.random_range(0..3)];
        c.tier = [None, Some("gold"), Some("silver")][rng.random_range(0..3)].map(str::to_string);
        c.city = [None, Some("青岛"), Some("上海 ")][rng.random_range(0..3)].map(str::to_string);
        let chosen: Vec<String> = tags.iter().filter(|_| rng.random_bool(0.4)).map(|t| t.to_string()).collect();
        if !chosen.is_empty() {
            c.tag_ids = crm.ensure_tags(admin, &chosen).await.expect("tags").into_iter().map(|t| t.id).collect();
        }
        let customer = crm.create_customer(admin, c).await.expect("customer");
        for _ in 0..rng.random_range(0..3) {
            let input = TicketInput {
                customer_id: customer.id.clone(),
                contact_id: None,
                channel: TicketChannel::Phone,
                category: [None, Some("repair"), Some("billing")][rng.random_range(0..3)].map(str::to_string),
                priority: [Priority::Low, Priority::Normal, Priority::High, Priority::Urgent][rng.random_range(0..4)],
                subject: format!("问题 {}", rng.random_range(0..100)),
                description: None,
                assignee: None,
            };
            crm.create_ticket(admin, input).await.expect("ticket");
        }
    }
    d
}

fn leaf() -> impl Strategy<Value = Condition> {
    let test = |field: &'static str, op: TestOp, values: Vec<&'static str>| {
        Condition::Test(ConditionTest {
            field: field.into(),
            op,
            values: values.into_iter().map(String::from).collect(),
            window_days: None,
        })
    };
    prop_oneof![
        prop::sample::subsequence(vec!["low", "normal", "high", "urgent"], 1..3).prop_map(move |v| test(
            "priority",
            TestOp::Is,
            v
        )),
        prop::sample::subsequence(vec!["low", "urgent"], 1..2).prop_map(move |v| test("priority", TestOp::IsNot, v)),
        prop::sample::select(vec!["vip", "existing"]).prop_map(move |v| test(
            "customer.lifecycle",
            TestOp::Is,
            vec![v]
        )),
        prop::sample::select(vec![TestOp::IsEmpty, TestOp::IsNotEmpty]).prop_map(move |op| test(
            "customer.tier",
            op,
            vec![]
        )),
        prop::sample::select(vec!["gold", "silver"]).prop_map(move |v| test("customer.tier", TestOp::IsNot, vec![v])),
        prop::sample::select(vec![TestOp::IsEmpty, TestOp::IsNotEmpty]).prop_map(move |op| test(
            "category",
            op,
            vec![]
        )),
        prop::sample::select(vec!["上海", "青"]).prop_map(move |v| test("customer.city", TestOp::Contains, vec![v])),
        (
            prop::sample::select(vec![TestOp::HasAny, TestOp::HasAll, TestOp::HasNone]),
            prop::sample::subsequence(vec!["vip", "黑名单", "华东"], 1..3)
        )
            .prop_map(move |(op, v)| test("customer.tags", op, v)),
        prop::sample::select(vec!["0", "1", "3"]).prop_map(move |d| test(
            "resolution_due",
            TestOp::WithinNextDays,
            vec![d]
        )),
        prop::sample::select(vec!["0", "2"]).prop_map(move |d| test("created_at", TestOp::OlderThanDays, vec![d])),
    ]
}

fn tree(leaf: BoxedStrategy<Condition>) -> impl Strategy<Value = Condition> {
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|items| Condition::All { items }),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|items| Condition::Any { items }),
            inner.prop_map(|item| Condition::Not { item: Box::new(item) }),
        ]
    })
}

/// The SQL selection of 200 random trees over `leaf` equals the in-memory one on every record.
/// For customers, the SQL reads kept window totals or not, and asks about the customers in two
/// ranges split at a random seq, at random.
fn assert_agreement(rt: &tokio::runtime::Runtime, d: &Data, entity: Entity, leaf: BoxedStrategy<Condition>) -> usize {
    let conn = std::cell::RefCell::new(rt.block_on(d.crm.db.reader.acquire()).expect("connection"));
    let all = rt.block_on(load_facts(&mut conn.borrow_mut(), entity, "1", &[], i64::MAX, None)).expect("facts");
    let now = d.crm.now();
    let customers = entity == Entity::Customer;
    let config = ProptestConfig { cases: 200, ..ProptestConfig::default() };
    proptest!(config, |(condition in tree(leaf.clone()), kept in any::<bool>(), split in 0i64..40)| {
        let windows = if customers && kept {
            rt.block_on(OrderWindows::read(&mut conn.borrow_mut(), &condition, entity, now)).expect("windows")
        } else {
            OrderWindows::none()
        };
        let ranges = if customers {
            vec![Some(SeqRange { after: 0, upto: split }), Some(SeqRange { after: split, upto: i64::MAX })]
        } else {
            vec![None]
        };
        let mut by_sql = BTreeSet::new();
        let mut sqls = Vec::new();
        for range in ranges {
            let (sql, args) = compile_at(&condition, entity, &At { now, windows: &windows, range }).expect("compile");
            let sql = format!("({sql}){}", range.map(|r| r.sql("c.seq")).unwrap_or_default());
            let found = rt.block_on(load_facts(&mut conn.borrow_mut(), entity, &sql, &args, i64::MAX, None));
            by_sql.extend(found.expect("query").into_iter().map(|r| r.id));
            sqls.push(sql);
        }
        let sql = sqls.join("\n");
        let by_memory: BTreeSet<String> =
            all.iter().filter(|r| evaluate(&condition, &r.facts, now)).map(|r| r.id.clone()).collect();
        prop_assert_eq!(by_sql, by_memory, "{:?}\n{}", condition, sql);
    });
    all.len()
}

#[test]
fn sql_selects_what_memory_accepts() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    // The pooled connection returns itself to the pool on a Tokio task when dropped.
    let _enter = rt.enter();
    let d = rt.block_on(data());
    let tickets = assert_agreement(&rt, &d, Entity::Ticket, leaf().boxed());
    assert!(tickets > 20, "enough tickets: {tickets}");
}

/// Customers with orders (some not counted: pending, cancelled) over the last 60 days, a few
/// dated up to 5 days ahead (a window ends today), and a fixed segment holding some of them.
async fn customers_with_orders() -> Data {
    use crate::commerce::order_model::{OrderInput, OrderStatus};
    use rand::{Rng, SeedableRng};
    let d = data().await;
    let admin = crate::Actor::named("admin");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let today = d.crm.now().date_naive();
    // The long windows the leaves test are kept before any order exists: the triggers fill them.
    let long = |w| {
        Condition::Test(ConditionTest {
            field: "orders.amount".into(),
            op: TestOp::Gte,
            values: vec!["1".into()],
            window_days: w,
        })
    };
    let windows = Condition::Any { items: vec![long(None), long(Some(45))] };
    order_windows::prepare(&d.crm.db, &windows, Entity::Customer, d.crm.now()).await.expect("windows");
    let ids: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, id FROM customers").fetch_all(&d.crm.db.reader).await.expect("customers");
    let mut made = Vec::new();
    for (_, id) in &ids {
        for _ in 0..rng.random_range(0..4) {
            let day = today - chrono::Duration::days(rng.random_range(-5..60));
            let input = OrderInput {
                customer_id: id.clone(),
                external_id: None,
                ordered_on: day.format("%Y-%m-%d").to_string(),
                status: [OrderStatus::Paid, OrderStatus::Completed, OrderStatus::Pending, OrderStatus::Cancelled]
                    [rng.random_range(0..4)],
                currency: None,
                amount: rng.random_range(0..80_000),
                items: Vec::new(),
                notes: None,
            };
            made.push((d.crm.create_order(&admin, input.clone()).await.expect("order").id, input));
        }
    }
    // Every kind of change of an order, for the triggers keeping the totals.
    for (i, (id, mut input)) in made.into_iter().enumerate() {
        match i % 5 {
            0 => d.crm.delete_order(&admin, &id).await.expect("delete"),
            1 => {
                input.status = [OrderStatus::Paid, OrderStatus::Refunded][rng.random_range(0..2)];
                input.amount = rng.random_range(0..80_000);
                let day = today - chrono::Duration::days(rng.random_range(-5..60));
                input.ordered_on = day.format("%Y-%m-%d").to_string();
                d.crm.update_order(&admin, &id, input).await.expect("update");
            }
            _ => {}
        }
    }
    sqlx::query(
        "INSERT INTO segments (seq, id, name, kind, condition, owner, created_at, updated_at)
         VALUES (1, 'seg-a', '黑名单', 'fixed', '{\"kind\":\"all\",\"items\":[]}', 'admin', '2026-01-01', '2026-01-01')",
    )
    .execute(&d.crm.db.writer)
    .await
    .expect("segment");
    for (seq, _) in ids.iter().filter(|_| rng.random_bool(0.3)) {
        sqlx::query("INSERT INTO segment_members VALUES (1, ?1, '2026-01-01', 'admin')")
            .bind(seq)
            .execute(&d.crm.db.writer)
            .await
            .expect("member");
    }
    d
}

fn customer_leaf() -> impl Strategy<Value = Condition> {
    let test = |field: &'static str, op: TestOp, values: Vec<&'static str>, window_days: Option<u32>| {
        Condition::Test(ConditionTest {
            field: field.into(),
            op,
            values: values.into_iter().map(String::from).collect(),
            window_days,
        })
    };
    let window = prop::sample::select(vec![None, Some(0), Some(7), Some(30), Some(45)]);
    prop_oneof![
        (
            prop::sample::select(vec![TestOp::Gte, TestOp::Gt, TestOp::Lte, TestOp::Lt, TestOp::Is]),
            prop::sample::select(vec!["0", "1", "2"]),
            window.clone()
        )
            .prop_map(move |(op, n, w)| test("orders.count", op, vec![n], w)),
        (
            prop::sample::select(vec![TestOp::Gte, TestOp::Lt, TestOp::Is]),
            prop::sample::select(vec!["0", "300", "800.5"]),
            window
        )
            .prop_map(move |(op, n, w)| test("orders.amount", op, vec![n], w)),
        (
            prop::sample::select(vec![TestOp::WithinLastDays, TestOp::OlderThanDays]),
            prop::sample::select(vec!["0", "7", "30"])
        )
            .prop_map(move |(op, d)| test("last_order_on", op, vec![d], None)),
        prop::sample::select(vec![TestOp::IsEmpty, TestOp::IsNotEmpty]).prop_map(move |op| test(
            "last_active_at",
            op,
            vec![],
            None
        )),
        prop::sample::select(vec![TestOp::Gt, TestOp::Lt]).prop_map(move |op| test(
            "created_at",
            op,
            vec!["2020-01-01"],
            None
        )),
        prop::sample::select(vec![TestOp::HasAny, TestOp::HasNone]).prop_map(move |op| test(
            "segment",
            op,
            vec!["seg-a"],
            None
        )),
        prop::sample::select(vec!["gold", "silver"]).prop_map(move |v| test("tier", TestOp::Is, vec![v], None)),
        prop::sample::subsequence(vec!["vip", "黑名单"], 1..2).prop_map(move |v| test("tags", TestOp::HasAny, v, None)),
    ]
}

#[test]
fn customer_conditions_over_orders_and_segments_agree() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let _enter = rt.enter();
    let d = rt.block_on(customers_with_orders());
    assert_eq!(assert_agreement(&rt, &d, Entity::Customer, customer_leaf().boxed()), 30);
}
