//! The variables a message template sees, built from the account, its decision and the policy. Everything is
//! a fact already in the decision: a template cannot invent an amount or a date.
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
    pub(crate) locale: &'static str,
    pub(crate) currency: &'static str,
    pub(crate) time_zone: &'static str,
    pub(crate) jurisdiction: String,
    pub(crate) preset: &'static str,
    pub(crate) channel: Channel,
    pub(crate) tone: Tone,
    pub(crate) template: String,
    pub(crate) borrower: BorrowerVars,
    pub(crate) company: CompanyVars,
    pub(crate) account: AccountVars,
    pub(crate) dpd: i64,
    pub(crate) bucket: String,
    pub(crate) overdue: i64,
    pub(crate) outstanding: i64,
    pub(crate) next_due_amount: i64,
    pub(crate) next_due_date: Option<String>,
    pub(crate) oldest_unpaid_due: Option<String>,
    pub(crate) penalty: Option<PenaltyVars>,
    pub(crate) pay_url: String,
    pub(crate) offers: Vec<OfferVars>,
    pub(crate) promise: Option<PromiseVars>,
    pub(crate) broken_promise: Option<PromiseVars>,
    pub(crate) arrangement: Option<ArrangementVars>,
    pub(crate) first_contact: bool,
    pub(crate) today: String,
    pub(crate) reply_by: String,
    pub(crate) hardship: bool,
    pub(crate) debt_advice: Option<DebtAdvice>,
    pub(crate) softened: Option<Softened>,
    pub(crate) step: String,
    pub(crate) callback_on: Option<String>,
    pub(crate) role: crate::policy::Role,
    pub(crate) consequences: ConsequenceVars,
    pub(crate) time_barred: bool,
    pub(crate) time_barred_disclosure: bool,
    pub(crate) cease: bool,
    pub(crate) notice: Option<&'static str>,
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
    pub fn with_promise(mut self, amount: i64, due: crate::time::Date) -> Self {
        self.promise = Some(PromiseVars {
            amount,
            due: due.to_string(),
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
    pub(crate) next_amount: i64,
    pub(crate) next_due: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct BorrowerVars {
    pub(crate) name: String,
    pub(crate) salutation: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct CompanyVars {
    pub(crate) name: String,
    pub(crate) phone: String,
    pub(crate) url: String,
    /// Postal address lines (letters print one per line).
    pub(crate) address: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct AccountVars {
    pub(crate) id: String,
    pub(crate) id_masked: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct PenaltyVars {
    pub(crate) accrued: i64,
    pub(crate) per_day: i64,
    pub(crate) projected_date: String,
    pub(crate) projected_penalty: i64,
    pub(crate) projected_owed: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct OfferVars {
    pub(crate) id: String,
    pub(crate) kind: crate::arrange::offers::Kind,
    pub(crate) first_amount: i64,
    pub(crate) first_due: String,
    pub(crate) payments: usize,
    pub(crate) total: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct PromiseVars {
    pub(crate) amount: i64,
    pub(crate) due: String,
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
