//! `dunwell sample`: a deterministic synthetic portfolio as JSON lines, or a repayment history CSV for `fit`.

use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
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
    // A history has no "as of": an `--as-of` given with it is refused rather than ignored.
    #[arg(long, conflicts_with = "as_of")]
    history: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.history {
        let mut w = super::writer(args.out)?;
        dunwell_host::sample::write_history_csv(args.count, args.seed, &mut w)?;
        w.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let at = chrono::DateTime::parse_from_rfc3339(&args.as_of)
        .with_context(|| format!("`{}` is not an RFC 3339 instant", args.as_of))?;
    let mut w = super::writer(args.out)?;
    // One account at a time: a million accounts in the memory of one.
    for account in dunwell_host::sample::accounts(args.count, args.seed, at.with_timezone(&chrono::Utc)) {
        writeln!(w, "{account}")?;
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}
