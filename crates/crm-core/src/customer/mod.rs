//! Customers: the record, its validation, its storage, the list and the edits.

pub(crate) mod export_pages;
pub(crate) mod external_ids;
pub(crate) mod image;
pub mod list;
pub mod model;
pub(crate) mod service;
pub(crate) mod store;
pub(crate) mod validate;

pub use validate::parse_date;
