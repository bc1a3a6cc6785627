//! The lead state machine of the brief: which action takes a lead from which status to which,
//! and who may take it. Pure functions, so the rules are tested apart from the store.

use crate::error::{CoreError, CoreResult, ErrorCode};
use serde::{Deserialize, Serialize};

crate::choice_enum!(
    /// Where a lead is in its life (线索状态).
    LeadStatus, "lead status", [
    Unassigned => "unassigned", "未分配", "Unassigned";
    Pending => "pending", "待处理", "Pending";
    FollowingUp => "following_up", "跟进中", "Following up";
    Invalid => "invalid", "无效", "Invalid";
    Converted => "converted", "已转换", "Converted";
    Voided => "voided", "已作废", "Voided";
]);

impl LeadStatus {
    /// Owned and being worked: what the pool's "untouched" return and the open-lead limit count.
    pub fn is_open(self) -> bool {
        matches!(self, LeadStatus::Pending | LeadStatus::FollowingUp)
    }
}

/// Everything that changes a lead's status or owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LeadAction {
    /// Entered, imported or arriving from a campaign.
    Create,
    /// Given to an owner by a manager or an assignment rule (also a hand-over to another owner).
    Assign,
    /// Taken from the pool by a rep.
    Claim,
    /// A follow-up result or activity was recorded.
    FollowUp,
    /// The contact cannot be reached for now.
    MarkInvalid,
    /// An invalid lead is picked up again.
    Reopen,
    Convert,
    Void,
    /// Back from the voided: an administrator's action.
    Restore,
    /// Given back to the pool by its owner or a manager.
    Return,
    /// Returned to the pool because nobody touched it for the pool's limit.
    AutoReturn,
}

impl LeadAction {
    pub fn key(self) -> &'static str {
        match self {
            LeadAction::Create => "create",
            LeadAction::Assign => "assign",
            LeadAction::Claim => "claim",
            LeadAction::FollowUp => "follow_up",
            LeadAction::MarkInvalid => "mark_invalid",
            LeadAction::Reopen => "reopen",
            LeadAction::Convert => "convert",
            LeadAction::Void => "void",
            LeadAction::Restore => "restore",
            LeadAction::Return => "return",
            LeadAction::AutoReturn => "auto_return",
        }
    }

    /// The action's name in the security log.
    pub fn audit_key(self) -> &'static str {
        match self {
            LeadAction::Create => "lead.create",
            LeadAction::Assign => "lead.assign",
            LeadAction::Claim => "lead.claim",
            LeadAction::FollowUp => "lead.follow_up",
            LeadAction::MarkInvalid => "lead.mark_invalid",
            LeadAction::Reopen => "lead.reopen",
            LeadAction::Convert => "lead.convert",
            LeadAction::Void => "lead.void",
            LeadAction::Restore => "lead.restore",
            LeadAction::Return => "lead.return",
            LeadAction::AutoReturn => "lead.auto_return",
        }
    }

    pub fn from_key(key: &str) -> Option<LeadAction> {
        LeadAction::ALL.iter().copied().find(|a| a.key() == key)
    }

    pub const ALL: [LeadAction; 11] = [
        LeadAction::Create,
        LeadAction::Assign,
        LeadAction::Claim,
        LeadAction::FollowUp,
        LeadAction::MarkInvalid,
        LeadAction::Reopen,
        LeadAction::Convert,
        LeadAction::Void,
        LeadAction::Restore,
        LeadAction::Return,
        LeadAction::AutoReturn,
    ];

    /// Actions a person chooses on an existing lead (not creation, not the pool's timer).
    pub const ON_LEAD: [LeadAction; 9] = [
        LeadAction::Assign,
        LeadAction::Claim,
        LeadAction::FollowUp,
        LeadAction::MarkInvalid,
        LeadAction::Reopen,
        LeadAction::Convert,
        LeadAction::Void,
        LeadAction::Restore,
        LeadAction::Return,
    ];

    /// Actions that need a reason from the person taking them.
    pub fn needs_reason(self) -> bool {
        matches!(self, LeadAction::MarkInvalid | LeadAction::Void)
    }
}

/// The status an action leads to from `from`, or `None` if the brief does not allow it.
pub fn next_status(from: LeadStatus, action: LeadAction) -> Option<LeadStatus> {
    use LeadAction as A;
    use LeadStatus as S;
    match (action, from) {
        (A::Assign, S::Unassigned | S::Pending | S::FollowingUp) => Some(S::Pending),
        (A::Claim, S::Unassigned) => Some(S::Pending),
        (A::FollowUp, S::Pending | S::FollowingUp) => Some(S::FollowingUp),
        (A::MarkInvalid, S::Pending | S::FollowingUp) => Some(S::Invalid),
        (A::Reopen, S::Invalid) => Some(S::FollowingUp),
        (A::Convert, S::Pending | S::FollowingUp) => Some(S::Converted),
        (A::Void, S::Unassigned | S::Pending | S::FollowingUp | S::Invalid) => Some(S::Voided),
        (A::Restore, S::Voided) => Some(S::Unassigned),
        (A::Return, S::Pending | S::FollowingUp | S::Invalid) => Some(S::Unassigned),
        (A::AutoReturn, S::Pending | S::FollowingUp) => Some(S::Unassigned),
        _ => None,
    }
}

/// The refusal of an action the state machine does not allow, naming both statuses.
pub fn illegal(from: LeadStatus, action: LeadAction) -> CoreError {
    use crate::customer::model::Choice;
    CoreError::new(
        ErrorCode::IllegalTransition,
        format!(
            "a lead that is {} ({}) cannot be {}",
            from.label_zh(),
            from.label_en().to_lowercase(),
            match action {
                LeadAction::Create => "created again",
                LeadAction::Assign => "assigned",
                LeadAction::Claim => "claimed from the pool",
                LeadAction::FollowUp => "followed up (claim it or pick it up again first)",
                LeadAction::MarkInvalid => "marked invalid",
                LeadAction::Reopen => "picked up again",
                LeadAction::Convert => "converted",
                LeadAction::Void => "voided",
                LeadAction::Restore => "restored",
                LeadAction::Return => "returned to the pool",
                LeadAction::AutoReturn => "returned to the pool automatically",
            }
        ),
    )
}

/// The checked next status.
pub fn transition(from: LeadStatus, action: LeadAction) -> CoreResult<LeadStatus> {
    next_status(from, action).ok_or_else(|| illegal(from, action))
}

/// The acting user's relation to a lead, for [`permitted`].
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    pub admin: bool,
    /// A manager or an admin (works the lead's territory: checked before).
    pub manager: bool,
    pub owner: bool,
}

/// Whether a user of this standing may take the action (the status is checked separately), or
/// why not.
pub fn permitted(action: LeadAction, who: Standing) -> Result<(), &'static str> {
    match action {
        LeadAction::Restore if !who.admin => Err("only an administrator may restore a voided lead"),
        LeadAction::Assign if !who.manager => {
            Err("only a manager or an administrator assigns leads; take one from the pool with claim")
        }
        LeadAction::Claim => Ok(()),
        LeadAction::FollowUp
        | LeadAction::MarkInvalid
        | LeadAction::Reopen
        | LeadAction::Convert
        | LeadAction::Void
        | LeadAction::Return
            if !(who.owner || who.manager) =>
        {
            Err("this lead is owned by someone else; only its owner or a manager may work it")
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::model::Choice;
    use LeadAction as A;
    use LeadStatus as S;

    #[test]
    fn the_briefs_transitions_and_nothing_else() {
        let allowed: Vec<(LeadStatus, LeadAction, LeadStatus)> = vec![
            (S::Unassigned, A::Assign, S::Pending),
            (S::Unassigned, A::Claim, S::Pending),
            (S::Pending, A::Assign, S::Pending),
            (S::FollowingUp, A::Assign, S::Pending),
            (S::Pending, A::FollowUp, S::FollowingUp),
            (S::FollowingUp, A::FollowUp, S::FollowingUp),
            (S::Pending, A::MarkInvalid, S::Invalid),
            (S::FollowingUp, A::MarkInvalid, S::Invalid),
            (S::Invalid, A::Reopen, S::FollowingUp),
            (S::Pending, A::Convert, S::Converted),
            (S::FollowingUp, A::Convert, S::Converted),
            (S::Unassigned, A::Void, S::Voided),
            (S::Pending, A::Void, S::Voided),
            (S::FollowingUp, A::Void, S::Voided),
            (S::Invalid, A::Void, S::Voided),
            (S::Voided, A::Restore, S::Unassigned),
            (S::Pending, A::Return, S::Unassigned),
            (S::FollowingUp, A::Return, S::Unassigned),
            (S::Invalid, A::Return, S::Unassigned),
            (S::Pending, A::AutoReturn, S::Unassigned),
            (S::FollowingUp, A::AutoReturn, S::Unassigned),
        ];
        for from in S::ALL {
            for action in A::ALL {
                let expected = allowed.iter().find(|(f, a, _)| f == from && *a == action).map(|(_, _, to)| *to);
                assert_eq!(next_status(*from, action), expected, "{from:?} --{action:?}-->");
            }
        }
    }

    #[test]
    fn refusals_are_illegal_transitions_naming_the_status() {
        let e = transition(S::Converted, A::MarkInvalid).unwrap_err();
        assert_eq!(e.code, ErrorCode::IllegalTransition);
        assert!(e.message.contains("已转换"), "{}", e.message);
    }

    #[test]
    fn only_admins_restore_and_only_managers_assign() {
        let rep = Standing { admin: false, manager: false, owner: true };
        let manager = Standing { admin: false, manager: true, owner: false };
        let admin = Standing { admin: true, manager: true, owner: false };
        assert!(permitted(A::Restore, rep).is_err() && permitted(A::Restore, manager).is_err());
        assert!(permitted(A::Restore, admin).is_ok());
        assert!(permitted(A::Assign, rep).is_err() && permitted(A::Assign, manager).is_ok());
        let stranger = Standing { admin: false, manager: false, owner: false };
        assert!(permitted(A::FollowUp, stranger).is_err() && permitted(A::Claim, stranger).is_ok());
        assert!(permitted(A::Void, manager).is_ok());
    }
}
