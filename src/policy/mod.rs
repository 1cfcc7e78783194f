//! The policy document a CRM admin edits: buckets, promise rules, jurisdictions (and, as they land,
//! treatment paths, templates, the scorecard, offers and experiments).
//!
//! Every section has defaults, so `{}` is a valid policy; `policies/default.json` spells them out.
//! Loading one (`engine::load`) reports *every* problem it can find, each with its JSON path, not just the first.

pub mod bounds;
pub mod escalation;
pub mod experiments;
pub mod jurisdiction;
mod ladder;
pub mod offers;
mod scorecard;

pub use jurisdiction::*;
pub use ladder::*;
pub use offers::*;
pub use scorecard::*;

use crate::json::UniqueMap;
use crate::money::Amount;
use crate::time::LocalTime;
use serde::{Deserialize, Serialize};

/// A whole policy.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    pub escalation: escalation::EscalationRules,
    /// Champion/challenger experiments.
    #[serde(default)]
    pub experiments: Vec<experiments::Experiment>,
}

/// The lender (or agency) messages identify.
///
/// One lender often writes under different local identities: a US borrower must be given a US toll-free
/// number and a US postal address, a Chinese one a 400 number. The fields here are the base identity, and
/// `jurisdictions` overrides any of them for accounts of one jurisdiction (see [`Company::identity`]).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[serde(default = "crate::json::yes")]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Check-ins while an arrangement is kept.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DpdRules {
    /// An instalment whose unpaid part is at most this many minor units counts as paid
    /// ("technical arrears" from rounding should not make an account delinquent).
    #[serde(default)]
    pub tolerance: Amount,
}

/// Promise-to-pay rules.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

impl Policy {
    /// The bucket a DPD falls in.
    pub fn bucket_for(&self, dpd: i64) -> &str {
        self.buckets
            .iter()
            .find(|b| b.max_dpd.is_none_or(|m| dpd <= i64::from(m)))
            .map_or("", |b| b.name.as_str())
    }
}
