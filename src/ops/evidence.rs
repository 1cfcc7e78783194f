//! The evidence pack for a legal referral or an agency placement: everything the account proves — contract
//! reference, instalments and payments, every contact with its time, channel and outcome, the written notices
//! and whether they were delivered, promises and whether they were kept — as JSON and as a printable HTML page,
//! with a checklist of what is missing. Everything comes from the account and its decision; nothing is
//! inferred.

use crate::account::{Account, Channel, Direction, Outcome};
use crate::decision::Decision;
use crate::error::Error;
use crate::promise::PromiseStatus;
use crate::time::{Date, Instant};
use serde::Serialize;

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    /// Stable code.
    pub item: &'static str,
    /// Whether the account has it.
    pub present: bool,
    /// What was found (or what to obtain).
    pub detail: String,
}

/// An instalment as the pack shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstalmentLine {
    /// Due date.
    pub due: Date,
    /// Amount due.
    pub amount: i64,
    /// Amount the loan system marks paid, if it does.
    pub paid: Option<i64>,
}

/// A contact as the pack shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContactLine {
    /// When.
    pub at: Instant,
    /// Channel.
    pub channel: Channel,
    /// Who started it.
    pub direction: Direction,
    /// Outcome.
    pub outcome: Outcome,
}

/// The pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EvidencePack {
    /// Account id.
    pub account_id: String,
    /// Contract reference, if the account has one.
    pub contract: Option<String>,
    /// Date the loan was opened, if known.
    pub opened: Option<Date>,
    /// Jurisdiction.
    pub jurisdiction: String,
    /// Currency code.
    pub currency: &'static str,
    /// Borrower's name.
    pub borrower: String,
    /// The moment the pack was assembled for.
    pub as_of: Instant,
    /// Days past due.
    pub dpd: i64,
    /// Overdue amount.
    pub overdue: i64,
    /// Outstanding balance.
    pub outstanding: i64,
    /// The instalment schedule.
    pub instalments: Vec<InstalmentLine>,
    /// Payments received.
    pub payments: Vec<(Instant, i64)>,
    /// Every contact, oldest first.
    pub contacts: Vec<ContactLine>,
    /// Written notices (letters and e-mails sent), oldest first.
    pub notices: Vec<ContactLine>,
    /// Promises and how they were judged.
    pub promises: Vec<PromiseStatus>,
    /// The checklist.
    pub checklist: Vec<Check>,
    /// Items of the checklist that are missing.
    pub missing: Vec<&'static str>,
    /// The pack as a printable page.
    pub html: String,
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="{{ 'zh-CN' if zh else 'en' }}">
<head><meta charset="utf-8"><title>{{ '证据材料' if zh else 'Evidence pack' }} {{ p.account_id }}</title>
<style>@page{size:A4;margin:16mm}body{font-family:Georgia,'Songti SC',serif;font-size:10.5pt;color:#000}h1{font-size:15pt}h2{font-size:12pt;margin-top:7mm}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:1mm 2mm;text-align:left}.missing{color:#a00}</style></head>
<body>
<h1>{{ '证据材料' if zh else 'Evidence pack' }}: {{ p.account_id }}</h1>
<p>{{ p.borrower }} · {{ p.jurisdiction }} · {{ p.currency }} · {{ 'DPD' }} {{ p.dpd }} · {{ 'as of' if not zh else '截至' }} {{ p.as_of }}</p>
<p>{{ '合同编号' if zh else 'Contract' }}: {{ p.contract or ('缺失' if zh else 'missing') }}{% if p.opened %} · {{ '放款日' if zh else 'opened' }} {{ p.opened }}{% endif %} · {{ '逾期' if zh else 'overdue' }} {{ p.overdue | money }} · {{ '未偿还' if zh else 'outstanding' }} {{ p.outstanding | money }}</p>
<h2>{{ '核对清单' if zh else 'Checklist' }}</h2>
<table><tr><th>{{ '项目' if zh else 'item' }}</th><th></th><th>{{ '说明' if zh else 'detail' }}</th></tr>
{% for c in p.checklist %}<tr{% if not c.present %} class="missing"{% endif %}><td>{{ c.item }}</td><td>{{ '✓' if c.present else '✗' }}</td><td>{{ c.detail }}</td></tr>
{% endfor %}</table>
<h2>{{ '还款计划' if zh else 'Instalments' }}</h2>
<table><tr><th>{{ '到期日' if zh else 'due' }}</th><th>{{ '金额' if zh else 'amount' }}</th><th>{{ '已还' if zh else 'paid' }}</th></tr>
{% for i in p.instalments %}<tr><td>{{ i.due }}</td><td>{{ i.amount | money }}</td><td>{{ (i.paid | money) if i.paid is not none else '' }}</td></tr>
{% endfor %}</table>
<h2>{{ '还款记录' if zh else 'Payments' }}</h2>
<table><tr><th>{{ '时间' if zh else 'received' }}</th><th>{{ '金额' if zh else 'amount' }}</th></tr>
{% for x in p.payments %}<tr><td>{{ x[0] }}</td><td>{{ x[1] | money }}</td></tr>
{% else %}<tr><td colspan="2">—</td></tr>{% endfor %}</table>
<h2>{{ '联系记录' if zh else 'Contacts' }}</h2>
<table><tr><th>{{ '时间' if zh else 'at' }}</th><th>{{ '渠道' if zh else 'channel' }}</th><th>{{ '方向' if zh else 'direction' }}</th><th>{{ '结果' if zh else 'outcome' }}</th></tr>
{% for c in p.contacts %}<tr><td>{{ c.at }}</td><td>{{ c.channel }}</td><td>{{ c.direction }}</td><td>{{ c.outcome }}</td></tr>
{% else %}<tr><td colspan="4">—</td></tr>{% endfor %}</table>
<h2>{{ '还款承诺' if zh else 'Promises to pay' }}</h2>
<table><tr><th>id</th><th>{{ '承诺日' if zh else 'due' }}</th><th>{{ '金额' if zh else 'amount' }}</th><th>{{ '已付' if zh else 'paid' }}</th><th>{{ '状态' if zh else 'state' }}</th></tr>
{% for x in p.promises %}<tr><td>{{ x.id }}</td><td>{{ x.due }}</td><td>{{ x.amount | money }}</td><td>{{ x.paid | money }}</td><td>{{ x.state }}</td></tr>
{% else %}<tr><td colspan="5">—</td></tr>{% endfor %}</table>
</body></html>"#;

/// Assembles the pack.
///
/// # Errors
/// `call.template` if the page cannot be written (a bug: the page is built in).
pub fn assemble(account: &Account, d: &Decision) -> Result<EvidencePack, Error> {
    let mut contacts: Vec<ContactLine> = account
        .history
        .contacts
        .iter()
        .filter(|c| c.at <= d.as_of)
        .map(|c| ContactLine {
            at: c.at,
            channel: c.channel,
            direction: c.direction,
            outcome: c.outcome,
        })
        .collect();
    crate::sort::sort_by_key(&mut contacts, |c| c.at);
    let notices: Vec<ContactLine> = contacts
        .iter()
        .filter(|c| {
            c.direction == Direction::Outbound
                && matches!(c.channel, Channel::Letter | Channel::Email)
                && !matches!(c.outcome, Outcome::Failed)
        })
        .cloned()
        .collect();
    let mut payments: Vec<(Instant, i64)> = account
        .history
        .payments
        .iter()
        .filter(|p| p.at <= d.as_of)
        .map(|p| (p.at, p.amount.0))
        .collect();
    crate::sort::sort(&mut payments);
    let outbound = contacts.iter().filter(|c| c.direction == Direction::Outbound).count();
    let rpc = contacts.iter().filter(|c| c.outcome == Outcome::Rpc).count();
    let delivered = notices.iter().filter(|c| c.outcome == Outcome::Delivered).count();
    let address = account
        .channels
        .letter
        .as_ref()
        .is_some_and(|c| !c.address.trim().is_empty());
    let checklist = vec![
        Check {
            item: "contract_reference",
            present: account.contract.is_some(),
            detail: account
                .contract
                .clone()
                .unwrap_or_else(|| "obtain the signed loan agreement and its reference".into()),
        },
        Check {
            item: "instalment_schedule",
            present: !account.instalments.is_empty(),
            detail: format!("{} instalment(s)", account.instalments.len()),
        },
        Check {
            item: "statement_of_arrears",
            present: d.dpd > 0,
            detail: format!("{} overdue for {} day(s)", d.arrears.overdue_amount.0, d.dpd),
        },
        Check {
            item: "written_notice",
            present: !notices.is_empty(),
            detail: format!("{} written notice(s) sent", notices.len()),
        },
        Check {
            item: "notice_delivered",
            present: delivered > 0,
            detail: format!("{delivered} confirmed delivered"),
        },
        Check {
            item: "contact_attempts",
            present: outbound >= 3,
            detail: format!("{outbound} outbound contact(s)"),
        },
        Check {
            item: "right_party_contact",
            present: rpc > 0,
            detail: format!("{rpc} conversation(s) with the borrower"),
        },
        Check {
            item: "postal_address",
            present: address,
            detail: if address {
                "on file".into()
            } else {
                "needed to serve documents".into()
            },
        },
        Check {
            item: "no_open_dispute",
            present: !account.flags.dispute,
            detail: if account.flags.dispute {
                "a dispute is open: resolve it first".into()
            } else {
                "none".into()
            },
        },
    ];
    let missing = checklist.iter().filter(|c| !c.present).map(|c| c.item).collect();
    let mut pack = EvidencePack {
        account_id: account.id.clone(),
        contract: account.contract.clone(),
        opened: account.opened,
        jurisdiction: account.jurisdiction.clone(),
        currency: account.currency.code,
        borrower: account.borrower.name.clone(),
        as_of: d.as_of,
        dpd: d.dpd,
        overdue: d.arrears.overdue_amount.0,
        outstanding: d.arrears.outstanding.0,
        instalments: account
            .instalments
            .iter()
            .map(|i| InstalmentLine {
                due: i.due,
                amount: i.amount.0,
                paid: i.paid.map(|p| p.0),
            })
            .collect(),
        payments,
        contacts,
        notices,
        promises: d.promises.clone(),
        checklist,
        missing,
        html: String::new(),
    };
    let locale = crate::template::context::locale_of(account);
    let ctx = serde_json::json!({
        "p": &pack,
        "zh": locale.starts_with("zh"),
        "locale": locale,
        "currency": account.currency.code,
        "time_zone": d.time_zone,
    });
    pack.html = crate::template::render("evidence.html", PAGE, &ctx, crate::template::Limits::default())?;
    Ok(pack)
}
