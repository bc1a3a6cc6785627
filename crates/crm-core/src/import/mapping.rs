//! Which field each column of a file fills. A column is matched by its header, in English or
//! Chinese (客户名称, 手机, 邮箱 …), against the built-in fields and the custom dimensions' keys and
//! labels; a mapping given by the user overrides the suggestion and is remembered for the next
//! file with the same header.

use crate::classification::fields::FieldCatalog;
use crate::csv_io::COLUMNS;
use crate::error::{CoreError, CoreResult};
use std::collections::BTreeMap;

/// Column header → field key, or `None` to leave the column out.
pub type Mapping = BTreeMap<String, Option<String>>;

/// Headers that mean a field, compared after `normalize`.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "external_id",
        &[
            "externalid",
            "id",
            "uid",
            "customerid",
            "customerno",
            "customernumber",
            "编号",
            "客户编号",
            "客户id",
            "外部编号",
            "外部id",
        ],
    ),
    (
        "name",
        &[
            "name",
            "customer",
            "customername",
            "fullname",
            "displayname",
            "客户",
            "客户名称",
            "客户名",
            "名称",
            "姓名",
            "名字",
            "全名",
        ],
    ),
    ("kind", &["kind", "type", "customertype", "客户类型", "类型", "客户类别"]),
    ("lifecycle", &["lifecycle", "stage", "lifecyclestage", "生命周期", "客户阶段", "阶段"]),
    ("tier", &["tier", "level", "valuetier", "价值等级", "客户等级", "等级", "会员等级"]),
    (
        "phone",
        &[
            "phone",
            "phones",
            "mobile",
            "mobilephone",
            "cellphone",
            "cell",
            "tel",
            "telephone",
            "phonenumber",
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "联系电话",
            "电话号码",
            "座机",
            "移动电话",
            "联系方式",
        ],
    ),
    ("email", &["email", "emails", "mail", "emailaddress", "邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址"]),
    (
        "company",
        &[
            "company",
            "companyname",
            "organization",
            "organisation",
            "org",
            "account",
            "公司",
            "公司名称",
            "单位",
            "企业名称",
            "工作单位",
            "所属公司",
        ],
    ),
    ("country", &["country", "countryregion", "国家", "国家地区", "国别"]),
    ("province", &["province", "state", "region", "省份", "省", "省直辖市", "所在省份", "地区"]),
    ("city", &["city", "town", "城市", "市", "所在城市"]),
    ("address", &["address", "street", "streetaddress", "地址", "详细地址", "联系地址", "街道地址", "通讯地址"]),
    ("industry", &["industry", "行业", "所属行业"]),
    ("size", &["size", "companysize", "规模", "企业规模", "公司规模"]),
    ("source", &["source", "leadsource", "customersource", "来源", "客户来源", "渠道"]),
    ("owner", &["owner", "assignedto", "salesrep", "负责人", "归属人", "所有者", "跟进人", "销售"]),
    ("tags", &["tags", "tag", "labels", "标签"]),
    ("website", &["website", "url", "web", "homepage", "网站", "网址", "主页", "官网"]),
    (
        "notes",
        &[
            "notes",
            "note",
            "remark",
            "remarks",
            "comment",
            "comments",
            "memo",
            "description",
            "备注",
            "说明",
            "描述",
            "备忘",
        ],
    ),
];

/// The column a rejected-rows file adds; it is left out when that file is imported again.
pub const REJECTED_REASON: &str = "rejected_reason";
const IGNORED: &[&str] = &["rejectedreason", "拒绝原因"];

/// Whether a column is left out of every import whatever its file (the reason column of a
/// rejected-rows file).
pub(crate) fn is_left_out(header: &str) -> bool {
    IGNORED.contains(&normalize(header).as_str())
}

/// A header as compared: lower case, without spaces, punctuation and the marks of required
/// columns (`*姓名`, `手机（必填）`).
pub(crate) fn normalize(header: &str) -> String {
    let header = header.trim_start_matches('\u{feff}');
    let header = header.split(['(', '（']).next().unwrap_or(header);
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '/' | '\\' | ':' | '：' | '*' | '#' | '、'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header suggests, if any; `Some(None)` for a column to leave out.
pub fn suggest(header: &str, catalog: &FieldCatalog) -> Option<Option<String>> {
    let key = normalize(header);
    if key.is_empty() {
        return None;
    }
    if IGNORED.contains(&key.as_str()) {
        return Some(None);
    }
    if let Some(b) = COLUMNS.iter().find(|c| normalize(c) == key) {
        return Some(Some(b.to_string()));
    }
    if let Some(f) = catalog.custom().find(|f| [&f.key, &f.label_zh, &f.label_en].iter().any(|l| normalize(l) == key)) {
        return Some(Some(f.key.clone()));
    }
    SYNONYMS.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(field, _)| Some(field.to_string()))
}

/// Fields that hold several values, so several columns may fill them (手机 and 电话 both go to
/// phone).
const LISTS: &[&str] = &["phone", "email", "tags"];

/// The field of each column: the given mapping first, then a suggestion. A column nothing
/// matches, a mapping to an unknown field and two columns filling one single-valued field are
/// refused together, by name. Some column must fill `required` (the name, or the key an update
/// matches by).
pub fn resolve(
    header: &[String],
    given: &Mapping,
    catalog: &FieldCatalog,
    required: &str,
) -> CoreResult<Vec<Option<String>>> {
    let (fields, problems) = resolve_columns(header, given, catalog, required);
    if problems.is_empty() { Ok(fields) } else { Err(CoreError::invalid(format!("line 1: {}", problems.join("; ")))) }
}

/// `resolve`, giving what it could match and the problems instead of failing (for a preview).
pub fn resolve_columns(
    header: &[String],
    given: &Mapping,
    catalog: &FieldCatalog,
    required: &str,
) -> (Vec<Option<String>>, Vec<String>) {
    let mut fields = Vec::with_capacity(header.len());
    let mut problems = Vec::new();
    let known = |f: &str| COLUMNS.contains(&f) || catalog.custom().any(|c| c.key == f);
    for (i, h) in header.iter().enumerate() {
        let chosen = match given.get(h.trim()) {
            Some(Some(field)) if !known(field) => {
                problems.push(format!("column '{h}' is mapped to '{field}', which is no field"));
                None
            }
            Some(target) => target.clone(),
            None => match suggest(h, catalog) {
                Some(target) => target,
                None if h.trim().is_empty() => {
                    problems.push(format!("column {} has no header; name it or map it", i + 1));
                    None
                }
                None => {
                    problems.push(format!("column '{h}' matches no field; map it to one or leave it out"));
                    None
                }
            },
        };
        if let Some(field) = &chosen
            && !LISTS.contains(&field.as_str())
            && let Some(j) = fields.iter().position(|f: &Option<String>| f.as_deref() == Some(field))
        {
            problems.push(format!("columns '{}' and '{h}' both fill '{field}'; leave one out", header[j]));
        }
        fields.push(chosen);
    }
    for name in given.keys() {
        if !header.iter().any(|h| h.trim() == name) {
            problems.push(format!("the mapping names column '{name}', which the file does not have"));
        }
    }
    if !fields.iter().any(|f| f.as_deref() == Some(required)) {
        problems.push(format!("no column fills '{required}'"));
    }
    (fields, problems)
}

/// A mapping file: a JSON object of column header → field key (or null to leave it out).
pub fn parse_mapping(json: &str) -> CoreResult<Mapping> {
    serde_json::from_str::<Mapping>(json).map_err(|e| {
        CoreError::invalid(format!(
            "the mapping is not a JSON object of column → field key or null ({e}); e.g. {{\"客户名称\": \"name\", \"手机\": \"phone\", \"内部备注\": null}}"
        ))
    })
}

/// What identifies a file's layout for remembering its mapping: its normalized headers, without
/// the reason column a rejected-rows file adds (so the fixed file finds the original's mapping).
pub fn signature(header: &[String]) -> String {
    let keys = header.iter().map(|h| normalize(h)).filter(|k| !IGNORED.contains(&k.as_str()));
    keys.collect::<Vec<_>>().join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chinese_and_english_headers_find_their_fields() {
        let catalog = FieldCatalog::default();
        let h = headers(&[
            "客户名称",
            "手机",
            "电话",
            "邮箱",
            "公司",
            "省份",
            "城市",
            "地址",
            "备注（选填）",
            "E-mail",
            "*姓名",
        ]);
        let fields = resolve(&h[..10], &Mapping::new(), &catalog, "name").unwrap();
        let fields: Vec<_> = fields.iter().map(|f| f.as_deref().unwrap()).collect();
        assert_eq!(
            fields,
            ["name", "phone", "phone", "email", "company", "province", "city", "address", "notes", "email"]
        );
        assert_eq!(suggest("*姓名", &catalog), Some(Some("name".into())));
        assert_eq!(suggest(REJECTED_REASON, &catalog), Some(None));
        assert_eq!(suggest("鞋码", &catalog), None);
    }

    #[test]
    fn a_mapping_overrides_and_every_problem_is_named() {
        let catalog = FieldCatalog::default();
        let h = headers(&["客户名称", "鞋码", "公司", "单位"]);
        let err = resolve(&h, &Mapping::new(), &catalog, "name").unwrap_err().message;
        assert!(err.contains("column '鞋码' matches no field"), "{err}");
        assert!(err.contains("columns '公司' and '单位' both fill 'company'"), "{err}");
        let given = parse_mapping(r#"{"鞋码": null, "单位": "notes"}"#).unwrap();
        let fields = resolve(&h, &given, &catalog, "name").unwrap();
        assert_eq!(fields, [Some("name".into()), None, Some("company".into()), Some("notes".into())]);
        let bad = parse_mapping(r#"{"鞋码": "shoe", "传真": null}"#).unwrap();
        let err = resolve(&h, &bad, &catalog, "name").unwrap_err().message;
        assert!(
            err.contains("mapped to 'shoe', which is no field") && err.contains("'传真', which the file does not have"),
            "{err}"
        );
        assert!(parse_mapping("[1]").unwrap_err().message.contains("JSON object"));
    }
}
