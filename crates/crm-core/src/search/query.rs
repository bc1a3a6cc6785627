//! Search as one types: candidates from the FTS5 index (whole tokens first, then token prefixes,
//! newest first) and from the exact-name index, then ranked here by how well each matched:
//! the exact name or number above a prefix, a prefix above a part, the name above other fields.

use super::tokens::{
    QueryPlan, digits, fold, name_sort_key, phone_expression, pinyin_syllables, plan, text_expression,
};
use crate::access::Scope;
use crate::customer::model::{Choice, Kind};
use crate::error::CoreResult;
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::{FromRow, SqliteConnection};
use std::collections::HashMap;

/// Which part of the customer matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    Name,
    Pinyin,
    Phone,
    Email,
    Company,
    Contact,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub company: Option<String>,
    pub city: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// 0..1, higher is better.
    pub score: f64,
    pub matched: MatchField,
    /// The contact through whom the customer matched, if that was the best match.
    pub matched_contact: Option<String>,
}

/// How many candidates each FTS pass contributes before ranking.
const EXACT_CANDIDATES: i64 = 150;
const PREFIX_CANDIDATES: i64 = 300;

#[derive(FromRow)]
struct CandidateRow {
    id: String,
    name: String,
    kind: String,
    company: Option<String>,
    city: Option<String>,
    phones: String,
    emails: String,
    updated_at: String,
}

/// A contact of a candidate, as the ranking compares it.
struct CandidateContact {
    name: String,
    phones: Vec<String>,
    emails: Vec<String>,
}

struct Candidate {
    row: CandidateRow,
    phones: Vec<String>,
    emails: Vec<String>,
    contacts: Vec<CandidateContact>,
}

/// The folded query in the forms the ranking compares against.
struct Needle {
    text: String,
    compact: String,
    digits: String,
    is_digits: bool,
}

/// Score of `hay` against the needle: exact > prefix > part, scaled into the field's band.
fn text_score(hay: &str, needle: &str, exact: f64, prefix: f64, part: f64) -> f64 {
    if needle.is_empty() || hay.is_empty() {
        return 0.0;
    }
    if hay == needle {
        exact
    } else if hay.starts_with(needle) {
        prefix
    } else if hay.contains(needle) {
        part
    } else {
        0.0
    }
}

fn pinyin_score(name: &str, n: &Needle) -> f64 {
    if n.compact.is_empty() || !n.compact.is_ascii() {
        return 0.0;
    }
    let syllables = pinyin_syllables(name);
    if syllables.is_empty() {
        return 0.0;
    }
    let full = syllables.concat();
    let initials: String = syllables.iter().filter_map(|s| s.chars().next()).collect();
    text_score(&full, &n.compact, 0.88, 0.8, 0.6).max(text_score(&initials, &n.compact, 0.87, 0.79, 0.55))
}

fn rank(c: &Candidate, n: &Needle) -> (f64, MatchField, Option<String>) {
    let mut best = (0.0, MatchField::Other, None);
    let mut consider = |score: f64, field: MatchField, contact: Option<&str>| {
        if score > best.0 {
            best = (score, field, contact.map(str::to_string));
        }
    };
    if n.is_digits {
        for p in &c.phones {
            let d = digits(p);
            consider(text_score(&d, &n.digits, 0.98, 0.9, 0.7), MatchField::Phone, None);
            if d.ends_with(&n.digits) {
                consider(0.92, MatchField::Phone, None);
            }
        }
        for CandidateContact { name, phones, .. } in &c.contacts {
            for p in phones {
                let d = digits(p);
                let s = if d == n.digits {
                    0.95
                } else if d.ends_with(&n.digits) {
                    0.9
                } else if d.contains(&n.digits) {
                    0.68
                } else {
                    0.0
                };
                consider(s, MatchField::Contact, Some(name));
            }
        }
    }
    consider(text_score(&fold(&c.row.name), &n.text, 1.0, 0.9, 0.72), MatchField::Name, None);
    consider(pinyin_score(&c.row.name, n), MatchField::Pinyin, None);
    if let Some(company) = &c.row.company {
        consider(text_score(&fold(company), &n.text, 0.76, 0.7, 0.6), MatchField::Company, None);
    }
    for e in &c.emails {
        consider(text_score(e, &n.text, 0.97, 0.68, 0.55), MatchField::Email, None);
    }
    for CandidateContact { name, emails, .. } in &c.contacts {
        consider(text_score(&fold(name), &n.text, 0.78, 0.66, 0.55), MatchField::Contact, Some(name));
        consider(pinyin_score(name, n) * 0.75, MatchField::Contact, Some(name));
        for e in emails {
            consider(text_score(e, &n.text, 0.9, 0.6, 0.5), MatchField::Contact, Some(name));
        }
    }
    if best.0 == 0.0 {
        // Matched by the index across several fields (e.g. "张三 北京"): still a hit, ranked last.
        best.0 = 0.4;
    }
    best
}

/// For a query of one or two ASCII letters or digits, the range of sort keys that start with it.
fn short_latin_prefix(terms: &[Vec<String>]) -> Option<(String, String)> {
    let [term] = terms else { return None };
    let [token] = term.as_slice() else { return None };
    if token.is_empty() || token.len() > 2 || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let mut upper = token.clone().into_bytes();
    let last = upper.len() - 1;
    upper[last] += 1; // 'z' -> '{', '9' -> ':': still ASCII, still above every key with the prefix
    Some((token.clone(), String::from_utf8(upper).ok()?))
}

/// The newest matches of an FTS index that the user may see. For a scoped user each match is
/// checked against its customer's territory before it counts towards the limit, so matches
/// outside the scope never crowd out those inside it.
async fn fts_candidates(
    conn: &mut SqliteConnection,
    table: &str,
    expr: &str,
    limit: i64,
    scope: &Scope,
) -> CoreResult<Vec<i64>> {
    let sql = match scope {
        Scope::All => format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?2"),
        _ => format!(
            "SELECT s.rowid FROM {table} s JOIN customers c ON c.seq = s.rowid WHERE {table} MATCH ?1{}
             ORDER BY s.rowid DESC LIMIT ?2",
            scope.sql_condition("+c.territory")
        ),
    };
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(expr).bind(limit).fetch_all(conn).await?)
}

async fn text_candidates(conn: &mut SqliteConnection, expr: &str, limit: i64, scope: &Scope) -> CoreResult<Vec<i64>> {
    fts_candidates(conn, "customer_search", expr, limit, scope).await
}

async fn phone_candidates(conn: &mut SqliteConnection, expr: &str, limit: i64, scope: &Scope) -> CoreResult<Vec<i64>> {
    fts_candidates(conn, "customer_phone_search", expr, limit, scope).await
}

impl Crm {
    /// Customers matching `query` by name, pinyin (full or initials), company, contact, e-mail or
    /// any run of 3+ digits of a phone number; best first.
    /// Only customers the actor may see are found.
    pub async fn search(&self, actor: &Actor, query: &str, limit: u32) -> CoreResult<Vec<SearchHit>> {
        let scope = self.access(actor).await?.scope;
        let Some(plan) = plan(query) else {
            return Ok(Vec::new());
        };
        // `+territory`: the scope filters candidates but never drives a query. SQLite would
        // otherwise walk a rep's whole territory (a hundred thousand rows) for one name.
        let in_scope = scope.sql_condition("+territory");
        let limit = limit.clamp(1, 200) as usize;
        let mut conn = self.db.reader.acquire().await?;

        let mut seqs: Vec<i64> = Vec::new();
        match &plan {
            QueryPlan::Digits(d) => {
                seqs.extend(phone_candidates(&mut conn, &phone_expression(d, true), EXACT_CANDIDATES, &scope).await?);
                seqs.extend(phone_candidates(&mut conn, &phone_expression(d, false), PREFIX_CANDIDATES, &scope).await?);
            }
            QueryPlan::Text(terms) => {
                seqs = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT seq FROM customers WHERE name_sort = ?1 AND deleted_at IS NULL{in_scope} LIMIT 50"
                )))
                .bind(name_sort_key(query))
                .fetch_all(&mut *conn)
                .await?;
                if let Some((from, to)) = short_latin_prefix(terms) {
                    // One or two letters: names whose (pinyin) spelling starts with them, from the
                    // sort index, instead of an FTS prefix query over a huge vocabulary.
                    seqs.extend(
                        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                            "SELECT seq FROM customers WHERE name_sort >= ?1 AND name_sort < ?2 AND deleted_at IS NULL{in_scope} LIMIT ?3"
                        )))
                        .bind(from)
                        .bind(to)
                        .bind(PREFIX_CANDIDATES)
                        .fetch_all(&mut *conn)
                        .await?,
                    );
                }
                seqs.extend(
                    text_candidates(&mut conn, &text_expression(terms, false), EXACT_CANDIDATES, &scope).await?,
                );
                seqs.extend(
                    text_candidates(&mut conn, &text_expression(terms, true), PREFIX_CANDIDATES, &scope).await?,
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        seqs.retain(|s| seen.insert(*s));
        if seqs.is_empty() {
            return Ok(Vec::new());
        }

        let marks = vec!["?"; seqs.len()].join(",");
        let sql = format!(
            "SELECT id, name, kind, company, city, phones, emails, updated_at FROM customers
             WHERE seq IN ({marks}) AND deleted_at IS NULL{in_scope}"
        );
        let mut q = sqlx::query_as::<_, CandidateRow>(sqlx::AssertSqlSafe(sql));
        for s in &seqs {
            q = q.bind(s);
        }
        let rows = q.fetch_all(&mut *conn).await?;

        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut contacts: HashMap<String, Vec<CandidateContact>> = HashMap::new();
        if !ids.is_empty() {
            let marks = vec!["?"; ids.len()].join(",");
            let sql = format!(
                "SELECT customer_id, name, phones, emails FROM contacts WHERE customer_id IN ({marks}) AND deleted_at IS NULL"
            );
            let mut q = sqlx::query_as::<_, (String, String, String, String)>(sqlx::AssertSqlSafe(sql));
            for id in &ids {
                q = q.bind(*id);
            }
            for (cid, name, phones, emails) in q.fetch_all(&mut *conn).await? {
                contacts.entry(cid).or_default().push(CandidateContact {
                    name,
                    phones: serde_json::from_str(&phones).unwrap_or_default(),
                    emails: serde_json::from_str(&emails).unwrap_or_default(),
                });
            }
        }

        let folded = fold(query.trim());
        let needle = Needle {
            compact: folded.chars().filter(|c| !c.is_whitespace()).collect(),
            digits: digits(&folded),
            is_digits: matches!(plan, QueryPlan::Digits(_)),
            text: folded,
        };
        let mut hits: Vec<(SearchHit, String)> = rows
            .into_iter()
            .map(|row| {
                let c = Candidate {
                    phones: serde_json::from_str(&row.phones).unwrap_or_default(),
                    emails: serde_json::from_str(&row.emails).unwrap_or_default(),
                    contacts: contacts.remove(&row.id).unwrap_or_default(),
                    row,
                };
                let (score, matched, matched_contact) = rank(&c, &needle);
                let hit = SearchHit {
                    id: c.row.id.clone(),
                    name: c.row.name.clone(),
                    kind: Kind::from_key(&c.row.kind).unwrap_or(Kind::Individual),
                    company: c.row.company.clone(),
                    city: c.row.city.clone(),
                    phones: c.phones,
                    emails: c.emails,
                    score,
                    matched,
                    matched_contact,
                };
                (hit, c.row.updated_at)
            })
            .collect();
        // Best score first; among equals the shorter name (closer match), then the most recently updated.
        hits.sort_by(|(a, au), (b, bu)| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.name.chars().count().cmp(&b.name.chars().count()))
                .then_with(|| bu.cmp(au))
        });
        Ok(hits.into_iter().take(limit).map(|(h, _)| h).collect())
    }
}
