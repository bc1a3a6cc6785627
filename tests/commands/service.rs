//! The service desk and the workflow through the commands: the agent finds the caller by the last
//! four digits, opens a ticket the default VIP rule makes high priority and the routing gives to
//! him, works it to closed and records the rating; tasks, notifications and rules; typed refusals.

use super::{PASSWORD, TestApp, invoke, new_user, ok};
use serde_json::json;

fn sign_in(t: &TestApp, login: &str) {
    ok(t, "auth_sign_in", json!({ "login": login, "password": PASSWORD }));
}

#[test]
fn a_caller_is_found_and_his_ticket_is_worked_to_a_rating_through_the_window() {
    let t = super::app();
    let top = ok(&t, "org_list", json!({}))[0]["id"].as_str().unwrap().to_string();
    let north = ok(&t, "org_create", json!({ "name": "华北区", "parentId": top }))["id"].clone();
    ok(
        &t,
        "territory_create",
        json!({ "input": { "name": "北方", "unitId": north, "places": [{ "province": "山东" }] } }),
    );
    ok(&t, "user_add", json!({ "input": new_user("kefu", "service", north.as_str().unwrap()) }));
    let customer = ok(
        &t,
        "customer_create",
        json!({ "input": { "name": "贵宾张", "kind": "individual", "lifecycle": "vip", "province": "山东",
                           "phones": ["138 0013 8000"], "emails": [], "tagIds": [], "custom": {} } }),
    );
    let customer_id = customer["id"].as_str().unwrap();

    sign_in(&t, "kefu");
    let found = ok(&t, "caller_lookup", json!({ "query": "8000", "customerId": null }));
    assert_eq!(found["matches"][0]["name"], "贵宾张");
    assert_eq!(found["card"]["customer"]["id"], customer_id);
    let ticket = ok(
        &t,
        "ticket_create",
        json!({ "input": { "customerId": customer_id, "channel": "phone", "priority": "normal", "subject": "设备故障", "category": "repair" } }),
    );
    assert_eq!((ticket["priority"].as_str(), ticket["assignee"].as_str()), (Some("high"), Some("kefu")));
    let id = ticket["id"].as_str().unwrap();
    let e = invoke(&t, "ticket_act", json!({ "id": id, "input": { "action": "close" } })).unwrap_err();
    assert_eq!(e["code"], "illegal_transition");
    ok(&t, "ticket_act", json!({ "id": id, "input": { "action": "start" } }));
    let d = ok(&t, "ticket_reply", json!({ "id": id, "kind": "reply", "body": "工程师明天上门" }));
    assert_eq!(d["ticket"]["firstResponseClock"], "met");
    ok(&t, "ticket_act", json!({ "id": id, "input": { "action": "resolve", "note": "已更换主板" } }));
    let closed = ok(&t, "ticket_act", json!({ "id": id, "input": { "action": "close" } }));
    assert_eq!(closed["mayRate"], true);
    let rated = ok(&t, "ticket_rate", json!({ "id": id, "rating": 5, "comment": "很满意" }));
    assert_eq!(rated["rating"], 5);
    let e = invoke(&t, "ticket_rate", json!({ "id": id, "rating": 4, "comment": null })).unwrap_err();
    assert_eq!(e["code"], "conflict");
    let card = ok(&t, "caller_lookup", json!({ "query": "", "customerId": customer_id }));
    assert_eq!(card["card"]["pastTickets"][0]["rating"], 5);
    let report = ok(&t, "sla_report", json!({ "request": {} }));
    assert_eq!(report["total"]["meanRatingX100"], 500);

    // Rules: the agent reads them but may not change them.
    let rules = ok(&t, "rule_list", json!({}));
    assert_eq!(rules[0]["runs"], 1);
    let e = invoke(&t, "rule_set_active", json!({ "id": "rule-vip-ticket", "active": false })).unwrap_err();
    assert_eq!(e["code"], "forbidden");
    let fields = ok(&t, "rule_fields", json!({ "entity": "ticket" }));
    assert!(
        fields
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["key"] == "category" && f["options"].as_array().unwrap().len() >= 5)
    );

    // A task on the ticket with a reminder now: the scheduler delivers it.
    let task = ok(
        &t,
        "task_create",
        json!({ "input": { "title": "回访满意度", "remindAt": "2000-01-01T00:00:00Z", "record": { "kind": "ticket", "id": id } } }),
    );
    assert_eq!(task["recordLabel"].as_str().unwrap().split(' ').nth(1), Some("设备故障"));
    assert_eq!(ok(&t, "task_list", json!({ "recordId": id, "includeDone": false })).as_array().unwrap().len(), 1);
    // The app's scheduler, as it runs every minute (here on a second connection to the file).
    tauri::async_runtime::block_on(async {
        let crm = crm_core::Crm::open(&t.db).await.unwrap();
        assert_eq!(crm.run_due_rules().await.unwrap().reminders, 1);
        crm.close().await;
    });
    let notes = ok(&t, "notification_list", json!({ "limit": 10 }));
    // The routing's "ticket #1 is yours" and the reminder.
    let kinds: Vec<&str> = notes["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["reminder", "assignment"]);
    assert_eq!(notes["unread"], 2);
    assert_eq!(ok(&t, "notification_mark_read", json!({ "ids": [] })), 2);
}
