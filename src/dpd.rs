//! Days past due and the DPD bucket.
//!
//! DPD counts from the oldest instalment that is still unpaid after payments are applied oldest first, in
//! the borrower's local calendar: an instalment due on the 5th is 1 DPD on the 6th.

use crate::account::{Account, Instalment};
use crate::money::Amount;
use crate::policy::Policy;
use crate::time::{Date, Instant, Zone, days_between};
use chrono::NaiveDate;
use serde::Serialize;

/// What is overdue and by how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Arrears {
    /// Total of the unpaid parts of instalments due before today.
    pub overdue_amount: Amount,
    /// How many instalments are overdue.
    pub overdue_instalments: u32,
    /// Due date of the oldest overdue instalment.
    pub oldest_unpaid_due: Option<Date>,
    /// The next instalment due today or later, and its unpaid part.
    pub next_due: Option<Date>,
    /// Unpaid part of the next instalment.
    pub next_due_amount: Amount,
    /// Principal + interest + fees outstanding.
    pub outstanding: Amount,
}

/// DPD, bucket and arrears of an account at `as_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delinquency {
    /// Days past due (0 when current).
    pub dpd: i64,
    /// Bucket name from the policy.
    pub bucket: String,
    /// The detail.
    pub arrears: Arrears,
}

/// Unpaid part of each instalment (sorted by due date), after allocation.
pub fn unpaid_by_instalment(account: &Account, as_of: Instant) -> Vec<(Instalment, i64)> {
    let mut instalments = account.instalments.clone();
    crate::sort::sort_by_key(&mut instalments, |i| i.due);
    let ledger = instalments.iter().any(|i| i.paid.is_some());
    let mut pool: i64 = if ledger {
        0
    } else {
        account
            .history
            .payments
            .iter()
            .filter(|p| p.at <= as_of)
            .map(|p| p.amount.0)
            .sum()
    };
    instalments
        .into_iter()
        .map(|inst| {
            let settled = if ledger {
                inst.paid.map_or(0, |p| p.0)
            } else {
                let take = pool.min(inst.amount.0);
                pool -= take;
                take
            };
            (inst, (inst.amount.0 - settled).max(0))
        })
        .collect()
}

/// Computes DPD, bucket and arrears.
pub fn assess(account: &Account, policy: &Policy, zone: Zone, as_of: Instant) -> Delinquency {
    let today: NaiveDate = as_of.local_date(zone);
    let tolerance = policy.dpd.tolerance.0;
    let mut arrears = Arrears {
        overdue_amount: Amount(0),
        overdue_instalments: 0,
        oldest_unpaid_due: None,
        next_due: None,
        next_due_amount: Amount(0),
        outstanding: Amount(account.balances.principal.0 + account.balances.interest.0 + account.balances.fees.0),
    };
    for (inst, unpaid) in unpaid_by_instalment(account, as_of) {
        if unpaid <= tolerance {
            continue;
        }
        if inst.due.0 < today {
            arrears.overdue_amount.0 += unpaid;
            arrears.overdue_instalments += 1;
            arrears.oldest_unpaid_due.get_or_insert(inst.due);
        } else if arrears.next_due.is_none() {
            arrears.next_due = Some(inst.due);
            arrears.next_due_amount = Amount(unpaid);
        }
    }
    let dpd = arrears.oldest_unpaid_due.map_or(0, |d| days_between(d.0, today).max(0));
    Delinquency {
        dpd,
        bucket: policy.bucket_for(dpd).to_string(),
        arrears,
    }
}
