//! The sales funnel (销售漏斗): per stage the opportunities and their amounts, the conversion from
//! each stage to the next, and the weighted forecast (amount × probability) of the open ones per
//! month of expected close, per owner and per territory. Amounts of different currencies are
//! never added up: a funnel is of one currency.

use super::opportunity_model::StageRef;
use super::stages::{StageOutcome, load_stages};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FunnelRequest {
    /// Opportunities created on or after this date (`YYYY-MM-DD`).
    #[serde(default)]
    pub from: Option<String>,
    /// … and on or before this date.
    #[serde(default)]
    pub to: Option<String>,
    /// CNY, or the currency most opportunities use when absent.
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FunnelStage {
    pub stage: StageRef,
    pub probability: i64,
    /// Opportunities in this stage now.
    pub count: i64,
    pub amount: i64,
    pub weighted_amount: i64,
    /// Opportunities that got at least this far (open stages; won: the won ones).
    pub reached: i64,
    /// Of those that reached this stage, the share that reached the next (open stages only).
    pub conversion_to_next: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ForecastRow {
    /// `2026-12`, a sign-in name or a territory id; empty for "none".
    pub key: String,
    pub label: String,
    pub count: i64,
    pub amount: i64,
    pub weighted_amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Funnel {
    pub currency: String,
    /// Every currency the opportunities in scope use, most used first.
    pub currencies: Vec<String>,
    pub stages: Vec<FunnelStage>,
    pub open_count: i64,
    pub open_amount: i64,
    pub weighted_forecast: i64,
    pub won_count: i64,
    pub won_amount: i64,
    pub lost_count: i64,
    /// won / (won + lost), when anything was closed.
    pub win_rate: Option<f64>,
    pub by_month: Vec<ForecastRow>,
    pub by_owner: Vec<ForecastRow>,
    pub by_territory: Vec<ForecastRow>,
}

fn day_bound(date: Option<&str>, end: bool) -> CoreResult<Option<String>> {
    let Some(d) = date.map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let day = crate::customer::validate::parse_date(d)
        .ok_or_else(|| CoreError::invalid(format!("'{d}' is not a date like 2026-01-31")))?;
    Ok(Some(if end { format!("{day}T23:59:59.999Z") } else { format!("{day}T00:00:00.000Z") }))
}

#[derive(Default, Clone, Copy)]
struct Sum {
    count: i64,
    amount: i64,
    weighted: i64,
}

impl Sum {
    fn add(&mut self, count: i64, amount: i64, weighted: i64) {
        self.count += count;
        self.amount = self.amount.saturating_add(amount);
        self.weighted = self.weighted.saturating_add(weighted);
    }
}

fn rows(sums: BTreeMap<String, Sum>, label: impl Fn(&str) -> String) -> Vec<ForecastRow> {
    sums.into_iter()
        .map(|(key, s)| ForecastRow {
            label: label(&key),
            key,
            count: s.count,
            amount: s.amount,
            weighted_amount: s.weighted,
        })
        .collect()
}

impl Crm {
    pub async fn funnel(&self, actor: &Actor, req: &FunnelRequest) -> CoreResult<Funnel> {
        let access = self.access(actor).await?;
        let from = day_bound(req.from.as_deref(), false)?;
        let to = day_bound(req.to.as_deref(), true)?;
        let mut conn = self.db.reader.acquire().await?;
        let scope = access.scope.sql_condition("o.territory");
        let mut filter = format!("o.deleted_at IS NULL{scope}");
        if from.is_some() {
            filter.push_str(" AND o.created_at >= ?1");
        }
        if to.is_some() {
            filter.push_str(" AND o.created_at <= ?2");
        }
        if req.owner.is_some() {
            filter.push_str(" AND o.owner = ?3");
        }
        let currencies: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT o.currency FROM opportunities o WHERE {filter}
             GROUP BY o.currency ORDER BY count(*) DESC, o.currency"
        )))
        .bind(&from)
        .bind(&to)
        .bind(&req.owner)
        .fetch_all(&mut *conn)
        .await?;
        let currency = match req.currency.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => super::money::currency_code(Some(c))?,
            None => currencies.first().cloned().unwrap_or_else(|| "CNY".into()),
        };
        // One pass over the opportunities, grouped by everything the report splits by. `total()`
        // cannot overflow as `sum()` can; it is exact below 2^53 minor units (90 trillion yuan).
        type Group = (i64, i64, Option<String>, String, Option<i64>, i64, i64, i64);
        let groups: Vec<Group> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT o.stage_seq, o.reached, substr(o.expected_close, 1, 7), o.owner, o.territory,
                    count(*), CAST(total(o.amount) AS INTEGER), CAST(total(o.amount * o.probability) / 100 AS INTEGER)
             FROM opportunities o
             WHERE {filter} AND o.currency = ?4
             GROUP BY 1, 2, 3, 4, 5"
        )))
        .bind(&from)
        .bind(&to)
        .bind(&req.owner)
        .bind(&currency)
        .fetch_all(&mut *conn)
        .await?;
        let stages = load_stages(&mut conn).await?;
        let outcome_of: HashMap<i64, StageOutcome> = stages.iter().map(|s| (s.seq, s.outcome())).collect();
        let mut per_stage: HashMap<i64, Sum> = HashMap::new();
        let mut reached: BTreeMap<i64, i64> = BTreeMap::new();
        let (mut by_month, mut by_owner, mut by_territory) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        let mut open = Sum::default();
        for (stage, reach, month, owner, territory, count, amount, weighted) in groups {
            per_stage.entry(stage).or_default().add(count, amount, weighted);
            *reached.entry(reach).or_default() += count;
            // A stage deleted since (no live opportunity can be in one) counts as open.
            if outcome_of.get(&stage).copied().unwrap_or(StageOutcome::Open) == StageOutcome::Open {
                open.add(count, amount, weighted);
                by_month.entry(month.unwrap_or_default()).or_insert_with(Sum::default).add(count, amount, weighted);
                by_owner.entry(owner).or_insert_with(Sum::default).add(count, amount, weighted);
                by_territory
                    .entry(territory.map(|t| t.to_string()).unwrap_or_default())
                    .or_insert_with(Sum::default)
                    .add(count, amount, weighted);
            }
        }
        let reached_at_least = |p: i64| reached.range(p..).map(|(_, n)| n).sum::<i64>();
        let open_positions: Vec<i64> =
            stages.iter().filter(|s| s.outcome() == StageOutcome::Open).map(|s| s.position).collect();
        let won_seq = stages.iter().find(|s| s.outcome() == StageOutcome::Won).map(|s| s.seq);
        let lost_seq = stages.iter().find(|s| s.outcome() == StageOutcome::Lost).map(|s| s.seq);
        let won = won_seq.and_then(|s| per_stage.get(&s).copied()).unwrap_or_default();
        let lost = lost_seq.and_then(|s| per_stage.get(&s).copied()).unwrap_or_default();
        let ratio = |num: i64, den: i64| (den > 0).then(|| num as f64 / den as f64);
        let funnel_stages = stages
            .iter()
            .map(|s| {
                let sum = per_stage.get(&s.seq).copied().unwrap_or_default();
                let (reach, conversion) = match s.outcome() {
                    StageOutcome::Open => {
                        let here = reached_at_least(s.position);
                        let next = open_positions.iter().find(|p| **p > s.position);
                        let onward = match next {
                            Some(p) => reached_at_least(*p),
                            None => won.count,
                        };
                        (here, ratio(onward, here))
                    }
                    StageOutcome::Won => (won.count, None),
                    StageOutcome::Lost => (lost.count, None),
                };
                FunnelStage {
                    stage: super::opportunity_model::StageRef {
                        id: s.id.clone(),
                        key: s.key.clone(),
                        name_zh: s.name_zh.clone(),
                        name_en: s.name_en.clone(),
                        outcome: s.outcome(),
                    },
                    probability: s.probability,
                    count: sum.count,
                    amount: sum.amount,
                    weighted_amount: sum.weighted,
                    reached: reach,
                    conversion_to_next: conversion,
                }
            })
            .collect();
        let names: HashMap<String, String> =
            sqlx::query_as::<_, (String, String)>("SELECT lower(login), display_name FROM users")
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect();
        let territories: HashMap<String, String> =
            sqlx::query_as::<_, (i64, String)>("SELECT seq, name FROM territories")
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .map(|(s, n)| (s.to_string(), n))
                .collect();
        let territory_ids: HashMap<String, String> =
            sqlx::query_as::<_, (i64, String)>("SELECT seq, id FROM territories")
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .map(|(s, n)| (s.to_string(), n))
                .collect();
        let mut by_territory = rows(by_territory, |k| territories.get(k).cloned().unwrap_or_default());
        for row in &mut by_territory {
            row.key = territory_ids.get(&row.key).cloned().unwrap_or_default();
        }
        Ok(Funnel {
            currency,
            currencies,
            stages: funnel_stages,
            open_count: open.count,
            open_amount: open.amount,
            weighted_forecast: open.weighted,
            won_count: won.count,
            won_amount: won.amount,
            lost_count: lost.count,
            win_rate: ratio(won.count, won.count + lost.count),
            by_month: rows(by_month, |k| k.to_string()),
            by_owner: rows(by_owner, |k| names.get(&k.to_lowercase()).cloned().unwrap_or_else(|| k.to_string())),
            by_territory,
        })
    }
}
