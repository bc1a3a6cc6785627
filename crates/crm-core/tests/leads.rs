//! Leads and the pool: the state machine through the store, who may do what, the pool's limits
//! and timer, conversion, and the lead import.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::activity::{ActivityInput, ActivityKind};
use crm_core::csv_io::import::ImportOptions;
use crm_core::customer::model::Kind;
use crm_core::sales::convert::{ConvertInput, MatchReason, OpportunityDraft, customer_from_lead};
use crm_core::sales::lead_actions::LeadActionInput;
use crm_core::sales::lead_machine::{LeadAction, LeadStatus};
use crm_core::sales::lead_model::LeadOrigin;
use crm_core::sales::leads::LeadListRequest;
use crm_core::sales::pool::PoolRules;
use org::*;

fn act(action: LeadAction) -> LeadActionInput {
    LeadActionInput { action, reason: None, assignee: None }
}

fn because(action: LeadAction, reason: &str) -> LeadActionInput {
    LeadActionInput { action, reason: Some(reason.into()), assignee: None }
}

fn call(subject: &str) -> ActivityInput {
    ActivityInput {
        kind: ActivityKind::Call,
        occurred_at: None,
        subject: subject.into(),
        body: None,
        opportunity_id: None,
    }
}

#[tokio::test]
async fn a_pool_lead_is_claimed_followed_up_and_converted_with_history() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    let lead = crm.create_lead(&actor("boss"), lead_in("张伟", "山东", "青岛"), LeadOrigin::Manual).await.unwrap();
    assert_eq!(
        (lead.status, lead.owner.as_deref()),
        (LeadStatus::Unassigned, None),
        "a manager's entry goes to the pool"
    );
    assert_eq!(lead.territory.as_ref().unwrap().name, "北方");

    // Another region's rep can neither see nor claim it; the attempt is recorded.
    let e = crm.act_on_lead(&actor("east"), &lead.id, act(LeadAction::Claim)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let pool = LeadListRequest { statuses: vec![LeadStatus::Unassigned], limit: 50, ..Default::default() };
    assert!(crm.list_leads(&actor("east"), &pool).await.unwrap().items.is_empty());
    assert_eq!(crm.list_leads(&actor("li"), &pool).await.unwrap().items.len(), 1);
    // A service agent works tickets, not leads.
    assert_eq!(
        crm.act_on_lead(&actor("desk"), &lead.id, act(LeadAction::Claim)).await.unwrap_err().code,
        ErrorCode::Forbidden
    );

    let claimed = crm.act_on_lead(&actor("li"), &lead.id, act(LeadAction::Claim)).await.unwrap();
    assert_eq!((claimed.status, claimed.owner.as_deref()), (LeadStatus::Pending, Some("li")));
    assert!(
        claimed.allowed_actions.contains(&LeadAction::Convert) && !claimed.allowed_actions.contains(&LeadAction::Claim)
    );
    // Someone else's lead: zhao may not work it, and a second claim is an illegal transition.
    assert_eq!(crm.follow_up_lead(&actor("zhao"), &lead.id, call("抢")).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(
        crm.act_on_lead(&actor("zhao"), &lead.id, act(LeadAction::Claim)).await.unwrap_err().code,
        ErrorCode::IllegalTransition
    );

    let followed = crm.follow_up_lead(&actor("li"), &lead.id, call("电话沟通，有采购意向")).await.unwrap();
    assert_eq!(followed.status, LeadStatus::FollowingUp);
    crm.follow_up_lead(&actor("li"), &lead.id, call("发了报价")).await.unwrap();

    let mut customer = customer_from_lead(&followed);
    customer.kind = Kind::Enterprise;
    customer.name = "青岛海纳科技".into();
    let conversion = crm
        .convert_lead(
            &actor("li"),
            &lead.id,
            ConvertInput {
                existing_customer_id: None,
                new_customer: Some(customer),
                create_contact: true,
                opportunity: Some(OpportunityDraft {
                    name: "海纳 ERP".into(),
                    stage_id: None,
                    amount: 1_200_050,
                    currency: None,
                    expected_close: Some("2026-04-30".into()),
                    items: vec![],
                    notes: None,
                }),
            },
        )
        .await
        .unwrap();
    assert_eq!(conversion.lead.status, LeadStatus::Converted);
    assert!(conversion.lead.allowed_actions.is_empty(), "a converted lead is final");
    let opportunity = crm.get_opportunity(&actor("li"), conversion.opportunity_id.as_deref().unwrap()).await.unwrap();
    assert_eq!(opportunity.opportunity.lead_id.as_deref(), Some(lead.id.as_str()), "linked both ways");
    assert_eq!((opportunity.opportunity.amount, opportunity.opportunity.owner.as_str()), (1_200_050, "li"));
    let contacts = crm.list_contacts(&actor("li"), &conversion.customer_id).await.unwrap();
    assert_eq!(contacts[0].name, "张伟");
    assert_eq!(contacts[0].phones, vec!["13900001111"]);
    let on_customer = crm.leads_of_customer(&actor("li"), &conversion.customer_id).await.unwrap();
    assert_eq!(on_customer[0].id, lead.id);

    let e = crm.act_on_lead(&actor("li"), &lead.id, because(LeadAction::MarkInvalid, "x")).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::IllegalTransition);
    assert!(e.message.contains("已转换"), "{}", e.message);

    let detail = crm.get_lead(&actor("boss"), &lead.id).await.unwrap();
    let story: Vec<(LeadAction, Option<LeadStatus>, LeadStatus, String)> =
        detail.transitions.iter().rev().map(|t| (t.action, t.from, t.to, t.actor.clone())).collect();
    assert_eq!(
        story,
        vec![
            (LeadAction::Create, None, LeadStatus::Unassigned, "boss".into()),
            (LeadAction::Claim, Some(LeadStatus::Unassigned), LeadStatus::Pending, "li".into()),
            (LeadAction::FollowUp, Some(LeadStatus::Pending), LeadStatus::FollowingUp, "li".into()),
            (LeadAction::Convert, Some(LeadStatus::FollowingUp), LeadStatus::Converted, "li".into()),
        ]
    );
    assert_eq!(detail.followups.len(), 2);
    // The customer's history shows the conversion.
    let history = crm.customer_history(&alice(), &conversion.customer_id, None, 50).await.unwrap();
    assert!(history.iter().any(|h| h.entity == "lead") && history.iter().any(|h| h.entity == "opportunity"));
}

#[tokio::test]
async fn a_reps_own_lead_starts_pending_and_must_lie_in_his_territory() {
    let t = open().await;
    sales_org(&t.crm).await;
    let own = t.crm.create_lead(&actor("li"), lead_in("王芳", "北京", "北京"), LeadOrigin::Manual).await.unwrap();
    assert_eq!((own.status, own.owner.as_deref()), (LeadStatus::Pending, Some("li")));
    let e = t.crm.create_lead(&actor("li"), lead_in("外区", "上海", "上海"), LeadOrigin::Manual).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let bad =
        crm_core::sales::lead_model::LeadInput { email: Some("not-an-email".into()), ..lead_in(" ", "北京", "") };
    let e = t.crm.create_lead(&actor("li"), bad, LeadOrigin::Manual).await.unwrap_err();
    assert!(e.message.contains("name is required") && e.message.contains("not-an-email"), "{}", e.message);
}

#[tokio::test]
async fn only_an_admin_restores_a_voided_lead() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    let lead = crm.create_lead(&actor("li"), lead_in("垃圾数据", "山东", "济南"), LeadOrigin::Manual).await.unwrap();
    let e = crm.act_on_lead(&actor("li"), &lead.id, act(LeadAction::Void)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput, "voiding needs a reason");
    let voided = crm.act_on_lead(&actor("li"), &lead.id, because(LeadAction::Void, "空号")).await.unwrap();
    assert_eq!(voided.status, LeadStatus::Voided);
    for who in ["li", "boss"] {
        let e = crm.act_on_lead(&actor(who), &lead.id, act(LeadAction::Restore)).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden, "{who}");
    }
    let restored = crm.act_on_lead(&alice(), &lead.id, act(LeadAction::Restore)).await.unwrap();
    assert_eq!((restored.status, restored.owner.as_deref()), (LeadStatus::Unassigned, None));
    let filter = crm_core::access::audit::AuditFilter {
        record_id: Some(lead.id.clone()),
        security_only: true,
        ..Default::default()
    };
    let audit = crm.audit_log(&alice(), &filter, None, 50).await.unwrap();
    assert_eq!(audit.entries.iter().filter(|e| e.action == "lead.restore").count(), 2, "refusals recorded");
}

#[tokio::test]
async fn invalid_leads_are_picked_up_again_and_managers_assign_within_the_territory() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    let lead = crm.create_lead(&alice(), lead_in("李娜", "山东", "烟台"), LeadOrigin::Manual).await.unwrap();
    let e = crm
        .act_on_lead(
            &actor("boss"),
            &lead.id,
            LeadActionInput { assignee: Some("east".into()), ..act(LeadAction::Assign) },
        )
        .await
        .unwrap_err();
    assert!(e.message.contains("other territories"), "{}", e.message);
    assert_eq!(
        crm.act_on_lead(
            &actor("li"),
            &lead.id,
            LeadActionInput { assignee: Some("zhao".into()), ..act(LeadAction::Assign) }
        )
        .await
        .unwrap_err()
        .code,
        ErrorCode::Forbidden
    );
    let assigned = crm
        .act_on_lead(
            &actor("boss"),
            &lead.id,
            LeadActionInput { assignee: Some("ZHAO".into()), ..act(LeadAction::Assign) },
        )
        .await
        .unwrap();
    assert_eq!(assigned.owner.as_deref(), Some("zhao"), "by display name");
    let invalid =
        crm.act_on_lead(&actor("zhao"), &lead.id, because(LeadAction::MarkInvalid, "电话打不通")).await.unwrap();
    assert_eq!(invalid.status, LeadStatus::Invalid);
    assert_eq!(
        crm.follow_up_lead(&actor("zhao"), &lead.id, call("再打")).await.unwrap_err().code,
        ErrorCode::IllegalTransition
    );
    let again = crm.act_on_lead(&actor("zhao"), &lead.id, act(LeadAction::Reopen)).await.unwrap();
    assert_eq!(again.status, LeadStatus::FollowingUp);
    let back = crm.act_on_lead(&actor("zhao"), &lead.id, because(LeadAction::Return, "不是我的行业")).await.unwrap();
    assert_eq!((back.status, back.owner), (LeadStatus::Unassigned, None));
}

#[tokio::test]
async fn the_pool_limits_claims_per_day_open_leads_and_reclaiming() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    let rules = PoolRules { return_after_days: 7, reclaim_wait_days: 3, daily_claim_limit: 3, open_lead_limit: 4 };
    assert_eq!(crm.set_pool_rules(&actor("boss"), rules).await.unwrap_err().code, ErrorCode::Forbidden);
    crm.set_pool_rules(&alice(), rules).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..8 {
        ids.push(
            crm.create_lead(&alice(), lead_in(&format!("线索{i}"), "山东", "青岛"), LeadOrigin::Manual)
                .await
                .unwrap()
                .id,
        );
    }
    for id in &ids[..3] {
        crm.act_on_lead(&actor("li"), id, act(LeadAction::Claim)).await.unwrap();
    }
    let e = crm.act_on_lead(&actor("li"), &ids[3], act(LeadAction::Claim)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("last 24 hours"), "{}", e.message);
    t.clock.advance(chrono::Duration::hours(25));
    crm.act_on_lead(&actor("li"), &ids[3], act(LeadAction::Claim)).await.unwrap();
    let e = crm.act_on_lead(&actor("li"), &ids[4], act(LeadAction::Claim)).await.unwrap_err();
    assert!(e.message.contains("4 open leads"), "{}", e.message);
    // A manager cannot push him past the limit either.
    let e = crm
        .act_on_lead(
            &actor("boss"),
            &ids[4],
            LeadActionInput { assignee: Some("li".into()), ..act(LeadAction::Assign) },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);

    // Given back, he waits three days before claiming it again; others need not.
    crm.act_on_lead(&actor("li"), &ids[0], because(LeadAction::Return, "太远")).await.unwrap();
    let e = crm.act_on_lead(&actor("li"), &ids[0], act(LeadAction::Claim)).await.unwrap_err();
    assert!(e.message.contains("claim it again after"), "{}", e.message);
    t.clock.advance(chrono::Duration::days(3) + chrono::Duration::minutes(1));
    crm.act_on_lead(&actor("li"), &ids[0], act(LeadAction::Claim)).await.unwrap();
}

#[tokio::test]
async fn untouched_leads_go_back_to_the_pool_after_n_days() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    let idle = crm.create_lead(&actor("li"), lead_in("久未跟进", "山东", "青岛"), LeadOrigin::Manual).await.unwrap();
    let busy = crm.create_lead(&actor("li"), lead_in("常跟进", "山东", "青岛"), LeadOrigin::Manual).await.unwrap();
    t.clock.advance(chrono::Duration::days(5));
    crm.follow_up_lead(&actor("li"), &busy.id, call("回访")).await.unwrap();
    t.clock.advance(chrono::Duration::days(2) + chrono::Duration::minutes(1));
    let returned = crm.return_untouched_leads().await.unwrap();
    assert_eq!(returned, vec![idle.id.clone()]);
    let detail = crm.get_lead(&alice(), &idle.id).await.unwrap();
    assert_eq!((detail.lead.status, detail.lead.owner.as_deref()), (LeadStatus::Unassigned, None));
    let last = &detail.transitions[0];
    // The pool's timer is the default workflow rule, named in the history.
    assert_eq!((last.action, last.actor.as_str()), (LeadAction::AutoReturn, "workflow"));
    assert!(last.reason.as_deref().unwrap_or("").starts_with("rule: 线索 7 天未跟进"), "{:?}", last.reason);
    assert!(crm.return_untouched_leads().await.unwrap().is_empty(), "nothing twice");
    assert!(crm.act_on_lead(&actor("li"), &idle.id, act(LeadAction::Claim)).await.is_err(), "previous owner waits");
    crm.act_on_lead(&actor("zhao"), &idle.id, act(LeadAction::Claim)).await.unwrap();
    // Returning is off when the pool's days are 0.
    crm.set_pool_rules(&alice(), PoolRules { return_after_days: 0, ..PoolRules::default() }).await.unwrap();
    t.clock.advance(chrono::Duration::days(60));
    assert!(crm.return_untouched_leads().await.unwrap().is_empty());
}

#[tokio::test]
async fn conversion_offers_matching_customers_and_links_an_existing_one() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    let mut existing = person("青岛啤酒经销部", "0532-88886666", "buy@tsingtao.example");
    existing.province = Some("山东".into());
    existing.city = Some("青岛".into());
    existing.kind = Kind::Enterprise;
    let existing = crm.create_customer(&alice(), existing).await.unwrap();
    let mut far = person("上海啤酒经销部", "0532-88886666", "");
    far.province = Some("上海".into());
    crm.create_customer(&alice(), far).await.unwrap();

    let mut input = lead_in("采购 刘经理", "山东", "青岛");
    input.phone = Some("0532 8888 6666".into());
    input.email = Some("BUY@tsingtao.example".into());
    input.company = Some("青岛啤酒经销部".into());
    let lead = crm.create_lead(&actor("li"), input, LeadOrigin::Manual).await.unwrap();
    let matches = crm.lead_matches(&actor("li"), &lead.id).await.unwrap();
    assert_eq!(matches.len(), 1, "the 上海 customer with the same number is outside li's territory: {matches:?}");
    assert_eq!(matches[0].id, existing.id);
    for r in [MatchReason::Phone, MatchReason::Email, MatchReason::Company] {
        assert!(matches[0].reasons.contains(&r), "{r:?} in {:?}", matches[0].reasons);
    }
    let before = counts(crm).await;
    // Both a new and an existing customer: refused, nothing written.
    let both = ConvertInput {
        existing_customer_id: Some(existing.id.clone()),
        new_customer: Some(customer_from_lead(&lead)),
        create_contact: false,
        opportunity: None,
    };
    assert_eq!(crm.convert_lead(&actor("li"), &lead.id, both).await.unwrap_err().code, ErrorCode::InvalidInput);
    // A bad opportunity rolls the whole conversion back.
    let bad = ConvertInput {
        existing_customer_id: Some(existing.id.clone()),
        new_customer: None,
        create_contact: true,
        opportunity: Some(OpportunityDraft {
            name: "x".into(),
            stage_id: Some("lost".into()),
            amount: 100,
            currency: None,
            expected_close: None,
            items: vec![],
            notes: None,
        }),
    };
    let e = crm.convert_lead(&actor("li"), &lead.id, bad).await.unwrap_err();
    assert!(e.message.contains("why the opportunity was lost"), "{}", e.message);
    assert!(crm.list_contacts(&alice(), &existing.id).await.unwrap().is_empty(), "no contact left behind");
    assert_eq!(crm.get_lead(&alice(), &lead.id).await.unwrap().lead.status, LeadStatus::Pending);
    let ok = ConvertInput {
        existing_customer_id: Some(existing.id.clone()),
        new_customer: None,
        create_contact: true,
        opportunity: None,
    };
    let c = crm.convert_lead(&actor("li"), &lead.id, ok).await.unwrap();
    assert_eq!((c.customer_id, c.opportunity_id), (existing.id.clone(), None));
    assert_eq!(counts(crm).await, before, "no customer was created");
}

#[tokio::test]
async fn a_gbk_lead_file_from_excel_is_read_with_its_lines_and_escaped_cells() {
    let t = open().await;
    sales_org(&t.crm).await;
    let csv = "name;company;phone;email;source;province;city;notes\r\n\
               张三;三一重工;'+86 138 0000 0001;;展会;山东;青岛;\r\n\
               李四;;12;bad@;网站;山东;济南;\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let report = t
        .crm
        .import_leads(
            &actor("boss"),
            std::io::Cursor::new(gbk.into_owned()),
            ImportOptions { skip_invalid: true, ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(report.imported, 1);
    assert_eq!(report.rejected.iter().map(|r| r.line).collect::<Vec<_>>(), [3], "Excel's CRLF lines counted right");
    let all = LeadListRequest { limit: 50, ..Default::default() };
    let leads = t.crm.list_leads(&alice(), &all).await.unwrap().items;
    assert_eq!((leads[0].name.as_str(), leads[0].phone.as_deref()), ("张三", Some("+86 138 0000 0001")));
}

#[tokio::test]
async fn a_lead_import_applies_whole_or_reports_every_bad_row() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    // A note spanning two lines: the rows after it are named by the line they are on.
    let csv = "name,company,phone,email,source,province,city,notes\n\
               张三,三一重工,13800000001,,展会,山东,青岛,\"展会上留的名片\n要报价\"\n\
               ,无名,13800000002,,展会,山东,青岛,\n\
               李四,,12,bad@,网站,山东,济南,\n\
               王五,,13800000004,,网站,北京,北京,要报价\n";
    let report = crm
        .import_leads(&actor("boss"), std::io::Cursor::new(csv.as_bytes().to_vec()), ImportOptions::default())
        .await
        .unwrap();
    assert_eq!(report.imported, 0);
    let lines: Vec<u64> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![4, 5]);
    assert!(
        report.rejected[1].reason.contains("phone") && report.rejected[1].reason.contains("bad@"),
        "{:?}",
        report.rejected
    );
    let all = LeadListRequest { limit: 50, ..Default::default() };
    assert!(crm.list_leads(&alice(), &all).await.unwrap().items.is_empty(), "nothing imported");
    let report = crm
        .import_leads(
            &actor("boss"),
            std::io::Cursor::new(csv.as_bytes().to_vec()),
            ImportOptions { skip_invalid: true, ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(report.imported, 2);
    let leads = crm.list_leads(&alice(), &all).await.unwrap().items;
    assert!(leads.iter().all(|l| l.origin == LeadOrigin::Import && l.status == LeadStatus::Unassigned));
    let e = crm
        .import_leads(&alice(), std::io::Cursor::new("name,phone,fax\n".as_bytes().to_vec()), ImportOptions::default())
        .await
        .unwrap_err();
    assert!(e.message.contains("column 'fax' matches no field of a lead"), "{}", e.message);
    // A rep's import may not bring leads of other regions.
    let csv = "name,province,city\n东区客户,上海,上海\n";
    let report = crm
        .import_leads(&actor("li"), std::io::Cursor::new(csv.as_bytes().to_vec()), ImportOptions::default())
        .await
        .unwrap();
    assert!(report.rejected[0].reason.contains("outside your territories"));
}

#[tokio::test]
async fn demo_leads_have_legal_histories_and_demo_opportunities_are_logged() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    crm.generate_demo_data(&alice(), 200, 5).await.unwrap();
    let report = crm.generate_sales_demo(&alice(), 120, 40, 5).await.unwrap();
    assert_eq!((report.leads, report.opportunities), (120, 40));
    let page = crm.list_leads(&alice(), &LeadListRequest { limit: 500, ..Default::default() }).await.unwrap();
    assert_eq!(page.items.len(), 120);
    for lead in &page.items {
        let d = crm.get_lead(&alice(), &lead.id).await.unwrap();
        let mut at = None;
        for tr in d.transitions.iter().rev() {
            assert_eq!(tr.from, at, "{:?}", d.transitions);
            if let Some(from) = tr.from {
                assert_eq!(crm_core::sales::lead_machine::next_status(from, tr.action), Some(tr.to));
            }
            at = Some(tr.to);
        }
        assert_eq!(at, Some(lead.status));
        if lead.status == LeadStatus::Unassigned {
            assert_eq!(lead.owner, None);
        }
        if lead.status.is_open() {
            let owner = lead.owner.as_deref().expect("an open lead has an owner");
            let territory = lead.territory.as_ref().map(|t| t.name.as_str());
            let works =
                matches!((owner, territory), ("li" | "zhao" | "qian" | "boss", Some("北方")) | ("east", Some("华东")));
            assert!(works, "{owner} owns a lead of {territory:?}");
        }
    }
    let filter = crm_core::access::audit::AuditFilter::default();
    let logged = crm.audit_log(&alice(), &filter, None, 500).await.unwrap();
    assert_eq!(logged.entries.iter().filter(|e| e.action == "opportunity.create").count(), 40);
}

/// Found in review: each of these let something through before it was fixed.
#[tokio::test]
async fn review_findings_stay_fixed() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    crm.set_pool_rules(
        &alice(),
        PoolRules { return_after_days: 7, reclaim_wait_days: 3, daily_claim_limit: 20, open_lead_limit: 2 },
    )
    .await
    .unwrap();

    // A reason that is too long is refused, not dropped (the lead was voided without one).
    let lead = crm.create_lead(&actor("li"), lead_in("甲", "山东", "青岛"), LeadOrigin::Manual).await.unwrap();
    let e = crm.act_on_lead(&actor("li"), &lead.id, because(LeadAction::Void, &"长".repeat(501))).await.unwrap_err();
    assert!(e.message.contains("too long"), "{}", e.message);
    assert_eq!(crm.get_lead(&alice(), &lead.id).await.unwrap().lead.status, LeadStatus::Pending);

    // The open-lead limit holds for a rep's own entries and for picking an invalid lead up again.
    crm.create_lead(&actor("li"), lead_in("乙", "山东", "青岛"), LeadOrigin::Manual).await.unwrap();
    let e = crm.create_lead(&actor("li"), lead_in("丙", "山东", "青岛"), LeadOrigin::Manual).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict, "{}", e.message);
    crm.act_on_lead(&actor("li"), &lead.id, because(LeadAction::MarkInvalid, "空号")).await.unwrap();
    crm.create_lead(&actor("li"), lead_in("丁", "山东", "青岛"), LeadOrigin::Manual).await.unwrap();
    let e = crm.act_on_lead(&actor("li"), &lead.id, act(LeadAction::Reopen)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict, "{}", e.message);

    // A manager cannot hand a returned lead straight back to the rep who gave it up.
    let zhao_lead = crm.create_lead(&actor("zhao"), lead_in("戊", "山东", "济南"), LeadOrigin::Manual).await.unwrap();
    crm.act_on_lead(&actor("zhao"), &zhao_lead.id, because(LeadAction::Return, "不合适")).await.unwrap();
    let back = LeadActionInput { assignee: Some("zhao".into()), ..act(LeadAction::Assign) };
    let e = crm.act_on_lead(&actor("boss"), &zhao_lead.id, back).await.unwrap_err();
    assert!(e.message.contains("gave this lead back"), "{}", e.message);

    // A customer's page shows only the leads of the user's territories.
    let mut north_customer = person("北方客户", "13800002222", "");
    north_customer.province = Some("山东".into());
    let customer = crm.create_customer(&alice(), north_customer).await.unwrap();
    let east_lead = crm.create_lead(&alice(), lead_in("华东线索", "上海", "上海"), LeadOrigin::Manual).await.unwrap();
    crm.act_on_lead(&alice(), &east_lead.id, act(LeadAction::Claim)).await.unwrap();
    let link = ConvertInput {
        existing_customer_id: Some(customer.id.clone()),
        new_customer: None,
        create_contact: false,
        opportunity: None,
    };
    crm.convert_lead(&alice(), &east_lead.id, link).await.unwrap();
    assert_eq!(crm.leads_of_customer(&alice(), &customer.id).await.unwrap().len(), 1);
    assert!(crm.leads_of_customer(&actor("li"), &customer.id).await.unwrap().is_empty(), "the 上海 lead is not li's");
}
