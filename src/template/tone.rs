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
}
