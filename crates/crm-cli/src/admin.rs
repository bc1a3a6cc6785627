//! `crm setup`, `crm user`, `crm org`, `crm territory` and `crm audit`: accounts, the org tree,
//! territories and the audit log, for scripting. The core decides who may do what.

use crate::commands::{CmdResult, Out};
use crate::output::print_value;
use crate::session::password;
use clap::Subcommand;
use crm_core::access::Role;
use crm_core::access::accounts::{NewUser, UserUpdate};
use crm_core::access::audit::AuditFilter;
use crm_core::access::places::Place;
use crm_core::access::territories::TerritoryInput;
use crm_core::{Actor, CoreError, Crm};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum UserAction {
    /// Add a user (the password comes from CRM_NEW_PASSWORD or a prompt)
    Add {
        login: String,
        /// admin | manager | sales | service
        #[arg(long)]
        role: String,
        /// The org unit (id or name)
        #[arg(long)]
        unit: String,
        /// The name shown in the app [default: the sign-in name]
        #[arg(long)]
        display: Option<String>,
    },
    /// List every user
    List,
    /// Change a user's role, unit or display name
    Update {
        login: String,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        display: Option<String>,
    },
    /// Stop a user from signing in
    Deactivate { login: String },
    /// Let a deactivated user sign in again
    Activate { login: String },
    /// Set a new password (from CRM_NEW_PASSWORD or a prompt)
    ResetPassword { login: String },
}

#[derive(Subcommand)]
pub enum OrgAction {
    /// The org tree
    List,
    /// Add a unit under another
    Add {
        name: String,
        #[arg(long)]
        parent: String,
    },
    /// Rename a unit
    Rename { unit: String, name: String },
    /// Move a unit (and everything below it) under another
    Move {
        unit: String,
        #[arg(long)]
        parent: String,
    },
    /// Delete an empty unit
    Delete { unit: String },
}

#[derive(Subcommand)]
pub enum TerritoryAction {
    /// Every territory with its places and number of customers
    List,
    /// Add a territory: places as COUNTRY/PROVINCE/CITY, PROVINCE or /PROVINCE/CITY
    Add {
        name: String,
        #[arg(long)]
        unit: String,
        #[arg(long = "place", required = true)]
        places: Vec<String>,
    },
    /// Change a territory: a new unit, new places (replacing the old) or a new name
    Set {
        territory: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long = "place")]
        places: Vec<String>,
        #[arg(long)]
        name: Option<String>,
    },
    /// Delete a territory (its customers become unassigned)
    Delete { territory: String },
}

pub async fn setup(
    crm: &Crm,
    out: Out,
    company: String,
    admin: String,
    display: Option<String>,
    stay: bool,
) -> CmdResult {
    let pw = password("CRM_PASSWORD", &format!("new password of {admin}"))?;
    let input = NewUser {
        display_name: display.unwrap_or_else(|| admin.clone()),
        login: admin,
        role: Role::Admin,
        unit_id: String::new(),
        password: pw,
    };
    let user = crm.create_first_admin(&company, input).await?;
    if stay {
        crm.set_stay_signed_in(&Actor::named(&user.login), true).await?;
    }
    print_value(&user, out.json, || format!("created the administrator {} of {}", user.login, user.unit_name));
    Ok(ExitCode::SUCCESS)
}

/// Asks for a password to set only when the actor may set it: anyone else is refused by the core
/// (and the refusal logged) without first typing a password for nothing.
async fn new_password(crm: &Crm, actor: &Actor, prompt: &str) -> Result<String, CoreError> {
    if crm.access(actor).await?.is_admin() { password("CRM_NEW_PASSWORD", prompt) } else { Ok(String::new()) }
}

pub async fn user(crm: &Crm, actor: &Actor, out: Out, action: UserAction) -> CmdResult {
    match action {
        UserAction::Add { login, role, unit, display } => {
            let pw = new_password(crm, actor, &format!("password of the new user {login}")).await?;
            let input = NewUser {
                display_name: display.unwrap_or_else(|| login.clone()),
                login,
                role: Role::parse(&role)?,
                unit_id: crm.org_unit_id(&unit).await?,
                password: pw,
            };
            let u = crm.add_user(actor, input).await?;
            print_value(&u, out.json, || format!("added {} ({}, {})", u.login, u.role.key(), u.unit_name));
        }
        UserAction::List => {
            let users = crm.list_users(actor).await?;
            print_value(&users, out.json, || {
                users
                    .iter()
                    .map(|u| {
                        let state = if u.active { "" } else { "  (deactivated)" };
                        format!("{}  {}  {}  {}{state}", u.login, u.display_name, u.role.key(), u.unit_name)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        UserAction::Update { login, role, unit, display } => {
            let id = crm.user_id(&login).await?;
            let now = crm.user_by_id(&id).await?;
            let update = UserUpdate {
                display_name: display.unwrap_or(now.display_name),
                role: role.as_deref().map(Role::parse).transpose()?.unwrap_or(now.role),
                unit_id: match unit {
                    Some(u) => crm.org_unit_id(&u).await?,
                    None => now.unit_id,
                },
            };
            let u = crm.update_user(actor, &id, update).await?;
            print_value(&u, out.json, || format!("{}: {}, {}", u.login, u.role.key(), u.unit_name));
        }
        UserAction::Deactivate { login } => {
            let u = crm.set_user_active(actor, &crm.user_id(&login).await?, false).await?;
            print_value(&u, out.json, || format!("deactivated {}", u.login));
        }
        UserAction::Activate { login } => {
            let u = crm.set_user_active(actor, &crm.user_id(&login).await?, true).await?;
            print_value(&u, out.json, || format!("activated {}", u.login));
        }
        UserAction::ResetPassword { login } => {
            let pw = new_password(crm, actor, &format!("new password of {login}")).await?;
            crm.reset_password(actor, &crm.user_id(&login).await?, &pw).await?;
            print_value(&serde_json::json!({ "reset": login }), out.json, || format!("reset the password of {login}"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn org(crm: &Crm, actor: &Actor, out: Out, action: OrgAction) -> CmdResult {
    match action {
        OrgAction::List => {
            let units = crm.org_units(actor).await?;
            print_value(&units, out.json, || {
                let mut lines = Vec::new();
                fn walk(
                    units: &[crm_core::access::org::OrgUnit],
                    parent: Option<&str>,
                    depth: usize,
                    lines: &mut Vec<String>,
                ) {
                    for u in units.iter().filter(|u| u.parent_id.as_deref() == parent) {
                        lines.push(format!(
                            "{}{}  ({} user(s), {} territory(ies))  [{}]",
                            "  ".repeat(depth),
                            u.name,
                            u.user_count,
                            u.territory_count,
                            u.id
                        ));
                        walk(units, Some(&u.id), depth + 1, lines);
                    }
                }
                walk(&units, None, 0, &mut lines);
                lines.join("\n")
            });
        }
        OrgAction::Add { name, parent } => {
            let u = crm.create_org_unit(actor, &name, &crm.org_unit_id(&parent).await?).await?;
            print_value(&u, out.json, || format!("added {} [{}]", u.name, u.id));
        }
        OrgAction::Rename { unit, name } => {
            let u = crm.rename_org_unit(actor, &crm.org_unit_id(&unit).await?, &name).await?;
            print_value(&u, out.json, || format!("renamed to {}", u.name));
        }
        OrgAction::Move { unit, parent } => {
            let (id, parent) = (crm.org_unit_id(&unit).await?, crm.org_unit_id(&parent).await?);
            let u = crm.move_org_unit(actor, &id, &parent).await?;
            print_value(&u, out.json, || format!("moved {}", u.name));
        }
        OrgAction::Delete { unit } => {
            crm.delete_org_unit(actor, &crm.org_unit_id(&unit).await?).await?;
            print_value(&serde_json::json!({ "deleted": unit }), out.json, || format!("deleted {unit}"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn places(texts: &[String]) -> Result<Vec<Place>, CoreError> {
    texts.iter().map(|t| Place::parse(t)).collect()
}

pub async fn territory(crm: &Crm, actor: &Actor, out: Out, action: TerritoryAction) -> CmdResult {
    match action {
        TerritoryAction::List => {
            let list = crm.territories(actor).await?;
            print_value(&list, out.json, || {
                list.iter()
                    .map(|t| {
                        let p: Vec<String> = t.places.iter().map(Place::to_string).collect();
                        format!("{}  → {}  {}  ({} customers)", t.name, t.unit_name, p.join(", "), t.customer_count)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        TerritoryAction::Add { name, unit, places: p } => {
            let input = TerritoryInput { name, unit_id: crm.org_unit_id(&unit).await?, places: places(&p)? };
            let t = crm.create_territory(actor, input).await?;
            print_value(&t, out.json, || format!("added {} with {} customer(s)", t.name, t.customer_count));
        }
        TerritoryAction::Set { territory, unit, places: p, name } => {
            let id = crm.territory_id(&territory).await?;
            let now = crm.territories(actor).await?.into_iter().find(|t| t.id == id);
            let now = now.ok_or_else(|| CoreError::not_found(format!("no territory '{territory}'")))?;
            let input = TerritoryInput {
                name: name.unwrap_or(now.name),
                unit_id: match unit {
                    Some(u) => crm.org_unit_id(&u).await?,
                    None => now.unit_id,
                },
                places: if p.is_empty() { now.places } else { places(&p)? },
            };
            let t = crm.update_territory(actor, &id, input).await?;
            print_value(&t, out.json, || format!("{} now holds {} customer(s)", t.name, t.customer_count));
        }
        TerritoryAction::Delete { territory } => {
            crm.delete_territory(actor, &crm.territory_id(&territory).await?).await?;
            print_value(&serde_json::json!({ "deleted": territory }), out.json, || format!("deleted {territory}"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn audit(crm: &Crm, actor: &Actor, out: Out, filter: AuditFilter, limit: u32) -> CmdResult {
    let page = crm.audit_log(actor, &filter, None, limit).await?;
    print_value(&page.entries, out.json, || {
        page.entries
            .iter()
            .map(|e| {
                let what: Vec<String> = e.changes.iter().map(|c| c.field.clone()).collect();
                let detail = e.detail.clone().unwrap_or_else(|| what.join(", "));
                format!("{}  {}  {}  {}  {}", e.at, e.login, e.action, e.entity_id.as_deref().unwrap_or("-"), detail)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}
