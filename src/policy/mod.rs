//! The policy document a CRM admin edits: buckets, promise rules, jurisdictions (and, as they land,
//! treatment paths, templates, the scorecard, offers and experiments).
//!
//! Every section has defaults, so `{}` is a valid policy; `policies/default.json` spells them out.
//! [`load`] reports *every* problem it can find, each with its JSON path, not just the first.

pub mod bounds;
pub(crate) mod validate;

pub use validate::load;

use crate::account::Channel;
use crate::json::UniqueMap;
use crate::money::{Amount, Rounding};
use crate::time::{Date, LocalTime};
use serde::{Deserialize, Serialize};

/// A whole policy.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name for people (shown in the admin console and decision records).
    #[serde(default = "default_name")]
    pub name: String,
    /// DPD bucket boundaries.
    #[serde(default = "default_buckets")]
    pub buckets: Vec<BucketRule>,
    /// How DPD is computed.
    #[serde(default)]
    pub dpd: DpdRules,
    /// How promises to pay are judged.
    #[serde(default)]
    pub promises: PromiseRules,
    /// Jurisdictions accounts may name, by code.
    #[serde(default = "default_jurisdictions")]
    pub jurisdictions: UniqueMap<JurisdictionRules>,
    /// How many days ahead a decision plans.
    #[serde(default = "default_horizon")]
    pub horizon_days: u32,
    /// Treatment paths: the first segment whose `when` matches an account gives its ladder.
    #[serde(default)]
    pub segments: Vec<Segment>,
    /// How the channel of a `best` step is chosen.
    #[serde(default)]
    pub channels: ChannelRules,
    /// Check-ins before each instalment of an agreed arrangement.
    #[serde(default)]
    pub checkins: CheckinRules,
    /// Penalty interest and repayment offers.
    #[serde(default)]
    pub offers: OfferRules,
    /// The propensity-to-pay scorecard (absent: decisions carry no score).
    #[serde(default)]
    pub scorecard: Option<Scorecard>,
    /// Who the messages come from.
    #[serde(default)]
    pub company: Company,
    /// Message rules.
    #[serde(default)]
    pub messages: MessageRules,
    /// Agency placement and legal referral rules.
    #[serde(default)]
    pub escalation: crate::escalate::EscalationRules,
    /// Champion/challenger experiments.
    #[serde(default)]
    pub experiments: Vec<crate::experiment::Experiment>,
}

/// The lender (or agency) messages identify.
///
/// One lender often writes under different local identities: a US borrower must be given a US toll-free
/// number and a US postal address, a Chinese one a 400 number. The fields here are the base identity, and
/// `jurisdictions` overrides any of them for accounts of one jurisdiction (see [`Company::identity`]).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    /// Name every written message must carry.
    #[serde(default = "default_company")]
    pub name: String,
    /// Phone for questions and arrangements.
    #[serde(default)]
    pub phone: String,
    /// Web site.
    #[serde(default)]
    pub url: String,
    /// Repayment link; `{account_id}` is replaced with the account's id.
    #[serde(default)]
    pub pay_url: String,
    /// Who collects: the `lender` itself (first-party) or a collection `agency` on its behalf. Decides the
    /// debt-collector disclosures (US Reg F §1006.18(e) binds debt collectors, not creditors collecting their
    /// own debts) and, for an agency, the validation notice and period (§1006.34).
    #[serde(default)]
    pub role: Role,
    /// Whether the company reports to credit bureaus: only then may a message say arrears can affect a
    /// credit record.
    #[serde(default = "yes")]
    pub credit_reporting: bool,
    /// Postal address, one line per entry, printed on letters (where the borrower can write back) and in
    /// e-mail footers.
    #[serde(default)]
    pub address: Vec<String>,
    /// Per-jurisdiction identity, keyed by jurisdiction code (`US`, `GB`, `CN`, …): each field given replaces
    /// the base one for that jurisdiction's accounts; a field left out keeps the base.
    #[serde(default)]
    pub jurisdictions: UniqueMap<CompanyOverride>,
}

/// Who is collecting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The lender collecting its own loans.
    #[default]
    Lender,
    /// A third-party collection agency (a "debt collector" under the FDCPA).
    Agency,
}

/// A jurisdiction's replacements for the base company identity; absent fields keep the base.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyOverride {
    /// Name in this jurisdiction (e.g. the local legal entity).
    #[serde(default)]
    pub name: Option<String>,
    /// Local phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Local web site.
    #[serde(default)]
    pub url: Option<String>,
    /// Local repayment link (`{account_id}` is replaced).
    #[serde(default)]
    pub pay_url: Option<String>,
    /// Local postal address lines.
    #[serde(default)]
    pub address: Option<Vec<String>>,
}

/// The identity messages to one jurisdiction's accounts carry: the base merged with that jurisdiction's
/// override.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity<'a> {
    /// Name.
    pub name: &'a str,
    /// Phone.
    pub phone: &'a str,
    /// Web site.
    pub url: &'a str,
    /// Repayment link template.
    pub pay_url: &'a str,
    /// Postal address lines.
    pub address: &'a [String],
}

impl Company {
    /// The identity for accounts of `jurisdiction`: each field of its override when given, else the base.
    pub fn identity(&self, jurisdiction: &str) -> Identity<'_> {
        let o = self.jurisdictions.0.get(jurisdiction);
        Identity {
            name: o.and_then(|o| o.name.as_deref()).unwrap_or(&self.name),
            phone: o.and_then(|o| o.phone.as_deref()).unwrap_or(&self.phone),
            url: o.and_then(|o| o.url.as_deref()).unwrap_or(&self.url),
            pay_url: o.and_then(|o| o.pay_url.as_deref()).unwrap_or(&self.pay_url),
            address: o.and_then(|o| o.address.as_deref()).unwrap_or(&self.address),
        }
    }
}

impl Default for Company {
    fn default() -> Self {
        Company {
            name: default_company(),
            phone: String::new(),
            url: String::new(),
            pay_url: String::new(),
            role: Role::Lender,
            credit_reporting: true,
            address: Vec::new(),
            jurisdictions: UniqueMap::default(),
        }
    }
}

fn default_company() -> String {
    "Your lender".into()
}

/// Message rules.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRules {
    /// Most SMS segments a text may take (lint warns above it).
    #[serde(default = "default_segments")]
    pub max_sms_segments: usize,
    /// Days a borrower is given to act in notices (the `reply_by` date in templates).
    #[serde(default = "default_reply_days")]
    pub reply_days: u32,
    /// Days after a borrower's hardship or angry reply during which messages are written one tone softer.
    #[serde(default = "default_soften_days")]
    pub soften_days: u32,
    /// Hours after `as_of` within which an action's words are written (`valid_until`): the next decision run.
    /// Later actions stay plan-only (`message: null`) until re-decided, because their facts (DPD, amounts,
    /// deadlines) are only true on their own day. Integrators re-decide at least this often.
    #[serde(default = "default_valid_hours")]
    pub valid_hours: u32,
    /// Templates that replace or add to the built-in library, keyed `<locale>/<template id>` (e.g.
    /// `en-US/m1_missed_payment`). A library template sets `subject`, `short`, `facts`, `consequence` and
    /// `ask`, then includes `base`; a template may also write every part itself by testing `part`.
    #[serde(default)]
    pub templates: std::collections::BTreeMap<String, String>,
}

impl Default for MessageRules {
    fn default() -> Self {
        MessageRules {
            max_sms_segments: default_segments(),
            reply_days: default_reply_days(),
            soften_days: default_soften_days(),
            valid_hours: default_valid_hours(),
            templates: std::collections::BTreeMap::new(),
        }
    }
}

fn default_reply_days() -> u32 {
    14
}

fn default_soften_days() -> u32 {
    30
}

fn default_valid_hours() -> u32 {
    24
}

fn default_segments() -> usize {
    3
}

/// A points-based scorecard with PDO scaling.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    /// Points at `base_odds`.
    pub base_points: i32,
    /// Good:bad odds at `base_points` (e.g. 50 for 50:1).
    pub base_odds: f64,
    /// Points that double the odds.
    pub pdo: u32,
    /// Features, each with its bins.
    pub features: Vec<ScoreFeature>,
    /// Bands, highest first: the first whose `min_points` the score reaches.
    pub bands: Vec<Band>,
    /// How many reason codes a decision lists.
    #[serde(default = "default_reasons")]
    pub reasons: u32,
}

fn default_reasons() -> u32 {
    4
}

/// One feature of a scorecard.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreFeature {
    /// A derived feature (see `score::features`) or a CRM feature name.
    pub name: String,
    /// Bins: numeric ranges in ascending order, or categories.
    pub bins: Vec<Bin>,
    /// Points when the account has no value.
    #[serde(default)]
    pub missing_points: i32,
    /// Points for a value no bin takes.
    #[serde(default)]
    pub other_points: i32,
}

/// A scorecard bin.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Bin {
    /// Values below `below` (and at or above the previous bin's bound); `below: null` is the last bin.
    Range {
        /// Exclusive upper bound.
        below: Option<f64>,
        /// Points.
        points: i32,
    },
    /// Values equal to one of `values`.
    Category {
        /// Category values.
        values: Vec<String>,
        /// Points.
        points: i32,
    },
}

impl Bin {
    /// The bin's points.
    pub fn points(&self) -> i32 {
        match self {
            Bin::Range { points, .. } | Bin::Category { points, .. } => *points,
        }
    }
}

/// A score band.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Band name, e.g. `A`.
    pub name: String,
    /// Lowest score in the band.
    pub min_points: i32,
}

/// Penalty interest and the repayment offers a decision may make.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
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

fn default_cost_of_funds() -> u32 {
    1000
}

/// Who may grant an offer, by what it gives up (discount, forgiveness, interest and penalty waived) as a share
/// of what the contract would collect. Why: a lender delegates concessions by size — an agent may waive a
/// little, a supervisor signs off a settlement — and the CRM must know before the offer is made.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
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

fn default_auto_bps() -> u32 {
    500
}

fn default_agent_bps() -> u32 {
    1500
}

/// Which accounts an offer that costs the lender (a settlement discount, a restructure) is made to. Every
/// given condition must hold — unless `hardship` is set and the borrower is in hardship, which alone makes
/// the account eligible (forbearance). Empty lists take any bucket or band.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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

fn default_first_payment_days() -> u32 {
    7
}

impl OfferRules {
    /// Uptake estimate for a kind of offer.
    pub fn uptake_bps(&self, kind: crate::arrange::offers::Kind) -> u32 {
        use crate::arrange::offers::Kind::*;
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

fn default_valid_days() -> u32 {
    7
}

/// Arrears plans.
#[derive(Debug, Clone, Deserialize, Serialize)]
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

fn default_plan_months() -> Vec<u32> {
    vec![3, 6, 12]
}

/// Payment holidays.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[serde(deny_unknown_fields)]
pub struct TokenPayment {
    /// Monthly amount.
    pub amount: Amount,
    /// Months shown.
    #[serde(default = "default_token_months")]
    pub max_months: u32,
}

fn default_token_months() -> u32 {
    6
}

/// Affordability.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
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

fn default_share_income() -> u32 {
    3000
}

fn default_share_disposable() -> u32 {
    8000
}

/// Uptake estimates per kind of offer, basis points.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
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

fn u1500() -> u32 {
    1500
}
fn u2500() -> u32 {
    2500
}
fn u5000() -> u32 {
    5000
}
fn u3000() -> u32 {
    3000
}
fn u4000() -> u32 {
    4000
}
fn u2000() -> u32 {
    2000
}

/// Limits every offer must respect.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
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

fn default_max_discount() -> u32 {
    2000
}
fn default_max_forgiveness() -> u32 {
    3000
}
fn default_max_months() -> u32 {
    60
}

fn default_horizon() -> u32 {
    14
}

/// A treatment path.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Segment name, recorded on each decision.
    pub name: String,
    /// Which accounts it takes.
    #[serde(default)]
    pub when: SegmentWhen,
    /// The escalation ladder, steps in DPD order.
    pub ladder: Vec<Step>,
}

/// Conditions of a segment; every given condition must hold.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentWhen {
    /// Buckets it takes (empty: any).
    #[serde(default)]
    pub buckets: Vec<String>,
    /// Only accounts flagged as in hardship (`true`) or not (`false`).
    #[serde(default)]
    pub hardship: Option<bool>,
    /// Score bands it takes (empty: any; needs a scorecard).
    #[serde(default)]
    pub bands: Vec<String>,
}

/// One step of a ladder.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Step id, unique within its ladder.
    pub id: String,
    /// The DPD at which the step is due. Zero or negative: days relative to the next due date of a current
    /// account (pre-due reminders).
    pub dpd: i32,
    /// The channel, or `best` for the borrower's preferred / profile channel.
    pub channel: StepChannel,
    /// Template id for the message.
    pub template: String,
    /// Tone of the message.
    #[serde(default)]
    pub tone: Tone,
    /// Automatic (sent by the system) or manual (a person does it).
    #[serde(default)]
    pub mode: Mode,
    /// Work queue for manual steps.
    #[serde(default)]
    pub queue: Option<String>,
    /// Preferred local time of day.
    #[serde(default = "default_step_time")]
    pub time: LocalTime,
    /// A legally required notice: after a cease request it is still sent, but only as the notice of a
    /// specific remedy the lender intends (FDCPA §1692c(c)(3)): a legal referral.
    #[serde(default)]
    pub legal_notice: bool,
    /// The escalation the step's words announce (`agency` or `legal`): the step is taken only while that
    /// escalation is intended, so a notice never threatens a step the engine has blocked.
    #[serde(default)]
    pub threatens: Option<Threat>,
}

/// An escalation a message announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Threat {
    /// Referral to a collection agency.
    Agency,
    /// Legal referral (court proceedings).
    Legal,
}

fn default_step_time() -> LocalTime {
    LocalTime(chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(chrono::NaiveTime::MIN))
}

/// A step's channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum StepChannel {
    /// A fixed channel.
    Fixed(Channel),
    /// `"best"`: chosen per borrower.
    Best(BestChannel),
}

/// The word `best`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BestChannel {
    /// Chosen per borrower.
    Best,
}

/// Message tone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Friendly reminder.
    Gentle,
    /// Matter-of-fact.
    #[default]
    Neutral,
    /// Firm, never threatening.
    Firm,
}

/// Who carries a step out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The system sends it.
    #[default]
    Auto,
    /// A collector does it (calls, reviews).
    Manual,
}

/// Channel preference by borrower profile.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelRules {
    /// Orders by age: the first rule whose `max_age` is at least the borrower's age applies.
    #[serde(default = "default_by_age")]
    pub by_age: Vec<AgeRule>,
    /// Order when the age is unknown or no rule applies.
    #[serde(default = "default_order")]
    pub default_order: Vec<Channel>,
    /// Response rates learned from history (the `learn` operation): `best` steps try the channels that work
    /// for the segment first, except for a deterministic exploration share that keeps the profile order.
    #[serde(default)]
    pub learned: Option<LearnedChannels>,
}

impl Default for ChannelRules {
    fn default() -> Self {
        ChannelRules {
            by_age: default_by_age(),
            default_order: default_order(),
            learned: None,
        }
    }
}

/// Learned channel response rates.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LearnedChannels {
    /// Share of step placements (basis points) that keep the profile order, so every channel keeps being
    /// measured. Chosen by a hash of the account and step, so it is the same on every host.
    #[serde(default = "default_explore")]
    pub explore_bps: u32,
    /// Rates per segment and channel (the `mean` of the `learn` output).
    pub rates: Vec<LearnedRate>,
}

fn default_explore() -> u32 {
    1000
}

/// One learned rate.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LearnedRate {
    /// Segment.
    pub segment: String,
    /// Channel.
    pub channel: Channel,
    /// Posterior mean response rate, 0–1.
    pub mean: f64,
}

/// A channel order for borrowers up to an age.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    /// Highest age (in years at `as_of`) this order is for; `null` for any age.
    pub max_age: Option<u32>,
    /// Channels, most preferred first.
    pub order: Vec<Channel>,
}

fn default_by_age() -> Vec<AgeRule> {
    use Channel::*;
    vec![
        AgeRule {
            max_age: Some(35),
            order: vec![Sms, SocialDm, Email, Call, Letter],
        },
        AgeRule {
            max_age: Some(59),
            order: vec![Sms, Email, Call, Letter, SocialDm],
        },
        AgeRule {
            max_age: None,
            order: vec![Letter, Call, Sms, Email, SocialDm],
        },
    ]
}

fn default_order() -> Vec<Channel> {
    use Channel::*;
    vec![Sms, Email, Call, Letter, SocialDm]
}

/// Check-ins while an arrangement is kept.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinRules {
    /// Days before each arrangement instalment.
    #[serde(default = "default_checkin_days")]
    pub days_before: u32,
    /// Template id.
    #[serde(default = "default_checkin_template")]
    pub template: String,
    /// Local time of day.
    #[serde(default = "default_step_time")]
    pub time: LocalTime,
}

impl Default for CheckinRules {
    fn default() -> Self {
        CheckinRules {
            days_before: default_checkin_days(),
            template: default_checkin_template(),
            time: default_step_time(),
        }
    }
}

fn default_checkin_days() -> u32 {
    2
}

fn default_checkin_template() -> String {
    "arrangement_checkin".into()
}

fn default_name() -> String {
    "default".to_string()
}

/// One DPD bucket: accounts whose DPD is at most `max_dpd` (and above the previous bucket's).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BucketRule {
    /// Bucket name, e.g. `M2`.
    pub name: String,
    /// Highest DPD in this bucket; `null` for the last, open-ended bucket.
    pub max_dpd: Option<u32>,
}

/// The collections-standard buckets: M0 current, M1 1–30, M2 31–60, M3 61–90, M4+ above.
pub fn default_buckets() -> Vec<BucketRule> {
    [
        ("M0", Some(0)),
        ("M1", Some(30)),
        ("M2", Some(60)),
        ("M3", Some(90)),
        ("M4+", None),
    ]
    .into_iter()
    .map(|(name, max_dpd)| BucketRule {
        name: name.to_string(),
        max_dpd,
    })
    .collect()
}

/// DPD computation rules.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DpdRules {
    /// An instalment whose unpaid part is at most this many minor units counts as paid
    /// ("technical arrears" from rounding should not make an account delinquent).
    #[serde(default)]
    pub tolerance: Amount,
}

/// Promise-to-pay rules.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseRules {
    /// Days after the promised date a payment still keeps the promise (bank transfers take time).
    #[serde(default = "default_grace_days")]
    pub grace_days: u32,
}

impl Default for PromiseRules {
    fn default() -> Self {
        PromiseRules {
            grace_days: default_grace_days(),
        }
    }
}

fn default_grace_days() -> u32 {
    1
}

/// Rules of one jurisdiction: a preset, optionally tightened.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionRules {
    /// The regulatory preset these rules start from.
    pub preset: Preset,
    /// Contact window in the borrower's local time (must lie inside the preset's).
    #[serde(default)]
    pub window: Option<Window>,
    /// At most this many outbound call attempts in 7 consecutive days.
    #[serde(default)]
    pub calls_per_7_days: Option<u32>,
    /// Days without calls after a telephone conversation (its day counts as the first).
    #[serde(default)]
    pub quiet_days_after_conversation: Option<u32>,
    /// At most this many connected calls per local day.
    #[serde(default)]
    pub connected_calls_per_day: Option<u32>,
    /// At most this many call attempts per local day.
    #[serde(default)]
    pub call_attempts_per_day: Option<u32>,
    /// ISO weekdays without contact (1 Monday … 7 Sunday).
    #[serde(default)]
    pub no_contact_weekdays: Vec<u8>,
    /// Local dates without contact (public holidays, blackout days).
    #[serde(default)]
    pub holidays: Vec<Date>,
    /// Explicit, reasoned loosenings of the preset (reported as warnings).
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Free debt advice to refer borrowers in hardship to (FCA CONC 7.3.7A in the UK).
    #[serde(default)]
    pub debt_advice: Option<DebtAdvice>,
    /// The limitation period, when the policy departs from the law's table ([`crate::limitation::law`]).
    #[serde(default)]
    pub limitation: Option<crate::limitation::LimitationRule>,
    /// Days to verify a disputed debt and answer (absent: the law's, [`crate::dispute::law_days`]; shorter
    /// only, except under the `custom` preset).
    #[serde(default)]
    pub verification_days: Option<u32>,
}

/// A free, independent debt-advice service.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DebtAdvice {
    /// The service's name.
    pub name: String,
    /// Phone number or web address.
    pub contact: String,
}

/// A local time window.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// Start, `HH:MM`.
    pub from: LocalTime,
    /// End (exclusive), `HH:MM`.
    pub to: LocalTime,
}

/// An explicit loosening of a preset rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// JSON Pointer of the loosened rule, relative to the jurisdiction (e.g. `/window/to`).
    pub rule: String,
    /// Why; shown in validation warnings and audits.
    pub reason: String,
}

/// Jurisdiction presets encoding the regulations in DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Preset {
    /// United States: Reg F (12 CFR 1006) and the TCPA.
    #[serde(rename = "US")]
    Us,
    /// China: GB/T 45251—2025, NIFA and CBA guidelines.
    #[serde(rename = "CN")]
    Cn,
    /// United Kingdom: FCA CONC 7.
    #[serde(rename = "GB")]
    Gb,
    /// No preset: the policy states every rule itself.
    #[serde(rename = "custom")]
    Custom,
}

impl Preset {
    /// The preset's name as written in policies.
    pub fn code(self) -> &'static str {
        match self {
            Preset::Us => "US",
            Preset::Cn => "CN",
            Preset::Gb => "GB",
            Preset::Custom => "custom",
        }
    }
}

fn default_jurisdictions() -> UniqueMap<JurisdictionRules> {
    UniqueMap(
        [("CN", Preset::Cn), ("GB", Preset::Gb), ("US", Preset::Us)]
            .into_iter()
            .map(|(code, preset)| {
                let rules = JurisdictionRules {
                    preset,
                    window: None,
                    calls_per_7_days: None,
                    quiet_days_after_conversation: None,
                    connected_calls_per_day: None,
                    call_attempts_per_day: None,
                    no_contact_weekdays: Vec::new(),
                    holidays: Vec::new(),
                    overrides: Vec::new(),
                    debt_advice: None,
                    limitation: None,
                    verification_days: None,
                };
                (code.to_string(), rules)
            })
            .collect(),
    )
}

impl Policy {
    /// The bucket a DPD falls in.
    pub fn bucket_for(&self, dpd: i64) -> &str {
        self.buckets
            .iter()
            .find(|b| b.max_dpd.is_none_or(|m| dpd <= i64::from(m)))
            .map_or("", |b| b.name.as_str())
    }
}

fn yes() -> bool {
    true
}
