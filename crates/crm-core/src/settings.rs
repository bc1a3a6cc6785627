//! Preferences kept in the database (so the app and the CLI agree): the UI language.

use crate::Crm;
use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Language {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

impl Language {
    pub(crate) fn parse(key: &str) -> Option<Language> {
        match key {
            "zh-CN" => Some(Language::ZhCn),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

impl Crm {
    /// The chosen UI language; `None` until the user picks one (the UI then follows the system).
    pub async fn language(&self) -> CoreResult<Option<Language>> {
        let v: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'language'")
            .fetch_optional(&self.db.reader)
            .await?;
        Ok(v.as_deref().and_then(Language::parse))
    }

    pub async fn set_language(&self, language: Language) -> CoreResult<()> {
        sqlx::query("INSERT INTO settings (key, value) VALUES ('language', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(language.key())
            .execute(&self.db.writer)
            .await
            .map_err(CoreError::from)?;
        Ok(())
    }
}
