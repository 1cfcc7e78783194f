//! Features derived from the account, by name. A scorecard may use any of these, and any free-form CRM
//! feature of the account (`features`); a derived feature wins over a CRM feature of the same name.
//!
//! | name | meaning |
//! |---|---|
//! | `dpd` | days past due |
//! | `days_since_last_payment` | days since the last payment (missing if none) |
//! | `on_time_share_6m`, `on_time_share_12m` | share of instalments due in the last 6 / 12 months paid in full by their due date (missing if none were due) |
//! | `broken_promises` | promises broken so far |
//! | `kept_promise_ratio` | kept / (kept + broken) (missing if none were settled) |
//! | `rpc_rate` | right-party contacts / outbound calls in the last 90 days (missing if no calls) |
//! | `last_contact_outcome` | outcome of the latest contact (category; missing if none) |
//! | `balance_to_income` | outstanding balance / monthly income (missing without income) |
//! | `age`, `age_band` | years since birth year; band `18-24`, `25-34`, `35-44`, `45-54`, `55-64`, `65+` |
//! | `account_age_months` | whole months since the account was opened (missing if unknown) |

use crate::account::{Account, Channel, Direction, Feature, Outcome};
use crate::promise::PtpState;
use crate::standing::Standing;
use crate::time::{Instant, Zone};
use chrono::{Datelike, Duration, NaiveDate};

/// The names of the derived features, for validation and docs.
pub const DERIVED: &[&str] = &[
    "dpd",
    "days_since_last_payment",
    "on_time_share_6m",
    "on_time_share_12m",
    "broken_promises",
    "kept_promise_ratio",
    "rpc_rate",
    "last_contact_outcome",
    "balance_to_income",
    "age",
    "age_band",
    "account_age_months",
];

/// A feature value: a number, a category, or missing.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number.
    Number(f64),
    /// A category.
    Text(String),
    /// Not known for this account.
    Missing,
}

/// Derives feature `name` for the account, falling back to the CRM's free-form features.
pub fn value(name: &str, account: &Account, d: &Standing<'_>, zone: Zone, as_of: Instant) -> Value {
    let today = as_of.local_date(zone);
    let derived = match name {
        "dpd" => Some(Value::Number(d.dpd as f64)),
        "days_since_last_payment" => Some(
            account
                .history
                .payments
                .iter()
                .filter(|p| p.at <= as_of)
                .map(|p| p.at.local_date(zone))
                .max()
                .map_or(Value::Missing, |last| Value::Number((today - last).num_days() as f64)),
        ),
        "on_time_share_6m" => Some(on_time_share(account, zone, as_of, 6)),
        "on_time_share_12m" => Some(on_time_share(account, zone, as_of, 12)),
        "broken_promises" => Some(Value::Number(
            d.promises.iter().filter(|p| p.state == PtpState::Broken).count() as f64,
        )),
        "kept_promise_ratio" => {
            let kept = d.promises.iter().filter(|p| p.state == PtpState::Kept).count();
            let broken = d.promises.iter().filter(|p| p.state == PtpState::Broken).count();
            Some(if kept + broken == 0 {
                Value::Missing
            } else {
                Value::Number(kept as f64 / (kept + broken) as f64)
            })
        }
        "rpc_rate" => {
            let since = as_of.plus(Duration::days(-90));
            let calls: Vec<_> = account
                .history
                .contacts
                .iter()
                .filter(|c| {
                    c.channel == Channel::Call && c.direction == Direction::Outbound && c.at > since && c.at <= as_of
                })
                .collect();
            let rpc = calls.iter().filter(|c| c.outcome == Outcome::Rpc).count();
            Some(if calls.is_empty() {
                Value::Missing
            } else {
                Value::Number(rpc as f64 / calls.len() as f64)
            })
        }
        "last_contact_outcome" => Some(
            account
                .history
                .contacts
                .iter()
                .filter(|c| c.at <= as_of)
                .max_by_key(|c| c.at)
                .and_then(|c| serde_json::to_value(c.outcome).ok())
                .and_then(|v| v.as_str().map(|s| Value::Text(s.to_string())))
                .unwrap_or(Value::Missing),
        ),
        "balance_to_income" => Some(match account.borrower.monthly_income {
            Some(i) if i.0 > 0 => Value::Number(d.arrears.outstanding.0 as f64 / i.0 as f64),
            _ => Value::Missing,
        }),
        "age" => Some(
            account
                .borrower
                .birth_year
                .map_or(Value::Missing, |y| Value::Number(f64::from(as_of.0.year() - y))),
        ),
        "age_band" => Some(
            account
                .borrower
                .birth_year
                .map_or(Value::Missing, |y| Value::Text(age_band(as_of.0.year() - y).into())),
        ),
        "account_age_months" => Some(
            account
                .opened
                .map_or(Value::Missing, |o| Value::Number(f64::from(months_between(o.0, today)))),
        ),
        _ => None,
    };
    derived.unwrap_or_else(|| match account.features.0.get(name) {
        Some(Feature::Number(n)) => Value::Number(*n),
        Some(Feature::Text(t)) => Value::Text(t.clone()),
        Some(Feature::Bool(b)) => Value::Text(b.to_string()),
        None => Value::Missing,
    })
}

fn age_band(age: i32) -> &'static str {
    match age {
        i32::MIN..=24 => "18-24",
        25..=34 => "25-34",
        35..=44 => "35-44",
        45..=54 => "45-54",
        55..=64 => "55-64",
        _ => "65+",
    }
}

/// The same day `months` months earlier, clamped to the month's length.
fn months_back(d: NaiveDate, months: u32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 - months as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    (1..=d.day())
        .rev()
        .find_map(|day| NaiveDate::from_ymd_opt(y, m, day))
        .unwrap_or(d)
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i32 {
    let m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    if b.day() < a.day() { (m - 1).max(0) } else { m.max(0) }
}

/// Share of instalments due in the last `months` months (before today) that were fully paid by the end of
/// their due date, with payments applied oldest first in time order.
fn on_time_share(account: &Account, zone: Zone, as_of: Instant, months: u32) -> Value {
    let today = as_of.local_date(zone);
    let from = months_back(today, months);
    let mut instalments = account.instalments.clone();
    crate::sort::sort_by_key(&mut instalments, |i| i.due);
    let mut payments: Vec<(Instant, i64)> = account
        .history
        .payments
        .iter()
        .filter(|p| p.at <= as_of)
        .map(|p| (p.at, p.amount.0))
        .collect();
    crate::sort::sort_by_key(&mut payments, |p| p.0);
    // When each instalment became fully paid.
    let mut paid_at: Vec<Option<Instant>> = vec![None; instalments.len()];
    let (mut idx, mut filled) = (0usize, 0i64);
    for (at, mut amount) in payments {
        while amount > 0
            && let Some(inst) = instalments.get(idx)
        {
            let need = inst.amount.0 - filled;
            let take = need.min(amount);
            filled += take;
            amount -= take;
            if filled >= inst.amount.0 {
                if let Some(paid) = paid_at.get_mut(idx) {
                    *paid = Some(at);
                }
                idx += 1;
                filled = 0;
            }
        }
    }
    let due: Vec<(&crate::account::Instalment, Option<Instant>)> = instalments
        .iter()
        .zip(paid_at)
        .filter(|(inst, _)| inst.due.0 >= from && inst.due.0 < today)
        .collect();
    if due.is_empty() {
        return Value::Missing;
    }
    let on_time = due
        .iter()
        .filter(|(inst, paid)| paid.is_some_and(|t| t < zone.day_start(inst.due.0 + Duration::days(1))))
        .count();
    Value::Number(on_time as f64 / due.len() as f64)
}
