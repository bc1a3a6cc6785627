//! The token text of the search index, and the FTS5 queries that match it.
//!
//! FTS5's unicode61 tokenizer splits Latin text into words but keeps a run of Chinese characters
//! as one token, and nothing in it finds a part of a phone number. So the core writes the tokens
//! itself, separated by spaces, in a form where an FTS5 *prefix* query finds what a user types:
//! - Chinese runs become overlapping bigrams plus the run's last character ("张三丰" -> "张三 三丰 丰"),
//!   so any 1- or 2-character part is a token prefix and longer parts are phrases of bigrams;
//! - names also get their pinyin: every syllable-boundary suffix of the full spelling
//!   ("zhangsanfeng sanfeng feng") and of the initials ("zsf sf").
//!
//! Phone numbers go to a separate trigram index as `#digits#`, where any run of 3+ digits is a
//! phrase and a trailing `#` anchors it to the end of the number.

use pinyin::ToPinyin;
use unicode_normalization::UnicodeNormalization;

/// Case- and width-folded text: NFKC (full-width digits and letters become ASCII) and lowercase.
/// Most text is ASCII or already NFKC, and skips the normalisation pass (imports fold millions).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_lowercase();
    }
    s.nfkc().flat_map(char::to_lowercase).collect()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F)
}

/// The ASCII digits of a phone number as typed ("+86 138-0013-8000" -> "8613800138000").
pub fn digits(s: &str) -> String {
    if s.is_ascii() {
        return s.chars().filter(char::is_ascii_digit).collect();
    }
    s.nfkc().filter(|c| c.is_ascii_digit()).collect()
}

enum Run<'a> {
    Cjk(Vec<char>),
    Word(&'a str),
}

/// Splits folded text into runs of Chinese characters and runs of other letters/digits.
fn runs(folded: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in folded.char_indices() {
        if is_cjk(c) {
            if let Some(s) = word_start.take() {
                out.push(Run::Word(&folded[s..i]));
            }
            cjk.push(c);
        } else if c.is_alphanumeric() {
            if !cjk.is_empty() {
                out.push(Run::Cjk(std::mem::take(&mut cjk)));
            }
            word_start.get_or_insert(i);
        } else {
            if let Some(s) = word_start.take() {
                out.push(Run::Word(&folded[s..i]));
            }
            if !cjk.is_empty() {
                out.push(Run::Cjk(std::mem::take(&mut cjk)));
            }
        }
    }
    if let Some(s) = word_start {
        out.push(Run::Word(&folded[s..]));
    }
    if !cjk.is_empty() {
        out.push(Run::Cjk(cjk));
    }
    out
}

fn push_token(out: &mut String, token: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(token);
}

/// Index tokens of free text (names, companies, e-mail addresses).
pub fn push_text_tokens(text: &str, out: &mut String) {
    let folded = fold(text);
    for run in runs(&folded) {
        match run {
            Run::Word(w) => push_token(out, w),
            Run::Cjk(chars) => {
                let mut buf = String::new();
                for pair in chars.windows(2) {
                    buf.clear();
                    buf.extend(pair);
                    push_token(out, &buf);
                }
                let mut last = [0u8; 4];
                push_token(out, chars[chars.len() - 1].encode_utf8(&mut last));
            }
        }
    }
}

/// The pinyin syllables of the Chinese characters of `text`, in order (other characters skipped).
pub fn pinyin_syllables(text: &str) -> Vec<&'static str> {
    text.to_pinyin().flatten().map(|p| p.plain()).collect()
}

/// Index tokens of a person's or company's name in pinyin: syllable-boundary suffixes of the full
/// spelling and of the initials.
pub fn push_pinyin_tokens(name: &str, out: &mut String) {
    let syllables = pinyin_syllables(name);
    if syllables.is_empty() {
        return;
    }
    for i in 0..syllables.len() {
        push_token(out, &syllables[i..].concat());
    }
    let initials: String = syllables.iter().filter_map(|s| s.chars().next()).collect();
    for (i, _) in initials.char_indices() {
        if initials.len() - i >= 2 {
            push_token(out, &initials[i..]);
        }
    }
}

/// The text of a phone number in the trigram index: its digits between '#' marks.
pub fn push_phone_digits(phone: &str, out: &mut String) {
    let d = digits(phone);
    if d.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push('#');
    out.push_str(&d);
    out.push('#');
}

/// Sort key of a name: pinyin-first so that Chinese names interleave alphabetically with Latin
/// ones, then the folded name itself so that the key is unique to the (case-folded) name and an
/// exact-name lookup is an index equality.
pub fn name_sort_key(name: &str) -> String {
    let folded = fold(name.trim());
    let mut spelled = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        match c.to_pinyin() {
            Some(p) => {
                if !spelled.is_empty() && !spelled.ends_with(' ') {
                    spelled.push(' ');
                }
                spelled.push_str(p.plain());
                spelled.push(' ');
            }
            None => spelled.push(c),
        }
    }
    let spelled = spelled.trim_end();
    format!("{spelled}\u{1f}{folded}")
}

/// A parsed search query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryPlan {
    /// Only digits and phone punctuation, 3+ digits: a phone-number lookup.
    Digits(String),
    /// Words; each term is the token phrase of one whitespace-separated part of the query.
    Text(Vec<Vec<String>>),
}

fn is_phone_punctuation(c: char) -> bool {
    matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '\u{3000}')
}

pub fn plan(query: &str) -> Option<QueryPlan> {
    let folded = fold(query.trim());
    if folded.is_empty() {
        return None;
    }
    let d = digits(&folded);
    if d.len() >= 3 && folded.chars().all(|c| c.is_ascii_digit() || is_phone_punctuation(c)) {
        return Some(QueryPlan::Digits(d));
    }
    let mut terms = Vec::new();
    for part in folded.split_whitespace() {
        let mut tokens = Vec::new();
        for run in runs(part) {
            match run {
                Run::Word(w) => tokens.push(w.to_string()),
                Run::Cjk(chars) if chars.len() == 1 => tokens.push(chars[0].to_string()),
                Run::Cjk(chars) => tokens.extend(chars.windows(2).map(|p| p.iter().collect::<String>())),
            }
        }
        if !tokens.is_empty() {
            terms.push(tokens);
        }
    }
    if terms.is_empty() { None } else { Some(QueryPlan::Text(terms)) }
}

/// Whether a query token is worth a prefix search: FTS5 merges the documents of every term with
/// the prefix before returning any, so `"zh"*` costs the whole pinyin "zh…" vocabulary. A Chinese
/// bigram never starts a longer token (Chinese tokens are at most two characters); a single
/// Chinese character does; Latin and digit tokens from three characters on.
pub fn worth_prefix(token: &str) -> bool {
    let mut chars = token.chars();
    match (chars.next(), chars.clone().count()) {
        (Some(c), 0) => is_cjk(c),
        (Some(c), _) if is_cjk(c) => false,
        (Some(_), rest) => rest >= 2,
        (None, _) => false,
    }
}

/// The FTS5 MATCH expression of a text plan: each term a phrase, all terms required; with
/// `prefix` the last token of a phrase may be the start of a longer token where that is worth it
/// (`worth_prefix`). Tokens hold only letters and digits (see `runs`), so nothing in them needs
/// quoting beyond the quotes.
pub fn text_expression(terms: &[Vec<String>], prefix: bool) -> String {
    terms
        .iter()
        .map(|t| {
            let star = if prefix && t.last().is_some_and(|l| worth_prefix(l)) { "*" } else { "" };
            format!("\"{}\"{star}", t.join(" "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The trigram-index expression of a digits plan: numbers ending in the digits, or containing them.
pub fn phone_expression(digits: &str, ending: bool) -> String {
    if ending { format!("\"{digits}#\"") } else { format!("\"{digits}\"") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_tokens(s: &str) -> String {
        let mut out = String::new();
        push_text_tokens(s, &mut out);
        out
    }

    #[test]
    fn chinese_runs_become_bigrams_and_last_char() {
        assert_eq!(text_tokens("张三丰"), "张三 三丰 丰");
        assert_eq!(text_tokens("张三"), "张三 三");
        assert_eq!(text_tokens("王"), "王");
        assert_eq!(text_tokens("北京ABC科技"), "北京 京 abc 科技 技");
    }

    #[test]
    fn latin_text_is_folded_into_words() {
        assert_eq!(text_tokens("John O'Neil"), "john o neil");
        assert_eq!(text_tokens("Zhang.San@Example.COM"), "zhang san example com");
        assert_eq!(text_tokens("ＡＢＣ１２３"), "abc123"); // full width folds to ASCII
    }

    #[test]
    fn pinyin_tokens_cover_full_spelling_and_initials() {
        let mut out = String::new();
        push_pinyin_tokens("张三丰", &mut out);
        assert_eq!(out, "zhangsanfeng sanfeng feng zsf sf");
        let mut none = String::new();
        push_pinyin_tokens("John Smith", &mut none);
        assert_eq!(none, "");
    }

    #[test]
    fn phone_numbers_are_marked_digit_runs() {
        let mut out = String::new();
        push_phone_digits("+86 138-0013-8000", &mut out);
        push_phone_digits("ext.", &mut out);
        push_phone_digits("０１０-1234", &mut out);
        assert_eq!(out, "#8613800138000# #0101234#");
    }

    #[test]
    fn sort_key_puts_pinyin_first_and_is_case_insensitive() {
        assert_eq!(name_sort_key("张三"), "zhang san\u{1f}张三");
        assert_eq!(name_sort_key("  Alice "), name_sort_key("ALICE"));
        assert!(name_sort_key("张三") > name_sort_key("Wang Wu"));
        assert!(name_sort_key("李四") < name_sort_key("Wang Wu"));
    }

    #[test]
    fn plans_and_expressions() {
        assert_eq!(plan("  "), None);
        assert_eq!(plan("138 0013-8000"), Some(QueryPlan::Digits("13800138000".into())));
        assert_eq!(phone_expression("8000", true), "\"8000#\"");
        assert_eq!(phone_expression("8000", false), "\"8000\"");
        let terms = |q: &str| match plan(q) {
            Some(QueryPlan::Text(t)) => t,
            other => panic!("{q}: {other:?}"),
        };
        assert_eq!(text_expression(&terms("张三丰 Acme"), false), "\"张三 三丰\" AND \"acme\"");
        assert_eq!(text_expression(&terms("张三丰 Acme"), true), "\"张三 三丰\" AND \"acme\"*");
        assert_eq!(text_expression(&terms("zsf"), true), "\"zsf\"*");
        assert_eq!(text_expression(&terms("zh"), true), "\"zh\"", "two letters: whole token only");
        assert_eq!(text_expression(&terms("丰"), true), "\"丰\"*", "one character starts bigrams");
        assert_eq!(terms("12"), vec![vec!["12".to_string()]], "too few digits for a phone lookup");
        // quotes and FTS5 operators in the query cannot reach the expression
        assert_eq!(text_expression(&terms("a\" OR b*"), true), "\"a\" AND \"or\" AND \"b\"");
        assert_eq!(plan("\"*()"), None);
    }
}
