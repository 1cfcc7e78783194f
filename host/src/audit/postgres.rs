//! The PostgreSQL store, for lenders who keep their records in a database they already run and back up.
//!
//! Tables live in the `dunwell` schema, created on first use under an advisory lock (so replicas starting
//! together do not race); a DBA who does not grant CREATE can run [`SCHEMA`] (`dunwell audit schema`)
//! beforehand. Connections come from a small r2d2 pool that drops closed ones, so a database restart costs
//! the requests that meet a dead connection an error (never a silent loss: the caller reports "not
//! recorded") and nothing more. A batch chunk is one `INSERT … SELECT unnest(…)` statement:
//! one round trip, atomic, and idempotent through `ON CONFLICT DO NOTHING`.
//!
//! Inputs and outputs are kept as `text`, byte for byte, because `verify` replays them: `jsonb` would
//! reorder keys. PostgreSQL text cannot hold U+0000, which a broken batch line can (the module answers it
//! `json.syntax`, and that answer is recorded like any other): such an input is stored with `\` and U+0000
//! escaped and `input_escaped` set, and read back exactly.

use super::tls;
use super::{Recorded, Row, RunRow, SEAL_OP};
use anyhow::Context as _;
use r2d2_postgres::PostgresConnectionManager;
use std::time::Duration;
use tokio_postgres_rustls::MakeRustlsConnect;

type Manager = PostgresConnectionManager<MakeRustlsConnect>;

/// The schema Dunwell creates on first use (idempotent).
pub const SCHEMA: &str = "CREATE SCHEMA IF NOT EXISTS dunwell;
CREATE TABLE IF NOT EXISTS dunwell.policies (
    policy_sha256 text PRIMARY KEY,
    policy text NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS dunwell.decisions (
    decision_id text PRIMARY KEY,
    op text NOT NULL,
    run_id text NOT NULL,
    line bigint NOT NULL,
    account_id text NOT NULL,
    jurisdiction text NOT NULL DEFAULT '',
    as_of text NOT NULL,
    module_sha256 text NOT NULL,
    policy_sha256 text NOT NULL,
    input_sha256 text NOT NULL,
    input text NOT NULL,
    input_escaped boolean NOT NULL DEFAULT false,
    output text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS decisions_run ON dunwell.decisions (run_id, line);
CREATE INDEX IF NOT EXISTS decisions_account ON dunwell.decisions (account_id, as_of);
CREATE INDEX IF NOT EXISTS decisions_recorded ON dunwell.decisions (recorded_at);
CREATE INDEX IF NOT EXISTS decisions_jurisdiction ON dunwell.decisions (jurisdiction, recorded_at);
";

/// Any fixed number, the same in every replica: serialises schema creation.
const SCHEMA_LOCK: i64 = 0x0044_756e_7765_6c6c;

/// How long a request waits for a connection before it is answered "not recorded".
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(5);

pub(super) struct Postgres {
    pool: r2d2::Pool<Manager>,
}

/// The URL with its password replaced by `***`.
pub(super) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Splits libpq's TLS parameters (which tokio-postgres does not know) off the URL and builds the connector.
fn config(url: &str) -> anyhow::Result<(::postgres::Config, MakeRustlsConnect)> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let (mut mode, mut rootcert) = (tls::Mode::Prefer, None);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_encoding::percent_decode_str(v).decode_utf8_lossy().to_string();
        match k {
            "sslmode" => mode = tls::Mode::parse(&value)?,
            "sslrootcert" => rootcert = Some(value),
            "sslcert" | "sslkey" | "sslpassword" | "sslcrl" | "sslcrldir" => {
                anyhow::bail!("the audit database URL sets `{k}`: client certificates are not supported")
            }
            _ => kept.push(pair),
        }
    }
    let plain = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let mut config: ::postgres::Config = plain
        .parse()
        .map_err(|e| anyhow::anyhow!("the audit database URL {} is not valid: {e}", redact(url)))?;
    if config.get_password().is_none()
        && let Ok(pw) = std::env::var("PGPASSWORD")
    {
        config.password(pw);
    }
    config.ssl_mode(mode.ssl_mode());
    config.application_name("dunwell");
    config.connect_timeout(Duration::from_secs(10));
    Ok((config, tls::connector(mode, rootcert.as_deref())?))
}

impl Postgres {
    pub(super) fn open(url: &str, connections: usize) -> anyhow::Result<Postgres> {
        let (config, tls) = config(url)?;
        let manager = PostgresConnectionManager::new(config, tls);
        // One connection first, outside the pool: its error (refused, TLS, password) is the one to show.
        let mut client = r2d2::ManageConnection::connect(&manager)
            .with_context(|| format!("cannot connect to the audit database {}", redact(url)))?;
        create_schema(&mut client).with_context(|| format!("cannot create the audit tables in {}", redact(url)))?;
        drop(client);
        let size = u32::try_from(connections.clamp(1, 32)).unwrap_or(1);
        // No test query before each use (a round trip per record): a connection the database dropped fails
        // its next statement, that record is answered "not recorded", and r2d2 discards the closed client.
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .test_on_check_out(false)
            .min_idle(Some(0))
            .connection_timeout(CHECKOUT_TIMEOUT)
            .build_unchecked(manager);
        Ok(Postgres { pool })
    }

    fn client(&self) -> anyhow::Result<r2d2::PooledConnection<Manager>> {
        self.pool
            .get()
            .map_err(|e| anyhow::anyhow!("no connection to the audit database: {e}"))
    }

    pub(super) fn remember_policy(&self, policy_sha256: &str, policy: &str) -> anyhow::Result<()> {
        refuse_nul("policy", policy)?;
        self.client()?.execute(
            "INSERT INTO dunwell.policies (policy_sha256, policy) VALUES ($1, $2)
             ON CONFLICT (policy_sha256) DO NOTHING",
            &[&policy_sha256, &policy],
        )?;
        Ok(())
    }

    pub(super) fn record(&self, module_sha256: &str, policy_sha256: &str, rows: &[Row<'_>]) -> anyhow::Result<usize> {
        let mut cols: [Vec<&str>; 8] = Default::default();
        let mut lines = Vec::with_capacity(rows.len());
        let mut inputs: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(rows.len());
        let mut escaped = Vec::with_capacity(rows.len());
        for r in rows {
            let e = r.entry;
            refuse_nul("output", e.output)?;
            refuse_nul("account id", e.account_id)?;
            refuse_nul("as_of", e.as_of)?;
            refuse_nul("jurisdiction", e.jurisdiction)?;
            for (col, v) in cols.iter_mut().zip([
                r.decision_id.as_str(),
                e.op,
                e.run_id,
                e.account_id,
                e.as_of,
                r.input_sha256.as_str(),
                e.output,
                e.jurisdiction,
            ]) {
                col.push(v);
            }
            lines.push(e.line);
            let stored = escape_nul(e.input);
            escaped.push(matches!(stored, std::borrow::Cow::Owned(_)));
            inputs.push(stored);
        }
        let [ids, ops, runs, accounts, as_ofs, input_hashes, outputs, jurisdictions] = &cols;
        let inputs: Vec<&str> = inputs.iter().map(AsRef::as_ref).collect();
        let added = self.client()?.execute(
            "INSERT INTO dunwell.decisions (decision_id, op, run_id, line, account_id, as_of, module_sha256,
                 policy_sha256, input_sha256, input, input_escaped, output, jurisdiction)
             SELECT d, o, r, l, a, s, $7, $8, h, i, e, x, j
             FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $9::text[],
                         $10::text[], $11::bool[], $12::text[], $13::text[]) AS t(d, o, r, l, a, s, h, i, e, x, j)
             ON CONFLICT (decision_id) DO NOTHING",
            &[
                ids,
                ops,
                runs,
                &lines,
                accounts,
                as_ofs,
                &module_sha256,
                &policy_sha256,
                input_hashes,
                &inputs,
                &escaped,
                outputs,
                jurisdictions,
            ],
        )?;
        Ok(usize::try_from(added).unwrap_or(usize::MAX))
    }

    pub(super) fn run_outputs(&self, run_id: &str) -> anyhow::Result<std::collections::HashMap<i64, (String, String)>> {
        let rows = self.client()?.query(
            "SELECT line, input_sha256, output FROM dunwell.decisions WHERE run_id = $1 AND op <> $2",
            &[&run_id, &SEAL_OP],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), (r.get(1), r.get(2)))).collect())
    }

    pub(super) fn run_counts(&self, run_id: &str) -> anyhow::Result<(i64, i64)> {
        let row = self.client()?.query_one(
            "SELECT COUNT(*), COUNT(DISTINCT line) FROM dunwell.decisions WHERE run_id = $1 AND op <> $2",
            &[&run_id, &SEAL_OP],
        )?;
        Ok((row.get(0), row.get(1)))
    }

    pub(super) fn page(&self, after: &str, limit: i64) -> anyhow::Result<Vec<Recorded>> {
        let rows = self.client()?.query(
            &format!(
                "SELECT decision_id, op, run_id, line, account_id, jurisdiction, as_of, policy_sha256, module_sha256,
                        input_sha256, input, input_escaped, output, {RECORDED_AT}
                 FROM dunwell.decisions WHERE decision_id > $1 ORDER BY decision_id LIMIT $2"
            ),
            &[&after, &limit],
        )?;
        Ok(rows
            .iter()
            .map(|r| Recorded {
                decision_id: r.get(0),
                op: r.get(1),
                run_id: r.get(2),
                line: r.get(3),
                account_id: r.get(4),
                jurisdiction: r.get(5),
                as_of: r.get(6),
                policy_sha256: r.get(7),
                module_sha256: r.get(8),
                input_sha256: r.get(9),
                input: if r.get(11) { unescape_nul(r.get(10)) } else { r.get(10) },
                output: r.get(12),
                recorded_at: r.get(13),
                unreadable: None,
            })
            .collect())
    }

    pub(super) fn run_ids(&self) -> anyhow::Result<Vec<String>> {
        let rows = self.client()?.query(
            "SELECT DISTINCT run_id FROM dunwell.decisions WHERE run_id <> '' ORDER BY run_id",
            &[],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub(super) fn run_page(&self, run_id: &str, after: &(i64, String), limit: i64) -> anyhow::Result<Vec<RunRow>> {
        let rows = self.client()?.query(
            &format!(
                "SELECT line, decision_id, op, {RECORDED_AT}, CASE WHEN op = $4 THEN input ELSE '' END, module_sha256,
                        policy_sha256
                 FROM dunwell.decisions WHERE run_id = $1 AND (line, decision_id) > ($2, $3)
                 ORDER BY line, decision_id LIMIT $5"
            ),
            &[&run_id, &after.0, &after.1, &SEAL_OP, &limit],
        )?;
        Ok(rows
            .iter()
            .map(|r| RunRow {
                line: r.get(0),
                decision_id: r.get(1),
                op: r.get(2),
                recorded_at: r.get(3),
                seal_input: r.get(4),
                module_sha256: r.get(5),
                policy_sha256: r.get(6),
            })
            .collect())
    }

    pub(super) fn policy(&self, policy_sha256: &str) -> anyhow::Result<Option<String>> {
        let row = self.client()?.query_opt(
            "SELECT policy FROM dunwell.policies WHERE policy_sha256 = $1",
            &[&policy_sha256],
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    /// Deletes records (never seals) older than `days`: of jurisdiction `only`, or of all but `except`.
    pub(super) fn delete_older(
        &self,
        days: u32,
        only: Option<&str>,
        except: &[&str],
    ) -> anyhow::Result<(usize, Vec<String>)> {
        let condition = "recorded_at < now() - make_interval(days => $1) AND op <> $2
             AND (CASE WHEN $3::text IS NULL THEN jurisdiction <> ALL($4::text[]) ELSE jurisdiction = $3 END)";
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        let args: [&(dyn ::postgres::types::ToSql + Sync); 4] = [&days_arg(days), &SEAL_OP, &only, &except];
        let runs: Vec<String> = tx
            .query(
                &format!("SELECT DISTINCT run_id FROM dunwell.decisions WHERE {condition}"),
                &args,
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let deleted = tx.execute(&format!("DELETE FROM dunwell.decisions WHERE {condition}"), &args)?;
        tx.commit()?;
        Ok((usize::try_from(deleted).unwrap_or(usize::MAX), runs))
    }

    /// Records of `jurisdiction` older than `days` (those its legal minimum keeps).
    pub(super) fn count_older(&self, jurisdiction: &str, days: u32) -> anyhow::Result<usize> {
        let kept: i64 = self
            .client()?
            .query_one(
                "SELECT COUNT(*) FROM dunwell.decisions
                 WHERE jurisdiction = $1 AND recorded_at < now() - make_interval(days => $2) AND op <> $3",
                &[&jurisdiction, &days_arg(days), &SEAL_OP],
            )?
            .get(0);
        Ok(usize::try_from(kept).unwrap_or(0))
    }

    pub(super) fn delete_seals(&self, run_id: &str) -> anyhow::Result<()> {
        self.client()?.execute(
            "DELETE FROM dunwell.decisions WHERE run_id = $1 AND op = $2",
            &[&run_id, &SEAL_OP],
        )?;
        Ok(())
    }
}

/// `recorded_at` as text, to the microsecond in UTC (the form seals digest and `verify` reads).
const RECORDED_AT: &str = "to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

fn days_arg(days: u32) -> i32 {
    i32::try_from(days).unwrap_or(i32::MAX)
}

/// Creates the tables unless they exist (a pre-created schema needs no CREATE privilege).
fn create_schema(client: &mut ::postgres::Client) -> anyhow::Result<()> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('dunwell.decisions') IS NOT NULL AND to_regclass('dunwell.policies') IS NOT NULL",
            &[],
        )?
        .get(0);
    if exists {
        return Ok(());
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    tx.batch_execute(SCHEMA)?;
    tx.commit()?;
    Ok(())
}

/// `\` → `\\`, U+0000 → `\0`, only for a text that holds U+0000 (the rest is stored as it is).
fn escape_nul(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\0') {
        s.replace('\\', "\\\\").replace('\0', "\\0").into()
    } else {
        s.into()
    }
}

fn unescape_nul(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('0') => out.push('\0'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn refuse_nul(what: &str, s: &str) -> anyhow::Result<()> {
    if s.contains('\0') {
        anyhow::bail!("the {what} contains a NUL character, which PostgreSQL text cannot store");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_with_nul_round_trips() {
        for s in ["{\"id\":\"A\0B\"}", "\\0\0\\\\\0", "\0", "plain \\ text"] {
            let stored = escape_nul(s);
            assert!(!stored.contains('\0'));
            let back = if s.contains('\0') {
                unescape_nul(&stored)
            } else {
                stored.to_string()
            };
            assert_eq!(back, s);
        }
    }

    #[test]
    fn redaction_keeps_everything_but_the_password() {
        assert_eq!(redact("postgres://u:p@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("postgres://h:5432/db?sslmode=require"),
            "postgres://h:5432/db?sslmode=require"
        );
        assert_eq!(redact("postgresql://u:p%40ss@h1,h2/db"), "postgresql://u:***@h1,h2/db");
        assert_eq!(redact("postgres://u:p@h"), "postgres://u:***@h");
    }

    #[test]
    fn libpq_tls_parameters_are_understood_and_the_rest_passed_on() {
        let (c, _) = config("postgres://u:p@localhost:5433/audit?sslmode=disable&connect_timeout=3").unwrap();
        assert_eq!(c.get_ssl_mode(), ::postgres::config::SslMode::Disable);
        assert_eq!(c.get_dbname(), Some("audit"));
        assert_eq!(c.get_ports(), &[5433]);
        let (c, _) = config("postgres://u@localhost/audit?sslmode=verify-full").unwrap();
        assert_eq!(c.get_ssl_mode(), ::postgres::config::SslMode::Require);
        let (c, _) = config("postgres://u@localhost/audit").unwrap();
        assert_eq!(c.get_ssl_mode(), ::postgres::config::SslMode::Prefer);
    }

    #[test]
    fn bad_urls_say_what_is_wrong_without_the_password() {
        let e = config("postgres://u:secret@localhost/audit?sslmode=sometimes")
            .err()
            .unwrap();
        assert!(e.to_string().contains("sslmode"), "{e}");
        let e = config("postgres://u:secret@localhost/audit?sslcert=/c.pem")
            .err()
            .unwrap();
        assert!(e.to_string().contains("client certificates"), "{e}");
        let e = config("postgres://u:secret@localhost/audit?bogus=1").err().unwrap();
        let shown = format!("{e:#}");
        assert!(!shown.contains("secret") && shown.contains("bogus"), "{shown}");
        let e = config("postgres://u@localhost/audit?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem")
            .err()
            .unwrap();
        assert!(format!("{e:#}").contains("/nonexistent/ca.pem"), "{e:#}");
    }
}
