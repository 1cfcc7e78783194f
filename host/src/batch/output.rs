//! Writing the answers out, in input order, as JSON lines or CSV. Chunks come back from the workers in any
//! order; the writer holds the early ones until the next in line arrives, records each chunk in the audit
//! trail before writing it (so nothing is written that a resumed run would not re-emit), and writes to
//! `<file>.partial` until the run completes, so a killed run never leaves a file that looks finished.

use super::Format;
use super::checkpoint::Recorder;
use super::chunks::Done;
use super::progress::Progress;
use super::tally::Tally;
use anyhow::Context as _;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::thread::JoinHandle;

/// Where the output goes until the run completes: `<file>.partial` for a file (new or regular), and the target
/// itself for anything else — `/dev/null`, a FIFO, a terminal — which must be written to, never replaced: renaming
/// a regular file over `/dev/null` breaks every program on the machine.
fn partial(out: &Path) -> PathBuf {
    if !staged(out) {
        return out.to_path_buf();
    }
    let mut s = out.to_path_buf().into_os_string();
    s.push(".partial");
    PathBuf::from(s)
}

/// Whether `out` is written under another name and renamed at the end: when it does not exist yet or is a regular
/// file.
fn staged(out: &Path) -> bool {
    std::fs::metadata(out).map_or(true, |m| m.file_type().is_file())
}

/// Gives the completed output its name (nothing to do for a device or a pipe, written in place).
///
/// # Errors
/// When the rename fails.
pub(super) fn complete(out: &Path) -> anyhow::Result<()> {
    let from = partial(out);
    if from == out {
        return Ok(());
    }
    std::fs::rename(from, out).with_context(|| format!("cannot write `{}`", out.display()))
}

/// Starts the writer: answers from `done_rx` go to `out` (stdout when none) in `to`'s format, each chunk recorded
/// first when there is a `recorder`. It ends when every worker has, with the tally of what it wrote.
pub(super) fn spawn_writer(
    out: Option<&Path>,
    to: Format,
    recorder: Option<Recorder>,
    done_rx: Receiver<Done>,
) -> JoinHandle<anyhow::Result<Tally>> {
    let partial = out.map(partial);
    std::thread::spawn(move || -> anyhow::Result<Tally> {
        let sink: Box<dyn Write> = match &partial {
            Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("cannot write `{}`", p.display()))?),
            None => Box::new(std::io::stdout().lock()),
        };
        let mut w = std::io::BufWriter::new(sink);
        if to == Format::Csv {
            w.write_all(&csv_bytes(&CSV_HEADER.map(String::from))?)?;
        }
        let mut tally = Tally::default();
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        let progress = Progress::new();
        for done in done_rx {
            pending.insert(done.seq, done);
            while let Some(d) = pending.remove(&next) {
                if let Some(r) = &recorder {
                    r.record(&d.rows)?;
                }
                for r in &d.rows {
                    tally.add(&r.output);
                    tally.resumed += u64::from(r.resumed);
                    match to {
                        // Each row is handed on at once so memory stays constant.
                        Format::Csv => w.write_all(&csv_bytes(&csv_row(&r.output))?)?,
                        Format::Jsonl => writeln!(w, "{}", r.output)?,
                        Format::Human => writeln!(w, "{}", crate::explain::render(&r.output))?,
                    }
                }
                progress.tick(tally.accounts);
                next += 1;
            }
        }
        w.flush()?;
        progress.finish(tally.accounts);
        Ok(tally)
    })
}

/// The CSV row written for one answer. Text cells are neutralised against formula injection; numbers are not.
fn csv_row(envelope: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(envelope).unwrap_or_default();
    let s = |x: &serde_json::Value| match x {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => neutralise(s),
        other => other.to_string(),
    };
    if let Some(d) = v.get("ok") {
        let next = d["actions"].get(0).cloned().unwrap_or_default();
        vec![
            s(&d["account_id"]),
            "ok".into(),
            String::new(),
            String::new(),
            s(&d["dpd"]),
            s(&d["bucket"]),
            s(&d["segment"]),
            s(&d["score"]["points"]),
            s(&d["score"]["band"]),
            s(&next["channel"]),
            s(&next["at"]),
            s(&next["template"]),
            d["actions"].as_array().map_or(0, Vec::len).to_string(),
            d["suppressed"].as_array().map_or(0, Vec::len).to_string(),
            s(&d["review"]),
            s(&d["offers"][0]["id"]),
            s(&d["arrears"]["overdue_amount"]),
            s(&d["arrears"]["outstanding"]),
        ]
    } else {
        let mut row = vec![
            String::new(),
            "error".into(),
            s(&v["error"]["code"]),
            s(&v["error"]["path"]),
        ];
        row.resize(18, String::new());
        row
    }
}

/// A text cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, as OWASP recommends; the row holding it is then written fully quoted.
fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// One CSV row as bytes; fully quoted when a cell was neutralised.
fn csv_bytes(row: &[String]) -> anyhow::Result<Vec<u8>> {
    let style = if row.iter().any(|c| c.starts_with('\'')) {
        csv::QuoteStyle::Always
    } else {
        csv::QuoteStyle::Necessary
    };
    let mut w = csv::WriterBuilder::new().quote_style(style).from_writer(Vec::new());
    w.write_record(row)?;
    w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))
}

const CSV_HEADER: [&str; 18] = [
    "account_id",
    "status",
    "error_code",
    "error_path",
    "dpd",
    "bucket",
    "segment",
    "score_points",
    "score_band",
    "next_channel",
    "next_at",
    "next_template",
    "actions",
    "suppressed",
    "review",
    "top_offer",
    "overdue_amount",
    "outstanding",
];
