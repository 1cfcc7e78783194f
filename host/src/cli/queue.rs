//! `dunwell queue`: the collectors' queue for a day, from decisions as `decide` writes them.
//!
//! Nothing is dropped without a word. A line that is not a decision (not JSON, or JSON that is neither a decision
//! nor an error envelope — a truncated file, the wrong file) would leave an account out of the day's calls
//! unnoticed, so every such line is reported on standard error with its number and why, and the queue is refused
//! (exit 1, nothing on standard output) unless `--skip-bad-lines` says to build it from the good lines anyway.
//! Error envelopes are not bad lines: they are `decide`'s answer for an account it could not decide, already
//! counted in its summary, and the module passes over them.

use super::ModuleArgs;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

/// Actions a day an agent takes when `--agent` names no capacity.
const DEFAULT_CAPACITY: usize = 40;

#[derive(clap::Args)]
pub struct Args {
    /// The work day, YYYY-MM-DD.
    #[arg(long)]
    date: String,
    /// An agent as `id:capacity` (actions a day), e.g. `ann:40`; a bare `id` takes 40. Repeatable.
    #[arg(long = "agent", required = true, value_parser = parse_agent)]
    agents: Vec<Agent>,
    /// Most difficult cases in a row.
    #[arg(long, default_value_t = 2)]
    max_difficult_in_row: usize,
    /// Build the queue from the good lines even when some lines are not decisions (each is still reported).
    #[arg(long)]
    skip_bad_lines: bool,
    /// Decisions file (JSON lines).
    decisions: PathBuf,
}

/// An agent of the `queue` request.
#[derive(Clone, Serialize)]
struct Agent {
    capacity: usize,
    id: String,
}

/// `id` or `id:capacity`; a capacity that is not a whole number is refused, not taken as the default.
fn parse_agent(s: &str) -> Result<Agent, String> {
    let (id, capacity) = match s.split_once(':') {
        Some((id, cap)) => {
            let capacity = cap.parse().map_err(|_| {
                format!("the capacity `{cap}` is not a whole number (write `id:capacity`, e.g. `ann:40`)")
            })?;
            (id, capacity)
        }
        None => (s, DEFAULT_CAPACITY),
    };
    if id.is_empty() {
        return Err("the agent id is empty (write `id:capacity`, e.g. `ann:40`)".to_string());
    }
    Ok(Agent {
        capacity,
        id: id.to_string(),
    })
}

/// The `queue` request; fields in alphabetical order, as the request has always been written.
#[derive(Serialize)]
struct Queue<'a> {
    agents: &'a [Agent],
    date: &'a str,
    decisions: Vec<Value>,
    max_difficult_in_row: usize,
}

pub fn run(module: &ModuleArgs, args: &Args) -> anyhow::Result<ExitCode> {
    let text = super::read_text(&args.decisions)?;
    let mut decisions = Vec::new();
    let mut bad = 0usize;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match decision(line) {
            Ok(v) => decisions.push(v),
            Err(why) => {
                bad += 1;
                eprintln!(
                    "{}:{}: {why}",
                    dunwell_host::explain::escape_controls(&args.decisions.display().to_string()),
                    i + 1
                );
            }
        }
    }
    if bad > 0 {
        if !args.skip_bad_lines {
            eprintln!("dunwell: {bad} line(s) are not decisions; no queue (--skip-bad-lines builds it without them)");
            return Ok(ExitCode::from(1));
        }
        eprintln!("dunwell: skipped {bad} line(s) that are not decisions");
    }
    let call = Queue {
        agents: &args.agents,
        date: &args.date,
        decisions,
        max_difficult_in_row: args.max_difficult_in_row,
    };
    let answer = super::call_op(module, None, "queue", &call)?;
    super::finish(&answer, |ok| {
        super::print_json_unless_human(&ok, dunwell_host::explain::render_queue)
    })
}

/// One line as the module will read it, or why it is not a decision: a decision (`{"ok": {...}}` or the bare
/// object) has an `account_id`; an error envelope is an answer too.
fn decision(line: &str) -> Result<Value, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| {
        // serde says "at line 1" of the one line it was given: the column is what locates it.
        let full = e.to_string();
        let what = full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]);
        format!("not JSON (column {}): {what}", e.column())
    })?;
    let d = v.get("ok").unwrap_or(&v);
    if v.get("error").is_some() || d.get("account_id").is_some() {
        Ok(v)
    } else {
        Err("not a decision: JSON, but neither a decision (with an `account_id`) nor an error envelope".to_string())
    }
}
