//! The columns of files whose records have fixed fields (contacts, leads, order lines): each
//! header is matched to a field by the user's mapping, else by its name in English or Chinese
//! (compared as `mapping::normalize` writes them). The reason column a rejected-rows file adds is
//! left out, so that file imports again once fixed.

use super::mapping::{Mapping, is_left_out, normalize};
use crate::error::{CoreError, CoreResult};

/// What the columns of one kind of file may fill.
pub(crate) struct FixedFields {
    /// What a record is called in messages ("contact", "lead", "order line").
    pub record: &'static str,
    /// Each field and the headers (normalized) that name it besides its own key.
    pub fields: &'static [(&'static str, &'static [&'static str])],
    /// Fields several columns may fill (phones, emails).
    pub lists: &'static [&'static str],
    /// Groups of fields: some column must fill a field of each group.
    pub required: &'static [&'static [&'static str]],
}

impl FixedFields {
    /// "a contact", "an order line".
    fn a_record(&self) -> String {
        let article = if self.record.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        format!("{article} {}", self.record)
    }

    fn named(&self, header: &str) -> Option<&'static str> {
        let key = normalize(header);
        self.fields
            .iter()
            .find(|(field, names)| normalize(field) == key || names.contains(&key.as_str()))
            .map(|(f, _)| *f)
    }

    /// The field of each column, or every problem of the header at once. With `leave_unknown`
    /// (vCards, whose properties are more than a record's fields) a column nothing matches is
    /// left out instead of refused.
    pub fn columns(
        &self,
        header: &[String],
        given: &Mapping,
        leave_unknown: bool,
    ) -> CoreResult<Vec<Option<&'static str>>> {
        let mut problems = Vec::new();
        let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(header.len());
        for h in header {
            let field = match given.get(h.trim()) {
                Some(Some(f)) => {
                    let known = self.fields.iter().map(|(k, _)| *k).find(|k| k == f);
                    if known.is_none() {
                        problems
                            .push(format!("column '{h}' is mapped to '{f}', which is no field of {}", self.a_record()));
                    }
                    known
                }
                Some(None) => None,
                // A column without a header (a spreadsheet's trailing delimiter) names no field.
                None if is_left_out(h) || h.trim().is_empty() => None,
                None => {
                    let found = self.named(h);
                    if found.is_none() && !leave_unknown {
                        let record = self.a_record();
                        problems
                            .push(format!("column '{h}' matches no field of {record}; map it to one or leave it out"));
                    }
                    found
                }
            };
            if let Some(f) = field
                && !self.lists.contains(&f)
                && let Some(j) = columns.iter().position(|c| *c == Some(f))
            {
                problems.push(format!("columns '{}' and '{h}' both fill '{f}'; leave one out", header[j]));
            }
            columns.push(field);
        }
        for group in self.required {
            if !group.iter().any(|f| columns.contains(&Some(*f))) {
                let names: Vec<String> = group.iter().map(|f| format!("'{f}'")).collect();
                problems.push(format!("no column fills the {}'s {}", self.record, names.join(" or ")));
            }
        }
        if problems.is_empty() {
            Ok(columns)
        } else {
            Err(CoreError::invalid(format!("line 1: {}", problems.join("; "))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEOPLE: FixedFields = FixedFields {
        record: "person",
        fields: &[("name", &["姓名"]), ("phone", &["手机", "电话"]), ("unit_price", &["单价"])],
        lists: &["phone"],
        required: &[&["name"]],
    };

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn headers_match_in_either_language_and_by_key() {
        let got = PEOPLE.columns(
            &header(&["*姓名", "手机", "电话", "Unit Price", "rejected_reason", ""]),
            &Mapping::new(),
            false,
        );
        let expected = [Some("name"), Some("phone"), Some("phone"), Some("unit_price"), None, None];
        assert_eq!(got.unwrap(), expected, "a rejected-rows file's reason and a trailing empty column left out");
    }

    #[test]
    fn every_problem_of_the_header_is_named_at_once() {
        let mut given = Mapping::new();
        given.insert("备注".into(), Some("notes".into()));
        let e = PEOPLE.columns(&header(&["名字", "单价", "unitprice", "备注"]), &given, false).unwrap_err();
        assert!(e.message.contains("column '名字' matches no field of a person"), "{}", e.message);
        assert!(e.message.contains("columns '单价' and 'unitprice' both fill 'unit_price'"), "{}", e.message);
        assert!(
            e.message.contains("column '备注' is mapped to 'notes', which is no field of a person"),
            "{}",
            e.message
        );

        assert!(e.message.contains("no column fills the person's 'name'"), "{}", e.message);
        let cards = PEOPLE.columns(&header(&["姓名", "x-custom"]), &Mapping::new(), true).unwrap();
        assert_eq!(cards, [Some("name"), None], "left out when reading vCards");
    }
}
