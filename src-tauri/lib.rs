//! The desktop shell: opens the database, registers the commands and events, starts the window.
//! All rules live in `crm_core`; see ARCHITECTURE.md.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod events;
pub mod state;

use state::AppState;
use tauri::Manager;

/// Sets the app up around an already-opened (or failed) database. Tests pass the mock runtime's
/// builder.
pub fn configure<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    crm: Result<crm_core::Crm, crm_core::CoreError>,
) -> tauri::Builder<R> {
    let specta = bindings::builder::<R>();
    builder
        .plugin(tauri_plugin_notification::init())
        .manage(AppState::new(crm))
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            let handle = app.handle().clone();
            app.state::<AppState>().set_notifier(Box::new(move |change| events::emit(&handle, change)));
            let handle = app.handle().clone();
            app.state::<AppState>().set_restarter(Box::new(move || handle.restart()));
            start_scheduler(app.handle().clone());
            Ok(())
        })
}

/// How often the scheduled workflow rules (the lead pool's return among them), the reminders and
/// the RFM recompute's schedule are checked while the app runs; also once at start, which catches
/// up on the time the app was closed. Each rule still runs at its own interval.
const SCHEDULER_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

fn start_scheduler<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    let Some(crm) = app.state::<AppState>().shared_crm() else { return };
    tauri::async_runtime::spawn(async move {
        loop {
            match crm.run_due_rules().await {
                Ok(report) => commands::workflow::announce_report(&app.state::<AppState>(), &report),
                Err(e) => tracing::warn!(error = %e, "the scheduled rules could not run"),
            }
            match crm.recompute_rfm_if_due().await {
                Ok(true) => app.state::<AppState>().notify("customer", &[]),
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "the scheduled RFM recompute could not run"),
            }
            show_os_notifications(&app, &crm).await;
            tokio::time::sleep(SCHEDULER_EVERY).await;
        }
    });
}

/// Shows the signed-in user's new notifications as OS notifications (once each).
async fn show_os_notifications<R: tauri::Runtime>(app: &tauri::AppHandle<R>, crm: &crm_core::Crm) {
    use tauri_plugin_notification::NotificationExt;
    let Ok(actor) = app.state::<AppState>().actor() else { return };
    match crm.take_unshown_notifications(&actor).await {
        Ok(list) => {
            if !list.is_empty() {
                app.state::<AppState>().notify("notification", &[]);
            }
            for n in list {
                let mut builder = app.notification().builder().title(&n.title);
                if let Some(body) = &n.body {
                    builder = builder.body(body);
                }
                if let Err(e) = builder.show() {
                    tracing::info!(error = %e, "no OS notification shown (the in-app centre has it)");
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "notifications could not be read"),
    }
}

/// When the process started: the startup figure includes opening the database.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_max_level(tracing::Level::INFO).init();
    if std::env::args().any(|a| a == "--write-bindings") {
        std::fs::write(bindings::BINDINGS_PATH, bindings::typescript()).expect("write bindings");
        println!("wrote {}", bindings::BINDINGS_PATH);
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let path = crm_core::default_db_path();
    let crm = runtime.block_on(crm_core::Crm::open(&path));
    if let Err(e) = &crm {
        tracing::error!(path = %path.display(), error = %e, "cannot open the database");
    }
    tauri::async_runtime::set(runtime.handle().clone());
    configure(tauri::Builder::default(), crm).run(tauri::generate_context!()).expect("error while running the app");
}
