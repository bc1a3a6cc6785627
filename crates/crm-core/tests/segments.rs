//! Segments: the seed's example counted and explained, fixed segments changed only by hand,
//! snapshots only when taken again, memberships of other segments (and cycles refused), and
//! counts, members and changes within the user's territories.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::classification::fields::{FieldInput, FieldType};
use crm_core::commerce::order_model::{OrderInput, OrderLineInput, OrderStatus};
use crm_core::conditions::{Condition, ConditionTest, TestOp};
use crm_core::customer::model::{CustomValue, CustomerInput, Lifecycle};
use crm_core::segments::{SegmentInput, SegmentKind};
use crm_core::{Actor, Crm};
use org::*;

fn test(field: &str, op: TestOp, values: &[&str]) -> Condition {
    Condition::Test(ConditionTest {
        field: field.into(),
        op,
        values: values.iter().map(|s| s.to_string()).collect(),
        window_days: None,
    })
}

fn all(items: Vec<Condition>) -> Condition {
    Condition::All { items }
}

fn segment(name: &str, kind: SegmentKind, condition: Condition) -> SegmentInput {
    SegmentInput { name: name.into(), kind, description: None, condition }
}

async fn buy(crm: &Crm, customer: &str, on: &str, yuan: i64) {
    let input = OrderInput {
        customer_id: customer.into(),
        external_id: None,
        ordered_on: on.into(),
        status: OrderStatus::Paid,
        currency: None,
        amount: 0,
        items: vec![OrderLineInput::new("茶叶", 1, yuan * 100)],
        notes: None,
    };
    crm.create_order(&alice(), input).await.unwrap();
}

async fn customer(crm: &Crm, name: &str, country: &str, gender: &str) -> String {
    let mut c = CustomerInput::named(name);
    c.country = Some(country.into());
    c.custom.insert("gender".into(), CustomValue::Text(gender.into()));
    crm.create_customer(&alice(), c).await.unwrap().id
}

async fn member_names(crm: &Crm, who: &Actor, id: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor = None;
    loop {
        let page = crm.segment_members(who, id, cursor.as_deref(), 2).await.unwrap();
        names.extend(page.rows.into_iter().map(|r| r.name));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    names.sort();
    names
}

/// The brief's example: active in the last 30 days AND country = China AND gender = male AND
/// bought in the last 7 days (the clock stands at 2026-03-01).
fn seed_example() -> Condition {
    let mut bought =
        ConditionTest { field: "orders.count".into(), op: TestOp::Gte, values: vec!["1".into()], window_days: Some(7) };
    bought.values = vec!["1".into()];
    all(vec![
        test("last_active_at", TestOp::WithinLastDays, &["30"]),
        test("country", TestOp::Is, &["中国", "China"]),
        test("custom.gender", TestOp::Is, &["男"]),
        Condition::Test(bought),
    ])
}

#[tokio::test]
async fn the_seed_example_is_counted_listed_and_explained() {
    let t = open().await;
    let crm = &t.crm;
    let field = FieldInput {
        key: "gender".into(),
        label_zh: "性别".into(),
        label_en: "Gender".into(),
        field_type: FieldType::Text,
        options: vec![],
    };
    crm.create_field(&alice(), field).await.unwrap();
    let offered = crm.segment_fields(&alice()).await.unwrap();
    let gender = offered.iter().find(|f| f.key == "custom.gender").expect("custom dimensions are offered");
    assert_eq!(gender.label_zh, "性别");
    assert!(offered.iter().any(|f| f.key == "orders.amount") && offered.iter().any(|f| f.key == "segment"));
    let yes = customer(crm, "张三", "中国", "男").await;
    buy(crm, &yes, "2026-02-26", 300).await;
    let stale = customer(crm, "李四", "中国", "男").await;
    buy(crm, &stale, "2026-02-10", 300).await; // active in 30 days, bought 19 days ago
    let woman = customer(crm, "王芳", "中国", "女").await;
    buy(crm, &woman, "2026-02-28", 100).await;
    let abroad = customer(crm, "Tanaka", "日本", "男").await;
    buy(crm, &abroad, "2026-02-28", 100).await;
    let idle = customer(crm, "赵六", "China", "男").await;

    assert_eq!(crm.count_condition(&alice(), &seed_example()).await.unwrap(), 1);
    let s = crm.create_segment(&alice(), segment("近期男性买家", SegmentKind::Dynamic, seed_example())).await.unwrap();
    assert_eq!(s.owner, "alice");
    assert!(s.may_edit);
    assert_eq!(crm.segment_count(&alice(), &s.id).await.unwrap(), 1);
    assert_eq!(member_names(crm, &alice(), &s.id).await, vec!["张三"]);

    // Why 李四 is out: only the 7-day purchase test failed, with his count in the window.
    let why = crm.explain_segment(&alice(), &s.id, &stale).await.unwrap();
    assert!(!why.member && !why.matches_now);
    let held: Vec<bool> = why.tree.children.iter().map(|c| c.held).collect();
    assert_eq!(held, vec![true, true, true, false]);
    let purchase = why.tree.children[3].test.as_ref().unwrap();
    assert_eq!((purchase.actual.as_deref(), purchase.window_days), (Some("0"), Some(7)));
    let why = crm.explain_segment(&alice(), &s.id, &yes).await.unwrap();
    assert!(why.member && why.tree.held);
    let why = crm.explain_segment(&alice(), &s.id, &idle).await.unwrap();
    assert_eq!(why.tree.children[0].test.as_ref().unwrap().actual, None);

    // A week on, nobody bought in the last 7 days: a dynamic segment is always current.
    t.clock.advance(chrono::Duration::days(7));
    assert_eq!(crm.segment_count(&alice(), &s.id).await.unwrap(), 0);
    let refs = crm.customer_segments(&alice(), &yes).await.unwrap();
    assert!(refs.is_empty());
    buy(crm, &yes, "2026-03-08", 50).await;
    let refs = crm.customer_segments(&alice(), &yes).await.unwrap();
    assert_eq!(refs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["近期男性买家"]);
}

#[tokio::test]
async fn a_fixed_segment_changes_only_by_hand_and_a_snapshot_only_when_taken_again() {
    let t = open().await;
    let crm = &t.crm;
    let vip_condition = test("lifecycle", TestOp::Is, &["vip"]);
    let mut ids = Vec::new();
    for (name, vip) in [("甲", true), ("乙", false), ("丙", false)] {
        let mut c = CustomerInput::named(name);
        if vip {
            c.lifecycle = Lifecycle::Vip;
        }
        ids.push(crm.create_customer(&alice(), c).await.unwrap().id);
    }
    let fixed =
        crm.create_segment(&alice(), segment("首批VIP", SegmentKind::Fixed, vip_condition.clone())).await.unwrap();
    let snap =
        crm.create_segment(&alice(), segment("VIP快照", SegmentKind::Snapshot, vip_condition.clone())).await.unwrap();
    let live = crm.create_segment(&alice(), segment("VIP", SegmentKind::Dynamic, vip_condition.clone())).await.unwrap();
    let black = crm.create_segment(&alice(), segment("黑名单", SegmentKind::Fixed, Condition::always())).await.unwrap();
    assert!(fixed.snapshot_at.is_some() && snap.snapshot_at.is_some() && black.snapshot_at.is_none());
    assert_eq!(crm.segment_count(&alice(), &black.id).await.unwrap(), 0, "a blacklist starts empty");

    // 乙 becomes a VIP: only the dynamic segment follows.
    let b = crm.get_customer(&alice(), &ids[1]).await.unwrap();
    let mut input = b.to_input();
    input.lifecycle = Lifecycle::Vip;
    crm.update_customer(&alice(), &ids[1], b.version, input).await.unwrap();
    assert_eq!(member_names(crm, &alice(), &fixed.id).await, vec!["甲"]);
    assert_eq!(member_names(crm, &alice(), &snap.id).await, vec!["甲"]);
    assert_eq!(member_names(crm, &alice(), &live.id).await, vec!["乙", "甲"]);

    // Taken again, the snapshot follows; the fixed segment still does not.
    t.clock.advance(chrono::Duration::hours(1));
    let again = crm.resnapshot_segment(&alice(), &snap.id).await.unwrap();
    assert!(again.snapshot_at > snap.snapshot_at);
    assert_eq!(member_names(crm, &alice(), &snap.id).await, vec!["乙", "甲"]);
    assert_eq!(crm.resnapshot_segment(&alice(), &fixed.id).await.unwrap_err().code, ErrorCode::InvalidInput);

    // By hand: added and removed, counted once; a dynamic segment takes no hand edits.
    assert_eq!(crm.add_segment_members(&alice(), &black.id, &[ids[2].clone(), ids[2].clone()]).await.unwrap(), 1);
    assert_eq!(crm.add_segment_members(&alice(), &black.id, &[ids[2].clone()]).await.unwrap(), 0);
    let why = crm.explain_segment(&alice(), &black.id, &ids[2]).await.unwrap();
    assert!(why.member);
    assert_eq!(why.added_by.as_deref(), Some("alice"));
    let err = crm.add_segment_members(&alice(), &live.id, &[ids[2].clone()]).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let err = crm.add_segment_members(&alice(), &black.id, &["nobody".into(), ids[0].clone()]).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(crm.segment_count(&alice(), &black.id).await.unwrap(), 1, "nothing added when one id is bad");
    assert_eq!(crm.remove_segment_members(&alice(), &black.id, &[ids[2].clone()]).await.unwrap(), 1);
    assert_eq!(crm.segment_count(&alice(), &black.id).await.unwrap(), 0);

    // A trashed customer leaves the lists but not the stored membership.
    crm.delete_customer(&alice(), &ids[0]).await.unwrap();
    assert_eq!(member_names(crm, &alice(), &fixed.id).await, Vec::<String>::new());
    crm.restore_customer(&alice(), &ids[0]).await.unwrap();
    assert_eq!(member_names(crm, &alice(), &fixed.id).await, vec!["甲"]);

    // The fixed segment's definition and any segment's kind stay.
    let mut changed = segment("首批VIP", SegmentKind::Fixed, test("lifecycle", TestOp::Is, &["potential"]));
    assert_eq!(
        crm.update_segment(&alice(), &fixed.id, changed.clone()).await.unwrap_err().code,
        ErrorCode::InvalidInput
    );
    changed.kind = SegmentKind::Dynamic;
    assert_eq!(crm.update_segment(&alice(), &fixed.id, changed).await.unwrap_err().code, ErrorCode::InvalidInput);
    let mut renamed = segment("首批贵宾", SegmentKind::Fixed, vip_condition);
    renamed.description = Some("  2026年3月的VIP  ".into());
    let renamed = crm.update_segment(&alice(), &fixed.id, renamed).await.unwrap();
    assert_eq!((renamed.name.as_str(), renamed.description.as_deref()), ("首批贵宾", Some("2026年3月的VIP")));
}

#[tokio::test]
async fn memberships_of_other_segments_cycles_and_bad_definitions() {
    let t = open().await;
    let crm = &t.crm;
    let mut ids = Vec::new();
    for (name, vip) in [("甲", true), ("乙", true), ("丙", false)] {
        let mut c = CustomerInput::named(name);
        if vip {
            c.lifecycle = Lifecycle::Vip;
        }
        ids.push(crm.create_customer(&alice(), c).await.unwrap().id);
    }
    let vip = crm
        .create_segment(&alice(), segment("VIP", SegmentKind::Dynamic, test("lifecycle", TestOp::Is, &["vip"])))
        .await
        .unwrap();
    let black = crm.create_segment(&alice(), segment("黑名单", SegmentKind::Fixed, Condition::always())).await.unwrap();
    crm.add_segment_members(&alice(), &black.id, &[ids[1].clone()]).await.unwrap();
    let reachable =
        all(vec![test("segment", TestOp::HasAny, &[&vip.id]), test("segment", TestOp::HasNone, &[&black.id])]);
    let target = crm.create_segment(&alice(), segment("可营销VIP", SegmentKind::Dynamic, reachable)).await.unwrap();
    assert_eq!(member_names(crm, &alice(), &target.id).await, vec!["甲"]);
    let why = crm.explain_segment(&alice(), &target.id, &ids[1]).await.unwrap();
    assert_eq!(why.tree.children.iter().map(|c| c.held).collect::<Vec<_>>(), vec![true, false]);
    let mut segs: Vec<String> =
        crm.customer_segments(&alice(), &ids[1]).await.unwrap().into_iter().map(|r| r.name).collect();
    segs.sort();
    assert_eq!(segs, vec!["VIP", "黑名单"]);

    // VIP defined through the segment that is defined through it: refused, nothing changes.
    let cycle = segment("VIP", SegmentKind::Dynamic, test("segment", TestOp::HasAny, &[&target.id]));
    let err = crm.update_segment(&alice(), &vip.id, cycle).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("contain itself"), "{}", err.message);
    assert_eq!(crm.segment_count(&alice(), &target.id).await.unwrap(), 1);

    // A segment others are defined by stays until they change.
    let err = crm.delete_segment(&alice(), &black.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("可营销VIP"), "{}", err.message);
    crm.delete_segment(&alice(), &target.id).await.unwrap();
    crm.delete_segment(&alice(), &black.id).await.unwrap();
    assert_eq!(crm.segment(&alice(), &black.id).await.unwrap_err().code, ErrorCode::NotFound);
    let names: Vec<String> = crm.segments(&alice()).await.unwrap().into_iter().map(|s| s.name).collect();
    assert_eq!(names, vec!["VIP"]);
    // The name of a deleted segment is free again.
    crm.create_segment(&alice(), segment("黑名单", SegmentKind::Fixed, Condition::always())).await.unwrap();

    // Bad input: clear errors, nothing stored.
    for (input, code, words) in [
        (segment("  ", SegmentKind::Dynamic, Condition::always()), ErrorCode::InvalidInput, "needs a name"),
        (segment("vip", SegmentKind::Dynamic, Condition::always()), ErrorCode::Conflict, "already has this name"),
        (
            segment("X", SegmentKind::Dynamic, test("shoe_size", TestOp::Is, &["42"])),
            ErrorCode::InvalidInput,
            "shoe_size",
        ),
        (
            segment("Y", SegmentKind::Dynamic, test("segment", TestOp::HasAny, &["gone"])),
            ErrorCode::InvalidInput,
            "no segment",
        ),
        (
            segment("Z", SegmentKind::Dynamic, test("orders.amount", TestOp::Gte, &["很多"])),
            ErrorCode::InvalidInput,
            "number",
        ),
    ] {
        let err = crm.create_segment(&alice(), input).await.unwrap_err();
        assert_eq!(err.code, code, "{}", err.message);
        assert!(err.message.contains(words), "{}", err.message);
    }
    assert_eq!(crm.segments(&alice()).await.unwrap().len(), 2);
    assert_eq!(
        crm.count_condition(&alice(), &test("tier", TestOp::Gt, &["1"])).await.unwrap_err().code,
        ErrorCode::InvalidInput
    );
}

#[tokio::test]
async fn counts_members_and_changes_stay_within_the_users_territories() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let mut north = Vec::new();
    for (name, province) in [("济南甲", "山东"), ("青岛乙", "山东"), ("上海丙", "上海")] {
        let mut c = CustomerInput::named(name);
        c.province = Some(province.into());
        c.lifecycle = Lifecycle::Vip;
        let id = crm.create_customer(&alice(), c).await.unwrap().id;
        if province == "山东" {
            north.push(id);
        }
    }
    let shanghai = crm.segments(&alice()).await.unwrap();
    assert!(shanghai.is_empty());
    let vip = test("lifecycle", TestOp::Is, &["vip"]);
    let all_vip = crm.create_segment(&alice(), segment("全部VIP", SegmentKind::Dynamic, vip.clone())).await.unwrap();
    assert_eq!(crm.segment_count(&alice(), &all_vip.id).await.unwrap(), 3);
    assert_eq!(crm.segment_count(&actor("li"), &all_vip.id).await.unwrap(), 2);
    assert_eq!(crm.segment_count(&actor("east"), &all_vip.id).await.unwrap(), 1);
    assert_eq!(member_names(crm, &actor("li"), &all_vip.id).await, vec!["济南甲", "青岛乙"]);
    assert_eq!(crm.count_condition(&actor("east"), &vip).await.unwrap(), 1);

    // The rep sees the admin's segment but may not change it; his manager may.
    let listed = crm.segments(&actor("li")).await.unwrap();
    assert!(!listed[0].may_edit);
    let err = crm
        .update_segment(&actor("li"), &all_vip.id, segment("改名", SegmentKind::Dynamic, vip.clone()))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(crm.segments(&actor("boss")).await.unwrap()[0].may_edit);

    // His snapshot holds his territory's customers; taken again by the admin, it gains Shanghai.
    let snap = crm.create_segment(&actor("li"), segment("我的VIP", SegmentKind::Snapshot, vip.clone())).await.unwrap();
    assert_eq!(crm.segment_count(&alice(), &snap.id).await.unwrap(), 2);
    crm.resnapshot_segment(&alice(), &snap.id).await.unwrap();
    assert_eq!(crm.segment_count(&alice(), &snap.id).await.unwrap(), 3);
    // Taken again by the rep, the Shanghai member he cannot see stays.
    crm.resnapshot_segment(&actor("li"), &snap.id).await.unwrap();
    assert_eq!(crm.segment_count(&alice(), &snap.id).await.unwrap(), 3);

    // His own fixed segment takes only customers he may see, and he cannot explain others.
    let mine =
        crm.create_segment(&actor("li"), segment("重点客户", SegmentKind::Fixed, Condition::always())).await.unwrap();
    assert!(mine.may_edit);
    let shanghai_id = member_names(crm, &alice(), &all_vip.id).await;
    assert_eq!(shanghai_id.len(), 3);
    let outside = crm
        .list_customers(&alice(), &Default::default())
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.name == "上海丙")
        .unwrap()
        .id;
    let err = crm.add_segment_members(&actor("li"), &mine.id, &[north[0].clone(), outside.clone()]).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(crm.segment_count(&actor("li"), &mine.id).await.unwrap(), 0);
    assert_eq!(crm.explain_segment(&actor("li"), &all_vip.id, &outside).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(crm.add_segment_members(&actor("li"), &mine.id, &north).await.unwrap(), 2);
}

/// A long window's totals are kept once a count asks for them: every later purchase, change and
/// deletion moves them, a new day makes a new window, and a snapshot reads the same answer.
#[tokio::test]
async fn a_long_windows_kept_totals_follow_every_order_and_the_date() {
    let t = open().await;
    let crm = &t.crm;
    let a = crm.create_customer(&alice(), CustomerInput::named("张三")).await.unwrap().id;
    let b = crm.create_customer(&alice(), CustomerInput::named("李四")).await.unwrap().id;
    buy(crm, &a, "2025-06-01", 2_000).await;
    buy(crm, &b, "2026-02-01", 1_000).await;
    let spent = Condition::Test(ConditionTest {
        field: "orders.amount".into(),
        op: TestOp::Gte,
        values: vec!["3000".into()],
        window_days: Some(365),
    });
    let none = Condition::Not { item: Box::new(spent.clone()) };
    assert_eq!(crm.count_condition(&alice(), &spent).await.unwrap(), 0);
    assert_eq!(crm.count_condition(&alice(), &none).await.unwrap(), 2);

    buy(crm, &a, "2026-02-20", 1_000).await;
    assert_eq!(crm.count_condition(&alice(), &spent).await.unwrap(), 1, "a purchase adds to the kept total");
    let orders = crm.customer_orders(&alice(), &a, 10).await.unwrap().items;
    let newest = orders.iter().find(|o| o.ordered_on == "2026-02-20").unwrap();
    let mut refunded = OrderInput {
        customer_id: a.clone(),
        external_id: None,
        ordered_on: newest.ordered_on.clone(),
        status: OrderStatus::Refunded,
        currency: None,
        amount: 0,
        items: vec![OrderLineInput::new("茶叶", 1, 100_000)],
        notes: None,
    };
    crm.update_order(&alice(), &newest.id, refunded.clone()).await.unwrap();
    assert_eq!(crm.count_condition(&alice(), &spent).await.unwrap(), 0, "a refund takes it off");
    refunded.status = OrderStatus::Paid;
    crm.update_order(&alice(), &newest.id, refunded).await.unwrap();
    assert_eq!(crm.count_condition(&alice(), &spent).await.unwrap(), 1);
    crm.delete_order(&alice(), &newest.id).await.unwrap();
    assert_eq!(crm.count_condition(&alice(), &spent).await.unwrap(), 0, "a deletion takes it off");

    buy(crm, &b, "2026-02-25", 2_500).await;
    let snapshot = crm.create_segment(&alice(), segment("大客户", SegmentKind::Snapshot, spent.clone())).await.unwrap();
    assert_eq!(member_names(crm, &alice(), &snapshot.id).await, vec!["李四"]);

    // 120 days on, the 2025-06-01 order has left the window (张三 has 2,000 in it) and 李四's
    // total is still 3,500.
    t.clock.advance(chrono::Duration::days(120));
    buy(crm, &a, "2026-06-20", 2_000).await;
    assert_eq!(crm.count_condition(&alice(), &spent).await.unwrap(), 1);
    assert_eq!(crm.count_condition(&alice(), &none).await.unwrap(), 1);
}
