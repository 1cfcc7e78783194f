//! The `dunwell` command: decide portfolios, validate policies, inspect the module, make sample data.

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use dunwell_host::audit::Location;
use dunwell_host::{Limits, Runtime, Session};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Deterministic collection decisions, run from the same WebAssembly module as the browser.
#[derive(Parser)]
#[command(name = "dunwell", version)]
struct Cli {
    #[command(flatten)]
    module: ModuleArgs,
    #[command(subcommand)]
    command: Command,
}

/// Which module to run and how to start it.
#[derive(clap::Args)]
struct ModuleArgs {
    /// The module to run. Default: $DUNWELL_MODULE, else dunwell_bg.wasm next to this executable, else the
    /// pkg/dist/dunwell_bg.wasm this binary was built beside.
    #[arg(long, global = true)]
    module: Option<PathBuf>,
    /// Compile the module instead of loading its compiled code from the cache (or set DUNWELL_NO_CACHE=1). The
    /// cache lives in $DUNWELL_CACHE_DIR, else $XDG_CACHE_HOME/dunwell, else ~/.cache/dunwell.
    #[arg(long, global = true, env = "DUNWELL_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    no_cache: bool,
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
        /// Where to write decisions (default: standard output). Written to `<file>.partial`, renamed at the end.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Kept for scripts written before the summary was always printed to standard error (accounts,
        /// buckets, actions, suppressions, errors by code).
        #[arg(long)]
        summary: bool,
        /// Input format.
        #[arg(long, value_enum, default_value = "jsonl")]
        from: dunwell_host::batch::Format,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        to: dunwell_host::batch::Format,
        /// Keep only shard `i` of `n` (accounts split by a hash of their id), e.g. `--shard 0/4`.
        #[arg(long)]
        shard: Option<String>,
        /// Worker threads (default: every core).
        #[arg(long)]
        workers: Option<usize>,
        #[command(flatten)]
        audit: AuditTrail,
        /// Do not record decisions in the audit trail.
        #[arg(long)]
        no_audit: bool,
        /// Continue a killed run: re-emit what the audit trail has for it, decide the rest.
        #[arg(long)]
        resume: bool,
        /// Run id (default: derived from the input path, as_of, policy and shard).
        #[arg(long)]
        run_id: Option<String>,
        /// Plan without writing messages (faster; for simulations and dashboards).
        #[arg(long)]
        no_messages: bool,
        /// Longest account line (or CSV record) in bytes; a longer one is answered `account.too_large` without
        /// reaching the module.
        #[arg(long, default_value_t = dunwell_host::batch::DEFAULT_MAX_LINE_BYTES)]
        max_line_bytes: usize,
        /// Accounts (JSON lines or CSV); `-` for standard input.
        #[arg(default_value = "-")]
        input: String,
    },
    /// Serve the module over HTTP: /v1/decide, /v1/render, /v1/reply, /v1/offers, /v1/lint, /healthz,
    /// /readyz, /metrics, /openapi.json.
    Serve {
        /// The policy document (JSON); reloaded on SIGHUP or when the file changes.
        #[arg(long)]
        policy: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Concurrent module calls (default: every core).
        #[arg(long)]
        workers: Option<usize>,
        /// Largest request body in bytes.
        #[arg(long, default_value_t = 4 << 20)]
        max_body_bytes: usize,
        /// Longest a request may take, in milliseconds: the whole request (body, every account of a batch,
        /// the audit record); past it the answer is 503 `host.timeout`.
        #[arg(long, default_value_t = 30_000)]
        timeout_ms: u64,
        /// Require `Authorization: Bearer <token>` on /v1/* and /metrics (or set DUNWELL_TOKEN).
        #[arg(long, env = "DUNWELL_TOKEN")]
        token: Option<String>,
        #[command(flatten)]
        audit: AuditTrail,
        /// Do not record decisions in the audit trail.
        #[arg(long)]
        no_audit: bool,
        /// Serve a folder's files: `DIR` at `/`, or `/PREFIX=DIR` (repeatable). Dotfiles, `*.db`, `*-wal`,
        /// `*-shm`, `*-journal` and symlinks leading out of the folder are never served, and static files need
        /// no token: mount only public folders (the console: `--static /www=www --static /pkg=pkg --static
        /// /policies=policies`), never the working directory.
        #[arg(long = "static", value_name = "DIR|/PREFIX=DIR")]
        static_dirs: Vec<dunwell_host::serve::StaticMount>,
        #[command(flatten)]
        guards: dunwell_host::serve::Guards,
    },
    /// The audit trail: verify recorded decisions by replaying them, prune old ones, print the PostgreSQL schema.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
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
    /// The evidence pack for a legal referral or agency placement: JSON, and the printable page with --html.
    Evidence {
        /// The policy document (JSON).
        #[arg(long)]
        policy: PathBuf,
        /// The moment to assemble it for, RFC 3339 with offset.
        #[arg(long)]
        as_of: String,
        /// Also write the printable HTML page here.
        #[arg(long)]
        html: Option<PathBuf>,
        /// One account as JSON (a file or `-`).
        account: String,
    },
    /// Champion/challenger: `experiment report OUTCOMES.jsonl` (one outcome per line).
    Experiment {
        #[command(subcommand)]
        action: ExperimentAction,
    },
    /// Portfolio KPIs from snapshots (a JSON file `{"snapshots": [...]}`): roll rates, cure, PTP kept, RPC, liquidation, cost.
    Kpi {
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
        /// The snapshots file.
        snapshots: PathBuf,
    },
    /// The collectors' queue for a day from decisions (JSON lines, as `decide` writes them).
    Queue {
        /// The work day, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Agents as `id:capacity`, e.g. `ann:40`.
        #[arg(long = "agent", required = true)]
        agents: Vec<String>,
        /// Most difficult cases in a row.
        #[arg(long, default_value_t = 2)]
        max_difficult_in_row: usize,
        /// Decisions file (JSON lines).
        decisions: PathBuf,
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
    // `serve` logs JSON on its own; any other command logs (to standard error) only when RUST_LOG asks, e.g.
    // RUST_LOG=dunwell_host=debug to see where the compiled module came from.
    if !matches!(cli.command, Command::Serve { .. })
        && let Ok(filter) = tracing_subscriber::EnvFilter::try_from_default_env()
    {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_env_filter(filter)
            .without_time()
            .with_ansi(false)
            .init();
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dunwell: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn runtime(module: ModuleArgs) -> anyhow::Result<Runtime> {
    runtime_with(module, Limits::default())
}

/// Finds the module and loads it, from the compiled-module cache unless `--no-cache`: Cranelift takes
/// seconds over the module, the cache a few milliseconds.
fn runtime_with(module: ModuleArgs, limits: Limits) -> anyhow::Result<Runtime> {
    let path = dunwell_host::find_module(module.module.as_deref())?;
    let cache = if module.no_cache {
        None
    } else {
        dunwell_host::cache::default_dir()
    };
    Runtime::load_cached(&path, limits, cache.as_deref())
        .with_context(|| format!("loading `{}` (build it with scripts/build-wasm.sh)", path.display()))
}

/// Limits for whole-library sweeps (`lint`): thousands of messages in one call, so minutes, not seconds.
fn sweep_limits() -> Limits {
    Limits {
        call_timeout: std::time::Duration::from_secs(600),
        ..Limits::default()
    }
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
fn decide_one(module: ModuleArgs, policy: &PathBuf, as_of: &str, account: &str) -> anyhow::Result<String> {
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
            let Some(ok) = answer_ok(&session.call("render", &call))? else {
                return Ok(ExitCode::from(1));
            };
            eprint!("{}", dunwell_host::explain::render_message_meta(&ok));
            print!("{}", dunwell_host::explain::render_message(&ok));
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
            let Some(ok) = answer_ok(&session.call("reply", &call))? else {
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&ok)?);
            } else {
                print!("{}", dunwell_host::explain::render_reply(&ok));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Evidence {
            policy,
            as_of,
            html,
            account,
        } => {
            let rt = runtime(cli.module)?;
            let mut session = open_session(&rt, &policy)?;
            let call = format!(
                "{{\"as_of\":{},\"account\":{}}}",
                serde_json::to_string(&as_of)?,
                read_account(&account)?.trim()
            );
            let answer = session.call("evidence", &call);
            let mut v: serde_json::Value = serde_json::from_str(&answer)?;
            let Some(ok) = v.get_mut("ok") else {
                eprintln!("{}", dunwell_host::explain::render(&answer).trim_end());
                return Ok(ExitCode::from(1));
            };
            if let Some(path) = html {
                std::fs::write(&path, ok["html"].as_str().unwrap_or(""))
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
            }
            if let Some(o) = ok.as_object_mut() {
                o.remove("html");
            }
            println!("{}", serde_json::to_string_pretty(&ok)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Experiment {
            action:
                ExperimentAction::Report {
                    champion,
                    json,
                    outcomes,
                },
        } => {
            let rt = runtime(cli.module)?;
            let mut session = rt.session("{}").map_err(|e| anyhow::anyhow!("{e}"))?;
            let rows: Vec<serde_json::Value> = read_text(&outcomes)?
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(serde_json::from_str)
                .collect::<Result<_, _>>()
                .context("outcomes are JSON lines")?;
            let call = serde_json::json!({"champion": champion, "outcomes": rows}).to_string();
            let Some(ok) = answer_ok(&session.call("experiment_report", &call))? else {
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&ok)?);
            } else {
                print!("{}", dunwell_host::explain::render_experiment(&ok));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Kpi { json, snapshots } => {
            let rt = runtime(cli.module)?;
            let mut session = rt.session("{}").map_err(|e| anyhow::anyhow!("{e}"))?;
            let Some(ok) = answer_ok(&session.call("kpi", &read_text(&snapshots)?))? else {
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&ok)?);
            } else {
                print!("{}", dunwell_host::explain::render_kpi(&ok));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Queue {
            date,
            agents,
            max_difficult_in_row,
            decisions,
        } => {
            let rt = runtime(cli.module)?;
            let mut session = rt.session("{}").map_err(|e| anyhow::anyhow!("{e}"))?;
            let agents: Vec<serde_json::Value> = agents
                .iter()
                .map(|a| {
                    let (id, cap) = a.split_once(':').unwrap_or((a, "40"));
                    serde_json::json!({"id": id, "capacity": cap.parse::<usize>().unwrap_or(40)})
                })
                .collect();
            let rows: Vec<serde_json::Value> = read_text(&decisions)?
                .lines()
                .filter(|l| !l.trim().is_empty())
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect();
            let call = serde_json::json!({"date": date, "agents": agents, "decisions": rows,
                "max_difficult_in_row": max_difficult_in_row})
            .to_string();
            let Some(ok) = answer_ok(&session.call("queue", &call))? else {
                return Ok(ExitCode::from(1));
            };
            println!("{}", serde_json::to_string_pretty(&ok)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint {
            policy,
            templates,
            json,
        } => {
            let rt = runtime_with(cli.module, sweep_limits())?;
            let mut session = open_session(&rt, &policy)?;
            let call = if templates.is_empty() {
                "{}".to_string()
            } else {
                serde_json::json!({ "templates": templates }).to_string()
            };
            let Some(ok) = answer_ok(&session.call("lint", &call))? else {
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&ok)?);
            } else {
                print!("{}", dunwell_host::explain::render_lint_report(&ok));
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
            dunwell_host::sample::write_history_csv(count, seed, &mut w)?;
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
            // One account at a time: a million accounts in the memory of one.
            for account in dunwell_host::sample::accounts(count, seed, at.with_timezone(&chrono::Utc)) {
                writeln!(w, "{account}")?;
            }
            w.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Decide {
            policy,
            as_of,
            out,
            summary: _,
            from,
            to,
            shard,
            workers,
            audit,
            no_audit,
            resume,
            run_id,
            no_messages,
            max_line_bytes,
            input,
        } => {
            let rt = runtime(cli.module)?;
            let batch = dunwell_host::batch::Batch {
                policy: read_text(&policy)?,
                as_of,
                input,
                out,
                from,
                to,
                shard: shard.as_deref().map(dunwell_host::batch::parse_shard).transpose()?,
                workers: workers.unwrap_or_else(cores),
                audit: (!no_audit).then_some(audit.location),
                resume,
                run_id,
                messages: !no_messages,
                max_line_bytes,
            };
            // Per-account errors (including lines the host refuses) are answers in the output and counted in the
            // summary, not a failed run: the exit status is 0 once every line is answered, 2 when the run stops.
            dunwell_host::batch::run(&rt, &batch)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            policy,
            listen,
            workers,
            max_body_bytes,
            timeout_ms,
            token,
            audit,
            no_audit,
            static_dirs,
            guards,
        } => {
            tracing_subscriber::fmt()
                .json()
                .with_writer(std::io::stderr)
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
                )
                .init();
            // A module call may use the whole request budget (a policy-wide lint takes seconds).
            let rt = runtime_with(
                cli.module,
                Limits {
                    call_timeout: std::time::Duration::from_millis(timeout_ms),
                    ..Limits::default()
                },
            )?;
            let config = dunwell_host::serve::Config {
                listen,
                policy,
                workers: workers.unwrap_or_else(cores),
                max_body_bytes,
                request_timeout: std::time::Duration::from_millis(timeout_ms),
                token: token.filter(|t| !t.is_empty()),
                audit: (!no_audit).then_some(audit.location),
                watch_every: std::time::Duration::from_secs(2),
                static_dirs,
                guards,
            };
            dunwell_host::serve::run_server(rt, config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { action } => match action {
            AuditAction::Verify { audit, sample } => {
                let rt = runtime(cli.module)?;
                let db = dunwell_host::audit::Audit::open(&audit.location, rt.module_sha256(), 1)?;
                let mut out = std::io::stdout().lock();
                let report = dunwell_host::audit::verify::verify(&rt, &db, sample, &mut |line: String| {
                    let _ = writeln!(out, "{line}");
                })?;
                writeln!(out, "{}", report.summary())?;
                Ok(if report.clean() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                })
            }
            AuditAction::Schema => {
                print!("{}", dunwell_host::audit::POSTGRES_SCHEMA);
                Ok(ExitCode::SUCCESS)
            }
            AuditAction::Prune { audit, keep_days } => {
                let db = dunwell_host::audit::Audit::open(&audit.location, "", 1)?;
                let pruned = db.prune(keep_days)?;
                println!(
                    "pruned {} decision(s) older than {keep_days} days{}",
                    pruned.deleted,
                    if pruned.kept_by_law > 0 {
                        format!(
                            "; kept {} older one(s) that a jurisdiction's legal minimum retention still covers \
                             (CN: five years)",
                            pruned.kept_by_law
                        )
                    } else {
                        String::new()
                    }
                );
                Ok(ExitCode::SUCCESS)
            }
        },
    }
}

/// The `ok` value of an answer; an error envelope is printed (code, path, message) and gives `None`.
fn answer_ok(answer: &str) -> anyhow::Result<Option<serde_json::Value>> {
    let mut v: serde_json::Value = serde_json::from_str(answer)?;
    match v.get_mut("ok") {
        Some(ok) => Ok(Some(ok.take())),
        None => {
            eprintln!("{}", dunwell_host::explain::render(answer).trim_end());
            Ok(None)
        }
    }
}

/// Cores available to this process.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Where the audit trail lives, for every command that records or reads it.
#[derive(clap::Args)]
struct AuditTrail {
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
    location: Location,
}

/// Audit-trail commands.
#[derive(clap::Subcommand)]
enum AuditAction {
    /// Replay recorded decisions through the module and report any that differ.
    Verify {
        #[command(flatten)]
        audit: AuditTrail,
        /// Verify only this many (a deterministic sample by decision id).
        #[arg(long)]
        sample: Option<usize>,
    },
    /// Print the PostgreSQL schema (for a DBA who creates it instead of granting CREATE).
    Schema,
    /// Delete decisions older than the retention period.
    Prune {
        #[command(flatten)]
        audit: AuditTrail,
        /// Days to keep. Records of CN accounts are kept at least five years (the legal minimum) whatever this says.
        #[arg(long, default_value_t = dunwell_host::audit::DEFAULT_RETENTION_DAYS)]
        keep_days: u32,
    },
}

/// Experiment commands.
#[derive(clap::Subcommand)]
enum ExperimentAction {
    /// Per-arm accounts, cure rate, recovered, PTP kept, complaints, and uplift vs the champion with 95% intervals.
    Report {
        /// The champion arm (default: the first arm in the file).
        #[arg(long)]
        champion: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Outcomes, JSON lines: {account_id, arm, cured, recovered, ptp_made, ptp_kept, complaint}.
        outcomes: PathBuf,
    },
}
