//! `crm ticket …`, `crm sla report` and `crm rule …` as a script uses them: a VIP's ticket made
//! high priority by the default rule and routed to the agent of the territory, the queue as
//! JSON, the SLA report, the rules and a manual run.

use super::{Env, PASSWORD};
use serde_json::Value;
use std::process::Output;

fn json_of(out: &Output, what: &str) -> Value {
    assert!(
        out.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn tickets_sla_and_rules_from_the_command_line() {
    let env = Env::new();
    let admin =
        |args: &[&str]| json_of(&env.run_as(Some("admin"), &[args, &["--json"]].concat(), &[]), &args.join(" "));
    admin(&["org", "add", "华北区", "--parent", "总公司"]);
    admin(&["territory", "add", "北方", "--unit", "华北区", "--place", "山东"]);
    let added = env.run_as(
        Some("admin"),
        &["user", "add", "kefu", "--role", "service", "--unit", "华北区", "--json"],
        &[("CRM_NEW_PASSWORD", PASSWORD)],
    );
    json_of(&added, "user add");
    admin(&[
        "customer",
        "add",
        "--name",
        "贵宾张",
        "--lifecycle",
        "vip",
        "--province",
        "山东",
        "--phone",
        "13800138000",
        "--external-id",
        "C-1",
    ]);
    let agent = |args: &[&str]| env.run_as(Some("kefu"), &[args, &["--json"]].concat(), &[]);

    let t = json_of(
        &agent(&["ticket", "add", "--customer", "C-1", "--subject", "设备故障", "--channel", "phone"]),
        "ticket add",
    );
    assert_eq!(t["priority"], "high", "the default VIP rule raised it");
    assert_eq!(t["assignee"], "kefu", "routed to the agent of the territory");
    assert_eq!(t["status"], "assigned");
    let bad = agent(&["ticket", "add", "--customer", "C-1", "--subject", "x", "--priority", "extreme"]);
    assert!(!bad.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&bad.stdout).unwrap()["error"]["code"], "invalid_input");

    let list = json_of(&agent(&["ticket", "list", "--status", "assigned"]), "ticket list");
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["subject"], "设备故障");
    let shown = json_of(&agent(&["ticket", "show", t["id"].as_str().unwrap()]), "ticket show");
    let kinds: Vec<&str> = shown["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["created", "priority", "assign"]);

    let report = json_of(&agent(&["sla", "report"]), "sla report");
    assert_eq!((report["total"]["tickets"].as_i64(), report["total"]["open"].as_i64()), (Some(1), Some(1)));
    assert_eq!(report["byPriority"][0]["key"], "high");

    let rules = json_of(&agent(&["rule", "list"]), "rule list");
    let builtin: Vec<&str> = rules.as_array().unwrap().iter().filter_map(|r| r["builtin"].as_str()).collect();
    assert_eq!(builtin, ["vip_ticket_high", "lead_untouched_pool", "opportunity_closing_reminder"]);
    assert_eq!(rules[0]["runs"], 1);
    let run = json_of(&env.run_as(Some("admin"), &["rule", "run", "--json"], &[]), "rule run");
    assert!(run["rulesRun"].as_i64().is_some());
    let refused = agent(&["rule", "run", "rule-vip-ticket"]);
    assert_eq!(serde_json::from_slice::<Value>(&refused.stdout).unwrap()["error"]["code"], "forbidden");
    // The run log names records of every territory: managers and administrators only.
    let runs = json_of(&env.run_as(Some("admin"), &["rule", "runs", "--json"], &[]), "rule runs");
    assert_eq!(runs[0]["outcome"], "applied");
    let refused = agent(&["rule", "runs"]);
    assert_eq!(serde_json::from_slice::<Value>(&refused.stdout).unwrap()["error"]["code"], "forbidden");
}
