//! The condition model shared by the workflow rules and (issue 6) the segments: a tree of
//! all / any / not groups over tests of one field each. A condition is evaluated in memory
//! against a record's facts (`evaluate`), which is the reference meaning, and compiled to SQL
//! (`sql::compile`) to find candidates among many records; the in-memory result decides.

#[cfg(test)]
mod agreement;
pub mod catalog;
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

/// One test's outcome, for showing why a rule did or did not act (and, later, segment explain).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TestOutcome {
    pub field: String,
    pub op: TestOp,
    pub values: Vec<String>,
    /// The record's value as text.
    pub actual: Option<String>,
    pub held: bool,
}

/// Every test of the tree with its outcome, in order.
pub fn explain(condition: &Condition, facts: &Facts, now: DateTime<Utc>, out: &mut Vec<TestOutcome>) {
    match condition {
        Condition::All { items } | Condition::Any { items } => items.iter().for_each(|c| explain(c, facts, now, out)),
        Condition::Not { item } => explain(item, facts, now, out),
        Condition::Test(t) => {
            let fact = facts.get(t.field.as_str());
            out.push(TestOutcome {
                field: t.field.clone(),
                op: t.op,
                values: t.values.clone(),
                actual: fact.and_then(fact_text),
                held: fact.is_some_and(|f| test_holds(t, f, now)),
            });
        }
    }
}

fn fact_text(f: &Fact) -> Option<String> {
    match f {
        Fact::Text(v) | Fact::Date(v) => v.clone(),
        Fact::Number(n) => n.map(|n| n.to_string()),
        Fact::Tags(t) => (!t.is_empty()).then(|| t.join(", ")),
    }
}

fn test_holds(t: &ConditionTest, fact: &Fact, now: DateTime<Utc>) -> bool {
    match fact {
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
        let mut out = Vec::new();
        explain(&c, &facts, now(), &mut out);
        assert_eq!(out.iter().map(|o| o.held).collect::<Vec<_>>(), vec![true, false]);
        assert_eq!(out[0].actual.as_deref(), Some("high"));
    }
}
