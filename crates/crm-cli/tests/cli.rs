//! The `crm` binary as a script or a person uses it: JSON output, exit codes, messages, and a
//! database that stays consistent when the process is killed in the middle of an import.
//! `access` covers signing in and scope, `sales` the lead and funnel commands, `service` the
//! ticket, SLA and rule commands, `dedupe` finding and merging duplicates.

#[path = "cli/access.rs"]
mod access;
#[path = "cli/dedupe.rs"]
mod dedupe;
#[path = "cli/imports.rs"]
mod imports;
#[path = "cli/sales.rs"]
mod sales;
#[path = "cli/service.rs"]
mod service;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

const PASSWORD: &str = "correct horse";

impl Env {
    /// A database set up for one person who stays signed in, so commands need no `--user`.
    fn new() -> Self {
        let env = Env::unconfigured();
        let out = env.run_as(
            None,
            &["setup", "--company", "总公司", "--admin", "admin", "--stay-signed-in"],
            &[("CRM_PASSWORD", PASSWORD)],
        );
        assert!(out.status.success(), "setup: {}", String::from_utf8_lossy(&out.stderr));
        env
    }
    fn unconfigured() -> Self {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("crm.db")
    }
    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    }
    fn crm(&self, args: &[&str]) -> Output {
        self.run_as(None, args, &[])
    }
    /// Runs `crm` as `user` (signing in with `PASSWORD`), or as the remembered user.
    fn run_as(&self, user: Option<&str>, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crm"));
        cmd.env_remove("CRM_USER").env_remove("CRM_PASSWORD").env_remove("CRM_NEW_PASSWORD").env_remove("CRM_DB");
        if let Some(user) = user {
            cmd.args(["--user", user]).env("CRM_PASSWORD", PASSWORD);
        }
        cmd.envs(env.iter().copied()).arg("--db").arg(self.db()).args(args).output().expect("run crm")
    }
    fn json(&self, args: &[&str]) -> Value {
        let out = self.crm(&[args, &["--json"]].concat());
        assert!(out.status.success(), "crm {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("JSON on stdout")
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

const CSV: &str = "external_id,name,kind,lifecycle,tier,phone,email,company,country,province,city,address,industry,size,source,owner,tags
C-1,张三丰,个人,VIP,金卡,138-0013-8000,zsf@wudang.cn,,中国,湖北,十堰,紫霄宫,education,,referral,王磊,武当;VIP客户
C-2,Acme Trading,enterprise,existing,gold,+1 415 555 0100,sales@acme.com,Acme Trading,United States,California,San Francisco,1 Market St,retail,large,website,Alice,VIP客户
";

#[test]
fn orders_import_whole_or_with_every_rejected_line() {
    let env = Env::new();
    let csv = env.file("in.csv", CSV.as_bytes());
    env.json(&["import", "customers", path(&csv)]);
    let bad = env.file(
        "bad.csv",
        "order_id,customer_external_id,date,product,quantity,unit_price\nX1,C-1,2026-01-05,茶叶,2,50\nX2,C-9,2026-01-06,茶具,1,120\n"
            .as_bytes(),
    );
    let out = env.crm(&["import", "orders", path(&bad)]);
    assert!(!out.status.success(), "a rejected line fails the import");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("line 3: no customer has the external id 'C-9'") && text.contains("nothing was imported"),
        "{text}"
    );
    let good = env.file(
        "good.csv",
        "order_id,customer_external_id,date,product,quantity,unit_price,amount\nX1,C-1,2026-01-05,茶叶,2,50,\nX1,C-1,2026-01-05,茶具,1,120,99.5\n"
            .as_bytes(),
    );
    let report = env.json(&["import", "orders", path(&good)]);
    let expected = (&serde_json::json!(1), &serde_json::json!(2), &serde_json::json!([]));
    assert_eq!((&report["orders"], &report["lines"], &report["rejected"]), expected);
    let batch = report["batch"].as_str().expect("a batch of the history");
    assert_eq!(env.json(&["import", "history"])[0]["entity"], "orders");
    env.json(&["import", "revert", batch]);
    let again = env.json(&["import", "orders", path(&good)]);
    assert_eq!(again["orders"], 1, "the reverted orders are gone, so X1 is new again");
}

#[test]
fn rfm_prints_every_customers_figures_as_of_a_day() {
    let env = Env::new();
    let csv = env.file("in.csv", CSV.as_bytes());
    env.json(&["import", "customers", path(&csv)]);
    let orders = env.file(
        "orders.csv",
        "order_id,customer_external_id,date,product,quantity,unit_price\nX1,C-1,2026-01-05,茶叶,2,50\nX2,C-1,2026-02-01,茶具,1,120\n"
            .as_bytes(),
    );
    env.json(&["import", "orders", path(&orders)]);
    let rows = env.json(&["rfm", "--as-of", "2026-02-11", "--window-days", "30"]);
    let first = &rows[0];
    assert_eq!(first["external_id"], "C-1");
    assert_eq!((first["recency_days"].as_i64(), first["frequency"].as_i64()), (Some(10), Some(1)));
    assert_eq!(first["monetary"], 12000, "only the order inside the 30 days");
    assert_eq!((first["r"].as_i64(), first["f"].as_i64(), first["m"].as_i64()), (Some(3), Some(3), Some(3)));
    assert_eq!(first["tier"], "silver");
    assert_eq!(rows[1]["recency_days"], serde_json::Value::Null);
    assert_eq!(rows[1]["tier"], "normal");
    let out = env.crm(&["rfm", "--as-of", "11/02/2026"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--as-of needs a day"));
}

#[test]
fn import_search_show_and_export_round_trip() {
    let env = Env::new();
    let csv = env.file("in.csv", CSV.as_bytes());
    let report = env.json(&["import", "customers", path(&csv)]);
    assert_eq!((&report["imported"], &report["rejected"]), (&serde_json::json!(2), &serde_json::json!([])));
    assert!(report["batch"].is_string(), "an applied import is a batch of the history");

    let hits = env.json(&["search", "zsf", "--limit", "5"]);
    let first = &hits[0];
    assert_eq!(first["name"], "张三丰");
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["company", "emails", "id", "name", "phones", "score"]);
    assert_eq!(env.json(&["search", "0100"])[0]["name"], "Acme Trading");

    let shown = env.json(&["customer", "show", "C-1"]);
    assert_eq!(shown["customer"]["tier"], "gold");
    assert_eq!(shown["tags"], serde_json::json!(["VIP客户", "武当"]));
    let by_id = env.json(&["customer", "show", first["id"].as_str().unwrap()]);
    assert_eq!(by_id["customer"]["externalId"], "C-1");

    let out = env.dir.path().join("out.csv");
    assert_eq!(env.json(&["export", "customers", path(&out)])["exported"], 2);
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(exported.starts_with("external_id,name,kind,lifecycle,tier,phone,email,company,"), "{exported}");
    assert!(exported.contains("C-1,张三丰,individual,vip,gold,138-0013-8000,zsf@wudang.cn"), "{exported}");

    // A cell a spreadsheet would run as a formula is written as text, and read back as it was.
    assert!(exported.contains(",'+1 415 555 0100,"), "{exported}");

    // Narrowed as the customer list's filter would be: by tag and by a dimension's value.
    let vip = env.dir.path().join("vip.csv");
    let narrowed = env.json(&["export", "customers", path(&vip), "--tag", "武当", "--where", "lifecycle=vip"]);
    assert_eq!(narrowed["exported"], 1);
    assert!(std::fs::read_to_string(&vip).unwrap().contains("张三丰"));
    let none = env.json(&["export", "customers", path(&vip), "--where", "lifecycle=potential", "--where", "tier=gold"]);
    assert_eq!(none["exported"], 0);
    let unknown = env.crm(&["export", "customers", path(&vip), "--tag", "没有这个标签"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no tag is named"));

    let other = Env::new();
    let copy = other.file("copy.csv", exported.as_bytes());
    assert_eq!(other.json(&["import", "customers", path(&copy)])["imported"], 2);
    assert_eq!(other.json(&["customer", "show", "C-2"])["customer"]["phones"][0], "+1 415 555 0100");
    let out2 = other.dir.path().join("out2.csv");
    other.json(&["export", "customers", path(&out2)]);
    assert_eq!(std::fs::read_to_string(&out2).unwrap(), exported, "export -> import -> export is stable");
}

#[test]
fn a_bad_line_fails_the_import_with_every_reason_and_exit_code() {
    let env = Env::new();
    let csv = env.file(
        "bad.csv",
        "name,email,kind\n张三,ok@example.com,individual\n,x@,alien\n李四,li@example.com,\n".as_bytes(),
    );
    let out = env.crm(&["import", "customers", path(&csv), "--json"]);
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["imported"], 0);
    assert_eq!(report["rejected"][0]["line"], 3);
    let reason = report["rejected"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("name is required") && reason.contains("email 'x@'") && reason.contains("kind 'alien'"),
        "{reason}"
    );
    assert_eq!(env.json(&["search", "张三"]), serde_json::json!([]), "nothing was imported");

    let text = env.crm(&["import", "customers", path(&csv)]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("line 3:") && stdout.contains("nothing was imported"), "{stdout}");

    let partial = env.json(&["import", "customers", path(&csv), "--skip-invalid"]);
    assert_eq!(partial["imported"], 2);
    assert_eq!(partial["rejected"].as_array().unwrap().len(), 1);
}

#[test]
fn errors_exit_non_zero_with_a_clear_message() {
    let env = Env::new();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["customer".into(), "add".into(), "--name".into(), " ".into()], "name is required"),
        (
            vec!["customer".into(), "add".into(), "--name".into(), "x".into(), "--kind".into(), "robot".into()],
            "kind 'robot'",
        ),
        (vec!["customer".into(), "show".into(), "nope".into()], "no customer with id or external id 'nope'"),
        (vec!["import".into(), "customers".into(), "/no/such/file.csv".into()], "cannot open /no/such/file.csv"),
    ];
    for (args, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.crm(&args);
        assert!(!out.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: ") && stderr.contains(needle), "{args:?}: {stderr}");
        let json = env.crm(&[args.as_slice(), &["--json"]].concat());
        let v: Value = serde_json::from_slice(&json.stdout).expect("JSON error on stdout");
        assert!(v["error"]["code"].is_string() && v["error"]["message"].as_str().unwrap().contains(needle), "{v}");
    }
    let not_db = env.file("notes.txt", b"plain text");
    let out = Command::new(env!("CARGO_BIN_EXE_crm")).args(["--db", path(&not_db), "search", "x"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Kehu CRM database"));
}

#[test]
fn customer_add_with_tags_fields_and_demo_data() {
    let env = Env::new();
    let added = env.json(&[
        "customer",
        "add",
        "--name",
        "华信科技",
        "--kind",
        "企业",
        "--phone",
        "021-5555 1234",
        "--email",
        "info@huaxin.cn",
        "--tag",
        "重点",
        "--tag",
        "重点",
        "--city",
        "上海",
    ]);
    assert_eq!(added["customer"]["kind"], "enterprise");
    assert_eq!(added["tags"], serde_json::json!(["重点"]));
    let unknown_field = env.crm(&["customer", "add", "--name", "x", "--field", "gender=male"]);
    assert!(String::from_utf8_lossy(&unknown_field.stderr).contains("'gender' is not a dimension"));

    let demo = env.json(&["demo-data", "--customers", "500", "--seed", "9"]);
    assert_eq!(demo["customers"], 500);
    // Demo external ids continue after the customers already there, so a second run never
    // collides; on two fresh databases the same seed gives the same customers.
    let (a, b) = (Env::new(), Env::new());
    assert_eq!(
        a.json(&["demo-data", "--customers", "300", "--seed", "9"]),
        b.json(&["demo-data", "--customers", "300", "--seed", "9"])
    );
    let export = |e: &Env| {
        let f = e.dir.path().join("x.csv");
        e.json(&["export", "customers", path(&f)]);
        std::fs::read_to_string(f).unwrap()
    };
    let (ea, eb) = (export(&a), export(&b));
    assert_eq!(ea.lines().count(), 301);
    assert!(ea == eb, "same seed, different customers");
    assert_eq!(
        env.json(&["demo-data", "--customers", "10", "--seed", "9"])["customers"],
        10,
        "a second run adds, no collisions"
    );
    let sales = env.json(&["demo-data", "--customers", "0", "--leads", "50", "--opportunities", "40", "--seed", "3"]);
    assert_eq!((sales["leads"].as_u64(), sales["opportunities"].as_u64()), (Some(50), Some(40)));
    let funnel = env.json(&["funnel"]);
    let in_stages: i64 = funnel["stages"].as_array().unwrap().iter().map(|s| s["count"].as_i64().unwrap()).sum();
    assert_eq!(in_stages, 40);
    assert_eq!(env.json(&["lead", "list", "--limit", "500"]).as_array().unwrap().len(), 50);
    assert_eq!(env.json(&["db-path"])["path"], path(&env.db()));
}

/// Kills `crm import` part-way through a large file, then checks that the database opens, passes
/// SQLite's integrity check, and holds either none or all of the file (never part of it).
#[test]
fn killing_an_import_midway_leaves_a_consistent_database() {
    let env = Env::new();
    let mut csv = String::from("external_id,name,phone,email,city\n");
    for i in 0..60_000 {
        csv.push_str(&format!("K-{i},客户{i},1380000{i:04},c{i}@example.com,城市{}\n", i % 50));
    }
    let file = env.file("big.csv", csv.as_bytes());
    env.json(&["customer", "add", "--name", "已有客户"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm"))
        .env_remove("CRM_USER")
        .args(["--db", path(&env.db()), "import", "customers", path(&file)])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();

    let check = Command::new("sqlite3").arg(env.db()).arg("PRAGMA integrity_check;").output();
    if let Ok(out) = check {
        // The system sqlite3 may be too old to read FTS5 contentless-delete tables; it still checks the b-trees.
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.trim() == "ok" || text.contains("contentless_delete"), "integrity: {text}");
    }
    let count = |q: &str| -> usize { env.json(&["search", q, "--limit", "200"]).as_array().unwrap().len() };
    assert_eq!(count("已有客户"), 1, "what was there before survives");
    let shown = env.crm(&["customer", "show", "K-59999", "--json"]);
    let imported_last = shown.status.success();
    let shown_first = env.crm(&["customer", "show", "K-0", "--json"]).status.success();
    assert_eq!(shown_first, imported_last, "all of the file or none of it (finished before the kill: {finished})");
    // The database still takes writes.
    env.json(&["customer", "add", "--name", "之后"]);
}

#[test]
fn backup_check_and_restore_from_the_command_line() {
    let env = Env::new();
    let csv = env.file("in.csv", CSV.as_bytes());
    env.json(&["import", "customers", path(&csv)]);
    let file = env.dir.path().join("before-cleanup.db");
    let taken = env.json(&["backup", "create", "--to", path(&file)]);
    assert_eq!((taken["customers"].as_i64(), taken["takenBy"].as_str()), (Some(2), Some("admin")));
    assert_eq!(env.json(&["backup", "check", path(&file)])["customers"], 2);

    // A customer added after the backup is gone once it is restored; the replaced file is kept.
    env.json(&["customer", "add", "--name", "后来的客户"]);
    assert_eq!(env.json(&["restore", path(&file)])["outcome"], "restored");
    assert!(env.json(&["search", "后来的客户"]).as_array().unwrap().is_empty());
    assert_eq!(env.json(&["search", "张三丰"])[0]["name"], "张三丰");
    assert!(env.dir.path().join("crm.db.before-restore").exists());

    let bad = env.file("notes.db", "not a database".as_bytes());
    let out = env.crm(&["restore", path(&bad)]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a Kehu CRM database (it is not an SQLite file)"), "{stderr}");
    assert!(!env.dir.path().join("crm.db.restore").exists(), "nothing staged");
}
