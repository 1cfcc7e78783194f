//! Disputes and validation requests: collection pauses until the debt is verified, and the lender gets a task
//! with a clock.
//!
//! Why a clock: pausing is not enough — a dispute that nobody answers leaves a borrower in limbo and the
//! lender exposed. Each jurisdiction sets how long the lender has to check the debt and answer:
//! - US: a written dispute or validation request stops collection until verification is mailed (FDCPA §809(b),
//!   Reg F §1006.38(d)); a furnisher must finish a direct dispute's investigation within 30 days
//!   (12 CFR §1022.43(e)), so 30 days.
//! - GB: a dispute is a complaint; the final response is due within eight weeks (FCA DISP 1.6.2), 56 days.
//! - CN: an objection to a credit record is checked and answered in writing within 20 days (征信业管理条例
//!   第二十五条).
//!
//! A policy may shorten the clock (`jurisdictions.X.verification_days`); validation refuses a longer one
//! except under the `custom` preset.
//!
//! Where the pause comes from: `flags.dispute` (set by the CRM when a reply says `mark_dispute`; the dispute
//! ends when the CRM clears it), or a validation request — a borrower's reply recorded with the
//! `validation_request` intent after the last verification the lender sent (`flags.verified_at`), which ends
//! when `verified_at` is set after it. The clock runs from the latest such reply (for a dispute, the latest reply
//! recorded with the `dispute` intent).

use crate::account::Intent;
use crate::account::{Account, Direction};
use crate::policy::JurisdictionRules;
use crate::time::{Date, Instant, Zone};
use serde::Serialize;

/// Why collection is paused for verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// The borrower disputes the debt.
    Dispute,
    /// The borrower asked for validation information (Reg F §1006.34).
    ValidationRequest,
}

impl Ground {
    /// The reason code of the steps it suppresses.
    pub fn reason(self) -> crate::reason::Reason {
        match self {
            Ground::Dispute => crate::reason::Reason::DisputePending,
            Ground::ValidationRequest => crate::reason::Reason::ValidationPending,
        }
    }
}

/// The lender's task while collection is paused: verify the debt and send the borrower the verification
/// (or validation information), by `due`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Verification {
    /// Why collection is paused.
    pub ground: Ground,
    /// Always `send_verification`: check the debt against the records and send the borrower what was found.
    pub task: &'static str,
    /// When the borrower raised it: the latest recorded reply carrying the intent (absent when only the flag
    /// says so).
    pub raised_at: Option<Instant>,
    /// Days the jurisdiction allows.
    pub days: u32,
    /// The last day to send it, in the borrower's calendar (absent when `raised_at` is unknown).
    pub due: Option<Date>,
    /// Days left until `due` (negative once it has passed).
    pub days_left: Option<i64>,
}

pub use crate::policy::jurisdiction::verification_law_days as law_days;

/// Whether collection is paused for verification at `as_of`, and the task with its clock.
pub fn assess(account: &Account, rules: &JurisdictionRules, zone: Zone, as_of: Instant) -> Option<Verification> {
    let after = account.flags.verified_at;
    let raised = |intent: Intent| {
        account
            .history
            .contacts
            .iter()
            .filter(|c| {
                c.direction == Direction::Inbound
                    && c.at <= as_of
                    && after.is_none_or(|v| c.at > v)
                    && c.intents.contains(&intent)
            })
            .map(|c| c.at)
            .max()
    };
    let validation = raised(Intent::ValidationRequest);
    let (ground, raised_at) = if account.flags.dispute {
        (Ground::Dispute, raised(Intent::Dispute))
    } else if validation.is_some() {
        (Ground::ValidationRequest, validation)
    } else {
        return None;
    };
    let days = rules.verification_days.unwrap_or(law_days(rules.preset));
    let due = raised_at.and_then(|at| at.local_date(zone).checked_add_days(chrono::Days::new(u64::from(days))));
    let today = as_of.local_date(zone);
    Some(Verification {
        ground,
        task: "send_verification",
        raised_at,
        days,
        due: due.map(Date),
        days_left: due.map(|d| (d - today).num_days()),
    })
}
