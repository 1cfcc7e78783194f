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

use crate::audit::{Audit, Entry, REJECT_OP, Rejection};
use crate::runtime::Runtime;
use anyhow::{Context as _, bail};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, IsTerminal as _, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

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

/// What a run did, for the summary.
#[derive(Default, Debug)]
pub struct Tally {
    /// Accounts seen (in this shard).
    pub accounts: u64,
    /// Decided without error.
    pub decided: u64,
    /// Re-emitted from the audit trail on resume.
    pub resumed: u64,
    buckets: BTreeMap<String, u64>,
    errors: BTreeMap<String, u64>,
    overdue_by_currency: BTreeMap<String, i64>,
    promises: BTreeMap<String, u64>,
    actions: BTreeMap<String, u64>,
    suppressed: BTreeMap<String, u64>,
}

impl Tally {
    /// Counts one answer.
    pub fn add(&mut self, envelope: &str) {
        self.accounts += 1;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(envelope) else {
            *self.errors.entry("host.bad_answer".into()).or_default() += 1;
            return;
        };
        if let Some(d) = v.get("ok") {
            self.decided += 1;
            let key = |x: &serde_json::Value| x.as_str().unwrap_or("?").to_string();
            *self.buckets.entry(key(&d["bucket"])).or_default() += 1;
            *self.overdue_by_currency.entry(key(&d["currency"])).or_default() +=
                d["arrears"]["overdue_amount"].as_i64().unwrap_or(0);
            let list = |name: &str| d[name].as_array().cloned().unwrap_or_default();
            for p in list("promises") {
                *self.promises.entry(key(&p["state"])).or_default() += 1;
            }
            for a in list("actions") {
                *self.actions.entry(key(&a["channel"])).or_default() += 1;
            }
            for x in list("suppressed") {
                *self.suppressed.entry(key(&x["reason"])).or_default() += 1;
            }
        } else {
            *self
                .errors
                .entry(v["error"]["code"].as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
    }

    /// The summary, as printed at the end of a run.
    pub fn render(&self, module_sha256: &str, policy_sha256: &str, elapsed: Duration) -> String {
        let join = |m: &BTreeMap<String, u64>| {
            m.iter()
                .map(|(k, v)| format!("{} {v}", crate::explain::escape_controls(k)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let or_none = |m: &BTreeMap<String, u64>| if m.is_empty() { "none".to_string() } else { join(m) };
        // Display only: every supported currency but JPY/KRW/VND/BHD/KWD has 2 decimals.
        let overdue: Vec<String> = self
            .overdue_by_currency
            .iter()
            .map(|(c, a)| format!("{} {}.{:02}", crate::explain::escape_controls(c), a / 100, a % 100))
            .collect();
        let rate = self.accounts as f64 / elapsed.as_secs_f64().max(1e-9);
        let mut out = format!(
            "decided {} of {} accounts in {:.1} s ({rate:.0}/s; module {}, policy {}){}\n",
            self.decided,
            self.accounts,
            elapsed.as_secs_f64(),
            module_sha256.get(..12).unwrap_or(module_sha256),
            policy_sha256.get(..12).unwrap_or(policy_sha256),
            if self.resumed > 0 {
                format!("; {} re-emitted from the audit trail", self.resumed)
            } else {
                String::new()
            }
        );
        out += &format!("  buckets:    {}\n", join(&self.buckets));
        out += &format!("  promises:   {}\n", or_none(&self.promises));
        out += &format!("  actions:    {}\n", or_none(&self.actions));
        out += &format!("  suppressed: {}\n", or_none(&self.suppressed));
        out += &format!("  overdue:    {}\n", overdue.join(", "));
        out += &format!("  errors:     {}\n", or_none(&self.errors));
        out
    }
}

/// Which shard an account id falls in (first 8 bytes of its SHA-256, so every host agrees).
pub fn shard_of(id: &str, n: u64) -> u64 {
    let h = Sha256::digest(id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&h[..8]);
    u64::from_be_bytes(b) % n.max(1)
}

/// Parses `i/n`.
///
/// # Errors
/// When it is not two integers with `i < n`.
pub fn parse_shard(s: &str) -> anyhow::Result<(u64, u64)> {
    let (i, n) = s.split_once('/').context("a shard is written `i/n`, e.g. `0/4`")?;
    let (i, n): (u64, u64) = (i.trim().parse()?, n.trim().parse()?);
    if n == 0 || i >= n {
        bail!("shard `{s}`: need 0 <= i < n");
    }
    Ok((i, n))
}

/// One kept input line: its number and exactly what is recorded for it (the batch header, a newline, then the
/// account line, or a descriptor of a line the host refused).
struct Item {
    line: i64,
    input: String,
    rejected: Option<Rejection>,
}

impl Item {
    /// The account line sent to the module (after the header).
    fn account<'a>(&'a self, header: &str) -> &'a str {
        self.input.get(header.len() + 1..).unwrap_or("")
    }
}

struct Chunk {
    seq: u64,
    items: Vec<Item>,
}

/// One answered line.
struct Answered {
    item: Item,
    output: String,
    resumed: bool,
}

struct Done {
    seq: u64,
    rows: Vec<Answered>,
}

/// One input line read with a size cap: at most `cap + 1` bytes are kept, the rest only hashed.
struct RawLine {
    kept: Vec<u8>,
    len: u64,
    /// sha256 of the whole line, when it was longer than the cap.
    long_sha256: Option<String>,
}

/// Reads one line (without its `\n` or `\r\n`), keeping no more than `cap + 1` bytes in memory. `None` at the end.
fn next_line(reader: &mut dyn BufRead, cap: usize) -> std::io::Result<Option<RawLine>> {
    let mut kept = Vec::new();
    let (mut len, mut hasher, mut any) = (0u64, None::<Sha256>, false);
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match buf.iter().position(|&c| c == b'\n') {
            Some(i) => (&buf[..i], true),
            None => (buf, false),
        };
        len += part.len() as u64;
        match hasher.as_mut() {
            Some(h) => h.update(part),
            None => {
                kept.extend_from_slice(part);
                if kept.len() > cap {
                    let mut h = Sha256::new();
                    h.update(&kept);
                    kept.truncate(cap + 1);
                    hasher = Some(h);
                }
            }
        }
        let used = part.len() + usize::from(done);
        reader.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if hasher.is_none() && kept.last() == Some(&b'\r') {
        kept.pop();
        len -= 1;
    }
    Ok(Some(RawLine {
        kept,
        len,
        long_sha256: hasher.map(|h| format!("{:x}", h.finalize())),
    }))
}

/// Reads one CSV record into an account document. Columns: `id, jurisdiction, currency, principal,
/// interest, fees, name, locale, time_zone, birth_year, instalments` (`due:amount[:paid]` separated by `;`),
/// `sms, sms_consent, email, hardship, dispute, cease`; empty cells are left out (an empty balance is 0). A
/// cell that should hold a whole number of minor units and does not is passed on as text, so the line's
/// answer is an error naming the field (`/balances/principal`, `/instalments/0/amount`).
pub fn csv_account(headers: &csv::StringRecord, rec: &csv::StringRecord) -> String {
    let get = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .and_then(|i| rec.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    // A number that does not parse stays the text it was, so the core refuses it with the field's path (the
    // column) on this line, instead of the account being decided on a 0 nobody wrote.
    let number = |raw: &str| {
        raw.parse::<i64>()
            .map_or_else(|_| serde_json::Value::from(raw), serde_json::Value::from)
    };
    let num = |name: &str| get(name).map(number);
    let flag = |name: &str| get(name).is_some_and(|v| matches!(v, "1" | "true" | "yes" | "TRUE" | "Y"));
    let mut borrower =
        serde_json::json!({"name": get("name").unwrap_or(""), "time_zone": get("time_zone").unwrap_or("")});
    if let Some(l) = get("locale") {
        borrower["locale"] = l.into();
    }
    if let Some(y) = num("birth_year") {
        borrower["birth_year"] = y;
    }
    let instalments: Vec<serde_json::Value> = get("instalments")
        .unwrap_or("")
        .split(';')
        .filter(|x| !x.trim().is_empty())
        .map(|x| {
            let parts: Vec<&str> = x.trim().split(':').collect();
            let mut i = serde_json::json!({"due": parts.first().copied().unwrap_or(""),
                "amount": parts.get(1).map_or(serde_json::Value::Null, |a| number(a.trim()))});
            if let Some(p) = parts.get(2) {
                i["paid"] = number(p.trim());
            }
            i
        })
        .collect();
    let mut channels = serde_json::Map::new();
    if let Some(sms) = get("sms") {
        let mut c = serde_json::json!({"address": sms});
        if get("sms_consent").is_some() {
            c["consent"] = flag("sms_consent").into();
        }
        channels.insert("sms".into(), c);
    }
    if let Some(email) = get("email") {
        channels.insert("email".into(), serde_json::json!({"address": email}));
    }
    let doc = serde_json::json!({
        "id": get("id").unwrap_or(""),
        "jurisdiction": get("jurisdiction").unwrap_or(""),
        "currency": get("currency").unwrap_or(""),
        "balances": {"principal": num("principal").unwrap_or(0.into()), "interest": num("interest").unwrap_or(0.into()), "fees": num("fees").unwrap_or(0.into())},
        "instalments": instalments,
        "borrower": borrower,
        "channels": channels,
        "flags": {"hardship": flag("hardship"), "dispute": flag("dispute"), "cease": flag("cease")},
    });
    doc.to_string()
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

fn account_id(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: String,
    }
    serde_json::from_str::<Id>(line).ok().map(|x| x.id)
}

/// What was recorded for a run's lines on an earlier attempt: input hash and output, by line.
type Before = HashMap<i64, (String, String)>;

/// The item for one kept line: the account as it is, or the host's refusal when it is too large or not UTF-8.
fn item(header: &str, line: i64, raw: &[u8], len: u64, long_sha256: Option<String>, cap: usize) -> Item {
    let rejected = if let Some(sha256) = long_sha256 {
        Some(Rejection {
            code: "account.too_large".into(),
            bytes: len,
            sha256,
            at: cap as u64,
        })
    } else {
        std::str::from_utf8(raw).err().map(|e| Rejection {
            code: "account.bad_utf8".into(),
            bytes: len,
            sha256: format!("{:x}", Sha256::digest(raw)),
            at: e.valid_up_to() as u64,
        })
    };
    let input = match &rejected {
        Some(r) => r.input(header),
        None => format!("{header}\n{}", String::from_utf8_lossy(raw)),
    };
    Item { line, input, rejected }
}

/// Decides the account lines of a chunk: one `decide_batch` call; when it answers once for the whole chunk (a
/// trap, a timeout), each line again on its own, so only the guilty line carries the error.
fn decide_chunk(session: &mut crate::Session, header: &str, todo: &[&Item]) -> Vec<String> {
    if todo.is_empty() {
        return Vec::new();
    }
    let mut input = header.to_string();
    for item in todo {
        input.push('\n');
        input.push_str(item.account(header));
    }
    let answer = session.call("decide_batch", &input);
    let lines: Vec<&str> = answer.split('\n').collect();
    if lines.len() == todo.len() {
        return lines.into_iter().map(str::to_string).collect();
    }
    if todo.len() == 1 {
        return vec![answer];
    }
    todo.iter()
        .map(|item| session.call("decide_batch", &item.input))
        .collect()
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
    let run_id = b.run_id.clone().unwrap_or_else(|| {
        let seed = format!("{}\n{}\n{}\n{:?}", b.input, b.as_of, policy_sha, b.shard);
        format!("{:x}", Sha256::digest(seed.as_bytes()))[..16].to_string()
    });
    let audit = match &b.audit {
        Some(p) => {
            // A new audit file appears where the user runs the command: say so once, with the way out.
            if let crate::audit::Location::File(path) = p
                && !path.exists()
            {
                eprintln!(
                    "dunwell: recording every decision in a new audit trail, {} (--audit FILE to choose, --no-audit to skip)",
                    path.display()
                );
            }
            let a = Audit::open(p, rt.module_sha256(), 2)?;
            a.remember_policy(&policy_sha, &b.policy)?;
            Some(Arc::new(a))
        }
        None => None,
    };
    let done_before: Arc<Before> = Arc::new(match (&audit, b.resume) {
        (Some(a), true) => a.run_outputs(&run_id)?,
        (None, true) => bail!("--resume needs the audit trail (it is what remembers the run)"),
        _ => HashMap::new(),
    });

    // Workers.
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<Chunk>(workers * 2);
    let chunk_rx = Arc::new(std::sync::Mutex::new(chunk_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(workers * 2);
    let mut handles = Vec::new();
    for mut session in sessions {
        let rx = Arc::clone(&chunk_rx);
        let tx = done_tx.clone();
        let header = header.clone();
        let before = Arc::clone(&done_before);
        handles.push(std::thread::spawn(move || {
            loop {
                let next = rx.lock().ok().and_then(|r| r.recv().ok());
                let Some(chunk) = next else { break };
                let todo: Vec<&Item> = chunk
                    .items
                    .iter()
                    .filter(|i| i.rejected.is_none() && !before.contains_key(&i.line))
                    .collect();
                let mut answers: HashMap<i64, String> = todo
                    .iter()
                    .map(|i| i.line)
                    .zip(decide_chunk(&mut session, &header, &todo))
                    .collect();
                let rows = chunk
                    .items
                    .into_iter()
                    .map(|item| match (before.get(&item.line), &item.rejected) {
                        (Some((_, out)), _) => Answered {
                            output: out.clone(),
                            resumed: true,
                            item,
                        },
                        (None, Some(r)) => Answered {
                            output: r.output(),
                            resumed: false,
                            item,
                        },
                        (None, None) => Answered {
                            output: answers.remove(&item.line).unwrap_or_default(),
                            resumed: false,
                            item,
                        },
                    })
                    .collect();
                if tx.send(Done { seq: chunk.seq, rows }).is_err() {
                    break;
                }
            }
        }));
    }
    drop(done_tx);
    // Only the workers hold the receiver: if they all stop, the reader's sends fail instead of blocking.
    drop(chunk_rx);

    // Writer.
    let out_path = b.out.clone();
    let partial = out_path.as_ref().map(|p| {
        let mut s = p.clone().into_os_string();
        s.push(".partial");
        PathBuf::from(s)
    });
    let to = b.to;
    let as_of = b.as_of.clone();
    let header_w = header.clone();
    let audit_w = audit.clone();
    let run_w = run_id.clone();
    let policy_w = policy_sha.clone();
    let writer = std::thread::spawn(move || -> anyhow::Result<Tally> {
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
                if let Some(a) = &audit_w {
                    let fresh: Vec<&Answered> = d.rows.iter().filter(|r| !r.resumed).collect();
                    let keys: Vec<(String, String)> = fresh
                        .iter()
                        .map(|r| match r.item.rejected {
                            Some(_) => Default::default(),
                            None => crate::audit::account_key(r.item.account(&header_w)),
                        })
                        .collect();
                    let entries: Vec<Entry<'_>> = fresh
                        .iter()
                        .zip(&keys)
                        .map(|(r, (id, jurisdiction))| Entry {
                            op: if r.item.rejected.is_some() {
                                REJECT_OP
                            } else {
                                "decide_batch"
                            },
                            run_id: &run_w,
                            line: r.item.line,
                            account_id: id,
                            jurisdiction,
                            as_of: &as_of,
                            input: &r.item.input,
                            output: &r.output,
                        })
                        .collect();
                    if !entries.is_empty() {
                        a.record(&policy_w, &entries)?;
                    }
                }
                for r in &d.rows {
                    tally.add(&r.output);
                    tally.resumed += u64::from(r.resumed);
                    match to {
                        // Each row is handed on at once so memory stays constant.
                        Format::Csv => w.write_all(&csv_bytes(&csv_row(&r.output))?)?,
                        Format::Jsonl => writeln!(w, "{}", r.output)?,
                    }
                }
                progress.tick(tally.accounts);
                next += 1;
            }
        }
        w.flush()?;
        progress.finish(tally.accounts);
        Ok(tally)
    });

    // Reader.
    let mut reader: Box<dyn BufRead> = if b.input == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(&b.input).with_context(|| format!("cannot open `{}`", b.input))?,
        ))
    };
    let mut seq = 0u64;
    let mut chunk: Vec<Item> = Vec::with_capacity(CHUNK);
    let mut chunk_bytes = 0usize;
    let mut line_no: i64 = 0;
    let keep = |id: Option<&str>, n: i64| match b.shard {
        None => true,
        Some((i, total)) => match id {
            Some(id) => shard_of(id, total) == i,
            None => u64::try_from(n).unwrap_or(0) % total == i,
        },
    };
    let cap = b.max_line_bytes;
    // On --resume, every line already recorded must be the line that was decided: a regenerated file under the
    // same name would otherwise be answered with another account's decisions.
    let unchanged = |item: &Item| -> anyhow::Result<()> {
        if let Some((recorded, _)) = done_before.get(&item.line)
            && *recorded != crate::audit::sha256(&item.input)
        {
            bail!(
                "--resume: line {} of `{}` is not the line run {run_id} recorded (its input hash differs): the input \
                 changed since the run began. Rerun without --resume under a new --run-id",
                item.line,
                crate::explain::escape_controls(&b.input)
            );
        }
        Ok(())
    };
    let push = |item: Item, chunk: &mut Vec<Item>, chunk_bytes: &mut usize, seq: &mut u64| -> anyhow::Result<()> {
        unchanged(&item)?;
        *chunk_bytes += item.input.len();
        chunk.push(item);
        if chunk.len() == CHUNK || *chunk_bytes >= CHUNK_BYTES {
            let items = std::mem::replace(chunk, Vec::with_capacity(CHUNK));
            *chunk_bytes = 0;
            chunk_tx
                .send(Chunk { seq: *seq, items })
                .map_err(|_| anyhow::anyhow!("the writer stopped"))?;
            *seq += 1;
        }
        Ok(())
    };
    match b.from {
        Format::Jsonl => {
            while let Some(raw) = next_line(&mut reader, cap).context("cannot read the input")? {
                if raw.long_sha256.is_none() && std::str::from_utf8(&raw.kept).is_ok_and(|t| t.trim().is_empty()) {
                    continue;
                }
                line_no += 1;
                let item = item(&header, line_no, &raw.kept, raw.len, raw.long_sha256, cap);
                let id = if item.rejected.is_none() {
                    account_id(item.account(&header))
                } else {
                    None
                };
                if !keep(id.as_deref(), line_no) {
                    continue;
                }
                push(item, &mut chunk, &mut chunk_bytes, &mut seq)?;
            }
        }
        Format::Csv => {
            let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
            let headers = r
                .headers()
                .context("the CSV header row must be UTF-8 column names")?
                .clone();
            for rec in r.byte_records() {
                let rec = rec.context("cannot read a CSV record")?;
                line_no += 1;
                let bytes = rec.as_slice();
                let item = if bytes.len() > cap {
                    let sha256 = format!("{:x}", Sha256::digest(bytes));
                    item(&header, line_no, &[], bytes.len() as u64, Some(sha256), cap)
                } else {
                    match csv::StringRecord::from_byte_record(rec.clone()) {
                        Ok(text) => item(&header, line_no, csv_account(&headers, &text).as_bytes(), 0, None, cap),
                        Err(e) => {
                            let bad = e.utf8_error();
                            let at = rec.range(bad.field()).map_or(0, |r| r.start) + bad.valid_up_to();
                            let rejected = Rejection {
                                code: "account.bad_utf8".into(),
                                bytes: bytes.len() as u64,
                                sha256: format!("{:x}", Sha256::digest(bytes)),
                                at: at as u64,
                            };
                            Item {
                                line: line_no,
                                input: rejected.input(&header),
                                rejected: Some(rejected),
                            }
                        }
                    }
                };
                let id = if item.rejected.is_none() {
                    account_id(item.account(&header))
                } else {
                    None
                };
                if !keep(id.as_deref(), line_no) {
                    continue;
                }
                push(item, &mut chunk, &mut chunk_bytes, &mut seq)?;
            }
        }
    }
    if !chunk.is_empty() {
        chunk_tx
            .send(Chunk { seq, items: chunk })
            .map_err(|_| anyhow::anyhow!("the writer stopped"))?;
    }
    drop(chunk_tx);
    for h in handles {
        let _ = h.join();
    }
    let tally = writer.join().map_err(|_| anyhow::anyhow!("the writer panicked"))??;
    if let Some(a) = &audit {
        a.seal(&run_id, &policy_sha, b.shard)?;
        let (rows, lines) = a.run_counts(&run_id)?;
        eprintln!("run {run_id}: {rows} decisions recorded in the audit trail for {lines} lines; sealed");
    }
    if let Some(out) = &b.out {
        let mut s = out.clone().into_os_string();
        s.push(".partial");
        std::fs::rename(PathBuf::from(s), out).with_context(|| format!("cannot write `{}`", out.display()))?;
    }
    let elapsed = started.elapsed();
    eprint!("{}", tally.render(rt.module_sha256(), &policy_sha, elapsed));
    Ok((tally, policy_sha))
}

/// A progress bar on a terminal; a log line every ten seconds otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
    last: std::cell::Cell<Instant>,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} accounts decided ({per_sec}) {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        Progress {
            bar,
            started: Instant::now(),
            last: std::cell::Cell::new(Instant::now()),
        }
    }

    fn tick(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.set_position(n);
        } else if self.last.get().elapsed() >= Duration::from_secs(10) {
            self.last.set(Instant::now());
            let rate = n as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
            eprintln!("progress: {n} accounts decided ({rate:.0}/s)");
        }
    }

    fn finish(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.set_position(n);
            b.finish_and_clear();
        }
    }
}
