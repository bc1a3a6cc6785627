//! Territories (区域管理): sets of places attached to org units. Editing them re-decides the
//! territory of every customer whose location they touch, in the same transaction.

use super::org::unit_by_id;
use super::places::{Place, TerritoryMap};
use crate::changelog::{self, ChangeOp, ChangeSet};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Territory {
    pub id: String,
    pub name: String,
    pub unit_id: String,
    pub unit_name: String,
    pub places: Vec<Place>,
    /// Live customers in it.
    pub customer_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TerritoryInput {
    pub name: String,
    pub unit_id: String,
    pub places: Vec<Place>,
}

/// The places of every live territory, keyed for matching.
pub(crate) async fn load_map(conn: &mut SqliteConnection) -> CoreResult<TerritoryMap> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT p.country, p.province, p.city, p.territory_seq FROM territory_places p
         JOIN territories t ON t.seq = p.territory_seq WHERE t.deleted_at IS NULL ORDER BY p.territory_seq",
    )
    .fetch_all(conn)
    .await?;
    Ok(TerritoryMap::new(rows.into_iter().map(|(country, province, city, t)| (Place { country, province, city }, t))))
}

/// A territory's name by seq, for messages and the change log.
pub(crate) async fn territory_name(conn: &mut SqliteConnection, seq: Option<i64>) -> CoreResult<String> {
    let Some(seq) = seq else {
        return Ok("unassigned".to_string());
    };
    Ok(sqlx::query_scalar("SELECT name FROM territories WHERE seq = ?1")
        .bind(seq)
        .fetch_optional(conn)
        .await?
        .unwrap_or_else(|| format!("#{seq}")))
}

/// Re-decides every customer's and lead's territory after the territories changed; returns how
/// many customers moved. Reads the rows in seq pages and writes only those whose territory
/// changes.
pub(crate) async fn rederive_customers(conn: &mut SqliteConnection) -> CoreResult<u64> {
    let map = load_map(conn).await?;
    let moved = rederive(conn, &map, "customers").await?;
    rederive(conn, &map, "leads").await?;
    Ok(moved)
}

async fn rederive(conn: &mut SqliteConnection, map: &TerritoryMap, table: &'static str) -> CoreResult<u64> {
    // Records share few distinct locations: each is decided once.
    type Location = (Option<String>, Option<String>, Option<String>);
    let mut decided: HashMap<Location, Option<i64>> = HashMap::new();
    let mut moves: Vec<(i64, Option<i64>)> = Vec::new();
    let mut after = 0i64;
    loop {
        type Located = (i64, Option<String>, Option<String>, Option<String>, Option<i64>);
        let rows: Vec<Located> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT seq, country, province, city, territory FROM {table} WHERE seq > ?1 ORDER BY seq LIMIT 20000"
        )))
        .bind(after)
        .fetch_all(&mut *conn)
        .await?;
        let Some(last) = rows.last() else { break };
        after = last.0;
        for (seq, country, province, city, current) in rows {
            let key = (country, province, city);
            let territory = match decided.get(&key) {
                Some(t) => *t,
                None => {
                    let t = map.territory_of(key.0.as_deref(), key.1.as_deref(), key.2.as_deref());
                    decided.insert(key, t);
                    t
                }
            };
            if territory != current {
                moves.push((seq, territory));
            }
        }
    }
    for (seq, territory) in &moves {
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {table} SET territory = ?2 WHERE seq = ?1")))
            .bind(seq)
            .bind(territory)
            .execute(&mut *conn)
            .await?;
        if table == "customers" {
            crate::sales::opportunities::follow_customer(conn, *seq, *territory).await?;
        }
    }
    Ok(moves.len() as u64)
}

#[derive(FromRow)]
struct TerritoryRow {
    seq: i64,
    id: String,
    name: String,
    unit_id: String,
    unit_name: String,
}

/// Checks the input against the other territories' places; returns the unit seq and the places
/// without duplicates.
async fn check_input(
    conn: &mut SqliteConnection,
    input: &TerritoryInput,
    own_seq: Option<i64>,
) -> CoreResult<(String, i64, Vec<Place>)> {
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(CoreError::invalid("a territory needs a name of at most 100 characters"));
    }
    let (unit_seq, _) = unit_by_id(conn, &input.unit_id).await?;
    let mut places: Vec<Place> = Vec::new();
    for p in &input.places {
        let p = p.clone().checked()?;
        if !places.contains(&p) {
            places.push(p);
        }
    }
    if places.is_empty() {
        return Err(CoreError::invalid(format!("territory '{name}' needs at least one place")));
    }
    let others: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT t.name, p.country, p.province, p.city FROM territory_places p JOIN territories t ON t.seq = p.territory_seq
         WHERE t.deleted_at IS NULL AND t.seq IS NOT ?1",
    )
    .bind(own_seq)
    .fetch_all(&mut *conn)
    .await?;
    for (other, country, province, city) in others {
        let theirs = Place { country, province, city };
        if let Some(mine) = places.iter().find(|p| p.overlaps(&theirs)) {
            return Err(CoreError::conflict(format!(
                "the place {mine} overlaps {theirs} of territory '{other}'; a location may belong to one territory only"
            )));
        }
    }
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT id FROM territories WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL AND seq IS NOT ?2",
    )
    .bind(&name)
    .bind(own_seq)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(CoreError::conflict(format!("a territory called '{name}' already exists")));
    }
    Ok((name, unit_seq, places))
}

async fn write_places(conn: &mut SqliteConnection, seq: i64, places: &[Place]) -> CoreResult<()> {
    sqlx::query("DELETE FROM territory_places WHERE territory_seq = ?1").bind(seq).execute(&mut *conn).await?;
    for p in places {
        sqlx::query("INSERT INTO territory_places (territory_seq, country, province, city) VALUES (?1, ?2, ?3, ?4)")
            .bind(seq)
            .bind(&p.country)
            .bind(&p.province)
            .bind(&p.city)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn place_names(places: &[Place]) -> Vec<String> {
    places.iter().map(Place::to_string).collect()
}

impl Crm {
    /// Every territory with its places and customer count. Every signed-in user may read them.
    pub async fn territories(&self, actor: &Actor) -> CoreResult<Vec<Territory>> {
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let rows: Vec<TerritoryRow> = sqlx::query_as(
            "SELECT t.seq, t.id, t.name, u.id AS unit_id, u.name AS unit_name FROM territories t
             JOIN org_units u ON u.seq = t.unit_seq WHERE t.deleted_at IS NULL ORDER BY t.name",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut places: HashMap<i64, Vec<Place>> = HashMap::new();
        let all: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT territory_seq, country, province, city FROM territory_places")
                .fetch_all(&mut *conn)
                .await?;
        for (t, country, province, city) in all {
            places.entry(t).or_default().push(Place { country, province, city });
        }
        let counts: HashMap<i64, i64> = sqlx::query_as(
            "SELECT territory, count(*) FROM customers INDEXED BY customers_territory
             WHERE deleted_at IS NULL AND territory IS NOT NULL GROUP BY territory",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        Ok(rows
            .into_iter()
            .map(|r| Territory {
                places: places.remove(&r.seq).unwrap_or_default(),
                customer_count: counts.get(&r.seq).copied().unwrap_or(0),
                id: r.id,
                name: r.name,
                unit_id: r.unit_id,
                unit_name: r.unit_name,
            })
            .collect())
    }

    pub async fn create_territory(&self, actor: &Actor, input: TerritoryInput) -> CoreResult<Territory> {
        let access = self.admin_access(actor, "territory.create").await?;
        let result: CoreResult<String> = async {
            let mut tx = self.db.begin_write().await?;
            let (name, unit_seq, places) = check_input(&mut tx, &input, None).await?;
            let stamp = self.stamp(actor);
            let id = crate::new_id();
            let seq: i64 = sqlx::query_scalar(
                "INSERT INTO territories (id, name, unit_seq, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) RETURNING seq",
            )
            .bind(&id)
            .bind(&name)
            .bind(unit_seq)
            .bind(&stamp.at)
            .fetch_one(&mut *tx)
            .await?;
            write_places(&mut tx, seq, &places).await?;
            let mut changes = ChangeSet::default();
            changes.field("name", None, Some(&name));
            changes.field("unitId", None, Some(&input.unit_id));
            changes.field("places", None, Some(&place_names(&places)));
            changelog::record_own(&mut tx, &stamp, "territory", &id, ChangeOp::Create, changes.to_json()).await?;
            rederive_customers(&mut tx).await?;
            tx.commit().await?;
            Ok(id)
        }
        .await;
        let id = self.audited(&access.login, "territory.create", None, result).await?;
        self.territory(actor, &id).await
    }

    /// Renames a territory, attaches it to another unit or replaces its places.
    pub async fn update_territory(&self, actor: &Actor, id: &str, input: TerritoryInput) -> CoreResult<Territory> {
        let access = self.admin_access(actor, "territory.update").await?;
        let result: CoreResult<()> = async {
            let mut tx = self.db.begin_write().await?;
            let old = self.territory_in(&mut tx, id).await?;
            let seq = old.0;
            let (name, unit_seq, places) = check_input(&mut tx, &input, Some(seq)).await?;
            let stamp = self.stamp(actor);
            sqlx::query("UPDATE territories SET name = ?2, unit_seq = ?3, updated_at = ?4 WHERE seq = ?1")
                .bind(seq)
                .bind(&name)
                .bind(unit_seq)
                .bind(&stamp.at)
                .execute(&mut *tx)
                .await?;
            write_places(&mut tx, seq, &places).await?;
            let mut changes = ChangeSet::default();
            changes.field("name", Some(&old.1.name), Some(&name));
            changes.field("unitId", Some(&old.1.unit_id), Some(&input.unit_id));
            changes.field("places", Some(&place_names(&old.1.places)), Some(&place_names(&places)));
            if !changes.is_empty() {
                changelog::record_own(&mut tx, &stamp, "territory", id, ChangeOp::Update, changes.to_json()).await?;
            }
            rederive_customers(&mut tx).await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, "territory.update", Some(id), result).await?;
        self.territory(actor, id).await
    }

    /// Deletes a territory; its customers become unassigned (or fall into another territory
    /// that holds their location).
    pub async fn delete_territory(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        let access = self.admin_access(actor, "territory.delete").await?;
        let result: CoreResult<()> = async {
            let mut tx = self.db.begin_write().await?;
            let (seq, _) = self.territory_in(&mut tx, id).await?;
            let stamp = self.stamp(actor);
            super::soft_delete(&mut tx, &stamp, super::SoftDeleted::Territory, seq, id).await?;
            rederive_customers(&mut tx).await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        self.audited(&access.login, "territory.delete", Some(id), result).await
    }

    async fn territory_in(&self, conn: &mut SqliteConnection, id: &str) -> CoreResult<(i64, Territory)> {
        let row: TerritoryRow = sqlx::query_as(
            "SELECT t.seq, t.id, t.name, u.id AS unit_id, u.name AS unit_name FROM territories t
             JOIN org_units u ON u.seq = t.unit_seq WHERE t.id = ?1 AND t.deleted_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no territory with id {id}")))?;
        let places: Vec<(String, String, String)> =
            sqlx::query_as("SELECT country, province, city FROM territory_places WHERE territory_seq = ?1")
                .bind(row.seq)
                .fetch_all(&mut *conn)
                .await?;
        let territory = Territory {
            id: row.id,
            name: row.name,
            unit_id: row.unit_id,
            unit_name: row.unit_name,
            places: places.into_iter().map(|(country, province, city)| Place { country, province, city }).collect(),
            customer_count: 0,
        };
        Ok((row.seq, territory))
    }

    async fn territory(&self, actor: &Actor, id: &str) -> CoreResult<Territory> {
        self.territories(actor)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| CoreError::not_found(format!("no territory with id {id}")))
    }

    /// Resolves a territory given by id or name (for the CLI) to its id.
    pub async fn territory_id(&self, id_or_name: &str) -> CoreResult<String> {
        sqlx::query_scalar(
            "SELECT id FROM territories WHERE deleted_at IS NULL AND (id = ?1 OR name = ?1 COLLATE NOCASE)",
        )
        .bind(id_or_name.trim())
        .fetch_optional(&self.db.reader)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no territory '{id_or_name}'")))
    }
}
