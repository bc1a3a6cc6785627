//! Leads and opportunities through the commands: the window drives a lead from the pool to a
//! converted customer with an opportunity, drags the opportunity on the board, reads the funnel,
//! and gets typed refusals.

use super::{PASSWORD, TestApp, invoke, new_user, ok};
use serde_json::{Value, json};

fn sign_in(t: &TestApp, login: &str) {
    ok(t, "auth_sign_in", json!({ "login": login, "password": PASSWORD }));
}

fn lead(name: &str, city: &str) -> Value {
    json!({ "name": name, "company": format!("{name}公司"), "phone": "13900002222", "province": "山东", "city": city })
}

#[test]
fn a_lead_goes_from_the_pool_to_a_customer_with_an_opportunity_through_the_window() {
    let t = super::app();
    let top = ok(&t, "org_list", json!({}))[0]["id"].as_str().unwrap().to_string();
    let north = ok(&t, "org_create", json!({ "name": "华北区", "parentId": top }))["id"].clone();
    ok(
        &t,
        "territory_create",
        json!({ "input": { "name": "北方", "unitId": north, "places": [{ "province": "山东" }] } }),
    );
    ok(&t, "user_add", json!({ "input": new_user("li", "sales", north.as_str().unwrap()) }));
    ok(&t, "user_add", json!({ "input": new_user("wang", "sales", north.as_str().unwrap()) }));
    let rule = json!({ "name": "华北轮流", "active": true, "conditions": [{ "field": "source", "op": "is", "values": ["展会"] }],
                       "targetUnitId": north, "strategy": "round_robin" });
    ok(&t, "assignment_rule_save", json!({ "id": null, "input": rule }));
    let pooled = ok(&t, "lead_create", json!({ "input": lead("张伟", "青岛") }));
    assert_eq!(pooled["status"], "unassigned");
    assert_eq!(
        pooled["allowedActions"],
        json!(["assign", "claim", "void"]),
        "the admin assigns, takes or voids a pool lead"
    );

    sign_in(&t, "li");
    let pool = ok(&t, "lead_list", json!({ "request": { "statuses": ["unassigned"], "limit": 20 } }));
    assert_eq!(pool["items"][0]["allowedActions"], json!(["claim"]));
    let id = pooled["id"].as_str().unwrap();
    let claimed = ok(&t, "lead_act", json!({ "id": id, "input": { "action": "claim" } }));
    assert_eq!((claimed["status"].as_str(), claimed["owner"].as_str()), (Some("pending"), Some("li")));
    let e = invoke(&t, "lead_act", json!({ "id": id, "input": { "action": "restore" } })).unwrap_err();
    assert_eq!(e["code"], "forbidden");
    let e = invoke(&t, "lead_act", json!({ "id": id, "input": { "action": "reopen" } })).unwrap_err();
    assert_eq!(e["code"], "illegal_transition", "{e}");
    assert!(e["message"].as_str().unwrap().contains("待处理"), "{e}");
    let call = json!({ "kind": "call", "subject": "电话沟通" });
    assert_eq!(ok(&t, "lead_follow_up", json!({ "id": id, "input": call }))["status"], "following_up");
    let draft = ok(&t, "lead_customer_draft", json!({ "id": id }));
    assert_eq!((draft["name"].as_str(), draft["kind"].as_str()), (Some("张伟公司"), Some("enterprise")));
    let stages = ok(&t, "stage_list", json!({}));
    let conversion = ok(
        &t,
        "lead_convert",
        json!({ "id": id, "input": { "newCustomer": draft, "createContact": true,
                "opportunity": { "name": "张伟公司 ERP", "stageId": stages[1]["id"], "amount": 5_000_000, "expectedClose": "2026-06-30" } } }),
    );
    let customer_id = conversion["customerId"].clone();
    let opportunity_id = conversion["opportunityId"].as_str().unwrap().to_string();
    assert_eq!(ok(&t, "customer_leads", json!({ "customerId": customer_id }))[0]["id"], id);
    let on_360 = ok(&t, "opportunity_list", json!({ "request": { "customerId": customer_id, "limit": 10 } }));
    assert_eq!(on_360["items"][0]["stage"]["key"], "needs");

    // The board drag: to lost without a reason is refused with the reason to give.
    let e = invoke(&t, "opportunity_move", json!({ "id": opportunity_id, "stageId": "lost", "lostReason": null }))
        .unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    let moved =
        ok(&t, "opportunity_move", json!({ "id": opportunity_id, "stageId": stages[2]["id"], "lostReason": null }));
    assert_eq!((moved["probability"].as_i64(), moved["weightedAmount"].as_i64()), (Some(50), Some(2_500_000)));
    let board = ok(&t, "opportunity_board", json!({ "owner": null, "perStage": 20 }));
    assert_eq!(board[2]["count"], 1);
    let funnel = ok(&t, "funnel_report", json!({ "request": {} }));
    assert_eq!((funnel["openAmount"].as_i64(), funnel["byOwner"][0]["label"].as_str()), (Some(5_000_000), Some("LI")));

    // A campaign lead from the CLI-side import path is handed out by the rule at once.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("leads.csv");
    std::fs::write(
        &file,
        "name,phone,source,province,city\n赵六,13900003333,展会,山东,济南\n钱七,13900004444,网站,山东,烟台\n",
    )
    .unwrap();
    sign_in(&t, "admin");
    let result = ok(&t, "lead_import", json!({ "path": file, "options": { "skipInvalid": false } }));
    let report = &result["report"];
    assert_eq!((report["imported"].as_u64(), report["assigned"].as_u64()), (Some(2), Some(1)));
    assert!(report["batch"].is_string() && result["rejectedFile"].is_null());
    let e = invoke(&t, "pool_rules_set", json!({ "rules": { "returnAfterDays": 99999, "reclaimWaitDays": 1, "dailyClaimLimit": 1, "openLeadLimit": 1 } })).unwrap_err();
    assert_eq!(e["code"], "invalid_input");
}
