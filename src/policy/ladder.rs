//! The treatment ladder: segments, their steps (channel, day, tone, threats), and how channels are chosen.

use crate::account::Channel;
use crate::time::LocalTime;
use serde::{Deserialize, Serialize};

/// A treatment path.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Threat {
    /// Referral to a collection agency.
    Agency,
    /// Legal referral (court proceedings).
    Legal,
}

pub(super) fn default_step_time() -> LocalTime {
    LocalTime(chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(chrono::NaiveTime::MIN))
}

/// A step's channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum StepChannel {
    /// A fixed channel.
    Fixed(Channel),
    /// `"best"`: chosen per borrower.
    Best(BestChannel),
}

impl<'de> Deserialize<'de> for StepChannel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::untagged(d, "StepChannel", |v| {
            serde_json::from_value::<Channel>(v.clone())
                .map(StepChannel::Fixed)
                .or_else(|_| serde_json::from_value::<BestChannel>(v).map(StepChannel::Best))
                .ok()
        })
    }
}

/// The word `best`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BestChannel {
    /// Chosen per borrower.
    Best,
}

/// Message tone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearnedChannels {
    /// Share of step placements (basis points) that keep the profile order, so every channel keeps being
    /// measured. Chosen by a hash of the account and step, so it is the same on every host.
    #[serde(default = "default_explore")]
    pub explore_bps: u32,
    /// Rates per segment and channel (the `mean` of the `learn` output).
    pub rates: Vec<LearnedRate>,
}

pub(super) fn default_explore() -> u32 {
    1000
}

/// One learned rate.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    /// Highest age (in years at `as_of`) this order is for; `null` for any age.
    pub max_age: Option<u32>,
    /// Channels, most preferred first.
    pub order: Vec<Channel>,
}

pub(super) fn default_by_age() -> Vec<AgeRule> {
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

pub(super) fn default_order() -> Vec<Channel> {
    use Channel::*;
    vec![Sms, Email, Call, Letter, SocialDm]
}
