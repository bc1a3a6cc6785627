//! `crm backup …` and `crm restore FILE`: consistent copies of the database taken while the app
//! runs, checked before anything is replaced (see crm-core's `backup`).

use crate::commands::{CmdResult, Out};
use crate::output::print_value;
use clap::Subcommand;
use crm_core::backup::{BackupInfo, RestoreOutcome};
use crm_core::{Actor, Crm};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum BackupAction {
    /// Take a backup now (administrators): into --to, or a new time-named file in the backup
    /// folder beside the database
    Create {
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// The backups in the backup folder, newest first
    List,
    /// Check a backup file and say what it holds; changes nothing
    Check { file: PathBuf },
}

fn describe(b: &BackupInfo) -> String {
    format!(
        "{}  {} customer(s), {:.1} MB, schema {}, taken {} by {}",
        b.path,
        b.customers,
        b.bytes as f64 / 1_048_576.0,
        b.schema,
        b.taken_at.as_deref().unwrap_or("?"),
        b.taken_by.as_deref().unwrap_or("?")
    )
}

pub async fn backup(crm: &Crm, actor: &Actor, out: Out, action: BackupAction) -> CmdResult {
    match action {
        BackupAction::Create { to } => {
            let info = crm.backup(actor, to.as_deref()).await?;
            print_value(&info, out.json, || format!("backup written: {}", describe(&info)));
        }
        BackupAction::List => {
            let list = crm.backups(actor).await?;
            let folder = crm.backup_folder();
            print_value(&list, out.json, || {
                if list.is_empty() {
                    format!("no backups in {}", folder.display())
                } else {
                    list.iter().map(describe).collect::<Vec<_>>().join("\n")
                }
            });
        }
        BackupAction::Check { file } => {
            let info = crm.check_backup(actor, &file).await?;
            print_value(&info, out.json, || format!("the backup is sound: {}", describe(&info)));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks and stages the backup; `finish` swaps it in once this process has closed the database.
pub async fn stage(crm: &Crm, actor: &Actor, file: &Path) -> CmdResult {
    crm.stage_restore(actor, file).await?;
    Ok(ExitCode::SUCCESS)
}

/// Swaps a staged restore in, now that this process has closed the database.
pub async fn finish(db: &Path, out: Out) -> CmdResult {
    let outcome = crm_core::backup::finish_restore(db).await?;
    print_value(&serde_json::json!({ "outcome": outcome }), out.json, || match outcome {
        RestoreOutcome::Restored => {
            format!("restored; the database it replaced is kept as {}.before-restore", db.display())
        }
        RestoreOutcome::StillOpen => "the backup is checked and staged, but another program (the app?) has the \
             database open: it is restored when the database is next opened with nothing else on it"
            .to_string(),
        RestoreOutcome::NothingStaged => "nothing to restore".to_string(),
        RestoreOutcome::Rejected => format!(
            "the staged backup no longer passed its check and was set aside as {}.restore-rejected; nothing changed",
            db.display()
        ),
    });
    Ok(ExitCode::SUCCESS)
}
