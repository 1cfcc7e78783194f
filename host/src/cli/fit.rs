//! `dunwell fit`: a scorecard fitted to a CSV history with an outcome column, written as the `scorecard`
//! fragment of a policy, with its report (discrimination, calibration, stability) on standard error.

use super::ModuleArgs;
use anyhow::Context;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
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
}

/// The `fit` request; fields in alphabetical order, as the request has always been written.
#[derive(Serialize)]
struct Fit<'a> {
    categorical: &'a [String],
    csv: String,
    good: &'a [String],
    ignore: &'a [String],
    numeric: &'a [String],
    outcome: &'a str,
    seed: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    test_csv: Option<String>,
    test_share: f64,
}

pub fn run(module: &ModuleArgs, args: Args) -> anyhow::Result<ExitCode> {
    let call = Fit {
        categorical: &args.categorical,
        csv: super::read_text(&args.csv)?,
        good: &args.good,
        ignore: &args.ignore,
        numeric: &args.numeric,
        outcome: &args.outcome,
        seed: args.seed,
        test_csv: args.test.as_deref().map(super::read_text).transpose()?,
        test_share: args.test_share,
    };
    // The report says how long fitting took: the module's call, not loading it.
    let rt = super::runtime(module)?;
    let mut session = super::open_session(&rt, None)?;
    let started = std::time::Instant::now();
    let answer = super::call(&mut session, "fit", &call)?;
    let elapsed = started.elapsed();
    super::finish(&answer, |ok| {
        let fragment = serde_json::json!({ "scorecard": ok["scorecard"] });
        let mut w = super::writer(args.out)?;
        writeln!(w, "{}", serde_json::to_string_pretty(&fragment)?)?;
        w.flush()?;
        if let Some(path) = args.report {
            std::fs::write(&path, serde_json::to_string_pretty(&ok["report"])?)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        eprint!("{}", dunwell_host::explain::render_fit_report(&ok["report"], elapsed));
        Ok(ExitCode::SUCCESS)
    })
}
