//! Turning what a user typed (in a form or a CSV cell) into a clean customer record, or into
//! messages that name each field that is wrong and why.

use super::model::{Choice, CustomValue, CustomerInput, Kind, Lifecycle, Size};
use crate::classification::fields::{FieldCatalog, FieldDef, FieldType};
use crate::error::{CoreError, CoreResult};
use crate::search::tokens::{digits, name_sort_key};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

pub const MAX_NAME: usize = 200;
pub const MAX_PHONES: usize = 10;
pub const MAX_EMAILS: usize = 10;

/// A validated customer: trimmed, empty values removed, option labels turned into keys.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct CustomerRecord {
    pub external_id: Option<String>,
    pub name: String,
    pub name_sort: String,
    pub kind: Kind,
    pub lifecycle: Lifecycle,
    pub tier: Option<String>,
    pub industry: Option<String>,
    pub size: Option<Size>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub country: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub company: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub custom: BTreeMap<String, CustomValue>,
}

/// Collects every problem of one record, so the user fixes them all at once.
#[derive(Default)]
pub(crate) struct Problems(Vec<String>);

impl Problems {
    pub fn push(&mut self, msg: String) {
        self.0.push(msg);
    }
    pub fn into_messages(self) -> Vec<String> {
        self.0
    }
    pub fn into_result<T>(self, value: T) -> CoreResult<T> {
        if self.0.is_empty() { Ok(value) } else { Err(CoreError::invalid(self.0.join("; "))) }
    }
}

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars().any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
}

/// An optional text field: trimmed, empty -> None, bounded, no control characters.
pub(crate) fn optional_text(problems: &mut Problems, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    let allow_newlines = field == "notes" || field == "address";
    if has_control(v, allow_newlines) {
        problems.push(format!("{field} contains control characters"));
        return None;
    }
    if v.chars().count() > max {
        problems.push(format!("{field} is too long (at most {max} characters)"));
        return None;
    }
    Some(v.to_string())
}

pub(crate) fn required_name(problems: &mut Problems, field: &str, value: &str, max: usize) -> String {
    match optional_text(problems, field, Some(value), max) {
        Some(v) => v,
        None => {
            if value.trim().is_empty() {
                problems.push(format!("{field} is required"));
            }
            String::new()
        }
    }
}

/// Phone numbers as typed, trimmed, each with 3 to 20 digits and only phone punctuation; the
/// same number twice (by digits) is kept once.
pub(crate) fn phones(problems: &mut Problems, values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in values {
        let p: String = raw.nfkc().collect::<String>().trim().to_string();
        if p.is_empty() {
            continue;
        }
        let ok_chars = p.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
        let n = digits(&p).len();
        if !ok_chars || !(3..=20).contains(&n) {
            problems
                .push(format!("phone '{raw}' is not a phone number (3 to 20 digits; spaces and + - ( ) . allowed)"));
            continue;
        }
        if !out.iter().any(|q| digits(q) == digits(&p)) {
            out.push(p);
        }
    }
    if out.len() > MAX_PHONES {
        problems.push(format!("at most {MAX_PHONES} phone numbers"));
    }
    out
}

pub(crate) fn is_valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && e.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && !e.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, ',' | ';' | '<' | '>' | '"'))
}

/// E-mail addresses, lowercased and trimmed; duplicates kept once.
pub(crate) fn emails(problems: &mut Problems, values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in values {
        let e = raw.trim().to_lowercase();
        if e.is_empty() {
            continue;
        }
        if !is_valid_email(&e) {
            problems.push(format!("email '{raw}' is not a valid e-mail address"));
            continue;
        }
        if !out.contains(&e) {
            out.push(e);
        }
    }
    if out.len() > MAX_EMAILS {
        problems.push(format!("at most {MAX_EMAILS} e-mail addresses"));
    }
    out
}

fn website(problems: &mut Problems, value: Option<&str>) -> Option<String> {
    let w = optional_text(problems, "website", value, 300)?;
    if w.chars().any(char::is_whitespace) || !w.contains('.') {
        problems.push(format!("website '{w}' does not look like a web address"));
        return None;
    }
    Some(w)
}

/// A built-in choice dimension (tier, industry, source): an option key, or a label turned into one.
fn builtin_option(problems: &mut Problems, catalog: &FieldCatalog, key: &str, value: Option<&str>) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    let Some(field) = catalog.get(key) else {
        problems.push(format!("{key} has no option list"));
        return None;
    };
    match field.find_option(v) {
        Some(o) => Some(o.key.clone()),
        None => {
            problems.push(format!("{key} '{v}' is not one of its options ({})", field.allowed_options()));
            None
        }
    }
}

/// Parses a date as people write it in forms and spreadsheets into `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(s, f).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

fn option_key(problems: &mut Problems, field: &FieldDef, v: &str) -> Option<String> {
    match field.find_option(v) {
        Some(o) => Some(o.key.clone()),
        None => {
            problems.push(format!(
                "{} '{}' is not one of its options ({})",
                field.key,
                v.trim(),
                field.allowed_options()
            ));
            None
        }
    }
}

/// One custom dimension's value, checked against the dimension's type; `None` means "no value".
pub(crate) fn custom_value(problems: &mut Problems, field: &FieldDef, value: &CustomValue) -> Option<CustomValue> {
    let key = &field.key;
    match (field.field_type, value) {
        (_, CustomValue::Text(t)) if t.trim().is_empty() => None,
        (_, CustomValue::Options(v)) if v.iter().all(|o| o.trim().is_empty()) => None,
        (FieldType::SingleSelect, CustomValue::Text(t)) => option_key(problems, field, t).map(CustomValue::Text),
        (FieldType::MultiSelect, CustomValue::Text(t)) => {
            let parts: Vec<String> = t.split(';').map(str::to_string).collect();
            custom_value(problems, field, &CustomValue::Options(parts))
        }
        (FieldType::MultiSelect, CustomValue::Options(items)) => {
            let mut keys: Vec<String> = Vec::new();
            for item in items.iter().filter(|i| !i.trim().is_empty()) {
                if let Some(k) = option_key(problems, field, item)
                    && !keys.contains(&k)
                {
                    keys.push(k);
                }
            }
            (!keys.is_empty()).then_some(CustomValue::Options(keys))
        }
        (FieldType::Text, CustomValue::Text(t)) => optional_text(problems, key, Some(t), 1000).map(CustomValue::Text),
        (FieldType::Text, CustomValue::Number(n)) => Some(CustomValue::Text(n.to_string())),
        (FieldType::Number, CustomValue::Number(n)) if n.is_finite() => Some(CustomValue::Number(*n)),
        (FieldType::Number, CustomValue::Text(t)) => match t.trim().replace(',', "").parse::<f64>() {
            Ok(n) if n.is_finite() => Some(CustomValue::Number(n)),
            _ => {
                problems.push(format!("{key} expects a number, not '{}'", t.trim()));
                None
            }
        },
        (FieldType::Date, CustomValue::Text(t)) => match parse_date(t) {
            Some(d) => Some(CustomValue::Text(d)),
            None => {
                problems.push(format!("{key} expects a date like 2025-03-31, not '{}'", t.trim()));
                None
            }
        },
        (t, _) => {
            problems.push(format!("{key} expects a {} value", t.as_str().replace('_', "-")));
            None
        }
    }
}

pub(crate) fn validate(input: &CustomerInput, catalog: &FieldCatalog) -> CoreResult<CustomerRecord> {
    let mut p = Problems::default();
    let name = required_name(&mut p, "name", &input.name, MAX_NAME);
    let mut custom = BTreeMap::new();
    for (key, value) in &input.custom {
        match catalog.get(key).filter(|f| !f.builtin) {
            Some(field) => {
                if let Some(v) = custom_value(&mut p, field, value) {
                    custom.insert(key.clone(), v);
                }
            }
            None => p.push(format!("'{key}' is not a dimension of customers")),
        }
    }
    let record = CustomerRecord {
        external_id: optional_text(&mut p, "external_id", input.external_id.as_deref(), 100),
        name_sort: name_sort_key(&name),
        name,
        kind: input.kind,
        lifecycle: input.lifecycle,
        tier: builtin_option(&mut p, catalog, "tier", input.tier.as_deref()),
        industry: builtin_option(&mut p, catalog, "industry", input.industry.as_deref()),
        size: input.size,
        source: builtin_option(&mut p, catalog, "source", input.source.as_deref()),
        owner: optional_text(&mut p, "owner", input.owner.as_deref(), 100),
        country: optional_text(&mut p, "country", input.country.as_deref(), 100),
        province: optional_text(&mut p, "province", input.province.as_deref(), 100),
        city: optional_text(&mut p, "city", input.city.as_deref(), 100),
        address: optional_text(&mut p, "address", input.address.as_deref(), 500),
        company: optional_text(&mut p, "company", input.company.as_deref(), 200),
        website: website(&mut p, input.website.as_deref()),
        notes: optional_text(&mut p, "notes", input.notes.as_deref(), 10_000),
        phones: phones(&mut p, &input.phones),
        emails: emails(&mut p, &input.emails),
        custom,
    };
    p.into_result(record)
}

/// A closed choice written as a key or a Chinese or English label (CSV cells).
pub(crate) fn parse_choice<C: Choice>(problems: &mut Problems, value: &str) -> Option<C> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let parsed = C::parse_any(v);
    if parsed.is_none() {
        problems.push(format!("{} '{v}' is not one of {}", C::FIELD, C::allowed()));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classification::fields::{FieldOption, FieldType};

    fn catalog() -> FieldCatalog {
        let opt = |k: &str, zh: &str, en: &str| FieldOption { key: k.into(), label_zh: zh.into(), label_en: en.into() };
        let field = |key: &str, t: FieldType, builtin: bool, options: Vec<FieldOption>| FieldDef {
            id: format!("f-{key}"),
            key: key.into(),
            label_zh: key.into(),
            label_en: key.into(),
            field_type: t,
            builtin,
            options,
            deleted_at: None,
        };
        FieldCatalog {
            fields: vec![
                field(
                    "tier",
                    FieldType::SingleSelect,
                    true,
                    vec![opt("gold", "金卡", "Gold"), opt("normal", "普通", "Normal")],
                ),
                field("industry", FieldType::SingleSelect, true, vec![opt("retail", "零售", "Retail")]),
                field("source", FieldType::SingleSelect, true, vec![opt("website", "官网", "Website")]),
                field(
                    "gender",
                    FieldType::SingleSelect,
                    false,
                    vec![opt("male", "男", "Male"), opt("female", "女", "Female")],
                ),
                field(
                    "hobbies",
                    FieldType::MultiSelect,
                    false,
                    vec![opt("golf", "高尔夫", "Golf"), opt("tea", "茶", "Tea")],
                ),
                field("budget", FieldType::Number, false, vec![]),
                field("birthday", FieldType::Date, false, vec![]),
                field("wechat", FieldType::Text, false, vec![]),
            ],
        }
    }

    #[test]
    fn clean_input_is_normalised() {
        let mut input = CustomerInput::named("  张三丰 ");
        input.tier = Some("金卡".into());
        input.phones = vec!["138-0013-8000".into(), "13800138000".into(), " ".into()];
        input.emails = vec!["Zhang@Example.COM".into()];
        input.custom.insert("gender".into(), CustomValue::Text("男".into()));
        input.custom.insert("hobbies".into(), CustomValue::Text("Golf;茶;golf".into()));
        input.custom.insert("budget".into(), CustomValue::Text("1,200.5".into()));
        input.custom.insert("birthday".into(), CustomValue::Text("1990/3/7".into()));
        input.custom.insert("wechat".into(), CustomValue::Text("".into()));
        let r = validate(&input, &catalog()).unwrap();
        assert_eq!(r.name, "张三丰");
        assert_eq!(r.tier.as_deref(), Some("gold"));
        assert_eq!(r.phones, vec!["138-0013-8000"]);
        assert_eq!(r.emails, vec!["zhang@example.com"]);
        assert_eq!(r.custom["gender"], CustomValue::Text("male".into()));
        assert_eq!(r.custom["hobbies"], CustomValue::Options(vec!["golf".into(), "tea".into()]));
        assert_eq!(r.custom["budget"], CustomValue::Number(1200.5));
        assert_eq!(r.custom["birthday"], CustomValue::Text("1990-03-07".into()));
        assert!(!r.custom.contains_key("wechat"));
    }

    #[test]
    fn every_problem_is_named() {
        let mut input = CustomerInput::named(" ");
        input.tier = Some("platinum".into());
        input.phones = vec!["12a45".into()];
        input.emails = vec!["x@".into()];
        input.website = Some("not a site".into());
        input.custom.insert("gender".into(), CustomValue::Text("other".into()));
        input.custom.insert("budget".into(), CustomValue::Text("lots".into()));
        input.custom.insert("birthday".into(), CustomValue::Text("31/31/2020".into()));
        input.custom.insert("shoe_size".into(), CustomValue::Number(42.0));
        let err = validate(&input, &catalog()).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::InvalidInput);
        for needle in [
            "name is required",
            "tier 'platinum' is not one of its options (gold (金卡), normal (普通))",
            "phone '12a45'",
            "email 'x@'",
            "website 'not a site'",
            "gender 'other'",
            "budget expects a number, not 'lots'",
            "birthday expects a date",
            "'shoe_size' is not a dimension",
        ] {
            assert!(err.message.contains(needle), "missing «{needle}» in «{}»", err.message);
        }
    }

    #[test]
    fn limits_are_enforced() {
        let long = "长".repeat(MAX_NAME + 1);
        assert!(validate(&CustomerInput::named(long), &catalog()).unwrap_err().message.contains("name is too long"));
        assert!(validate(&CustomerInput::named("a\u{0}b"), &catalog()).unwrap_err().message.contains("control"));
        let mut many = CustomerInput::named("x");
        many.phones = (0..11).map(|i| format!("1380013{i:04}")).collect();
        assert!(validate(&many, &catalog()).unwrap_err().message.contains("at most 10 phone"));
    }

    #[test]
    fn emails_are_checked() {
        for ok in ["a@b.co", "zhang.san+crm@example.com.cn", "李@例子.中国"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@", "@b.co", "a@b", "a@@b.co", "a b@c.co", "a@b..co", "a@b.co;c@d.co"] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn choices_accept_keys_and_labels() {
        let mut p = Problems::default();
        assert_eq!(parse_choice::<Kind>(&mut p, "企业"), Some(Kind::Enterprise));
        assert_eq!(parse_choice::<Kind>(&mut p, "Government"), Some(Kind::Government));
        assert_eq!(parse_choice::<Lifecycle>(&mut p, "vip"), Some(Lifecycle::Vip));
        assert_eq!(parse_choice::<Lifecycle>(&mut p, "现有客户"), Some(Lifecycle::Existing));
        assert_eq!(parse_choice::<Size>(&mut p, "huge"), None);
        assert!(p.into_result(()).unwrap_err().message.contains("size 'huge' is not one of large (大型)"));
    }
}
