//! Property: whatever random users do to random leads in random order (with time passing and
//! the pool's timer running), no lead reaches a status by a transition the brief does not allow,
//! every status change is in the lead's history in order, nobody outside a lead's territory
//! changes it, and the pool's limits hold at every moment.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::sales::convert::ConvertInput;
use crm_core::sales::lead_actions::LeadActionInput;
use crm_core::sales::lead_machine::{LeadAction, LeadStatus, next_status};
use crm_core::sales::lead_model::{LeadInput, LeadOrigin};
use crm_core::sales::pool::PoolRules;
use crm_core::{Crm, ErrorCode};
use org::*;
use proptest::prelude::*;
use std::collections::HashMap;

const USERS: [&str; 7] = ["alice", "boss", "li", "zhao", "qian", "east", "desk"];
const RULES: PoolRules =
    PoolRules { return_after_days: 3, reclaim_wait_days: 1, daily_claim_limit: 2, open_lead_limit: 3 };

/// Where each lead is: 北方 (青岛), 北方 (北京), 华东 (上海), or no territory.
const PLACES: [(&str, &str, Option<&str>); 4] =
    [("山东", "青岛", Some("北方")), ("北京", "北京", Some("北方")), ("上海", "上海", Some("华东")), ("", "", None)];

fn works(user: &str, territory: Option<&str>) -> bool {
    matches!(
        (user, territory),
        ("alice", _) | ("east", Some("华东")) | ("boss" | "li" | "zhao" | "qian" | "desk", Some("北方"))
    )
}

#[derive(Debug, Clone)]
enum Op {
    Act(LeadAction, usize),
    FollowUp,
    Convert,
    Sweep,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => Just(Op::Act(LeadAction::Claim, 0)),
        2 => (0..USERS.len()).prop_map(|to| Op::Act(LeadAction::Assign, to)),
        2 => Just(Op::FollowUp),
        1 => Just(Op::Act(LeadAction::MarkInvalid, 0)),
        1 => Just(Op::Act(LeadAction::Reopen, 0)),
        1 => Just(Op::Act(LeadAction::Void, 0)),
        1 => Just(Op::Act(LeadAction::Restore, 0)),
        2 => Just(Op::Act(LeadAction::Return, 0)),
        1 => Just(Op::Convert),
        1 => Just(Op::Sweep),
    ]
}

/// (user, lead, what, hours that pass first)
fn steps() -> impl Strategy<Value = Vec<(usize, usize, Op, i64)>> {
    // Mostly li and zhao, mostly no time passing: the limits bind only when one person acts often.
    let user = prop_oneof![3 => Just(2usize), 2 => Just(3usize), 2 => 0..USERS.len()];
    let hours = prop_oneof![3 => Just(0i64), 1 => 1i64..40];
    // Mostly the 北方 leads li and zhao work (indices 0, 1, 4, 5).
    let lead = prop_oneof![3 => proptest::sample::select(vec![0usize, 1, 4, 5]), 1 => 0..PLACES.len() * 2];
    proptest::collection::vec((user, lead, op(), hours), 1..40)
}

struct World {
    leads: Vec<(String, Option<&'static str>)>,
    customers: HashMap<Option<&'static str>, String>,
}

async fn build(crm: &Crm) -> World {
    sales_org(crm).await;
    crm.set_pool_rules(&alice(), RULES).await.unwrap();
    let mut leads = Vec::new();
    let mut customers = HashMap::new();
    for (i, (province, city, territory)) in PLACES.iter().cycle().take(PLACES.len() * 2).enumerate() {
        let mut input = LeadInput::named(format!("线索{i}"));
        input.province = Some(province.to_string()).filter(|p| !p.is_empty());
        input.city = Some(city.to_string()).filter(|c| !c.is_empty());
        let lead = crm.create_lead(&alice(), input, LeadOrigin::Manual).await.unwrap();
        leads.push((lead.id, *territory));
        if !customers.contains_key(territory) {
            let mut c = person(&format!("客户{i}"), "", "");
            c.province = Some(province.to_string()).filter(|p| !p.is_empty());
            customers.insert(*territory, crm.create_customer(&alice(), c).await.unwrap().id);
        }
    }
    World { leads, customers }
}

async fn check_invariants(crm: &Crm, w: &World) {
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut claims: HashMap<String, Vec<chrono::DateTime<chrono::Utc>>> = HashMap::new();
    for (id, territory) in &w.leads {
        let d = crm.get_lead(&alice(), id).await.unwrap();
        let story: Vec<_> = d.transitions.iter().rev().collect();
        assert_eq!(story[0].action, LeadAction::Create);
        let mut at = story[0].to;
        for t in &story[1..] {
            assert_eq!(t.from, Some(at), "history is a chain: {story:?}");
            assert_eq!(next_status(at, t.action), Some(t.to), "only legal transitions: {t:?}");
            if !matches!(t.actor.as_str(), "system" | "workflow") {
                assert!(works(&t.actor, *territory), "{} changed a lead of {territory:?}", t.actor);
            }
            if t.action == LeadAction::Claim {
                claims.entry(t.actor.clone()).or_default().push(crm_core::clock::from_db(&t.at));
            }
            at = t.to;
        }
        assert_eq!(at, d.lead.status, "the last transition is the status");
        match d.lead.status {
            LeadStatus::Unassigned => assert_eq!(d.lead.owner, None),
            s if s.is_open() => {
                let owner = d.lead.owner.clone().expect("an open lead has an owner");
                assert!(works(&owner, *territory) && owner != "desk", "{owner} owns a lead of {territory:?}");
                *open.entry(owner).or_default() += 1;
            }
            _ => {}
        }
    }
    for (user, n) in open {
        assert!(n <= RULES.open_lead_limit as usize, "{user} owns {n} open leads");
    }
    for (user, times) in claims {
        for t in &times {
            let window = times.iter().filter(|x| **x <= *t && *t - **x < chrono::Duration::hours(24)).count();
            assert!(window <= RULES.daily_claim_limit as usize, "{user} claimed {window} in a day");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_never_break_the_state_machine_scope_or_pool(steps in steps()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let t = open().await;
            let crm = &t.crm;
            let w = build(crm).await;
            for (user, lead, op, hours) in steps {
                t.clock.advance(chrono::Duration::hours(hours));
                let who = actor(USERS[user]);
                let (id, territory) = &w.leads[lead];
                let before = crm.get_lead(&alice(), id).await.unwrap().lead.status;
                let (action, result) = match &op {
                    Op::Sweep => {
                        crm.return_untouched_leads().await.unwrap();
                        check_invariants(crm, &w).await;
                        continue;
                    }
                    Op::Act(action, to) => {
                        let input = LeadActionInput {
                            action: *action,
                            reason: Some("测试".into()),
                            assignee: Some(USERS[*to].to_string()),
                        };
                        (*action, crm.act_on_lead(&who, id, input).await.map(|_| ()))
                    }
                    Op::FollowUp => {
                        let call = crm_core::activity::ActivityInput {
                            kind: crm_core::activity::ActivityKind::Call,
                            occurred_at: None,
                            subject: "回访".into(),
                            body: None,
                            opportunity_id: None,
                        };
                        (LeadAction::FollowUp, crm.follow_up_lead(&who, id, call).await.map(|_| ()))
                    }
                    Op::Convert => {
                        let input = ConvertInput {
                            existing_customer_id: Some(w.customers[territory].clone()),
                            new_customer: None,
                            create_contact: false,
                            opportunity: None,
                        };
                        (LeadAction::Convert, crm.convert_lead(&who, id, input).await.map(|_| ()))
                    }
                };
                let after = crm.get_lead(&alice(), id).await.unwrap().lead.status;
                match &result {
                    Ok(()) => {
                        let expected = next_status(before, action);
                        assert!(expected.is_some(), "{} did {action:?} on a {before:?} lead", USERS[user]);
                        assert_eq!(Some(after), expected);
                        assert!(works(USERS[user], *territory), "{} acted outside their territory", USERS[user]);
                    }
                    Err(e) => {
                        assert_eq!(after, before, "a refused action changes nothing");
                        if !works(USERS[user], *territory) {
                            assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");
                        }
                        if next_status(before, action).is_none() && works(USERS[user], *territory) {
                            assert!(matches!(e.code, ErrorCode::IllegalTransition | ErrorCode::Forbidden), "{e:?}");
                        }
                    }
                }
                check_invariants(crm, &w).await;
            }
        });
    }
}
