//! A deterministic synthetic portfolio: the bundled sample the README's first command decides, and the
//! input of benchmarks and load tests. The same seed and `as_of` always give the same accounts.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

const CN_SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
];
const CN_GIVEN: &[&str] = &[
    "芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明",
];
const EN_GIVEN: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "Oliver",
    "Amelia",
    "Harry",
    "Isla",
];
const EN_FAMILY: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Taylor", "Wilson", "Evans",
    "Thomas",
];
const US_ZONES: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
];

/// Generates `count` accounts as JSON values, deterministic in `seed` and `as_of`.
///
/// Holds them all: for a large `count` iterate [`accounts`] instead.
pub fn portfolio(count: usize, seed: u64, as_of: DateTime<Utc>) -> Vec<Value> {
    accounts(count, seed, as_of).collect()
}

/// The accounts of [`portfolio`] one at a time, so `dunwell sample --count 1000000` needs the memory of one
/// account, not of a million (collected, 100k accounts took 3.2 GB).
pub fn accounts(count: usize, seed: u64, as_of: DateTime<Utc>) -> impl Iterator<Item = Value> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // One generator drawn in order: account `i` depends on every draw before it, as in the collected form.
    (0..count).map(move |i| account(&mut rng, i, as_of))
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

fn account(rng: &mut ChaCha8Rng, i: usize, as_of: DateTime<Utc>) -> Value {
    let roll: f64 = rng.random();
    let (jurisdiction, currency, zone, locale) = if roll < 0.5 {
        ("CN", "CNY", "Asia/Shanghai", "zh-CN")
    } else if roll < 0.85 {
        ("US", "USD", pick(rng, US_ZONES), "en-US")
    } else {
        ("GB", "GBP", "Europe/London", "en-GB")
    };
    let name = if jurisdiction == "CN" {
        format!("{}{}", pick(rng, CN_SURNAMES), pick(rng, CN_GIVEN))
    } else {
        format!("{} {}", pick(rng, EN_GIVEN), pick(rng, EN_FAMILY))
    };
    let today = as_of.date_naive();
    // DPD mix weighted toward M2, the product's target: current, M1, M2, M3, M4+.
    let dpd_target: i64 = match rng.random_range(0..100) {
        0..=7 => 0,
        8..=32 => rng.random_range(1..=30),
        33..=72 => rng.random_range(31..=60),
        73..=90 => rng.random_range(61..=90),
        _ => rng.random_range(91..=200),
    };
    let months: i64 = [6, 12, 12, 24, 36][rng.random_range(0..5)];
    let instalment: i64 = rng.random_range(300..8_000) * 100;
    // The anchor is the oldest unpaid due date (DPD = dpd_target) or, for a current account, the next due date.
    let mut anchor = if dpd_target > 0 {
        today - Duration::days(dpd_target)
    } else {
        today + Duration::days(rng.random_range(1..28))
    };
    if anchor.day() > 28 {
        anchor -= Duration::days(i64::from(anchor.day() - 28));
    }
    let paid_count: i64 = rng.random_range(1..months);
    let first_due = add_months(anchor, -paid_count);
    let opened = first_due - Duration::days(30);
    let instalments: Vec<Value> = (0..months)
        .map(|k| json!({"due": add_months(first_due, k).to_string(), "amount": instalment}))
        .collect();
    let mut paid_total = instalment * paid_count;
    // Some accounts paid part of the oldest overdue instalment.
    if dpd_target > 0 && rng.random_bool(0.3) {
        paid_total += instalment * rng.random_range(10..90) / 100;
    }
    let mut payments = Vec::new();
    let mut left = paid_total;
    let mut when = first_due;
    while left > 0 {
        let amount = left.min(instalment);
        let at = when
            .and_hms_opt(rng.random_range(1..23), rng.random_range(0..60), 0)
            .map(|t| t.and_utc());
        if let Some(at) = at.filter(|t| *t < as_of) {
            payments.push(json!({"at": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "amount": amount}));
        }
        left -= amount;
        when = add_months(when, 1);
    }
    // What is still scheduled (principal and its interest) is all owed: the balances always cover every unpaid
    // instalment, so no account owes more in arrears than in total.
    let remaining = instalment * months - paid_total;
    let principal = remaining * 85 / 100;
    let scheduled_interest = remaining - principal;
    let mut contacts = Vec::new();
    for _ in 0..rng.random_range(0..8) {
        let at = as_of - Duration::minutes(rng.random_range(60..60 * 24 * 20));
        let channel = ["sms", "call", "call", "email"][rng.random_range(0..4)];
        let outcome = match channel {
            "call" => ["rpc", "no_answer", "no_answer", "busy", "voicemail"][rng.random_range(0..5)],
            _ => ["delivered", "delivered", "sent", "bounced"][rng.random_range(0..4)],
        };
        contacts.push(json!({"at": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "channel": channel, "outcome": outcome}));
    }
    contacts.sort_by(|a, b| a["at"].as_str().cmp(&b["at"].as_str()));
    let mut promises = Vec::new();
    if dpd_target > 0 && rng.random_bool(0.35) {
        let made = as_of - Duration::days(rng.random_range(1..25));
        let due = made.date_naive() + Duration::days(rng.random_range(2..10));
        let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        promises.push(
            json!({"id": format!("P-{i}-1"), "made_at": stamp(made), "due": due.to_string(), "amount": instalment}),
        );
        // About half of the promises are kept: a payment of the promised amount a day or two after it was made.
        let paid_at = made + Duration::hours(rng.random_range(2..60));
        if rng.random_bool(0.5) && paid_at < as_of {
            payments.push(json!({"at": stamp(paid_at), "amount": instalment}));
        }
    }
    let birth_year = today.year() - rng.random_range(21..72);
    let phone = if jurisdiction == "CN" {
        format!("+86 13{:09}", rng.random_range(0..1_000_000_000u64))
    } else if jurisdiction == "US" {
        format!("+1 555 {:07}", rng.random_range(0..10_000_000u64))
    } else {
        format!("+44 7700 {:06}", rng.random_range(0..1_000_000u64))
    };
    let mut channels = json!({
        "sms": {"address": phone, "consent": rng.random_bool(0.9), "opted_out": rng.random_bool(0.05)},
        "call": {"address": phone, "consent": true},
        "letter": {"address": format!("{} Sample Street", rng.random_range(1..999))},
    });
    if rng.random_bool(0.7) {
        channels["email"] = json!({"address": format!("borrower{i}@example.com"), "bounced": rng.random_bool(0.05)});
    }
    let flag = |rng: &mut ChaCha8Rng, p: f64| rng.random_bool(p);
    json!({
        "id": format!("S-{i:06}"),
        "jurisdiction": jurisdiction,
        "currency": currency,
        "opened": opened.to_string(),
        "balances": {"principal": principal.max(0), "interest": scheduled_interest.max(0) + instalment * rng.random_range(0..20) / 100, "fees": 0},
        "instalments": instalments,
        "borrower": {
            "name": name, "locale": locale, "time_zone": zone, "birth_year": birth_year,
            "monthly_income": instalment * rng.random_range(3..12),
        },
        "channels": channels,
        "history": {"payments": payments, "contacts": contacts, "promises": promises},
        "flags": {"dispute": flag(rng, 0.02), "hardship": flag(rng, 0.06), "cease": flag(rng, 0.01)},
        "features": {"utilisation": (rng.random_range(0..100) as f64) / 100.0},
    })
}

/// A synthetic repayment history for `dunwell fit`: one row per past account with the features a lender
/// would have at M2 and whether it paid within 60 days (`outcome` = `paid` / `not_paid`). The outcome is drawn
/// from a known logistic model, so a fitted scorecard has a truth to approach.
pub fn history_csv(count: usize, seed: u64) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and every byte written is ASCII or from a `&str`.
    let _ = write_history_csv(count, seed, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`history_csv`] written row by row, for a `count` whose text would not fit in memory.
///
/// # Errors
/// Writing to `out` failed.
pub fn write_history_csv(count: usize, seed: u64, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    out.write_all(
        b"account_id,dpd,on_time_share_12m,broken_promises,balance_to_income,age,utilisation,employment,region,outcome\n",
    )?;
    for i in 0..count {
        let dpd: i64 = rng.random_range(31..=90);
        let on_time: f64 = (rng.random_range(0..=12) as f64) / 12.0;
        let broken: i64 = [0, 0, 0, 1, 1, 2, 3][rng.random_range(0..7)];
        let bti: f64 = f64::from(rng.random_range(5..150u32)) / 10.0;
        let age: i64 = rng.random_range(21..75);
        let util: Option<f64> = rng
            .random_bool(0.9)
            .then(|| f64::from(rng.random_range(0..100u32)) / 100.0);
        let employment = [
            "employed",
            "employed",
            "self_employed",
            "unemployed",
            "retired",
            "student",
        ][rng.random_range(0..6)];
        let region = ["north", "south", "east", "west"][rng.random_range(0..4)];
        // The truth: log-odds of paying.
        let emp = match employment {
            "employed" | "retired" => 0.6,
            "self_employed" => 0.2,
            "student" => -0.2,
            _ => -0.8,
        };
        let z = 1.2 - 0.035 * (dpd - 31) as f64 + 1.6 * (on_time - 0.5) - 0.45 * broken as f64 - 0.06 * bti + emp
            - 0.8 * util.unwrap_or(0.5)
            + 0.008 * (age - 40) as f64;
        let paid = rng.random_bool(1.0 / (1.0 + (-z).exp()));
        let util = util.map_or(String::new(), |u| format!("{u:.2}"));
        writeln!(
            out,
            "H-{i:06},{dpd},{on_time:.4},{broken},{bti:.1},{age},{util},{employment},{region},{}",
            if paid { "paid" } else { "not_paid" }
        )?;
    }
    Ok(())
}

fn add_months(d: NaiveDate, months: i64) -> NaiveDate {
    let total = d.year() as i64 * 12 + d.month0() as i64 + months;
    let (y, m) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
    let day = d.day().min(28);
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_portfolio() {
        let t = DateTime::parse_from_rfc3339("2026-11-28T09:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(portfolio(20, 7, t), portfolio(20, 7, t));
        assert_ne!(portfolio(20, 7, t), portfolio(20, 8, t));
    }
}
