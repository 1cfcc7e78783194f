//! The variables a message template sees, built from the account, its decision and the policy. Everything is
//! a fact already in the decision: a template cannot invent an amount or a date. Each field's doc comment is
//! its description in `schemas/message-context.schema.json` (what the console's variable list shows).
//!
//! | variable | example |
//! |---|---|
//! | `locale`, `currency`, `time_zone`, `jurisdiction`, `preset` | `zh-CN`, `CNY`, `Asia/Shanghai`, `CN`, `CN` |
//! | `channel`, `tone`, `template` | `sms`, `firm`, `m2_overdue_firm` |
//! | `borrower.name`, `borrower.salutation` | `王芳`, `王芳女士/先生` · `Ann Lee`, `Dear Ann Lee` |
//! | `company.name`, `company.phone`, `company.url`, `company.address` | the policy's `company`, with the account's jurisdiction's override (`address` is a list of lines) |
//! | `account.id`, `account.id_masked` | `A-1001`, `**1001` |
//! | `dpd`, `bucket` | `31`, `M2` |
//! | `overdue`, `outstanding`, `next_due_amount` | minor units: use `| money` |
//! | `next_due_date`, `oldest_unpaid_due` | dates: use `| date` |
//! | `penalty.accrued`, `penalty.per_day`, `penalty.projected_date`, `penalty.projected_penalty`, `penalty.projected_owed` | if nothing is paid in 14 days (penalty by then; whole balance plus penalty) |
//! | `pay_url` | the policy's `company.pay_url` with `{account_id}` filled in |
//! | `offers` | the top offers: `id`, `kind`, `first_amount`, `first_due`, `payments`, `total` |
//! | `promise.amount`, `promise.due` | the pending promise, if any |
//! | `broken_promise.amount`, `broken_promise.due` | the latest promise that was broken, if any |
//! | `arrangement.next_amount`, `arrangement.next_due` | the next unpaid instalment of an agreed arrangement |
//! | `first_contact` | no written contact was sent before (US initial-communication disclosure) |
//! | `today`, `reply_by` | the send day in the borrower's zone (a letter's date), and `messages.reply_days` later (notice deadlines) |
//! | `hardship`, `debt_advice.name`, `debt_advice.contact` | the borrower is in hardship; free advice to refer to |
//! | `softened` | `hardship` or `angry_reply` when the tone was softened, else none |
//! | `callback_on` | in a reply's answer: the day a call-back was asked for |
//! | `role` | `lender` (first-party) or `agency` (a debt collector: US disclosures apply) |
//! | `consequences.agency`, `consequences.legal`, `consequences.credit_record` | true only when the decision would really do it (the escalation's eligibility, the company's credit reporting, the limitation period) |
//! | `time_barred`, `time_barred_disclosure` | the debt is past its limitation period; the state requires saying it cannot be sued on |
//! | `cease`, `notice` | the borrower asked to stop; this action is the notice the law still allows (`specific_remedy`) |
//! | `validation.notice`, `validation.period_ends`, `validation.itemization.{date, amount, interest_and_fees, payments, current, creditor}` | a US debt collector's validation notice (Reg F §1006.34): this message is the notice; the period's last day (`reply_by` is never earlier while it runs) |
//! | `step` | the ladder step (`m1_sms_1`, `checkin:2026-12-05`, …) |
//! | `part`, `base` | set per render: which part is written (`sms`, `text`, `html`, `letter`, `call`, `dm`, `subject`) and the layout to include |

use crate::account::{Account, Channel, Locale};
use crate::policy::{DebtAdvice, Tone};
use crate::template::tone::Softened;
use serde::Serialize;

/// A message's variables.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MessageContext {
    /// The locale the message is written in (`zh-CN`, `en-US`, `en-GB`, `es-US`): the borrower's, else the jurisdiction's usual one.
    pub(crate) locale: &'static str,
    /// ISO 4217 code of every amount (`CNY`, `USD`).
    pub(crate) currency: &'static str,
    /// The borrower's IANA time zone (`Asia/Shanghai`).
    pub(crate) time_zone: &'static str,
    /// The account's jurisdiction code (`CN`, `US`, `GB`, or the policy's own).
    pub(crate) jurisdiction: String,
    /// The contact rules that jurisdiction follows (`US`, `CN`, `GB`, `custom`).
    pub(crate) preset: &'static str,
    /// The channel the message goes out on.
    pub(crate) channel: Channel,
    /// The tone to write in (`gentle`, `neutral`, `firm`), after any softening.
    pub(crate) tone: Tone,
    /// The template id being written (`m2_overdue_firm`): internal, never shown to the borrower.
    pub(crate) template: String,
    /// The borrower: `name`, and `salutation` in the locale's form (`王芳女士/先生`, `Dear Ann Lee`).
    pub(crate) borrower: BorrowerVars,
    /// Who the message comes from: the policy's `company`, with the account's jurisdiction's override.
    pub(crate) company: CompanyVars,
    /// The account: `id`, and `id_masked` (`**1001`) for messages others may read.
    pub(crate) account: AccountVars,
    /// Days past due on the send day.
    pub(crate) dpd: i64,
    /// DPD bucket (`M1`, `M2`, …).
    pub(crate) bucket: String,
    /// Overdue amount in minor units on the send day: write it with `| money`.
    pub(crate) overdue: i64,
    /// Everything owed (principal, interest, fees) in minor units: `| money`.
    pub(crate) outstanding: i64,
    /// The next instalment not yet due, in minor units (0 when none): `| money`.
    pub(crate) next_due_amount: i64,
    /// That instalment's due date (`YYYY-MM-DD`, absent when none): `| date`.
    pub(crate) next_due_date: Option<String>,
    /// Due date of the oldest unpaid instalment (`YYYY-MM-DD`): `| date`.
    pub(crate) oldest_unpaid_due: Option<String>,
    /// Penalty interest (absent when none is charged): accrued so far, per day, and what is owed in 14 days if nothing is paid; amounts in minor units.
    pub(crate) penalty: Option<PenaltyVars>,
    /// The policy's `company.pay_url` with `{account_id}` filled in (empty when none).
    pub(crate) pay_url: String,
    /// The top repayment offers to mention: `id`, `kind`, `first_amount`, `first_due`, `payments`, `total` (amounts in minor units).
    pub(crate) offers: Vec<OfferVars>,
    /// The borrower's pending promise (or, in a reply's answer, the one just made): `amount`, `due`.
    pub(crate) promise: Option<PromiseVars>,
    /// The latest promise that was broken, if any: `amount`, `due`.
    pub(crate) broken_promise: Option<PromiseVars>,
    /// The next unpaid instalment of an agreed arrangement: `next_amount`, `next_due`.
    pub(crate) arrangement: Option<ArrangementVars>,
    /// No written contact was sent before: the US initial-communication disclosure applies.
    pub(crate) first_contact: bool,
    /// The send day in the borrower's zone (`YYYY-MM-DD`): a letter's date.
    pub(crate) today: String,
    /// The deadline a message may name: `messages.reply_days` after the send day, never before a running validation period ends.
    pub(crate) reply_by: String,
    /// The borrower is in hardship: write with care, never about escalation.
    pub(crate) hardship: bool,
    /// Free debt advice to refer a borrower in hardship to: `name`, `contact`.
    pub(crate) debt_advice: Option<DebtAdvice>,
    /// Why the tone was softened: `hardship` or `angry_reply` (absent when it was not).
    pub(crate) softened: Option<Softened>,
    /// The ladder step (`m1_sms_1`, `checkin:2026-12-05`, …).
    pub(crate) step: String,
    /// In a reply's answer: the day a call-back was asked for.
    pub(crate) callback_on: Option<String>,
    /// `lender` (first party) or `agency` (a debt collector: the US disclosures apply).
    pub(crate) role: crate::policy::Role,
    /// What a message may say will happen: each true only when the decision would really do it.
    pub(crate) consequences: ConsequenceVars,
    /// The debt is past its limitation period.
    pub(crate) time_barred: bool,
    /// The jurisdiction requires saying the debt can no longer be sued on.
    pub(crate) time_barred_disclosure: bool,
    /// The borrower asked collection contact to stop.
    pub(crate) cease: bool,
    /// After a cease request, the one notice the law still allows (`specific_remedy`); absent otherwise.
    pub(crate) notice: Option<&'static str>,
    /// A US debt collector's validation notice (Reg F §1006.34): whether this message is it, the period's last day, the itemization.
    pub(crate) validation: Option<ValidationVars>,
}

/// A US debt collector's validation notice, as a message sees it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ValidationVars {
    /// This message is the notice.
    pub(crate) notice: bool,
    /// The last day of the validation period.
    pub(crate) period_ends: String,
    /// The itemization (absent when the account gives none).
    pub(crate) itemization: Option<crate::validation::Itemized>,
}

/// The consequences a message may mention: only what the decision itself would carry out.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ConsequenceVars {
    /// Referral to a collection agency is intended (only timing blocks it).
    pub(crate) agency: bool,
    /// A legal referral is intended and worth it.
    pub(crate) legal: bool,
    /// The company reports to credit bureaus and the debt is not time-barred.
    pub(crate) credit_record: bool,
}

impl MessageContext {
    /// The locale the message is written in.
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// A promise the borrower has just made (in a reply), to acknowledge.
    pub fn with_promise(mut self, amount: i64, due: crate::time::Date, amount_assumed: bool) -> Self {
        self.promise = Some(PromiseVars {
            amount,
            due: due.to_string(),
            amount_assumed,
        });
        self
    }

    /// Whether this is the first written communication (Reg F §1006.18(e)(1) initial-communication wording):
    /// the history's and the earlier actions of the same plan.
    pub fn with_first_contact(mut self, first: bool) -> Self {
        self.first_contact = first;
        self
    }

    /// A US debt collector's validation notice: whether this message is it, and the period's last day. While
    /// the period runs no deadline may come before its end (Reg F §1006.38(b): nothing overshadows the right
    /// to dispute), so `reply_by` moves to it.
    pub fn with_validation(
        mut self,
        notice: bool,
        period_ends: chrono::NaiveDate,
        itemization: Option<crate::validation::Itemized>,
    ) -> Self {
        let ends = crate::time::Date(period_ends).to_string();
        if ends > self.reply_by {
            self.reply_by.clone_from(&ends);
        }
        self.validation = Some(ValidationVars {
            notice,
            period_ends: ends,
            itemization,
        });
        self
    }

    /// The notice a post-cease action is (`specific_remedy`).
    pub fn with_notice(mut self, notice: Option<&'static str>) -> Self {
        self.notice = notice;
        self
    }

    /// The day a call-back was asked for.
    pub fn with_callback(mut self, on: Option<crate::time::Date>) -> Self {
        self.callback_on = on.map(|d| d.to_string());
        self
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ArrangementVars {
    /// The next unpaid instalment, in minor units.
    pub(crate) next_amount: i64,
    /// Its due date (`YYYY-MM-DD`).
    pub(crate) next_due: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct BorrowerVars {
    /// The borrower's name as the account gives it.
    pub(crate) name: String,
    /// The name in the locale's form of address.
    pub(crate) salutation: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct CompanyVars {
    /// The lender's (or agency's) name.
    pub(crate) name: String,
    /// Its phone number (empty when none).
    pub(crate) phone: String,
    /// Its website (empty when none).
    pub(crate) url: String,
    /// Postal address lines (letters print one per line).
    pub(crate) address: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct AccountVars {
    /// The account id.
    pub(crate) id: String,
    /// The id with all but its last four characters hidden.
    pub(crate) id_masked: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct PenaltyVars {
    /// Penalty interest accrued to the send day, minor units.
    pub(crate) accrued: i64,
    /// What one more day adds, minor units (0 once a cap binds).
    pub(crate) per_day: i64,
    /// The day of the projection: 14 days after the send day.
    pub(crate) projected_date: String,
    /// Penalty by then if nothing is paid, minor units.
    pub(crate) projected_penalty: i64,
    /// Everything owed by then (balance plus penalty) if nothing is paid, minor units.
    pub(crate) projected_owed: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct OfferVars {
    /// The offer id.
    pub(crate) id: String,
    /// What kind of arrangement it is.
    pub(crate) kind: crate::arrange::offers::Kind,
    /// The first payment, minor units.
    pub(crate) first_amount: i64,
    /// The first payment's due date (`YYYY-MM-DD`).
    pub(crate) first_due: String,
    /// How many payments.
    pub(crate) payments: usize,
    /// What the borrower pays in all, minor units.
    pub(crate) total: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct PromiseVars {
    /// The promised amount, minor units.
    pub(crate) amount: i64,
    /// The promised day (`YYYY-MM-DD`).
    pub(crate) due: String,
    /// The borrower named no sum: amount is what is due, and an answer must not say they promised it.
    pub(crate) amount_assumed: bool,
}

/// The locale a message is written in: the borrower's, else the jurisdiction's usual one.
pub fn locale_of(account: &Account) -> &'static str {
    match account.borrower.locale {
        Some(Locale::ZhCn) => "zh-CN",
        Some(Locale::EnUs) => "en-US",
        Some(Locale::EnGb) => "en-GB",
        Some(Locale::EsUs) => "es-US",
        None => match account.jurisdiction.as_str() {
            "CN" => "zh-CN",
            "GB" => "en-GB",
            _ => "en-US",
        },
    }
}
