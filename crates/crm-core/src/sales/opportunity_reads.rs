//! Reading opportunities: one with its items, stage history and activities; pages of the list;
//! and the kanban board, whose totals come from one pass over the funnel index.

use super::opportunities::{may_edit, stage_ref};
use super::opportunity_model::{
    LineItem, OPPORTUNITY_SELECT, Opportunity, OpportunityDetail, OpportunityRow, StageChange, StageRef,
};
use super::stages::{StageRow, load_stages};
use crate::error::CoreResult;
use crate::time_cursor;
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OpportunityListRequest {
    /// Stage ids; empty means every stage.
    #[serde(default)]
    pub stage_ids: Vec<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OpportunityPage {
    pub items: Vec<Opportunity>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CurrencyAmount {
    pub currency: String,
    pub amount: i64,
}

/// One column of the kanban board: a stage, what it holds in total and its latest cards.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BoardColumn {
    pub stage: StageRef,
    pub probability: i64,
    pub count: i64,
    pub totals: Vec<CurrencyAmount>,
    /// The most recently changed cards (at most the requested number).
    pub items: Vec<Opportunity>,
}

impl Crm {
    /// An opportunity with its items, its stage history and its activities.
    pub async fn get_opportunity(&self, actor: &Actor, id: &str) -> CoreResult<OpportunityDetail> {
        let (access, row) = self.opportunity_in_scope(actor, id, "opportunity.read").await?;
        let mut conn = self.db.reader.acquire().await?;
        let items = items_of(&mut conn, row.seq).await?;
        let stages: std::collections::HashMap<i64, StageRef> = sqlx::query_as::<_, StageRow>(
            "SELECT seq, id, key, name_zh, name_en, probability, position, outcome FROM opportunity_stages",
        )
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|s| (s.seq, stage_ref(s)))
        .collect();
        type ChangeRow = (String, String, Option<i64>, i64, Option<String>);
        let changes: Vec<ChangeRow> = sqlx::query_as(
            "SELECT at, actor, from_stage, to_stage, reason FROM opportunity_stage_changes WHERE opportunity_seq = ?1 ORDER BY seq DESC",
        )
        .bind(row.seq)
        .fetch_all(&mut *conn)
        .await?;
        let stage_changes = changes
            .into_iter()
            .filter_map(|(at, actor, from, to, reason)| {
                Some(StageChange {
                    at,
                    actor,
                    from: from.and_then(|f| stages.get(&f).cloned()),
                    to: stages.get(&to)?.clone(),
                    reason,
                })
            })
            .collect();
        let activities = crate::activity::of_opportunity(&mut conn, &row.id).await?;
        let editable = may_edit(&access, &row.owner);
        Ok(OpportunityDetail { opportunity: row.into_opportunity(editable), items, stage_changes, activities })
    }

    /// A page of opportunities in the user's scope, last changed first.
    pub async fn list_opportunities(&self, actor: &Actor, req: &OpportunityListRequest) -> CoreResult<OpportunityPage> {
        let access = self.access(actor).await?;
        if let Some(customer) = &req.customer_id {
            self.check_customer_scope(&access, customer, "opportunity.list").await?;
        }
        let limit = req.limit.clamp(1, 500);
        let (before_at, before_seq) = match req.cursor.as_deref() {
            Some(c) => time_cursor::decode(c, "opportunity list")?,
            None => time_cursor::start(),
        };
        let mut sql = format!(
            "{OPPORTUNITY_SELECT} WHERE o.deleted_at IS NULL AND (o.updated_at, o.seq) < (?1, ?2){}",
            access.scope.sql_condition("o.territory")
        );
        if !req.stage_ids.is_empty() {
            let mut conn = self.db.reader.acquire().await?;
            let stages = load_stages(&mut conn).await?;
            let seqs: Vec<String> = stages
                .iter()
                .filter(|s| req.stage_ids.iter().any(|id| *id == s.id || *id == s.key))
                .map(|s| s.seq.to_string())
                .collect();
            sql.push_str(&format!(
                " AND o.stage_seq IN ({})",
                if seqs.is_empty() { "-1".into() } else { seqs.join(",") }
            ));
        }
        if req.owner.is_some() {
            sql.push_str(" AND o.owner = ?3");
        }
        if req.customer_id.is_some() {
            sql.push_str(" AND o.customer_id = ?4");
        }
        sql.push_str(" ORDER BY o.updated_at DESC, o.seq DESC LIMIT ?5");
        let rows: Vec<OpportunityRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&before_at)
            .bind(before_seq)
            .bind(req.owner.as_deref().map(str::trim))
            .bind(&req.customer_id)
            .bind(i64::from(limit) + 1)
            .fetch_all(&self.db.reader)
            .await?;
        let more = rows.len() > limit as usize;
        let rows: Vec<OpportunityRow> = rows.into_iter().take(limit as usize).collect();
        let next_cursor = if more { rows.last().map(|r| time_cursor::encode(&r.updated_at, r.seq)) } else { None };
        let items = rows
            .into_iter()
            .map(|r| {
                let e = may_edit(&access, &r.owner);
                r.into_opportunity(e)
            })
            .collect();
        Ok(OpportunityPage { items, next_cursor })
    }

    /// The kanban board: every stage with its count, totals per currency and latest cards.
    pub async fn opportunity_board(
        &self,
        actor: &Actor,
        owner: Option<&str>,
        per_stage: u32,
    ) -> CoreResult<Vec<BoardColumn>> {
        let access = self.access(actor).await?;
        let per_stage = per_stage.clamp(1, 200);
        let mut conn = self.db.reader.acquire().await?;
        let stages = load_stages(&mut conn).await?;
        let scope = access.scope.sql_condition("o.territory");
        let owner_cond = if owner.is_some() { " AND o.owner = ?2" } else { "" };
        // Totals of every stage in one pass over the funnel index, then each stage's latest cards.
        let totals: Vec<(i64, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT o.stage_seq, o.currency, count(*), CAST(total(o.amount) AS INTEGER) FROM opportunities o
             WHERE o.deleted_at IS NULL{scope}{owner_cond} GROUP BY o.currency, o.stage_seq"
        )))
        .bind(0)
        .bind(owner)
        .fetch_all(&mut *conn)
        .await?;
        let mut columns = Vec::with_capacity(stages.len());
        for stage in &stages {
            let mut mine: Vec<(String, i64, i64)> =
                totals.iter().filter(|t| t.0 == stage.seq).map(|t| (t.1.clone(), t.2, t.3)).collect();
            mine.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let rows: Vec<OpportunityRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{OPPORTUNITY_SELECT} WHERE o.stage_seq = ?1 AND o.deleted_at IS NULL{scope}{owner_cond}
                 ORDER BY o.updated_at DESC, o.seq DESC LIMIT ?3"
            )))
            .bind(stage.seq)
            .bind(owner)
            .bind(i64::from(per_stage))
            .fetch_all(&mut *conn)
            .await?;
            columns.push(BoardColumn {
                stage: stage_ref(stage),
                probability: stage.probability,
                count: mine.iter().map(|t| t.1).sum(),
                totals: mine.into_iter().map(|(currency, _, amount)| CurrencyAmount { currency, amount }).collect(),
                items: rows
                    .into_iter()
                    .map(|r| {
                        let e = may_edit(&access, &r.owner);
                        r.into_opportunity(e)
                    })
                    .collect(),
            });
        }
        Ok(columns)
    }
}

pub(crate) async fn items_of(conn: &mut SqliteConnection, seq: i64) -> CoreResult<Vec<LineItem>> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT product, quantity, unit_price FROM opportunity_items WHERE opportunity_seq = ?1 ORDER BY position",
    )
    .bind(seq)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(product, quantity, unit_price)| LineItem { product, quantity, unit_price }).collect())
}
