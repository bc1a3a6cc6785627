//! The live segments' definitions, and conditions with their segment memberships resolved: a
//! fixed or snapshot segment is its stored members, a dynamic one is its own condition put in
//! place of the test (so one SQL statement and one in-memory evaluation decide both).

use super::SegmentKind;
use crate::conditions::{Condition, ConditionTest, TestOp};
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// The field of a membership test (conditions/catalog.rs).
pub(crate) const MEMBERSHIP_FIELD: &str = "segment";

pub(crate) struct Definition {
    pub name: String,
    pub kind: SegmentKind,
    pub condition: Condition,
}

/// Every live segment by id; there are tens of them, so all are read at once.
pub(crate) struct Definitions(HashMap<String, Definition>);

impl Definitions {
    pub async fn load(conn: &mut SqliteConnection) -> CoreResult<Definitions> {
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT id, name, kind, condition FROM segments WHERE deleted_at IS NULL")
                .fetch_all(&mut *conn)
                .await?;
        let mut out = HashMap::with_capacity(rows.len());
        for (id, name, kind, condition) in rows {
            let kind = SegmentKind::from_key(&kind).unwrap_or(SegmentKind::Fixed);
            let condition = parse_condition(&condition)?;
            out.insert(id, Definition { name, kind, condition });
        }
        Ok(Definitions(out))
    }

    pub fn get(&self, id: &str) -> Option<&Definition> {
        self.0.get(id)
    }

    /// Puts (or replaces) a definition not yet stored, to check a segment being saved.
    pub fn put(&mut self, id: &str, definition: Definition) {
        self.0.insert(id.to_string(), definition);
    }

    /// The ids of the live segments whose definitions test membership of `id`.
    pub fn users_of(&self, id: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .0
            .iter()
            .filter(|(other, d)| other.as_str() != id && names_segment(&d.condition, id))
            .map(|(_, d)| d.name.as_str())
            .collect();
        out.sort_unstable();
        out
    }

    /// Who is in segment `id`, as a condition without dynamic memberships.
    pub fn membership(&self, id: &str) -> CoreResult<Condition> {
        let d = self.0.get(id).ok_or_else(|| CoreError::not_found(format!("no segment with id {id}")))?;
        match d.kind {
            SegmentKind::Dynamic => self.expand_in(&d.condition, &mut vec![id.to_string()]),
            SegmentKind::Fixed | SegmentKind::Snapshot => Ok(static_membership(vec![id.to_string()])),
        }
    }

    /// `condition` (of segment `own_id`, if it is one) with its dynamic memberships resolved. A
    /// segment reached again inside its own resolution is a cycle, refused with its name.
    pub fn expand(&self, condition: &Condition, own_id: Option<&str>) -> CoreResult<Condition> {
        self.expand_in(condition, &mut own_id.map(str::to_string).into_iter().collect())
    }

    fn expand_in(&self, c: &Condition, path: &mut Vec<String>) -> CoreResult<Condition> {
        Ok(match c {
            Condition::All { items } => {
                Condition::All { items: items.iter().map(|i| self.expand_in(i, path)).collect::<CoreResult<_>>()? }
            }
            Condition::Any { items } => {
                Condition::Any { items: items.iter().map(|i| self.expand_in(i, path)).collect::<CoreResult<_>>()? }
            }
            Condition::Not { item } => Condition::Not { item: Box::new(self.expand_in(item, path)?) },
            Condition::Test(t) if t.field == MEMBERSHIP_FIELD => {
                let mut parts = Vec::new();
                let mut stored = Vec::new();
                for id in t.values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    if path.iter().any(|p| p == id) {
                        let name = self.0.get(id).map_or(id, |d| d.name.as_str());
                        return Err(CoreError::invalid(format!(
                            "the segment '{name}' would contain itself through its memberships"
                        )));
                    }
                    let d = self.0.get(id).ok_or_else(|| {
                        CoreError::invalid(format!("there is no segment with id {id} (it may have been deleted)"))
                    })?;
                    match d.kind {
                        SegmentKind::Dynamic => {
                            path.push(id.to_string());
                            parts.push(self.expand_in(&d.condition, path)?);
                            path.pop();
                        }
                        SegmentKind::Fixed | SegmentKind::Snapshot => stored.push(id.to_string()),
                    }
                }
                if !stored.is_empty() {
                    parts.insert(0, static_membership(stored));
                }
                let any = if parts.len() == 1 { parts.remove(0) } else { Condition::Any { items: parts } };
                match t.op {
                    TestOp::HasNone => Condition::Not { item: Box::new(any) },
                    _ => any,
                }
            }
            Condition::Test(t) => Condition::Test(t.clone()),
        })
    }
}

fn static_membership(ids: Vec<String>) -> Condition {
    Condition::Test(ConditionTest {
        field: MEMBERSHIP_FIELD.into(),
        op: TestOp::HasAny,
        values: ids,
        window_days: None,
    })
}

fn names_segment(c: &Condition, id: &str) -> bool {
    match c {
        Condition::All { items } | Condition::Any { items } => items.iter().any(|i| names_segment(i, id)),
        Condition::Not { item } => names_segment(item, id),
        Condition::Test(t) => t.field == MEMBERSHIP_FIELD && t.values.iter().any(|v| v.trim() == id),
    }
}

pub(crate) fn parse_condition(json: &str) -> CoreResult<Condition> {
    serde_json::from_str(json)
        .map_err(|e| CoreError::internal(format!("a stored segment definition is unreadable: {e}")))
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

    fn defs() -> Definitions {
        let mut d = Definitions(HashMap::new());
        let def = |name: &str, kind, condition| Definition { name: name.into(), kind, condition };
        d.put("vip", def("VIP", SegmentKind::Dynamic, test("lifecycle", TestOp::Is, &["vip"])));
        d.put("black", def("黑名单", SegmentKind::Fixed, Condition::always()));
        d.put("a", def("A", SegmentKind::Dynamic, test(MEMBERSHIP_FIELD, TestOp::HasAny, &["b"])));
        d.put("b", def("B", SegmentKind::Dynamic, test(MEMBERSHIP_FIELD, TestOp::HasNone, &["a"])));
        d
    }

    #[test]
    fn dynamic_memberships_become_their_conditions_and_stored_ones_stay() {
        let d = defs();
        let c = test(MEMBERSHIP_FIELD, TestOp::HasNone, &["vip", "black"]);
        let expanded = d.expand(&c, None).unwrap();
        assert_eq!(
            expanded,
            Condition::Not {
                item: Box::new(Condition::Any {
                    items: vec![
                        test(MEMBERSHIP_FIELD, TestOp::HasAny, &["black"]),
                        test("lifecycle", TestOp::Is, &["vip"])
                    ]
                })
            }
        );
        assert_eq!(d.membership("black").unwrap(), test(MEMBERSHIP_FIELD, TestOp::HasAny, &["black"]));
        assert_eq!(d.users_of("b"), vec!["A"]);
    }

    #[test]
    fn cycles_and_unknown_segments_are_refused_by_name() {
        let d = defs();
        let e = d.membership("a").unwrap_err();
        assert!(e.message.contains("'A' would contain itself"), "{}", e.message);
        let own = d.expand(&test(MEMBERSHIP_FIELD, TestOp::HasAny, &["vip"]), Some("vip")).unwrap_err();
        assert!(own.message.contains("'VIP'"), "{}", own.message);
        let gone = d.expand(&test(MEMBERSHIP_FIELD, TestOp::HasAny, &["nope"]), None).unwrap_err();
        assert!(gone.message.contains("no segment with id nope"));
    }
}
