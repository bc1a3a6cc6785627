//! CSV import (all rows or none, every rejected line named) and export (round-trips).

mod common;
use common::*;
use crm_core::Crm;
use crm_core::classification::fields::{FieldInput, FieldOption, FieldType};
use crm_core::csv_io::import::{ImportOptions, RejectedRow};
use crm_core::customer::list::{ListRequest, SortSpec};

const GOOD: &str = "\u{feff}external_id,name,kind,lifecycle,tier,phone,email,company,country,province,city,address,industry,size,source,owner,tags
C-1,张三丰,个人,VIP,金卡,138-0013-8000;010-1234 5678,zsf@wudang.cn,,中国,湖北,十堰,紫霄宫,education,,referral,王磊,武当;VIP客户
C-2,Acme Trading Ltd.,enterprise,existing,gold,+1 415 555 0100,sales@acme.com,Acme Trading Ltd.,United States,California,San Francisco,\"1 Market St, Suite 2\",retail,large,website,Alice,VIP客户
C-3,李四,individual,potential,,,,,,,,,,,,,
";

async fn import(crm: &Crm, csv: &str, skip_invalid: bool) -> crm_core::csv_io::import::ImportReport {
    crm.import_customers(
        &alice(),
        std::io::Cursor::new(csv.as_bytes().to_vec()),
        ImportOptions { skip_invalid, ..Default::default() },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn a_valid_file_is_imported_whole() {
    let t = open().await;
    let report = import(&t.crm, GOOD, false).await;
    assert_eq!((report.imported, report.rejected.len()), (3, 0));
    let zsf = t.crm.find_by_external_id(&alice(), "C-1").await.unwrap().unwrap();
    assert_eq!(zsf.phones, vec!["138-0013-8000", "010-1234 5678"]);
    assert_eq!(zsf.tier.as_deref(), Some("gold"));
    assert_eq!(zsf.lifecycle, crm_core::customer::model::Lifecycle::Vip);
    assert_eq!(zsf.tag_ids.len(), 2);
    let tags: Vec<String> = t.crm.list_tags().await.unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(tags, vec!["VIP客户", "武当"], "tags named in the file are created once");
    let acme = t.crm.find_by_external_id(&alice(), "C-2").await.unwrap().unwrap();
    assert_eq!(acme.address.as_deref(), Some("1 Market St, Suite 2"));
    assert_eq!(acme.size, Some(crm_core::customer::model::Size::Large));
    assert_eq!(t.crm.search(&alice(), "zsf", 1).await.unwrap()[0].name, "张三丰", "imported rows are searchable");
    assert_eq!(t.crm.search(&alice(), "0100", 1).await.unwrap()[0].name, "Acme Trading Ltd.");
}

const MIXED: &str = "name,email,tier,kind,budget
张三,zhang@example.com,gold,individual,100
,nobody@example.com,,,
李四,not-an-email,platinum,alien,lots
王五,wangwu@example.com,,,3.5
\"unterminated,x,,,
";

#[tokio::test]
async fn one_bad_line_imports_nothing_and_every_bad_line_is_named() {
    let t = open().await;
    t.crm
        .create_field(
            &alice(),
            FieldInput {
                key: "budget".into(),
                label_zh: "预算".into(),
                label_en: "Budget".into(),
                field_type: FieldType::Number,
                options: vec![],
            },
        )
        .await
        .unwrap();
    let before = counts(&t.crm).await;
    let report = import(&t.crm, MIXED, false).await;
    assert_eq!(report.imported, 0);
    let lines: Vec<u64> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 4, 6], "{:?}", report.rejected);
    assert!(report.rejected[0].reason.contains("name is required"));
    let r4 = &report.rejected[1].reason;
    for needle in ["email 'not-an-email'", "tier 'platinum'", "kind 'alien'", "budget expects a number"] {
        assert!(r4.contains(needle), "«{needle}» not in «{r4}»");
    }
    assert_eq!(counts(&t.crm).await, before, "nothing was written");
    assert!(t.crm.search(&alice(), "张三", 5).await.unwrap().is_empty());

    let report = import(&t.crm, MIXED, true).await;
    assert_eq!(report.imported, 2);
    assert_eq!(report.rejected.len(), 3);
    assert_eq!(counts(&t.crm).await.0, 2);
    let wangwu = t.crm.search(&alice(), "王五", 1).await.unwrap();
    let c = t.crm.get_customer(&alice(), &wangwu[0].id).await.unwrap();
    assert_eq!(c.custom["budget"], crm_core::customer::model::CustomValue::Number(3.5));
}

#[tokio::test]
async fn broken_files_get_a_clear_message() {
    let t = open().await;
    let err = |csv: &'static [u8]| {
        let crm = &t.crm;
        async move { crm.import_customers(&alice(), csv, ImportOptions::default()).await.unwrap_err() }
    };
    assert!(err(b"").await.message.contains("empty"));
    assert!(err(b"name,shoe_size\nx,42\n").await.message.contains("column 'shoe_size' matches no field"));
    assert!(err(b"email,phone\nx@y.cn,123\n").await.message.contains("no column fills 'name'"));
    assert!(err(b"name,name\nx,y\n").await.message.contains("both fill 'name'"));
    // Not UTF-8, so read as GBK/GB18030, which it is not either: named, nothing imported.
    assert!(err(b"n\xffame\nx\n").await.message.contains("is not GBK/GB18030 text"));

    // A file whose start is UTF-8 but a later line is not: that line is named, nothing imported.
    let mut mixed = b"name,city\n".to_vec();
    for i in 0..5000 {
        mixed.extend(format!("客户{i},北京\n").into_bytes());
    }
    mixed.extend(b"\xd5\xc5\xc8\xfd,\xb1\xb1\xbe\xa9\n");
    let report = t.crm.import_customers(&alice(), std::io::Cursor::new(mixed), ImportOptions::default()).await.unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.rejected, vec![RejectedRow::new(5002, "is not UTF-8 text; choose the file's encoding")]);
    let wrong_width = import(&t.crm, "name,city\na,b,c\n", false).await;
    assert!(wrong_width.rejected[0].reason.contains("3 fields but the header has 2"));
    let huge = format!("name,notes\n{},x\n", "名".repeat(300));
    assert!(import(&t.crm, &huge, false).await.rejected[0].reason.contains("name is too long"));
    assert_eq!(counts(&t.crm).await.0, 0);
}

#[tokio::test]
async fn external_ids_collide_within_the_file_and_with_the_database() {
    let t = open().await;
    import(&t.crm, "external_id,name\nE1,a\n", false).await;
    let report = import(&t.crm, "external_id,name\nE2,b\nE2,c\nE1,d\n", false).await;
    assert_eq!(report.imported, 0);
    assert_eq!(
        (report.rejected[0].line, report.rejected[0].reason.as_str()),
        (3, "external_id 'E2' already appears on line 2")
    );
    assert_eq!(report.rejected[0].cells, ["E2", "c"], "the row as the file has it");
    assert_eq!(
        (report.rejected[1].line, report.rejected[1].reason.as_str()),
        (4, "external_id 'E1' is already used by customer 'a'")
    );
    assert_eq!(report.rejected[1].cells, ["E1", "d"]);
}

fn hobbies() -> FieldInput {
    let opt = |k: &str, zh: &str, en: &str| FieldOption { key: k.into(), label_zh: zh.into(), label_en: en.into() };
    FieldInput {
        key: "hobbies".into(),
        label_zh: "爱好".into(),
        label_en: "Hobbies".into(),
        field_type: FieldType::MultiSelect,
        options: vec![opt("golf", "高尔夫", "Golf"), opt("tea", "茶", "Tea")],
    }
}

#[tokio::test]
async fn export_then_import_into_a_new_database_gives_the_same_customers() {
    let t = open().await;
    t.crm.create_field(&alice(), hobbies()).await.unwrap();
    assert_eq!(import(&t.crm, GOOD, false).await.imported, 3);
    let csv = "external_id,name,tags,hobbies,notes\nH-1,张三丰,武当;新标签,高尔夫;tea,\"line one\nline two, with comma\"\nH-2,Bob,,,\n";
    assert_eq!(import(&t.crm, csv, false).await.imported, 2);
    t.crm.generate_demo_data(&alice(), 200, 3).await.unwrap();

    let mut first = Vec::new();
    assert_eq!(t.crm.export_customers_csv(&alice(), &Default::default(), &mut first).await.unwrap(), 205);

    let other = open().await;
    other.crm.create_field(&alice(), hobbies()).await.unwrap();
    let report = other
        .crm
        .import_customers(&alice(), std::io::Cursor::new(first.clone()), ImportOptions::default())
        .await
        .unwrap();
    assert_eq!((report.imported, report.rejected.len()), (205, 0), "{:?}", report.rejected.first());
    let mut second = Vec::new();
    other.crm.export_customers_csv(&alice(), &Default::default(), &mut second).await.unwrap();
    assert_eq!(String::from_utf8(first).unwrap(), String::from_utf8(second).unwrap());

    let h1 = other.crm.find_by_external_id(&alice(), "H-1").await.unwrap().unwrap();
    assert_eq!(
        h1.custom["hobbies"],
        crm_core::customer::model::CustomValue::Options(vec!["golf".into(), "tea".into()])
    );
    assert_eq!(h1.notes.as_deref(), Some("line one\nline two, with comma"));
    let page = other
        .crm
        .list_customers(
            &alice(),
            &ListRequest { sort: SortSpec { key: "name".into(), desc: false }, ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 100);
}
