//! Printing results as text for people or as JSON for scripts, and errors as both.

use crm_core::CoreError;
use serde::Serialize;

/// Writes a line to stdout; a reader that went away (`crm … | head`) is not an error.
fn out_line(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

pub fn print_value<T: Serialize>(value: &T, json: bool, text: impl FnOnce() -> String) {
    if json {
        out_line(&serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into()));
    } else {
        let t = text();
        if !t.is_empty() {
            out_line(&t);
        }
    }
}

/// The message always goes to stderr; with --json the `{code, message}` object also goes to stdout
/// so a script reading stdout sees why it failed.
pub fn print_error(e: &CoreError, json: bool) {
    if json {
        println!("{}", serde_json::json!({ "error": { "code": e.code.as_str(), "message": e.message } }));
    }
    eprintln!("error: {}", e.message);
}
