//! `crm import leads FILE`: leads from a table (CSV in any common encoding and delimiter, or a
//! workbook) whose headers name the fields in English or Chinese (姓名, 公司, 手机, 邮箱, 来源, 省份,
//! 城市, 备注, 国家, 行业), or as the user maps them. The file applies whole or not at all (unless
//! invalid rows may be skipped), in one transaction; the new leads enter the pool and the
//! assignment rules hand them out at once. An applied import is a batch of the import history
//! and can be reverted while nobody has worked its leads.

use super::lead_machine::LeadStatus;
use super::lead_model::{LeadInput, LeadOrigin, lead_problems};
use super::leads::{NewLead, insert_leads, next_lead_seq, outside_lead_territories};
use super::pool::PoolRules;
use super::rule_engine::RuleEngine;
use crate::csv_io::import::{ImportOptions, RejectedRow, open_table, read_rows};
use crate::error::{CoreError, CoreResult};
use crate::import::batches::{NewBatch, record_batch};
use crate::import::fixed_fields::FixedFields;
use crate::import::progress::ImportControl;
use crate::import::source::{FileFormat, SourceFacts, SourceRow};
use crate::{Actor, Crm};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::io::Read;

/// The fields of a leads file and the headers that name them.
const LEAD_FIELDS: FixedFields = FixedFields {
    record: "lead",
    fields: &[
        ("name", &["姓名", "联系人", "客户名称", "名称", "线索名称", "fullname", "contact"]),
        ("company", &["公司", "公司名称", "单位", "企业", "企业名称", "organization"]),
        ("phone", &["手机", "电话", "手机号", "联系电话", "mobile", "tel", "telephone"]),
        ("email", &["邮箱", "电子邮件", "电子邮箱", "mail"]),
        ("source", &["来源", "线索来源", "渠道"]),
        ("province", &["省份", "省", "state"]),
        ("city", &["城市", "市"]),
        ("notes", &["备注", "说明", "note", "remark", "remarks"]),
        ("country", &["国家", "国家地区"]),
        ("industry", &["行业"]),
    ],
    lists: &[],
    required: &[&["name"]],
};

/// The fields a leads file may have, for the CLI's help and the import page.
pub const LEAD_COLUMNS: &[&str] =
    &["name", "company", "phone", "email", "source", "province", "city", "notes", "country", "industry"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LeadImportReport {
    pub imported: u64,
    /// Of the imported, handed out by the assignment rules (the rest wait in the pool).
    pub assigned: u64,
    pub rejected: Vec<RejectedRow>,
    /// The history entry of an applied import.
    pub batch: Option<String>,
    pub dry_run: bool,
    pub source: SourceFacts,
    pub header: Vec<String>,
}

const BATCH: usize = 2000;

fn lead_input(columns: &[Option<&str>], cells: &csv::StringRecord) -> LeadInput {
    let mut input = LeadInput::default();
    for (column, cell) in columns.iter().zip(cells.iter()) {
        // A spreadsheet-escaped value ('+86 …) comes back as it was typed.
        let cell = crate::csv_io::unescape_formula(cell);
        let value = Some(cell.trim().to_string()).filter(|v| !v.is_empty());
        match column {
            Some("name") => input.name = cell.to_string(),
            Some("company") => input.company = value,
            Some("phone") => input.phone = value,
            Some("email") => input.email = value,
            Some("source") => input.source = value,
            Some("province") => input.province = value,
            Some("city") => input.city = value,
            Some("notes") => input.notes = value,
            Some("country") => input.country = value,
            Some("industry") => input.industry = value,
            _ => {}
        }
    }
    input
}

impl Crm {
    pub async fn import_leads<R: Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
        options: ImportOptions,
    ) -> CoreResult<LeadImportReport> {
        let table = open_table(source, &options, &ImportControl::new(0)).await?;
        if table.facts.format == FileFormat::Vcard {
            return Err(CoreError::invalid("leads are imported from a table (CSV or a workbook), not from vCards"));
        }
        let access = self.access(actor).await?;
        let header = table.header.clone();
        let columns = LEAD_FIELDS.columns(&header, &options.mapping, false)?;
        let (table, rows, mut rejected) = read_rows(table).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let territories = crate::access::territories::load_map(&mut tx).await?;
        let first_seq = next_lead_seq(&mut tx).await?;
        let mut next_seq = first_seq;
        let mut outside = 0u64;
        let mut batch: Vec<NewLead> = Vec::with_capacity(BATCH);
        let mut seqs: Vec<i64> = Vec::new();
        for SourceRow { line, cells } in rows {
            let reject =
                |reason: String| RejectedRow { line, reason, cells: cells.iter().map(str::to_string).collect() };
            if cells.len() != columns.len() {
                rejected.push(reject(format!("has {} fields but the header has {}", cells.len(), columns.len())));
                continue;
            }
            let (lead, problems) = lead_problems(&lead_input(&columns, &cells));
            let problems = problems.into_messages();
            if !problems.is_empty() {
                rejected.push(reject(problems.join("; ")));
                continue;
            }
            let territory =
                territories.territory_of(lead.country.as_deref(), lead.province.as_deref(), lead.city.as_deref());
            if !access.scope.contains(territory) {
                outside += 1;
                rejected.push(reject(outside_lead_territories(&lead)));
                continue;
            }
            seqs.push(next_seq);
            batch.push(NewLead {
                seq: next_seq,
                id: crate::new_id(),
                record: lead,
                territory,
                origin: LeadOrigin::Import,
                status: LeadStatus::Unassigned,
                owner: None,
            });
            next_seq += 1;
            if batch.len() == BATCH {
                insert_leads(&mut tx, &stamp, &batch).await?;
                batch.clear();
            }
        }
        insert_leads(&mut tx, &stamp, &batch).await?;
        rejected.sort_by_key(|r| r.line);
        let outcome = options.outcome(!rejected.is_empty());
        let applied = outcome.writes;
        let imported = if outcome.counts { seqs.len() as u64 } else { 0 };
        let (mut assigned, mut batch_id) = (0, None);
        if applied {
            let pool = PoolRules::load(&mut tx).await?;
            let mut engine = RuleEngine::load(&mut tx, &pool, self.now()).await?;
            assigned = engine.assign_new(&mut tx, &stamp, &seqs).await?;
            let new_batch = NewBatch {
                entity: "leads",
                file_name: options.file_name.as_deref(),
                format: table.facts.format.key(),
                created: imported,
                updated: 0,
                mode: "create",
                rejected: rejected.len() as u64,
                seqs: (imported > 0).then_some((first_seq, next_seq - 1)),
                created_tags: &[],
            };
            batch_id = Some(record_batch(&mut tx, &stamp, new_batch).await?);
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        if outside > 0 {
            let detail = format!("{outside} row(s) of a lead import lie outside the user's territories");
            self.record_refusal(&access.login, "lead.import", None, &detail).await;
        }
        if applied && imported >= 10_000 {
            self.db.optimize().await?;
        }
        Ok(LeadImportReport {
            imported,
            assigned,
            rejected,
            batch: batch_id,
            dry_run: options.dry_run,
            source: table.facts,
            header,
        })
    }
}

/// Removes the leads a batch added, with their history; refused once anyone has worked one of
/// them since (an edit, a follow-up, a status change after the import's own assignment, a task).
/// A lead made since in a seq an earlier revert freed is not the batch's either.
pub(crate) async fn remove_leads(
    conn: &mut SqliteConnection,
    first: i64,
    last: i64,
    imported_at: &str,
) -> CoreResult<()> {
    let worked: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM leads WHERE seq BETWEEN ?1 AND ?2 AND (updated_at <> ?3 OR created_at <> ?3))
              + (SELECT count(*) FROM lead_followups WHERE lead_seq BETWEEN ?1 AND ?2)
              + (SELECT count(DISTINCT lead_seq) FROM lead_transitions WHERE lead_seq BETWEEN ?1 AND ?2 AND at <> ?3)
              + (SELECT count(*) FROM tasks WHERE record_kind = 'lead'
                 AND record_id IN (SELECT id FROM leads WHERE seq BETWEEN ?1 AND ?2))",
    )
    .bind(first)
    .bind(last)
    .bind(imported_at)
    .fetch_one(&mut *conn)
    .await?;
    if worked > 0 {
        return Err(CoreError::conflict(format!(
            "the imported leads have been worked since ({worked} edit(s), follow-up(s), status change(s) or task(s)); reverting would lose that work, so nothing was changed"
        )));
    }
    for sql in [
        "DELETE FROM change_log WHERE entity = 'lead' AND entity_id IN (SELECT id FROM leads WHERE seq BETWEEN ?1 AND ?2)",
        "DELETE FROM lead_transitions WHERE lead_seq BETWEEN ?1 AND ?2",
        "DELETE FROM leads WHERE seq BETWEEN ?1 AND ?2",
    ] {
        sqlx::query(sql).bind(first).bind(last).execute(&mut *conn).await?;
    }
    Ok(())
}
