//! The Tauri commands end to end without a window: IPC request -> command -> core -> SQLite file.
//! Checks the `{code, message}` error shape, that changes announce themselves, and that the
//! generated TypeScript bindings match the Rust commands. `access` covers signing in and scope, `sales` leads, opportunities and the funnel,
//! `service` tickets, the caller lookup, rules, tasks and notifications.

#[path = "commands/access.rs"]
mod access;
#[path = "commands/campaigns.rs"]
mod campaigns;
#[path = "commands/duplicates.rs"]
mod duplicates;
#[path = "commands/imports.rs"]
mod imports;
#[path = "commands/sales.rs"]
mod sales;
#[path = "commands/service.rs"]
mod service;

use serde_json::{Value, json};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::{Listener, WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    /// None for a second app on another app's database (a restart).
    _dir: Option<tempfile::TempDir>,
    db: std::path::PathBuf,
}

fn app_with(
    crm: Result<crm_core::Crm, crm_core::CoreError>,
    dir: Option<tempfile::TempDir>,
    db: std::path::PathBuf,
) -> TestApp {
    let mut app = crm_desktop::configure(mock_builder(), crm).build(mock_context(noop_assets())).expect("build app");
    // The app's setup (which wires change events to the windows) runs when the event loop first
    // turns; one iteration of the mock loop does that, as `run` does for the real app.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    TestApp { _app: app, window, _dir: dir, db }
}

/// A fresh database, set up on the first start with the administrator `admin` signed in.
fn app() -> TestApp {
    let t = unconfigured_app();
    ok(&t, "auth_setup", json!({ "company": "总公司", "admin": new_user("admin", "admin", "") }));
    t
}

fn unconfigured_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    let crm = tauri::async_runtime::block_on(crm_core::Crm::open(&db));
    app_with(crm, Some(dir), db)
}

/// The app started again on the same database.
fn restarted(t: &TestApp) -> TestApp {
    let crm = tauri::async_runtime::block_on(crm_core::Crm::open(&t.db));
    app_with(crm, None, t.db.clone())
}

const PASSWORD: &str = "correct horse";

fn new_user(login: &str, role: &str, unit_id: &str) -> Value {
    json!({ "login": login, "displayName": login.to_uppercase(), "role": role, "unitId": unit_id, "password": PASSWORD })
}

fn invoke(t: &TestApp, cmd: &str, body: Value) -> Result<Value, Value> {
    let request = tauri::webview::InvokeRequest {
        cmd: cmd.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: tauri::ipc::InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(&t.window, request).map(|b| b.deserialize::<Value>().unwrap())
}

fn ok(t: &TestApp, cmd: &str, body: Value) -> Value {
    invoke(t, cmd, body.clone()).unwrap_or_else(|e| panic!("{cmd} {body} failed: {e}"))
}

fn customer(name: &str, phone: &str) -> Value {
    json!({ "name": name, "kind": "individual", "lifecycle": "potential", "phones": [phone] })
}

#[test]
fn create_find_open_edit_and_trash_a_customer() {
    let t = app();
    let created = ok(&t, "customer_create", json!({ "input": customer("张三丰", "138 0013 8000") }));
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["version"], 1);

    let hits = ok(&t, "search_customers", json!({ "query": "zsf", "limit": 5 }));
    assert_eq!(hits[0]["id"], id.as_str());
    assert_eq!(hits[0]["matched"], "pinyin");
    let by_phone = ok(&t, "search_customers", json!({ "query": "8000", "limit": 5 }));
    assert_eq!(by_phone[0]["id"], id.as_str());

    let page = ok(&t, "customer_list", json!({ "request": { "sort": { "key": "name" } } }));
    assert_eq!(page["rows"][0]["name"], "张三丰");
    assert_eq!(ok(&t, "customer_count", json!({ "filter": {} })), 1);

    let mut edit = customer("张三丰", "138 0013 8000");
    edit["lifecycle"] = json!("vip");
    let updated = ok(&t, "customer_update", json!({ "id": id, "expectedVersion": 1, "input": edit }));
    assert_eq!(updated["lifecycle"], "vip");
    let history = ok(&t, "customer_history", json!({ "id": id, "beforeSeq": null, "limit": 10 }));
    assert_eq!(history[0]["changes"][0], json!({ "field": "lifecycle", "old": "potential", "new": "vip" }));

    ok(&t, "activity_add", json!({ "customerId": id, "input": { "kind": "call", "subject": "回访" } }));
    let timeline = ok(&t, "activity_list", json!({ "customerId": id, "cursor": null, "limit": 20 }));
    assert_eq!(timeline["items"][0]["subject"], "回访");

    ok(&t, "customer_delete", json!({ "id": id }));
    assert_eq!(ok(&t, "customer_count", json!({ "filter": {} })), 0);
    assert_eq!(ok(&t, "customer_count", json!({ "filter": { "trash": true } })), 1);
    let restored = ok(&t, "customer_restore", json!({ "id": id }));
    assert_eq!(restored["deletedAt"], Value::Null);
}

#[test]
fn orders_are_entered_and_summed_per_customer() {
    let t = app();
    let c = ok(&t, "customer_create", json!({ "input": customer("张三", "13800000001") }));
    let input = json!({ "customerId": c["id"], "orderedOn": "2026-02-01", "status": "paid",
        "items": [{ "product": "茶叶", "quantity": 2, "unitPrice": 5000 }] });
    let order = ok(&t, "order_create", json!({ "input": input }));
    assert_eq!(order["amount"], 10_000);
    let summary = ok(&t, "customer_orders", json!({ "customerId": c["id"], "limit": 20 }));
    assert_eq!(summary["lastOrderOn"], "2026-02-01");
    assert_eq!(summary["totals"], json!([{ "currency": "CNY", "amount": 10_000 }]));
    let bad = json!({ "customerId": c["id"], "orderedOn": "someday", "status": "paid" });
    let err = invoke(&t, "order_create", json!({ "input": bad })).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("someday"), "{err}");
    ok(&t, "order_delete", json!({ "id": order["id"] }));
    assert_eq!(ok(&t, "customer_orders", json!({ "customerId": c["id"], "limit": 20 }))["totalOrders"], 0);
}

#[test]
fn segments_are_built_counted_explained_and_customers_assessed() {
    let t = app();
    let mut vip = customer("王五", "13800000002");
    vip["lifecycle"] = json!("vip");
    let v = ok(&t, "customer_create", json!({ "input": vip }));
    ok(&t, "customer_create", json!({ "input": customer("赵六", "13800000003") }));
    let condition = json!({ "kind": "all", "items": [
        { "kind": "test", "field": "lifecycle", "op": "is", "values": ["vip"] },
        { "kind": "test", "field": "orders.count", "op": "is", "values": ["0"], "windowDays": 30 } ] });
    assert_eq!(ok(&t, "segment_count_condition", json!({ "condition": condition })), 1);
    let half = json!({ "kind": "test", "field": "orders.amount", "op": "gte", "values": [] });
    let err = invoke(&t, "segment_count_condition", json!({ "condition": half })).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    let input = json!({ "name": "未购VIP", "kind": "dynamic", "description": null, "condition": condition });
    let s = ok(&t, "segment_create", json!({ "input": input }));
    assert_eq!(ok(&t, "segment_count", json!({ "id": s["id"] })), 1);
    let page = ok(&t, "segment_members", json!({ "id": s["id"], "cursor": null, "limit": 50 }));
    assert_eq!(page["rows"][0]["name"], "王五");
    let why = ok(&t, "segment_explain", json!({ "id": s["id"], "customerId": v["id"] }));
    assert_eq!(
        (why["member"].clone(), why["tree"]["children"][1]["test"]["actual"].clone()),
        (json!(true), json!("0"))
    );
    assert_eq!(ok(&t, "customer_segments", json!({ "customerId": v["id"] }))[0]["name"], "未购VIP");
    let dup = invoke(&t, "segment_create", json!({ "input": input })).unwrap_err();
    assert_eq!(dup["code"], "conflict");

    let summary = ok(&t, "rfm_recompute", json!({ "asOf": "2026-03-01", "windowDays": null }));
    assert_eq!((summary["customers"].clone(), summary["asOf"].clone()), (json!(2), json!("2026-03-01")));
    assert_eq!(ok(&t, "customer_rfm", json!({ "customerId": v["id"] }))["tier"], "normal");
    let err = invoke(&t, "rfm_recompute", json!({ "asOf": "March", "windowDays": null })).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    let mut settings = ok(&t, "rfm_settings", json!({}));
    settings["windowDays"] = json!(0);
    assert_eq!(invoke(&t, "rfm_set_settings", json!({ "settings": settings })).unwrap_err()["code"], "invalid_input");
}

#[test]
fn errors_cross_as_code_and_message_only() {
    let t = app();
    let bad = invoke(&t, "customer_create", json!({ "input": customer("", "12ab") })).unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
    let message = bad["message"].as_str().unwrap();
    assert!(message.contains("name is required") && message.contains("phone '12ab'"), "{message}");
    assert_eq!(bad.as_object().unwrap().len(), 2, "nothing but code and message: {bad}");

    let missing = invoke(&t, "customer_get", json!({ "id": "nope" })).unwrap_err();
    assert_eq!(missing, json!({ "code": "not_found", "message": "no customer with id nope" }));

    let c = ok(&t, "customer_create", json!({ "input": customer("李四", "") }));
    ok(&t, "customer_update", json!({ "id": c["id"], "expectedVersion": 1, "input": customer("李四四", "") }));
    let stale =
        invoke(&t, "customer_update", json!({ "id": c["id"], "expectedVersion": 1, "input": customer("李五", "") }))
            .unwrap_err();
    assert_eq!(stale["code"], "conflict");
    assert!(!stale["message"].as_str().unwrap().to_lowercase().contains("sqlite"));
    assert_eq!(ok(&t, "customer_get", json!({ "id": c["id"] }))["name"], "李四四");
}

#[test]
fn a_database_that_cannot_open_is_reported_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-db.txt");
    std::fs::write(&path, "hello").unwrap();
    let crm = tauri::async_runtime::block_on(crm_core::Crm::open(&path));
    let t = app_with(crm, Some(dir), path);
    for (cmd, body) in [("app_info", json!({})), ("customer_count", json!({ "filter": {} })), ("tag_list", json!({}))] {
        let e = invoke(&t, cmd, body).unwrap_err();
        assert_eq!(e["code"], "invalid_input");
        assert!(e["message"].as_str().unwrap().contains("not a Kehu CRM database"), "{e}");
    }
}

#[test]
fn settings_dimensions_tags_and_contacts() {
    let t = app();
    assert_eq!(ok(&t, "app_info", json!({}))["language"], Value::Null);
    ok(&t, "settings_set_language", json!({ "language": "en" }));
    assert_eq!(ok(&t, "app_info", json!({}))["language"], "en");
    let bad_language = invoke(&t, "settings_set_language", json!({ "language": "fr" })).unwrap_err();
    assert!(bad_language.is_string() || bad_language.is_object(), "unknown variants are refused");

    let field = ok(
        &t,
        "field_create",
        json!({ "input": { "key": "gender", "labelZh": "性别", "labelEn": "Gender", "fieldType": "single_select",
                "options": [{ "key": "male", "labelZh": "男", "labelEn": "Male" }] } }),
    );
    let dup = invoke(
        &t,
        "field_create",
        json!({ "input": { "key": "gender", "labelZh": "x", "labelEn": "x", "fieldType": "text" } }),
    )
    .unwrap_err();
    assert_eq!(dup["code"], "conflict");
    let fields = ok(&t, "field_list", json!({}));
    assert_eq!(fields.as_array().unwrap().len(), 4);

    let tag = ok(&t, "tag_create", json!({ "input": { "name": "重点", "color": "red" } }));
    let mut input = customer("华信科技", "");
    input["kind"] = json!("enterprise");
    input["custom"] = json!({ "gender": "男" });
    input["tagIds"] = json!([tag["id"]]);
    let c = ok(&t, "customer_create", json!({ "input": input }));
    assert_eq!(c["custom"]["gender"], "male");
    let filtered = ok(
        &t,
        "customer_list",
        json!({ "request": { "filter": { "fields": [{ "op": "oneOf", "key": "gender", "values": ["male"] }], "tagIds": [tag["id"]] } } }),
    );
    assert_eq!(filtered["rows"].as_array().unwrap().len(), 1);

    let k = ok(
        &t,
        "contact_create",
        json!({ "customerId": c["id"], "input": { "name": "钱八", "phones": ["13900001111"] } }),
    );
    assert_eq!(ok(&t, "search_customers", json!({ "query": "1111", "limit": 3 }))[0]["matchedContact"], "钱八");
    ok(&t, "contact_delete", json!({ "id": k["id"] }));
    assert_eq!(ok(&t, "contact_list", json!({ "customerId": c["id"] })), json!([]));
    ok(&t, "field_delete", json!({ "id": field["id"] }));
    ok(&t, "tag_delete", json!({ "id": tag["id"] }));
    assert_eq!(ok(&t, "tag_list", json!({})), json!([]));
}

#[test]
fn changes_are_announced_to_the_window() {
    let t = app();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let sink = seen.clone();
    t.window.listen_any("data-changed", move |e| sink.lock().unwrap().push(e.payload().to_string()));
    let c = ok(&t, "customer_create", json!({ "input": customer("王五", "") }));
    ok(&t, "tag_create", json!({ "input": { "name": "新", "color": "blue" } }));
    let events = seen.lock().unwrap().clone();
    assert_eq!(events.len(), 2, "{events:?}");
    let first: Value = serde_json::from_str(&events[0]).unwrap();
    assert_eq!(first, json!({ "entity": "customer", "ids": [c["id"]] }));
}

#[test]
fn generated_typescript_bindings_are_fresh() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/", "ui/src/ipc/bindings.ts"))
        .expect("ui/src/ipc/bindings.ts exists");
    assert!(
        committed == crm_desktop::bindings::typescript(),
        "ui/src/ipc/bindings.ts is stale: run `cargo run -- --write-bindings` and commit the result"
    );
}
