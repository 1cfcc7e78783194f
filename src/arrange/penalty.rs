//! Penalty interest: simple daily accrual on each overdue instalment's unpaid part, from the day after its due
//! date, with a named day-count convention and caps. Exact: numerators are summed in `i128` and rounded once.

use crate::money::{Amount, Rounding, div_round};
use crate::policy::{DayCount, PenaltyRules};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// An unpaid overdue amount and its due date.
#[derive(Debug, Clone, Copy)]
pub struct Overdue {
    /// Due date (borrower's calendar).
    pub due: NaiveDate,
    /// Unpaid part in minor units.
    pub unpaid: i64,
}

/// Effective penalty terms after jurisdiction caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Terms {
    /// Annual rate in basis points (1/100 of a percent).
    pub annual_rate_bps: u32,
    /// Day-count convention.
    pub day_count: DayCount,
    /// Penalty never exceeds this share of the overdue amount (basis points), if set.
    pub cap_bps_of_overdue: Option<u32>,
}

impl Terms {
    /// The policy's terms, limited by the jurisdiction's maximum annual rate and total cap.
    pub fn new(rules: &PenaltyRules, max_rate_bps: Option<u32>, max_cap_bps: Option<u32>) -> Terms {
        let rate = max_rate_bps.map_or(rules.annual_rate_bps, |m| rules.annual_rate_bps.min(m));
        let cap = match (rules.cap_bps_of_overdue, max_cap_bps) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Terms {
            annual_rate_bps: rate,
            day_count: rules.day_count,
            cap_bps_of_overdue: cap,
        }
    }
}

/// Penalty accrued by the end of `on` (inclusive) if nothing is paid, capped.
pub fn accrued(items: &[Overdue], terms: Terms, on: NaiveDate, rounding: Rounding) -> i64 {
    let basis: i128 = match terms.day_count {
        DayCount::Act365 => 365,
        DayCount::Act360 => 360,
    };
    let mut num: i128 = 0;
    let mut base: i128 = 0;
    for it in items {
        let days = (on - it.due).num_days().max(0);
        num += i128::from(it.unpaid) * i128::from(terms.annual_rate_bps) * i128::from(days);
        base += i128::from(it.unpaid);
    }
    let raw = div_round(num, 10_000 * basis, rounding);
    match terms.cap_bps_of_overdue {
        Some(cap) => raw.min(div_round(base * i128::from(cap), 10_000, Rounding::Down)),
        None => raw,
    }
}

/// Owed at a date if nothing is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Projection {
    /// The date (end of day, borrower's calendar).
    pub date: crate::time::Date,
    /// Penalty accrued by then.
    pub penalty: Amount,
    /// Outstanding balance plus penalty.
    pub owed: Amount,
}

/// The penalty part of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PenaltyView {
    /// The terms applied.
    pub terms: Terms,
    /// Accrued to `as_of`'s local date.
    pub accrued: Amount,
    /// What tomorrow adds to what is owed: the accrued total (capped, rounded) tomorrow minus today's, so 0 once the
    /// cap binds — the figure a message may truthfully quote as "a day".
    pub per_day: Amount,
    /// Owed in 7, 14 and 30 days if nothing is paid (for consequence reminders).
    pub projections: Vec<Projection>,
}

impl PenaltyView {
    /// Every figure is a valid amount (0 … 2^53 − 1).
    pub fn in_range(&self) -> bool {
        let ok = |a: Amount| (0..=crate::money::MAX_SAFE).contains(&a.0);
        ok(self.accrued) && ok(self.per_day) && self.projections.iter().all(|p| ok(p.penalty) && ok(p.owed))
    }
}

/// Builds the penalty view at `today`.
pub fn view(items: &[Overdue], terms: Terms, today: NaiveDate, outstanding: i64, rounding: Rounding) -> PenaltyView {
    let now = accrued(items, terms, today, rounding);
    let next = accrued(items, terms, today + Duration::days(1), rounding);
    let projections = [7, 14, 30]
        .into_iter()
        .map(|d| {
            let date = today + Duration::days(d);
            let p = accrued(items, terms, date, rounding);
            Projection {
                date: crate::time::Date(date),
                penalty: Amount(p),
                owed: Amount(outstanding.saturating_add(p)),
            }
        })
        .collect();
    PenaltyView {
        terms,
        accrued: Amount(now),
        per_day: Amount(next.saturating_sub(now)),
        projections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn terms(rate: u32, dc: DayCount, cap: Option<u32>) -> Terms {
        Terms {
            annual_rate_bps: rate,
            day_count: dc,
            cap_bps_of_overdue: cap,
        }
    }

    #[test]
    fn hand_computed_accrual() {
        // 10,000.00 at 18% a year, act/365, 30 days: 1,000,000 × 0.18 × 30 / 365 = 14,794.52… → 14,795.
        let items = [Overdue {
            due: d(2026, 10, 29),
            unpaid: 1_000_000,
        }];
        assert_eq!(
            accrued(
                &items,
                terms(1800, DayCount::Act365, None),
                d(2026, 11, 28),
                Rounding::HalfEven
            ),
            14_795
        );
        // act/360: 1,000,000 × 0.18 × 30 / 360 = 15,000 exactly.
        assert_eq!(
            accrued(
                &items,
                terms(1800, DayCount::Act360, None),
                d(2026, 11, 28),
                Rounding::HalfEven
            ),
            15_000
        );
        // Across a leap day: 2028-02-15 → 2028-03-15 is 29 days. 365,000 × 0.10 × 29 / 365 = 2,900.
        let leap = [Overdue {
            due: d(2028, 2, 15),
            unpaid: 365_000,
        }];
        assert_eq!(
            accrued(
                &leap,
                terms(1000, DayCount::Act365, None),
                d(2028, 3, 15),
                Rounding::HalfEven
            ),
            2_900
        );
        // Capped at 5% of the overdue amount.
        assert_eq!(
            accrued(
                &items,
                terms(1800, DayCount::Act365, Some(500)),
                d(2027, 11, 28),
                Rounding::HalfEven
            ),
            50_000
        );
        // Nothing before the due date has passed.
        assert_eq!(
            accrued(
                &items,
                terms(1800, DayCount::Act365, None),
                d(2026, 10, 1),
                Rounding::HalfEven
            ),
            0
        );
    }

    #[test]
    fn caps_from_the_jurisdiction_win() {
        let rules = PenaltyRules {
            annual_rate_bps: 3600,
            day_count: DayCount::Act365,
            cap_bps_of_overdue: Some(5000),
        };
        let t = Terms::new(&rules, Some(2400), Some(10_000));
        assert_eq!((t.annual_rate_bps, t.cap_bps_of_overdue), (2400, Some(5000)));
    }
}
