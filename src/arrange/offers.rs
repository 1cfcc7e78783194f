//! Offers: what the borrower could do, each with its exact schedule, total, monthly burden, what it saves
//! against doing nothing, whether it is affordable, and its expected recovery.

use super::penalty::{Overdue, Terms, accrued};
use crate::account::Account;
use crate::money::{Amount, Rounding, div_round, split_equal};
use crate::policy::OfferRules;
use crate::time::Date;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// One payment of an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Payment {
    /// Due date (borrower's calendar).
    pub due: Date,
    /// Amount in minor units.
    pub amount: Amount,
}

pub use crate::policy::offers::Kind;

/// Who may grant an offer (`offers.approval`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    /// The CRM may make the offer without a person.
    Auto,
    /// An agent may grant it.
    Agent,
    /// A supervisor must sign it off.
    Supervisor,
}

/// An offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Offer {
    /// Stable id, e.g. `instalments_6`.
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// Payments, in date order; they sum exactly to `total`.
    pub schedule: Vec<Payment>,
    /// What the borrower pays under this offer.
    pub total: Amount,
    /// Largest amount due in any calendar month under the offer, regular instalments included.
    pub monthly_burden: Amount,
    /// Penalty avoided, discount and forgiveness, compared with paying the same debt at the offer's last date.
    pub savings: Amount,
    /// Within the borrower's affordable monthly amount (`null` when income is unknown).
    pub affordable: Option<bool>,
    /// Forbearance for hardship (shown first to borrowers in hardship).
    pub forbearance: bool,
    /// `total` × the policy's uptake estimate for this kind.
    pub expected_recovery: Amount,
    /// What the lender gives up against the contract: discount, forgiveness, scheduled interest and penalty
    /// waived — the contractual debt (every unpaid instalment and the penalty so far, or the outstanding
    /// balance and penalty when larger) minus everything the borrower pays under the offer over the debt's
    /// life (an offer for the arrears leaves the rest of the contract running: the later instalments at
    /// their dates and any balance they do not cover at the last of them; what a token plan leaves of the
    /// arrears stays owed at its last payment). Never negative.
    pub gives_up: Amount,
    /// Expected net recovery, what offers are ranked by: the present value (at `offers.cost_of_funds_bps`)
    /// of everything the borrower pays over the debt's life under the offer — so what it gives up and how
    /// late it comes are already out of it — times the uptake estimate.
    pub net_recovery: Amount,
    /// Who may grant it: `gives_up` as a share of the contractual debt against `offers.approval`.
    pub approval: Approval,
}

impl Offer {
    /// Every amount of the offer is a valid amount (0 … 2^53 − 1).
    pub fn in_range(&self) -> bool {
        [
            self.total,
            self.monthly_burden,
            self.savings,
            self.expected_recovery,
            self.gives_up,
            self.net_recovery,
        ]
        .into_iter()
        .chain(self.schedule.iter().map(|p| p.amount))
        .all(Amount::in_range)
    }
}

/// What offers are built from.
pub struct Basis<'a> {
    /// The account.
    pub account: &'a Account,
    /// Overdue items.
    pub overdue: &'a [Overdue],
    /// Penalty terms.
    pub terms: Terms,
    /// Local date of `as_of`.
    pub today: NaiveDate,
    /// Outstanding balance (principal + interest + fees), without penalty.
    pub outstanding: i64,
    /// The regular monthly instalment that keeps running during an arrears plan.
    pub regular: i64,
    /// Unpaid instalments not yet overdue (due today or later): what the contract still collects after an
    /// offer for the arrears.
    pub future: &'a [Overdue],
    /// The account's DPD bucket, for eligibility.
    pub bucket: &'a str,
    /// The account's score band (none without a scorecard), for eligibility.
    pub band: Option<&'a str>,
}

/// The same day-of-month `k` months after `anchor`, clamped to the month's length (Jan 31 → Feb 28/29 → Mar 31).
pub fn add_months(anchor: NaiveDate, k: u32) -> NaiveDate {
    let total = anchor.year() * 12 + anchor.month0() as i32 + k as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(y, m, *d).is_some())
        .unwrap_or(28);
    NaiveDate::from_ymd_opt(y, m, anchor.day().min(last)).unwrap_or(anchor)
}

/// Builds every offer the policy allows, then drops or marks unaffordable ones and ranks them.
pub fn build(rules: &OfferRules, b: &Basis<'_>) -> Vec<Offer> {
    let r = rules.rounding;
    let pen_now = accrued(b.overdue, b.terms, b.today, r);
    // Saturating: the decision refuses any offer whose figures pass 2^53 (`Offer::in_range`), so a
    // saturated sum is never shown, only refused.
    let arrears: i64 = b.overdue.iter().fold(pen_now, |t, o| t.saturating_add(o.unpaid));
    if arrears == 0 {
        return Vec::new();
    }
    let hardship = b.account.flags.hardship;
    let first = b.today + Duration::days(i64::from(rules.first_payment_days));
    // Penalty that doing nothing would add by a date.
    let avoided = |until: NaiveDate| accrued(b.overdue, b.terms, until, r).saturating_sub(pen_now);
    let mut out: Vec<Offer> = Vec::new();
    let mut push =
        |id: String, kind: Kind, schedule: Vec<Payment>, savings: i64, burden_extra: i64, forbearance: bool| {
            let total: i64 = schedule.iter().fold(0i64, |t, p| t.saturating_add(p.amount.0));
            let mut by_month: std::collections::BTreeMap<(i32, u32), i64> = std::collections::BTreeMap::new();
            for p in &schedule {
                let m = by_month.entry((p.due.0.year(), p.due.0.month())).or_default();
                *m = m.saturating_add(p.amount.0);
            }
            let burden = by_month
                .values()
                .copied()
                .max()
                .unwrap_or(0)
                .saturating_add(burden_extra);
            out.push(Offer {
                id,
                kind,
                schedule,
                total: Amount(total),
                monthly_burden: Amount(burden),
                savings: Amount(savings.max(0)),
                affordable: None,
                forbearance,
                expected_recovery: Amount(0),
                gives_up: Amount(0),
                net_recovery: Amount(0),
                approval: Approval::Auto,
            });
        };
    let pay = |due: NaiveDate, amount: i64| Payment {
        due: Date(due),
        amount: Amount(amount),
    };
    // Monthly payments from the first payment date, and the date of the last one.
    let monthly = |parts: &[i64]| {
        let schedule: Vec<Payment> = parts
            .iter()
            .enumerate()
            .map(|(k, a)| pay(add_months(first, k as u32), *a))
            .collect();
        let last = schedule.last().map_or(first, |p| p.due.0);
        (schedule, last)
    };

    if let Some(p) = rules
        .pay_in_full
        .as_ref()
        .filter(|p| p.eligible.admits(b.bucket, b.band, hardship))
    {
        let owed = b.outstanding.saturating_add(pen_now);
        let discount = div_round(i128::from(owed) * i128::from(p.discount_bps), 10_000, Rounding::Down);
        let due = b.today + Duration::days(i64::from(p.valid_days));
        push(
            "pay_in_full".into(),
            Kind::PayInFull,
            vec![pay(due, owed - discount)],
            discount.saturating_add(avoided(due)),
            0,
            false,
        );
    }
    push(
        "pay_arrears".into(),
        Kind::PayArrears,
        vec![pay(first, arrears)],
        avoided(first),
        b.regular,
        false,
    );
    for &n in &rules.instalments.months {
        let parts = split_equal(arrears, n);
        if parts.first().is_some_and(|p| *p < rules.instalments.min_payment.0) {
            continue;
        }
        let (schedule, last) = monthly(&parts);
        push(
            format!("instalments_{n}"),
            Kind::Instalments,
            schedule,
            avoided(last),
            b.regular,
            false,
        );
    }
    if let Some(d) = &rules.deferral {
        for &w in &d.weeks {
            let due = b.today + Duration::weeks(i64::from(w));
            let added = if d.freeze_penalty { 0 } else { avoided(due) };
            push(
                format!("deferral_{w}w"),
                Kind::Deferral,
                vec![pay(due, arrears.saturating_add(added))],
                avoided(due) - added,
                0,
                d.freeze_penalty && hardship,
            );
        }
    }
    if let Some(rs) = rules
        .restructure
        .as_ref()
        .filter(|r| r.eligible.admits(b.bucket, b.band, hardship))
    {
        let base = b.outstanding.saturating_add(pen_now);
        let forgiven = div_round(
            i128::from(base) * i128::from(rs.forgiveness_bps),
            10_000,
            Rounding::Down,
        );
        let remaining = b.account.instalments.iter().filter(|i| i.due.0 >= b.today).count() as u32;
        let months = (remaining + rs.extension_months).max(1);
        // Simple interest at the restructured rate on the forgiven-down balance over the new term.
        let interest = div_round(
            i128::from(base - forgiven) * i128::from(rs.annual_rate_bps) * i128::from(months),
            12 * 10_000,
            r,
        );
        let parts = split_equal((base - forgiven).saturating_add(interest), months);
        let (schedule, last) = monthly(&parts);
        push(
            "restructure".into(),
            Kind::Restructure,
            schedule,
            forgiven.saturating_add(avoided(last)).saturating_sub(interest),
            0,
            hardship,
        );
    }
    if hardship && let Some(t) = &rules.token_payment {
        let token = t.amount.0.min(arrears).max(1);
        let n = u32::try_from(arrears.saturating_add(token - 1) / token)
            .unwrap_or(u32::MAX)
            .min(t.max_months);
        // The last payment is only what remains: a plan never collects more than the arrears.
        let schedule: Vec<Payment> = (0..n)
            .map(|k| {
                pay(
                    add_months(first, k),
                    token.min(arrears.saturating_sub(token.saturating_mul(i64::from(k)))),
                )
            })
            .collect();
        let last = schedule.last().map_or(first, |p| p.due.0);
        push(
            "token_payment".into(),
            Kind::TokenPayment,
            schedule,
            avoided(last),
            0,
            true,
        );
    }

    let affordable = affordable_monthly(rules, b.account);
    // The contract: every unpaid instalment and the penalty so far, or the balance and penalty when the
    // balances hold more than the schedule (fees, a loan without a full schedule).
    let scheduled = b
        .overdue
        .iter()
        .chain(b.future)
        .fold(pen_now, |t, o| t.saturating_add(o.unpaid));
    let contract = scheduled.max(b.outstanding.saturating_add(pen_now));
    let worth_today = |due: NaiveDate, amount: i64| {
        let days = i128::from((due - b.today).num_days().max(0));
        div_round(
            i128::from(amount) * 3_650_000,
            3_650_000 + i128::from(rules.cost_of_funds_bps) * days,
            r,
        )
    };
    // After an offer for the arrears the contract runs on: the later instalments at their dates, and any
    // balance the schedule does not cover at the last of them (today when none is left).
    let excess = contract - scheduled;
    let maturity = b.future.iter().map(|o| o.due).max().unwrap_or(b.today);
    let future_nominal = b.future.iter().fold(excess, |t, o| t.saturating_add(o.unpaid));
    let future_today = b.future.iter().fold(worth_today(maturity, excess), |t, o| {
        t.saturating_add(worth_today(o.due, o.unpaid))
    });
    for o in &mut out {
        o.affordable = affordable.map(|a| o.monthly_burden.0 <= a);
        let uptake = rules.uptake_bps(o.kind);
        o.expected_recovery = Amount(div_round(i128::from(o.total.0) * i128::from(uptake), 10_000, r));
        // Settlement and restructure replace the contract; every other offer settles the arrears and
        // leaves the later instalments due as scheduled.
        let replaces = matches!(o.kind, Kind::PayInFull | Kind::Restructure);
        let (after_nominal, after_today) = if replaces {
            (0, 0)
        } else {
            (future_nominal, future_today)
        };
        // A token plan collects less than the arrears: the rest stays owed, due after its last payment.
        let last = o.schedule.last().map_or(b.today, |p| p.due.0);
        let (after_nominal, after_today) = if replaces {
            (after_nominal, after_today)
        } else {
            let rest = arrears.saturating_sub(o.total.0).max(0);
            (
                after_nominal.saturating_add(rest),
                after_today.saturating_add(worth_today(last, rest)),
            )
        };
        let paid = o.total.0.saturating_add(after_nominal);
        let today_value = o
            .schedule
            .iter()
            .fold(after_today, |t, p| t.saturating_add(worth_today(p.due.0, p.amount.0)));
        o.gives_up = Amount(contract.saturating_sub(paid).max(0));
        o.net_recovery = Amount(div_round(i128::from(today_value) * i128::from(uptake), 10_000, r));
        // The share given up, rounded up: a concession a hair over a limit needs the next role.
        let c = i128::from(contract.max(1));
        let share = (i128::from(o.gives_up.0) * 10_000 + c - 1) / c;
        o.approval = if share <= i128::from(rules.approval.auto_bps) && o.kind != Kind::Restructure {
            Approval::Auto
        } else if share <= i128::from(rules.approval.agent_bps) {
            Approval::Agent
        } else {
            Approval::Supervisor
        };
    }
    if rules.affordability.drop_unaffordable {
        out.retain(|o| o.affordable != Some(false));
    }
    // Ranking: forbearance first for hardship, then affordable, then expected net recovery, then id.
    let afford_rank = |a: Option<bool>| match a {
        Some(true) => 0,
        None => 1,
        Some(false) => 2,
    };
    crate::sort::sort_by(&mut out, |x, y| {
        let fx = !(hardship && x.forbearance);
        let fy = !(hardship && y.forbearance);
        (fx, afford_rank(x.affordable), std::cmp::Reverse(x.net_recovery), &x.id).cmp(&(
            fy,
            afford_rank(y.affordable),
            std::cmp::Reverse(y.net_recovery),
            &y.id,
        ))
    });
    out
}

/// The monthly amount the borrower can afford: a share of disposable income (income − stated expenses),
/// or of income when expenses are unknown; `None` without income.
pub fn affordable_monthly(rules: &OfferRules, account: &Account) -> Option<i64> {
    let income = account.borrower.monthly_income?.0;
    let a = &rules.affordability;
    Some(match account.borrower.monthly_expenses {
        Some(exp) => div_round(
            i128::from((income - exp.0).max(0)) * i128::from(a.share_of_disposable_bps),
            10_000,
            Rounding::Down,
        ),
        None => div_round(
            i128::from(income) * i128::from(a.share_of_income_bps),
            10_000,
            Rounding::Down,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_end_dates_clamp_and_recover() {
        let jan31 = d(2028, 1, 31);
        let got: Vec<NaiveDate> = (0..4).map(|k| add_months(jan31, k)).collect();
        assert_eq!(
            got,
            vec![d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31), d(2028, 4, 30)]
        );
        assert_eq!(add_months(d(2027, 1, 31), 1), d(2027, 2, 28));
        assert_eq!(add_months(d(2026, 11, 15), 3), d(2027, 2, 15));
    }
}
