//! Leads and orders come in as customers and contacts do: from a CSV in any encoding or a
//! workbook, with English or Chinese headers, all or nothing or skipping invalid rows (each kept
//! as the file had it, for the rejected-rows file), as a dry run, and as a batch of the import
//! history that is reverted exactly while nobody has worked on what it added.

mod common;
use common::*;
use crm_core::ErrorCode;
use crm_core::csv_io::import::ImportOptions;
use crm_core::import::rejected_file::write_rejected_rows;
use crm_core::sales::lead_actions::LeadActionInput;
use crm_core::sales::lead_list::LeadListRequest;
use crm_core::sales::lead_machine::LeadAction;
use crm_core::sales::lead_model::LeadInput;
use std::io::Cursor;

fn options(skip_invalid: bool, dry_run: bool, file_name: &str) -> ImportOptions {
    ImportOptions { skip_invalid, dry_run, file_name: Some(file_name.into()), ..Default::default() }
}

/// A workbook of leads as a spreadsheet writes it, Chinese headers and one bad e-mail.
fn leads_workbook(path: &std::path::Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["姓名", "公司", "手机", "邮箱", "线索来源", "省份", "城市"],
        ["赵六", "远航物流", "13900003333", "", "展会", "山东", "济南"],
        ["钱七", "", "13900004444", "不是邮箱", "网站", "山东", "烟台"],
        ["孙八", "星河贸易", "13900005555", "sun@xinghe.cn", "网站", "广东", "广州"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(path).unwrap();
}

async fn lead_names(t: &TestDb) -> Vec<String> {
    let page = t.crm.list_leads(&alice(), &LeadListRequest { limit: 100, ..Default::default() }).await.unwrap();
    let mut names: Vec<String> = page.items.into_iter().map(|l| l.name).collect();
    names.sort();
    names
}

#[tokio::test]
async fn leads_come_from_a_workbook_with_chinese_headers_and_the_batch_is_reverted_exactly() {
    let t = open().await;
    let path = t.dir.path().join("展会线索.xlsx");
    leads_workbook(&path);
    let before = dump(&t, &["import_batches"], &[]).await;
    let open_file = || std::fs::File::open(&path).unwrap();

    let whole = t.crm.import_leads(&alice(), open_file(), options(false, false, "展会线索.xlsx")).await.unwrap();
    assert_eq!((whole.imported, whole.batch.as_deref()), (0, None), "all or nothing");
    assert_eq!(whole.rejected.len(), 1);
    let bad = &whole.rejected[0];
    assert_eq!(bad.line, 3);
    assert!(bad.reason.contains("不是邮箱"), "{}", bad.reason);
    assert_eq!(bad.cells, ["钱七", "", "13900004444", "不是邮箱", "网站", "山东", "烟台"], "as the file had it");

    let dry = t.crm.import_leads(&alice(), open_file(), options(true, true, "展会线索.xlsx")).await.unwrap();
    assert_eq!((dry.imported, dry.batch.as_deref(), dry.dry_run), (2, None, true));
    assert!(lead_names(&t).await.is_empty(), "a dry run changes nothing");

    let applied = t.crm.import_leads(&alice(), open_file(), options(true, false, "展会线索.xlsx")).await.unwrap();
    assert_eq!(applied.imported, 2);
    assert_eq!(lead_names(&t).await, ["孙八", "赵六"]);
    let history = t.crm.import_history(&alice(), 5).await.unwrap();
    assert_eq!((history[0].entity.as_str(), history[0].created, history[0].rejected), ("leads", 2, 1));
    assert_eq!(history[0].format, "xlsx");

    // The rejected row, fixed in its rejected-rows file, imports on its own.
    let mut file = Vec::new();
    write_rejected_rows(&applied.header, &applied.rejected, &mut file).unwrap();
    let fixed = String::from_utf8(file).unwrap().replace("不是邮箱", "qian@yuanhang.cn");
    let again = t
        .crm
        .import_leads(&alice(), Cursor::new(fixed.into_bytes()), options(false, false, "fixed.csv"))
        .await
        .unwrap();
    assert_eq!((again.imported, again.rejected.len()), (1, 0), "{:?}", again.rejected);
    t.crm.revert_import(&alice(), again.batch.as_deref().unwrap()).await.unwrap();

    t.crm.revert_import(&alice(), applied.batch.as_deref().unwrap()).await.unwrap();
    let after = dump(&t, &["import_batches"], &[]).await;
    let added: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
    let lost: Vec<&String> = before.iter().filter(|r| !after.contains(r)).collect();
    assert!(added.is_empty() && lost.is_empty(), "left behind: {added:#?}\nlost: {lost:#?}");
}

#[tokio::test]
async fn a_leads_batch_someone_worked_on_is_not_reverted() {
    let t = open().await;
    let csv = "name,phone\n赵六,13900003333\n钱七,13900004444\n";
    let file = Cursor::new(csv.as_bytes().to_vec());
    let report = t.crm.import_leads(&alice(), file, options(false, false, "l.csv")).await.unwrap();
    let page = t.crm.list_leads(&alice(), &LeadListRequest { limit: 100, ..Default::default() }).await.unwrap();
    t.clock.set(chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z").unwrap().into());
    let void = LeadActionInput { action: LeadAction::Void, reason: Some("重复录入".into()), assignee: None };
    t.crm.act_on_lead(&alice(), &page.items[0].id, void).await.unwrap();
    let refused = t.crm.revert_import(&alice(), report.batch.as_deref().unwrap()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains("worked"), "{}", refused.message);
    assert_eq!(lead_names(&t).await.len(), 2, "nothing was changed");

    // An edit is work too, though it makes no transition.
    let file = Cursor::new(
        "name,phone
孙八,13900005555
"
        .as_bytes()
        .to_vec(),
    );
    let edited = t.crm.import_leads(&alice(), file, options(false, false, "m.csv")).await.unwrap();
    t.clock.set(chrono::DateTime::parse_from_rfc3339("2026-03-03T10:00:00Z").unwrap().into());
    let page = t.crm.list_leads(&alice(), &LeadListRequest { limit: 100, ..Default::default() }).await.unwrap();
    let sun = page.items.iter().find(|l| l.name == "孙八").unwrap();
    let input = LeadInput {
        name: sun.name.clone(),
        phone: sun.phone.clone(),
        notes: Some("要报价".into()),
        ..Default::default()
    };
    t.crm.update_lead(&alice(), &sun.id, sun.version, input).await.unwrap();
    let refused = t.crm.revert_import(&alice(), edited.batch.as_deref().unwrap()).await.unwrap_err();
    assert!(refused.message.contains("1 edit(s)"), "{}", refused.message);
}

#[tokio::test]
async fn orders_come_with_chinese_headers_an_order_with_a_bad_line_is_skipped_whole_and_the_batch_is_reverted() {
    let t = open().await;
    let mut input = company("云帆科技");
    input.external_id = Some("ERP-1".into());
    let yunfan = t.crm.create_customer(&alice(), input).await.unwrap();
    let before = dump(&t, &["import_batches"], &[]).await;
    // GBK, as Chinese Excel saves a CSV.
    let text = "订单号,客户编号,日期,产品,数量,单价,金额\n\
                SO-1,ERP-1,2026-02-01,茶叶,2,50,\n\
                SO-2,ERP-1,2026-02-03,茶具,1,120,\n\
                SO-2,ERP-1,2026-02-03,茶杯,zero,10,\n\
                SO-3,ERP-9,2026-02-04,茶叶,1,50,\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let file = || Cursor::new(gbk.to_vec());

    let whole = t.crm.import_orders(&alice(), file(), options(false, false, "订单.csv")).await.unwrap();
    assert_eq!((whole.orders, whole.lines, whole.batch.as_deref()), (0, 0, None));
    let reasons: Vec<(u64, &str)> = whole.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(reasons[0], (3, "order SO-2 has a rejected line (line 4)"), "the whole order goes with its bad line");
    assert_eq!((reasons[1].0, reasons[2].0), (4, 5));
    assert!(reasons[1].1.contains("quantity") && reasons[2].1.contains("ERP-9"), "{reasons:?}");
    assert_eq!(whole.rejected[2].cells, ["SO-3", "ERP-9", "2026-02-04", "茶叶", "1", "50", ""]);

    let dry = t.crm.import_orders(&alice(), file(), options(true, true, "订单.csv")).await.unwrap();
    assert_eq!((dry.orders, dry.lines, dry.dry_run), (1, 1, true), "SO-1 only");
    let orders = t.crm.customer_orders(&alice(), &yunfan.id, 10).await.unwrap();
    assert_eq!(orders.total_orders, 0, "a dry run changes nothing");

    let applied = t.crm.import_orders(&alice(), file(), options(true, false, "订单.csv")).await.unwrap();
    assert_eq!((applied.orders, applied.lines), (1, 1));
    let orders = t.crm.customer_orders(&alice(), &yunfan.id, 10).await.unwrap();
    assert_eq!((orders.total_orders, orders.last_order_on.as_deref()), (1, Some("2026-02-01")));
    let history = t.crm.import_history(&alice(), 5).await.unwrap();
    assert_eq!((history[0].entity.as_str(), history[0].created, history[0].rejected), ("orders", 1, 3));

    t.crm.revert_import(&alice(), applied.batch.as_deref().unwrap()).await.unwrap();
    let orders = t.crm.customer_orders(&alice(), &yunfan.id, 10).await.unwrap();
    assert_eq!((orders.total_orders, orders.last_order_on), (0, None), "the totals follow");
    let after = dump(&t, &["import_batches"], &[]).await;
    let added: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
    let lost: Vec<&String> = before.iter().filter(|r| !after.contains(r)).collect();
    assert!(added.is_empty() && lost.is_empty(), "left behind: {added:#?}\nlost: {lost:#?}");
}

#[tokio::test]
async fn a_header_nothing_matches_is_refused_with_every_problem() {
    let t = open().await;
    let csv = "订单号,客户,日期,sku\nSO-1,ERP-1,2026-02-01,X\n";
    let e = t.crm.import_orders(&alice(), Cursor::new(csv.as_bytes().to_vec()), ImportOptions::default()).await;
    let e = e.unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    for part in ["column '客户' matches no field of an order line", "column 'sku'", "'product'", "'quantity'"] {
        assert!(e.message.contains(part), "{part}: {}", e.message);
    }
    let leads = t.crm.import_leads(&alice(), Cursor::new(b"fax\n1\n".to_vec()), ImportOptions::default()).await;
    assert!(leads.unwrap_err().message.contains("no column fills the lead's 'name'"));
}
