//! Template filters, implemented here (not by the host's `Intl`) so every runtime writes the same words.
//!
//! They read the render's `locale`, `currency` and `time_zone` variables:
//! - `money`: minor units → `¥1,234.56` / `$1,234.56`, and `1,234.56 元` for CNY in zh-CN;
//! - `date`: `YYYY-MM-DD` or an instant → `2026年12月5日`, `December 5, 2026` (en-US), `5 December 2026` (en-GB);
//! - `datetime`: an instant in the borrower's zone → `2026年12月5日 10:00`, `December 5, 2026, 10:00 AM`;
//! - `plural`: `n | plural("day", "days")` (Chinese has no plural: the first form is used);
//! - `mask`: `"6222021234567890" | mask` → `************7890` (keep 4 by default);
//! - `gsm`: `"José Peña Hernández" | gsm` → `José Peña Hernandez`: Latin letters and punctuation outside the GSM-7
//!   alphabet spelt with their nearest GSM-7 character, everything else (Chinese) unchanged.

use crate::money::Currency;
use crate::time::{Date, Instant, Zone};
use chrono::{Datelike, NaiveDate, Timelike};
use minijinja::{Environment, Error, ErrorKind, State, Value};

/// Registers every filter.
pub fn register(env: &mut Environment<'static>) {
    env.add_filter("money", money);
    env.add_filter("date", date);
    env.add_filter("datetime", datetime);
    env.add_filter("plural", plural);
    env.add_filter("mask", mask);
    env.add_filter("gsm", gsm);
}

fn var(state: &State, name: &str) -> Option<String> {
    state.lookup(name).and_then(|v| v.as_str().map(str::to_string))
}

/// `f` of a string variable, borrowed: the filters run for every amount and date of every part.
fn with_var<R>(state: &State, name: &str, f: impl FnOnce(Option<&str>) -> R) -> R {
    let value = state.lookup(name);
    f(value.as_ref().and_then(Value::as_str))
}

fn bad(msg: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, msg)
}

/// Appends an integer's digits, grouped by thousands.
fn push_grouped(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n;
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (rest % 10) as u8;
        }
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        out.push(char::from(digits.get(i).copied().unwrap_or(b'0')));
        if i > 0 && i % 3 == 0 {
            out.push(',');
        }
    }
}

/// Formats minor units of `currency` for `locale`.
pub fn format_money(minor: i64, currency: &Currency, locale: &str) -> String {
    let abs = minor.unsigned_abs();
    let exponent = u32::from(currency.exponent);
    let unit = 10u64.pow(exponent);
    let yuan = locale == "zh-CN" && currency.code == "CNY";
    let mut out = String::with_capacity(24);
    if minor < 0 {
        out.push('-');
    }
    if !yuan {
        out.push_str(currency.symbol);
    }
    if exponent == 0 {
        push_grouped(&mut out, abs);
    } else {
        push_grouped(&mut out, abs / unit);
        out.push('.');
        // The minor units, zero-padded to the exponent's width.
        let mut place = unit / 10;
        let fraction = abs % unit;
        while place > 0 {
            out.push(char::from(b'0' + ((fraction / place) % 10) as u8));
            place /= 10;
        }
    }
    if yuan {
        out.push_str(" 元");
    }
    out
}

fn money(state: &State, minor: i64) -> Result<String, Error> {
    let currency = with_var(state, "currency", |code| {
        Currency::parse(code.ok_or_else(|| bad("`money` needs a `currency` variable".into()))?).map_err(bad)
    })?;
    Ok(with_var(state, "locale", |locale| {
        format_money(minor, &currency, locale.unwrap_or("en-US"))
    }))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats a calendar date for `locale`.
pub fn format_date(d: NaiveDate, locale: &str) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("");
    match locale {
        "zh-CN" => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        "en-GB" => format!("{} {month} {}", d.day(), d.year()),
        _ => format!("{month} {}, {}", d.day(), d.year()),
    }
}

fn zone(state: &State) -> Zone {
    var(state, "time_zone")
        .and_then(|z| Zone::parse(&z).ok())
        .unwrap_or(Zone(chrono_tz::Tz::UTC))
}

fn date(state: &State, value: String) -> Result<String, Error> {
    let d = match Date::parse(&value) {
        Ok(d) => d.0,
        Err(_) => Instant::parse(&value).map_err(bad)?.local_date(zone(state)),
    };
    Ok(with_var(state, "locale", |locale| {
        format_date(d, locale.unwrap_or("en-US"))
    }))
}

fn datetime(state: &State, value: String) -> Result<String, Error> {
    let locale = var(state, "locale").unwrap_or_else(|| "en-US".into());
    let local = Instant::parse(&value).map_err(bad)?.local_datetime(zone(state));
    let (h, m) = (local.hour(), local.minute());
    Ok(match locale.as_str() {
        "zh-CN" | "en-GB" => format!("{} {h:02}:{m:02}", format_date(local.date(), &locale)),
        _ => {
            let (h12, ampm) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            format!("{}, {h12}:{m:02} {ampm}", format_date(local.date(), &locale))
        }
    })
}

fn plural(state: &State, n: i64, one: String, many: Option<String>) -> String {
    if var(state, "locale").as_deref() == Some("zh-CN") || n == 1 {
        one
    } else {
        many.unwrap_or_else(|| format!("{one}s"))
    }
}

fn mask(value: String, keep: Option<usize>) -> String {
    let chars: Vec<char> = value.chars().collect();
    let keep = keep.unwrap_or(4).min(chars.len());
    let hidden = chars.len() - keep;
    std::iter::repeat_n('*', hidden)
        .chain(chars.iter().skip(hidden).copied())
        .collect()
}

/// The nearest GSM-7 spelling of a text. One `á` in a name turns a whole English text into UCS-2, which
/// halves what a segment holds (67 units instead of 153 septets), so texts written in Latin script go out
/// the way most SMS gateways would send them anyway: `á` as `a`, `’` as `'`. Letters GSM-7 has (`é`, `ñ`,
/// `ü`, …) and every non-Latin character are kept.
pub fn gsm(value: String) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        out.push_str(match c {
            'á' | 'â' | 'ã' | 'ā' | 'ă' | 'ą' => "a",
            'Á' | 'Â' | 'Ã' | 'Ā' | 'Ă' | 'Ą' | 'À' => "A",
            'ç' | 'ć' | 'č' => "c",
            'Ć' | 'Č' => "C",
            'ď' | 'đ' => "d",
            'Ď' | 'Đ' => "D",
            'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'È' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
            'í' | 'î' | 'ï' | 'ī' => "i",
            'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => "I",
            'ł' => "l",
            'Ł' => "L",
            'ń' | 'ň' => "n",
            'Ń' | 'Ň' => "N",
            'ó' | 'ô' | 'õ' | 'ő' | 'ō' => "o",
            'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ő' | 'Ō' => "O",
            'ř' => "r",
            'Ř' => "R",
            'ś' | 'š' | 'ș' | 'ş' => "s",
            'Ś' | 'Š' | 'Ș' | 'Ş' => "S",
            'ť' | 'ț' | 'ţ' => "t",
            'Ť' | 'Ț' | 'Ţ' => "T",
            'ú' | 'û' | 'ū' | 'ů' | 'ű' => "u",
            'Ú' | 'Ù' | 'Û' | 'Ū' | 'Ů' | 'Ű' => "U",
            'ý' | 'ÿ' => "y",
            'Ý' | 'Ÿ' => "Y",
            'ź' | 'ż' | 'ž' => "z",
            'Ź' | 'Ż' | 'Ž' => "Z",
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => "'",
            '\u{201C}' | '\u{201D}' => "\"",
            '\u{2013}' | '\u{2014}' => "-",
            '\u{2026}' => "...",
            '\u{00A0}' => " ",
            _ => {
                out.push(c);
                continue;
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Limits, render};
    use serde_json::json;

    fn r(src: &str, ctx: serde_json::Value) -> String {
        render("t.txt", src, &ctx, Limits::default()).unwrap_or_else(|e| e.message)
    }

    #[test]
    fn money_per_locale_and_currency() {
        assert_eq!(
            r("{{ 123456 | money }}", json!({"currency": "CNY", "locale": "zh-CN"})),
            "1,234.56 元"
        );
        assert_eq!(
            r("{{ 123456 | money }}", json!({"currency": "CNY", "locale": "en-US"})),
            "¥1,234.56"
        );
        assert_eq!(
            r("{{ 123456 | money }}", json!({"currency": "USD", "locale": "en-US"})),
            "$1,234.56"
        );
        assert_eq!(
            r("{{ 5 | money }}", json!({"currency": "USD", "locale": "en-US"})),
            "$0.05"
        );
        assert_eq!(
            r("{{ 1234567 | money }}", json!({"currency": "JPY", "locale": "en-US"})),
            "¥1,234,567"
        );
        assert_eq!(
            r("{{ 100000000 | money }}", json!({"currency": "GBP", "locale": "en-GB"})),
            "£1,000,000.00"
        );
    }

    #[test]
    fn money_is_written_as_the_plain_formatting_would_write_it() {
        // The formatter writes digits by hand (it runs for every amount of every part); `format!` is the
        // reference: grouping, zero-padded minor units, sign, symbol or 元, for every exponent.
        fn reference(minor: i64, c: &crate::money::Currency, locale: &str) -> String {
            let sign = if minor < 0 { "-" } else { "" };
            let abs = minor.unsigned_abs();
            let unit = 10u64.pow(u32::from(c.exponent));
            let group = |n: u64| {
                let d = n.to_string();
                let mut out = String::new();
                for (i, ch) in d.chars().enumerate() {
                    if i > 0 && (d.len() - i).is_multiple_of(3) {
                        out.push(',');
                    }
                    out.push(ch);
                }
                out
            };
            let number = if c.exponent == 0 {
                group(abs)
            } else {
                format!("{}.{:0w$}", group(abs / unit), abs % unit, w = c.exponent as usize)
            };
            if locale == "zh-CN" && c.code == "CNY" {
                format!("{sign}{number} 元")
            } else {
                format!("{sign}{}{number}", c.symbol)
            }
        }
        let mut n: i64 = 1;
        let mut values = vec![0, -1, i64::MIN, i64::MAX, 9_007_199_254_740_991, -9_007_199_254_740_991];
        while n < i64::MAX / 7 {
            values.extend([n, -n, n - 1, n + 3]);
            n *= 7;
        }
        for c in crate::money::CURRENCIES {
            for locale in ["zh-CN", "en-US", "en-GB"] {
                for &v in &values {
                    assert_eq!(
                        super::format_money(v, c, locale),
                        reference(v, c, locale),
                        "{v} {}",
                        c.code
                    );
                }
            }
        }
    }

    #[test]
    fn dates_in_the_borrowers_zone_and_locale() {
        let ctx = |l: &str| json!({"locale": l, "time_zone": "Asia/Shanghai"});
        assert_eq!(r("{{ '2026-12-05' | date }}", ctx("zh-CN")), "2026年12月5日");
        assert_eq!(r("{{ '2026-12-05' | date }}", ctx("en-US")), "December 5, 2026");
        assert_eq!(r("{{ '2026-12-05' | date }}", ctx("en-GB")), "5 December 2026");
        // 2026-12-04T18:30Z is already Dec 5 in Shanghai.
        assert_eq!(r("{{ '2026-12-04T18:30:00Z' | date }}", ctx("zh-CN")), "2026年12月5日");
        assert_eq!(
            r("{{ '2026-12-05T02:00:00Z' | datetime }}", ctx("zh-CN")),
            "2026年12月5日 10:00"
        );
        let ny = json!({"locale": "en-US", "time_zone": "America/New_York"});
        assert_eq!(
            r("{{ '2026-12-05T17:05:00Z' | datetime }}", ny),
            "December 5, 2026, 12:05 PM"
        );
    }

    #[test]
    fn plural_and_mask() {
        assert_eq!(
            r(
                "{{ 1 | plural('day') }} {{ 3 | plural('day') }} {{ 2 | plural('child', 'children') }}",
                json!({"locale": "en-US"})
            ),
            "day days children"
        );
        assert_eq!(r("{{ 3 | plural('天') }}", json!({"locale": "zh-CN"})), "天");
        assert_eq!(r("{{ '6222021234567890' | mask }}", json!({})), "************7890");
        assert_eq!(r("{{ '12' | mask(4) }}", json!({})), "12");
    }

    #[test]
    fn gsm_spells_latin_text_in_the_gsm_alphabet() {
        // GSM-7 has é, ñ, ü and ø; it has no á, í, ó, ú, ł or curly quotes.
        assert_eq!(
            r(
                "{{ name | gsm }}",
                json!({"name": "José Peña Hernández, Łucja Øster, Müller’s “ok”"})
            ),
            "José Peña Hernandez, Lucja Øster, Müller's \"ok\""
        );
        assert_eq!(r("{{ name | gsm }}", json!({"name": "王芳 Zoë"})), "王芳 Zoe");
        let out = super::gsm("Ágnes Íñigo Óscar Úrsula".into());
        assert!(
            crate::template::sms::measure(&out).encoding == crate::template::sms::Encoding::Gsm7,
            "{out}"
        );
    }
}
