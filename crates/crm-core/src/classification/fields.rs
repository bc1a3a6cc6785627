//! Classification dimensions: the built-in choice dimensions (tier, industry, source) whose option
//! lists the admin edits, and the admin's own custom dimensions.
//!
//! A custom dimension's values live in `customers.custom` (a JSON object keyed by the dimension's
//! key). Each single-valued custom dimension gets an expression index on its JSON value when it is
//! created, so the customer list filters and sorts by it as fast as by a column; a multi-select
//! dimension's values are also kept one-per-row in `customer_multi_values` for "has option" filters.

use crate::changelog::{self, CREATED, ChangeOp, ChangeSet};
use crate::error::{CoreError, CoreResult};
use crate::{Actor, Crm};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    SingleSelect,
    MultiSelect,
    Text,
    Number,
    Date,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::SingleSelect => "single_select",
            FieldType::MultiSelect => "multi_select",
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Date => "date",
        }
    }
    fn parse(s: &str) -> FieldType {
        match s {
            "single_select" => FieldType::SingleSelect,
            "multi_select" => FieldType::MultiSelect,
            "number" => FieldType::Number,
            "date" => FieldType::Date,
            _ => FieldType::Text,
        }
    }
    pub fn has_options(self) -> bool {
        matches!(self, FieldType::SingleSelect | FieldType::MultiSelect)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldOption {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldDef {
    pub id: String,
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub field_type: FieldType,
    /// Built-in dimensions (tier, industry, source) cannot be deleted; their options can be edited.
    pub builtin: bool,
    pub options: Vec<FieldOption>,
    pub deleted_at: Option<String>,
}

impl FieldDef {
    /// The option with this key, or whose Chinese or English label is this text.
    pub fn find_option(&self, s: &str) -> Option<&FieldOption> {
        let s = s.trim();
        self.options
            .iter()
            .find(|o| o.key == s)
            .or_else(|| self.options.iter().find(|o| o.label_zh == s || o.label_en.eq_ignore_ascii_case(s)))
    }
    pub fn allowed_options(&self) -> String {
        self.options.iter().map(|o| format!("{} ({})", o.key, o.label_zh)).collect::<Vec<_>>().join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldInput {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub field_type: FieldType,
    #[serde(default)]
    pub options: Vec<FieldOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldUpdate {
    pub label_zh: String,
    pub label_en: String,
    #[serde(default)]
    pub options: Vec<FieldOption>,
}

/// Keys a custom dimension may not take: the built-in fields and CSV columns.
pub const RESERVED_KEYS: &[&str] = &[
    "id",
    "external_id",
    "name",
    "kind",
    "lifecycle",
    "tier",
    "industry",
    "size",
    "source",
    "owner",
    "country",
    "province",
    "city",
    "address",
    "company",
    "website",
    "notes",
    "phone",
    "phones",
    "email",
    "emails",
    "tags",
    "tag",
    "custom",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted_at",
    "version",
    "seq",
    "contacts",
    "territory",
];

/// The dimensions as one read, for validating a customer or a whole import against them.
#[derive(Debug, Clone, Default)]
pub struct FieldCatalog {
    pub fields: Vec<FieldDef>,
}

impl FieldCatalog {
    /// A live dimension by key (built-in or custom).
    pub fn get(&self, key: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.key == key && f.deleted_at.is_none())
    }
    pub fn custom(&self) -> impl Iterator<Item = &FieldDef> {
        self.fields.iter().filter(|f| !f.builtin && f.deleted_at.is_none())
    }
}

/// The SQL expression of a custom dimension's value. Keys are validated to `[a-z][a-z0-9_]*`, so
/// the key can be written into the SQL text; the same text is used for the index and the queries
/// so that SQLite matches them.
pub(crate) fn custom_value_sql(key: &str) -> String {
    debug_assert!(valid_key(key));
    format!("json_extract(custom, '$.{key}')")
}

pub(crate) fn custom_index_name(key: &str) -> String {
    format!("customers_cf_{key}")
}

fn valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some('a'..='z'))
        && key.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn validate_label(what: &str, s: &str) -> CoreResult<String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(CoreError::invalid(format!("{what} is required")));
    }
    if s.chars().count() > 60 {
        return Err(CoreError::invalid(format!("{what} is too long (at most 60 characters)")));
    }
    Ok(s.to_string())
}

fn validate_options(field_type: FieldType, options: &[FieldOption]) -> CoreResult<Vec<FieldOption>> {
    if !field_type.has_options() {
        if !options.is_empty() {
            return Err(CoreError::invalid(format!("a {} dimension has no options", field_type.as_str())));
        }
        return Ok(Vec::new());
    }
    if options.is_empty() {
        return Err(CoreError::invalid("a choice dimension needs at least one option"));
    }
    if options.len() > 500 {
        return Err(CoreError::invalid("a dimension can have at most 500 options"));
    }
    let mut out: Vec<FieldOption> = Vec::with_capacity(options.len());
    for o in options {
        let key = o.key.trim();
        if key.is_empty() || key.chars().count() > 60 || key.contains(';') {
            return Err(CoreError::invalid(format!("option key '{key}' is invalid: 1 to 60 characters, no ';'")));
        }
        let label_zh = validate_label(&format!("the Chinese label of option '{key}'"), &o.label_zh)?;
        let label_en = validate_label(&format!("the English label of option '{key}'"), &o.label_en)?;
        if out.iter().any(|p| p.key == key) {
            return Err(CoreError::invalid(format!("option key '{key}' appears twice")));
        }
        if out.iter().any(|p| p.label_zh == label_zh || p.label_en.eq_ignore_ascii_case(&label_en)) {
            return Err(CoreError::invalid(format!("two options have the same label as '{key}'")));
        }
        out.push(FieldOption { key: key.to_string(), label_zh, label_en });
    }
    Ok(out)
}

#[derive(FromRow)]
struct FieldRow {
    id: String,
    key: String,
    label_zh: String,
    label_en: String,
    field_type: String,
    builtin: bool,
    deleted_at: Option<String>,
}

#[derive(FromRow)]
struct OptionRow {
    field_id: String,
    key: String,
    label_zh: String,
    label_en: String,
}

pub(crate) async fn load_catalog(conn: &mut SqliteConnection) -> CoreResult<FieldCatalog> {
    let rows: Vec<FieldRow> = sqlx::query_as(
        "SELECT id, key, label_zh, label_en, field_type, builtin, deleted_at FROM fields ORDER BY builtin DESC, position, seq",
    )
    .fetch_all(&mut *conn)
    .await?;
    let options: Vec<OptionRow> =
        sqlx::query_as("SELECT field_id, key, label_zh, label_en FROM field_options ORDER BY field_id, position")
            .fetch_all(&mut *conn)
            .await?;
    let fields = rows
        .into_iter()
        .map(|r| FieldDef {
            options: options
                .iter()
                .filter(|o| o.field_id == r.id)
                .map(|o| FieldOption { key: o.key.clone(), label_zh: o.label_zh.clone(), label_en: o.label_en.clone() })
                .collect(),
            id: r.id,
            key: r.key,
            label_zh: r.label_zh,
            label_en: r.label_en,
            field_type: FieldType::parse(&r.field_type),
            builtin: r.builtin,
            deleted_at: r.deleted_at,
        })
        .collect();
    Ok(FieldCatalog { fields })
}

async fn write_options(conn: &mut SqliteConnection, field_id: &str, options: &[FieldOption]) -> CoreResult<()> {
    sqlx::query("DELETE FROM field_options WHERE field_id = ?1").bind(field_id).execute(&mut *conn).await?;
    for (i, o) in options.iter().enumerate() {
        sqlx::query(
            "INSERT INTO field_options (field_id, key, label_zh, label_en, position) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(field_id)
        .bind(&o.key)
        .bind(&o.label_zh)
        .bind(&o.label_en)
        .bind(i as i64 + 1)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn create_custom_index(conn: &mut SqliteConnection, field: &FieldDef) -> CoreResult<()> {
    if field.builtin || field.field_type == FieldType::MultiSelect {
        return Ok(());
    }
    let sql = format!(
        "CREATE INDEX IF NOT EXISTS {} ON customers({}, seq) WHERE deleted_at IS NULL",
        custom_index_name(&field.key),
        custom_value_sql(&field.key)
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(conn).await?;
    Ok(())
}

/// How many customers (live or in the trash) hold `option` in `field`.
async fn option_use_count(conn: &mut SqliteConnection, field: &FieldDef, option: &str) -> CoreResult<i64> {
    let sql = match (field.builtin, field.field_type) {
        (true, _) => format!("SELECT count(*) FROM customers WHERE {} = ?1", field.key),
        (false, FieldType::MultiSelect) => {
            "SELECT count(*) FROM customer_multi_values WHERE field_id = ?2 AND value = ?1".to_string()
        }
        (false, _) => format!("SELECT count(*) FROM customers WHERE {} = ?1", custom_value_sql(&field.key)),
    };
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(option).bind(&field.id).fetch_one(conn).await?)
}

impl Crm {
    pub async fn list_fields(&self) -> CoreResult<Vec<FieldDef>> {
        Ok(self.catalog().await?.fields)
    }

    pub(crate) async fn catalog(&self) -> CoreResult<FieldCatalog> {
        let mut conn = self.db.reader.acquire().await?;
        load_catalog(&mut conn).await
    }

    pub async fn create_field(&self, actor: &Actor, input: FieldInput) -> CoreResult<FieldDef> {
        self.admin_access(actor, "field.create").await?;
        let key = input.key.trim().to_string();
        if !valid_key(&key) {
            return Err(CoreError::invalid(format!(
                "key '{key}' is invalid: start with a letter a-z, then a-z, 0-9 or _, at most 40 characters"
            )));
        }
        if RESERVED_KEYS.contains(&key.as_str()) {
            return Err(CoreError::invalid(format!("key '{key}' is a built-in field; choose another key")));
        }
        let label_zh = validate_label("the Chinese label", &input.label_zh)?;
        let label_en = validate_label("the English label", &input.label_en)?;
        let options = validate_options(input.field_type, &input.options)?;

        let mut tx = self.db.begin_write().await?;
        let existing: Option<Option<String>> = sqlx::query_scalar("SELECT deleted_at FROM fields WHERE key = ?1")
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(deleted) = existing {
            return Err(CoreError::conflict(match deleted {
                Some(_) => format!("a deleted dimension already used key '{key}'; restore it or choose another key"),
                None => format!("a dimension with key '{key}' already exists"),
            }));
        }
        let stamp = self.stamp(actor);
        let id = crate::new_id();
        let position: i64 =
            sqlx::query_scalar("SELECT coalesce(max(position), 0) + 1 FROM fields").fetch_one(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO fields (id, key, label_zh, label_en, field_type, builtin, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?7)",
        )
        .bind(&id)
        .bind(&key)
        .bind(&label_zh)
        .bind(&label_en)
        .bind(input.field_type.as_str())
        .bind(position)
        .bind(&stamp.at)
        .execute(&mut *tx)
        .await?;
        write_options(&mut tx, &id, &options).await?;
        let field = FieldDef {
            id: id.clone(),
            key,
            label_zh,
            label_en,
            field_type: input.field_type,
            builtin: false,
            options,
            deleted_at: None,
        };
        create_custom_index(&mut tx, &field).await?;
        changelog::record_own(&mut tx, &stamp, "field", &id, ChangeOp::Create, CREATED.into()).await?;
        tx.commit().await?;
        Ok(field)
    }

    /// Renames a dimension or edits its options. An option still held by a customer cannot be
    /// removed: the admin changes those customers first.
    pub async fn update_field(&self, actor: &Actor, id: &str, update: FieldUpdate) -> CoreResult<FieldDef> {
        self.admin_access(actor, "field.update").await?;
        let mut tx = self.db.begin_write().await?;
        let catalog = load_catalog(&mut tx).await?;
        let Some(old) = catalog.fields.iter().find(|f| f.id == id).cloned() else {
            return Err(CoreError::not_found(format!("no dimension with id {id}")));
        };
        let label_zh = validate_label("the Chinese label", &update.label_zh)?;
        let label_en = validate_label("the English label", &update.label_en)?;
        let options = validate_options(old.field_type, &update.options)?;
        for removed in old.options.iter().filter(|o| !options.iter().any(|n| n.key == o.key)) {
            let used = option_use_count(&mut tx, &old, &removed.key).await?;
            if used > 0 {
                return Err(CoreError::conflict(format!(
                    "option '{}' of '{}' is held by {used} customer(s); change them before removing it",
                    removed.key, old.key
                )));
            }
        }
        let stamp = self.stamp(actor);
        sqlx::query("UPDATE fields SET label_zh = ?2, label_en = ?3, updated_at = ?4 WHERE id = ?1")
            .bind(id)
            .bind(&label_zh)
            .bind(&label_en)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        write_options(&mut tx, id, &options).await?;
        let new = FieldDef { label_zh, label_en, options, ..old.clone() };
        let mut changes = ChangeSet::default();
        changes.field("labelZh", Some(&old.label_zh), Some(&new.label_zh));
        changes.field("labelEn", Some(&old.label_en), Some(&new.label_en));
        changes.field("options", Some(&old.options), Some(&new.options));
        if !changes.is_empty() {
            changelog::record_own(&mut tx, &stamp, "field", id, ChangeOp::Update, changes.to_json()).await?;
        }
        tx.commit().await?;
        Ok(new)
    }

    /// Hides a custom dimension (values are kept, so restoring brings them back).
    pub async fn delete_field(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.set_field_deleted(actor, id, true).await
    }

    pub async fn restore_field(&self, actor: &Actor, id: &str) -> CoreResult<()> {
        self.set_field_deleted(actor, id, false).await
    }

    async fn set_field_deleted(&self, actor: &Actor, id: &str, delete: bool) -> CoreResult<()> {
        self.admin_access(actor, if delete { "field.delete" } else { "field.restore" }).await?;
        let mut tx = self.db.begin_write().await?;
        let catalog = load_catalog(&mut tx).await?;
        let Some(field) = catalog.fields.iter().find(|f| f.id == id).cloned() else {
            return Err(CoreError::not_found(format!("no dimension with id {id}")));
        };
        if field.builtin {
            return Err(CoreError::invalid(format!("'{}' is a built-in dimension and cannot be deleted", field.key)));
        }
        if field.deleted_at.is_some() == delete {
            return Ok(());
        }
        let stamp = self.stamp(actor);
        let deleted_at = delete.then(|| stamp.at.clone());
        sqlx::query("UPDATE fields SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1")
            .bind(id)
            .bind(&deleted_at)
            .bind(&stamp.at)
            .execute(&mut *tx)
            .await?;
        if delete {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX IF EXISTS {}", custom_index_name(&field.key))))
                .execute(&mut *tx)
                .await?;
        } else {
            create_custom_index(&mut tx, &field).await?;
        }
        let op = if delete { ChangeOp::Delete } else { ChangeOp::Restore };
        let mut changes = ChangeSet::default();
        changes.field("deletedAt", field.deleted_at.as_ref(), deleted_at.as_ref());
        changelog::record_own(&mut tx, &stamp, "field", id, op, changes.to_json()).await?;
        tx.commit().await?;
        Ok(())
    }
}
