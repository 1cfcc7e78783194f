//! `dunwell decide` over a portfolio: streaming (constant memory), every core busy, in input order.
//!
//! A reader cuts the input (JSON lines, or a flat CSV) into chunks; worker threads, each with its own
//! session, decide a chunk with one `decide_batch` call; a writer puts the answers back in input order,
//! records them in the audit trail (one transaction per chunk) and writes them out. `--shard i/n` keeps the
//! accounts whose id hashes to `i`, so `n` machines split a portfolio without coordination.
//!
//! Crash safety: output to a file goes to `<file>.partial` and is renamed when the run completes. Killed
//! mid-run, `--resume` re-reads the audit trail for the run, checks that every recorded line is still the line
//! it decided (same input hash; a changed file is refused), re-emits what was decided and decides only the
//! rest: every account ends up decided and recorded exactly once. A completed run is sealed in the trail.
//!
//! One bad account never stops a run: a line over `--max-line-bytes` (`account.too_large`) or not UTF-8
//! (`account.bad_utf8`) is answered by the host without reaching the module, and when a chunk traps or times
//! out as a whole its lines are decided again one at a time, so only a guilty line answers `internal.trap`.
//!
//! Where things are: `input` reads lines and CSV records into items; `chunks` cuts them into chunks and runs
//! the workers; `output` puts the answers back in order and writes them; `checkpoint` is the audit trail as
//! the run's record (run id, recording, `--resume`, sealing); `shard`, `tally` and `progress` are what their
//! names say. This file holds the run's settings and [`run`], which wires them together.

mod checkpoint;
mod chunks;
mod input;
mod output;
mod progress;
mod shard;
mod tally;

pub use shard::{parse_shard, shard_of};
pub use tally::Tally;

use crate::runtime::Runtime;
use anyhow::bail;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;

/// Accounts per `decide_batch` call: big enough to amortise the call, small enough to stream.
pub const CHUNK: usize = 256;

/// A chunk is also cut once its lines reach this many bytes, so a few large accounts do not make one call
/// outgrow the module's memory.
pub const CHUNK_BYTES: usize = 16 << 20;

/// The largest account line the host hands to the module by default (as the service's default body limit).
pub const DEFAULT_MAX_LINE_BYTES: usize = 4 << 20;

/// Input and output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON document per line.
    Jsonl,
    /// Comma-separated values (flat columns; see the README).
    Csv,
    /// For people (output only): each account's decision as the `explain` timeline.
    Human,
}

/// The account documents of CSV text (a header row, then records), by the module's `accounts_from_csv`: the
/// one CSV reader the CLI, the Python package and the console share.
///
/// # Errors
/// When the module cannot read the text as CSV (its error envelope, with the record).
pub fn accounts_from_csv(session: &mut crate::runtime::Session, text: &str) -> anyhow::Result<Vec<String>> {
    let answer = session.call("accounts_from_csv", text);
    let v: serde_json::Value = serde_json::from_str(&answer)?;
    match v.get("ok").and_then(serde_json::Value::as_array) {
        Some(accounts) => Ok(accounts.iter().map(serde_json::Value::to_string).collect()),
        None => bail!("the module could not read the CSV: {answer}"),
    }
}

/// A batch run.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Policy text.
    pub policy: String,
    /// The decision moment.
    pub as_of: String,
    /// Input path, `-` for stdin.
    pub input: String,
    /// Output path (stdout when none).
    pub out: Option<PathBuf>,
    /// Input format.
    pub from: Format,
    /// Output format.
    pub to: Format,
    /// `(i, n)`: keep accounts whose id hashes to shard `i` of `n`.
    pub shard: Option<(u64, u64)>,
    /// Worker threads (sessions).
    pub workers: usize,
    /// Audit database, if recording.
    pub audit: Option<crate::audit::Location>,
    /// Pick up a killed run.
    pub resume: bool,
    /// Run id (default: derived from the input, as_of, policy and shard).
    pub run_id: Option<String>,
    /// Write each action's message (the default).
    pub messages: bool,
    /// Longer account lines are answered `account.too_large` without reaching the module.
    pub max_line_bytes: usize,
}

/// Runs a batch. Returns the tally and the policy hash.
///
/// # Errors
/// Unreadable input, an invalid policy or `as_of`, an audit database that fails, an unwritable output, and on
/// `--resume` an input whose recorded lines changed since the run began.
pub fn run(rt: &Runtime, b: &Batch) -> anyhow::Result<(Tally, String)> {
    let started = Instant::now();
    let header = if b.messages {
        serde_json::json!({ "as_of": b.as_of })
    } else {
        serde_json::json!({ "as_of": b.as_of, "messages": false })
    }
    .to_string();
    let workers = b.workers.max(1);
    let mut sessions = Vec::with_capacity(workers);
    for _ in 0..workers {
        sessions.push(rt.session(&b.policy).map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    let probe = sessions[0].call("decide_batch", &header);
    if !probe.is_empty() {
        bail!("bad --as-of `{}`: {probe}", b.as_of);
    }
    let policy_sha = sessions[0].policy_sha256().to_string();
    let run_id = checkpoint::run_id(b, &policy_sha);
    let audit = checkpoint::open(b, rt, &policy_sha)?;
    let done_before = Arc::new(checkpoint::before(audit.as_ref(), b.resume, &run_id)?);

    // Workers.
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<chunks::Chunk>(workers * 2);
    let (done_tx, done_rx) = mpsc::sync_channel::<chunks::Done>(workers * 2);
    let handles = chunks::spawn_workers(sessions, chunk_rx, done_tx, &header, &done_before);

    // Writer.
    let recorder = audit.as_ref().map(|a| checkpoint::Recorder {
        audit: Arc::clone(a),
        header: header.clone(),
        run_id: run_id.clone(),
        policy_sha: policy_sha.clone(),
        as_of: b.as_of.clone(),
    });
    let writer = output::spawn_writer(b.out.as_deref(), b.to, recorder, done_rx);

    // Reader.
    let reader = input::open(&b.input)?;
    let mut chunker = chunks::Chunker::new(chunk_tx);
    // CSV records become accounts through the module's own CSV reader, in a session of the reader's.
    let mut csv_session = if b.from == Format::Csv {
        Some(rt.session("{}").map_err(|e| anyhow::anyhow!("{e}"))?)
    } else {
        None
    };
    let mut convert = |text: &str| -> anyhow::Result<Vec<String>> {
        let Some(session) = csv_session.as_mut() else {
            bail!("CSV conversion outside a CSV run");
        };
        accounts_from_csv(session, text)
    };
    input::read(reader, b.from, &header, b.max_line_bytes, &mut convert, |item| {
        if !shard::keeps(b.shard, item.account_id(&header).as_deref(), item.line) {
            return Ok(());
        }
        checkpoint::unchanged(&done_before, &item, &run_id, &b.input)?;
        chunker.push(item)
    })?;
    chunker.finish()?;
    for h in handles {
        let _ = h.join();
    }
    let tally = writer.join().map_err(|_| anyhow::anyhow!("the writer panicked"))??;
    if let Some(a) = &audit {
        checkpoint::seal(a, &run_id, &policy_sha, b.shard)?;
    }
    if let Some(out) = &b.out {
        output::complete(out)?;
    }
    let elapsed = started.elapsed();
    eprint!("{}", tally.render(rt.module_sha256(), &policy_sha, elapsed));
    Ok((tally, policy_sha))
}
