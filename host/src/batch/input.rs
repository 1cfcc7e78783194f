//! Reading the input: JSON lines or a flat CSV, one kept [`Item`] per account line, in order. Memory stays
//! bounded whatever the file holds: a line is read with a size cap (past it only hashed), and a line the host
//! refuses (over `--max-line-bytes`, not UTF-8) becomes a descriptor of itself, answered without reaching the
//! module. CSV records are turned into the same account documents a JSON line holds, by the module's own CSV
//! reader (`accounts_from_csv`).

use crate::audit::Rejection;
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use std::io::BufRead;

use super::Format;

/// One kept input line: its number and exactly what is recorded for it (the batch header, a newline, then the
/// account line, or a descriptor of a line the host refused).
pub(super) struct Item {
    pub(super) line: i64,
    pub(super) input: String,
    pub(super) rejected: Option<Rejection>,
}

impl Item {
    /// The account line sent to the module (after the header).
    pub(super) fn account<'a>(&'a self, header: &str) -> &'a str {
        self.input.get(header.len() + 1..).unwrap_or("")
    }

    /// The account's id, for `--shard`; `None` for a line the host refused or one with no string `id`.
    pub(super) fn account_id(&self, header: &str) -> Option<String> {
        if self.rejected.is_none() {
            account_id(self.account(header))
        } else {
            None
        }
    }
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

/// Turns CSV text (a header row, then records) into account documents: the module's `accounts_from_csv`, the
/// one CSV reader every host uses (src/portfolio.rs).
pub(super) type Convert<'a> = &'a mut dyn FnMut(&str) -> anyhow::Result<Vec<String>>;

/// CSV records read but not yet turned into accounts: converted a batch at a time (one module call each).
const CSV_BATCH: usize = 256;

/// Converts the pending records through the module and hands each account on, in order.
fn flush_csv(
    headers: &csv::StringRecord,
    pending: &mut Vec<(i64, csv::StringRecord)>,
    header: &str,
    cap: usize,
    convert: Convert<'_>,
    take: &mut impl FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    w.write_record(headers)?;
    for (_, r) in pending.iter() {
        w.write_record(r)?;
    }
    let text = String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
    let accounts = convert(&text)?;
    if accounts.len() != pending.len() {
        anyhow::bail!(
            "the module read {} accounts from {} CSV records",
            accounts.len(),
            pending.len()
        );
    }
    for ((line, _), account) in pending.drain(..).zip(accounts) {
        take(item(header, line, account.as_bytes(), 0, None, cap))?;
    }
    Ok(())
}

fn account_id(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: String,
    }
    serde_json::from_str::<Id>(line).ok().map(|x| x.id)
}

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
        std::str::from_utf8(raw)
            .err()
            .map(|e| bad_utf8(raw, len, e.valid_up_to()))
    };
    let input = match &rejected {
        Some(r) => r.input(header),
        None => format!("{header}\n{}", String::from_utf8_lossy(raw)),
    };
    Item { line, input, rejected }
}

/// The host's refusal of a line that is not UTF-8: `len` bytes (the whole line), the hash of `raw`, and the
/// offset of the first bad byte.
fn bad_utf8(raw: &[u8], len: u64, at: usize) -> Rejection {
    Rejection {
        code: "account.bad_utf8".into(),
        bytes: len,
        sha256: format!("{:x}", Sha256::digest(raw)),
        at: at as u64,
    }
}

/// Opens the input: a file, or stdin for `-`.
pub(super) fn open(input: &str) -> anyhow::Result<Box<dyn BufRead>> {
    Ok(if input == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(input).with_context(|| format!("cannot open `{input}`"))?,
        ))
    })
}

/// Reads every account line of `reader` in order and hands each to `take` as an [`Item`], numbered from 1
/// (blank JSON lines are skipped and not numbered; a CSV's header row is not a line). Stops at the first
/// error, the input's or `take`'s.
pub(super) fn read(
    mut reader: Box<dyn BufRead>,
    from: Format,
    header: &str,
    cap: usize,
    convert: Convert<'_>,
    mut take: impl FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut line_no: i64 = 0;
    match from {
        Format::Human => anyhow::bail!("`human` is an output format; read accounts as jsonl or csv"),
        Format::Jsonl => {
            while let Some(raw) = next_line(&mut reader, cap).context("cannot read the input")? {
                if raw.long_sha256.is_none() && std::str::from_utf8(&raw.kept).is_ok_and(|t| t.trim().is_empty()) {
                    continue;
                }
                line_no += 1;
                take(item(header, line_no, &raw.kept, raw.len, raw.long_sha256, cap))?;
            }
        }
        Format::Csv => {
            let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
            let headers = r
                .headers()
                .context("the CSV header row must be UTF-8 column names")?
                .clone();
            let mut pending: Vec<(i64, csv::StringRecord)> = Vec::with_capacity(CSV_BATCH);
            for rec in r.byte_records() {
                let rec = rec.context("cannot read a CSV record")?;
                line_no += 1;
                let bytes = rec.as_slice();
                // A record the host refuses is answered in its place: the records before it go first.
                let refused = if bytes.len() > cap {
                    let sha256 = format!("{:x}", Sha256::digest(bytes));
                    Some(item(header, line_no, &[], bytes.len() as u64, Some(sha256), cap))
                } else {
                    match csv::StringRecord::from_byte_record(rec.clone()) {
                        Ok(text) => {
                            pending.push((line_no, text));
                            None
                        }
                        Err(e) => {
                            let bad = e.utf8_error();
                            let at = rec.range(bad.field()).map_or(0, |r| r.start) + bad.valid_up_to();
                            let rejected = bad_utf8(bytes, bytes.len() as u64, at);
                            Some(Item {
                                line: line_no,
                                input: rejected.input(header),
                                rejected: Some(rejected),
                            })
                        }
                    }
                };
                if refused.is_some() || pending.len() == CSV_BATCH {
                    flush_csv(&headers, &mut pending, header, cap, convert, &mut take)?;
                }
                if let Some(item) = refused {
                    take(item)?;
                }
            }
            flush_csv(&headers, &mut pending, header, cap, convert, &mut take)?;
        }
    }
    Ok(())
}
