//! `dunwell experiment report`: champion/challenger results per arm from one outcome per line.

use super::ModuleArgs;
use anyhow::Context;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

/// Experiment commands.
#[derive(clap::Subcommand)]
pub enum Action {
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

/// The `experiment_report` request; fields in alphabetical order, as the request has always been written.
#[derive(Serialize)]
struct Report<'a> {
    champion: Option<&'a str>,
    outcomes: Vec<Value>,
}

pub fn run(module: &ModuleArgs, action: &Action) -> anyhow::Result<ExitCode> {
    let Action::Report {
        champion,
        json,
        outcomes,
    } = action;
    let mut rows = Vec::new();
    for (i, line) in super::read_text(outcomes)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        rows.push(
            serde_json::from_str(line)
                .with_context(|| format!("outcomes are JSON lines: line {} of `{}`", i + 1, outcomes.display()))?,
        );
    }
    let call = Report {
        champion: champion.as_deref(),
        outcomes: rows,
    };
    let answer = super::call_op(module, None, "experiment_report", &call)?;
    super::finish(&answer, |ok| {
        super::print_json_or(&ok, *json, dunwell_host::explain::render_experiment)
    })
}
