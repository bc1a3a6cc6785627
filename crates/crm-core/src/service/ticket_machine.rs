//! The ticket workflow: new → assigned → in progress ⇄ waiting on the customer → resolved →
//! closed, and reopening. Pure functions, so the rules are tested apart from the store.

use crate::error::{CoreError, CoreResult, ErrorCode};
use serde::{Deserialize, Serialize};

crate::choice_enum!(
    /// Where a ticket is (工单状态).
    TicketStatus, "ticket status", [
    New => "new", "新建", "New";
    Assigned => "assigned", "已分配", "Assigned";
    InProgress => "in_progress", "处理中", "In progress";
    Waiting => "waiting", "等待客户", "Waiting on customer";
    Resolved => "resolved", "已解决", "Resolved";
    Closed => "closed", "已关闭", "Closed";
]);

impl TicketStatus {
    /// Still in somebody's queue: the SLA clocks run (or wait) and the agent's load counts it.
    pub fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Resolved | TicketStatus::Closed)
    }
    pub fn key(self) -> &'static str {
        crate::customer::model::Choice::key(self)
    }
    pub fn parse(s: &str) -> CoreResult<TicketStatus> {
        <TicketStatus as crate::customer::model::Choice>::from_key(s)
            .ok_or_else(|| CoreError::internal(format!("unknown ticket status '{s}'")))
    }
}

/// Everything that changes a ticket's status or assignee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TicketAction {
    /// Given to an agent (by a manager, the routing or a rule), or taken by an agent himself.
    Assign,
    /// The agent starts working on it.
    Start,
    /// Waiting on the customer: the resolution clock stops.
    Wait,
    /// The customer answered: the clock runs again.
    Resume,
    Resolve,
    Close,
    Reopen,
}

impl TicketAction {
    pub fn key(self) -> &'static str {
        match self {
            TicketAction::Assign => "assign",
            TicketAction::Start => "start",
            TicketAction::Wait => "wait",
            TicketAction::Resume => "resume",
            TicketAction::Resolve => "resolve",
            TicketAction::Close => "close",
            TicketAction::Reopen => "reopen",
        }
    }
    pub const ALL: [TicketAction; 7] = [
        TicketAction::Assign,
        TicketAction::Start,
        TicketAction::Wait,
        TicketAction::Resume,
        TicketAction::Resolve,
        TicketAction::Close,
        TicketAction::Reopen,
    ];
}

/// The status an action leads to, or none if the action is not allowed from `from`.
pub fn next_status(from: TicketStatus, action: TicketAction) -> Option<TicketStatus> {
    use TicketAction as A;
    use TicketStatus as S;
    match (from, action) {
        (S::New | S::Assigned, A::Assign) => Some(S::Assigned),
        (S::InProgress | S::Waiting, A::Assign) => Some(from),
        (S::Assigned, A::Start) => Some(S::InProgress),
        (S::Assigned | S::InProgress, A::Wait) => Some(S::Waiting),
        (S::Waiting, A::Resume) => Some(S::InProgress),
        (S::Assigned | S::InProgress | S::Waiting, A::Resolve) => Some(S::Resolved),
        (S::Resolved, A::Close) => Some(S::Closed),
        (S::Resolved | S::Closed, A::Reopen) => Some(S::InProgress),
        _ => None,
    }
}

pub fn transition(from: TicketStatus, action: TicketAction) -> CoreResult<TicketStatus> {
    use crate::customer::model::Choice;
    next_status(from, action).ok_or_else(|| {
        CoreError::new(
            ErrorCode::IllegalTransition,
            format!(
                "a ticket that is {} ({}) cannot be {}",
                from.label_zh(),
                from.label_en().to_lowercase(),
                match action {
                    TicketAction::Assign => "assigned",
                    TicketAction::Start => "started",
                    TicketAction::Wait => "put on waiting",
                    TicketAction::Resume => "resumed",
                    TicketAction::Resolve => "resolved",
                    TicketAction::Close => "closed before it is resolved",
                    TicketAction::Reopen => "reopened",
                }
            ),
        )
    })
}

/// How the acting user stands to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub is_assignee: bool,
    /// A manager or an administrator (within scope).
    pub supervises: bool,
    /// Unassigned, and the user may take tickets (a service agent).
    pub may_take: bool,
}

/// Who may take an action: the assignee and supervisors work a ticket; an agent takes an
/// unassigned one himself.
pub fn permitted(action: TicketAction, who: Standing) -> Result<(), &'static str> {
    if who.supervises {
        return Ok(());
    }
    match action {
        TicketAction::Assign if who.may_take => Ok(()),
        TicketAction::Assign => {
            Err("only a manager or an administrator assigns tickets; an agent may take an unassigned one")
        }
        _ if who.is_assignee => Ok(()),
        _ => Err("only the ticket's agent, a manager or an administrator may do this"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TicketAction as A;
    use TicketStatus as S;

    #[test]
    fn the_workflow_of_the_issue() {
        assert_eq!(next_status(S::New, A::Assign), Some(S::Assigned));
        assert_eq!(next_status(S::Assigned, A::Start), Some(S::InProgress));
        assert_eq!(next_status(S::InProgress, A::Wait), Some(S::Waiting));
        assert_eq!(next_status(S::Waiting, A::Resume), Some(S::InProgress));
        assert_eq!(next_status(S::InProgress, A::Resolve), Some(S::Resolved));
        assert_eq!(next_status(S::Resolved, A::Close), Some(S::Closed));
        assert_eq!(next_status(S::Closed, A::Reopen), Some(S::InProgress));
        assert_eq!(next_status(S::New, A::Resolve), None);
        assert_eq!(next_status(S::InProgress, A::Close), None);
        assert_eq!(next_status(S::Closed, A::Assign), None);
        let e = transition(S::New, A::Close).unwrap_err();
        assert_eq!(e.code, ErrorCode::IllegalTransition);
        assert!(e.message.contains("新建"), "{}", e.message);
        for from in [S::Resolved, S::Closed] {
            assert!(!from.is_open());
            for a in [A::Start, A::Wait, A::Resume, A::Resolve] {
                assert_eq!(next_status(from, a), None, "{from:?} {a:?}");
            }
        }
    }

    #[test]
    fn who_may_act() {
        let agent = Standing { is_assignee: true, supervises: false, may_take: false };
        let other = Standing { is_assignee: false, supervises: false, may_take: true };
        let boss = Standing { is_assignee: false, supervises: true, may_take: false };
        assert!(permitted(A::Resolve, agent).is_ok());
        assert!(permitted(A::Assign, agent).is_err());
        assert!(permitted(A::Assign, other).is_ok());
        assert!(permitted(A::Resolve, other).is_err());
        assert!(permitted(A::Reopen, boss).is_ok());
    }
}
