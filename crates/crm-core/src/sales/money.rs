//! Amounts are integer minor units (分, cents) of a currency, so sums are exact. These turn them
//! into text and back for the CLI and CSV files; every currency is written with two decimals.

use crate::error::{CoreError, CoreResult};

/// The largest amount accepted: 10 trillion in major units, far beyond any deal.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// `12000.5` or `12,000.50` -> 1200050.
pub fn parse_amount(text: &str) -> CoreResult<i64> {
    let bad = || CoreError::invalid(format!("'{text}' is not an amount like 12000.50"));
    let t: String = text.trim().chars().filter(|c| *c != ',' && *c != '_' && *c != ' ').collect();
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let amount = whole.checked_mul(100).and_then(|w| w.checked_add(frac)).ok_or_else(bad)?;
    if amount > MAX_AMOUNT {
        return Err(CoreError::invalid(format!("{text} is larger than any amount this CRM keeps")));
    }
    Ok(amount)
}

/// 1200050 -> "12000.50".
pub fn format_amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    format!("{sign}{}.{:02}", m / 100, m % 100)
}

/// A currency code: three letters, upper case; CNY when empty.
pub fn currency_code(text: Option<&str>) -> CoreResult<String> {
    let c = text.map(str::trim).filter(|c| !c.is_empty()).unwrap_or("CNY").to_ascii_uppercase();
    if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
        return Err(CoreError::invalid(format!("'{c}' is not a currency code like CNY or USD")));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_trip_exactly() {
        assert_eq!(parse_amount("12000.5").unwrap(), 1_200_050);
        assert_eq!(parse_amount("12,000.50").unwrap(), 1_200_050);
        assert_eq!(parse_amount("7").unwrap(), 700);
        assert_eq!(format_amount(1_200_050), "12000.50");
        assert_eq!(format_amount(5), "0.05");
        for bad in ["", "-3", "1.234", "abc", "1e5", "99999999999999999999"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        assert_eq!(currency_code(None).unwrap(), "CNY");
        assert_eq!(currency_code(Some(" usd ")).unwrap(), "USD");
        assert!(currency_code(Some("RMB1")).is_err());
    }
}
