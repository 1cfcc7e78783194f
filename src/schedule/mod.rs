//! The contact plan: which ladder steps happen when, on which channel, and why the others don't.
//!
//! For an account and `as_of`: pick the segment (first whose `when` matches), find the ladder position from
//! DPD, then for each step due within the horizon (and the latest past step not yet carried out) choose a
//! channel and place it at a lawful moment in the borrower's zone ([`window`]). State rules come first:
//! cease, dispute, bankruptcy, death and attorney representation stop contact; a pending promise pauses
//! reminders until its deadline; a broken promise brings the next step forward; a kept arrangement replaces
//! the ladder with check-ins before each of its instalments.

/// Contact law per jurisdiction preset; it lives with the rest of jurisdiction law in the policy.
pub use crate::policy::jurisdiction::contact as preset;
pub mod window;

use crate::account::{Account, Channel, ChannelState};
use crate::policy::{Mode, Policy, Segment, Step, StepChannel, Tone};
use crate::promise::{ArrangementState, PtpState};
use crate::score::Score;
use crate::standing::Standing;
use crate::template::tone::Voice;
use crate::time::Instant;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::Serialize;
use window::{CallMark, Placement, Placer, Reason};

/// A planned action. Its words are not the plan's: the decision writes them (`decision::Planned`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Action {
    /// The ladder step (or `checkin:<date>` for arrangement check-ins).
    pub step: String,
    /// The channel.
    pub channel: Channel,
    /// When, in the borrower's local offset.
    pub at: String,
    /// The same instant in UTC.
    pub at_utc: Instant,
    /// Template id.
    pub template: String,
    /// Tone.
    pub tone: Tone,
    /// Automatic or manual.
    pub mode: Mode,
    /// Work queue for manual actions.
    pub queue: Option<String>,
    /// The rule that produced it: `<segment>/<step>`, `broken_promise`, `catch_up`, `checkin`.
    pub rule: String,
    /// Why it was moved from its wanted moment, in order (empty when it was not).
    pub adjusted: Vec<Reason>,
    /// Why the tone is softer than the step's (hardship, an angry reply), if it is.
    pub softened: Option<crate::template::tone::Softened>,
    /// What a notice sent after a cease request is, as the law allows it (FDCPA §1692c(c)): `efforts_ending`
    /// (collection efforts end) or `specific_remedy` (the lender intends a specific remedy: a legal referral);
    /// `null` for ordinary contact.
    pub notice: Option<&'static str>,
    /// A legally required notice (the step's `legal_notice`).
    #[serde(skip)]
    pub legal_notice: bool,
    /// The escalation the step's words announce (the step's `threatens`).
    #[serde(skip)]
    pub threatens: Option<crate::policy::Threat>,
}

/// A step the ladder wanted but the plan does not take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Suppressed {
    /// The ladder step.
    pub step: String,
    /// The channel it wanted.
    pub channel: Channel,
    /// Why not.
    pub reason: Reason,
    /// When the reason lifts, if it will on its own.
    pub until: Option<Instant>,
}

/// Where the step stands on the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Stage {
    /// The last step whose DPD has been reached (`null` before the first).
    pub step: Option<String>,
    /// Its position, 1-based (0 before the first).
    pub index: usize,
    /// Steps in the ladder.
    pub of: usize,
}

/// The plan part of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Plan {
    /// The segment's name (`null` when no segment matches).
    pub segment: Option<String>,
    /// The ladder position.
    pub stage: Stage,
    /// Actions, in time order.
    pub actions: Vec<Action>,
    /// Steps not taken, with reasons.
    pub suppressed: Vec<Suppressed>,
    /// A human review the account needs instead of contact (bankruptcy, death, attorney, wrong person).
    pub review: Option<Reason>,
}

/// Plans contact for an account whose delinquency and promises are already in `d`.
pub fn plan(
    policy: &Policy,
    segments: &[Segment],
    account: &Account,
    d: &Standing<'_>,
    score: Option<&Score>,
    as_of: Instant,
    voice: Voice,
) -> Plan {
    let zone = account.borrower.time_zone;
    let Some(jurisdiction) = policy.jurisdictions.0.get(&account.jurisdiction) else {
        return Plan {
            segment: None,
            stage: Stage {
                step: None,
                index: 0,
                of: 0,
            },
            actions: vec![],
            suppressed: vec![],
            review: None,
        };
    };
    let (mut rules, _) = preset::effective(jurisdiction);
    preset::tighten_for_state(&mut rules, jurisdiction.preset, account.borrower.state.as_deref());
    let band = score.map(|s| s.band.as_str());
    let horizon_end = as_of.plus(Duration::days(i64::from(policy.horizon_days)));
    let placer = Placer {
        rules: &rules,
        zone,
        holidays: &jurisdiction.holidays,
        inconvenient: &account.borrower.inconvenient_times,
        not_before: as_of,
        horizon_end,
        voice,
    };
    let segment = segments.iter().find(|s| matches(s, account, d.bucket, band));
    let ladder: &[Step] = segment.map_or(&[], |s| s.ladder.as_slice());
    let seg_name = segment.map(|s| s.name.clone());

    // The ladder's clock: DPD anchored on the oldest unpaid due date; for a current account, steps with
    // dpd <= 0 count from the next due date.
    let today = as_of.local_date(zone);
    // (`oldest_unpaid_due` is set only for a due date already past, so DPD ≥ 1 there.)
    let anchor = match (d.arrears.oldest_unpaid_due, d.arrears.next_due) {
        (Some(oldest), _) => Some((oldest.0, true)),
        (None, Some(next)) => Some((next.0, false)),
        (None, None) => None,
    };
    let step_date = |s: &Step| anchor.map(|(a, _)| a + Duration::days(i64::from(s.dpd)));
    let applicable = |s: &Step| match anchor {
        Some((_, true)) => s.dpd > 0,
        Some((_, false)) => s.dpd <= 0,
        None => false,
    };
    let last_reached: Option<(usize, &Step)> = ladder
        .iter()
        .enumerate()
        .rfind(|(_, s)| applicable(s) && step_date(s).is_some_and(|dt| dt <= today));
    let stage = Stage {
        step: last_reached.map(|(_, s)| s.id.clone()),
        index: last_reached.map_or(0, |(i, _)| i + 1),
        of: ladder.len(),
    };

    // Which steps the ladder wants now: the latest reached step if its moment passed and it was not carried
    // out (catch-up), a step brought forward by a broken promise, and every step due within the horizon —
    // taken from the segment that will apply at that step's DPD, so a plan crosses bucket boundaries.
    let mut wanted: Vec<(&Step, &str, Instant, &'static str)> = Vec::new();
    let moment = |s: &Step| step_date(s).map(|dt| zone.resolve(dt.and_time(s.time.0)));
    let broken_recently = d
        .promises
        .iter()
        .any(|p| p.state == PtpState::Broken && p.settled_at.is_some_and(|t| t > as_of.plus(Duration::days(-7))));
    let current = seg_name.as_deref().unwrap_or("");
    if let Some((i, s)) = last_reached {
        let passed = moment(s).is_none_or(|m| m <= as_of);
        let day = step_date(s).map(|dt| zone.day_start(dt)).unwrap_or(as_of);
        if passed && !carried_out(account, s, day, as_of) {
            wanted.push((s, current, as_of, "catch_up"));
        } else if passed
            && broken_recently
            && let Some(next) = ladder.iter().skip(i + 1).find(|x| applicable(x))
        {
            wanted.push((next, current, as_of, "broken_promise"));
        }
    }
    let last_day = horizon_end.local_date(zone);
    for seg in segments {
        for s in seg.ladder.iter().filter(|s| applicable(s)) {
            // Only the segment that is first to match the bucket at this step's DPD plans it.
            let bucket_then = if s.dpd > 0 {
                policy.bucket_for(i64::from(s.dpd))
            } else {
                d.bucket
            };
            let owner = segments.iter().find(|x| matches(x, account, bucket_then, band));
            if owner.is_none_or(|o| o.name != seg.name) || wanted.iter().any(|w| w.1 == seg.name && w.0.id == s.id) {
                continue;
            }
            // Cheap date test first: resolving a local time in a zone is the costly part.
            let near = step_date(s).is_some_and(|dt| dt >= today && dt <= last_day);
            if let Some(at) = near
                .then(|| moment(s))
                .flatten()
                .filter(|m| *m > as_of && *m < horizon_end)
            {
                wanted.push((s, seg.name.as_str(), at, "ladder"));
            }
        }
    }
    crate::sort::sort_by(&mut wanted, |a, b| {
        (a.2, a.0.dpd, &a.0.id).cmp(&(b.2, b.0.dpd, &b.0.id))
    });

    let mut out = Plan {
        segment: seg_name.clone(),
        stage,
        actions: Vec::new(),
        suppressed: Vec::new(),
        review: None,
    };
    let mut calls = window::history_calls(account, as_of);
    let flags = account.flags;
    let review = [
        (flags.deceased, Reason::Deceased),
        (flags.bankruptcy, Reason::Bankruptcy),
        (flags.attorney, Reason::AttorneyRepresented),
    ]
    .into_iter()
    .find(|(on, _)| *on)
    .map(|(_, r)| r);
    out.review = review;
    let pending_promise = d
        .promises
        .iter()
        .filter(|p| p.state == PtpState::Pending)
        .map(|p| p.deadline)
        .max();
    let arrangement = d.arrangement.map(|a| a.state);

    for (s, seg, wanted_at, why) in wanted {
        let first_choice = first_channel(s, account, policy, as_of);
        let blocked_by_state = if let Some(r) = review {
            Some((r, None))
        } else if flags.cease && !s.legal_notice {
            Some((Reason::CeaseRequested, None))
        } else if let Some(v) = d.verification {
            Some((v.ground.reason(), None))
        } else if d
            .validation_notice
            .is_some_and(|v| v.sent_on.is_none() && v.itemization.is_none())
        {
            Some((Reason::ValidationNoticeIncomplete, None))
        } else if let Some(ArrangementState::Current) = arrangement {
            Some((Reason::ArrangementActive, None))
        } else {
            pending_promise
                .filter(|dl| *dl > wanted_at)
                .map(|deadline| (Reason::PromisePending, Some(deadline)))
        };
        if let Some((reason, until)) = blocked_by_state {
            out.suppressed.push(Suppressed {
                step: s.id.clone(),
                channel: first_choice,
                reason,
                until,
            });
            continue;
        }
        let rule = match why {
            "ladder" => format!("{seg}/{}", s.id),
            other => format!("{seg}/{}:{other}", s.id),
        };
        schedule_step(
            &mut out, &placer, account, policy, as_of, s, wanted_at, rule, &mut calls, &rules,
        );
    }
    if flags.cease && review.is_none() {
        efforts_ending(&mut out, &placer, account, policy, as_of, &mut calls, &rules);
    }
    if let Some(ArrangementState::Current) = arrangement
        && review.is_none()
        && !flags.cease
        && d.verification.is_none()
    {
        checkins(&mut out, &placer, account, policy, as_of, &mut calls, &rules);
    }
    crate::sort::sort_by(&mut out.actions, |a, b| (a.at_utc, &a.step).cmp(&(b.at_utc, &b.step)));
    out
}

#[allow(clippy::too_many_arguments)]
fn schedule_step(
    out: &mut Plan,
    placer: &Placer<'_>,
    account: &Account,
    policy: &Policy,
    as_of: Instant,
    s: &Step,
    wanted_at: Instant,
    rule: String,
    calls: &mut Vec<CallMark>,
    rules: &preset::ContactRules,
) {
    // Referrals are internal decisions, not contacts: no window, no caps.
    if let StepChannel::Fixed(ch @ (Channel::AgencyReferral | Channel::LegalReferral)) = s.channel {
        out.actions
            .push(action(s, ch, wanted_at.max(as_of), placer, rule, Vec::new()));
        return;
    }
    let mut last_block: Option<(Channel, Reason, Option<Instant>)> = None;
    let segment = rule.split('/').next().unwrap_or_default();
    for ch in candidates(s, account, policy, as_of, rules, segment) {
        if let Some(reason) =
            unusable(account, ch, rules).or_else(|| auto_call_without_consent(account, ch, s.mode, rules))
        {
            out.suppressed.push(Suppressed {
                step: s.id.clone(),
                channel: ch,
                reason,
                until: None,
            });
            continue;
        }
        match placer.place(ch, wanted_at, calls) {
            Placement::At(at, adjusted) => {
                if ch == Channel::Call {
                    calls.push(CallMark {
                        at,
                        connected: false,
                        conversation: false,
                    });
                }
                out.actions.push(action(s, ch, at, placer, rule, adjusted));
                return;
            }
            Placement::Blocked(reason, until) => last_block = Some((ch, reason, Some(until))),
        }
        // A fixed channel that is usable but blocked by time rules is not swapped for another channel.
        if matches!(s.channel, StepChannel::Fixed(_)) {
            break;
        }
    }
    if let Some((ch, reason, until)) = last_block {
        out.suppressed.push(Suppressed {
            step: s.id.clone(),
            channel: ch,
            reason,
            until,
        });
    }
}

fn action(s: &Step, ch: Channel, at: Instant, placer: &Placer<'_>, rule: String, adjusted: Vec<Reason>) -> Action {
    let zone = placer.zone;
    let (tone, softened) = placer.voice.tone(s.tone);
    Action {
        step: s.id.clone(),
        channel: ch,
        at: at.to_local_string(zone),
        at_utc: at,
        template: s.template.clone(),
        tone,
        mode: s.mode,
        queue: s.queue.clone(),
        rule,
        adjusted,
        softened,
        notice: None,
        legal_notice: s.legal_notice,
        threatens: s.threatens,
    }
}

fn matches(s: &Segment, account: &Account, bucket: &str, band: Option<&str>) -> bool {
    (s.when.buckets.is_empty() || s.when.buckets.iter().any(|b| b == bucket))
        && s.when.hardship.is_none_or(|h| h == account.flags.hardship)
        && (s.when.bands.is_empty() || band.is_some_and(|band| s.when.bands.iter().any(|b| b == band)))
}

/// Whether a step was already carried out: an outbound contact on its channel since the step's day began.
fn carried_out(account: &Account, s: &Step, since: Instant, as_of: Instant) -> bool {
    account.history.contacts.iter().any(|c| {
        c.direction == crate::account::Direction::Outbound
            && c.at >= since
            && c.at <= as_of
            && match s.channel {
                StepChannel::Fixed(ch) => c.channel == ch,
                StepChannel::Best(_) => true,
            }
    })
}

fn state_of(account: &Account, ch: Channel) -> Option<&ChannelState> {
    let c = &account.channels;
    match ch {
        Channel::Sms => c.sms.as_ref(),
        Channel::Email => c.email.as_ref(),
        Channel::Letter => c.letter.as_ref(),
        Channel::Call => c.call.as_ref(),
        Channel::SocialDm => c.social_dm.as_ref(),
        Channel::AgencyReferral | Channel::LegalReferral => None,
    }
}

/// Why a channel cannot be used for this borrower at all, if it cannot.
fn unusable(account: &Account, ch: Channel, rules: &preset::ContactRules) -> Option<Reason> {
    let Some(st) = state_of(account, ch) else {
        return Some(Reason::NoAddress);
    };
    if st.opted_out {
        Some(Reason::OptedOut)
    } else if st.consent == Some(false) || (st.consent.is_none() && rules.explicit_consent.contains(&ch)) {
        Some(Reason::NoConsent)
    } else if st.bounced {
        Some(Reason::Bounced)
    } else if ch == Channel::Email && st.workplace && rules.no_workplace_email {
        Some(Reason::WorkplaceEmail)
    } else {
        None
    }
}

/// An automatic (autodialled or prerecorded) call needs the borrower's recorded consent where the rules say so
/// (US TCPA 47 U.S.C. §227(b)(1)(A)); a manual call by an agent does not.
fn auto_call_without_consent(
    account: &Account,
    ch: Channel,
    mode: Mode,
    rules: &preset::ContactRules,
) -> Option<Reason> {
    (ch == Channel::Call
        && mode == Mode::Auto
        && rules.auto_call_consent
        && state_of(account, ch).is_none_or(|st| st.consent != Some(true)))
    .then_some(Reason::NoConsent)
}

/// The borrower's channel order: preferred channel first, then the profile order by age.
fn profile_order(account: &Account, policy: &Policy, as_of: Instant) -> Vec<Channel> {
    let age = account.borrower.birth_year.map(|y| as_of.0.year() - y);
    let base = age
        .and_then(|a| {
            policy
                .channels
                .by_age
                .iter()
                .find(|r| r.max_age.is_none_or(|m| i64::from(a) <= i64::from(m)))
        })
        .map_or(&policy.channels.default_order, |r| &r.order);
    let mut order: Vec<Channel> = account.borrower.preferred_channel.into_iter().collect();
    order.extend(
        base.iter()
            .copied()
            .filter(|c| Some(*c) != account.borrower.preferred_channel),
    );
    order
}

/// Channels to try for a step, in order: the fixed channel then (if it is unusable) the profile order; or the
/// profile order for `best`.
fn candidates(
    s: &Step,
    account: &Account,
    policy: &Policy,
    as_of: Instant,
    rules: &preset::ContactRules,
    segment: &str,
) -> Vec<Channel> {
    let order = profile_order(account, policy, as_of);
    match s.channel {
        StepChannel::Best(_) => learned_order(order, account, policy, segment, &s.id),
        StepChannel::Fixed(ch) => {
            let mut v = vec![ch];
            if unusable(account, ch, rules).is_some() {
                v.extend(order.into_iter().filter(|c| *c != ch));
            }
            v
        }
    }
}

/// Reorders a `best` step's channels by the segment's learned response rates (the borrower's preferred channel
/// stays first), unless this account and step fall in the exploration share.
fn learned_order(order: Vec<Channel>, account: &Account, policy: &Policy, segment: &str, step: &str) -> Vec<Channel> {
    let Some(learned) = &policy.channels.learned else {
        return order;
    };
    let rate = |ch: Channel| {
        learned
            .rates
            .iter()
            .find(|r| r.segment == segment && r.channel == ch)
            .map(|r| r.mean)
    };
    if !order.iter().any(|c| rate(*c).is_some())
        || crate::experiment::slot(&format!("explore:{step}"), &account.id) < learned.explore_bps
    {
        return order;
    }
    let preferred = account.borrower.preferred_channel;
    let (mut head, mut rest): (Vec<Channel>, Vec<Channel>) = order.into_iter().partition(|c| Some(*c) == preferred);
    // Stable: channels without a rate keep their profile order after the rated ones.
    crate::sort::sort_by(&mut rest, |a, b| match (rate(*a), rate(*b)) {
        (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    head.extend(rest);
    head
}

fn first_channel(s: &Step, account: &Account, policy: &Policy, as_of: Instant) -> Channel {
    match s.channel {
        StepChannel::Fixed(ch) => ch,
        StepChannel::Best(_) => profile_order(account, policy, as_of)
            .first()
            .copied()
            .unwrap_or(Channel::Sms),
    }
}

/// After a cease request the law still allows telling the borrower that collection efforts end (FDCPA
/// §1692c(c)(1)): one letter (or e-mail, without a postal address), marked `notice: "efforts_ending"`, with
/// no demand, no offers and no pay link. The request's moment is the latest inbound reply recorded with the
/// `stop_contact` intent; the notice counts as sent once a letter or e-mail went out after it, so re-deciding
/// never sends it twice. Without a recorded request the engine cannot know whether it went out, and plans none.
fn efforts_ending(
    out: &mut Plan,
    placer: &Placer<'_>,
    account: &Account,
    policy: &Policy,
    as_of: Instant,
    calls: &mut Vec<CallMark>,
    rules: &preset::ContactRules,
) {
    use crate::account::Direction;
    let contacts = &account.history.contacts;
    let Some(requested) = contacts
        .iter()
        .filter(|c| {
            c.direction == Direction::Inbound
                && c.at <= as_of
                && c.intents.contains(&crate::account::Intent::StopContact)
        })
        .map(|c| c.at)
        .max()
    else {
        return;
    };
    let written = |ch: Channel| matches!(ch, Channel::Letter | Channel::Email);
    if contacts
        .iter()
        .any(|c| c.direction == Direction::Outbound && c.at > requested && c.at <= as_of && written(c.channel))
    {
        return;
    }
    let Some(channel) = [Channel::Letter, Channel::Email]
        .into_iter()
        .find(|ch| unusable(account, *ch, rules).is_none())
    else {
        return;
    };
    let step = Step {
        id: "efforts_ending".into(),
        dpd: 0,
        channel: StepChannel::Fixed(channel),
        template: "efforts_ending".into(),
        tone: Tone::Neutral,
        mode: Mode::Auto,
        queue: None,
        time: crate::time::LocalTime(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN)),
        legal_notice: false,
        threatens: None,
    };
    let before = out.actions.len();
    schedule_step(
        out,
        placer,
        account,
        policy,
        as_of,
        &step,
        as_of,
        "efforts_ending".into(),
        calls,
        rules,
    );
    for a in out.actions.iter_mut().skip(before) {
        a.notice = Some("efforts_ending");
    }
}

/// Check-ins a few days before each arrangement instalment within the horizon.
fn checkins(
    out: &mut Plan,
    placer: &Placer<'_>,
    account: &Account,
    policy: &Policy,
    as_of: Instant,
    calls: &mut Vec<CallMark>,
    rules: &preset::ContactRules,
) {
    let Some(arr) = &account.arrangement else { return };
    let today = as_of.local_date(placer.zone);
    for inst in &arr.instalments {
        let day: NaiveDate = inst.due.0 - Duration::days(i64::from(policy.checkins.days_before));
        if inst.due.0 < today {
            continue;
        }
        let wanted = placer.zone.resolve(day.max(today).and_time(policy.checkins.time.0));
        if wanted >= placer.horizon_end {
            continue;
        }
        let step = Step {
            id: format!("checkin:{}", inst.due),
            dpd: 0,
            channel: StepChannel::Best(crate::policy::BestChannel::Best),
            template: policy.checkins.template.clone(),
            tone: Tone::Gentle,
            mode: Mode::Auto,
            queue: None,
            time: policy.checkins.time,
            legal_notice: false,
            threatens: None,
        };
        schedule_step(
            out,
            placer,
            account,
            policy,
            as_of,
            &step,
            wanted,
            "checkin".into(),
            calls,
            rules,
        );
    }
}
