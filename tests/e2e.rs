//! End to end in the REAL app window: tauri-driver + WebKitWebDriver drive the built
//! `crm-desktop` (with the bundled UI) on a fresh database. Run by `scripts/test-all.sh` under
//! Xvfb:  xvfb-run -a cargo test --test e2e -- --ignored
//!
//! The database is prepared through the core: two regions with a territory each, a sales rep in
//! 华北区 and a customer in 广州 (华南区). The rep signs in on the sign-in screen, creates a
//! customer in 青岛 through the form, finds it by pinyin initials, opens its 360 page and logs an
//! activity; the 广州 customer cannot be found by search. `e2e/sales.rs` follows leads imported
//! and assigned by a rule through follow-up and conversion to the new customer's 360 page;
//! `e2e/service.rs` a caller's ticket; `e2e/segments.rs` builds a segment and sees its count; `e2e/campaigns.rs` writes a campaign,
//! previews it and exports it as .eml files; `e2e/backup.rs` takes a backup in Settings and
//! stages its restore; `e2e/imports.rs` imports a GBK CSV through the wizard and reverts it.

#[path = "e2e/backup.rs"]
mod backup;
#[path = "e2e/campaigns.rs"]
mod campaigns;
#[path = "e2e/duplicates.rs"]
mod duplicates;
#[path = "e2e/imports.rs"]
mod imports;
#[path = "e2e/sales.rs"]
mod sales;
#[path = "e2e/segments.rs"]
mod segments;
#[path = "e2e/service.rs"]
mod service;

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::Duration;

/// tauri-driver in its own process group, killed with its WebKitWebDriver child when dropped (an
/// orphaned WebKitWebDriver would keep its port and break the next run).
struct Driver {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // "--": a negative number is a process group, not an option.
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.child.id())]).status();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn app_binary() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/debug/crm-desktop");
    assert!(p.exists(), "build the app first: cargo build --bin crm-desktop");
    p
}

const PASSWORD: &str = "correct horse";

/// The org of the seed's cross-region example, written before the app starts.
async fn prepare_database(path: &std::path::Path) {
    use crm_core::access::{Role, accounts::NewUser, places::Place, territories::TerritoryInput};
    let crm = crm_core::Crm::open(path).await.unwrap();
    let user = |login: &str, role: Role, unit_id: &str| NewUser {
        login: login.into(),
        display_name: login.into(),
        role,
        unit_id: unit_id.into(),
        password: PASSWORD.into(),
    };
    let admin = crm.create_first_admin("总公司", user("admin", Role::Admin, "")).await.unwrap();
    let a = crm_core::Actor::named("admin");
    for (unit, territory, province) in [("华北区", "北方", "山东"), ("华南区", "南方", "广东")] {
        let unit_id = crm.create_org_unit(&a, unit, &admin.unit_id).await.unwrap().id;
        let places = vec![Place { province: province.into(), ..Default::default() }];
        crm.create_territory(&a, TerritoryInput { name: territory.into(), unit_id: unit_id.clone(), places })
            .await
            .unwrap();
        if unit == "华北区" {
            crm.add_user(&a, user("north_rep", Role::Sales, &unit_id)).await.unwrap();
        }
    }
    let mut canton = crm_core::customer::model::CustomerInput::named("广州白云贸易");
    (canton.province, canton.city) = (Some("广东".into()), Some("广州".into()));
    crm.create_customer(&a, canton).await.unwrap();
    crm.close().await;
}

/// Starts tauri-driver for an app on a database that `prepare` writes first.
async fn start_driver_with<F, Fut>(prepare: F) -> Driver
where
    F: FnOnce(PathBuf) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    prepare(dir.path().join("e2e.db")).await;
    let (port, native) = (free_port(), free_port());
    let child = Command::new("tauri-driver")
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        // The app it starts inherits this: a fresh database for the test.
        .env("CRM_DB", dir.path().join("e2e.db"))
        .process_group(0)
        .spawn()
        .expect("tauri-driver on PATH (cargo install tauri-driver --locked)");
    Driver { child, port, _dir: dir }
}

async fn connect(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("tauri:options".into(), serde_json::json!({ "application": app_binary().to_str().unwrap() }));
    caps.insert("browserName".into(), "wry".into());
    let url = format!("http://127.0.0.1:{}", driver.port);
    for _ in 0..100 {
        match ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
            Ok(c) => return c,
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    panic!("could not start a session with tauri-driver on {url}");
}

type Step<T> = Result<T, String>;

/// Retries `attempt` until it succeeds or 20 s pass (the UI animates drawers and loads data).
async fn eventually<T, F, Fut>(what: &str, mut attempt: F) -> Step<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        // A WebDriver call can hang (no reply); each attempt gets a few seconds.
        let result = match tokio::time::timeout(Duration::from_secs(5), attempt()).await {
            Ok(r) => r,
            Err(_) => Err("no reply within 5 s".to_string()),
        };
        match result {
            Ok(v) => return Ok(v),
            Err(e) if std::time::Instant::now() > deadline => return Err(format!("{what}: {e}")),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

async fn by_test_id(c: &Client, id: &str) -> Step<Element> {
    let css = format!("[data-testid='{id}']");
    eventually(&format!("no element data-testid={id}"), || async {
        c.find(Locator::Css(&css)).await.map_err(|e| e.to_string())
    })
    .await
}

/// Clicks like a user: only once the element stands still. WebDriver clicks at the point where
/// the element was when asked, so a click during a dialog's zoom-in can land on the mask behind it
/// and cancel the dialog instead (this made the service flow fail on a loaded CI machine).
async fn click(c: &Client, id: &str) -> Step<()> {
    eprintln!("e2e: click {id}");
    let el = by_test_id(c, id).await?;
    eventually(&format!("{id} keeps moving"), || async {
        let before = el.rectangle().await.map_err(|e| e.to_string())?;
        tokio::time::sleep(Duration::from_millis(150)).await;
        let after = el.rectangle().await.map_err(|e| e.to_string())?;
        if before == after { Ok(()) } else { Err(format!("moved from {before:?} to {after:?}")) }
    })
    .await?;
    eventually(&format!("cannot click {id}"), || async { el.click().await.map_err(|e| e.to_string()) }).await
}

async fn type_into(c: &Client, id: &str, text: &str) -> Step<()> {
    eprintln!("e2e: type «{text}» into {id}");
    let el = by_test_id(c, id).await?;
    let input = match el.find(Locator::Css("input, textarea")).await {
        Ok(inner) => inner,
        Err(_) => el,
    };
    eventually(&format!("cannot type into {id}"), || async {
        input.click().await.map_err(|e| e.to_string())?;
        input.send_keys(text).await.map_err(|e| e.to_string())
    })
    .await
}

/// Waits until an element with `id` shows `needle`; returns its text.
async fn wait_text(c: &Client, id: &str, needle: &str) -> Step<String> {
    eprintln!("e2e: wait for «{needle}» in {id}");
    let css = format!("[data-testid='{id}']");
    eventually(&format!("no [data-testid={id}] showed «{needle}»"), || async {
        for el in c.find_all(Locator::Css(&css)).await.map_err(|e| e.to_string())? {
            if let Ok(t) = el.text().await
                && t.contains(needle)
            {
                return Ok(t);
            }
        }
        Err("not yet".to_string())
    })
    .await
}

async fn sign_in(c: &Client, login: &str) -> Step<()> {
    type_into(c, "sign-in-login", login).await?;
    type_into(c, "sign-in-password", PASSWORD).await?;
    click(c, "sign-in-submit").await?;
    wait_text(c, "current-user-name", login).await?;
    Ok(())
}

/// The rep's flow in the real window.
async fn flow(c: &Client) -> Step<()> {
    sign_in(c, "north_rep").await?;

    // Another region's customer is not there for him.
    click(c, "global-search").await?;
    type_into(c, "search-palette-input", "广州白云").await?;
    by_test_id(c, "search-status-none").await?;
    let escape = char::from(fantoccini::key::Key::Escape).to_string();
    c.active_element().await.map_err(|e| e.to_string())?.send_keys(&escape).await.map_err(|e| e.to_string())?;

    // Create a customer in his territory through the form.
    click(c, "new-customer").await?;
    by_test_id(c, "customer-form").await?;
    type_into(c, "field-name", "张三丰").await?;
    type_into(c, "field-phone-0", "138 0013 8000").await?;
    type_into(c, "field-email-0", "zsf@wudang.cn").await?;
    type_into(c, "field-province", "山东").await?;
    type_into(c, "field-city", "青岛").await?;
    click(c, "customer-form-submit").await?;
    wait_text(c, "customer-row", "张三丰").await?;

    // Find it by its pinyin initials and open its 360 page.
    click(c, "global-search").await?;
    type_into(c, "search-palette-input", "zsf").await?;
    wait_text(c, "search-result", "张三丰").await?;
    click(c, "search-result").await?;
    wait_text(c, "customer-title", "张三丰").await?;
    wait_text(c, "customer-territory", "北方").await?;

    // Add an activity and see it in the timeline and in the change history.
    click(c, "add-activity").await?;
    type_into(c, "activity-subject", "电话回访：确认报价").await?;
    click(c, "activity-submit").await?;
    wait_text(c, "timeline-item", "电话回访：确认报价").await?;
    wait_text(c, "history-item", "电话回访：确认报价").await?;
    Ok(())
}

/// The open dialogs, the test ids on screen and the start of the page's text.
async fn describe_page(c: &Client) -> String {
    const SCRIPT: &str = r#"
        const shown = (e) => e.getClientRects().length > 0;
        const ids = [...document.querySelectorAll('[data-testid]')].filter(shown).map((e) => e.dataset.testid);
        const dialogs = [...document.querySelectorAll('.ant-modal, .ant-drawer, .ant-popover')].filter(shown).map((e) => e.className);
        return 'dialogs: ' + JSON.stringify(dialogs) + '\ntest ids: ' + [...new Set(ids)].join(' ')
            + '\ntext: ' + document.body.innerText.replace(/\s+/g, ' ').slice(0, 1500);
    "#;
    match tokio::time::timeout(Duration::from_secs(10), c.execute(SCRIPT, vec![])).await {
        Ok(Ok(v)) => v.as_str().unwrap_or_default().to_string(),
        Ok(Err(e)) => format!("(could not read the page: {e})"),
        Err(_) => "(the page did not answer)".to_string(),
    }
}

/// Runs `flow` in a fresh app window on a database that `prepare` wrote; on failure keeps a
/// screenshot in the temp folder.
async fn in_app_window<P, PFut, F>(name: &str, prepare: P, flow: F)
where
    P: FnOnce(PathBuf) -> PFut,
    PFut: std::future::Future<Output = ()>,
    F: AsyncFnOnce(&Client) -> Step<()>,
{
    let driver = start_driver_with(prepare).await;
    let c = connect(&driver).await;
    let outcome = flow(&c).await;
    eprintln!("e2e: {name} {}", if outcome.is_ok() { "passed" } else { "failed" });
    if outcome.is_err() {
        // The screenshot stays on the machine that ran the test; what the page showed goes to the log.
        eprintln!("what the window showed:\n{}", describe_page(&c).await);
    }
    if outcome.is_err()
        && let Ok(Ok(png)) = tokio::time::timeout(Duration::from_secs(10), c.screenshot()).await
    {
        let path = std::env::temp_dir().join(format!("kehu-e2e-{name}-failure.png"));
        let _ = std::fs::write(&path, png);
        eprintln!("screenshot of the failure: {}", path.display());
    }
    // Close the session and stop the driver before judging, so a failure leaves nothing running.
    // (Closing can hang when the app quits first; the driver is killed either way.)
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    outcome.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn a_rep_signs_in_works_his_region_and_cannot_find_another() {
    in_app_window("customers", |db| async move { prepare_database(&db).await }, flow).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn imported_leads_are_assigned_followed_up_and_converted() {
    in_app_window("sales", |db| async move { sales::prepare_database(&db).await }, sales::flow).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn a_caller_is_found_by_four_digits_and_his_ticket_is_closed_with_a_rating() {
    in_app_window("service", |db| async move { service::prepare_database(&db).await }, service::flow).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn a_segment_is_built_in_the_condition_builder_and_counted() {
    in_app_window("segments", |db| async move { segments::prepare_database(&db).await }, segments::flow).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn a_campaign_is_written_previewed_and_exported_as_eml_files() {
    let out = tempfile::tempdir().unwrap();
    let eml_dir = out.path().join("会员日");
    let flow_dir = eml_dir.clone();
    in_app_window(
        "campaigns",
        |db| async move { campaigns::prepare_database(&db).await },
        async move |c: &Client| campaigns::flow(c, &flow_dir).await,
    )
    .await;
    assert_eq!(std::fs::read_dir(&eml_dir).unwrap().count(), 2);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn a_backup_is_taken_in_settings_and_its_restore_staged() {
    let db = std::sync::Arc::new(std::sync::Mutex::new(PathBuf::new()));
    let kept = db.clone();
    in_app_window(
        "backup",
        |path| async move {
            *kept.lock().unwrap() = path.clone();
            segments::prepare_database(&path).await
        },
        async |c: &Client| {
            let path = db.lock().unwrap().clone();
            backup::flow(c, &path).await
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn a_gbk_csv_is_imported_through_the_wizard_and_reverted() {
    let files = tempfile::tempdir().unwrap();
    let file = imports::write_file(files.path());
    in_app_window(
        "import",
        // The flow reads the wizard's Chinese texts, whatever the machine's locale.
        |db| async move { segments::admin_in_chinese(&db).await.close().await },
        async |c: &Client| imports::flow(c, &file).await,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn duplicates_are_found_merged_with_a_picked_value_and_the_merge_undone() {
    in_app_window("duplicates", |db| async move { duplicates::prepare_database(&db).await }, duplicates::flow).await;
}
