//! `render`: one message for an account, written and linted as it would be sent — a library template by id or
//! a draft given inline (the console's preview and the template editor use it).

use crate::account::Account;
use crate::decision;
use crate::engine::Engine;
use crate::error::{Error, ErrorKind, Scope};
use crate::template::library::Message;
use crate::template::lint::{Finding, lint_message};
use crate::time::Instant;
use serde::{Deserialize, Serialize};

/// Input of `render`: a template to render for an account at `as_of`.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RenderCall {
    /// The account the message is for.
    pub account: Account,
    /// The moment the message states its facts at.
    pub as_of: Instant,
    /// Which template.
    pub template: TemplateRef,
    /// The channel it goes out on.
    pub channel: crate::account::Channel,
    /// The tone to write in.
    #[serde(default)]
    pub tone: crate::policy::Tone,
}

/// A template: `{"id": …}` from the engine's library (the policy's templates over the built-in ones), or
/// `{"name": …, "source": …}` given inline (a name ending in `.html` escapes every variable).
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    /// A library template's id.
    #[serde(default)]
    pub id: Option<String>,
    /// An inline template's name.
    #[serde(default)]
    pub name: Option<String>,
    /// An inline template's source.
    #[serde(default)]
    pub source: Option<String>,
}

/// What `render` answers: the message's parts and what the compliance lint found in them.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rendered {
    /// The message.
    #[serde(flatten)]
    pub message: Message,
    /// What the compliance lint found in it.
    pub findings: Vec<Finding>,
}

/// Decides the account, builds the message variables, renders the template in the sandbox and lints the
/// result.
///
/// # Errors
/// The account's errors (as `decide`); `call.bad_value` at `/template` for neither or both of `id` and an
/// inline template, at `/channel` for a referral; template errors with the template's name and line.
pub fn render(engine: &Engine, c: &RenderCall) -> Result<Rendered, Error> {
    let d = decision::decide_account(engine, &c.account, c.as_of, "/account")?;
    let policy = &engine.policy;
    let (id, inline) = match (&c.template.id, &c.template.name, &c.template.source) {
        (Some(id), None, None) => (id.clone(), None),
        (None, Some(name), Some(source)) => (name.clone(), Some((name, source))),
        _ => {
            return Err(Error::new(
                Scope::Call,
                ErrorKind::BadValue,
                "/template",
                "give either `id` (a library template) or both `name` and `source` (inline)",
            ));
        }
    };
    let spec = crate::decision::context::Spec {
        step: "",
        channel: c.channel,
        tone: c.tone,
        softened: None,
        template: &id,
    };
    let ctx = crate::decision::context::build(policy, &c.account, &d, spec);
    let (message, source) = match inline {
        Some((name, source)) => {
            let out =
                crate::template::render(name, source, &ctx, crate::template::Limits::default()).map_err(|mut e| {
                    e.path = "/template/source".into();
                    e
                })?;
            let html = name.ends_with(".html");
            let sms = (!html && c.channel == crate::account::Channel::Sms).then(|| crate::template::sms::measure(&out));
            let (text, html) = if html { (None, Some(out)) } else { (Some(out), None) };
            let m = Message {
                template: name.clone(),
                subject: None,
                text,
                html,
                sms,
            };
            (m, source.as_str())
        }
        None => {
            let m = engine
                .library
                .message(&id, c.channel, &ctx)
                .map_err(|mut e| {
                    e.path = "/template/id".into();
                    e
                })?
                .ok_or_else(|| {
                    Error::new(
                        Scope::Call,
                        ErrorKind::BadValue,
                        "/channel",
                        "referrals have no message; pick sms, email, letter, call or social_dm",
                    )
                })?;
            let source = engine.library.source(&m.template).unwrap_or_default();
            (m, source)
        }
    };
    let findings = lint_message(
        &message,
        &crate::template::lint::Subject {
            template: &message.template,
            source,
            rendered: "",
            locale: crate::template::context::locale_of(&c.account),
            preset: preset_of(policy, &c.account.jurisdiction),
            channel: c.channel,
            company: policy.company.identity(&c.account.jurisdiction).name,
            max_sms_segments: policy.messages.max_sms_segments,
            disclose: policy.company.role == crate::policy::Role::Agency,
        },
    );
    Ok(Rendered { message, findings })
}

fn preset_of(policy: &crate::policy::Policy, jurisdiction: &str) -> &'static str {
    policy
        .jurisdictions
        .0
        .get(jurisdiction)
        .map_or("custom", |j| j.preset.code())
}
