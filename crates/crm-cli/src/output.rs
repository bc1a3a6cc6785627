//! Printing results as text for people or as JSON for scripts, and errors as both.

use crm_core::CoreError;
use serde::Serialize;

pub fn print_value<T: Serialize>(value: &T, json: bool, text: impl FnOnce() -> String) {
    if json {
        println!("{}", serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into()));
    } else {
        let t = text();
        if !t.is_empty() {
            println!("{t}");
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
