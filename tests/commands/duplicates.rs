//! The duplicate review's commands: a scan, a merge with a picked value, the history, an undo
//! refused after a later edit, and "not the same customer".

use super::{app, invoke, ok};
use serde_json::{Value, json};

fn add(t: &super::TestApp, name: &str, phone: &str, city: &str) -> Value {
    let input =
        json!({ "name": name, "kind": "individual", "lifecycle": "potential", "phones": [phone], "city": city });
    ok(t, "customer_create", json!({ "input": input }))
}

#[test]
fn duplicates_are_scanned_merged_undone_and_dismissed_through_the_commands() {
    let t = app();
    let zhang = add(&t, "张三", "13800138000", "北京");
    let other = add(&t, "章三", "+86 138-0013-8000", "上海");
    add(&t, "李四", "13900139000", "");
    let options = json!({ "options": { "minScore": 50, "limit": 20 } });

    let scan = ok(&t, "duplicate_scan", options.clone());
    assert_eq!(scan["found"], 1);
    assert_eq!(scan["clusters"][0]["members"][1]["id"], other["id"]);
    assert_eq!(scan["clusters"][0]["reasons"][1], json!({ "evidence": "sounds_alike", "value": "zhangsan" }));

    let request =
        json!({ "survivorId": zhang["id"], "mergedIds": [other["id"]], "picks": { "location": other["id"] } });
    let entry = ok(&t, "customer_merge", json!({ "request": request }));
    assert_eq!((entry["survivorName"].as_str(), entry["movedRecords"].as_u64()), (Some("张三"), Some(0)));
    let kept = ok(&t, "customer_get", json!({ "id": zhang["id"] }));
    assert_eq!(kept["city"], "上海");
    assert_eq!(ok(&t, "duplicate_scan", options.clone())["found"], 0);
    assert_eq!(ok(&t, "merge_history", json!({}))[0]["id"], entry["id"]);

    // An edit after the merge: undoing would throw it away, so the undo is refused as a conflict.
    let mut input = kept.clone();
    input["notes"] = json!("合并后补充");
    ok(&t, "customer_update", json!({ "id": zhang["id"], "expectedVersion": kept["version"], "input": input }));
    let refused = invoke(&t, "merge_undo", json!({ "merge": entry["id"] })).unwrap_err();
    assert_eq!(refused["code"], "conflict", "{refused}");

    let bad =
        invoke(&t, "customer_merge", json!({ "request": { "survivorId": zhang["id"], "mergedIds": [] } })).unwrap_err();
    assert_eq!(bad["code"], "invalid_input");

    let third = add(&t, "张三", "13700000000", "北京");
    let fourth = add(&t, "张三", "13700000000", "北京");
    assert_eq!(ok(&t, "duplicate_scan", options.clone())["found"], 1);
    ok(&t, "duplicate_dismiss", json!({ "ids": [third["id"], fourth["id"]] }));
    assert_eq!(ok(&t, "duplicate_scan", options)["found"], 0);
}
