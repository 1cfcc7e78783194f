//! The propensity-to-pay scorecard: points per feature bin, PDO scaling to a probability, bands, and reason
//! codes (the features that cost the most points against their best bin, as adverse-action notices need).
//!
//! PDO scaling: `score = offset + factor · ln(odds)` with `factor = pdo / ln 2` and
//! `offset = base_points − factor · ln(base_odds)`, odds being good:bad (pays : does not pay). The points a
//! scorecard gives are the score; the probability of paying is `odds / (1 + odds)`, rounded to 4 decimals
//! before it leaves the module. `exp`/`ln` come from the pure-Rust `libm`, so every host computes the same bits.

pub mod features;
pub mod fit;

use crate::account::Account;
use crate::policy::{Bin, Scorecard};
use crate::standing::Standing;
use crate::time::{Instant, Zone};
use features::Value;
use serde::Serialize;

/// A reason code: a feature that cost points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreReason {
    /// Feature name (the reason code).
    pub feature: String,
    /// The account's value (`null` when missing).
    pub value: serde_json::Value,
    /// Points the account got for it.
    pub points: i32,
    /// Points the best bin gives.
    pub max_points: i32,
}

/// The score part of a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Score {
    /// Total points.
    pub points: i32,
    /// Probability of paying, rounded to 4 decimals.
    pub probability: f64,
    /// Band name.
    pub band: String,
    /// Features that cost the most points, worst first (at most the scorecard's `reasons`).
    pub reasons: Vec<ScoreReason>,
}

/// Scores an account.
pub fn score(card: &Scorecard, account: &Account, d: &Standing<'_>, zone: Zone, as_of: Instant) -> Score {
    let mut points = 0i32;
    let mut lost: Vec<(i32, usize, ScoreReason)> = Vec::new();
    for (i, f) in card.features.iter().enumerate() {
        let v = features::value(&f.name, account, d, zone, as_of);
        let got = f.points_for(&v);
        points += got;
        let best = f.max_points();
        if got < best {
            let value = match &v {
                Value::Number(n) => {
                    serde_json::Number::from_f64(round4(*n)).map_or(serde_json::Value::Null, serde_json::Value::Number)
                }
                Value::Text(t) => serde_json::Value::String(t.clone()),
                Value::Missing => serde_json::Value::Null,
            };
            lost.push((
                best - got,
                i,
                ScoreReason {
                    feature: f.name.clone(),
                    value,
                    points: got,
                    max_points: best,
                },
            ));
        }
    }
    crate::sort::sort_by(&mut lost, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let reasons = lost
        .into_iter()
        .take(card.reasons as usize)
        .map(|(_, _, r)| r)
        .collect();
    let probability = round4(probability(card, points));
    let band = card
        .bands
        .iter()
        .find(|b| points >= b.min_points)
        .or(card.bands.last())
        .map_or(String::new(), |b| b.name.clone());
    Score {
        points,
        probability,
        band,
        reasons,
    }
}

/// P(pays) for a score under the card's PDO scaling.
pub fn probability(card: &Scorecard, points: i32) -> f64 {
    let factor = f64::from(card.pdo) / core::f64::consts::LN_2;
    let offset = f64::from(card.base_points) - factor * libm::log(card.base_odds);
    let odds = libm::exp((f64::from(points) - offset) / factor);
    odds / (1.0 + odds)
}

/// Rounds to 4 decimals (half away from zero), the precision every float leaves the module with.
pub fn round4(x: f64) -> f64 {
    libm::round(x * 10_000.0) / 10_000.0
}

impl crate::policy::ScoreFeature {
    /// Points for a value: the matching bin, else `missing_points` (or `other_points` for unknown categories).
    pub fn points_for(&self, v: &Value) -> i32 {
        match v {
            Value::Missing => self.missing_points,
            Value::Number(n) => self
                .bins
                .iter()
                .find(|b| match b {
                    Bin::Range { below, .. } => below.is_none_or(|lim| *n < lim),
                    Bin::Category { .. } => false,
                })
                .map_or(self.other_points, Bin::points),
            Value::Text(t) => self
                .bins
                .iter()
                .find(|b| matches!(b, Bin::Category { values, .. } if values.iter().any(|x| x == t)))
                .map_or(self.other_points, Bin::points),
        }
    }

    /// The best points this feature can give.
    pub fn max_points(&self) -> i32 {
        self.bins
            .iter()
            .map(Bin::points)
            .chain([self.missing_points, self.other_points])
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> Scorecard {
        serde_json::from_str(
            r#"{"base_points":600,"base_odds":50,"pdo":20,"features":[],"bands":[{"name":"A","min_points":0}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn pdo_arithmetic_by_hand() {
        // factor = 20 / ln 2 = 28.8539; 600 points ↔ odds 50 → p = 50/51 = 0.98039…
        assert_eq!(round4(probability(&card(), 600)), 0.9804);
        // +20 points doubles the odds: 100 → 100/101 = 0.990099…
        assert_eq!(round4(probability(&card(), 620)), 0.9901);
        // −20 points halves them: 25 → 25/26 = 0.961538…
        assert_eq!(round4(probability(&card(), 580)), 0.9615);
        // Odds 1 (p = 0.5) sit at 600 − 20·log2(50) = 487.123 points; 487 gives e^(−0.123/28.854) = 0.99575
        // → 0.99575 / 1.99575 = 0.49893.
        assert_eq!(round4(probability(&card(), 487)), 0.4989);
    }
}
