//! The SQL form of a condition selects exactly the records the in-memory evaluation accepts, for
//! random condition trees over random tickets and their customers (tags, tiers, empty values and
//! relative dates included).

use super::catalog::Entity;
use super::sql::{compile, load_facts};
use super::{Condition, ConditionTest, TestOp, evaluate};
use crate::Crm;
use crate::customer::model::{CustomerInput, Lifecycle};
use crate::service::ticket_model::{Priority, TicketChannel, TicketInput};
use proptest::prelude::*;
use std::collections::BTreeSet;

struct Data {
    crm: Crm,
    _dir: tempfile::TempDir,
}

async fn data() -> Data {
    use rand::{Rng, SeedableRng};
    let dir = tempfile::tempdir().expect("temp dir");
    let crm = Crm::open(&dir.path().join("crm.db")).await.expect("open");
    let admin = crate::Actor::named("admin");
    let user = crate::access::accounts::NewUser {
        login: "admin".into(),
        display_name: "Admin".into(),
        role: crate::access::Role::Admin,
        unit_id: String::new(),
        password: "correct horse".into(),
    };
    crm.create_first_admin("总公司", user).await.expect("admin");
    let mut routing = crm.ticket_routing(&admin).await.expect("routing");
    routing.strategy = crate::service::routing::RoutingStrategy::Manual;
    crm.set_ticket_routing(&admin, routing).await.expect("manual routing");
    // The VIP rule would change priorities behind the test's back.
    crm.set_rule_active(&admin, "rule-vip-ticket", false).await.expect("rule off");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let tags = ["VIP", "黑名单", "华东"];
    for i in 0..30 {
        let mut c = CustomerInput::named(format!("客户{i}"));
        c.lifecycle = [Lifecycle::Potential, Lifecycle::Existing, Lifecycle::Vip][rng.random_range(0..3)];
        c.tier = [None, Some("gold"), Some("silver")][rng.random_range(0..3)].map(str::to_string);
        c.city = [None, Some("青岛"), Some("上海 ")][rng.random_range(0..3)].map(str::to_string);
        let chosen: Vec<String> = tags.iter().filter(|_| rng.random_bool(0.4)).map(|t| t.to_string()).collect();
        if !chosen.is_empty() {
            c.tag_ids = crm.ensure_tags(&admin, &chosen).await.expect("tags").into_iter().map(|t| t.id).collect();
        }
        let customer = crm.create_customer(&admin, c).await.expect("customer");
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
            crm.create_ticket(&admin, input).await.expect("ticket");
        }
    }
    Data { crm, _dir: dir }
}

fn leaf() -> impl Strategy<Value = Condition> {
    let test = |field: &'static str, op: TestOp, values: Vec<&'static str>| {
        Condition::Test(ConditionTest {
            field: field.into(),
            op,
            values: values.into_iter().map(String::from).collect(),
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

fn tree() -> impl Strategy<Value = Condition> {
    leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|items| Condition::All { items }),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|items| Condition::Any { items }),
            inner.prop_map(|item| Condition::Not { item: Box::new(item) }),
        ]
    })
}

#[test]
fn sql_selects_what_memory_accepts() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    // The pooled connection returns itself to the pool on a Tokio task when dropped.
    let _enter = rt.enter();
    let d = rt.block_on(data());
    let conn = std::cell::RefCell::new(rt.block_on(d.crm.db.reader.acquire()).expect("connection"));
    let all = rt.block_on(load_facts(&mut conn.borrow_mut(), Entity::Ticket, "1", &[], i64::MAX, None)).expect("facts");
    assert!(all.len() > 20, "enough tickets: {}", all.len());
    let now = d.crm.now();
    let config = ProptestConfig { cases: 200, ..ProptestConfig::default() };
    proptest!(config, |(condition in tree())| {
        let (sql, args) = compile(&condition, Entity::Ticket, now).expect("compile");
        let by_sql: BTreeSet<String> = rt
            .block_on(load_facts(&mut conn.borrow_mut(), Entity::Ticket, &sql, &args, i64::MAX, None))
            .expect("query")
            .into_iter()
            .map(|r| r.id)
            .collect();
        let by_memory: BTreeSet<String> =
            all.iter().filter(|r| evaluate(&condition, &r.facts, now)).map(|r| r.id.clone()).collect();
        prop_assert_eq!(by_sql, by_memory, "{:?}\n{}", condition, sql);
    });
}
