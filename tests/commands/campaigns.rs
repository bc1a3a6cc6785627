//! Campaigns through the commands: made, previewed, sent as .eml files, marked and reported.

use super::{app, customer, invoke, ok};
use serde_json::json;

#[test]
fn a_campaign_is_previewed_sent_as_eml_files_and_its_results_read() {
    let t = app();
    let mut zhang = customer("张三", "");
    zhang["emails"] = json!(["zhang@example.com"]);
    zhang["company"] = json!("海尔");
    let zhang = ok(&t, "customer_create", json!({ "input": zhang }));
    let mut li = customer("李四", "");
    li["emails"] = json!(["li@example.com"]);
    let li = ok(&t, "customer_create", json!({ "input": li }));
    ok(&t, "customer_set_unsubscribed", json!({ "customerId": li["id"], "unsubscribed": true }));
    let all = json!({ "kind": "all", "items": [] });
    let segment = ok(
        &t,
        "segment_create",
        json!({ "input": { "name": "全部", "kind": "dynamic", "description": null, "condition": all } }),
    );
    let input = json!({
        "name": "新品", "segmentId": segment["id"], "excludeSegmentId": null, "fromAddress": "shop@example.com",
        "fromName": null, "subject": "{{name}} 您好", "body": "{{公司|贵公司}}的新品到了", "language": "zh-CN",
        "attributionDays": 30
    });
    let c = ok(&t, "campaign_create", json!({ "input": input }));
    assert_eq!(c["status"], "draft");
    let audience = ok(&t, "campaign_audience", json!({ "id": c["id"] }));
    assert_eq!((audience["members"].clone(), audience["recipients"].clone()), (json!(2), json!(1)));
    let preview = ok(&t, "campaign_preview", json!({ "id": c["id"], "customerId": zhang["id"] }));
    assert_eq!((preview["subject"].clone(), preview["body"].clone()), (json!("张三 您好"), json!("海尔的新品到了")));

    let dir = t.db.parent().unwrap().join("eml");
    let request = json!({ "channel": "eml", "emlDirectory": dir.display().to_string() });
    let report = ok(&t, "campaign_send", json!({ "id": c["id"], "request": request }));
    assert_eq!((report["delivered"].clone(), report["skipped"].clone()), (json!(1), json!(1)));
    assert!(dir.join(format!("{}.eml", zhang["id"].as_str().unwrap())).exists());
    assert_eq!(
        ok(
            &t,
            "campaign_mark",
            json!({ "id": c["id"], "customerIds": [zhang["id"]], "mark": "responded", "on": true })
        ),
        1
    );
    let results = ok(&t, "campaign_results", json!({ "id": c["id"] }));
    assert_eq!((results["reached"].clone(), results["responded"].clone()), (json!(1), json!(1)));
    let page =
        ok(&t, "campaign_recipients", json!({ "id": c["id"], "outcome": "skipped", "cursor": null, "limit": 50 }));
    assert_eq!(page["rows"][0]["reason"], "unsubscribed");
    assert_eq!(
        ok(&t, "customer_campaigns", json!({ "customerId": zhang["id"] }))["campaigns"][0]["outcome"],
        "delivered"
    );

    let bad = invoke(&t, "smtp_settings_set", json!({ "input": { "host": "", "port": 25, "security": "none" } }))
        .unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
    let set = ok(
        &t,
        "smtp_settings_set",
        json!({ "input": { "host": "smtp.example.com", "port": 587, "security": "start_tls", "username": "shop", "password": "secret" } }),
    );
    assert_eq!(
        set,
        json!({ "host": "smtp.example.com", "port": 587, "security": "start_tls", "username": "shop", "hasPassword": true })
    );
    assert!(ok(&t, "campaign_default_eml_directory", json!({ "name": "a/b" })).as_str().unwrap().ends_with("a_b"));
}
