//! Who may see and do what: accounts, the org tree, territories and the scope they give.
//!
//! Every public function of the core that reads or writes records takes the acting user
//! ([`Actor`]) and resolves it here, per call, into an [`Access`]: the role and the set of
//! territories whose records the user may see. Resolving per call (a few reads of small tables)
//! means a deactivation, a move in the org tree or a territory edit takes effect at once, in the
//! app and in the `crm` tool alike.

pub mod accounts;
pub(crate) mod assignment;
pub mod audit;
pub mod org;
pub mod places;
pub mod territories;

use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Manager,
    Sales,
    Service,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Sales => "sales",
            Role::Service => "service",
        }
    }
    pub fn parse(s: &str) -> CoreResult<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "manager" => Ok(Role::Manager),
            "sales" => Ok(Role::Sales),
            "service" => Ok(Role::Service),
            other => Err(CoreError::invalid(format!("'{other}' is not a role; use admin, manager, sales or service"))),
        }
    }
}

pub(crate) const OUTSIDE_SCOPE: &str =
    "this customer belongs to a territory outside yours; you cannot see or change it";

/// The records a user may see, as territories (`territories.seq`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Territories { seqs: Vec<i64>, unassigned: bool },
}

impl Scope {
    pub fn contains(&self, territory: Option<i64>) -> bool {
        match (self, territory) {
            (Scope::All, _) => true,
            (Scope::Territories { unassigned, .. }, None) => *unassigned,
            (Scope::Territories { seqs, .. }, Some(t)) => seqs.contains(&t),
        }
    }

    /// ` AND <condition on column>`, or nothing for everything. The seqs are integers read from
    /// the database, so they are written into the SQL (one statement shape per scope).
    pub(crate) fn sql_condition(&self, column: &str) -> String {
        match self {
            Scope::All => String::new(),
            Scope::Territories { seqs, unassigned } => {
                let list = seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                match (seqs.is_empty(), unassigned) {
                    // Sees nothing. Not a constant false: SQLite finds no plan for a query that
                    // names an index (INDEXED BY) when the WHERE clause is constant false, and
                    // no territory has a negative seq.
                    (true, false) => format!(" AND {column} = -1"),
                    (true, true) => format!(" AND {column} IS NULL"),
                    (false, false) => format!(" AND {column} IN ({list})"),
                    (false, true) => format!(" AND ({column} IN ({list}) OR {column} IS NULL)"),
                }
            }
        }
    }
}

/// An actor resolved against the current accounts and org tree.
#[derive(Debug, Clone)]
pub struct Access {
    pub user_id: String,
    pub login: String,
    pub role: Role,
    pub unit_seq: i64,
    pub scope: Scope,
}

impl Access {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
    /// Managers and admins may move records between territories.
    pub fn may_reterritorialize(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Manager)
    }
    /// Whether the user may change a record someone owns (a segment, a campaign): its owner, a
    /// manager or an administrator.
    pub fn may_change_owned(&self, owner: &str) -> bool {
        self.may_reterritorialize() || self.login == owner
    }
}

/// The org tree and territories as scope computation needs them.
pub(crate) struct OrgShape {
    /// unit seq -> parent seq
    pub parents: HashMap<i64, Option<i64>>,
    /// territory seq -> unit seq
    pub territory_units: Vec<(i64, i64)>,
}

impl OrgShape {
    pub async fn load(conn: &mut SqliteConnection) -> CoreResult<OrgShape> {
        let units: Vec<(i64, Option<i64>)> =
            sqlx::query_as("SELECT seq, parent_seq FROM org_units WHERE deleted_at IS NULL")
                .fetch_all(&mut *conn)
                .await?;
        let territory_units = sqlx::query_as("SELECT seq, unit_seq FROM territories WHERE deleted_at IS NULL")
            .fetch_all(&mut *conn)
            .await?;
        Ok(OrgShape { parents: units.into_iter().collect(), territory_units })
    }

    /// Whether `unit` is `ancestor` or lies below it.
    pub fn is_within(&self, unit: i64, ancestor: i64) -> bool {
        let mut at = Some(unit);
        let mut steps = 0;
        while let Some(u) = at {
            if u == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.parents.len() {
                return false; // a cycle cannot be stored, but never loop on one
            }
            at = self.parents.get(&u).copied().flatten();
        }
        false
    }

    pub fn is_root(&self, unit: i64) -> bool {
        matches!(self.parents.get(&unit), Some(None))
    }

    /// The scope of a user of `role` in `unit` (see the migration 0002 for the rule).
    pub fn scope(&self, role: Role, unit: i64) -> Scope {
        let units_seen = |u: i64| match role {
            Role::Admin => true,
            Role::Manager => self.is_within(u, unit),
            Role::Sales | Role::Service => u == unit,
        };
        if role == Role::Admin {
            return Scope::All;
        }
        let mut seqs: Vec<i64> = self.territory_units.iter().filter(|(_, u)| units_seen(*u)).map(|(t, _)| *t).collect();
        seqs.sort_unstable();
        Scope::Territories { seqs, unassigned: self.is_root(unit) }
    }
}

/// Marks an org unit or a territory deleted and logs it. They are kept (not removed) because
/// the change log and the audit log still name them.
pub(crate) async fn soft_delete(
    conn: &mut SqliteConnection,
    stamp: &crate::changelog::Stamp,
    kind: SoftDeleted,
    seq: i64,
    id: &str,
) -> CoreResult<()> {
    let (table, entity) = match kind {
        SoftDeleted::OrgUnit => ("org_units", "org_unit"),
        SoftDeleted::Territory => ("territories", "territory"),
    };
    sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE seq = ?1")))
        .bind(seq)
        .bind(&stamp.at)
        .execute(&mut *conn)
        .await?;
    let mut changes = crate::changelog::ChangeSet::default();
    changes.field("deletedAt", None, Some(&stamp.at));
    crate::changelog::record_own(conn, stamp, entity, id, crate::changelog::ChangeOp::Delete, changes.to_json()).await
}

/// Why a write inside a transaction may not go on: an ordinary error, or a refusal for lack of
/// permission, which is recorded (with [`Crm::deny`]) once the transaction has been dropped.
pub(crate) enum Denial {
    Error(CoreError),
    Refused { action: &'static str, reason: String },
}

impl From<CoreError> for Denial {
    fn from(e: CoreError) -> Self {
        Denial::Error(e)
    }
}

impl From<sqlx::Error> for Denial {
    fn from(e: sqlx::Error) -> Self {
        Denial::Error(e.into())
    }
}

pub(crate) enum SoftDeleted {
    OrgUnit,
    Territory,
}

#[derive(sqlx::FromRow)]
struct ActorRow {
    id: String,
    login: String,
    role: String,
    unit_seq: i64,
    active: i64,
}

impl Crm {
    /// Resolves the acting user. A user that does not exist or was deactivated may do nothing.
    pub async fn access(&self, actor: &Actor) -> CoreResult<Access> {
        let mut conn = self.db.reader.acquire().await?;
        let row: Option<ActorRow> =
            sqlx::query_as("SELECT id, login, role, unit_seq, active FROM users WHERE login = ?1")
                .bind(&actor.name)
                .fetch_optional(&mut *conn)
                .await?;
        let row = match row {
            Some(r) if r.active == 1 => r,
            Some(_) => return Err(CoreError::forbidden(format!("the account '{}' is deactivated", actor.name))),
            None => {
                return Err(CoreError::forbidden(format!(
                    "there is no account '{}'; sign in with an existing account",
                    actor.name
                )));
            }
        };
        let role = Role::parse(&row.role)?;
        let shape = OrgShape::load(&mut conn).await?;
        let scope = shape.scope(role, row.unit_seq);
        Ok(Access { user_id: row.id, login: row.login, role, unit_seq: row.unit_seq, scope })
    }

    /// Resolves the actor and checks that the customer lies within their scope.
    pub(crate) async fn customer_access(&self, actor: &Actor, customer_id: &str, action: &str) -> CoreResult<Access> {
        let access = self.access(actor).await?;
        self.check_customer_scope(&access, customer_id, action).await?;
        Ok(access)
    }

    /// Refuses (and records) an id of a customer outside the user's scope, whatever path it came
    /// by: the same answer for reading and for writing, so a forged id learns nothing.
    pub(crate) async fn check_customer_scope(
        &self,
        access: &Access,
        customer_id: &str,
        action: &str,
    ) -> CoreResult<()> {
        let territory: Option<Option<i64>> = sqlx::query_scalar("SELECT territory FROM customers WHERE id = ?1")
            .bind(customer_id)
            .fetch_optional(&self.db.reader)
            .await?;
        match territory {
            None => Err(CoreError::not_found(format!("no customer with id {customer_id}"))),
            Some(t) if access.scope.contains(t) => Ok(()),
            Some(_) => Err(self.refuse(&access.login, action, Some(customer_id), OUTSIDE_SCOPE).await),
        }
    }

    /// Resolves the actor and refuses (and records) anyone but a manager or an admin.
    pub(crate) async fn manager_access(&self, actor: &Actor, action: &str) -> CoreResult<Access> {
        let access = self.access(actor).await?;
        if !access.may_reterritorialize() {
            return Err(self
                .refuse(&access.login, action, None, "only a manager or an administrator may do this")
                .await);
        }
        Ok(access)
    }

    /// Resolves the actor and refuses (and records) anything but an admin.
    pub(crate) async fn admin_access(&self, actor: &Actor, action: &str) -> CoreResult<Access> {
        let access = self.access(actor).await?;
        if !access.is_admin() {
            return Err(self.refuse(&access.login, action, None, "only an administrator may do this").await);
        }
        Ok(access)
    }

    /// Records a refused action in the security log and returns the `forbidden` error to give
    /// back. Must not be called while this process holds the write transaction (it writes).
    /// Gives the write back if the user may change the owned record `id` (see
    /// `Access::may_change_owned`); otherwise ends it and refuses with `reason`, recording the
    /// refusal (which writes).
    pub(crate) async fn owned_editable(
        &self,
        access: &Access,
        tx: sqlx::Transaction<'static, sqlx::Sqlite>,
        owner: &str,
        id: &str,
        action: &str,
        reason: &str,
    ) -> CoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        if access.may_change_owned(owner) {
            return Ok(tx);
        }
        drop(tx);
        Err(self.refuse(&access.login, action, Some(id), reason).await)
    }

    pub(crate) async fn refuse(&self, login: &str, action: &str, entity_id: Option<&str>, reason: &str) -> CoreError {
        self.record_refusal(login, action, entity_id, reason).await;
        CoreError::forbidden(reason.to_string())
    }

    /// The error to give back for a denial, recording a refusal in the security log. Call it
    /// after the write transaction has been dropped.
    pub(crate) async fn deny(&self, login: &str, entity_id: Option<&str>, denial: Denial) -> CoreError {
        match denial {
            Denial::Error(e) => e,
            Denial::Refused { action, reason } => self.refuse(login, action, entity_id, &reason).await,
        }
    }

    /// Passes `result` through, recording it in the security log if the attempt was refused
    /// (for the admin actions, where every refused attempt is of interest: a cycle in the org
    /// tree, an overlapping territory, an id that does not exist). Call it after the write
    /// transaction has ended.
    pub(crate) async fn audited<T>(
        &self,
        login: &str,
        action: &str,
        entity_id: Option<&str>,
        result: CoreResult<T>,
    ) -> CoreResult<T> {
        if let Err(e) = &result
            && e.code != crate::ErrorCode::Internal
        {
            self.record_refusal(login, action, entity_id, &e.message).await;
        }
        result
    }

    pub(crate) async fn record_refusal(&self, login: &str, action: &str, entity_id: Option<&str>, reason: &str) {
        self.record_security_event(login, "refused", action, entity_id, reason).await;
    }

    pub(crate) async fn record_security_event(
        &self,
        login: &str,
        kind: &str,
        action: &str,
        entity_id: Option<&str>,
        detail: &str,
    ) {
        let at = crate::clock::to_db(self.now());
        let logged = sqlx::query(
            "INSERT INTO security_events (at, login, kind, action, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&at)
        .bind(login)
        .bind(kind)
        .bind(action)
        .bind(entity_id)
        .bind(detail)
        .execute(&self.db.writer)
        .await;
        if let Err(e) = logged {
            tracing::error!(error = %e, "could not record a security event");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape() -> OrgShape {
        // 1 company -> 2 north -> 4 qingdao team; 1 -> 3 south
        OrgShape {
            parents: [(1, None), (2, Some(1)), (3, Some(1)), (4, Some(2))].into_iter().collect(),
            territory_units: vec![(10, 2), (11, 4), (12, 3), (13, 1)],
        }
    }

    #[test]
    fn managers_see_their_subtree_and_reps_their_unit() {
        let s = shape();
        assert_eq!(s.scope(Role::Manager, 2), Scope::Territories { seqs: vec![10, 11], unassigned: false });
        assert_eq!(s.scope(Role::Sales, 2), Scope::Territories { seqs: vec![10], unassigned: false });
        assert_eq!(s.scope(Role::Service, 4), Scope::Territories { seqs: vec![11], unassigned: false });
        assert_eq!(s.scope(Role::Manager, 1), Scope::Territories { seqs: vec![10, 11, 12, 13], unassigned: true });
        assert_eq!(s.scope(Role::Sales, 1), Scope::Territories { seqs: vec![13], unassigned: true });
        assert_eq!(s.scope(Role::Admin, 4), Scope::All);
    }

    #[test]
    fn scope_conditions_cover_the_unassigned_only_when_allowed() {
        let rep = Scope::Territories { seqs: vec![3, 5], unassigned: false };
        assert!(rep.contains(Some(3)) && !rep.contains(Some(4)) && !rep.contains(None));
        assert_eq!(rep.sql_condition("territory"), " AND territory IN (3,5)");
        let top = Scope::Territories { seqs: vec![], unassigned: true };
        assert!(top.contains(None));
        assert_eq!(top.sql_condition("c.territory"), " AND c.territory IS NULL");
        assert_eq!(Scope::Territories { seqs: vec![], unassigned: false }.sql_condition("t"), " AND t = -1");
        assert_eq!(Scope::All.sql_condition("territory"), "");
    }
}
