//! Sending a campaign: the audience and each recipient's message are frozen in one transaction,
//! then the messages leave one by one (an .eml file each, or through SMTP) and each outcome is
//! recorded as it happens. Sending again continues with what is pending and retries what failed;
//! a delivered recipient is never sent the message twice.

use super::audience::{Exclusion, values_of};
use super::store::{CampaignRow, row_of};
use super::{CampaignStatus, DeliveryChannel, DeliveryReport, DeliveryRequest, RecipientOutcome};
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Recipients read and recorded per round.
const BATCH: i64 = 200;

/// `List-Unsubscribe`: mail programs show an unsubscribe button that writes to the sender.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// The campaigns being sent by this process: a second click on "send" must not mail the
/// pending recipients a second time while the first run is still going.
#[derive(Default)]
pub struct CampaignRuns(std::sync::Mutex<HashSet<String>>);

pub(crate) struct RunGuard<'a> {
    runs: &'a CampaignRuns,
    id: String,
}

impl CampaignRuns {
    fn start(&self, id: &str) -> CoreResult<RunGuard<'_>> {
        let mut running = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if !running.insert(id.to_string()) {
            return Err(CoreError::conflict("this campaign is being sent already"));
        }
        Ok(RunGuard { runs: self, id: id.to_string() })
    }
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        self.runs.0.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.id);
    }
}

struct Pending {
    seq: i64,
    customer_id: String,
    name: String,
    email: String,
    subject: String,
    body: String,
}

enum Sink {
    Eml(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// What became of one message; `Stop` leaves it (and the rest) pending.
enum Sent {
    Delivered,
    Failed(String),
    Stop(String),
}

fn message(c: &CampaignRow, p: &Pending, now: chrono::DateTime<chrono::Utc>) -> CoreResult<Message> {
    let from = Mailbox::new(
        c.from_name.clone(),
        c.from_address.parse().map_err(|e| CoreError::invalid(format!("the sender's address is not usable: {e}")))?,
    );
    let to = Mailbox::new(
        Some(p.name.clone()),
        p.email.parse().map_err(|e| CoreError::invalid(format!("'{}' is not usable: {e}", p.email)))?,
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(p.subject.clone())
        // The same id on a retry lets a mail program drop a duplicate.
        .message_id(Some(message_id(&c.id, &p.customer_id)))
        .date(now.into())
        .header(ListUnsubscribe(format!("<mailto:{}?subject=unsubscribe>", c.from_address)))
        .header(ContentType::TEXT_PLAIN)
        .body(p.body.clone())
        .map_err(|e| CoreError::internal(format!("the message cannot be built: {e}")))
}

fn message_id(campaign_id: &str, customer_id: &str) -> String {
    format!("<{campaign_id}.{customer_id}@kehu-crm.local>")
}

/// Writes the file whole or not at all: a crash leaves no half-written message behind.
fn write_eml(dir: &Path, customer_id: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = dir.join(format!("{customer_id}.eml"));
    let tmp = dir.join(format!(".{customer_id}.eml.part"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &path)
}

async fn deliver(sink: &Sink, p: &Pending, msg: Message) -> Sent {
    match sink {
        Sink::Eml(dir) => match write_eml(dir, &p.customer_id, &msg.formatted()) {
            Ok(()) => Sent::Delivered,
            Err(e) => Sent::Stop(format!("the file for {} cannot be written in {}: {e}", p.name, dir.display())),
        },
        Sink::Smtp(t) => match t.send(msg).await {
            Ok(_) => Sent::Delivered,
            // The server refused this recipient (5xx): the others may still go.
            Err(e) if e.is_permanent() => Sent::Failed(format!("the server refused it: {e}")),
            Err(e) => Sent::Stop(format!("the SMTP server cannot be used: {e}")),
        },
    }
}

fn eml_directory(request: &DeliveryRequest) -> CoreResult<PathBuf> {
    let dir = request
        .eml_directory
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| CoreError::invalid("name the folder the .eml files are written to"))?;
    let dir = PathBuf::from(dir);
    if !dir.is_absolute() {
        return Err(CoreError::invalid("the folder for the .eml files must be a full path"));
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| CoreError::invalid(format!("the folder {} cannot be made: {e}", dir.display())))?;
    Ok(dir)
}

impl Crm {
    /// Sends the campaign (owner, manager or administrator): a draft is frozen first, within the
    /// sender's territories; one already sending or with failed recipients continues.
    pub async fn send_campaign(&self, actor: &Actor, id: &str, request: DeliveryRequest) -> CoreResult<DeliveryReport> {
        let _running = self.campaign_runs.start(id)?;
        let access = self.access(actor).await?;
        let sink = match request.channel {
            DeliveryChannel::Eml => Sink::Eml(eml_directory(&request)?),
            DeliveryChannel::Smtp => Sink::Smtp(super::smtp::transport(&mut *self.db.reader.acquire().await?).await?),
        };
        let stamp = self.stamp(actor);
        // Kept order totals are made in a write of their own, before the audience is frozen.
        let planned = row_of(&mut *self.db.reader.acquire().await?, id).await?;
        self.prepare_segment_windows(&[&planned.segment_id, planned.exclude_segment_id.as_deref().unwrap_or_default()])
            .await?;
        let tx = self.db.begin_write().await?;
        let mut tx = {
            let mut tx = tx;
            let current = row_of(&mut tx, id).await?;
            let mut tx = self.campaign_editable(&access, tx, &current, "campaign.send").await?;
            if current.status() == CampaignStatus::Draft {
                self.freeze_audience(actor, &mut tx, &current, &access.scope, &stamp).await?;
            }
            tx
        };
        let open: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM campaign_recipients r JOIN campaigns k ON k.seq = r.campaign_seq
             WHERE k.id = ?1 AND r.outcome IN ('pending', 'failed')",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if open == 0 {
            return Err(CoreError::conflict("every recipient of this campaign has been sent the message"));
        }
        let eml_dir = match &sink {
            Sink::Eml(d) => Some(d.display().to_string()),
            Sink::Smtp(_) => None,
        };
        sqlx::query(
            "UPDATE campaigns SET status = 'sending', channel = ?2, eml_directory = coalesce(?3, eml_directory),
                    sent_by = ?4, sent_at = coalesce(sent_at, ?5), updated_at = ?5 WHERE id = ?1",
        )
        .bind(id)
        .bind(request.channel.key())
        .bind(eml_dir)
        .bind(&access.login)
        .bind(&stamp.at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let stopped = self.deliver_open(id, &sink).await?;
        self.finish_run(id, stopped).await
    }

    /// Writes a recipient row for every member of the segment the sender may see: pending with
    /// the rendered message, or skipped with why.
    async fn freeze_audience(
        &self,
        actor: &Actor,
        tx: &mut sqlx::SqliteConnection,
        c: &CampaignRow,
        scope: &crate::access::Scope,
        stamp: &crate::changelog::Stamp,
    ) -> CoreResult<()> {
        let fields = self.placeholder_fields(actor).await?;
        let (subject, body) = (fields.parse(&c.subject)?, fields.parse(&c.body)?);
        let keys: HashSet<String> = subject.keys().into_iter().chain(body.keys()).collect();
        let (members, blacklisted) =
            self.audience_members(tx, &c.segment_id, c.exclude_segment_id.as_deref(), scope).await?;
        if !members.iter().any(|m| Exclusion::of(m, &blacklisted).is_none()) {
            return Err(CoreError::invalid(format!(
                "nobody to send to: the segment has {} members you may see, none subscribed with an e-mail address and outside the excluded segment",
                members.len()
            )));
        }
        for chunk in members.chunks(BATCH as usize) {
            let values = values_of(tx, &fields, &keys, chunk, c.language()).await?;
            for m in chunk {
                let mine = values.get(&m.id).cloned().unwrap_or_default();
                let excluded = Exclusion::of(m, &blacklisted);
                let outcome = if excluded.is_some() { RecipientOutcome::Skipped } else { RecipientOutcome::Pending };
                sqlx::query(
                    "INSERT INTO campaign_recipients (campaign_seq, customer_seq, email, subject, body, outcome, reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .bind(c.seq)
                .bind(m.seq)
                .bind(&m.email)
                .bind(subject.render(&mine))
                .bind(body.render(&mine))
                .bind(outcome.key())
                .bind(excluded.map(Exclusion::reason))
                .execute(&mut *tx)
                .await?;
            }
        }
        tracing::info!(campaign = %c.id, members = members.len(), at = %stamp.at, "campaign audience frozen");
        Ok(())
    }

    /// Sends every pending and failed message once, recording each round; returns why it
    /// stopped early, if it did.
    async fn deliver_open(&self, id: &str, sink: &Sink) -> CoreResult<Option<String>> {
        let mut after = 0i64;
        loop {
            let mut conn = self.db.reader.acquire().await?;
            let c = row_of(&mut conn, id).await?;
            let batch: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
                "SELECT r.customer_seq, cu.id, cu.name, r.email, r.subject, r.body
                 FROM campaign_recipients r JOIN customers cu ON cu.seq = r.customer_seq
                 WHERE r.campaign_seq = ?1 AND r.outcome IN ('pending', 'failed') AND r.customer_seq > ?2
                 ORDER BY r.customer_seq LIMIT ?3",
            )
            .bind(c.seq)
            .bind(after)
            .bind(BATCH)
            .fetch_all(&mut *conn)
            .await?;
            drop(conn);
            let Some(last) = batch.last() else { return Ok(None) };
            after = last.0;
            for (seq, customer_id, name, email, subject, body) in batch {
                let p = Pending { seq, customer_id, name, email, subject, body };
                let sent = match message(&c, &p, self.now()) {
                    Ok(msg) => deliver(sink, &p, msg).await,
                    Err(e) => Sent::Failed(e.message),
                };
                match sent {
                    Sent::Stop(reason) => return Ok(Some(reason)),
                    // Recorded one by one: after a crash at most the message in flight goes twice.
                    Sent::Delivered => self.record_outcome(&c, &p, RecipientOutcome::Delivered, None).await?,
                    Sent::Failed(reason) => {
                        self.record_outcome(&c, &p, RecipientOutcome::Failed, Some(&reason)).await?
                    }
                }
            }
        }
    }

    async fn record_outcome(
        &self,
        c: &CampaignRow,
        p: &Pending,
        outcome: RecipientOutcome,
        reason: Option<&str>,
    ) -> CoreResult<()> {
        let at = crate::clock::to_db(self.now());
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE campaign_recipients SET outcome = ?3, reason = ?4,
                    delivered_at = CASE WHEN ?3 = 'delivered' THEN ?5 END, message_id = ?6
             WHERE campaign_seq = ?1 AND customer_seq = ?2",
        )
        .bind(c.seq)
        .bind(p.seq)
        .bind(outcome.key())
        .bind(reason)
        .bind(&at)
        .bind((outcome == RecipientOutcome::Delivered).then(|| message_id(&c.id, &p.customer_id)))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks the campaign sent once nothing is pending and reports where it stands.
    async fn finish_run(&self, id: &str, stopped: Option<String>) -> CoreResult<DeliveryReport> {
        let mut tx = self.db.begin_write().await?;
        let counts: Vec<(String, i64)> = sqlx::query_as(
            "SELECT r.outcome, count(*) FROM campaign_recipients r JOIN campaigns k ON k.seq = r.campaign_seq
             WHERE k.id = ?1 GROUP BY r.outcome",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let of = |o: RecipientOutcome| counts.iter().find(|(k, _)| k == o.key()).map_or(0, |(_, n)| *n);
        let report = DeliveryReport {
            delivered: of(RecipientOutcome::Delivered),
            failed: of(RecipientOutcome::Failed),
            skipped: of(RecipientOutcome::Skipped),
            pending: of(RecipientOutcome::Pending),
            stopped,
        };
        if report.pending == 0 {
            sqlx::query("UPDATE campaigns SET status = 'sent' WHERE id = ?1").bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(report)
    }
}
