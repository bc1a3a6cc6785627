//! What every command reaches: the open database, or why it could not be opened (the UI then
//! shows that message instead of the app).

use crate::error::{IpcError, IpcResult};
use crate::events::DataChanged;
use crm_core::import::progress::ImportControl;
use crm_core::{Actor, CoreError, Crm};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

type Notifier = Box<dyn Fn(DataChanged) + Send + Sync>;

pub struct AppState {
    crm: Result<Arc<Crm>, CoreError>,
    /// Who is signed in; every command acts as them (the core applies their scope).
    session: Mutex<Option<Actor>>,
    /// Set once the app runs: sends change events to its windows (whatever the runtime).
    notifier: OnceLock<Notifier>,
    /// Set once the app runs: restarts it (whatever the runtime).
    restarter: OnceLock<Box<dyn Fn() + Send + Sync>>,
    started: Instant,
    first_list_served: AtomicBool,
    /// The import that runs now, for its progress and cancel.
    import: Mutex<Option<Arc<ImportControl>>>,
}

impl AppState {
    pub fn new(crm: Result<Crm, CoreError>) -> Self {
        AppState {
            crm: crm.map(Arc::new),
            session: Mutex::new(None),
            notifier: OnceLock::new(),
            restarter: OnceLock::new(),
            started: crate::STARTED.get().copied().unwrap_or_else(Instant::now),
            first_list_served: AtomicBool::new(false),
            import: Mutex::new(None),
        }
    }

    pub fn crm(&self) -> IpcResult<&Crm> {
        self.crm.as_deref().map_err(|e| IpcError::from(e.clone()))
    }

    /// The open database, shared with background work (the pool's timer).
    pub fn shared_crm(&self) -> Option<Arc<Crm>> {
        self.crm.as_ref().ok().cloned()
    }

    /// The signed-in user, or `forbidden` before anyone has signed in.
    pub fn actor(&self) -> IpcResult<Actor> {
        let session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        session.clone().ok_or_else(|| IpcError::from(CoreError::forbidden("sign in first")))
    }

    pub fn set_session(&self, actor: Option<Actor>) {
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = actor;
    }

    pub fn set_notifier(&self, notifier: Notifier) {
        let _ = self.notifier.set(notifier);
    }

    /// Logs, once, how long after start the first page of the customer list was served: the
    /// moment the app is usable (scripts/measure-app.sh reads it).
    pub fn note_list_served(&self) {
        if !self.first_list_served.swap(true, Ordering::Relaxed) {
            tracing::info!(ms = self.started.elapsed().as_millis() as u64, "first customer list served");
        }
    }

    /// Tells open views that records of `entity` changed.
    pub fn set_restarter(&self, restarter: Box<dyn Fn() + Send + Sync>) {
        let _ = self.restarter.set(restarter);
    }

    /// Restarts the app, if it runs (a staged restore is applied as it opens the database).
    pub fn restart(&self) {
        if let Some(r) = self.restarter.get() {
            r();
        }
    }

    /// Registers an import as the running one; a second import waits for the first to end.
    pub fn start_import(&self, control: Arc<ImportControl>) -> IpcResult<()> {
        let mut running = self.import.lock().unwrap_or_else(|e| e.into_inner());
        if running.is_some() {
            return Err(IpcError::from(CoreError::conflict("another import is running; wait for it or cancel it")));
        }
        *running = Some(control);
        Ok(())
    }

    pub fn end_import(&self) {
        *self.import.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    pub fn running_import(&self) -> Option<Arc<ImportControl>> {
        self.import.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn notify(&self, entity: &str, ids: &[&str]) {
        if let Some(n) = self.notifier.get() {
            n(DataChanged { entity: entity.to_string(), ids: ids.iter().map(|s| s.to_string()).collect() });
        }
    }
}
