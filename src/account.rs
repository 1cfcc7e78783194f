//! The account a CRM sends: balances, instalments, borrower, channels, history, flags and features.
//!
//! Field names follow DESIGN.md; every struct denies unknown fields so a typo fails loudly instead of
//! silently dropping, say, a `cease` flag.

use crate::json::UniqueMap;
use crate::money::{Amount, Currency};
use crate::time::{Date, Instant, LocalTime, Zone};
use serde::{Deserialize, Serialize};

/// One overdue (or current) loan account.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The CRM's stable id; also the key for champion/challenger hashing.
    pub id: String,
    /// Jurisdiction code; must be one the policy defines (`US`, `CN`, `GB` in the default policy).
    pub jurisdiction: String,
    /// ISO 4217 currency of every amount in this account.
    pub currency: Currency,
    /// Outstanding balances in minor units.
    #[serde(default)]
    pub balances: Balances,
    /// The instalment schedule, in any order (the core sorts by due date).
    #[serde(default)]
    pub instalments: Vec<Instalment>,
    /// The person who owes.
    pub borrower: Borrower,
    /// How the borrower can be reached, per channel.
    #[serde(default)]
    pub channels: Channels,
    /// What has happened so far.
    #[serde(default)]
    pub history: History,
    /// Legal and handling states.
    #[serde(default)]
    pub flags: Flags,
    /// Free-form scoring features from the CRM (numbers, strings or booleans).
    #[serde(default)]
    pub features: UniqueMap<Feature>,
    /// Date the loan was opened (for account-age features).
    #[serde(default)]
    pub opened: Option<Date>,
    /// A repayment arrangement the borrower agreed to, if any.
    #[serde(default)]
    pub arrangement: Option<Arrangement>,
    /// Contract reference (the signed loan agreement), for evidence packs.
    #[serde(default)]
    pub contract: Option<String>,
    /// The agency the account is placed with, if it is.
    #[serde(default)]
    pub placement: Option<Placement>,
    /// The itemization a US debt collector's validation notice states (Reg F §1006.34(c)(2)); needed when the
    /// policy's `company.role` is `agency` ([`crate::validation`]).
    #[serde(default)]
    pub itemization: Option<Itemization>,
}

/// What the debt was on an itemization date (the last statement, charge-off, last payment, transaction or
/// judgment date, §1006.34(b)(3)), and to whom it is owed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Itemization {
    /// The itemization date.
    pub date: Date,
    /// What was owed on it.
    pub amount: Amount,
    /// The creditor to whom the debt is owed now.
    pub creditor: String,
}

/// A placement with a collection agency.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// Agency id (from the policy's `escalation.agency.agencies`).
    pub agency: String,
    /// When it was placed.
    pub placed_at: Instant,
}

/// An agreed repayment arrangement: while it is kept, the ladder gives way to check-ins before each instalment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Arrangement {
    /// The CRM's id.
    pub id: String,
    /// When the borrower agreed.
    pub agreed_at: Instant,
    /// The arrangement's own instalments; payments after `agreed_at` are matched to them oldest first.
    pub instalments: Vec<ArrangementInstalment>,
}

/// One instalment of an arrangement.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ArrangementInstalment {
    /// Due date (borrower's calendar).
    pub due: Date,
    /// Amount due.
    pub amount: Amount,
}

/// Outstanding balances.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Balances {
    /// Principal outstanding.
    #[serde(default)]
    pub principal: Amount,
    /// Contractual interest outstanding.
    #[serde(default)]
    pub interest: Amount,
    /// Fees outstanding.
    #[serde(default)]
    pub fees: Amount,
}

/// One instalment of the repayment schedule.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Instalment {
    /// Calendar due date (the borrower's local calendar).
    pub due: Date,
    /// Amount due.
    pub amount: Amount,
    /// Amount the loan system has already allocated to this instalment. When any instalment carries
    /// `paid`, the loan system's allocation is authoritative; otherwise the core allocates
    /// `history.payments` oldest first.
    #[serde(default)]
    pub paid: Option<Amount>,
}

/// The borrower.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Borrower {
    /// Name as it should appear in messages.
    pub name: String,
    /// Message locale; defaults to the jurisdiction's locale.
    #[serde(default)]
    pub locale: Option<Locale>,
    /// IANA time zone of the borrower's location: contact windows are computed here.
    pub time_zone: Zone,
    /// Year of birth (age band feature, channel choice by profile).
    #[serde(default)]
    pub birth_year: Option<i32>,
    /// Monthly income in minor units (affordability).
    #[serde(default)]
    pub monthly_income: Option<Amount>,
    /// Stated monthly expenses in minor units (affordability).
    #[serde(default)]
    pub monthly_expenses: Option<Amount>,
    /// The channel the borrower prefers.
    #[serde(default)]
    pub preferred_channel: Option<Channel>,
    /// Times the borrower said are inconvenient (Reg F §1006.6(b)(1)).
    #[serde(default)]
    pub inconvenient_times: Vec<InconvenientTime>,
    /// US state (two capital letters, e.g. `MA`) where state law adds to the federal rules: limitation
    /// periods, time-barred disclosures, call caps.
    #[serde(default)]
    pub state: Option<String>,
}

/// A locale messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Locale {
    /// Simplified Chinese (mainland China).
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English (United States).
    #[serde(rename = "en-US")]
    EnUs,
    /// English (United Kingdom).
    #[serde(rename = "en-GB")]
    EnGb,
    /// Spanish (United States): the assistant's answers are written in Spanish; other messages fall back to
    /// `en-US` words until the library has Spanish ones.
    #[serde(rename = "es-US")]
    EsUs,
}

/// A recurring local time range the borrower asked not to be contacted in.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InconvenientTime {
    /// ISO weekdays 1 (Monday) … 7 (Sunday); empty means every day.
    #[serde(default)]
    pub days: Vec<u8>,
    /// Start, local `HH:MM`.
    pub from: LocalTime,
    /// End (exclusive), local `HH:MM`; earlier than `from` means it crosses midnight.
    pub to: LocalTime,
}

/// A contact channel (DESIGN.md names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Text message.
    Sms,
    /// E-mail.
    Email,
    /// Postal letter.
    Letter,
    /// Telephone call (agent or AI voice).
    Call,
    /// Private social-media direct message (never a public post).
    SocialDm,
    /// Placement with an external collection agency.
    AgencyReferral,
    /// Referral to legal action.
    LegalReferral,
}

/// Reachability per channel.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Channels {
    /// Mobile number for texts.
    #[serde(default)]
    pub sms: Option<ChannelState>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<ChannelState>,
    /// Postal address.
    #[serde(default)]
    pub letter: Option<ChannelState>,
    /// Phone number for calls.
    #[serde(default)]
    pub call: Option<ChannelState>,
    /// Social-media handle for private messages.
    #[serde(default)]
    pub social_dm: Option<ChannelState>,
}

/// One channel's address and permissions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChannelState {
    /// Number, e-mail address, postal address or handle.
    pub address: String,
    /// Whether the borrower consented to this channel: `true`, `false`, or absent (unknown). Unknown counts as
    /// consent except where the jurisdiction requires it to be explicit (US texts, TCPA).
    #[serde(default)]
    pub consent: Option<bool>,
    /// Whether the borrower revoked or opted out.
    #[serde(default)]
    pub opted_out: bool,
    /// Whether the last attempt bounced or the number is dead.
    #[serde(default)]
    pub bounced: bool,
    /// A work address or phone (US: no employer e-mail, §1006.22(f)(3)).
    #[serde(default)]
    pub workplace: bool,
}

/// What happened before `as_of`. Events after `as_of` are ignored: a decision is "as of" that moment.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct History {
    /// Payments received.
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// Contacts made or received.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Promises to pay.
    #[serde(default)]
    pub promises: Vec<Promise>,
}

/// A payment received.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// When it was received.
    pub at: Instant,
    /// Amount in minor units (positive).
    pub amount: Amount,
}

/// A contact attempt or conversation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// When it happened.
    pub at: Instant,
    /// Which channel.
    pub channel: Channel,
    /// Who started it.
    #[serde(default)]
    pub direction: Direction,
    /// What came of it.
    pub outcome: Outcome,
    /// For a reply: what it said (from `reply`, or the agent's notes). `hardship` and `abusive` soften the tone
    /// of the next messages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<Intent>,
}

/// Who started a contact. Inbound calls don't count against call caps (Reg F §1006.14(b)(3)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The lender or its agent contacted the borrower.
    #[default]
    Outbound,
    /// The borrower contacted the lender.
    Inbound,
}

/// The result of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Right-party contact: a conversation with the borrower.
    Rpc,
    /// Spoke with someone else.
    ThirdParty,
    /// Rang, no answer.
    NoAnswer,
    /// Line busy.
    Busy,
    /// Left a voicemail (limited-content message).
    Voicemail,
    /// The number does not belong to the borrower.
    WrongNumber,
    /// Message sent.
    Sent,
    /// Message delivered.
    Delivered,
    /// Message bounced.
    Bounced,
    /// Attempt failed technically.
    Failed,
    /// The borrower replied to a message.
    Replied,
}

impl Outcome {
    /// A call that reached a person (counts against "connected calls per day" caps).
    pub fn connected(self) -> bool {
        matches!(self, Outcome::Rpc | Outcome::ThirdParty)
    }
}

/// A promise to pay.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Promise {
    /// The CRM's id for the promise.
    pub id: String,
    /// When it was made.
    pub made_at: Instant,
    /// The date by which the borrower promised to pay (borrower's local calendar).
    pub due: Date,
    /// Amount promised (positive).
    pub amount: Amount,
    /// When it was cancelled, if it was.
    #[serde(default)]
    pub cancelled_at: Option<Instant>,
}

/// Legal and handling states that override the ladder.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Flags {
    /// The borrower asked in writing to stop communication.
    #[serde(default)]
    pub cease: bool,
    /// The debt is disputed and not yet resolved.
    #[serde(default)]
    pub dispute: bool,
    /// The borrower is in bankruptcy.
    #[serde(default)]
    pub bankruptcy: bool,
    /// The borrower has died.
    #[serde(default)]
    pub deceased: bool,
    /// The borrower is represented by an attorney.
    #[serde(default)]
    pub attorney: bool,
    /// The borrower reported financial hardship.
    #[serde(default)]
    pub hardship: bool,
    /// When the lender last sent the borrower verification of the debt or validation information: a
    /// validation request recorded before it is answered ([`crate::dispute`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<Instant>,
}

/// A free-form scoring feature value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Feature {
    /// A number.
    Number(f64),
    /// A category.
    Text(String),
    /// A yes/no feature.
    Bool(bool),
}

impl<'de> Deserialize<'de> for Feature {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::untagged(d, "Feature", |v| match v {
            serde_json::Value::Number(n) => n.as_f64().map(Feature::Number),
            serde_json::Value::String(s) => Some(Feature::Text(s)),
            serde_json::Value::Bool(b) => Some(Feature::Bool(b)),
            _ => None,
        })
    }
}

/// What one account may hold. Each limit is far above any real loan and keeps one decision's work and
/// memory bounded, so a hostile or broken record is refused with its path instead of stalling a batch.
pub mod limits {
    /// Instalments in the schedule (a 30-year weekly loan has 1,560).
    pub const INSTALMENTS: usize = 10_000;
    /// Payments in the history.
    pub const PAYMENTS: usize = 50_000;
    /// Contacts in the history.
    pub const CONTACTS: usize = 50_000;
    /// Promises to pay in the history.
    pub const PROMISES: usize = 10_000;
    /// Instalments of an arrangement.
    pub const ARRANGEMENT_INSTALMENTS: usize = 1_000;
    /// Stated inconvenient times.
    pub const INCONVENIENT_TIMES: usize = 100;
    /// Intents recorded on one contact.
    pub const CONTACT_INTENTS: usize = 32;
    /// Scoring features.
    pub const FEATURES: usize = 1_000;
    /// Characters of an id (account, promise, arrangement, contract, agency) or a feature name.
    pub const ID_CHARS: usize = 256;
    /// Characters of a name, an address or a text feature.
    pub const TEXT_CHARS: usize = 2_000;
}

impl Account {
    /// Checks what serde cannot: the documented size limits ([`limits`]) and that every total of the
    /// account's money stays below 2^53 − 1 minor units, so no sum, allocation or projection built from it
    /// can wrap or lose a minor unit in JavaScript. `path` is where the account sits in the caller's input.
    ///
    /// # Errors
    /// `account.too_large` for a list or text over its limit, `account.out_of_range` for a total past
    /// 2^53 − 1, each with the JSON Pointer of the item that tips it over.
    pub fn check(&self, path: &str) -> Result<(), crate::error::Error> {
        use crate::error::{Error, ErrorKind, Scope};
        use crate::money::MAX_SAFE;
        let too_large = |at: String, what: &str, n: usize, max: usize| {
            Err(Error::new(
                Scope::Account,
                ErrorKind::TooLarge,
                format!("{path}{at}"),
                format!("{what} has `{n}` items, more than the `{max}` one account may hold"),
            ))
        };
        let long = |at: String, s: &str, max: usize| -> Result<(), Error> {
            // Bytes first: cheap, and a text within `max` bytes is within `max` characters.
            if s.len() > max && s.chars().count() > max {
                return Err(Error::new(
                    Scope::Account,
                    ErrorKind::TooLarge,
                    format!("{path}{at}"),
                    format!(
                        "text of `{}` characters is longer than the `{max}` allowed here",
                        s.chars().count()
                    ),
                ));
            }
            Ok(())
        };
        let lists: [(&str, usize, usize); 6] = [
            ("/instalments", self.instalments.len(), limits::INSTALMENTS),
            ("/history/payments", self.history.payments.len(), limits::PAYMENTS),
            ("/history/contacts", self.history.contacts.len(), limits::CONTACTS),
            ("/history/promises", self.history.promises.len(), limits::PROMISES),
            (
                "/borrower/inconvenient_times",
                self.borrower.inconvenient_times.len(),
                limits::INCONVENIENT_TIMES,
            ),
            ("/features", self.features.0.len(), limits::FEATURES),
        ];
        for (at, n, max) in lists {
            if n > max {
                return too_large(at.to_string(), at.trim_start_matches('/'), n, max);
            }
        }
        if let Some(a) = &self.arrangement {
            if a.instalments.len() > limits::ARRANGEMENT_INSTALMENTS {
                return too_large(
                    "/arrangement/instalments".into(),
                    "arrangement/instalments",
                    a.instalments.len(),
                    limits::ARRANGEMENT_INSTALMENTS,
                );
            }
            long("/arrangement/id".into(), &a.id, limits::ID_CHARS)?;
        }
        for (i, c) in self.history.contacts.iter().enumerate() {
            if c.intents.len() > limits::CONTACT_INTENTS {
                return too_large(
                    format!("/history/contacts/{i}/intents"),
                    "intents",
                    c.intents.len(),
                    limits::CONTACT_INTENTS,
                );
            }
        }
        if let Some(y) = self.borrower.birth_year
            && !(crate::time::FIRST_YEAR..=crate::time::LAST_YEAR).contains(&y)
        {
            return Err(Error::new(
                Scope::Account,
                ErrorKind::OutOfRange,
                format!("{path}/borrower/birth_year"),
                format!(
                    "birth year `{y}` is outside the supported years {}–{}",
                    crate::time::FIRST_YEAR,
                    crate::time::LAST_YEAR
                ),
            ));
        }
        if let Some(st) = &self.borrower.state
            && !(st.len() == 2 && st.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(Error::new(
                Scope::Account,
                ErrorKind::BadValue,
                format!("{path}/borrower/state"),
                "a state is two capital letters, e.g. `MA`".to_string(),
            ));
        }
        long("/id".into(), &self.id, limits::ID_CHARS)?;
        long("/jurisdiction".into(), &self.jurisdiction, limits::ID_CHARS)?;
        long("/borrower/name".into(), &self.borrower.name, limits::TEXT_CHARS)?;
        if let Some(c) = &self.contract {
            long("/contract".into(), c, limits::ID_CHARS)?;
        }
        if let Some(p) = &self.placement {
            long("/placement/agency".into(), &p.agency, limits::ID_CHARS)?;
        }
        let ch = &self.channels;
        for (name, state) in [
            ("sms", &ch.sms),
            ("email", &ch.email),
            ("letter", &ch.letter),
            ("call", &ch.call),
            ("social_dm", &ch.social_dm),
        ] {
            if let Some(s) = state {
                long(format!("/channels/{name}/address"), &s.address, limits::TEXT_CHARS)?;
            }
        }
        for (i, p) in self.history.promises.iter().enumerate() {
            long(format!("/history/promises/{i}/id"), &p.id, limits::ID_CHARS)?;
        }
        for (key, value) in &self.features.0 {
            let mut at = "/features".to_string();
            crate::json::push_token(&mut at, key);
            long(at.clone(), key, limits::ID_CHARS)?;
            if let Feature::Text(t) = value {
                long(at, t, limits::TEXT_CHARS)?;
            }
        }

        // Totals of money: each must stay exact in JSON (and so can never wrap an i64 either).
        let over = |at: String, what: &str| {
            Err(Error::new(
                Scope::Account,
                ErrorKind::OutOfRange,
                format!("{path}{at}"),
                format!("{what} pass 2^53-1 minor units here: no total of an account's money may exceed it"),
            ))
        };
        let first_over = |items: &mut dyn Iterator<Item = i64>| -> Option<usize> {
            let mut total: i64 = 0;
            for (i, x) in items.enumerate() {
                total = total.saturating_add(x);
                if total > MAX_SAFE {
                    return Some(i);
                }
            }
            None
        };
        let b = &self.balances;
        if let Some(i) = first_over(&mut [b.principal.0, b.interest.0, b.fees.0].into_iter()) {
            let field = ["principal", "interest", "fees"].get(i).copied().unwrap_or("fees");
            return over(format!("/balances/{field}"), "principal, interest and fees together");
        }
        if let Some(i) = first_over(&mut self.instalments.iter().map(|x| x.amount.0)) {
            return over(format!("/instalments/{i}/amount"), "the instalments");
        }
        if let Some(i) = first_over(&mut self.history.payments.iter().map(|x| x.amount.0)) {
            return over(format!("/history/payments/{i}/amount"), "the payments");
        }
        if let Some(i) = first_over(&mut self.history.promises.iter().map(|x| x.amount.0)) {
            return over(format!("/history/promises/{i}/amount"), "the promised amounts");
        }
        if let Some(a) = &self.arrangement
            && let Some(i) = first_over(&mut a.instalments.iter().map(|x| x.amount.0))
        {
            return over(
                format!("/arrangement/instalments/{i}/amount"),
                "the arrangement's instalments",
            );
        }
        Ok(())
    }
}

/// What a borrower's reply says. Several can co-occur ("I lost my job, can I pay 500 next Friday?" is
/// `hardship` and `promise_to_pay`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Will pay an amount by a date.
    PromiseToPay,
    /// Says the debt is paid.
    AlreadyPaid,
    /// Cannot pay: job loss, illness, bereavement, other hardship.
    Hardship,
    /// Contests the debt or the amount.
    Dispute,
    /// Not the borrower.
    WrongPerson,
    /// Wants no further contact (on this channel or at all): a revocation of consent.
    StopContact,
    /// Asks to be called back.
    CallbackRequest,
    /// Asks how much is owed.
    QuestionBalance,
    /// Asks how to pay.
    QuestionHowToPay,
    /// Asks what arrangements are possible.
    QuestionOptions,
    /// Insults or threatens.
    Abusive,
    /// None of the above.
    Other,
    /// A bankruptcy case is filed or the debt was discharged: flag for review, stop collection contact (the
    /// automatic stay), ask for the case number.
    Bankruptcy,
    /// An attorney now handles the debt: contact the attorney only (FDCPA §805(a)(2)).
    Attorney,
    /// A complaint, or a threat to complain to a regulator (CFPB, the FCA / Ombudsman, 12378): routed to
    /// the complaints queue with a deadline.
    Complaint,
    /// Asks the collector to validate the debt (FDCPA §809(b), Reg F §1006.34): collection pauses until
    /// validation information is sent. Distinct from `dispute`; both pause.
    ValidationRequest,
}
