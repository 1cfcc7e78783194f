//! Promises to pay (PTP): pending → kept | broken | cancelled.
//!
//! Payments are matched to promises oldest first: each payment, in time order, fills the oldest promise that
//! was made at or before it (a promise and the payment taken on the same call share one timestamp), is not yet
//! kept, cancelled or past its deadline. A promise is kept when what it was given reaches its amount before the
//! end of its due date plus the policy's grace days (borrower's calendar); it is broken once that deadline
//! passes without that. Cancelling withdraws a promise only before its deadline: a promise already broken stays
//! broken (otherwise tidying old promises in a CRM would erase the broken ones the score and KPIs count).

use crate::account::{Account, Payment, Promise};
use crate::money::Amount;
use crate::policy::PromiseRules;
use crate::time::{Date, Instant, Zone};
use chrono::Duration;
use serde::Serialize;

/// A promise's state at `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PtpState {
    /// Its deadline has not passed and it is not yet fully paid.
    Pending,
    /// Fully paid by its deadline.
    Kept,
    /// Its deadline passed without full payment.
    Broken,
    /// Withdrawn before it was kept and before its deadline.
    Cancelled,
}

/// One promise as judged at `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    let mut order: Vec<(Instant, usize)> = promises
        .iter()
        .enumerate()
        .filter(|(_, p)| p.made_at <= as_of)
        .map(|(i, p)| (p.made_at, i))
        .collect();
    crate::sort::sort(&mut order);

    let mut payments: Vec<(Instant, i64)> = payments
        .iter()
        .filter(|p| p.at <= as_of)
        .map(|p| (p.at, p.amount.0))
        .collect();
    crate::sort::sort_by_key(&mut payments, |p| p.0);
    // Linear in the history, not promises × payments: payments come in time order, and a promise that is
    // closed for one payment (kept, past its deadline, cancelled) is closed for every later one. So the
    // open promises are a set, in `order` positions, that payments only admit to (once made) and remove from.
    let mut open: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut admitted = 0;
    for (at, amount) in payments {
        while let Some(&(made_at, _)) = order.get(admitted)
            && made_at <= at
        {
            open.insert(admitted);
            admitted += 1;
        }
        let mut left = amount;
        while left > 0 {
            let Some(k) = open.first().copied() else { break };
            let Some(&(_, i)) = order.get(k) else { break };
            let (Some(p), Some(s)) = (promises.get(i), status.get_mut(i)) else {
                break;
            };
            let closed = at >= s.deadline || p.cancelled_at.is_some_and(|c| at >= c);
            if closed {
                open.remove(&k);
                continue;
            }
            let take = left.min(p.amount.0 - s.paid.0);
            s.paid.0 += take;
            left -= take;
            if s.paid.0 >= p.amount.0 {
                s.state = PtpState::Kept;
                s.settled_at = Some(at);
                open.remove(&k);
            }
        }
    }
    for (p, s) in promises.iter().zip(status.iter_mut()) {
        if s.state != PtpState::Pending {
            continue;
        }
        if let Some(c) = p.cancelled_at.filter(|c| *c <= as_of && *c < s.deadline) {
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use proptest::prelude::*;

    fn at(day: u32, hour: u32) -> Instant {
        Instant(
            Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
                .single()
                .unwrap_or_default(),
        )
    }

    fn utc() -> Zone {
        Zone(chrono_tz::UTC)
    }

    /// The rule read literally (DESIGN.md: payments matched to promises oldest first), one payment at a
    /// time over every promise: quadratic, and the reference the linear matcher must equal.
    fn reference(promises: &[Promise], payments: &[Payment], grace: u32, as_of: Instant) -> Vec<(i64, PtpState)> {
        let deadline = |p: &Promise| utc().day_start(p.due.0 + Duration::days(i64::from(grace) + 1));
        let mut paid = vec![0i64; promises.len()];
        let mut kept = vec![false; promises.len()];
        let mut order: Vec<usize> = (0..promises.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| (promises[i].made_at, i));
        let mut pays: Vec<&Payment> = payments.iter().filter(|p| p.at <= as_of).collect();
        crate::sort::sort_by_key(&mut pays, |p| p.at);
        for pay in pays {
            let mut left = pay.amount.0;
            for &i in &order {
                let p = &promises[i];
                let open = p.made_at <= pay.at
                    && p.made_at <= as_of
                    && pay.at < deadline(p)
                    && !kept[i]
                    && p.cancelled_at.is_none_or(|c| pay.at < c);
                if left == 0 || !open {
                    continue;
                }
                let take = left.min(p.amount.0 - paid[i]);
                paid[i] += take;
                left -= take;
                kept[i] = paid[i] >= p.amount.0;
            }
        }
        promises
            .iter()
            .enumerate()
            .filter(|(_, p)| p.made_at <= as_of)
            .map(|(i, p)| {
                let state = if kept[i] {
                    PtpState::Kept
                } else if p.cancelled_at.is_some_and(|c| c <= as_of && c < deadline(p)) {
                    PtpState::Cancelled
                } else if as_of >= deadline(p) {
                    PtpState::Broken
                } else {
                    PtpState::Pending
                };
                (paid[i], state)
            })
            .collect()
    }

    #[test]
    fn oldest_promise_is_filled_first_by_hand() {
        // Two promises of 100 made on the 1st and 2nd, due the 10th; one payment of 150 on the 5th fills the
        // older one (kept) and half of the newer one (pending until its deadline).
        let p = |id: &str, made: u32, amount: i64| Promise {
            id: id.into(),
            made_at: at(made, 9),
            due: Date(NaiveDate::from_ymd_opt(2026, 11, 10).unwrap_or_default()),
            amount: Amount(amount),
            cancelled_at: None,
        };
        let promises = [p("B", 2, 100), p("A", 1, 100)];
        let payments = [Payment {
            at: at(5, 12),
            amount: Amount(150),
        }];
        let got = judge_all(&promises, &payments, PromiseRules { grace_days: 0 }, utc(), at(6, 0));
        assert_eq!((got[0].paid.0, got[0].state), (50, PtpState::Pending));
        assert_eq!((got[1].paid.0, got[1].state), (100, PtpState::Kept));
    }

    proptest! {
        #[test]
        fn linear_matching_equals_the_rule(
            ps in prop::collection::vec((1u32..25, 1u32..28, 1i64..500, prop::option::of(1u32..28)), 0..12),
            pays in prop::collection::vec((1u32..29, 0i64..700), 0..12),
            grace in 0u32..4,
            as_of_day in 1u32..30,
        ) {
            let promises: Vec<Promise> = ps.iter().enumerate().map(|(i, (made, due, amount, cancel))| Promise {
                id: format!("P{i}"),
                made_at: at(*made, 9),
                due: Date(NaiveDate::from_ymd_opt(2026, 11, *due).unwrap_or_default()),
                amount: Amount(*amount),
                cancelled_at: cancel.map(|c| at(c, 15)),
            }).collect();
            let payments: Vec<Payment> = pays.iter().map(|(d, a)| Payment { at: at(*d, 12), amount: Amount(*a) }).collect();
            let as_of = at(as_of_day, 18);
            let got: Vec<(i64, PtpState)> = judge_all(&promises, &payments, PromiseRules { grace_days: grace }, utc(), as_of)
                .iter().map(|s| (s.paid.0, s.state)).collect();
            prop_assert_eq!(got, reference(&promises, &payments, grace, as_of));
        }
    }
}
