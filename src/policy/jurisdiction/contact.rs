//! Jurisdiction presets: the contact rules regulations impose, and a policy's tightenings of them.
//!
//! A policy may tighten any rule (narrower window, lower caps). Loosening one needs an `overrides` entry with a
//! reason; validation reports it as a warning so it is never silent.

use super::{JurisdictionRules, Preset};
use chrono::NaiveTime;

/// The effective contact rules of one jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRules {
    /// Earliest local time a contact may happen.
    pub window_from: NaiveTime,
    /// Local time by which a contact must have happened (exclusive).
    pub window_to: NaiveTime,
    /// Most outbound call attempts in any 7 consecutive days (US Reg F §1006.14(b)(2)(i): more than 7 is
    /// presumed harassment).
    pub calls_per_7_days: Option<u32>,
    /// Days of no calls after a telephone conversation, the conversation's day counting as the first
    /// (US Reg F §1006.14(b)(2)(ii)).
    pub quiet_days_after_conversation: Option<u32>,
    /// Most connected calls per local day (CN GB/T 45251—2025: at most 3 per debtor per day, AI voice included).
    pub connected_calls_per_day: Option<u32>,
    /// Most call attempts per local day per number (CN CBA 2026 guideline: at most 6 unanswered attempts).
    pub call_attempts_per_day: Option<u32>,
    /// No e-mail to a work address (US Reg F §1006.22(f)(3)).
    pub no_workplace_email: bool,
    /// ISO weekdays (1 Monday … 7 Sunday) without contact.
    pub no_contact_weekdays: Vec<u8>,
    /// Channels that need the borrower's explicit consent (`consent: true`); unknown consent is not enough.
    pub explicit_consent: Vec<crate::account::Channel>,
    /// Automatic calls (autodialled, prerecorded or AI voice) need `consent: true` on the call channel.
    pub auto_call_consent: bool,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// The preset's rules before any policy tightening.
pub fn preset_rules(preset: Preset) -> ContactRules {
    // Each preset is written as what its regulation imposes on top of "no rule at all".
    let none = |from: NaiveTime, to: NaiveTime| ContactRules {
        window_from: from,
        window_to: to,
        calls_per_7_days: None,
        quiet_days_after_conversation: None,
        connected_calls_per_day: None,
        call_attempts_per_day: None,
        no_workplace_email: false,
        no_contact_weekdays: Vec::new(),
        explicit_consent: Vec::new(),
        auto_call_consent: false,
    };
    match preset {
        // Reg F §1006.6(b)(1)(i): 8 a.m. to 9 p.m. at the consumer's location; §1006.14(b)(2) call frequency;
        // §1006.22(f)(3) no work e-mail; TCPA 47 U.S.C. §227(b): texts to mobiles need prior express consent.
        Preset::Us => ContactRules {
            calls_per_7_days: Some(7),
            quiet_days_after_conversation: Some(7),
            no_workplace_email: true,
            explicit_consent: vec![crate::account::Channel::Sms],
            auto_call_consent: true,
            ..none(hm(8, 0), hm(21, 0))
        },
        // GB/T 45251—2025 and the NIFA 2024 guideline: no collection 22:00–08:00, ≤ 3 connected calls a day;
        // CBA 2026 guideline: ≤ 6 unanswered attempts a day per contact method.
        Preset::Cn => ContactRules {
            connected_calls_per_day: Some(3),
            call_attempts_per_day: Some(6),
            ..none(hm(8, 0), hm(22, 0))
        },
        // FCA CONC 7.9.4: no contact at unreasonable times; 08:00–21:00 is the conventional reading.
        Preset::Gb => none(hm(8, 0), hm(21, 0)),
        // Custom: nothing imposed; the policy states its own rules.
        Preset::Custom => none(NaiveTime::MIN, hm(23, 59)),
    }
}

/// Tightens US rules where the borrower's state adds to the federal ones. A policy can tighten further but
/// never loosen below these: they are applied after the policy's own rules.
///
/// - MA 940 CMR 7.04(1)(f): at most two telephone communications in any seven-day period.
/// - WA RCW 19.16.250(13)(b): no calls more than three times in a single week.
pub fn tighten_for_state(rules: &mut ContactRules, preset: Preset, state: Option<&str>) {
    if preset != Preset::Us {
        return;
    }
    let cap = match state {
        Some("MA") => 2,
        Some("WA") => 3,
        _ => return,
    };
    rules.calls_per_7_days = Some(rules.calls_per_7_days.map_or(cap, |c| c.min(cap)));
}

/// A rule the policy sets that is looser than its preset: (JSON path under the jurisdiction, what loosens).
pub type Loosening = (String, String);

/// The effective rules of a policy jurisdiction, and every way it loosens its preset.
pub fn effective(j: &JurisdictionRules) -> (ContactRules, Vec<Loosening>) {
    let preset = preset_rules(j.preset);
    let mut rules = preset.clone();
    let mut loose = Vec::new();
    if let Some(w) = &j.window {
        if w.from.0 < preset.window_from {
            loose.push((
                "/window/from".into(),
                format!(
                    "`{}` is earlier than the preset's `{}`",
                    w.from,
                    fmt(preset.window_from)
                ),
            ));
        }
        if w.to.0 > preset.window_to {
            loose.push((
                "/window/to".into(),
                format!("`{}` is later than the preset's `{}`", w.to, fmt(preset.window_to)),
            ));
        }
        rules.window_from = w.from.0;
        rules.window_to = w.to.0;
    }
    let mut cap = |path: &str, set: Option<u32>, preset_cap: Option<u32>, slot: &mut Option<u32>| {
        if let Some(v) = set {
            if preset_cap.is_some_and(|p| v > p) {
                loose.push((
                    path.to_string(),
                    format!("`{v}` is above the preset's `{}`", preset_cap.unwrap_or(0)),
                ));
            }
            *slot = Some(v);
        }
    };
    cap(
        "/calls_per_7_days",
        j.calls_per_7_days,
        preset.calls_per_7_days,
        &mut rules.calls_per_7_days,
    );
    cap(
        "/connected_calls_per_day",
        j.connected_calls_per_day,
        preset.connected_calls_per_day,
        &mut rules.connected_calls_per_day,
    );
    cap(
        "/call_attempts_per_day",
        j.call_attempts_per_day,
        preset.call_attempts_per_day,
        &mut rules.call_attempts_per_day,
    );
    if let Some(d) = j.quiet_days_after_conversation {
        if preset.quiet_days_after_conversation.is_some_and(|p| d < p) {
            loose.push((
                "/quiet_days_after_conversation".into(),
                format!(
                    "`{d}` is below the preset's `{}`",
                    preset.quiet_days_after_conversation.unwrap_or(0)
                ),
            ));
        }
        rules.quiet_days_after_conversation = Some(d);
    }
    rules.no_contact_weekdays = j.no_contact_weekdays.clone();
    (rules, loose)
}

fn fmt(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
