//! Limitation law: after how many years a debt can no longer be sued on, by preset and US state, and the
//! policy's own rule where it departs from the table.

use super::{JurisdictionRules, Preset};
use serde::{Deserialize, Serialize};

/// A policy's limitation rule for a jurisdiction (absent: the preset's, by state in the US).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LimitationRule {
    /// Years after which a debt can no longer be sued on.
    pub years: u32,
    /// Whether a payment restarts the period.
    #[serde(default)]
    pub payment_restarts: bool,
    /// Whether messages must say the debt is too old to sue on once it is.
    #[serde(default)]
    pub disclosure: bool,
    /// Why the policy departs from the law's table (required when it is longer than the preset's period).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The law's period for a jurisdiction preset and (in the US) the borrower's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Law {
    /// Years.
    pub years: u32,
    /// A payment restarts the period.
    pub payment_restarts: bool,
    /// The state requires a time-barred disclosure.
    pub disclosure: bool,
    /// The source, for the decision's explanation.
    pub source: &'static str,
}

/// The limitation law of a preset (and US state), `None` for `custom` (the policy states its own).
///
/// US figures are the written-contract / consumer-credit periods of the states the engine knows; any other
/// state (or none given) gets the shortest common period, three years, without payment restart.
pub fn law(preset: Preset, state: Option<&str>) -> Option<Law> {
    let l = |years, payment_restarts, disclosure, source| {
        Some(Law {
            years,
            payment_restarts,
            disclosure,
            source,
        })
    };
    match preset {
        Preset::Cn => l(3, true, false, "CN Civil Code arts. 188, 189, 195"),
        Preset::Gb => l(6, true, false, "GB Limitation Act 1980 ss. 5, 29(5)"),
        Preset::Us => match state {
            Some("MA") => l(6, false, true, "MA G.L. c. 260 §2; 940 CMR 7.07(24)"),
            Some("CA") => l(4, false, true, "CA Code Civ. Proc. §337; Civ. Code §1788.14(d)"),
            Some("NY") => l(3, false, true, "NY CPLR 214-i (Consumer Credit Fairness Act 2022)"),
            Some("WA") => l(6, false, false, "WA RCW 4.16.040"),
            _ => l(
                3,
                false,
                false,
                "US: shortest common state period (no state given or not in the table)",
            ),
        },
        Preset::Custom => None,
    }
}

/// The rule that applies: the policy's, else the law's.
pub fn rule(j: &JurisdictionRules, state: Option<&str>) -> Option<Law> {
    match &j.limitation {
        Some(r) => Some(Law {
            years: r.years,
            payment_restarts: r.payment_restarts,
            disclosure: r.disclosure || law(j.preset, state).is_some_and(|l| l.disclosure),
            source: "policy",
        }),
        None => law(j.preset, state),
    }
}
