//! End to end in the REAL app window: tauri-driver + WebKitWebDriver drive the built
//! `crm-desktop` (with the bundled UI) on a fresh database. Run by `scripts/test-all.sh` under
//! Xvfb:  xvfb-run -a cargo test --test e2e -- --ignored
//!
//! The flow of the foundation issue: create a customer through the form, find it by pinyin
//! initials in the search, open its 360 page, add an activity, and see it in the timeline.

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
        let _ = Command::new("kill").args(["-KILL", &format!("-{}", self.child.id())]).status();
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

fn start_driver() -> Driver {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
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

async fn by_test_id(c: &Client, id: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-testid='{id}']")))
        .await
        .unwrap_or_else(|e| panic!("no element data-testid={id}: {e}"))
}

async fn type_into(c: &Client, id: &str, text: &str) {
    let el = by_test_id(c, id).await;
    let input = match el.find(Locator::Css("input, textarea")).await {
        Ok(inner) => inner,
        Err(_) => el,
    };
    input.click().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Waits until `id`'s text contains `needle`.
async fn wait_text(c: &Client, id: &str, needle: &str) -> String {
    for _ in 0..100 {
        if let Ok(els) = c.find_all(Locator::Css(&format!("[data-testid='{id}']"))).await {
            for el in els {
                if let Ok(t) = el.text().await
                    && t.contains(needle)
                {
                    return t;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("no [data-testid={id}] showed «{needle}»");
}

#[tokio::test]
#[ignore = "drives the real app window; run by scripts/test-all.sh under Xvfb with tauri-driver"]
async fn create_a_customer_find_it_by_pinyin_and_log_an_activity() {
    let driver = start_driver();
    let c = connect(&driver).await;

    // Create a customer through the form.
    by_test_id(&c, "new-customer").await.click().await.unwrap();
    by_test_id(&c, "customer-form").await;
    type_into(&c, "field-name", "张三丰").await;
    type_into(&c, "field-phone-0", "138 0013 8000").await;
    type_into(&c, "field-email-0", "zsf@wudang.cn").await;
    by_test_id(&c, "customer-form-submit").await.click().await.unwrap();
    wait_text(&c, "customer-row", "张三丰").await;

    // Find it by its pinyin initials and open its 360 page.
    by_test_id(&c, "global-search").await.click().await.unwrap();
    type_into(&c, "search-palette-input", "zsf").await;
    wait_text(&c, "search-result", "张三丰").await;
    by_test_id(&c, "search-result").await.click().await.unwrap();
    wait_text(&c, "customer-title", "张三丰").await;

    // Add an activity and see it in the timeline.
    by_test_id(&c, "add-activity").await.click().await.unwrap();
    type_into(&c, "activity-subject", "电话回访：确认报价").await;
    by_test_id(&c, "activity-submit").await.click().await.unwrap();
    let item = wait_text(&c, "timeline-item", "电话回访：确认报价").await;
    assert!(item.contains("电话回访"), "{item}");
    // The change history shows the new activity too.
    wait_text(&c, "history-item", "电话回访：确认报价").await;

    c.close().await.unwrap();
    drop(driver);
}
