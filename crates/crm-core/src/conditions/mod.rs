//! The condition model shared by the workflow rules and (issue 6) the segments: a tree of
//! all / any / not groups over tests of one field each. A condition is evaluated in memory
//! against a record's facts (`evaluate`), which is the reference meaning, and compiled to SQL
//! (`sql::compile`) to find candidates among many records; the in-memory result decides.

#[cfg(test)]
mod agreement;
pub mod catalog;
pub mod order_windows;
pub mod sql;

use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A condition tree. An empty `all` holds; an empty `any` does not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    All { items: Vec<Condition> },
    Any { items: Vec<Condition> },
    Not { item: Box<Condition> },
    Test(ConditionTest),
}

impl Condition {
    pub fn always() -> Condition {
        Condition::All { items: Vec::new() }
    }
}

/// One field compared with values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConditionTest {
    /// A key of the entity's field catalog, e.g. `priority` or `customer.lifecycle`.
    pub field: String,
    pub op: TestOp,
    /// Texts for `is`/`is_not`/`contains` (any of them), one number or date for comparisons,
    /// a number of days for the relative-time tests, tag names for the tag tests.
    #[serde(default)]
    pub values: Vec<String>,
    /// For an aggregate over orders: only the orders of the last N days (none: all of them).
    #[serde(default)]
    pub window_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TestOp {
    Is,
    IsNot,
    Contains,
    IsEmpty,
    IsNotEmpty,
    Gt,
    Gte,
    Lt,
    Lte,
    /// The date lies more than N days back.
    OlderThanDays,
    /// The date lies within the last N days (not in the future).
    WithinLastDays,
    /// The date lies within the next N days (today included).
    WithinNextDays,
    HasAny,
    HasAll,
    HasNone,
}

/// The kind of value a field holds, which decides the operators it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Choice,
    Number,
    /// A day (`YYYY-MM-DD`) or a stored time.
    Date,
    Tags,
    /// A count or total over the customer's orders, optionally in a window of days.
    Aggregate,
    /// Membership of other segments (values: segment ids).
    Membership,
}

impl FieldKind {
    pub fn ops(self) -> &'static [TestOp] {
        use TestOp::*;
        match self {
            FieldKind::Text => &[Is, IsNot, Contains, IsEmpty, IsNotEmpty],
            FieldKind::Choice => &[Is, IsNot, IsEmpty, IsNotEmpty],
            FieldKind::Number => &[Is, IsNot, Gt, Gte, Lt, Lte, IsEmpty, IsNotEmpty],
            FieldKind::Date => &[OlderThanDays, WithinLastDays, WithinNextDays, Gt, Lt, IsEmpty, IsNotEmpty],
            FieldKind::Tags => &[HasAny, HasAll, HasNone],
            FieldKind::Aggregate => &[Gte, Gt, Lte, Lt, Is],
            FieldKind::Membership => &[HasAny, HasNone],
        }
    }
}

/// A record's value of one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    Text(Option<String>),
    Number(Option<f64>),
    Date(Option<String>),
    Tags(Vec<String>),
    /// The customer's counted orders: (day `YYYY-MM-DD`, amount in minor units).
    Orders(Vec<(String, i64)>),
    /// The ids of the fixed and snapshot segments the customer is a member of.
    Set(Vec<String>),
}

/// A record's values, by catalog key.
pub type Facts = HashMap<String, Fact>;

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

fn wanted(values: &[String]) -> impl Iterator<Item = String> + '_ {
    values.iter().map(|v| norm(v)).filter(|v| !v.is_empty())
}

/// The number of days a relative-time test names.
pub(crate) fn days_of(test: &ConditionTest) -> CoreResult<i64> {
    test.values
        .first()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|d| (0..=36_500).contains(d))
        .ok_or_else(|| CoreError::invalid(format!("'{}' needs a number of days between 0 and 36500", test.field)))
}

/// The days of an aggregate's window, checked like a relative-time test's.
fn window_of(test: &ConditionTest) -> CoreResult<Option<i64>> {
    match test.window_days {
        Some(d) if d > 36_500 => {
            Err(CoreError::invalid(format!("'{}' needs a window between 0 and 36500 days", test.field)))
        }
        d => Ok(d.map(i64::from)),
    }
}

/// An aggregate's threshold: a count as is, an amount (typed in major units) in minor units.
pub(crate) fn aggregate_threshold(test: &ConditionTest) -> Option<i64> {
    let n = test.values.first()?.trim().parse::<f64>().ok().filter(|n| n.is_finite() && n.abs() < 1e15)?;
    Some(match catalog::measure_of(&test.field) {
        Some(catalog::Measure::Amount) => (n * 100.0).round() as i64,
        _ => n.round() as i64,
    })
}

/// Whether `value op threshold` holds, for an aggregate test.
pub(crate) fn compare(op: TestOp, value: i64, threshold: i64) -> bool {
    match op {
        TestOp::Gte => value >= threshold,
        TestOp::Gt => value > threshold,
        TestOp::Lte => value <= threshold,
        TestOp::Lt => value < threshold,
        TestOp::Is => value == threshold,
        _ => false,
    }
}

fn number_of(test: &ConditionTest) -> CoreResult<f64> {
    test.values
        .first()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .ok_or_else(|| CoreError::invalid(format!("'{}' needs a number to compare with", test.field)))
}

/// The bounds of a relative-time test as stored text: for a day field the days, for a time field
/// the times, so both compare as text.
pub(crate) fn date_bounds(
    op: TestOp,
    days: i64,
    now: DateTime<Utc>,
    day_field: bool,
) -> (Option<String>, Option<String>) {
    let fmt = |t: DateTime<Utc>| {
        if day_field { t.format("%Y-%m-%d").to_string() } else { crate::clock::to_db(t) }
    };
    match op {
        // strictly before the bound
        TestOp::OlderThanDays => (None, Some(fmt(now - Duration::days(days)))),
        TestOp::WithinLastDays => (Some(fmt(now - Duration::days(days))), Some(fmt(now))),
        TestOp::WithinNextDays => (Some(fmt(now)), Some(fmt(now + Duration::days(days)))),
        _ => (None, None),
    }
}

/// Whether a text day (`YYYY-MM-DD`) or stored time lies in the bounds of `date_bounds`.
fn date_in(op: TestOp, value: &str, lo: Option<&str>, hi: Option<&str>) -> bool {
    match op {
        TestOp::OlderThanDays => hi.is_some_and(|h| value < h),
        _ => lo.is_none_or(|l| value >= l) && hi.is_none_or(|h| value <= h),
    }
}

/// Checks a condition against the entity's catalog before it is stored: known fields, operators
/// the field takes, values where they are needed.
pub fn validate(condition: &Condition, entity: catalog::Entity) -> CoreResult<()> {
    match condition {
        Condition::All { items } | Condition::Any { items } => items.iter().try_for_each(|c| validate(c, entity)),
        Condition::Not { item } => validate(item, entity),
        Condition::Test(t) => {
            let field = catalog::field(entity, &t.field)
                .ok_or_else(|| CoreError::invalid(format!("a {} has no field '{}' to test", entity.key(), t.field)))?;
            if !field.kind.ops().contains(&t.op) {
                return Err(CoreError::invalid(format!("'{}' cannot be tested with {:?}", t.field, t.op)));
            }
            match t.op {
                TestOp::IsEmpty | TestOp::IsNotEmpty => Ok(()),
                TestOp::OlderThanDays | TestOp::WithinLastDays | TestOp::WithinNextDays => days_of(t).map(|_| ()),
                _ if field.kind == FieldKind::Aggregate => {
                    window_of(t)?;
                    aggregate_threshold(t)
                        .map(|_| ())
                        .ok_or_else(|| CoreError::invalid(format!("'{}' needs a number to compare with", t.field)))
                }
                TestOp::Gt | TestOp::Gte | TestOp::Lt | TestOp::Lte if field.kind == FieldKind::Number => {
                    number_of(t).map(|_| ())
                }
                TestOp::Gt | TestOp::Lt if field.kind == FieldKind::Date => {
                    match t
                        .values
                        .first()
                        .map(|v| v.trim())
                        .filter(|v| chrono::NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d").is_ok())
                    {
                        Some(_) => Ok(()),
                        None => Err(CoreError::invalid(format!("'{}' needs a date like 2025-01-01", t.field))),
                    }
                }
                _ if wanted(&t.values).next().is_none() => {
                    Err(CoreError::invalid(format!("'{}' needs at least one value to compare with", t.field)))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Whether the condition holds for a record's facts at `now`. A test of a field the facts lack
/// does not hold.
pub fn evaluate(condition: &Condition, facts: &Facts, now: DateTime<Utc>) -> bool {
    match condition {
        Condition::All { items } => items.iter().all(|c| evaluate(c, facts, now)),
        Condition::Any { items } => items.iter().any(|c| evaluate(c, facts, now)),
        Condition::Not { item } => !evaluate(item, facts, now),
        Condition::Test(t) => facts.get(t.field.as_str()).is_some_and(|f| test_holds(t, f, now)),
    }
}

/// One test's outcome, for showing why a rule did or did not act and why a customer is or is
/// not in a segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TestOutcome {
    pub field: String,
    pub op: TestOp,
    pub values: Vec<String>,
    pub window_days: Option<u32>,
    /// The record's value as text (for an aggregate: the count or total in the window).
    pub actual: Option<String>,
    pub held: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    All,
    Any,
    Not,
}

/// The condition tree with every group's and test's outcome, shaped like the condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExplainNode {
    /// The group's kind; none for a test.
    pub group: Option<GroupKind>,
    pub held: bool,
    pub test: Option<TestOutcome>,
    pub children: Vec<ExplainNode>,
}

/// Why the condition holds or not for a record: each group and test with its outcome. Its
/// `held` is always `evaluate`'s answer.
pub fn explain(condition: &Condition, facts: &Facts, now: DateTime<Utc>) -> ExplainNode {
    let group = |kind: GroupKind, children: Vec<ExplainNode>| {
        let held = match kind {
            GroupKind::All => children.iter().all(|c| c.held),
            GroupKind::Any => children.iter().any(|c| c.held),
            GroupKind::Not => !children.iter().all(|c| c.held),
        };
        ExplainNode { group: Some(kind), held, test: None, children }
    };
    match condition {
        Condition::All { items } => group(GroupKind::All, items.iter().map(|c| explain(c, facts, now)).collect()),
        Condition::Any { items } => group(GroupKind::Any, items.iter().map(|c| explain(c, facts, now)).collect()),
        Condition::Not { item } => group(GroupKind::Not, vec![explain(item, facts, now)]),
        Condition::Test(t) => {
            let fact = facts.get(t.field.as_str());
            let held = fact.is_some_and(|f| test_holds(t, f, now));
            ExplainNode {
                group: None,
                held,
                test: Some(TestOutcome {
                    field: t.field.clone(),
                    op: t.op,
                    values: t.values.clone(),
                    window_days: t.window_days,
                    actual: fact.and_then(|f| fact_text(t, f, now)),
                    held,
                }),
                children: Vec::new(),
            }
        }
    }
}

/// The customer's counted orders in the test's window: their count or total, as its measure.
fn aggregate(t: &ConditionTest, orders: &[(String, i64)], now: DateTime<Utc>) -> i64 {
    let (lo, hi) = match t.window_days {
        Some(d) => date_bounds(TestOp::WithinLastDays, i64::from(d), now, true),
        None => (None, None),
    };
    let inside = orders.iter().filter(|(on, _)| {
        lo.as_deref().is_none_or(|l| on.as_str() >= l) && hi.as_deref().is_none_or(|h| on.as_str() <= h)
    });
    match catalog::measure_of(&t.field) {
        Some(catalog::Measure::Amount) => inside.map(|(_, a)| a).sum(),
        _ => inside.count() as i64,
    }
}

fn fact_text(t: &ConditionTest, f: &Fact, now: DateTime<Utc>) -> Option<String> {
    match f {
        Fact::Orders(orders) => {
            let v = aggregate(t, orders, now);
            Some(match catalog::measure_of(&t.field) {
                Some(catalog::Measure::Amount) => crate::sales::money::format_amount(v),
                _ => v.to_string(),
            })
        }
        Fact::Set(ids) => (!ids.is_empty()).then(|| ids.join(", ")),
        Fact::Text(v) | Fact::Date(v) => v.clone(),
        Fact::Number(n) => n.map(|n| n.to_string()),
        Fact::Tags(t) => (!t.is_empty()).then(|| t.join(", ")),
    }
}

fn test_holds(t: &ConditionTest, fact: &Fact, now: DateTime<Utc>) -> bool {
    match fact {
        Fact::Orders(orders) => {
            aggregate_threshold(t).is_some_and(|threshold| compare(t.op, aggregate(t, orders, now), threshold))
        }
        Fact::Set(ids) => {
            let hit = t.values.iter().any(|v| ids.iter().any(|id| id == v.trim()));
            match t.op {
                TestOp::HasAny => hit,
                TestOp::HasNone => !hit,
                _ => false,
            }
        }
        Fact::Tags(tags) => {
            let have: Vec<String> = tags.iter().map(|t| norm(t)).collect();
            let mut want = wanted(&t.values);
            match t.op {
                TestOp::HasAny => want.any(|w| have.contains(&w)),
                TestOp::HasAll => want.all(|w| have.contains(&w)),
                TestOp::HasNone => !want.any(|w| have.contains(&w)),
                _ => false,
            }
        }
        Fact::Number(n) => match (t.op, n) {
            (TestOp::IsEmpty, v) => v.is_none(),
            (TestOp::IsNotEmpty, v) => v.is_some(),
            (_, None) => t.op == TestOp::IsNot,
            (op, Some(v)) => {
                let list: Vec<f64> = t.values.iter().filter_map(|s| s.trim().parse().ok()).collect();
                let first = list.first().copied();
                match op {
                    TestOp::Is => list.contains(v),
                    TestOp::IsNot => !list.contains(v),
                    TestOp::Gt => first.is_some_and(|x| *v > x),
                    TestOp::Gte => first.is_some_and(|x| *v >= x),
                    TestOp::Lt => first.is_some_and(|x| *v < x),
                    TestOp::Lte => first.is_some_and(|x| *v <= x),
                    _ => false,
                }
            }
        },
        Fact::Date(d) => {
            let d = d.as_deref().map(str::trim).filter(|d| !d.is_empty());
            match (t.op, d) {
                (TestOp::IsEmpty, v) => v.is_none(),
                (TestOp::IsNotEmpty, v) => v.is_some(),
                (_, None) => false,
                (TestOp::Gt, Some(v)) => t.values.first().is_some_and(|x| v > x.trim()),
                (TestOp::Lt, Some(v)) => t.values.first().is_some_and(|x| v < x.trim()),
                (op, Some(v)) => {
                    let Ok(days) = days_of(t) else { return false };
                    let (lo, hi) = date_bounds(op, days, now, v.len() == 10);
                    date_in(op, v, lo.as_deref(), hi.as_deref())
                }
            }
        }
        Fact::Text(v) => {
            let v = v.as_deref().map(norm).filter(|v| !v.is_empty());
            match (t.op, v) {
                (TestOp::IsEmpty, v) => v.is_none(),
                (TestOp::IsNotEmpty, v) => v.is_some(),
                (TestOp::Is, Some(v)) => wanted(&t.values).any(|w| w == v),
                (TestOp::IsNot, Some(v)) => !wanted(&t.values).any(|w| w == v),
                (TestOp::IsNot, None) => true,
                (TestOp::Contains, Some(v)) => wanted(&t.values).any(|w| v.contains(&w)),
                _ => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test(field: &str, op: TestOp, values: &[&str]) -> Condition {
        Condition::Test(ConditionTest {
            field: field.into(),
            op,
            values: values.iter().map(|s| s.to_string()).collect(),
            window_days: None,
        })
    }

    fn now() -> DateTime<Utc> {
        crate::clock::from_db("2026-03-10T12:00:00.000Z")
    }

    #[test]
    fn groups_tests_and_relative_dates() {
        let mut facts = Facts::new();
        facts.insert(String::from("priority"), Fact::Text(Some("Normal".into())));
        facts.insert(String::from("touched_at"), Fact::Date(Some("2026-03-01T09:00:00.000Z".into())));
        facts.insert(String::from("expected_close"), Fact::Date(Some("2026-03-15".into())));
        facts.insert(String::from("amount"), Fact::Number(Some(1200.0)));
        facts.insert(String::from("customer.tags"), Fact::Tags(vec!["VIP".into(), "华东".into()]));
        let holds = |c: &Condition| evaluate(c, &facts, now());
        assert!(holds(&test("priority", TestOp::Is, &["low", "normal"])));
        assert!(!holds(&test("priority", TestOp::IsNot, &["normal"])));
        assert!(holds(&test("touched_at", TestOp::OlderThanDays, &["7"])));
        assert!(!holds(&test("touched_at", TestOp::OlderThanDays, &["10"])));
        assert!(holds(&test("touched_at", TestOp::WithinLastDays, &["10"])));
        assert!(holds(&test("expected_close", TestOp::WithinNextDays, &["7"])));
        assert!(!holds(&test("expected_close", TestOp::WithinNextDays, &["4"])));
        assert!(holds(&test("amount", TestOp::Gte, &["1200"])));
        assert!(!holds(&test("amount", TestOp::Gt, &["1200"])));
        assert!(holds(&test("customer.tags", TestOp::HasAll, &["vip", "华东"])));
        assert!(holds(&test("customer.tags", TestOp::HasNone, &["黑名单"])));
        assert!(!holds(&test("unknown", TestOp::IsEmpty, &[])));
        let tree = Condition::All {
            items: vec![
                test("priority", TestOp::Is, &["normal"]),
                Condition::Not { item: Box::new(test("customer.tags", TestOp::HasAny, &["vip"])) },
            ],
        };
        assert!(!holds(&tree));
        assert!(holds(&Condition::Any { items: vec![tree, test("amount", TestOp::Lt, &["2000"])] }));
        assert!(holds(&Condition::always()));
        assert!(!holds(&Condition::Any { items: vec![] }));
    }

    #[test]
    fn explain_lists_every_test() {
        let mut facts = Facts::new();
        facts.insert(String::from("priority"), Fact::Text(Some("high".into())));
        let c = Condition::All {
            items: vec![test("priority", TestOp::Is, &["high"]), test("status", TestOp::Is, &["new"])],
        };
        let tree = explain(&c, &facts, now());
        assert!(!tree.held);
        assert_eq!(tree.group, Some(GroupKind::All));
        assert_eq!(tree.children.iter().map(|o| o.held).collect::<Vec<_>>(), vec![true, false]);
        assert_eq!(tree.children[0].test.as_ref().and_then(|t| t.actual.as_deref()), Some("high"));
        let negated = explain(&Condition::Not { item: Box::new(c) }, &facts, now());
        assert!(negated.held);
    }
}
