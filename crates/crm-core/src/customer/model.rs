//! What a customer is, as the UI, the CLI and the store see it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A closed choice with a stable key and Chinese and English labels; CSV import accepts any of
/// the three.
pub trait Choice: Sized + Copy + 'static {
    const FIELD: &'static str;
    const ALL: &'static [Self];
    fn key(self) -> &'static str;
    fn label_zh(self) -> &'static str;
    fn label_en(self) -> &'static str;

    fn parse_any(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.key().eq_ignore_ascii_case(s) || c.label_zh() == s || c.label_en().eq_ignore_ascii_case(s))
    }
    fn from_key(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.key() == s)
    }
    fn allowed() -> String {
        Self::ALL.iter().map(|c| format!("{} ({})", c.key(), c.label_zh())).collect::<Vec<_>>().join(", ")
    }
}

/// Declares a `Choice` enum: variants with their key and Chinese and English labels.
#[macro_export]
#[doc(hidden)]
macro_rules! choice_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal, [$($variant:ident => $key:literal, $zh:literal, $en:literal);+ $(;)?]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $crate::customer::model::Choice for $name {
            const FIELD: &'static str = $field;
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn key(self) -> &'static str { match self { $($name::$variant => $key),+ } }
            fn label_zh(self) -> &'static str { match self { $($name::$variant => $zh),+ } }
            fn label_en(self) -> &'static str { match self { $($name::$variant => $en),+ } }
        }
    };
}

crate::choice_enum!(
    /// Who the customer is (客户类型 by purchase purpose).
    Kind, "kind", [
    Individual => "individual", "个人", "Individual";
    Enterprise => "enterprise", "企业", "Enterprise";
    Government => "government", "政府", "Government";
]);

crate::choice_enum!(
    /// Where the customer is in its life with us.
    Lifecycle, "lifecycle", [
    Potential => "potential", "潜在客户", "Potential";
    Existing => "existing", "现有客户", "Existing";
    Vip => "vip", "VIP", "VIP";
]);

crate::choice_enum!(
    /// Company size.
    Size, "size", [
    Large => "large", "大型", "Large";
    Medium => "medium", "中型", "Medium";
    Small => "small", "小型", "Small";
]);

/// The value of a custom dimension: text, a date (`YYYY-MM-DD`) or a single-select option key
/// as `Text`, a number as `Number`, multi-select option keys as `Options`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum CustomValue {
    Number(f64),
    Text(String),
    Options(Vec<String>),
}

/// What the user enters to create or edit a customer. Empty strings mean "no value".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    #[serde(default)]
    pub external_id: Option<String>,
    pub name: String,
    pub kind: Kind,
    pub lifecycle: Lifecycle,
    #[serde(default)]
    pub tier: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub size: Option<Size>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub custom: BTreeMap<String, CustomValue>,
    #[serde(default)]
    pub tag_ids: Vec<String>,
}

impl CustomerInput {
    /// A minimal input: the name, an individual, a potential customer.
    pub fn named(name: impl Into<String>) -> Self {
        CustomerInput {
            external_id: None,
            name: name.into(),
            kind: Kind::Individual,
            lifecycle: Lifecycle::Potential,
            tier: None,
            industry: None,
            size: None,
            source: None,
            owner: None,
            country: None,
            province: None,
            city: None,
            address: None,
            company: None,
            website: None,
            notes: None,
            phones: Vec::new(),
            emails: Vec::new(),
            custom: BTreeMap::new(),
            tag_ids: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    pub external_id: Option<String>,
    pub name: String,
    pub kind: Kind,
    pub lifecycle: Lifecycle,
    pub tier: Option<String>,
    pub industry: Option<String>,
    pub size: Option<Size>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub company: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub custom: BTreeMap<String, CustomValue>,
    pub tag_ids: Vec<String>,
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    pub deleted_at: Option<String>,
    /// The territory its location falls in; None: unassigned.
    pub territory: Option<TerritoryRef>,
}

/// A territory as a record shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TerritoryRef {
    pub id: String,
    pub name: String,
}

impl Customer {
    /// The editable part, e.g. to change one field and save.
    pub fn to_input(&self) -> CustomerInput {
        CustomerInput {
            external_id: self.external_id.clone(),
            name: self.name.clone(),
            kind: self.kind,
            lifecycle: self.lifecycle,
            tier: self.tier.clone(),
            industry: self.industry.clone(),
            size: self.size,
            source: self.source.clone(),
            owner: self.owner.clone(),
            country: self.country.clone(),
            province: self.province.clone(),
            city: self.city.clone(),
            address: self.address.clone(),
            company: self.company.clone(),
            website: self.website.clone(),
            notes: self.notes.clone(),
            phones: self.phones.clone(),
            emails: self.emails.clone(),
            custom: self.custom.clone(),
            tag_ids: self.tag_ids.clone(),
        }
    }
}
