//! Finding duplicate customers without comparing every pair: each customer gets blocking keys
//! (its phones, emails, the sound of its name, its company); only customers sharing a key are
//! compared, scored on all their evidence, and linked above a threshold. Linked customers form
//! clusters (union-find), each scored by its weakest link.
//!
//! A key shared by more than [`MAX_BLOCK`] customers (a switchboard number, 张伟) proves nothing
//! and would cost a quadratic number of comparisons: it is skipped and reported, while those
//! customers still meet through their other keys.

use super::keys::{company_key, email_key, name_key, phone_key, similarity, sound_key};
use crate::access::Access;
use crate::customer::model::{Choice, Kind};
use crate::error::CoreResult;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};

/// Customers sharing one key beyond this are not compared through it.
pub const MAX_BLOCK: usize = 100;
/// Score from which two customers are proposed as one, unless asked otherwise.
pub const DEFAULT_MIN_SCORE: u8 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The same phone number, however typed.
    Phone,
    Email,
    /// The same name (case, width and spacing aside).
    SameName,
    /// Names that sound the same in pinyin (张三 / 章三 / Zhang San).
    SoundsAlike,
    /// Names one or two letters apart in pinyin.
    SimilarName,
    /// The same company, legal form aside.
    Company,
}

/// One piece of evidence of a cluster, with the value that matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DuplicateReason {
    pub evidence: Evidence,
    pub value: String,
}

/// A customer of a cluster, with what a reviewer compares at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DuplicateMember {
    #[serde(skip)]
    pub seq: i64,
    pub id: String,
    pub name: String,
    pub kind: String,
    #[sqlx(json)]
    pub phones: Vec<String>,
    #[sqlx(json)]
    pub emails: Vec<String>,
    pub company: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub owner: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Customers the scan takes for one; members oldest first (the suggested survivor leads).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DuplicateCluster {
    /// 0..=100: every member is tied to the others by links at least this strong.
    pub score: u8,
    pub members: Vec<DuplicateMember>,
    pub reasons: Vec<DuplicateReason>,
}

/// A key too common to be compared through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CommonKey {
    pub evidence: Evidence,
    pub value: String,
    pub customers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DuplicateScan {
    /// Live customers in the user's scope that were looked at.
    pub scanned: u32,
    /// Clusters found; `clusters` holds the strongest `limit` of them.
    pub found: u32,
    pub clusters: Vec<DuplicateCluster>,
    /// The most common keys that were not compared through (at most ten).
    pub common_keys: Vec<CommonKey>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScanOptions {
    pub min_score: u8,
    pub limit: u32,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions { min_score: DEFAULT_MIN_SCORE, limit: 200 }
    }
}

/// What the scan keeps of a customer: its keys.
struct Keys {
    seq: i64,
    name: String,
    organization: bool,
    phones: Vec<String>,
    emails: Vec<String>,
    name_key: String,
    sound: Option<String>,
    company: Option<String>,
    /// The city, folded: two organizations of one name in different cities are branches.
    city: Option<String>,
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    seq: i64,
    name: String,
    kind: String,
    phones: String,
    emails: String,
    company: Option<String>,
    city: Option<String>,
}

impl From<KeyRow> for Keys {
    fn from(r: KeyRow) -> Keys {
        let list = |json: &str, key: fn(&str) -> Option<String>| -> Vec<String> {
            let mut keys: Vec<String> =
                serde_json::from_str::<Vec<String>>(json).unwrap_or_default().iter().filter_map(|v| key(v)).collect();
            keys.sort();
            keys.dedup();
            keys
        };
        let organization = Kind::from_key(&r.kind) != Some(Kind::Individual);
        // An organization's own name is its company; a person's company is where they work.
        let company = if organization { company_key(&r.name) } else { r.company.as_deref().and_then(company_key) };
        Keys {
            seq: r.seq,
            organization,
            phones: list(&r.phones, phone_key),
            emails: list(&r.emails, email_key),
            name_key: name_key(&r.name),
            sound: sound_key(&r.name),
            company,
            city: r.city.as_deref().map(name_key).filter(|c| !c.is_empty()),
            name: r.name,
        }
    }
}

/// How strongly two customers look like one, with why.
fn score(a: &Keys, b: &Keys) -> (i32, Vec<DuplicateReason>) {
    let mut total = 0;
    // Other numbers and mail on both sides: for people, more likely two of them; an
    // organization has many of each.
    let mut conflicts = 0;
    let mut reasons = Vec::new();
    let shared = |x: &[String], y: &[String]| x.iter().find(|v| y.binary_search(v).is_ok()).cloned();
    match shared(&a.phones, &b.phones) {
        Some(phone) => {
            total += 50;
            reasons.push(DuplicateReason { evidence: Evidence::Phone, value: phone });
        }
        // Both reachable, never at one number: more likely two people.
        None if !a.phones.is_empty() && !b.phones.is_empty() => conflicts -= 15,
        None => {}
    }
    match shared(&a.emails, &b.emails) {
        Some(email) => {
            total += 50;
            reasons.push(DuplicateReason { evidence: Evidence::Email, value: email });
        }
        None if !a.emails.is_empty() && !b.emails.is_empty() => conflicts -= 15,
        None => {}
    }
    let same_company = a.company.is_some() && a.company == b.company;
    let other_city = matches!((&a.city, &b.city), (Some(x), Some(y)) if x != y);
    if a.organization && b.organization && same_company {
        // An organization's name is its company: one name, legal form aside; in another city,
        // more likely a branch.
        total += if other_city { 30 } else { 55 };
        reasons.push(DuplicateReason { evidence: Evidence::Company, value: a.company.clone().unwrap_or_default() });
        return (total.min(100), reasons);
    }
    let sounds = match (&a.sound, &b.sound) {
        (Some(x), Some(y)) => similarity(x, y),
        _ => similarity(&a.name_key, &b.name_key),
    };
    if !a.name_key.is_empty() && a.name_key == b.name_key {
        total += 40;
        reasons.push(DuplicateReason { evidence: Evidence::SameName, value: a.name.clone() });
    } else if sounds >= 1.0 {
        total += 30;
        reasons.push(DuplicateReason { evidence: Evidence::SoundsAlike, value: a.sound.clone().unwrap_or_default() });
    } else if sounds >= 0.92 {
        total += 20;
        reasons.push(DuplicateReason { evidence: Evidence::SimilarName, value: format!("{} / {}", a.name, b.name) });
    } else if sounds < 0.6 {
        total -= 10;
    }
    if same_company {
        total += 15;
        reasons.push(DuplicateReason { evidence: Evidence::Company, value: a.company.clone().unwrap_or_default() });
    }
    total += conflicts;
    (total.min(100), reasons)
}

struct Disjoint(Vec<u32>);

impl Disjoint {
    fn root(&mut self, mut i: u32) -> u32 {
        while self.0[i as usize] != i {
            let parent = self.0[i as usize];
            self.0[i as usize] = self.0[parent as usize];
            i = parent;
        }
        i
    }
}

/// Live customers' keys in the user's scope, read in pages of seq.
async fn load_keys(conn: &mut SqliteConnection, access: &Access) -> CoreResult<Vec<Keys>> {
    let scope = access.scope.sql_condition("territory");
    let sql = format!(
        "SELECT seq, name, kind, phones, emails, company, city FROM customers
         WHERE deleted_at IS NULL AND seq > ?1{scope} ORDER BY seq LIMIT 20000"
    );
    let mut keys = Vec::new();
    let mut after = 0i64;
    loop {
        let rows: Vec<KeyRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(after).fetch_all(&mut *conn).await?;
        let Some(last) = rows.last() else { break };
        after = last.seq;
        keys.extend(rows.into_iter().map(Keys::from));
    }
    Ok(keys)
}

async fn dismissed_pairs(conn: &mut SqliteConnection) -> CoreResult<HashSet<(i64, i64)>> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT low_seq, high_seq FROM duplicate_dismissals").fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().collect())
}

/// Scans the user's customers for duplicates. Reads only: the clusters are proposals.
pub(crate) async fn scan(
    conn: &mut SqliteConnection,
    access: &Access,
    options: ScanOptions,
) -> CoreResult<DuplicateScan> {
    let customers = load_keys(conn, access).await?;
    let dismissed = dismissed_pairs(conn).await?;
    // Comparing is CPU work of a second or more: off the async threads.
    let found = tokio::task::spawn_blocking(move || cluster(&customers, &dismissed, options))
        .await
        .map_err(|e| crate::error::CoreError::internal(format!("the duplicate scan stopped unexpectedly: {e}")))?;
    let mut clusters = Vec::with_capacity(found.clusters.len());
    for (score, seqs, reasons) in found.clusters {
        clusters.push(DuplicateCluster { score, members: load_members(conn, &seqs).await?, reasons });
    }
    Ok(DuplicateScan { scanned: found.scanned, found: found.total, clusters, common_keys: found.common_keys })
}

/// The clusters a scan found: the strongest `limit` as (score, member seqs, reasons).
struct Clustered {
    scanned: u32,
    total: u32,
    clusters: Vec<(u8, Vec<i64>, Vec<DuplicateReason>)>,
    common_keys: Vec<CommonKey>,
}

fn cluster(customers: &[Keys], dismissed: &HashSet<(i64, i64)>, options: ScanOptions) -> Clustered {
    let mut blocks: HashMap<(Evidence, &str), Vec<u32>> = HashMap::new();
    for (i, c) in customers.iter().enumerate() {
        let i = i as u32;
        for p in &c.phones {
            blocks.entry((Evidence::Phone, p)).or_default().push(i);
        }
        for e in &c.emails {
            blocks.entry((Evidence::Email, e)).or_default().push(i);
        }
        if let Some(s) = &c.sound {
            blocks.entry((Evidence::SoundsAlike, s)).or_default().push(i);
        }
        if let Some(co) = &c.company {
            blocks.entry((Evidence::Company, co)).or_default().push(i);
        }
    }
    let mut links: Vec<(i32, u32, u32)> = Vec::new();
    let mut compared: HashSet<(u32, u32)> = HashSet::new();
    let mut common = Vec::new();
    for ((evidence, value), members) in &blocks {
        if members.len() < 2 {
            continue;
        }
        if members.len() > MAX_BLOCK {
            common.push(CommonKey { evidence: *evidence, value: value.to_string(), customers: members.len() as u32 });
            continue;
        }
        for (n, &x) in members.iter().enumerate() {
            for &y in &members[n + 1..] {
                if x == y || !compared.insert((x.min(y), x.max(y))) {
                    continue;
                }
                let (a, b) = (&customers[x as usize], &customers[y as usize]);
                if dismissed.contains(&(a.seq.min(b.seq), a.seq.max(b.seq))) {
                    continue;
                }
                let (s, _) = score(a, b);
                if s >= i32::from(options.min_score) {
                    links.push((s, x, y));
                }
            }
        }
    }
    // Strongest links first: the link that joins two groups is the weakest tie of the result.
    links.sort_by(|l, r| r.0.cmp(&l.0).then(l.1.cmp(&r.1)).then(l.2.cmp(&r.2)));
    let mut sets = Disjoint((0..customers.len() as u32).collect());
    let mut weakest: HashMap<u32, i32> = HashMap::new();
    for &(s, x, y) in &links {
        let (rx, ry) = (sets.root(x), sets.root(y));
        if rx == ry {
            continue;
        }
        let floor = s.min(weakest.remove(&rx).unwrap_or(100)).min(weakest.remove(&ry).unwrap_or(100));
        sets.0[ry as usize] = rx;
        weakest.insert(rx, floor);
    }
    let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
    for &(_, x, _) in &links {
        let root = sets.root(x);
        groups.entry(root).or_default();
    }
    for i in 0..customers.len() as u32 {
        let root = sets.root(i);
        if let Some(g) = groups.get_mut(&root) {
            g.push(i);
        }
    }
    let mut found: Vec<(u8, Vec<u32>)> =
        groups.into_iter().map(|(root, members)| (weakest[&root].clamp(0, 100) as u8, members)).collect();
    found.sort_by(|l, r| r.0.cmp(&l.0).then(l.1[0].cmp(&r.1[0])));
    let total = found.len() as u32;
    found.truncate(options.limit as usize);
    let mut clusters = Vec::with_capacity(found.len());
    for (score_floor, members) in found {
        let mut reasons: Vec<DuplicateReason> = Vec::new();
        for (n, &x) in members.iter().enumerate() {
            for &y in &members[n + 1..] {
                reasons.extend(score(&customers[x as usize], &customers[y as usize]).1);
            }
        }
        reasons.sort();
        reasons.dedup();
        let seqs: Vec<i64> = members.iter().map(|&i| customers[i as usize].seq).collect();
        clusters.push((score_floor, seqs, reasons));
    }
    common.sort_by(|l, r| r.customers.cmp(&l.customers).then(l.value.cmp(&r.value)));
    common.truncate(10);
    Clustered { scanned: customers.len() as u32, total, clusters, common_keys: common }
}

/// The members of a cluster as a reviewer sees them, oldest first.
pub(crate) async fn load_members(conn: &mut SqliteConnection, seqs: &[i64]) -> CoreResult<Vec<DuplicateMember>> {
    let list = seqs.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT seq, id, name, kind, phones, emails, company, province, city, owner, created_at, updated_at
         FROM customers WHERE seq IN ({list}) ORDER BY seq"
    )))
    .fetch_all(&mut *conn)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str, kind: &str, phones: &[&str], emails: &[&str], company: Option<&str>) -> Keys {
        Keys::from(KeyRow {
            seq: 1,
            name: name.into(),
            kind: kind.into(),
            phones: serde_json::to_string(phones).unwrap(),
            emails: serde_json::to_string(emails).unwrap(),
            company: company.map(str::to_string),
            city: None,
        })
    }

    #[test]
    fn evidence_adds_up_and_conflicts_take_away() {
        let a = keys("张三", "individual", &["138 0013 8000"], &["zs@example.com"], Some("云帆科技有限公司"));
        let same_phone_homophone = keys("章三", "individual", &["+86 13800138000"], &[], None);
        assert_eq!(score(&a, &same_phone_homophone).0, 80);
        let same_everything = keys("张三", "individual", &["13800138000"], &["ZS@example.com"], Some("云帆科技"));
        assert_eq!(score(&a, &same_everything).0, 100);
        // Same name at the same company but other numbers and mail: two people, below the bar.
        let namesake = keys("张三", "individual", &["13900000000"], &["other@example.com"], Some("云帆科技"));
        assert!(score(&a, &namesake).0 < i32::from(DEFAULT_MIN_SCORE));
        let stranger = keys("李四", "individual", &["13800138000"], &[], None);
        assert_eq!(score(&a, &stranger).0, 40, "a shared number alone with another name stays below the bar");
    }

    #[test]
    fn organizations_meet_on_their_name_without_legal_form() {
        let a = keys("北京云帆科技有限公司", "enterprise", &[], &[], None);
        let b = keys("北京云帆科技", "enterprise", &[], &[], None);
        let (s, reasons) = score(&a, &b);
        assert!(s >= i32::from(DEFAULT_MIN_SCORE), "{s}");
        assert!(reasons.iter().any(|r| r.evidence == Evidence::Company));
        let in_shanghai = Keys { city: Some("上海".into()), ..keys("云帆科技", "enterprise", &[], &[], None) };
        let in_beijing = Keys { city: Some("北京".into()), ..keys("云帆科技", "enterprise", &[], &[], None) };
        assert!(score(&in_shanghai, &in_beijing).0 < i32::from(DEFAULT_MIN_SCORE), "a branch in another city");
    }
}
