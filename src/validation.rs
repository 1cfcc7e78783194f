//! The validation notice a US debt collector owes the borrower (Reg F §1006.34), for a policy whose
//! `company.role` is `agency`.
//!
//! Why: a collector must give the borrower, in the first communication or within five days of it, the debt's
//! itemization (what was owed on an itemization date, and the interest, fees and payments since), their right
//! to dispute, and the end of the validation period — 30 days after the borrower receives the notice, which a
//! collector may assume is five days after sending it, not counting Saturdays, Sundays and public holidays
//! (§1006.34(b)(5)). Until then nothing may overshadow those rights (§1006.38(b)): no "pay by" date before the
//! period ends.
//!
//! Which message is the notice: the first letter or e-mail (an SMS cannot carry the itemization). The first
//! outbound letter or e-mail on record is taken to be the notice already sent. The itemization comes from the
//! account (`itemization`: the date and the amount owed then; the interest and fees since are what the balance
//! grew by, payments since are the history's): without it the notice cannot be written, so an agency that has
//! not yet sent one plans no collection contact (`validation_notice_incomplete`).

use crate::account::{Account, Channel, Direction};
use crate::policy::{JurisdictionRules, Policy, Preset, Role};
use crate::time::{Date, Instant, Zone};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// The debt itemized from the itemization date to the decision (§1006.34(c)(2)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Itemized {
    /// The itemization date.
    pub date: Date,
    /// What was owed on it.
    pub amount: i64,
    /// Interest and fees added since: the balance's growth net of payments, plus the penalty interest accrued.
    pub interest_and_fees: i64,
    /// Payments and credits since.
    pub payments: i64,
    /// What is owed now (`amount + interest_and_fees − payments`), penalty interest included.
    pub current: i64,
    /// The creditor to whom the debt is owed now.
    pub creditor: String,
}

impl Itemized {
    /// The same with penalty interest accrued on the overdue instalments counted as interest owed now.
    #[must_use]
    pub fn with_penalty(mut self, accrued: i64) -> Self {
        self.interest_and_fees = self.interest_and_fees.saturating_add(accrued);
        self.current = self.current.saturating_add(accrued);
        self
    }
}

/// The validation notice's state for an agency's US account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidationNotice {
    /// The day the notice went out: the first letter or e-mail on record (absent: not sent yet; the plan's
    /// first letter or e-mail carries it).
    pub sent_on: Option<Date>,
    /// The last day of the validation period (absent until the notice is sent).
    pub period_ends: Option<Date>,
    /// The itemization the notice states (absent when the account gives none).
    pub itemization: Option<Itemized>,
}

/// Whether the policy and account owe a validation notice: an agency collecting in a US jurisdiction.
pub fn applies(policy: &Policy, rules: &JurisdictionRules) -> bool {
    policy.company.role == Role::Agency && rules.preset == Preset::Us
}

/// A letter or an e-mail: what can carry the notice.
pub fn carries_notice(channel: Channel) -> bool {
    matches!(channel, Channel::Letter | Channel::Email)
}

/// The last day of the validation period for a notice sent on `sent`: five days later not counting
/// Saturdays, Sundays and the jurisdiction's holidays (assumed receipt), then 30 days.
pub fn period_end(sent: NaiveDate, rules: &JurisdictionRules) -> NaiveDate {
    let mut day = sent;
    let mut counted = 0;
    while counted < 5 {
        day = day.succ_opt().unwrap_or(day);
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !rules.holidays.iter().any(|h| h.0 == day) {
            counted += 1;
        }
    }
    day.checked_add_days(chrono::Days::new(30)).unwrap_or(day)
}

/// The notice's state at `as_of`.
pub fn assess(
    account: &Account,
    rules: &JurisdictionRules,
    outstanding: i64,
    zone: Zone,
    as_of: Instant,
) -> ValidationNotice {
    let sent = account
        .history
        .contacts
        .iter()
        .filter(|c| c.direction == Direction::Outbound && c.at <= as_of && carries_notice(c.channel))
        .map(|c| c.at)
        .min()
        .map(|at| at.local_date(zone));
    let itemization = account.itemization.as_ref().map(|it| {
        let payments: i64 = account
            .history
            .payments
            .iter()
            .filter(|p| p.at <= as_of && p.at.local_date(zone) > it.date.0)
            .fold(0i64, |t, p| t.saturating_add(p.amount.0));
        Itemized {
            date: it.date,
            amount: it.amount.0,
            interest_and_fees: outstanding.saturating_add(payments).saturating_sub(it.amount.0).max(0),
            payments,
            current: outstanding,
            creditor: it.creditor.clone(),
        }
    });
    ValidationNotice {
        sent_on: sent.map(Date),
        period_ends: sent.map(|d| Date(period_end(d, rules))),
        itemization,
    }
}
