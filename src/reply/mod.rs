//! Borrower replies: what a message means and what it changes.

use serde::{Deserialize, Serialize};

/// The intents a reply can carry; the type lives with the account (a recorded contact carries them).
pub use crate::account::Intent;

pub mod classify;
pub mod correction;
pub mod cues;
pub mod extract;
pub mod model;
pub mod pinyin;
pub mod revocation;
pub mod text;

use crate::account::{Account, Channel};
use crate::decision;
use crate::decision::context::{self as decision_context, Spec};
use crate::engine::Engine;
use crate::error::Error;
use crate::template::context;
use crate::template::library::Message;
use crate::template::lint::{self, Finding, Subject};
use crate::template::tone::Softened;
use crate::time::{Date, Instant};
use classify::Found;
use extract::{FoundAmount, FoundDate};

/// Characters of a reply that are read.
const MAX_CHARS: usize = 4_000;

/// Below this confidence (per mille) a person reads the reply.
const HUMAN_BELOW: u32 = 700;

/// Input of `reply`: a borrower's message about an account.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReplyCall {
    /// The account.
    pub account: Account,
    /// When the reply arrived (amounts and dates are read in the borrower's calendar on that day).
    pub as_of: Instant,
    /// The reply's text.
    pub text: String,
    /// The channel it came in on (default `sms`).
    #[serde(default = "default_channel")]
    pub channel: Channel,
}

fn default_channel() -> Channel {
    Channel::Sms
}

/// What the caller should do about a reply. Effects are events to apply to the account; Dunwell keeps no
/// state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// Record a promise to pay (append to `history.promises`).
    RecordPromise {
        /// Minor units.
        amount: i64,
        /// The promised date.
        due: Date,
        /// The reply named no amount: the overdue amount is assumed.
        amount_assumed: bool,
    },
    /// The borrower offered to pay but said no date: ask when.
    AskForDate,
    /// The borrower says it is paid: check the ledger before the next contact.
    VerifyPayment,
    /// Set `flags.dispute` (collection pauses until resolved).
    MarkDispute,
    /// Record a revocation: `channel` opted out, or every channel (`flags.cease`) when `channel` is null.
    RecordCease {
        /// The channel revoked, or null for all contact.
        channel: Option<Channel>,
    },
    /// Set `flags.hardship` (arrangement offers first, gentle tone).
    FlagHardship,
    /// Not the borrower: stop contact on this address and review.
    FlagWrongPerson,
    /// Call the borrower back (on `on`, if a day was named).
    ScheduleCallback {
        /// The day asked for.
        on: Option<Date>,
    },
    /// Set `flags.bankruptcy`: collection contact stops (the automatic stay) while a person reviews the case;
    /// ask for the case number when the reply gave none.
    FlagBankruptcy {
        /// The case number, when given.
        case_number: Option<String>,
    },
    /// Set `flags.attorney`: from now on contact the attorney only; their name and phone when given.
    FlagAttorney {
        /// The attorney's name, when given.
        name: Option<String>,
        /// The attorney's phone, when given.
        phone: Option<String>,
    },
    /// Put the reply in the complaints queue; it must be answered by `respond_by`.
    RouteComplaint {
        /// Always `complaints`.
        queue: &'static str,
        /// The day the complaint must be answered by (15 days in the US and China, 8 weeks in the UK).
        respond_by: Date,
    },
    /// Hold collection until validation information is sent (FDCPA §809(b), Reg F §1006.34).
    PauseForValidation,
    /// A person should read this reply.
    RouteToHuman {
        /// `bankruptcy`, `attorney`, `complaint`, `abusive`, `low_confidence`, `dispute` or `wrong_person`.
        reason: &'static str,
    },
}

/// The contact to append to `history.contacts`: it records the reply and what it said, so the next
/// decision softens the tone and honours a revocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReplyContact {
    /// When.
    pub at: Instant,
    /// Channel.
    pub channel: Channel,
    /// Always inbound.
    pub direction: crate::account::Direction,
    /// Always `replied`.
    pub outcome: crate::account::Outcome,
    /// What it said.
    pub intents: Vec<Intent>,
}

/// The assistant's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Answer {
    /// What it answers: `balance`, `how_to_pay`, `options`, `identity`, `promise`, `hardship`, `dispute`,
    /// `paid`, `callback`, `stop`, `wrong_person`, `bankruptcy`, `attorney`, `complaint`, `validation`.
    pub topic: &'static str,
    /// The other topics the same answer addresses, when the reply said several things (an opt-out and a
    /// promise are both confirmed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<&'static str>,
    /// The words, in the borrower's locale.
    #[serde(flatten)]
    pub message: Message,
    /// Compliance lint of the answer (empty for the built-in templates).
    pub findings: Vec<Finding>,
}

/// What a reply means and what changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Analysis {
    /// `en`, `zh`, `es` or `mixed`.
    pub language: &'static str,
    /// Intents found, each with confidence and cues.
    pub intents: Vec<Found>,
    /// The lowest confidence among the intents (per mille).
    pub confidence: u32,
    /// −100 (hostile) … 100 (warm).
    pub sentiment: i32,
    /// Amounts mentioned.
    pub amounts: Vec<FoundAmount>,
    /// Dates mentioned, resolved in the borrower's calendar.
    pub dates: Vec<FoundDate>,
    /// What to do.
    pub effects: Vec<Effect>,
    /// How the next messages are softened (null: the stage's tone).
    pub tone: Option<Softened>,
    /// The contact record to append.
    pub contact: ReplyContact,
    /// The assistant's answer, when the reply asks something routine or deserves an acknowledgement.
    pub answer: Option<Answer>,
}

/// Reads a reply.
///
/// # Errors
/// As `decide` for the account; `call.template` if an answer template fails.
pub fn analyse(engine: &Engine, call: &ReplyCall) -> Result<Analysis, Error> {
    analyse_with(engine, call, model::CHOSEN)
}

/// The model's intents joined to the rules' as `combine` says. The model never adds a promise (a promise
/// stays rule-backed, so a refusal never becomes one) nor `other`, and never removes an intent the rules
/// found, so every rule-backed revocation stands. What it adds carries confidence 600, below the line at
/// which a person reads the reply.
fn join_model(rules: Vec<Found>, t: &text::Text, combine: model::Combine) -> Vec<Found> {
    let rules_silent = rules.iter().all(|f| f.intent == Intent::Other);
    let promised = rules.iter().any(|f| f.intent == Intent::PromiseToPay);
    // "Thanks, letter received 👍", 收到，谢谢: an acknowledgement says nothing more for the model to find.
    if rules_silent && classify::acknowledgement(t) {
        return rules;
    }
    let take = match combine {
        model::Combine::RulesOnly => false,
        model::Combine::WhenRulesSilent => rules_silent,
        model::Combine::Union | model::Combine::SilentOrRevocation => true,
    };
    if !take {
        return rules;
    }
    let mut out: Vec<Found> = rules.into_iter().filter(|f| f.intent != Intent::Other).collect();
    // The model's strongest intent only, a revocation included: its runners-up are noise on a corpus this
    // small. (It used to add any revocation it read; trained with the blind sets folded in, it read one into
    // plain insults and bankruptcy notices, while the rules alone now catch every revocation in all five
    // labelled sets — BENCHMARKS.md.)
    let predicted = model::predict(t);
    let strongest = predicted
        .iter()
        .find(|(i, _)| !matches!(i, Intent::PromiseToPay | Intent::Other))
        .map(|(i, _)| *i);
    for (intent, _) in predicted {
        let keep = Some(intent) == strongest
            && (combine != model::Combine::SilentOrRevocation || rules_silent || intent == Intent::StopContact);
        if !keep
            || matches!(intent, Intent::PromiseToPay | Intent::Other)
            || out.iter().any(|f| f.intent == intent)
            || (intent == Intent::Attorney && classify::says_no_attorney(t))
            || (intent == Intent::Hardship && classify::deceased_holder(t))
            || (intent == Intent::StopContact && revocation::stop_word_ruled_out(t))
            // "三天后发salary 到时候还800": in a reply the rules read as a promise, a revocation the model guesses where
            // no contact is named at all is noise (any other reply still takes it: recall first).
            || (intent == Intent::StopContact && promised && !revocation::mentions_contact(t))
            // "Perdón, no hablo inglés. ¿Quién es?": a reply that only asks who is writing names no contact to end.
            || (intent == Intent::StopContact
                && rules_silent
                && classify::asks_identity(t)
                && !revocation::mentions_contact(t))
        {
            continue;
        }
        out.push(Found {
            intent,
            confidence: 600,
            cues: vec!["model".into()],
        });
    }
    let mut out = or_other(out, Vec::new());
    crate::sort::sort_by_key(&mut out, |f| f.intent);
    out
}

/// Intents a correction takes back: a promise when the writer takes back all before ("scratch that") or
/// denies paying after the correction with no new day; a stop only when the writer says the stop was a slip
/// and says no stop after it.
fn taken_back(
    intents: Vec<Found>,
    c: &correction::Correction,
    (before, after): &(text::Text, text::Text),
    today: chrono::NaiveDate,
    day_first: bool,
) -> Vec<Found> {
    let new_day = extract::dates(after, today, day_first)
        .iter()
        .any(|d| d.date.0 >= today && !in_denied_clause(after, &d.text));
    let promise_gone = (c.takes_back || classify::denies(after))
        && !new_day
        && classify::classify(after, false, false, false)
            .iter()
            .all(|f| f.intent != Intent::PromiseToPay);
    let stop_gone = c.stop_was_a_slip && revocation::read(before, false).0 > 0 && revocation::read(after, false).0 == 0;
    or_other(
        intents
            .into_iter()
            .filter(|f| {
                let gone = (promise_gone && f.intent == Intent::PromiseToPay)
                    || (stop_gone && f.intent == Intent::StopContact);
                !gone
            })
            .collect(),
        Vec::new(),
    )
}

/// The intents, or `other` with these cues when none is left (a person reads the reply).
fn or_other(mut intents: Vec<Found>, cues: Vec<String>) -> Vec<Found> {
    if intents.is_empty() {
        intents.push(Found {
            intent: Intent::Other,
            confidence: 500,
            cues,
        });
    }
    intents
}

/// Whether the words `date` stand in a clause that denies paying ("这周实在没钱", "can't do Friday").
fn in_denied_clause(t: &text::Text, date: &str) -> bool {
    let Some(at) = t.lower.find(date) else {
        return false;
    };
    let stops = |c: char| matches!(c, ',' | '，' | '。' | '.' | ';' | '；' | '!' | '！' | '\n');
    let start = t
        .lower
        .get(..at)
        .and_then(|h| h.char_indices().rev().find(|(_, c)| stops(*c)))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let end = t
        .lower
        .get(at..)
        .and_then(|r| r.find(stops))
        .map_or(t.lower.len(), |p| at + p);
    t.lower.get(start..end).map(text::Text::new).is_some_and(|clause| {
        classify::denies(&clause)
            || classify::any_phrase(&clause, &["没钱", "没有钱", "no money", "no tengo dinero", "no tengo"])
    })
}

/// "The $180 I sent on March 2", "Paid £200 on 02/09", "pagué el 3": the day a payment was made, read as the next
/// such date by the calendar, is a day gone by, never a day to come.
/// (Every time the day is written so; "I get paid on Thursday" is wages.)
fn paid_on(t: &text::Text, date: &str) -> bool {
    let mut at_all = t.lower.match_indices(date).map(|(at, _)| at).peekable();
    at_all.peek().is_some()
        && at_all.all(|at| {
            let before = t.lower.get(..at).unwrap_or_default().trim_end();
            let after = t.lower.get(at + date.len()..).unwrap_or_default().trim_start();
            // 我已经在2月1号还了1500; "Ya pagué el balance completo el 10 de febrero" (blind30).
            let paid_after = ["还了", "转了", "付了", "还的", "转的", "已还"]
                .iter()
                .any(|w| after.starts_with(w));
            let clause = before.rsplit([',', '.', ';', '，', '。']).next().unwrap_or_default();
            let paid_in_clause = (clause.contains("ya pague") && !clause.contains(" y "))
                || ["已经在", "已经于", "已于"].iter().any(|w| before.ends_with(w));
            (paid_before(before) || paid_after || paid_in_clause)
                && !["get paid on", "gets paid on", "getting paid on"]
                    .iter()
                    .any(|w| before.ends_with(w))
        })
}

fn paid_before(before: &str) -> bool {
    [
        "sent on",
        "sent it on",
        "paid on",
        "paid it on",
        "made on",
        "made it on",
        "transferred on",
        "deposited on",
        "went out on",
        "pague el",
        "deposite el",
        "mande el",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

/// The date written nearest the words `near` (a sum), by character distance in the reply.
/// A date in the same clause as the sum comes first ("明天先还200 后天还300": tomorrow's is the 200).
fn nearest_to<'a, 'b>(t: &text::Text, near: &str, dates: &'b [&'a FoundDate]) -> Option<&'b &'a FoundDate> {
    let at = t.lower.find(near)?;
    let chinese = t.has_chinese();
    let clause_of = |pos: usize| {
        t.lower[..pos.min(t.lower.len())]
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '。' | ';' | '；' | '\n') || (chinese && c.is_whitespace()))
            .count()
    };
    // "este viernes le voy a dar 250 porque hoy me pagaron": a day that gives the reason (the pay that came in)
    // is not the day of the payment, however near the sum it stands (blind27).
    let reason = |pos: usize, len: usize| {
        let before = t.lower.get(..pos).unwrap_or("").trim_end();
        let after = t.lower.get(pos + len..).unwrap_or("").trim_start();
        ["porque", "because", "since", "ya que", "因为"]
            .iter()
            .any(|w| before.ends_with(w))
            || [
                "me pagaron",
                "i got paid",
                "got paid",
                "me depositaron",
                "发工资了",
                "发了工资",
                "工资到了",
            ]
            .iter()
            .any(|w| after.starts_with(w))
    };
    dates
        .iter()
        .filter_map(|d| {
            t.lower.find(d.text.as_str()).map(|p| {
                (
                    (reason(p, d.text.len()), clause_of(p) != clause_of(at), p.abs_diff(at)),
                    d,
                )
            })
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, d)| d)
}

/// As [`analyse`], with the model joined as `combine` says (for measuring the combinations).
///
/// # Errors
/// As [`analyse`].
pub fn analyse_with(engine: &Engine, call: &ReplyCall, combine: model::Combine) -> Result<Analysis, Error> {
    let d = decision::decide_account(engine, &call.account, call.as_of, "/account")?;
    let zone = call.account.borrower.time_zone;
    let today = call.as_of.local_date(zone);
    // The reply itself sits at the top; what follows a few thousand characters is quoted history or noise,
    // and reading it would only cost time (the rules scan the text a few times per cue).
    let head: String = text::own_words(&call.text).chars().take(MAX_CHARS).collect();
    let locale = context::locale_of(&call.account);
    // A Chinese borrower typing pinyin without an input method is read as the Chinese it spells.
    let head = match locale.starts_with("zh").then(|| pinyin::from_pinyin(&head)).flatten() {
        Some(hanzi) => hanzi,
        None => head,
    };
    // "15号还你 / 哦不对 20号": the last word stands, and the marker of the slip is not read as a dispute.
    let correction = correction::read(&head);
    let head = correction.as_ref().map_or(head, |c| c.text.clone());
    let t = text::Text::new(&head);
    let amounts: Vec<FoundAmount> = extract::amounts(&t, &call.account.currency);
    // Numeric dates are day/month only in British English; US English, US Spanish and Chinese (year/month/day order)
    // put the month first.
    let dates: Vec<FoundDate> = extract::dates(&t, today, locale == "en-GB");
    let future: Vec<&FoundDate> = dates
        .iter()
        .filter(|x| x.date.0 >= today && !paid_on(&t, &x.text))
        .collect();
    let later = future.iter().any(|x| x.date.0 > today);
    let intents = join_model(
        // A day no calendar has (2月30号, "Nov 31") was still named: the promise stands and its day is asked for.
        classify::classify(
            &t,
            !amounts.is_empty(),
            !future.is_empty() || extract::names_impossible_day(&t),
            later,
        ),
        &t,
        combine,
    );
    // The corrected and the correcting words, read once for the intents, the day and the sum.
    let halves = correction
        .as_ref()
        .map(|c| (c, (text::Text::new(c.before()), text::Text::new(c.after()))));
    let intents = match &halves {
        Some((c, read)) => taken_back(intents, c, read, today, locale == "en-GB"),
        None => intents,
    };
    // An auto-reply, a bounce or a bot says nothing of the borrower's: a person reads it. A line a person added
    // to it still revokes ("【自动回复】我在休假… / ——手动补一句：别再打我爸妈电话了", blind37): recall is the floor.
    let intents = if text::machine_written(&call.text) {
        let human: Vec<&str> = call.text.lines().filter(|l| !text::machine_written(l)).collect();
        let human = text::Text::new(&human.join("\n"));
        let kept: Vec<Found> = intents
            .into_iter()
            .filter(|f| f.intent == Intent::StopContact && revocation::read(&human, false).0 > 0)
            .collect();
        or_other(kept, vec!["machine-written".into()])
    } else {
        intents
    };
    // The day a correction names, when it names one not said before: "wait no, el martes / el lunes no tengo".
    let corrected_day: Option<FoundDate> = halves.as_ref().and_then(|(_, (before_text, after_text))| {
        let before: Vec<FoundDate> = extract::dates(before_text, today, locale == "en-GB");
        extract::dates(after_text, today, locale == "en-GB")
            .into_iter()
            .filter(|d| d.date.0 >= today && !before.iter().any(|b| b.date == d.date))
            .find(|d| !in_denied_clause(after_text, &d.text) && !paid_on(after_text, &d.text))
    });
    let has = |i: Intent| intents.iter().any(|f| f.intent == i);
    let confidence = intents.iter().map(|f| f.confidence).min().unwrap_or(0);
    let sentiment = classify::sentiment(&t, &intents);
    let language = match (t.has_chinese(), t.has_latin()) {
        (true, true) => "mixed",
        (true, false) => "zh",
        _ if text::looks_spanish(&t) => "es",
        _ => "en",
    };

    // "ok I'll pay 100 on the 5th / actually no, 150": the sum a correction names, when it names one not said
    // before, is the sum promised (a bare figure counts there: the correction is about the sum).
    let corrected_amount: Option<FoundAmount> = halves.as_ref().and_then(|(_, (before_text, after_text))| {
        let before: Vec<i64> = extract::amounts(before_text, &call.account.currency)
            .iter()
            .map(|a| a.amount)
            .collect();
        let mut after = extract::amounts(after_text, &call.account.currency);
        if after.is_empty() {
            let date_words: Vec<String> = extract::dates(after_text, today, locale == "en-GB")
                .into_iter()
                .map(|d| d.text)
                .collect();
            after.extend(extract::bare_amount(after_text, &date_words, &call.account.currency));
        }
        after.into_iter().find(|a| !before.contains(&a.amount))
    });
    let mut effects = Vec::new();
    let mut promised: Option<(i64, Date, bool)> = None;
    if has(Intent::PromiseToPay) {
        let bare;
        let mut own = extract::promised_amount(&t, &amounts, call.account.currency.code, has(Intent::AlreadyPaid));
        if corrected_amount.is_some() {
            own = corrected_amount.as_ref();
        }
        if own.is_none() && amounts.is_empty() {
            let date_words: Vec<String> = dates.iter().map(|d| d.text.clone()).collect();
            bare = extract::bare_amount(&t, &date_words, &call.account.currency);
            own = bare.as_ref();
        }
        // "Not today — tomorrow": the promise is for the later day.
        // "Paid 100 on Monday, another 100 next Friday": the later date is the promise's.
        // "这周实在没钱，下周三还": a day named in the clause that denies paying is not the day promised.
        let future: Vec<&FoundDate> = match future.iter().filter(|d| !in_denied_clause(&t, &d.text)).count() {
            0 => future.clone(),
            _ => future
                .iter()
                .filter(|d| !in_denied_clause(&t, &d.text))
                .copied()
                .collect(),
        };
        let corrected: Vec<&FoundDate> = corrected_day.iter().collect();
        let day = if !corrected.is_empty() {
            corrected.first()
        } else if classify::denies(&t) && !classify::only_the_rest_when_able(&t) {
            future.iter().find(|x| x.date.0 > today)
        } else if has(Intent::AlreadyPaid) {
            // A day after today comes first: "a fin de mes le pago los 180 que faltan, hoy le mandé 100" pays today
            // and promises the end of the month.
            future.iter().rev().find(|x| x.date.0 > today).or_else(|| future.last())
        } else if classify::any_phrase(
            &t,
            &[
                "each",
                "every",
                "a month",
                "per month",
                "每个月",
                "每月",
                "cada mes",
                "cada quincena",
                "cada semana",
                // "half on the 20th and the rest before christmas", "el 1ro le pago 250 y el 15 otros 250",
                // "先还一千 剩下的下个月再还": the rest comes later, the promise is the first part.
                "the rest",
                "the remainder",
                "el resto",
                "otros",
                "lo que falta",
                "剩下",
                "剩余",
            ],
        ) {
            // Instalments ("half on the 1st and the other half on the 15th, £90 each"): the first one's day, the
            // earliest whatever order they were said in.
            future.iter().min_by_key(|x| x.date.0)
        } else if let Some(a) = own.filter(|_| future.len() > 1) {
            // "I start a new job Monday. I can do $50 on the 15th": the day said with the sum.
            nearest_to(&t, &a.text, &future).or_else(|| future.first())
        } else {
            future.first()
        };
        match day {
            Some(day) => {
                // "Half of the $860", "账单3600，这周六先还一半": the share of the one sum named.
                // (Not when the share is what was already paid: "已经还了一半1500了，剩下的1500…".)
                let portion = extract::share(&t).filter(|_| amounts.len() <= 1 && !has(Intent::AlreadyPaid));
                let (amount, assumed) = match own {
                    Some(a) => match portion {
                        Some((n, d)) => (
                            crate::money::div_round(
                                i128::from(a.amount) * i128::from(n),
                                i128::from(d),
                                crate::money::Rounding::HalfEven,
                            ),
                            false,
                        ),
                        None => (a.amount, false),
                    },
                    None => (d.arrears.overdue_amount.0.max(d.arrears.next_due_amount.0), true),
                };
                promised = Some((amount, day.date, assumed));
                effects.push(Effect::RecordPromise {
                    amount,
                    due: day.date,
                    amount_assumed: assumed,
                });
            }
            None => effects.push(Effect::AskForDate),
        }
    }
    if has(Intent::AlreadyPaid) {
        effects.push(Effect::VerifyPayment);
    }
    if has(Intent::Dispute) {
        effects.push(Effect::MarkDispute);
    }
    if has(Intent::StopContact) {
        match revocation::kept_channel(&t) {
            // "Only by post": every other channel is revoked (Reg F §1006.14(h): a medium the borrower asked
            // not to be used), one effect each, in the order of `Channel`.
            Some(kept) => {
                for channel in [
                    Channel::Sms,
                    Channel::Email,
                    Channel::Letter,
                    Channel::Call,
                    Channel::SocialDm,
                ] {
                    if channel != kept {
                        effects.push(Effect::RecordCease { channel: Some(channel) });
                    }
                }
            }
            None => effects.push(Effect::RecordCease {
                channel: cease_scope(&t, call.channel),
            }),
        }
    }
    if has(Intent::Hardship) {
        effects.push(Effect::FlagHardship);
    }
    if has(Intent::WrongPerson) {
        effects.push(Effect::FlagWrongPerson);
    }
    if has(Intent::CallbackRequest) {
        effects.push(Effect::ScheduleCallback {
            on: future.first().map(|x| x.date),
        });
    }
    let case_number = extract::case_number(&head);
    if has(Intent::Bankruptcy) {
        effects.push(Effect::FlagBankruptcy {
            case_number: case_number.clone(),
        });
    }
    let (attorney_name, attorney_phone) = (extract::attorney_name(&head), extract::phone(&head));
    if has(Intent::Attorney) {
        effects.push(Effect::FlagAttorney {
            name: attorney_name.clone(),
            phone: attorney_phone.clone(),
        });
    }
    let respond_by = if has(Intent::Complaint) {
        // CFPB and China's regulators expect an answer within 15 days; the FCA's DISP rules allow 8 weeks.
        let days = if call.account.jurisdiction == "GB" { 56 } else { 15 };
        let by = today.checked_add_signed(chrono::Duration::days(days)).unwrap_or(today);
        effects.push(Effect::RouteComplaint {
            queue: "complaints",
            respond_by: Date(by),
        });
        Some(Date(by))
    } else {
        None
    };
    if has(Intent::ValidationRequest) {
        effects.push(Effect::PauseForValidation);
    }
    let human = if has(Intent::Bankruptcy) {
        Some("bankruptcy")
    } else if has(Intent::Attorney) {
        Some("attorney")
    } else if has(Intent::Complaint) {
        Some("complaint")
    } else if has(Intent::Abusive) {
        Some("abusive")
    } else if has(Intent::WrongPerson) {
        Some("wrong_person")
    } else if has(Intent::Dispute) {
        Some("dispute")
    } else if confidence < HUMAN_BELOW && !acknowledgement(&t) && !classify::asks_identity(&t) {
        Some("low_confidence")
    } else {
        None
    };
    if let Some(reason) = human {
        effects.push(Effect::RouteToHuman { reason });
    }
    let tone = if has(Intent::Hardship) {
        Some(Softened::Hardship)
    } else if has(Intent::Abusive) || sentiment <= -50 {
        Some(Softened::AngryReply)
    } else {
        None
    };
    let recorded: Vec<Intent> = intents.iter().map(|f| f.intent).collect();
    let contact = ReplyContact {
        at: call.as_of,
        channel: call.channel,
        direction: crate::account::Direction::Inbound,
        outcome: crate::account::Outcome::Replied,
        intents: recorded,
    };

    // The answer addresses every intent it can: a wrong number alone (it must not reveal the debt); legal
    // matters (bankruptcy, an attorney) with no collection talk; otherwise a revocation first, then hardship,
    // disputes, questions and acknowledgements, each confirmed. Abuse gets no words of its own.
    let mut topics: Vec<&'static str> = Vec::new();
    if has(Intent::WrongPerson) {
        topics.push("wrong_person");
    } else {
        let legal = has(Intent::Bankruptcy) || has(Intent::Attorney);
        let wanted = [
            (has(Intent::Bankruptcy), "bankruptcy", true),
            (has(Intent::Attorney), "attorney", true),
            (has(Intent::StopContact), "stop", true),
            (has(Intent::Complaint), "complaint", true),
            (has(Intent::Hardship), "hardship", false),
            (has(Intent::Dispute), "dispute", true),
            (has(Intent::ValidationRequest), "validation", true),
            (has(Intent::QuestionBalance), "balance", false),
            (has(Intent::QuestionHowToPay), "how_to_pay", false),
            (has(Intent::QuestionOptions), "options", false),
            (has(Intent::PromiseToPay), "promise", false),
            (has(Intent::AlreadyPaid), "paid", false),
            (
                has(Intent::CallbackRequest) && !has(Intent::StopContact),
                "callback",
                false,
            ),
        ];
        for (on, topic, in_legal) in wanted {
            if on && (in_legal || !legal) {
                topics.push(topic);
            }
        }
        if topics.is_empty() && !has(Intent::Abusive) && classify::asks_identity(&t) {
            topics.push("identity");
        }
    }
    let extra = Extra {
        case_number,
        attorney_known: attorney_name.is_some() || attorney_phone.is_some(),
        respond_by,
        // The answer names the channel only when one was revoked; several ("only by post") get the plain wording.
        cease_channel: match effects
            .iter()
            .filter_map(|e| match e {
                Effect::RecordCease { channel } => Some(*channel),
                _ => None,
            })
            .collect::<Vec<_>>()
            .as_slice()
        {
            [one] => Some(*one),
            _ => None,
        },
    };
    let answer = match topics.first() {
        Some(_) if call.channel != Channel::Call => {
            // A text must stay within the policy's segments: when every topic does not fit, routine ones
            // (balance, how to pay, options, paid, callback) give way first, then all but the first two. A
            // person reads every reply that carries a legal intent, so nothing is lost.
            let max = engine.policy().messages.max_sms_segments;
            let routine = ["balance", "how_to_pay", "options", "paid", "callback"];
            let essential: Vec<&'static str> = topics.iter().copied().filter(|x| !routine.contains(x)).collect();
            let mut tries: Vec<Vec<&'static str>> = vec![topics.clone()];
            if !essential.is_empty() && essential.len() < topics.len() {
                tries.push(essential.clone());
            }
            let base = if essential.is_empty() { &topics } else { &essential };
            if base.len() > 2 {
                tries.push(base.iter().take(2).copied().collect());
            }
            let mut chosen = None;
            for these in &tries {
                let a = answer(engine, call, &d, these, promised, &effects, &extra)?;
                let fits = a.message.sms.as_ref().is_none_or(|m| m.segments <= max);
                chosen = Some(a);
                if fits {
                    break;
                }
            }
            chosen
        }
        _ => None,
    };
    Ok(Analysis {
        language,
        intents,
        confidence,
        sentiment,
        amounts,
        dates,
        effects,
        tone,
        contact,
        answer,
    })
}

/// What an answer says beyond the message context: the legal details the reply gave or lacks.
struct Extra {
    case_number: Option<String>,
    attorney_known: bool,
    respond_by: Option<Date>,
    cease_channel: Option<Option<Channel>>,
}

/// Writes and lints the assistant's answer: one topic's own template (`reply_<topic>`), or `reply_several`
/// confirming each topic in turn.
fn answer(
    engine: &Engine,
    call: &ReplyCall,
    d: &decision::Decision,
    topics: &[&'static str],
    promised: Option<(i64, Date, bool)>,
    effects: &[Effect],
    extra: &Extra,
) -> Result<Answer, Error> {
    let policy = engine.policy();
    let topic = topics.first().copied().unwrap_or("identity");
    let id = if topics.len() > 1 {
        "reply_several".to_string()
    } else {
        format!("reply_{topic}")
    };
    let spec = Spec {
        step: topic,
        channel: call.channel,
        tone: crate::policy::Tone::Gentle,
        softened: None,
        template: &id,
    };
    let mut ctx = decision_context::build(policy, &call.account, d, spec);
    if let Some((amount, due, assumed)) = promised {
        ctx = ctx.with_promise(amount, due, assumed);
    }
    let on = effects.iter().find_map(|e| match e {
        Effect::ScheduleCallback { on } => *on,
        _ => None,
    });
    ctx = ctx.with_callback(on);
    let library = engine.library();
    let key = library.resolve(ctx.locale(), &id).ok_or_else(|| {
        Error::new(
            crate::error::Scope::Call,
            crate::error::ErrorKind::UnknownTemplate,
            "",
            format!("no template `{id}` for locale {}", ctx.locale()),
        )
    })?;
    let cease_channel = match extra.cease_channel {
        Some(Some(Channel::Call)) => Some("calls"),
        Some(Some(Channel::Sms)) => Some("texts"),
        Some(Some(Channel::Email)) => Some("email"),
        Some(None) => Some("all"),
        _ => None,
    };
    let vars = minijinja::context! {
        topics => topics.to_vec(),
        case_number => extra.case_number.clone(),
        attorney_known => extra.attorney_known,
        respond_by => extra.respond_by.map(|x| x.to_string()),
        cease_channel => cease_channel,
        ..crate::template::library::template_value(&ctx)
    };
    let text = library
        .render_part(&key, crate::template::library::Part::Answer, &vars)?
        .trim()
        .to_string();
    let message = Message {
        sms: (call.channel == Channel::Sms).then(|| crate::template::sms::measure(&text)),
        template: key,
        subject: None,
        text: Some(text),
        html: None,
    };
    let preset = policy
        .jurisdictions
        .0
        .get(&call.account.jurisdiction)
        .map_or("custom", |j| j.preset.code());
    let findings = lint::lint_message(
        &message,
        &Subject {
            template: &message.template,
            source: library.source(&message.template).unwrap_or_default(),
            rendered: "",
            locale: ctx.locale(),
            preset,
            channel: call.channel,
            company: policy.company.identity(&call.account.jurisdiction).name,
            max_sms_segments: policy.messages.max_sms_segments,
            disclose: topic != "wrong_person" && policy.company.role == crate::policy::Role::Agency,
        },
    );
    Ok(Answer {
        topic,
        also: topics.iter().skip(1).copied().collect(),
        message,
        findings,
    })
}

/// Which channel a revocation covers: the one it names ("stop calling" → calls), every channel for a
/// general request ("do not contact me", 不要再联系), else the channel the reply came in on.
fn cease_scope(t: &text::Text, replied_on: Channel) -> Option<Channel> {
    let all_en = [
        "dont contact",
        "do not contact",
        "never contact",
        "leave me alone",
        "cease",
        "stop contacting",
        "revoke my consent",
    ];
    let all_es = [
        "no me contacten",
        "no me contacte",
        "dejenme en paz",
        "dejeme en paz",
        "no quiero que me contacten",
        "no quiero saber nada",
    ];
    let all_zh = [
        "不要再联系",
        "别再联系",
        "不要联系我",
        "别联系我",
        "以后别联系",
        "停止联系",
    ];
    if all_en.iter().any(|c| t.has_words(c))
        || all_es.iter().any(|c| t.has_words(c))
        || all_zh.iter().any(|c| t.compact.contains(c))
    {
        return None;
    }
    let calls = [
        "call",
        "calling",
        "calls",
        "phone",
        "ring",
        "ringing",
        "llamen",
        "llamar",
        "llamarme",
        "llamadas",
        "llamando",
        "llames",
        "llame",
        "marquen",
        "marcar",
        "marcando",
        "marques",
        "voicemails",
        "voicemail",
    ];
    let texts = [
        "text",
        "texting",
        "texts",
        "sms",
        "messages",
        "messaging",
        "mensajes",
        "textos",
        "mensaje",
    ];
    // "Don't post anything to my parents", "stop writing to me": the post.
    if [
        "dont post",
        "do not post",
        "dont mail",
        "do not mail",
        "dont write to",
        "do not write to",
        "stop writing to",
        "stop mailing",
    ]
    .iter()
    .any(|c| t.has_words(c))
    {
        return Some(Channel::Letter);
    }
    // "Please don't send these on Sundays, my phone buzzing…": what is sent is the messages the reply answers
    // (or the letters or e-mails it names), not calls, whatever else the reply mentions.
    if [
        "dont send",
        "do not send",
        "stop sending",
        "quit sending",
        "no me manden",
        "no manden",
    ]
    .iter()
    .any(|c| t.has_words(c))
    {
        if t.tokens
            .iter()
            // "Don't send anything to my parents' address": a postal address.
            .any(|w| w.starts_with("letter") || matches!(w.as_str(), "post" | "cartas" | "address" | "direccion"))
        {
            return Some(Channel::Letter);
        }
        if t.tokens.iter().any(|w| w.starts_with("email")) {
            return Some(Channel::Email);
        }
        return Some(if replied_on == Channel::Call {
            Channel::Sms
        } else {
            replied_on
        });
    }
    // The channel the "don't" governs ("my mom's phone… don't text this number"), before any other named.
    let negations = ["dont", "not", "stop", "never", "quit", "no"];
    for (i, w) in t.tokens.iter().enumerate() {
        if !negations.contains(&w.as_str()) {
            continue;
        }
        for v in t.tokens.iter().skip(i + 1).take(2) {
            if texts.contains(&v.as_str()) {
                return Some(Channel::Sms);
            }
            if calls.contains(&v.as_str()) {
                return Some(Channel::Call);
            }
        }
    }
    if t.tokens.iter().any(|w| calls.contains(&w.as_str()))
        || ["打电话", "来电", "别打", "不要打", "再打"]
            .iter()
            .any(|c| t.compact.contains(c))
    {
        return Some(Channel::Call);
    }
    if t.tokens.iter().any(|w| texts.contains(&w.as_str()))
        || ["短信", "别发", "不要发", "再发"].iter().any(|c| t.compact.contains(c))
    {
        return Some(Channel::Sms);
    }
    if t.tokens
        .iter()
        .any(|w| w.starts_with("email") || w.starts_with("correo"))
        || t.compact.contains("邮件")
    {
        return Some(Channel::Email);
    }
    Some(replied_on)
}

/// A short acknowledgement ("ok", "thanks", 收到) needs no person even though it carries no intent.
fn acknowledgement(t: &text::Text) -> bool {
    const ACK: [&str; 16] = [
        "ok",
        "okay",
        "k",
        "thanks",
        "thank you",
        "thx",
        "got it",
        "noted",
        "👍",
        "👌",
        "好的",
        "收到",
        "知道了",
        "谢谢",
        "嗯",
        "好",
    ];
    let bare: String = t
        .lower
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && !c.is_whitespace() && !"，。！？".contains(*c))
        .collect();
    ACK.iter().any(|a| bare == a.replace(' ', ""))
        || (t.tokens.len() <= 4 && ["thanks", "thank"].iter().any(|w| t.has_words(w)))
}
