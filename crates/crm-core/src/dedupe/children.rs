//! The records that belong to a customer, moved to the survivor of a merge and back on undo:
//! contacts, activities, leads, deals, tickets and orders, the external ids earlier merges gave
//! it, and memberships of fixed segments.
//! Campaign sends stay where they were: they record who a message went to.

use crate::changelog::{self, ChangeOp, ChangeSet, LogRow, Stamp};
use crate::error::CoreResult;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// A table of records owned by a customer, and how it names its customer.
struct Owned {
    table: &'static str,
    /// The column naming each record.
    key: &'static str,
    /// The change-log entity; None for orders, which the log does not carry.
    entity: Option<&'static str>,
    /// Orders name their customer by seq, the rest by id.
    by_seq: bool,
    /// Deals and tickets keep their customer's territory (see `follow_customer`).
    territory: bool,
}

const OWNED: &[Owned] = &[
    Owned { table: "contacts", key: "id", entity: Some("contact"), by_seq: false, territory: false },
    Owned { table: "activities", key: "id", entity: Some("activity"), by_seq: false, territory: false },
    Owned { table: "leads", key: "id", entity: Some("lead"), by_seq: false, territory: false },
    Owned { table: "opportunities", key: "id", entity: Some("opportunity"), by_seq: false, territory: true },
    Owned { table: "tickets", key: "id", entity: Some("ticket"), by_seq: false, territory: true },
    Owned { table: "orders", key: "id", entity: None, by_seq: true, territory: false },
    Owned { table: "merged_external_ids", key: "external_id", entity: None, by_seq: true, territory: false },
];

/// A customer of the merge, as the moves need it.
pub(crate) struct Party<'a> {
    pub seq: i64,
    pub id: &'a str,
}

/// One record moved to the survivor, with where it was.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct MovedRecord {
    pub table: String,
    pub id: String,
    pub customer_seq: i64,
    pub territory: Option<i64>,
}

/// What a merge moved: the records, and the fixed segments the survivor joined for another.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub(crate) struct Moves {
    pub records: Vec<MovedRecord>,
    pub segments: Vec<i64>,
}

fn owner_column(o: &Owned) -> &'static str {
    if o.by_seq { "customer_seq" } else { "customer_id" }
}

async fn log_move(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    entity: &'static str,
    id: &str,
    root: &str,
    from: &str,
    to: &str,
) -> CoreResult<()> {
    let mut changes = ChangeSet::default();
    changes.field("customerId", Some(&from.to_string()), Some(&to.to_string()));
    changelog::record(
        conn,
        stamp,
        LogRow { entity, entity_id: id, root_id: root, op: ChangeOp::Update, changes: changes.to_json() },
    )
    .await
}

/// Moves everything of `others` to `survivor`; returns what was moved, for the undo.
pub(crate) async fn move_to_survivor(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    survivor: &Party<'_>,
    others: &[Party<'_>],
) -> CoreResult<Moves> {
    let mut moves = Moves::default();
    for other in others {
        for o in OWNED {
            let col = owner_column(o);
            let territory = if o.territory { "territory" } else { "NULL" };
            let select = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {}, {territory} FROM {} WHERE {col} = ?1",
                o.key, o.table
            )));
            let select = if o.by_seq { select.bind(other.seq) } else { select.bind(other.id) };
            let rows: Vec<(String, Option<i64>)> = select.fetch_all(&mut *conn).await?;
            if rows.is_empty() {
                continue;
            }
            let update =
                sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE {} SET {col} = ?1 WHERE {col} = ?2", o.table)));
            let update = if o.by_seq {
                update.bind(survivor.seq).bind(other.seq)
            } else {
                update.bind(survivor.id).bind(other.id)
            };
            update.execute(&mut *conn).await?;
            for (id, territory) in rows {
                if let Some(entity) = o.entity {
                    log_move(conn, stamp, entity, &id, survivor.id, other.id, survivor.id).await?;
                }
                moves.records.push(MovedRecord { table: o.table.to_string(), id, customer_seq: other.seq, territory });
            }
        }
        let joined: Vec<i64> = sqlx::query_scalar(
            "INSERT INTO segment_members (segment_seq, customer_seq, added_at, added_by)
             SELECT segment_seq, ?1, ?3, ?4 FROM segment_members WHERE customer_seq = ?2
             ON CONFLICT DO NOTHING RETURNING segment_seq",
        )
        .bind(survivor.seq)
        .bind(other.seq)
        .bind(&stamp.at)
        .bind(&stamp.actor)
        .fetch_all(&mut *conn)
        .await?;
        moves.segments.extend(joined);
    }
    Ok(moves)
}

/// Puts back what a merge moved, where it still is with the survivor (a record moved on since
/// stays where it was put).
pub(crate) async fn move_back(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    survivor: &Party<'_>,
    moves: &Moves,
) -> CoreResult<()> {
    for m in &moves.records {
        let Some(o) = OWNED.iter().find(|o| o.table == m.table) else {
            continue;
        };
        let owner_id: String = sqlx::query_scalar("SELECT id FROM customers WHERE seq = ?1")
            .bind(m.customer_seq)
            .fetch_one(&mut *conn)
            .await?;
        let col = owner_column(o);
        let set_territory = if o.territory { ", territory = ?4" } else { "" };
        let update = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {} SET {col} = ?1{set_territory} WHERE {} = ?2 AND {col} = ?3",
            o.table, o.key
        )));
        let update = if o.by_seq {
            update.bind(m.customer_seq).bind(&m.id).bind(survivor.seq)
        } else {
            update.bind(&owner_id).bind(&m.id).bind(survivor.id)
        };
        let update = if o.territory { update.bind(m.territory) } else { update };
        let done = update.execute(&mut *conn).await?;
        if done.rows_affected() == 1
            && let Some(entity) = o.entity
        {
            log_move(conn, stamp, entity, &m.id, &owner_id, survivor.id, &owner_id).await?;
        }
    }
    for segment in &moves.segments {
        sqlx::query("DELETE FROM segment_members WHERE segment_seq = ?1 AND customer_seq = ?2")
            .bind(segment)
            .bind(survivor.seq)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
