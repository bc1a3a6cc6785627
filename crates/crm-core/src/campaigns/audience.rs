//! Who a campaign reaches and what each recipient reads: the segment's members the sender may
//! see, less the blacklist segment's members, the unsubscribed and those without an address;
//! each one's message rendered from the placeholders with their own values.

use super::template::Template;
use super::{Audience, MessagePreview};
use crate::access::Scope;
use crate::conditions::catalog::{ConditionField, Entity};
use crate::conditions::sql::{SqlArg, load_facts};
use crate::conditions::{Fact, FieldKind};
use crate::error::{CoreError, CoreResult};
use crate::settings::Language;
use crate::{Actor, Crm};
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};

/// The placeholder of the address the message goes to; not a catalog field.
pub(crate) const EMAIL_KEY: &str = "email";

/// The fields a message may name, with their options (for choice labels).
pub(crate) struct PlaceholderFields {
    fields: Vec<ConditionField>,
}

impl PlaceholderFields {
    /// The key a placeholder's name stands for: a field's key, or its Chinese or English label.
    pub(crate) fn resolve(&self, name: &str) -> Option<String> {
        if name == EMAIL_KEY || name == "邮箱" || name.eq_ignore_ascii_case("e-mail") {
            return Some(EMAIL_KEY.to_string());
        }
        self.fields
            .iter()
            .find(|f| f.key == name || f.label_zh == name || f.label_en.eq_ignore_ascii_case(name))
            .map(|f| f.key.clone())
    }

    pub(crate) fn parse(&self, text: &str) -> CoreResult<Template> {
        Template::parse(text, |name| self.resolve(name))
    }

    fn text_of(&self, key: &str, fact: &Fact, language: Language) -> String {
        let field = self.fields.iter().find(|f| f.key == key);
        let label = |k: &str| {
            field.and_then(|f| f.options.iter().find(|o| o.key == k)).map_or_else(
                || k.to_string(),
                |o| if language == Language::En { o.label_en.clone() } else { o.label_zh.clone() },
            )
        };
        match fact {
            Fact::Text(Some(v)) if field.is_some_and(|f| f.kind == FieldKind::Choice) => label(v),
            Fact::Text(Some(v)) => v.clone(),
            Fact::Number(Some(n)) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Fact::Number(Some(n)) => n.to_string(),
            Fact::Date(Some(d)) => d.chars().take(10).collect(),
            Fact::Tags(tags) => tags.join(if language == Language::En { ", " } else { "、" }),
            _ => String::new(),
        }
    }
}

/// A customer of the audience with the address a message would go to.
pub(crate) struct Member {
    pub seq: i64,
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub unsubscribed: bool,
}

/// The first usable address of the customer, else of one of its contacts: `emails` columns hold
/// JSON arrays.
fn first_address(lists: &[Option<String>]) -> Option<String> {
    lists
        .iter()
        .flatten()
        .filter_map(|json| serde_json::from_str::<Vec<String>>(json).ok())
        .flatten()
        .map(|e| e.trim().to_string())
        .find(|e| e.parse::<lettre::Address>().is_ok())
}

pub(crate) async fn members_by_seq(conn: &mut SqliteConnection, seqs: &[i64]) -> CoreResult<Vec<Member>> {
    let mut out = Vec::with_capacity(seqs.len());
    for chunk in seqs.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        type Row = (i64, String, String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT c.seq, c.id, c.name, c.emails, c.unsubscribed_at,
                    (SELECT group_concat(k.emails, '\u{1f}') FROM contacts k
                      WHERE k.customer_id = c.id AND k.deleted_at IS NULL AND k.emails != '[]')
             FROM customers c WHERE c.seq IN ({list}) ORDER BY c.seq"
        )))
        .fetch_all(&mut *conn)
        .await?;
        for (seq, id, name, emails, unsubscribed_at, contact_emails) in rows {
            let mut lists = vec![Some(emails)];
            lists.extend(contact_emails.iter().flat_map(|c| c.split('\u{1f}')).map(|s| Some(s.to_string())));
            out.push(Member { seq, id, name, email: first_address(&lists), unsubscribed: unsubscribed_at.is_some() });
        }
    }
    Ok(out)
}

/// Each member's values of `keys`, as text in `language`, by customer id.
pub(crate) async fn values_of(
    conn: &mut SqliteConnection,
    fields: &PlaceholderFields,
    keys: &HashSet<String>,
    members: &[Member],
    language: Language,
) -> CoreResult<HashMap<String, HashMap<String, String>>> {
    let mut out: HashMap<String, HashMap<String, String>> = members
        .iter()
        .map(|m| (m.id.clone(), HashMap::from([(EMAIL_KEY.to_string(), m.email.clone().unwrap_or_default())])))
        .collect();
    let facts_keys: HashSet<String> = keys.iter().filter(|k| *k != EMAIL_KEY).cloned().collect();
    if facts_keys.is_empty() {
        return Ok(out);
    }
    for chunk in members.chunks(500) {
        let list = chunk.iter().map(|m| m.seq.to_string()).collect::<Vec<_>>().join(",");
        let records = load_facts(
            conn,
            Entity::Customer,
            &format!("c.seq IN ({list})"),
            &[] as &[SqlArg],
            chunk.len() as i64,
            Some(&facts_keys),
        )
        .await?;
        for r in records {
            let values = out.entry(r.id).or_default();
            for (key, fact) in &r.facts {
                values.insert(key.clone(), fields.text_of(key, fact, language));
            }
        }
    }
    Ok(out)
}

/// Why a member of the segment is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exclusion {
    Blacklisted,
    Unsubscribed,
    NoAddress,
}

impl Exclusion {
    pub(crate) fn of(member: &Member, blacklisted: &HashSet<i64>) -> Option<Exclusion> {
        if blacklisted.contains(&member.seq) {
            Some(Exclusion::Blacklisted)
        } else if member.unsubscribed {
            Some(Exclusion::Unsubscribed)
        } else if member.email.is_none() {
            Some(Exclusion::NoAddress)
        } else {
            None
        }
    }

    pub(crate) fn reason(self) -> &'static str {
        match self {
            Exclusion::Blacklisted => "in the excluded segment",
            Exclusion::Unsubscribed => "unsubscribed",
            Exclusion::NoAddress => "no e-mail address",
        }
    }
}

impl Crm {
    /// The fields a campaign message may name: the customer's own and custom fields, the tier.
    pub(crate) async fn placeholder_fields(&self, actor: &Actor) -> CoreResult<PlaceholderFields> {
        let mut fields = self.segment_fields(actor).await?;
        fields.retain(|f| !matches!(f.kind, FieldKind::Aggregate | FieldKind::Membership));
        Ok(PlaceholderFields { fields })
    }

    /// The segment's members in `scope` and the excluded segment's members among them.
    pub(crate) async fn audience_members(
        &self,
        conn: &mut SqliteConnection,
        segment_id: &str,
        exclude_segment_id: Option<&str>,
        scope: &Scope,
    ) -> CoreResult<(Vec<Member>, HashSet<i64>)> {
        let seqs = self.segment_member_seqs(conn, segment_id, scope).await?;
        let blacklisted = self.blacklist(conn, exclude_segment_id).await?;
        Ok((members_by_seq(conn, &seqs).await?, blacklisted))
    }

    /// Everyone in the excluded segment, whoever's territory: a blacklist holds whatever the
    /// sender cannot see too.
    async fn blacklist(
        &self,
        conn: &mut SqliteConnection,
        exclude_segment_id: Option<&str>,
    ) -> CoreResult<HashSet<i64>> {
        Ok(match exclude_segment_id {
            Some(x) => self.segment_member_seqs(conn, x, &Scope::All).await?.iter().copied().collect(),
            None => HashSet::new(),
        })
    }

    /// How many of the campaign's segment it would reach now, and why the others not.
    pub async fn campaign_audience(&self, actor: &Actor, id: &str) -> CoreResult<Audience> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let c = super::store::row_of(&mut conn, id).await?;
        self.prepare_segment_windows(&[&c.segment_id, c.exclude_segment_id.as_deref().unwrap_or_default()]).await?;
        let (members, blacklisted) =
            self.audience_members(&mut conn, &c.segment_id, c.exclude_segment_id.as_deref(), &access.scope).await?;
        let mut a = Audience {
            members: members.len() as i64,
            blacklisted: 0,
            unsubscribed: 0,
            without_address: 0,
            recipients: 0,
        };
        for m in &members {
            match Exclusion::of(m, &blacklisted) {
                Some(Exclusion::Blacklisted) => a.blacklisted += 1,
                Some(Exclusion::Unsubscribed) => a.unsubscribed += 1,
                Some(Exclusion::NoAddress) => a.without_address += 1,
                None => a.recipients += 1,
            }
        }
        Ok(a)
    }

    /// The campaign's message as a customer the reader may see gets it (or would, were they in
    /// the audience), with why they would be left out.
    pub async fn preview_campaign(&self, actor: &Actor, id: &str, customer_id: &str) -> CoreResult<MessagePreview> {
        self.customer_access(actor, customer_id, "campaign.preview").await?;
        let fields = self.placeholder_fields(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        let c = super::store::row_of(&mut conn, id).await?;
        let seq: i64 = sqlx::query_scalar("SELECT seq FROM customers WHERE id = ?1 AND deleted_at IS NULL")
            .bind(customer_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("no customer with id {customer_id}")))?;
        let member = members_by_seq(&mut conn, &[seq]).await?.pop().expect("the customer was just read");
        self.prepare_segment_windows(&[&c.segment_id, c.exclude_segment_id.as_deref().unwrap_or_default()]).await?;
        let in_segment = self.segment_member_seqs(&mut conn, &c.segment_id, &Scope::All).await?;
        let blacklisted = self.blacklist(&mut conn, c.exclude_segment_id.as_deref()).await?;
        let excluded = if in_segment.binary_search(&seq).is_err() {
            Some("not in the campaign's segment".to_string())
        } else {
            Exclusion::of(&member, &blacklisted).map(|e| e.reason().to_string())
        };
        let (subject, body) = (fields.parse(&c.subject)?, fields.parse(&c.body)?);
        let keys: HashSet<String> = subject.keys().into_iter().chain(body.keys()).collect();
        let values = values_of(&mut conn, &fields, &keys, std::slice::from_ref(&member), c.language()).await?;
        let mine = values.get(&member.id).cloned().unwrap_or_default();
        Ok(MessagePreview {
            customer_id: member.id,
            customer_name: member.name,
            email: member.email,
            subject: subject.render(&mine),
            body: body.render(&mine),
            excluded,
        })
    }
}
