//! The one place a decision becomes a message's variables: the account, the decision's figures on the
//! send day, the offers and notices it would really make, in the borrower's locale.

use super::Decision;
use crate::account::{Account, Channel, Direction};
use crate::policy::{Policy, Tone};
use crate::promise::PtpState;
use crate::template::context::*;
use crate::template::tone::Softened;

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
        .chain(id_chars.iter().skip(id_chars.len() - keep).copied())
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
            // A promise on the account's record carries its amount.
            amount_assumed: false,
        });
    let broken_promise = d
        .promises
        .iter()
        .filter(|p| p.state == PtpState::Broken)
        .max_by_key(|p| p.due)
        .map(|p| PromiseVars {
            amount: p.amount.0 - p.paid.0,
            due: p.due.to_string(),
            // A promise on the account's record carries its amount.
            amount_assumed: false,
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
