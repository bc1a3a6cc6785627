//! Who a customer may be assigned to. The owner field is free text (imported data names people
//! who never had an account), but when it names an account (its sign-in name or display name),
//! that user must work the customer's territory: a record is never assigned across regions.

use super::{OrgShape, Role, Scope};
use crate::error::{CoreError, CoreResult};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// The scopes of the active accounts, by every name an owner field may use for them.
pub(crate) struct Assignees {
    by_name: HashMap<String, Vec<(String, Scope)>>,
}

#[derive(sqlx::FromRow)]
struct AssigneeRow {
    login: String,
    display_name: String,
    role: String,
    unit_seq: i64,
}

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Assignees {
    pub async fn load(conn: &mut SqliteConnection) -> CoreResult<Assignees> {
        let shape = OrgShape::load(&mut *conn).await?;
        let rows: Vec<AssigneeRow> =
            sqlx::query_as("SELECT login, display_name, role, unit_seq FROM users WHERE active = 1")
                .fetch_all(&mut *conn)
                .await?;
        let mut by_name: HashMap<String, Vec<(String, Scope)>> = HashMap::new();
        for row in rows {
            let scope = shape.scope(Role::parse(&row.role)?, row.unit_seq);
            let mut names = vec![name_key(&row.login)];
            if name_key(&row.display_name) != names[0] {
                names.push(name_key(&row.display_name));
            }
            for name in names {
                by_name.entry(name).or_default().push((row.login.clone(), scope.clone()));
            }
        }
        Ok(Assignees { by_name })
    }

    /// Refuses an owner whose accounts all work other territories. An owner naming no account
    /// (or no owner) is accepted.
    pub fn check(&self, owner: Option<&str>, territory: Option<i64>) -> Result<(), String> {
        let Some(owner) = owner.map(str::trim).filter(|o| !o.is_empty()) else {
            return Ok(());
        };
        match self.by_name.get(&name_key(owner)) {
            Some(accounts) if !accounts.iter().any(|(_, scope)| scope.contains(territory)) => {
                let who: Vec<&str> = accounts.iter().map(|(login, _)| login.as_str()).collect();
                Err(format!(
                    "{owner} ({}) works other territories than this customer's, so it cannot be assigned to them",
                    who.join(", ")
                ))
            }
            _ => Ok(()),
        }
    }
}

/// The active account, by sign-in or display name, that a sales record (`records`: "leads",
/// "opportunities") is given to: its sign-in name and the territories it works. Service users
/// work tickets, not sales records.
pub(crate) async fn active_seller(
    conn: &mut SqliteConnection,
    name: &str,
    records: &str,
) -> CoreResult<(String, Scope)> {
    let name = name.trim();
    let user: Option<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT login, role, unit_seq, active FROM users WHERE login = ?1 OR display_name = ?1 ORDER BY active DESC LIMIT 1",
    )
    .bind(name)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((login, role, unit, active)) = user else {
        return Err(CoreError::invalid(format!("there is no user '{name}' to give {records} to")));
    };
    if active != 1 {
        return Err(CoreError::invalid(format!("{login} is deactivated and cannot be given {records}")));
    }
    let role = Role::parse(&role)?;
    if role == Role::Service {
        return Err(CoreError::invalid(format!("{login} is a service user; {records} go to sales users")));
    }
    let scope = OrgShape::load(&mut *conn).await?.scope(role, unit);
    Ok((login, scope))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assignees() -> Assignees {
        let north = Scope::Territories { seqs: vec![1], unassigned: false };
        let south = Scope::Territories { seqs: vec![2], unassigned: false };
        let mut by_name = HashMap::new();
        by_name.insert("li".to_string(), vec![("li".to_string(), north.clone())]);
        by_name.insert("李雷".to_string(), vec![("li".to_string(), north)]);
        by_name.insert("wang".to_string(), vec![("wang".to_string(), south)]);
        by_name.insert("boss".to_string(), vec![("boss".to_string(), Scope::All)]);
        Assignees { by_name }
    }

    #[test]
    fn owners_must_work_the_customers_territory() {
        let a = assignees();
        assert!(a.check(Some("li"), Some(1)).is_ok());
        assert!(a.check(Some(" 李雷 "), Some(1)).is_ok(), "by display name, trimmed");
        assert!(a.check(Some("LI"), Some(2)).unwrap_err().contains("(li)"));
        assert!(a.check(Some("wang"), None).is_err(), "the unassigned territory is not his");
        assert!(a.check(Some("boss"), Some(2)).is_ok());
        assert!(a.check(Some("王磊"), Some(2)).is_ok(), "a name without an account is free text");
        assert!(a.check(None, Some(2)).is_ok());
    }
}
