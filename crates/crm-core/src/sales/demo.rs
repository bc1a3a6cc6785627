//! Demo and benchmark data for sales: leads in every status (owned by users who work their
//! territory) and opportunities of existing customers in every stage, from a seed. Written in
//! batches like the customer demo data; every lead gets its transitions, every opportunity its
//! first stage change.

use super::lead_machine::{LeadAction, LeadStatus};
use super::lead_model::{LeadOrigin, LeadRecord};
use super::leads::{NewLead, insert_leads, insert_transition_rows, next_lead_seq};
use super::stages::{StageOutcome, load_stages};
use crate::access::{OrgShape, Role, Scope};
use crate::bulk::{Arg, insert_rows};
use crate::changelog::{CREATED, ChangeOp};
use crate::customer::model::Choice;
use crate::customer::store::{insert_log_rows, log_row};
use crate::demo::{BRAND_ZH, GIVEN, PLACES_CN, SURNAMES, TRADE_ZH};
use crate::error::CoreResult;
use crate::{Actor, Crm};
use chrono::Duration;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SalesDemoReport {
    pub leads: u64,
    pub opportunities: u64,
}

const BATCH: u64 = 2000;
const SOURCES: &[&str] = &["展会", "网站", "电话营销", "老客户介绍", "广告", "Website", "Referral"];
/// Statuses with their share of the generated leads, in percent.
const STATUS_MIX: &[(LeadStatus, u32)] = &[
    (LeadStatus::Unassigned, 35),
    (LeadStatus::Pending, 20),
    (LeadStatus::FollowingUp, 25),
    (LeadStatus::Invalid, 8),
    (LeadStatus::Converted, 7),
    (LeadStatus::Voided, 5),
];

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    items.choose(rng).expect("non-empty list")
}

/// The sales users and the territories they work.
async fn sellers(conn: &mut sqlx::SqliteConnection) -> CoreResult<Vec<(String, Scope)>> {
    let shape = OrgShape::load(&mut *conn).await?;
    let users: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT login, role, unit_seq FROM users WHERE active = 1 AND role IN ('sales', 'manager') ORDER BY login",
    )
    .fetch_all(&mut *conn)
    .await?;
    users.into_iter().map(|(login, role, unit)| Ok((login, shape.scope(Role::parse(&role)?, unit)))).collect()
}

impl Crm {
    /// Adds generated leads and opportunities (an administrator's action). Opportunities go to
    /// existing customers, so generate customers first.
    pub async fn generate_sales_demo(
        &self,
        actor: &Actor,
        leads: u64,
        opportunities: u64,
        seed: u64,
    ) -> CoreResult<SalesDemoReport> {
        let access = self.admin_access(actor, "demo.generate").await?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5a1e5);
        let stamp = self.stamp(actor);
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let territories = crate::access::territories::load_map(&mut tx).await?;
        let sellers = sellers(&mut tx).await?;
        let mut next_seq = next_lead_seq(&mut tx).await?;
        let mut done = 0;
        while done < leads {
            let n = BATCH.min(leads - done);
            let mut batch = Vec::with_capacity(n as usize);
            let mut assigned = Vec::new();
            for _ in 0..n {
                let (province, cities) = *pick(&mut rng, PLACES_CN);
                let city = *pick(&mut rng, cities);
                let territory = territories.territory_of(None, Some(province), Some(city));
                let roll = rng.random_range(0..100);
                let mut acc = 0;
                let mut status = LeadStatus::Unassigned;
                for (s, share) in STATUS_MIX {
                    acc += share;
                    if roll < acc {
                        status = *s;
                        break;
                    }
                }
                let workers: Vec<&String> =
                    sellers.iter().filter(|(_, s)| s.contains(territory)).map(|(l, _)| l).collect();
                let owner = match (status, workers.is_empty()) {
                    (LeadStatus::Unassigned, _) | (_, true) => None,
                    _ => Some((*pick(&mut rng, &workers)).clone()),
                };
                let status =
                    if owner.is_none() && status != LeadStatus::Voided { LeadStatus::Unassigned } else { status };
                let has_company = rng.random_bool(0.6);
                let record = LeadRecord {
                    name: format!("{}{}", pick(&mut rng, SURNAMES), pick(&mut rng, GIVEN)),
                    company: has_company
                        .then(|| format!("{}{}{}", city, pick(&mut rng, BRAND_ZH), pick(&mut rng, TRADE_ZH))),
                    phone: Some(format!("1{}{:09}", rng.random_range(3..10), rng.random_range(0..1_000_000_000u64))),
                    email: None,
                    source: Some(pick(&mut rng, SOURCES).to_string()),
                    industry: None,
                    country: Some("中国".into()),
                    province: Some(province.into()),
                    city: Some(city.into()),
                    notes: None,
                };
                if owner.is_some() {
                    assigned.push((next_seq, status, owner.clone()));
                }
                batch.push(NewLead {
                    seq: next_seq,
                    id: crate::new_id(),
                    record,
                    territory,
                    origin: if rng.random_bool(0.5) { LeadOrigin::Import } else { LeadOrigin::Manual },
                    status: if owner.is_some() { LeadStatus::Unassigned } else { status },
                    owner: None,
                });
                next_seq += 1;
            }
            insert_leads(&mut tx, &stamp, &batch).await?;
            // The owned ones: an assignment, then the step to where they are now.
            let mut rows = Vec::new();
            for (seq, status, login) in &assigned {
                let owner = login.as_deref().map_or(Arg::Null, Arg::from);
                rows.push(vec![
                    (*seq).into(),
                    (&stamp.at).into(),
                    (&stamp.actor).into(),
                    LeadAction::Assign.key().into(),
                    LeadStatus::Unassigned.key().into(),
                    LeadStatus::Pending.key().into(),
                    owner.clone(),
                    Arg::Null,
                ]);
                let step = match status {
                    LeadStatus::FollowingUp => Some((LeadAction::FollowUp, LeadStatus::Pending)),
                    LeadStatus::Invalid => Some((LeadAction::MarkInvalid, LeadStatus::Pending)),
                    LeadStatus::Converted => Some((LeadAction::Convert, LeadStatus::Pending)),
                    LeadStatus::Voided => Some((LeadAction::Void, LeadStatus::Pending)),
                    _ => None,
                };
                if let Some((action, from)) = step {
                    rows.push(vec![
                        (*seq).into(),
                        (&stamp.at).into(),
                        (&stamp.actor).into(),
                        action.key().into(),
                        from.key().into(),
                        status.key().into(),
                        owner,
                        Arg::Null,
                    ]);
                }
                let touched = crate::clock::to_db(now - Duration::hours(rng.random_range(0..24 * 6)));
                sqlx::query("UPDATE leads SET status = ?2, owner = ?3, touched_at = ?4 WHERE seq = ?1")
                    .bind(seq)
                    .bind(status.key())
                    .bind(login)
                    .bind(touched)
                    .execute(&mut *tx)
                    .await?;
            }
            insert_transition_rows(&mut tx, &rows).await?;
            done += n;
        }

        let stages = load_stages(&mut tx).await?;
        let customers: (i64, i64) =
            sqlx::query_as("SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM customers")
                .fetch_one(&mut *tx)
                .await?;
        let mut next_opp: i64 =
            sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM opportunities").fetch_one(&mut *tx).await?;
        let mut made = 0;
        while made < opportunities && customers.1 > 0 {
            let n = BATCH.min(opportunities - made);
            let mut rows = Vec::with_capacity(n as usize);
            let mut changes = Vec::with_capacity(n as usize);
            let mut created_ids: Vec<(String, String)> = Vec::with_capacity(n as usize);
            let mut picked = Vec::with_capacity(n as usize);
            while picked.len() < n as usize {
                let seq = rng.random_range(customers.0..=customers.1);
                let row: Option<(String, Option<i64>, String)> =
                    sqlx::query_as("SELECT id, territory, name FROM customers WHERE seq = ?1 AND deleted_at IS NULL")
                        .bind(seq)
                        .fetch_optional(&mut *tx)
                        .await?;
                if let Some(r) = row {
                    picked.push(r);
                }
            }
            for (customer_id, territory, name) in picked {
                // Earlier stages are more common; a quarter is closed.
                let stage = if rng.random_bool(0.25) {
                    stages.iter().filter(|s| s.outcome() != StageOutcome::Open).collect::<Vec<_>>()
                        [rng.random_range(0..2)]
                } else {
                    let open: Vec<_> = stages.iter().filter(|s| s.outcome() == StageOutcome::Open).collect();
                    open[rng.random_range(0..open.len()).min(rng.random_range(0..open.len()))]
                };
                let workers: Vec<&String> =
                    sellers.iter().filter(|(_, s)| s.contains(territory)).map(|(l, _)| l).collect();
                let owner = workers.choose(&mut rng).map(|l| (*l).clone()).unwrap_or_else(|| access.login.clone());
                let created = now - Duration::days(rng.random_range(0..365));
                let close = (now + Duration::days(rng.random_range(-60..180))).format("%Y-%m-%d").to_string();
                // 1,000 to 500,000 yuan in whole hundreds, in fen.
                let amount: i64 = rng.random_range(10..5000) * 10_000;
                let (probability, reached, closed_at, lost) = match stage.outcome() {
                    StageOutcome::Open => (stage.probability, stage.position, None, None),
                    StageOutcome::Won => {
                        (100, 1_000_000, Some(crate::clock::to_db(created + Duration::days(20))), None)
                    }
                    StageOutcome::Lost => (
                        0,
                        rng.random_range(1..4),
                        Some(crate::clock::to_db(created + Duration::days(20))),
                        Some("价格".to_string()),
                    ),
                };
                let created = crate::clock::to_db(created);
                let id = crate::new_id();
                created_ids.push((id.clone(), customer_id.clone()));
                rows.push(vec![
                    next_opp.into(),
                    id.into(),
                    format!("{name} {}", pick(&mut rng, &["采购项目", "年度合同", "系统升级", "扩容", "续约"])).into(),
                    customer_id.into(),
                    stage.seq.into(),
                    amount.into(),
                    "CNY".into(),
                    probability.into(),
                    close.into(),
                    owner.into(),
                    Arg::from(lost),
                    Arg::from(closed_at),
                    reached.into(),
                    created.clone().into(),
                    (&stamp.actor).into(),
                    created.clone().into(),
                    (&stamp.actor).into(),
                    territory.map_or(Arg::Null, Arg::Int),
                ]);
                changes.push(vec![next_opp.into(), created.into(), (&stamp.actor).into(), Arg::Null, stage.seq.into()]);
                next_opp += 1;
            }
            insert_rows(
                &mut tx,
                "INSERT INTO opportunities (seq, id, name, customer_id, stage_seq, amount, currency, probability, expected_close, owner,
                    lost_reason, closed_at, reached, created_at, created_by, updated_at, updated_by, territory) VALUES ",
                18,
                &rows,
            )
            .await?;
            insert_rows(
                &mut tx,
                "INSERT INTO opportunity_stage_changes (opportunity_seq, at, actor, from_stage, to_stage) VALUES ",
                5,
                &changes,
            )
            .await?;
            let logs: Vec<_> = created_ids
                .iter()
                .map(|(id, customer)| log_row(&stamp, "opportunity", id, customer, ChangeOp::Create, CREATED.into()))
                .collect();
            insert_log_rows(&mut tx, &logs).await?;
            made += n;
        }
        tx.commit().await?;
        self.db.optimize().await?;
        Ok(SalesDemoReport { leads, opportunities: made })
    }
}
