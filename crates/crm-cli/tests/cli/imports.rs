//! `crm import customers` with the wizard's options, `crm import history` and `crm import revert`.

use super::{Env, path};

#[test]
fn a_gbk_file_with_a_mapping_dry_run_rejected_rows_history_and_revert() {
    let env = Env::new();
    let (gbk, _, _) = encoding_rs::GBK
        .encode("客户名称;手机;鞋码;邮箱\n张三;13800138000;42;zs@example.cn\n李四;13900139000;40;li-at-example\n");
    let file = env.file("客户.csv", &gbk);
    let mapping = env.file("mapping.json", r#"{"鞋码": null}"#.as_bytes());
    let rejected = env.dir.path().join("rejected.csv");

    let out = env.crm(&["import", "customers", path(&file)]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("column '鞋码' matches no field"));

    let base = ["import", "customers", path(&file), "--mapping", path(&mapping)];
    let dry = env.json(&[&base[..], &["--dry-run", "--skip-invalid"]].concat());
    assert_eq!((dry["imported"].as_u64(), dry["dryRun"].as_bool()), (Some(1), Some(true)));
    assert_eq!(dry["source"]["encoding"], "gb18030");
    assert_eq!(dry["source"]["delimiter"], ";");
    assert_eq!(env.json(&["search", "张三"]), serde_json::json!([]), "a dry run imports nothing");

    let text = env.crm(&[&base[..], &["--skip-invalid", "--rejected", path(&rejected)]].concat());
    assert!(text.status.success());
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("imported 1 customer(s) (read as GBK/GB18030 with ';' between fields)"), "{stdout}");
    assert!(stdout.contains("columns left out: 鞋码") && stdout.contains("line 3:"), "{stdout}");
    let rejected_rows = std::fs::read_to_string(&rejected).unwrap();
    assert!(
        rejected_rows
            .starts_with("\u{feff}客户名称,手机,鞋码,邮箱,rejected_reason\n李四,13900139000,40,li-at-example,line 3:"),
        "{rejected_rows}"
    );

    // Fixed, the rejected rows go in with the remembered mapping (鞋码 left out again).
    let fixed = env.file("fixed.csv", rejected_rows.replace("li-at-example", "li@example.cn").as_bytes());
    assert_eq!(env.json(&["import", "customers", path(&fixed)])["imported"], 1);

    let history = env.json(&["import", "history"]);
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[1]["fileName"], "客户.csv");
    let batch = history[1]["id"].as_str().unwrap().to_string();
    let reverted = env.json(&["import", "revert", &batch]);
    assert!(reverted["revertedAt"].is_string());
    assert_eq!(env.json(&["search", "张三"]), serde_json::json!([]), "the reverted batch's customer is gone");
    assert_eq!(env.json(&["search", "李四"]).as_array().unwrap().len(), 1, "the other batch stays");
    let again = env.crm(&["import", "revert", &batch]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("already reverted"));

    // An Excel export reads back as a workbook with the same customers.
    let book = env.dir.path().join("out.xlsx");
    let exported = env.json(&["export", "customers", path(&book), "--format", "xlsx"]);
    assert_eq!(exported["exported"], 1);
    let dry = env.json(&["import", "customers", path(&book), "--dry-run"]);
    assert_eq!((dry["source"]["format"].as_str(), dry["imported"].as_u64()), (Some("xlsx"), Some(1)));
}

#[test]
fn an_upsert_by_phone_updates_the_match_adds_the_rest_and_reverts() {
    let env = Env::new();
    let first = env.file("first.csv", "客户名称,手机,城市\n张三,13800138000,北京\n".as_bytes());
    assert_eq!(env.json(&["import", "customers", path(&first)])["imported"], 1);
    let update =
        env.file("update.csv", "手机,城市,客户名称\n+86 138 0013 8000,上海,\n13900139000,杭州,李四\n".as_bytes());

    let refused = env.crm(&["import", "customers", path(&update), "--mode", "update", "--key", "phone"]);
    assert!(!refused.status.success());
    let stdout = String::from_utf8_lossy(&refused.stdout);
    assert!(stdout.contains("line 3: no customer has the phone 13900139000"), "{stdout}");

    let done = env.crm(&["import", "customers", path(&update), "--mode", "upsert", "--key", "phone"]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(stdout.starts_with("imported 1 customer(s) and updated 1 customer(s)"), "{stdout}");
    let zhang = env.json(&["search", "张三"]);
    assert_eq!(env.json(&["customer", "show", zhang[0]["id"].as_str().unwrap()])["customer"]["city"], "上海");

    let history = env.json(&["import", "history"]);
    assert_eq!((history[0]["mode"].as_str(), history[0]["updated"].as_u64()), (Some("upsert"), Some(1)));
    let reverted = env.crm(&["import", "revert", history[0]["id"].as_str().unwrap()]);
    assert!(String::from_utf8_lossy(&reverted.stdout).contains("removed 1 customers, restored 1 updated"));
    assert_eq!(env.json(&["customer", "show", zhang[0]["id"].as_str().unwrap()])["customer"]["city"], "北京");
    assert_eq!(env.json(&["search", "李四"]), serde_json::json!([]));
}

#[test]
fn contacts_are_imported_by_customer_and_exported_as_csv_and_vcards() {
    let env = Env::new();
    let customers = env.file("c.csv", "客户名称,类型,客户编号\n云帆科技,企业,ERP-1\n".as_bytes());
    assert_eq!(env.json(&["import", "customers", path(&customers)])["imported"], 1);
    let contacts =
        env.file("k.csv", "客户编号,姓名,职位,手机\nERP-1,王经理,总经理,13800000001\nERP-9,李四,,\n".as_bytes());

    let refused = env.crm(&["import", "contacts", path(&contacts)]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stdout).contains("line 3: no customer has the external id 'ERP-9'"));
    let done = env.json(&["import", "contacts", path(&contacts), "--skip-invalid"]);
    assert_eq!(done["imported"], 1);

    let csv = env.dir.path().join("contacts.csv");
    assert_eq!(env.json(&["export", "contacts", path(&csv)])["exported"], 1);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("ERP-1,云帆科技,王经理,总经理,13800000001,"), "{text}");
    let vcf = env.dir.path().join("contacts.vcf");
    assert_eq!(env.json(&["export", "contacts", path(&vcf), "--format", "vcard"])["exported"], 1);
    assert!(std::fs::read_to_string(&vcf).unwrap().contains("ORG:云帆科技"));
}
