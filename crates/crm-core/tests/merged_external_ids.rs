//! External ids given up in a merge of duplicates keep naming the survivor: the next import of
//! customers, orders or contacts from the system they came from finds it instead of adding the
//! duplicate again, and undoing the merge gives each id back to its own customer.

mod common;
use common::*;
use crm_core::ErrorCode;
use crm_core::csv_io::import::{ImportMode, ImportOptions};
use crm_core::customer::model::Customer;
use crm_core::dedupe::MergeRequest;
use crm_core::{Actor, Crm};
use std::collections::BTreeMap;
use std::io::Cursor;

async fn with_external_id(crm: &Crm, name: &str, ext: &str) -> Customer {
    let mut input = company(name);
    input.external_id = Some(ext.into());
    crm.create_customer(&alice(), input).await.unwrap()
}

async fn merge(crm: &Crm, survivor: &Customer, other: &Customer) -> String {
    let request =
        MergeRequest { survivor_id: survivor.id.clone(), merged_ids: vec![other.id.clone()], picks: BTreeMap::new() };
    crm.merge_customers(&alice(), request).await.unwrap().id
}

async fn named_by(crm: &Crm, ext: &str) -> Option<String> {
    crm.find_by_external_id(&alice(), ext).await.unwrap().map(|c| c.name)
}

fn file(text: &str) -> Cursor<Vec<u8>> {
    Cursor::new(text.as_bytes().to_vec())
}

async fn import(crm: &Crm, actor: &Actor, text: &str, mode: ImportMode) -> crm_core::csv_io::import::ImportReport {
    let options = ImportOptions { mode, ..Default::default() };
    crm.import_customers(actor, file(text), options).await.unwrap()
}

#[tokio::test]
async fn imports_after_a_merge_find_the_survivor_by_the_merged_external_id() {
    let t = open().await;
    let crm = &t.crm;
    let yunfan = with_external_id(crm, "云帆科技", "ERP-1").await;
    let copy = with_external_id(crm, "云帆科技有限公司", "ERP-2").await;
    merge(crm, &yunfan, &copy).await;
    assert_eq!(named_by(crm, "ERP-2").await.as_deref(), Some("云帆科技"));

    // Adding it again is refused, by hand and by a create import.
    let mut again = company("云帆科技有限公司");
    again.external_id = Some("ERP-2".into());
    let refused = crm.create_customer(&alice(), again).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains("merged into '云帆科技'"), "{}", refused.message);
    let created = import(crm, &alice(), "external_id,name\nERP-2,云帆科技有限公司\n", ImportMode::Create).await;
    assert_eq!(created.imported, 0);
    assert!(created.rejected[0].reason.contains("merged into '云帆科技'"), "{:?}", created.rejected);

    // Nor does the survivor take the merged id as its own: it belongs to the merge, whose undo
    // gives it back.
    let current = crm.get_customer(&alice(), &yunfan.id).await.unwrap();
    let mut renamed = current.to_input();
    renamed.external_id = Some("ERP-2".into());
    let taken = crm.update_customer(&alice(), &yunfan.id, current.version, renamed).await.unwrap_err();
    assert!(taken.message.contains("merged into '云帆科技'"), "{}", taken.message);

    // An upsert by external id updates the survivor, which keeps its own id.
    let upsert = "external_id,name,industry\nERP-2,云帆科技有限公司,制造业\nERP-9,星河贸易,零售\n";
    let report = import(crm, &alice(), upsert, ImportMode::Upsert).await;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.imported, report.updated), (1, 1));
    let survivor = crm.get_customer(&alice(), &yunfan.id).await.unwrap();
    assert_eq!(survivor.industry.as_deref(), Some("manufacturing"), "the industry read from its Chinese name");
    assert_eq!(survivor.name, "云帆科技有限公司", "the row's name, as any update");
    assert_eq!(survivor.external_id.as_deref(), Some("ERP-1"), "not renamed to the merged id");
    let both = "external_id,industry\nERP-1,物流\nERP-2,物流\n";
    let twice = import(crm, &alice(), both, ImportMode::Update).await;
    assert_eq!(twice.updated, 0, "all or nothing");
    assert!(twice.rejected[0].reason.contains("same customer as line 2"), "{:?}", twice.rejected);

    // Orders and contacts of the merged id land on the survivor.
    let orders = "order_id,customer_external_id,date,product,quantity,unit_price\nSO-1,ERP-2,2026-02-01,茶叶,2,50\n";
    let report = crm.import_orders(&alice(), file(orders), Default::default()).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(crm.customer_orders(&alice(), &yunfan.id, 10).await.unwrap().total_orders, 1);
    let contacts = "customer_external_id,name\nERP-2,王经理\n";
    let report = crm.import_contacts(&alice(), file(contacts), ImportOptions::default()).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let names: Vec<String> =
        crm.list_contacts(&alice(), &yunfan.id).await.unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["王经理"]);
}

#[tokio::test]
async fn merged_ids_follow_a_second_merge_and_each_undo_gives_them_back() {
    let t = open().await;
    let crm = &t.crm;
    let a = with_external_id(crm, "甲公司", "ERP-A").await;
    let b = with_external_id(crm, "乙公司", "ERP-B").await;
    let c = with_external_id(crm, "丙公司", "ERP-C").await;
    let before = dump(&t, &["change_log", "customer_merges"], &["version", "updated_at", "updated_by"]).await;

    let first = merge(crm, &a, &b).await;
    let second = merge(crm, &c, &a).await;
    for ext in ["ERP-A", "ERP-B", "ERP-C"] {
        assert_eq!(named_by(crm, ext).await.as_deref(), Some("丙公司"), "{ext} after both merges");
    }

    crm.undo_merge(&alice(), &second).await.unwrap();
    assert_eq!(named_by(crm, "ERP-A").await.as_deref(), Some("甲公司"));
    assert_eq!(named_by(crm, "ERP-B").await.as_deref(), Some("甲公司"), "back with the first survivor");
    assert_eq!(named_by(crm, "ERP-C").await.as_deref(), Some("丙公司"));

    crm.undo_merge(&alice(), &first).await.unwrap();
    assert_eq!(named_by(crm, "ERP-B").await.as_deref(), Some("乙公司"), "its own again");
    let after = dump(&t, &["change_log", "customer_merges"], &["version", "updated_at", "updated_by"]).await;
    let added: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
    let lost: Vec<&String> = before.iter().filter(|r| !after.contains(r)).collect();
    assert!(added.is_empty() && lost.is_empty(), "left behind: {added:#?}\nlost: {lost:#?}");
}
