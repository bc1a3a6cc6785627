//! Backups and restores: a backup taken while writes go on holds exactly what was committed before
//! it, a restore brings that state back and keeps the replaced database, bad files are refused
//! with a reason and change nothing, a restore waits while another process has the database open,
//! and only administrators do any of it.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::backup::{RestoreOutcome, finish_restore, inspect};
use crm_core::{Crm, FixedClock};
use org::*;
use std::path::Path;
use std::sync::Arc;

async fn customer_names(crm: &Crm) -> Vec<String> {
    let request = crm_core::customer::list::ListRequest { limit: Some(500), ..Default::default() };
    let page = crm.list_customers(&alice(), &request).await.unwrap();
    let mut names: Vec<String> = page.rows.into_iter().map(|r| r.name).collect();
    names.sort();
    names
}

async fn reopen(path: &Path) -> Crm {
    Crm::open_with_clock(path, Arc::new(FixedClock::at("2026-03-02T09:00:00Z"))).await.expect("reopen")
}

#[tokio::test]
async fn a_backup_holds_what_was_committed_and_a_restore_brings_it_back() {
    let t = open().await;
    let db_path = t.dir.path().join("crm.db");
    for name in ["张三", "李四", "王五"] {
        t.crm.create_customer(&alice(), person(name, "", "")).await.unwrap();
    }
    // Writes go on while the backup is taken; it holds a prefix of them, whole.
    let crm = Arc::new(t.crm);
    let writer = {
        let crm = crm.clone();
        tokio::spawn(async move {
            for i in 0..40 {
                crm.create_customer(&alice(), person(&format!("并发{i}"), "", "")).await.unwrap();
            }
        })
    };
    let backup = crm.backup(&alice(), None).await.unwrap();
    writer.await.unwrap();
    assert!((3..=43).contains(&backup.customers), "{}", backup.customers);
    assert_eq!(backup.taken_by.as_deref(), Some("alice"));
    assert_eq!(backup.taken_at.as_deref(), Some("2026-03-01T09:00:00.000Z"));
    assert!(backup.path.starts_with(&crm.backup_folder().display().to_string()), "{}", backup.path);
    assert_eq!(crm.backups(&alice()).await.unwrap(), vec![backup.clone()]);
    let again = crm.backup(&alice(), Some(Path::new(&backup.path))).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict, "a backup never overwrites a file");

    let kept_names = {
        let copy = Crm::open(Path::new(&backup.path)).await.unwrap();
        let names = customer_names(&copy).await;
        copy.close().await;
        names
    };
    assert_eq!(kept_names.len() as i64, backup.customers);
    // Later changes, then the restore.
    let later = crm.create_customer(&alice(), person("赵六", "", "")).await.unwrap();
    crm.delete_customer(&alice(), &later.id).await.unwrap();
    crm.create_customer(&alice(), person("孙七", "", "")).await.unwrap();
    let now_names = customer_names(&crm).await;
    assert!(!crm.restore_pending());
    crm.stage_restore(&alice(), Path::new(&backup.path)).await.unwrap();
    assert!(crm.restore_pending());
    assert_eq!(customer_names(&crm).await, now_names, "nothing changes before the restart");
    crm.close().await;
    drop(crm);

    let restored = reopen(&db_path).await;
    assert_eq!(customer_names(&restored).await, kept_names);
    assert!(!restored.restore_pending());
    restored.close().await;
    drop(restored);
    // The database it replaced is kept whole, its last writes included.
    let kept = reopen(&t.dir.path().join("crm.db.before-restore")).await;
    assert_eq!(customer_names(&kept).await, now_names);
}

#[tokio::test]
async fn a_bad_backup_is_refused_with_its_reason_and_nothing_changes() {
    let t = open().await;
    let crm = &t.crm;
    crm.create_customer(&alice(), person("张三", "", "")).await.unwrap();
    let dir = t.dir.path();
    let good = crm.backup(&alice(), Some(&dir.join("good.db"))).await.unwrap();

    let text = dir.join("notes.db");
    std::fs::write(&text, "客户名单\n张三,13800000001\n").unwrap();
    let empty = dir.join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let truncated = dir.join("truncated.db");
    let bytes = std::fs::read(&good.path).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = dir.join("foreign.db");
    {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=rwc", foreign.display())).await.unwrap();
        sqlx::query("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)").execute(&pool).await.unwrap();
        pool.close().await;
    }
    let missing = dir.join("missing.db");
    for (file, says) in [
        (&text, "not an SQLite file"),
        (&empty, "is empty"),
        (&truncated, "damaged"),
        (&foreign, "another program"),
        (&missing, "cannot read"),
    ] {
        let refused = crm.stage_restore(&alice(), file).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::InvalidInput, "{file:?}");
        assert!(refused.message.contains(says), "{file:?}: {}", refused.message);
        assert!(!refused.message.contains("--db"), "no advice meant for opening: {}", refused.message);
        assert!(!crm.restore_pending(), "{file:?} staged nothing");
    }
    assert_eq!(customer_names(crm).await, vec!["张三"]);
    assert_eq!(inspect(Path::new(&good.path)).await.unwrap().customers, 1);
}

/// A database with 张三, a backup of it, then 李四 added, and that backup staged to restore.
async fn staged_over_a_later_customer() -> (TestDb, std::path::PathBuf) {
    let t = open().await;
    let db_path = t.dir.path().join("crm.db");
    t.crm.create_customer(&alice(), person("张三", "", "")).await.unwrap();
    let backup = t.crm.backup(&alice(), None).await.unwrap();
    t.crm.create_customer(&alice(), person("李四", "", "")).await.unwrap();
    t.crm.stage_restore(&alice(), Path::new(&backup.path)).await.unwrap();
    (t, db_path)
}

#[tokio::test]
async fn a_restore_waits_while_another_process_has_the_database_open() {
    let (t, db_path) = staged_over_a_later_customer().await;

    // The app still has it open: the swap waits, and opening alongside does not force it.
    assert_eq!(finish_restore(&db_path).await.unwrap(), RestoreOutcome::StillOpen);
    let alongside = reopen(&db_path).await;
    assert_eq!(customer_names(&alongside).await, vec!["张三", "李四"]);
    alongside.close().await;
    drop(alongside);
    t.crm.close().await;
    drop(t.crm);
    assert_eq!(finish_restore(&db_path).await.unwrap(), RestoreOutcome::Restored);
    assert_eq!(finish_restore(&db_path).await.unwrap(), RestoreOutcome::NothingStaged);
    assert_eq!(customer_names(&reopen(&db_path).await).await, vec!["张三"]);
}

#[tokio::test]
async fn only_administrators_back_up_and_restore() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let backup = crm.backup(&alice(), None).await.unwrap();
    let rep = actor("li");
    assert_eq!(crm.backup(&rep, None).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(crm.backups(&rep).await.unwrap_err().code, ErrorCode::Forbidden);
    let refused = crm.stage_restore(&rep, Path::new(&backup.path)).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(!crm.restore_pending());
}

#[tokio::test]
async fn a_staged_backup_damaged_before_the_restart_is_set_aside_and_the_database_opens() {
    let (t, db_path) = staged_over_a_later_customer().await;
    t.crm.close().await;
    drop(t.crm);
    // Damaged while staged (a full disk, a bad sector): the app must still start.
    let staged = t.dir.path().join("crm.db.restore");
    let bytes = std::fs::read(&staged).unwrap();
    std::fs::write(&staged, &bytes[..bytes.len() / 3]).unwrap();

    let crm = reopen(&db_path).await;
    assert_eq!(customer_names(&crm).await, vec!["张三", "李四"], "the database as it was");
    assert!(!crm.restore_pending());
    assert!(t.dir.path().join("crm.db.restore-rejected").exists(), "the file is set aside, not deleted");
}
