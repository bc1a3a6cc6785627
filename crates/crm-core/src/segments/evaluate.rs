//! Reading segments: how many customers a segment (or a definition being edited) holds, a page
//! of its members, why one customer is in it or not, and which segments hold a customer. All of
//! it within the reader's territories.

use super::definitions::{Definitions, MEMBERSHIP_FIELD};
use super::parts::{self, Select};
use super::{SegmentExplanation, SegmentKind, SegmentMemberPage, SegmentRef};
use crate::access::Scope;
use crate::conditions::catalog::{self, ConditionField, ConditionOption, Entity};
use crate::conditions::order_windows::{self, OrderWindows};
use crate::conditions::sql::{At, SeqRange, SqlArg, arguments, compile_at, fields_of, load_facts};
use crate::conditions::{self, Condition, FieldKind};
use crate::customer::model::Choice;
use crate::db::Db;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;
use std::collections::HashSet;
use std::sync::Arc;

/// The live customers in scope for whom `condition` (memberships resolved) holds, as SQL over
/// `customers c`, with its arguments. With `at.range`, its lists are built for that range only;
/// the caller bounds `c.seq` as its plan wants.
pub(crate) fn matching_sql(condition: &Condition, scope: &Scope, at: &At) -> CoreResult<(String, Vec<SqlArg>)> {
    let (sql, args) = compile_at(condition, Entity::Customer, at)?;
    Ok((format!("c.deleted_at IS NULL{} AND ({sql})", scope.sql_condition("c.territory")), args))
}

/// The first range of customers a member page looks at; each next one is twice as long.
const FIRST_PAGE_SPAN: i64 = 8_192;

/// Runs a query of integers with the condition's arguments bound after `first` ones.
pub(crate) async fn integers(
    conn: &mut SqliteConnection,
    sql: &str,
    first: &[SqlArg],
    args: &[SqlArg],
) -> CoreResult<Vec<i64>> {
    let all: Vec<SqlArg> = first.iter().chain(args).cloned().collect();
    let query = sqlx::query_scalar_with::<_, i64, _>(sqlx::AssertSqlSafe(sql.to_string()), arguments(&all)?);
    Ok(query.fetch_all(&mut *conn).await?)
}

async fn count_matching(
    db: &Db,
    conn: &mut SqliteConnection,
    condition: &Condition,
    scope: &Scope,
    now: DateTime<Utc>,
) -> CoreResult<i64> {
    Ok(parts::evaluate(db, conn, condition, scope, now, Select::Count).await?.first().copied().unwrap_or(0))
}

/// Up to `limit` members after seq `after`, in order, found by evaluating the condition over
/// growing ranges of the customers that follow: a first page of a broad segment costs a few
/// thousand customers' tests instead of a million.
async fn members_after(
    conn: &mut SqliteConnection,
    condition: &Condition,
    scope: &Scope,
    now: DateTime<Utc>,
    after: i64,
    limit: usize,
) -> CoreResult<Vec<i64>> {
    let windows = OrderWindows::read(conn, condition, Entity::Customer, now).await?;
    let last: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM customers").fetch_one(&mut *conn).await?;
    let mut found = Vec::new();
    let (mut from, mut span) = (after, FIRST_PAGE_SPAN);
    while from < last && found.len() < limit {
        let range = SeqRange { after: from, upto: from.saturating_add(span) };
        let (where_sql, args) = matching_sql(condition, scope, &At { now, windows: &windows, range: Some(range) })?;
        let sql = format!(
            "SELECT c.seq FROM customers c WHERE {where_sql}{} ORDER BY c.seq LIMIT {}",
            range.sql("c.seq"),
            limit - found.len()
        );
        found.extend(integers(conn, &sql, &[], &args).await?);
        (from, span) = (range.upto, span.saturating_mul(2));
    }
    Ok(found)
}

/// What a kept member list is found by. The minute is part of it: relative windows ("active in
/// the last 30 days") move with the clock.
fn members_key(membership: &Condition, scope: &Scope, now: DateTime<Utc>) -> String {
    format!("{} {scope:?} {}", now.format("%Y-%m-%dT%H:%M"), serde_json::to_string(membership).unwrap_or_default())
}

fn parse_cursor(cursor: Option<&str>) -> CoreResult<i64> {
    match cursor {
        None => Ok(0),
        Some(c) => c.parse::<i64>().map_err(|_| CoreError::invalid("the page cursor is not one this list gave out")),
    }
}

impl Crm {
    /// The seqs of a dynamic segment's members the reader may see, in order; kept a minute.
    async fn dynamic_members(
        &self,
        conn: &mut SqliteConnection,
        membership: &Condition,
        scope: &Scope,
    ) -> CoreResult<Arc<Vec<i64>>> {
        let writes = self.db.writes.load(std::sync::atomic::Ordering::SeqCst);
        let now = self.now();
        let key = members_key(membership, scope, now);
        if let Some(seqs) = self.segment_members.get(&key, writes) {
            return Ok(seqs);
        }
        let seqs = Arc::new(parts::evaluate(&self.db, conn, membership, scope, now, Select::Seqs).await?);
        self.segment_members.put(key, writes, seqs.clone());
        Ok(seqs)
    }

    /// The seqs of the segment's members within `scope` now, in order: a dynamic segment's
    /// evaluated (and kept a minute), a fixed or snapshot segment's as stored.
    pub(crate) async fn segment_member_seqs(
        &self,
        conn: &mut SqliteConnection,
        id: &str,
        scope: &Scope,
    ) -> CoreResult<Arc<Vec<i64>>> {
        let defs = Definitions::load(&mut *conn).await?;
        let kind =
            defs.get(id).map(|d| d.kind).ok_or_else(|| CoreError::not_found(format!("no segment with id {id}")))?;
        if kind == SegmentKind::Dynamic {
            return self.dynamic_members(conn, &defs.membership(id)?, scope).await;
        }
        let sql = format!(
            "SELECT m.customer_seq FROM segment_members m JOIN segments g ON g.seq = m.segment_seq
             JOIN customers c ON c.seq = m.customer_seq
             WHERE g.id = ? AND c.deleted_at IS NULL{} ORDER BY m.customer_seq",
            scope.sql_condition("c.territory")
        );
        Ok(Arc::new(integers(conn, &sql, &[SqlArg::Text(id.to_string())], &[]).await?))
    }

    /// Makes sure the kept order windows the segments' definitions read exist (see
    /// `order_windows`). Not to be called inside a write transaction.
    pub(crate) async fn prepare_segment_windows(&self, ids: &[&str]) -> CoreResult<()> {
        let defs = Definitions::load(&mut *self.db.reader.acquire().await?).await?;
        for id in ids {
            if let Ok(membership) = defs.membership(id) {
                order_windows::prepare(&self.db, &membership, Entity::Customer, self.now()).await?;
            }
        }
        Ok(())
    }

    /// How many customers the reader may see are in the segment now.
    pub async fn segment_count(&self, actor: &Actor, id: &str) -> CoreResult<i64> {
        let scope = self.access(actor).await?.scope;
        let mut conn = self.db.reader.acquire().await?;
        let defs = Definitions::load(&mut conn).await?;
        let membership = defs.membership(id)?;
        order_windows::prepare(&self.db, &membership, Entity::Customer, self.now()).await?;
        if defs.get(id).is_some_and(|d| d.kind == SegmentKind::Dynamic) {
            // The member pages asked for next read the same list.
            return Ok(self.dynamic_members(&mut conn, &membership, &scope).await?.len() as i64);
        }
        count_matching(&self.db, &mut conn, &membership, &scope, self.now()).await
    }

    /// How many customers the reader may see a definition being edited holds: the builder's
    /// live count. The definition is checked like a saved one's.
    pub async fn count_condition(&self, actor: &Actor, condition: &Condition) -> CoreResult<i64> {
        let scope = self.access(actor).await?.scope;
        conditions::validate(condition, Entity::Customer)?;
        let mut conn = self.db.reader.acquire().await?;
        let expanded = Definitions::load(&mut conn).await?.expand(condition, None)?;
        order_windows::prepare(&self.db, &expanded, Entity::Customer, self.now()).await?;
        count_matching(&self.db, &mut conn, &expanded, &scope, self.now()).await
    }

    /// A page of the segment's members the reader may see, in the order they were created.
    pub async fn segment_members(
        &self,
        actor: &Actor,
        id: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> CoreResult<SegmentMemberPage> {
        let scope = self.access(actor).await?.scope;
        let after = parse_cursor(cursor)?;
        let limit = i64::from(limit.clamp(1, 500));
        let mut conn = self.db.reader.acquire().await?;
        let defs = Definitions::load(&mut conn).await?;
        let kind =
            defs.get(id).map(|d| d.kind).ok_or_else(|| CoreError::not_found(format!("no segment with id {id}")))?;
        let mut seqs = if kind == SegmentKind::Dynamic {
            let membership = defs.membership(id)?;
            let now = self.now();
            let writes = self.db.writes.load(std::sync::atomic::Ordering::SeqCst);
            // The list a count just made is sliced; without one, only the customers after the
            // cursor are tested, as far as the page needs.
            match self.segment_members.get(&members_key(&membership, &scope, now), writes) {
                Some(all) => {
                    let from = all.partition_point(|s| *s <= after);
                    all[from..].iter().take(limit as usize + 1).copied().collect()
                }
                None => {
                    order_windows::prepare(&self.db, &membership, Entity::Customer, now).await?;
                    members_after(&mut conn, &membership, &scope, now, after, limit as usize + 1).await?
                }
            }
        } else {
            // Read from the members' own index rather than by testing every customer.
            let sql = format!(
                "SELECT m.customer_seq FROM segment_members m JOIN segments g ON g.seq = m.segment_seq
                 JOIN customers c ON c.seq = m.customer_seq
                 WHERE g.id = ? AND c.deleted_at IS NULL{} AND m.customer_seq > {after}
                 ORDER BY m.customer_seq LIMIT {}",
                scope.sql_condition("c.territory"),
                limit + 1
            );
            integers(&mut conn, &sql, &[SqlArg::Text(id.to_string())], &[]).await?
        };
        let more = seqs.len() as i64 > limit;
        seqs.truncate(limit as usize);
        let next_cursor = more.then(|| seqs.last().map(i64::to_string)).flatten();
        let rows = crate::customer::list::rows_by_seq(&mut conn, &seqs).await?;
        Ok(SegmentMemberPage { rows, next_cursor })
    }

    /// Why a customer the reader may see is or is not in the segment: each condition of its
    /// definition with the customer's value and whether it held.
    pub async fn explain_segment(&self, actor: &Actor, id: &str, customer_id: &str) -> CoreResult<SegmentExplanation> {
        self.customer_access(actor, customer_id, "segment.explain").await?;
        let mut conn = self.db.reader.acquire().await?;
        let defs = Definitions::load(&mut conn).await?;
        let d = defs.get(id).ok_or_else(|| CoreError::not_found(format!("no segment with id {id}")))?;
        let definition = defs.expand(&d.condition, Some(id))?;
        let mut fields = HashSet::new();
        fields_of(&definition, &mut fields);
        let record = load_facts(
            &mut conn,
            Entity::Customer,
            "c.id = ?",
            &[SqlArg::Text(customer_id.to_string())],
            1,
            Some(&fields),
        )
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| CoreError::not_found(format!("no customer with id {customer_id} (it may be in the trash)")))?;
        let tree = conditions::explain(&definition, &record.facts, self.now());
        let added: Option<(String, String)> = sqlx::query_as(
            "SELECT m.added_at, m.added_by FROM segment_members m JOIN segments g ON g.seq = m.segment_seq
             JOIN customers c ON c.seq = m.customer_seq WHERE g.id = ?1 AND c.id = ?2",
        )
        .bind(id)
        .bind(customer_id)
        .fetch_optional(&mut *conn)
        .await?;
        let member = if d.kind == SegmentKind::Dynamic { tree.held } else { added.is_some() };
        let (added_at, added_by) = added.unzip();
        Ok(SegmentExplanation {
            segment_id: id.to_string(),
            kind: d.kind,
            customer_id: customer_id.to_string(),
            customer_name: record.label,
            member,
            added_at,
            added_by,
            matches_now: tree.held,
            tree,
        })
    }

    /// The segments a customer the reader may see is in now, by name.
    pub async fn customer_segments(&self, actor: &Actor, customer_id: &str) -> CoreResult<Vec<SegmentRef>> {
        self.customer_access(actor, customer_id, "segment.list").await?;
        let mut conn = self.db.reader.acquire().await?;
        let defs = Definitions::load(&mut conn).await?;
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT id, name, kind FROM segments WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE")
                .fetch_all(&mut *conn)
                .await?;
        // Every segment's membership read in one pass over the customer's facts.
        let memberships: Vec<Option<Condition>> = rows.iter().map(|(id, _, _)| defs.membership(id).ok()).collect();
        let mut fields = HashSet::new();
        memberships.iter().flatten().for_each(|c| fields_of(c, &mut fields));
        fields.insert(MEMBERSHIP_FIELD.to_string());
        let record = load_facts(
            &mut conn,
            Entity::Customer,
            "c.id = ?",
            &[SqlArg::Text(customer_id.to_string())],
            1,
            Some(&fields),
        )
        .await?
        .into_iter()
        .next();
        let Some(record) = record else { return Ok(Vec::new()) };
        let now = self.now();
        Ok(rows
            .into_iter()
            .zip(memberships)
            .filter(|(_, m)| m.as_ref().is_some_and(|m| conditions::evaluate(m, &record.facts, now)))
            .map(|((id, name, kind), _)| SegmentRef {
                id,
                name,
                kind: SegmentKind::from_key(&kind).unwrap_or(SegmentKind::Fixed),
            })
            .collect())
    }
}

impl Crm {
    /// The fields a segment's definition may test: the customer's own, the configured tiers,
    /// aggregates over orders, membership of other segments and the custom dimensions.
    pub async fn segment_fields(&self, actor: &Actor) -> CoreResult<Vec<ConditionField>> {
        use crate::classification::fields::FieldType;
        self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let tiers = crate::workflow::rules::tier_options(&mut conn).await?;
        drop(conn);
        let mut fields = catalog::fields(Entity::Customer);
        for f in fields.iter_mut().filter(|f| f.key == "tier") {
            f.options = tiers.clone();
        }
        for def in self.list_fields().await? {
            if def.builtin || def.deleted_at.is_some() {
                continue;
            }
            let Some(mut field) = catalog::field(Entity::Customer, &format!("custom.{}", def.key)) else { continue };
            field.label_zh = def.label_zh;
            field.label_en = def.label_en;
            if def.field_type == FieldType::SingleSelect {
                field.kind = FieldKind::Choice;
                field.options = def
                    .options
                    .into_iter()
                    .map(|o| ConditionOption { key: o.key, label_zh: o.label_zh, label_en: o.label_en })
                    .collect();
            }
            fields.push(field);
        }
        Ok(fields)
    }
}
