//! Imports that update stored customers (modes update and upsert, matched by external id, email
//! or phone): what a row changes and keeps, the rows refused and why, and a revert that gives the
//! updated customers back as they were.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::classification::tags::TagInput;
use crm_core::csv_io::import::{ImportMode, ImportOptions, ImportReport, MatchKey};
use crm_core::customer::model::{Customer, CustomerInput};
use crm_core::{Crm, ErrorCode};
use org::*;

async fn import(crm: &Crm, file: &str, options: ImportOptions) -> ImportReport {
    crm.import_customers(&alice(), std::io::Cursor::new(file.as_bytes().to_vec()), options).await.unwrap()
}

fn mode(mode: ImportMode, key: MatchKey) -> ImportOptions {
    ImportOptions { mode, key, ..Default::default() }
}

async fn reload(crm: &Crm, c: &Customer) -> Customer {
    crm.get_customer(&alice(), &c.id).await.unwrap()
}

/// Everything a revert must give back, without history, import records and version stamps.
async fn state(t: &TestDb) -> Vec<String> {
    dump(t, &["change_log", "import_"], &["version", "updated_at", "updated_by"]).await
}

#[tokio::test]
async fn an_upsert_changes_what_the_file_says_keeps_the_rest_and_its_revert_gives_it_back() {
    let t = open().await;
    let crm = &t.crm;
    let tag = crm.create_tag(&alice(), TagInput { name: "重点".into(), color: "red".into() }).await.unwrap();
    let mut zhang = person("张三", "13800138000", "zs@example.com");
    zhang.province = Some("北京".into());
    zhang.city = Some("北京".into());
    zhang.tier = Some("gold".into());
    zhang.notes = Some("老客户".into());
    zhang.tag_ids = vec![tag.id.clone()];
    let zhang = crm.create_customer(&alice(), zhang).await.unwrap();
    let li = crm.create_customer(&alice(), person("李四", "", "li@example.com")).await.unwrap();
    let before = state(&t).await;

    let file = "姓名,邮箱,手机,城市,备注,标签\n\
                ,ZS@Example.com,139 0000 0000,上海,,展会\n\
                王五,wang@example.com,,,新客户,\n\
                ,nobody@example.com,,,,\n";
    let options = ImportOptions {
        skip_invalid: true,
        file_name: Some("更新.csv".into()),
        ..mode(ImportMode::Upsert, MatchKey::Email)
    };
    let report = import(crm, file, options).await;
    assert_eq!((report.imported, report.updated), (1, 1));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(
        (report.rejected[0].line, report.rejected[0].reason.as_str()),
        (4, "no stored customer matches, and a new one needs a name")
    );

    let z = reload(crm, &zhang).await;
    assert_eq!(z.name, "张三", "an empty name cell keeps the name");
    assert_eq!(z.phones, ["13800138000", "139 0000 0000"], "a new number is added");
    assert_eq!(z.emails, ["zs@example.com"], "the same address in capitals is not added again");
    assert_eq!((z.province.as_deref(), z.city.as_deref()), (None, Some("上海")), "the location is replaced whole");
    assert_eq!(
        (z.tier.as_deref(), z.notes.as_deref()),
        (Some("gold"), Some("老客户")),
        "what the file leaves empty is kept"
    );
    assert_eq!(z.tag_ids.len(), 2, "the file's tag is added to the stored one");
    assert_eq!(reload(crm, &li).await.version, li.version, "a customer no row matches is untouched");
    let history = crm.import_history(&alice(), 5).await.unwrap();
    assert_eq!((history[0].created, history[0].updated, history[0].mode.as_str()), (1, 1, "upsert"));
    let logged = crm.customer_history(&alice(), &zhang.id, None, 5).await.unwrap();
    assert!(logged[0].changes.iter().any(|c| c.field == "city"), "the update is in the customer's history");

    crm.revert_import(&alice(), &history[0].id).await.unwrap();
    let after = state(&t).await;
    let added: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
    let lost: Vec<&String> = before.iter().filter(|r| !after.contains(r)).collect();
    assert!(added.is_empty() && lost.is_empty(), "left behind: {added:#?}\nlost: {lost:#?}");
    assert_eq!(reload(crm, &zhang).await.city.as_deref(), Some("北京"));
}

#[tokio::test]
async fn rows_matching_none_several_or_a_trashed_customer_are_refused_and_nothing_is_kept() {
    let t = open().await;
    let crm = &t.crm;
    let mut erp = CustomerInput::named("甲公司");
    erp.external_id = Some("ERP-1".into());
    let erp = crm.create_customer(&alice(), erp).await.unwrap();
    let mut gone = CustomerInput::named("乙公司");
    gone.external_id = Some("ERP-3".into());
    let gone = crm.create_customer(&alice(), gone).await.unwrap();
    crm.delete_customer(&alice(), &gone.id).await.unwrap();
    crm.create_customer(&alice(), person("丙", "13700000000", "")).await.unwrap();
    crm.create_customer(&alice(), person("丙丙", "137-0000-0000", "")).await.unwrap();
    let before = state(&t).await;

    let by_ext = "external_id,tier\nERP-1,gold\nERP-9,gold\nERP-3,gold\n";
    let report = import(crm, by_ext, mode(ImportMode::Update, MatchKey::ExternalId)).await;
    let reasons: Vec<(u64, &str)> = report.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            (3, "no customer has the external_id ERP-9"),
            (4, "the customer with external_id 'ERP-3' is in the trash; restore it first"),
        ]
    );
    assert_eq!((report.updated, report.batch), (0, None), "all or nothing: nothing applied");
    assert_eq!(state(&t).await, before);

    let by_phone = "phone,notes\n+86 13700000000,x\n13900000001,y\n13900000001,z\n";
    let report = import(crm, by_phone, mode(ImportMode::Upsert, MatchKey::Phone)).await;
    let reasons: Vec<&str> = report.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "its phone matches 2 customers; merge those duplicates first or match by another key",
            "no stored customer matches, and a new one needs a name",
            "13900000001 already appears on line 3",
        ]
    );
    assert_eq!(state(&t).await, before);

    // A dry run counts the update and changes nothing; then the update applies.
    let one = "external_id,tier\nERP-1,gold\n";
    let dry = import(crm, one, ImportOptions { dry_run: true, ..mode(ImportMode::Update, MatchKey::ExternalId) }).await;
    assert_eq!((dry.updated, dry.batch), (1, None));
    assert_eq!(state(&t).await, before);
    let applied = import(crm, one, mode(ImportMode::Update, MatchKey::ExternalId)).await;
    assert_eq!(applied.updated, 1);
    let again = import(crm, one, mode(ImportMode::Update, MatchKey::ExternalId)).await;
    assert_eq!(again.updated, 0, "a row that changes nothing is no update");

    // Edited after the import: the revert would lose that edit, so it is refused.
    let now = reload(crm, &erp).await;
    let mut input = CustomerInput::named(&now.name);
    input.external_id = now.external_id.clone();
    input.tier = now.tier.clone();
    input.notes = Some("手工修改".into());
    crm.update_customer(&alice(), &erp.id, now.version, input).await.unwrap();
    let refused = crm.revert_import(&alice(), applied.batch.as_deref().unwrap()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains("after this import"), "{}", refused.message);
    assert_eq!(reload(crm, &erp).await.notes.as_deref(), Some("手工修改"));
}

#[tokio::test]
async fn a_rep_updates_only_customers_of_his_territory_and_learns_nothing_of_others() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let mut east = person("东区客户", "13700000000", "");
    east.province = Some("上海".into());
    crm.create_customer(&alice(), east).await.unwrap();
    let file = "phone,notes\n13700000000,改一下\n";
    let options = mode(ImportMode::Update, MatchKey::Phone);
    let report =
        crm.import_customers(&actor("li"), std::io::Cursor::new(file.as_bytes().to_vec()), options).await.unwrap();
    assert_eq!(report.rejected[0].reason, "no customer has the phone 13700000000", "as if it did not exist");
}
