//! After sending: who got what, marking responses, conversions and unsubscriptions, and a
//! campaign's results with the orders its recipients placed within the attribution window. All
//! of it among the recipients the reader may see.

use super::store::row_of;
use super::{
    CampaignRecipient, CampaignRecipientPage, CampaignResults, CustomerCampaign, CustomerCampaigns, RecipientMark,
    RecipientOutcome,
};
use crate::changelog::{self, ChangeOp, ChangeSet, Stamp};
use crate::commerce::order_model::CurrencyTotal;
use crate::conditions::sql::COUNTED_ORDERS;
use crate::customer::model::Choice;
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use sqlx::SqliteConnection;

/// Whether order `o` counts for delivered recipient `r`: a counted order placed on the day of
/// delivery or within the window after it (`?2`: the window in days).
fn attributed(order: &str) -> String {
    format!(
        "{order}.customer_seq = r.customer_seq AND {order}.{COUNTED_ORDERS}
         AND {order}.ordered_on >= substr(r.delivered_at, 1, 10)
         AND {order}.ordered_on <= date(substr(r.delivered_at, 1, 10), '+' || ?2 || ' days')"
    )
}

/// Sets or clears the customer's unsubscription, logged like any change of the customer.
async fn set_unsubscribed(
    conn: &mut SqliteConnection,
    stamp: &Stamp,
    customer_id: &str,
    unsubscribed: bool,
) -> CoreResult<bool> {
    let old: Option<Option<String>> =
        sqlx::query_scalar("SELECT unsubscribed_at FROM customers WHERE id = ?1 AND deleted_at IS NULL")
            .bind(customer_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(old) = old else { return Err(CoreError::not_found(format!("no customer with id {customer_id}"))) };
    if old.is_some() == unsubscribed {
        return Ok(false);
    }
    let new = unsubscribed.then(|| stamp.at.clone());
    sqlx::query(
        "UPDATE customers SET unsubscribed_at = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
    )
    .bind(customer_id)
    .bind(&new)
    .bind(&stamp.at)
    .bind(&stamp.actor)
    .execute(&mut *conn)
    .await?;
    let mut changes = ChangeSet::default();
    changes.field("unsubscribed_at", old.as_ref(), new.as_ref());
    changelog::record_own(conn, stamp, "customer", customer_id, ChangeOp::Update, changes.to_json()).await?;
    Ok(true)
}

impl Crm {
    /// Marks (or unmarks) recipients who responded, converted or asked to unsubscribe. Every one
    /// must have been sent the message and be within the user's territories, or none is marked.
    pub async fn mark_campaign_recipients(
        &self,
        actor: &Actor,
        id: &str,
        customer_ids: &[String],
        mark: RecipientMark,
        on: bool,
    ) -> CoreResult<u64> {
        let access = self.access(actor).await?;
        if customer_ids.len() > 10_000 {
            return Err(CoreError::invalid("at most 10000 recipients are marked at once"));
        }
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let current = row_of(&mut tx, id).await?;
        let mut tx = self.campaign_editable(&access, tx, &current, "campaign.mark").await?;
        let mut seqs = Vec::with_capacity(customer_ids.len());
        for cid in customer_ids {
            let found: Option<(i64, Option<i64>, String)> = sqlx::query_as(
                "SELECT c.seq, c.territory, r.outcome FROM customers c
                   JOIN campaign_recipients r ON r.customer_seq = c.seq AND r.campaign_seq = ?2 WHERE c.id = ?1",
            )
            .bind(cid)
            .bind(current.seq)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                None => {
                    return Err(CoreError::not_found(format!("customer {cid} is not a recipient of this campaign")));
                }
                Some((_, t, _)) if !access.scope.contains(t) => {
                    drop(tx);
                    let reason = crate::access::OUTSIDE_SCOPE;
                    return Err(self.refuse(&access.login, "campaign.mark", Some(id), reason).await);
                }
                Some((_, _, outcome)) if outcome != RecipientOutcome::Delivered.key() => {
                    return Err(CoreError::invalid(format!(
                        "customer {cid} was not sent the message ({outcome}); only a reached recipient responds or converts"
                    )));
                }
                Some((seq, _, _)) => seqs.push((seq, cid)),
            }
        }
        let mut changed = 0;
        for (seq, cid) in seqs {
            changed += match mark {
                RecipientMark::Unsubscribed => u64::from(set_unsubscribed(&mut tx, &stamp, cid, on).await?),
                RecipientMark::Responded | RecipientMark::Converted => {
                    let column = if mark == RecipientMark::Responded { "responded_at" } else { "converted_at" };
                    let set = if on { format!("coalesce({column}, ?3)") } else { "NULL".to_string() };
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "UPDATE campaign_recipients SET {column} = {set}
                         WHERE campaign_seq = ?1 AND customer_seq = ?2 AND ({column} IS NULL) = ?4"
                    )))
                    .bind(current.seq)
                    .bind(seq)
                    .bind(&stamp.at)
                    .bind(on)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                }
            };
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Takes a customer off (or back on) every campaign's list.
    pub async fn set_customer_unsubscribed(
        &self,
        actor: &Actor,
        customer_id: &str,
        unsubscribed: bool,
    ) -> CoreResult<()> {
        self.customer_access(actor, customer_id, "customer.unsubscribe").await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        set_unsubscribed(&mut tx, &stamp, customer_id, unsubscribed).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The campaign's results among the recipients the reader may see.
    pub async fn campaign_results(&self, actor: &Actor, id: &str) -> CoreResult<CampaignResults> {
        let scope = self.access(actor).await?.scope;
        let mut conn = self.db.reader.acquire().await?;
        let c = row_of(&mut conn, id).await?;
        let in_scope = scope.sql_condition("cu.territory");
        let window = c.attribution_days;
        let (recipients, delivered, failed, skipped, pending, responded): (i64, i64, i64, i64, i64, i64) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT count(*), coalesce(sum(r.outcome = 'delivered'), 0), coalesce(sum(r.outcome = 'failed'), 0),
                        coalesce(sum(r.outcome = 'skipped'), 0), coalesce(sum(r.outcome = 'pending'), 0),
                        coalesce(sum(r.outcome = 'delivered' AND r.responded_at IS NOT NULL), 0)
                 FROM campaign_recipients r JOIN customers cu ON cu.seq = r.customer_seq
                 WHERE r.campaign_seq = ?1{in_scope}"
            )))
            .bind(c.seq)
            .fetch_one(&mut *conn)
            .await?;
        let converted: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM campaign_recipients r JOIN customers cu ON cu.seq = r.customer_seq
             WHERE r.campaign_seq = ?1 AND r.outcome = 'delivered'{in_scope}
               AND (r.converted_at IS NOT NULL OR EXISTS (SELECT 1 FROM orders o WHERE {}))",
            attributed("o")
        )))
        .bind(c.seq)
        .bind(window)
        .fetch_one(&mut *conn)
        .await?;
        let totals: Vec<(String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT o.currency, count(*), sum(o.amount) FROM campaign_recipients r
               JOIN customers cu ON cu.seq = r.customer_seq
               JOIN orders o ON {}
             WHERE r.campaign_seq = ?1 AND r.outcome = 'delivered'{in_scope}
             GROUP BY o.currency ORDER BY o.currency",
            attributed("o")
        )))
        .bind(c.seq)
        .bind(window)
        .fetch_all(&mut *conn)
        .await?;
        Ok(CampaignResults {
            recipients,
            reached: delivered,
            failed,
            skipped,
            pending,
            responded,
            converted,
            attributed_orders: totals.iter().map(|(_, n, _)| n).sum(),
            attributed_amount: totals
                .into_iter()
                .map(|(currency, _, amount)| CurrencyTotal { currency, amount })
                .collect(),
        })
    }

    /// A page of the campaign's recipients the reader may see, optionally of one outcome.
    pub async fn campaign_recipients(
        &self,
        actor: &Actor,
        id: &str,
        outcome: Option<RecipientOutcome>,
        cursor: Option<&str>,
        limit: u32,
    ) -> CoreResult<CampaignRecipientPage> {
        let scope = self.access(actor).await?.scope;
        let after: i64 = match cursor {
            None => 0,
            Some(c) => c.parse().map_err(|_| CoreError::invalid("the page cursor is not one this list gave out"))?,
        };
        let limit = i64::from(limit.clamp(1, 500));
        let mut conn = self.db.reader.acquire().await?;
        let c = row_of(&mut conn, id).await?;
        type Row = (
            i64,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.customer_seq, cu.id, cu.name, r.email, r.outcome, r.reason, r.delivered_at, r.responded_at,
                    r.converted_at, cu.unsubscribed_at
             FROM campaign_recipients r JOIN customers cu ON cu.seq = r.customer_seq
             WHERE r.campaign_seq = ?1 AND r.customer_seq > ?2 AND (?3 IS NULL OR r.outcome = ?3){}
             ORDER BY r.customer_seq LIMIT ?4",
            scope.sql_condition("cu.territory")
        )))
        .bind(c.seq)
        .bind(after)
        .bind(outcome.map(|o| o.key()))
        .bind(limit + 1)
        .fetch_all(&mut *conn)
        .await?;
        let more = rows.len() as i64 > limit;
        let rows: Vec<Row> = rows.into_iter().take(limit as usize).collect();
        let next_cursor = if more { rows.last().map(|r| r.0.to_string()) } else { None };
        Ok(CampaignRecipientPage {
            next_cursor,
            rows: rows
                .into_iter()
                .map(
                    |(
                        _,
                        customer_id,
                        customer_name,
                        email,
                        outcome,
                        reason,
                        delivered_at,
                        responded_at,
                        converted_at,
                        unsub,
                    )| {
                        CampaignRecipient {
                            customer_id,
                            customer_name,
                            email,
                            outcome: RecipientOutcome::from_key(&outcome).unwrap_or(RecipientOutcome::Pending),
                            reason,
                            delivered_at,
                            responded_at,
                            converted_at,
                            unsubscribed: unsub.is_some(),
                        }
                    },
                )
                .collect(),
        })
    }

    /// The campaigns that went (or were to go) to a customer the reader may see, newest first,
    /// and whether the customer takes campaigns.
    pub async fn customer_campaigns(&self, actor: &Actor, customer_id: &str) -> CoreResult<CustomerCampaigns> {
        self.customer_access(actor, customer_id, "campaign.list").await?;
        let mut conn = self.db.reader.acquire().await?;
        let unsubscribed_at: Option<String> = sqlx::query_scalar("SELECT unsubscribed_at FROM customers WHERE id = ?1")
            .bind(customer_id)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
        type Row = (String, String, String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT k.id, k.name, r.outcome, r.delivered_at, r.responded_at, r.converted_at
             FROM campaign_recipients r JOIN campaigns k ON k.seq = r.campaign_seq
             JOIN customers cu ON cu.seq = r.customer_seq
             WHERE cu.id = ?1 AND k.deleted_at IS NULL ORDER BY k.sent_at DESC, k.seq DESC LIMIT 100",
        )
        .bind(customer_id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(CustomerCampaigns {
            unsubscribed_at,
            campaigns: rows
                .into_iter()
                .map(|(campaign_id, name, outcome, delivered_at, responded_at, converted_at)| CustomerCampaign {
                    campaign_id,
                    name,
                    outcome: RecipientOutcome::from_key(&outcome).unwrap_or(RecipientOutcome::Pending),
                    delivered_at,
                    responded_at,
                    converted_at,
                })
                .collect(),
        })
    }
}
