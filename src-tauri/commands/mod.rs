//! The Tauri commands, one file per area. Each takes the state, calls the core, maps the error
//! and announces what changed; the rules are all in `crm_core`.

pub mod app;
pub mod auth;
pub mod backup;
pub mod campaigns;
pub mod classification;
pub mod contacts;
pub mod customers;
pub mod duplicates;
pub mod exports;
pub mod imports;
pub mod leads;
pub mod opportunities;
pub mod orders;
pub mod rfm;
pub mod search;
pub mod segments;
pub mod service;
pub mod workflow;
