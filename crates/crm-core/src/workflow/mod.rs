//! Reminders and workflow rules (提醒 / 工作流): *when* a record is created, updated, changes status
//! or on a schedule, *if* a condition (the shared model of `crate::conditions`) holds, *then*
//! assign, set a field, add a tag, create a task or notify. Every run is logged; chains of rules
//! are bounded and a loop is reported instead of followed.

pub mod actions;
pub mod engine;
pub mod rules;
pub mod schedule;
pub mod tasks;
