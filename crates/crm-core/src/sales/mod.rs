//! Sales (销售): leads and the lead pool with its rules, assignment rules, opportunities with
//! configurable stages, and the funnel. Every rule of the brief's lead state machine lives in
//! `lead_machine.rs`; the rest applies it, inside the user's territories.

pub mod assignment_rules;
pub mod convert;
pub mod demo;
pub mod funnel;
pub mod lead_actions;
pub mod lead_import;
pub mod lead_list;
pub mod lead_machine;
pub mod lead_model;
pub mod leads;
pub mod money;
pub mod opportunities;
pub mod opportunity_model;
pub mod opportunity_reads;
pub mod pool;
pub mod rule_engine;
pub mod stages;
