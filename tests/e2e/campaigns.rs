//! A campaign in the real window: the administrator writes one to a segment with a blacklist
//! excluded, sees the audience and a recipient's rendered message, exports it as .eml files to a
//! folder and reads the results.

use super::segments::choose;
use super::{Step, by_test_id, click, sign_in, type_into, wait_text};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

/// An administrator, three customers with addresses (周大福 of 周氏珠宝) and the segments 全部客户
/// (dynamic, everyone) and 黑名单 (fixed, holding 郑先生); the window in Chinese.
pub async fn prepare_database(path: &std::path::Path) {
    use crm_core::conditions::Condition;
    use crm_core::customer::model::CustomerInput;
    use crm_core::segments::{SegmentInput, SegmentKind};
    let crm = super::segments::admin_in_chinese(path).await;
    let a = crm_core::Actor::named("admin");
    let mut ids = Vec::new();
    for (name, email) in [("周大福", "zhou@example.com"), ("吴小姐", "wu@example.com"), ("郑先生", "zheng@example.com")]
    {
        let mut c = CustomerInput::named(name);
        c.emails = vec![email.into()];
        if name == "周大福" {
            c.company = Some("周氏珠宝".into());
        }
        ids.push(crm.create_customer(&a, c).await.unwrap().id);
    }
    let segment =
        |name: &str, kind| SegmentInput { name: name.into(), kind, description: None, condition: Condition::always() };
    crm.create_segment(&a, segment("全部客户", SegmentKind::Dynamic)).await.unwrap();
    let blacklist = crm.create_segment(&a, segment("黑名单", SegmentKind::Fixed)).await.unwrap().id;
    crm.add_segment_members(&a, &blacklist, &[ids[2].clone()]).await.unwrap();
    crm.close().await;
}

pub async fn flow(c: &Client, eml_dir: &std::path::Path) -> Step<()> {
    sign_in(c, "admin").await?;
    click(c, "nav-campaigns").await?;
    click(c, "campaign-new").await?;
    type_into(c, "campaign-name", "会员日").await?;
    choose(c, "campaign-segment", "全部客户").await?;
    choose(c, "campaign-exclude-segment", "黑名单").await?;
    type_into(c, "campaign-from-address", "shop@example.com").await?;
    type_into(c, "campaign-subject", "{{name}}您好").await?;
    type_into(c, "campaign-body", "{{公司|贵公司}}会员日快乐").await?;
    click(c, "campaign-save").await?;
    wait_text(c, "campaign-title", "会员日").await?;
    wait_text(c, "audience-recipients", "2").await?;
    // The first member's message, rendered by the core.
    wait_text(c, "campaign-preview-subject", "周大福您好").await?;
    wait_text(c, "campaign-preview-body", "周氏珠宝会员日快乐").await?;

    click(c, "campaign-send").await?;
    click(c, "campaign-channel-eml").await?;
    // Replaces the suggested folder as a user does (select all, delete): the field is React's,
    // and WebDriver's clear would leave React's value in place.
    let folder = by_test_id(c, "campaign-send-folder").await?;
    let input = folder.find(Locator::Css("input")).await.unwrap_or(folder);
    let key = |k: Key| char::from(k).to_string();
    let select_all_delete = format!("{}a{}{}", key(Key::Control), key(Key::Null), key(Key::Backspace));
    input.click().await.map_err(|e| e.to_string())?;
    input.send_keys(&select_all_delete).await.map_err(|e| e.to_string())?;
    type_into(c, "campaign-send-folder", &eml_dir.display().to_string()).await?;
    click(c, "campaign-send-confirm").await?;
    wait_text(c, "report-delivered", "2").await?;
    wait_text(c, "report-skipped", "1").await?;
    click(c, "campaign-send-close").await?;
    wait_text(c, "results-reached", "2").await?;
    wait_text(c, "recipient-reason", "排除").await?;
    let files = std::fs::read_dir(eml_dir).map_err(|e| e.to_string())?.count();
    if files != 2 {
        return Err(format!("{files} .eml files in {}, not 2", eml_dir.display()));
    }
    Ok(())
}
