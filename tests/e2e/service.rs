//! The service desk in the real window: a VIP caller phones; the agent types the last four digits
//! of his number, sees his card, opens a ticket from it (the default rule makes it high priority
//! and the routing gives it to him), works it to closed and records the customer's 5 stars.

use super::{PASSWORD, Step, click, eventually, sign_in, type_into, wait_text};
use fantoccini::{Client, Locator};

/// The org, the agent and the caller, through the core.
pub async fn prepare_database(path: &std::path::Path) {
    use crm_core::access::{Role, accounts::NewUser, places::Place, territories::TerritoryInput};
    use crm_core::customer::model::{CustomerInput, Lifecycle};
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
    let north = crm.create_org_unit(&a, "华北区", &admin.unit_id).await.unwrap().id;
    let places = vec![Place { province: "山东".into(), ..Default::default() }];
    crm.create_territory(&a, TerritoryInput { name: "北方".into(), unit_id: north.clone(), places }).await.unwrap();
    crm.add_user(&a, user("kefu", Role::Service, &north)).await.unwrap();
    let mut caller = CustomerInput::named("钱七");
    caller.lifecycle = Lifecycle::Vip;
    caller.province = Some("山东".into());
    caller.phones = vec!["138 0013 8000".into()];
    crm.create_customer(&a, caller).await.unwrap();
    let mut other = CustomerInput::named("孙八");
    other.province = Some("山东".into());
    other.phones = vec!["139 0000 1111".into()];
    crm.create_customer(&a, other).await.unwrap();
    crm.close().await;
}

/// Waits until the element shows one of `texts` (the window may be in Chinese or English).
async fn wait_any(c: &Client, id: &str, texts: &[&str]) -> Step<()> {
    eventually(&format!("{id} shows none of {texts:?}"), || async {
        for e in c.find_all(Locator::Css(&format!("[data-testid='{id}']"))).await.map_err(|e| e.to_string())? {
            let text = e.text().await.map_err(|e| e.to_string())?;
            if texts.iter().any(|t| text.contains(t)) {
                return Ok(());
            }
        }
        Err("not yet".to_string())
    })
    .await
}

/// Clicks an action button, then the note dialog's OK if the action asks for a note.
async fn take_action(c: &Client, action: &str) -> Step<()> {
    click(c, &format!("ticket-action-{action}")).await?;
    if matches!(action, "wait" | "resolve" | "close" | "reopen") {
        click(c, "action-note-ok").await?;
    }
    Ok(())
}

pub async fn flow(c: &Client) -> Step<()> {
    sign_in(c, "kefu").await?;
    click(c, "nav-desk").await?;
    type_into(c, "desk-search", "8000").await?;
    wait_text(c, "caller-card-name", "钱七").await?;
    click(c, "desk-new-ticket").await?;
    wait_text(c, "new-ticket-fixed-customer", "钱七").await?;
    type_into(c, "new-ticket-subject", "打印机卡纸").await?;
    click(c, "new-ticket-submit").await?;
    // The agent stays with the caller: the card lists the new ticket, raised to high by the VIP
    // rule and given by the routing to the only agent of the territory.
    wait_text(c, "caller-open-ticket", "打印机卡纸").await?;
    wait_any(c, "caller-open-ticket", &["高", "High"]).await?;
    eventually("cannot open the new ticket from the card", || async {
        let row = c.find(Locator::Css("[data-testid='caller-open-ticket'] a")).await.map_err(|e| e.to_string())?;
        row.click().await.map_err(|e| e.to_string())
    })
    .await?;
    wait_text(c, "ticket-title", "打印机卡纸").await?;
    wait_text(c, "ticket-assignee", "kefu").await?;
    wait_any(c, "ticket-priority", &["高", "High"]).await?;
    take_action(c, "start").await?;
    wait_any(c, "ticket-status", &["处理中", "In progress"]).await?;
    type_into(c, "ticket-reply-body", "已安排工程师上门").await?;
    click(c, "ticket-reply-send").await?;
    wait_text(c, "ticket-timeline", "已安排工程师上门").await?;
    take_action(c, "resolve").await?;
    wait_any(c, "ticket-status", &["已解决", "Resolved"]).await?;
    take_action(c, "close").await?;
    wait_any(c, "ticket-status", &["已关闭", "Closed"]).await?;
    // Five stars: the fifth star of the rating control.
    eventually("cannot click the fifth star", || async {
        let star = c
            .find(Locator::Css("[data-testid='ticket-rating-stars'] li:nth-child(5) div"))
            .await
            .map_err(|e| e.to_string())?;
        star.click().await.map_err(|e| e.to_string())
    })
    .await?;
    type_into(c, "ticket-rating-comment", "很快解决了").await?;
    click(c, "ticket-rating-submit").await?;
    wait_text(c, "ticket-rating-given", "很快解决了").await?;
    // The caller's card now lists the ticket as past.
    click(c, "nav-desk").await?;
    type_into(c, "desk-search", "8000").await?;
    wait_text(c, "caller-past-ticket", "打印机卡纸").await?;
    Ok(())
}
