//! Helpers shared by the host's integration tests (each test file uses some of them).
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Command, Output};

pub const POLICY: &str = "policies/default.json";
pub const AS_OF: &str = "2026-11-28T09:00:00Z";

/// Runs the `dunwell` CLI from the repository root.
pub fn dunwell(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(args)
        .current_dir(dunwell_testkit::root())
        .output()
        .unwrap()
}

/// Runs `dunwell decide --policy POLICY --as-of AS_OF` with `rest` (flags, then the input).
pub fn decide(rest: &[&str]) -> Output {
    dunwell(&[["decide", "--policy", POLICY, "--as-of", AS_OF].as_slice(), rest].concat())
}

/// An empty folder `target/test-scratch/<group>/<name>`.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let d = dunwell_testkit::root()
        .join("target/test-scratch")
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `(decisions, different)` from `dunwell audit verify --audit <audit>`.
pub fn verify(audit: &str) -> (i64, i64) {
    let out = dunwell(&["audit", "verify", "--audit", audit]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    // The summary is the last line; problems (none when it succeeds) come before it.
    let summary = text.lines().find(|l| l.starts_with("verified ")).unwrap_or("");
    let n = summary.split_whitespace().nth(1).and_then(|x| x.parse().ok());
    let differ = summary
        .split(", ")
        .nth(1)
        .and_then(|x| x.split_whitespace().next())
        .and_then(|x| x.parse().ok());
    (
        n.unwrap_or_else(|| panic!("{text}")),
        differ.unwrap_or_else(|| panic!("{text}")),
    )
}

/// A US account 31 days overdue with SMS (consented) and e-mail.
pub fn account(id: &str) -> Value {
    json!({"id": id, "jurisdiction": "US", "currency": "USD",
        "balances": {"principal": 1000000, "interest": 20000, "fees": 0},
        "instalments": [{"due": "2026-10-28", "amount": 100000}, {"due": "2026-12-28", "amount": 100000}],
        "borrower": {"name": "Ann Lee", "locale": "en-US", "time_zone": "America/New_York"},
        "channels": {"sms": {"address": "+1 555 0100", "consent": true}, "email": {"address": "ann@example.com"}}})
}

/// Runs `dunwell decide` over `count` sample accounts (then the `extra` bytes as further lines) recording to
/// `audit`, kills it with SIGKILL mid-run, resumes it with `--resume`, and checks what every store must give: no
/// final output from the killed run, a resumed run that re-emits what was recorded, and output identical to an
/// uninterrupted run. `recorded` is asked (after the kill) how many decisions the trail holds. Returns the output.
pub fn kill_and_resume(
    dir: &std::path::Path,
    audit: &str,
    count: usize,
    extra: &[u8],
    recorded: impl Fn() -> i64,
) -> String {
    use std::time::{Duration, Instant};
    let input = dir.join("portfolio.jsonl");
    let out = dunwell(&[
        "sample",
        "--count",
        &count.to_string(),
        "--out",
        input.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let mut text = std::fs::read(&input).unwrap();
    text.extend_from_slice(extra);
    std::fs::write(&input, text).unwrap();
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
        audit,
        "--out",
        result.to_str().unwrap(),
        input.to_str().unwrap(),
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(args)
        .current_dir(dunwell_testkit::root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some decisions are recorded but before the end.
    let partial = dir.join("decisions.jsonl.partial");
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0) < 200_000 {
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
    let before = recorded();
    assert!(before > 0 && before < count as i64, "{before} recorded before the kill");

    let mut resume = args.to_vec();
    resume.push("--resume");
    let out = dunwell(&resume);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("re-emitted from the audit trail"), "{err}");
    let lines = std::fs::read_to_string(&result).unwrap();

    // Identical to an uninterrupted run.
    let fresh = decide(&["--no-audit", input.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&fresh.stdout), lines);
    lines
}

/// Retention, checked the same on every store: a jurisdiction's legal minimum beats `--keep-days`. `age` makes
/// every record 400 days old and the CN ones of the lines below `old_below` six years; then keeping 365 days must
/// delete everything but the CN records under five years, and say how many it kept. `count` counts the decisions
/// (never seals) matching an SQL condition. Returns how many are left.
pub fn assert_prune_keeps_the_legal_minimum(
    audit: &str,
    old_below: i64,
    age: impl FnOnce(),
    count: impl Fn(&str) -> i64,
) -> i64 {
    age();
    let (cn_old, cn_young, others) = (
        count(&format!("jurisdiction = 'CN' AND line < {old_below}")),
        count(&format!("jurisdiction = 'CN' AND line >= {old_below}")),
        count("jurisdiction <> 'CN'"),
    );
    assert!(cn_old > 0 && cn_young > 0 && count("jurisdiction = 'US'") > 0);
    let out = dunwell(&["audit", "prune", "--keep-days", "365", "--audit", audit]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "pruned {} decision(s) older than 365 days; kept {cn_young} older",
            cn_old + others
        )),
        "{text}"
    );
    assert_eq!((count("true"), count("jurisdiction = 'CN'")), (cn_young, cn_young));
    cn_young
}

/// The verify report for `audit` (stdout) and its exit code.
pub fn verify_report(audit: &str) -> (String, Option<i32>) {
    let out = dunwell(&["audit", "verify", "--audit", audit]);
    (String::from_utf8_lossy(&out.stdout).to_string(), out.status.code())
}

/// Checks a verify report after the tampering both store tests make: `altered` lists `(decision id, column)`
/// pairs that must each be reported as ALTERED naming the column, and a run with a line `gap` deleted must be
/// reported with that line missing and its seal broken.
pub fn assert_tampering_reported(report: &str, code: Option<i32>, altered: &[(String, &str)], gap: i64) {
    assert_eq!(code, Some(1), "{report}");
    for (id, column) in altered {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("ALTERED {id} ")))
            .unwrap_or_else(|| panic!("{id} ({column}) not reported:\n{report}"));
        assert!(line.contains(column), "{line}");
    }
    let run = report
        .lines()
        .find(|l| l.starts_with("RUN "))
        .unwrap_or_else(|| panic!("no run reported:\n{report}"));
    assert!(run.contains(&format!("line(s) missing: {gap}")), "{run}");
    assert!(run.contains("differ from its seal"), "{run}");
}
