//! `decide`: everything Dunwell says about one account at one moment.

use crate::account::Account;
use crate::arrange::{self, Offer, PenaltyView};
use crate::dpd::{self, Arrears};
use crate::engine::{Engine, EngineIdentity};
use crate::error::{Error, ErrorKind, Scope};
use crate::money::Currency;
use crate::policy::DebtAdvice;
use crate::promise::{self, ArrangementStatus, PromiseStatus};
use crate::schedule::{self, Action, Stage, Suppressed, window::Reason};
use crate::score::{self, Score};
use crate::template::{context, tone};
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
    let mut decision = Decision {
        account_id: account.id.clone(),
        as_of,
        as_of_local: as_of.to_local_string(zone),
        time_zone: zone.name(),
        engine: engine.identity.clone(),
        jurisdiction: account.jurisdiction.clone(),
        currency: account.currency,
        dpd: delinquency.dpd,
        bucket: delinquency.bucket,
        arrears: delinquency.arrears,
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
        penalty: None,
        offers: Vec::new(),
        debt_advice: None,
        escalation: None,
        experiments: Vec::new(),
    };
    if let Some(card) = &policy.scorecard {
        decision.score = Some(score::score(card, account, &decision, zone, as_of));
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
    let overdue = arrange::overdue_items(account, zone, as_of, policy.dpd.tolerance.0);
    if !overdue.is_empty() {
        let terms = arrange::terms(policy, &account.jurisdiction);
        let today = as_of.local_date(zone);
        let outstanding = decision.arrears.outstanding.0;
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
        decision.penalty = Some(penalty);
        let regular = decision.arrears.next_due_amount.0;
        let basis = arrange::offers::Basis {
            account,
            overdue: &overdue,
            terms,
            today,
            outstanding,
            regular,
        };
        decision.offers = arrange::offers::build(offer_rules, &basis);
        if let Some(o) = decision.offers.iter().find(|o| !o.in_range()) {
            // Settling the whole balance is built on the balances; every other offer on the overdue instalments.
            use arrange::offers::Kind;
            let field = match o.kind {
                Kind::PayInFull | Kind::Restructure => "/balances",
                _ => "/instalments",
            };
            return Err(too_much(path, field, &format!("the `{}` offer", o.id)));
        }
    }
    let plan = schedule::plan(policy, segments, account, &decision, as_of);
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
    decision.escalation = crate::escalate::assess(&policy.escalation, account, &decision);
    soften(engine, account, &mut decision);
    if messages {
        write_messages(engine, account, &mut decision)?;
    }
    Ok(decision)
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

/// Writes every action's message.
fn write_messages(engine: &Engine, account: &Account, decision: &mut Decision) -> Result<(), Error> {
    let policy = &engine.policy;
    let mut messages = Vec::with_capacity(decision.actions.len());
    for a in &decision.actions {
        let spec = context::Spec {
            step: &a.step,
            channel: a.channel,
            tone: a.tone,
            softened: a.softened,
            template: &a.template,
        };
        let ctx = context::build(policy, account, decision, spec);
        let message = engine.library.message(&a.template, a.channel, &ctx).map_err(|mut e| {
            // The fault is in the policy's template, not in the account: say which step needed it.
            e.message = format!("step `{}` ({:?}): {}", a.step, a.channel, e.message);
            e
        })?;
        messages.push(message);
    }
    for (a, m) in decision.actions.iter_mut().zip(messages) {
        a.message = m;
    }
    Ok(())
}
