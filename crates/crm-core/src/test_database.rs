//! A fresh database with its first administrator, for the crate's own tests.

use crate::{Actor, Crm};

pub(crate) struct TestDatabase {
    pub crm: Crm,
    pub admin: Actor,
    _dir: tempfile::TempDir,
}

/// A database in a temporary folder (removed when dropped) set up with the administrator `admin`.
pub(crate) async fn with_admin() -> TestDatabase {
    let dir = tempfile::tempdir().expect("temp dir");
    let crm = Crm::open(&dir.path().join("crm.db")).await.expect("open");
    let user = crate::access::accounts::NewUser {
        login: "admin".into(),
        display_name: "Admin".into(),
        role: crate::access::Role::Admin,
        unit_id: String::new(),
        password: "correct horse".into(),
    };
    crm.create_first_admin("总公司", user).await.expect("admin");
    TestDatabase { crm, admin: Actor::named("admin"), _dir: dir }
}
