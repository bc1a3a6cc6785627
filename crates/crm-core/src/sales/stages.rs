//! The opportunity stages (商机阶段): an ordered list of open stages with default probabilities,
//! then one won and one lost stage. The administrator edits names, probabilities and the order.

use crate::changelog::{self, ChangeOp, ChangeSet};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum StageOutcome {
    Open,
    Won,
    Lost,
}

impl StageOutcome {
    fn key(self) -> &'static str {
        match self {
            StageOutcome::Open => "open",
            StageOutcome::Won => "won",
            StageOutcome::Lost => "lost",
        }
    }
    pub(crate) fn parse(s: &str) -> StageOutcome {
        match s {
            "won" => StageOutcome::Won,
            "lost" => StageOutcome::Lost,
            _ => StageOutcome::Open,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub id: String,
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    /// The default probability (percent) of an opportunity in this stage.
    pub probability: i64,
    pub position: i64,
    pub outcome: StageOutcome,
    /// Live opportunities in it.
    pub opportunity_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StageInput {
    /// An existing stage's id; none for a new stage.
    #[serde(default)]
    pub id: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub probability: i64,
    pub outcome: StageOutcome,
}

#[derive(FromRow)]
pub(crate) struct StageRow {
    pub seq: i64,
    pub id: String,
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub probability: i64,
    pub position: i64,
    pub outcome: String,
}

impl StageRow {
    pub fn outcome(&self) -> StageOutcome {
        StageOutcome::parse(&self.outcome)
    }
}

/// The live stages in order.
pub(crate) async fn load_stages(conn: &mut SqliteConnection) -> CoreResult<Vec<StageRow>> {
    Ok(sqlx::query_as(
        "SELECT seq, id, key, name_zh, name_en, probability, position, outcome FROM opportunity_stages
         WHERE deleted_at IS NULL ORDER BY position, seq",
    )
    .fetch_all(conn)
    .await?)
}

/// Checks a new stage list: names, probabilities, and open stages followed by exactly one won
/// and one lost stage.
fn check_stages(stages: &[StageInput]) -> CoreResult<()> {
    let mut problems = Vec::new();
    for (i, s) in stages.iter().enumerate() {
        let n = i + 1;
        for (lang, name) in [("Chinese", &s.name_zh), ("English", &s.name_en)] {
            let len = name.trim().chars().count();
            if len == 0 || len > 50 {
                problems.push(format!("stage {n} needs a {lang} name of at most 50 characters"));
            }
        }
        if !(0..=100).contains(&s.probability) {
            problems.push(format!("stage {n}: the probability is a percentage from 0 to 100"));
        }
    }
    let count = |o: StageOutcome| stages.iter().filter(|s| s.outcome == o).count();
    if count(StageOutcome::Open) == 0 {
        problems.push("there must be at least one open stage".to_string());
    }
    if count(StageOutcome::Won) != 1 || count(StageOutcome::Lost) != 1 {
        problems.push("there must be exactly one won stage and one lost stage".to_string());
    }
    let first_closed = stages.iter().position(|s| s.outcome != StageOutcome::Open).unwrap_or(stages.len());
    if stages[first_closed..].iter().any(|s| s.outcome == StageOutcome::Open) {
        problems.push("the open stages come first, then the won and lost stages".to_string());
    }
    if problems.is_empty() { Ok(()) } else { Err(CoreError::invalid(problems.join("; "))) }
}

impl Crm {
    pub async fn stages(&self, actor: &Actor) -> CoreResult<Vec<Stage>> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let counts: std::collections::HashMap<i64, i64> =
            sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(format!(
                "SELECT o.stage_seq, count(*) FROM opportunities o JOIN customers c ON c.id = o.customer_id
             WHERE o.deleted_at IS NULL{} GROUP BY o.stage_seq",
                access.scope.sql_condition("c.territory")
            )))
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
        Ok(load_stages(&mut conn)
            .await?
            .into_iter()
            .map(|r| Stage {
                outcome: r.outcome(),
                opportunity_count: counts.get(&r.seq).copied().unwrap_or(0),
                id: r.id,
                key: r.key,
                name_zh: r.name_zh,
                name_en: r.name_en,
                probability: r.probability,
                position: r.position,
            })
            .collect())
    }

    /// Replaces the stage list (an administrator's action). A stage left out is removed, which
    /// is refused while opportunities are in it.
    pub async fn save_stages(&self, actor: &Actor, stages: Vec<StageInput>) -> CoreResult<Vec<Stage>> {
        let access = self.admin_access(actor, "stage.save").await?;
        check_stages(&stages)?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let old = load_stages(&mut tx).await?;
        for removed in old.iter().filter(|o| !stages.iter().any(|s| s.id.as_deref() == Some(o.id.as_str()))) {
            let used: i64 =
                sqlx::query_scalar("SELECT count(*) FROM opportunities WHERE stage_seq = ?1 AND deleted_at IS NULL")
                    .bind(removed.seq)
                    .fetch_one(&mut *tx)
                    .await?;
            if used > 0 {
                return Err(CoreError::invalid(format!(
                    "stage '{}' still holds {used} opportunities; move them to another stage before removing it",
                    removed.name_en
                )));
            }
            sqlx::query("UPDATE opportunity_stages SET deleted_at = ?2 WHERE seq = ?1")
                .bind(removed.seq)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
        }
        for (i, s) in stages.iter().enumerate() {
            let position = i as i64 + 1;
            let existing = s.id.as_deref().and_then(|id| old.iter().find(|o| o.id == id));
            match (s.id.as_deref(), existing) {
                (Some(id), None) => {
                    return Err(CoreError::not_found(format!("no stage with id {id}; reload the stages")));
                }
                (_, Some(o)) => {
                    if o.outcome() != s.outcome && o.outcome() != StageOutcome::Open {
                        return Err(CoreError::invalid(format!("stage '{}' stays a {} stage", o.name_en, o.outcome)));
                    }
                    sqlx::query(
                        "UPDATE opportunity_stages SET name_zh = ?2, name_en = ?3, probability = ?4, position = ?5, outcome = ?6 WHERE seq = ?1",
                    )
                    .bind(o.seq)
                    .bind(s.name_zh.trim())
                    .bind(s.name_en.trim())
                    .bind(s.probability)
                    .bind(position)
                    .bind(s.outcome.key())
                    .execute(&mut *tx)
                    .await?;
                }
                (None, None) => {
                    let id = crate::new_id();
                    sqlx::query(
                        "INSERT INTO opportunity_stages (id, key, name_zh, name_en, probability, position, outcome) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
                    )
                    .bind(&id)
                    .bind(s.name_zh.trim())
                    .bind(s.name_en.trim())
                    .bind(s.probability)
                    .bind(position)
                    .bind(s.outcome.key())
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        let mut changes = ChangeSet::default();
        let before: Vec<String> = old.iter().map(|o| format!("{} {}%", o.name_zh, o.probability)).collect();
        let after: Vec<String> = stages.iter().map(|s| format!("{} {}%", s.name_zh.trim(), s.probability)).collect();
        changes.field("stages", Some(&before), Some(&after));
        changelog::record_own(&mut tx, &stamp, "stages", "stages", ChangeOp::Update, changes.to_json()).await?;
        tx.commit().await?;
        tracing::info!(by = %access.login, "opportunity stages saved");
        self.stages(actor).await
    }
}
