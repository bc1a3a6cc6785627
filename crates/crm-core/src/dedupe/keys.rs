//! What two records of the same customer share once the ways people type it are taken off:
//! a phone without its country code and punctuation, an email without case, a name in pinyin
//! (同音 homophones and 张三/张 三/ZHANG San meet), a company without its legal form.

use crate::search::tokens::{digits, fold, pinyin_syllables};

/// A mobile or landline number as its national digits: "+86 138-0013-8000", "0086 13800138000"
/// and "13800138000" are one key. Fewer than 7 digits is an extension or a typo, never a key.
pub fn phone_key(phone: &str) -> Option<String> {
    let d = digits(phone);
    let national = d
        .strip_prefix("0086")
        .or_else(|| d.strip_prefix("86").filter(|rest| rest.len() == 11 && rest.starts_with('1')))
        .unwrap_or(&d);
    (national.len() >= 7).then(|| national.to_string())
}

/// An email address folded to lower case, without surrounding blanks; not an address, no key.
pub fn email_key(email: &str) -> Option<String> {
    let e = fold(email.trim());
    let (local, domain) = e.split_once('@')?;
    (!local.is_empty() && domain.contains('.')).then_some(e)
}

/// The letters and digits of a name, folded: "Zhang  San" and "zhang-san" become "zhangsan".
pub fn name_key(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A name as it sounds: the pinyin of its Chinese characters with any Latin letters kept, so
/// 张三, 章三 and "Zhang San" all read "zhangsan". None when the name has no letters at all.
pub fn sound_key(name: &str) -> Option<String> {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !c.is_ascii() {
            let mut buf = [0u8; 4];
            for syllable in pinyin_syllables(c.encode_utf8(&mut buf)) {
                out.push_str(syllable);
            }
        }
    }
    (out.len() >= 2).then_some(out)
}

/// Legal forms and filler that two spellings of one company differ by.
const COMPANY_NOISE: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团",
    "公司",
    "co.,ltd.",
    "co., ltd.",
    "co.,ltd",
    "co. ltd",
    "co ltd",
    "corporation",
    "limited",
    "company",
    "group",
    "corp.",
    "corp",
    "inc.",
    "inc",
    "ltd.",
    "ltd",
    "llc",
    "gmbh",
];

/// A company (or an enterprise customer's name) without its legal form, blanks and punctuation:
/// "北京云帆科技有限公司" and "北京云帆科技" are one key. None when nothing distinctive is left.
pub fn company_key(company: &str) -> Option<String> {
    let mut folded = fold(company.trim()).replace(['（', '('], " (").replace(['）', ')'], ") ");
    for noise in COMPANY_NOISE {
        if let Some(at) = folded.rfind(noise)
            && at + noise.len() >= folded.trim_end().len().saturating_sub(1)
        {
            folded.truncate(at);
        }
    }
    let key: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    (key.chars().count() >= 2).then_some(key)
}

/// How alike two spellings are, 0..=1 (Jaro-Winkler): 1 for equal, about 0.9 for one typo in a
/// ten-letter name, low for different names.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_matched = vec![false; a.len()];
    let mut b_matched = vec![false; b.len()];
    let mut matches = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let from = i.saturating_sub(window);
        let to = (i + window + 1).min(b.len());
        for j in from..to {
            if !b_matched[j] && b[j] == *ca {
                a_matched[i] = true;
                b_matched[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let a_seq = a.iter().zip(&a_matched).filter(|(_, m)| **m).map(|(c, _)| c);
    let b_seq = b.iter().zip(&b_matched).filter(|(_, m)| **m).map(|(c, _)| c);
    let transpositions = a_seq.zip(b_seq).filter(|(x, y)| x != y).count() / 2;
    let m = matches as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_lose_country_code_and_punctuation() {
        assert_eq!(phone_key("+86 138-0013-8000").as_deref(), Some("13800138000"));
        assert_eq!(phone_key("0086 13800138000").as_deref(), Some("13800138000"));
        assert_eq!(phone_key("138 0013 8000").as_deref(), Some("13800138000"));
        assert_eq!(phone_key("010-6552 8888").as_deref(), Some("01065528888"));
        assert_eq!(phone_key("ext 204"), None);
        // 86 followed by a landline is not taken for a country code.
        assert_eq!(phone_key("8620123456").as_deref(), Some("8620123456"));
    }

    #[test]
    fn emails_fold_case_and_width() {
        assert_eq!(email_key(" Li.Lei@Example.COM ").as_deref(), Some("li.lei@example.com"));
        assert_eq!(email_key("ｌｉ@example.com").as_deref(), Some("li@example.com"));
        assert_eq!(email_key("not an address"), None);
        assert_eq!(email_key("a@localhost"), None);
    }

    #[test]
    fn homophones_and_spacing_share_a_sound_key() {
        assert_eq!(sound_key("张三"), sound_key("章三"));
        assert_eq!(sound_key("张三"), sound_key("Zhang San"));
        assert_eq!(sound_key("张 三"), sound_key("zhang-san"));
        assert_ne!(sound_key("张三"), sound_key("李四"));
        assert_eq!(sound_key("!"), None);
    }

    #[test]
    fn companies_lose_their_legal_form() {
        assert_eq!(company_key("北京云帆科技有限公司"), company_key("北京云帆科技"));
        assert_eq!(company_key("北京云帆科技股份有限公司"), company_key("北京云帆科技（集团）"));
        assert_eq!(company_key("Acme Co., Ltd."), company_key("ACME"));
        assert_eq!(company_key("Acme Inc."), company_key("acme"));
        assert_ne!(company_key("北京云帆科技"), company_key("上海云帆科技"));
        assert_eq!(company_key("有限公司"), None);
    }

    #[test]
    fn similarity_ranks_typos_above_other_names() {
        assert_eq!(similarity("zhangsan", "zhangsan"), 1.0);
        assert!(similarity("zhangsan", "zhangshan") > 0.9);
        assert!(similarity("martha", "marhta") > 0.95);
        assert!(similarity("zhangsan", "lisi") < 0.6);
        assert_eq!(similarity("", "a"), 0.0);
    }
}
