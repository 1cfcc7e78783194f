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

use crate::account::{Account, Channel, Direction, Locale};
use crate::decision::Decision;
use crate::policy::{DebtAdvice, Policy, Tone};
use crate::promise::PtpState;
use crate::template::tone::Softened;
use serde::Serialize;

/// A message's variables.
#[derive(Debug, Clone, Serialize)]
pub struct MessageContext {
    locale: &'static str,
    currency: &'static str,
    time_zone: &'static str,
    jurisdiction: String,
    preset: &'static str,
    channel: Channel,
    tone: Tone,
    template: String,
    borrower: BorrowerVars,
    company: CompanyVars,
    account: AccountVars,
    dpd: i64,
    bucket: String,
    overdue: i64,
    outstanding: i64,
    next_due_amount: i64,
    next_due_date: Option<String>,
    oldest_unpaid_due: Option<String>,
    penalty: Option<PenaltyVars>,
    pay_url: String,
    offers: Vec<OfferVars>,
    promise: Option<PromiseVars>,
    broken_promise: Option<PromiseVars>,
    arrangement: Option<ArrangementVars>,
    first_contact: bool,
    today: String,
    reply_by: String,
    hardship: bool,
    debt_advice: Option<DebtAdvice>,
    softened: Option<Softened>,
    step: String,
    callback_on: Option<String>,
    role: crate::policy::Role,
    consequences: ConsequenceVars,
    time_barred: bool,
    time_barred_disclosure: bool,
    cease: bool,
    notice: Option<&'static str>,
    validation: Option<ValidationVars>,
}

/// A US debt collector's validation notice, as a message sees it.
#[derive(Debug, Clone, Serialize)]
struct ValidationVars {
    /// This message is the notice.
    notice: bool,
    /// The last day of the validation period.
    period_ends: String,
    /// The itemization (absent when the account gives none).
    itemization: Option<crate::validation::Itemized>,
}

/// The consequences a message may mention: only what the decision itself would carry out.
#[derive(Debug, Clone, Copy, Serialize)]
struct ConsequenceVars {
    /// Referral to a collection agency is intended (only timing blocks it).
    agency: bool,
    /// A legal referral is intended and worth it.
    legal: bool,
    /// The company reports to credit bureaus and the debt is not time-barred.
    credit_record: bool,
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
struct ArrangementVars {
    next_amount: i64,
    next_due: String,
}

#[derive(Debug, Clone, Serialize)]
struct BorrowerVars {
    name: String,
    salutation: String,
}

#[derive(Debug, Clone, Serialize)]
struct CompanyVars {
    name: String,
    phone: String,
    url: String,
    /// Postal address lines (letters print one per line).
    address: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct AccountVars {
    id: String,
    id_masked: String,
}

#[derive(Debug, Clone, Serialize)]
struct PenaltyVars {
    accrued: i64,
    per_day: i64,
    projected_date: String,
    projected_penalty: i64,
    projected_owed: i64,
}

#[derive(Debug, Clone, Serialize)]
struct OfferVars {
    id: String,
    kind: crate::arrange::offers::Kind,
    first_amount: i64,
    first_due: String,
    payments: usize,
    total: i64,
}

#[derive(Debug, Clone, Serialize)]
struct PromiseVars {
    amount: i64,
    due: String,
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

/// What one message is: its step, channel, tone (after softening) and template id.
#[derive(Debug, Clone, Copy)]
pub struct Spec<'a> {
    /// Ladder step.
    pub step: &'a str,
    /// Channel.
    pub channel: Channel,
    /// Tone.
    pub tone: Tone,
    /// Why the tone was softened.
    pub softened: Option<Softened>,
    /// Template id.
    pub template: &'a str,
}

/// Builds the variables for one message.
pub fn build(policy: &Policy, account: &Account, d: &Decision, spec: Spec<'_>) -> MessageContext {
    let Spec {
        step,
        channel,
        tone,
        softened,
        template,
    } = spec;
    let locale = locale_of(account);
    let name = account.borrower.name.clone();
    let salutation = match locale {
        "zh-CN" => format!("尊敬的{name}"),
        _ => format!("Dear {name}"),
    };
    let preset = policy
        .jurisdictions
        .0
        .get(&account.jurisdiction)
        .map_or("custom", |j| j.preset.code());
    // The lender's identity in the account's jurisdiction (a US borrower gets the US number and address).
    let c = policy.company.identity(&account.jurisdiction);
    let id_chars: Vec<char> = account.id.chars().collect();
    let keep = id_chars.len().min(4);
    let id_masked: String = std::iter::repeat_n('*', id_chars.len() - keep)
        .chain(id_chars[id_chars.len() - keep..].iter().copied())
        .collect();
    let penalty = d.penalty.as_ref().and_then(|p| {
        p.projections.get(1).map(|x| PenaltyVars {
            accrued: p.accrued.0,
            per_day: p.per_day.0,
            projected_date: x.date.to_string(),
            projected_penalty: x.penalty.0,
            projected_owed: x.owed.0,
        })
    });
    let offers = d
        .offers
        .iter()
        .take(3)
        .map(|o| OfferVars {
            id: o.id.clone(),
            kind: o.kind,
            first_amount: o.schedule.first().map_or(0, |p| p.amount.0),
            first_due: o.schedule.first().map_or(String::new(), |p| p.due.to_string()),
            payments: o.schedule.len(),
            total: o.total.0,
        })
        .collect();
    let promise = d
        .promises
        .iter()
        .filter(|p| p.state == PtpState::Pending)
        .max_by_key(|p| p.due)
        .map(|p| PromiseVars {
            amount: p.amount.0 - p.paid.0,
            due: p.due.to_string(),
        });
    let broken_promise = d
        .promises
        .iter()
        .filter(|p| p.state == PtpState::Broken)
        .max_by_key(|p| p.due)
        .map(|p| PromiseVars {
            amount: p.amount.0 - p.paid.0,
            due: p.due.to_string(),
        });
    let arrangement = d.arrangement.as_ref().and_then(|a| {
        a.instalments
            .iter()
            .find(|i| i.state == PtpState::Pending)
            .map(|i| ArrangementVars {
                next_amount: i.amount.0 - i.paid.0,
                next_due: i.due.to_string(),
            })
    });
    let time_barred = d.limitation.as_ref().is_some_and(|l| l.time_barred);
    let today = d.as_of.local_date(account.borrower.time_zone);
    let reply_by = today + chrono::Duration::days(i64::from(policy.messages.reply_days));
    let written = |ch: Channel| matches!(ch, Channel::Sms | Channel::Email | Channel::Letter | Channel::SocialDm);
    let first_contact = !account
        .history
        .contacts
        .iter()
        .any(|x| x.direction == Direction::Outbound && x.at <= d.as_of && written(x.channel));
    MessageContext {
        locale,
        currency: account.currency.code,
        time_zone: d.time_zone,
        jurisdiction: account.jurisdiction.clone(),
        preset,
        channel,
        tone,
        template: template.to_string(),
        borrower: BorrowerVars { name, salutation },
        company: CompanyVars {
            name: c.name.to_string(),
            phone: c.phone.to_string(),
            url: c.url.to_string(),
            address: c.address.to_vec(),
        },
        account: AccountVars {
            id: account.id.clone(),
            id_masked,
        },
        dpd: d.dpd,
        bucket: d.bucket.clone(),
        overdue: d.arrears.overdue_amount.0,
        outstanding: d.arrears.outstanding.0,
        next_due_amount: d.arrears.next_due_amount.0,
        next_due_date: d.arrears.next_due.map(|x| x.to_string()),
        oldest_unpaid_due: d.arrears.oldest_unpaid_due.map(|x| x.to_string()),
        penalty,
        pay_url: c.pay_url.replace("{account_id}", &account.id),
        offers,
        promise,
        broken_promise,
        arrangement,
        first_contact,
        today: crate::time::Date(today).to_string(),
        reply_by: crate::time::Date(reply_by).to_string(),
        hardship: account.flags.hardship,
        debt_advice: if account.flags.hardship {
            d.debt_advice.clone()
        } else {
            None
        },
        softened,
        step: step.to_string(),
        callback_on: None,
        role: policy.company.role,
        consequences: ConsequenceVars {
            agency: d.escalation.as_ref().is_some_and(|e| e.agency_intended()) && !account.flags.cease,
            legal: d.escalation.as_ref().is_some_and(|e| e.legal_intended()) && !time_barred,
            credit_record: policy.company.credit_reporting && !time_barred,
        },
        time_barred,
        time_barred_disclosure: time_barred && d.limitation.as_ref().is_some_and(|l| l.disclosure),
        cease: account.flags.cease,
        notice: None,
        validation: None,
    }
}
