//! Repayment arrangements: penalty interest and what doing nothing costs, and the offers a borrower can
//! afford — exact to the minor unit, ranked, with forbearance first for borrowers in hardship (FCA CONC 7.3
//! spirit: longer terms, interest freezes, token payments, debt advice).

pub mod offers;
pub mod penalty;

use crate::account::Account;
use crate::dpd;
use crate::policy::Policy;
use crate::time::{Instant, Zone};

pub use offers::{Offer, Payment};
pub use penalty::{Overdue, PenaltyView, Terms};

pub use crate::policy::jurisdiction::preset_caps;

/// The overdue items of an account at `as_of` (unpaid parts of instalments due before today).
pub fn overdue_items(account: &Account, zone: Zone, as_of: Instant, tolerance: i64) -> Vec<Overdue> {
    let today = as_of.local_date(zone);
    dpd::unpaid_by_instalment(account, as_of)
        .into_iter()
        .filter(|(inst, unpaid)| *unpaid > tolerance && inst.due.0 < today)
        .map(|(inst, unpaid)| Overdue {
            due: inst.due.0,
            unpaid,
        })
        .collect()
}

/// The effective penalty terms for an account's jurisdiction.
pub fn terms(policy: &Policy, jurisdiction: &str) -> Terms {
    let (rate, cap) = policy
        .jurisdictions
        .0
        .get(jurisdiction)
        .map_or((None, None), |j| preset_caps(j.preset));
    Terms::new(&policy.offers.penalty, rate, cap)
}
