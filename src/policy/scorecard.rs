//! The scorecard section: features, their bins and points, and the bands scores fall into.

use serde::{Deserialize, Serialize};

/// A points-based scorecard with PDO scaling.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

pub(super) fn default_reasons() -> u32 {
    4
}

/// One feature of a scorecard.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

impl<'de> Deserialize<'de> for Bin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// The two shapes a bin takes, each with no other member.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Range {
            below: Option<f64>,
            points: i32,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Category {
            values: Vec<String>,
            points: i32,
        }
        crate::json::untagged(d, "Bin", |v| {
            serde_json::from_value::<Range>(v.clone())
                .map(|r| Bin::Range {
                    below: r.below,
                    points: r.points,
                })
                .or_else(|_| {
                    serde_json::from_value::<Category>(v).map(|c| Bin::Category {
                        values: c.values,
                        points: c.points,
                    })
                })
                .ok()
        })
    }
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Band name, e.g. `A`.
    pub name: String,
    /// Lowest score in the band.
    pub min_points: i32,
}
