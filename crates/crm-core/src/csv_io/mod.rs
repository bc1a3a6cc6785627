//! CSV import and export of customers. Both use the same columns, so an export re-imports as is.

pub mod export;
pub mod import;

/// Built-in columns, in the order an export writes them; custom dimensions follow by key.
pub const COLUMNS: &[&str] = &[
    "external_id",
    "name",
    "kind",
    "lifecycle",
    "tier",
    "phone",
    "email",
    "company",
    "country",
    "province",
    "city",
    "address",
    "industry",
    "size",
    "source",
    "owner",
    "tags",
    "website",
    "notes",
];

/// Several phones, e-mails, tags or multi-select options share one cell, separated by this.
pub const LIST_SEPARATOR: char = ';';
