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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DecideCall {
    /// The account.
    pub account: Account,
    /// The moment of the decision (RFC 3339 with offset). There is no other "now".
    pub as_of: Instant,
    /// Write each action's message (default). Plans without words are for simulations and dashboards,
    /// where the words are never read and cost most of the time.
    #[serde(default = "crate::json::yes")]
    pub messages: bool,
}

/// The decision for one account at `as_of`. Field order is the output's key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Planned actions within the horizon, in time order, with their words.
    pub actions: Vec<Planned>,
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
    let Some(jurisdiction) = policy.jurisdictions.0.get(&account.jurisdiction) else {
        let known: Vec<&str> = policy.jurisdictions.0.keys().map(String::as_str).collect();
        return Err(Error::new(
            Scope::Account,
            ErrorKind::UnknownJurisdiction,
            format!("{path}/jurisdiction"),
            format!("jurisdiction `{}` is not defined by the policy", account.jurisdiction),
        )
        .with_help(format!("the policy defines {}", known.join(", "))));
    };
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
    // Each rule in turn, on the account's standing; the decision is assembled from their results once.
    let promises = promise::judge(account, policy.promises, zone, as_of);
    let arrangement = promise::judge_arrangement(account, policy.promises, zone, as_of);
    let verification = crate::dispute::assess(account, jurisdiction, zone, as_of);
    let standing = crate::standing::Standing {
        as_of,
        dpd: delinquency.dpd,
        bucket: &delinquency.bucket,
        arrears: &delinquency.arrears,
        promises: &promises,
        arrangement: arrangement.as_ref(),
        limitation: limitation.as_ref(),
        verification: verification.as_ref(),
        validation_notice: validation_notice.as_ref(),
    };
    let score = policy
        .scorecard
        .as_ref()
        .map(|card| score::score(card, account, &standing, zone, as_of));
    let treatment = crate::experiment::treatment(policy, &account.id);
    let voice = tone::Voice {
        arm: treatment.tone,
        softening: tone::softening(account, policy.messages.soften_days, as_of),
    };
    let plan = schedule::plan(
        policy,
        treatment.segments,
        account,
        &standing,
        score.as_ref(),
        as_of,
        voice,
    );
    let escalation = crate::escalate::assess(&policy.escalation, account, &standing, &plan.stage);
    // Offers are for an account in contact: one going to review gets none (they are not even built).
    let eligibility = Eligibility {
        bucket: &delinquency.bucket,
        band: score.as_ref().map(|s| s.band.as_str()),
        review: plan.review.is_some(),
    };
    let (penalty, offers) = money(
        policy,
        treatment.offers,
        account,
        &delinquency.arrears,
        eligibility,
        as_of,
        path,
    )?;
    let accrued = penalty.as_ref().map_or(0, |p| p.accrued.0);
    let mut validation_notice = validation_notice;
    if let Some(v) = validation_notice.as_mut() {
        v.itemization = v.itemization.take().map(|i| i.with_penalty(accrued));
    }
    let mut suppressed = plan.suppressed;
    let intended = withhold_unintended(
        account,
        plan.actions,
        &mut suppressed,
        Blocks {
            verification: verification.as_ref(),
            time_barred: limitation.as_ref().is_some_and(|l| l.time_barred),
            escalation: escalation.as_ref(),
        },
    );
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
        promises,
        score,
        arrangement,
        segment: plan.segment,
        stage: plan.stage,
        actions: Vec::new(),
        suppressed,
        review: plan.review,
        verification,
        validation_notice,
        penalty,
        offers,
        debt_advice: account
            .flags
            .hardship
            .then(|| jurisdiction.debt_advice.clone())
            .flatten(),
        escalation,
        experiments: treatment.assignments,
    };
    // The words last: each states the facts of its own send day, projected from the assembled decision.
    decision.actions = if messages {
        write_messages(engine, account, treatment.offers, &decision, intended, path)?
    } else {
        intended.into_iter().map(Planned::unwritten).collect()
    };
    Ok(decision)
}

/// A planned action and its words: for an action due before the decision's `valid_until`, the message
/// written with the facts of its own send moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Planned {
    /// The action, as planned.
    #[serde(flatten)]
    pub action: Action,
    /// The local day whose facts the words state — the action's own day, projected on no payment before
    /// then (`null` when no words are written).
    pub facts_as_of: Option<crate::time::Date>,
    /// The words, written by the template in the borrower's locale, for actions due before the decision's
    /// `valid_until` (`null` for later actions, which are plan-only until re-decided, and for referrals, which
    /// are work for people, not messages).
    pub message: Option<crate::template::library::Message>,
}

impl Planned {
    /// An action without words (plan-only).
    fn unwritten(action: Action) -> Self {
        Planned {
            action,
            facts_as_of: None,
            message: None,
        }
    }
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

/// Where the account stands for offers: its DPD bucket and score band, and whether it goes to review (then
/// no offer is built).
#[derive(Clone, Copy)]
struct Eligibility<'a> {
    bucket: &'a str,
    band: Option<&'a str>,
    review: bool,
}

/// Penalty interest and repayment offers for the arrears at `as_of` (none when nothing is overdue).
fn money(
    policy: &crate::policy::Policy,
    offer_rules: &crate::policy::OfferRules,
    account: &Account,
    arrears: &Arrears,
    standing: Eligibility<'_>,
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
    if standing.review {
        return Ok((Some(penalty), Vec::new()));
    }
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
fn withhold_unintended(
    account: &Account,
    actions: Vec<Action>,
    suppressed: &mut Vec<Suppressed>,
    blocks: Blocks<'_>,
) -> Vec<Action> {
    let f = &account.flags;
    // The first reason a referral is not intended, from the account's state.
    let state_block = if f.deceased {
        Some(Reason::Deceased)
    } else if f.bankruptcy {
        Some(Reason::Bankruptcy)
    } else if f.attorney {
        Some(Reason::AttorneyRepresented)
    } else if let Some(v) = blocks.verification {
        Some(v.ground.reason())
    } else if f.hardship {
        Some(Reason::Hardship)
    } else if blocks.time_barred {
        Some(Reason::TimeBarred)
    } else {
        None
    };
    let esc = blocks.escalation;
    let agency_block = state_block
        .or(f.cease.then_some(Reason::CeaseRequested))
        .or_else(|| esc.filter(|e| !e.agency_intended()).map(|_| Reason::NotEligible));
    let legal_block = state_block.or_else(|| esc.filter(|e| !e.legal_intended()).map(|_| Reason::NotEligible));
    let mut kept = Vec::with_capacity(actions.len());
    for mut a in actions {
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
            suppressed.push(Suppressed {
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
    kept
}

/// What the account's state and the escalation rules say of referrals.
#[derive(Clone, Copy)]
struct Blocks<'a> {
    verification: Option<&'a crate::dispute::Verification>,
    time_barred: bool,
    escalation: Option<&'a crate::escalate::Escalation>,
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

/// Writes the words of every action due before `valid_until`, each with the facts of its own send moment.
fn write_messages(
    engine: &Engine,
    account: &Account,
    offer_rules: &crate::policy::OfferRules,
    decision: &Decision,
    actions: Vec<Action>,
    path: &str,
) -> Result<Vec<Planned>, Error> {
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
    let mut planned = Vec::with_capacity(actions.len());
    let mut facts: Option<(chrono::NaiveDate, Decision)> = None;
    // A US debt collector's validation notice: the first letter or e-mail carries it, and its period keeps
    // every deadline at or after its end (for messages before it, the period their notice will start).
    let validation = decision.validation_notice.clone();
    let mut notice_day = validation.as_ref().and_then(|v| v.sent_on).map(|d| d.0);
    let jurisdiction = policy.jurisdictions.0.get(&account.jurisdiction);
    for a in actions {
        if a.at_utc >= decision.valid_until || matches!(a.channel, Channel::AgencyReferral | Channel::LegalReferral) {
            planned.push(Planned::unwritten(a));
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
        if let (Some(v), Some(jurisdiction)) = (&validation, jurisdiction) {
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
        planned.push(Planned {
            action: a,
            facts_as_of: message.as_ref().map(|_| crate::time::Date(day)),
            message,
        });
    }
    Ok(planned)
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
    view.suppressed = Vec::new();
    let delinquency = dpd::assess(account, policy, zone, at);
    view.as_of = at;
    view.as_of_local = at.to_local_string(zone);
    view.dpd = delinquency.dpd;
    view.bucket = delinquency.bucket;
    view.arrears = delinquency.arrears;
    view.promises = promise::judge(account, policy.promises, zone, at);
    view.arrangement = promise::judge_arrangement(account, policy.promises, zone, at);
    let standing = Eligibility {
        bucket: &view.bucket,
        band: view.score.as_ref().map(|s| s.band.as_str()),
        review: decision.review.is_some(),
    };
    let (penalty, offers) = money(policy, offer_rules, account, &view.arrears, standing, at, path)?;
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
