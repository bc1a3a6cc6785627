//! Property: whatever happens to the customers (lifecycles change, orders are bought, customers
//! are added, time passes), a fixed segment's members change only by hand and a snapshot's only
//! when it is taken again (then to exactly the definition's answer at that moment), while a
//! dynamic segment always equals the definition evaluated here independently.

mod common;
use common::*;
use crm_core::Crm;
use crm_core::commerce::order_model::{OrderInput, OrderLineInput, OrderStatus};
use crm_core::conditions::{Condition, ConditionTest, TestOp};
use crm_core::customer::model::{CustomerInput, Lifecycle};
use crm_core::segments::{SegmentInput, SegmentKind};
use proptest::prelude::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
enum Op {
    SetVip(usize, bool),
    /// Buys `days` days before the clock's day.
    Buy(usize, i64),
    NewCustomer(bool),
    PassDays(i64),
    AddToFixed(usize),
    RemoveFromFixed(usize),
    Resnapshot,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..8usize, any::<bool>()).prop_map(|(i, v)| Op::SetVip(i, v)),
        3 => (0..8usize, 0..60i64).prop_map(|(i, d)| Op::Buy(i, d)),
        1 => any::<bool>().prop_map(Op::NewCustomer),
        2 => (1..40i64).prop_map(Op::PassDays),
        1 => (0..8usize).prop_map(Op::AddToFixed),
        1 => (0..8usize).prop_map(Op::RemoveFromFixed),
        1 => Just(Op::Resnapshot),
    ]
}

/// VIP, or bought in the last 30 days.
fn definition() -> Condition {
    let test = |field: &str, op, value: &str, window_days| {
        Condition::Test(ConditionTest { field: field.into(), op, values: vec![value.into()], window_days })
    };
    Condition::Any {
        items: vec![test("lifecycle", TestOp::Is, "vip", None), test("orders.count", TestOp::Gte, "1", Some(30))],
    }
}

struct Model {
    ids: Vec<String>,
    vip: Vec<bool>,
    bought: Vec<Vec<chrono::NaiveDate>>,
}

impl Model {
    fn matching(&self, today: chrono::NaiveDate) -> BTreeSet<String> {
        (0..self.ids.len())
            .filter(|&i| self.vip[i] || self.bought[i].iter().any(|d| *d <= today && (today - *d).num_days() <= 30))
            .map(|i| self.ids[i].clone())
            .collect()
    }
}

async fn members(crm: &Crm, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cursor = None;
    loop {
        let page = crm.segment_members(&alice(), id, cursor.as_deref(), 3).await.unwrap();
        out.extend(page.rows.into_iter().map(|r| r.id));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return out,
        }
    }
}

async fn add_customer(crm: &Crm, m: &mut Model, vip: bool) {
    let mut c = CustomerInput::named(format!("客户{}", m.ids.len()));
    if vip {
        c.lifecycle = Lifecycle::Vip;
    }
    m.ids.push(crm.create_customer(&alice(), c).await.unwrap().id);
    m.vip.push(vip);
    m.bought.push(Vec::new());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn stored_members_change_only_by_hand_or_when_taken_again(
        start in proptest::collection::vec(any::<bool>(), 3..6),
        ops in proptest::collection::vec(op(), 1..25),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let t = open().await;
            let crm = &t.crm;
            let mut m = Model { ids: Vec::new(), vip: Vec::new(), bought: Vec::new() };
            for vip in start {
                add_customer(crm, &mut m, vip).await;
            }
            let segment = |name: &str, kind| SegmentInput { name: name.into(), kind, description: None, condition: definition() };
            let fixed = crm.create_segment(&alice(), segment("固定", SegmentKind::Fixed)).await.unwrap().id;
            let snap = crm.create_segment(&alice(), segment("快照", SegmentKind::Snapshot)).await.unwrap().id;
            let live = crm.create_segment(&alice(), segment("动态", SegmentKind::Dynamic)).await.unwrap().id;
            let today = |t: &TestDb| t.crm.now().date_naive();
            let mut want_fixed = m.matching(today(&t));
            let mut want_snap = want_fixed.clone();
            for op in ops {
                match op {
                    Op::SetVip(i, vip) => {
                        let i = i % m.ids.len();
                        let c = crm.get_customer(&alice(), &m.ids[i]).await.unwrap();
                        let mut input = c.to_input();
                        input.lifecycle = if vip { Lifecycle::Vip } else { Lifecycle::Existing };
                        crm.update_customer(&alice(), &m.ids[i], c.version, input).await.unwrap();
                        m.vip[i] = vip;
                    }
                    Op::Buy(i, days) => {
                        let i = i % m.ids.len();
                        let on = today(&t) - chrono::Duration::days(days);
                        let order = OrderInput {
                            customer_id: m.ids[i].clone(),
                            external_id: None,
                            ordered_on: on.format("%Y-%m-%d").to_string(),
                            status: OrderStatus::Paid,
                            currency: None,
                            amount: 0,
                            items: vec![OrderLineInput::new("茶", 1, 100)],
                            notes: None,
                        };
                        crm.create_order(&alice(), order).await.unwrap();
                        m.bought[i].push(on);
                    }
                    Op::NewCustomer(vip) => add_customer(crm, &mut m, vip).await,
                    Op::PassDays(d) => t.clock.advance(chrono::Duration::days(d)),
                    Op::AddToFixed(i) => {
                        let id = m.ids[i % m.ids.len()].clone();
                        crm.add_segment_members(&alice(), &fixed, std::slice::from_ref(&id)).await.unwrap();
                        want_fixed.insert(id);
                    }
                    Op::RemoveFromFixed(i) => {
                        let id = m.ids[i % m.ids.len()].clone();
                        crm.remove_segment_members(&alice(), &fixed, std::slice::from_ref(&id)).await.unwrap();
                        want_fixed.remove(&id);
                    }
                    Op::Resnapshot => {
                        crm.resnapshot_segment(&alice(), &snap).await.unwrap();
                        want_snap = m.matching(today(&t));
                    }
                }
                assert_eq!(members(crm, &fixed).await, want_fixed, "fixed after {op:?}");
                assert_eq!(members(crm, &snap).await, want_snap, "snapshot after {op:?}");
                assert_eq!(members(crm, &live).await, m.matching(today(&t)), "dynamic after {op:?}");
                assert_eq!(crm.segment_count(&alice(), &live).await.unwrap() as usize, m.matching(today(&t)).len());
            }
        });
    }
}
