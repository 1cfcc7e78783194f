//! The string tier: `&str` in, envelope `String` out, never failing. The JS binding, the C ABI, the CLI and
//! the HTTP service all call these, so they cannot drift apart.

use crate::account::Account;
use crate::decision::{self, DecideCall, Decision};
use crate::engine::{Engine, VERSION};
use crate::error::{Error, ErrorKind, Scope};
use crate::json::{self, envelope, error_envelope, ok_envelope};
use crate::time::{Instant, TZDB_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Version of the C ABI and of the op table below. Bumped on any incompatible change.
pub const ABI_VERSION: u32 = 1;

/// The operations `call` knows, in ABI order: a host calls op `i` as `OPS[i]`.
pub const OPS: &[&str] = &["decide", "decide_batch", "fit", "render"];

/// Which document a path inside a decide call belongs to.
fn call_scope(path: &str) -> Scope {
    if path.starts_with("/account") {
        Scope::Account
    } else {
        Scope::Call
    }
}

/// Runs operation `op` on `input`. Unknown operations are an error envelope, like every other failure.
pub fn call(engine: &Engine, op: &str, input: &str) -> String {
    match op {
        "decide" => decide(engine, input),
        "decide_batch" => decide_batch(engine, input),
        "fit" => fit(input),
        "render" => render(engine, input),
        other => error_envelope(
            &Error::new(
                Scope::Call,
                ErrorKind::UnknownOp,
                "",
                format!("unknown operation `{other}`"),
            )
            .with_help(format!("operations are {}", OPS.join(", "))),
        ),
    }
}

/// `decide` on a JSON call `{"account": …, "as_of": …}`.
pub fn decide(engine: &Engine, input: &str) -> String {
    let result: Result<Decision, Error> =
        json::parse::<DecideCall>(input, call_scope).and_then(|c| decision::decide(engine, &c));
    envelope(&result, &[])
}

/// The first line of a batch: what applies to every account.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchHeader {
    as_of: Instant,
}

/// `decide_batch`: the first line is `{"as_of": …}`, every further non-blank line one account. Returns one
/// envelope per account line, in order, separated by `\n`; error paths are relative to that line's account.
pub fn decide_batch(engine: &Engine, input: &str) -> String {
    let mut lines = input.lines().filter(|l| !l.trim().is_empty());
    let header = match lines.next() {
        Some(h) => json::parse::<BatchHeader>(h, |_| Scope::Call),
        None => Err(Error::new(
            Scope::Call,
            ErrorKind::MissingField,
            "/as_of",
            "a batch starts with a line `{\"as_of\": …}`",
        )),
    };
    let header = match header {
        Ok(h) => h,
        Err(e) => return error_envelope(&e),
    };
    let mut out = String::with_capacity(input.len() * 2);
    for (i, line) in lines.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let result = json::parse::<Account>(line, |_| Scope::Account)
            .and_then(|a| decision::decide_account(engine, &a, header.as_of, ""));
        out.push_str(&envelope(&result, &[]));
    }
    out
}

/// `fit`: a scorecard and its report from a CSV history (see [`crate::score::fit`]). The engine's policy is
/// not used; the op sits in the table so every host runs fitting through the same module.
pub fn fit(input: &str) -> String {
    let result =
        json::parse::<crate::score::fit::FitCall>(input, |_| Scope::Call).and_then(|c| crate::score::fit::fit(&c));
    envelope(&result, &[])
}

/// Input of `render`: a template to render for an account at `as_of`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RenderCall {
    account: Account,
    as_of: Instant,
    template: TemplateSource,
    channel: crate::account::Channel,
    #[serde(default)]
    tone: crate::policy::Tone,
}

/// A template given inline: a name (ending in `.html` for HTML escaping) and its source.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateSource {
    name: String,
    source: String,
}

/// What `render` answers.
#[derive(Serialize)]
struct Rendered {
    text: String,
    sms: Option<crate::template::sms::SmsSize>,
    findings: Vec<crate::template::lint::Finding>,
}

/// `render`: decides the account, builds the message variables, renders the template in the sandbox and lints
/// the result. Template errors are `call.template` with the template name and line.
pub fn render(engine: &Engine, input: &str) -> String {
    let result = json::parse::<RenderCall>(input, call_scope).and_then(|c| {
        let d = decision::decide_account(engine, &c.account, c.as_of, "/account")?;
        let policy = &engine.policy;
        let ctx = crate::template::context::build(policy, &c.account, &d, c.channel, c.tone, &c.template.name);
        let text = crate::template::render(
            &c.template.name,
            &c.template.source,
            &ctx,
            crate::template::Limits::default(),
        )
        .map_err(|mut e| {
            e.path = "/template/source".into();
            e
        })?;
        let preset = policy
            .jurisdictions
            .0
            .get(&c.account.jurisdiction)
            .map_or("custom", |j| j.preset.code());
        let findings = crate::template::lint::lint(&crate::template::lint::Subject {
            template: &c.template.name,
            source: &c.template.source,
            rendered: &text,
            locale: crate::template::context::locale_of(&c.account),
            preset,
            channel: c.channel,
            company: &policy.company.name,
            max_sms_segments: policy.messages.max_sms_segments,
        });
        let sms = (c.channel == crate::account::Channel::Sms).then(|| crate::template::sms::measure(&text));
        Ok(Rendered { text, sms, findings })
    });
    envelope(&result, &[])
}

/// What the module is.
#[derive(Serialize)]
struct Info {
    version: &'static str,
    abi_version: u32,
    tzdb_version: &'static str,
    ops: &'static [&'static str],
}

/// `{"ok": {version, abi_version, tzdb_version, ops}}`.
pub fn info() -> String {
    ok_envelope(
        &Info {
            version: VERSION,
            abi_version: ABI_VERSION,
            tzdb_version: TZDB_VERSION,
            ops: OPS,
        },
        &[],
    )
}

/// Input of `engine_new`: the policy document and the module's hash.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EngineCall<'a> {
    #[serde(borrow)]
    policy: &'a RawValue,
    #[serde(default)]
    module_sha256: Option<String>,
}

/// What `engine_new` reports about the engine it built.
#[derive(Serialize)]
pub struct EngineSummary<'a> {
    /// Policy name.
    pub name: &'a str,
    /// Canonical policy hash.
    pub policy_sha256: &'a str,
}

/// Builds an engine from `{"policy": {…}, "module_sha256": "…"}`. Returns the engine and the envelope to
/// report (`{"ok": {name, policy_sha256}, "warnings": […]}` or the error).
pub fn engine_new(input: &str) -> (Option<Engine>, String) {
    let built =
        json::parse::<EngineCall>(input, |_| Scope::Call).and_then(|c| Engine::new(c.policy.get(), c.module_sha256));
    match built {
        Ok(engine) => {
            let summary = EngineSummary {
                name: &engine.policy.name,
                policy_sha256: &engine.identity.policy_sha256,
            };
            let text = ok_envelope(&summary, &engine.warnings);
            (Some(engine), text)
        }
        Err(e) => (None, error_envelope(&e)),
    }
}

/// Validates a policy document without building an engine: `{"ok": {"valid": true}, "warnings": […]}` or
/// the error with every problem.
pub fn validate_policy(policy_json: &str) -> String {
    #[derive(Serialize)]
    struct Valid {
        valid: bool,
    }
    match crate::policy::load(policy_json) {
        Ok((_, warnings)) => ok_envelope(&Valid { valid: true }, &warnings),
        Err(e) => error_envelope(&e),
    }
}
