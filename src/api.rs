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

/// One operation: its name (the same in the C ABI, JS, the CLI and HTTP) and its function.
pub struct Op {
    /// The name callers use.
    pub name: &'static str,
    run: fn(&Engine, &str) -> String,
}

/// The operations `call` knows, in ABI order: a host calls op `i` as `OPS[i]`. Adding an op is one entry
/// here and its function below (see ARCHITECTURE.md).
pub const OPS: &[Op] = &[
    Op {
        name: "decide",
        run: decide,
    },
    Op {
        name: "decide_batch",
        run: decide_batch,
    },
    Op {
        name: "fit",
        run: |_, input| fit(input),
    },
    Op {
        name: "render",
        run: render,
    },
    Op {
        name: "lint",
        run: lint,
    },
    Op {
        name: "reply",
        run: reply,
    },
    Op {
        name: "evidence",
        run: evidence,
    },
    Op {
        name: "experiment_report",
        run: |_, input| experiment_report(input),
    },
    Op {
        name: "kpi",
        run: |_, input| kpi(input),
    },
    Op {
        name: "queue",
        run: |_, input| queue(input),
    },
    Op {
        name: "learn",
        run: |_, input| learn(input),
    },
    Op {
        name: "offers",
        run: offers,
    },
    Op {
        name: "accounts_from_csv",
        run: |_, input| accounts_from_csv(input),
    },
];

/// The operations' names, in ABI order.
pub fn op_names() -> Vec<&'static str> {
    OPS.iter().map(|o| o.name).collect()
}

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
    match OPS.iter().find(|o| o.name == op) {
        Some(o) => (o.run)(engine, input),
        None => error_envelope(
            &Error::new(
                Scope::Call,
                ErrorKind::UnknownOp,
                "",
                format!("unknown operation `{op}`"),
            )
            .with_help(format!("operations are {}", op_names().join(", "))),
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct BatchHeader {
    as_of: Instant,
    /// Write messages (default true; false for plans without words).
    #[serde(default = "crate::json::yes")]
    messages: bool,
}

/// `decide_batch`: the first line is `{"as_of": …}` (with `"messages": false` to plan without words), every further
/// non-blank line one account. Returns one
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
            .and_then(|a| decision::decide_with(engine, &a, header.as_of, "", header.messages));
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

/// `render`: decides the account, builds the message variables, renders the template in the sandbox and lints
/// the result (see [`crate::ops::render`]).
pub fn render(engine: &Engine, input: &str) -> String {
    let result = json::parse::<crate::ops::render::RenderCall>(input, call_scope)
        .and_then(|c| crate::ops::render::render(engine, &c));
    envelope(&result, &[])
}

/// `reply`: what a borrower's message means — intents, amounts, dates, effects to apply, the tone for the
/// next messages, the contact to record and the assistant's answer (see [`crate::reply`]).
pub fn reply(engine: &Engine, input: &str) -> String {
    let result =
        json::parse::<crate::reply::ReplyCall>(input, call_scope).and_then(|c| crate::reply::analyse(engine, &c));
    envelope(&result, &[])
}

/// `evidence`: the evidence pack for an account (`{"account": …, "as_of": …}`), as JSON with a printable page.
pub fn evidence(engine: &Engine, input: &str) -> String {
    let result = json::parse::<DecideCall>(input, call_scope).and_then(|c| {
        let d = decision::decide(engine, &c)?;
        crate::ops::evidence::assemble(&c.account, &d)
    });
    envelope(&result, &[])
}

/// `offers` on `{"account": …, "as_of": …}`: the decision's offers, penalty projection and debt advice, without
/// its plan's words (see [`crate::ops::offers`]).
pub fn offers(engine: &Engine, input: &str) -> String {
    let result = json::parse::<DecideCall>(input, call_scope).and_then(|c| crate::ops::offers::offers(engine, &c));
    envelope(&result, &[])
}

/// `accounts_from_csv`: the account documents of a flat CSV (the text itself: a header row, then one record per
/// account), in order (see [`crate::portfolio`]).
pub fn accounts_from_csv(input: &str) -> String {
    envelope(&crate::portfolio::accounts_from_csv(input), &[])
}

/// `experiment_report`: per-arm outcomes and uplift over the champion with 95% intervals.
pub fn experiment_report(input: &str) -> String {
    let result = json::parse::<crate::experiment::ReportCall>(input, |_| Scope::Call)
        .and_then(|c| crate::experiment::report(&c));
    envelope(&result, &[])
}

/// `kpi`: portfolio KPIs from periodic snapshots.
pub fn kpi(input: &str) -> String {
    let result = json::parse::<crate::kpi::KpiCall>(input, |_| Scope::Call).and_then(|c| crate::kpi::compute(&c));
    envelope(&result, &[])
}

/// `queue`: the collectors' prioritised work list from decisions.
pub fn queue(input: &str) -> String {
    let result = json::parse::<crate::queue::QueueCall>(input, |_| Scope::Call).and_then(|c| crate::queue::build(&c));
    envelope(&result, &[])
}

/// `learn`: response rates per segment × channel × tone from contact and payment history (Beta posteriors).
pub fn learn(input: &str) -> String {
    let result = json::parse::<crate::learn::LearnCall>(input, |_| Scope::Call).and_then(|c| crate::learn::learn(&c));
    envelope(&result, &[])
}

/// Input of `lint`: which templates to sweep (default: every template the policy sends).
#[derive(Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LintCall {
    /// Template ids to sweep (default: every template the policy sends).
    #[serde(default)]
    templates: Option<Vec<String>>,
}

/// `lint`: writes every template the policy sends (or `templates`) for every channel, tone, locale and
/// jurisdiction against specimen accounts, and reports what the compliance lint finds.
pub fn lint(engine: &Engine, input: &str) -> String {
    let call = if input.trim().is_empty() {
        Ok(LintCall::default())
    } else {
        json::parse::<LintCall>(input, |_| Scope::Call)
    };
    let result = call.and_then(|c| {
        let every_answer = c.templates.is_none();
        let ids = c
            .templates
            .unwrap_or_else(|| crate::ops::sweep::template_ids(&engine.policy, false));
        crate::ops::sweep::sweep(engine, &ids, every_answer)
    });
    envelope(&result, &[])
}

/// What the module is.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct Info {
    version: &'static str,
    abi_version: u32,
    tzdb_version: &'static str,
    ops: Vec<&'static str>,
}

/// `{"ok": {version, abi_version, tzdb_version, ops}}`.
pub fn info() -> String {
    ok_envelope(
        &Info {
            version: VERSION,
            abi_version: ABI_VERSION,
            tzdb_version: TZDB_VERSION,
            ops: op_names(),
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    struct Valid {
        valid: bool,
    }
    // Building the engine is validation: it also compiles and lints the policy's templates.
    match Engine::new(policy_json, None) {
        Ok(engine) => ok_envelope(&Valid { valid: true }, &engine.warnings),
        Err(e) => error_envelope(&e),
    }
}
