//! Accounts, the org tree, territories and the scope they give: the seed's cross-region example,
//! admin-only actions, sign-in failures and the audit log.

mod common;
use common::*;
use crm_core::access::Role;
use crm_core::access::audit::{AuditFilter, AuditKind};
use crm_core::access::places::Place;
use crm_core::access::territories::TerritoryInput;
use crm_core::activity::{ActivityInput, ActivityKind};
use crm_core::contact::ContactInput;
use crm_core::csv_io::import::ImportOptions;
use crm_core::customer::list::ListRequest;
use crm_core::{Actor, Crm, ErrorCode};

/// 总公司 -> 华北区 (territory 北方: 山东, 北京) and 华东区 (territory 华东: 上海, 江苏), each with a
/// sales rep; a manager over 华北区 with a team 青岛组 below it (territory 青岛: 中国/山东/青岛 is
/// carved out of nothing: 山东 belongs to 北方, so 青岛组 gets 烟台 instead).
struct Org {
    top: String,
    north: String,
    east: String,
    team: String,
}

fn actor(login: &str) -> Actor {
    Actor::named(login)
}

fn place(text: &str) -> Place {
    Place::parse(text).unwrap()
}

async fn org(crm: &Crm, top: &str) -> Org {
    let a = alice();
    let north = crm.create_org_unit(&a, "华北区", top).await.unwrap().id;
    let east = crm.create_org_unit(&a, "华东区", top).await.unwrap().id;
    let team = crm.create_org_unit(&a, "济南组", &north).await.unwrap().id;
    let t = |name: &str, unit: &str, places: &[&str]| TerritoryInput {
        name: name.into(),
        unit_id: unit.into(),
        places: places.iter().map(|p| place(p)).collect(),
    };
    crm.create_territory(&a, t("北方", &north, &["/山东/青岛", "北京"])).await.unwrap();
    crm.create_territory(&a, t("济南", &team, &["/山东/济南"])).await.unwrap();
    crm.create_territory(&a, t("华东", &east, &["上海", "江苏"])).await.unwrap();
    crm.add_user(&a, new_user("north_rep", Role::Sales, &north)).await.unwrap();
    crm.add_user(&a, new_user("east_rep", Role::Sales, &east)).await.unwrap();
    crm.add_user(&a, new_user("north_boss", Role::Manager, &north)).await.unwrap();
    crm.add_user(&a, new_user("jinan_agent", Role::Service, &team)).await.unwrap();
    crm.add_user(&a, new_user("desk", Role::Service, top)).await.unwrap();
    Org { top: top.to_string(), north, east, team }
}

fn located(name: &str, province: &str, city: &str) -> crm_core::customer::model::CustomerInput {
    let mut c = person(name, "13800001111", "");
    c.province = Some(province.into());
    c.city = Some(city.into());
    c
}

async fn security_events(crm: &Crm) -> Vec<(String, AuditKind, String)> {
    let filter = AuditFilter { security_only: true, ..Default::default() };
    let page = crm.audit_log(&alice(), &filter, None, 500).await.unwrap();
    page.entries.into_iter().map(|e| (e.login, e.kind, e.action)).collect()
}

#[tokio::test]
async fn another_teams_rep_can_neither_see_nor_work_a_customer() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    org(&t.crm, &top).await;
    let qingdao = t.crm.create_customer(&actor("north_rep"), located("海尔青岛", "山东省", "青岛市")).await.unwrap();
    assert_eq!(qingdao.territory.as_ref().map(|t| t.name.as_str()), Some("北方"));
    let east = actor("east_rep");

    let refused = |r: ErrorCode| assert_eq!(r, ErrorCode::Forbidden);
    refused(t.crm.get_customer(&east, &qingdao.id).await.unwrap_err().code);
    refused(t.crm.customer_history(&east, &qingdao.id, None, 10).await.unwrap_err().code);
    refused(t.crm.list_contacts(&east, &qingdao.id).await.unwrap_err().code);
    refused(t.crm.list_activities(&east, &qingdao.id, None, 10).await.unwrap_err().code);
    let mut edit = qingdao.to_input();
    edit.owner = Some("east_rep".into());
    refused(t.crm.update_customer(&east, &qingdao.id, qingdao.version, edit).await.unwrap_err().code);
    refused(t.crm.delete_customer(&east, &qingdao.id).await.unwrap_err().code);
    let note = ActivityInput {
        kind: ActivityKind::Call,
        occurred_at: None,
        subject: "抢单".into(),
        body: None,
        opportunity_id: None,
    };
    refused(t.crm.add_activity(&east, &qingdao.id, note).await.unwrap_err().code);
    assert!(t.crm.search(&east, "海尔青岛", 10).await.unwrap().is_empty());
    assert!(t.crm.search(&east, "1111", 10).await.unwrap().is_empty());
    assert_eq!(t.crm.count_customers(&east, &Default::default()).await.unwrap(), 0);
    assert!(t.crm.list_customers(&east, &ListRequest::default()).await.unwrap().rows.is_empty());
    let mut csv = Vec::new();
    assert_eq!(t.crm.export_customers_csv(&east, &Default::default(), &mut csv).await.unwrap(), 0);
    assert!(t.crm.distinct_values(&east, "city", 100).await.unwrap().is_empty());

    // Nothing changed, and every attempt was recorded.
    let now = t.crm.get_customer(&alice(), &qingdao.id).await.unwrap();
    assert_eq!((now.version, now.owner.clone()), (1, None));
    let events = security_events(&t.crm).await;
    let east_refusals = events.iter().filter(|(l, k, _)| l == "east_rep" && *k == AuditKind::Refused).count();
    assert_eq!(east_refusals, 7, "{events:?}");

    // The rep of the region and the manager above it do see it; so does the admin.
    for who in ["north_rep", "north_boss", "alice"] {
        assert_eq!(t.crm.search(&actor(who), "海尔青岛", 10).await.unwrap().len(), 1, "{who}");
        assert_eq!(t.crm.count_customers(&actor(who), &Default::default()).await.unwrap(), 1, "{who}");
    }
    // The Jinan team's agent does not (the manager's unit is above theirs, not below).
    assert_eq!(t.crm.count_customers(&actor("jinan_agent"), &Default::default()).await.unwrap(), 0);
}

#[tokio::test]
async fn moving_a_customer_to_another_territory_is_for_managers() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    org(&t.crm, &top).await;
    let rep = actor("north_rep");
    let c = t.crm.create_customer(&rep, located("青岛啤酒", "山东", "青岛")).await.unwrap();

    // A rep cannot create outside their territories, nor without a location.
    let err = t.crm.create_customer(&rep, located("上海家化", "上海", "上海")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(err.message.contains("上海"), "{}", err.message);
    assert_eq!(t.crm.create_customer(&rep, person("无名", "", "")).await.unwrap_err().code, ErrorCode::Forbidden);

    // Editing the address into another territory: refused for the rep, nothing changed.
    let mut to_jinan = c.to_input();
    to_jinan.city = Some("济南".into());
    let err = t.crm.update_customer(&rep, &c.id, c.version, to_jinan.clone()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(t.crm.get_customer(&rep, &c.id).await.unwrap().city.as_deref(), Some("青岛"));

    // The manager may move it within his scope (济南组 is below 华北区), and it is logged.
    let boss = actor("north_boss");
    let moved = t.crm.update_customer(&boss, &c.id, c.version, to_jinan).await.unwrap();
    assert_eq!(moved.territory.as_ref().map(|t| t.name.as_str()), Some("济南"));
    let history = t.crm.customer_history(&boss, &c.id, None, 10).await.unwrap();
    let change = history[0].changes.iter().find(|f| f.field == "territory").expect("territory change logged");
    assert_eq!((change.old.clone(), change.new.clone()), (Some("北方".into()), Some("济南".into())));
    // ... but not out of it.
    let mut to_shanghai = moved.to_input();
    to_shanghai.province = Some("上海".into());
    to_shanghai.city = Some("上海".into());
    let err = t.crm.update_customer(&boss, &c.id, moved.version, to_shanghai).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    // Now the north rep no longer sees it, the Jinan agent does.
    assert_eq!(t.crm.get_customer(&rep, &c.id).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(t.crm.get_customer(&actor("jinan_agent"), &c.id).await.unwrap().name, "青岛啤酒");
}

#[tokio::test]
async fn unassigned_customers_are_seen_by_admins_and_the_top_unit_only() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    let o = org(&t.crm, &top).await;
    let tibet = t.crm.create_customer(&alice(), located("拉萨客户", "西藏", "拉萨")).await.unwrap();
    assert_eq!(tibet.territory, None);
    assert_eq!(t.crm.get_customer(&actor("desk"), &tibet.id).await.unwrap().name, "拉萨客户");
    assert_eq!(t.crm.get_customer(&actor("north_boss"), &tibet.id).await.unwrap_err().code, ErrorCode::Forbidden);

    // A territory for 西藏 attached to 华北区 takes it over at once.
    let input = TerritoryInput { name: "西藏".into(), unit_id: o.north.clone(), places: vec![place("西藏")] };
    let tt = t.crm.create_territory(&alice(), input.clone()).await.unwrap();
    assert_eq!(tt.customer_count, 1);
    assert_eq!(t.crm.get_customer(&actor("north_rep"), &tibet.id).await.unwrap().name, "拉萨客户");
    assert_eq!(t.crm.get_customer(&actor("desk"), &tibet.id).await.unwrap_err().code, ErrorCode::Forbidden);
    // Moving the territory to 华东区 moves the customer's scope with it.
    let moved = TerritoryInput { unit_id: o.east.clone(), ..input };
    t.crm.update_territory(&alice(), &tt.id, moved).await.unwrap();
    assert_eq!(t.crm.count_customers(&actor("east_rep"), &Default::default()).await.unwrap(), 1);
    assert_eq!(t.crm.count_customers(&actor("north_rep"), &Default::default()).await.unwrap(), 0);
    // Deleting it makes the customer unassigned again.
    t.crm.delete_territory(&alice(), &tt.id).await.unwrap();
    assert_eq!(t.crm.get_customer(&alice(), &tibet.id).await.unwrap().territory, None);
    let _ = (o.top, o.team);
}

/// Found by the scope property test: a user whose scope is empty got an internal error from
/// every read that names an index, because SQLite finds no plan for a constant-false condition.
#[tokio::test]
async fn a_user_of_a_unit_without_territories_sees_nothing_without_errors() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    let o = org(&t.crm, &top).await;
    let west = t.crm.create_org_unit(&alice(), "西部", &top).await.unwrap().id;
    t.crm.add_user(&alice(), new_user("west_rep", Role::Sales, &west)).await.unwrap();
    t.crm.add_user(&alice(), new_user("west_boss", Role::Manager, &west)).await.unwrap();
    t.crm.create_customer(&alice(), located("海尔青岛", "山东", "青岛")).await.unwrap();
    for who in ["west_rep", "west_boss"] {
        let a = actor(who);
        assert_eq!(t.crm.count_customers(&a, &Default::default()).await.unwrap(), 0);
        assert!(t.crm.list_customers(&a, &ListRequest::default()).await.unwrap().rows.is_empty());
        assert!(t.crm.distinct_values(&a, "city", 10).await.unwrap().is_empty());
        assert!(t.crm.search(&a, "海尔", 10).await.unwrap().is_empty());
    }
    let _ = o;
}

#[tokio::test]
async fn overlapping_territories_and_cycles_are_refused_and_logged() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    let o = org(&t.crm, &top).await;
    let before = t.crm.territories(&alice()).await.unwrap();
    let overlap =
        TerritoryInput {
            name: "山东全省".into(), unit_id: o.east.clone(), places: vec![place("中国/山东省")]
        };
    let err = t.crm.create_territory(&alice(), overlap).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("北方"), "{}", err.message);
    assert_eq!(t.crm.territories(&alice()).await.unwrap(), before);

    let err = t.crm.move_org_unit(&alice(), &o.north, &o.team).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("below"), "{}", err.message);
    let err = t.crm.move_org_unit(&alice(), &o.top, &o.east).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let units = t.crm.org_units(&alice()).await.unwrap();
    assert_eq!(units.iter().find(|u| u.id == o.north).unwrap().parent_id.as_deref(), Some(o.top.as_str()));
    // A legal move: 济南组 under 华东区; its territory's customers follow into the east's scope.
    t.crm.move_org_unit(&alice(), &o.team, &o.east).await.unwrap();
    t.crm.create_customer(&alice(), located("济南客户", "山东", "济南")).await.unwrap();
    assert_eq!(t.crm.count_customers(&actor("north_boss"), &Default::default()).await.unwrap(), 0);

    let actions: Vec<String> = security_events(&t.crm).await.into_iter().map(|e| e.2).collect();
    assert_eq!(actions, vec!["org.move", "org.move", "territory.create"]);
}

#[tokio::test]
async fn admin_only_actions_are_refused_to_everyone_else() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    let o = org(&t.crm, &top).await;
    let c = t.crm.create_customer(&alice(), located("青岛港", "山东", "青岛")).await.unwrap();
    t.crm.delete_customer(&actor("north_rep"), &c.id).await.unwrap();
    let east_rep_id = t.crm.user_id("east_rep").await.unwrap();
    let territory = t.crm.territories(&alice()).await.unwrap()[0].clone();
    let input = TerritoryInput { name: "新区".into(), unit_id: o.north.clone(), places: vec![place("河北")] };
    for who in ["north_boss", "north_rep", "desk"] {
        let a = actor(who);
        let codes = vec![
            t.crm.create_org_unit(&a, "新组", &o.north).await.err(),
            t.crm.rename_org_unit(&a, &o.north, "北区").await.err(),
            t.crm.move_org_unit(&a, &o.team, &o.east).await.err(),
            t.crm.delete_org_unit(&a, &o.team).await.err(),
            t.crm.add_user(&a, new_user("mallory", Role::Admin, &o.top)).await.err(),
            t.crm.set_user_active(&a, &east_rep_id, false).await.err(),
            t.crm.reset_password(&a, &east_rep_id, "new password 1").await.err(),
            t.crm
                .update_user(
                    &a,
                    &east_rep_id,
                    crm_core::access::accounts::UserUpdate {
                        display_name: "x".into(),
                        role: Role::Admin,
                        unit_id: o.top.clone(),
                    },
                )
                .await
                .err(),
            t.crm.list_users(&a).await.err(),
            t.crm.create_territory(&a, input.clone()).await.err(),
            t.crm.update_territory(&a, &territory.id, input.clone()).await.err(),
            t.crm.delete_territory(&a, &territory.id).await.err(),
            t.crm.restore_customer(&a, &c.id).await.err(),
            t.crm.audit_log(&a, &AuditFilter::default(), None, 10).await.err(),
            t.crm.generate_demo_data(&a, 1, 1).await.err(),
        ];
        for (i, e) in codes.into_iter().enumerate() {
            assert_eq!(e.map(|e| e.code), Some(ErrorCode::Forbidden), "{who}, action #{i}");
        }
    }
    // Nothing changed.
    assert_eq!(t.crm.list_users(&alice()).await.unwrap().len(), 7);
    assert_eq!(t.crm.org_units(&alice()).await.unwrap().len(), 4);
    assert_eq!(t.crm.territories(&alice()).await.unwrap().len(), 3);
    assert!(t.crm.get_customer(&alice(), &c.id).await.unwrap().deleted_at.is_some());
    assert_eq!(security_events(&t.crm).await.len(), 45);
    // The administrator can.
    t.crm.restore_customer(&alice(), &c.id).await.unwrap();
}

#[tokio::test]
async fn sign_in_failures_are_recorded_and_slow_down() {
    let t = open().await;
    assert!(!t.crm.needs_setup().await.unwrap());
    assert_eq!(t.crm.sign_in("alice", PASSWORD).await.unwrap().role, Role::Admin);
    assert_eq!(t.crm.sign_in("ALICE", PASSWORD).await.unwrap().login, "alice");
    for _ in 0..3 {
        let err = t.crm.sign_in("alice", "guess").await.unwrap_err();
        assert_eq!((err.code, err.message.as_str()), (ErrorCode::Forbidden, "wrong sign-in name or password"));
    }
    // Now even the right password has to wait.
    let err = t.crm.sign_in("alice", PASSWORD).await.unwrap_err();
    assert!(err.message.contains("try again in 5 s"), "{}", err.message);
    t.clock.advance(chrono::Duration::seconds(6));
    t.crm.sign_in("alice", PASSWORD).await.unwrap();
    // The counter was reset by the success.
    t.crm.sign_in("alice", "guess").await.unwrap_err();
    t.crm.sign_in("alice", PASSWORD).await.unwrap();

    let unknown = t.crm.sign_in("nobody", "whatever1").await.unwrap_err();
    assert_eq!(unknown.message, "wrong sign-in name or password");

    let bob = t.crm.user_id("bob").await.unwrap();
    t.crm.set_user_active(&alice(), &bob, false).await.unwrap();
    let err = t.crm.sign_in("bob", PASSWORD).await.unwrap_err();
    assert!(err.message.contains("deactivated"), "{}", err.message);
    // A deactivated account can do nothing, even with an actor made before.
    assert_eq!(t.crm.count_customers(&actor("bob"), &Default::default()).await.unwrap_err().code, ErrorCode::Forbidden);
    // The last admin cannot be deactivated or demoted; nobody deactivates themselves.
    let alice_id = t.crm.user_id("alice").await.unwrap();
    assert_eq!(t.crm.set_user_active(&alice(), &alice_id, false).await.unwrap_err().code, ErrorCode::InvalidInput);

    let failed: Vec<String> =
        security_events(&t.crm).await.into_iter().filter(|e| e.1 == AuditKind::SignInFailed).map(|e| e.0).collect();
    assert_eq!(failed, vec!["bob", "nobody", "alice", "alice", "alice", "alice", "alice"]);

    // Passwords: too short is refused; a reset works; the old one stops working.
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    let short = t.crm.add_user(&alice(), NewUserShort::user("carol", &top, "short")).await.unwrap_err();
    assert_eq!(short.code, ErrorCode::InvalidInput);
    t.crm.set_user_active(&alice(), &bob, true).await.unwrap();
    t.crm.reset_password(&alice(), &bob, "a new secret").await.unwrap();
    t.crm.sign_in("bob", "a new secret").await.unwrap();
    t.crm.sign_in("bob", PASSWORD).await.unwrap_err();
}

struct NewUserShort;
impl NewUserShort {
    fn user(login: &str, unit: &str, password: &str) -> crm_core::access::accounts::NewUser {
        crm_core::access::accounts::NewUser { password: password.into(), ..new_user(login, Role::Sales, unit) }
    }
}

#[tokio::test]
async fn the_first_start_creates_the_admin_and_staying_signed_in_needs_a_single_user() {
    let dir = tempfile::tempdir().unwrap();
    let crm = Crm::open(&dir.path().join("crm.db")).await.unwrap();
    assert!(crm.needs_setup().await.unwrap());
    assert_eq!(crm.count_customers(&alice(), &Default::default()).await.unwrap_err().code, ErrorCode::Forbidden);
    let admin = crm.create_first_admin("小店", new_user("owner", Role::Sales, "")).await.unwrap();
    assert_eq!((admin.role, admin.unit_name.as_str()), (Role::Admin, "小店"));
    let again = crm.create_first_admin("小店", new_user("owner2", Role::Admin, "")).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);

    let owner = actor("owner");
    crm.set_stay_signed_in(&owner, true).await.unwrap();
    assert_eq!(crm.remembered_user().await.unwrap().map(|u| u.login), Some("owner".into()));
    // A second user ends it, and it cannot be turned back on.
    crm.add_user(&owner, new_user("helper", Role::Service, &admin.unit_id)).await.unwrap();
    assert_eq!(crm.remembered_user().await.unwrap(), None);
    assert_eq!(crm.set_stay_signed_in(&owner, true).await.unwrap_err().code, ErrorCode::Conflict);
}

#[tokio::test]
async fn an_import_by_a_rep_applies_only_if_every_row_is_in_his_territories() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    org(&t.crm, &top).await;
    let csv = "name,province,city,tags\n甲,山东,青岛,\n乙,上海,上海,\n丙,北京,北京,新标签\n";
    let report = t
        .crm
        .import_customers(&actor("north_rep"), std::io::Cursor::new(csv.as_bytes().to_vec()), ImportOptions::default())
        .await
        .unwrap();
    assert_eq!(report.imported, 0);
    let reasons: Vec<(u64, bool)> =
        report.rejected.iter().map(|r| (r.line, r.reason.contains("outside your territories"))).collect();
    assert_eq!(reasons, vec![(3, true), (4, false)]);
    assert!(report.rejected[1].reason.contains("新标签"));
    assert_eq!(t.crm.count_customers(&alice(), &Default::default()).await.unwrap(), 0);

    let ok = "name,province,city\n甲,山东,青岛\n丁,北京,\n";
    let report = t
        .crm
        .import_customers(&actor("north_rep"), std::io::Cursor::new(ok.as_bytes().to_vec()), ImportOptions::default())
        .await
        .unwrap();
    assert_eq!(report.imported, 2);
    assert_eq!(t.crm.count_customers(&actor("north_rep"), &Default::default()).await.unwrap(), 2);
}

/// "Cross-region selling is prevented": nobody can assign a customer to a user who does not
/// work its territory, by form, by import or by moving the customer away from its owner.
#[tokio::test]
async fn a_customer_is_never_assigned_to_a_user_of_another_territory() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    org(&t.crm, &top).await;
    let mut qingdao = located("海尔青岛", "山东", "青岛");
    qingdao.owner = Some("east_rep".into());
    let err = t.crm.create_customer(&alice(), qingdao.clone()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(err.message.contains("east_rep"), "{}", err.message);
    qingdao.owner = Some("NORTH_REP".into());
    let c = t.crm.create_customer(&alice(), qingdao).await.unwrap();
    // By display name too; a name without an account stays free text.
    let mut edit = c.to_input();
    edit.owner = Some("EAST_REP".into());
    assert_eq!(t.crm.update_customer(&alice(), &c.id, 1, edit.clone()).await.unwrap_err().code, ErrorCode::Forbidden);
    edit.owner = Some("王磊".into());
    let c = t.crm.update_customer(&alice(), &c.id, 1, edit).await.unwrap();
    // Moving a customer away from its owner's territory is refused until it gets a new owner.
    let mut edit = c.to_input();
    edit.owner = Some("north_rep".into());
    let c = t.crm.update_customer(&alice(), &c.id, c.version, edit).await.unwrap();
    let mut to_shanghai = c.to_input();
    (to_shanghai.province, to_shanghai.city) = (Some("上海".into()), Some("上海".into()));
    let err = t.crm.update_customer(&alice(), &c.id, c.version, to_shanghai.clone()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    to_shanghai.owner = Some("east_rep".into());
    let moved = t.crm.update_customer(&alice(), &c.id, c.version, to_shanghai).await.unwrap();
    assert_eq!(moved.territory.map(|t| t.name), Some("华东".into()));

    let csv = "name,province,city,owner\n甲,山东,青岛,north_rep\n乙,山东,济南,east_rep\n";
    let report = t
        .crm
        .import_customers(&alice(), std::io::Cursor::new(csv.as_bytes().to_vec()), ImportOptions::default())
        .await
        .unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 3);
    assert!(report.rejected[0].reason.contains("east_rep"), "{}", report.rejected[0].reason);
    let refusals = security_events(&t.crm).await;
    let assign = refusals.iter().filter(|(_, _, a)| a == "customer.assign" || a == "customer.import").count();
    assert_eq!(assign, 4, "{refusals:?}");
}

#[tokio::test]
async fn the_audit_log_pages_through_changes_and_events_by_time() {
    let t = open().await;
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    org(&t.crm, &top).await;
    let mut input = located("审计客户", "北京", "北京");
    input.kind = crm_core::customer::model::Kind::Enterprise;
    let c = t.crm.create_customer(&alice(), input).await.unwrap();
    t.clock.advance(chrono::Duration::minutes(1));
    t.crm.get_customer(&actor("east_rep"), &c.id).await.unwrap_err();
    t.clock.advance(chrono::Duration::minutes(1));
    let contact = ContactInput { name: "联系人".into(), title: None, phones: vec![], emails: vec![] };
    t.crm.create_contact(&alice(), &c.id, contact).await.unwrap();

    let all = t.crm.audit_log(&alice(), &AuditFilter::default(), None, 500).await.unwrap();
    let mut paged = Vec::new();
    let mut cursor = None;
    loop {
        let page = t.crm.audit_log(&alice(), &AuditFilter::default(), cursor, 4).await.unwrap();
        paged.extend(page.entries);
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(paged, all.entries);
    assert!(all.entries.windows(2).all(|w| w[0].at >= w[1].at));
    assert_eq!(all.entries[0].action, "contact.create");
    assert_eq!(all.entries[1].kind, AuditKind::Refused);

    let by_record = AuditFilter { record_id: Some(c.id.clone()), ..Default::default() };
    let actions: Vec<String> =
        t.crm.audit_log(&alice(), &by_record, None, 50).await.unwrap().entries.into_iter().map(|e| e.action).collect();
    assert_eq!(actions, vec!["contact.create", "customer.read", "customer.create"]);
    let by_user = AuditFilter { login: Some("east_rep".into()), ..Default::default() };
    assert_eq!(t.crm.audit_log(&alice(), &by_user, None, 50).await.unwrap().entries.len(), 1);
    let later = AuditFilter { from: Some("2026-03-02".into()), ..Default::default() };
    assert!(t.crm.audit_log(&alice(), &later, None, 50).await.unwrap().entries.is_empty());
    let bad = AuditFilter { to: Some("yesterday".into()), ..Default::default() };
    assert_eq!(t.crm.audit_log(&alice(), &bad, None, 50).await.unwrap_err().code, ErrorCode::InvalidInput);
}
