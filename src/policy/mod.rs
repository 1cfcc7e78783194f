//! The policy document a CRM admin edits: buckets, promise rules, jurisdictions (and, as they land,
//! treatment paths, templates, the scorecard, offers and experiments).
//!
//! Every section has defaults, so `{}` is a valid policy; `policies/default.json` spells them out.
//! [`load`] reports *every* problem it can find, each with its JSON path, not just the first.

mod validate;

pub use validate::load;

use crate::account::Channel;
use crate::json::UniqueMap;
use crate::money::Amount;
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
    /// A legally required notice: still sent after a cease request.
    #[serde(default)]
    pub legal_notice: bool,
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
}

impl Default for ChannelRules {
    fn default() -> Self {
        ChannelRules {
            by_age: default_by_age(),
            default_order: default_order(),
        }
    }
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
