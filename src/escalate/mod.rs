//! Escalation: when gentle steps have failed, whether and where to place the account with a collection
//! agency, and whether a legal referral is worth it — each with its eligibility rules spelled out, so a
//! decision says not only "no" but which rule said it.
//!
//! Agencies are ranked by measured performance (recovery rate, complaint rate, cost) with the policy's
//! weights. A placed account is recalled after `recall_after_days` without a payment. Agency contact
//! follows a gentle → neutral → firm progression by days since placement and stays inside the same
//! jurisdiction rules as in-house contact (the schedule's presets apply to the agency's actions too).
//!
//! Legal referral needs the balance, the DPD, contact exhausted and no dispute, and then a cost/benefit test:
//! expected recovery × probability of success − legal costs, discounted over the expected duration. All
//! figures are policy parameters; money stays in minor units and rates in basis points.

use crate::account::Account;
use crate::policy::Tone;
use crate::schedule::Stage;
use crate::standing::Standing;
use serde::Serialize;

pub use crate::policy::escalation::{Agency, AgencyRules, AgencyStage, EscalationRules, LegalRules, Weights};

/// What a decision says about escalation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Escalation {
    /// Agency placement.
    pub agency: Option<AgencyView>,
    /// Legal referral.
    pub legal: Option<LegalView>,
}

/// Agency placement for this account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgencyView {
    /// Every eligibility rule met.
    pub eligible: bool,
    /// The rules not met (stable codes).
    pub blocked_by: Vec<&'static str>,
    /// Agencies licensed for the jurisdiction, best first, with their scores.
    pub ranking: Vec<RankedAgency>,
    /// Where the account is placed now, if it is.
    pub placed_with: Option<String>,
    /// Days since placement.
    pub days_placed: Option<i64>,
    /// Tone of agency contact now.
    pub tone: Option<Tone>,
    /// Recall: placed for `recall_after_days` without a payment.
    pub recall: bool,
}

/// An agency's score (higher is better).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RankedAgency {
    /// Id.
    pub id: String,
    /// Weighted score: recovery·w − complaints·w − cost·w, in basis points × weights / 1000.
    pub score: i64,
}

/// Legal referral for this account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegalView {
    /// Every eligibility rule met.
    pub eligible: bool,
    /// The rules not met.
    pub blocked_by: Vec<&'static str>,
    /// Balance × recovery share × probability of success, discounted over the duration (minor units).
    pub expected_recovery: i64,
    /// Legal costs.
    pub costs: i64,
    /// Expected recovery − costs.
    pub net: i64,
    /// Eligible and worth it.
    pub recommend: bool,
}

/// Blocks that lift by themselves as days pass and the ladder runs: a step blocked only by these is still
/// intended, so a notice may say it can happen. Every other block (hardship, dispute, cease, review,
/// time-barred, balance, no agency, not worth it) means the lender will not take the step, and a message
/// that mentions it would threaten action that is not intended (FDCPA §1692e(5), CONC 7.3).
const TIMING: [&str; 3] = ["dpd_below_minimum", "ladder_not_exhausted", "contact_not_exhausted"];

impl AgencyView {
    /// Whether the lender intends to place the account if nothing changes.
    pub fn intended(&self) -> bool {
        self.blocked_by.iter().all(|b| TIMING.contains(b))
    }
}

impl LegalView {
    /// Whether the lender intends a legal referral if nothing changes: only timing blocks, and worth it.
    pub fn intended(&self) -> bool {
        self.blocked_by.iter().all(|b| TIMING.contains(b)) && self.net > 0
    }
}

impl Escalation {
    /// The agency referral is intended.
    pub fn agency_intended(&self) -> bool {
        self.agency.as_ref().is_some_and(AgencyView::intended)
    }

    /// The legal referral is intended.
    pub fn legal_intended(&self) -> bool {
        self.legal.as_ref().is_some_and(LegalView::intended)
    }
}

/// Basis points of an amount, rounded half away from zero.
fn bps(amount: i64, rate: i64) -> i64 {
    let p = i128::from(amount) * i128::from(rate);
    let q = (p + 5_000 * p.signum()) / 10_000;
    i64::try_from(q).unwrap_or(i64::MAX)
}

/// Escalation for a decision (needs its stage, arrears and flags).
pub fn assess(rules: &EscalationRules, account: &Account, d: &Standing<'_>, stage: &Stage) -> Option<Escalation> {
    if rules.agency.is_none() && rules.legal.is_none() {
        return None;
    }
    let today = d.as_of.local_date(account.borrower.time_zone);
    let f = &account.flags;
    let outstanding = d.arrears.outstanding.0;
    let exhausted = stage.of > 0 && stage.index >= stage.of;
    let time_barred = d.limitation.is_some_and(|l| l.time_barred);
    let validation_pending = d
        .verification
        .as_ref()
        .is_some_and(|v| v.ground == crate::dispute::Ground::ValidationRequest);
    let agency = rules.agency.as_ref().map(|r| {
        let mut blocked = Vec::new();
        if d.dpd < r.min_dpd {
            blocked.push("dpd_below_minimum");
        }
        if outstanding < r.min_balance {
            blocked.push("balance_below_minimum");
        }
        if r.require_ladder_exhausted && !exhausted {
            blocked.push("ladder_not_exhausted");
        }
        if f.dispute {
            blocked.push("dispute_open");
        }
        if validation_pending {
            blocked.push("validation_pending");
        }
        if f.hardship {
            blocked.push("hardship");
        }
        if f.cease {
            blocked.push("cease_requested");
        }
        if f.bankruptcy || f.deceased || f.attorney {
            blocked.push("under_review");
        }
        if time_barred {
            blocked.push("time_barred");
        }
        let w = r.weights;
        let mut ranking: Vec<RankedAgency> = r
            .agencies
            .iter()
            .filter(|a| a.jurisdictions.contains(&account.jurisdiction))
            .map(|a| RankedAgency {
                id: a.id.clone(),
                score: (a.recovery_bps * w.recovery - a.complaint_bps * w.complaint - a.cost_bps * w.cost) / 1000,
            })
            .collect();
        crate::sort::sort_by(&mut ranking, |a, b| b.score.cmp(&a.score).then(a.id.cmp(&b.id)));
        if ranking.is_empty() {
            blocked.push("no_licensed_agency");
        }
        let placement = account.placement.as_ref();
        let days_placed = placement.map(|p| (today - p.placed_at.local_date(account.borrower.time_zone)).num_days());
        let paid_since = placement.is_some_and(|p| account.history.payments.iter().any(|x| x.at >= p.placed_at));
        let tone = days_placed.map(|days| {
            r.stages
                .iter()
                .filter(|s| s.after_days <= days)
                .max_by_key(|s| s.after_days)
                .map_or(Tone::Gentle, |s| s.tone)
        });
        let recall = days_placed.is_some_and(|days| days >= r.recall_after_days && !paid_since);
        AgencyView {
            eligible: blocked.is_empty(),
            blocked_by: blocked,
            ranking,
            placed_with: placement.map(|p| p.agency.clone()),
            days_placed,
            tone,
            recall,
        }
    });
    let legal = rules.legal.as_ref().map(|r| {
        let mut blocked = Vec::new();
        if d.dpd < r.min_dpd {
            blocked.push("dpd_below_minimum");
        }
        if outstanding < r.min_balance {
            blocked.push("balance_below_minimum");
        }
        if !exhausted {
            blocked.push("contact_not_exhausted");
        }
        if f.dispute {
            blocked.push("dispute_open");
        }
        if validation_pending {
            blocked.push("validation_pending");
        }
        if f.hardship {
            blocked.push("hardship");
        }
        if f.bankruptcy || f.deceased {
            blocked.push("under_review");
        }
        // Reg F §1006.26(b): no suit, and no threat of one, on a time-barred debt.
        if time_barred {
            blocked.push("time_barred");
        }
        // Present value: divide by (1 + rate × days/365), simple discounting in integer arithmetic.
        let gross = bps(bps(outstanding, r.recovery_bps), r.success_bps);
        let denom = 3_650_000_i128 + i128::from(r.discount_bps) * i128::from(r.duration_days);
        let expected = i64::try_from(i128::from(gross) * 3_650_000 / denom.max(1)).unwrap_or(i64::MAX);
        let net = expected - r.costs;
        LegalView {
            eligible: blocked.is_empty(),
            recommend: blocked.is_empty() && net > 0,
            blocked_by: blocked,
            expected_recovery: expected,
            costs: r.costs,
            net,
        }
    });
    Some(Escalation { agency, legal })
}

#[cfg(test)]
mod tests {
    use super::bps;

    #[test]
    fn basis_points_round_half_away() {
        assert_eq!(bps(10_000, 2_500), 2_500);
        assert_eq!(bps(3, 5_000), 2);
        assert_eq!(bps(-3, 5_000), -2);
    }
}
