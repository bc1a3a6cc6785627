//! The service desk: tickets through their workflow, SLA due times in the working calendar with a
//! fixed clock, routing fairness and exclusions, scope, ratings, and the caller lookup.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::access::Role;
use crm_core::service::calendar::WorkCalendar;
use crm_core::service::routing::{RoutingStrategy, TicketRouting};
use crm_core::service::ticket_actions::TicketActionInput;
use crm_core::service::ticket_list::{TicketListRequest, TicketView};
use crm_core::service::ticket_machine::{TicketAction, TicketStatus};
use crm_core::service::ticket_model::{ClockState, Priority, ReplyKind, TicketChannel, TicketInput};
use org::*;

fn ticket(customer: &str, subject: &str, priority: Priority) -> TicketInput {
    TicketInput {
        customer_id: customer.into(),
        contact_id: None,
        channel: TicketChannel::Phone,
        category: None,
        priority,
        subject: subject.into(),
        description: None,
        assignee: None,
    }
}

fn act(action: TicketAction) -> TicketActionInput {
    TicketActionInput { action, assignee: None, note: None }
}

async fn customer_in(crm: &crm_core::Crm, name: &str, province: &str, phone: &str) -> String {
    let mut c = person(name, phone, "");
    c.province = Some(province.into());
    crm.create_customer(&alice(), c).await.unwrap().id
}

/// The sales org plus service agents: desk, desk2 and desk3 in 华北区, eastdesk in 华东区.
async fn desk_org(crm: &crm_core::Crm) -> SalesOrg {
    let org = sales_org(crm).await;
    for (login, unit) in [("desk2", &org.north), ("desk3", &org.north), ("eastdesk", &org.east)] {
        crm.add_user(&alice(), new_user(login, Role::Service, unit)).await.unwrap();
    }
    org
}

async fn set_strategy(crm: &crm_core::Crm, strategy: RoutingStrategy) {
    let mut routing = crm.ticket_routing(&alice()).await.unwrap();
    routing.strategy = strategy;
    crm.set_ticket_routing(&alice(), routing).await.unwrap();
}

#[tokio::test]
async fn due_times_are_counted_in_working_hours_across_weekends_and_holidays() {
    let t = open().await;
    let crm = &t.crm;
    desk_org(crm).await;
    set_strategy(crm, RoutingStrategy::Manual).await;
    let c = customer_in(crm, "张三", "山东", "13900001234").await;
    // Friday 2026-03-06 17:00 in Beijing: one working hour left that day.
    t.clock.set(chrono::DateTime::parse_from_rfc3339("2026-03-06T17:00:00+08:00").unwrap().into());
    let high = crm.create_ticket(&alice(), ticket(&c, "打印机坏了", Priority::High)).await.unwrap();
    // High: first answer in 60 working minutes, resolution in 480.
    assert_eq!(high.first_response_due, "2026-03-06T10:00:00.000Z"); // 18:00 Beijing
    // 60 min Friday + 180 Monday morning + 240 Monday afternoon → Monday 17:00 Beijing.
    assert_eq!(high.resolution_due, "2026-03-09T09:00:00.000Z");
    // A holiday on Monday moves everything a working day on.
    let mut cal = crm.work_calendar(&alice()).await.unwrap();
    cal.holidays = vec!["2026-03-09".into()];
    crm.set_work_calendar(&alice(), cal).await.unwrap();
    let urgent = crm.create_ticket(&alice(), ticket(&c, "停机", Priority::Urgent)).await.unwrap();
    assert_eq!(urgent.first_response_due, "2026-03-06T09:30:00.000Z");
    // 240: 60 on Friday, none on Monday, then Tuesday 09:00–12:00 (180) → Tuesday 12:00.
    assert_eq!(urgent.resolution_due, "2026-03-10T04:00:00.000Z");
    // A policy of the customer's tier wins over the priority's default.
    let mut policies = crm.sla_policies(&alice()).await.unwrap();
    policies.push(crm_core::service::sla::SlaPolicy {
        priority: Priority::Normal,
        tier: Some("gold".into()),
        first_response_minutes: 30,
        resolution_minutes: 60,
    });
    crm.save_sla_policies(&alice(), policies.clone()).await.unwrap();
    let mut gold = person("金卡客户", "13900005678", "");
    gold.province = Some("山东".into());
    gold.tier = Some("gold".into());
    let gold = crm.create_customer(&alice(), gold).await.unwrap().id;
    let g = crm.create_ticket(&alice(), ticket(&gold, "发票", Priority::Normal)).await.unwrap();
    // Gold's own policy: resolution in 60 working minutes, Friday 18:00; first answer in 30.
    assert_eq!(g.resolution_due, "2026-03-06T10:00:00.000Z");
    assert_eq!(g.first_response_due, "2026-03-06T09:30:00.000Z");
    // Bad policies and calendars are refused and change nothing.
    let without_default: Vec<_> = policies.iter().filter(|p| p.priority != Priority::Low).cloned().collect();
    let e = crm.save_sla_policies(&alice(), without_default).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert_eq!(crm.sla_policies(&alice()).await.unwrap().len(), 5);
    let e =
        crm.set_work_calendar(&alice(), WorkCalendar { hours: vec![], ..WorkCalendar::default() }).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let e = crm.set_work_calendar(&actor("desk"), WorkCalendar::default()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn a_ticket_goes_through_its_workflow_and_the_clock_stops_while_waiting() {
    let t = open().await;
    let crm = &t.crm;
    desk_org(crm).await;
    set_strategy(crm, RoutingStrategy::Manual).await;
    let c = customer_in(crm, "李四", "山东", "13900002222").await;
    // Monday 2026-03-02 10:00 Beijing.
    t.clock.set(chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+08:00").unwrap().into());
    let tk = crm.create_ticket(&actor("li"), ticket(&c, "退货", Priority::Normal)).await.unwrap();
    assert_eq!(tk.status, TicketStatus::New);
    assert!(tk.assignee.is_none());
    // A sales rep may not take it; an agent may, but only himself.
    let e = crm.act_on_ticket(&actor("li"), &tk.id, act(TicketAction::Assign)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = crm
        .act_on_ticket(
            &actor("desk"),
            &tk.id,
            TicketActionInput { assignee: Some("desk2".into()), ..act(TicketAction::Assign) },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let tk = crm.act_on_ticket(&actor("desk"), &tk.id, act(TicketAction::Assign)).await.unwrap();
    assert_eq!((tk.status, tk.assignee.as_deref()), (TicketStatus::Assigned, Some("desk")));
    // Taken: another agent can neither take it nor answer the customer; anyone may add a note.
    let e = crm.act_on_ticket(&actor("desk2"), &tk.id, act(TicketAction::Assign)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = crm.reply_to_ticket(&actor("li"), &tk.id, ReplyKind::Reply, "我来回").await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    crm.reply_to_ticket(&actor("li"), &tk.id, ReplyKind::Note, "客户上周也来过电话").await.unwrap();
    assert!(tk.allowed_actions.contains(&TicketAction::Start));
    // Close before resolving is illegal.
    let e = crm.act_on_ticket(&actor("desk"), &tk.id, act(TicketAction::Close)).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::IllegalTransition);
    crm.act_on_ticket(&actor("desk"), &tk.id, act(TicketAction::Start)).await.unwrap();
    t.clock.advance(chrono::Duration::minutes(30));
    let d = crm.reply_to_ticket(&actor("desk"), &tk.id, ReplyKind::Reply, "请提供订单号").await.unwrap();
    assert_eq!(d.ticket.first_response_clock, ClockState::Met);
    let due_before = d.ticket.resolution_due.clone();
    let waiting = crm.act_on_ticket(&actor("desk"), &tk.id, act(TicketAction::Wait)).await.unwrap();
    assert_eq!(waiting.resolution_clock, ClockState::Paused);
    // Two working hours later the customer answers: the due time moves two working hours.
    t.clock.advance(chrono::Duration::hours(2));
    let d = crm.reply_to_ticket(&actor("desk"), &tk.id, ReplyKind::CustomerReply, "订单号 1001").await.unwrap();
    assert_eq!(d.ticket.status, TicketStatus::InProgress);
    let moved = chrono::DateTime::parse_from_rfc3339(&d.ticket.resolution_due).unwrap()
        - chrono::DateTime::parse_from_rfc3339(&due_before).unwrap();
    // 10:30 → 12:30 spans the lunch hour: 90 working minutes waited, so the due time moves 90 working minutes.
    assert!(moved >= chrono::Duration::minutes(90), "moved {moved}");
    // Raised to high: the new due time is counted from the opening, still without the 90 minutes
    // waited: 480 + 90 working minutes from Monday 10:00 is Tuesday 11:30.
    let current = d.ticket;
    let update = crm_core::service::tickets::TicketUpdate {
        priority: Priority::High,
        category: None,
        subject: current.subject.clone(),
        description: None,
        contact_id: None,
    };
    let up = crm.update_ticket(&actor("desk"), &tk.id, current.version, update).await.unwrap();
    assert_eq!(up.resolution_due, "2026-03-03T03:30:00.000Z");
    crm.act_on_ticket(&actor("desk"), &tk.id, act(TicketAction::Resolve)).await.unwrap();
    // Rating comes after closing.
    let e = crm.rate_ticket(&actor("desk"), &tk.id, 5, None).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::IllegalTransition);
    let closed = crm.act_on_ticket(&actor("desk"), &tk.id, act(TicketAction::Close)).await.unwrap();
    assert!(closed.may_rate);
    assert_eq!(crm.rate_ticket(&actor("desk"), &tk.id, 6, None).await.unwrap_err().code, ErrorCode::InvalidInput);
    let rated = crm.rate_ticket(&actor("desk"), &tk.id, 4, Some("很快".into())).await.unwrap();
    assert_eq!((rated.rating, rated.may_rate), (Some(4), false));
    assert_eq!(crm.rate_ticket(&actor("desk"), &tk.id, 5, None).await.unwrap_err().code, ErrorCode::Conflict);
    let kinds: Vec<String> =
        crm.get_ticket(&actor("desk"), &tk.id).await.unwrap().events.into_iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            "created",
            "assign",
            "note",
            "start",
            "reply",
            "wait",
            "customer_reply",
            "resume",
            "priority",
            "resolve",
            "close",
            "rating"
        ]
    );
    // Replies on a closed ticket need reopening; notes do not.
    let e = crm.reply_to_ticket(&actor("desk"), &tk.id, ReplyKind::Reply, "再次联系").await.unwrap_err();
    assert_eq!(e.code, ErrorCode::IllegalTransition);
    crm.reply_to_ticket(&actor("desk"), &tk.id, ReplyKind::Note, "客户满意").await.unwrap();
    let reopened = crm.act_on_ticket(&actor("desk"), &tk.id, act(TicketAction::Reopen)).await.unwrap();
    assert_eq!(reopened.status, TicketStatus::InProgress);
    // Attachments by path: a real file only.
    let file = t.dir.path().join("发票.pdf");
    std::fs::write(&file, b"%PDF-1.4").unwrap();
    let d = crm.attach_to_ticket(&actor("desk"), &tk.id, file.to_str().unwrap()).await.unwrap();
    assert_eq!((d.attachments[0].file_name.as_str(), d.attachments[0].size), ("发票.pdf", 8));
    let missing = t.dir.path().join("nope.pdf");
    assert_eq!(
        crm.attach_to_ticket(&actor("desk"), &tk.id, missing.to_str().unwrap()).await.unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        crm.attach_to_ticket(&actor("desk"), &tk.id, "relative.pdf").await.unwrap_err().code,
        ErrorCode::InvalidInput
    );
}

#[tokio::test]
async fn routing_is_fair_and_never_crosses_territories_or_picks_inactive_agents() {
    let t = open().await;
    let crm = &t.crm;
    desk_org(crm).await;
    set_strategy(crm, RoutingStrategy::RoundRobin).await;
    let north = customer_in(crm, "王五", "山东", "13900003333").await;
    let east = customer_in(crm, "赵六", "上海", "13900004444").await;
    // desk3 is deactivated: never chosen.
    let desk3 = crm.list_users(&alice()).await.unwrap().into_iter().find(|u| u.login == "desk3").unwrap();
    crm.set_user_active(&alice(), &desk3.id, false).await.unwrap();
    let mut got = Vec::new();
    for i in 0..6 {
        got.push(
            crm.create_ticket(&alice(), ticket(&north, &format!("问题{i}"), Priority::Normal))
                .await
                .unwrap()
                .assignee
                .unwrap(),
        );
    }
    assert_eq!(got, ["desk", "desk2", "desk", "desk2", "desk", "desk2"]);
    // An eastern customer's ticket goes to the eastern agent only.
    for i in 0..2 {
        let tk = crm.create_ticket(&alice(), ticket(&east, &format!("东{i}"), Priority::Normal)).await.unwrap();
        assert_eq!(tk.assignee.as_deref(), Some("eastdesk"));
    }
    // Least loaded: desk2 has fewer open tickets after desk resolves none and desk2 closes two.
    set_strategy(crm, RoutingStrategy::LeastLoaded).await;
    let open_of = |login: &'static str| async move {
        crm.list_tickets(
            &actor(login),
            &TicketListRequest {
                view: TicketView::Mine,
                statuses: vec![],
                priority: None,
                assignee: None,
                cursor: None,
                limit: 50,
            },
        )
        .await
        .unwrap()
        .items
    };
    for tk in open_of("desk2").await.into_iter().take(2) {
        crm.act_on_ticket(&actor("desk2"), &tk.id, act(TicketAction::Resolve)).await.unwrap();
    }
    let next = crm.create_ticket(&alice(), ticket(&north, "少的人先", Priority::Normal)).await.unwrap();
    assert_eq!(next.assignee.as_deref(), Some("desk2"));
    // By skill: a billing ticket goes to the agent with that skill.
    crm.set_agent_skills(&alice(), "desk", vec!["billing".into()]).await.unwrap();
    let mut billing = ticket(&north, "发票抬头", Priority::Normal);
    billing.category = Some("billing".into());
    for _ in 0..2 {
        assert_eq!(crm.create_ticket(&alice(), billing.clone()).await.unwrap().assignee.as_deref(), Some("desk"));
    }
    // Naming an agent of another territory, or an inactive one, is refused.
    let e = crm
        .create_ticket(
            &alice(),
            TicketInput { assignee: Some("eastdesk".into()), ..ticket(&north, "x", Priority::Low) },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let e = crm
        .create_ticket(&alice(), TicketInput { assignee: Some("desk3".into()), ..ticket(&north, "x", Priority::Low) })
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    // A category not configured is refused; one in use cannot be removed.
    let e = crm
        .create_ticket(&alice(), TicketInput { category: Some("nope".into()), ..ticket(&north, "x", Priority::Low) })
        .await
        .unwrap_err();
    assert!(e.message.contains("nope"), "{}", e.message);
    let mut routing: TicketRouting = crm.ticket_routing(&alice()).await.unwrap();
    routing.categories.retain(|c| c.key != "billing");
    assert_eq!(crm.set_ticket_routing(&alice(), routing).await.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn an_agent_sees_only_the_tickets_of_his_territory() {
    let t = open().await;
    let crm = &t.crm;
    desk_org(crm).await;
    set_strategy(crm, RoutingStrategy::Manual).await;
    let north = customer_in(crm, "王五", "山东", "13900003333").await;
    let east = customer_in(crm, "赵六", "上海", "13900004444").await;
    let n = crm.create_ticket(&alice(), ticket(&north, "北方的", Priority::Normal)).await.unwrap();
    let e = crm.create_ticket(&alice(), ticket(&east, "东方的", Priority::Urgent)).await.unwrap();
    let queue = |login: &'static str| async move {
        crm.list_tickets(
            &actor(login),
            &TicketListRequest {
                view: TicketView::Queue,
                statuses: vec![],
                priority: None,
                assignee: None,
                cursor: None,
                limit: 50,
            },
        )
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|t| t.subject)
        .collect::<Vec<_>>()
    };
    assert_eq!(queue("desk").await, ["北方的"]);
    assert_eq!(queue("eastdesk").await, ["东方的"]);
    // The admin's queue is most urgent first.
    assert_eq!(queue("alice").await, ["东方的", "北方的"]);
    assert_eq!(crm.ticket_counts(&actor("desk")).await.unwrap().open, 1);
    let err = crm.get_ticket(&actor("desk"), &e.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = crm.create_ticket(&actor("desk"), ticket(&east, "越区", Priority::Low)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    // Moving the customer east moves its ticket with it.
    let mut moved = crm.get_customer(&alice(), &north).await.unwrap().to_input();
    moved.province = Some("上海".into());
    let v = crm.get_customer(&alice(), &north).await.unwrap().version;
    crm.update_customer(&alice(), &north, v, moved).await.unwrap();
    assert!(queue("desk").await.is_empty());
    assert_eq!(queue("eastdesk").await.len(), 2);
    assert_eq!(crm.get_ticket(&actor("eastdesk"), &n.id).await.unwrap().ticket.subject, "北方的");
}

#[tokio::test]
async fn the_queue_pages_by_due_time_and_counts_breaches() {
    let t = open().await;
    let crm = &t.crm;
    desk_org(crm).await;
    set_strategy(crm, RoutingStrategy::Manual).await;
    let c = customer_in(crm, "王五", "山东", "13900003333").await;
    t.clock.set(chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00").unwrap().into());
    for (i, p) in
        [Priority::Low, Priority::Urgent, Priority::Normal, Priority::High, Priority::Urgent].into_iter().enumerate()
    {
        crm.create_ticket(&alice(), ticket(&c, &format!("t{i}"), p)).await.unwrap();
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = crm
            .list_tickets(
                &alice(),
                &TicketListRequest {
                    view: TicketView::Queue,
                    statuses: vec![],
                    priority: None,
                    assignee: None,
                    cursor: cursor.clone(),
                    limit: 2,
                },
            )
            .await
            .unwrap();
        seen.extend(page.items.into_iter().map(|t| t.subject));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(seen, ["t1", "t4", "t3", "t2", "t0"]);
    // Two hours later both urgent tickets missed their first answer (30 min).
    t.clock.advance(chrono::Duration::hours(2));
    let counts = crm.ticket_counts(&alice()).await.unwrap();
    assert_eq!((counts.open, counts.unassigned, counts.breached), (5, 5, 3));
    let breached = crm
        .list_tickets(
            &alice(),
            &TicketListRequest {
                view: TicketView::Breached,
                statuses: vec![],
                priority: None,
                assignee: None,
                cursor: None,
                limit: 10,
            },
        )
        .await
        .unwrap();
    assert_eq!(breached.items.iter().map(|t| t.subject.as_str()).collect::<Vec<_>>(), ["t1", "t4", "t3"]);
    assert!(breached.items.iter().all(|t| t.first_response_clock == ClockState::Breached));
    // A status filter replaces the view's own (open) statuses.
    let none_closed = crm
        .list_tickets(
            &alice(),
            &TicketListRequest {
                view: TicketView::Queue,
                statuses: vec![TicketStatus::Closed],
                priority: None,
                assignee: None,
                cursor: None,
                limit: 10,
            },
        )
        .await
        .unwrap();
    assert!(none_closed.items.is_empty());
    let report = crm.sla_report(&alice(), &Default::default()).await.unwrap();
    assert_eq!((report.total.tickets, report.total.first_response_breached), (5, 3));
    assert_eq!(report.by_priority[0].key, "urgent");
}

#[tokio::test]
async fn the_caller_is_found_by_the_last_four_digits_with_his_tickets() {
    let t = open().await;
    let crm = &t.crm;
    desk_org(crm).await;
    let c = customer_in(crm, "钱七", "山东", "138 0013 8000").await;
    customer_in(crm, "孙八", "山东", "13900001111").await;
    crm.create_ticket(&alice(), ticket(&c, "上次的问题", Priority::Normal)).await.unwrap();
    let found = crm.caller_lookup(&actor("desk"), "8000", None).await.unwrap();
    assert_eq!(found.matches[0].name, "钱七");
    let card = found.card.unwrap();
    assert_eq!(card.customer.id, c);
    assert_eq!(card.open_tickets.len(), 1);
    assert!(card.past_tickets.is_empty());
    // Out of scope: the eastern agent finds nothing.
    let other = crm.caller_lookup(&actor("eastdesk"), "8000", None).await.unwrap();
    assert!(other.matches.is_empty() && other.card.is_none());
}
