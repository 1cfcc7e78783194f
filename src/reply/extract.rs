//! Amounts and dates in a reply, resolved against the decision's `as_of` in the borrower's calendar.
//!
//! Amounts: `$200`, `¥500`, `£50`, `200 dollars`, `50 bucks`, `two hundred dollars`, `500元`, `五百块`,
//! `1.5万`, `两千五`, and a bare number right after a paying verb (`pay 300`, `还1500`), in the account's
//! currency. Dates: `today`, `tomorrow`, `in 3 days`, `friday`, `next friday` (the Friday of next week),
//! `on the 5th`, `december 10`, `12/7` (M/D in the US, D/M elsewhere), `2026-12-09`, `end of the month`,
//! `next week` (its Sunday), `今天`, `明天`, `后天`, `三天后`, `周五`, `下周五`, `下下周五`, `12月5日`, `5号`,
//! `下个月5号`, `月底`, `月中`, `年底`. A period resolves to its last day, so a promise "next week" is broken
//! only after next week. Nothing vague ("payday", `发工资`) becomes a date.

use super::text::Text;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// An amount found in a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
pub struct FoundDate {
    /// The date in the borrower's calendar.
    pub date: crate::time::Date,
    /// The words it came from.
    pub text: String,
}

const PAY_WORDS_EN: [&str; 22] = [
    "swing",
    "expect",
    "another",
    "remaining",
    "rest",
    "remainder",
    "pagar",
    "pago",
    "pagare",
    "mando",
    "deposito",
    "abono",
    "pay",
    "paying",
    "payment of",
    "send",
    "sending",
    "transfer",
    "sent",
    "paid",
    "pay you",
    "pay u",
];
const PAY_WORDS_ZH: [&str; 15] = [
    "还",
    "转账",
    "转",
    "付",
    "打款",
    "打钱",
    "汇款",
    "还款",
    "先还",
    "剩下",
    "剩余",
    "剩下的",
    "还你们",
    "给你们",
    "还你",
];

fn digits_value(s: &str) -> Option<(i64, u32)> {
    // "1,200.50" → (120050, 2 decimals seen); returns value scaled to cents (two decimals).
    let clean: String = s.chars().filter(|&c| c != ',').collect();
    let (int, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if int.is_empty() || int.len() > 9 || !int.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some((whole * 100 + cents, u32::try_from(frac.len()).unwrap_or(0)))
}

/// Parses a Chinese numeral (`五百`, `一千二`, `两千五`, `一万二`, `三`), with the colloquial trailing digit
/// meaning one unit down (`一千五` = 1500).
pub fn chinese_number(s: &str) -> Option<i64> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let unit = |c: char| match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut pending: Option<i64> = None;
    let mut last_unit: i64 = 1;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit(c) {
            pending = Some(d);
            // Colloquial tail: 一千五 → 1500, 一万二 → 12000.
            if i + 1 == chars.len() && i > 0 && (unit(chars[i - 1]).is_some() || chars[i - 1] == '万') {
                let scale = if chars[i - 1] == '万' { 1000 } else { last_unit / 10 };
                section += d * scale.max(1);
                pending = None;
            }
        } else if let Some(u) = unit(c) {
            section += pending.take().unwrap_or(1) * u;
            last_unit = u;
        } else if c == '万' {
            section += pending.take().unwrap_or(0);
            total += section.max(1) * 10_000;
            section = 0;
            last_unit = 10_000;
        } else {
            return None;
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

fn is_cn_numeral(c: char) -> bool {
    "零〇一二两三四五六七八九十百千万".contains(c)
}

/// Every amount in the reply, in order.
pub fn amounts(t: &Text, currency: &crate::money::Currency) -> Vec<FoundAmount> {
    let scale = |cents: i64, exponent: u32| -> i64 {
        // `cents` carries two decimals; rescale to the currency's exponent.
        match exponent {
            0 => cents / 100,
            1 => cents / 10,
            2 => cents,
            e => cents * 10_i64.pow(e - 2),
        }
    };
    let mut out: Vec<(usize, FoundAmount)> = Vec::new();
    let s: Vec<char> = t.lower.chars().collect();
    let n = s.len();
    let mut i = 0;
    while i < n {
        let c = s[i];
        // A numeric run: digits, commas, one dot.
        if c.is_ascii_digit() || (is_cn_numeral(c) && !matches!(c, '十' | '百' | '千' | '万')) {
            let start = i;
            let chinese = is_cn_numeral(c);
            let mut j = i;
            if chinese {
                while j < n && is_cn_numeral(s[j]) {
                    j += 1;
                }
            } else {
                while j < n
                    && (s[j].is_ascii_digit() || (matches!(s[j], ',' | '.') && j + 1 < n && s[j + 1].is_ascii_digit()))
                {
                    j += 1;
                }
            }
            let number: String = s[start..j].iter().collect();
            let mut value = if chinese {
                chinese_number(&number).map(|v| v * 100)
            } else {
                digits_value(&number).map(|(v, _)| v)
            };
            // 万 / 千 after digits: 1.5万, 3千; and "1k", "$1.5k".
            let mut k = j;
            if !chinese && k < n && (s[k] == '万' || s[k] == '千') {
                let unit = if s[k] == '万' { 10_000 } else { 1_000 };
                value = value.map(|v| v * unit);
                k += 1;
                // "1千5" is 1,500 and "2万3" 23,000: a lone trailing digit counts one unit down, as in 一千五.
                if k < n && s[k].is_ascii_digit() && s.get(k + 1).is_none_or(|c| !c.is_ascii_digit()) {
                    let digit = i64::from(u32::from(s[k]) - u32::from('0'));
                    value = value.map(|v| v + digit * unit / 10 * 100);
                    k += 1;
                }
            } else if !chinese && k < n && s[k] == 'k' && s.get(k + 1).is_none_or(|c| !c.is_alphanumeric()) {
                value = value.map(|v| v * 1_000);
                k += 1;
            }
            let before: String = s[..start].iter().collect();
            let after: String = s[k..].iter().collect();
            let after_trim = after.trim_start();
            let symbol = before.trim_end().chars().last();
            let explicit = match symbol {
                Some('$') => Some("USD"),
                Some('£') => Some("GBP"),
                Some('¥' | '￥') => Some("CNY"),
                Some('€') => Some("EUR"),
                _ => None,
            };
            let unit_currency = [
                ("dollars", "USD"),
                ("dolares", "USD"),
                ("dls", "USD"),
                ("dollar", "USD"),
                ("bucks", "USD"),
                ("usd", "USD"),
                ("pounds", "GBP"),
                ("quid", "GBP"),
                ("gbp", "GBP"),
                ("euros", "EUR"),
                ("eur", "EUR"),
                ("块钱", "CNY"),
                ("块", "CNY"),
                ("元", "CNY"),
                ("rmb", "CNY"),
                ("cny", "CNY"),
                ("yuan", "CNY"),
                ("人民币", "CNY"),
            ]
            .into_iter()
            .find(|(u, _)| {
                after_trim.starts_with(u)
                    && after_trim[u.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_ascii_alphabetic())
            });
            let is_date_part = !chinese
                && (after.starts_with('/')
                    || before.ends_with('/')
                    || ["st", "nd", "rd", "th"].iter().any(|x| after.starts_with(x))
                    || ["am", "pm", "a.m", "p.m"].iter().any(|x| {
                        after_trim.starts_with(x)
                            && !after_trim[x.len()..]
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_alphabetic())
                    })
                    || after.starts_with(':')
                    || after.starts_with('-')
                    || before.ends_with('-'))
                || after_trim.starts_with('号')
                || after_trim.starts_with('日')
                || after_trim.starts_with('月')
                || after_trim.starts_with('天')
                || after_trim.starts_with('周')
                || after_trim.starts_with('点')
                || after_trim.starts_with("个月")
                || after_trim.starts_with('期')
                || after_trim.starts_with('条')
                || after_trim.starts_with('次')
                || after_trim.starts_with("days")
                || after_trim.starts_with("dias")
                || after_trim.starts_with("semanas")
                || after_trim.starts_with("day")
                || after_trim.starts_with("weeks")
                || after_trim.starts_with("week")
                || after_trim.starts_with("months")
                || after_trim.starts_with("hours");
            let bare_after_pay = || {
                let b = before.trim_end();
                let tail_en: String = b.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
                let en = PAY_WORDS_EN.iter().any(|w| {
                    let words: Vec<&str> = tail_en
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|x| !x.is_empty())
                        .collect();
                    let last: Vec<&str> = words.iter().rev().take(3).rev().copied().collect();
                    let joined = last.join(" ");
                    joined.ends_with(w) || last.iter().any(|x| x == w)
                });
                let zh_tail: String = b.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                let zh = PAY_WORDS_ZH
                    .iter()
                    .any(|w| zh_tail.ends_with(w) || zh_tail.ends_with(&format!("{w}了")));
                en || zh
            };
            let currency_code = explicit.or(unit_currency.map(|(_, c)| c));
            // "把1500还上": the money comes before the paying verb in Chinese.
            let held = before.trim_end().ends_with('把');
            // "2026" alone is a year; "还2000" or "pay 2000" is money.
            let year_like = !chinese
                && number.len() == 4
                && number.starts_with("20")
                && currency_code.is_none()
                && !bare_after_pay();
            // A lone Chinese digit without a unit is a word (一部分, 一半, 一定), not an amount.
            let word_like = chinese && currency_code.is_none() && !number.chars().any(|c| "十百千万".contains(c));
            if let Some(v) = value
                && !is_date_part
                && !year_like
                && !word_like
                && v > 0
                && (currency_code.is_some() || held || bare_after_pay())
            {
                let code = currency_code.unwrap_or(currency.code);
                let exponent = crate::money::Currency::parse(code).map_or(currency.exponent, |c| c.exponent);
                let end = k + unit_currency.map_or(0, |(u, _)| (after.len() - after_trim.len()) + u.chars().count());
                let from = if explicit.is_some() {
                    start.saturating_sub(1 + before.len() - before.trim_end().len())
                } else {
                    start
                };
                let text: String = s[from.min(start)..end.min(n)].iter().collect();
                out.push((
                    start,
                    FoundAmount {
                        amount: scale(v, u32::from(exponent)),
                        currency: code,
                        text: text.trim().to_string(),
                    },
                ));
            }
            i = k.max(i + 1);
            continue;
        }
        i += 1;
    }
    // English number words before a currency word: "two hundred dollars".
    for (start, value, text) in english_number_amounts(t) {
        out.push((
            start,
            FoundAmount {
                amount: scale(value * 100, u32::from(currency.exponent)),
                currency: "USD",
                text,
            },
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, a)| a).collect()
}

fn english_number_amounts(t: &Text) -> Vec<(usize, i64, String)> {
    let small = |w: &str| -> Option<i64> {
        let v = match w {
            "one" | "a" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "fifteen" => 15,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        };
        Some(v)
    };
    let mut out = Vec::new();
    let toks = &t.tokens;
    for (i, w) in toks.iter().enumerate() {
        if !matches!(w.as_str(), "dollars" | "bucks" | "pounds") || i == 0 {
            continue;
        }
        let mut j = i;
        let mut total = 0i64;
        let mut current = 0i64;
        let mut any = false;
        while j > 0 {
            let x = toks[j - 1].as_str();
            if small(x).is_some() || matches!(x, "hundred" | "thousand" | "and") {
                j -= 1;
            } else {
                break;
            }
        }
        for x in &toks[j..i] {
            match x.as_str() {
                "hundred" => current = current.max(1) * 100,
                "thousand" => {
                    total += current.max(1) * 1000;
                    current = 0;
                }
                "and" => {}
                other => {
                    if let Some(v) = small(other) {
                        current += v;
                        any = true;
                    }
                }
            }
        }
        if any {
            let text = toks[j..=i].join(" ");
            out.push((t.lower.find(&toks[j]).unwrap_or(0), total + current, text));
        }
    }
    out
}

/// Weekday from an English word.
fn weekday_en(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        "lunes" => Weekday::Mon,
        "martes" => Weekday::Tue,
        "miercoles" => Weekday::Wed,
        "jueves" => Weekday::Thu,
        "viernes" => Weekday::Fri,
        "sabado" => Weekday::Sat,
        "domingo" => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_zh(c: char) -> Option<Weekday> {
    Some(match c {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' | '七' => Weekday::Sun,
        _ => return None,
    })
}

fn month_en(w: &str) -> Option<u32> {
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let spanish = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    full.iter()
        .position(|m| *m == w)
        .or_else(|| {
            spanish
                .iter()
                .position(|m| *m == w || (w == "setiembre" && *m == "septiembre"))
        })
        .or_else(|| months.iter().position(|m| *m == w || (w == "sept" && *m == "sep")))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The longest span a reply's date may lie from today: "in 99999999 days" is no date, and neither is an
/// explicit year beyond it.
const MAX_SPAN_DAYS: i64 = 3_653;

/// `d` plus `n` days, when the span is plausible (within ten years) and the calendar has the day.
fn plus_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n.abs() > MAX_SPAN_DAYS {
        return None;
    }
    d.checked_add_signed(Duration::try_days(n)?)
}

/// An explicitly dated day (`2026-12-09`, `9999年12月31日`): honoured when it exists and lies within a year
/// before and ten years after today; otherwise no date.
fn with_year(today: NaiveDate, y: i64, m: u32, d: u32) -> Option<NaiveDate> {
    let y = i32::try_from(y).ok()?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    let days = (date - today).num_days();
    (-366..=MAX_SPAN_DAYS).contains(&days).then_some(date)
}

/// A four-digit year token.
fn year_token(w: &str) -> Option<i64> {
    (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// The Monday of the week of `d`.
fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The coming `wd` (today counts).
fn coming(today: NaiveDate, wd: Weekday) -> NaiveDate {
    let diff = (7 + i64::from(wd.num_days_from_monday()) - i64::from(today.weekday().num_days_from_monday())) % 7;
    today + Duration::days(diff)
}

/// `wd` in the week `weeks` after this one.
fn in_week(today: NaiveDate, weeks: i64, wd: Weekday) -> NaiveDate {
    monday_of(today) + Duration::days(7 * weeks + i64::from(wd.num_days_from_monday()))
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// The next date with day-of-month `day` (this month if not past).
fn next_day_of_month(today: NaiveDate, day: u32) -> Option<NaiveDate> {
    if day == 0 || day > 31 {
        return None;
    }
    let this = NaiveDate::from_ymd_opt(today.year(), today.month(), day);
    match this {
        Some(d) if d >= today => Some(d),
        _ => {
            let (y, m) = if today.month() == 12 {
                (today.year() + 1, 1)
            } else {
                (today.year(), today.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, day)
        }
    }
}

/// Month and day, this year if not past, else next year.
fn month_day(today: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
    if this >= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, m, d)
    }
}

fn next_month(today: NaiveDate) -> (i32, u32) {
    if today.month() == 12 {
        (today.year() + 1, 1)
    } else {
        (today.year(), today.month() + 1)
    }
}

fn small_number(w: &str) -> Option<i64> {
    if let Ok(v) = w.parse::<i64>() {
        return Some(v);
    }
    Some(match w {
        "a" | "one" | "un" | "una" | "uno" => 1,
        "two" | "couple" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "ten" | "diez" => 10,
        "fourteen" | "catorce" => 14,
        "fifteen" | "quince" => 15,
        "thirty" | "treinta" => 30,
        _ => return None,
    })
}

fn ordinal_day(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &w[digits.len()..];
    if digits.is_empty() || !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

/// Every date in the reply, in order of appearance. `day_first` reads `5/12` as 5 December.
pub fn dates(t: &Text, today: NaiveDate, day_first: bool) -> Vec<FoundDate> {
    let mut out: Vec<(usize, NaiveDate, String)> = Vec::new();
    let toks = &t.tokens;
    let mut i = 0;
    while i < toks.len() {
        let w = toks[i].as_str();
        let next = toks.get(i + 1).map(String::as_str).unwrap_or("");
        let next2 = toks.get(i + 2).map(String::as_str).unwrap_or("");
        let prev = if i > 0 { toks[i - 1].as_str() } else { "" };
        let mut found: Option<(NaiveDate, usize)> = None;
        match w {
            "today" | "tonight" | "tonite" | "hoy" => found = Some((today, 1)),
            // "paying now", "I can send it now": today.
            "now"
                if matches!(
                    prev,
                    "pay" | "paying" | "send" | "sending" | "transfer" | "it" | "right"
                ) =>
            {
                found = Some((today, 1));
            }
            "tomorrow" | "tmrw" | "tmr" | "tomorow" | "tommorow" | "tommorrow" | "2morrow" => {
                found = plus_days(today, 1).map(|d| (d, 1));
            }
            // "mañana" is tomorrow, "pasado mañana" the day after; "por la mañana" / "esta mañana" is a time of day.
            "mañana" | "manana" if prev == "pasado" => found = plus_days(today, 2).map(|d| (d, 1)),
            "mañana" | "manana" if !matches!(prev, "la" | "por" | "esta" | "una" | "cada" | "las") => {
                found = plus_days(today, 1).map(|d| (d, 1));
            }
            "day" if next == "after" && next2 == "tomorrow" => found = plus_days(today, 2).map(|d| (d, 3)),
            "fortnight" if matches!(prev, "a" | "in") => found = plus_days(today, 14).map(|d| (d, 1)),
            // "Friday after next": the Friday of the week after next.
            _ if weekday_en(w).is_some() && next == "after" && next2 == "next" => {
                found = weekday_en(w).map(|wd| (in_week(today, 2, wd), 3));
            }
            // "the first of the month", "1st of next month", "el primero": the next 1st.
            "first" | "1st" if next == "of" && matches!(next2, "the" | "next") => {
                found = next_day_of_month(today, 1).map(|d| (d, 4));
            }
            "primero" if matches!(prev, "el" | "dia") => found = next_day_of_month(today, 1).map(|d| (d, 1)),
            "weekend" if matches!(prev, "this" | "the" | "at") => found = Some((in_week(today, 0, Weekday::Sun), 1)),
            "in" | "within" | "en" | "dentro" => {
                // "dentro de 3 días" reads like "in 3 days".
                let skip = usize::from(w == "dentro" && next == "de");
                let n_tok = toks.get(i + 1 + skip).map(String::as_str).unwrap_or("");
                let unit = toks.get(i + 2 + skip).map(String::as_str).unwrap_or("");
                if let Some(n) = small_number(n_tok) {
                    let span = match unit {
                        "day" | "days" | "dia" | "dias" => Some(n),
                        "week" | "weeks" | "semana" | "semanas" => n.checked_mul(7),
                        _ => None,
                    };
                    if let Some(days) = span {
                        // An absurd span ("in 99999999 days") is no date: nothing is recorded.
                        found = plus_days(today, days).map(|d| (d, 3 + skip));
                        if found.is_none() {
                            i += 3 + skip;
                            continue;
                        }
                    }
                }
            }
            "next" | "this" | "coming" | "proxima" | "proximo" | "este" | "esta" => {
                let next_is_next = matches!(w, "next" | "proxima" | "proximo");
                if let Some(wd) = weekday_en(next) {
                    let d = if next_is_next {
                        in_week(today, 1, wd)
                    } else {
                        coming(today, wd)
                    };
                    found = Some((d, 2));
                } else if next == "week" || next == "semana" {
                    let weeks = i64::from(next_is_next);
                    found = Some((in_week(today, weeks, Weekday::Sun), 2));
                } else if (next == "month" || next == "mes") && next_is_next {
                    let (y, m) = next_month(today);
                    found = last_of_month(y, m).map(|d| (d, 2));
                } else if next == "fin" && next2 == "de" {
                    found = Some((in_week(today, 0, Weekday::Sun), 4));
                }
            }
            "end" if next == "of" => {
                let rest: Vec<&str> = toks[i + 2..].iter().take(3).map(String::as_str).collect();
                let (skip, which) = match rest.as_slice() {
                    ["the", "month", ..] | ["this", "month", ..] | ["month", ..] => (2, "month"),
                    ["next", "month", ..] => (2, "next_month"),
                    ["the", "week", ..] | ["this", "week", ..] | ["week", ..] => (2, "week"),
                    ["next", "week", ..] => (2, "next_week"),
                    ["the", "year", ..] | ["this", "year", ..] | ["year", ..] => (2, "year"),
                    _ => (0, ""),
                };
                let d = match which {
                    "month" => last_of_month(today.year(), today.month()),
                    "next_month" => {
                        let (y, m) = next_month(today);
                        last_of_month(y, m)
                    }
                    "week" => Some(in_week(today, 0, Weekday::Sun)),
                    "next_week" => Some(in_week(today, 1, Weekday::Sun)),
                    "year" => NaiveDate::from_ymd_opt(today.year(), 12, 31),
                    _ => None,
                };
                if let Some(d) = d {
                    found = Some((d, 2 + skip));
                }
            }
            // "la semana que viene", "el mes que viene".
            "semana" | "mes" if next == "que" && next2 == "viene" => {
                found = if w == "semana" {
                    Some((in_week(today, 1, Weekday::Sun), 3))
                } else {
                    let (y, m) = next_month(today);
                    last_of_month(y, m).map(|d| (d, 3))
                };
            }
            // "fin de mes", "a finales de mes", "fin del mes", "fin de semana".
            "fin" | "finales" | "fines" if matches!(next, "de" | "del") && prev != "este" => {
                let what = if next2 == "la" || next2 == "el" {
                    toks.get(i + 3).map(String::as_str).unwrap_or("")
                } else {
                    next2
                };
                if what == "mes" {
                    found = last_of_month(today.year(), today.month()).map(|d| (d, 3));
                } else if what == "semana" {
                    found = Some((in_week(today, 0, Weekday::Sun), 3));
                }
            }
            // "el 15", "el día 15", "el 15 de diciembre (de 2026)".
            "el" | "dia" if next.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) => {
                let day: u32 = next.parse().unwrap_or(0);
                let money_follows = matches!(next2, "dolares" | "dls" | "usd" | "pesos" | "bucks" | "dollars");
                if !(money_follows || (w == "el" && prev == "dia")) {
                    if next2 == "de"
                        && let Some(m) = toks.get(i + 3).and_then(|x| month_en(x))
                    {
                        let year = (toks.get(i + 4).map(String::as_str) == Some("de"))
                            .then(|| toks.get(i + 5).and_then(|y| year_token(y)))
                            .flatten();
                        found = match year {
                            Some(y) => with_year(today, y, m, day).map(|d| (d, 6)),
                            None => month_day(today, m, day).map(|d| (d, 4)),
                        };
                        if found.is_none() {
                            i += 4;
                            continue;
                        }
                    } else {
                        found = next_day_of_month(today, day).map(|d| (d, 2));
                    }
                }
            }
            _ => {
                if let Some(wd) = weekday_en(w) {
                    if !matches!(prev, "next" | "this" | "coming" | "proximo" | "proxima" | "este") {
                        // "viernes que viene" / "viernes próximo" is next week's; a bare weekday is the next one
                        // from tomorrow.
                        if (next == "que" && next2 == "viene") || next == "proximo" {
                            found = Some((in_week(today, 1, wd), if next == "que" { 3 } else { 2 }));
                        } else {
                            found = plus_days(today, 1).map(|d| (coming(d, wd), 1));
                        }
                    }
                } else if let Some(day) = ordinal_day(w) {
                    // "december 2nd" is handled by the month branch; "2nd of december" here.
                    if let Some(m) = month_en(next2).filter(|_| next == "of") {
                        found = month_day(today, m, day).map(|d| (d, 3));
                    } else if let Some(m) = month_en(next) {
                        found = month_day(today, m, day).map(|d| (d, 2));
                    } else if month_en(prev).is_none() {
                        found = next_day_of_month(today, day).map(|d| (d, 1));
                    }
                } else if let Some(m) = month_en(w) {
                    let day = next.parse::<u32>().ok().or_else(|| ordinal_day(next));
                    // "December 31, 9999" / "31 December 2026": an explicit year is honoured, or no date.
                    if let Some(day) = day {
                        if let Some(y) = year_token(next2) {
                            found = with_year(today, y, m, day).map(|d| (d, 3));
                            if found.is_none() {
                                i += 3;
                                continue;
                            }
                        } else {
                            found = month_day(today, m, day).map(|d| (d, 2));
                        }
                    } else if let Ok(day) = prev.parse::<u32>() {
                        if let Some(y) = year_token(next) {
                            found = with_year(today, y, m, day).map(|d| (d, 2));
                            if found.is_none() {
                                i += 2;
                                continue;
                            }
                        } else {
                            found = month_day(today, m, day).map(|d| (d, 1));
                        }
                    }
                } else if let Some(y) = year_token(w)
                    && let (Ok(m), Ok(d)) = (next.parse::<u32>(), next2.parse::<u32>())
                    && (t.lower.contains(&format!("{w}-{next}-{next2}"))
                        || t.lower.contains(&format!("{w}/{next}/{next2}")))
                {
                    found = with_year(today, y, m, d).map(|x| (x, 3));
                    if found.is_none() {
                        i += 3;
                        continue;
                    }
                } else if let (Ok(a), Ok(b)) = (w.parse::<u32>(), next.parse::<u32>())
                    && a <= 31
                    && b <= 31
                    && t.lower.contains(&format!("{w}/{next}"))
                {
                    let (m, d) = if day_first { (b, a) } else { (a, b) };
                    let year = year_token(next2).filter(|_| t.lower.contains(&format!("{w}/{next}/{next2}")));
                    found = match year {
                        Some(y) => with_year(today, y, m, d).map(|x| (x, 3)),
                        None => month_day(today, m, d).map(|x| (x, 2)),
                    };
                    if found.is_none() {
                        i += if year.is_some() { 3 } else { 2 };
                        continue;
                    }
                }
            }
        }
        if let Some((d, used)) = found {
            let text = toks[i..(i + used).min(toks.len())].join(" ");
            let at = t.lower.find(toks[i].as_str()).unwrap_or(0);
            out.push((at, d, text));
            i += used;
        } else {
            i += 1;
        }
    }
    out.extend(dates_zh(t, today));
    out.sort_by_key(|(at, _, _)| *at);
    out.dedup_by(|a, b| a.1 == b.1 && a.0 == b.0);
    out.into_iter()
        .map(|(_, date, text)| FoundDate {
            date: crate::time::Date(date),
            text,
        })
        .collect()
}

/// Reads a number (digits or Chinese numerals) at the start of `s`; returns it and the chars used.
fn lead_number(s: &[char]) -> Option<(i64, usize)> {
    let digits: String = s.iter().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok().map(|v| (v, digits.chars().count()));
    }
    let cn: String = s
        .iter()
        .take_while(|&&c| is_cn_numeral(c) && c != '万' && c != '千' && c != '百')
        .collect();
    if cn.is_empty() {
        return None;
    }
    chinese_number(&cn).map(|v| (v, cn.chars().count()))
}

fn dates_zh(t: &Text, today: NaiveDate) -> Vec<(usize, NaiveDate, String)> {
    let s: Vec<char> = t.lower.chars().filter(|c| !c.is_whitespace()).collect();
    let n = s.len();
    let mut out = Vec::new();
    let starts = |i: usize, p: &str| -> bool {
        let p: Vec<char> = p.chars().collect();
        i + p.len() <= n && s[i..i + p.len()] == p[..]
    };
    // Byte offset in `lower` is approximated by char index in the compact form: good enough for ordering.
    let mut i = 0;
    while i < n {
        let mut found: Option<(NaiveDate, usize)> = None;
        let week_prefix = [
            ("下下周", 2, 3),
            ("下下个星期", 2, 5),
            ("下个星期", 1, 4),
            ("下礼拜", 1, 3),
            ("下星期", 1, 3),
            ("下周", 1, 2),
            ("这个星期", 0, 4),
            ("这周", 0, 2),
            ("本周", 0, 2),
            ("这礼拜", 0, 3),
            ("星期", -1, 2),
            ("礼拜", -1, 2),
            ("周", -1, 1),
        ];
        // A number that starts inside another number ("13月45日" read from its "3") is no date of its own.
        let mid_number = i > 0 && s[i - 1].is_ascii_digit() && s[i].is_ascii_digit();
        if mid_number {
            i += 1;
            continue;
        }
        if starts(i, "大后天") {
            found = plus_days(today, 3).map(|d| (d, 3));
        } else if starts(i, "后天") {
            found = plus_days(today, 2).map(|d| (d, 2));
        } else if starts(i, "明天") || starts(i, "明儿") || starts(i, "明早") || starts(i, "明日") || starts(i, "明晚")
        {
            found = plus_days(today, 1).map(|d| (d, 2));
        } else if starts(i, "今天") || starts(i, "今晚") || starts(i, "今日") || starts(i, "当天") {
            found = Some((today, 2));
        } else if starts(i, "过两天") {
            found = plus_days(today, 2).map(|d| (d, 3));
        } else if starts(i, "下个月底") || starts(i, "下月底") {
            let (y, m) = next_month(today);
            found = last_of_month(y, m).map(|d| (d, if starts(i, "下个月底") { 4 } else { 3 }));
        } else if starts(i, "月底") || starts(i, "月末") {
            found = last_of_month(today.year(), today.month()).map(|d| (d, 2));
        } else if starts(i, "月中") {
            found = next_day_of_month(today, 15).map(|d| (d, 2));
        } else if starts(i, "年底") || starts(i, "年前") {
            found = NaiveDate::from_ymd_opt(today.year(), 12, 31).map(|d| (d, 2));
        } else if starts(i, "下个月") || starts(i, "下月") {
            let used = if starts(i, "下个月") { 3 } else { 2 };
            let (y, m) = next_month(today);
            if let Some((day, k)) = lead_number(&s[i + used..])
                && i + used + k < n
                && matches!(s[i + used + k], '号' | '日')
            {
                found = u32::try_from(day)
                    .ok()
                    .and_then(|d| NaiveDate::from_ymd_opt(y, m, d))
                    .map(|d| (d, used + k + 1));
            } else if !starts(i + used, "初") {
                found = last_of_month(y, m).map(|d| (d, used));
            }
        } else if let Some((weeks, len)) = week_prefix
            .iter()
            .find(|(p, _, _)| starts(i, p))
            .map(|(_, w, l)| (*w, *l))
        {
            // 下周一定还 is "next week, for sure": a weekday digit that starts a word is not a weekday.
            let word_follows = s
                .get(i + len + 1)
                .is_some_and(|&c| "定下些点起半直样共切部".contains(c));
            if let Some(wd) = s.get(i + len).and_then(|&c| weekday_zh(c)).filter(|_| !word_follows) {
                let d = if weeks < 0 {
                    coming(today.succ_opt().unwrap_or(today), wd)
                } else {
                    in_week(today, weeks, wd)
                };
                found = Some((d, len + 1));
            } else if starts(i + len, "末") {
                // 周末 / 这周末 is this week's Sunday, 下周末 next week's.
                found = Some((in_week(today, weeks.max(0), Weekday::Sun), len + 1));
            } else if weeks >= 0 {
                found = Some((in_week(today, weeks, Weekday::Sun), len));
            }
        } else if let Some((v, k)) = lead_number(&s[i..]) {
            let rest = &s[i + k..];
            let at = |p: &str| {
                let p: Vec<char> = p.chars().collect();
                rest.len() >= p.len() && rest[..p.len()] == p[..]
            };
            let mut invalid = None;
            if at("年")
                && let Some((m, k2)) = lead_number(&rest[1..])
                && rest.get(1 + k2) == Some(&'月')
                && let Some((d, k3)) = lead_number(&rest[2 + k2..])
                && matches!(rest.get(2 + k2 + k3), Some('日' | '号'))
            {
                // 2026年12月31日 is honoured; 9999年12月31日 is no date (and not 12月31日 of this year).
                let used = k + 1 + k2 + 1 + k3 + 1;
                found = u32::try_from(m)
                    .ok()
                    .zip(u32::try_from(d).ok())
                    .and_then(|(m, d)| with_year(today, v, m, d))
                    .map(|x| (x, used));
                invalid = Some(used);
            } else if at("天后") || at("天内") || at("天之内") {
                found = plus_days(today, v).map(|d| (d, k + 2));
                invalid = Some(k + 2);
            } else if at("月")
                && let Some((d, k2)) = lead_number(&rest[1..])
                && rest.len() > 1 + k2
                && matches!(rest[1 + k2], '日' | '号')
            {
                found = u32::try_from(v)
                    .ok()
                    .zip(u32::try_from(d).ok())
                    .and_then(|(m, d)| month_day(today, m, d))
                    .map(|x| (x, k + 1 + k2 + 1));
                // 13月45日 is no date, and its 5日 is not one either.
                invalid = Some(k + 1 + k2 + 1);
            } else if at("号") || (at("日") && !(i > 0 && s[i - 1] == '周')) {
                found = u32::try_from(v)
                    .ok()
                    .and_then(|d| next_day_of_month(today, d))
                    .map(|x| (x, k + 1));
            } else if at("周内") || at("个星期内") || at("周后") || at("个星期后") {
                found = v
                    .checked_mul(7)
                    .and_then(|days| plus_days(today, days))
                    .map(|d| (d, k + 2));
                invalid = Some(k + 2);
            }
            if found.is_none()
                && let Some(used) = invalid
            {
                i += used;
                continue;
            }
        }
        if let Some((d, used)) = found {
            let text: String = s[i..(i + used).min(n)].iter().collect();
            out.push((i * 3, d, text));
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

/// The amount a promise is about: in the account's currency, and when the reply also says part is paid,
/// the one nearest a paying-later word ("paid 200, the other 300 on Friday" → 300), else the first.
pub fn promised_amount<'a>(
    t: &Text,
    amounts: &'a [FoundAmount],
    currency: &str,
    part_paid: bool,
) -> Option<&'a FoundAmount> {
    let own: Vec<&FoundAmount> = amounts.iter().filter(|a| a.currency == currency).collect();
    if !part_paid || own.len() < 2 {
        return own.first().copied();
    }
    let paid_words = [
        "paid", "sent", "already", "pague", "ya", "已经", "已还", "还了", "已付", "付了", "转了",
    ];
    let rest_words = [
        "rest",
        "remaining",
        "remainder",
        "balance",
        "other",
        "resto",
        "demas",
        "falta",
        "剩下",
        "剩余",
        "其余",
        "另外",
    ];
    // The text between the previous amount and this one says what it is: a paid word without a "rest" word
    // marks the paid part; the promised amount is the other.
    let mut prev_end = 0;
    let mut promised = None;
    for a in &own {
        let at = t.lower[prev_end..]
            .find(a.text.as_str())
            .map_or(prev_end, |i| prev_end + i);
        let segment = &t.lower[prev_end..at];
        let paid_here =
            paid_words.iter().any(|w| segment.contains(w)) && !rest_words.iter().any(|w| segment.contains(w));
        if !paid_here && promised.is_none() {
            promised = Some(*a);
        }
        prev_end = at + a.text.len();
    }
    promised.or_else(|| own.last().copied())
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
