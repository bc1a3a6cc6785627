//! Workflow rules, tasks and reminders: the three default rules of the brief, loops stopped and
//! reported, scheduled rules catching up after the app was closed, validation, and reminders.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::conditions::catalog::Entity;
use crm_core::conditions::{Condition, ConditionTest, TestOp};
use crm_core::customer::model::Lifecycle;
use crm_core::sales::lead_machine::LeadStatus;
use crm_core::sales::opportunity_model::OpportunityInput;
use crm_core::service::routing::RoutingStrategy;
use crm_core::service::ticket_model::{Priority, TicketChannel, TicketInput};
use crm_core::workflow::rules::{Recipient, RuleAction, RuleInput, Trigger};
use crm_core::workflow::tasks::{RecordRef, TaskInput};
use org::*;

fn test(field: &str, op: TestOp, values: &[&str]) -> Condition {
    Condition::Test(ConditionTest {
        field: field.into(),
        op,
        values: values.iter().map(|v| v.to_string()).collect(),
        window_days: None,
    })
}

fn ticket(customer: &str, subject: &str) -> TicketInput {
    TicketInput {
        customer_id: customer.into(),
        contact_id: None,
        channel: TicketChannel::Email,
        category: None,
        priority: Priority::Normal,
        subject: subject.into(),
        description: None,
        assignee: None,
    }
}

async fn customer(crm: &crm_core::Crm, name: &str, vip: bool) -> String {
    let mut c = person(name, "", "");
    c.province = Some("山东".into());
    if vip {
        c.lifecycle = Lifecycle::Vip;
    }
    crm.create_customer(&alice(), c).await.unwrap().id
}

#[tokio::test]
async fn a_vip_customers_new_ticket_is_high_priority() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let vip = customer(crm, "贵宾", true).await;
    let plain = customer(crm, "普通客户", false).await;
    let v = crm.create_ticket(&actor("desk"), ticket(&vip, "投诉")).await.unwrap();
    assert_eq!(v.priority, Priority::High);
    // The due times are the high priority's (60 working minutes to the first answer).
    let normal = crm.create_ticket(&actor("desk"), ticket(&plain, "咨询")).await.unwrap();
    assert_eq!(normal.priority, Priority::Normal);
    assert!(v.first_response_due < normal.first_response_due);
    let runs = crm.rule_runs(&alice(), Some("rule-vip-ticket"), None, None, 10).await.unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!((runs[0].record_id.as_str(), runs[0].outcome.as_str()), (v.id.as_str(), "applied"));
    assert!(runs[0].detail.contains("normal → high"), "{}", runs[0].detail);
    let rule = crm.list_rules(&alice()).await.unwrap().into_iter().find(|r| r.id == "rule-vip-ticket").unwrap();
    assert_eq!((rule.runs, rule.last_run_at.is_some()), (1, true));
    // The history says the rule did it.
    let events = crm.get_ticket(&alice(), &v.id).await.unwrap().events;
    assert!(events.iter().any(|e| e.kind == "priority" && e.actor == "workflow"));
    // Switched off, it does nothing.
    crm.set_rule_active(&alice(), "rule-vip-ticket", false).await.unwrap();
    assert_eq!(crm.create_ticket(&actor("desk"), ticket(&vip, "又来")).await.unwrap().priority, Priority::Normal);
}

#[tokio::test]
async fn an_opportunity_closing_next_week_reminds_its_owner_once_even_after_the_app_was_closed() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let c = customer(crm, "采购方", false).await;
    let mut o = OpportunityInput::new("年度采购", &c);
    o.owner = Some("li".into());
    o.expected_close = Some("2026-03-13".into()); // 12 days after the test clock's 2026-03-01
    crm.create_opportunity(&alice(), o).await.unwrap();
    let first = crm.run_due_rules().await.unwrap();
    assert_eq!(first.acted, 0);
    assert!(crm.list_tasks(&actor("li"), None, false).await.unwrap().is_empty());
    // The app is closed for six days; at the next start the rules catch up.
    t.clock.advance(chrono::Duration::days(6));
    let report = crm.run_due_rules().await.unwrap();
    assert!(report.acted >= 1, "{report:?}");
    let tasks = crm.list_tasks(&actor("li"), None, false).await.unwrap();
    assert_eq!(tasks.len(), 1);
    assert!(tasks[0].title.contains("年度采购"), "{}", tasks[0].title);
    assert_eq!(tasks[0].rule_id.as_deref(), Some("rule-opportunity-closing"));
    let notes = crm.notifications(&actor("li"), 20).await.unwrap();
    assert!(notes.items.iter().any(|n| n.kind == "rule" && n.title.contains("年度采购")));
    // An hour later the rule runs again: the same opportunity is not reminded twice.
    t.clock.advance(chrono::Duration::hours(2));
    crm.run_due_rules().await.unwrap();
    assert_eq!(crm.list_tasks(&actor("li"), None, false).await.unwrap().len(), 1);
    // The reminder of the rule's task was delivered once as well.
    let reminders =
        crm.notifications(&actor("li"), 50).await.unwrap().items.iter().filter(|n| n.kind == "reminder").count();
    assert_eq!(reminders, 1);
    // The rule's notice and the task's reminder, both from the first run.
    assert_eq!(notes.unread, 2);
    assert_eq!(crm.mark_notifications_read(&actor("li"), vec![]).await.unwrap(), 2);
    assert_eq!(crm.notifications(&actor("li"), 20).await.unwrap().unread, 0);
}

#[tokio::test]
async fn a_lead_untouched_for_seven_days_goes_back_to_the_pool_on_the_schedule() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let lead = crm
        .create_lead(&actor("li"), lead_in("陈先生", "山东", "济南"), crm_core::sales::lead_model::LeadOrigin::Manual)
        .await
        .unwrap();
    assert_eq!(lead.status, LeadStatus::Pending);
    t.clock.advance(chrono::Duration::days(8));
    crm.run_due_rules().await.unwrap();
    let back = crm.get_lead(&alice(), &lead.id).await.unwrap();
    assert_eq!(back.lead.status, LeadStatus::Unassigned);
    let last = back.transitions.first().unwrap(); // newest first
    assert_eq!(last.actor, "workflow");
    assert!(last.reason.as_deref().unwrap_or("").contains("7"), "{:?}", last.reason);
    // The pool's setting is the rule: 0 switches it off.
    let mut pool = crm.pool_rules(&alice()).await.unwrap();
    assert_eq!(pool.return_after_days, 7);
    pool.return_after_days = 0;
    crm.set_pool_rules(&alice(), pool).await.unwrap();
    let rule = crm.list_rules(&alice()).await.unwrap().into_iter().find(|r| r.id == "rule-lead-untouched").unwrap();
    assert!(!rule.active);
}

#[tokio::test]
async fn rules_that_trigger_each_other_are_stopped_and_the_loop_is_reported() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let mut routing = crm.ticket_routing(&alice()).await.unwrap();
    routing.strategy = RoutingStrategy::Manual;
    crm.set_ticket_routing(&alice(), routing).await.unwrap();
    let flip = |name: &str, from: &str, to: &str| RuleInput {
        name: name.into(),
        entity: Entity::Ticket,
        trigger: Trigger::Updated,
        every_minutes: None,
        condition: test("priority", TestOp::Is, &[from]),
        actions: vec![RuleAction::SetField { field: "priority".into(), value: to.into() }],
        active: true,
    };
    crm.save_rule(&alice(), None, flip("升级", "low", "urgent")).await.unwrap();
    crm.save_rule(&alice(), None, flip("降级", "urgent", "low")).await.unwrap();
    let c = customer(crm, "反复", false).await;
    let tk =
        crm.create_ticket(&alice(), TicketInput { priority: Priority::Normal, ..ticket(&c, "循环") }).await.unwrap();
    // An edit to low starts the chain: 升级 → 降级 → 升级 again on the same ticket is a loop.
    let updated = crm
        .update_ticket(
            &alice(),
            &tk.id,
            tk.version,
            crm_core::service::tickets::TicketUpdate {
                priority: Priority::Low,
                category: None,
                subject: "循环".into(),
                description: None,
                contact_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.priority, Priority::Low, "the chain ends where the loop was stopped");
    let runs = crm.rule_runs(&alice(), None, Some(&tk.id), None, 20).await.unwrap();
    let outcomes: Vec<(&str, &str)> = runs.iter().rev().map(|r| (r.rule_name.as_str(), r.outcome.as_str())).collect();
    assert_eq!(outcomes, [("升级", "applied"), ("降级", "applied"), ("升级", "loop")]);
    assert!(runs[0].detail.contains("升级 → 降级 → 升级"), "{}", runs[0].detail);
    // A rule that still matches its own result is no loop, and acts once.
    let down = crm.list_rules(&alice()).await.unwrap().into_iter().find(|r| r.name == "降级").unwrap().id;
    crm.set_rule_active(&alice(), &down, false).await.unwrap();
    let complaint = RuleInput {
        name: "投诉加急".into(),
        entity: Entity::Ticket,
        trigger: Trigger::Created,
        every_minutes: None,
        condition: test("category", TestOp::Is, &["complaint"]),
        actions: vec![
            RuleAction::SetField { field: "priority".into(), value: " urgent ".into() },
            RuleAction::Notify { message: "投诉 {name}".into(), to: Recipient::User { login: "boss".into() } },
        ],
        active: true,
    };
    crm.save_rule(&alice(), None, complaint).await.unwrap();
    let tk = crm
        .create_ticket(&alice(), TicketInput { category: Some("complaint".into()), ..ticket(&c, "投诉") })
        .await
        .unwrap();
    assert_eq!(tk.priority, Priority::Urgent, "the value was stored trimmed");
    let runs = crm.rule_runs(&alice(), None, Some(&tk.id), None, 20).await.unwrap();
    assert!(runs.iter().all(|r| r.outcome == "applied"), "{runs:?}");
    assert_eq!(crm.notifications(&actor("boss"), 10).await.unwrap().items.len(), 1);
    // The run log is for managers and administrators.
    assert_eq!(crm.rule_runs(&actor("li"), None, None, None, 5).await.unwrap_err().code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn bad_rules_are_refused_and_only_administrators_edit_them() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let rule = |condition: Condition, actions: Vec<RuleAction>, trigger: Trigger, every: Option<u32>| RuleInput {
        name: "试验".into(),
        entity: Entity::Ticket,
        trigger,
        every_minutes: every,
        condition,
        actions,
        active: true,
    };
    let notify = vec![RuleAction::Notify { message: "看一下".into(), to: Recipient::Owner }];
    let cases = [
        rule(test("nope", TestOp::Is, &["x"]), notify.clone(), Trigger::Created, None),
        rule(test("priority", TestOp::Gt, &["1"]), notify.clone(), Trigger::Created, None),
        rule(test("created_at", TestOp::OlderThanDays, &["soon"]), notify.clone(), Trigger::Created, None),
        rule(test("priority", TestOp::Is, &[]), notify.clone(), Trigger::Created, None),
        rule(Condition::always(), vec![], Trigger::Created, None),
        rule(Condition::always(), notify.clone(), Trigger::Schedule, None),
        rule(Condition::always(), vec![RuleAction::ReturnToPool], Trigger::Created, None),
        rule(
            Condition::always(),
            vec![RuleAction::SetField { field: "priority".into(), value: "extreme".into() }],
            Trigger::Created,
            None,
        ),
        rule(
            Condition::always(),
            vec![RuleAction::SetField { field: "subject".into(), value: "x".into() }],
            Trigger::Created,
            None,
        ),
    ];
    let before = crm.list_rules(&alice()).await.unwrap().len();
    for case in cases {
        let e = crm.save_rule(&alice(), None, case.clone()).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput, "{case:?}");
    }
    let e = crm
        .save_rule(&actor("boss"), None, rule(Condition::always(), notify.clone(), Trigger::Created, None))
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(crm.list_rules(&alice()).await.unwrap().len(), before);
    // A good one, with a custom dimension and tags, round-trips.
    let good = rule(
        Condition::All {
            items: vec![
                test("customer.tags", TestOp::HasAny, &["VIP"]),
                Condition::Not { item: Box::new(test("customer.custom.gender", TestOp::Is, &["male"])) },
            ],
        },
        vec![RuleAction::AddTag { tag: "需回访".into() }],
        Trigger::Schedule,
        Some(30),
    );
    let saved = crm.save_rule(&alice(), None, good.clone()).await.unwrap();
    assert_eq!((saved.condition, saved.every_minutes), (good.condition, Some(30)));
}

#[tokio::test]
async fn a_task_reminds_its_owner_when_due_and_stays_in_scope() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let c = customer(crm, "回访客户", false).await;
    let mut east = person("上海客户", "", "");
    east.province = Some("上海".into());
    let east = crm.create_customer(&alice(), east).await.unwrap().id;
    let task = crm
        .create_task(
            &actor("li"),
            TaskInput {
                title: "电话回访".into(),
                notes: None,
                due_at: Some("2026-03-02T02:00:00Z".into()),
                remind_at: Some("2026-03-02T01:30:00Z".into()),
                owner: None,
                record: Some(RecordRef { kind: "customer".into(), id: c.clone() }),
            },
        )
        .await
        .unwrap();
    assert_eq!(task.record_label.as_deref(), Some("回访客户"));
    crm.run_due_rules().await.unwrap();
    assert_eq!(crm.notifications(&actor("li"), 10).await.unwrap().unread, 0);
    t.clock.set(chrono::DateTime::parse_from_rfc3339("2026-03-02T01:31:00Z").unwrap().into());
    assert_eq!(crm.run_due_rules().await.unwrap().reminders, 1);
    let n = crm.notifications(&actor("li"), 10).await.unwrap();
    assert_eq!((n.unread, n.items[0].kind.as_str(), n.items[0].title.as_str()), (1, "reminder", "电话回访"));
    assert_eq!(crm.take_unshown_notifications(&actor("li")).await.unwrap().len(), 1);
    assert!(crm.take_unshown_notifications(&actor("li")).await.unwrap().is_empty());
    // A task whose customer went to the trash leaves the lists working.
    let gone_record = Some(RecordRef { kind: "customer".into(), id: c.clone() });
    let gone = TaskInput {
        title: "将删除".into(),
        notes: None,
        due_at: None,
        remind_at: None,
        owner: None,
        record: gone_record,
    };
    let gone = crm.create_task(&actor("li"), gone).await.unwrap();
    crm.delete_customer(&alice(), &c).await.unwrap();
    assert!(crm.list_tasks(&actor("li"), Some(&c), false).await.unwrap().is_empty());
    assert_eq!(crm.list_tasks(&actor("li"), None, false).await.unwrap().len(), 2);
    crm.delete_task(&actor("li"), &gone.id).await.unwrap();
    crm.complete_task(&actor("li"), &task.id, true).await.unwrap();
    assert!(crm.list_tasks(&actor("li"), None, false).await.unwrap().is_empty());
    // A task on a record outside one's territory, or for someone else, is refused.
    let out = TaskInput {
        title: "越区".into(),
        notes: None,
        due_at: None,
        remind_at: None,
        owner: None,
        record: Some(RecordRef { kind: "customer".into(), id: east }),
    };
    assert_eq!(crm.create_task(&actor("li"), out).await.unwrap_err().code, ErrorCode::Forbidden);
    let other = TaskInput {
        title: "给别人".into(),
        notes: None,
        due_at: None,
        remind_at: None,
        owner: Some("zhao".into()),
        record: None,
    };
    assert_eq!(crm.create_task(&actor("li"), other.clone()).await.unwrap_err().code, ErrorCode::Forbidden);
    crm.create_task(&actor("boss"), other).await.unwrap();
    assert_eq!(crm.list_tasks(&actor("zhao"), None, false).await.unwrap().len(), 1);
    assert_eq!(crm.notifications(&actor("zhao"), 10).await.unwrap().unread, 1);
}
