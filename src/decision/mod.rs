//! `decide`: everything Dunwell says about one account at one moment.

pub mod context;

use crate::account::Account;
use crate::account::Channel;
use crate::arrange::{self, Offer, PenaltyView};
use crate::dpd::{self, Arrears};
use crate::engine::{Engine, EngineIdentity};
use crate::error::{Error, ErrorKind, Scope};
use crate::money::Currency;
use crate::policy::DebtAdvice;
use crate::promise::{self, ArrangementStatus, PromiseStatus};
use crate::schedule::{self, Action, Stage, Suppressed, window::Reason};
use crate::score::{self, Score};
use crate::template::tone;
use crate::time::Instant;
use serde::{Deserialize, Serialize};

/// Input of `decide`: one account and the moment to decide at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecideCall {
    /// The account.
    pub account: Account,
    /// The moment of the decision (RFC 3339 with offset). There is no other "now".
    pub as_of: Instant,
    /// Write each action's message (default). Plans without words are for simulations and dashboards,
    /// where the words are never read and cost most of the time.
    #[serde(default = "yes")]
    pub messages: bool,
}

fn yes() -> bool {
    true
}

/// The decision for one account at `as_of`. Field order is the output's key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// The account's id.
    pub account_id: String,
    /// The moment decided at, in UTC.
    pub as_of: Instant,
    /// Until when this decision's words hold: actions due before it carry their message, written with the
    /// facts of their own send moment; later actions are plan-only. Re-decide by then (the next run).
    pub valid_until: Instant,
    /// The same moment in the borrower's zone.
    pub as_of_local: String,
    /// The borrower's IANA zone.
    pub time_zone: &'static str,
    /// What produced this decision.
    pub engine: EngineIdentity,
    /// Jurisdiction code.
    pub jurisdiction: String,
    /// Currency of every amount.
    pub currency: Currency,
    /// Days past due.
    pub dpd: i64,
    /// DPD bucket.
    pub bucket: String,
    /// What is overdue.
    pub arrears: Arrears,
    /// The limitation period: when the debt can no longer be sued on (absent when nothing is overdue or the
    /// jurisdiction has no rule).
    pub limitation: Option<crate::limitation::Limitation>,
    /// Every promise made by `as_of`, judged.
    pub promises: Vec<PromiseStatus>,
    /// Propensity to pay (absent when the policy has no scorecard).
    pub score: Option<Score>,
    /// The agreed arrangement, judged (absent when there is none).
    pub arrangement: Option<ArrangementStatus>,
    /// Treatment segment (`null` when no segment matches).
    pub segment: Option<String>,
    /// Ladder position.
    pub stage: Stage,
    /// Planned actions within the horizon, in time order.
    pub actions: Vec<Action>,
    /// Steps the ladder wanted but the plan does not take, with reason codes.
    pub suppressed: Vec<Suppressed>,
    /// A human review needed instead of contact.
    pub review: Option<Reason>,
    /// Collection paused for a dispute or a validation request: the lender's verification task and its
    /// clock (absent when nothing is pending).
    pub verification: Option<crate::dispute::Verification>,
    /// For a US debt collector (`company.role: agency`): the validation notice — when it went out, when the
    /// validation period ends, the itemization it states (absent otherwise).
    pub validation_notice: Option<crate::validation::ValidationNotice>,
    /// Penalty interest so far and what doing nothing costs (absent when nothing is overdue).
    pub penalty: Option<PenaltyView>,
    /// Repayment offers, best first (none when nothing is overdue or the account is under review).
    pub offers: Vec<Offer>,
    /// For a borrower in hardship: the free debt advice to refer them to.
    pub debt_advice: Option<DebtAdvice>,
    /// Agency placement and legal referral (absent when the policy has no escalation rules).
    pub escalation: Option<crate::escalate::Escalation>,
    /// The experiment arms the account is in.
    pub experiments: Vec<crate::experiment::Assignment>,
}

/// Decides for one account.
///
/// # Errors
/// `account.unknown_jurisdiction` when the policy does not define the account's jurisdiction.
pub fn decide(engine: &Engine, call: &DecideCall) -> Result<Decision, Error> {
    decide_with(engine, &call.account, call.as_of, "/account", call.messages)
}

/// Decides for an account; `path` is where the account sits in the caller's input (for error paths).
pub(crate) fn decide_account(
    engine: &Engine,
    account: &Account,
    as_of: Instant,
    path: &str,
) -> Result<Decision, Error> {
    decide_with(engine, account, as_of, path, true)
}

/// Decides, writing the messages or not.
pub(crate) fn decide_with(
    engine: &Engine,
    account: &Account,
    as_of: Instant,
    path: &str,
    messages: bool,
) -> Result<Decision, Error> {
    let policy = &engine.policy;
    if !policy.jurisdictions.0.contains_key(&account.jurisdiction) {
        let known: Vec<&str> = policy.jurisdictions.0.keys().map(String::as_str).collect();
        return Err(Error::new(
            Scope::Account,
            ErrorKind::UnknownJurisdiction,
            format!("{path}/jurisdiction"),
            format!("jurisdiction `{}` is not defined by the policy", account.jurisdiction),
        )
        .with_help(format!("the policy defines {}", known.join(", "))));
    }
    account.check(path)?;
    let zone = account.borrower.time_zone;
    let delinquency = dpd::assess(account, policy, zone, as_of);
    // An account owing more in arrears than in total is a broken ledger: every amount a message states
    // from it would contradict another.
    if delinquency.arrears.overdue_amount.0 > delinquency.arrears.outstanding.0 {
        return Err(Error::new(
            Scope::Account,
            ErrorKind::Inconsistent,
            format!("{path}/balances"),
            format!(
                "`{}` is overdue on the instalments but only `{}` is outstanding (principal + interest + fees); \
                 the balances must include every unpaid instalment",
                delinquency.arrears.overdue_amount.0, delinquency.arrears.outstanding.0
            ),
        ));
    }
    let jurisdiction = &policy.jurisdictions.0[&account.jurisdiction];
    let validation_notice = crate::validation::applies(policy, jurisdiction)
        .then(|| crate::validation::assess(account, jurisdiction, delinquency.arrears.outstanding.0, zone, as_of));
    // What was owed on the itemization date cannot exceed today's balance plus what was paid since.
    if let Some(it) = validation_notice.as_ref().and_then(|v| v.itemization.as_ref())
        && it.amount > it.current.saturating_add(it.payments)
    {
        return Err(Error::new(
            Scope::Account,
            ErrorKind::Inconsistent,
            format!("{path}/itemization/amount"),
            format!(
                "`{}` owed on the itemization date is more than the `{}` outstanding now plus the `{}` paid since",
                it.amount, it.current, it.payments
            ),
        ));
    }
    let latest_unpaid_due = arrange::overdue_items(account, zone, as_of, policy.dpd.tolerance.0)
        .last()
        .map(|o| o.due);
    let limitation = crate::limitation::assess(
        crate::limitation::rule(jurisdiction, account.borrower.state.as_deref()),
        account,
        latest_unpaid_due,
        zone,
        as_of,
    );
    let valid_until = as_of.plus(chrono::Duration::hours(i64::from(policy.messages.valid_hours)));
    let mut decision = Decision {
        account_id: account.id.clone(),
        as_of,
        valid_until,
        as_of_local: as_of.to_local_string(zone),
        time_zone: zone.name(),
        engine: engine.identity.clone(),
        jurisdiction: account.jurisdiction.clone(),
        currency: account.currency,
        dpd: delinquency.dpd,
        bucket: delinquency.bucket,
        arrears: delinquency.arrears,
        limitation,
        promises: promise::judge(account, policy.promises, zone, as_of),
        score: None,
        arrangement: promise::judge_arrangement(account, policy.promises, zone, as_of),
        segment: None,
        stage: Stage {
            step: None,
            index: 0,
            of: 0,
        },
        actions: Vec::new(),
        suppressed: Vec::new(),
        review: None,
        verification: crate::dispute::assess(account, jurisdiction, zone, as_of),
        validation_notice,
        penalty: None,
        offers: Vec::new(),
        debt_advice: None,
        escalation: None,
        experiments: Vec::new(),
    };
    if let Some(card) = &policy.scorecard {
        decision.score = Some(score::score(card, account, &decision.standing(), zone, as_of));
    }
    if account.flags.hardship {
        decision.debt_advice = policy
            .jurisdictions
            .0
            .get(&account.jurisdiction)
            .and_then(|j| j.debt_advice.clone());
    }
    // Champion/challenger: the account's arm in each experiment; the first arm that brings its own ladders
    // (or tone) is the one that applies.
    let mut segments: &[crate::policy::Segment] = &policy.segments;
    let mut arm_tone = None;
    let mut offer_rules = &policy.offers;
    for e in &policy.experiments {
        if let Some(arm) = crate::experiment::assign(e, &account.id) {
            decision.experiments.push(crate::experiment::Assignment {
                experiment: e.id.clone(),
                arm: arm.id.clone(),
            });
            if let Some(own) = &arm.segments
                && std::ptr::eq(segments, policy.segments.as_slice())
            {
                segments = own;
            }
            arm_tone = arm_tone.or(arm.tone);
            if let Some(own) = &arm.offers
                && std::ptr::eq(offer_rules, &policy.offers)
            {
                offer_rules = own;
            }
        }
    }
    let standing = Standing {
        bucket: &decision.bucket,
        band: decision.score.as_ref().map(|s| s.band.as_str()),
    };
    (decision.penalty, decision.offers) =
        money(policy, offer_rules, account, &decision.arrears, standing, as_of, path)?;
    let accrued = decision.penalty.as_ref().map_or(0, |p| p.accrued.0);
    if let Some(v) = decision.validation_notice.as_mut() {
        v.itemization = v.itemization.take().map(|i| i.with_penalty(accrued));
    }
    let plan = schedule::plan(
        policy,
        segments,
        account,
        &decision.standing(),
        decision.score.as_ref(),
        as_of,
    );
    decision.segment = plan.segment;
    decision.stage = plan.stage;
    decision.actions = plan.actions;
    decision.suppressed = plan.suppressed;
    decision.review = plan.review;
    if decision.review.is_some() {
        decision.offers.clear();
    }
    if let Some(tone) = arm_tone {
        for a in &mut decision.actions {
            a.tone = tone;
        }
    }
    decision.escalation = crate::escalate::assess(&policy.escalation, account, &decision.standing(), &decision.stage);
    withhold_unintended(account, &mut decision);
    soften(engine, account, &mut decision);
    if messages {
        write_messages(engine, account, offer_rules, &mut decision, path)?;
    }
    Ok(decision)
}

impl Decision {
    /// The account's standing in this decision, for the rules that read it.
    pub fn standing(&self) -> crate::standing::Standing<'_> {
        crate::standing::Standing {
            as_of: self.as_of,
            dpd: self.dpd,
            bucket: &self.bucket,
            arrears: &self.arrears,
            promises: &self.promises,
            arrangement: self.arrangement.as_ref(),
            limitation: self.limitation.as_ref(),
            verification: self.verification.as_ref(),
            validation_notice: self.validation_notice.as_ref(),
        }
    }
}

/// Where the account stands for offer eligibility: its DPD bucket and score band.
#[derive(Clone, Copy)]
struct Standing<'a> {
    bucket: &'a str,
    band: Option<&'a str>,
}

/// Penalty interest and repayment offers for the arrears at `as_of` (none when nothing is overdue).
fn money(
    policy: &crate::policy::Policy,
    offer_rules: &crate::policy::OfferRules,
    account: &Account,
    arrears: &Arrears,
    standing: Standing<'_>,
    as_of: Instant,
    path: &str,
) -> Result<(Option<PenaltyView>, Vec<Offer>), Error> {
    let zone = account.borrower.time_zone;
    let overdue = arrange::overdue_items(account, zone, as_of, policy.dpd.tolerance.0);
    if overdue.is_empty() {
        return Ok((None, Vec::new()));
    }
    let terms = arrange::terms(policy, &account.jurisdiction);
    let today = as_of.local_date(zone);
    let outstanding = arrears.outstanding.0;
    let penalty = arrange::penalty::view(&overdue, terms, today, outstanding, policy.offers.rounding);
    // Penalty on arrears near 2^53 at a high rate over decades can pass the ceiling: refuse, with the field
    // that carries the overdue amounts, before any offer adds to it.
    if !penalty.in_range() {
        return Err(too_much(
            path,
            "/instalments",
            "the penalty interest on these overdue instalments",
        ));
    }
    let future: Vec<arrange::Overdue> = dpd::unpaid_by_instalment(account, as_of)
        .into_iter()
        .filter(|(inst, unpaid)| *unpaid > 0 && inst.due.0 >= today)
        .map(|(inst, unpaid)| arrange::Overdue {
            due: inst.due.0,
            unpaid,
        })
        .collect();
    let basis = arrange::offers::Basis {
        account,
        overdue: &overdue,
        terms,
        today,
        outstanding,
        regular: arrears.next_due_amount.0,
        future: &future,
        bucket: standing.bucket,
        band: standing.band,
    };
    let offers = arrange::offers::build(offer_rules, &basis);
    if let Some(o) = offers.iter().find(|o| !o.in_range()) {
        // Settling the whole balance is built on the balances; every other offer on the overdue instalments.
        use arrange::offers::Kind;
        let field = match o.kind {
            Kind::PayInFull | Kind::Restructure => "/balances",
            _ => "/instalments",
        };
        return Err(too_much(path, field, &format!("the `{}` offer", o.id)));
    }
    Ok((Some(penalty), offers))
}

/// Removes every referral, and every notice that threatens one, that the lender does not intend: the
/// escalation's own eligibility (hardship, dispute, cease, review, time-barred, balance, no agency, not worth
/// it) is the one source of consequences, so a message never threatens a step the engine has blocked
/// (FDCPA §1692e(5), CONC 7.3). Without escalation rules, the account's state alone decides for the steps the
/// ladder names (and messages mention no escalation, having no eligibility to go by). After a cease
/// request, what remains may only be a notice of a specific remedy the lender intends (FDCPA §1692c(c)(3)).
fn withhold_unintended(account: &Account, d: &mut Decision) {
    let f = &account.flags;
    let time_barred = d.limitation.as_ref().is_some_and(|l| l.time_barred);
    // The first reason a referral is not intended, from the account's state.
    let state_block = if f.deceased {
        Some(Reason::Deceased)
    } else if f.bankruptcy {
        Some(Reason::Bankruptcy)
    } else if f.attorney {
        Some(Reason::AttorneyRepresented)
    } else if let Some(v) = &d.verification {
        Some(v.ground.reason())
    } else if f.hardship {
        Some(Reason::Hardship)
    } else if time_barred {
        Some(Reason::TimeBarred)
    } else {
        None
    };
    let esc = d.escalation.as_ref();
    let agency_block = state_block
        .or(f.cease.then_some(Reason::CeaseRequested))
        .or_else(|| esc.filter(|e| !e.agency_intended()).map(|_| Reason::NotEligible));
    let legal_block = state_block.or_else(|| esc.filter(|e| !e.legal_intended()).map(|_| Reason::NotEligible));
    let mut kept = Vec::with_capacity(d.actions.len());
    for mut a in std::mem::take(&mut d.actions) {
        use crate::policy::Threat;
        let block = match (a.channel, a.threatens) {
            (Channel::AgencyReferral, _) | (_, Some(Threat::Agency)) => agency_block,
            (Channel::LegalReferral, _) | (_, Some(Threat::Legal)) => legal_block,
            _ => None,
        };
        // After a cease request the schedule lets legally required notices through; of those, only the one
        // that announces the legal referral, while it is intended, is the notice of a specific remedy the
        // law still allows (FDCPA §1692c(c)(3)). Any other would be a demand.
        let block = block.or_else(|| {
            (f.cease && !(a.threatens == Some(Threat::Legal) && esc.is_some_and(|e| e.legal_intended())))
                .then_some(Reason::CeaseRequested)
                .filter(|_| a.legal_notice)
        });
        if let Some(reason) = block {
            d.suppressed.push(Suppressed {
                step: a.step.clone(),
                channel: a.channel,
                reason,
                until: None,
            });
            continue;
        }
        if f.cease && a.notice.is_none() {
            a.notice = Some("specific_remedy");
        }
        kept.push(a);
    }
    d.actions = kept;
}

/// `account.out_of_range` for a figure derived from the account that would pass 2^53 − 1 minor units.
fn too_much(path: &str, field: &str, what: &str) -> Error {
    Error::new(
        Scope::Account,
        ErrorKind::OutOfRange,
        format!("{path}{field}"),
        format!("{what} would pass 2^53-1 minor units, beyond exact arithmetic"),
    )
}

/// Softens the tone where the borrower's situation calls for it.
fn soften(engine: &Engine, account: &Account, decision: &mut Decision) {
    if let Some(s) = tone::softening(account, engine.policy.messages.soften_days, decision.as_of) {
        for a in &mut decision.actions {
            let tone = s.apply(a.tone);
            if tone != a.tone {
                a.tone = tone;
                a.softened = Some(s);
            }
        }
    }
}

/// Writes the words of every action due before `valid_until`, each with the facts of its own send moment.
fn write_messages(
    engine: &Engine,
    account: &Account,
    offer_rules: &crate::policy::OfferRules,
    decision: &mut Decision,
    path: &str,
) -> Result<(), Error> {
    let policy = &engine.policy;
    let zone = account.borrower.time_zone;
    // Projected on no payment (and no new promise) after the decision: the history as of `as_of` only.
    let history_now;
    let account = if account_has_future(account, decision.as_of) {
        history_now = as_known_at(account, decision.as_of);
        &history_now
    } else {
        account
    };
    let written = |ch: Channel| matches!(ch, Channel::Sms | Channel::Email | Channel::Letter | Channel::SocialDm);
    let mut written_before =
        account.history.contacts.iter().any(|x| {
            x.direction == crate::account::Direction::Outbound && x.at <= decision.as_of && written(x.channel)
        });
    let mut messages = Vec::with_capacity(decision.actions.len());
    let mut facts: Option<(chrono::NaiveDate, Decision)> = None;
    // A US debt collector's validation notice: the first letter or e-mail carries it, and its period keeps
    // every deadline at or after its end (for messages before it, the period their notice will start).
    let validation = decision.validation_notice.clone();
    let mut notice_day = validation.as_ref().and_then(|v| v.sent_on).map(|d| d.0);
    let jurisdiction = &policy.jurisdictions.0[&account.jurisdiction];
    for a in &decision.actions {
        if a.at_utc >= decision.valid_until || matches!(a.channel, Channel::AgencyReferral | Channel::LegalReferral) {
            messages.push((None, None));
            continue;
        }
        let day = a.at_utc.local_date(zone);
        let at = match &facts {
            Some((d, view)) if *d == day => view,
            _ => {
                let view = facts_at(policy, offer_rules, account, decision, a.at_utc, path)?;
                &facts.insert((day, view)).1
            }
        };
        let spec = context::Spec {
            step: &a.step,
            channel: a.channel,
            tone: a.tone,
            softened: a.softened,
            template: &a.template,
        };
        let mut ctx = context::build(policy, account, at, spec)
            .with_first_contact(!written_before)
            .with_notice(a.notice);
        let mut is_notice = false;
        if let Some(v) = &validation {
            is_notice = notice_day.is_none() && crate::validation::carries_notice(a.channel);
            let ends = crate::validation::period_end(notice_day.unwrap_or(day), jurisdiction);
            // The decision's itemization counts the penalty to `as_of`; the message counts it to its send day.
            let accrued = |d: &Decision| d.penalty.as_ref().map_or(0, |p| p.accrued.0);
            let itemized = v
                .itemization
                .clone()
                .map(|i| i.with_penalty(accrued(at) - accrued(decision)));
            ctx = ctx.with_validation(is_notice, ends, itemized);
        }
        let message = engine.library.message(&a.template, a.channel, &ctx).map_err(|mut e| {
            // The fault is in the policy's template, not in the account: say which step needed it.
            e.message = format!("step `{}` ({:?}): {}", a.step, a.channel, e.message);
            e
        })?;
        written_before |= written(a.channel) && message.is_some();
        if is_notice && message.is_some() {
            notice_day = Some(day);
        }
        messages.push((Some(crate::time::Date(day)), message));
    }
    for (a, (day, m)) in decision.actions.iter_mut().zip(messages) {
        a.facts_as_of = day.filter(|_| m.is_some());
        a.message = m;
    }
    Ok(())
}

/// The decision's facts as they will stand at `at` if nothing is paid before then: DPD, bucket and arrears
/// (instalments falling due in between become overdue), promise states, penalty accrued to that day and
/// offers counted from it. Score, plan and escalation stay the decision's.
fn facts_at(
    policy: &crate::policy::Policy,
    offer_rules: &crate::policy::OfferRules,
    account: &Account,
    decision: &Decision,
    at: Instant,
    path: &str,
) -> Result<Decision, Error> {
    let zone = account.borrower.time_zone;
    let mut view = decision.clone();
    view.actions = Vec::new();
    view.suppressed = Vec::new();
    let delinquency = dpd::assess(account, policy, zone, at);
    view.as_of = at;
    view.as_of_local = at.to_local_string(zone);
    view.dpd = delinquency.dpd;
    view.bucket = delinquency.bucket;
    view.arrears = delinquency.arrears;
    view.promises = promise::judge(account, policy.promises, zone, at);
    view.arrangement = promise::judge_arrangement(account, policy.promises, zone, at);
    let standing = Standing {
        bucket: &view.bucket,
        band: view.score.as_ref().map(|s| s.band.as_str()),
    };
    let (penalty, mut offers) = money(policy, offer_rules, account, &view.arrears, standing, at, path)?;
    if decision.review.is_some() {
        offers.clear();
    }
    view.penalty = penalty;
    view.offers = offers;
    Ok(view)
}

/// Whether the account records anything after `as_of` (payments, contacts, promises), which a projection
/// made at `as_of` must not know.
fn account_has_future(account: &Account, as_of: Instant) -> bool {
    let h = &account.history;
    h.payments.iter().any(|p| p.at > as_of)
        || h.contacts.iter().any(|c| c.at > as_of)
        || h.promises.iter().any(|p| p.made_at > as_of)
}

/// The account as known at `as_of`: history after it removed.
fn as_known_at(account: &Account, as_of: Instant) -> Account {
    let mut a = account.clone();
    a.history.payments.retain(|p| p.at <= as_of);
    a.history.contacts.retain(|c| c.at <= as_of);
    a.history.promises.retain(|p| p.made_at <= as_of);
    a
}
