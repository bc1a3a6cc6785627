//! Instant search over customers by name, pinyin, company, contact, e-mail and phone digits.

pub(crate) mod index;
pub mod query;
pub mod tokens;
