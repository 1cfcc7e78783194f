//! Batch runs at scale: a real process killed with SIGKILL mid-run resumes with `--resume` and ends with
//! every account decided and recorded exactly once, its output identical to an uninterrupted run; shards
//! split a portfolio without overlap; CSV in and out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{AS_OF, POLICY, dunwell, verify};

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("batch", name)
}

#[test]
fn a_killed_run_resumes_without_losing_or_duplicating_decisions() {
    let dir = scratch("resume");
    let input = dir.join("portfolio.jsonl");
    let out = dunwell(&["sample", "--count", "6000", "--out", input.to_str().unwrap()]);
    assert!(out.status.success());
    let db = dir.join("audit.db");
    let result = dir.join("decisions.jsonl");
    let args = [
        "decide",
        "--policy",
        POLICY,
        "--as-of",
        AS_OF,
        "--workers",
        "2",
        "--audit",
        db.to_str().unwrap(),
        "--out",
        result.to_str().unwrap(),
        input.to_str().unwrap(),
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(args)
        .current_dir(dunwell_testkit::root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some decisions are recorded but before the end.
    let partial = dir.join("decisions.jsonl.partial");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let size = std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
        if size > 200_000 {
            break;
        }
        assert!(Instant::now() < deadline, "the run never got going");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(!result.exists(), "a killed run must not leave a final output");

    let mut resume = args.to_vec();
    resume.push("--resume");
    let out = dunwell(&resume);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("re-emitted from the audit trail"), "{err}");
    let lines = std::fs::read_to_string(&result).unwrap();
    assert_eq!(lines.lines().count(), 6000);

    // Identical to an uninterrupted run, and every decision recorded exactly once.
    let fresh = dunwell(&[
        "decide",
        "--policy",
        POLICY,
        "--as-of",
        AS_OF,
        "--no-audit",
        input.to_str().unwrap(),
    ]);
    assert_eq!(String::from_utf8_lossy(&fresh.stdout), lines);
    let (recorded, differ) = verify(db.to_str().unwrap());
    assert_eq!((recorded, differ), (6000, 0));

    // Retention: a jurisdiction's legal minimum beats --keep-days. Every record is aged 400 days, the CN ones of
    // the first 1,000 lines six years; keeping 365 days removes all but the CN records under five years.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE decisions SET recorded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-400 days');
         UPDATE decisions SET recorded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
         WHERE jurisdiction = 'CN' AND line < 1000;",
    )
    .unwrap();
    let n = |filter: &str| -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM decisions WHERE {filter}"), [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let (cn_old, cn_young, others) = (
        n("jurisdiction = 'CN' AND line < 1000"),
        n("jurisdiction = 'CN' AND line >= 1000"),
        n("jurisdiction <> 'CN'"),
    );
    assert!(cn_old > 0 && cn_young > 0 && n("jurisdiction = 'US'") > 0);
    let out = dunwell(&["audit", "prune", "--keep-days", "365", "--audit", db.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "pruned {} decision(s) older than 365 days; kept {cn_young} older",
            cn_old + others
        )),
        "{text}"
    );
    assert_eq!((n("true"), n("jurisdiction = 'CN'")), (cn_young, cn_young));
}

#[test]
fn an_audit_file_from_before_jurisdictions_is_upgraded_in_place() {
    let dir = scratch("upgrade");
    let db = dir.join("old.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE policies (policy_sha256 TEXT PRIMARY KEY, policy TEXT NOT NULL, first_seen TEXT NOT NULL);
         CREATE TABLE decisions (decision_id TEXT PRIMARY KEY, op TEXT NOT NULL, run_id TEXT NOT NULL,
             line INTEGER NOT NULL, account_id TEXT NOT NULL, as_of TEXT NOT NULL, module_sha256 TEXT NOT NULL,
             policy_sha256 TEXT NOT NULL, input_sha256 TEXT NOT NULL, input TEXT NOT NULL, output TEXT NOT NULL,
             recorded_at TEXT NOT NULL);
         INSERT INTO decisions VALUES ('old', 'decide', '', 0, 'A-1', '2020-01-01T00:00:00Z', 'm', 'p', 'h', '{}',
             '{}', '2020-01-02T00:00:00Z');",
    )
    .unwrap();
    drop(conn);
    let out = dunwell(&["audit", "prune", "--keep-days", "30", "--audit", db.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The old record has no known jurisdiction, so only --keep-days applies to it.
    assert!(String::from_utf8_lossy(&out.stdout).contains("pruned 1 decision(s)"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let cols: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM pragma_table_info('decisions') WHERE name = 'jurisdiction'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cols, 1);
}

#[test]
fn shards_partition_the_portfolio_and_csv_round_trips() {
    let dir = scratch("shards");
    let input = dir.join("portfolio.jsonl");
    assert!(
        dunwell(&["sample", "--count", "400", "--out", input.to_str().unwrap()])
            .status
            .success()
    );
    let mut ids = std::collections::BTreeSet::new();
    let mut total = 0;
    for i in 0..3 {
        let shard = format!("{i}/3");
        let out = dunwell(&[
            "decide",
            "--policy",
            POLICY,
            "--as-of",
            AS_OF,
            "--no-audit",
            "--shard",
            &shard,
            "--to",
            "csv",
            input.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        let mut rows = text.lines();
        assert!(rows.next().unwrap().starts_with("account_id,status,error_code"));
        for r in rows {
            total += 1;
            ids.insert(r.split(',').next().unwrap().to_string());
        }
    }
    assert_eq!((total, ids.len()), (400, 400), "every account in exactly one shard");

    // CSV in: flat columns, instalments as due:amount[:paid].
    let csv_in = dir.join("accounts.csv");
    std::fs::write(
        &csv_in,
        "id,jurisdiction,currency,principal,interest,fees,name,locale,time_zone,instalments,sms,sms_consent\n\
         C-1,US,USD,1000000,20000,0,Ann Lee,en-US,America/New_York,2026-10-28:100000;2026-12-28:100000,+1 555 0100,true\n\
         C-2,CN,CNY,500000,0,0,王芳,zh-CN,Asia/Shanghai,2026-11-20:50000:50000;2026-12-20:50000,,\n",
    )
    .unwrap();
    let out = dunwell(&[
        "decide",
        "--policy",
        POLICY,
        "--as-of",
        AS_OF,
        "--no-audit",
        "--from",
        "csv",
        csv_in.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows[0]["ok"]["account_id"], "C-1");
    assert_eq!(rows[0]["ok"]["dpd"], 31);
    assert_eq!(rows[1]["ok"]["account_id"], "C-2");
    assert_eq!(rows[1]["ok"]["dpd"], 0);
}
