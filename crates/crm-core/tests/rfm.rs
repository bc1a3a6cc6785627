//! RFM on a small data set checked by hand (see the table below), ties, the tiers written into
//! the customers, the settings' checks, the schedule and the scope of the results.

mod common;
#[path = "sales/org.rs"]
mod org;
use common::*;
use crm_core::ErrorCode;
use crm_core::commerce::order_model::{OrderInput, OrderLineInput, OrderStatus};
use crm_core::conditions::{Condition, ConditionTest, TestOp};
use crm_core::customer::model::CustomerInput;
use crm_core::rfm::ValueLevel;
use crm_core::rfm::settings::RfmSettings;
use org::*;

fn order(customer: &str, on: &str, status: OrderStatus, amount: i64) -> OrderInput {
    OrderInput {
        customer_id: customer.into(),
        external_id: None,
        ordered_on: on.into(),
        status,
        currency: None,
        amount: 0,
        items: vec![OrderLineInput::new("茶", 1, amount)],
        notes: None,
    }
}

/// The clock stands at 2026-03-01. Orders as (days before 2026-03-01, amount in minor units).
/// By hand (n = 10; score = 1 + ⌊5 × first position of the value / 10⌋):
///
/// | customer | recency | F | M     | R | F | M | total | tier    | level |
/// |----------|---------|---|-------|---|---|---|-------|---------|-------|
/// | c0, c1   | never   | 0 | 0     | 1 | 1 | 1 | 3     | normal  | low   |
/// | c2       | 300     | 1 | 100   | 2 | 2 | 2 | 6     | normal  | low   |
/// | c3       | 200     | 1 | 500   | 3 | 2 | 4 | 9     | silver  | mid   |
/// | c4       | 50      | 2 | 500   | 3 | 4 | 4 | 11    | gold    | mid   |
/// | c5       | 30      | 1 | 1000  | 4 | 2 | 5 | 11    | gold    | mid   |
/// | c6       | 5       | 3 | 300   | 4 | 5 | 3 | 12    | gold    | high  |
/// | c7       | 400     | 0 | 0     | 2 | 1 | 1 | 4     | normal  | low   |
/// | c8       | 2       | 2 | 10000 | 5 | 4 | 5 | 14    | diamond | high  |
/// | c9       | 2       | 1 | 200   | 5 | 2 | 3 | 10    | gold    | mid   |
///
/// c7's only order is outside the 365-day window; c9's cancelled order does not count.
const ORDERS: [&[(i64, i64)]; 10] = [
    &[],
    &[],
    &[(300, 100)],
    &[(200, 500)],
    &[(100, 200), (50, 300)],
    &[(30, 1000)],
    &[(20, 100), (10, 100), (5, 100)],
    &[(400, 9999)],
    &[(60, 5000), (2, 5000)],
    &[(2, 200)],
];

/// recency, frequency, monetary, R, F, M, tier, level
type Figures<'a> = (Option<i64>, i64, i64, u8, u8, u8, &'a str, ValueLevel);

async fn hand_checked(crm: &crm_core::Crm) -> Vec<String> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let mut ids = Vec::new();
    for (i, orders) in ORDERS.iter().enumerate() {
        let mut c = CustomerInput::named(format!("c{i}"));
        c.external_id = Some(format!("C{i}"));
        c.province = Some("山东".into());
        let id = crm.create_customer(&alice(), c).await.unwrap().id;
        for (days, amount) in *orders {
            let on = (today - chrono::Duration::days(*days)).format("%Y-%m-%d").to_string();
            crm.create_order(&alice(), order(&id, &on, OrderStatus::Paid, *amount)).await.unwrap();
        }
        ids.push(id);
    }
    crm.create_order(&alice(), order(&ids[9], "2026-02-28", OrderStatus::Cancelled, 99_999)).await.unwrap();
    ids
}

#[tokio::test]
async fn scores_tiers_and_levels_match_the_hand_checked_table() {
    let t = open().await;
    let crm = &t.crm;
    let ids = hand_checked(crm).await;
    let summary = crm.recompute_rfm(&alice(), None, None).await.unwrap();
    assert_eq!((summary.as_of.as_deref(), summary.window_days, summary.customers), (Some("2026-03-01"), 365, 10));
    let rows = crm.rfm_rows(&alice()).await.unwrap();
    let got: Vec<Figures> = rows
        .iter()
        .map(|r| (r.recency_days, r.frequency, r.monetary, r.r, r.f, r.m, r.tier.as_str(), r.value_level))
        .collect();
    use ValueLevel::*;
    assert_eq!(
        got,
        vec![
            (None, 0, 0, 1, 1, 1, "normal", Low),
            (None, 0, 0, 1, 1, 1, "normal", Low),
            (Some(300), 1, 100, 2, 2, 2, "normal", Low),
            (Some(200), 1, 500, 3, 2, 4, "silver", Mid),
            (Some(50), 2, 500, 3, 4, 4, "gold", Mid),
            (Some(30), 1, 1000, 4, 2, 5, "gold", Mid),
            (Some(5), 3, 300, 4, 5, 3, "gold", High),
            (Some(400), 0, 0, 2, 1, 1, "normal", Low),
            (Some(2), 2, 10000, 5, 4, 5, "diamond", High),
            (Some(2), 1, 200, 5, 2, 3, "gold", Mid),
        ]
    );
    assert_eq!(rows[8].external_id.as_deref(), Some("C8"));
    // The tiers are now the customers' value tiers; all ten changed from none.
    assert_eq!(summary.changed_tiers, Some(10));
    assert_eq!(crm.get_customer(&alice(), &ids[8]).await.unwrap().tier.as_deref(), Some("diamond"));
    let tiers: Vec<(String, i64)> = summary.tiers.iter().map(|c| (c.key.clone(), c.customers)).collect();
    assert_eq!(tiers, vec![("diamond".into(), 1), ("gold".into(), 4), ("silver".into(), 1), ("normal".into(), 4)]);
    assert_eq!(summary.grid[4][3], 1, "R 5, F 4: c8");
    assert_eq!(summary.grid.iter().flatten().sum::<i64>(), 10);
    let rfm = crm.customer_rfm(&alice(), &ids[6]).await.unwrap().unwrap();
    assert_eq!((rfm.r, rfm.f, rfm.m), (4, 5, 3));

    // Segments test the last assessment.
    let high = Condition::Test(ConditionTest {
        field: "rfm.level".into(),
        op: TestOp::Is,
        values: vec!["high".into()],
        window_days: None,
    });
    assert_eq!(crm.count_condition(&alice(), &high).await.unwrap(), 2);

    // Again, unchanged: no tier changes. As of an earlier day over 30 days, other figures.
    assert_eq!(crm.recompute_rfm(&alice(), None, None).await.unwrap().changed_tiers, Some(0));
    let earlier = chrono::NaiveDate::from_ymd_opt(2026, 2, 27);
    let s = crm.recompute_rfm(&alice(), earlier, Some(30)).await.unwrap();
    assert_eq!((s.as_of.as_deref(), s.window_days), (Some("2026-02-27"), 30));
    let c6 = crm.customer_rfm(&alice(), &ids[6]).await.unwrap().unwrap();
    assert_eq!((c6.recency_days, c6.frequency), (Some(3), 3));
    let c8 = crm.customer_rfm(&alice(), &ids[8]).await.unwrap().unwrap();
    assert_eq!((c8.recency_days, c8.frequency, c8.monetary), (Some(0), 1, 5000));
}

#[tokio::test]
async fn only_managers_recompute_settings_are_checked_and_the_schedule_takes_over() {
    let t = open().await;
    let crm = &t.crm;
    sales_org(crm).await;
    let ids = hand_checked(crm).await;
    let mut elsewhere = CustomerInput::named("上海客户");
    elsewhere.province = Some("上海".into());
    crm.create_customer(&alice(), elsewhere).await.unwrap();

    // Nothing runs by itself before a first recompute on demand (hand-entered tiers are safe).
    assert!(!crm.recompute_rfm_if_due().await.unwrap());
    assert_eq!(crm.recompute_rfm(&actor("li"), None, None).await.unwrap_err().code, ErrorCode::Forbidden);
    let s = crm.recompute_rfm(&actor("boss"), None, None).await.unwrap();
    assert_eq!(s.customers, 10, "the manager sees his region's customers");
    assert_eq!(crm.rfm_summary(&alice()).await.unwrap().customers, 11);
    assert_eq!(crm.rfm_rows(&actor("east")).await.unwrap().len(), 1);
    assert_eq!(crm.customer_rfm(&actor("east"), &ids[0]).await.unwrap_err().code, ErrorCode::Forbidden);

    // The schedule: daily by default, after the interval.
    t.clock.advance(chrono::Duration::hours(23));
    assert!(!crm.recompute_rfm_if_due().await.unwrap());
    t.clock.advance(chrono::Duration::hours(2));
    assert!(crm.recompute_rfm_if_due().await.unwrap());
    assert_eq!(crm.rfm_summary(&alice()).await.unwrap().as_of.as_deref(), Some("2026-03-02"));

    // Settings: checked, administrators only; the tiers not written when switched off.
    let mut bad = RfmSettings { high_min: 8, mid_min: 8, ..Default::default() };
    assert_eq!(crm.set_rfm_settings(&alice(), bad.clone()).await.unwrap_err().code, ErrorCode::InvalidInput);
    bad = RfmSettings::default();
    bad.tiers[0].tier = "platinum".into();
    let err = crm.set_rfm_settings(&alice(), bad).await.unwrap_err();
    assert!(err.message.contains("platinum"), "{}", err.message);
    bad = RfmSettings::default();
    bad.tiers.pop();
    assert_eq!(crm.set_rfm_settings(&alice(), bad).await.unwrap_err().code, ErrorCode::InvalidInput);
    let off = RfmSettings { write_tier: false, every_days: None, ..Default::default() };
    assert_eq!(crm.set_rfm_settings(&actor("boss"), off.clone()).await.unwrap_err().code, ErrorCode::Forbidden);
    let kept = crm.set_rfm_settings(&alice(), off).await.unwrap();
    assert!(kept.last_run_at.is_some(), "the last run is kept");
    let c = crm.get_customer(&alice(), &ids[0]).await.unwrap();
    let mut input = c.to_input();
    input.tier = Some("gold".into());
    crm.update_customer(&alice(), &ids[0], c.version, input).await.unwrap();
    assert_eq!(crm.recompute_rfm(&alice(), None, None).await.unwrap().changed_tiers, Some(0));
    assert_eq!(crm.get_customer(&alice(), &ids[0]).await.unwrap().tier.as_deref(), Some("gold"));
    t.clock.advance(chrono::Duration::days(30));
    assert!(!crm.recompute_rfm_if_due().await.unwrap(), "no schedule");
}
