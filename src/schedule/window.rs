//! Placing one contact at a lawful moment: inside the window in the borrower's zone, off holidays and
//! stated inconvenient times, and within call caps. Each move is recorded as an adjustment reason; a contact
//! that cannot be placed within the horizon is suppressed with the reason that pushed it out and when it lifts.

use super::preset::ContactRules;
use crate::account::{Account, Channel, Direction};
use crate::time::{Date, Instant, Zone};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

pub use crate::reason::Reason;

/// A call the plan already holds (history or earlier in this plan), for caps.
#[derive(Debug, Clone, Copy)]
pub struct CallMark {
    /// When.
    pub at: Instant,
    /// Whether it reached a person.
    pub connected: bool,
    /// Whether it was a conversation with the borrower (RPC).
    pub conversation: bool,
}

/// Outbound calls of the history, for caps. Inbound calls are excluded (Reg F §1006.14(b)(3)).
pub fn history_calls(account: &Account, as_of: Instant) -> Vec<CallMark> {
    account
        .history
        .contacts
        .iter()
        .filter(|c| c.channel == Channel::Call && c.at <= as_of)
        .filter_map(|c| {
            let conversation = c.outcome == crate::account::Outcome::Rpc;
            // An inbound call is not an attempt, but a conversation in it still starts the 7-day pause.
            if c.direction == Direction::Inbound && !conversation {
                return None;
            }
            Some(CallMark {
                at: c.at,
                connected: c.outcome.connected(),
                conversation,
            })
        })
        .collect()
}

/// Where a contact may go.
pub struct Placer<'a> {
    /// The effective rules.
    pub rules: &'a ContactRules,
    /// The borrower's zone.
    pub zone: Zone,
    /// Holidays of the jurisdiction.
    pub holidays: &'a [Date],
    /// Stated inconvenient times.
    pub inconvenient: &'a [crate::account::InconvenientTime],
    /// Nothing before this.
    pub not_before: Instant,
    /// Nothing at or after this.
    pub horizon_end: Instant,
    /// The tone every placed action is written in (decided once per plan, like the limits above).
    pub voice: crate::template::tone::Voice,
}

/// The outcome of placing one contact.
pub enum Placement {
    /// Placed at `at`, after these moves.
    At(Instant, Vec<Reason>),
    /// Not placeable within the horizon: the last reason, and when it lifts.
    Blocked(Reason, Instant),
}

impl Placer<'_> {
    fn local(&self, t: Instant) -> NaiveDateTime {
        t.local_datetime(self.zone)
    }

    fn at_local(&self, date: NaiveDate, time: NaiveTime) -> Instant {
        self.zone.resolve(date.and_time(time))
    }

    fn next_day_open(&self, date: NaiveDate) -> Instant {
        self.at_local(date + Duration::days(1), self.rules.window_from)
    }

    /// Places a contact on `channel` wanted at `wanted`; `calls` holds the calls already made or planned.
    pub fn place(&self, channel: Channel, wanted: Instant, calls: &[CallMark]) -> Placement {
        let mut t = wanted.max(self.not_before);
        let mut moves: Vec<Reason> = Vec::new();
        // Each pass either accepts or moves `t` strictly later; the horizon bounds the loop.
        for _ in 0..512 {
            if t >= self.horizon_end {
                let reason = moves.last().copied().unwrap_or(Reason::BeyondHorizon);
                return Placement::Blocked(reason, t);
            }
            match self.first_conflict(channel, t, calls) {
                None => {
                    moves.dedup();
                    return Placement::At(t, moves);
                }
                Some((reason, later)) => {
                    moves.push(reason);
                    t = later.max(t.plus(Duration::minutes(1)));
                }
            }
        }
        Placement::Blocked(moves.last().copied().unwrap_or(Reason::BeyondHorizon), t)
    }

    /// The first rule `t` breaks, and the earliest instant that rule allows.
    fn first_conflict(&self, channel: Channel, t: Instant, calls: &[CallMark]) -> Option<(Reason, Instant)> {
        let local = self.local(t);
        let (date, time) = (local.date(), local.time());
        let weekday = date.weekday().number_from_monday() as u8;
        if self.holidays.iter().any(|h| h.0 == date) || self.rules.no_contact_weekdays.contains(&weekday) {
            return Some((Reason::Holiday, self.next_day_open(date)));
        }
        if time < self.rules.window_from {
            return Some((Reason::QuietHours, self.at_local(date, self.rules.window_from)));
        }
        if time >= self.rules.window_to {
            return Some((Reason::QuietHours, self.next_day_open(date)));
        }
        for it in self.inconvenient {
            let applies =
                |d: NaiveDate| it.days.is_empty() || it.days.contains(&(d.weekday().number_from_monday() as u8));
            let (from, to) = (it.from.0, it.to.0);
            if from <= to {
                if applies(date) && time >= from && time < to {
                    return Some((Reason::StatedInconvenientTime, self.at_local(date, to)));
                }
            } else if applies(date) && time >= from {
                // Crosses midnight: blocked until `to` tomorrow.
                return Some((
                    Reason::StatedInconvenientTime,
                    self.at_local(date + Duration::days(1), to),
                ));
            } else if time < to && applies(date - Duration::days(1)) {
                return Some((Reason::StatedInconvenientTime, self.at_local(date, to)));
            }
        }
        if channel == Channel::Call {
            return self.call_conflict(t, date, calls);
        }
        None
    }

    fn call_conflict(&self, t: Instant, date: NaiveDate, calls: &[CallMark]) -> Option<(Reason, Instant)> {
        let day_of = |c: &CallMark| c.at.local_date(self.zone);
        if let Some(days) = self.rules.quiet_days_after_conversation.filter(|d| *d > 0) {
            // The conversation's day is the first of the period (§1006.14(b)(2)(ii)).
            let last = calls.iter().filter(|c| c.conversation && c.at <= t).map(day_of).max();
            if let Some(d) = last {
                let free = d + Duration::days(i64::from(days));
                if date < free {
                    return Some((Reason::AfterConversation7d, self.at_local(free, self.rules.window_from)));
                }
            }
        }
        if let Some(cap) = self.rules.calls_per_7_days {
            // Calls on the 6 previous local days and today, including this one, must stay within the cap.
            let first = date - Duration::days(6);
            let mut in_period: Vec<NaiveDate> =
                calls.iter().map(day_of).filter(|d| *d >= first && *d <= date).collect();
            if in_period.len() as u32 >= cap {
                crate::sort::sort(&mut in_period);
                // The period frees up the day after the oldest call in it drops out.
                let drop = in_period.len() - cap as usize;
                let oldest = in_period.get(drop).copied().unwrap_or(date);
                return Some((
                    Reason::CallCap7in7,
                    self.at_local(oldest + Duration::days(7), self.rules.window_from),
                ));
            }
        }
        let today: Vec<&CallMark> = calls.iter().filter(|c| day_of(c) == date).collect();
        let connected = today.iter().filter(|c| c.connected).count() as u32;
        let attempts = today.len() as u32;
        if self.rules.connected_calls_per_day.is_some_and(|cap| connected >= cap)
            || self.rules.call_attempts_per_day.is_some_and(|cap| attempts >= cap)
        {
            return Some((Reason::DailyCallCap, self.next_day_open(date)));
        }
        None
    }
}
