//! Batch runs at scale: a real process killed with SIGKILL mid-run resumes with `--resume` and ends with
//! every account decided and recorded exactly once, its output identical to an uninterrupted run; a changed
//! input is refused on resume; one bad line (too large, not UTF-8, trapping the module) costs only that line;
//! shards split a portfolio without overlap; CSV in and out, formula cells neutralised; `audit verify` reports
//! every kind of tampering.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{AS_OF, POLICY, decide, dunwell, verify};

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("batch", name)
}

#[test]
fn a_killed_run_resumes_without_losing_or_duplicating_decisions() {
    let dir = scratch("resume");
    let db = dir.join("audit.db");
    let count = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM decisions", [], |r| r.get(0))
            .unwrap()
    };
    let lines = common::kill_and_resume(&dir, db.to_str().unwrap(), 6000, b"", count);
    assert_eq!(lines.lines().count(), 6000);
    // Every decision recorded exactly once, and the run sealed.
    let (recorded, differ) = verify(db.to_str().unwrap());
    assert_eq!((recorded, differ), (6000, 0));

    // Retention: every record aged 400 days, the CN ones of the first 1,000 lines six years.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let age = || {
        conn.execute_batch(
            "UPDATE decisions SET recorded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-400 days');
             UPDATE decisions SET recorded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
             WHERE jurisdiction = 'CN' AND line < 1000;",
        )
        .unwrap();
    };
    let count = |filter: &str| -> i64 {
        conn.query_row(
            &format!("SELECT COUNT(*) FROM decisions WHERE op <> 'batch.seal' AND ({filter})"),
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let left = common::assert_prune_keeps_the_legal_minimum(db.to_str().unwrap(), 1000, age, count);
    // The pruned run is sealed again over what is left: verify tells pruning from tampering.
    assert_eq!(verify(db.to_str().unwrap()), (left, 0));
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
        let out = decide(&["--no-audit", "--shard", &shard, "--to", "csv", input.to_str().unwrap()]);
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
    let out = decide(&["--no-audit", "--from", "csv", csv_in.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows[0]["ok"]["account_id"], "C-1");
    assert_eq!(rows[0]["ok"]["dpd"], 31);
    assert_eq!(rows[1]["ok"]["account_id"], "C-2");
    assert_eq!(rows[1]["ok"]["dpd"], 0);
}

/// A CSV cell that should be a whole number of minor units and is not is an error on its own line naming the
/// column's field, never a 0 (or a dropped payment) the account is then decided on.
#[test]
fn csv_bad_numbers_are_errors_naming_the_column() {
    let dir = scratch("csv-bad-numbers");
    let csv_in = dir.join("accounts.csv");
    std::fs::write(
        &csv_in,
        "id,jurisdiction,currency,principal,interest,fees,name,time_zone,instalments\n\
         B-1,US,USD,1O00000,0,0,Ann Lee,America/New_York,2026-10-28:100000\n\
         B-2,US,USD,1000000,0,0,Ann Lee,America/New_York,2026-10-28:1000.00\n\
         B-3,US,USD,1000000,0,0,Ann Lee,America/New_York,2026-10-28:100000:paid\n\
         B-4,US,USD,1000000,12.5,0,Ann Lee,America/New_York,2026-10-28:100000\n\
         B-5,US,USD,1000000,0,0,Ann Lee,America/New_York,2026-10-28:100000\n",
    )
    .unwrap();
    let out = decide(&["--no-audit", "--from", "csv", csv_in.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 5, "one answer per row: {text}");
    for (row, path) in [
        (0, "/balances/principal"),
        (1, "/instalments/0/amount"),
        (2, "/instalments/0/paid"),
        (3, "/balances/interest"),
    ] {
        assert_eq!(rows[row]["error"]["path"], path, "row {}: {}", row + 1, rows[row]);
    }
    assert_eq!(rows[4]["ok"]["dpd"], 31, "the good row is decided");
}

/// `n` sample accounts as JSON lines.
fn sample_lines(dir: &std::path::Path, n: usize, seed: u64) -> Vec<String> {
    let file = dir.join(format!("sample-{seed}.jsonl"));
    let out = dunwell(&[
        "sample",
        "--count",
        &n.to_string(),
        "--seed",
        &seed.to_string(),
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn answers(text: &str) -> Vec<serde_json::Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_line_too_large_or_not_utf8_costs_only_that_line() {
    let dir = scratch("bad-lines");
    let lines = sample_lines(&dir, 300, 5);
    // A 50 MB name, and a line that is not UTF-8, among good accounts (in the same 256-line chunk).
    let big = serde_json::json!({"id": "BIG", "jurisdiction": "US", "currency": "USD",
        "borrower": {"name": "x".repeat(50 << 20), "time_zone": "America/New_York"}})
    .to_string();
    let mut input = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 10 {
            input.extend_from_slice(big.as_bytes());
            input.push(b'\n');
        }
        if i == 20 {
            input.extend_from_slice(b"{\"id\": \"BAD\xff\xfe\"}\n");
        }
        input.extend_from_slice(l.as_bytes());
        input.push(b'\n');
    }
    let file = dir.join("mixed.jsonl");
    std::fs::write(&file, input).unwrap();
    let db = dir.join("audit.db");
    let out_file = dir.join("out.jsonl");
    let out = decide(&[
        "--audit",
        db.to_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    // Per-account errors are answers: the run completes with status 0 and counts them.
    assert_eq!(out.status.code(), Some(0), "{err}");
    // The audit file is new: the run says where it records (once; a resumed run finds it).
    assert!(err.contains("recording every decision in a new audit trail"), "{err}");
    assert!(
        err.contains("account.bad_utf8 1") && err.contains("account.too_large 1"),
        "{err}"
    );
    let got = answers(&std::fs::read_to_string(&out_file).unwrap());
    assert_eq!(got.len(), 302);
    assert_eq!(got[10]["error"]["code"], "account.too_large", "{}", got[10]);
    assert!(
        got[10]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("the limit is 4194304 bytes"),
        "{}",
        got[10]
    );
    assert_eq!(got[21]["error"]["code"], "account.bad_utf8", "{}", got[21]);
    assert!(
        got[21]["error"]["message"].as_str().unwrap().contains("byte 11 of 15"),
        "{}",
        got[21]
    );
    for (i, g) in got.iter().enumerate() {
        if i != 10 && i != 21 {
            assert!(g.get("ok").is_some(), "line {}: {g}", i + 1);
        }
    }
    // The refusals are recorded (not the 50 MB line: its size and hash) and re-judged by verify.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let longest: i64 = conn
        .query_row("SELECT MAX(length(input)) FROM decisions", [], |r| r.get(0))
        .unwrap();
    assert!(longest < 100_000, "{longest}");
    assert_eq!(verify(db.to_str().unwrap()), (302, 0));
}

#[test]
fn a_chunk_that_traps_is_decided_again_line_by_line() {
    let dir = scratch("trap");
    let mut lines = sample_lines(&dir, 40, 6);
    // With a 64 MiB module memory, an account with a 40 MB name traps the module; the other lines of its chunk
    // are fine on their own.
    lines[4] = serde_json::json!({"id": "HUGE", "jurisdiction": "US", "currency": "USD",
        "borrower": {"name": "y".repeat(40 << 20), "time_zone": "America/New_York"}})
    .to_string();
    let file = dir.join("in.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out_file = dir.join("out.jsonl");
    let rt = dunwell_host::Runtime::load(
        &dunwell_host::default_module_path(),
        dunwell_host::Limits {
            memory_bytes: 64 << 20,
            ..dunwell_host::Limits::default()
        },
    )
    .unwrap();
    let batch = dunwell_host::batch::Batch {
        policy: std::fs::read_to_string(dunwell_testkit::root().join(POLICY)).unwrap(),
        as_of: AS_OF.into(),
        input: file.to_str().unwrap().into(),
        out: Some(out_file.clone()),
        from: dunwell_host::batch::Format::Jsonl,
        to: dunwell_host::batch::Format::Jsonl,
        shard: None,
        workers: 1,
        audit: None,
        resume: false,
        run_id: None,
        messages: true,
        max_line_bytes: 1 << 30,
    };
    let (tally, _) = dunwell_host::batch::run(&rt, &batch).unwrap();
    let got = answers(&std::fs::read_to_string(&out_file).unwrap());
    assert_eq!(got.len(), 40);
    assert_eq!(got[4]["error"]["code"], "internal.trap", "{}", got[4]);
    for (i, g) in got.iter().enumerate() {
        if i != 4 {
            assert!(g.get("ok").is_some(), "line {}: {g}", i + 1);
        }
    }
    assert_eq!((tally.accounts, tally.decided), (40, 39));
}

#[test]
fn resume_refuses_an_input_that_changed_since_the_run() {
    let dir = scratch("changed");
    let file = dir.join("portfolio.jsonl");
    let db = dir.join("audit.db");
    let out_file = dir.join("out.jsonl");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "decide",
            "--policy",
            POLICY,
            "--as-of",
            AS_OF,
            "--audit",
            db.to_str().unwrap(),
            "--out",
            out_file.to_str().unwrap(),
            file.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        dunwell(&args)
    };
    std::fs::write(&file, sample_lines(&dir, 300, 1).join("\n")).unwrap();
    assert!(run(&[]).status.success());
    let first = std::fs::read_to_string(&out_file).unwrap();
    // The same file name, regenerated with other accounts: resuming must not hand out the old decisions.
    std::fs::write(&file, sample_lines(&dir, 300, 2).join("\n")).unwrap();
    let out = run(&["--resume"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("line 1 of") && err.contains("the input changed since the run began"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        first,
        "the earlier output stays"
    );
    let recorded: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM decisions WHERE op = 'decide_batch'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(recorded, 300, "nothing recorded for the refused run");
    // Under a new run id the new file is decided.
    let out = run(&["--run-id", "again"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_ne!(std::fs::read_to_string(&out_file).unwrap(), first);
}

#[test]
fn csv_output_neutralises_cells_a_spreadsheet_would_run() {
    let ids = [
        "=HYPERLINK(\"http://evil.example\",\"pay here\")",
        "+1-2",
        "-3+4",
        "@SUM(A1)",
        "\tTAB",
        "PLAIN",
    ];
    let input: Vec<String> = ids.iter().map(|id| common::account(id).to_string()).collect();
    let dir = scratch("csv-formulas");
    let file = dir.join("in.jsonl");
    std::fs::write(&file, input.join("\n")).unwrap();
    let out = decide(&["--no-audit", "--to", "csv", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), ids.len());
    for (row, id) in rows.iter().zip(ids) {
        assert_eq!(&row[1], "ok", "{row:?}");
        if id == "PLAIN" {
            assert_eq!(&row[0], "PLAIN");
        } else {
            assert_eq!(row[0].to_string(), format!("'{id}"), "{row:?}");
        }
        // Numbers stay numbers.
        assert_eq!(&row[4], "31", "{row:?}");
        assert!(row[16].parse::<i64>().is_ok(), "{row:?}");
    }
    // The neutralised rows are quoted cell by cell.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"pay here\"\")\",\"ok\""),
        "{text}"
    );
}

#[test]
fn verify_reports_every_altered_column_a_deleted_record_and_a_missing_policy() {
    let dir = scratch("tamper");
    let file = dir.join("portfolio.jsonl");
    std::fs::write(&file, sample_lines(&dir, 300, 3).join("\n")).unwrap();
    let db = dir.join("audit.db");
    let out = decide(&[
        "--audit",
        db.to_str().unwrap(),
        "--out",
        dir.join("out.jsonl").to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(verify(db.to_str().unwrap()), (300, 0));
    let copy = |name: &str| {
        let to = dir.join(name);
        std::fs::copy(&db, &to).unwrap();
        (rusqlite::Connection::open(&to).unwrap(), to)
    };
    let edit = |conn: &rusqlite::Connection, set: &str, line: i64| -> String {
        conn.query_row(
            &format!("UPDATE decisions SET {set} WHERE line = {line} AND op = 'decide_batch' RETURNING decision_id"),
            [],
            |r| r.get(0),
        )
        .unwrap()
    };

    // Each metadata column edited on its own line, one line deleted, one record re-timed into the future.
    let (conn, tampered) = copy("tampered.db");
    let altered = vec![
        (edit(&conn, "account_id = 'SOMEONE-ELSE'", 5), "account_id"),
        (edit(&conn, "jurisdiction = 'US' || jurisdiction", 6), "jurisdiction"),
        (edit(&conn, "as_of = '2020-01-01T00:00:00Z'", 7), "as_of"),
        (
            edit(
                &conn,
                "input_sha256 = '0000000000000000000000000000000000000000000000000000000000000000'",
                8,
            ),
            "input_sha256",
        ),
        (edit(&conn, "recorded_at = '2999-01-01T00:00:00Z'", 9), "recorded_at"),
    ];
    conn.execute("DELETE FROM decisions WHERE line = 50", []).unwrap();
    drop(conn);
    let (report, code) = common::verify_report(tampered.to_str().unwrap());
    common::assert_tampering_reported(&report, code, &altered, 50);
    assert!(
        report.contains("recorded_at goes back in time at line(s) 10"),
        "{report}"
    );
    assert!(
        report.contains("verified 299 decision(s): 299 identical, 0 different; 5 altered"),
        "{report}"
    );

    // Only the last line deleted: nothing but the seal shows it.
    let (conn, tail) = copy("tail.db");
    conn.execute("DELETE FROM decisions WHERE line = 300", []).unwrap();
    drop(conn);
    let (report, code) = common::verify_report(tail.to_str().unwrap());
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains(
            "its records differ from its seal: sealed 300 record(s) over lines up to 300, now 299 over lines up to 299"
        ),
        "{report}"
    );

    // A record re-timed to before the run began: the line order of times shows it.
    let (conn, retimed) = copy("retimed.db");
    edit(&conn, "recorded_at = '2001-01-01T00:00:00Z'", 100);
    drop(conn);
    let (report, code) = common::verify_report(retimed.to_str().unwrap());
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("recorded_at goes back in time at line(s) 100"),
        "{report}"
    );

    // Records are kept compressed (a decision with words in about a kilobyte) and read back byte for byte: the
    // untouched trail above verified 300 of 300 identical. A damaged record is reported as altered, naming the
    // column; an output swapped for another account's (a valid record) is caught by the replay.
    let (conn, packed) = copy("packed.db");
    let compressed: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM decisions WHERE op = 'decide_batch' AND typeof(input) = 'blob' AND typeof(output) = 'blob'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(compressed, 300);
    let damaged = edit(&conn, "output = zeroblob(64)", 20);
    let swapped = edit(
        &conn,
        "output = (SELECT output FROM decisions WHERE line = 22 AND op = 'decide_batch')",
        21,
    );
    drop(conn);
    let (report, code) = common::verify_report(packed.to_str().unwrap());
    assert_eq!(code, Some(1), "{report}");
    let line = |id: &str| report.lines().find(|l| l.contains(id)).unwrap_or_default().to_string();
    assert!(
        line(&damaged).starts_with("ALTERED ") && line(&damaged).contains("its output cannot be read"),
        "{report}"
    );
    assert!(line(&swapped).starts_with("DIFFERS "), "{report}");
    assert!(
        report.contains("verified 300 decision(s): 298 identical, 1 different; 1 altered"),
        "{report}"
    );

    // The policy is gone: every record is reported as not checkable, and the rest of the checks still run.
    let (conn, no_policy) = copy("no-policy.db");
    conn.execute("DELETE FROM policies", []).unwrap();
    conn.execute("UPDATE decisions SET account_id = 'X' WHERE line = 3", [])
        .unwrap();
    drop(conn);
    let (report, code) = common::verify_report(no_policy.to_str().unwrap());
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(
        report.lines().filter(|l| l.starts_with("UNCHECKED ")).count(),
        300,
        "{report}"
    );
    assert!(report.contains("is not in the audit trail"), "{report}");
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("ALTERED ") && l.contains("account_id `X`")),
        "{report}"
    );
    assert!(report.contains("300 not checkable"), "{report}");
}

/// `--out /dev/null` (or a pipe) is written in place, never replaced by a renamed file: replacing `/dev/null` with
/// a regular file breaks every program on the machine. Checked on a FIFO, which a regression cannot harm: its read
/// end is opened first without blocking, so a run that writes elsewhere fails the test instead of hanging it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn output_to_a_pipe_or_device_is_written_in_place_not_replaced() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let dir = scratch("fifo");
    let input = dir.join("portfolio.jsonl");
    // Three answers stay well inside a pipe's 64 KiB buffer, so the run never waits for the reader.
    std::fs::write(&input, sample_lines(&dir, 3, 11).join("\n")).unwrap();
    let fifo = dir.join("answers.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let out = decide(&["--no-audit", "--out", fifo.to_str().unwrap(), input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut answers = String::new();
    let _ = reader.read_to_string(&mut answers);
    assert_eq!(answers.lines().count(), 3, "{answers}");
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the pipe was replaced"
    );
    assert!(!dir.join("answers.fifo.partial").exists());
}
