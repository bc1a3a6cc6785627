//! `crm import leads`, `crm lead …` and `crm funnel` as a script uses them: the pool, a rep's
//! claim, conversion with an opportunity, refusals with exit codes, and the funnel's JSON.

use super::{Env, PASSWORD};
use serde_json::Value;
use std::process::Output;

fn json_of(out: &Output, what: &str) -> Value {
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn leads_go_from_import_through_the_pool_to_a_converted_customer_and_the_funnel() {
    let env = Env::new();
    let admin =
        |args: &[&str]| json_of(&env.run_as(Some("admin"), &[args, &["--json"]].concat(), &[]), &args.join(" "));
    admin(&["org", "add", "华北区", "--parent", "总公司"]);
    admin(&["territory", "add", "北方", "--unit", "华北区", "--place", "山东"]);
    let added = env.run_as(
        Some("admin"),
        &["user", "add", "li", "--role", "sales", "--unit", "华北区", "--json"],
        &[("CRM_NEW_PASSWORD", PASSWORD)],
    );
    json_of(&added, "user add");
    let rep = |args: &[&str]| env.run_as(Some("li"), &[args, &["--json"]].concat(), &[]);

    let bad = env.file("bad.csv", "name,phone,province,city\n张三,12,山东,青岛\n".as_bytes());
    let out = env.run_as(Some("admin"), &["import", "leads", bad.to_str().unwrap()], &[]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("line 2: phone '12'"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let csv = "name,company,phone,email,source,province,city,notes\n\
               张三,青岛海纳,13800000001,zs@haina.example,展会,山东,青岛,要报价\n\
               李四,,13800000002,,网站,山东,济南,\n";
    let file = env.file("leads.csv", csv.as_bytes());
    let report = admin(&["import", "leads", file.to_str().unwrap()]);
    assert_eq!((report["imported"].as_u64(), report["assigned"].as_u64()), (Some(2), Some(0)), "no rules: the pool");

    let pool = json_of(&rep(&["lead", "list", "--status", "未分配"]), "lead list");
    assert_eq!(pool.as_array().unwrap().len(), 2);
    let id = pool.as_array().unwrap().iter().find(|l| l["name"] == "张三").unwrap()["id"].as_str().unwrap().to_string();
    let claimed = json_of(&rep(&["lead", "claim", &id]), "claim");
    assert_eq!((claimed["status"].as_str(), claimed["owner"].as_str()), (Some("pending"), Some("li")));
    let again = rep(&["lead", "claim", &id]);
    assert!(!again.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&again.stdout).unwrap()["error"]["code"], "illegal_transition");
    let restore = rep(&["lead", "restore", &id]);
    assert_eq!(serde_json::from_slice::<Value>(&restore.stdout).unwrap()["error"]["code"], "forbidden");
    json_of(&rep(&["lead", "follow-up", &id, "--subject", "电话沟通"]), "follow-up");
    let mine = json_of(&rep(&["lead", "list", "--mine", "--status", "following_up"]), "mine");
    assert_eq!(mine.as_array().unwrap().len(), 1);

    let conversion = json_of(
        &rep(&[
            "lead",
            "convert",
            &id,
            "--contact",
            "--opportunity",
            "海纳 ERP",
            "--amount",
            "12,000.50",
            "--close",
            "2026-12-31",
        ]),
        "convert",
    );
    assert_eq!(conversion["lead"]["status"], "converted");
    let customer = admin(&["customer", "show", conversion["customerId"].as_str().unwrap()]);
    assert_eq!(
        (customer["customer"]["name"].as_str(), customer["customer"]["kind"].as_str()),
        (Some("青岛海纳"), Some("enterprise"))
    );
    assert_eq!(customer["contacts"][0]["name"], "张三", "the lead's person became the contact");
    let shown = json_of(&rep(&["lead", "show", &id]), "show");
    let actions: Vec<&str> =
        shown["transitions"].as_array().unwrap().iter().map(|t| t["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["convert", "follow_up", "claim", "create"]);

    let funnel = json_of(&rep(&["funnel"]), "funnel");
    assert_eq!((funnel["currency"].as_str(), funnel["openAmount"].as_i64()), (Some("CNY"), Some(1_200_050)));
    assert_eq!(funnel["weightedForecast"].as_i64(), Some(120_005), "10% of the first stage");
    assert_eq!(funnel["byMonth"][0]["key"], "2026-12");
    let text = env.run_as(Some("li"), &["funnel"], &[]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("初步沟通"), "{}", String::from_utf8_lossy(&text.stdout));
    let opportunities = json_of(&rep(&["opportunity", "--stage", "initial"]), "opportunity list");
    assert_eq!(opportunities[0]["name"], "海纳 ERP");
    let bad_date = rep(&["funnel", "--from", "yesterday"]);
    assert!(!bad_date.status.success());
}
