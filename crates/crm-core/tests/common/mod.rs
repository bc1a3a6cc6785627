//! A fresh database file per test, with a clock the test controls.
#![allow(dead_code)]

use crm_core::access::Role;
use crm_core::access::accounts::NewUser;
use crm_core::customer::model::{CustomerInput, Kind};
use crm_core::{Actor, Crm, FixedClock};
use std::sync::Arc;

pub struct TestDb {
    pub crm: Crm,
    pub clock: Arc<FixedClock>,
    pub dir: tempfile::TempDir,
}

pub async fn open() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::at("2026-03-01T09:00:00Z"));
    let crm = Crm::open_with_clock(&dir.path().join("crm.db"), clock.clone()).await.expect("open database");
    bootstrap(&crm).await;
    TestDb { crm, clock, dir }
}

pub const PASSWORD: &str = "correct horse";

/// The accounts every test starts with: administrators alice (created at the first start) and
/// bob, both in the top unit. Returns the top unit's id.
pub async fn bootstrap(crm: &Crm) -> String {
    crm.create_first_admin("总公司", new_user("alice", Role::Admin, "")).await.expect("first admin");
    let top = crm.org_units(&alice()).await.unwrap()[0].id.clone();
    crm.add_user(&alice(), new_user("bob", Role::Admin, &top)).await.expect("second admin");
    top
}

pub fn new_user(login: &str, role: Role, unit_id: &str) -> NewUser {
    NewUser {
        login: login.into(),
        display_name: login.to_uppercase(),
        role,
        unit_id: unit_id.into(),
        password: PASSWORD.into(),
    }
}

pub fn alice() -> Actor {
    Actor::named("alice")
}

pub fn person(name: &str, phone: &str, email: &str) -> CustomerInput {
    let mut c = CustomerInput::named(name);
    if !phone.is_empty() {
        c.phones = vec![phone.to_string()];
    }
    if !email.is_empty() {
        c.emails = vec![email.to_string()];
    }
    c
}

pub fn company(name: &str) -> CustomerInput {
    let mut c = CustomerInput::named(name);
    c.kind = Kind::Enterprise;
    c.company = Some(name.to_string());
    c
}

/// Every row count that a failed write must leave unchanged.
pub async fn counts(crm: &Crm) -> (i64, i64, i64) {
    let c = crm.count_customers(&alice(), &Default::default()).await.unwrap();
    let trash = crm
        .count_customers(&alice(), &crm_core::customer::list::CustomerFilter { trash: true, ..Default::default() })
        .await
        .unwrap();
    let tags = crm.list_tags().await.unwrap().len() as i64;
    (c, trash, tags)
}

/// A read-only connection to the test database, to look at what the core stored.
pub async fn read_only(t: &TestDb) -> sqlx::SqliteConnection {
    use sqlx::ConnectOptions;
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(t.dir.path().join("crm.db"))
        .read_only(true)
        .connect()
        .await
        .unwrap()
}

/// Every table's rows as text, in order, to compare a database before and after: all tables but
/// the search indexes' internals and those whose name starts with one of `skip_tables`, all
/// columns but `skip_columns`.
pub async fn dump(t: &TestDb, skip_tables: &[&str], skip_columns: &[&str]) -> Vec<String> {
    let mut conn = read_only(t).await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE 'customer_search%' AND name NOT LIKE 'customer_phone_search%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut out = Vec::new();
    for table in tables.iter().filter(|t| !skip_tables.iter().any(|s| t.starts_with(s))) {
        let columns: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT name FROM pragma_table_info('{table}')")))
                .fetch_all(&mut conn)
                .await
                .unwrap();
        let row = columns
            .iter()
            .filter(|c| !skip_columns.contains(&c.as_str()))
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let rows: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {row} FROM \"{table}\" ORDER BY 1")))
                .fetch_all(&mut conn)
                .await
                .unwrap();
        out.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
    }
    out
}
