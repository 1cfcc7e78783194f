//! The `dunwell` command: decide portfolios, validate policies, inspect the module, make sample data.
//!
//! This file is the command line's shape (which commands there are) and its start-up (logging); each command's
//! flags and body live in `cli/<command>.rs`, and what they share (calling the module, printing its answer,
//! exit codes) in `cli/mod.rs`.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Deterministic collection decisions, run from the same WebAssembly module as the browser.
#[derive(Parser)]
#[command(name = "dunwell", version)]
struct Cli {
    #[command(flatten)]
    module: cli::ModuleArgs,
    /// How to print answers. Default: what each command is for — `human` for explain, offers, reply, render,
    /// lint, kpi and experiment; JSON for validate, info, evidence, queue and fit; JSON lines for decide
    /// (`--format human` prints each account's timeline instead).
    #[arg(long, global = true, value_enum)]
    format: Option<cli::OutputFormat>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide accounts: JSONL accounts in (a file or `-`), one JSONL envelope out per account.
    Decide(cli::decide::Args),
    /// Serve the module over HTTP: /v1/decide, /v1/render, /v1/reply, /v1/offers, /v1/lint, /healthz,
    /// /readyz, /metrics, /openapi.json.
    Serve(cli::serve::Args),
    /// The audit trail: verify recorded decisions by replaying them, prune old ones, print the PostgreSQL schema.
    #[command(subcommand)]
    Audit(cli::audit::Action),
    /// Validate a policy: every problem with its JSON path.
    Validate(cli::validate::Args),
    /// Explain one decision as a readable timeline: local and UTC times, rules, reasons.
    Explain(cli::OneAccount),
    /// Print the repayment offers for one account as a table.
    Offers(cli::OneAccount),
    /// Fit a scorecard from a CSV history with an outcome column; writes the `scorecard` policy fragment.
    Fit(cli::fit::Args),
    /// Write one message for an account from a library template id (or a template file), and lint it.
    Render(cli::render::Args),
    /// Read a borrower's reply: intents, amounts and dates, effects to apply, and the answer to send.
    Reply(cli::reply::Args),
    /// The evidence pack for a legal referral or agency placement: JSON, and the printable page with --html.
    Evidence(cli::evidence::Args),
    /// Champion/challenger: `experiment report OUTCOMES.jsonl` (one outcome per line).
    #[command(subcommand)]
    Experiment(cli::experiment::Action),
    /// Portfolio KPIs from snapshots (a JSON file `{"snapshots": [...]}`): roll rates, cure, PTP kept, RPC, liquidation, cost.
    Kpi(cli::kpi::Args),
    /// The collectors' queue for a day from decisions (JSON lines, as `decide` writes them).
    Queue(cli::queue::Args),
    /// Lint every template the policy sends, for every channel, tone, locale and jurisdiction.
    Lint(cli::lint::Args),
    /// What module this is: sha256, ABI, versions, tz database.
    Info,
    /// Print the HTTP service's OpenAPI document (as `GET /openapi.json` answers it), with its JSON Schemas.
    Openapi,
    /// Write a deterministic synthetic portfolio as JSON lines.
    Sample(cli::sample::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A command piped into `head` stops quietly when the reader goes away, as Unix tools do, instead of panicking
    // on a broken pipe. Not `serve`: a client that hangs up must never end the service.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if !matches!(cli.command, Command::Serve(_)) {
        // SAFETY: restoring a signal's default disposition at start, before any thread is spawned.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    // `serve` logs JSON on its own; any other command logs (to standard error) only when RUST_LOG asks, e.g.
    // RUST_LOG=dunwell_host=debug to see where the compiled module came from.
    if !matches!(cli.command, Command::Serve(_))
        && let Some(filter) = cli::log_filter()
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

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    cli::set_format(cli.format);
    let module = &cli.module;
    match cli.command {
        Command::Decide(args) => cli::decide::run(module, args),
        Command::Serve(args) => cli::serve::run(module, args),
        Command::Audit(action) => cli::audit::run(module, action),
        Command::Validate(args) => cli::validate::run(module, &args),
        Command::Explain(args) => cli::explain::run(module, &args, cli::explain::Show::Timeline),
        Command::Offers(args) => cli::explain::run(module, &args, cli::explain::Show::Offers),
        Command::Fit(args) => cli::fit::run(module, args),
        Command::Render(args) => cli::render::run(module, &args),
        Command::Reply(args) => cli::reply::run(module, &args),
        Command::Evidence(args) => cli::evidence::run(module, &args),
        Command::Experiment(action) => cli::experiment::run(module, &action),
        Command::Kpi(args) => cli::kpi::run(module, &args),
        Command::Queue(args) => cli::queue::run(module, &args),
        Command::Lint(args) => cli::lint::run(module, &args),
        Command::Info => cli::info::run(module),
        Command::Openapi => cli::openapi::run(),
        Command::Sample(args) => cli::sample::run(args),
    }
}
