//! The commands of the `dunwell` binary, one file each, and what they share: finding and loading the module,
//! reading the user's files, calling an op, and turning its answer into output and an exit code.
//!
//! Every command that asks the module something goes through [`call_op`] (or [`call_on_account`] for the
//! commands that take one account), and every answer comes back through [`finish`], so the exit codes mean the
//! same in every command:
//!
//! - 0: done;
//! - 1: the module answered an error (printed with its code and path on standard error), or the command found
//!   problems it reports (lint errors, an invalid policy, bad input lines);
//! - 2: the command could not run (a file that cannot be read, a module that does not load, a policy that does
//!   not load): `dunwell: <why>` on standard error.

pub mod audit;
pub mod decide;
pub mod evidence;
pub mod experiment;
pub mod explain;
pub mod fit;
pub mod info;
pub mod kpi;
pub mod lint;
pub mod openapi;
pub mod queue;
pub mod render;
pub mod reply;
pub mod sample;
pub mod serve;
pub mod validate;

use anyhow::{Context, bail};
use dunwell_host::audit::Location;
use dunwell_host::{Limits, Runtime, Session, SessionError};
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

/// How a command prints its answer (`--format`, for every command).
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum OutputFormat {
    /// For people: tables and timelines, amounts in major units with their currency, confidences as %.
    Human,
    /// The module's JSON, pretty-printed (`decide`: one envelope per line).
    Json,
}

static FORMAT: OnceLock<Option<OutputFormat>> = OnceLock::new();

/// Records the `--format` the user asked for (once, at start).
pub fn set_format(format: Option<OutputFormat>) {
    let _ = FORMAT.set(format);
}

/// The format asked for, or the command's own default.
pub fn format_or(default: OutputFormat) -> OutputFormat {
    FORMAT.get().copied().flatten().unwrap_or(default)
}

/// Whether JSON is wanted: `--format json`, or a command's older `--json` flag.
pub fn wants_json(json_flag: bool) -> bool {
    json_flag || format_or(OutputFormat::Human) == OutputFormat::Json
}

/// Which module to run and how to start it.
#[derive(clap::Args)]
pub struct ModuleArgs {
    /// The module to run. Default: $DUNWELL_MODULE, else dunwell_bg.wasm next to this executable, else the
    /// pkg/dist/dunwell_bg.wasm this binary was built beside.
    #[arg(long, global = true)]
    module: Option<PathBuf>,
    /// Compile the module instead of loading its compiled code from the cache (or set DUNWELL_NO_CACHE=1). The
    /// cache lives in $DUNWELL_CACHE_DIR, else $XDG_CACHE_HOME/dunwell, else ~/.cache/dunwell.
    #[arg(long, global = true, env = "DUNWELL_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    no_cache: bool,
}

/// Where the audit trail lives, for every command that records or reads it.
#[derive(clap::Args)]
pub struct AuditTrail {
    /// The audit trail: an SQLite file, or a `postgres://` URL (or set DUNWELL_AUDIT, which keeps a password out
    /// of `ps`).
    #[arg(
        long = "audit",
        value_name = "FILE|URL",
        env = "DUNWELL_AUDIT",
        default_value = "dunwell-audit.db",
        hide_env_values = true,
        value_parser = |s: &str| Ok::<_, std::convert::Infallible>(Location::parse(s))
    )]
    pub location: Location,
}

/// The policy, the moment and the one account a single-account command (`explain`, `offers`, `render`, `reply`,
/// `evidence`) decides; flattened first into each, so `--policy` and `--as-of` lead their options and the account
/// their arguments. A command whose moment means something else says so with `mut_arg("as_of", …)`.
#[derive(clap::Args)]
pub struct OneAccount {
    /// The policy document (JSON).
    #[arg(long)]
    pub policy: PathBuf,
    /// The moment to decide at, RFC 3339 with offset.
    #[arg(long)]
    pub as_of: String,
    /// One account as JSON (a file or `-`).
    pub account: String,
}

/// Loads the module with the default limits.
pub fn runtime(module: &ModuleArgs) -> anyhow::Result<Runtime> {
    runtime_with(module, Limits::default())
}

/// Finds the module and loads it, from the compiled-module cache unless `--no-cache`: Cranelift takes
/// seconds over the module, the cache a few milliseconds.
pub fn runtime_with(module: &ModuleArgs, limits: Limits) -> anyhow::Result<Runtime> {
    let path = dunwell_host::find_module(module.module.as_deref())?;
    let cache = if module.no_cache {
        None
    } else {
        dunwell_host::cache::default_dir()
    };
    Runtime::load_cached(&path, limits, cache.as_deref())
        .with_context(|| format!("loading `{}` (build it with scripts/build-wasm.sh)", path.display()))
}

/// A session for a policy file, or for the module's built-in default (`{}`) when the op needs no policy of the
/// user's; an invalid policy prints its envelope (every problem) and fails.
pub fn open_session(rt: &Runtime, policy: Option<&Path>) -> anyhow::Result<Session> {
    let Some(policy) = policy else {
        return Ok(rt.session("{}")?);
    };
    match rt.session(&read_text(policy)?) {
        Ok(s) => Ok(s),
        Err(SessionError::Policy(envelope)) => {
            eprintln!("{envelope}");
            bail!("the policy `{}` is invalid", policy.display())
        }
        Err(e) => Err(e.into()),
    }
}

/// An op's answer: the envelope exactly as the module wrote it (`{"ok": …}` or `{"error": …}`).
pub struct Envelope(String);

impl Envelope {
    /// The envelope's text, for the renderers that take a whole envelope (they show errors themselves).
    pub fn text(&self) -> &str {
        &self.0
    }

    /// Success for an `ok` envelope, 1 for an error envelope.
    pub fn exit_code(&self) -> ExitCode {
        exit(self.0.starts_with("{\"ok\""))
    }
}

/// Loads the module, opens a session for `policy` (`None`: the built-in default) and calls `op` with `input`
/// serialised by serde_json. The one way the commands call the module.
pub fn call_op(
    module: &ModuleArgs,
    policy: Option<&Path>,
    op: &str,
    input: &impl Serialize,
) -> anyhow::Result<Envelope> {
    call_op_with(module, Limits::default(), policy, op, input)
}

/// [`call_op`] with other limits than the defaults (a whole-library lint takes minutes, not seconds).
pub fn call_op_with(
    module: &ModuleArgs,
    limits: Limits,
    policy: Option<&Path>,
    op: &str,
    input: &impl Serialize,
) -> anyhow::Result<Envelope> {
    let rt = runtime_with(module, limits)?;
    let mut session = open_session(&rt, policy)?;
    call(&mut session, op, input)
}

/// Calls `op` in an open session: for a command that times the call alone (`fit`), without loading the module.
pub fn call(session: &mut Session, op: &str, input: &impl Serialize) -> anyhow::Result<Envelope> {
    Ok(Envelope(session.call(op, &serde_json::to_string(input)?)))
}

/// Calls `op` with the policy of `on` on its account (a file, or `-` for standard input), in the request `make`
/// builds around the account.
pub fn call_on_account<T: Serialize>(
    module: &ModuleArgs,
    on: &OneAccount,
    op: &str,
    make: impl FnOnce(Box<RawValue>) -> T,
) -> anyhow::Result<Envelope> {
    let text = if on.account == "-" {
        std::io::read_to_string(std::io::stdin()).context("cannot read standard input")?
    } else {
        std::fs::read_to_string(&on.account).with_context(|| format!("cannot read `{}`", on.account))?
    };
    match verbatim(text, "/account") {
        Ok(account) => call_op(module, Some(&on.policy), op, &make(account)),
        Err(not_json) => Ok(not_json),
    }
}

/// A user's JSON document, to be placed in a request at `at` (a JSON Pointer) exactly as written.
///
/// The document goes into the request verbatim (a [`RawValue`]), not re-serialised: the module sees the user's
/// own numbers and key order, so an answer, and an error path pointing into the document, are what they would be
/// had the user written the request themselves. A document that is not JSON at all is answered here the way the
/// module answers one (`json.syntax`, exit 1), with the line and column in the user's file rather than in a
/// request they never saw.
pub fn verbatim(text: String, at: &str) -> Result<Box<RawValue>, Envelope> {
    RawValue::from_string(text.trim().to_string()).map_err(|e| {
        // The module's wording: serde_json's message with its first letter in lower case.
        let full = e.to_string();
        let mut chars = full.chars();
        let message: String = chars
            .next()
            .map(|f| f.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        Envelope(serde_json::json!({"error": {"code": "json.syntax", "message": message, "path": at}}).to_string())
    })
}

/// The printer every command's answer goes through: an `ok` answer is handed to `show`, which prints it and says
/// the exit code; an error answer is printed on standard error (code, path, message) and exits 1.
pub fn finish(answer: &Envelope, show: impl FnOnce(Value) -> anyhow::Result<ExitCode>) -> anyhow::Result<ExitCode> {
    let mut v: Value = serde_json::from_str(&answer.0)?;
    match v.get_mut("ok") {
        Some(ok) => show(ok.take()),
        None if FORMAT.get().copied().flatten() == Some(OutputFormat::Json) => {
            eprintln!("{}", answer.0.trim_end());
            Ok(ExitCode::from(1))
        }
        None => {
            eprintln!("{}", dunwell_host::explain::render(&answer.0).trim_end());
            Ok(ExitCode::from(1))
        }
    }
}

/// Prints `v` as pretty JSON, or, with `--format human`, as the table `human` makes of it (for the commands whose
/// answer is JSON by default).
pub fn print_json_unless_human(v: &Value, human: fn(&Value) -> String) -> anyhow::Result<ExitCode> {
    if format_or(OutputFormat::Json) == OutputFormat::Human {
        print!("{}", human(v));
        return Ok(ExitCode::SUCCESS);
    }
    print_json(v)
}

/// Prints `v` as pretty JSON.
pub fn print_json(v: &Value) -> anyhow::Result<ExitCode> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(ExitCode::SUCCESS)
}

/// Prints `v` as pretty JSON when the user asked for it (`--json` or `--format json`), else as the table `table`
/// makes of it.
pub fn print_json_or(v: &Value, json: bool, table: fn(&Value) -> String) -> anyhow::Result<ExitCode> {
    if wants_json(json) {
        return print_json(v);
    }
    print!("{}", table(v));
    Ok(ExitCode::SUCCESS)
}

/// 0 on success, else 1 (the command ran and found problems).
pub fn exit(success: bool) -> ExitCode {
    if success { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// The log filter RUST_LOG asks for: `None` when it is unset, and when it is not a filter — then said on standard
/// error, so a typo does not pass for "no logs wanted".
pub fn log_filter() -> Option<tracing_subscriber::EnvFilter> {
    let wanted = std::env::var_os("RUST_LOG")?;
    match tracing_subscriber::EnvFilter::try_from_default_env() {
        Ok(filter) => Some(filter),
        Err(e) => {
            eprintln!(
                "dunwell: RUST_LOG={} is not a log filter ({e}): ignored",
                wanted.to_string_lossy()
            );
            None
        }
    }
}

/// A count that must be at least 1 (`--workers`): 0 is refused rather than quietly run as 1.
pub fn at_least_one() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::new().range(1..)
}

/// Cores available to this process.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// A whole file as text, the error naming it.
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// A buffered writer to `out`, or to standard output.
pub fn writer(out: Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(&p).with_context(|| format!("cannot create `{}`", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}
