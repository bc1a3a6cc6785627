//! `crm dedupe scan|merge|history|undo|dismiss` on customers imported from a file.

use super::{Env, path};

#[test]
fn duplicates_are_scanned_merged_with_a_picked_name_and_the_merge_undone() {
    let env = Env::new();
    let file = env.file(
        "客户.csv",
        "客户名称,手机,邮箱,城市\n张三,138 0013 8000,,北京\n章三,+86 13800138000,zs@example.cn,上海\n李四,13900139000,,\n"
            .as_bytes(),
    );
    assert_eq!(env.json(&["import", "customers", path(&file)])["imported"], 3);

    let scan = env.json(&["dedupe", "scan"]);
    assert_eq!((scan["scanned"].as_u64(), scan["found"].as_u64()), (Some(3), Some(1)));
    let members = scan["clusters"][0]["members"].as_array().unwrap();
    let ids: Vec<&str> = members.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(members[0]["name"], "张三", "oldest first: the suggested survivor");
    assert_eq!(scan["clusters"][0]["reasons"][0]["evidence"], "phone");
    let text = env.crm(&["dedupe", "scan"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("score 80"), "{}", String::from_utf8_lossy(&text.stdout));

    let bad = env.crm(&["dedupe", "merge", ids[0], ids[1], "--take", "name"]);
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("FIELD=CUSTOMER_ID"));
    let take_location = format!("location={}", ids[1]);
    let merged = env.json(&["dedupe", "merge", ids[0], ids[1], "--take", &take_location]);
    assert_eq!((merged["survivorName"].as_str(), merged["merged"][0]["name"].as_str()), (Some("张三"), Some("章三")));
    let found = env.json(&["search", "13800138000"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "one customer left: {found}");
    let survivor = env.json(&["customer", "show", ids[0]]);
    assert_eq!(survivor["customer"]["city"], "上海", "the location taken from 章三");
    assert_eq!(survivor["customer"]["emails"], serde_json::json!(["zs@example.cn"]), "章三's email kept");
    assert_eq!(env.json(&["dedupe", "scan"])["found"], 0);

    let history = env.json(&["dedupe", "history"]);
    let merge = history[0]["id"].as_str().unwrap().to_string();
    let undone = env.json(&["dedupe", "undo", &merge]);
    assert!(undone["undoneAt"].is_string());
    assert_eq!(env.json(&["search", "13800138000"]).as_array().unwrap().len(), 2);

    let dismissed = env.crm(&["dedupe", "dismiss", ids[0], ids[1]]);
    assert!(dismissed.status.success());
    assert_eq!(env.json(&["dedupe", "scan"])["found"], 0, "dismissed pairs are not proposed again");
}
