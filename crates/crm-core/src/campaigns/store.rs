//! Making and changing campaigns. Anyone may make one; its owner, a manager or an administrator
//! changes, sends and deletes it. Only a draft's content changes: once sending starts, what
//! each recipient got is what was recorded.

use super::{Campaign, CampaignInput, CampaignStatus, DeliveryChannel};
use crate::access::Access;
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use crate::settings::Language;
use crate::{Actor, Crm};
use sqlx::SqliteConnection;

const NAME_MAX: usize = 80;
const SUBJECT_MAX: usize = 200;
const BODY_MAX: usize = 100_000;

#[derive(sqlx::FromRow)]
pub(crate) struct CampaignRow {
    pub seq: i64,
    pub id: String,
    pub name: String,
    pub segment_id: String,
    pub segment_name: String,
    pub exclude_segment_id: Option<String>,
    pub exclude_segment_name: Option<String>,
    pub from_address: String,
    pub from_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub language: String,
    pub attribution_days: i64,
    pub status: String,
    pub channel: Option<String>,
    pub eml_directory: Option<String>,
    pub sent_at: Option<String>,
    pub sent_by: Option<String>,
    pub owner: String,
    pub created_at: String,
    pub updated_at: String,
}

const CAMPAIGN_SELECT: &str = "SELECT k.seq, k.id, k.name, k.segment_id, s.name AS segment_name,
    k.exclude_segment_id, x.name AS exclude_segment_name, k.from_address, k.from_name, k.subject, k.body,
    k.language, k.attribution_days, k.status, k.channel, k.eml_directory, k.sent_at, k.sent_by, k.owner,
    k.created_at, k.updated_at
    FROM campaigns k JOIN segments s ON s.id = k.segment_id LEFT JOIN segments x ON x.id = k.exclude_segment_id
    WHERE k.deleted_at IS NULL";

impl CampaignRow {
    pub(crate) fn language(&self) -> Language {
        Language::parse(&self.language).unwrap_or(Language::ZhCn)
    }

    pub(crate) fn status(&self) -> CampaignStatus {
        CampaignStatus::from_key(&self.status).unwrap_or(CampaignStatus::Draft)
    }

    fn into_campaign(self, access: &Access) -> Campaign {
        Campaign {
            may_edit: access.may_change_owned(&self.owner),
            language: self.language(),
            status: self.status(),
            channel: self.channel.as_deref().and_then(DeliveryChannel::from_key),
            id: self.id,
            name: self.name,
            segment_id: self.segment_id,
            segment_name: self.segment_name,
            exclude_segment_id: self.exclude_segment_id,
            exclude_segment_name: self.exclude_segment_name,
            from_address: self.from_address,
            from_name: self.from_name,
            subject: self.subject,
            body: self.body,
            attribution_days: self.attribution_days as u32,
            eml_directory: self.eml_directory,
            sent_at: self.sent_at,
            sent_by: self.sent_by,
            owner: self.owner,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

pub(crate) async fn row_of(conn: &mut SqliteConnection, id: &str) -> CoreResult<CampaignRow> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{CAMPAIGN_SELECT} AND k.id = ?1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("no campaign with id {id}")))
}

/// The input as it will be stored, trimmed; refuses what cannot be sent.
struct Checked {
    name: String,
    from_name: Option<String>,
    from_address: String,
}

async fn live_segment(conn: &mut SqliteConnection, id: &str, what: &str) -> CoreResult<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT seq FROM segments WHERE id = ?1 AND deleted_at IS NULL")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    found
        .map(|_| ())
        .ok_or_else(|| CoreError::invalid(format!("the {what} segment does not exist (or is in the trash)")))
}

impl Crm {
    async fn check_campaign(
        &self,
        actor: &Actor,
        conn: &mut SqliteConnection,
        input: &CampaignInput,
    ) -> CoreResult<Checked> {
        let name = input.name.trim().to_string();
        if name.is_empty() || name.chars().count() > NAME_MAX {
            return Err(CoreError::invalid(format!("a campaign needs a name of at most {NAME_MAX} characters")));
        }
        live_segment(conn, &input.segment_id, "campaign's").await?;
        if let Some(x) = &input.exclude_segment_id {
            if *x == input.segment_id {
                return Err(CoreError::invalid("the excluded segment cannot be the segment the campaign goes to"));
            }
            live_segment(conn, x, "excluded").await?;
        }
        let from_address = input.from_address.trim().to_string();
        if from_address.parse::<lettre::Address>().is_err() {
            return Err(CoreError::invalid(format!("'{from_address}' is not an e-mail address to send from")));
        }
        if input.subject.trim().is_empty() || input.subject.chars().count() > SUBJECT_MAX {
            return Err(CoreError::invalid(format!("a campaign needs a subject of at most {SUBJECT_MAX} characters")));
        }
        if input.subject.contains(['\r', '\n']) {
            return Err(CoreError::invalid("a subject is one line"));
        }
        if input.body.trim().is_empty() || input.body.chars().count() > BODY_MAX {
            return Err(CoreError::invalid(format!("a campaign needs a message of at most {BODY_MAX} characters")));
        }
        if !(1..=365).contains(&input.attribution_days) {
            return Err(CoreError::invalid("orders are attributed to a campaign for 1 to 365 days after delivery"));
        }
        let fields = self.placeholder_fields(actor).await?;
        fields.parse(&input.subject)?;
        fields.parse(&input.body)?;
        let from_name = input.from_name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
        Ok(Checked { name, from_name, from_address })
    }

    /// Gives the write back if the user may change the campaign; otherwise refuses (recorded).
    pub(crate) async fn campaign_editable(
        &self,
        access: &Access,
        tx: sqlx::Transaction<'static, sqlx::Sqlite>,
        current: &CampaignRow,
        action: &str,
    ) -> CoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        let reason = "only the campaign's owner, a manager or an administrator may do this";
        self.owned_editable(access, tx, &current.owner, &current.id, action, reason).await
    }

    /// Every campaign, newest first.
    pub async fn campaigns(&self, actor: &Actor) -> CoreResult<Vec<Campaign>> {
        let access = self.access(actor).await?;
        let rows: Vec<CampaignRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{CAMPAIGN_SELECT} ORDER BY k.created_at DESC, k.seq DESC")))
                .fetch_all(&self.db.reader)
                .await?;
        Ok(rows.into_iter().map(|r| r.into_campaign(&access)).collect())
    }

    pub async fn campaign(&self, actor: &Actor, id: &str) -> CoreResult<Campaign> {
        let access = self.access(actor).await?;
        let mut conn = self.db.reader.acquire().await?;
        Ok(row_of(&mut conn, id).await?.into_campaign(&access))
    }

    pub async fn create_campaign(&self, actor: &Actor, input: CampaignInput) -> CoreResult<Campaign> {
        let access = self.access(actor).await?;
        let id = crate::new_id();
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let checked = self.check_campaign(actor, &mut tx, &input).await?;
        sqlx::query(
            "INSERT INTO campaigns (id, name, segment_id, exclude_segment_id, from_address, from_name, subject, body,
                                    language, attribution_days, status, owner, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'draft', ?11, ?12, ?12)",
        )
        .bind(&id)
        .bind(&checked.name)
        .bind(&input.segment_id)
        .bind(&input.exclude_segment_id)
        .bind(&checked.from_address)
        .bind(&checked.from_name)
        .bind(&input.subject)
        .bind(&input.body)
        .bind(input.language.key())
        .bind(input.attribution_days)
        .bind(&access.login)
        .bind(&stamp.at)
        .execute(&mut *tx)
        .await
        .map_err(duplicate_name)?;
        tx.commit().await?;
        self.campaign(actor, &id).await
    }

    /// Changes a draft. The attribution window may change after sending too: it only decides
    /// which later orders count.
    pub async fn update_campaign(&self, actor: &Actor, id: &str, input: CampaignInput) -> CoreResult<Campaign> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let current = row_of(&mut tx, id).await?;
        let mut tx = self.campaign_editable(&access, tx, &current, "campaign.update").await?;
        let checked = self.check_campaign(actor, &mut tx, &input).await?;
        if current.status() != CampaignStatus::Draft {
            let same = checked.name == current.name
                && input.segment_id == current.segment_id
                && input.exclude_segment_id == current.exclude_segment_id
                && checked.from_address == current.from_address
                && checked.from_name == current.from_name
                && input.subject == current.subject
                && input.body == current.body
                && input.language == current.language();
            if !same {
                return Err(CoreError::conflict(
                    "a campaign's message and audience are fixed once it is sent; only its attribution window may change",
                ));
            }
        }
        sqlx::query(
            "UPDATE campaigns SET name = ?2, segment_id = ?3, exclude_segment_id = ?4, from_address = ?5,
                    from_name = ?6, subject = ?7, body = ?8, language = ?9, attribution_days = ?10, updated_at = ?11
             WHERE id = ?1",
        )
        .bind(id)
        .bind(&checked.name)
        .bind(&input.segment_id)
        .bind(&input.exclude_segment_id)
        .bind(&checked.from_address)
        .bind(&checked.from_name)
        .bind(&input.subject)
        .bind(&input.body)
        .bind(input.language.key())
        .bind(input.attribution_days)
        .bind(&stamp.at)
        .execute(&mut *tx)
        .await
        .map_err(duplicate_name)?;
        tx.commit().await?;
        self.campaign(actor, id).await
    }

    /// Puts a campaign in the trash; its recipients' records stay (the customers' history).
    pub async fn delete_campaign(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let current = row_of(&mut tx, id).await?;
        let mut tx = self.campaign_editable(&access, tx, &current, "campaign.delete").await?;
        if current.status() == CampaignStatus::Sending {
            return Err(CoreError::conflict("the campaign is being sent; finish or retry sending first"));
        }
        sqlx::query("UPDATE campaigns SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn duplicate_name(e: sqlx::Error) -> CoreError {
    match &e {
        sqlx::Error::Database(d)
            if d.message().contains("campaigns.name") || d.message().contains("campaigns_name") =>
        {
            CoreError::conflict("another campaign already has this name")
        }
        _ => e.into(),
    }
}

/// The drafts that go to or exclude a segment, by name: a segment they need cannot be deleted.
pub(crate) async fn drafts_using(conn: &mut SqliteConnection, segment_id: &str) -> CoreResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT name FROM campaigns WHERE deleted_at IS NULL AND status = 'draft'
           AND (segment_id = ?1 OR exclude_segment_id = ?1) ORDER BY name",
    )
    .bind(segment_id)
    .fetch_all(&mut *conn)
    .await?)
}
