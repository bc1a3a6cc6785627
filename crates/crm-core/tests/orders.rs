//! Orders: entered with items, counted only when paid or completed (the customer's last purchase
//! follows every change), shown per customer, kept within the user's territories, and imported
//! from CSV whole or not at all with every rejected line reported.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::commerce::order_model::{OrderInput, OrderLineInput, OrderStatus};
use org::*;

fn order(customer: &str, on: &str, status: OrderStatus, items: &[(&str, i64, i64)]) -> OrderInput {
    OrderInput {
        customer_id: customer.into(),
        external_id: None,
        ordered_on: on.into(),
        status,
        currency: None,
        amount: 0,
        items: items.iter().map(|(p, q, u)| OrderLineInput::new(*p, *q, *u)).collect(),
        notes: None,
    }
}

async fn last_order_on(crm: &crm_core::Crm, customer: &str) -> Option<String> {
    crm.customer_orders(&alice(), customer, 10).await.unwrap().last_order_on
}

#[tokio::test]
async fn orders_sum_their_items_and_move_the_last_purchase() {
    let t = open().await;
    let crm = &t.crm;
    let c = crm.create_customer(&alice(), person("张三", "13800000001", "")).await.unwrap().id;
    let first = crm
        .create_order(&alice(), order(&c, "2026-02-01", OrderStatus::Paid, &[("茶叶", 2, 5000), ("茶具", 1, 12000)]))
        .await
        .unwrap();
    assert_eq!(first.amount, 22_000);
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.items[1].amount, 12_000);
    assert_eq!(last_order_on(crm, &c).await.as_deref(), Some("2026-02-01"));

    // A pending order is no purchase yet; a later paid one is.
    let pending =
        crm.create_order(&alice(), order(&c, "2026-02-20", OrderStatus::Pending, &[("茶叶", 1, 5000)])).await.unwrap();
    assert_eq!(last_order_on(crm, &c).await.as_deref(), Some("2026-02-01"));
    let mut paid = order(&c, "2026-02-20", OrderStatus::Completed, &[("茶叶", 1, 5000)]);
    paid.notes = Some("付清".into());
    crm.update_order(&alice(), &pending.id, paid).await.unwrap();
    assert_eq!(last_order_on(crm, &c).await.as_deref(), Some("2026-02-20"));

    // Cancelling or deleting moves it back.
    crm.update_order(&alice(), &pending.id, order(&c, "2026-02-20", OrderStatus::Cancelled, &[("茶叶", 1, 5000)]))
        .await
        .unwrap();
    assert_eq!(last_order_on(crm, &c).await.as_deref(), Some("2026-02-01"));
    let summary = crm.customer_orders(&alice(), &c, 10).await.unwrap();
    assert_eq!((summary.total_orders, summary.counted_orders), (2, 1));
    assert_eq!(summary.totals.len(), 1);
    assert_eq!((summary.totals[0].currency.as_str(), summary.totals[0].amount), ("CNY", 22_000));
    assert_eq!(summary.items[0].ordered_on, "2026-02-20", "newest first");
    crm.delete_order(&alice(), &first.id).await.unwrap();
    assert_eq!(last_order_on(crm, &c).await, None);

    // Bad input is refused whole, with every problem named.
    let err = crm.create_order(&alice(), order(&c, "2026-13-40", OrderStatus::Paid, &[("", 0, -1)])).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    for part in ["item 1 needs a product", "quantity", "unit price", "2026-13-40"] {
        assert!(err.message.contains(part), "{part}: {}", err.message);
    }
    assert_eq!(crm.customer_orders(&alice(), &c, 10).await.unwrap().total_orders, 1);
    // An order stays with its customer.
    let other = crm.create_customer(&alice(), person("李四", "13800000002", "")).await.unwrap().id;
    let err = crm.update_order(&alice(), &pending.id, order(&other, "2026-02-20", OrderStatus::Paid, &[])).await;
    assert_eq!(err.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn orders_stay_within_the_territories() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let mut shanghai = person("上海客户", "13900000001", "");
    shanghai.province = Some("上海".into());
    let c = crm.create_customer(&alice(), shanghai).await.unwrap().id;
    let o = crm.create_order(&actor("east"), order(&c, "2026-02-01", OrderStatus::Paid, &[("茶叶", 1, 100)])).await;
    let o = o.unwrap();
    let refused = crm.create_order(&actor("li"), order(&c, "2026-02-01", OrderStatus::Paid, &[])).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert_eq!(crm.get_order(&actor("li"), &o.id).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(crm.delete_order(&actor("li"), &o.id).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(crm.get_order(&actor("east"), &o.id).await.unwrap().amount, 100);
}

#[tokio::test]
async fn an_order_import_applies_whole_or_reports_every_rejected_line() {
    let t = open().await;
    let crm = &t.crm;
    for (ext, name) in [("C1", "张三"), ("C2", "李四")] {
        let mut c = person(name, "", "");
        c.external_id = Some(ext.into());
        crm.create_customer(&alice(), c).await.unwrap();
    }
    let bad = "order_id,customer_external_id,date,product,quantity,unit_price,amount\n\
               A1,C1,2026-02-01,茶叶,2,50.00,\n\
               A1,C1,2026-02-01,茶具,1,120,100\n\
               A2,C9,2026-02-02,茶叶,1,50,\n\
               A3,C2,2026-02-03,茶叶,zero,50,\n\
               A1,C2,2026-02-01,茶叶,1,50,\n";
    let report =
        crm.import_orders(&alice(), std::io::Cursor::new(bad.as_bytes().to_vec()), Default::default()).await.unwrap();
    assert_eq!((report.orders, report.lines), (0, 0));
    let lines: Vec<u64> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6], "{:?}", report.rejected);
    assert!(report.rejected[0].reason.contains("order A1 has a rejected line (line 6)"), "{:?}", report.rejected);
    assert!(report.rejected[2].reason.contains("C9"));
    assert!(report.rejected[3].reason.contains("quantity"));
    assert!(report.rejected[4].reason.contains("another customer"));
    let c1 = crm.find_by_external_id(&alice(), "C1").await.unwrap().unwrap().id;
    assert_eq!(crm.customer_orders(&alice(), &c1, 10).await.unwrap().total_orders, 0, "nothing applied");

    let good = "order_id,customer_external_id,date,product,quantity,unit_price,amount,status\n\
                A1,C1,2026-02-01,茶叶,2,50.00,,\n\
                A1,C1,2026-02-01,茶具,1,120,100,\n\
                A2,C2,2026/02/02,茶叶,1,50,,cancelled\n";
    let report =
        crm.import_orders(&alice(), std::io::Cursor::new(good.as_bytes().to_vec()), Default::default()).await.unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.orders, report.lines), (2, 3));
    let orders = crm.customer_orders(&alice(), &c1, 10).await.unwrap();
    assert_eq!(orders.items[0].amount, 20_000, "100 + 2 x 50: the given line amount wins");
    assert_eq!(orders.items[0].external_id.as_deref(), Some("A1"));
    assert_eq!(orders.last_order_on.as_deref(), Some("2026-02-01"));

    let again =
        crm.import_orders(&alice(), std::io::Cursor::new(good.as_bytes().to_vec()), Default::default()).await.unwrap();
    assert_eq!(again.orders, 0);
    assert_eq!(again.rejected.len(), 3);
    assert!(again.rejected[0].reason.contains("already in the CRM"));
    let missing = crm
        .import_orders(
            &alice(),
            std::io::Cursor::new("order_id,date\nA9,2026-01-01\n".as_bytes().to_vec()),
            Default::default(),
        )
        .await
        .unwrap_err();
    assert!(missing.message.contains("customer_external_id"), "{}", missing.message);
}

#[tokio::test]
async fn editing_an_imported_order_keeps_a_discounted_line_unless_its_price_changes() {
    let t = open().await;
    let crm = &t.crm;
    let mut c = person("张三", "", "");
    c.external_id = Some("C1".into());
    let customer = crm.create_customer(&alice(), c).await.unwrap().id;
    let csv = "order_id,customer_external_id,date,product,quantity,unit_price,amount\n\
               A1,C1,2026-02-01,茶叶,2,50.00,\n\
               A1,C1,2026-02-01,茶具,1,120,100\n";
    assert!(
        crm.import_orders(&alice(), std::io::Cursor::new(csv.as_bytes().to_vec()), Default::default())
            .await
            .unwrap()
            .rejected
            .is_empty()
    );
    let imported = crm.customer_orders(&alice(), &customer, 10).await.unwrap().items.remove(0);
    assert_eq!(imported.amount, 20_000);

    // The UI sends back the kept amount of a line it did not change and none for one it did.
    let mut edit = order(&customer, "2026-02-01", OrderStatus::Completed, &[("茶叶", 3, 5000), ("茶具", 1, 12000)]);
    edit.items[1].amount = Some(imported.items[1].amount);
    let saved = crm.update_order(&alice(), &imported.id, edit.clone()).await.unwrap();
    assert_eq!(saved.items[1].amount, 10_000, "the discount survives the edit");
    assert_eq!(saved.amount, 25_000, "3 x 50 + the discounted 100");

    edit.items[1].amount = None;
    let repriced = crm.update_order(&alice(), &imported.id, edit.clone()).await.unwrap();
    assert_eq!((repriced.items[1].amount, repriced.amount), (12_000, 27_000));

    edit.items[1].amount = Some(-1);
    let refused = crm.update_order(&alice(), &imported.id, edit).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(refused.message.contains("item 2: the amount"), "{}", refused.message);
    let kept = crm.customer_orders(&alice(), &customer, 10).await.unwrap().items.remove(0);
    assert_eq!(kept.amount, 27_000, "a refused edit changes nothing");
}
