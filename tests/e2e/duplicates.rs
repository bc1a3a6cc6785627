//! 查重 in the real window: the same customer typed twice (张三 and 章三 with one number in two
//! spellings, each with a follow-up). The administrator finds the pair, keeps 张三 with 章三's
//! city, merges, finds one customer left with both follow-ups, then undoes the merge from the
//! history and finds both back.

use super::segments::admin_in_chinese;
use super::{Step, click, sign_in, wait_text};
use fantoccini::{Client, Locator};

pub async fn prepare_database(path: &std::path::Path) {
    use crm_core::activity::{ActivityInput, ActivityKind};
    use crm_core::customer::model::CustomerInput;
    let crm = admin_in_chinese(path).await;
    let a = crm_core::Actor::named("admin");
    for (name, phone, city, call) in
        [("张三", "138 0013 8000", "北京", "首次来电"), ("章三", "+86 13800138000", "青岛", "询价")]
    {
        let mut c = CustomerInput::named(name);
        c.phones = vec![phone.into()];
        c.city = Some(city.into());
        let id = crm.create_customer(&a, c).await.unwrap().id;
        let activity = ActivityInput {
            kind: ActivityKind::Call,
            occurred_at: None,
            subject: call.into(),
            body: None,
            opportunity_id: None,
        };
        crm.add_activity(&a, &id, activity).await.unwrap();
    }
    crm.close().await;
}

async fn screenshot(c: &Client, name: &str) {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(std::env::temp_dir().join(format!("kehu-e2e-{name}.png")), png);
    }
}

/// Clicks the first element whose test id starts with `prefix`.
async fn click_prefixed(c: &Client, prefix: &str) -> Step<()> {
    super::eventually(&format!("nothing to click with a test id starting {prefix}"), || async {
        let found = c.find(Locator::Css(&format!("[data-testid^='{prefix}']"))).await.map_err(|e| e.to_string())?;
        found.click().await.map_err(|e| e.to_string())
    })
    .await
}

pub async fn flow(c: &Client) -> Step<()> {
    sign_in(c, "admin").await?;
    click(c, "nav-customers").await?;
    click(c, "find-duplicates").await?;
    wait_text(c, "duplicates-summary", "1").await?;
    wait_text(c, "duplicate-reason", "同一电话").await?;
    click(c, "duplicate-cluster").await?;
    wait_text(c, "merge-table", "章三").await?;
    click(c, "merge-pick-location-1").await?;
    screenshot(c, "duplicates-review").await;
    click(c, "merge-confirm").await?;
    wait_text(c, "merge-confirm-text", "张三").await?;
    click(c, "merge-confirm-ok").await?;
    wait_text(c, "duplicates-empty", "").await?;

    click(c, "duplicates-tab-history").await?;
    wait_text(c, "merge-history", "章三").await?;
    screenshot(c, "duplicates-history").await;
    click(c, "duplicates-back").await?;
    wait_text(c, "customer-count", "共 1 位客户").await?;
    wait_text(c, "customer-row", "张三").await?;

    click(c, "find-duplicates").await?;
    click(c, "duplicates-tab-history").await?;
    click_prefixed(c, "merge-undo-").await?;
    click(c, "merge-undo-confirm").await?;
    wait_text(c, "merge-history", "撤销").await?;
    click(c, "duplicates-back").await?;
    wait_text(c, "customer-count", "共 2 位客户").await?;
    wait_text(c, "customer-row", "章三").await?;
    Ok(())
}
