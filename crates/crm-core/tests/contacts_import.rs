//! Contacts in and out: imported from a table or vCards onto the customers they name (by
//! external id or name), every row refused with its reason, reverted; exported to CSV, a
//! workbook and vCards within scope.

mod common;
use common::*;
use crm_core::csv_io::import::ImportOptions;
use crm_core::customer::model::CustomerInput;
use crm_core::import::source::{SourceOptions, Table};
use crm_core::table_export::TableFormat;

#[tokio::test]
async fn contacts_are_imported_onto_their_customers_exported_and_reverted() {
    let t = open().await;
    let crm = &t.crm;
    let mut yunfan = company("云帆科技");
    yunfan.external_id = Some("ERP-1".into());
    let yunfan = crm.create_customer(&alice(), yunfan).await.unwrap();
    crm.create_customer(&alice(), company("星河贸易")).await.unwrap();
    crm.create_customer(&alice(), CustomerInput::named("张三")).await.unwrap();
    crm.create_customer(&alice(), company("重名公司")).await.unwrap();
    crm.create_customer(&alice(), company("重名公司")).await.unwrap();

    let file = "客户,客户编号,姓名,职位,手机,邮箱\n\
                云帆科技,,王经理,总经理,13800000001,wang@yunfan.cn\n\
                ,ERP-1,李秘书,,,li@yunfan.cn\n\
                张三,,某人,,,\n\
                重名公司,,某甲,,,\n\
                不存在公司,,某乙,,,\n\
                星河贸易,,,,,\n";
    let admin = alice();
    let run = |skip_invalid: bool, dry_run: bool| {
        let options =
            ImportOptions { skip_invalid, dry_run, file_name: Some("联系人.csv".into()), ..Default::default() };
        crm.import_contacts(&admin, std::io::Cursor::new(file.as_bytes().to_vec()), options)
    };
    let all_or_nothing = run(false, false).await.unwrap();
    let reasons: Vec<(u64, &str)> = all_or_nothing.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            (4, "customer '张三' is a person; contacts belong to enterprise or government customers"),
            (5, "2 customers have the name '重名公司'; name the customer by its external id"),
            (6, "no customer has the name '不存在公司'"),
            (7, "contact name is required"),
        ]
    );
    assert_eq!((all_or_nothing.imported, all_or_nothing.batch.as_deref()), (0, None));
    assert!(crm.list_contacts(&alice(), &yunfan.id).await.unwrap().is_empty(), "nothing imported");
    assert_eq!(all_or_nothing.rejected[0].cells, ["张三", "", "某人", "", "", ""], "each row keeps its cells");

    let report = run(true, false).await.unwrap();
    assert_eq!((report.imported, report.rejected.len()), (2, 4));
    let contacts = crm.list_contacts(&alice(), &yunfan.id).await.unwrap();
    let names: Vec<(&str, Option<&str>)> = contacts.iter().map(|c| (c.name.as_str(), c.title.as_deref())).collect();
    assert_eq!(names, [("王经理", Some("总经理")), ("李秘书", None)]);
    let hits = crm.search(&alice(), "王经理", 5).await.unwrap();
    assert_eq!(hits[0].id, yunfan.id, "a contact's name finds its customer");

    // Out as CSV and workbook with the columns the import reads; a dry run reads them back.
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [(TableFormat::Csv, "out.csv"), (TableFormat::Xlsx, "out.xlsx")] {
        let path = dir.path().join(name);
        assert_eq!(crm.export_contacts(&alice(), &path, format).await.unwrap(), 2);
        let mut table =
            Table::open(std::fs::File::open(&path).unwrap(), Some(name), &SourceOptions::default()).unwrap();
        assert_eq!(table.header, ["customer_external_id", "customer", "name", "title", "phone", "email"]);
        let Some(Ok(first)) = table.next_row() else { panic!("no first row") };
        assert_eq!(
            first.cells.iter().collect::<Vec<_>>(),
            ["ERP-1", "云帆科技", "王经理", "总经理", "13800000001", "wang@yunfan.cn"]
        );
        let options = ImportOptions { dry_run: true, file_name: Some(name.into()), ..Default::default() };
        let again = crm.import_contacts(&alice(), std::fs::File::open(&path).unwrap(), options).await.unwrap();
        assert_eq!((again.imported, again.rejected.len()), (2, 0), "{:?}", again.rejected);
    }
    let mut cards = Vec::new();
    assert_eq!(crm.export_contact_vcards(&alice(), &mut cards).await.unwrap(), 2);
    let cards = String::from_utf8(cards).unwrap();
    assert!(cards.contains("FN:王经理") && cards.contains("ORG:云帆科技") && cards.contains("TITLE:总经理"), "{cards}");

    // vCards of people at a company become that company's contacts.
    let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵工\r\nORG:星河贸易\r\nTEL:13900000002\r\nEND:VCARD\r\n";
    let options = ImportOptions { file_name: Some("名片.vcf".into()), ..Default::default() };
    let from_cards =
        crm.import_contacts(&alice(), std::io::Cursor::new(vcf.as_bytes().to_vec()), options).await.unwrap();
    assert_eq!((from_cards.imported, from_cards.rejected.len()), (1, 0), "{:?}", from_cards.rejected);

    let history = crm.import_history(&alice(), 5).await.unwrap();
    assert_eq!((history[1].entity.as_str(), history[1].created), ("contacts", 2));
    crm.revert_import(&alice(), &history[1].id).await.unwrap();
    assert!(crm.list_contacts(&alice(), &yunfan.id).await.unwrap().is_empty());
    assert!(crm.search(&alice(), "王经理", 5).await.unwrap().is_empty(), "out of the search entry too");
}
