//! The survivor of a merge as the reviewer chose it: for each field, the value of the customer
//! picked for it; a field nobody picked keeps the survivor's value, or the first other
//! customer's when the survivor has none. Phones, emails and tags are never chosen between:
//! the survivor keeps them all, so a merge loses no way of reaching the customer.

use super::keys::{email_key, phone_key};
use crate::customer::store::CustomerRow;
use crate::customer::validate::{CustomerRecord, MAX_EMAILS, MAX_PHONES};
use crate::error::{CoreError, CoreResult};
use std::collections::BTreeMap;

/// The fields a reviewer picks a value of, in the order the review screen shows them; a custom
/// dimension is `custom.<key>`. `location` is country, province, city and address together, so
/// a merge never makes an address of one customer's city and another's street.
pub const MERGE_FIELDS: &[&str] = &[
    "name",
    "kind",
    "lifecycle",
    "tier",
    "industry",
    "size",
    "source",
    "owner",
    "location",
    "company",
    "website",
    "externalId",
    "notes",
];

/// Copies one field (as named in [`MERGE_FIELDS`]) from `from` into `into`.
pub(crate) fn take(into: &mut CustomerRecord, from: &CustomerRecord, field: &str) -> CoreResult<()> {
    match field {
        "name" => {
            into.name = from.name.clone();
            into.name_sort = from.name_sort.clone();
        }
        "kind" => into.kind = from.kind,
        "lifecycle" => into.lifecycle = from.lifecycle,
        "tier" => into.tier = from.tier.clone(),
        "industry" => into.industry = from.industry.clone(),
        "size" => into.size = from.size,
        "source" => into.source = from.source.clone(),
        "owner" => into.owner = from.owner.clone(),
        "location" => {
            into.country = from.country.clone();
            into.province = from.province.clone();
            into.city = from.city.clone();
            into.address = from.address.clone();
        }
        "company" => into.company = from.company.clone(),
        "website" => into.website = from.website.clone(),
        "externalId" => into.external_id = from.external_id.clone(),
        "notes" => into.notes = from.notes.clone(),
        other => match other.strip_prefix("custom.") {
            Some(key) => match from.custom.get(key) {
                Some(value) => {
                    into.custom.insert(key.to_string(), value.clone());
                }
                None => {
                    into.custom.remove(key);
                }
            },
            None => {
                return Err(CoreError::invalid(format!(
                    "'{other}' is not a field a merge chooses; choose one of {} or custom.<key>",
                    MERGE_FIELDS.join(", ")
                )));
            }
        },
    }
    Ok(())
}

/// Whether the survivor has nothing in a field a later customer could fill.
fn is_empty(r: &CustomerRecord, field: &str) -> bool {
    match field {
        "tier" => r.tier.is_none(),
        "industry" => r.industry.is_none(),
        "size" => r.size.is_none(),
        "source" => r.source.is_none(),
        "owner" => r.owner.is_none(),
        "location" => r.country.is_none() && r.province.is_none() && r.city.is_none() && r.address.is_none(),
        "company" => r.company.is_none(),
        "website" => r.website.is_none(),
        "externalId" => r.external_id.is_none(),
        "notes" => r.notes.is_none(),
        _ => false,
    }
}

/// Appends values not already present by their key (a number typed two ways is one number).
pub(crate) fn union(into: &mut Vec<String>, from: &[String], key: fn(&str) -> Option<String>) {
    for value in from {
        let k = key(value).unwrap_or_else(|| value.trim().to_string());
        if !into.iter().any(|v| key(v).unwrap_or_else(|| v.trim().to_string()) == k) {
            into.push(value.clone());
        }
    }
}

/// The survivor's record after the merge. `rows[0]` is the survivor; `picks` maps a field to
/// the id of the customer whose value it keeps.
pub(crate) fn combine(rows: &[CustomerRow], picks: &BTreeMap<String, String>) -> CoreResult<CustomerRecord> {
    let records: Vec<CustomerRecord> = rows.iter().map(CustomerRow::record).collect();
    let mut merged = records[0].clone();
    for field in MERGE_FIELDS {
        if picks.contains_key(*field) || !is_empty(&merged, field) {
            continue;
        }
        if let Some(donor) = records[1..].iter().find(|r| !is_empty(r, field)) {
            take(&mut merged, donor, field)?;
        }
    }
    for other in &records[1..] {
        for (key, value) in &other.custom {
            merged.custom.entry(key.clone()).or_insert_with(|| value.clone());
        }
        union(&mut merged.phones, &other.phones, phone_key);
        union(&mut merged.emails, &other.emails, email_key);
    }
    for (field, from_id) in picks {
        let Some(at) = rows.iter().position(|r| &r.id == from_id) else {
            return Err(CoreError::invalid(format!(
                "the value of '{field}' is to come from customer {from_id}, which is not in this merge"
            )));
        };
        take(&mut merged, &records[at], field)?;
    }
    check_list_sizes(&merged)
        .map_err(|e| CoreError::invalid(format!("together these customers have {e}; remove some before merging")))?;
    Ok(merged)
}

/// A record gathered from several (a merge, an import adding numbers) may hold too many phones
/// or emails; says how many it would have.
pub(crate) fn check_list_sizes(record: &CustomerRecord) -> Result<(), String> {
    if record.phones.len() > MAX_PHONES {
        return Err(format!("{} phone numbers and a customer holds at most {MAX_PHONES}", record.phones.len()));
    }
    if record.emails.len() > MAX_EMAILS {
        return Err(format!("{} email addresses and a customer holds at most {MAX_EMAILS}", record.emails.len()));
    }
    Ok(())
}
