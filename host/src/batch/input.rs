//! Reading the input: JSON lines or a flat CSV, one kept [`Item`] per account line, in order. Memory stays
//! bounded whatever the file holds: a line is read with a size cap (past it only hashed), and a line the host
//! refuses (over `--max-line-bytes`, not UTF-8) becomes a descriptor of itself, answered without reaching the
//! module. CSV records are turned into the same account documents a JSON line holds.

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
            for rec in r.byte_records() {
                let rec = rec.context("cannot read a CSV record")?;
                line_no += 1;
                let bytes = rec.as_slice();
                let item = if bytes.len() > cap {
                    let sha256 = format!("{:x}", Sha256::digest(bytes));
                    item(header, line_no, &[], bytes.len() as u64, Some(sha256), cap)
                } else {
                    match csv::StringRecord::from_byte_record(rec.clone()) {
                        Ok(text) => item(header, line_no, csv_account(&headers, &text).as_bytes(), 0, None, cap),
                        Err(e) => {
                            let bad = e.utf8_error();
                            let at = rec.range(bad.field()).map_or(0, |r| r.start) + bad.valid_up_to();
                            let rejected = bad_utf8(bytes, bytes.len() as u64, at);
                            Item {
                                line: line_no,
                                input: rejected.input(header),
                                rejected: Some(rejected),
                            }
                        }
                    }
                };
                take(item)?;
            }
        }
    }
    Ok(())
}
