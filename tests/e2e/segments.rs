//! Segments in the real window: the administrator builds "客户阶段 是 VIP" in the condition
//! builder, sees the live count while editing, saves it and sees the saved segment's count and
//! members.

use super::{PASSWORD, Step, click, sign_in, type_into, wait_text};
use fantoccini::Client;

/// A fresh database with its administrator `admin`, the window in Chinese.
pub async fn admin_in_chinese(path: &std::path::Path) -> crm_core::Crm {
    use crm_core::access::{Role, accounts::NewUser};
    let crm = crm_core::Crm::open(path).await.unwrap();
    let admin = NewUser {
        login: "admin".into(),
        display_name: "admin".into(),
        role: Role::Admin,
        unit_id: String::new(),
        password: PASSWORD.into(),
    };
    crm.create_first_admin("总公司", admin).await.unwrap();
    crm.set_language(crm_core::settings::Language::ZhCn).await.unwrap();
    crm
}

/// An administrator and three customers, two of them VIP; the window in Chinese.
pub async fn prepare_database(path: &std::path::Path) {
    use crm_core::customer::model::{CustomerInput, Lifecycle};
    let crm = admin_in_chinese(path).await;
    let a = crm_core::Actor::named("admin");
    for (name, vip) in [("周大福", true), ("吴小姐", true), ("郑先生", false)] {
        let mut c = CustomerInput::named(name);
        if vip {
            c.lifecycle = Lifecycle::Vip;
        }
        crm.create_customer(&a, c).await.unwrap();
    }
    crm.close().await;
}

/// Types into an antd select's search box and takes the first match with Enter.
pub async fn choose(c: &Client, id: &str, text: &str) -> Step<()> {
    type_into(c, id, text).await?;
    let enter = char::from(fantoccini::key::Key::Enter).to_string();
    c.active_element().await.map_err(|e| e.to_string())?.send_keys(&enter).await.map_err(|e| e.to_string())
}

pub async fn flow(c: &Client) -> Step<()> {
    sign_in(c, "admin").await?;
    click(c, "nav-segments").await?;
    click(c, "segment-new").await?;
    type_into(c, "segment-name", "VIP客户").await?;
    click(c, "condition-add-test").await?;
    choose(c, "condition-field", "客户阶段").await?;
    choose(c, "condition-value", "VIP").await?;
    // The builder's live count, before anything is saved.
    wait_text(c, "segment-live-count", "2").await?;
    click(c, "segment-name").await?; // closes the value's dropdown
    click(c, "segment-save").await?;
    wait_text(c, "segment-count", "2").await?;
    wait_text(c, "segment-member-row", "周大福").await?;
    wait_text(c, "segment-member-row", "吴小姐").await?;
    Ok(())
}
