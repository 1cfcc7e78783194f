//! The audit trail: every decision the host makes (HTTP service and batch runs) is recorded in an embedded
//! SQLite database (WAL journal, so readers never block the writer), with what is needed to prove it later:
//! the module and policy hashes, the exact input and its hash, and the output. `dunwell audit verify`
//! replays recorded inputs through the module and reports any output that differs.
//!
//! A decision's id is the hash of (op, module, policy, input): recording the same decision twice is a
//! no-op, which is what lets a killed batch resume without duplicates. Retention is configurable; the
//! default keeps 5 years and 10 days, because CN rules require at least five years of collection records.

use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Mutex;

/// Days kept by default: five years (CN minimum) and a margin for leap days.
pub const DEFAULT_RETENTION_DAYS: u32 = 5 * 365 + 10;

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

/// An open audit database.
pub struct Audit {
    conn: Mutex<Connection>,
    module_sha256: String,
}

fn sha256(s: &str) -> String {
    crate::runtime::hex(&Sha256::digest(s.as_bytes()))
}

impl Audit {
    /// Opens (creating if needed) the database at `path`.
    ///
    /// # Errors
    /// When the file cannot be opened or the schema cannot be created.
    pub fn open(path: &Path, module_sha256: &str) -> anyhow::Result<Audit> {
        let conn =
            Connection::open(path).with_context(|| format!("cannot open audit database `{}`", path.display()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS policies (
                 policy_sha256 TEXT PRIMARY KEY,
                 policy TEXT NOT NULL,
                 first_seen TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS decisions (
                 decision_id TEXT PRIMARY KEY,
                 op TEXT NOT NULL,
                 run_id TEXT NOT NULL,
                 line INTEGER NOT NULL,
                 account_id TEXT NOT NULL,
                 as_of TEXT NOT NULL,
                 module_sha256 TEXT NOT NULL,
                 policy_sha256 TEXT NOT NULL,
                 input_sha256 TEXT NOT NULL,
                 input TEXT NOT NULL,
                 output TEXT NOT NULL,
                 recorded_at TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS decisions_run ON decisions (run_id, line);
             CREATE INDEX IF NOT EXISTS decisions_account ON decisions (account_id, as_of);
             CREATE INDEX IF NOT EXISTS decisions_recorded ON decisions (recorded_at);",
        )?;
        Ok(Audit {
            conn: Mutex::new(conn),
            module_sha256: module_sha256.to_string(),
        })
    }

    /// Remembers a policy's text under its hash (so a decision can be replayed years later).
    ///
    /// # Errors
    /// On a database error.
    pub fn remember_policy(&self, policy_sha256: &str, policy: &str) -> anyhow::Result<()> {
        let conn = self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))?;
        conn.execute(
            "INSERT OR IGNORE INTO policies (policy_sha256, policy, first_seen) VALUES (?1, ?2, ?3)",
            params![policy_sha256, policy, now()],
        )?;
        Ok(())
    }

    /// Records decisions in one transaction. Already-recorded decisions (same op, module, policy and
    /// input) are left as they are. Returns how many were new.
    ///
    /// # Errors
    /// On a database error: the caller must not report the decisions as done.
    pub fn record(&self, policy_sha256: &str, entries: &[Entry<'_>]) -> anyhow::Result<usize> {
        let mut conn = self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))?;
        let tx = conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO decisions (decision_id, op, run_id, line, account_id, as_of, module_sha256,
                     policy_sha256, input_sha256, input, output, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let at = now();
            for e in entries {
                let input_sha256 = sha256(e.input);
                let id = sha256(&format!(
                    "{}\n{}\n{}\n{}\n{}\n{}",
                    e.op, self.module_sha256, policy_sha256, e.run_id, e.line, input_sha256
                ));
                added += stmt.execute(params![
                    &id[..32],
                    e.op,
                    e.run_id,
                    e.line,
                    e.account_id,
                    e.as_of,
                    self.module_sha256,
                    policy_sha256,
                    input_sha256,
                    e.input,
                    e.output,
                    at
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Outputs already recorded for a batch run, by line.
    ///
    /// # Errors
    /// On a database error.
    pub fn run_outputs(&self, run_id: &str) -> anyhow::Result<std::collections::HashMap<i64, String>> {
        let conn = self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))?;
        let mut stmt = conn.prepare("SELECT line, output FROM decisions WHERE run_id = ?1")?;
        let rows = stmt.query_map(params![run_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (line, output) = row?;
            out.insert(line, output);
        }
        Ok(out)
    }

    /// How many decisions a run recorded, and how many distinct lines they cover.
    ///
    /// # Errors
    /// On a database error.
    pub fn run_counts(&self, run_id: &str) -> anyhow::Result<(i64, i64)> {
        let conn = self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))?;
        Ok(conn.query_row(
            "SELECT COUNT(*), COUNT(DISTINCT line) FROM decisions WHERE run_id = ?1",
            params![run_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Decisions to verify: all, or a deterministic sample of `n` (by decision id).
    ///
    /// # Errors
    /// On a database error.
    pub fn sample(&self, n: Option<usize>) -> anyhow::Result<Vec<Recorded>> {
        let conn = self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))?;
        let limit = n.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = conn.prepare(
            "SELECT decision_id, op, policy_sha256, module_sha256, input, output FROM decisions
             ORDER BY decision_id LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit], |r| {
            Ok(Recorded {
                decision_id: r.get(0)?,
                op: r.get(1)?,
                policy_sha256: r.get(2)?,
                module_sha256: r.get(3)?,
                input: r.get(4)?,
                output: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The text of a remembered policy.
    ///
    /// # Errors
    /// On a database error.
    pub fn policy(&self, policy_sha256: &str) -> anyhow::Result<Option<String>> {
        let conn = self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))?;
        Ok(conn
            .query_row(
                "SELECT policy FROM policies WHERE policy_sha256 = ?1",
                params![policy_sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Deletes decisions recorded more than `days` ago. Returns how many.
    ///
    /// # Errors
    /// On a database error.
    pub fn prune(&self, days: u32) -> anyhow::Result<usize> {
        let cutoff = (chrono::Utc::now() - chrono::Duration::days(i64::from(days)))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let conn = self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))?;
        Ok(conn.execute("DELETE FROM decisions WHERE recorded_at < ?1", params![cutoff])?)
    }
}

/// The host's wall clock, for `recorded_at` only (decisions never read a clock).
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
