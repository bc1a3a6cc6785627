//! The SMTP server campaigns are sent through: kept in `settings` under `smtp`, set by
//! administrators. The password is stored in the local database (like the rest of the data) and
//! never handed back to the UI.

use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::time::Duration;

crate::choice_enum!(
    /// How the connection to the server is protected.
    SmtpSecurity, "SMTP security", [
    StartTls => "start_tls", "STARTTLS", "STARTTLS";
    Tls => "tls", "SSL/TLS", "SSL/TLS";
    None => "none", "不加密（仅限本机或内网）", "None (local network only)";
]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stored {
    host: String,
    port: u16,
    security: SmtpSecurity,
    username: Option<String>,
    password: Option<String>,
}

/// The server as the UI shows it: without the password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    /// Whether a password is stored.
    pub has_password: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SmtpSettingsInput {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    #[serde(default)]
    pub username: Option<String>,
    /// A new password; none keeps the stored one (an empty one removes it).
    #[serde(default)]
    pub password: Option<String>,
}

async fn load(conn: &mut SqliteConnection) -> CoreResult<Option<Stored>> {
    let v: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'smtp'").fetch_optional(&mut *conn).await?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok()))
}

fn view(s: &Stored) -> SmtpSettings {
    SmtpSettings {
        host: s.host.clone(),
        port: s.port,
        security: s.security,
        username: s.username.clone(),
        has_password: s.password.is_some(),
    }
}

/// A connection to the configured server; refuses when none is configured.
pub(crate) async fn transport(conn: &mut SqliteConnection) -> CoreResult<AsyncSmtpTransport<Tokio1Executor>> {
    let s = load(conn)
        .await?
        .ok_or_else(|| CoreError::invalid("no SMTP server is configured; an administrator sets one in the settings"))?;
    let builder = match s.security {
        SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
        SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)
            .map_err(|e| CoreError::invalid(format!("the SMTP server {} cannot be used: {e}", s.host)))?,
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)
            .map_err(|e| CoreError::invalid(format!("the SMTP server {} cannot be used: {e}", s.host)))?,
    };
    let mut builder = builder.port(s.port).timeout(Some(Duration::from_secs(30)));
    if let (Some(user), Some(password)) = (s.username, s.password) {
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok(builder.build())
}

impl Crm {
    /// The configured server, if any (administrators).
    pub async fn smtp_settings(&self, actor: &Actor) -> CoreResult<Option<SmtpSettings>> {
        self.admin_access(actor, "smtp.read").await?;
        let mut conn = self.db.reader.acquire().await?;
        Ok(load(&mut conn).await?.as_ref().map(view))
    }

    /// Sets the server campaigns are sent through (administrators).
    pub async fn set_smtp_settings(&self, actor: &Actor, input: SmtpSettingsInput) -> CoreResult<SmtpSettings> {
        self.admin_access(actor, "smtp.settings").await?;
        let host = input.host.trim().to_string();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(CoreError::invalid("name the SMTP server's host, e.g. smtp.example.com"));
        }
        if input.port == 0 {
            return Err(CoreError::invalid("the SMTP port is between 1 and 65535"));
        }
        let username = input.username.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_string);
        let mut tx = self.db.begin_write().await?;
        let kept = load(&mut tx).await?.and_then(|s| s.password);
        let password = match input.password {
            None => kept,
            Some(p) if p.is_empty() => None,
            Some(p) => Some(p),
        };
        let stored = Stored { host, port: input.port, security: input.security, username, password };
        let json =
            serde_json::to_string(&stored).map_err(|e| CoreError::internal(format!("settings not stored: {e}")))?;
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ('smtp', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(json)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(view(&stored))
    }

    /// Connects to the configured server and says hello, so a wrong host, port or password is
    /// found before a campaign is sent.
    pub async fn test_smtp(&self, actor: &Actor) -> CoreResult<()> {
        self.admin_access(actor, "smtp.test").await?;
        let mut conn = self.db.reader.acquire().await?;
        let transport = transport(&mut conn).await?;
        drop(conn);
        match transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(CoreError::invalid("the SMTP server did not answer")),
            Err(e) => Err(CoreError::invalid(format!("the SMTP server cannot be reached: {e}"))),
        }
    }
}
