//! `dunwell queue`: the collectors' queue for a day, from decisions as `decide` writes them.

use super::ModuleArgs;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
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
}

/// An agent of the `queue` request.
#[derive(Serialize)]
struct Agent<'a> {
    capacity: usize,
    id: &'a str,
}

/// The `queue` request; fields in alphabetical order, as the request has always been written.
#[derive(Serialize)]
struct Queue<'a> {
    agents: Vec<Agent<'a>>,
    date: &'a str,
    decisions: Vec<Value>,
    max_difficult_in_row: usize,
}

pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    let agents = args
        .agents
        .iter()
        .map(|a| {
            let (id, cap) = a.split_once(':').unwrap_or((a, "40"));
            Agent {
                capacity: cap.parse().unwrap_or(40),
                id,
            }
        })
        .collect();
    let decisions = super::read_text(&args.decisions)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let call = Queue {
        agents,
        date: &args.date,
        decisions,
        max_difficult_in_row: args.max_difficult_in_row,
    };
    let answer = super::call_op(module, None, "queue", &call)?;
    super::finish(&answer, |ok| super::print_json(&ok))
}
