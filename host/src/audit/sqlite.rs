//! The embedded store: one SQLite file, WAL journal (readers never block the writer), one writer at a time.

use super::{Recorded, Row};
use anyhow::Context as _;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

pub(super) struct Sqlite {
    conn: Mutex<Connection>,
}

impl Sqlite {
    pub(super) fn open(path: &Path) -> anyhow::Result<Sqlite> {
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
                 jurisdiction TEXT NOT NULL DEFAULT '',
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
        // Files written before records carried the jurisdiction gain the column (empty: unknown).
        let has_jurisdiction: bool = conn.query_row(
            "SELECT COUNT(*) > 0 FROM pragma_table_info('decisions') WHERE name = 'jurisdiction'",
            [],
            |r| r.get(0),
        )?;
        if !has_jurisdiction {
            conn.execute_batch("ALTER TABLE decisions ADD COLUMN jurisdiction TEXT NOT NULL DEFAULT ''")?;
        }
        conn.execute_batch(
            "CREATE INDEX IF NOT EXISTS decisions_jurisdiction ON decisions (jurisdiction, recorded_at)",
        )?;
        Ok(Sqlite { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> anyhow::Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| anyhow::anyhow!("audit lock poisoned"))
    }

    pub(super) fn remember_policy(&self, policy_sha256: &str, policy: &str) -> anyhow::Result<()> {
        self.conn()?.execute(
            "INSERT OR IGNORE INTO policies (policy_sha256, policy, first_seen) VALUES (?1, ?2, ?3)",
            params![policy_sha256, policy, now()],
        )?;
        Ok(())
    }

    pub(super) fn record(&self, module_sha256: &str, policy_sha256: &str, rows: &[Row<'_>]) -> anyhow::Result<usize> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO decisions (decision_id, op, run_id, line, account_id, as_of, module_sha256,
                     policy_sha256, input_sha256, input, output, recorded_at, jurisdiction)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            let at = now();
            for r in rows {
                let e = r.entry;
                added += stmt.execute(params![
                    r.decision_id,
                    e.op,
                    e.run_id,
                    e.line,
                    e.account_id,
                    e.as_of,
                    module_sha256,
                    policy_sha256,
                    r.input_sha256,
                    e.input,
                    e.output,
                    at,
                    e.jurisdiction
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    pub(super) fn run_outputs(&self, run_id: &str) -> anyhow::Result<std::collections::HashMap<i64, String>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT line, output FROM decisions WHERE run_id = ?1")?;
        let rows = stmt.query_map(params![run_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(super) fn run_counts(&self, run_id: &str) -> anyhow::Result<(i64, i64)> {
        Ok(self.conn()?.query_row(
            "SELECT COUNT(*), COUNT(DISTINCT line) FROM decisions WHERE run_id = ?1",
            params![run_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    pub(super) fn page(&self, after: &str, limit: i64) -> anyhow::Result<Vec<Recorded>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT decision_id, op, policy_sha256, module_sha256, input, output FROM decisions
             WHERE decision_id > ?1 ORDER BY decision_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit], |r| {
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

    pub(super) fn policy(&self, policy_sha256: &str) -> anyhow::Result<Option<String>> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT policy FROM policies WHERE policy_sha256 = ?1",
                params![policy_sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Deletes records older than `days`, but not those of the `except` jurisdictions.
    pub(super) fn prune(&self, days: u32, except: &[&str]) -> anyhow::Result<usize> {
        let marks = (0..except.len()).map(|i| format!("?{}", i + 2)).collect::<Vec<_>>();
        let sql = format!(
            "DELETE FROM decisions WHERE recorded_at < ?1 AND jurisdiction NOT IN ({})",
            marks.join(", ")
        );
        let cutoff = cutoff(days);
        let args = std::iter::once(cutoff.as_str()).chain(except.iter().copied());
        Ok(self.conn()?.execute(&sql, rusqlite::params_from_iter(args))?)
    }

    /// For a jurisdiction whose legal minimum (`minimum` days) is longer than asked (`days`): deletes its
    /// records past the minimum and counts those kept only because of it.
    pub(super) fn prune_jurisdiction(
        &self,
        jurisdiction: &str,
        days: u32,
        minimum: u32,
    ) -> anyhow::Result<(usize, usize)> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let deleted = tx.execute(
            "DELETE FROM decisions WHERE jurisdiction = ?1 AND recorded_at < ?2",
            params![jurisdiction, cutoff(minimum)],
        )?;
        let kept: i64 = tx.query_row(
            "SELECT COUNT(*) FROM decisions WHERE jurisdiction = ?1 AND recorded_at < ?2",
            params![jurisdiction, cutoff(days)],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok((deleted, usize::try_from(kept).unwrap_or(0)))
    }
}

/// The moment `days` before now, as `recorded_at` is written.
fn cutoff(days: u32) -> String {
    (chrono::Utc::now() - chrono::Duration::days(i64::from(days)))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The host's wall clock, for `recorded_at` only (decisions never read a clock).
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
