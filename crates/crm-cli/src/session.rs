//! Who the `crm` tool acts as: the user named by `--user` (password from `CRM_PASSWORD` or a
//! prompt), else the remembered user of a one-person installation. The core then applies that
//! user's scope to everything the command reads or writes, as in the app.

use crm_core::{Actor, CoreError, Crm};
use std::io::IsTerminal;

/// A password from the environment variable `var`, else asked for on the terminal (not echoed).
pub fn password(var: &str, prompt: &str) -> Result<String, CoreError> {
    if let Ok(p) = std::env::var(var) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CoreError::invalid(format!("{prompt}: no terminal to ask on; set {var}")));
    }
    rpassword::prompt_password(format!("{prompt}: "))
        .map_err(|e| CoreError::invalid(format!("could not read the password: {e}")))
}

pub async fn sign_in(crm: &Crm, user: Option<&str>) -> Result<Actor, CoreError> {
    if let Some(login) = user {
        let pw = password("CRM_PASSWORD", &format!("password of {login}"))?;
        let u = crm.sign_in(login, &pw).await?;
        return Ok(Actor::named(u.login));
    }
    if let Some(u) = crm.remembered_user().await? {
        return Ok(Actor::named(u.login));
    }
    if crm.needs_setup().await? {
        return Err(CoreError::invalid(
            "this database has no accounts yet; create the administrator with `crm setup --company NAME --admin LOGIN`",
        ));
    }
    Err(CoreError::forbidden("sign in with --user NAME (the password comes from CRM_PASSWORD or a prompt)"))
}
