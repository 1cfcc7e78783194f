//! The policy document a CRM admin edits: buckets, promise rules, jurisdictions (and, as they land,
//! treatment paths, templates, the scorecard, offers and experiments).
//!
//! Every section has defaults, so `{}` is a valid policy; `policies/default.json` spells them out.
//! [`load`] reports *every* problem it can find, each with its JSON path, not just the first.

mod validate;

pub use validate::load;

use crate::json::UniqueMap;
use crate::money::Amount;
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

/// Rules of one jurisdiction.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionRules {
    /// The regulatory preset these rules start from.
    pub preset: Preset,
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

fn default_jurisdictions() -> UniqueMap<JurisdictionRules> {
    UniqueMap(
        [("CN", Preset::Cn), ("GB", Preset::Gb), ("US", Preset::Us)]
            .into_iter()
            .map(|(code, preset)| (code.to_string(), JurisdictionRules { preset }))
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
