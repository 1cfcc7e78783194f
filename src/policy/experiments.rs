//! The experiments section: champion/challenger arms with their shares and what each arm changes (ladders,
//! tone, offers). Assignment and the report are in `experiment`.

use super::{Segment, Tone};
use serde::{Deserialize, Serialize};

/// An experiment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    /// Id, recorded on decisions.
    pub id: String,
    /// Salt of the assignment hash (change it to re-randomise).
    pub salt: String,
    /// Arms; the first is the champion. Shares in basis points must add up to 10,000.
    pub arms: Vec<Arm>,
}

/// One arm.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Arm {
    /// Id.
    pub id: String,
    /// Share of accounts, basis points.
    pub share_bps: u32,
    /// Ladders used instead of the policy's `segments` for accounts in this arm.
    #[serde(default)]
    pub segments: Option<Vec<Segment>>,
    /// Tone of every message in this arm, if set (before softening).
    #[serde(default)]
    pub tone: Option<Tone>,
    /// Offer rules used instead of the policy's `offers` for accounts in this arm.
    #[serde(default)]
    pub offers: Option<super::OfferRules>,
}
