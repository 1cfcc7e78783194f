//! Jurisdiction law as policy: presets (US, GB, CN, custom), contact windows and caps, debt advice,
//! overrides, and the law behind the presets: contact rules (`contact`), limitation periods (`limitation`),
//! interest caps and verification periods. Every rule about a jurisdiction is read from here.

pub mod contact;
pub mod limitation;

use crate::json::UniqueMap;
use crate::time::{Date, LocalTime};
use serde::{Deserialize, Serialize};

/// Rules of one jurisdiction: a preset, optionally tightened.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    pub limitation: Option<limitation::LimitationRule>,
    /// Days to verify a disputed debt and answer (absent: the law's, [`crate::dispute::law_days`]; shorter
    /// only, except under the `custom` preset).
    #[serde(default)]
    pub verification_days: Option<u32>,
}

/// A free, independent debt-advice service.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DebtAdvice {
    /// The service's name.
    pub name: String,
    /// Phone number or web address.
    pub contact: String,
}

/// A local time window.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// Start, `HH:MM`.
    pub from: LocalTime,
    /// End (exclusive), `HH:MM`.
    pub to: LocalTime,
}

/// An explicit loosening of a preset rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// JSON Pointer of the loosened rule, relative to the jurisdiction (e.g. `/window/to`).
    pub rule: String,
    /// Why; shown in validation warnings and audits.
    pub reason: String,
}

/// Jurisdiction presets encoding the regulations in DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

pub(super) fn default_jurisdictions() -> UniqueMap<JurisdictionRules> {
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

/// A jurisdiction's limits on penalty charges: (maximum annual rate, maximum total as a share of the overdue
/// amount), both in basis points.
pub fn preset_caps(preset: Preset) -> (Option<u32>, Option<u32>) {
    match preset {
        // Consumer lending's comprehensive annual cost is held to 24% (PBoC/NFRA guidance; courts do not protect
        // private-lending rates above 4× the one-year LPR).
        Preset::Cn => (Some(2400), None),
        // FCA CONC 5A.2: default charges and interest never exceed 100% of the amount borrowed (total cost cap).
        Preset::Gb => (None, Some(10_000)),
        // US: state usury laws differ; the policy sets the rate and cap.
        Preset::Us | Preset::Custom => (None, None),
    }
}

/// The law's clock for a preset, in days.
pub fn verification_law_days(preset: Preset) -> u32 {
    match preset {
        Preset::Us | Preset::Custom => 30,
        Preset::Gb => 56,
        Preset::Cn => 20,
    }
}
