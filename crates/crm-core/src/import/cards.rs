//! vCard files (2.1, 3.0 and 4.0, as phones, Outlook and Google export them) as rows of customer
//! fields: one row per card. The parser (calcard) unfolds lines and decodes quoted-printable and
//! charsets; photos and other binary values are left out.

use super::source::SourceRow;
use crate::error::{CoreError, CoreResult};
use calcard::vcard::{VCard, VCardEntry, VCardKind, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

/// The columns a card gives, named by the field keys they map to.
pub const CARD_COLUMNS: &[&str] = &[
    "external_id",
    "name",
    "kind",
    "company",
    "phone",
    "email",
    "address",
    "city",
    "province",
    "country",
    "website",
    "notes",
];

pub fn read(text: &str) -> CoreResult<(Vec<String>, Vec<SourceRow>)> {
    let text = decode_legacy_charsets(text);
    check_complete(&text)?;
    let mut parser = Parser::new(&text);
    let mut rows = Vec::new();
    let mut number = 1u64;
    loop {
        match parser.entry() {
            Entry::VCard(card) => {
                number += 1;
                let cells = card_cells(&card);
                let mut record = csv::StringRecord::new();
                for c in &cells {
                    record.push_field(c);
                }
                rows.push(SourceRow { line: number, cells: record });
            }
            Entry::Eof => break,
            Entry::UnterminatedComponent(_) => {
                return Err(CoreError::invalid(format!("card {} has no END:VCARD; the file is cut short", number)));
            }
            Entry::ICalendar(_) => {
                return Err(CoreError::invalid("the file holds calendar entries, not contact cards"));
            }
            // Lines outside a card (blank lines, stray text) carry no contact.
            _ => {}
        }
    }
    if rows.is_empty() {
        return Err(CoreError::invalid("the file holds no vCard (BEGIN:VCARD … END:VCARD)"));
    }
    Ok((CARD_COLUMNS.iter().map(|c| c.to_string()).collect(), rows))
}

/// Every card must end: the parser would take a cut-off last card for a whole one.
fn check_complete(text: &str) -> CoreResult<()> {
    let mut open = 0u64;
    let mut number = 0u64;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}').trim().to_ascii_uppercase();
        if line == "BEGIN:VCARD" {
            number += 1;
            if open > 0 {
                return Err(CoreError::invalid(format!(
                    "card {} has no END:VCARD before the next card begins",
                    number - 1
                )));
            }
            open += 1;
        } else if line == "END:VCARD" {
            open = open.saturating_sub(1);
        }
    }
    if open > 0 {
        return Err(CoreError::invalid(format!("card {number} has no END:VCARD; the file is cut short")));
    }
    Ok(())
}

/// The texts of a property's value components, in order (a structured value like N or ADR has one
/// per component; a list inside a component is joined with spaces).
fn components(entry: &VCardEntry) -> Vec<String> {
    entry
        .values
        .iter()
        .map(|v| match v {
            VCardValue::Text(t) => t.trim().to_string(),
            VCardValue::Component(parts) => {
                parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
            }
            _ => String::new(),
        })
        .collect()
}

fn first_text(card: &VCard, property: VCardProperty) -> String {
    card.property(&property).map(|e| components(e).join(" ").trim().to_string()).unwrap_or_default()
}

fn all_texts(card: &VCard, property: VCardProperty) -> Vec<String> {
    card.properties(&property).map(|e| components(e).join(" ").trim().to_string()).filter(|t| !t.is_empty()).collect()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// The name a card shows: FN, else N put together (family name first for Chinese, last for
/// Latin names), else the organisation.
fn display_name(card: &VCard, company: &str) -> String {
    let full = first_text(card, VCardProperty::Fn);
    if !full.is_empty() {
        return full;
    }
    if let Some(n) = card.property(&VCardProperty::N) {
        let parts = components(n);
        let family = parts.first().cloned().unwrap_or_default();
        let given = parts.get(1).cloned().unwrap_or_default();
        let joined =
            if has_cjk(&family) || has_cjk(&given) { format!("{family}{given}") } else { format!("{given} {family}") };
        if !joined.trim().is_empty() {
            return joined.trim().to_string();
        }
    }
    company.to_string()
}

fn card_cells(card: &VCard) -> Vec<String> {
    let company = card.property(&VCardProperty::Org).and_then(|e| components(e).into_iter().next()).unwrap_or_default();
    let name = display_name(card, &company);
    let is_org = card.property(&VCardProperty::Kind).and_then(|e| e.values.first()).is_some_and(|v| {
        matches!(v, VCardValue::Kind(VCardKind::Org)) || v.as_text().is_some_and(|t| t.eq_ignore_ascii_case("org"))
    });
    let kind = if is_org { "enterprise" } else { "individual" };
    // ADR: post office box, extended, street, locality, region, postal code, country.
    let adr = card.property(&VCardProperty::Adr).map(components).unwrap_or_default();
    let part = |i: usize| adr.get(i).cloned().unwrap_or_default();
    let street = [part(0), part(1), part(2)].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    let list = |p| all_texts(card, p).join(";");
    let uid = first_text(card, VCardProperty::Uid);
    vec![
        uid,
        name,
        kind.to_string(),
        company,
        all_texts(card, VCardProperty::Tel)
            .iter()
            .map(|t| t.trim_start_matches("tel:").to_string())
            .collect::<Vec<_>>()
            .join(";"),
        list(VCardProperty::Email),
        street,
        part(3),
        part(4),
        part(6),
        first_text(card, VCardProperty::Url),
        first_text(card, VCardProperty::Note),
    ]
}

/// vCard 2.1 writers (Outlook, old phones) put GB2312 or Big5 bytes inside quoted-printable
/// values and name the charset in a parameter, which the parser does not apply. Such a property
/// is rewritten here with its value decoded, and its CHARSET and ENCODING parameters dropped;
/// everything else passes through untouched.
fn decode_legacy_charsets(text: &str) -> std::borrow::Cow<'_, str> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("charset=") || !lower.contains("quoted-printable") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let Some((head, value)) = line.split_once(':') else {
            out.push_str(line);
            continue;
        };
        let params: Vec<&str> = head.split(';').collect();
        let charset = params.iter().find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches('"'))
        });
        let qp = params
            .iter()
            .any(|p| p.eq_ignore_ascii_case("encoding=quoted-printable") || p.eq_ignore_ascii_case("quoted-printable"));
        let encoding = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
        let Some(encoding) = encoding.filter(|e| qp && *e != encoding_rs::UTF_8) else {
            out.push_str(line);
            continue;
        };
        // A quoted-printable value goes on over lines that end with a soft break ('=').
        let mut encoded = value.trim_end_matches(['\r', '\n']).to_string();
        while encoded.ends_with('=') {
            encoded.pop();
            match lines.next() {
                Some(next) => encoded.push_str(next.trim_end_matches(['\r', '\n'])),
                None => break,
            }
        }
        let raw = quoted_printable_bytes(&encoded);
        let (decoded, _, _) = encoding.decode(&raw);
        let kept: Vec<&str> = params
            .iter()
            .copied()
            .filter(|p| {
                let key = p.split('=').next().unwrap_or(p).trim();
                !key.eq_ignore_ascii_case("charset")
                    && !key.eq_ignore_ascii_case("encoding")
                    && !p.eq_ignore_ascii_case("quoted-printable")
            })
            .collect();
        out.push_str(&kept.join(";"));
        out.push(':');
        out.push_str(&decoded.replace(['\r', '\n'], " "));
        out.push_str("\r\n");
    }
    out.into()
}

fn quoted_printable_bytes(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'=', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb2312_inside_quoted_printable_is_decoded_and_soft_breaks_joined() {
        let card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=CD=F5;=\r\n=CE=E5\r\nTEL;CELL:1\r\nEND:VCARD\r\n";
        assert_eq!(
            decode_legacy_charsets(card),
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:王;五\r\nTEL;CELL:1\r\nEND:VCARD\r\n"
        );
        let utf8 = "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0\r\n";
        assert_eq!(decode_legacy_charsets(utf8), utf8, "UTF-8 is left to the parser");
    }
}
