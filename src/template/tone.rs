//! Tone follows the ladder's stage, and softens when the borrower has told us something hard.
//!
//! A borrower in hardship (the account's flag, or a reply with the `hardship` intent within
//! `messages.soften_days`) gets `gentle` messages whatever the stage: pressing someone who cannot pay
//! recovers nothing and is what FCA CONC 7.3 and the CN guidelines warn against. After an angry or abusive
//! reply the tone drops one step (`firm` → `neutral` → `gentle`) so the next message de-escalates.

use crate::account::Intent;
use crate::account::{Account, Direction};
use crate::policy::Tone;
use crate::time::Instant;
use serde::Serialize;

/// Why a message's tone was softened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Softened {
    /// The borrower is in hardship.
    Hardship,
    /// The borrower's recent reply was angry or abusive.
    AngryReply,
}

impl Softened {
    /// The tone a message of `tone` is written in.
    pub fn apply(self, tone: Tone) -> Tone {
        match (self, tone) {
            (Softened::Hardship, _) | (Softened::AngryReply, Tone::Gentle | Tone::Neutral) => Tone::Gentle,
            (Softened::AngryReply, Tone::Firm) => Tone::Neutral,
        }
    }
}

/// The tone an account's actions are written in, decided once per decision and applied as each action is
/// planned: the experiment arm's tone in place of the step's, then softened for the borrower's situation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Voice {
    /// The tone the account's experiment arm sets for every message (before softening).
    pub arm: Option<Tone>,
    /// Why the account's messages are softened, if they are.
    pub softening: Option<Softened>,
}

impl Voice {
    /// The tone of an action whose step asks for `step`, and why it is softer than that, if it is because
    /// of the borrower (an arm's own tone is not "softened").
    pub fn tone(self, step: Tone) -> (Tone, Option<Softened>) {
        let base = self.arm.unwrap_or(step);
        match self.softening {
            Some(s) if s.apply(base) != base => (s.apply(base), Some(s)),
            _ => (base, None),
        }
    }
}

/// Whether (and why) the account's messages are softened at `as_of`.
pub fn softening(account: &Account, soften_days: u32, as_of: Instant) -> Option<Softened> {
    if account.flags.hardship {
        return Some(Softened::Hardship);
    }
    let since = as_of.0 - chrono::Duration::days(i64::from(soften_days));
    let recent = account
        .history
        .contacts
        .iter()
        .filter(|c| c.direction == Direction::Inbound && c.at.0 > since && c.at <= as_of);
    let mut angry = false;
    for c in recent {
        if c.intents.contains(&Intent::Hardship) {
            return Some(Softened::Hardship);
        }
        angry |= c.intents.contains(&Intent::Abusive);
    }
    angry.then_some(Softened::AngryReply)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hardship_is_always_gentle_and_anger_drops_one_step() {
        for t in [Tone::Gentle, Tone::Neutral, Tone::Firm] {
            assert_eq!(Softened::Hardship.apply(t), Tone::Gentle);
        }
        assert_eq!(Softened::AngryReply.apply(Tone::Firm), Tone::Neutral);
        assert_eq!(Softened::AngryReply.apply(Tone::Neutral), Tone::Gentle);
        assert_eq!(Softened::AngryReply.apply(Tone::Gentle), Tone::Gentle);
    }

    #[test]
    fn the_arm_sets_the_tone_and_softening_applies_to_it() {
        let plain = Voice::default();
        assert_eq!(plain.tone(Tone::Firm), (Tone::Firm, None));
        let arm = Voice {
            arm: Some(Tone::Gentle),
            softening: None,
        };
        assert_eq!(arm.tone(Tone::Firm), (Tone::Gentle, None));
        // Softening that changes nothing is not reported: the words say "softened" only when they are.
        let angry_gentle = Voice {
            arm: Some(Tone::Gentle),
            softening: Some(Softened::AngryReply),
        };
        assert_eq!(angry_gentle.tone(Tone::Firm), (Tone::Gentle, None));
        let angry = Voice {
            arm: Some(Tone::Firm),
            softening: Some(Softened::AngryReply),
        };
        assert_eq!(angry.tone(Tone::Gentle), (Tone::Neutral, Some(Softened::AngryReply)));
        let hardship = Voice {
            arm: None,
            softening: Some(Softened::Hardship),
        };
        assert_eq!(hardship.tone(Tone::Neutral), (Tone::Gentle, Some(Softened::Hardship)));
    }
}
