//! Segments (用户分组): named sets of customers. A dynamic segment is a condition evaluated
//! whenever it is read; a fixed one (固定分组, e.g. a blacklist) is filled once and then changed
//! only by hand; a snapshot is a condition's result frozen at a time and taken again on demand.
//! Counts and member lists cover only the customers the reader may see.

mod definitions;
pub mod evaluate;
mod member_cache;
mod parts;
pub mod store;

pub use member_cache::MemberCache;

use crate::conditions::{Condition, ExplainNode};
use serde::{Deserialize, Serialize};

crate::choice_enum!(
    /// How a segment's members are decided.
    SegmentKind, "segment kind", [
    Dynamic => "dynamic", "动态分组", "Dynamic";
    Fixed => "fixed", "固定分组", "Fixed";
    Snapshot => "snapshot", "快照分组", "Snapshot";
]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SegmentInput {
    pub name: String,
    pub kind: SegmentKind,
    #[serde(default)]
    pub description: Option<String>,
    /// The definition. A fixed segment is filled from it once; with no conditions at all it
    /// starts empty (a blacklist is filled by hand, not with everyone).
    pub condition: Condition,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    pub id: String,
    pub name: String,
    pub kind: SegmentKind,
    pub description: Option<String>,
    pub condition: Condition,
    /// When a snapshot's (or a fixed segment's first) members were taken.
    pub snapshot_at: Option<String>,
    pub owner: String,
    pub created_at: String,
    pub updated_at: String,
    /// Whether the reader may change it (its owner, a manager or an administrator).
    pub may_edit: bool,
}

/// Why a customer is or is not in a segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SegmentExplanation {
    pub segment_id: String,
    pub kind: SegmentKind,
    pub customer_id: String,
    pub customer_name: String,
    /// Whether the customer is a member now.
    pub member: bool,
    /// For a fixed or snapshot segment: when and by whom the customer was put in.
    pub added_at: Option<String>,
    pub added_by: Option<String>,
    /// Whether the definition holds for the customer now (for a dynamic segment, `member`).
    pub matches_now: bool,
    /// Each condition of the definition and whether it held, with the customer's values. A
    /// membership of a dynamic segment shows as that segment's own conditions.
    pub tree: ExplainNode,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SegmentMemberPage {
    pub rows: Vec<crate::customer::list::CustomerListRow>,
    pub next_cursor: Option<String>,
}

/// A segment a customer is in, for the 360 view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SegmentRef {
    pub id: String,
    pub name: String,
    pub kind: SegmentKind,
}
