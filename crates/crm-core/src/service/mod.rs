//! The service desk (服务工单): tickets with their workflow (`ticket_machine.rs`), SLA due times in
//! the working calendar, routing to agents, the caller lookup, and the SLA report. Every ticket
//! lies in its customer's territory, and every read and write stays inside the user's scope.

pub mod calendar;
pub mod demo;
pub mod desk;
pub mod routing;
pub mod sla;
pub mod sla_report;
pub mod ticket_actions;
pub mod ticket_list;
pub mod ticket_machine;
pub mod ticket_model;
pub mod tickets;
