//! Amounts and dates in a reply, resolved against the decision's `as_of` in the borrower's calendar.
//!
//! Amounts: `$200`, `¥500`, `£50`, `200 dollars`, `50 bucks`, `two hundred dollars`, `500元`, `五百块`,
//! `1.5万`, `两千五`, and a bare number right after a paying verb (`pay 300`, `还1500`), in the account's
//! currency. Dates: `today`, `tomorrow`, `in 3 days`, `friday`, `next friday` (the Friday of next week),
//! `on the 5th`, `december 10`, `12/7` (M/D in the US, D/M elsewhere), `2026-12-09`, `end of the month`,
//! `next week` (its Sunday), `今天`, `明天`, `后天`, `三天后`, `周五`, `下周五`, `下下周五`, `12月5日`, `5号`,
//! `下个月5号`, `月底`, `月中`, `年底`. A period resolves to its last day, so a promise "next week" is broken
//! only after next week. Nothing vague ("payday", `发工资`) becomes a date.
#![allow(
    clippy::indexing_slicing,
    reason = "the scanners walk a reply's characters with look-behind and look-ahead at positions checked against the length; not yet rewritten with `get` (issue 18: the core denies it everywhere else)"
)]

mod amount;
mod date;

pub use amount::{amounts, bare_amount, chinese_number, promised_amount, share};
pub use date::{dates, names_impossible_day};

#[cfg(test)]
use super::text::Text;
#[cfg(test)]
use chrono::NaiveDate;
use serde::Serialize;

/// An amount found in a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FoundAmount {
    /// Minor units of `currency`.
    pub amount: i64,
    /// ISO code: the one written, else the account's.
    pub currency: &'static str,
    /// The words it came from.
    pub text: String,
}

/// A date found in a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FoundDate {
    /// The date in the borrower's calendar.
    pub date: crate::time::Date,
    /// The words it came from.
    pub text: String,
}

/// A bankruptcy case number: "case no. 26-12345", "case #1:26-bk-01234", "案号(2026)京01破1号".
pub fn case_number(raw: &str) -> Option<String> {
    let lower = raw.to_lowercase();
    for lead in [
        "case number",
        "case no.",
        "case no",
        "case #",
        "case",
        "caso numero",
        "caso número",
        "caso",
        "número de caso",
        "案号",
        "案件号",
    ] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(lead) {
            let start = from + i + lead.len();
            from = start;
            let rest = raw.get(start..).unwrap_or("");
            let rest = rest
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '#' | '：' | '.' | '是' | '为'));
            let token: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | ':' | '/' | '(' | ')' | '（' | '）'))
                .take(40)
                .collect();
            if token.chars().any(|c| c.is_ascii_digit()) {
                return Some(token);
            }
        }
    }
    None
}

/// An attorney's name: "my attorney is Jane Roe", "lawyer: John Smith", "abogado Luis Pérez", 王律师,
/// 律师是张伟.
pub fn attorney_name(raw: &str) -> Option<String> {
    let lower = raw.to_lowercase();
    for lead in ["attorney", "lawyer", "solicitor", "counsel", "abogado", "abogada"] {
        if let Some(i) = lower.find(lead) {
            let rest = raw.get(i + lead.len()..).unwrap_or("");
            let mut words = rest
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '.' | ';' | '-'))
                .filter(|w| !w.is_empty())
                .peekable();
            while words.peek().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "is" | "es" | "named" | "called" | "se" | "llama"
                )
            }) {
                words.next();
            }
            let name: Vec<&str> = words
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
                .take(3)
                .collect();
            if !name.is_empty() {
                return Some(name.join(" "));
            }
        }
    }
    let chars: Vec<char> = raw.chars().collect();
    for (i, w) in chars.windows(2).enumerate() {
        if w == ['律', '师'] {
            let after: String = chars[i + 2..].iter().collect();
            for lead in ["是", "叫", "姓名", "："] {
                if let Some(rest) = after.strip_prefix(lead) {
                    let name: String = rest.chars().take_while(|c| super::text::is_cjk(*c)).take(4).collect();
                    if (2..=4).contains(&name.chars().count()) {
                        return Some(name);
                    }
                }
            }
            // 王律师: a one-character surname right before.
            if i > 0 && super::text::is_cjk(chars[i - 1]) && !"的我位名请找个和跟由托聘雇问".contains(chars[i - 1])
            {
                return Some(format!("{}律师", chars[i - 1]));
            }
        }
    }
    None
}

/// A phone number: 10 to 13 digits, separators allowed (`(555) 010-0199`, `+44 20 7946 0000`, `138 0013 8000`).
pub fn phone(raw: &str) -> Option<String> {
    let chars: Vec<char> = raw.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || chars[i] == '+' || chars[i] == '(' {
            let mut j = i;
            let mut digits = 0;
            while j < chars.len()
                && (chars[j].is_ascii_digit() || matches!(chars[j], ' ' | '-' | '.' | '(' | ')' | '+'))
            {
                digits += usize::from(chars[j].is_ascii_digit());
                j += 1;
            }
            if (10..=13).contains(&digits) {
                let number: String = chars[i..j].iter().collect();
                return Some(number.trim().to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn first_date(text: &str) -> Option<String> {
        // 2026-11-28 is a Saturday.
        dates(&Text::new(text), d("2026-11-28"), false)
            .first()
            .map(|x| x.date.to_string())
    }

    fn first_amount(text: &str, cur: &str) -> Option<i64> {
        let c = crate::money::Currency::parse(cur).ok()?;
        amounts(&Text::new(text), &c).first().map(|a| a.amount)
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("五百"), Some(500));
        assert_eq!(chinese_number("一千五"), Some(1500));
        assert_eq!(chinese_number("两千五"), Some(2500));
        assert_eq!(chinese_number("一万二"), Some(12000));
        assert_eq!(chinese_number("三百五"), Some(350));
        assert_eq!(chinese_number("十五"), Some(15));
        assert_eq!(chinese_number("一千"), Some(1000));
    }

    #[test]
    fn relative_dates_in_both_languages() {
        for (text, want) in [
            ("I'll pay next friday", "2026-12-04"),
            ("on Friday", "2026-12-04"),
            ("tomorrow", "2026-11-29"),
            ("in 3 days", "2026-12-01"),
            ("on the 5th", "2026-12-05"),
            ("end of the month", "2026-11-30"),
            ("next week", "2026-12-06"),
            ("December 10", "2026-12-10"),
            ("12/7", "2026-12-07"),
            ("2026-12-09", "2026-12-09"),
            ("下周五", "2026-12-04"),
            ("下下周五", "2026-12-11"),
            ("周一", "2026-11-30"),
            ("月底", "2026-11-30"),
            ("12月5日", "2026-12-05"),
            ("下个月5号", "2026-12-05"),
            ("15号", "2026-12-15"),
            ("三天后", "2026-12-01"),
            ("后天", "2026-11-30"),
            ("月中", "2026-12-15"),
        ] {
            assert_eq!(first_date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(first_date("when I get paid"), None);
        assert_eq!(first_date("发工资就还"), None);
    }

    #[test]
    fn amounts_in_both_languages() {
        assert_eq!(first_amount("I'll pay $200 on Friday", "USD"), Some(20000));
        assert_eq!(first_amount("150 dollars", "USD"), Some(15000));
        assert_eq!(first_amount("two hundred dollars", "USD"), Some(20000));
        assert_eq!(first_amount("$1,200.50", "USD"), Some(120050));
        assert_eq!(first_amount("can pay 300 next week", "USD"), Some(30000));
        assert_eq!(first_amount("下周五还500元", "CNY"), Some(50000));
        assert_eq!(first_amount("五百块", "CNY"), Some(50000));
        assert_eq!(first_amount("下周三前还一万二", "CNY"), Some(1_200_000));
        assert_eq!(first_amount("下周还1.5万", "CNY"), Some(1_500_000));
        assert_eq!(first_amount("10号之前还1500", "CNY"), Some(150_000));
        assert_eq!(first_amount("on the 5th", "USD"), None);
        assert_eq!(first_amount("12/7", "USD"), None);
    }

    #[test]
    fn absurd_spans_and_impossible_dates_are_no_dates() {
        // These trapped the module or produced nonsense before: a span overflowed chrono, 13月45日 read as
        // 12-05 from its tail, and an explicit year 9999 was dropped for this year's 12-31.
        for text in [
            "I'll pay in 99999999 days",
            "I'll pay in 99999999 weeks",
            "in 2940000 days",
            "in 9223372036854775807 days",
            "13月45日还",
            "9999年12月31日还",
            "99999999天后还",
            "December 31, 9999",
            "31 December 9999",
            "9999-12-31",
            "12/31/9999",
            "2月30日",
            "in 11 years worth of days: in 4100 days",
        ] {
            assert_eq!(first_date(text), None, "{text}");
        }
        // A plausible explicit year is honoured, and spans up to ten years still count.
        assert_eq!(first_date("2027年1月15日还").as_deref(), Some("2027-01-15"));
        assert_eq!(first_date("January 15, 2027").as_deref(), Some("2027-01-15"));
        assert_eq!(first_date("2026-12-09").as_deref(), Some("2026-12-09"));
        assert_eq!(first_date("in 30 days").as_deref(), Some("2026-12-28"));
        assert_eq!(first_date("in 2 weeks").as_deref(), Some("2026-12-12"));
    }

    #[test]
    fn spanish_dates() {
        // 2026-11-28 is a Saturday.
        for (text, want) in [
            ("le pago mañana", "2026-11-29"),
            ("pasado mañana", "2026-11-30"),
            ("el viernes", "2026-12-04"),
            ("el próximo viernes", "2026-12-04"),
            ("el viernes que viene", "2026-12-04"),
            ("la próxima semana", "2026-12-06"),
            ("la semana que viene", "2026-12-06"),
            ("a fin de mes", "2026-11-30"),
            ("el mes que viene", "2026-12-31"),
            ("el 15", "2026-12-15"),
            ("el 15 de diciembre", "2026-12-15"),
            ("en 3 días", "2026-12-01"),
            ("dentro de dos semanas", "2026-12-12"),
        ] {
            assert_eq!(first_date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(first_date("llamen por la mañana"), None);
        assert_eq!(first_date("el primero").as_deref(), Some("2026-12-01"));
        assert_eq!(first_amount("pagaré 200 dólares el viernes", "USD"), Some(20000));
    }

    #[test]
    fn weekends_firsts_and_thousands() {
        assert_eq!(first_date("周末").as_deref(), Some("2026-11-29"));
        assert_eq!(first_date("下周末").as_deref(), Some("2026-12-06"));
        assert_eq!(first_date("friday after next").as_deref(), Some("2026-12-11"));
        assert_eq!(first_date("the first of the month").as_deref(), Some("2026-12-01"));
        assert_eq!(first_date("1st of next month").as_deref(), Some("2026-12-01"));
        assert_eq!(first_amount("I'll send $1.5k friday", "USD"), Some(150_000));
        assert_eq!(first_amount("pay 2k next week", "USD"), Some(200_000));
        assert_eq!(first_amount("I walked 5km", "USD"), None);
    }

    #[test]
    fn a_bare_weekday_is_the_next_one_from_tomorrow() {
        // Today (2026-11-28) is a Saturday: "saturday" is next week's.
        assert_eq!(first_date("saturday").as_deref(), Some("2026-12-05"));
        assert_eq!(first_date("周六").as_deref(), Some("2026-12-05"));
        assert_eq!(first_date("sunday").as_deref(), Some("2026-11-29"));
    }

    #[test]
    fn attorney_case_number_and_phone() {
        assert_eq!(
            attorney_name("my attorney is Jane Roe, call her").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(attorney_name("请联系王律师").as_deref(), Some("王律师"));
        assert_eq!(
            attorney_name("我的律师是张伟，电话13800138000").as_deref(),
            Some("张伟")
        );
        assert_eq!(attorney_name("I have a lawyer now"), None);
        assert_eq!(phone("call (555) 010-0199 please").as_deref(), Some("(555) 010-0199"));
        assert_eq!(phone("电话13800138000").as_deref(), Some("13800138000"));
        assert_eq!(phone("I'll pay 200 on the 5th"), None);
        assert_eq!(
            case_number("Filed chapter 7, case no. 26-10432").as_deref(),
            Some("26-10432")
        );
        assert_eq!(case_number("I filed for bankruptcy"), None);
    }
}
