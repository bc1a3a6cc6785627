//! Signing in through the commands, and scope seen from the window: the session decides who acts,
//! and a forged id of another region's record is refused like any other.

use super::{PASSWORD, TestApp, customer, invoke, new_user, ok, restarted, unconfigured_app};
use serde_json::{Value, json};

fn sign_in(t: &TestApp, login: &str) -> Value {
    ok(t, "auth_sign_in", json!({ "login": login, "password": PASSWORD }))
}

fn refused(t: &TestApp, cmd: &str, body: Value) -> String {
    let e = invoke(t, cmd, body.clone()).expect_err(cmd);
    assert_eq!(e["code"], "forbidden", "{cmd} {body}: {e}");
    e["message"].as_str().unwrap().to_string()
}

fn located(name: &str, province: &str, city: &str) -> Value {
    let mut c = customer(name, "13800001111");
    c["province"] = json!(province);
    c["city"] = json!(city);
    c
}

#[test]
fn the_first_start_creates_the_admin_and_nothing_works_before_signing_in() {
    let t = unconfigured_app();
    assert_eq!(ok(&t, "auth_status", json!({})), json!({ "needsSetup": true, "user": null }));
    let message = refused(&t, "customer_count", json!({ "filter": {} }));
    assert!(message.contains("sign in"), "{message}");

    let admin = ok(&t, "auth_setup", json!({ "company": "青岛海纳", "admin": new_user("boss", "sales", "") }));
    assert_eq!((admin["login"].as_str(), admin["role"].as_str()), (Some("boss"), Some("admin")));
    assert_eq!(admin["unitName"], "青岛海纳");
    let again = invoke(&t, "auth_setup", json!({ "company": "x", "admin": new_user("eve", "admin", "") }));
    assert_eq!(again.unwrap_err()["code"], "conflict");
    assert_eq!(ok(&t, "customer_count", json!({ "filter": {} })), 0);

    ok(&t, "auth_sign_out", json!({}));
    assert_eq!(ok(&t, "auth_status", json!({})), json!({ "needsSetup": false, "user": null }));
    refused(&t, "customer_count", json!({ "filter": {} }));
    let wrong = refused(&t, "auth_sign_in", json!({ "login": "boss", "password": "nope nope" }));
    assert_eq!(wrong, "wrong sign-in name or password");
    assert_eq!(sign_in(&t, "BOSS")["login"], "boss", "sign-in names ignore case");

    // A one-person installation may stay signed in: the next start opens without the sign-in screen.
    ok(&t, "auth_stay_signed_in", json!({ "stay": true }));
    let next_start = restarted(&t);
    assert_eq!(ok(&next_start, "auth_status", json!({}))["user"]["login"], "boss");
    assert_eq!(ok(&next_start, "customer_count", json!({ "filter": {} })), 0);
    ok(&next_start, "auth_sign_out", json!({}));
    assert_eq!(ok(&restarted(&t), "auth_status", json!({}))["user"], Value::Null, "signing out forgets the choice");
    // With a second account the choice is refused: anyone at this computer would be someone else.
    sign_in(&t, "boss");
    let top = ok(&t, "org_list", json!({}))[0]["id"].clone();
    ok(&t, "user_add", json!({ "input": new_user("clerk", "service", top.as_str().unwrap()) }));
    let shared = invoke(&t, "auth_stay_signed_in", json!({ "stay": true })).unwrap_err();
    assert_eq!(shared["code"], "conflict", "{shared}");
}

#[test]
fn a_rep_works_only_his_region_whatever_id_the_window_sends() {
    let t = super::app();
    let top = ok(&t, "org_list", json!({}))[0]["id"].as_str().unwrap().to_string();
    let unit = |name: &str| ok(&t, "org_create", json!({ "name": name, "parentId": top }))["id"].clone();
    let (north, south) = (unit("华北区"), unit("华南区"));
    let territory = |name: &str, unit: &Value, place: &str| {
        ok(
            &t,
            "territory_create",
            json!({ "input": { "name": name, "unitId": unit, "places": [{ "province": place }] } }),
        )
    };
    territory("北方", &north, "山东");
    territory("南方", &south, "广东");
    let overlap = invoke(
        &t,
        "territory_create",
        json!({ "input": { "name": "重叠", "unitId": south, "places": [{ "country": "中国", "province": "山东省" }] } }),
    )
    .unwrap_err();
    assert_eq!(overlap["code"], "conflict", "{overlap}");
    ok(&t, "user_add", json!({ "input": new_user("north_rep", "sales", north.as_str().unwrap()) }));
    let canton = ok(&t, "customer_create", json!({ "input": located("广州白云贸易", "广东省", "广州市") }));
    assert_eq!(canton["territory"]["name"], "南方");
    let qingdao = ok(&t, "customer_create", json!({ "input": located("青岛啤酒客户", "山东", "青岛") }));

    sign_in(&t, "north_rep");
    assert_eq!(ok(&t, "auth_status", json!({}))["user"]["login"], "north_rep");
    assert_eq!(ok(&t, "customer_count", json!({ "filter": {} })), 1);
    let hits = ok(&t, "search_customers", json!({ "query": "1111", "limit": 10 }));
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["id"], qingdao["id"]);
    assert_eq!(ok(&t, "search_customers", json!({ "query": "广州白云", "limit": 10 })), json!([]));

    let forged = canton["id"].clone();
    refused(&t, "customer_get", json!({ "id": forged }));
    refused(&t, "customer_history", json!({ "id": forged, "beforeSeq": null, "limit": 10 }));
    refused(
        &t,
        "customer_update",
        json!({ "id": forged, "expectedVersion": 1, "input": located("抢过来", "山东", "青岛") }),
    );
    refused(&t, "activity_add", json!({ "customerId": forged, "input": { "kind": "call", "subject": "抢单" } }));
    refused(&t, "user_add", json!({ "input": new_user("friend", "admin", top.as_str()) }));
    refused(&t, "org_move", json!({ "id": north, "parentId": south }));
    refused(&t, "audit_list", json!({ "filter": {}, "cursor": null, "limit": 10 }));
    // Moving his own customer into another region is a manager's decision.
    refused(
        &t,
        "customer_update",
        json!({ "id": qingdao["id"], "expectedVersion": 1, "input": located("青岛啤酒客户", "广东", "深圳") }),
    );

    sign_in(&t, "admin");
    assert_eq!(ok(&t, "customer_get", json!({ "id": forged }))["version"], 1, "nothing changed");
    let log = ok(
        &t,
        "audit_list",
        json!({ "filter": { "login": "north_rep", "securityOnly": true }, "cursor": null, "limit": 50 }),
    );
    let actions: Vec<&str> = log["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions.len(), 8, "every refusal is recorded: {actions:?}");
    assert!(log["entries"].as_array().unwrap().iter().all(|e| e["kind"] == "refused"));
}
