//! The escalation section: when an account may be placed with an agency (which, ranked by what weights)
//! or considered for legal referral, and how each is costed. The rules that apply it are in `escalate`.

use super::Tone;
use serde::{Deserialize, Serialize};

/// Escalation rules in the policy (absent: decisions carry no escalation).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EscalationRules {
    /// Agency placement.
    #[serde(default)]
    pub agency: Option<AgencyRules>,
    /// Legal referral.
    #[serde(default)]
    pub legal: Option<LegalRules>,
}

/// When and where to place with an agency.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgencyRules {
    /// Least DPD.
    pub min_dpd: i64,
    /// Least outstanding balance (minor units).
    #[serde(default)]
    pub min_balance: i64,
    /// Require the ladder's last step to have been reached.
    #[serde(default = "crate::json::yes")]
    pub require_ladder_exhausted: bool,
    /// Days after placement without a payment before the account is recalled.
    pub recall_after_days: i64,
    /// Tone of agency contact by days since placement (first entry whose `after_days` is reached, from
    /// the end).
    #[serde(default = "default_stages")]
    pub stages: Vec<AgencyStage>,
    /// Ranking weights, per mille.
    #[serde(default)]
    pub weights: Weights,
    /// The agencies.
    pub agencies: Vec<Agency>,
}

fn default_stages() -> Vec<AgencyStage> {
    vec![
        AgencyStage {
            after_days: 0,
            tone: Tone::Gentle,
        },
        AgencyStage {
            after_days: 30,
            tone: Tone::Neutral,
        },
        AgencyStage {
            after_days: 60,
            tone: Tone::Firm,
        },
    ]
}

/// A tone from some day of a placement on.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgencyStage {
    /// Days since placement.
    pub after_days: i64,
    /// Tone.
    pub tone: Tone,
}

/// How agency measures weigh (per mille).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Weight of the recovery rate (higher is better).
    #[serde(default = "w_recovery")]
    pub recovery: i64,
    /// Weight of the complaint rate (higher is worse).
    #[serde(default = "w_complaint")]
    pub complaint: i64,
    /// Weight of the cost (commission; higher is worse).
    #[serde(default = "w_cost")]
    pub cost: i64,
}

fn w_recovery() -> i64 {
    1000
}
fn w_complaint() -> i64 {
    5000
}
fn w_cost() -> i64 {
    500
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            recovery: w_recovery(),
            complaint: w_complaint(),
            cost: w_cost(),
        }
    }
}

/// An agency and its measured performance.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Jurisdictions it is licensed in.
    pub jurisdictions: Vec<String>,
    /// Share of placed balances recovered, basis points.
    pub recovery_bps: i64,
    /// Complaints per placed account, basis points.
    pub complaint_bps: i64,
    /// Commission on amounts recovered, basis points.
    pub cost_bps: i64,
}

/// When a legal referral is considered and how it is costed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegalRules {
    /// Least DPD.
    pub min_dpd: i64,
    /// Least outstanding balance (minor units).
    pub min_balance: i64,
    /// Fixed legal costs per case (minor units, account currency).
    pub costs: i64,
    /// Probability the claim succeeds, basis points.
    pub success_bps: i64,
    /// Share of the balance recovered when it succeeds, basis points.
    pub recovery_bps: i64,
    /// Expected duration in days.
    pub duration_days: i64,
    /// Annual discount rate, basis points.
    pub discount_bps: i64,
}
