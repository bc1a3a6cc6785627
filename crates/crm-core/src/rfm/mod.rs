//! RFM value assessment (价值评估): how recently (R), how often (F) and for how much (M) each
//! customer bought, scored 1-5 by quintile among all live customers, and mapped to a value tier
//! (钻石 / 金卡 / 银卡 / 普通 by default) and a value level (high / mid / low).
//!
//! Scores: the customers are ordered from the worst value to the best (for R: never bought,
//! then the longest ago); a customer at 0-based position p of n scores 1 + ⌊5p / n⌋, where p is
//! the position of the FIRST customer with the same value. So equal values always share a score
//! (the lower one), whatever their order, and a value shared by most customers (no order in the
//! window: F = 0) scores 1 for all of them. Only paid and completed orders count, on or before
//! the as-of day; M adds amounts whatever their currency (a shop sells in one).

pub mod recompute;
pub mod settings;

use serde::Serialize;

crate::choice_enum!(
    /// The value level a customer's total RFM score maps to.
    ValueLevel, "value level", [
    High => "high", "高价值", "High value";
    Mid => "mid", "中价值", "Mid value";
    Low => "low", "低价值", "Low value";
]);

/// Quintile scores 1-5 of `keys`, where a greater key is a better value (see the module's
/// rule for ties).
pub fn quintile_scores<K: Ord + Copy>(keys: &[K]) -> Vec<u8> {
    let n = keys.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| keys[i]);
    let mut out = vec![1u8; n];
    let mut first = 0;
    for (pos, &i) in order.iter().enumerate() {
        if pos > 0 && keys[i] != keys[order[pos - 1]] {
            first = pos;
        }
        out[i] = (1 + 5 * first / n) as u8;
    }
    out
}

/// A customer's assessment, as stored by the last recompute.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerRfm {
    pub customer_id: String,
    pub external_id: Option<String>,
    pub name: String,
    /// Days from the last counted order to the as-of day; none: never bought by then.
    pub recency_days: Option<i64>,
    pub frequency: i64,
    /// Minor units.
    pub monetary: i64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub tier: String,
    pub value_level: ValueLevel,
}

/// How many customers got a tier or level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RfmCount {
    pub key: String,
    pub customers: i64,
}

/// What a recompute did, or (for the summary) what the last one left, within the reader's scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RfmSummary {
    pub as_of: Option<String>,
    pub window_days: u32,
    pub computed_at: Option<String>,
    pub customers: i64,
    pub tiers: Vec<RfmCount>,
    pub levels: Vec<RfmCount>,
    /// Customers by R (row, 1-5) and F (column, 1-5): `grid[r - 1][f - 1]`.
    pub grid: Vec<Vec<i64>>,
    /// Customers whose tier the recompute changed (none for a summary).
    pub changed_tiers: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quintiles_give_equal_values_the_score_of_the_first_of_them() {
        // Ten distinct values: two per quintile.
        let keys: Vec<i64> = (0..10).collect();
        assert_eq!(quintile_scores(&keys), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        // Order does not matter.
        let keys = [9, 0, 5, 3, 7, 1, 2, 8, 6, 4];
        assert_eq!(quintile_scores(&keys), vec![5, 1, 3, 2, 4, 1, 2, 5, 4, 3]);
        // Six customers share 0 (positions 0-5): all score 1; 7 at positions 6-7 scores
        // 1 + 30/10 = 4; the best at 8 and 9 scores 5.
        let keys = [0, 0, 7, 0, 0, 9, 7, 0, 0, 12];
        assert_eq!(quintile_scores(&keys), vec![1, 1, 4, 1, 1, 5, 4, 1, 1, 5]);
        assert_eq!(quintile_scores::<i64>(&[]), Vec::<u8>::new());
        assert_eq!(quintile_scores(&[3]), vec![1]);
    }
}
