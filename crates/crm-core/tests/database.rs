//! Opening database files: ours, someone else's, a newer one, not a database at all.

mod common;
use common::{alice, bootstrap};
use crm_core::{Crm, ErrorCode};

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "these are my notes, not a database\n").unwrap();
    let err = Crm::open(&path).await.err().expect("refused");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("not an SQLite file"), "{}", err.message);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "these are my notes, not a database\n");
}

#[tokio::test]
async fn another_programs_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        use sqlx::ConnectOptions;
        let mut conn =
            sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).connect().await.unwrap();
        sqlx::query("CREATE TABLE photos (id INTEGER)").execute(&mut conn).await.unwrap();
    }
    let err = Crm::open(&path).await.err().expect("refused");
    assert!(err.message.contains("another program"), "{}", err.message);
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.db");
    let crm = Crm::open(&path).await.unwrap();
    crm.close().await;
    {
        use sqlx::ConnectOptions;
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).connect().await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
             VALUES (9999, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
    }
    let err = Crm::open(&path).await.err().expect("refused");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("newer version"), "{}", err.message);
}

#[tokio::test]
async fn reopening_keeps_data_and_the_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("folder").join("crm.db");
    let crm = Crm::open(&path).await.unwrap();
    bootstrap(&crm).await;
    let c = crm.create_customer(&alice(), crm_core::customer::model::CustomerInput::named("留下")).await.unwrap();
    crm.close().await;
    let crm = Crm::open(&path).await.unwrap();
    assert_eq!(crm.get_customer(&alice(), &c.id).await.unwrap().name, "留下");
    assert_eq!(crm.search(&alice(), "留下", 5).await.unwrap().len(), 1);
}
