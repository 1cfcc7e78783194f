//! The offers section: which arrangements may be offered, to whom, within which limits, and how the
//! lender values them (cost of funds, uptake, approval levels).

use crate::money::{Amount, Rounding};
use serde::{Deserialize, Serialize};

/// Penalty interest and the repayment offers a decision may make.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferRules {
    /// How divisions of money round.
    #[serde(default)]
    pub rounding: Rounding,
    /// Penalty interest on overdue amounts.
    #[serde(default)]
    pub penalty: PenaltyRules,
    /// Days from today to the first payment of a plan.
    #[serde(default = "default_first_payment_days")]
    pub first_payment_days: u32,
    /// Settle in full with a discount (absent: not offered).
    #[serde(default)]
    pub pay_in_full: Option<PayInFull>,
    /// Equal monthly plans for the arrears.
    #[serde(default)]
    pub instalments: InstalmentPlans,
    /// Payment holidays (absent: not offered).
    #[serde(default)]
    pub deferral: Option<Deferral>,
    /// Restructuring of the whole balance (absent: not offered).
    #[serde(default)]
    pub restructure: Option<Restructure>,
    /// Token payments for borrowers in hardship (absent: not offered).
    #[serde(default)]
    pub token_payment: Option<TokenPayment>,
    /// What a borrower can afford.
    #[serde(default)]
    pub affordability: Affordability,
    /// Estimated share of borrowers who take and keep each kind of offer (basis points), for ranking.
    #[serde(default)]
    pub uptake: Uptake,
    /// Upper limits no offer may exceed; validation checks the offers above against them.
    #[serde(default)]
    pub limits: OfferLimits,
    /// The lender's cost of funds, a simple annual rate in basis points: a payment due `d` days after the
    /// decision is worth `amount / (1 + rate × d / 365)` today when offers are ranked by net recovery.
    #[serde(default = "default_cost_of_funds")]
    pub cost_of_funds_bps: u32,
    /// Who may grant each offer, by the share of the contractual debt it gives up.
    #[serde(default)]
    pub approval: Approval,
}

pub(super) fn default_cost_of_funds() -> u32 {
    1000
}

/// Who may grant an offer, by what it gives up (discount, forgiveness, interest and penalty waived) as a share
/// of what the contract would collect. Why: a lender delegates concessions by size — an agent may waive a
/// little, a supervisor signs off a settlement — and the CRM must know before the offer is made.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Offers giving up at most this share (basis points) are granted automatically (a restructure never is:
    /// it changes the contract).
    #[serde(default = "default_auto_bps")]
    pub auto_bps: u32,
    /// Offers giving up at most this share need an agent; above it, a supervisor.
    #[serde(default = "default_agent_bps")]
    pub agent_bps: u32,
}

impl Default for Approval {
    fn default() -> Self {
        Approval {
            auto_bps: default_auto_bps(),
            agent_bps: default_agent_bps(),
        }
    }
}

pub(super) fn default_auto_bps() -> u32 {
    500
}

pub(super) fn default_agent_bps() -> u32 {
    1500
}

/// Which accounts an offer that costs the lender (a settlement discount, a restructure) is made to. Every
/// given condition must hold — unless `hardship` is set and the borrower is in hardship, which alone makes
/// the account eligible (forbearance). Empty lists take any bucket or band.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// DPD buckets it is made in, e.g. `["M3", "M4+"]` (empty: any).
    #[serde(default)]
    pub buckets: Vec<String>,
    /// Score bands it is made to (empty: any; needs a scorecard, and an account without a score is not
    /// eligible when bands are given).
    #[serde(default)]
    pub bands: Vec<String>,
    /// A borrower in hardship is eligible whatever the bucket and band.
    #[serde(default)]
    pub hardship: bool,
}

impl Eligibility {
    /// Whether an account in `bucket`, with score band `band`, hardship or not, may be made the offer.
    pub fn admits(&self, bucket: &str, band: Option<&str>, hardship: bool) -> bool {
        (self.hardship && hardship)
            || ((self.buckets.is_empty() || self.buckets.iter().any(|b| b == bucket))
                && (self.bands.is_empty() || band.is_some_and(|band| self.bands.iter().any(|b| b == band))))
    }
}

pub(super) fn default_first_payment_days() -> u32 {
    7
}

impl OfferRules {
    /// Uptake estimate for a kind of offer.
    pub fn uptake_bps(&self, kind: Kind) -> u32 {
        use Kind::*;
        let u = &self.uptake;
        match kind {
            PayInFull => u.pay_in_full,
            PayArrears => u.pay_arrears,
            Instalments => u.instalments,
            Deferral => u.deferral,
            Restructure => u.restructure,
            TokenPayment => u.token_payment,
        }
    }
}

/// Penalty interest: simple, daily, on each overdue instalment's unpaid part.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PenaltyRules {
    /// Annual rate in basis points (1800 = 18%); 0 charges no penalty.
    #[serde(default)]
    pub annual_rate_bps: u32,
    /// Day-count convention.
    #[serde(default)]
    pub day_count: DayCount,
    /// The penalty never exceeds this share of the overdue amount (basis points).
    #[serde(default)]
    pub cap_bps_of_overdue: Option<u32>,
}

/// Day-count conventions for daily accrual.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum DayCount {
    /// Actual days / 365 (also in leap years).
    #[default]
    #[serde(rename = "act/365")]
    Act365,
    /// Actual days / 360.
    #[serde(rename = "act/360")]
    Act360,
}

/// Settlement in full.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PayInFull {
    /// Discount on the amount owed, basis points.
    #[serde(default)]
    pub discount_bps: u32,
    /// Days the offer stays open.
    #[serde(default = "default_valid_days")]
    pub valid_days: u32,
    /// Which accounts are offered the settlement (absent: every account with arrears).
    #[serde(default)]
    pub eligible: Eligibility,
}

pub(super) fn default_valid_days() -> u32 {
    7
}

/// Arrears plans.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InstalmentPlans {
    /// Plan lengths in months.
    #[serde(default = "default_plan_months")]
    pub months: Vec<u32>,
    /// Smallest instalment worth offering.
    #[serde(default)]
    pub min_payment: Amount,
}

impl Default for InstalmentPlans {
    fn default() -> Self {
        InstalmentPlans {
            months: default_plan_months(),
            min_payment: Amount(0),
        }
    }
}

pub(super) fn default_plan_months() -> Vec<u32> {
    vec![3, 6, 12]
}

/// Payment holidays.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Deferral {
    /// Lengths in weeks.
    pub weeks: Vec<u32>,
    /// Whether penalty stops accruing during the holiday.
    #[serde(default)]
    pub freeze_penalty: bool,
}

/// Restructuring.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Restructure {
    /// Months added to the remaining term.
    pub extension_months: u32,
    /// Share of the balance forgiven, basis points.
    #[serde(default)]
    pub forgiveness_bps: u32,
    /// Simple annual interest on the restructured balance, basis points (a rate reduction when lower than
    /// the contract rate).
    #[serde(default)]
    pub annual_rate_bps: u32,
    /// Which accounts are offered a restructure (absent: every account with arrears).
    #[serde(default)]
    pub eligible: Eligibility,
}

/// Token payments.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenPayment {
    /// Monthly amount.
    pub amount: Amount,
    /// Months shown.
    #[serde(default = "default_token_months")]
    pub max_months: u32,
}

pub(super) fn default_token_months() -> u32 {
    6
}

/// Affordability.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Affordability {
    /// Share of income affordable when expenses are unknown (basis points).
    #[serde(default = "default_share_income")]
    pub share_of_income_bps: u32,
    /// Share of disposable income (income − expenses) affordable (basis points).
    #[serde(default = "default_share_disposable")]
    pub share_of_disposable_bps: u32,
    /// Drop unaffordable offers instead of marking them.
    #[serde(default)]
    pub drop_unaffordable: bool,
}

impl Default for Affordability {
    fn default() -> Self {
        Affordability {
            share_of_income_bps: default_share_income(),
            share_of_disposable_bps: default_share_disposable(),
            drop_unaffordable: false,
        }
    }
}

pub(super) fn default_share_income() -> u32 {
    3000
}

pub(super) fn default_share_disposable() -> u32 {
    8000
}

/// Uptake estimates per kind of offer, basis points.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Uptake {
    /// Settlement.
    #[serde(default = "u1500")]
    pub pay_in_full: u32,
    /// Paying the arrears now.
    #[serde(default = "u2500")]
    pub pay_arrears: u32,
    /// Arrears plans.
    #[serde(default = "u5000")]
    pub instalments: u32,
    /// Payment holidays.
    #[serde(default = "u3000")]
    pub deferral: u32,
    /// Restructuring.
    #[serde(default = "u4000")]
    pub restructure: u32,
    /// Token payments.
    #[serde(default = "u2000")]
    pub token_payment: u32,
}

impl Default for Uptake {
    fn default() -> Self {
        Uptake {
            pay_in_full: 1500,
            pay_arrears: 2500,
            instalments: 5000,
            deferral: 3000,
            restructure: 4000,
            token_payment: 2000,
        }
    }
}

pub(super) fn u1500() -> u32 {
    1500
}
pub(super) fn u2500() -> u32 {
    2500
}
pub(super) fn u5000() -> u32 {
    5000
}
pub(super) fn u3000() -> u32 {
    3000
}
pub(super) fn u4000() -> u32 {
    4000
}
pub(super) fn u2000() -> u32 {
    2000
}

/// Limits every offer must respect.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferLimits {
    /// Largest settlement discount, basis points.
    #[serde(default = "default_max_discount")]
    pub max_discount_bps: u32,
    /// Largest forgiveness, basis points.
    #[serde(default = "default_max_forgiveness")]
    pub max_forgiveness_bps: u32,
    /// Longest plan or extension, months.
    #[serde(default = "default_max_months")]
    pub max_months: u32,
}

impl Default for OfferLimits {
    fn default() -> Self {
        OfferLimits {
            max_discount_bps: default_max_discount(),
            max_forgiveness_bps: default_max_forgiveness(),
            max_months: default_max_months(),
        }
    }
}

pub(super) fn default_max_discount() -> u32 {
    2000
}
pub(super) fn default_max_forgiveness() -> u32 {
    3000
}
pub(super) fn default_max_months() -> u32 {
    60
}

pub(super) fn default_horizon() -> u32 {
    14
}

/// Kinds of offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Settle the whole outstanding balance now, with a discount.
    PayInFull,
    /// Pay the arrears now and be current again.
    PayArrears,
    /// The arrears in equal monthly instalments, penalty frozen.
    Instalments,
    /// A payment holiday, then the arrears in one payment.
    Deferral,
    /// The whole balance over a longer term, with partial forgiveness.
    Restructure,
    /// Hardship: a small monthly token payment while the borrower seeks advice, penalty frozen.
    TokenPayment,
}
