//! `crm import leads FILE.csv`: leads from a UTF-8 CSV whose header names the columns
//! `name,company,phone,email,source,province,city,notes` (and optionally `country`, `industry`),
//! in any order. The file applies whole or not at all (unless invalid rows may be skipped), in one
//! transaction; the new leads enter the pool and the assignment rules hand them out at once.

use super::lead_machine::LeadStatus;
use super::lead_model::{LeadInput, LeadOrigin, lead_problems};
use super::leads::{NewLead, insert_leads, next_lead_seq, outside_lead_territories};
use super::pool::PoolRules;
use super::rule_engine::RuleEngine;
use crate::csv_io::import::{ImportOptions, RejectedRow, csv_error};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::Serialize;
use std::io::Read;

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
}

const BATCH: usize = 2000;

fn header_columns(header: &csv::StringRecord) -> CoreResult<Vec<usize>> {
    let mut columns = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim_start_matches('\u{feff}').trim().to_lowercase();
        let Some(known) = LEAD_COLUMNS.iter().position(|c| *c == name) else {
            return Err(CoreError::invalid(format!(
                "line 1: unknown column '{name}' in column {} (columns: {})",
                i + 1,
                LEAD_COLUMNS.join(", ")
            )));
        };
        if columns.contains(&known) {
            return Err(CoreError::invalid(format!("line 1: column '{name}' appears twice in the header")));
        }
        columns.push(known);
    }
    if !columns.contains(&0) {
        return Err(CoreError::invalid("line 1: the header has no 'name' column"));
    }
    Ok(columns)
}

fn lead_input(columns: &[usize], record: &csv::StringRecord) -> LeadInput {
    let mut input = LeadInput::default();
    for (column, cell) in columns.iter().zip(record.iter()) {
        // A spreadsheet-escaped value ('+86 …) comes back as it was typed.
        let cell = crate::csv_io::unescape_formula(cell);
        let value = Some(cell.trim().to_string()).filter(|v| !v.is_empty());
        match LEAD_COLUMNS[*column] {
            "name" => input.name = cell.to_string(),
            "company" => input.company = value,
            "phone" => input.phone = value,
            "email" => input.email = value,
            "source" => input.source = value,
            "province" => input.province = value,
            "city" => input.city = value,
            "notes" => input.notes = value,
            "country" => input.country = value,
            _ => input.industry = value,
        }
    }
    input
}

impl Crm {
    pub async fn import_leads_csv<R: Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
        options: ImportOptions,
    ) -> CoreResult<LeadImportReport> {
        let access = self.access(actor).await?;
        let (mut reader, header) = crate::csv_io::import::reader_with_header(source)?;
        let columns = header_columns(&header)?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let territories = crate::access::territories::load_map(&mut tx).await?;
        let mut next_seq = next_lead_seq(&mut tx).await?;
        let mut rejected = Vec::new();
        let mut outside = 0u64;
        let mut batch: Vec<NewLead> = Vec::with_capacity(BATCH);
        let mut seqs: Vec<i64> = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let line = crate::csv_io::record_line(&record, i as u64 + 2);
            let record = match record {
                Ok(r) if r.len() != columns.len() => {
                    let reason = format!("has {} fields but the header has {}", r.len(), columns.len());
                    rejected.push(RejectedRow::new(line, reason));
                    continue;
                }
                Ok(r) => r,
                Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                    return Err(CoreError::invalid(format!("the file could not be read: {e}")));
                }
                Err(e) => {
                    rejected.push(RejectedRow::new(line, csv_error(&e).message));
                    continue;
                }
            };
            let (lead, problems) = lead_problems(&lead_input(&columns, &record));
            let problems = problems.into_messages();
            if !problems.is_empty() {
                rejected.push(RejectedRow::new(line, problems.join("; ")));
                continue;
            }
            let territory =
                territories.territory_of(lead.country.as_deref(), lead.province.as_deref(), lead.city.as_deref());
            if !access.scope.contains(territory) {
                outside += 1;
                rejected.push(RejectedRow::new(line, outside_lead_territories(&lead)));
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
        let applied = rejected.is_empty() || options.skip_invalid;
        let mut assigned = 0;
        if applied {
            let pool = PoolRules::load(&mut tx).await?;
            let mut engine = RuleEngine::load(&mut tx, &pool, self.now()).await?;
            assigned = engine.assign_new(&mut tx, &stamp, &seqs).await?;
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        if outside > 0 {
            let detail = format!("{outside} row(s) of a lead import lie outside the user's territories");
            self.record_refusal(&access.login, "lead.import", None, &detail).await;
        }
        let imported = if applied { seqs.len() as u64 } else { 0 };
        if imported >= 10_000 {
            self.db.optimize().await?;
        }
        Ok(LeadImportReport { imported, assigned, rejected })
    }
}
