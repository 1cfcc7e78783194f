//! Limitation periods: when a debt becomes too old to sue on ("time-barred"), by jurisdiction and US state.
//!
//! A time-barred debt may still be collected by letter or call in most places, but it may not be sued on, nor
//! may anyone threaten to sue (US Reg F §1006.26(b)); several US states require a disclosure that the debt is
//! too old to sue on. So a time-barred account gets no legal route, no agency referral, no wording about court
//! or credit reports, and the disclosure where the state requires it.
//!
//! The clock. Each missed instalment starts its own period (CN Civil Code art. 189 for instalment debts runs
//! from the last instalment's due date; GB Limitation Act 1980 s.5 from each missed payment), so an account is
//! time-barred when the period has run from its **latest** unpaid due date. Where the law lets a payment
//! restart the clock (CN art. 195 interruption; GB s.29(5) part payment), the latest payment counts too. In the
//! US it depends on the state, and some (New York since the Consumer Credit Fairness Act 2022) say a payment
//! never revives a debt, so the US default does not restart on payment: when unsure, the engine treats a debt
//! as time-barred *sooner*, because suing on a barred debt is the harm the rule prevents.

use crate::account::Account;
use crate::time::{Date, Instant, Zone};
use chrono::{Months, NaiveDate};
use serde::Serialize;

pub use crate::policy::jurisdiction::limitation::{Law, LimitationRule, law, rule};

/// Where an account stands against the limitation period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Limitation {
    /// Years of the period.
    pub years: u32,
    /// The day the clock started: the latest unpaid due date, or the latest payment where it restarts.
    pub started: Date,
    /// The first day the debt can no longer be sued on.
    pub ends: Date,
    /// `ends` has been reached.
    pub time_barred: bool,
    /// Messages must say the debt is too old to sue on.
    pub disclosure: bool,
    /// The law (or `policy`).
    pub source: &'static str,
}

/// The limitation position of an account at `as_of`: `None` when nothing is overdue or no rule applies.
///
/// `latest_unpaid_due` is the latest due date among the instalments overdue at `as_of`.
pub fn assess(
    law: Option<Law>,
    account: &Account,
    latest_unpaid_due: Option<NaiveDate>,
    zone: Zone,
    as_of: Instant,
) -> Option<Limitation> {
    let law = law?;
    let due = latest_unpaid_due?;
    let last_payment = account
        .history
        .payments
        .iter()
        .filter(|p| p.at <= as_of && p.amount.0 > 0)
        .map(|p| p.at.local_date(zone))
        .max();
    let started = match last_payment {
        Some(p) if law.payment_restarts => due.max(p),
        _ => due,
    };
    // Calendar years: 29 February runs to 28 February. Beyond the calendar's range the debt is never barred.
    let ends = started.checked_add_months(Months::new(law.years.saturating_mul(12)))?;
    let today = as_of.local_date(zone);
    Some(Limitation {
        years: law.years,
        started: Date(started),
        ends: Date(ends),
        time_barred: today >= ends,
        disclosure: law.disclosure,
        source: law.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Preset;

    #[test]
    fn periods_follow_the_statutes() {
        assert_eq!(law(Preset::Cn, None).map(|l| l.years), Some(3));
        assert_eq!(law(Preset::Gb, None).map(|l| l.years), Some(6));
        assert_eq!(
            law(Preset::Us, Some("CA")).map(|l| (l.years, l.disclosure)),
            Some((4, true))
        );
        assert_eq!(law(Preset::Us, Some("NY")).map(|l| l.payment_restarts), Some(false));
        assert_eq!(law(Preset::Us, Some("TX")).map(|l| l.years), Some(3));
        assert_eq!(law(Preset::Custom, None), None);
    }
}
