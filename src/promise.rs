//! Promises to pay (PTP): pending → kept | broken | cancelled.
//!
//! Payments are matched to promises oldest first: each payment, in time order, fills the oldest promise that
//! was made before it, is not yet kept, cancelled or past its deadline. A promise is kept when what it was
//! given reaches its amount before the end of its due date plus the policy's grace days (borrower's calendar);
//! it is broken once that deadline passes without that.

use crate::account::{Account, Payment, Promise};
use crate::money::Amount;
use crate::policy::PromiseRules;
use crate::time::{Date, Instant, Zone};
use chrono::Duration;
use serde::Serialize;

/// A promise's state at `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PtpState {
    /// Its deadline has not passed and it is not yet fully paid.
    Pending,
    /// Fully paid by its deadline.
    Kept,
    /// Its deadline passed without full payment.
    Broken,
    /// Withdrawn before it was kept.
    Cancelled,
}

/// One promise as judged at `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseStatus {
    /// The CRM's id.
    pub id: String,
    /// The promised date.
    pub due: Date,
    /// The promised amount.
    pub amount: Amount,
    /// How much of it payments have covered.
    pub paid: Amount,
    /// The state.
    pub state: PtpState,
    /// Payments strictly before this instant count: the start of the local day after due date + grace days.
    pub deadline: Instant,
    /// When the state became final (kept, broken, cancelled); absent while pending.
    pub settled_at: Option<Instant>,
}

/// Judges every promise made by `as_of`, in the account's order.
pub fn judge(account: &Account, rules: PromiseRules, zone: Zone, as_of: Instant) -> Vec<PromiseStatus> {
    judge_all(&account.history.promises, &account.history.payments, rules, zone, as_of)
}

/// Judges promises against payments (the same rules serve promises to pay and arrangement instalments).
pub fn judge_all(
    promises: &[Promise],
    payments: &[Payment],
    rules: PromiseRules,
    zone: Zone,
    as_of: Instant,
) -> Vec<PromiseStatus> {
    let mut status: Vec<PromiseStatus> = promises
        .iter()
        .map(|p| {
            let after = p.due.0 + Duration::days(i64::from(rules.grace_days) + 1);
            PromiseStatus {
                id: p.id.clone(),
                due: p.due,
                amount: p.amount,
                paid: Amount(0),
                state: PtpState::Pending,
                deadline: zone.day_start(after),
                settled_at: None,
            }
        })
        .collect();
    // Oldest first: by when the promise was made, then by input position.
    let mut order: Vec<usize> = (0..promises.len()).filter(|&i| promises[i].made_at <= as_of).collect();
    order.sort_by_key(|&i| (promises[i].made_at, i));

    let mut payments: Vec<(Instant, i64)> = payments
        .iter()
        .filter(|p| p.at <= as_of)
        .map(|p| (p.at, p.amount.0))
        .collect();
    payments.sort_by_key(|p| p.0);
    for (at, amount) in payments {
        let mut left = amount;
        for &i in &order {
            if left == 0 {
                break;
            }
            let (p, s) = (&promises[i], &mut status[i]);
            let open = p.made_at <= at
                && at < s.deadline
                && s.state == PtpState::Pending
                && p.cancelled_at.is_none_or(|c| at < c);
            if !open {
                continue;
            }
            let take = left.min(p.amount.0 - s.paid.0);
            s.paid.0 += take;
            left -= take;
            if s.paid.0 >= p.amount.0 {
                s.state = PtpState::Kept;
                s.settled_at = Some(at);
            }
        }
    }
    for (p, s) in promises.iter().zip(status.iter_mut()) {
        if s.state != PtpState::Pending {
            continue;
        }
        if let Some(c) = p.cancelled_at.filter(|c| *c <= as_of) {
            s.state = PtpState::Cancelled;
            s.settled_at = Some(c);
        } else if as_of >= s.deadline {
            s.state = PtpState::Broken;
            s.settled_at = Some(s.deadline);
        }
    }
    status
        .into_iter()
        .zip(promises)
        .filter(|(_, p)| p.made_at <= as_of)
        .map(|(s, _)| s)
        .collect()
}

/// The state of an agreed arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrangementState {
    /// Every instalment due so far was paid in time; more are to come.
    Current,
    /// Every instalment was paid in time.
    Completed,
    /// An instalment passed its deadline unpaid: back to the ladder.
    Broken,
}

/// An arrangement as judged at `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArrangementStatus {
    /// The CRM's id.
    pub id: String,
    /// Overall state.
    pub state: ArrangementState,
    /// Each instalment as a promise (`<id>#<n>`), paid by payments made since the arrangement was agreed.
    pub instalments: Vec<PromiseStatus>,
}

/// Judges the account's arrangement, if one was agreed by `as_of`: its instalments are promises made when
/// it was agreed, matched oldest first by the payments since, with the policy's grace days.
pub fn judge_arrangement(
    account: &Account,
    rules: PromiseRules,
    zone: Zone,
    as_of: Instant,
) -> Option<ArrangementStatus> {
    let arr = account.arrangement.as_ref().filter(|a| a.agreed_at <= as_of)?;
    let promises: Vec<Promise> = arr
        .instalments
        .iter()
        .enumerate()
        .map(|(k, i)| Promise {
            id: format!("{}#{}", arr.id, k + 1),
            made_at: arr.agreed_at,
            due: i.due,
            amount: i.amount,
            cancelled_at: None,
        })
        .collect();
    let payments: Vec<Payment> = account
        .history
        .payments
        .iter()
        .filter(|p| p.at >= arr.agreed_at)
        .cloned()
        .collect();
    let instalments = judge_all(&promises, &payments, rules, zone, as_of);
    let state = if instalments.iter().any(|p| p.state == PtpState::Broken) {
        ArrangementState::Broken
    } else if instalments.iter().all(|p| p.state == PtpState::Kept) {
        ArrangementState::Completed
    } else {
        ArrangementState::Current
    };
    Some(ArrangementStatus {
        id: arr.id.clone(),
        state,
        instalments,
    })
}
