//! Backups in the real window: the administrator takes a backup in Settings, sees it listed with
//! its customers, and restores it: the core checks and stages the file, and the app offers the
//! restart that finishes it (not clicked here: the driver's session ends with the process). The
//! backup file on disk is then checked by the core.

use super::{Step, click, sign_in, wait_text};
use fantoccini::Client;

pub async fn flow(c: &Client, db: &std::path::Path) -> Step<()> {
    sign_in(c, "admin").await?;
    click(c, "nav-settings").await?;
    click(c, "settings-tab-backup").await?;
    click(c, "backup-create").await?;
    // The row of the new backup, taken by admin (its three customers are checked on disk below).
    wait_text(c, "backup-list", "admin").await?;
    click(c, "backup-restore").await?;
    // Clicked once the confirmation stands still: a click during its zoom-in lands on nothing.
    click(c, "backup-restore-confirm").await?;
    wait_text(c, "backup-pending", "重启应用后完成恢复").await?;
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(std::env::temp_dir().join("kehu-e2e-backup.png"), png);
    }
    let staged = crm_core::backup::inspect(&std::path::PathBuf::from(format!("{}.restore", db.display())))
        .await
        .map_err(|e| format!("the staged restore: {}", e.message))?;
    if staged.customers != 3 || staged.taken_by.as_deref() != Some("admin") {
        return Err(format!("the staged backup is not the one taken: {staged:?}"));
    }
    Ok(())
}
