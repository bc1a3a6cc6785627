//! Duplicates: the scan finds customers typed twice (phones, emails, homophones, companies)
//! and leaves namesakes apart; a merge moves everything to the survivor and an undo puts the
//! database back as it was.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::activity::{ActivityInput, ActivityKind};
use crm_core::commerce::order_model::{OrderInput, OrderLineInput, OrderStatus};
use crm_core::conditions::Condition;
use crm_core::contact::ContactInput;
use crm_core::customer::model::{Customer, CustomerInput, Kind};
use crm_core::dedupe::{DuplicateScan, MergeRequest, ScanOptions};
use crm_core::sales::opportunity_model::OpportunityInput;
use crm_core::segments::{SegmentInput, SegmentKind};
use crm_core::service::ticket_model::{Priority, TicketChannel, TicketInput};
use crm_core::{Actor, Crm};
use org::*;
use std::collections::BTreeMap;

fn call(subject: &str) -> ActivityInput {
    ActivityInput {
        kind: ActivityKind::Call,
        occurred_at: None,
        subject: subject.into(),
        body: None,
        opportunity_id: None,
    }
}

async fn add(crm: &Crm, input: CustomerInput) -> Customer {
    crm.create_customer(&alice(), input).await.unwrap()
}

fn in_city(mut c: CustomerInput, province: &str) -> CustomerInput {
    c.province = Some(province.into());
    c
}

/// The clusters of a scan as sorted lists of names, sorted.
fn clusters(scan: &DuplicateScan) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = scan
        .clusters
        .iter()
        .map(|c| {
            let mut names: Vec<String> = c.members.iter().map(|m| m.name.clone()).collect();
            names.sort();
            names
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn the_scan_finds_customers_typed_twice_and_leaves_namesakes_apart() {
    let t = open().await;
    let crm = &t.crm;
    add(crm, person("张三", "138 0013 8000", "")).await;
    add(crm, person("章三", "+86 13800138000", "")).await;
    add(crm, company("北京云帆科技有限公司")).await;
    add(crm, company("北京云帆科技")).await;
    add(crm, person("李四", "", "li.si@example.com")).await;
    add(crm, person("LI SI", "", "Li.Si@Example.COM")).await;
    // Namesakes with their own numbers and mail: two people.
    add(crm, person("张伟", "13900000001", "wei1@example.com")).await;
    add(crm, person("张伟", "13900000002", "wei2@example.com")).await;
    add(crm, person("王五", "", "")).await;

    let scan = crm.scan_duplicates(&alice(), ScanOptions::default()).await.unwrap();
    assert_eq!(scan.scanned, 9);
    assert_eq!(
        clusters(&scan),
        [vec!["LI SI", "李四"], vec!["北京云帆科技", "北京云帆科技有限公司"], vec!["张三", "章三"]],
    );
    assert_eq!(scan.found, 3);
    let zhang = scan.clusters.iter().find(|c| c.members[0].name == "张三").unwrap();
    assert_eq!(zhang.score, 80, "same number + same sound");
    let evidence: Vec<_> = zhang.reasons.iter().map(|r| (r.evidence, r.value.as_str())).collect();
    assert_eq!(
        evidence,
        [
            (crm_core::dedupe::scan::Evidence::Phone, "13800138000"),
            (crm_core::dedupe::scan::Evidence::SoundsAlike, "zhangsan")
        ]
    );
    assert!(scan.clusters.windows(2).all(|w| w[0].score >= w[1].score), "strongest first");

    // A lower bar shows the namesakes, the limit cuts the list but not the count.
    let low = crm.scan_duplicates(&alice(), ScanOptions { min_score: 10, limit: 1 }).await.unwrap();
    assert_eq!((low.found, low.clusters.len()), (4, 1));

    // "Not the same customer" sticks.
    let li: Vec<String> = scan
        .clusters
        .iter()
        .find(|c| c.members[0].name == "李四")
        .unwrap()
        .members
        .iter()
        .map(|m| m.id.clone())
        .collect();
    crm.dismiss_duplicates(&alice(), &li).await.unwrap();
    let after = crm.scan_duplicates(&alice(), ScanOptions::default()).await.unwrap();
    assert_eq!(clusters(&after), [vec!["北京云帆科技", "北京云帆科技有限公司"], vec!["张三", "章三"]]);
    let one = crm.dismiss_duplicates(&alice(), &li[..1]).await.unwrap_err();
    assert_eq!(one.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_rep_scans_and_merges_only_within_his_territory() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let north_a = add(crm, in_city(person("赵六", "13711112222", ""), "山东")).await;
    let north_b = add(crm, in_city(person("赵六", "137-1111-2222", ""), "北京")).await;
    let east = add(crm, in_city(person("赵六", "13711112222", ""), "上海")).await;
    let li = actor("li");
    let scan = crm.scan_duplicates(&li, ScanOptions::default()).await.unwrap();
    assert_eq!(scan.scanned, 2);
    let ids: Vec<&str> = scan.clusters[0].members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, [north_a.id.as_str(), north_b.id.as_str()]);
    assert_eq!(crm.scan_duplicates(&alice(), ScanOptions::default()).await.unwrap().clusters[0].members.len(), 3);

    let across =
        MergeRequest { survivor_id: north_a.id.clone(), merged_ids: vec![east.id.clone()], picks: BTreeMap::new() };
    let refused = crm.merge_customers(&li, across).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    // Taking the other's location would move the survivor to another territory: not a rep's call.
    let mut picks = BTreeMap::new();
    picks.insert("location".to_string(), north_b.id.clone());
    let fine = MergeRequest { survivor_id: north_a.id.clone(), merged_ids: vec![north_b.id.clone()], picks };
    crm.merge_customers(&li, fine).await.unwrap();
    assert_eq!(crm.get_customer(&li, &north_a.id).await.unwrap().province.as_deref(), Some("北京"));
    assert_eq!(crm.get_customer(&li, &north_a.id).await.unwrap().phones, ["13711112222"], "one number typed two ways");
}

struct Family {
    survivor: Customer,
    other: Customer,
}

/// Two records of one company, each with a contact, an activity, a deal, a ticket, an order and
/// a fixed segment membership, tags and an external id.
async fn family(crm: &Crm) -> Family {
    let a = alice();
    let tag = |name: &str| crm_core::classification::tags::TagInput { name: name.into(), color: "red".into() };
    let tags = [crm.create_tag(&a, tag("重点")).await.unwrap().id, crm.create_tag(&a, tag("展会")).await.unwrap().id];
    let mut first = company("云帆科技有限公司");
    first.phones = vec!["010-65528888".into()];
    first.emails = vec!["info@yunfan.cn".into()];
    first.tag_ids = vec![tags[0].clone()];
    first.external_id = Some("ERP-1".into());
    let mut second = company("云帆科技");
    second.phones = vec!["01065528888".into(), "13800001111".into()];
    second.website = Some("yunfan.cn".into());
    second.notes = Some("展会上认识".into());
    second.tag_ids = tags.to_vec();
    second.external_id = Some("ERP-2".into());
    let survivor = add(crm, first).await;
    let other = add(crm, second).await;
    let segment = crm
        .create_segment(
            &a,
            SegmentInput {
                name: "重点客户".into(),
                kind: SegmentKind::Fixed,
                description: None,
                condition: Condition::always(),
            },
        )
        .await
        .unwrap();
    for c in [&survivor, &other] {
        let contact =
            ContactInput { name: format!("{}的联系人", c.name), title: None, phones: vec![], emails: vec![] };
        crm.create_contact(&a, &c.id, contact).await.unwrap();
        crm.add_activity(&a, &c.id, call("回访")).await.unwrap();
        crm.create_opportunity(&a, OpportunityInput::new(format!("{}的商机", c.name), &c.id)).await.unwrap();
        let ticket = TicketInput {
            customer_id: c.id.clone(),
            contact_id: None,
            channel: TicketChannel::Phone,
            category: None,
            priority: Priority::Normal,
            subject: "发票".into(),
            description: None,
            assignee: None,
        };
        crm.create_ticket(&a, ticket).await.unwrap();
        let order = OrderInput {
            customer_id: c.id.clone(),
            external_id: None,
            ordered_on: "2026-02-01".into(),
            status: OrderStatus::Paid,
            currency: None,
            amount: 0,
            items: vec![OrderLineInput::new("服务费", 1, 10_000)],
            notes: None,
        };
        crm.create_order(&a, order).await.unwrap();
    }
    crm.add_segment_members(&a, &segment.id, std::slice::from_ref(&other.id)).await.unwrap();
    Family { survivor, other }
}

/// What an undo must give back: every table, without the history and version stamps.
async fn state(t: &TestDb) -> Vec<String> {
    dump(t, &["change_log", "customer_merges"], &["version", "updated_at", "updated_by"]).await
}

#[tokio::test]
async fn a_merge_moves_everything_to_the_survivor_and_its_undo_restores_exactly() {
    let t = open().await;
    let crm = &t.crm;
    t.crm.generate_demo_data(&alice(), 20, 3).await.unwrap();
    let Family { survivor, other } = family(crm).await;
    let person = ContactInput { name: "钱多多".into(), title: None, phones: vec![], emails: vec![] };
    crm.create_contact(&alice(), &other.id, person).await.unwrap();
    let before = state(&t).await;

    let mut picks = BTreeMap::new();
    picks.insert("name".to_string(), other.id.clone());
    picks.insert("externalId".to_string(), other.id.clone());
    let request = MergeRequest { survivor_id: survivor.id.clone(), merged_ids: vec![other.id.clone()], picks };
    let entry = crm.merge_customers(&alice(), request).await.unwrap();
    assert_eq!((entry.survivor_name.as_str(), entry.merged.len(), entry.moved_records), ("云帆科技", 1, 6));
    let by_contact = crm.search(&alice(), "钱多多", 5).await.unwrap();
    assert_eq!(
        by_contact.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        [survivor.id.as_str()],
        "found by a contact it took over"
    );

    let merged = crm.get_customer(&alice(), &survivor.id).await.unwrap();
    assert_eq!(merged.name, "云帆科技", "the picked name");
    assert_eq!(merged.external_id.as_deref(), Some("ERP-2"), "the picked external id, given up by the other");
    assert_eq!(merged.phones, ["010-65528888", "13800001111"], "every number, each once");
    assert_eq!(merged.emails, ["info@yunfan.cn"]);
    assert_eq!(merged.website.as_deref(), Some("yunfan.cn"), "an empty field takes the other's value");
    assert_eq!(merged.tag_ids.len(), 2);
    let contacts = crm.list_contacts(&alice(), &survivor.id).await.unwrap();
    assert_eq!(contacts.len(), 3);
    let gone = crm.get_customer(&alice(), &other.id).await.unwrap();
    assert!(gone.deleted_at.is_some() && gone.external_id.is_none());
    let found = crm.search(&alice(), "云帆", 10).await.unwrap();
    assert_eq!(found.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [survivor.id.as_str()]);
    let restore = crm.restore_customer(&alice(), &other.id).await.unwrap_err();
    assert!(restore.message.contains("undo that merge"), "{}", restore.message);
    let history = crm.merge_history(&alice(), 10).await.unwrap();
    assert_eq!(history[0].id, entry.id);

    let undone = crm.undo_merge(&alice(), &entry.id).await.unwrap();
    assert!(undone.undone_at.is_some());
    let after = state(&t).await;
    let added: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
    let lost: Vec<&String> = before.iter().filter(|r| !after.contains(r)).collect();
    assert!(added.is_empty() && lost.is_empty(), "left behind: {added:#?}\nlost: {lost:#?}");
    assert_eq!(crm.search(&alice(), "云帆", 10).await.unwrap().len(), 2);
    let by_contact = crm.search(&alice(), "钱多多", 5).await.unwrap();
    assert_eq!(
        by_contact.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        [other.id.as_str()],
        "and by its own again"
    );
    let again = crm.undo_merge(&alice(), &entry.id).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
}

#[tokio::test]
async fn merges_that_would_lose_or_break_something_are_refused_whole() {
    let t = open().await;
    let crm = &t.crm;
    let Family { survivor, other } = family(crm).await;
    let before = state(&t).await;
    let merge = |picks: &[(&str, &str)]| MergeRequest {
        survivor_id: survivor.id.clone(),
        merged_ids: vec![other.id.clone()],
        picks: picks.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    };
    let person = crm.create_customer(&alice(), CustomerInput::named("路人")).await.unwrap();
    let cases: Vec<(MergeRequest, ErrorCode, &str)> = vec![
        (MergeRequest { merged_ids: vec![], ..merge(&[]) }, ErrorCode::InvalidInput, "at least one"),
        (MergeRequest { merged_ids: vec![survivor.id.clone()], ..merge(&[]) }, ErrorCode::InvalidInput, "twice"),
        (merge(&[("name", &person.id)]), ErrorCode::InvalidInput, "not in this merge"),
        (merge(&[("shoeSize", &other.id)]), ErrorCode::InvalidInput, "not a field a merge chooses"),
    ];
    for (request, code, text) in cases {
        let err = crm.merge_customers(&alice(), request).await.unwrap_err();
        assert_eq!(err.code, code, "{}", err.message);
        assert!(err.message.contains(text), "{}", err.message);
    }
    // An individual cannot hold the contacts both bring.
    let mut to_person = CustomerInput::named("路人甲");
    to_person.kind = Kind::Individual;
    let single = crm.create_customer(&alice(), to_person).await.unwrap();
    let err = crm
        .merge_customers(
            &alice(),
            MergeRequest { survivor_id: single.id.clone(), merged_ids: vec![other.id.clone()], picks: BTreeMap::new() },
        )
        .await
        .unwrap_err();
    assert!(err.message.contains("cannot be an individual"), "{}", err.message);
    crm.delete_customer(&alice(), &person.id).await.unwrap();
    crm.delete_customer(&alice(), &single.id).await.unwrap();
    let mut now = state(&t).await;
    now.retain(|r| !r.contains("路人"));
    assert_eq!(now, before, "nothing of a refused merge was kept");

    // An edit after the merge would be lost by an undo: refused. Someone else may not undo.
    let entry = crm.merge_customers(&alice(), merge(&[])).await.unwrap();
    let mut again = crm.get_customer(&alice(), &survivor.id).await.unwrap();
    let other_admin = Actor::named("bob");
    sales_org(crm).await;
    let refused = crm.undo_merge(&actor("li"), &entry.id).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    let mut input = CustomerInput::named(&again.name);
    input.kind = again.kind;
    input.phones = std::mem::take(&mut again.phones);
    input.notes = Some("合并后补充".into());
    crm.update_customer(&other_admin, &survivor.id, again.version, input).await.unwrap();
    let late = crm.undo_merge(&alice(), &entry.id).await.unwrap_err();
    assert_eq!(late.code, ErrorCode::Conflict);
    assert!(late.message.contains("after the merge"), "{}", late.message);
}

/// The survivor's last activity as stored (segments test it).
async fn last_active(t: &TestDb, id: &str) -> Option<String> {
    let mut conn = read_only(t).await;
    sqlx::query_scalar("SELECT last_active_at FROM customers WHERE id = ?1")
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_undo_keeps_later_activity_and_an_import_whose_customers_were_merged_is_not_reverted() {
    let t = open().await;
    let crm = &t.crm;
    let file = "name,phone\n张三,13800138000\n章三,+86 13800138000\n";
    let report = crm
        .import_customers(&alice(), std::io::Cursor::new(file.as_bytes().to_vec()), Default::default())
        .await
        .unwrap();
    let scan = crm.scan_duplicates(&alice(), ScanOptions::default()).await.unwrap();
    let ids: Vec<String> = scan.clusters[0].members.iter().map(|m| m.id.clone()).collect();
    let request =
        MergeRequest { survivor_id: ids[0].clone(), merged_ids: vec![ids[1].clone()], picks: BTreeMap::new() };
    let entry = crm.merge_customers(&alice(), request).await.unwrap();

    let refused = crm.revert_import(&alice(), report.batch.as_deref().unwrap()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains("merge"), "{}", refused.message);

    t.clock.set(chrono::DateTime::parse_from_rfc3339("2026-03-05T10:00:00Z").unwrap().into());
    crm.add_activity(&alice(), &ids[0], call("回访")).await.unwrap();
    crm.undo_merge(&alice(), &entry.id).await.unwrap();
    assert_eq!(
        last_active(&t, &ids[0]).await.as_deref(),
        Some("2026-03-05T10:00:00.000Z"),
        "the call after the merge counts"
    );
    let again = crm.revert_import(&alice(), report.batch.as_deref().unwrap()).await.unwrap_err();
    assert!(again.message.contains("merge"), "an undone merge still names them: {}", again.message);
}
