//! The `dunwell` command: decide portfolios, validate policies, inspect the module, make sample data.

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use dunwell_host::{Limits, Runtime, Session, default_module_path};
use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Deterministic collection decisions, run from the same WebAssembly module as the browser.
#[derive(Parser)]
#[command(name = "dunwell", version)]
struct Cli {
    /// The module to run (default: $DUNWELL_MODULE, else pkg/dist/dunwell_bg.wasm).
    #[arg(long, global = true)]
    module: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide accounts: JSONL accounts in (a file or `-`), one JSONL envelope out per account.
    Decide {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
        /// The moment to decide at, RFC 3339 with offset (e.g. 2026-11-28T09:00:00Z).
        #[arg(long)]
        as_of: String,
        /// Where to write decisions (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Print a summary (accounts, buckets, errors by code) to standard error at the end.
        #[arg(long)]
        summary: bool,
        /// Accounts as JSON lines; `-` for standard input.
        #[arg(default_value = "-")]
        input: String,
    },
    /// Validate a policy: every problem with its JSON path.
    Validate {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
    },
    /// Explain one decision as a readable timeline: local and UTC times, rules, reasons.
    Explain {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
        /// The moment to decide at, RFC 3339 with offset.
        #[arg(long)]
        as_of: String,
        /// One account as JSON (a file or `-`).
        account: String,
    },
    /// Print the repayment offers for one account as a table.
    Offers {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
        /// The moment to decide at, RFC 3339 with offset.
        #[arg(long)]
        as_of: String,
        /// One account as JSON (a file or `-`).
        account: String,
    },
    /// Fit a scorecard from a CSV history with an outcome column; writes the `scorecard` policy fragment.
    Fit {
        /// Training data (or all data, split with --seed), CSV with a header row.
        #[arg(long)]
        csv: PathBuf,
        /// A held-out test set with the same columns (default: hold out --test-share of --csv).
        #[arg(long)]
        test: Option<PathBuf>,
        /// The outcome column.
        #[arg(long)]
        outcome: String,
        /// Outcome values that mean "good" (paid); repeat or separate with commas.
        #[arg(long, value_delimiter = ',', required = true)]
        good: Vec<String>,
        /// Columns to ignore.
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        /// Columns to treat as categories.
        #[arg(long, value_delimiter = ',')]
        categorical: Vec<String>,
        /// Columns that must be numeric.
        #[arg(long, value_delimiter = ',')]
        numeric: Vec<String>,
        /// Seed of the train/test split.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Share held out when no --test is given.
        #[arg(long, default_value_t = 0.3)]
        test_share: f64,
        /// Where to write `{"scorecard": …}` (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Where to write the full report as JSON.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Write one message for an account from a library template id (or a template file), and lint it.
    Render {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
        /// The moment to decide at, RFC 3339 with offset.
        #[arg(long)]
        as_of: String,
        /// A template id from the policy's library (e.g. `m2_overdue_firm`), or a template file (`.html` for
        /// HTML-escaped output).
        #[arg(long)]
        template: String,
        /// The channel the message is for (sms, email, letter, call, social_dm).
        #[arg(long, default_value = "sms")]
        channel: String,
        /// The tone (gentle, neutral, firm).
        #[arg(long, default_value = "neutral")]
        tone: String,
        /// One account as JSON (a file or `-`).
        account: String,
    },
    /// Read a borrower's reply: intents, amounts and dates, effects to apply, and the answer to send.
    Reply {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
        /// When the reply arrived, RFC 3339 with offset.
        #[arg(long)]
        as_of: String,
        /// The channel it came in on (sms, email, social_dm, call).
        #[arg(long, default_value = "sms")]
        channel: String,
        /// Print the analysis as JSON.
        #[arg(long)]
        json: bool,
        /// One account as JSON (a file or `-`).
        account: String,
        /// The reply's text.
        text: String,
    },
    /// Lint every template the policy sends, for every channel, tone, locale and jurisdiction.
    Lint {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
        /// Only these template ids (default: all the policy sends).
        #[arg(long = "template")]
        templates: Vec<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// What module this is: sha256, ABI, versions, tz database.
    Info,
    /// Write a deterministic synthetic portfolio as JSON lines.
    Sample {
        /// How many accounts.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Generator seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The moment the portfolio is "as of".
        #[arg(long, default_value = "2026-11-28T09:00:00Z")]
        as_of: String,
        /// Where to write (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Write a repayment history CSV (features and outcome) for `dunwell fit` instead of accounts.
        #[arg(long)]
        history: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dunwell: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn runtime(module: Option<PathBuf>) -> anyhow::Result<Runtime> {
    let path = module.unwrap_or_else(default_module_path);
    Runtime::load(&path, Limits::default())
        .with_context(|| format!("loading `{}` (build it with scripts/build-wasm.sh)", path.display()))
}

/// One account's JSON from a file, or from standard input for `-`.
fn read_account(account: &str) -> anyhow::Result<String> {
    if account == "-" {
        std::io::read_to_string(std::io::stdin()).context("cannot read standard input")
    } else {
        std::fs::read_to_string(account).with_context(|| format!("cannot read `{account}`"))
    }
}

/// Success for an `ok` envelope, 1 for an error envelope.
fn exit_for(envelope: &str) -> ExitCode {
    if envelope.starts_with("{\"ok\"") {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Decides one account file (or `-`) and returns the envelope.
fn decide_one(module: Option<PathBuf>, policy: &PathBuf, as_of: &str, account: &str) -> anyhow::Result<String> {
    let rt = runtime(module)?;
    let mut session = open_session(&rt, policy)?;
    let text = read_account(account)?;
    // Splice the account verbatim so error paths point into the user's document.
    let call = format!(
        "{{\"as_of\":{},\"account\":{}}}",
        serde_json::to_string(as_of)?,
        text.trim()
    );
    Ok(session.call("decide", &call))
}

/// A session for a policy file; an invalid policy prints its envelope (every problem) and fails.
fn open_session(rt: &Runtime, policy: &PathBuf) -> anyhow::Result<Session> {
    match rt.session(&read_text(policy)?) {
        Ok(s) => Ok(s),
        Err(dunwell_host::SessionError::Policy(envelope)) => {
            eprintln!("{envelope}");
            bail!("the policy `{}` is invalid", policy.display())
        }
        Err(e) => Err(e.into()),
    }
}

fn read_text(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))
}

fn writer(out: Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(&p).with_context(|| format!("cannot create `{}`", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Explain { policy, as_of, account } => {
            let answer = decide_one(cli.module, &policy, &as_of, &account)?;
            print!("{}", dunwell_host::explain::render(&answer));
            Ok(exit_for(&answer))
        }
        Command::Offers { policy, as_of, account } => {
            let answer = decide_one(cli.module, &policy, &as_of, &account)?;
            print!("{}", dunwell_host::explain::render_offers(&answer));
            Ok(exit_for(&answer))
        }
        Command::Fit {
            csv,
            test,
            outcome,
            good,
            ignore,
            categorical,
            numeric,
            seed,
            test_share,
            out,
            report,
        } => {
            let rt = runtime(cli.module)?;
            let mut session = rt.session("{}").map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut call = serde_json::json!({
                "csv": read_text(&csv)?, "outcome": outcome, "good": good, "ignore": ignore,
                "categorical": categorical, "numeric": numeric, "seed": seed, "test_share": test_share,
            });
            if let Some(t) = &test {
                call["test_csv"] = serde_json::Value::String(read_text(t)?);
            }
            let started = std::time::Instant::now();
            let answer = session.call("fit", &call.to_string());
            let elapsed = started.elapsed();
            let v: serde_json::Value = serde_json::from_str(&answer)?;
            let Some(ok) = v.get("ok") else {
                eprintln!("{}", dunwell_host::explain::render(&answer).trim_end());
                return Ok(ExitCode::from(1));
            };
            let fragment = serde_json::json!({ "scorecard": ok["scorecard"] });
            let mut w = writer(out)?;
            writeln!(w, "{}", serde_json::to_string_pretty(&fragment)?)?;
            w.flush()?;
            if let Some(path) = report {
                std::fs::write(&path, serde_json::to_string_pretty(&ok["report"])?)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
            }
            eprint!("{}", dunwell_host::explain::render_fit_report(&ok["report"], elapsed));
            Ok(ExitCode::SUCCESS)
        }
        Command::Render {
            policy,
            as_of,
            template,
            channel,
            tone,
            account,
        } => {
            let rt = runtime(cli.module)?;
            let mut session = open_session(&rt, &policy)?;
            let account_text = read_account(&account)?;
            let file = PathBuf::from(&template);
            let template_json = if file.is_file() {
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                serde_json::json!({"name": name, "source": read_text(&file)?})
            } else {
                serde_json::json!({"id": template})
            };
            let call = format!(
                "{{\"as_of\":{},\"channel\":{},\"tone\":{},\"template\":{},\"account\":{}}}",
                serde_json::to_string(&as_of)?,
                serde_json::to_string(&channel)?,
                serde_json::to_string(&tone)?,
                template_json,
                account_text.trim()
            );
            let answer = session.call("render", &call);
            let v: serde_json::Value = serde_json::from_str(&answer)?;
            let Some(ok) = v.get("ok") else {
                eprintln!("{}", dunwell_host::explain::render(&answer).trim_end());
                return Ok(ExitCode::from(1));
            };
            eprint!("{}", dunwell_host::explain::render_message_meta(ok));
            print!("{}", dunwell_host::explain::render_message(ok));
            let findings = ok["findings"].as_array().cloned().unwrap_or_default();
            eprint!("{}", dunwell_host::explain::render_findings(&findings));
            let errors = findings.iter().filter(|f| f["severity"] == "error").count();
            Ok(if errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Reply {
            policy,
            as_of,
            channel,
            json,
            account,
            text,
        } => {
            let rt = runtime(cli.module)?;
            let mut session = open_session(&rt, &policy)?;
            let account_text = read_account(&account)?;
            let call = format!(
                "{{\"as_of\":{},\"channel\":{},\"text\":{},\"account\":{}}}",
                serde_json::to_string(&as_of)?,
                serde_json::to_string(&channel)?,
                serde_json::to_string(&text)?,
                account_text.trim()
            );
            let answer = session.call("reply", &call);
            let v: serde_json::Value = serde_json::from_str(&answer)?;
            let Some(ok) = v.get("ok") else {
                eprintln!("{}", dunwell_host::explain::render(&answer).trim_end());
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(ok)?);
            } else {
                print!("{}", dunwell_host::explain::render_reply(ok));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint {
            policy,
            templates,
            json,
        } => {
            let rt = runtime(cli.module)?;
            let mut session = open_session(&rt, &policy)?;
            let call = if templates.is_empty() {
                "{}".to_string()
            } else {
                serde_json::json!({ "templates": templates }).to_string()
            };
            let answer = session.call("lint", &call);
            let v: serde_json::Value = serde_json::from_str(&answer)?;
            let Some(ok) = v.get("ok") else {
                eprintln!("{}", dunwell_host::explain::render(&answer).trim_end());
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(ok)?);
            } else {
                print!("{}", dunwell_host::explain::render_lint_report(ok));
            }
            Ok(if ok["errors"].as_u64() == Some(0) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Info => {
            let rt = runtime(cli.module)?;
            let info = rt.info();
            let out = serde_json::json!({
                "module": rt.module_path().map(|p| p.display().to_string()),
                "module_sha256": rt.module_sha256(),
                "abi_version": info.abi_version,
                "version": info.version,
                "tzdb_version": info.tzdb_version,
                "ops": info.ops,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { policy } => {
            let rt = runtime(cli.module)?;
            let answer = rt.validate_policy(&read_text(&policy)?)?;
            println!("{answer}");
            Ok(if answer.starts_with("{\"ok\"") {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Sample {
            count,
            seed,
            out,
            history: true,
            ..
        } => {
            let mut w = writer(out)?;
            w.write_all(dunwell_host::sample::history_csv(count, seed).as_bytes())?;
            w.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Sample {
            count,
            seed,
            as_of,
            out,
            history: false,
        } => {
            let at = chrono::DateTime::parse_from_rfc3339(&as_of)
                .with_context(|| format!("`{as_of}` is not an RFC 3339 instant"))?;
            let mut w = writer(out)?;
            for account in dunwell_host::sample::portfolio(count, seed, at.with_timezone(&chrono::Utc)) {
                writeln!(w, "{account}")?;
            }
            w.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Decide {
            policy,
            as_of,
            out,
            summary,
            input,
        } => {
            let rt = runtime(cli.module)?;
            let mut session = open_session(&rt, &policy)?;
            let header = serde_json::json!({ "as_of": as_of }).to_string();
            let probe = session.call("decide_batch", &header);
            if !probe.is_empty() {
                eprintln!("{probe}");
                bail!("bad --as-of `{as_of}`");
            }
            let reader: Box<dyn BufRead> = if input == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                Box::new(std::io::BufReader::new(
                    std::fs::File::open(&input).with_context(|| format!("cannot open `{input}`"))?,
                ))
            };
            let mut w = writer(out)?;
            let mut tally = Tally::default();
            decide_stream(&mut session, &header, reader, &mut w, summary.then_some(&mut tally))?;
            w.flush()?;
            if summary {
                tally.print(&session);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Lines per `decide_batch` call: big enough to amortise the call, small enough to stream.
const CHUNK: usize = 256;

/// Decides a JSONL stream in chunks, writing one envelope per non-blank input line, in order.
fn decide_stream(
    session: &mut Session,
    header: &str,
    reader: Box<dyn BufRead>,
    w: &mut dyn Write,
    mut tally: Option<&mut Tally>,
) -> anyhow::Result<()> {
    let mut batch = String::new();
    let mut pending = 0usize;
    let mut flush = |batch: &mut String,
                     pending: &mut usize,
                     w: &mut dyn Write,
                     tally: &mut Option<&mut Tally>|
     -> anyhow::Result<()> {
        if *pending == 0 {
            return Ok(());
        }
        let answer = session.call("decide_batch", batch);
        let lines: Vec<&str> = answer.split('\n').collect();
        if lines.len() != *pending {
            // A trap or timeout answers once for the whole chunk: report it for every line so none is lost.
            for _ in 0..*pending {
                writeln!(w, "{answer}")?;
                if let Some(t) = tally.as_deref_mut() {
                    t.add(&answer);
                }
            }
        } else {
            for line in lines {
                writeln!(w, "{line}")?;
                if let Some(t) = tally.as_deref_mut() {
                    t.add(line);
                }
            }
        }
        batch.clear();
        *pending = 0;
        Ok(())
    };
    for line in reader.lines() {
        let line = line.context("cannot read the input")?;
        if line.trim().is_empty() {
            continue;
        }
        if pending == 0 {
            batch.push_str(header);
        }
        batch.push('\n');
        batch.push_str(&line);
        pending += 1;
        if pending == CHUNK {
            flush(&mut batch, &mut pending, w, &mut tally)?;
        }
    }
    flush(&mut batch, &mut pending, w, &mut tally)
}

/// What a run did, for the summary.
#[derive(Default)]
struct Tally {
    accounts: u64,
    decided: u64,
    buckets: BTreeMap<String, u64>,
    errors: BTreeMap<String, u64>,
    overdue_by_currency: BTreeMap<String, i64>,
    promises: BTreeMap<String, u64>,
    actions: BTreeMap<String, u64>,
    suppressed: BTreeMap<String, u64>,
}

impl Tally {
    fn add(&mut self, envelope: &str) {
        self.accounts += 1;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(envelope) else {
            *self.errors.entry("host.bad_answer".into()).or_default() += 1;
            return;
        };
        if let Some(d) = v.get("ok") {
            self.decided += 1;
            let key = |x: &serde_json::Value| x.as_str().unwrap_or("?").to_string();
            *self.buckets.entry(key(&d["bucket"])).or_default() += 1;
            *self.overdue_by_currency.entry(key(&d["currency"])).or_default() +=
                d["arrears"]["overdue_amount"].as_i64().unwrap_or(0);
            let list = |name: &str| d[name].as_array().cloned().unwrap_or_default();
            for p in list("promises") {
                *self.promises.entry(key(&p["state"])).or_default() += 1;
            }
            for a in list("actions") {
                *self.actions.entry(key(&a["channel"])).or_default() += 1;
            }
            for x in list("suppressed") {
                *self.suppressed.entry(key(&x["reason"])).or_default() += 1;
            }
        } else {
            *self
                .errors
                .entry(v["error"]["code"].as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
    }

    fn print(&self, session: &Session) {
        let rt = session.runtime();
        eprintln!(
            "decided {} of {} accounts (module {}, policy {})",
            self.decided,
            self.accounts,
            &rt.module_sha256()[..12],
            &session.policy_sha256()[..12]
        );
        let join = |m: &BTreeMap<String, u64>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
        let or_none = |m: &BTreeMap<String, u64>| if m.is_empty() { "none".to_string() } else { join(m) };
        // Display only: every supported currency but JPY/KRW/VND/BHD/KWD has 2 decimals.
        let overdue: Vec<String> = self
            .overdue_by_currency
            .iter()
            .map(|(c, a)| format!("{c} {}.{:02}", a / 100, a % 100))
            .collect();
        eprintln!("  buckets:    {}", join(&self.buckets));
        eprintln!("  promises:   {}", or_none(&self.promises));
        eprintln!("  actions:    {}", or_none(&self.actions));
        eprintln!("  suppressed: {}", or_none(&self.suppressed));
        eprintln!("  overdue:    {}", overdue.join(", "));
        eprintln!("  errors:     {}", or_none(&self.errors));
    }
}
