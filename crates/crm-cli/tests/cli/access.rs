//! `crm` acts as a user: it signs in, obeys that user's scope, and scripts can manage users, the
//! org tree and territories.

use super::{Env, PASSWORD};
use serde_json::Value;
use std::process::Output;

fn json_of(out: &Output, what: &str) -> Value {
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn failure(out: &Output) -> String {
    assert!(!out.status.success(), "should have failed: {}", String::from_utf8_lossy(&out.stdout));
    // With --json the error is on stdout, else on stderr.
    format!("{}{}", String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&out.stdout))
}

#[test]
fn a_new_database_asks_for_setup_and_a_shared_one_for_a_user() {
    let env = Env::unconfigured();
    let hint = failure(&env.crm(&["search", "x"]));
    assert!(hint.contains("crm setup --company"), "{hint}");
    let out =
        env.run_as(None, &["setup", "--company", "小店", "--admin", "owner", "--json"], &[("CRM_PASSWORD", PASSWORD)]);
    assert_eq!(json_of(&out, "setup")["role"], "admin");
    // Not staying signed in: every command needs a user.
    assert!(failure(&env.crm(&["search", "x"])).contains("--user"));
    let wrong = env.run_as(None, &["--user", "owner", "search", "x"], &[("CRM_PASSWORD", "guess guess")]);
    assert!(failure(&wrong).contains("wrong sign-in name or password"));
    assert_eq!(json_of(&env.run_as(Some("owner"), &["search", "x", "--json"], &[]), "search"), Value::Array(vec![]));
    // Without a terminal and without CRM_PASSWORD there is nobody to ask.
    assert!(failure(&env.run_as(None, &["--user", "owner", "search", "x"], &[])).contains("set CRM_PASSWORD"));
}

#[test]
fn scripts_build_the_org_and_a_rep_sees_only_his_territory() {
    let env = Env::new();
    let admin =
        |args: &[&str]| json_of(&env.run_as(Some("admin"), &[args, &["--json"]].concat(), &[]), &args.join(" "));
    admin(&["org", "add", "华北区", "--parent", "总公司"]);
    admin(&["org", "add", "华南区", "--parent", "总公司"]);
    admin(&["org", "add", "济南组", "--parent", "华北区"]);
    let cycle = env.run_as(Some("admin"), &["org", "move", "华北区", "--parent", "济南组"], &[]);
    assert!(failure(&cycle).contains("lies below it"), "a unit cannot move under its own child");
    admin(&["territory", "add", "北方", "--unit", "华北区", "--place", "中国/山东", "--place", "北京"]);
    admin(&["territory", "add", "南方", "--unit", "华南区", "--place", "广东"]);
    let overlap =
        env.run_as(Some("admin"), &["territory", "add", "青岛", "--unit", "华南区", "--place", "/山东/青岛"], &[]);
    assert!(failure(&overlap).contains("北方"), "the overlapping territory is named");
    let added = env.run_as(
        Some("admin"),
        &["user", "add", "north_rep", "--role", "sales", "--unit", "华北区", "--json"],
        &[("CRM_NEW_PASSWORD", PASSWORD)],
    );
    assert_eq!(json_of(&added, "user add")["unitName"], "华北区");
    // A second user ends staying signed in: the shared database now wants a name.
    assert!(failure(&env.crm(&["search", "x"])).contains("--user"));

    admin(&[
        "customer",
        "add",
        "--name",
        "广州白云贸易",
        "--province",
        "广东省",
        "--city",
        "广州",
        "--phone",
        "13800001111",
    ]);
    admin(&[
        "customer",
        "add",
        "--name",
        "青岛啤酒客户",
        "--province",
        "山东",
        "--city",
        "青岛",
        "--phone",
        "13900001111",
    ]);
    let territories = admin(&["territory", "list"]);
    let counts: Vec<(&str, i64)> = territories
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["customerCount"].as_i64().unwrap()))
        .collect();
    assert_eq!(counts, vec![("北方", 1), ("南方", 1)]);

    let rep = |args: &[&str]| env.run_as(Some("north_rep"), &[args, &["--json"]].concat(), &[]);
    let hits = json_of(&rep(&["search", "1111"]), "rep search");
    let names: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["青岛啤酒客户"]);
    let other_id = json_of(&env.run_as(Some("admin"), &["search", "广州白云", "--json"], &[]), "search")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown = rep(&["customer", "show", &other_id]);
    let refusal: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert!(!shown.status.success());
    assert_eq!(refusal["error"]["code"], "forbidden", "{refusal}");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("mine.csv");
    assert_eq!(json_of(&rep(&["export", "customers", csv.to_str().unwrap()]), "export")["exported"], 1);
    assert!(!std::fs::read_to_string(&csv).unwrap().contains("广州白云贸易"));
    assert!(failure(&rep(&["user", "add", "friend", "--role", "admin", "--unit", "总公司"])).contains("administrator"));

    admin(&["user", "deactivate", "north_rep"]);
    assert!(failure(&rep(&["search", "x"])).contains("deactivated"));
    let log = admin(&["audit", "--by", "north_rep", "--security"]);
    let kinds: Vec<&str> = log.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["sign_in_failed", "refused", "refused"], "{log}");
}
