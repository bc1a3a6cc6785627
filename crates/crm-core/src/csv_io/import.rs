//! `crm import customers FILE`: a table of customers (CSV in any common encoding, a workbook or
//! vCards, see `import::source`) whose columns are matched to fields (see `import::mapping`).
//!
//! The whole file is read inside ONE write transaction, in batches of multi-row inserts. Every
//! rejected line is reported with its reason; unless the caller allows skipping invalid rows, a
//! single rejected line rolls everything back, so an import applies whole or not at all.
//!
//! Two threads share the work: a parsing thread reads, validates and prepares the search
//! documents of the next batch while the database thread writes the previous one.

use super::upsert::{
    Found, Matcher, UpdateContext, UpdatedCustomer, check_update, record_updates, required_column, write_update,
};
pub use super::upsert::{ImportMode, MatchKey};
use super::{COLUMNS, LIST_SEPARATOR};
use crate::access::assignment::Assignees;
use crate::access::places::TerritoryMap;
use crate::access::territories::load_map;
use crate::access::{Access, Scope};
use crate::changelog::Stamp;
use crate::classification::fields::{FieldCatalog, load_catalog};
use crate::classification::tags::{TAG_COLORS, insert_tag, validate_tag_name};
use crate::customer::external_ids;
use crate::customer::model::{CustomValue, CustomerInput, Kind, Lifecycle, Size};
use crate::customer::service::{multi_field_ids, outside_territories};
use crate::customer::store::{self, NewCustomer, Prepared};
use crate::customer::validate::{Problems, parse_choice, validate};
use crate::error::{CoreError, CoreResult};
use crate::import::batches::{NewBatch, mapping_for, record_batch, save_mapping};
use crate::import::mapping::{Mapping, resolve, signature};
use crate::import::progress::{CountingReader, ImportControl};
use crate::import::source::{SourceFacts, SourceOptions, SourceRow, Table};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// Import the valid rows and report the others, instead of importing nothing.
    pub skip_invalid: bool,
    /// Check every row and report what would be imported, then change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Column header -> field key (null: leave the column out); over the suggestions.
    #[serde(default)]
    pub mapping: Mapping,
    #[serde(default)]
    pub source: SourceOptions,
    /// The file's name, for its format and the import history.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Create customers, update the ones rows match, or both (see `csv_io::upsert`).
    #[serde(default)]
    pub mode: ImportMode,
    /// What a row of an update or upsert is matched by [default: the external id].
    #[serde(default)]
    pub key: MatchKey,
}

impl ImportOptions {
    /// Whether the checked rows count (none was rejected, or the rejected are skipped), and
    /// whether they are written (they count and this is no dry run): the all-or-nothing rule of
    /// every import.
    pub(crate) fn outcome(&self, any_rejected: bool) -> Outcome {
        let counts = !any_rejected || self.skip_invalid;
        Outcome { counts, writes: counts && !self.dry_run }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Outcome {
    pub counts: bool,
    pub writes: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RejectedRow {
    pub line: u64,
    pub reason: String,
    /// The row's cells as the file has them, for the rejected-rows file.
    pub cells: Vec<String>,
}

impl RejectedRow {
    pub fn new(line: u64, reason: impl Into<String>) -> Self {
        RejectedRow { line, reason: reason.into(), cells: Vec::new() }
    }
}

/// A column of the file and the field it filled (none: left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnUse {
    pub header: String,
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: u64,
    /// Stored customers the file changed (modes update and upsert).
    pub updated: u64,
    pub rejected: Vec<RejectedRow>,
    /// The history entry of an applied import (none for a dry run or when nothing was applied).
    pub batch: Option<String>,
    pub dry_run: bool,
    pub source: SourceFacts,
    pub header: Vec<String>,
    pub columns: Vec<ColumnUse>,
}

/// Rows per batch: big enough for multi-row statements, small enough to stay light in memory.
const BATCH: usize = 2000;
/// Batches the parsing thread may run ahead of the database thread.
const BATCHES_AHEAD: usize = 2;

/// What each header column is.
pub(super) enum Column {
    Builtin(&'static str),
    Custom(String),
}

/// The column each field of the file fills: the user's mapping over the one saved for this
/// layout, over the suggestions from the headers.
pub(super) fn columns_of(fields: &[Option<String>], catalog: &FieldCatalog) -> Vec<Option<Column>> {
    fields
        .iter()
        .map(|f| {
            f.as_deref().map(|key| match COLUMNS.iter().find(|c| **c == key) {
                Some(b) => Column::Builtin(b),
                None => {
                    debug_assert!(catalog.custom().any(|c| c.key == key));
                    Column::Custom(key.to_string())
                }
            })
        })
        .collect()
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEPARATOR).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// A line as typed: the customer, its tag names and the cells that could not be read as their
/// column's kind (reported together with the validation problems of the same line).
pub(super) struct ParsedRow {
    pub input: CustomerInput,
    pub tags: Vec<String>,
    pub problems: Problems,
    /// The fields whose cells are not empty (what an update changes).
    pub given: Vec<String>,
}

/// One parsed line, or why it cannot be read at all.
pub(super) fn parse_row(columns: &[Option<Column>], record: &csv::StringRecord) -> Result<ParsedRow, String> {
    if record.len() != columns.len() {
        return Err(format!("has {} fields but the header has {}", record.len(), columns.len()));
    }
    let mut input = CustomerInput::named("");
    let mut tags = Vec::new();
    let mut p = Problems::default();
    let mut given = Vec::new();
    for (column, cell) in columns.iter().zip(record.iter()) {
        let Some(column) = column else { continue };
        let cell = super::unescape_formula(cell);
        if !cell.trim().is_empty() {
            let key = match column {
                Column::Builtin(key) => key.to_string(),
                Column::Custom(key) => key.clone(),
            };
            if !given.contains(&key) {
                given.push(key);
            }
        }
        let value = || Some(cell.trim().to_string()).filter(|s| !s.is_empty());
        match column {
            Column::Builtin("external_id") => input.external_id = value(),
            Column::Builtin("name") => input.name = cell.to_string(),
            Column::Builtin("kind") => input.kind = parse_choice::<Kind>(&mut p, cell).unwrap_or(Kind::Individual),
            Column::Builtin("lifecycle") => {
                input.lifecycle = parse_choice::<Lifecycle>(&mut p, cell).unwrap_or(Lifecycle::Potential)
            }
            Column::Builtin("size") => input.size = parse_choice::<Size>(&mut p, cell),
            Column::Builtin("tier") => input.tier = value(),
            Column::Builtin("phone") => input.phones.extend(split_list(cell)),
            Column::Builtin("email") => input.emails.extend(split_list(cell)),
            Column::Builtin("company") => input.company = value(),
            Column::Builtin("country") => input.country = value(),
            Column::Builtin("province") => input.province = value(),
            Column::Builtin("city") => input.city = value(),
            Column::Builtin("address") => input.address = value(),
            Column::Builtin("industry") => input.industry = value(),
            Column::Builtin("source") => input.source = value(),
            Column::Builtin("owner") => input.owner = value(),
            Column::Builtin("website") => input.website = value(),
            Column::Builtin("notes") => input.notes = value(),
            Column::Builtin("tags") => tags.extend(split_list(cell)),
            Column::Builtin(other) => unreachable!("column {other} is in COLUMNS but not handled"),
            Column::Custom(key) => {
                if !cell.trim().is_empty() {
                    input.custom.insert(key.clone(), CustomValue::Text(cell.to_string()));
                }
            }
        }
    }
    Ok(ParsedRow { input, tags, problems: p, given })
}

/// A valid line, ready to be written (its cells kept in case the database refuses it).
struct ReadyRow {
    line: u64,
    prepared: Prepared,
    tag_names: Vec<String>,
    cells: csv::StringRecord,
    given: Vec<String>,
}

impl ReadyRow {
    fn rejected(&self, reason: impl Into<String>) -> RejectedRow {
        RejectedRow { line: self.line, reason: reason.into(), cells: cells_of(&self.cells) }
    }
}

fn cells_of(record: &csv::StringRecord) -> Vec<String> {
    record.iter().map(str::to_string).collect()
}

/// What the parsing thread hands over: valid rows and rejected lines, in file order per batch.
#[derive(Default)]
struct ParsedBatch {
    rows: Vec<ReadyRow>,
    rejected: Vec<RejectedRow>,
}

/// The parsing thread: reads records, checks them against the dimensions and against each other
/// (external ids repeated in the file), and prepares their search documents.
struct Parser {
    table: Table,
    columns: Vec<Option<Column>>,
    catalog: FieldCatalog,
    external_ids: HashMap<String, u64>,
    control: Arc<ImportControl>,
    mode: ImportMode,
    key: MatchKey,
    /// Email or phone keys of the rows so far, for an update by one of them.
    keys_seen: HashMap<String, u64>,
}

impl Parser {
    fn check(&mut self, line: u64, row: ParsedRow) -> Result<(Prepared, Vec<String>, Vec<String>), String> {
        let ParsedRow { mut input, tags, problems, given } = row;
        let mut problems = problems.into_messages();
        if self.mode != ImportMode::Create && input.name.trim().is_empty() {
            // An update may leave the name as stored; a row that creates is checked for one later.
            input.name = KEPT_NAME.to_string();
        }
        let record = validate(&input, &self.catalog).map_err(|e| problems.push(e.message)).ok();
        for t in &tags {
            if let Err(e) = validate_tag_name(t) {
                problems.push(e.message);
            }
        }
        if let Some(ext) = record.as_ref().and_then(|r| r.external_id.as_ref()) {
            match self.external_ids.get(ext) {
                Some(first) => problems.push(format!("external_id '{ext}' already appears on line {first}")),
                None => {
                    self.external_ids.insert(ext.clone(), line);
                }
            }
        }
        if self.mode != ImportMode::Create
            && self.key != MatchKey::ExternalId
            && let Some(record) = &record
        {
            for value in self.key.values(record) {
                match self.keys_seen.get(&value) {
                    Some(first) => problems.push(format!("{value} already appears on line {first}")),
                    None => {
                        self.keys_seen.insert(value, line);
                    }
                }
            }
        }
        match record {
            Some(record) if problems.is_empty() => Ok((Prepared::new(record, Vec::new()), tags, given)),
            _ => Err(problems.join("; ")),
        }
    }

    /// Sends batches until the file ends; an unreadable file ends it with the error.
    fn run(mut self, out: tokio::sync::mpsc::Sender<CoreResult<ParsedBatch>>) {
        let mut batch = ParsedBatch::default();
        while let Some(next) = self.table.next_row() {
            if self.control.is_cancelled() {
                let _ = out.blocking_send(Err(cancelled()));
                return;
            }
            self.control.row_read();
            match next {
                Ok(SourceRow { line, cells }) => {
                    match parse_row(&self.columns, &cells).and_then(|row| self.check(line, row)) {
                        Ok((prepared, tag_names, given)) => {
                            batch.rows.push(ReadyRow { line, prepared, tag_names, cells, given })
                        }
                        Err(reason) => batch.rejected.push(RejectedRow { line, reason, cells: cells_of(&cells) }),
                    }
                }
                Err(Ok(unreadable)) => batch.rejected.push(RejectedRow::new(unreadable.line, unreadable.reason)),
                Err(Err(fatal)) => {
                    let _ = out.blocking_send(Err(fatal));
                    return;
                }
            }
            if batch.rows.len() >= BATCH && out.blocking_send(Ok(std::mem::take(&mut batch))).is_err() {
                return; // the writer stopped (it failed); it reports why
            }
        }
        let _ = out.blocking_send(Ok(batch));
    }
}

/// Tags by lower-cased name; new names are created in the import's transaction.
struct TagResolver {
    known: HashMap<String, i64>,
    /// Tags this import made, in order.
    created: Vec<i64>,
}

impl TagResolver {
    async fn load(conn: &mut SqliteConnection) -> CoreResult<Self> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT seq, name FROM tags WHERE deleted_at IS NULL").fetch_all(conn).await?;
        let known = rows.into_iter().map(|(seq, name)| (name.to_lowercase(), seq)).collect();
        Ok(TagResolver { known, created: Vec::new() })
    }

    async fn resolve(&mut self, conn: &mut SqliteConnection, stamp: &Stamp, names: &[String]) -> CoreResult<Vec<i64>> {
        let mut seqs = Vec::with_capacity(names.len());
        for name in names {
            let key = name.to_lowercase();
            let seq = match self.known.get(&key) {
                Some(seq) => *seq,
                None => {
                    let color = TAG_COLORS[self.created.len() % TAG_COLORS.len()];
                    let (_, seq) = insert_tag(conn, stamp, name, color).await?;
                    self.created.push(seq);
                    self.known.insert(key, seq);
                    seq
                }
            };
            if !seqs.contains(&seq) {
                seqs.push(seq);
            }
        }
        Ok(seqs)
    }
}

/// The database side: tags, external ids already stored, seqs, and the batched insert.
struct Writer {
    stamp: Stamp,
    multi_ids: HashMap<String, String>,
    tags: TagResolver,
    next_seq: i64,
    /// Whether any stored customer has an external id (if none, a file cannot collide with one).
    db_has_external_ids: bool,
    imported: u64,
    rejected: Vec<RejectedRow>,
    /// Where each row's location falls, and which territories the importing user works.
    territories: TerritoryMap,
    scope: Scope,
    /// Sales and service users import into the existing tags only.
    may_create_tags: bool,
    outside_scope: u64,
    /// The accounts an owner column may name, and the territories they work.
    assignees: Assignees,
    cross_assigned: u64,
    mode: ImportMode,
    /// Finds the stored customer of a row (modes update and upsert).
    matcher: Option<Matcher>,
    access: Access,
    catalog: FieldCatalog,
    updated: Vec<UpdatedCustomer>,
    /// Customers matched so far, by the line that matched them: one row per customer.
    matched: HashMap<i64, u64>,
}

impl Writer {
    /// A tag the row names that the user may not create, if any.
    fn unknown_tag<'r>(&self, row: &'r ReadyRow) -> Option<&'r String> {
        if self.may_create_tags {
            return None;
        }
        row.tag_names.iter().find(|n| !self.tags.known.contains_key(&n.to_lowercase()))
    }

    /// Rows that match a stored customer update it; the others are rejected (mode update) or
    /// returned to be created (mode upsert).
    async fn update_matched(&mut self, conn: &mut SqliteConnection, rows: Vec<ReadyRow>) -> CoreResult<Vec<ReadyRow>> {
        let Some(matcher) = self.matcher.take() else {
            return Ok(rows);
        };
        let mut creating = Vec::new();
        for row in rows {
            let (seq, keeps_external_id) = match matcher.find(conn, &row.prepared.record).await? {
                Found::One(seq) => (seq, false),
                Found::Merged(seq) => (seq, true),
                Found::Refused(reason) => {
                    self.rejected.push(row.rejected(reason));
                    continue;
                }
                Found::None if self.mode == ImportMode::Update => {
                    self.rejected.push(row.rejected(matcher.no_match(&row.prepared.record)));
                    continue;
                }
                Found::None if !row.given.iter().any(|g| g == "name") => {
                    self.rejected.push(row.rejected("no stored customer matches, and a new one needs a name"));
                    continue;
                }
                Found::None => {
                    creating.push(row);
                    continue;
                }
            };
            if let Some(first) = self.matched.get(&seq) {
                self.rejected.push(row.rejected(format!("matches the same customer as line {first}")));
                continue;
            }
            if let Some(unknown) = self.unknown_tag(&row) {
                let reason = format!("tag '{unknown}' does not exist; only an administrator or manager adds tags");
                self.rejected.push(row.rejected(reason));
                continue;
            }
            let cx = UpdateContext {
                access: &self.access,
                territories: &self.territories,
                assignees: &self.assignees,
                catalog: &self.catalog,
                stamp: &self.stamp,
            };
            let given: Vec<String> =
                row.given.iter().filter(|g| !keeps_external_id || *g != "external_id").cloned().collect();
            let checked = match check_update(conn, &cx, seq, &row.prepared.record, &given).await? {
                Ok(checked) => checked,
                Err(reason) => {
                    self.rejected.push(row.rejected(reason));
                    continue;
                }
            };
            self.matched.insert(seq, row.line);
            let tag_seqs = self.tags.resolve(conn, &self.stamp, &row.tag_names).await?;
            if let Some(updated) = write_update(conn, &cx, checked, &tag_seqs).await? {
                self.updated.push(updated);
            }
        }
        self.matcher = Some(matcher);
        Ok(creating)
    }

    async fn write(&mut self, conn: &mut SqliteConnection, batch: ParsedBatch) -> CoreResult<()> {
        self.rejected.extend(batch.rejected);
        let mut rows = self.update_matched(conn, batch.rows).await?;
        if self.db_has_external_ids {
            let exts: Vec<&str> = rows.iter().filter_map(|r| r.prepared.record.external_id.as_deref()).collect();
            let taken = external_ids::holders(conn, &exts).await?;
            rows.retain(|r| match r.prepared.record.external_id.as_ref().and_then(|e| taken.get(e)) {
                Some(holder) => {
                    self.rejected.push(r.rejected(holder.taken()));
                    false
                }
                None => true,
            });
        }
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let r = &row.prepared.record;
            let territory =
                self.territories.territory_of(r.country.as_deref(), r.province.as_deref(), r.city.as_deref());
            if !self.scope.contains(territory) {
                self.outside_scope += 1;
                self.rejected.push(row.rejected(outside_territories(r)));
                continue;
            }
            if let Err(reason) = self.assignees.check(r.owner.as_deref(), territory) {
                self.cross_assigned += 1;
                self.rejected.push(row.rejected(reason));
                continue;
            }
            if let Some(unknown) = self.unknown_tag(&row) {
                let reason = format!("tag '{unknown}' does not exist; only an administrator or manager adds tags");
                self.rejected.push(row.rejected(reason));
                continue;
            }
            let tag_seqs = self.tags.resolve(conn, &self.stamp, &row.tag_names).await?;
            let id = crate::new_id();
            items.push(NewCustomer { seq: self.next_seq, id, prepared: row.prepared, tag_seqs, territory });
            self.next_seq += 1;
        }
        self.imported += items.len() as u64;
        store::insert_batch(conn, &self.stamp, items, &self.multi_ids).await
    }
}

impl Crm {
    /// Imports customers from a file. See the module documentation for the all-or-nothing rule.
    pub async fn import_customers<R: Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
        options: ImportOptions,
    ) -> CoreResult<ImportReport> {
        self.import_customers_watched(actor, source, options, ImportControl::new(0)).await
    }

    /// `import_customers`, reporting its progress to `control`, which may also cancel it: then
    /// nothing is imported and the error's code is `cancelled`.
    pub async fn import_customers_watched<R: Read + Send + 'static>(
        &self,
        actor: &Actor,
        source: R,
        options: ImportOptions,
        control: Arc<ImportControl>,
    ) -> CoreResult<ImportReport> {
        let table = open_table(source, &options, &control).await?;
        let access = self.access(actor).await?;
        let stamp = self.stamp(actor);
        let mut tx = self.db.begin_write().await?;
        let catalog = load_catalog(&mut tx).await?;
        let header = table.header.clone();
        let layout = signature(&header);
        let mapping = mapping_for(&mut tx, ENTITY, &header, &options.mapping).await?;
        let fields = resolve(&header, &mapping, &catalog, required_column(options.mode, options.key))?;
        let columns = columns_of(&fields, &catalog);
        let db_has_external_ids = external_ids::any(&mut tx).await?;
        let first_seq = store::next_seq(&mut tx).await?;
        let mut writer = Writer {
            stamp: stamp.clone(),
            multi_ids: multi_field_ids(&catalog),
            tags: TagResolver::load(&mut tx).await?,
            next_seq: first_seq,
            db_has_external_ids,
            imported: 0,
            rejected: Vec::new(),
            territories: load_map(&mut tx).await?,
            may_create_tags: access.may_reterritorialize(),
            scope: access.scope.clone(),
            outside_scope: 0,
            assignees: Assignees::load(&mut tx).await?,
            cross_assigned: 0,
            mode: options.mode,
            matcher: match options.mode {
                ImportMode::Create => None,
                _ => Some(Matcher::load(&mut tx, options.key, &access.scope).await?),
            },
            access: access.clone(),
            catalog: catalog.clone(),
            updated: Vec::new(),
            matched: HashMap::new(),
        };
        let facts = table.facts.clone();
        let parser = Parser {
            table,
            columns,
            catalog,
            external_ids: HashMap::new(),
            control: control.clone(),
            mode: options.mode,
            key: options.key,
            keys_seen: HashMap::new(),
        };
        let (send, mut receive) = tokio::sync::mpsc::channel(BATCHES_AHEAD);
        let parsing = tokio::task::spawn_blocking(move || parser.run(send));
        let mut outcome = Ok(());
        while let Some(batch) = receive.recv().await {
            outcome = match batch {
                Ok(batch) => writer.write(&mut tx, batch).await,
                Err(e) => Err(e),
            };
            if outcome.is_err() {
                break;
            }
        }
        drop(receive); // stops the parser if the writer gave up
        parsing.await.map_err(|e| CoreError::internal(format!("the import stopped unexpectedly: {e}")))?;
        outcome?;
        if control.is_cancelled() {
            return Err(cancelled());
        }
        writer.rejected.sort_by_key(|r| r.line);
        let outcome = options.outcome(!writer.rejected.is_empty());
        let applied = outcome.writes;
        let mut batch = None;
        if applied {
            let seqs = (writer.imported > 0).then(|| (first_seq, writer.next_seq - 1));
            let new_batch = NewBatch {
                entity: ENTITY,
                file_name: options.file_name.as_deref(),
                format: facts.format.key(),
                created: writer.imported,
                updated: writer.updated.len() as u64,
                mode: options.mode.key(),
                rejected: writer.rejected.len() as u64,
                seqs,
                created_tags: &writer.tags.created,
            };
            let id = record_batch(&mut tx, &stamp, new_batch).await?;
            record_updates(&mut tx, &id, &writer.updated).await?;
            batch = Some(id);
            if !options.mapping.is_empty() {
                save_mapping(&mut tx, &stamp, ENTITY, &layout, &mapping).await?;
            }
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        if writer.outside_scope > 0 {
            let detail = format!("{} row(s) of an import lie outside the user's territories", writer.outside_scope);
            self.record_refusal(&access.login, "customer.import", None, &detail).await;
        }
        if writer.cross_assigned > 0 {
            let detail =
                format!("{} row(s) of an import assign customers to users of other territories", writer.cross_assigned);
            self.record_refusal(&access.login, "customer.import", None, &detail).await;
        }
        let (imported, updated) = if outcome.counts { (writer.imported, writer.updated.len() as u64) } else { (0, 0) };
        if applied && imported >= 10_000 {
            self.db.optimize().await?;
        }
        let columns = header.iter().zip(fields).map(|(h, field)| ColumnUse { header: h.clone(), field }).collect();
        Ok(ImportReport {
            imported,
            updated,
            rejected: writer.rejected,
            batch,
            dry_run: options.dry_run,
            source: facts,
            header,
            columns,
        })
    }
}

/// Opens the file as a table (off the async threads: a workbook is parsed whole here).
pub(crate) async fn open_table<R: Read + Send + 'static>(
    source: R,
    options: &ImportOptions,
    control: &Arc<ImportControl>,
) -> CoreResult<Table> {
    let source_options = options.source.clone();
    let name = options.file_name.clone();
    let counted = CountingReader { inner: source, control: control.clone() };
    tokio::task::spawn_blocking(move || Table::open(counted, name.as_deref(), &source_options))
        .await
        .map_err(|e| CoreError::internal(format!("the import stopped unexpectedly: {e}")))?
}

/// Every row of a table that could be read, and a rejection for each line that could not; read
/// off the async threads. Contacts, leads and orders files are held whole: they are small next
/// to the customer files that are streamed.
pub(crate) async fn read_rows(mut table: Table) -> CoreResult<(Table, Vec<SourceRow>, Vec<RejectedRow>)> {
    tokio::task::spawn_blocking(move || {
        let (mut rows, mut rejected) = (Vec::new(), Vec::new());
        while let Some(next) = table.next_row() {
            match next {
                Ok(row) => rows.push(row),
                Err(Ok(unreadable)) => rejected.push(RejectedRow::new(unreadable.line, unreadable.reason)),
                Err(Err(fatal)) => return Err(fatal),
            }
        }
        Ok((table, rows, rejected))
    })
    .await
    .map_err(|e| CoreError::internal(format!("the import stopped unexpectedly: {e}")))?
}

fn cancelled() -> CoreError {
    CoreError::new(crate::error::ErrorCode::Cancelled, "the import was cancelled; nothing was imported")
}

/// The name an update row without a name cell is validated with; the stored name is kept.
const KEPT_NAME: &str = "(kept)";

/// The history's name for customer imports.
pub(super) const ENTITY: &str = "customers";
