//! Assignment rules: round-robin fairness, least-loaded, conditions, and never an inactive user
//! or one outside the lead's territory; leads arriving by import are handed out at once.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::csv_io::import::ImportOptions;
use crm_core::sales::assignment_rules::{AssignStrategy, AssignmentRuleInput, ConditionOp, LeadCondition, LeadField};
use crm_core::sales::lead_machine::{LeadAction, LeadStatus};
use crm_core::sales::lead_model::LeadOrigin;
use crm_core::sales::leads::LeadListRequest;
use org::*;
use std::collections::BTreeMap;

fn to_unit(name: &str, unit: &str, strategy: AssignStrategy, conditions: Vec<LeadCondition>) -> AssignmentRuleInput {
    AssignmentRuleInput {
        name: name.into(),
        active: true,
        conditions,
        target_user: None,
        target_unit_id: Some(unit.into()),
        strategy,
    }
}

fn leads_csv(n: usize, province: &str, city: &str, source: &str) -> String {
    let mut csv = String::from("name,phone,source,province,city\n");
    for i in 0..n {
        csv.push_str(&format!("客户{i},1390000{i:04},{source},{province},{city}\n"));
    }
    csv
}

async fn owners(crm: &crm_core::Crm) -> BTreeMap<String, usize> {
    let page = crm.list_leads(&alice(), &LeadListRequest { limit: 500, ..Default::default() }).await.unwrap();
    let mut counts = BTreeMap::new();
    for l in page.items {
        *counts.entry(l.owner.unwrap_or_else(|| "(pool)".into())).or_insert(0) += 1;
    }
    counts
}

#[tokio::test]
async fn round_robin_is_fair_and_skips_inactive_and_other_territories() {
    let t = open().await;
    let org = sales_org(&t.crm).await;
    let crm = &t.crm;
    // qian leaves; east is a rep of another unit and territory; boss is a manager, not a rep.
    let qian = crm.list_users(&alice()).await.unwrap().into_iter().find(|u| u.login == "qian").unwrap();
    crm.set_user_active(&alice(), &qian.id, false).await.unwrap();
    let rule = crm
        .save_assignment_rule(&actor("boss"), None, to_unit("华北轮流", &org.north, AssignStrategy::RoundRobin, vec![]))
        .await
        .unwrap();
    assert_eq!(rule.target_name, "华北区");

    let report = crm
        .import_leads(
            &actor("boss"),
            std::io::Cursor::new(leads_csv(9, "山东", "青岛", "展会").as_bytes().to_vec()),
            ImportOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!((report.imported, report.assigned), (9, 9));
    let counts = owners(crm).await;
    assert_eq!(counts, BTreeMap::from([("li".to_string(), 5), ("zhao".to_string(), 4)]), "alternating, nobody else");
    // The next lead continues the rotation where it stopped.
    let lead = crm.create_lead(&alice(), lead_in("下一个", "山东", "济南"), LeadOrigin::Campaign).await.unwrap();
    assert_eq!((lead.status, lead.owner.as_deref()), (LeadStatus::Pending, Some("zhao")));
    let detail = crm.get_lead(&alice(), &lead.id).await.unwrap();
    assert_eq!(detail.transitions[0].reason.as_deref(), Some("assignment rule '华北轮流'"));

    // Leads of 上海 match the rule but nobody of 华北区 works there: they wait in the pool.
    let report = crm
        .import_leads(
            &alice(),
            std::io::Cursor::new(leads_csv(2, "上海", "上海", "展会").as_bytes().to_vec()),
            ImportOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!((report.imported, report.assigned), (2, 0));
    // A manually entered pool lead is not handed out until a manager runs the rules over the
    // pool of his scope (which does not hold the 上海 leads).
    let manual = crm.create_lead(&alice(), lead_in("手工", "北京", "北京"), LeadOrigin::Manual).await.unwrap();
    assert_eq!(manual.status, LeadStatus::Unassigned);
    assert_eq!(crm.assign_pool_by_rules(&actor("li")).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(crm.assign_pool_by_rules(&actor("boss")).await.unwrap(), 1);
    assert_eq!(crm.get_lead(&alice(), &manual.id).await.unwrap().lead.owner.as_deref(), Some("li"));
    assert_eq!(crm.assign_pool_by_rules(&alice()).await.unwrap(), 0, "the 上海 leads still find nobody");
    assert_eq!(owners(crm).await["(pool)"], 2);
}

#[tokio::test]
async fn least_loaded_conditions_and_rule_order() {
    let t = open().await;
    let org = sales_org(&t.crm).await;
    let crm = &t.crm;
    // li already owns three open leads of his own.
    for i in 0..3 {
        crm.create_lead(&actor("li"), lead_in(&format!("自有{i}"), "山东", "青岛"), LeadOrigin::Manual).await.unwrap();
    }
    let website = LeadCondition { field: LeadField::Source, op: ConditionOp::Is, values: vec!["网站".into()] };
    let website_rule = AssignmentRuleInput {
        name: "网站线索给钱".into(),
        active: true,
        conditions: vec![website],
        target_user: Some("qian".into()),
        target_unit_id: None,
        strategy: AssignStrategy::RoundRobin,
    };
    let first = crm.save_assignment_rule(&alice(), None, website_rule).await.unwrap();
    let second = crm
        .save_assignment_rule(&alice(), None, to_unit("其余最少", &org.north, AssignStrategy::LeastLoaded, vec![]))
        .await
        .unwrap();
    crm.import_leads(
        &alice(),
        std::io::Cursor::new(leads_csv(2, "山东", "青岛", "网站").as_bytes().to_vec()),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    crm.import_leads(
        &alice(),
        std::io::Cursor::new(leads_csv(6, "山东", "青岛", "展会").as_bytes().to_vec()),
        ImportOptions::default(),
    )
    .await
    .unwrap();
    let counts = owners(crm).await;
    // qian: 2 by the first rule, then least-loaded evens zhao and qian before li gets any.
    assert_eq!(counts["li"], 3 + 1, "{counts:?}");
    assert_eq!(counts["zhao"] + counts["qian"], 2 + 5, "{counts:?}");
    assert!(counts["zhao"].abs_diff(counts["qian"]) <= 1, "{counts:?}");

    // Reordered, the catch-all rule comes first and the website rule never fires.
    let rules = crm.reorder_assignment_rules(&alice(), &[second.id.clone(), first.id.clone()]).await.unwrap();
    assert_eq!(rules[0].name, "其余最少");
    assert_eq!(
        crm.reorder_assignment_rules(&alice(), std::slice::from_ref(&first.id)).await.unwrap_err().code,
        ErrorCode::InvalidInput
    );
    // A rule naming a service user, or nobody, is refused.
    let bad = AssignmentRuleInput {
        target_user: Some("desk".into()),
        ..to_unit("x", &org.north, AssignStrategy::RoundRobin, vec![])
    };
    assert_eq!(crm.save_assignment_rule(&alice(), None, bad).await.unwrap_err().code, ErrorCode::InvalidInput);
    let service = AssignmentRuleInput {
        target_user: Some("desk".into()),
        target_unit_id: None,
        ..to_unit("x", &org.north, AssignStrategy::RoundRobin, vec![])
    };
    assert!(crm.save_assignment_rule(&alice(), None, service).await.unwrap_err().message.contains("service user"));
    crm.delete_assignment_rule(&alice(), &first.id).await.unwrap();
    assert_eq!(crm.assignment_rules(&actor("boss")).await.unwrap().len(), 1);
    assert_eq!(crm.assignment_rules(&actor("li")).await.unwrap_err().code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn assignees_are_the_users_who_work_the_leads_territory() {
    let t = open().await;
    sales_org(&t.crm).await;
    let crm = &t.crm;
    let lead = crm.create_lead(&alice(), lead_in("某", "北京", "北京"), LeadOrigin::Manual).await.unwrap();
    let names: Vec<String> =
        crm.assignable_users(&actor("boss"), Some(&lead.id)).await.unwrap().into_iter().map(|a| a.login).collect();
    assert_eq!(
        names,
        vec!["boss", "li", "qian", "zhao"],
        "by display name; not east (other territory) nor desk (service)"
    );
    let all: Vec<String> = crm.assignable_users(&alice(), None).await.unwrap().into_iter().map(|a| a.login).collect();
    assert!(all.contains(&"east".to_string()) && !all.contains(&"desk".to_string()));
    let claimed = crm
        .act_on_lead(
            &actor("qian"),
            &lead.id,
            crm_core::sales::lead_actions::LeadActionInput { action: LeadAction::Claim, reason: None, assignee: None },
        )
        .await
        .unwrap();
    assert_eq!(claimed.owner_name.as_deref(), Some("QIAN"));
}
