//! The fields a condition may test, per kind of record: their labels, value kind and the SQL
//! expression that reads them. The same expression loads a record's facts and compiles a
//! condition to SQL, so the two evaluations cannot read different values.

use super::FieldKind;
use serde::{Deserialize, Serialize};

crate::choice_enum!(
    /// The kinds of record rules act on.
    Entity, "record kind", [
    Customer => "customer", "客户", "Customer";
    Lead => "lead", "线索", "Lead";
    Opportunity => "opportunity", "商机", "Opportunity";
    Ticket => "ticket", "工单", "Ticket";
]);

impl Entity {
    pub fn key(self) -> &'static str {
        crate::customer::model::Choice::key(self)
    }

    /// The rows a condition on this entity reads, with the aliases the field expressions use.
    pub(crate) fn rows_sql(self) -> &'static str {
        match self {
            Entity::Customer => "customers c",
            Entity::Lead => "leads l",
            Entity::Opportunity => {
                // LEFT joins (the rows always exist) let SQLite skip a join no field reads.
                "opportunities o LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN opportunity_stages s ON s.seq = o.stage_seq"
            }
            Entity::Ticket => "tickets t LEFT JOIN customers c ON c.id = t.customer_id",
        }
    }

    /// The record's id, its name for the run log, its territory and whether it still exists.
    pub(crate) fn id_sql(self) -> &'static str {
        match self {
            Entity::Customer => "c.id",
            Entity::Lead => "l.id",
            Entity::Opportunity => "o.id",
            Entity::Ticket => "t.id",
        }
    }
    pub(crate) fn label_sql(self) -> &'static str {
        match self {
            Entity::Customer => "c.name",
            Entity::Lead => "l.name",
            Entity::Opportunity => "o.name",
            Entity::Ticket => "'#' || t.seq || ' ' || t.subject",
        }
    }
    /// When the record last changed (a scheduled rule acts again on a record changed since).
    pub(crate) fn updated_sql(self) -> &'static str {
        match self {
            Entity::Customer => "c.updated_at",
            Entity::Lead => "l.updated_at",
            Entity::Opportunity => "o.updated_at",
            Entity::Ticket => "t.updated_at",
        }
    }
    pub(crate) fn live_sql(self) -> &'static str {
        match self {
            Entity::Customer => "c.deleted_at IS NULL",
            Entity::Lead => "1",
            Entity::Opportunity => "o.deleted_at IS NULL",
            Entity::Ticket => "1",
        }
    }
}

/// A field a condition can test, as the rule editor shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConditionField {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub kind: FieldKind,
    /// The choices of a choice field (key, Chinese, English); filled from the settings where the
    /// admin configures them.
    pub options: Vec<ConditionOption>,
    #[serde(skip)]
    pub(crate) sql: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConditionOption {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
}

type Row = (&'static str, &'static str, &'static str, FieldKind, &'static str);

const CUSTOMER: &[Row] = &[
    ("name", "名称", "Name", FieldKind::Text, "c.name"),
    ("company", "公司", "Company", FieldKind::Text, "c.company"),
    ("lifecycle", "客户阶段", "Lifecycle", FieldKind::Choice, "c.lifecycle"),
    ("tier", "价值等级", "Value tier", FieldKind::Choice, "c.tier"),
    ("kind", "客户类型", "Kind", FieldKind::Choice, "c.kind"),
    ("industry", "行业", "Industry", FieldKind::Text, "c.industry"),
    ("source", "来源", "Source", FieldKind::Text, "c.source"),
    ("size", "规模", "Size", FieldKind::Choice, "c.size"),
    ("country", "国家", "Country", FieldKind::Text, "c.country"),
    ("province", "省份", "Province", FieldKind::Text, "c.province"),
    ("city", "城市", "City", FieldKind::Text, "c.city"),
    ("owner", "负责人", "Owner", FieldKind::Text, "c.owner"),
    ("territory", "区域", "Territory", FieldKind::Text, "(SELECT name FROM territories WHERE seq = c.territory)"),
    ("tags", "标签", "Tags", FieldKind::Tags, "c.seq"),
    ("created_at", "创建时间", "Created", FieldKind::Date, "c.created_at"),
    ("last_order_on", "最近购买", "Last purchase", FieldKind::Date, "c.last_order_on"),
    ("last_active_at", "最近活跃", "Last active", FieldKind::Date, "c.last_active_at"),
];

/// Fields only a customer condition (a segment, a customer rule) tests: aggregates over its
/// orders, membership of other segments and the last RFM assessment's scores.
const CUSTOMER_ONLY: &[Row] = &[
    ("orders.count", "订单数", "Number of orders", FieldKind::Aggregate, "c.seq"),
    ("orders.amount", "订单金额", "Order amount", FieldKind::Aggregate, "c.seq"),
    ("segment", "所属分组", "Segment", FieldKind::Membership, "c.seq"),
    (
        "rfm.level",
        "价值层级",
        "Value level",
        FieldKind::Choice,
        "(SELECT value_level FROM customer_rfm WHERE customer_seq = c.seq)",
    ),
    (
        "rfm.r",
        "R 得分（最近购买）",
        "R score (recency)",
        FieldKind::Number,
        "(SELECT r FROM customer_rfm WHERE customer_seq = c.seq)",
    ),
    (
        "rfm.f",
        "F 得分（购买频次）",
        "F score (frequency)",
        FieldKind::Number,
        "(SELECT f FROM customer_rfm WHERE customer_seq = c.seq)",
    ),
    (
        "rfm.m",
        "M 得分（购买金额）",
        "M score (monetary)",
        FieldKind::Number,
        "(SELECT m FROM customer_rfm WHERE customer_seq = c.seq)",
    ),
];

/// What an aggregate field sums up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Count,
    Amount,
}

pub fn measure_of(key: &str) -> Option<Measure> {
    match key {
        "orders.count" => Some(Measure::Count),
        "orders.amount" => Some(Measure::Amount),
        _ => None,
    }
}

/// Date columns the store always writes trimmed in one format, so a test on them compiles to a
/// plain comparison an index can serve: `Some(true)` for days, `Some(false)` for times.
pub(crate) fn clean_date(sql: &str) -> Option<bool> {
    match sql {
        "c.last_order_on" => Some(true),
        "c.created_at" | "c.last_active_at" | "t.created_at" | "l.created_at" | "o.created_at" => Some(false),
        _ => None,
    }
}

/// Choice columns the store always writes as option keys (lowercase, trimmed), so `is` compiles
/// to a plain `IN` an index can serve instead of a normalising expression over every row.
pub(crate) fn clean_choice(sql: &str) -> bool {
    matches!(sql, "c.lifecycle" | "c.tier" | "c.kind" | "c.size")
}

const TICKET: &[Row] = &[
    ("subject", "主题", "Subject", FieldKind::Text, "t.subject"),
    ("priority", "优先级", "Priority", FieldKind::Choice, "t.priority"),
    ("status", "状态", "Status", FieldKind::Choice, "t.status"),
    ("channel", "渠道", "Channel", FieldKind::Choice, "t.channel"),
    ("category", "类别", "Category", FieldKind::Choice, "t.category"),
    ("assignee", "处理人", "Assignee", FieldKind::Text, "t.assignee"),
    ("resolution_due", "解决期限", "Resolution due", FieldKind::Date, "t.resolution_due"),
    ("created_at", "创建时间", "Created", FieldKind::Date, "t.created_at"),
];

const LEAD: &[Row] = &[
    ("name", "姓名", "Name", FieldKind::Text, "l.name"),
    ("company", "公司", "Company", FieldKind::Text, "l.company"),
    ("status", "状态", "Status", FieldKind::Choice, "l.status"),
    ("origin", "渠道", "Origin", FieldKind::Choice, "l.origin"),
    ("source", "来源", "Source", FieldKind::Text, "l.source"),
    ("industry", "行业", "Industry", FieldKind::Text, "l.industry"),
    ("province", "省份", "Province", FieldKind::Text, "l.province"),
    ("city", "城市", "City", FieldKind::Text, "l.city"),
    ("owner", "负责人", "Owner", FieldKind::Text, "l.owner"),
    ("territory", "区域", "Territory", FieldKind::Text, "(SELECT name FROM territories WHERE seq = l.territory)"),
    ("touched_at", "最后跟进", "Last touched", FieldKind::Date, "l.touched_at"),
    ("created_at", "创建时间", "Created", FieldKind::Date, "l.created_at"),
];

const OPPORTUNITY: &[Row] = &[
    ("name", "名称", "Name", FieldKind::Text, "o.name"),
    ("stage", "阶段", "Stage", FieldKind::Choice, "s.key"),
    ("stage_outcome", "阶段结果", "Stage outcome", FieldKind::Choice, "s.outcome"),
    ("amount", "金额", "Amount", FieldKind::Number, "o.amount / 100.0"),
    ("currency", "币种", "Currency", FieldKind::Text, "o.currency"),
    ("probability", "赢率", "Probability", FieldKind::Number, "o.probability"),
    ("owner", "负责人", "Owner", FieldKind::Text, "o.owner"),
    ("expected_close", "预计成交", "Expected close", FieldKind::Date, "o.expected_close"),
    ("created_at", "创建时间", "Created", FieldKind::Date, "o.created_at"),
];

fn options(entity: Entity, key: &str) -> Vec<ConditionOption> {
    use crate::customer::model::{Choice, Kind, Lifecycle, Size};
    use crate::sales::lead_machine::LeadStatus;
    use crate::sales::lead_model::LeadOrigin;
    use crate::service::ticket_machine::TicketStatus;
    use crate::service::ticket_model::{Priority, TicketChannel};
    fn of<C: Choice>() -> Vec<ConditionOption> {
        C::ALL
            .iter()
            .map(|c| ConditionOption {
                key: c.key().into(),
                label_zh: c.label_zh().into(),
                label_en: c.label_en().into(),
            })
            .collect()
    }
    let key = key.strip_prefix("customer.").unwrap_or(key);
    match (entity, key) {
        (_, "lifecycle") => of::<Lifecycle>(),
        (Entity::Customer, "rfm.level") => of::<crate::rfm::ValueLevel>(),
        (_, "kind") => of::<Kind>(),
        (_, "size") => of::<Size>(),
        (Entity::Ticket, "priority") => of::<Priority>(),
        (Entity::Ticket, "status") => of::<TicketStatus>(),
        (Entity::Ticket, "channel") => of::<TicketChannel>(),
        (Entity::Lead, "status") => of::<LeadStatus>(),
        (Entity::Lead, "origin") => of::<LeadOrigin>(),
        (Entity::Opportunity, "stage_outcome") => vec![
            ConditionOption { key: "open".into(), label_zh: "进行中".into(), label_en: "Open".into() },
            ConditionOption { key: "won".into(), label_zh: "赢单".into(), label_en: "Won".into() },
            ConditionOption { key: "lost".into(), label_zh: "输单".into(), label_en: "Lost".into() },
        ],
        _ => Vec::new(),
    }
}

fn def(entity: Entity, prefix: &str, row: &Row) -> ConditionField {
    let key = format!("{prefix}{}", row.0);
    ConditionField {
        options: options(entity, &key),
        key,
        // "客户阶段" needs no second 客户 in front of it.
        label_zh: match (prefix.is_empty(), row.1.starts_with("客户")) {
            (false, false) => format!("客户{}", row.1),
            _ => row.1.into(),
        },
        label_en: if prefix.is_empty() { row.2.into() } else { format!("Customer {}", row.2.to_lowercase()) },
        kind: row.3,
        sql: row.4.into(),
    }
}

/// Every field of the entity: its own, then (for tickets and opportunities) its customer's.
pub fn fields(entity: Entity) -> Vec<ConditionField> {
    let own: &[Row] = match entity {
        Entity::Customer => CUSTOMER,
        Entity::Lead => LEAD,
        Entity::Opportunity => OPPORTUNITY,
        Entity::Ticket => TICKET,
    };
    let mut out: Vec<ConditionField> = own.iter().map(|r| def(entity, "", r)).collect();
    if matches!(entity, Entity::Ticket | Entity::Opportunity) {
        out.extend(CUSTOMER.iter().map(|r| def(entity, "customer.", r)));
    }
    if entity == Entity::Customer {
        out.extend(CUSTOMER_ONLY.iter().map(|r| def(entity, "", r)));
    }
    out
}

/// One field by key; `custom.<key>` (or `customer.custom.<key>`) names a custom dimension.
pub fn field(entity: Entity, key: &str) -> Option<ConditionField> {
    if let Some(found) = fields(entity).into_iter().find(|f| f.key == key) {
        return Some(found);
    }
    let custom = match entity {
        Entity::Customer => key.strip_prefix("custom."),
        Entity::Ticket | Entity::Opportunity => key.strip_prefix("customer.custom."),
        Entity::Lead => None,
    }?;
    let safe = custom.starts_with(|c: char| c.is_ascii_lowercase())
        && custom.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    safe.then(|| ConditionField {
        key: key.to_string(),
        label_zh: custom.to_string(),
        label_en: custom.to_string(),
        kind: FieldKind::Text,
        options: Vec::new(),
        sql: format!("json_extract(c.custom, '$.{custom}')"),
    })
}
