//! The library lint: every template a policy can send, written for every channel, tone, locale and
//! jurisdiction the policy knows, against specimen accounts that reach each branch of the templates (first
//! contact, current and about to fall due, hardship with a broken promise and a long arrears), and linted.
//!
//! `dunwell lint` runs all of it; policy validation runs it for the policy's own templates only, because the
//! built-in library is proven clean by the test suite and validation must stay fast.

use crate::account::{Account, Channel};
use crate::decision;
use crate::decision::context::{self as decision_context, Spec};
use crate::engine::Engine;
use crate::error::Error;
use crate::policy::{Policy, StepChannel, Tone};
use crate::template::library::{LOCALES, library_locale};
use crate::template::lint::{self, Finding, Severity, Subject};
use crate::time::Instant;
use serde::Serialize;
use std::collections::BTreeSet;

/// The channels a message is written for.
const CHANNELS: [Channel; 5] = [
    Channel::Sms,
    Channel::Email,
    Channel::Letter,
    Channel::Call,
    Channel::SocialDm,
];
const TONES: [Tone; 3] = [Tone::Gentle, Tone::Neutral, Tone::Firm];
/// The assistant's answers (`reply_<topic>`), swept with every run.
const REPLY_TOPICS: [&str; 11] = [
    "balance",
    "how_to_pay",
    "options",
    "identity",
    "promise",
    "hardship",
    "dispute",
    "paid",
    "callback",
    "stop",
    "wrong_person",
];

/// Most template steps (MiniJinja fuel) the sweep may spend writing one template in every place: a built-in
/// template takes a few hundred steps per message, and the costliest is written for about 54k steps in all
/// (the whole built-in library for about 194k: see the test below).
///
/// Why: validation writes each of the policy's templates for every jurisdiction, locale, specimen, channel and
/// tone, and each render may burn up to the per-message fuel. A template that loops just under that fuel
/// would make loading one policy take seconds per template (minutes for hundreds): a hostile or careless
/// policy must be refused in bounded time, with a finding that says why.
pub const TEMPLATE_STEPS: u64 = 2_000_000;
/// Most template steps the sweep may spend on all templates together.
pub const SWEEP_STEPS: u64 = 20_000_000;

/// A finding with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SweepFinding {
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
    /// Channel written for.
    pub channel: Channel,
    /// Tone written in.
    pub tone: Tone,
    /// Borrower locale.
    pub locale: &'static str,
    /// Jurisdiction.
    pub jurisdiction: String,
    /// Which specimen account.
    pub specimen: &'static str,
}

/// What a sweep found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "LintReport"))]
pub struct Report {
    /// Template ids swept.
    pub templates: Vec<String>,
    /// Messages written.
    pub messages: usize,
    /// Errors among the findings.
    pub errors: usize,
    /// Findings, one per template, code, channel and position.
    pub findings: Vec<SweepFinding>,
}

/// What makes two findings the same: template, code, channel, where and at which byte.
type FindingKey = (String, &'static str, Channel, &'static str, Option<usize>);

/// Where a message was written, for its findings.
#[derive(Clone, Copy)]
struct At<'a> {
    channel: Channel,
    tone: Tone,
    locale: &'static str,
    jurisdiction: &'a str,
    specimen: &'static str,
}

impl Report {
    /// Adds a finding unless the same one was already reported for another tone, locale or specimen.
    fn add(&mut self, seen: &mut BTreeSet<FindingKey>, finding: Finding, at: At<'_>) {
        if seen.insert((
            finding.template.clone(),
            finding.code,
            at.channel,
            finding.within,
            finding.position,
        )) {
            self.errors += usize::from(finding.severity == Severity::Error);
            self.findings.push(SweepFinding {
                finding,
                channel: at.channel,
                tone: at.tone,
                locale: at.locale,
                jurisdiction: at.jurisdiction.to_string(),
                specimen: at.specimen,
            });
        }
    }

    /// Counts a written message and adds what the lint finds in it.
    fn lint(
        &mut self,
        seen: &mut BTreeSet<FindingKey>,
        engine: &Engine,
        m: &crate::template::library::Message,
        preset: &str,
        disclose: bool,
        at: At<'_>,
    ) {
        let policy = engine.policy();
        self.messages += 1;
        let subject = Subject {
            template: &m.template,
            source: engine.library().source(&m.template).unwrap_or_default(),
            rendered: "",
            locale: at.locale,
            preset,
            channel: at.channel,
            company: policy.company.identity(at.jurisdiction).name,
            max_sms_segments: policy.messages.max_sms_segments,
            disclose,
        };
        for f in lint::lint_message(m, &subject) {
            self.add(seen, f, at);
        }
    }
}

/// Template ids a policy sends: its ladders' (referrals excluded), its check-ins', and its own templates'.
pub fn template_ids(policy: &Policy, own_only: bool) -> Vec<String> {
    let own: BTreeSet<String> = policy
        .messages
        .templates
        .keys()
        .filter_map(|k| k.split_once('/').map(|(_, id)| id.to_string()))
        .filter(|id| id != "_base")
        .collect();
    if own_only {
        return own.into_iter().collect();
    }
    let mut ids = own;
    ids.insert(policy.checkins.template.clone());
    for seg in &policy.segments {
        for step in &seg.ladder {
            if !matches!(
                step.channel,
                StepChannel::Fixed(Channel::AgencyReferral | Channel::LegalReferral)
            ) {
                ids.insert(step.template.clone());
            }
        }
    }
    ids.into_iter().collect()
}

/// How much a jurisdiction is the home of a locale: 0 where the locale's country writes the rules (zh-CN under
/// CN, en-US and es-US under US, en-GB under GB), 1 for the same language elsewhere outside China, 2 otherwise.
fn home_rank(preset: &str, locale: &str) -> u8 {
    let country = locale.rsplit('-').next().unwrap_or("");
    if preset == country {
        0
    } else if preset != "CN" && !locale.starts_with("zh") {
        1
    } else {
        2
    }
}

/// Sweeps template `ids` of the engine's library, and the assistant's answers: every one when
/// `every_answer` (a full lint, or a policy that replaces the layouts they share), else those among `ids`.
///
/// # Errors
/// A specimen that cannot be decided (a bug) or a template that fails to render (`call.template`).
pub fn sweep(engine: &Engine, ids: &[String], every_answer: bool) -> Result<Report, Error> {
    sweep_metered(engine, ids, every_answer, &mut Meter::default())
}

/// [`sweep`], spending template steps from `meter`.
fn sweep_metered(engine: &Engine, ids: &[String], every_answer: bool, meter: &mut Meter) -> Result<Report, Error> {
    let policy = engine.policy();
    let library = engine.library();
    let mut report = Report {
        templates: ids.to_vec(),
        messages: 0,
        errors: 0,
        findings: Vec::new(),
    };
    let mut seen = BTreeSet::new();
    let mut broken: BTreeSet<String> = BTreeSet::new();
    // Every jurisdiction × locale, each locale first under the jurisdictions that speak it (zh-CN under CN,
    // en-US elsewhere): a finding is reported once, under the first place it shows, and that should be where
    // the template is meant to be sent rather than, say, an English template under Chinese rules.
    let mut places: Vec<(&String, &crate::policy::JurisdictionRules, &'static str)> = policy
        .jurisdictions
        .0
        .iter()
        .flat_map(|(j, rules)| LOCALES.iter().map(move |l| (j, rules, *l)))
        .collect();
    crate::sort::sort_by_key(&mut places, |(_, rules, locale)| home_rank(rules.preset.code(), locale));
    for (jurisdiction, rules, locale) in places {
        let preset = rules.preset.code();
        {
            for (specimen, account, as_of) in specimens(jurisdiction, locale)? {
                let d = decision::decide_account(engine, &account, as_of, "")?;
                let at = |channel, tone| At {
                    channel,
                    tone,
                    locale,
                    jurisdiction,
                    specimen,
                };
                for topic in REPLY_TOPICS {
                    let id = format!("reply_{topic}");
                    if !every_answer && !ids.contains(&id) {
                        continue;
                    }
                    let Some(key) = library.resolve(locale, &id) else {
                        continue;
                    };
                    if broken.contains(&key) {
                        continue;
                    }
                    for channel in [Channel::Sms, Channel::Email, Channel::SocialDm] {
                        let spec = Spec {
                            step: &id,
                            channel,
                            tone: Tone::Gentle,
                            softened: None,
                            template: &id,
                        };
                        let mut used = 0;
                        let answer = library.answer_metered(
                            &id,
                            channel,
                            &decision_context::build(policy, &account, &d, spec),
                            &mut used,
                        );
                        match meter.spend(&key, used) {
                            Spent::Within => {}
                            Spent::Template(f) => {
                                report.add(&mut seen, f, at(channel, Tone::Gentle));
                                broken.insert(key);
                                break;
                            }
                            Spent::Sweep(f) => {
                                report.add(&mut seen, f, at(channel, Tone::Gentle));
                                return Ok(report);
                            }
                        }
                        let m = answer?;
                        // A wrong-number answer must not reveal a debt, so it carries no disclosure.
                        let disclose = topic != "wrong_person" && policy.company.role == crate::policy::Role::Agency;
                        report.lint(&mut seen, engine, &m, preset, disclose, at(channel, Tone::Gentle));
                    }
                }
                for id in ids {
                    // One render error per template is enough: a template that loops burns its whole fuel
                    // budget every time, and the finding is the same.
                    let Some(key) = library.resolve(locale, id) else {
                        continue;
                    };
                    if broken.contains(&key) || !stage_fits(policy, id, specimen) {
                        continue;
                    }
                    'channels: for channel in CHANNELS {
                        for tone in TONES {
                            let spec = Spec {
                                step: id,
                                channel,
                                tone,
                                softened: None,
                                template: id,
                            };
                            let mut used = 0;
                            let written = library.message_metered(
                                id,
                                channel,
                                &decision_context::build(policy, &account, &d, spec),
                                &mut used,
                            );
                            match meter.spend(&key, used) {
                                Spent::Within => {}
                                Spent::Template(f) => {
                                    report.add(&mut seen, f, at(channel, tone));
                                    broken.insert(key);
                                    break 'channels;
                                }
                                Spent::Sweep(f) => {
                                    report.add(&mut seen, f, at(channel, tone));
                                    return Ok(report);
                                }
                            }
                            match written {
                                Ok(Some(m)) => report.lint(
                                    &mut seen,
                                    engine,
                                    &m,
                                    preset,
                                    policy.company.role == crate::policy::Role::Agency,
                                    at(channel, tone),
                                ),
                                Ok(None) => {}
                                Err(e) => {
                                    // A template that cannot write this account is a finding, not the end.
                                    let f = Finding {
                                        code: "lint.render_error",
                                        severity: Severity::Error,
                                        template: key.clone(),
                                        position: None,
                                        within: "rendered",
                                        message: e.message,
                                    };
                                    report.add(&mut seen, f, at(channel, tone));
                                    broken.insert(key);
                                    break 'channels;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(report)
}

/// The template steps the sweep has spent, per template and in all.
#[derive(Default)]
struct Meter {
    per_template: std::collections::BTreeMap<String, u64>,
    total: u64,
}

/// What spending more steps left: room, or the finding that stops a template or the whole sweep.
enum Spent {
    Within,
    Template(Finding),
    Sweep(Finding),
}

impl Meter {
    /// Adds `used` steps to template `key` and to the total.
    fn spend(&mut self, key: &str, used: u64) -> Spent {
        let mine = self.per_template.entry(key.to_string()).or_insert(0);
        *mine = mine.saturating_add(used);
        self.total = self.total.saturating_add(used);
        let too_costly = |message: String| Finding {
            code: "lint.too_costly",
            severity: Severity::Error,
            template: key.to_string(),
            position: None,
            within: "rendered",
            message,
        };
        if self.total > SWEEP_STEPS {
            Spent::Sweep(too_costly(format!(
                "writing the policy's templates for every place, channel and tone took more than {SWEEP_STEPS} \
                 template steps in all (the check stopped at this one): simplify the loops of the costliest \
                 templates"
            )))
        } else if *mine > TEMPLATE_STEPS {
            Spent::Template(too_costly(format!(
                "writing this template for every place, channel and tone took more than {TEMPLATE_STEPS} \
                 template steps: a message should take a few thousand, so simplify its loops"
            )))
        } else {
            Spent::Within
        }
    }
}

/// Whether a specimen is in the stage a template is sent at: ladder steps due before or on the due date
/// (DPD ≤ 0) write to current accounts, later steps to overdue ones; check-ins and templates no ladder
/// names may meet either.
fn stage_fits(policy: &Policy, id: &str, specimen: &str) -> bool {
    let dpds: Vec<i32> = policy
        .segments
        .iter()
        .flat_map(|s| s.ladder.iter())
        .filter(|s| s.template == id)
        .map(|s| s.dpd)
        .collect();
    if dpds.is_empty() {
        return true;
    }
    if specimen == "current" {
        dpds.iter().any(|&d| d <= 0)
    } else {
        dpds.iter().any(|&d| d > 0)
    }
}

/// Specimen accounts for a jurisdiction and locale: first contact 39 days overdue; current and due in three
/// days; hardship, contacted before, with a broken promise, 75 days overdue.
fn specimens(jurisdiction: &str, locale: &str) -> Result<Vec<(&'static str, Account, Instant)>, Error> {
    // Names follow the locale: an English message to a name in Chinese characters is a UCS-2 text, a real
    // cost the lint reports for the policy's own data, not a fault of the template.
    let (currency, zone, name) = match (jurisdiction, library_locale(locale)) {
        ("CN", "zh-CN") => ("CNY", "Asia/Shanghai", "王芳"),
        ("CN", _) => ("CNY", "Asia/Shanghai", "Wang Fang"),
        ("GB", "zh-CN") => ("GBP", "Europe/London", "李明"),
        ("GB", _) => ("GBP", "Europe/London", "Oliver Evans"),
        (_, "zh-CN") => ("USD", "America/New_York", "陈静"),
        _ => ("USD", "America/New_York", "Ann Lee"),
    };
    let as_of: Instant = crate::json::parse("\"2026-06-15T14:00:00Z\"", |_| crate::error::Scope::Call)?;
    let borrower = format!(r#"{{"name":"{name}","locale":"{locale}","time_zone":"{zone}"}}"#);
    let base = |id: &str, instalments: &str, extra: &str| {
        format!(
            r#"{{"id":"{id}","jurisdiction":"{jurisdiction}","currency":"{currency}","balances":{{"principal":1200000,"interest":30000,"fees":0}},"instalments":{instalments},"borrower":{borrower}{extra}}}"#
        )
    };
    let first = base(
        "SPEC-1001",
        r#"[{"due":"2026-05-07","amount":250000},{"due":"2026-06-07","amount":250000},{"due":"2026-07-07","amount":250000}]"#,
        "",
    );
    let current = base(
        "SPEC-1002",
        r#"[{"due":"2026-05-18","amount":250000,"paid":250000},{"due":"2026-06-18","amount":250000},{"due":"2026-07-18","amount":250000}]"#,
        "",
    );
    let hardship = base(
        "SPEC-1003",
        r#"[{"due":"2026-04-01","amount":250000},{"due":"2026-05-01","amount":250000},{"due":"2026-06-01","amount":250000}]"#,
        r#","flags":{"hardship":true},"history":{"contacts":[{"at":"2026-05-02T15:00:00Z","channel":"sms","outcome":"delivered"}],"promises":[{"id":"P1","made_at":"2026-05-10T15:00:00Z","due":"2026-05-20","amount":100000}]}"#,
    );
    let parse = |t: &str| crate::json::parse::<Account>(t, |_| crate::error::Scope::Account);
    Ok(vec![
        ("first_contact", parse(&first)?, as_of),
        ("current", parse(&current)?, as_of),
        ("hardship", parse(&hardship)?, as_of),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(templates: &str) -> Engine {
        let text = format!(r#"{{"messages": {{"templates": {templates}}}}}"#);
        Engine::new(&text, None).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn the_whole_built_in_library_is_checked_well_within_the_step_budgets() {
        let e = engine("{}");
        let ids = template_ids(e.policy(), false);
        let mut meter = Meter::default();
        let report = sweep_metered(&e, &ids, true, &mut meter).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(report.findings.iter().all(|f| f.finding.code != "lint.too_costly"));
        let costliest = meter.per_template.values().max().copied().unwrap_or(0);
        assert!(costliest < TEMPLATE_STEPS / 10, "{costliest} steps for one template");
        assert!(meter.total < SWEEP_STEPS / 4, "{} steps in all", meter.total);
    }

    #[test]
    fn a_template_that_loops_just_under_its_fuel_is_refused_in_bounded_time() {
        // Each message burns most of its fuel without running out, so only the sweep's budget stops it.
        let heavy = "{% for i in range(60000) %}{% endfor %}Your lender. Reply STOP to opt out.";
        let templates: String = (0..40)
            .map(|i| format!(r#""en-US/heavy{i}": "{heavy}""#))
            .collect::<Vec<_>>()
            .join(",");
        let text = format!(r#"{{"messages": {{"templates": {{{templates}}}}}}}"#);
        let err = match Engine::new(&text, None) {
            Ok(_) => panic!("a policy of 40 near-endless templates loaded"),
            Err(e) => e,
        };
        let costly = err
            .problems
            .iter()
            .filter(|p| p.message.contains("template steps"))
            .count();
        assert!(costly >= 1, "{err:?}");
    }
}
