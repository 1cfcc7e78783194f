//! `dunwell decide`: a portfolio decided in batch — JSON lines or CSV in, one envelope per account out, recorded
//! in the audit trail and resumable after a kill. The work is [`dunwell_host::batch`]; this is its flags.

use super::{AuditTrail, ModuleArgs};
use dunwell_host::batch::{Batch, DEFAULT_MAX_LINE_BYTES, Format};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The policy document (JSON).
    #[arg(long)]
    policy: PathBuf,
    /// The moment to decide at, RFC 3339 with offset (e.g. 2026-11-28T09:00:00Z).
    #[arg(long)]
    as_of: String,
    /// Where to write decisions (default: standard output). A file is written as `<file>.partial` and renamed at the end; a device or pipe (`/dev/null`) is written in place.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Kept for scripts written before the summary was always printed to standard error (accounts,
    /// buckets, actions, suppressions, errors by code).
    #[arg(long)]
    summary: bool,
    /// Input format.
    #[arg(long, value_enum, default_value = "jsonl")]
    from: Format,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    to: Format,
    /// Keep only shard `i` of `n` (accounts split by a hash of their id), e.g. `--shard 0/4`.
    #[arg(long)]
    shard: Option<String>,
    /// Worker threads (default: every core).
    #[arg(long, value_parser = super::at_least_one())]
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
    #[arg(long, default_value_t = DEFAULT_MAX_LINE_BYTES)]
    max_line_bytes: usize,
    /// Accounts (JSON lines or CSV); `-` for standard input.
    #[arg(default_value = "-")]
    input: String,
}

/// Per-account errors (including lines the host refuses) are answers in the output and counted in the summary,
/// not a failed run: the exit status is 0 once every line is answered, 2 when the run stops.
pub fn run(module: &ModuleArgs, args: Args) -> anyhow::Result<ExitCode> {
    let rt = super::runtime(module)?;
    let _ = args.summary; // always printed now
    let batch = Batch {
        policy: super::read_text(&args.policy)?,
        as_of: args.as_of,
        input: args.input,
        out: args.out,
        from: args.from,
        // `--format human` prints each account's timeline (when `--to` is left at its default).
        to: match (super::format_or(super::OutputFormat::Json), args.to) {
            (super::OutputFormat::Human, Format::Jsonl) => Format::Human,
            (_, to) => to,
        },
        shard: args
            .shard
            .as_deref()
            .map(dunwell_host::batch::parse_shard)
            .transpose()?,
        workers: args.workers.unwrap_or_else(super::cores),
        audit: (!args.no_audit).then_some(args.audit.location),
        resume: args.resume,
        run_id: args.run_id,
        messages: !args.no_messages,
        max_line_bytes: args.max_line_bytes,
    };
    dunwell_host::batch::run(&rt, &batch)?;
    Ok(ExitCode::SUCCESS)
}
