//! Campaigns to segments: the audience less the blacklist, the unsubscribed and the addressless;
//! placeholders rendered per recipient; delivery through a real SMTP server on a loopback port
//! (refusals recorded, a lost server resumed without mailing anyone twice) and as .eml files;
//! responses, conversions and the orders attributed; bad input and the territories.

mod common;
#[path = "sales/org.rs"]
mod org;
#[path = "campaigns/smtp_sink.rs"]
mod smtp_sink;
use common::*;
use crm_core::ErrorCode;
use crm_core::campaigns::smtp::{SmtpSecurity, SmtpSettingsInput};
use crm_core::campaigns::{
    CampaignInput, CampaignStatus, DeliveryChannel, DeliveryRequest, RecipientMark, RecipientOutcome,
};
use crm_core::commerce::order_model::{OrderInput, OrderLineInput, OrderStatus};
use crm_core::conditions::Condition;
use crm_core::contact::ContactInput;
use crm_core::segments::{SegmentInput, SegmentKind};
use crm_core::settings::Language;
use crm_core::{Actor, Crm};
use org::*;
use smtp_sink::SmtpSink;

struct World {
    everyone: String,
    blacklist: String,
    /// name -> customer id
    ids: Vec<(&'static str, String)>,
}

impl World {
    fn id(&self, name: &str) -> String {
        self.ids.iter().find(|(n, _)| *n == name).unwrap().1.clone()
    }
}

/// 张三 (海尔, gold, 青岛), 李四 (no company), 王五 (blacklisted), 赵六 (unsubscribed), 钱七 (no
/// address of its own, a contact's), 孙八 (no address at all), 周九 (an address the server refuses).
async fn world(crm: &Crm) -> World {
    let a = alice();
    let mut ids = Vec::new();
    for (name, email) in [
        ("张三", "zhang@example.com"),
        ("李四", "li@example.com"),
        ("王五", "wang@example.com"),
        ("赵六", "zhao@example.com"),
        ("钱七", ""),
        ("孙八", ""),
        ("周九", "reject-zhou@example.com"),
    ] {
        let mut c = person(name, "", email);
        if name == "张三" {
            c.company = Some("海尔".into());
            c.tier = Some("gold".into());
            c.city = Some("青岛".into());
        }
        if name == "钱七" {
            // Contacts belong to companies.
            c.kind = crm_core::customer::model::Kind::Enterprise;
        }
        ids.push((name, crm.create_customer(&a, c).await.unwrap().id));
    }
    let w = World { everyone: String::new(), blacklist: String::new(), ids };
    let contact =
        ContactInput { name: "钱小七".into(), title: None, phones: vec![], emails: vec!["qian@example.com".into()] };
    crm.create_contact(&a, &w.id("钱七"), contact).await.unwrap();
    crm.set_customer_unsubscribed(&a, &w.id("赵六"), true).await.unwrap();
    let everyone = crm
        .create_segment(
            &a,
            SegmentInput {
                name: "全部客户".into(),
                kind: SegmentKind::Dynamic,
                description: None,
                condition: Condition::always(),
            },
        )
        .await
        .unwrap()
        .id;
    let blacklist = crm
        .create_segment(
            &a,
            SegmentInput {
                name: "黑名单".into(),
                kind: SegmentKind::Fixed,
                description: None,
                condition: Condition::always(),
            },
        )
        .await
        .unwrap()
        .id;
    crm.add_segment_members(&a, &blacklist, &[w.id("王五")]).await.unwrap();
    World { everyone, blacklist, ..w }
}

fn campaign(w: &World, name: &str) -> CampaignInput {
    CampaignInput {
        name: name.into(),
        segment_id: w.everyone.clone(),
        exclude_segment_id: Some(w.blacklist.clone()),
        from_address: "shop@example.com".into(),
        from_name: Some("客户 CRM 商城".into()),
        subject: "{{name}}，{{公司|贵公司}}专享优惠".into(),
        body: "尊敬的{{name}}：\n您的会员等级是{{tier|普通}}，所在城市{{city|未知}}。回复即可领取。".into(),
        language: Language::ZhCn,
        attribution_days: 30,
    }
}

async fn use_sink(crm: &Crm, port: u16) {
    let settings = SmtpSettingsInput {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
    };
    crm.set_smtp_settings(&alice(), settings).await.unwrap();
}

fn smtp() -> DeliveryRequest {
    DeliveryRequest { channel: DeliveryChannel::Smtp, eml_directory: None }
}

async fn outcomes(crm: &Crm, who: &Actor, id: &str) -> Vec<(String, RecipientOutcome, Option<String>)> {
    let page = crm.campaign_recipients(who, id, None, None, 500).await.unwrap();
    page.rows.into_iter().map(|r| (r.customer_name, r.outcome, r.reason)).collect()
}

#[tokio::test]
async fn a_campaign_reaches_the_segment_less_the_excluded_through_a_real_smtp_server() {
    let db = open().await;
    let crm = &db.crm;
    let a = alice();
    let w = world(crm).await;
    let sink = SmtpSink::start().await;
    use_sink(crm, sink.port).await;
    let c = crm.create_campaign(&a, campaign(&w, "春季促销")).await.unwrap();
    assert_eq!(c.status, CampaignStatus::Draft);

    let audience = crm.campaign_audience(&a, &c.id).await.unwrap();
    assert_eq!(
        (audience.members, audience.blacklisted, audience.unsubscribed, audience.without_address, audience.recipients),
        (7, 1, 1, 1, 4)
    );
    let zhang = crm.preview_campaign(&a, &c.id, &w.id("张三")).await.unwrap();
    assert_eq!(zhang.subject, "张三，海尔专享优惠");
    assert_eq!(zhang.body, "尊敬的张三：\n您的会员等级是金卡，所在城市青岛。回复即可领取。");
    assert_eq!(zhang.excluded, None);
    let li = crm.preview_campaign(&a, &c.id, &w.id("李四")).await.unwrap();
    assert_eq!(li.subject, "李四，贵公司专享优惠");
    assert!(li.body.contains("等级是普通，所在城市未知"), "{}", li.body);
    let wang = crm.preview_campaign(&a, &c.id, &w.id("王五")).await.unwrap();
    assert_eq!(wang.excluded.as_deref(), Some("in the excluded segment"));
    let qian = crm.preview_campaign(&a, &c.id, &w.id("钱七")).await.unwrap();
    assert_eq!(qian.email.as_deref(), Some("qian@example.com"), "a contact's address serves");

    let report = crm.send_campaign(&a, &c.id, smtp()).await.unwrap();
    assert_eq!((report.delivered, report.failed, report.skipped, report.pending), (3, 1, 3, 0));
    assert_eq!(report.stopped, None);
    let got = sink.messages();
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["<li@example.com>", "<qian@example.com>", "<zhang@example.com>"]);
    let to_zhang = got.iter().find(|m| m.to == ["<zhang@example.com>"]).unwrap();
    assert_eq!(to_zhang.from, "<shop@example.com>");
    assert_eq!(smtp_sink::subject(&to_zhang.data), "张三，海尔专享优惠");
    assert_eq!(
        smtp_sink::body_text(&to_zhang.data),
        "尊敬的张三：\r\n您的会员等级是金卡，所在城市青岛。回复即可领取。"
    );
    assert_eq!(
        smtp_sink::header(&to_zhang.data, "Message-ID").unwrap(),
        format!("<{}.{}@kehu-crm.local>", c.id, w.id("张三"))
    );
    assert!(smtp_sink::header(&to_zhang.data, "List-Unsubscribe").unwrap().contains("mailto:shop@example.com"));

    let recorded = outcomes(crm, &a, &c.id).await;
    let of = |n: &str| recorded.iter().find(|r| r.0 == n).unwrap().clone();
    assert_eq!(of("张三").1, RecipientOutcome::Delivered);
    assert_eq!(of("王五"), ("王五".into(), RecipientOutcome::Skipped, Some("in the excluded segment".into())));
    assert_eq!(of("赵六").2.as_deref(), Some("unsubscribed"));
    assert_eq!(of("孙八").2.as_deref(), Some("no e-mail address"));
    assert_eq!(of("周九").1, RecipientOutcome::Failed);
    assert!(of("周九").2.unwrap().contains("no such mailbox"), "the server's reason is kept");
    let sent = crm.campaign(&a, &c.id).await.unwrap();
    assert_eq!((sent.status, sent.channel), (CampaignStatus::Sent, Some(DeliveryChannel::Smtp)));

    // Sending again retries the failed recipient only; nobody delivered is mailed twice.
    let again = crm.send_campaign(&a, &c.id, smtp()).await.unwrap();
    assert_eq!((again.delivered, again.failed), (3, 1));
    assert_eq!(sink.messages().len(), 3);

    // The audience and message are fixed once sent; the attribution window is not.
    let mut changed = campaign(&w, "春季促销");
    changed.subject = "另一个主题".into();
    assert_eq!(crm.update_campaign(&a, &c.id, changed).await.unwrap_err().code, ErrorCode::Conflict);
    let mut longer = campaign(&w, "春季促销");
    longer.attribution_days = 60;
    assert_eq!(crm.update_campaign(&a, &c.id, longer).await.unwrap().attribution_days, 60);

    let history = crm.customer_campaigns(&a, &w.id("张三")).await.unwrap();
    assert_eq!(history.campaigns.len(), 1);
    assert_eq!(history.campaigns[0].outcome, RecipientOutcome::Delivered);
    assert!(crm.customer_campaigns(&a, &w.id("赵六")).await.unwrap().unsubscribed_at.is_some());
}

#[tokio::test]
async fn a_lost_server_stops_the_run_and_sending_again_resumes_without_duplicates() {
    let db = open().await;
    let crm = &db.crm;
    let a = alice();
    let w = world(crm).await;
    // A port nobody listens on: take one and let it go.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    use_sink(crm, closed).await;
    let c = crm.create_campaign(&a, campaign(&w, "断线")).await.unwrap();
    let report = crm.send_campaign(&a, &c.id, smtp()).await.unwrap();
    assert_eq!((report.delivered, report.pending, report.skipped), (0, 4, 3));
    assert!(report.stopped.as_deref().unwrap().contains("SMTP server cannot be used"), "{:?}", report.stopped);
    assert_eq!(crm.campaign(&a, &c.id).await.unwrap().status, CampaignStatus::Sending);
    assert_eq!(crm.delete_campaign(&a, &c.id).await.unwrap_err().code, ErrorCode::Conflict);

    let sink = SmtpSink::start().await;
    use_sink(crm, sink.port).await;
    let resumed = crm.send_campaign(&a, &c.id, smtp()).await.unwrap();
    assert_eq!((resumed.delivered, resumed.failed, resumed.pending), (3, 1, 0));
    assert_eq!(sink.messages().len(), 3);
    assert_eq!(crm.campaign(&a, &c.id).await.unwrap().status, CampaignStatus::Sent);
}

#[tokio::test]
async fn eml_export_writes_one_whole_message_file_per_recipient() {
    let db = open().await;
    let crm = &db.crm;
    let a = alice();
    let w = world(crm).await;
    let c = crm.create_campaign(&a, campaign(&w, "导出")).await.unwrap();
    let relative = DeliveryRequest { channel: DeliveryChannel::Eml, eml_directory: Some("out".into()) };
    assert_eq!(crm.send_campaign(&a, &c.id, relative).await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(crm.campaign(&a, &c.id).await.unwrap().status, CampaignStatus::Draft, "a refused send freezes nothing");

    let dir = db.dir.path().join("eml").join("春季");
    let request = DeliveryRequest { channel: DeliveryChannel::Eml, eml_directory: Some(dir.display().to_string()) };
    let report = crm.send_campaign(&a, &c.id, request).await.unwrap();
    // The server-refused address is only refused by a server: as a file it is written.
    assert_eq!((report.delivered, report.failed, report.skipped), (4, 0, 3));
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let mut expected: Vec<String> =
        ["张三", "李四", "钱七", "周九"].iter().map(|n| format!("{}.eml", w.id(n))).collect();
    expected.sort();
    assert_eq!(files, expected);
    let eml = std::fs::read_to_string(dir.join(format!("{}.eml", w.id("张三")))).unwrap();
    assert_eq!(smtp_sink::subject(&eml), "张三，海尔专享优惠");
    assert!(smtp_sink::header(&eml, "To").unwrap().contains("<zhang@example.com>"));
    assert!(smtp_sink::body_text(&eml).contains("您的会员等级是金卡"));
    let sent = crm.campaign(&a, &c.id).await.unwrap();
    assert_eq!(sent.eml_directory, Some(dir.display().to_string()));
    let request = DeliveryRequest { channel: DeliveryChannel::Eml, eml_directory: Some(dir.display().to_string()) };
    assert_eq!(crm.send_campaign(&a, &c.id, request).await.unwrap_err().code, ErrorCode::Conflict);
}

async fn buy(crm: &Crm, customer: &str, on: &str, yuan: i64) {
    let input = OrderInput {
        customer_id: customer.into(),
        external_id: None,
        ordered_on: on.into(),
        status: OrderStatus::Paid,
        currency: None,
        amount: 0,
        items: vec![OrderLineInput::new("茶叶", 1, yuan * 100)],
        notes: None,
    };
    crm.create_order(&alice(), input).await.unwrap();
}

#[tokio::test]
async fn responses_conversions_and_orders_in_the_window_make_the_results() {
    let db = open().await;
    let crm = &db.crm;
    let a = alice();
    let w = world(crm).await;
    let c = crm.create_campaign(&a, campaign(&w, "结果")).await.unwrap();
    let dir = db.dir.path().join("results");
    let request = DeliveryRequest { channel: DeliveryChannel::Eml, eml_directory: Some(dir.display().to_string()) };
    crm.send_campaign(&a, &c.id, request).await.unwrap();
    // Delivered 2026-03-01 with a 30-day window: up to 2026-03-31.
    buy(crm, &w.id("张三"), "2026-03-10", 300).await;
    buy(crm, &w.id("张三"), "2026-03-20", 200).await;
    buy(crm, &w.id("李四"), "2026-04-15", 999).await; // after the window
    buy(crm, &w.id("王五"), "2026-03-05", 999).await; // not reached
    buy(crm, &w.id("钱七"), "2026-02-27", 999).await; // before delivery

    crm.mark_campaign_recipients(&a, &c.id, &[w.id("李四"), w.id("钱七")], RecipientMark::Responded, true)
        .await
        .unwrap();
    assert_eq!(
        crm.mark_campaign_recipients(&a, &c.id, &[w.id("钱七")], RecipientMark::Converted, true).await.unwrap(),
        1
    );
    // All or nothing: one skipped recipient in the list marks nobody.
    let err = crm
        .mark_campaign_recipients(&a, &c.id, &[w.id("周九"), w.id("王五")], RecipientMark::Converted, true)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("was not sent"), "{}", err.message);
    let r = crm.campaign_results(&a, &c.id).await.unwrap();
    assert_eq!((r.recipients, r.reached, r.skipped, r.responded), (7, 4, 3, 2));
    assert_eq!(r.converted, 2, "钱七 by hand, 张三 by buying in the window; 周九 was not marked");
    assert_eq!(r.attributed_orders, 2);
    assert_eq!(r.attributed_amount.len(), 1);
    assert_eq!(r.attributed_amount[0].amount, 50_000);

    // Unmarking and a longer window change the results.
    crm.mark_campaign_recipients(&a, &c.id, &[w.id("钱七")], RecipientMark::Converted, false).await.unwrap();
    let mut longer = campaign(&w, "结果");
    longer.attribution_days = 60;
    crm.update_campaign(&a, &c.id, longer).await.unwrap();
    let r = crm.campaign_results(&a, &c.id).await.unwrap();
    assert_eq!((r.converted, r.attributed_orders, r.attributed_amount[0].amount), (2, 3, 149_900));

    // An unsubscription marked on a recipient keeps the customer out of the next campaign.
    crm.mark_campaign_recipients(&a, &c.id, &[w.id("李四")], RecipientMark::Unsubscribed, true).await.unwrap();
    let next = crm.create_campaign(&a, campaign(&w, "下一次")).await.unwrap();
    let audience = crm.campaign_audience(&a, &next.id).await.unwrap();
    assert_eq!((audience.unsubscribed, audience.recipients), (2, 3));
}

#[tokio::test]
async fn bad_campaigns_are_refused_with_the_reason_and_change_nothing() {
    let db = open().await;
    let crm = &db.crm;
    let a = alice();
    let w = world(crm).await;
    let cases: Vec<(CampaignInput, &str)> = vec![
        (CampaignInput { subject: "{{nmae}}您好".into(), ..campaign(&w, "x") }, "{{nmae}} is not a customer field"),
        (CampaignInput { body: "您好 {{name".into(), ..campaign(&w, "x") }, "not closed"),
        (CampaignInput { exclude_segment_id: Some(w.everyone.clone()), ..campaign(&w, "x") }, "cannot be the segment"),
        (CampaignInput { from_address: "shop at example".into(), ..campaign(&w, "x") }, "not an e-mail address"),
        (CampaignInput { attribution_days: 0, ..campaign(&w, "x") }, "1 to 365 days"),
        (CampaignInput { segment_id: "nope".into(), ..campaign(&w, "x") }, "does not exist"),
        (CampaignInput { subject: "a\nb".into(), ..campaign(&w, "x") }, "one line"),
        (CampaignInput { name: " ".into(), ..campaign(&w, "x") }, "needs a name"),
    ];
    for (input, reason) in cases {
        let err = crm.create_campaign(&a, input).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{reason}");
        assert!(err.message.contains(reason), "{reason}: {}", err.message);
    }
    assert!(crm.campaigns(&a).await.unwrap().is_empty());
    crm.create_campaign(&a, campaign(&w, "唯一")).await.unwrap();
    assert_eq!(crm.create_campaign(&a, campaign(&w, "唯一")).await.unwrap_err().code, ErrorCode::Conflict);
    // A segment a draft goes to cannot be deleted from under it.
    let err = crm.delete_segment(&a, &w.blacklist).await.unwrap_err();
    assert!(err.message.contains("唯一"), "{}", err.message);
    // No SMTP server configured: nothing is frozen.
    let c = crm.campaigns(&a).await.unwrap().remove(0);
    assert!(crm.send_campaign(&a, &c.id, smtp()).await.unwrap_err().message.contains("no SMTP server"));
    assert!(crm.campaign_recipients(&a, &c.id, None, None, 10).await.unwrap().rows.is_empty());
    assert_eq!(crm.smtp_settings(&a).await.unwrap(), None);
}

#[tokio::test]
async fn a_rep_sends_only_to_their_territory_and_cannot_send_another_users_campaign() {
    let db = open().await;
    let crm = &db.crm;
    let a = alice();
    sales_org(crm).await;
    let sink = SmtpSink::start().await;
    use_sink(crm, sink.port).await;
    for (name, province, email) in [
        ("济南客户", "山东", "jinan@example.com"),
        ("北京客户", "北京", "bj@example.com"),
        ("上海客户", "上海", "sh@example.com"),
    ] {
        let mut c = person(name, "", email);
        c.province = Some(province.into());
        crm.create_customer(&a, c).await.unwrap();
    }
    let li = actor("li");
    let everyone = SegmentInput {
        name: "全部".into(),
        kind: SegmentKind::Dynamic,
        description: None,
        condition: Condition::always(),
    };
    let segment_id = crm.create_segment(&li, everyone).await.unwrap().id;
    let input = CampaignInput {
        name: "北方活动".into(),
        segment_id,
        exclude_segment_id: None,
        from_address: "li@example.com".into(),
        from_name: None,
        subject: "Hello {{name}}".into(),
        body: "Dear {{name}}, your tier: {{tier|none}}".into(),
        language: Language::En,
        attribution_days: 14,
    };
    let mine = crm.create_campaign(&li, input.clone()).await.unwrap();
    assert!(mine.may_edit);
    assert_eq!(crm.campaign_audience(&li, &mine.id).await.unwrap().recipients, 2);
    // Another rep may read it but not send it; the refusal is a forbidden error.
    let zhao = actor("zhao");
    assert!(!crm.campaign(&zhao, &mine.id).await.unwrap().may_edit);
    assert_eq!(crm.send_campaign(&zhao, &mine.id, smtp()).await.unwrap_err().code, ErrorCode::Forbidden);
    assert!(sink.messages().is_empty());
    let report = crm.send_campaign(&li, &mine.id, smtp()).await.unwrap();
    assert_eq!(report.delivered, 2);
    let mut to: Vec<String> = sink.messages().iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["<bj@example.com>", "<jinan@example.com>"]);
    // The east rep sees none of these recipients.
    let east = actor("east");
    assert_eq!(crm.campaign_results(&east, &mine.id).await.unwrap().recipients, 0);
    assert_eq!(crm.campaign_results(&a, &mine.id).await.unwrap().recipients, 2);
    // SMTP settings are the administrators'.
    assert_eq!(crm.smtp_settings(&li).await.unwrap_err().code, ErrorCode::Forbidden);
}
