//! A campaign message's placeholders: `{{key}}` or `{{key|fallback}}`, where the key names a
//! customer field by its key or by its Chinese or English label. Checked when the campaign is
//! saved, so a typo is refused before anyone is mailed rather than sent as an empty gap.

use crate::error::{CoreError, CoreResult};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Field { key: String, fallback: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

/// The longest placeholder text; anything longer is a missing `}}`, not a field name.
const PLACEHOLDER_MAX: usize = 200;

impl Template {
    /// Reads `text`; `resolve` turns a placeholder's name into the field key it stands for, or
    /// `None` when no field has that key or label.
    pub fn parse(text: &str, resolve: impl Fn(&str) -> Option<String>) -> CoreResult<Template> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let after = &rest[start + 2..];
            let end = after.find("}}").filter(|e| *e <= PLACEHOLDER_MAX).ok_or_else(|| {
                CoreError::invalid(format!("a placeholder is not closed with }}}}: {}", excerpt(after)))
            })?;
            let inner = &after[..end];
            let (name, fallback) = match inner.split_once('|') {
                Some((n, f)) => (n.trim(), f.trim()),
                None => (inner.trim(), ""),
            };
            if name.is_empty() {
                return Err(CoreError::invalid("a placeholder {{}} names no field"));
            }
            let key = resolve(name).ok_or_else(|| {
                CoreError::invalid(format!(
                    "{{{{{name}}}}} is not a customer field; use a field's key or name, e.g. {{{{name}}}}, {{{{company}}}}, {{{{tier}}}}"
                ))
            })?;
            parts.push(Part::Field { key, fallback: fallback.to_string() });
            rest = &after[end + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { parts })
    }

    /// The field keys the template uses.
    pub fn keys(&self) -> BTreeSet<String> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Field { key, .. } => Some(key.clone()),
                Part::Text(_) => None,
            })
            .collect()
    }

    /// The text with each placeholder replaced by the value (or, when the value is missing or
    /// blank, the fallback).
    pub fn render(&self, values: &HashMap<String, String>) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Field { key, fallback } => match values.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(fallback),
                },
            }
        }
        out
    }
}

fn excerpt(s: &str) -> String {
    let cut: String = s.chars().take(30).collect();
    format!("{{{{{cut}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(name: &str) -> Option<String> {
        match name {
            "name" | "名称" => Some("name".into()),
            "company" | "公司" => Some("company".into()),
            "custom.gender" => Some("custom.gender".into()),
            _ => None,
        }
    }

    fn values(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn placeholders_by_key_or_label_are_filled_and_fallbacks_fill_blanks() {
        let t = Template::parse("{{名称}}您好，{{ company | 贵公司 }}的{{custom.gender}}客户", resolve).unwrap();
        assert_eq!(t.keys().into_iter().collect::<Vec<_>>(), ["company", "custom.gender", "name"]);
        assert_eq!(
            t.render(&values(&[("name", "张三"), ("company", "海尔"), ("custom.gender", "男")])),
            "张三您好，海尔的男客户"
        );
        assert_eq!(t.render(&values(&[("name", "李四"), ("company", "  ")])), "李四您好，贵公司的客户");
    }

    #[test]
    fn text_without_placeholders_and_single_braces_stay_as_written() {
        let t = Template::parse("价格 {100} 元 }} {", resolve).unwrap();
        assert!(t.keys().is_empty());
        assert_eq!(t.render(&HashMap::new()), "价格 {100} 元 }} {");
    }

    #[test]
    fn unknown_empty_and_unclosed_placeholders_are_refused_with_the_reason() {
        let unknown = Template::parse("Hi {{nmae}}", resolve).unwrap_err();
        assert!(unknown.message.contains("{{nmae}} is not a customer field"), "{}", unknown.message);
        let empty = Template::parse("Hi {{ }}", resolve).unwrap_err();
        assert!(empty.message.contains("names no field"), "{}", empty.message);
        let unclosed = Template::parse("Hi {{name, welcome", resolve).unwrap_err();
        assert!(unclosed.message.contains("not closed"), "{}", unclosed.message);
    }
}
