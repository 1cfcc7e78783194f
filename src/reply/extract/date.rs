//! Dates in a reply, resolved in the borrower's calendar on the day it arrived: relative days, weekdays
//! (this / next / 下周), days of the month, month names, numeric dates (M/D in the US, D/M in Britain),
//! periods (end of the month, 月底, next week) resolved to their last day; absurd spans are no date.
#![allow(
    clippy::indexing_slicing,
    reason = "the scanners walk a reply's characters with look-behind and look-ahead at positions checked against the length; not yet rewritten with `get` (issue 18: the core denies it everywhere else)"
)]

use super::FoundDate;
use super::amount::{chinese_number, is_cn_numeral};
use crate::reply::text::Text;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Weekday from an English word.
/// "I've finally sat down and done a budget", "in the sun": a weekday's short form used as the word it also is.
fn abbreviation_is_a_word(w: &str, prev: &str, next: &str) -> bool {
    match w {
        "sat" => {
            matches!(
                next,
                "down"
                    | "up"
                    | "on"
                    | "in"
                    | "with"
                    | "there"
                    | "around"
                    | "through"
                    | "back"
                    | "at"
                    | "for"
                    | "by"
                    | "outside"
                    | "next"
                    | "here"
            ) || matches!(
                prev,
                "i" | "ive"
                    | "we"
                    | "weve"
                    | "he"
                    | "she"
                    | "they"
                    | "finally"
                    | "just"
                    | "had"
                    | "have"
                    | "has"
                    | "was"
                    | "were"
                    | "it"
                    | "and"
            )
        }
        "sun" => matches!(prev, "the" | "in" | "a" | "of"),
        _ => false,
    }
}

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
        // One slip of the thumb ("firday", "thrusday", "wensday"), but not a shorter word ("frida").
        _ if w.chars().count() >= 5 => {
            const NAMES: [(&str, Weekday); 7] = [
                ("monday", Weekday::Mon),
                ("tuesday", Weekday::Tue),
                ("wednesday", Weekday::Wed),
                ("thursday", Weekday::Thu),
                ("friday", Weekday::Fri),
                ("saturday", Weekday::Sat),
                ("sunday", Weekday::Sun),
            ];
            return NAMES
                .iter()
                .find(|(name, _)| !name.starts_with(w) && crate::reply::text::one_typo(w, name))
                .map(|(_, wd)| *wd);
        }
        _ => return None,
    })
}

/// English ordinals of the days of the month, 1st to 31st ("twenty first" is read in two words).
const ORDINALS_EN: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
/// Spanish days of the month as said ("el quince", "el día primero"), 1 to 30.
const DAYS_ES: [&str; 30] = [
    "primero",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciseis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidos",
    "veintitres",
    "veinticuatro",
    "veinticinco",
    "veintiseis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
    "treinta",
];

/// The 1-based position of `w` in `table`.
fn day_in(table: &[&str], w: &str) -> Option<u32> {
    table
        .iter()
        .position(|x| *x == w)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// A day of the month spelt out at token `i`, and how many tokens it takes: after "el" / "día" in Spanish
/// ("el quince"), after "on the" / "by the" (…) in English ("on the fifteenth", "by the twenty first"), where
/// "the first time" or "el dos de ellos" cannot be meant.
fn spelled_date(toks: &[String], i: usize) -> Option<(u32, usize)> {
    let w = toks.get(i)?.as_str();
    let prev = if i > 0 { toks[i - 1].as_str() } else { "" };
    let next = toks.get(i + 1).map_or("", String::as_str);
    let next2 = toks.get(i + 2).map_or("", String::as_str);
    let english_lead = prev == "the"
        && i >= 2
        && matches!(
            toks[i - 2].as_str(),
            "on" | "by" | "until" | "til" | "till" | "before" | "after"
        );
    if english_lead {
        if w == "thirtieth" {
            return Some((30, 1));
        }
        if matches!(w, "twenty" | "thirty") {
            let base = if w == "twenty" { 20 } else { 30 };
            let ones = day_in(&ORDINALS_EN[..9], next)?;
            return (base + ones <= 31).then_some((base + ones, 2));
        }
        return day_in(&ORDINALS_EN, w)
            .filter(|_| next != "of" || w != "first")
            .map(|d| (d, 1));
    }
    let of_people = next == "de" && matches!(next2, "ellos" | "ellas" | "mis" | "los" | "las");
    if matches!(prev, "el" | "dia") && !of_people {
        return day_in(&DAYS_ES, w).map(|d| (d, 1));
    }
    None
}

/// The next date, from today on, of a holiday that falls on `on(year)`.
fn next_holiday(today: NaiveDate, on: impl Fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
    on(today.year())
        .filter(|d| *d >= today)
        .or_else(|| on(today.year() + 1))
}

/// A holiday's date in a year.
type HolidayOn = fn(i32) -> Option<NaiveDate>;

/// The holiday named at token `i` (and how many tokens name it).
fn holiday(toks: &[String], i: usize) -> Option<(HolidayOn, usize)> {
    let w = toks.get(i)?.as_str();
    let next = toks.get(i + 1).map_or("", String::as_str);
    let prev = if i > 0 { toks[i - 1].as_str() } else { "" };
    let prev2 = if i > 1 { toks[i - 2].as_str() } else { "" };
    let on: (HolidayOn, usize) = match w {
        "thanksgiving" => (thanksgiving, 1),
        // "Acción de Gracias", named from its last word.
        "gracias" if prev == "de" && prev2 == "accion" => (thanksgiving, 1),
        // Not a greeting ("merry Christmas", "feliz navidad").
        // Christmas Eve, Nochebuena: the 24th (blind33).
        "christmas" | "xmas" if next == "eve" && !matches!(prev, "merry" | "happy") => {
            (|y| NaiveDate::from_ymd_opt(y, 12, 24), 2)
        }
        "nochebuena" => (|y| NaiveDate::from_ymd_opt(y, 12, 24), 1),
        "christmas" | "xmas" | "navidad" if !matches!(prev, "merry" | "feliz" | "happy") => {
            (|y| NaiveDate::from_ymd_opt(y, 12, 25), 1)
        }
        "halloween" => (|y| NaiveDate::from_ymd_opt(y, 10, 31), 1),
        // US Labor Day, the first Monday of September (not a British "bank holiday").
        "labor" | "labour" if next == "day" && prev != "bank" => {
            (|y| NaiveDate::from_weekday_of_month_opt(y, 9, Weekday::Mon, 1), 2)
        }
        // Memorial Day, the last Monday of May.
        "memorial" if next == "day" => (
            |y| {
                NaiveDate::from_ymd_opt(y, 5, 31)
                    .map(|d| d - Duration::days(i64::from(d.weekday().num_days_from_monday())))
            },
            2,
        ),
        "independence" if next == "day" => (|y| NaiveDate::from_ymd_opt(y, 7, 4), 2),
        "boxing" if next == "day" => (|y| NaiveDate::from_ymd_opt(y, 12, 26), 2),
        // New Year's Day (and New Year's Eve).
        // New Year's Day when named as a day ("on New Year's Day", "by New Year"), not "happy new year".
        "new"
            if matches!(next, "years" | "year")
                && (toks.get(i + 2).is_some_and(|d| d == "day" || d == "eve")
                    || matches!(prev, "on" | "by" | "after" | "before" | "until" | "til" | "till")) =>
        {
            if toks.get(i + 2).is_some_and(|e| e == "eve") {
                (|y| NaiveDate::from_ymd_opt(y, 12, 31), 3)
            } else {
                (|y| NaiveDate::from_ymd_opt(y, 1, 1), 2)
            }
        }
        // El Día de Reyes, 6 January.
        "reyes" if prev == "de" => (|y| NaiveDate::from_ymd_opt(y, 1, 6), 1),
        _ => return None,
    };
    Some(on)
}

/// What the words before a holiday do to its date: "the day after" +1, "the day before" −1, "the Monday after"
/// the next Monday after it; Spanish "el día después de" / "antes de".
fn holiday_shift(toks: &[String], i: usize) -> impl Fn(NaiveDate) -> Option<NaiveDate> {
    // Skip the words of a multi-word name ("accion de gracias") back to what precedes it.
    let start = if toks.get(i).is_some_and(|w| w == "gracias") {
        i.saturating_sub(2)
    } else {
        i
    };
    let before: Vec<&str> = toks[start.saturating_sub(3)..start]
        .iter()
        .map(String::as_str)
        .collect();
    let ends = |tail: &[&str]| before.ends_with(tail);
    let mut shift = 0i64;
    let mut weekday = None;
    if ends(&["day", "after"]) || ends(&["dia", "despues", "de"]) {
        shift = 1;
    } else if ends(&["day", "before"]) || ends(&["dia", "antes", "de"]) {
        shift = -1;
    } else if before.len() >= 2 && before[before.len() - 1] == "after" {
        weekday = weekday_en(before[before.len() - 2]);
    }
    move |d: NaiveDate| match weekday {
        Some(wd) => Some(coming(d + Duration::days(1), wd)),
        None => d.checked_add_signed(Duration::days(shift)),
    }
}

/// A (month, day) in the year.
type MonthDay = (u32, u32);

/// The lunar festivals of the years the engine reads: (year, Spring Festival, Mid-Autumn Festival) as
/// (month, day). They move with the moon, so they come from a table.
const LUNAR: [(i32, MonthDay, MonthDay); 7] = [
    (2024, (2, 10), (9, 17)),
    (2025, (1, 29), (10, 6)),
    (2026, (2, 17), (9, 25)),
    (2027, (2, 6), (9, 15)),
    (2028, (1, 26), (10, 3)),
    (2029, (2, 13), (9, 22)),
    (2030, (2, 3), (9, 12)),
];

/// The Spring Festival (Chinese new year's day) of `year`.
fn spring_festival(year: i32) -> Option<NaiveDate> {
    let &(_, (m, d), _) = LUNAR.iter().find(|l| l.0 == year)?;
    NaiveDate::from_ymd_opt(year, m, d)
}

/// The Mid-Autumn Festival (15th day of the 8th lunar month) of `year`.
fn mid_autumn(year: i32) -> Option<NaiveDate> {
    let &(_, _, (m, d)) = LUNAR.iter().find(|l| l.0 == year)?;
    NaiveDate::from_ymd_opt(year, m, d)
}

/// US Thanksgiving: the fourth Thursday of November.
fn thanksgiving(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4)
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
            // "pay half now", "send 50 now": the share or sum between the verb and "now".
            "now"
                if matches!(
                    prev,
                    "pay" | "paying" | "send" | "sending" | "transfer" | "it" | "right"
                ) || (matches!(
                    i.checked_sub(2).and_then(|p| toks.get(p)).map(String::as_str),
                    Some("pay" | "paying" | "send" | "sending" | "transfer")
                ) && (matches!(prev, "half" | "some" | "something" | "part")
                    || prev.chars().all(|c| c.is_ascii_digit()))) =>
            {
                found = Some((today, 1));
            }
            "tomorrow" | "tmrw" | "tmr" | "tomorow" | "tommorow" | "tommorrow" | "2morrow" | "morra" | "tomoz"
            | "2moro" | "2mrw" | "tmw" => {
                found = plus_days(today, 1).map(|d| (d, 1));
            }
            // "mañana" is tomorrow, "pasado mañana" the day after; "por la mañana" / "esta mañana" is a time of day.
            "mañana" | "manana" if prev == "pasado" => found = plus_days(today, 2).map(|d| (d, 1)),
            "mañana" | "manana" if !matches!(prev, "la" | "por" | "esta" | "una" | "cada" | "las") => {
                found = plus_days(today, 1).map(|d| (d, 1));
            }
            "day" if next == "after" && next2 == "tomorrow" => found = plus_days(today, 2).map(|d| (d, 3)),
            // "in a fortnight" is a day; "fifty quid a fortnight" is how often.
            "fortnight" if prev == "in" || (prev == "a" && i >= 2 && toks[i - 2] == "in") => {
                found = plus_days(today, 14).map(|d| (d, 1));
            }
            // "Friday after next": the Friday of the week after next.
            _ if weekday_en(w).is_some() && next == "after" && next2 == "next" => {
                found = weekday_en(w).map(|wd| (in_week(today, 2, wd), 3));
            }
            // A named holiday at its next date, or the day after / before it, or the weekday after it ("the day
            // after Thanksgiving", "the Monday after Thanksgiving", "el día después de Acción de Gracias").
            _ if holiday(toks, i).is_some() => {
                found = holiday(toks, i).and_then(|(on, used)| {
                    let shift = holiday_shift(toks, i);
                    next_holiday(today, |y| on(y).and_then(&shift)).map(|d| (d, used))
                });
            }
            // "on the fifteenth", "by the twenty first", "el quince", "el día veinte": the next such day.
            _ if spelled_date(toks, i).is_some() => {
                found = spelled_date(toks, i).and_then(|(day, used)| next_day_of_month(today, day).map(|d| (d, used)));
            }
            // "the first of the month", "1st of next month", "el primero": the next 1st.
            "first" | "1st" if next == "of" && matches!(next2, "the" | "next") => {
                found = next_day_of_month(today, 1).map(|d| (d, 4));
            }
            "primero" if matches!(prev, "el" | "dia") => found = next_day_of_month(today, 1).map(|d| (d, 1)),
            // "el 1ro", "el 2do", "el día 3er": a Spanish ordinal written short.
            w if matches!(prev, "el" | "dia") && spanish_short_ordinal(w).is_some() => {
                found = spanish_short_ordinal(w).and_then(|day| next_day_of_month(today, day).map(|d| (d, 1)));
            }
            "weekend" | "wknd" | "wkend" if matches!(prev, "this" | "the" | "at") => {
                found = Some((in_week(today, 0, Weekday::Sun), 1))
            }
            // "give me 3 days and I'll have $90": that many days from today.
            "give" if next == "me" && small_number(next2).is_some() => {
                let unit = toks.get(i + 3).map(String::as_str).unwrap_or("");
                let n = small_number(next2).unwrap_or(0);
                let days = match unit {
                    "day" | "days" => Some(n),
                    "week" | "weeks" => n.checked_mul(7),
                    _ => None,
                };
                found = days.and_then(|d| plus_days(today, d)).map(|d| (d, 4));
            }
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
                    ["the", "quarter", ..] | ["this", "quarter", ..] | ["quarter", ..] => (2, "quarter"),
                    [m, ..] if month_en(m).is_some() => (1, "named_month"),
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
                    // "the end of October": that month's last day, this year or, once past, next.
                    "named_month" => rest.first().and_then(|m| month_en(m)).and_then(|m| {
                        let year = if m < today.month() {
                            today.year() + 1
                        } else {
                            today.year()
                        };
                        last_of_month(year, m)
                    }),
                    // The calendar quarter's last day: March 31, June 30, September 30, December 31.
                    "quarter" => last_of_month(today.year(), (today.month() - 1) / 3 * 3 + 3),
                    _ => None,
                };
                if let Some(d) = d {
                    found = Some((d, 2 + skip));
                }
            }
            // "la otra semana" (Mexican and Caribbean Spanish for next week); "a semana que vem" in a
            // Portuguese speaker's Spanish (blind34).
            "semana" if next == "que" && next2 == "vem" => {
                found = Some((in_week(today, 1, Weekday::Sun), 3));
            }
            "otra" if next == "semana" && prev == "la" => {
                found = Some((in_week(today, 1, Weekday::Sun), 2));
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
            // "I pay 200 the 15", "ok the 20 then": "the" and a bare day of the month, right after a sum or closing
            // the reply (not "the 20 you added").
            "the"
                if next.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
                    && (prev.parse::<u64>().is_ok() || matches!(next2, "" | "ok" | "okay" | "then")) =>
            {
                found = next
                    .parse()
                    .ok()
                    .and_then(|d| next_day_of_month(today, d))
                    .map(|d| (d, 2));
            }
            // "el 15", "el día 15", "el 15 de diciembre (de 2026)".
            "el" | "dia" if next.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) => {
                let day: u32 = next.parse().unwrap_or(0);
                let money_follows = matches!(next2, "dolares" | "dls" | "usd" | "pesos" | "bucks" | "dollars");
                // "el 3/15" is a written month/day, read as such below, not the 3rd (blind31).
                let written_date = t.lower.contains(&format!("el {next}/")) || t.lower.contains(&format!("el {next}-"));
                if !(money_follows || written_date || (w == "el" && prev == "dia")) {
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
                    } else if next2 == "del"
                        && toks.get(i + 3).is_some_and(|m| m == "mes")
                        && (toks.get(i + 4).is_some_and(|q| q == "que")
                            || toks.get(i + 4).is_some_and(|q| q == "proximo"))
                    {
                        // "el 10 del mes que viene": the 10th of next month.
                        let (y, m) = next_month(today);
                        found = NaiveDate::from_ymd_opt(y, m, day).map(|d| (d, 5));
                    } else {
                        found = next_day_of_month(today, day).map(|d| (d, 2));
                    }
                }
            }
            _ => {
                if let Some(day) = weekday_en(w).and_then(|_| ordinal_day(next)) {
                    // "Monday 5th": the day of the month says which Monday.
                    found = next_day_of_month(today, day).map(|d| (d, 2));
                } else if let Some(wd) = weekday_en(w).filter(|_| !abbreviation_is_a_word(w, prev, next)) {
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
                    // "december 2nd" is handled by the month branch; "2nd of december" here; "the 3rd of next
                    // month" is that day of next month.
                    if next == "of" && next2 == "next" && toks.get(i + 3).is_some_and(|m| m == "month") {
                        let (y, m) = next_month(today);
                        found = NaiveDate::from_ymd_opt(y, m, day).map(|d| (d, 4));
                    } else if let Some(m) = month_en(next2).filter(|_| next == "of") {
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
        // "Further to your letter of 14 May", "your email dated the 3rd": a document's date, not a day to come.
        let document = i >= 2
            && toks.get(i - 1).is_some_and(|w| matches!(w.as_str(), "of" | "dated"))
            && toks.get(i - 2).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "letter" | "email" | "message" | "statement" | "notice" | "letters" | "of" | "dated"
                )
            });
        if let Some((d, used)) = found.filter(|_| !document) {
            let text = toks[i..(i + used).min(toks.len())].join(" ");
            let at = t.lower.find(toks[i].as_str()).unwrap_or(0);
            out.push((at, d, text));
            i += used;
        } else if let Some((_, used)) = found {
            i += used;
        } else {
            i += 1;
        }
    }
    out.extend(dates_zh(t, today));
    crate::sort::sort_by_key(&mut out, |(at, _, _)| *at);
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

/// Whether what follows a holiday's name tells it as past: 了 within a few characters, before any paying verb or
/// 前 / 后 ("国庆回老家了没看到消息" — the holiday spent, not a day to pay by; "国庆后还" keeps it).
fn past_holiday(after: &[char]) -> bool {
    after
        .iter()
        .take(6)
        .find(|c| matches!(c, '了' | '还' | '付' | '转' | '前' | '后' | '之' | '再'))
        == Some(&'了')
}

fn dates_zh(t: &Text, today: NaiveDate) -> Vec<(usize, NaiveDate, String)> {
    // Spaces go, except one between two figures: "剩下的1500 28号还清" is 1500 and the 28th, not 150028号.
    let all: Vec<char> = t.lower.chars().collect();
    let s: Vec<char> = all
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            !c.is_whitespace() || {
                let before = all.get(..i).and_then(|b| b.iter().rev().find(|p| !p.is_whitespace()));
                let after = all.get(i + 1..).and_then(|a| a.iter().find(|p| !p.is_whitespace()));
                let first = all.get(i.wrapping_sub(1)).is_none_or(|p| !p.is_whitespace());
                first && before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit)
            }
        })
        .map(|(_, c)| *c)
        .collect();
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
        // 上周三转了800: a day in the past week names no day to come.
        if let Some(p) = ["上上周", "上个星期", "上个礼拜", "上星期", "上礼拜", "上周"]
            .iter()
            .find(|p| starts(i, p))
        {
            i += p.chars().count() + 1;
            continue;
        }
        if starts(i, "大后天") {
            found = plus_days(today, 3).map(|d| (d, 3));
        } else if starts(i, "后天")
            // Cantonese 後日 (folded to 后日): the day after tomorrow (blind38); not 以后日子.
            || (starts(i, "后日") && !(i >= 1 && matches!(s.get(i - 1), Some('以' | '之' | '日'))))
        {
            found = plus_days(today, 2).map(|d| (d, 2));
        } else if starts(i, "明天")
            || starts(i, "明儿")
            || starts(i, "明早")
            || starts(i, "明日")
            || starts(i, "明晚")
            // Cantonese: 我听日转钱给你, 听朝 (tomorrow morning); 聽 folds to 听.
            || starts(i, "听日")
            || starts(i, "听朝")
        {
            found = plus_days(today, 1).map(|d| (d, 2));
        } else if starts(i, "今天")
            || starts(i, "今晚")
            || starts(i, "今日")
            // "我现在就转", "马上就还": paying now is paying today (not 现在没钱).
            || ((starts(i, "现在就") || starts(i, "马上就")) && s.get(i + 3).is_some_and(|c| "转还付打".contains(*c)))
            // "国庆当天" is National Day itself, not today.
            || (starts(i, "当天") && !(i >= 2 && s[i - 2..i].iter().collect::<String>().ends_with("国庆")))
        {
            found = Some((today, 2));
        } else if ["晚上", "下午", "中午", "早上", "傍晚"].iter().any(|p| starts(i, p))
            && (i == 0 || !"天日号周期拜末一二三四五六七八九十0123456789".contains(s[i - 1]))
            && s.get(i + 2).is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十两点前转还付".contains(*c))
            // Only when the money moves then (我晚上8点前转), not a time to be called (晚上八点以后打给我).
            && s.iter().skip(i + 2).take(6).any(|c| "转还付汇".contains(*c))
        {
            // 我晚上8点前转, 下午转给你: a time of day with no day before it is later today.
            found = Some((today, 2));
        } else if starts(i, "正月十五") || starts(i, "元宵") {
            // The Lantern Festival: the fifteenth day of the first lunar month, 14 days after the Spring Festival.
            let used = if starts(i, "正月十五") { 4 } else { 2 };
            found = next_holiday(today, |y| spring_festival(y).map(|d| d + Duration::days(14))).map(|d| (d, used));
        } else if starts(i, "中秋") {
            // The Mid-Autumn Festival (15th day of the 8th lunar month), from a table.
            found = next_holiday(today, mid_autumn).map(|d| (d, 2));
        } else if starts(i, "春节") || starts(i, "过年") {
            // The Spring Festival (lunar new year's day), from a table: it moves with the moon.
            found = next_holiday(today, spring_festival).map(|d| (d, 2));
        } else if starts(i, "国庆") && !past_holiday(s.get(i + 2..).unwrap_or_default()) {
            found = next_holiday(today, |y| NaiveDate::from_ymd_opt(y, 10, 1)).map(|d| (d, 2));
        } else if starts(i, "元旦") {
            found = next_holiday(today, |y| NaiveDate::from_ymd_opt(y, 1, 1)).map(|d| (d, 2));
        } else if starts(i, "圣诞") {
            found = next_holiday(today, |y| NaiveDate::from_ymd_opt(y, 12, 25)).map(|d| (d, 2));
        } else if starts(i, "过两天") {
            found = plus_days(today, 2).map(|d| (d, 3));
        } else if starts(i, "下个月底") || starts(i, "下月底") {
            let (y, m) = next_month(today);
            found = last_of_month(y, m).map(|d| (d, if starts(i, "下个月底") { 4 } else { 3 }));
        } else if starts(i, "月底") || starts(i, "月末") {
            found = last_of_month(today.year(), today.month()).map(|d| (d, 2));
        } else if starts(i, "月中") {
            found = next_day_of_month(today, 15).map(|d| (d, 2));
        } else if (starts(i, "年底") || starts(i, "年前"))
            // 去年年底 / 前年年底 / 去年底: a year-end already past (the story told), not this one.
            && !(i >= 1 && matches!(s.get(i - 1), Some('去' | '前')))
            && !(i >= 2
                && s.get(i - 2..i)
                    .is_some_and(|y| ["去年", "前年"].iter().any(|p| y.iter().collect::<String>() == *p)))
        {
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

/// A day of the month as a Spanish short ordinal: "1ro", "1ero", "2do", "3er", "4to", "7mo", "8vo", "9no".
fn spanish_short_ordinal(w: &str) -> Option<u32> {
    let digits = w.find(|c: char| !c.is_ascii_digit())?;
    let (n, suffix) = w.split_at(digits);
    let day: u32 = n.parse().ok().filter(|d| (1..=31).contains(d) && n.len() <= 2)?;
    matches!(suffix, "ro" | "ero" | "er" | "do" | "to" | "mo" | "vo" | "no").then_some(day)
}

/// Whether the reply names a day that no calendar has — "Nov 31", "31 de septiembre", 2月30号, 九月三十一号 — so a
/// day was promised even though none can be recorded (the answer asks for it).
pub fn names_impossible_day(t: &Text) -> bool {
    // The most days a month ever has (February 29 exists in leap years).
    let longest = |month: u32| match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day_of = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!digits.is_empty() && digits.len() <= 2)
            .then(|| digits.parse().ok())
            .flatten()
    };
    let toks = &t.tokens;
    let en = toks.iter().enumerate().any(|(i, w)| {
        let Some(month) = month_en(w) else { return false };
        // "Nov 31", "november 31st"; "31 de septiembre", "31st of november".
        let after = toks.get(i + 1).and_then(|n| day_of(n));
        let before = match (
            i.checked_sub(2).and_then(|p| toks.get(p)),
            i.checked_sub(1).and_then(|p| toks.get(p)),
        ) {
            (Some(d), Some(of)) if matches!(of.as_str(), "de" | "of") => day_of(d),
            _ => None,
        };
        after.or(before).is_some_and(|d| d > longest(month) && d <= 31)
    });
    // N月M号 / N月M日 with Arabic or Chinese numerals.
    let c: Vec<char> = t.compact.chars().collect();
    let number = |s: &[char]| -> Option<u32> {
        let text: String = s.iter().collect();
        if !text.is_empty() && text.chars().all(|ch| ch.is_ascii_digit()) {
            return text.parse().ok();
        }
        let digit = |ch: char| "零一二三四五六七八九".chars().position(|d| d == ch).map(|p| p as u32);
        match s {
            [a] => digit(*a).or((*a == '十').then_some(10)),
            ['十', b] => digit(*b).map(|b| 10 + b),
            [a, '十'] => digit(*a).map(|a| a * 10),
            [a, '十', b] => digit(*a).zip(digit(*b)).map(|(a, b)| a * 10 + b),
            _ => None,
        }
    };
    let numeral = |ch: char| ch.is_ascii_digit() || "零一二三四五六七八九十".contains(ch);
    let zh = c.iter().enumerate().any(|(i, &ch)| {
        if ch != '月' {
            return false;
        }
        let mut from = i;
        while from > 0 && c.get(from - 1).is_some_and(|&p| numeral(p)) {
            from -= 1;
        }
        let mut to = i + 1;
        while c.get(to).is_some_and(|&n| numeral(n)) {
            to += 1;
        }
        let ends_day = c.get(to).is_some_and(|&n| n == '号' || n == '日');
        let month = c.get(from..i).and_then(number).filter(|m| (1..=12).contains(m));
        let day = c.get(i + 1..to).and_then(number);
        ends_day && month.zip(day).is_some_and(|(m, d)| d > longest(m) && d <= 31)
    });
    en || zh
}
