//! What an order is, as the UI and the CLI see it, and how typed input becomes a checked record.

use crate::customer::validate::{Problems, optional_text, parse_date};
use crate::error::CoreResult;
use crate::sales::money::{MAX_AMOUNT, currency_code};
use crate::sales::opportunity_model::{LineItem, checked_items};
use serde::{Deserialize, Serialize};

crate::choice_enum!(
    /// Where an order stands. Only paid and completed orders count as purchases.
    OrderStatus, "order status", [
    Pending => "pending", "待付款", "Pending";
    Paid => "paid", "已付款", "Paid";
    Completed => "completed", "已完成", "Completed";
    Cancelled => "cancelled", "已取消", "Cancelled";
    Refunded => "refunded", "已退款", "Refunded";
]);

impl OrderStatus {
    pub fn counts(self) -> bool {
        matches!(self, OrderStatus::Paid | OrderStatus::Completed)
    }
    pub fn parse(s: &str) -> Option<OrderStatus> {
        use crate::customer::model::Choice;
        let s = s.trim();
        OrderStatus::ALL.iter().copied().find(|c| c.key().eq_ignore_ascii_case(s) || c.label_zh() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderInput {
    pub customer_id: String,
    /// The shop's or ERP's order number.
    #[serde(default)]
    pub external_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub ordered_on: String,
    pub status: OrderStatus,
    #[serde(default)]
    pub currency: Option<String>,
    /// Minor units; derived from the items when there are any.
    #[serde(default)]
    pub amount: i64,
    #[serde(default)]
    pub items: Vec<OrderLineInput>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// One line of an order as typed or sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderLineInput {
    pub product: String,
    pub quantity: i64,
    /// Minor units of the order's currency.
    pub unit_price: i64,
    /// The line's amount where it is not quantity × unit price (a discount an import brought,
    /// kept through an edit that leaves the line's quantity and price alone); none derives it.
    #[serde(default)]
    pub amount: Option<i64>,
}

impl OrderLineInput {
    /// A line whose amount is its quantity times its unit price.
    pub fn new(product: impl Into<String>, quantity: i64, unit_price: i64) -> OrderLineInput {
        OrderLineInput { product: product.into(), quantity, unit_price, amount: None }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderItem {
    pub product: String,
    pub quantity: i64,
    pub unit_price: i64,
    /// The line's amount: quantity times unit price unless the source said otherwise (a discount).
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub external_id: Option<String>,
    pub customer_id: String,
    pub customer_name: String,
    pub ordered_on: String,
    pub status: OrderStatus,
    pub currency: String,
    pub amount: i64,
    pub items: Vec<OrderItem>,
    pub notes: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
}

/// A customer's orders for the 360 view: the newest, and what all the counted ones add up to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerOrders {
    pub items: Vec<Order>,
    /// All of the customer's orders, of any status.
    pub total_orders: i64,
    /// Paid and completed orders.
    pub counted_orders: i64,
    /// Their total, per currency.
    pub totals: Vec<CurrencyTotal>,
    pub last_order_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CurrencyTotal {
    pub currency: String,
    pub amount: i64,
}

/// Checked values of an order (the customer is checked against the store by the caller).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrderRecord {
    pub external_id: Option<String>,
    pub ordered_on: String,
    pub status: OrderStatus,
    pub currency: String,
    pub amount: i64,
    pub items: Vec<OrderItem>,
    pub notes: Option<String>,
}

/// Checks an order; with items, its amount is their sum.
pub(crate) fn validate_order(input: &OrderInput) -> CoreResult<OrderRecord> {
    let mut p = Problems::default();
    let typed: Vec<LineItem> = input
        .items
        .iter()
        .map(|l| LineItem { product: l.product.clone(), quantity: l.quantity, unit_price: l.unit_price })
        .collect();
    let (lines, _) = checked_items(&mut p, &typed);
    let mut total: i64 = 0;
    let items: Vec<OrderItem> = lines
        .into_iter()
        .zip(&input.items)
        .enumerate()
        .map(|(i, (l, given))| {
            let amount = given.amount.unwrap_or(l.quantity.saturating_mul(l.unit_price));
            if !(0..=MAX_AMOUNT).contains(&amount) {
                p.push(format!("item {}: the amount must be zero or more, and below 10 trillion", i + 1));
            }
            total = total.saturating_add(amount);
            OrderItem { amount, product: l.product, quantity: l.quantity, unit_price: l.unit_price }
        })
        .collect();
    let record = order_record(&mut p, input, items, total);
    p.into_result(record)
}

/// The checks shared by typed and imported orders; `items` are already checked.
pub(crate) fn order_record(p: &mut Problems, input: &OrderInput, items: Vec<OrderItem>, total: i64) -> OrderRecord {
    let currency = currency_code(input.currency.as_deref()).unwrap_or_else(|e| {
        p.push(e.message);
        "CNY".into()
    });
    let ordered_on = parse_date(&input.ordered_on).unwrap_or_else(|| {
        p.push(format!("the order date '{}' is not a date like 2026-03-01", input.ordered_on.trim()));
        String::new()
    });
    let amount = if items.is_empty() { input.amount } else { total };
    if !(0..=MAX_AMOUNT).contains(&amount) {
        p.push("the amount must be zero or more, and below 10 trillion".into());
    }
    OrderRecord {
        external_id: optional_text(p, "order number", input.external_id.as_deref(), 100),
        ordered_on,
        status: input.status,
        currency,
        amount,
        items,
        notes: optional_text(p, "notes", input.notes.as_deref(), 10_000),
    }
}
