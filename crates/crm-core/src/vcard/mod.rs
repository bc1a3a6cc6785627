//! vCard 4.0 (RFC 6350): writing cards for customers and their contacts (`crm export customers
//! FILE --format vcard`), so an address book or phone takes them as they are.

pub mod export;

/// Lines longer than this many octets are folded (RFC 6350 §3.2).
const FOLD_AT: usize = 75;

/// A text value with the characters vCard gives meaning escaped: backslash, comma, semicolon,
/// and line breaks (§3.4).
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// One card being written: content lines, each folded and ended with CRLF.
pub struct Card(String);

impl Card {
    pub fn new() -> Card {
        let mut card = Card(String::new());
        card.line("BEGIN:VCARD");
        card.line("VERSION:4.0");
        card
    }

    /// A property whose value is already in vCard form (escaped, or a structured value).
    pub fn raw(&mut self, name: &str, value: &str) -> &mut Card {
        self.line(&format!("{name}:{value}"));
        self
    }

    /// A text property, escaped; nothing for an empty value.
    pub fn text(&mut self, name: &str, value: &str) -> &mut Card {
        if !value.trim().is_empty() {
            self.raw(name, &escape_text(value.trim()));
        }
        self
    }

    /// A structured property (ADR, N): its parts escaped and joined by semicolons; nothing when
    /// every part is empty.
    pub fn structured(&mut self, name: &str, parts: &[&str]) -> &mut Card {
        if parts.iter().any(|p| !p.trim().is_empty()) {
            let value: Vec<String> = parts.iter().map(|p| escape_text(p.trim())).collect();
            self.raw(name, &value.join(";"));
        }
        self
    }

    pub fn finish(mut self) -> String {
        self.line("END:VCARD");
        self.0
    }

    /// Appends a line folded at 75 octets, never inside a UTF-8 character.
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > FOLD_AT {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }
}

impl Default for Card {
    fn default() -> Card {
        Card::new()
    }
}

/// A stored time (`2026-03-01T09:00:00.000Z`) as a vCard timestamp (`20260301T090000Z`).
pub fn timestamp(stored: &str) -> Option<String> {
    let t = chrono::DateTime::parse_from_rfc3339(stored).ok()?;
    Some(t.with_timezone(&chrono::Utc).format("%Y%m%dT%H%M%SZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_between_characters() {
        assert_eq!(escape_text("周氏珠宝, 上海; 门店\\总部\r\n二楼"), "周氏珠宝\\, 上海\\; 门店\\\\总部\\n二楼");
        let mut card = Card::new();
        card.text("NOTE", &"客户备注".repeat(20));
        let written = card.finish();
        assert!(written.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
        assert!(written.ends_with("END:VCARD\r\n"));
        for line in written.split("\r\n") {
            assert!(line.len() <= FOLD_AT, "{} octets: {line}", line.len());
        }
        let unfolded = written.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("NOTE:{}\r\n", "客户备注".repeat(20))), "{unfolded}");
        assert_eq!(timestamp("2026-03-01T09:00:00.000Z").as_deref(), Some("20260301T090000Z"));
    }
}
