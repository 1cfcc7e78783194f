//! The audit trail: every decision the host makes (HTTP service and batch runs) is recorded with what is
//! needed to prove it later: the module and policy hashes, the exact input and its hash, and the output.
//! `dunwell audit verify` replays recorded inputs through the module and reports any output that differs.
//!
//! Two stores keep the same records: an embedded SQLite file (the default; WAL journal, so readers never
//! block the writer) and PostgreSQL for lenders who run one (`--audit postgres://…`, tables in the
//! `dunwell` schema, a small pool that replaces broken connections, libpq's `sslmode` semantics).
//!
//! A decision's id is the hash of (op, module, policy, run, line, input): recording the same decision twice
//! is a no-op, which is what lets a killed batch resume without duplicates. Retention is configurable; the
//! default keeps 5 years and 10 days, and whatever is asked, a record is kept as long as its jurisdiction's
//! legal minimum ([`MINIMUM_RETENTION_DAYS`]: CN collection records at least five years).

mod compress;
mod group;
mod postgres;
mod sqlite;
mod tls;
pub mod verify;

use sha2::{Digest, Sha256};
use std::path::PathBuf;

pub use group::Owned;
pub use postgres::SCHEMA as POSTGRES_SCHEMA;

/// Days kept by default: five years (CN minimum) and a margin for leap days.
pub const DEFAULT_RETENTION_DAYS: u32 = 5 * 365 + 10;

/// Legal minimum retention by jurisdiction, in days: CN collection records are kept at least five years (any five
/// calendar years fit in 5 × 366 days). `prune` never removes a younger record of these, whatever it is asked.
pub const MINIMUM_RETENTION_DAYS: &[(&str, u32)] = &[("CN", 5 * 366)];

/// What `prune` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    /// Records deleted.
    pub deleted: usize,
    /// Records older than asked but kept for a jurisdiction's legal minimum.
    pub kept_by_law: usize,
}

/// Where the audit trail lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    File(PathBuf),
    /// A PostgreSQL connection URL (`postgres://` or `postgresql://`).
    Postgres(String),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL is a PostgreSQL database; anything else is a file path.
    #[must_use]
    pub fn parse(s: &str) -> Location {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Location::Postgres(s.to_string())
        } else {
            Location::File(PathBuf::from(s))
        }
    }
}

/// For logs and error messages: a URL's password is never shown.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(p) => write!(f, "{}", p.display()),
            Location::Postgres(url) => f.write_str(&postgres::redact(url)),
        }
    }
}

impl From<&str> for Location {
    fn from(s: &str) -> Location {
        Location::parse(s)
    }
}

/// One decision to record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Operation (`decide`, `render`, `reply`, …).
    pub op: &'a str,
    /// Batch run id (empty for the HTTP service).
    pub run_id: &'a str,
    /// Line number in the batch input (or request sequence).
    pub line: i64,
    /// The account's id, if the input had one.
    pub account_id: &'a str,
    /// The account's jurisdiction, if the input had one (it sets the legal minimum retention).
    pub jurisdiction: &'a str,
    /// The decision moment.
    pub as_of: &'a str,
    /// Exactly what was sent to the module.
    pub input: &'a str,
    /// Exactly what it answered.
    pub output: &'a str,
}

/// A recorded decision, with every column `verify` checks.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Decision id.
    pub decision_id: String,
    /// Operation.
    pub op: String,
    /// Batch run id (empty for the HTTP service).
    pub run_id: String,
    /// Line number in the batch input.
    pub line: i64,
    /// Account id, as recorded.
    pub account_id: String,
    /// Jurisdiction, as recorded.
    pub jurisdiction: String,
    /// The decision moment, as recorded.
    pub as_of: String,
    /// Policy hash.
    pub policy_sha256: String,
    /// Module hash.
    pub module_sha256: String,
    /// Input hash, as recorded.
    pub input_sha256: String,
    /// Input.
    pub input: String,
    /// Output.
    pub output: String,
    /// When it was recorded (the store's own text form).
    pub recorded_at: String,
    /// Why the stored input or output could not be read back (a damaged or altered compressed record); the
    /// unreadable field is then empty.
    pub unreadable: Option<String>,
}

/// One record of a batch run, as the run walk reads it (line order).
#[derive(Debug, Clone)]
pub(crate) struct RunRow {
    pub(crate) line: i64,
    pub(crate) decision_id: String,
    pub(crate) op: String,
    pub(crate) recorded_at: String,
    /// The input, for seals only (empty for decisions: the walk does not need them).
    pub(crate) seal_input: String,
    pub(crate) module_sha256: String,
    pub(crate) policy_sha256: String,
}

/// The operation under which a completed batch run records its seal (line 0): how many records it holds and a
/// digest of their ids and times, so `verify` can tell a deleted or re-timed record from an intact run.
pub const SEAL_OP: &str = "batch.seal";

/// The operation under which a batch records a line the host refused before the module saw it (too large,
/// not UTF-8). Its input is the batch header and a descriptor of the line (size, hash), never the line itself.
pub const REJECT_OP: &str = "host.reject";

/// A seal's content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Seal {
    /// The run.
    pub run_id: String,
    /// Records in the run (every line's decision; a line decided again under the same run counts twice).
    pub records: u64,
    /// Distinct lines.
    pub lines: u64,
    /// The highest line number.
    pub last_line: i64,
    /// `i/n` when the run kept one shard (its lines are then not consecutive).
    pub shard: Option<String>,
    /// sha256 over `line \t decision_id \t recorded_at \n` of every record, in (line, decision id) order.
    pub digest: String,
    /// Sealed again by `prune` after it removed some of the run's records (its lines then have gaps).
    #[serde(default)]
    pub pruned: bool,
}

/// What the records of a run look like now.
#[derive(Debug, Clone, Default)]
pub struct RunState {
    /// The records as they are now, in the form of a seal (shard unknown).
    pub now: Option<Seal>,
    /// Every seal recorded for the run (a resumed or pruned run has several).
    pub seals: Vec<Seal>,
    /// Lines absent between 1 and the last line, as ranges (at most 100 ranges kept) and their total.
    pub gaps: Vec<(i64, i64)>,
    /// How many lines the gaps hold.
    pub missing: u64,
    /// Lines whose earliest `recorded_at` is before an earlier line's: records are written in line order.
    pub out_of_order: Vec<i64>,
    /// Module and policy of the newest seal (a re-seal after pruning keeps them).
    sealed_by: Option<(String, String)>,
}

/// An entry with its hashes, as both stores write it.
struct Row<'a> {
    decision_id: String,
    input_sha256: String,
    entry: &'a Entry<'a>,
    /// The input and output compressed ([`compress::pack`]), for a store that keeps them so (`None`: as text).
    input_packed: Option<Vec<u8>>,
    output_packed: Option<Vec<u8>>,
}

/// Lower-case hex sha256 of a text.
#[must_use]
pub fn sha256(s: &str) -> String {
    sha256_bytes(s.as_bytes())
}

/// Lower-case hex sha256 of bytes.
fn sha256_bytes(b: &[u8]) -> String {
    format!("{:x}", Sha256::digest(b))
}

/// A decision's id: the hash of what produced it (op, module, policy, run, line and input hash).
#[must_use]
pub fn decision_id(
    op: &str,
    module_sha256: &str,
    policy_sha256: &str,
    run_id: &str,
    line: i64,
    input_sha256: &str,
) -> String {
    let id = sha256(&format!(
        "{op}\n{module_sha256}\n{policy_sha256}\n{run_id}\n{line}\n{input_sha256}"
    ));
    id[..32].to_string()
}

/// The rows to write; `packed` compresses inputs and outputs here, in the caller's thread, before the store's
/// single writer takes them.
fn rows<'a>(module_sha256: &str, policy_sha256: &str, entries: &'a [Entry<'a>], packed: bool) -> Vec<Row<'a>> {
    entries
        .iter()
        .map(|e| {
            let input_sha256 = sha256(e.input);
            Row {
                decision_id: decision_id(e.op, module_sha256, policy_sha256, e.run_id, e.line, &input_sha256),
                input_sha256,
                entry: e,
                input_packed: if packed { compress::pack(e.input) } else { None },
                output_packed: if packed { compress::pack(e.output) } else { None },
            }
        })
        .collect()
}

/// An account line's id and jurisdiction, as a batch records them (empty when the line does not say).
#[must_use]
pub fn account_key(line: &str) -> (String, String) {
    #[derive(serde::Deserialize)]
    struct Key {
        #[serde(default)]
        id: serde_json::Value,
        #[serde(default)]
        jurisdiction: serde_json::Value,
    }
    let text = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
    serde_json::from_str::<Key>(line).map_or_else(|_| Default::default(), |k| (text(k.id), text(k.jurisdiction)))
}

/// The `(account_id, jurisdiction, as_of)` a record of `op` must carry, read from its input the way the batch and
/// the service read it when recording.
#[must_use]
pub fn expected_metadata(op: &str, input: &str) -> (String, String, String) {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    match op {
        "decide_batch" | REJECT_OP => {
            let (header, line) = input.split_once('\n').unwrap_or((input, ""));
            let as_of = serde_json::from_str::<serde_json::Value>(header)
                .map(|h| text(&h["as_of"]))
                .unwrap_or_default();
            let (id, jurisdiction) = if op == REJECT_OP {
                Default::default()
            } else {
                account_key(line)
            };
            (id, jurisdiction, as_of)
        }
        SEAL_OP => Default::default(),
        _ => call_ids(input).unwrap_or_else(|| ids_by_value(input)),
    }
}

/// [`expected_metadata`] of a call, read as a whole JSON value (the reference reading).
fn ids_by_value(input: &str) -> (String, String, String) {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let v: serde_json::Value = serde_json::from_str(input).unwrap_or_default();
    (
        text(&v["account"]["id"]),
        text(&v["account"]["jurisdiction"]),
        text(&v["as_of"]),
    )
}

/// [`expected_metadata`] of a call, reading only the three fields (borrowed, the account's other fields skipped):
/// the service does this for every request it records. `None` when the call is not an object of that shape (the
/// caller then reads it as a JSON value, with the same result).
fn call_ids(input: &str) -> Option<(String, String, String)> {
    use serde_json::value::RawValue;
    #[derive(serde::Deserialize)]
    struct Call<'a> {
        #[serde(borrow, default)]
        account: Option<&'a RawValue>,
        #[serde(borrow, default)]
        as_of: Option<&'a RawValue>,
    }
    #[derive(serde::Deserialize)]
    struct Account<'a> {
        #[serde(borrow, default)]
        id: Option<&'a RawValue>,
        #[serde(borrow, default)]
        jurisdiction: Option<&'a RawValue>,
    }
    let text = |r: Option<&RawValue>| {
        r.and_then(|r| serde_json::from_str::<String>(r.get()).ok())
            .unwrap_or_default()
    };
    let call: Call<'_> = serde_json::from_str(input).ok()?;
    let account: Option<Account<'_>> = match call.account {
        Some(raw) if raw.get().trim_start().starts_with('{') => Some(serde_json::from_str(raw.get()).ok()?),
        _ => None,
    };
    let (id, jurisdiction) = account.map_or((None, None), |a| (a.id, a.jurisdiction));
    Some((text(id), text(jurisdiction), text(call.as_of)))
}

/// A line the host refuses: what is recorded instead of it, and the answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rejection {
    /// `account.too_large` or `account.bad_utf8`.
    pub code: String,
    /// The line's length in bytes.
    pub bytes: u64,
    /// sha256 of the line's bytes.
    pub sha256: String,
    /// For `account.too_large`, the limit; for `account.bad_utf8`, the offset of the first bad byte.
    pub at: u64,
}

impl Rejection {
    /// The recorded input: the batch header, then `{"rejected": …}`.
    #[must_use]
    pub fn input(&self, header: &str) -> String {
        format!("{header}\n{}", serde_json::json!({ "rejected": self }))
    }

    /// The error envelope answered for the line.
    #[must_use]
    pub fn output(&self) -> String {
        let message = if self.code == "account.too_large" {
            format!(
                "the account line is {} bytes; the limit is {} bytes per line (--max-line-bytes)",
                self.bytes, self.at
            )
        } else {
            format!(
                "the account line is not valid UTF-8 (byte {} of {})",
                self.at, self.bytes
            )
        };
        crate::runtime::host_error(&self.code, &message)
    }

    /// The rejection a recorded `host.reject` input describes.
    #[must_use]
    pub fn of_input(input: &str) -> Option<Rejection> {
        #[derive(serde::Deserialize)]
        struct Wrapped {
            rejected: Rejection,
        }
        let (_, line) = input.split_once('\n')?;
        serde_json::from_str::<Wrapped>(line).ok().map(|w| w.rejected)
    }
}

enum Store {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// An open audit trail.
pub struct Audit {
    store: Store,
    module_sha256: String,
    /// Records handed in one at a time (the HTTP service), written together: see [`Audit::record_one`].
    group: group::Group,
}

impl Audit {
    /// Opens (creating the tables if needed) the audit trail at `location`. `connections` bounds the
    /// PostgreSQL pool (the service passes its worker count); SQLite has one writer.
    ///
    /// # Errors
    /// When the file or database cannot be opened or the schema cannot be created.
    pub fn open(location: &Location, module_sha256: &str, connections: usize) -> anyhow::Result<Audit> {
        let store = match location {
            Location::File(path) => Store::Sqlite(sqlite::Sqlite::open(path)?),
            Location::Postgres(url) => Store::Postgres(postgres::Postgres::open(url, connections)?),
        };
        Ok(Audit {
            store,
            module_sha256: module_sha256.to_string(),
            group: group::Group::default(),
        })
    }

    /// Whether records are written compressed: in SQLite, when the file holds this host's dictionary under its id.
    /// PostgreSQL keeps text, which it compresses itself (TOAST) and which its users query directly.
    fn packs(&self) -> bool {
        match &self.store {
            Store::Sqlite(s) => s.packs(),
            Store::Postgres(_) => false,
        }
    }

    /// Remembers a policy's text under its hash (so a decision can be replayed years later).
    ///
    /// # Errors
    /// On a database error.
    pub fn remember_policy(&self, policy_sha256: &str, policy: &str) -> anyhow::Result<()> {
        match &self.store {
            Store::Sqlite(s) => s.remember_policy(policy_sha256, policy),
            Store::Postgres(p) => p.remember_policy(policy_sha256, policy),
        }
    }

    /// Records decisions in one transaction. Already-recorded decisions (same op, module, policy, run,
    /// line and input) are left as they are. Returns how many were new.
    ///
    /// # Errors
    /// On a database error: the caller must not report the decisions as done.
    pub fn record(&self, policy_sha256: &str, entries: &[Entry<'_>]) -> anyhow::Result<usize> {
        let rows = rows(&self.module_sha256, policy_sha256, entries, self.packs());
        match &self.store {
            Store::Sqlite(s) => s.record(&self.module_sha256, policy_sha256, &rows),
            Store::Postgres(p) => p.record(&self.module_sha256, policy_sha256, &rows),
        }
    }

    /// Records one decision, written in one transaction with whatever other threads hand in meanwhile (group
    /// commit): the HTTP service records each request's decision before answering it, and one transaction per
    /// request cost more than the decision. Returns once the record is committed, or with the error that stopped
    /// its transaction.
    ///
    /// # Errors
    /// On a database error: the caller must not report the decision as done.
    pub fn record_one(&self, policy_sha256: &str, entry: group::Owned) -> anyhow::Result<()> {
        self.group.submit(policy_sha256, entry, |policy, entries| {
            let borrowed: Vec<Entry<'_>> = entries.iter().map(group::Owned::entry).collect();
            self.record(policy, &borrowed).map(|_| ())
        })
    }

    /// What a batch run has recorded, by line: the input hash and the output.
    ///
    /// # Errors
    /// On a database error.
    pub fn run_outputs(&self, run_id: &str) -> anyhow::Result<std::collections::HashMap<i64, (String, String)>> {
        match &self.store {
            Store::Sqlite(s) => s.run_outputs(run_id),
            Store::Postgres(p) => p.run_outputs(run_id),
        }
    }

    /// How many decisions a run recorded, and how many distinct lines they cover.
    ///
    /// # Errors
    /// On a database error.
    pub fn run_counts(&self, run_id: &str) -> anyhow::Result<(i64, i64)> {
        match &self.store {
            Store::Sqlite(s) => s.run_counts(run_id),
            Store::Postgres(p) => p.run_counts(run_id),
        }
    }

    /// Up to `limit` recorded decisions (seals included) after decision id `after` (empty: from the start), in decision-id
    /// order: `verify` walks the trail page by page, so memory stays flat however many years it holds.
    ///
    /// # Errors
    /// On a database error.
    pub fn page(&self, after: &str, limit: usize) -> anyhow::Result<Vec<Recorded>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        match &self.store {
            Store::Sqlite(s) => s.page(after, limit),
            Store::Postgres(p) => p.page(after, limit),
        }
    }

    /// The text of a remembered policy.
    ///
    /// # Errors
    /// On a database error.
    pub fn policy(&self, policy_sha256: &str) -> anyhow::Result<Option<String>> {
        match &self.store {
            Store::Sqlite(s) => s.policy(policy_sha256),
            Store::Postgres(p) => p.policy(policy_sha256),
        }
    }

    /// Deletes decisions recorded more than `days` ago, except those a jurisdiction's legal minimum keeps
    /// longer ([`MINIMUM_RETENTION_DAYS`]). A sealed run that loses records is sealed again over what is left
    /// (so `verify` tells pruning from tampering); the seal of a run with nothing left goes with it.
    ///
    /// # Errors
    /// On a database error.
    pub fn prune(&self, days: u32) -> anyhow::Result<Pruned> {
        let mut pruned = Pruned {
            deleted: 0,
            kept_by_law: 0,
        };
        let mut touched = std::collections::BTreeSet::new();
        // First the records of jurisdictions with a minimum longer than asked: only past that minimum.
        let mut longer = Vec::new();
        for &(jurisdiction, minimum) in MINIMUM_RETENTION_DAYS {
            if minimum > days {
                let (deleted, runs) = self.delete_older(minimum, Some(jurisdiction), &[])?;
                pruned.deleted += deleted;
                touched.extend(runs);
                pruned.kept_by_law += match &self.store {
                    Store::Sqlite(s) => s.count_older(jurisdiction, days)?,
                    Store::Postgres(p) => p.count_older(jurisdiction, days)?,
                };
                longer.push(jurisdiction);
            }
        }
        let (deleted, runs) = self.delete_older(days, None, &longer)?;
        pruned.deleted += deleted;
        touched.extend(runs);
        for run in touched.iter().filter(|r| !r.is_empty()) {
            let state = self.run_state(run)?;
            match (&state.now, &state.sealed_by) {
                (Some(_), Some((module, policy))) => {
                    let shard = state.seals.iter().find_map(|s| s.shard.clone());
                    self.write_seal(run, module, policy, &state, shard, true)?;
                }
                (None, Some(_)) => match &self.store {
                    Store::Sqlite(s) => s.delete_seals(run)?,
                    Store::Postgres(p) => p.delete_seals(run)?,
                },
                _ => {}
            }
        }
        Ok(pruned)
    }

    /// Deletes the records (never seals) older than `days`, of `only` one jurisdiction or of all but `except`;
    /// returns how many and the runs they belonged to.
    fn delete_older(&self, days: u32, only: Option<&str>, except: &[&str]) -> anyhow::Result<(usize, Vec<String>)> {
        match &self.store {
            Store::Sqlite(s) => s.delete_older(days, only, except),
            Store::Postgres(p) => p.delete_older(days, only, except),
        }
    }

    /// Seals a completed batch run: its record count and a digest of its records' ids and times, recorded
    /// under [`SEAL_OP`]. Sealing the same state twice is a no-op.
    ///
    /// # Errors
    /// On a database error.
    pub fn seal(&self, run_id: &str, policy_sha256: &str, shard: Option<(u64, u64)>) -> anyhow::Result<()> {
        let state = self.run_state(run_id)?;
        let module = self.module_sha256.clone();
        let pruned = state.seals.iter().any(|s| s.pruned);
        self.write_seal(
            run_id,
            &module,
            policy_sha256,
            &state,
            shard.map(|(i, n)| format!("{i}/{n}")),
            pruned,
        )
    }

    fn write_seal(
        &self,
        run_id: &str,
        module: &str,
        policy: &str,
        state: &RunState,
        shard: Option<String>,
        pruned: bool,
    ) -> anyhow::Result<()> {
        let Some(now) = &state.now else { return Ok(()) };
        let seal = Seal {
            shard,
            pruned,
            ..now.clone()
        };
        let input = serde_json::to_string(&seal)?;
        let entry = Entry {
            op: SEAL_OP,
            run_id,
            line: 0,
            account_id: "",
            jurisdiction: "",
            as_of: "",
            input: &input,
            output: "",
        };
        let entries = [entry];
        let rows = rows(module, policy, &entries, self.packs());
        match &self.store {
            Store::Sqlite(s) => s.record(module, policy, &rows)?,
            Store::Postgres(p) => p.record(module, policy, &rows)?,
        };
        Ok(())
    }

    /// Every batch run id in the trail.
    ///
    /// # Errors
    /// On a database error.
    pub fn run_ids(&self) -> anyhow::Result<Vec<String>> {
        match &self.store {
            Store::Sqlite(s) => s.run_ids(),
            Store::Postgres(p) => p.run_ids(),
        }
    }

    /// Walks a run's records in line order (page by page: memory stays flat) and sums them up: count, digest,
    /// gaps, records written out of line order, and the run's seals.
    ///
    /// # Errors
    /// On a database error.
    pub fn run_state(&self, run_id: &str) -> anyhow::Result<RunState> {
        let mut state = RunState::default();
        let mut hasher = Sha256::new();
        let (mut records, mut lines, mut last_line) = (0u64, 0u64, 0i64);
        // The earliest time of the previous line, and of the current one.
        let (mut previous_min, mut current): (Option<String>, Option<(i64, String)>) = (None, None);
        let mut after = (i64::MIN, String::new());
        loop {
            let page = match &self.store {
                Store::Sqlite(s) => s.run_page(run_id, &after, 2000)?,
                Store::Postgres(p) => p.run_page(run_id, &after, 2000)?,
            };
            let Some(last) = page.last() else { break };
            after = (last.line, last.decision_id.clone());
            for r in page {
                if r.op == SEAL_OP {
                    if let Ok(seal) = serde_json::from_str::<Seal>(&r.seal_input) {
                        state.seals.push(seal);
                        state.sealed_by = Some((r.module_sha256.clone(), r.policy_sha256.clone()));
                    }
                    continue;
                }
                hasher.update(format!("{}\t{}\t{}\n", r.line, r.decision_id, r.recorded_at).as_bytes());
                records += 1;
                match &mut current {
                    Some((line, earliest)) if *line == r.line => {
                        if r.recorded_at < *earliest {
                            earliest.clone_from(&r.recorded_at);
                        }
                    }
                    _ => {
                        if let Some((line, earliest)) = current.take() {
                            if previous_min.as_ref().is_some_and(|p| earliest < *p) {
                                state.out_of_order.push(line);
                            }
                            previous_min = Some(earliest);
                        }
                        let expected = last_line + 1;
                        if r.line > expected {
                            state.missing += u64::try_from(r.line - expected).unwrap_or(0);
                            if state.gaps.len() < 100 {
                                state.gaps.push((expected, r.line - 1));
                            }
                        }
                        lines += 1;
                        last_line = r.line;
                        current = Some((r.line, r.recorded_at.clone()));
                    }
                }
            }
        }
        if let Some((line, earliest)) = current
            && previous_min.as_ref().is_some_and(|p| earliest < *p)
        {
            state.out_of_order.push(line);
        }
        if records > 0 {
            state.now = Some(Seal {
                run_id: run_id.to_string(),
                records,
                lines,
                last_line,
                shard: None,
                digest: format!("{:x}", hasher.finalize()),
                pruned: false,
            });
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_postgres_and_anything_else_a_file() {
        assert_eq!(
            Location::parse("postgres://u@h/db"),
            Location::Postgres("postgres://u@h/db".into())
        );
        assert_eq!(
            Location::parse("postgresql://h/db"),
            Location::Postgres("postgresql://h/db".into())
        );
        assert_eq!(
            Location::parse("dunwell-audit.db"),
            Location::File("dunwell-audit.db".into())
        );
        assert_eq!(
            Location::parse("./postgres/audit.db"),
            Location::File("./postgres/audit.db".into())
        );
    }

    #[test]
    fn the_ids_of_a_call_are_read_as_the_value_reading_reads_them() {
        for input in [
            r#"{"account":{"id":"A-1","jurisdiction":"CN","x":[1,{"id":"no"}]},"as_of":"2026-11-28T09:00:00Z","text":"hi"}"#,
            r#"{"account":{"id":7,"jurisdiction":null},"as_of":null}"#,
            r#"{"as_of":"2026-11-28T09:00:00Z"}"#,
            r#"{"account":[1],"as_of":"y"}"#,
            r#"{"account":{"id":"a","id":"b"},"as_of":"z"}"#,
            r#"{"account":{"id":"\u0041-2"},"as_of":"2026-11-28T09:00:00Z"}"#,
            "not json",
            "[]",
        ] {
            assert_eq!(expected_metadata("decide", input), ids_by_value(input), "{input}");
        }
    }

    #[test]
    fn a_password_is_never_displayed() {
        let l = Location::parse("postgres://dunwell:s3cr%40t@db.example:5432/audit?sslmode=verify-full");
        let shown = l.to_string();
        assert!(!shown.contains("s3cr"), "{shown}");
        assert_eq!(
            shown,
            "postgres://dunwell:***@db.example:5432/audit?sslmode=verify-full"
        );
    }
}
