//! The PostgreSQL audit store against a real, throwaway PostgreSQL server (initdb into a temporary folder,
//! password authentication, TLS with a test CA): the service records every decision over verified TLS and
//! survives a database restart; a batch killed with SIGKILL resumes with neither lost nor duplicated
//! decisions; replicas starting together both create-or-find the schema; retention prunes; bad URLs,
//! passwords and certificates fail clearly without showing the password.
//!
//! Needs PostgreSQL's server programs (`apt-get install postgresql`; `scripts/test.sh` installs them).
//! As root, the server runs as the `postgres` user, because PostgreSQL refuses to run as root.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "pw-Dunwell-7";
mod common;
use common::{AS_OF, POLICY, account, decide, dunwell, verify};

/// A PostgreSQL cluster of its own, stopped and deleted on drop.
struct Pg {
    base: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

fn output(mut c: Command) -> Output {
    let out = c.output().unwrap_or_else(|e| panic!("{c:?}: {e}"));
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn pg_bin() -> PathBuf {
    if let Ok(dir) = std::env::var("DUNWELL_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, p): &(u32, PathBuf)| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().map(|(_, p)| p).unwrap_or_else(|| {
        panic!("PostgreSQL's server programs are needed: apt-get install postgresql (or set DUNWELL_PG_BIN)")
    })
}

fn is_root() -> bool {
    let mut c = Command::new("id");
    c.arg("-u");
    String::from_utf8_lossy(&output(c).stdout).trim() == "0"
}

fn id_of(flag: &str) -> u32 {
    let mut c = Command::new("id");
    c.args([flag, "postgres"]);
    String::from_utf8_lossy(&output(c).stdout).trim().parse().unwrap()
}

impl Pg {
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn start(name: &str) -> Pg {
        let base = std::env::temp_dir().join(format!("dunwell-pg-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let pg = Pg {
            base: base.clone(),
            bin: pg_bin(),
            port,
            as_postgres: is_root(),
        };

        // A test CA and a server certificate for localhost and 127.0.0.1.
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Dunwell test CA");
        let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        std::fs::write(base.join("ca.pem"), ca.pem()).unwrap();
        std::fs::write(base.join("server.crt"), cert.pem()).unwrap();
        std::fs::write(base.join("server.key"), key.serialize_pem()).unwrap();
        std::fs::write(base.join("pw"), PASSWORD).unwrap();
        std::fs::create_dir_all(base.join("sock")).unwrap();
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(base.join("server.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
        if pg.as_postgres {
            let (uid, gid) = (id_of("-u"), id_of("-g"));
            for p in ["", "ca.pem", "server.crt", "server.key", "pw", "sock"] {
                std::os::unix::fs::chown(base.join(p), Some(uid), Some(gid)).unwrap();
            }
        }

        let mut initdb = pg.command("initdb");
        initdb
            .arg("-D")
            .arg(base.join("data"))
            .args([
                "-U",
                "dunwell",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
            ])
            .args(["--locale=C", "--no-sync"])
            .arg(format!("--pwfile={}", base.join("pw").display()));
        output(initdb);
        pg.ctl_start();
        pg
    }

    fn ctl_start(&self) {
        let mut ctl = self.command("pg_ctl");
        ctl.arg("-D")
            .arg(self.base.join("data"))
            .arg("-l")
            .arg(self.base.join("server.log"))
            .args(["-w", "-t", "60", "start", "-o"])
            .arg(format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                self.port,
                self.base.join("sock").display(),
                self.base.join("server.crt").display(),
                self.base.join("server.key").display()
            ));
        output(ctl);
    }

    fn ctl(&self, what: &str) {
        let mut ctl = self.command("pg_ctl");
        // With its log file: a server started without one keeps pg_ctl's output pipe open for ever.
        ctl.arg("-D")
            .arg(self.base.join("data"))
            .arg("-l")
            .arg(self.base.join("server.log"))
            .args(["-w", "-t", "60", "-m", "fast", what]);
        output(ctl);
    }

    fn ca(&self) -> String {
        self.base.join("ca.pem").to_str().unwrap().to_string()
    }

    /// The URL the tests give Dunwell: password auth, TLS with the server's name and chain checked.
    fn url(&self, db: &str) -> String {
        format!(
            "postgres://dunwell:{PASSWORD}@localhost:{}/{db}?sslmode=verify-full&sslrootcert={}",
            self.port,
            self.ca()
        )
    }

    /// A direct client for checking what was written.
    fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(
            &format!(
                "host=127.0.0.1 port={} user=dunwell password={PASSWORD} dbname={db}",
                self.port
            ),
            postgres::NoTls,
        )
        .unwrap()
    }

    fn create_db(&self, db: &str) {
        self.client("postgres")
            .batch_execute(&format!("CREATE DATABASE {db}"))
            .unwrap();
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let mut ctl = self.command("pg_ctl");
        ctl.arg("-D")
            .arg(self.base.join("data"))
            .args(["-w", "-m", "immediate", "stop"]);
        let _ = ctl.stdout(Stdio::null()).stderr(Stdio::null()).status();
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

fn scratch(name: &str) -> PathBuf {
    common::scratch("postgres", name)
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `dunwell serve` with the audit URL given through DUNWELL_AUDIT (how a password stays out of `ps`).
fn serve(dir: &Path, audit: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(["serve", "--listen", "127.0.0.1:0", "--workers", "2", "--policy", POLICY])
        .env("DUNWELL_AUDIT", audit)
        .env("RUST_LOG", "warn")
        .current_dir(dunwell_testkit::root())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(dir.join(format!("serve-{}.log", std::process::id()))).unwrap())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the service did not start: {line}"))
        .to_string();
    Server { child, base }
}

fn post(s: &Server, path: &str, body: &str) -> (u16, Value) {
    match ureq::post(&format!("{}{path}", s.base))
        .set("Content-Type", "application/json")
        .send_string(body)
    {
        Ok(r) => (r.status(), serde_json::from_str(&r.into_string().unwrap()).unwrap()),
        Err(ureq::Error::Status(code, r)) => (code, serde_json::from_str(&r.into_string().unwrap()).unwrap()),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_service_records_every_decision_over_verified_tls_and_survives_a_database_restart() {
    let pg = Pg::start("serve");
    pg.create_db("audit");
    let dir = scratch("serve");
    let url = pg.url("audit");
    let s = serve(&dir, &url);

    let (code, d) = post(
        &s,
        "/v1/decide",
        &json!({"account": account("P-1"), "as_of": AS_OF}).to_string(),
    );
    assert_eq!(code, 200, "{d}");
    let (code, b) = post(
        &s,
        "/v1/decide",
        &json!({"accounts": [account("P-2"), account("P-3")], "as_of": AS_OF}).to_string(),
    );
    assert_eq!(code, 200, "{b}");
    let (code, r) = post(
        &s,
        "/v1/reply",
        &json!({"account": account("P-1"), "as_of": AS_OF, "text": "I'll pay $200 on Friday", "channel": "sms"})
            .to_string(),
    );
    assert_eq!(code, 200, "{r}");

    // What the database holds: each decision once, byte for byte what the service answered.
    let mut db = pg.client("audit");
    let rows = db
        .query(
            "SELECT op, account_id, as_of, output, module_sha256, policy_sha256, length(input_sha256)
             FROM dunwell.decisions ORDER BY account_id, op",
            &[],
        )
        .unwrap();
    let got: Vec<(String, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(
        got,
        [
            ("decide", "P-1"),
            ("reply", "P-1"),
            ("decide", "P-2"),
            ("decide", "P-3")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(serde_json::from_str::<Value>(&rows[0].get::<_, String>(3)).unwrap(), d);
    assert_eq!(rows[0].get::<_, String>(2), AS_OF);
    assert_eq!(rows[0].get::<_, i32>(6), 64);
    let policies: i64 = db
        .query_one("SELECT COUNT(*) FROM dunwell.policies", &[])
        .unwrap()
        .get(0);
    assert_eq!(policies, 1);
    // The service's own connections are encrypted.
    let tls: Vec<bool> = db
        .query(
            "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'dunwell'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(!tls.is_empty() && tls.iter().all(|t| *t), "{tls:?}");
    drop(db);

    // The database restarts under the service: a request may be refused as "not recorded" (503, retry),
    // never answered 200 without its record; the pool reconnects by itself.
    pg.ctl("restart");
    let mut answered = 0;
    let mut refused = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    while answered < 3 {
        let id = format!("R-{}", answered + refused);
        let (code, e) = post(
            &s,
            "/v1/decide",
            &json!({"account": account(&id), "as_of": AS_OF}).to_string(),
        );
        match code {
            200 => answered += 1,
            503 => {
                assert_eq!(e["error"]["code"], "host.audit", "{e}");
                refused += 1;
            }
            _ => panic!("{code} {e}"),
        }
        assert!(
            Instant::now() < deadline,
            "the service never recovered from the restart"
        );
    }
    let recorded: i64 = pg
        .client("audit")
        .query_one(
            "SELECT COUNT(*) FROM dunwell.decisions WHERE account_id LIKE 'R-%'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(recorded, 3, "every 200 is recorded, nothing else ({refused} refused)");

    // Verify replays all seven through the module.
    assert_eq!(verify(&url), (7, 0));

    // Retention: nothing is older than a day; everything is older than "keep 0 days".
    let out = dunwell(&["audit", "prune", "--keep-days", "1", "--audit", &url]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("pruned 0 decision(s)"));
    let out = dunwell(&["audit", "prune", "--keep-days", "0", "--audit", &url]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("pruned 7 decision(s)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(verify(&url), (0, 0));
}

#[test]
fn a_killed_batch_resumes_from_postgres_without_losing_or_duplicating_decisions() {
    let pg = Pg::start("batch");
    pg.create_db("audit");
    let dir = scratch("batch");
    let url = pg.url("audit");
    // After the sample, a broken line with a raw U+0000 (which PostgreSQL text cannot hold): answered
    // json.syntax, recorded.
    let count = || -> i64 {
        pg.client("audit")
            .query_one("SELECT COUNT(*) FROM dunwell.decisions", &[])
            .unwrap()
            .get(0)
    };
    let lines = common::kill_and_resume(&dir, &url, 4000, b"{\"id\": \"N\0UL\"}\n", count);
    let (rows, distinct): (i64, i64) = {
        let r = pg
            .client("audit")
            .query_one(
                "SELECT COUNT(*), COUNT(DISTINCT line) FROM dunwell.decisions WHERE op = 'decide_batch'",
                &[],
            )
            .unwrap();
        (r.get(0), r.get(1))
    };
    assert_eq!((rows, distinct), (4001, 4001));
    assert!(
        lines.ends_with("\"path\":\"/id\"}}\n"),
        "{}",
        &lines[lines.len() - 300..]
    );
    assert_eq!(verify(&url), (4001, 0));

    // A sample is the first N decision ids, read page by page.
    let out = dunwell(&["audit", "verify", "--sample", "1200", "--audit", &url]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("verified 1200 decision(s): 1200 identical, 0 different"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A record altered in the database is reported by id, and verify fails.
    let tampered: String = pg
        .client("audit")
        .query_one(
            "UPDATE dunwell.decisions SET output = replace(output, '\"bucket\":\"M', '\"bucket\":\"X')
             WHERE decision_id = (SELECT decision_id FROM dunwell.decisions WHERE output LIKE '%\"bucket\":\"M%'
                                  ORDER BY decision_id DESC LIMIT 1)
             RETURNING decision_id",
            &[],
        )
        .unwrap()
        .get(0);
    let out = dunwell(&["audit", "verify", "--audit", &url]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains(&format!("DIFFERS {tampered} (decide_batch)")), "{text}");
    assert!(text.contains("4000 identical, 1 different"), "{text}");

    // Every metadata column edited on its own line, a line deleted, a record re-timed into the future: each is
    // reported, and the run no longer matches its seal.
    let mut db = pg.client("audit");
    let mut edit = |set: &str, line: i64| -> String {
        db.query_one(
            &format!(
                "UPDATE dunwell.decisions SET {set} WHERE line = {line} AND op = 'decide_batch' RETURNING decision_id"
            ),
            &[],
        )
        .unwrap()
        .get(0)
    };
    let altered = vec![
        (edit("account_id = 'SOMEONE-ELSE'", 5), "account_id"),
        (edit("jurisdiction = 'US' || jurisdiction", 6), "jurisdiction"),
        (edit("as_of = '2020-01-01T00:00:00Z'", 7), "as_of"),
        (edit("input_sha256 = repeat('0', 64)", 8), "input_sha256"),
        (edit("recorded_at = '2999-01-01T00:00:00Z'", 9), "recorded_at"),
    ];
    db.execute("DELETE FROM dunwell.decisions WHERE line = 50", &[])
        .unwrap();
    let (report, code) = common::verify_report(&url);
    common::assert_tampering_reported(&report, code, &altered, 50);
    // A missing policy is reported per record; the walk goes on.
    db.batch_execute("DELETE FROM dunwell.policies").unwrap();
    let (report, code) = common::verify_report(&url);
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("4000 not checkable"), "{report}");
    assert!(report.contains("5 altered"), "{report}");

    // Retention: every record aged 400 days, the CN ones of the first 500 lines six years.
    let age = || {
        pg.client("audit")
            .batch_execute(
                "UPDATE dunwell.decisions SET recorded_at = now() - interval '400 days';
                 UPDATE dunwell.decisions SET recorded_at = now() - interval '6 years'
                 WHERE jurisdiction = 'CN' AND line < 500",
            )
            .unwrap();
    };
    let count = |filter: &str| -> i64 {
        pg.client("audit")
            .query_one(
                &format!("SELECT COUNT(*) FROM dunwell.decisions WHERE op <> 'batch.seal' AND ({filter})"),
                &[],
            )
            .unwrap()
            .get(0)
    };
    common::assert_prune_keeps_the_legal_minimum(&url, 500, age, count);
}

#[test]
fn replicas_starting_together_share_one_schema_and_bad_connections_fail_clearly() {
    let pg = Pg::start("connect");
    pg.create_db("audit");
    let dir = scratch("connect");
    let url = pg.url("audit");

    // Two replicas at once on an empty database: both start (the schema is created once, under a lock).
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| serve(&dir, &url));
        let b = s.spawn(|| serve(&dir, &url));
        (a.join().unwrap(), b.join().unwrap())
    });
    for (n, s) in [&a, &b].into_iter().enumerate() {
        let (code, e) = post(
            s,
            "/v1/decide",
            &json!({"account": account(&format!("S-{n}")), "as_of": AS_OF}).to_string(),
        );
        assert_eq!(code, 200, "{e}");
    }
    drop((a, b));
    assert_eq!(verify(&url), (2, 0));

    // libpq's modes: `require` encrypts without a CA; `disable` is plain (and allowed by this server).
    let plain = format!("postgres://dunwell:{PASSWORD}@127.0.0.1:{}/audit", pg.port);
    assert_eq!(verify(&format!("{plain}?sslmode=require")), (2, 0));
    assert_eq!(verify(&format!("{plain}?sslmode=disable")), (2, 0));
    // verify-ca checks the chain but not the name: 127.0.0.1 and localhost are both in this certificate,
    // so the chain is what is tested; the password can come from PGPASSWORD.
    let out = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(["audit", "verify", "--audit"])
        .arg(format!(
            "postgres://dunwell@127.0.0.1:{}/audit?sslmode=verify-ca&sslrootcert={}",
            pg.port,
            pg.ca()
        ))
        .env("PGPASSWORD", PASSWORD)
        .current_dir(dunwell_testkit::root())
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("verified 2 decision(s)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A DBA creates the tables from `dunwell audit schema`; a role with no CREATE right, granted only what the
    // trail needs, then records and verifies. Without the tables, that role is told why it cannot start.
    pg.create_db("ledger");
    let ddl = String::from_utf8(dunwell(&["audit", "schema"]).stdout).unwrap();
    let mut admin = pg.client("ledger");
    admin.batch_execute(&ddl).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE ROLE clerk LOGIN PASSWORD '{PASSWORD}';
             GRANT USAGE ON SCHEMA dunwell TO clerk;
             GRANT SELECT, INSERT ON dunwell.decisions, dunwell.policies TO clerk;
             REVOKE CREATE ON DATABASE ledger FROM PUBLIC;"
        ))
        .unwrap();
    let clerk = format!(
        "postgres://clerk:{PASSWORD}@127.0.0.1:{}/ledger?sslmode=require",
        pg.port
    );
    let few = dir.join("few.jsonl");
    assert!(
        dunwell(&["sample", "--count", "20", "--out", few.to_str().unwrap()])
            .status
            .success()
    );
    let out = decide(&[
        "--audit",
        &clerk,
        "--out",
        dir.join("few-out.jsonl").to_str().unwrap(),
        few.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(verify(&clerk), (20, 0));
    pg.create_db("bare");
    let out = dunwell(&["audit", "verify", "--audit", &clerk.replace("/ledger?", "/bare?")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("cannot create the audit tables") && err.contains("permission denied"),
        "{err}"
    );

    // Failures name the cause and never show the password.
    let fails = |audit: String, cause: &str| {
        let out = dunwell(&["audit", "verify", "--audit", &audit]);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "{audit}: {err}");
        assert!(err.contains(cause), "{audit}: expected `{cause}` in: {err}");
        assert!(!err.contains(PASSWORD), "the password leaked: {err}");
        assert!(
            err.contains("cannot connect to the audit database") || err.contains("sslmode"),
            "{err}"
        );
    };
    fails(
        format!(
            "postgres://dunwell:wrong-{PASSWORD}@127.0.0.1:{}/audit?sslmode=disable",
            pg.port
        ),
        "password authentication failed",
    );
    // The test CA is in no system store: verify-full without sslrootcert must refuse the server.
    fails(
        format!(
            "postgres://dunwell:{PASSWORD}@localhost:{}/audit?sslmode=verify-full",
            pg.port
        ),
        "certificate",
    );
    fails(
        format!(
            "postgres://dunwell:{PASSWORD}@localhost:{}/audit?sslmode=sometimes",
            pg.port
        ),
        "sslmode=sometimes",
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    fails(
        format!("postgres://dunwell:{PASSWORD}@127.0.0.1:{closed}/audit?sslmode=disable"),
        "refused",
    );
    // The service refuses to start without its audit trail rather than run unrecorded.
    let out = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(["serve", "--listen", "127.0.0.1:0", "--policy", POLICY])
        .env(
            "DUNWELL_AUDIT",
            format!("postgres://dunwell:{PASSWORD}@127.0.0.1:{closed}/audit"),
        )
        .current_dir(dunwell_testkit::root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains(PASSWORD));
}
