//! CSV import and export of customers. Both use the same columns, so an export re-imports as is.

pub mod contacts_import;
pub mod export;
pub mod import;
pub mod preview;
pub mod upsert;

/// Built-in columns, in the order an export writes them; custom dimensions follow by key.
pub const COLUMNS: &[&str] = &[
    "external_id",
    "name",
    "kind",
    "lifecycle",
    "tier",
    "phone",
    "email",
    "company",
    "country",
    "province",
    "city",
    "address",
    "industry",
    "size",
    "source",
    "owner",
    "tags",
    "website",
    "notes",
];

/// Several phones, e-mails, tags or multi-select options share one cell, separated by this.
pub const LIST_SEPARATOR: char = ';';

/// What a spreadsheet takes for the start of a formula (tab and carriage return included: some
/// turn them into one).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell, past any apostrophes it begins with, starts like a formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as exported: one a spreadsheet would run as a formula (`=HYPERLINK(…)`, but also
/// `+86 138…` or `-5`) gets a leading apostrophe, which spreadsheets show as text and hide.
/// `unescape_formula` takes it off on import, so an export re-imports as it was.
pub fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(cell) { format!("'{cell}").into() } else { cell.into() }
}

/// A cell as imported: the apostrophe `escape_formula` (or a spreadsheet user) put before a
/// formula-like value is taken off.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_escaped_and_come_back_as_they_were() {
        for (cell, exported) in [
            ("=HYPERLINK(\"http://x\",\"点我\")", "'=HYPERLINK(\"http://x\",\"点我\")"),
            ("+86 138 0013 8000", "'+86 138 0013 8000"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("'=already quoted", "''=already quoted"),
            ("张三", "张三"),
            ("138-0013-8000", "138-0013-8000"),
            ("it's fine", "it's fine"),
            ("'quoted", "'quoted"),
            ("", ""),
        ] {
            assert_eq!(escape_formula(cell), exported, "{cell:?}");
            assert_eq!(unescape_formula(exported), cell, "{exported:?}");
        }
    }
}
