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

mod postgres;
mod sqlite;
mod tls;

use sha2::{Digest, Sha256};
use std::path::PathBuf;

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

/// A recorded decision.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Decision id.
    pub decision_id: String,
    /// Operation.
    pub op: String,
    /// Policy hash.
    pub policy_sha256: String,
    /// Module hash.
    pub module_sha256: String,
    /// Input.
    pub input: String,
    /// Output.
    pub output: String,
}

/// An entry with its hashes, as both stores write it.
struct Row<'a> {
    decision_id: String,
    input_sha256: String,
    entry: &'a Entry<'a>,
}

fn sha256(s: &str) -> String {
    crate::runtime::hex(&Sha256::digest(s.as_bytes()))
}

fn rows<'a>(module_sha256: &str, policy_sha256: &str, entries: &'a [Entry<'a>]) -> Vec<Row<'a>> {
    entries
        .iter()
        .map(|e| {
            let input_sha256 = sha256(e.input);
            let id = sha256(&format!(
                "{}\n{}\n{}\n{}\n{}\n{}",
                e.op, module_sha256, policy_sha256, e.run_id, e.line, input_sha256
            ));
            Row {
                decision_id: id[..32].to_string(),
                input_sha256,
                entry: e,
            }
        })
        .collect()
}

enum Store {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// An open audit trail.
pub struct Audit {
    store: Store,
    module_sha256: String,
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
        })
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
        let rows = rows(&self.module_sha256, policy_sha256, entries);
        match &self.store {
            Store::Sqlite(s) => s.record(&self.module_sha256, policy_sha256, &rows),
            Store::Postgres(p) => p.record(&self.module_sha256, policy_sha256, &rows),
        }
    }

    /// Outputs already recorded for a batch run, by line.
    ///
    /// # Errors
    /// On a database error.
    pub fn run_outputs(&self, run_id: &str) -> anyhow::Result<std::collections::HashMap<i64, String>> {
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

    /// Up to `limit` recorded decisions after decision id `after` (empty: from the start), in decision-id
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
    /// longer ([`MINIMUM_RETENTION_DAYS`]).
    ///
    /// # Errors
    /// On a database error.
    pub fn prune(&self, days: u32) -> anyhow::Result<Pruned> {
        let mut pruned = Pruned {
            deleted: 0,
            kept_by_law: 0,
        };
        // First the records of jurisdictions with a minimum longer than asked: only past that minimum.
        let mut longer = Vec::new();
        for &(jurisdiction, minimum) in MINIMUM_RETENTION_DAYS {
            if minimum > days {
                let (deleted, kept) = match &self.store {
                    Store::Sqlite(s) => s.prune_jurisdiction(jurisdiction, days, minimum)?,
                    Store::Postgres(p) => p.prune_jurisdiction(jurisdiction, days, minimum)?,
                };
                pruned.deleted += deleted;
                pruned.kept_by_law += kept;
                longer.push(jurisdiction);
            }
        }
        pruned.deleted += match &self.store {
            Store::Sqlite(s) => s.prune(days, &longer)?,
            Store::Postgres(p) => p.prune(days, &longer)?,
        };
        Ok(pruned)
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
