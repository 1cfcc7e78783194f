//! The embedded store: one SQLite file, WAL journal (readers never block the writer), one writer at a time.

use super::compress::{DICTIONARY, DICTIONARY_ID, Dictionaries};
use super::{Recorded, Row, RunRow, SEAL_OP, sha256_bytes};
use anyhow::Context as _;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

pub(super) struct Sqlite {
    conn: Mutex<Connection>,
    /// The compression dictionaries the file holds.
    dictionaries: Dictionaries,
    /// Whether the file holds this host's dictionary under its id (then records are written compressed).
    packs: bool,
}

impl Sqlite {
    pub(super) fn open(path: &Path) -> anyhow::Result<Sqlite> {
        let conn =
            Connection::open(path).with_context(|| format!("cannot open audit database `{}`", path.display()))?;
        // 16 KiB pages for a new file (an existing one keeps its own): records of ~1.5 KB waste a third of a
        // 4 KiB page, a few percent of a 16 KiB one.
        conn.pragma_update(None, "page_size", 16384)?;
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
            "CREATE INDEX IF NOT EXISTS decisions_jurisdiction ON decisions (jurisdiction, recorded_at);
             CREATE TABLE IF NOT EXISTS dictionaries (
                 dictionary_id INTEGER PRIMARY KEY,
                 sha256 TEXT NOT NULL,
                 dictionary BLOB NOT NULL,
                 first_seen TEXT NOT NULL
             );",
        )?;
        // The trail keeps every dictionary its records need, so a later host with another one still reads them.
        let ours = sha256_bytes(DICTIONARY);
        conn.execute(
            "INSERT OR IGNORE INTO dictionaries (dictionary_id, sha256, dictionary, first_seen) VALUES (?1, ?2, ?3, ?4)",
            params![DICTIONARY_ID, ours, DICTIONARY, now()],
        )?;
        let (stored, packs) = {
            let mut stmt = conn.prepare("SELECT dictionary_id, sha256, dictionary FROM dictionaries")?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?, r.get::<_, Vec<u8>>(2)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            // Another dictionary under our id (never written by a Dunwell host): keep writing text.
            let packs = rows.iter().any(|(id, sha, _)| *id == DICTIONARY_ID && *sha == ours);
            (
                rows.into_iter().map(|(id, _, bytes)| (id, bytes)).collect::<Vec<_>>(),
                packs,
            )
        };
        Ok(Sqlite {
            conn: Mutex::new(conn),
            dictionaries: Dictionaries::new(stored),
            packs,
        })
    }

    pub(super) fn packs(&self) -> bool {
        self.packs
    }

    /// A stored input or output: text as written, or a compressed record unpacked.
    fn text(&self, value: ValueRef<'_>) -> anyhow::Result<String> {
        match value {
            ValueRef::Text(t) => Ok(String::from_utf8(t.to_vec()).context("a stored record is not UTF-8")?),
            ValueRef::Blob(frame) => self.dictionaries.unpack(frame),
            ValueRef::Null => Ok(String::new()),
            other => anyhow::bail!("a stored record is a {:?}, not text", other.data_type()),
        }
    }

    /// [`Sqlite::text`] inside a row mapping.
    fn column(&self, r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
        self.text(r.get_ref(i)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, e.into_boxed_dyn_error())
        })
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
                    stored(e.input, r.input_packed.as_deref()),
                    stored(e.output, r.output_packed.as_deref()),
                    at,
                    e.jurisdiction
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    pub(super) fn run_outputs(&self, run_id: &str) -> anyhow::Result<std::collections::HashMap<i64, (String, String)>> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare("SELECT line, input_sha256, output FROM decisions WHERE run_id = ?1 AND op <> ?2")?;
        let rows = stmt.query_map(params![run_id, SEAL_OP], |r| {
            Ok((r.get::<_, i64>(0)?, (r.get::<_, String>(1)?, self.column(r, 2)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(super) fn run_counts(&self, run_id: &str) -> anyhow::Result<(i64, i64)> {
        Ok(self.conn()?.query_row(
            "SELECT COUNT(*), COUNT(DISTINCT line) FROM decisions WHERE run_id = ?1 AND op <> ?2",
            params![run_id, SEAL_OP],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    pub(super) fn page(&self, after: &str, limit: i64) -> anyhow::Result<Vec<Recorded>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT decision_id, op, run_id, line, account_id, jurisdiction, as_of, policy_sha256, module_sha256,
                    input_sha256, input, output, recorded_at
             FROM decisions WHERE decision_id > ?1 ORDER BY decision_id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit], |r| {
            // A record that does not unpack is reported by `verify` (altered or damaged), never a failed walk.
            let (input, output) = (self.text(r.get_ref(10)?), self.text(r.get_ref(11)?));
            let unreadable = match (&input, &output) {
                (Err(e), _) => Some(format!("its input cannot be read: {e:#}")),
                (_, Err(e)) => Some(format!("its output cannot be read: {e:#}")),
                _ => None,
            };
            Ok(Recorded {
                decision_id: r.get(0)?,
                op: r.get(1)?,
                run_id: r.get(2)?,
                line: r.get(3)?,
                account_id: r.get(4)?,
                jurisdiction: r.get(5)?,
                as_of: r.get(6)?,
                policy_sha256: r.get(7)?,
                module_sha256: r.get(8)?,
                input_sha256: r.get(9)?,
                input: input.unwrap_or_default(),
                output: output.unwrap_or_default(),
                recorded_at: r.get(12)?,
                unreadable,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub(super) fn run_ids(&self) -> anyhow::Result<Vec<String>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT DISTINCT run_id FROM decisions WHERE run_id <> '' ORDER BY run_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub(super) fn run_page(&self, run_id: &str, after: &(i64, String), limit: i64) -> anyhow::Result<Vec<RunRow>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT line, decision_id, op, recorded_at, CASE WHEN op = ?4 THEN input ELSE '' END, module_sha256,
                    policy_sha256
             FROM decisions WHERE run_id = ?1 AND (line, decision_id) > (?2, ?3)
             ORDER BY line, decision_id LIMIT ?5",
        )?;
        let rows = stmt.query_map(params![run_id, after.0, after.1, SEAL_OP, limit], |r| {
            Ok(RunRow {
                line: r.get(0)?,
                decision_id: r.get(1)?,
                op: r.get(2)?,
                recorded_at: r.get(3)?,
                seal_input: self.column(r, 4)?,
                module_sha256: r.get(5)?,
                policy_sha256: r.get(6)?,
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

    /// Deletes records (never seals) older than `days`: of jurisdiction `only`, or of all but `except`.
    pub(super) fn delete_older(
        &self,
        days: u32,
        only: Option<&str>,
        except: &[&str],
    ) -> anyhow::Result<(usize, Vec<String>)> {
        let cutoff = cutoff(days);
        let mut args: Vec<&str> = vec![cutoff.as_str(), SEAL_OP];
        let filter = match only {
            Some(j) => {
                args.push(j);
                "jurisdiction = ?3".to_string()
            }
            None => {
                let marks = (0..except.len()).map(|i| format!("?{}", i + 3)).collect::<Vec<_>>();
                args.extend(except.iter().copied());
                format!("jurisdiction NOT IN ({})", marks.join(", "))
            }
        };
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let condition = format!("recorded_at < ?1 AND op <> ?2 AND {filter}");
        let runs = {
            let mut stmt = tx.prepare(&format!("SELECT DISTINCT run_id FROM decisions WHERE {condition}"))?;
            stmt.query_map(rusqlite::params_from_iter(&args), |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?
        };
        let deleted = tx.execute(
            &format!("DELETE FROM decisions WHERE {condition}"),
            rusqlite::params_from_iter(&args),
        )?;
        tx.commit()?;
        Ok((deleted, runs))
    }

    /// Records of `jurisdiction` older than `days` (those its legal minimum keeps).
    pub(super) fn count_older(&self, jurisdiction: &str, days: u32) -> anyhow::Result<usize> {
        let kept: i64 = self.conn()?.query_row(
            "SELECT COUNT(*) FROM decisions WHERE jurisdiction = ?1 AND recorded_at < ?2 AND op <> ?3",
            params![jurisdiction, cutoff(days), SEAL_OP],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(kept).unwrap_or(0))
    }

    pub(super) fn delete_seals(&self, run_id: &str) -> anyhow::Result<()> {
        self.conn()?.execute(
            "DELETE FROM decisions WHERE run_id = ?1 AND op = ?2",
            params![run_id, SEAL_OP],
        )?;
        Ok(())
    }
}

/// What a record's input or output column holds: its compressed frame, or the text itself.
fn stored<'a>(text: &'a str, packed: Option<&'a [u8]>) -> ToSqlOutput<'a> {
    ToSqlOutput::Borrowed(packed.map_or(ValueRef::Text(text.as_bytes()), ValueRef::Blob))
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
