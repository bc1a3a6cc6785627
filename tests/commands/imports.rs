//! The import wizard's commands: preview, import with the rejected rows written beside the file,
//! the history and a revert, and the progress/cancel pair when no import runs.

use super::{app, invoke, ok};
use serde_json::json;

#[test]
fn a_file_is_previewed_imported_listed_and_reverted_through_the_commands() {
    let t = app();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("名单.csv");
    std::fs::write(&file, "客户名称;邮箱;鞋码\n甲;jia@example.cn;42\n乙;bad;40\n").unwrap();
    let path = file.to_str().unwrap();
    let options = json!({ "skipInvalid": false, "mapping": {} });

    let preview = ok(&t, "customer_import_preview", json!({ "path": path, "options": options }));
    assert_eq!(preview["source"]["delimiter"], ";");
    assert_eq!(preview["mappingProblems"][0], "column '鞋码' matches no field; map it to one or leave it out");
    assert_eq!(preview["rows"][1]["problems"][0]["column"], 1);

    let refused = invoke(&t, "customer_import", json!({ "path": path, "options": options })).unwrap_err();
    assert_eq!(refused["code"], "invalid_input");
    let options = json!({ "skipInvalid": true, "mapping": { "鞋码": null } });
    let result = ok(&t, "customer_import", json!({ "path": path, "options": options }));
    assert_eq!(result["report"]["imported"], 1);
    let rejected = result["rejectedFile"].as_str().unwrap();
    assert!(rejected.starts_with(dir.path().to_str().unwrap()), "beside the file: {rejected}");
    assert!(std::fs::read_to_string(rejected).unwrap().contains("乙,bad,40,line 3:"));

    let history = ok(&t, "import_history", json!({}));
    assert_eq!(history[0]["fileName"], "名单.csv");
    let reverted = ok(&t, "import_revert", json!({ "batch": history[0]["id"] }));
    assert!(reverted["revertedAt"].is_string());
    assert_eq!(ok(&t, "customer_count", json!({ "filter": {} })), 0);

    assert_eq!(ok(&t, "import_progress", json!({})), serde_json::Value::Null, "no import runs");
    ok(&t, "import_cancel", json!({}));
    let missing =
        invoke(&t, "customer_import_preview", json!({ "path": "/nonexistent/x.csv", "options": options })).unwrap_err();
    assert!(missing["message"].as_str().unwrap().contains("cannot open"), "{missing}");
}

#[test]
fn exports_are_written_where_the_user_says_in_the_chosen_format() {
    let t = app();
    let input =
        json!({ "name": "云帆科技", "kind": "enterprise", "lifecycle": "potential", "phones": ["010-65528888"] });
    ok(&t, "customer_create", json!({ "input": input }));
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("客户.xlsx");
    let written =
        ok(&t, "export_to_file", json!({ "kind": "customers", "format": "xlsx", "path": book.to_str().unwrap() }));
    assert_eq!(written, 1);
    assert!(std::fs::read(&book).unwrap().starts_with(b"PK"), "a workbook");
    let cards = dir.path().join("客户.vcf");
    ok(&t, "export_to_file", json!({ "kind": "customers", "format": "vcard", "path": cards.to_str().unwrap() }));
    assert!(std::fs::read_to_string(&cards).unwrap().contains("FN:云帆科技"));

    // Customers as the list's filter narrows them.
    let other = json!({ "name": "星河贸易", "kind": "enterprise", "lifecycle": "vip", "province": "广东" });
    ok(&t, "customer_create", json!({ "input": other }));
    let csv = dir.path().join("广东.csv");
    let filter = json!({ "fields": [{ "op": "oneOf", "key": "province", "values": ["广东"] }], "tagIds": [] });
    let args = json!({ "kind": "customers", "format": "csv", "filter": filter, "path": csv.to_str().unwrap() });
    assert_eq!(ok(&t, "export_to_file", args), 1);
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.contains("星河贸易") && !written.contains("云帆科技"), "{written}");
    let contacts = json!({ "kind": "contacts", "format": "csv", "filter": filter, "path": csv.to_str().unwrap() });
    assert_eq!(invoke(&t, "export_to_file", contacts).unwrap_err()["code"], "invalid_input");

    let refused =
        invoke(&t, "export_to_file", json!({ "kind": "leads", "format": "vcard", "path": cards.to_str().unwrap() }))
            .unwrap_err();
    assert_eq!(refused["code"], "invalid_input");
}

#[test]
fn contacts_and_orders_are_imported_from_files_through_the_commands() {
    let t = app();
    let input = json!({ "name": "云帆科技", "kind": "enterprise", "lifecycle": "potential", "externalId": "ERP-1" });
    let yunfan = ok(&t, "customer_create", json!({ "input": input }));
    let dir = tempfile::tempdir().unwrap();
    let contacts = dir.path().join("联系人.csv");
    std::fs::write(&contacts, "客户编号,姓名,职位\nERP-1,王经理,总经理\nERP-9,李四,\n").unwrap();
    let options = json!({ "skipInvalid": true, "mapping": {} });
    let result = ok(&t, "contact_import", json!({ "path": contacts.to_str().unwrap(), "options": options }));
    assert_eq!(result["report"]["imported"], 1);
    let rejected = result["rejectedFile"].as_str().unwrap();
    assert!(
        std::fs::read_to_string(rejected)
            .unwrap()
            .contains("ERP-9,李四,,line 3: no customer has the external id 'ERP-9'")
    );
    assert_eq!(ok(&t, "contact_list", json!({ "customerId": yunfan["id"] }))[0]["name"], "王经理");

    let orders = dir.path().join("订单.csv");
    std::fs::write(
        &orders,
        "订单号,客户编号,日期,产品,数量,单价\nSO-1,ERP-1,2026-02-01,服务费,1,100.00\nSO-2,ERP-9,2026-02-02,服务费,1,100\n",
    )
    .unwrap();
    let options = json!({ "skipInvalid": true });
    let result = ok(&t, "order_import", json!({ "path": orders.to_str().unwrap(), "options": options }));
    let report = &result["report"];
    assert_eq!((report["orders"].as_u64(), report["lines"].as_u64()), (Some(1), Some(1)));
    let rejected = std::fs::read_to_string(result["rejectedFile"].as_str().unwrap()).unwrap();
    assert!(
        rejected.contains("SO-2,ERP-9,2026-02-02,服务费,1,100,line 3: no customer has the external id 'ERP-9'"),
        "{rejected}"
    );
}
