//! Accounts: the first administrator, users and their roles, sign-in with argon2-hashed
//! passwords and a growing wait after repeated failures, and "stay signed in" for a one-person
//! installation.

use super::Role;
use super::org::{insert_unit, unit_by_id};
use crate::changelog::{self, ChangeOp, ChangeSet, Stamp};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};

/// Failed sign-ins allowed before each further attempt has to wait.
const FREE_ATTEMPTS: i64 = 3;
const REMEMBERED_SETTING: &str = "remembered_login";

#[derive(Debug, Clone, PartialEq, Serialize, FromRow)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub login: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub unit_id: String,
    pub unit_name: String,
    pub active: bool,
    pub created_at: String,
}

impl TryFrom<String> for Role {
    type Error = CoreError;
    fn try_from(s: String) -> CoreResult<Role> {
        Role::parse(&s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UserUpdate {
    pub display_name: String,
    pub role: Role,
    pub unit_id: String,
}

const USER_SELECT: &str = "SELECT u.id, u.login, u.display_name, u.role, o.id AS unit_id, o.name AS unit_name, \
     u.active = 1 AS active, u.created_at FROM users u JOIN org_units o ON o.seq = u.unit_seq";

fn check_login(login: &str) -> CoreResult<String> {
    let login = login.trim();
    let ok = !login.is_empty()
        && login.chars().count() <= 50
        && login.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if !ok {
        return Err(CoreError::invalid(format!(
            "'{login}' cannot be a sign-in name: use 1-50 letters, digits, '.', '_', '-' or '@'"
        )));
    }
    Ok(login.to_string())
}

fn check_password(password: &str) -> CoreResult<()> {
    if password.chars().count() < 8 {
        return Err(CoreError::invalid("a password needs at least 8 characters"));
    }
    if password.len() > 1024 {
        return Err(CoreError::invalid("a password is at most 1024 bytes"));
    }
    Ok(())
}

fn check_display_name(name: &str) -> CoreResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(CoreError::invalid("a user needs a display name of at most 100 characters"));
    }
    Ok(name.to_string())
}

/// Hashing is CPU-bound for tens of milliseconds: done off the async threads.
async fn hash_password(password: &str) -> CoreResult<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| CoreError::internal(format!("could not hash the password: {e}")))
    })
    .await
    .map_err(|e| CoreError::internal(format!("password hashing stopped: {e}")))?
}

async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// How long a sign-in must wait after `failures` consecutive failures: nothing for the first
/// few, then 5 s doubling up to 5 minutes.
pub fn sign_in_delay(failures: i64) -> chrono::Duration {
    if failures < FREE_ATTEMPTS {
        return chrono::Duration::zero();
    }
    let doublings = (failures - FREE_ATTEMPTS).min(6) as u32;
    chrono::Duration::seconds((5i64 << doublings).min(300))
}

#[derive(FromRow)]
struct SignInRow {
    login: String,
    password_hash: String,
    active: i64,
    failed_sign_ins: i64,
    last_failed_at: Option<String>,
}

impl Crm {
    /// True until the first administrator has been created.
    pub async fn needs_setup(&self) -> CoreResult<bool> {
        let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&self.db.reader).await?;
        Ok(users == 0)
    }

    /// Creates the top org unit (the company) and the first administrator; only on a database
    /// without accounts.
    pub async fn create_first_admin(&self, company: &str, admin: NewUser) -> CoreResult<User> {
        let company = super::org::check_unit_name(company)?;
        let login = check_login(&admin.login)?;
        let display = check_display_name(&admin.display_name)?;
        check_password(&admin.password)?;
        let hash = hash_password(&admin.password).await?;
        let mut tx = self.db.begin_write().await?;
        let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&mut *tx).await?;
        if users > 0 {
            return Err(CoreError::conflict("the administrator already exists; sign in instead"));
        }
        let stamp = self.stamp(&Actor::named(&login));
        let root: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM org_units WHERE parent_seq IS NULL AND deleted_at IS NULL")
                .fetch_optional(&mut *tx)
                .await?;
        let root = match root {
            Some(r) => r,
            None => insert_unit(&mut tx, &stamp, &company, None).await?.0,
        };
        let id = insert_user(&mut tx, &stamp, &login, &display, Role::Admin, root, &hash).await?;
        tx.commit().await?;
        self.user_by_id(&id).await
    }

    /// Checks a sign-in. Every failure answers the same sentence (no hint whether the name
    /// exists), is recorded, and after a few in a row the account must wait before the next try.
    pub async fn sign_in(&self, login: &str, password: &str) -> CoreResult<User> {
        let login = login.trim();
        let row: Option<SignInRow> = sqlx::query_as(
            "SELECT login, password_hash, active, failed_sign_ins, last_failed_at FROM users WHERE login = ?1",
        )
        .bind(login)
        .fetch_optional(&self.db.reader)
        .await?;
        let Some(row) = row else {
            // The same work as a real check, so timing does not tell whether the name exists.
            verify_password(
                password,
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            )
            .await;
            self.record_security_event(login, "sign_in_failed", "sign_in", None, "unknown account").await;
            return Err(CoreError::forbidden("wrong sign-in name or password"));
        };
        let now = self.now();
        if let Some(last) = row.last_failed_at.as_deref().map(crate::clock::from_db) {
            let wait_until = last + sign_in_delay(row.failed_sign_ins);
            if now < wait_until {
                let secs = (wait_until - now).num_seconds().max(1);
                self.record_security_event(&row.login, "sign_in_failed", "sign_in", None, "attempted while waiting")
                    .await;
                return Err(CoreError::forbidden(format!(
                    "too many failed sign-ins for '{}'; try again in {secs} s",
                    row.login
                )));
            }
        }
        if !verify_password(password, &row.password_hash).await {
            sqlx::query("UPDATE users SET failed_sign_ins = failed_sign_ins + 1, last_failed_at = ?2 WHERE login = ?1")
                .bind(&row.login)
                .bind(crate::clock::to_db(now))
                .execute(&self.db.writer)
                .await?;
            self.record_security_event(&row.login, "sign_in_failed", "sign_in", None, "wrong password").await;
            return Err(CoreError::forbidden("wrong sign-in name or password"));
        }
        if row.active != 1 {
            self.record_security_event(&row.login, "sign_in_failed", "sign_in", None, "account deactivated").await;
            return Err(CoreError::forbidden(format!(
                "the account '{}' is deactivated; ask an administrator",
                row.login
            )));
        }
        if row.failed_sign_ins > 0 {
            sqlx::query("UPDATE users SET failed_sign_ins = 0, last_failed_at = NULL WHERE login = ?1")
                .bind(&row.login)
                .execute(&self.db.writer)
                .await?;
        }
        self.user_by_login(&row.login).await
    }

    /// The account of an actor (who is signed in).
    pub async fn current_user(&self, actor: &Actor) -> CoreResult<User> {
        self.access(actor).await?;
        self.user_by_login(&actor.name).await
    }

    pub async fn list_users(&self, actor: &Actor) -> CoreResult<Vec<User>> {
        self.admin_access(actor, "user.list").await?;
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{USER_SELECT} ORDER BY u.active DESC, u.login")))
            .fetch_all(&self.db.reader)
            .await?)
    }

    pub async fn add_user(&self, actor: &Actor, input: NewUser) -> CoreResult<User> {
        let access = self.admin_access(actor, "user.add").await?;
        let result: CoreResult<String> = async {
            let login = check_login(&input.login)?;
            let display = check_display_name(&input.display_name)?;
            check_password(&input.password)?;
            let hash = hash_password(&input.password).await?;
            let mut tx = self.db.begin_write().await?;
            let (unit_seq, _) = unit_by_id(&mut tx, &input.unit_id).await?;
            let taken: Option<String> = sqlx::query_scalar("SELECT login FROM users WHERE login = ?1")
                .bind(&login)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(t) = taken {
                return Err(CoreError::conflict(format!("the sign-in name '{t}' is taken")));
            }
            let stamp = self.stamp(actor);
            let id = insert_user(&mut tx, &stamp, &login, &display, input.role, unit_seq, &hash).await?;
            // "Stay signed in" is for a one-person installation only.
            sqlx::query("DELETE FROM settings WHERE key = ?1").bind(REMEMBERED_SETTING).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(id)
        }
        .await;
        let id = self.audited(&access.login, "user.add", None, result).await?;
        self.user_by_id(&id).await
    }

    /// Changes a user's name, role or unit. The last active administrator stays an administrator.
    pub async fn update_user(&self, actor: &Actor, id: &str, update: UserUpdate) -> CoreResult<User> {
        let access = self.admin_access(actor, "user.update").await?;
        let result: CoreResult<()> = async {
            let display = check_display_name(&update.display_name)?;
            let mut tx = self.db.begin_write().await?;
            let old = user_in(&mut tx, id).await?;
            let (unit_seq, _) = unit_by_id(&mut tx, &update.unit_id).await?;
            if old.role == Role::Admin && update.role != Role::Admin {
                ensure_other_admin(&mut tx, id).await?;
            }
            let stamp = self.stamp(actor);
            sqlx::query("UPDATE users SET display_name = ?2, role = ?3, unit_seq = ?4, updated_at = ?5 WHERE id = ?1")
                .bind(id)
                .bind(&display)
                .bind(update.role.key())
                .bind(unit_seq)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
            let mut changes = ChangeSet::default();
            changes.field("displayName", Some(&old.display_name), Some(&display));
            changes.field("role", Some(&old.role), Some(&update.role));
            changes.field("unitId", Some(&old.unit_id), Some(&update.unit_id));
            if !changes.is_empty() {
                changelog::record_own(&mut tx, &stamp, "user", id, ChangeOp::Update, changes.to_json()).await?;
            }
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, "user.update", Some(id), result).await?;
        self.user_by_id(id).await
    }

    /// Deactivates or reactivates an account. A deactivated user can no longer sign in or act;
    /// what they did stays in the log under their name.
    pub async fn set_user_active(&self, actor: &Actor, id: &str, active: bool) -> CoreResult<User> {
        let action = if active { "user.reactivate" } else { "user.deactivate" };
        let access = self.admin_access(actor, action).await?;
        let result: CoreResult<()> = async {
            let mut tx = self.db.begin_write().await?;
            let old = user_in(&mut tx, id).await?;
            if !active && old.id == access.user_id {
                return Err(CoreError::invalid("you cannot deactivate your own account"));
            }
            if !active && old.role == Role::Admin {
                ensure_other_admin(&mut tx, id).await?;
            }
            if old.active != active {
                let stamp = self.stamp(actor);
                sqlx::query("UPDATE users SET active = ?2, failed_sign_ins = 0, last_failed_at = NULL, updated_at = ?3 WHERE id = ?1")
                    .bind(id)
                    .bind(active)
                    .bind(&stamp.at)
                    .execute(&mut *tx)
                    .await?;
                let mut changes = ChangeSet::default();
                changes.field("active", Some(&old.active), Some(&active));
                changelog::record_own(&mut tx, &stamp, "user", id, ChangeOp::Update, changes.to_json()).await?;
            }
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, action, Some(id), result).await?;
        self.user_by_id(id).await
    }

    /// An administrator sets a new password for a user (who may have forgotten theirs).
    pub async fn reset_password(&self, actor: &Actor, id: &str, new_password: &str) -> CoreResult<()> {
        let access = self.admin_access(actor, "user.reset_password").await?;
        let result: CoreResult<()> = async {
            check_password(new_password)?;
            let hash = hash_password(new_password).await?;
            let mut tx = self.db.begin_write().await?;
            user_in(&mut tx, id).await?;
            let stamp = self.stamp(actor);
            sqlx::query("UPDATE users SET password_hash = ?2, failed_sign_ins = 0, last_failed_at = NULL, updated_at = ?3 WHERE id = ?1")
                .bind(id)
                .bind(&hash)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
            let mut changes = ChangeSet::default();
            changes.field("password", None, Some(&"(reset)".to_string()));
            changelog::record_own(&mut tx, &stamp, "user", id, ChangeOp::Update, changes.to_json()).await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, "user.reset_password", Some(id), result).await
    }

    /// Changes one's own password, knowing the current one.
    pub async fn change_own_password(&self, actor: &Actor, current: &str, new_password: &str) -> CoreResult<()> {
        let access = self.access(actor).await?;
        self.sign_in(&access.login, current).await?;
        check_password(new_password)?;
        let hash = hash_password(new_password).await?;
        let mut tx = self.db.begin_write().await?;
        let stamp = self.stamp(actor);
        sqlx::query("UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1")
            .bind(&access.user_id)
            .bind(&hash)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        let mut changes = ChangeSet::default();
        changes.field("password", None, Some(&"(changed)".to_string()));
        changelog::record_own(&mut tx, &stamp, "user", &access.user_id, ChangeOp::Update, changes.to_json()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Remembers (or forgets) the signed-in user so the app and the `crm` tool start signed in.
    /// Only while the installation has a single active account.
    pub async fn set_stay_signed_in(&self, actor: &Actor, stay: bool) -> CoreResult<()> {
        let access = self.access(actor).await?;
        if !stay {
            sqlx::query("DELETE FROM settings WHERE key = ?1")
                .bind(REMEMBERED_SETTING)
                .execute(&self.db.writer)
                .await?;
            return Ok(());
        }
        let active: i64 =
            sqlx::query_scalar("SELECT count(*) FROM users WHERE active = 1").fetch_one(&self.db.reader).await?;
        if active > 1 {
            return Err(CoreError::conflict(
                "staying signed in is only possible while this installation has a single user",
            ));
        }
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(REMEMBERED_SETTING)
        .bind(&access.login)
        .execute(&self.db.writer)
        .await?;
        Ok(())
    }

    /// The remembered user, if "stay signed in" is on and still allowed.
    pub async fn remembered_user(&self) -> CoreResult<Option<User>> {
        let login: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?1")
            .bind(REMEMBERED_SETTING)
            .fetch_optional(&self.db.reader)
            .await?;
        let Some(login) = login else { return Ok(None) };
        let active: i64 =
            sqlx::query_scalar("SELECT count(*) FROM users WHERE active = 1").fetch_one(&self.db.reader).await?;
        let user = self.user_by_login(&login).await.ok().filter(|u| u.active);
        Ok(user.filter(|_| active == 1))
    }

    pub async fn user_by_id(&self, id: &str) -> CoreResult<User> {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{USER_SELECT} WHERE u.id = ?1")))
            .bind(id)
            .fetch_optional(&self.db.reader)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no user with id {id}")))
    }

    async fn user_by_login(&self, login: &str) -> CoreResult<User> {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{USER_SELECT} WHERE u.login = ?1")))
            .bind(login)
            .fetch_optional(&self.db.reader)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no user '{login}'")))
    }

    /// Resolves a user given by id or sign-in name (for the CLI) to its id.
    pub async fn user_id(&self, id_or_login: &str) -> CoreResult<String> {
        sqlx::query_scalar("SELECT id FROM users WHERE id = ?1 OR login = ?1")
            .bind(id_or_login.trim())
            .fetch_optional(&self.db.reader)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no user '{id_or_login}'")))
    }

    /// Whether the actor sees the customers of no territory (admins and the top unit's users).
    pub async fn sees_unassigned(&self, actor: &Actor) -> CoreResult<bool> {
        let access = self.access(actor).await?;
        Ok(access.scope.contains(None))
    }
}

async fn insert_user(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    login: &str,
    display: &str,
    role: Role,
    unit_seq: i64,
    hash: &str,
) -> CoreResult<String> {
    let id = crate::new_id();
    sqlx::query(
        "INSERT INTO users (id, login, display_name, role, unit_seq, password_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )
    .bind(&id)
    .bind(login)
    .bind(display)
    .bind(role.key())
    .bind(unit_seq)
    .bind(hash)
    .bind(&stamp.at)
    .execute(&mut *conn)
    .await?;
    let mut changes = ChangeSet::default();
    changes.field("login", None, Some(&login.to_string()));
    changes.field("role", None, Some(&role));
    changelog::record_own(conn, stamp, "user", &id, ChangeOp::Create, changes.to_json()).await?;
    Ok(id)
}

#[derive(FromRow)]
struct UserState {
    id: String,
    display_name: String,
    #[sqlx(try_from = "String")]
    role: Role,
    unit_id: String,
    active: bool,
}

async fn user_in(conn: &mut SqliteConnection, id: &str) -> CoreResult<UserState> {
    sqlx::query_as(
        "SELECT u.id, u.display_name, u.role, o.id AS unit_id, u.active = 1 AS active FROM users u
         JOIN org_units o ON o.seq = u.unit_seq WHERE u.id = ?1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| CoreError::not_found(format!("no user with id {id}")))
}

async fn ensure_other_admin(conn: &mut SqliteConnection, id: &str) -> CoreResult<()> {
    let others: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND id != ?1")
        .bind(id)
        .fetch_one(conn)
        .await?;
    if others == 0 {
        return Err(CoreError::invalid("this is the last active administrator; make someone else administrator first"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_grows_after_the_free_attempts() {
        assert_eq!(sign_in_delay(0), chrono::Duration::zero());
        assert_eq!(sign_in_delay(2), chrono::Duration::zero());
        assert_eq!(sign_in_delay(3), chrono::Duration::seconds(5));
        assert_eq!(sign_in_delay(4), chrono::Duration::seconds(10));
        assert_eq!(sign_in_delay(50), chrono::Duration::seconds(300));
    }
}
