//! The `dunwell` command as a user runs it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers fail loudly

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn dunwell(args: &[&str], stdin: &str) -> Output {
    let root = dunwell_testkit::root();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(args)
        .current_dir(&root)
        // The tests' own compiled-module cache: never the developer's ~/.cache, still shared between tests.
        .env("DUNWELL_CACHE_DIR", shared_cache())
        .env_remove("DUNWELL_NO_CACHE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// The compiled-module cache the tests share (under cargo's scratch space for integration tests).
fn shared_cache() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dunwell-cache")
}

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dunwell-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `content` to `name` in the test's scratch folder.
fn scratch_file(test: &str, name: &str, content: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = scratch(test).join(name);
    std::fs::write(&path, content).unwrap();
    path
}

const POLICY: &str = "policies/default.json";
const AS_OF: &str = "2026-11-28T09:00:00Z";

#[test]
fn decide_writes_one_envelope_per_account_and_survives_bad_lines() {
    let input = [
        r#"{"id":"A","jurisdiction":"CN","currency":"CNY","balances":{"principal":1000000,"interest":0,"fees":0},"instalments":[{"due":"2026-10-15","amount":100}],"borrower":{"name":"王芳","time_zone":"Asia/Shanghai"}}"#,
        r#"{"id":"B","jurisdiction":"CN","currency":"CNY","borrower":{"name":"x","time_zone":"Asia/Shanghai"},"flgs":{}}"#,
        "",
        "not json",
        r#"{"id":"C","jurisdiction":"US","currency":"USD","borrower":{"name":"y","time_zone":"America/Chicago"}}"#,
    ]
    .join("\n");
    let out = dunwell(&["decide", "--policy", POLICY, "--as-of", AS_OF, "-"], &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "one answer per non-blank line: {stdout}");
    assert_eq!(lines[0]["ok"]["dpd"], 44);
    assert_eq!(
        lines[0]["ok"]["engine"]["module_sha256"].as_str(),
        dunwell_testkit::module_sha256().as_deref()
    );
    assert_eq!(lines[1]["error"]["code"], "account.unknown_field");
    assert_eq!(lines[1]["error"]["path"], "/flgs");
    assert_eq!(lines[2]["error"]["code"], "json.syntax");
    assert_eq!(lines[3]["ok"]["account_id"], "C");
}

#[test]
fn bad_policy_and_bad_as_of_exit_2_with_the_code() {
    let dir = scratch("cli");
    let policy = dir.join("bad.json");
    std::fs::write(&policy, r#"{"buckets": 5}"#).unwrap();
    let out = dunwell(
        &["decide", "--policy", policy.to_str().unwrap(), "--as-of", AS_OF, "-"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("policy.wrong_type"));

    let out = dunwell(&["decide", "--policy", POLICY, "--as-of", "tomorrow", "-"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("call.bad_instant"));

    let out = dunwell(&["validate", "--policy", policy.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let out = dunwell(&["validate", "--policy", POLICY], "");
    assert!(out.status.success());
}

#[test]
fn info_reports_the_module() {
    let out = dunwell(&["info"], "");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["module_sha256"].as_str(), dunwell_testkit::module_sha256().as_deref());
    assert_eq!(v["abi_version"], 1);
}

#[test]
fn sample_is_deterministic_and_decides_cleanly() {
    let a = dunwell(&["sample", "--count", "50", "--seed", "3"], "");
    let b = dunwell(&["sample", "--count", "50", "--seed", "3"], "");
    assert_eq!(a.stdout, b.stdout);
    let out = dunwell(
        &["decide", "--policy", POLICY, "--as-of", AS_OF, "--summary", "-"],
        &String::from_utf8(a.stdout).unwrap(),
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with(r#"{"ok""#))
            .count(),
        50
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("decided 50 of 50 accounts"));
}

#[test]
fn explain_prints_the_timeline_with_reasons() {
    let account = scratch_file(
        "explain",
        "account.json",
        r#"{"id":"X-1","jurisdiction":"US","currency":"USD","balances":{"principal":1000000,"interest":0,"fees":0},"instalments":[{"due":"2026-10-28","amount":100000}],
            "borrower":{"name":"Ann","time_zone":"America/New_York"},
            "channels":{"sms":{"address":"1","opted_out":true},"email":{"address":"a@example.com"},"call":{"address":"1"}},
            "history":{"contacts":[{"at":"2026-11-27T16:00:00Z","channel":"call","outcome":"rpc"}]}}"#,
    );
    let out = dunwell(
        &[
            "explain",
            "--policy",
            POLICY,
            "--as-of",
            AS_OF,
            account.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("DPD 31 · bucket M2 · segment m2_firm"), "{text}");
    assert!(
        text.contains("2026-11-28 10:00:00-05:00  (15:00 UTC)  email"),
        "SMS opted out falls back to e-mail: {text}"
    );
    assert!(text.contains("[moved: after_conversation_7d]"), "{text}");
    assert!(text.contains("m2_sms_1           sms             opted_out"), "{text}");

    std::fs::write(&account, r#"{"id":"X-2","jurisdiction":"US"}"#).unwrap();
    let out = dunwell(
        &[
            "explain",
            "--policy",
            POLICY,
            "--as-of",
            AS_OF,
            account.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error account.missing_field at /account/currency"));
}

#[test]
fn offers_prints_a_ranked_table() {
    let account = scratch_file(
        "offers",
        "account.json",
        r#"{"id":"O-1","jurisdiction":"CN","currency":"CNY","balances":{"principal":1000000,"interest":20000},
            "instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-11-28","amount":100000}],
            "borrower":{"name":"王芳","time_zone":"Asia/Shanghai","monthly_income":800000,"monthly_expenses":500000}}"#,
    );
    let out = dunwell(
        &[
            "offers",
            "--policy",
            POLICY,
            "--as-of",
            "2026-11-28T02:00:00Z",
            account.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    // 100000 × 18% × 31 / 365 = 1528.77 → 15.29 yuan; settlement 10% off 10,215.29.
    assert!(
        text.contains("Penalty CNY 15.29 so far at 18.00% a year (act/365)"),
        "{text}"
    );
    // 31 DPD is M2: the default policy settles at a discount only from M3 on, so no pay_in_full; the arrears
    // plans lead (ranked by expected net recovery), each granted automatically.
    assert!(!text.contains("pay_in_full"), "{text}");
    let first = text
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap_or_default();
    assert!(
        first.contains("instalments_3        CNY 1015.29") && first.contains("auto"),
        "{text}"
    );
    assert!(text.contains("net recovery") && text.contains("approval"), "{text}");
}

#[test]
fn fit_writes_a_scorecard_that_decisions_can_use() {
    let dir = scratch("fit");
    let history = dunwell(&["sample", "--history", "--count", "2000", "--seed", "9"], "");
    assert!(history.status.success());
    let csv = dir.join("history.csv");
    std::fs::write(&csv, &history.stdout).unwrap();
    let card = dir.join("card.json");
    let out = dunwell(
        &[
            "fit",
            "--csv",
            csv.to_str().unwrap(),
            "--outcome",
            "outcome",
            "--good",
            "paid",
            "--ignore",
            "account_id",
            "--out",
            card.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let auc: f64 = stderr
        .split("AUC ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    assert!(auc > 0.68, "the synthetic truth is learnable: AUC {auc}\n{stderr}");
    assert!(stderr.contains("region"), "the noise column is reported: {stderr}");
    // The fragment is a valid policy on its own, and the noise column is not in it.
    let fragment = std::fs::read_to_string(&card).unwrap();
    assert!(!fragment.contains("\"region\""), "noise column kept: {fragment}");
    let out = dunwell(&["validate", "--policy", card.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "a,y\n1,good\n2,good\n").unwrap();
    let out = dunwell(
        &[
            "fit",
            "--csv",
            bad.to_str().unwrap(),
            "--outcome",
            "y",
            "--good",
            "good",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("call.bad_value at /outcome"));
}

#[test]
fn render_prints_the_message_and_its_lint_findings() {
    let dir = scratch("render");
    let account = scratch_file(
        "render",
        "account.json",
        r#"{"id":"R-1","jurisdiction":"CN","currency":"CNY","balances":{"principal":1000000,"interest":0,"fees":0},"instalments":[{"due":"2026-10-28","amount":123456}],
            "borrower":{"name":"王芳","time_zone":"Asia/Shanghai"}}"#,
    );
    let good = dir.join("good.txt");
    std::fs::write(&good, "【{{ company.name }}】{{ borrower.salutation }}，您的借款已逾期{{ dpd }}天，欠款{{ overdue | money }}。回复TD退订").unwrap();
    let args = |t: &std::path::Path| {
        vec![
            "render",
            "--policy",
            POLICY,
            "--as-of",
            "2026-11-28T02:00:00Z",
            "--channel",
            "sms",
            "--template",
            t.to_str().unwrap(),
            account.to_str().unwrap(),
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()
    };
    let a = args(&good);
    let out = dunwell(&a.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "【Dunwell Demo Finance】尊敬的王芳，您的借款已逾期31天，欠款1,234.56 元。回复TD退订"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("ucs2 encoding, 1 segment(s)"));

    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "老赖，再不还就逮捕你").unwrap();
    let a = args(&bad);
    let out = dunwell(&a.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error lint.insult in bad.txt at byte 0 of the source") && err.contains("lint.threat"),
        "{err}"
    );

    // A library template by id: the e-mail has a subject, a text part and an HTML part.
    let mut a = args(std::path::Path::new("m2_consequences"));
    a[6] = "email".into();
    let out = dunwell(&a.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Subject: 逾期未还可能带来的影响"), "{text}");
    assert!(
        text.contains("--- HTML part ---") && text.contains("<html lang=\"zh-CN\">"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("template zh-CN/m2_consequences"));
}

#[test]
fn lint_sweeps_the_default_library_clean_and_rejects_a_threatening_policy_template() {
    let out = dunwell(&["lint", "--policy", POLICY], "");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains(": 0 error(s), 0 warning(s)"), "{report}");

    // A policy whose own SMS template threatens arrest is rejected by validation, naming the template.
    let mut policy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dunwell_testkit::root().join(POLICY)).unwrap()).unwrap();
    policy["messages"]["templates"]["en-US/m1_missed_payment"] = serde_json::Value::String(
        "{% set subject %}x{% endset %}{% set short %}Pay now or we will have you arrested.{% endset %}{% set facts %}{% endset %}{% set consequence %}{% endset %}{% set ask %}{% endset %}{% include base %}".into(),
    );
    let file = scratch_file("lint", "policy.json", policy.to_string());
    let out = dunwell(&["validate", "--policy", file.to_str().unwrap()], "");
    assert!(!out.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("policy.lint") && all.contains("lint.threat"), "{all}");
    assert!(all.contains("/messages/templates/en-US~1m1_missed_payment"), "{all}");
}

#[test]
fn reply_reads_a_promise_and_answers_in_the_borrowers_language() {
    let account = scratch_file(
        "reply",
        "account.json",
        r#"{"id":"RP-1","jurisdiction":"CN","currency":"CNY","balances":{"principal":1000000,"interest":0,"fees":0},"instalments":[{"due":"2026-10-28","amount":100000}],
            "borrower":{"name":"王芳","locale":"zh-CN","time_zone":"Asia/Shanghai"}}"#,
    );
    let out = dunwell(
        &[
            "reply",
            "--policy",
            POLICY,
            "--as-of",
            "2026-11-28T02:00:00Z",
            account.to_str().unwrap(),
            "我失业了，下周五能先还500元吗",
        ],
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("promise_to_pay") && text.contains("hardship"), "{text}");
    assert!(
        text.contains("record_promise amount=CNY 500.00 amount_assumed=false due=\"2026-12-04\""),
        "{text}"
    );
    // People read major units and percentages, not minor units and per-mille.
    assert!(text.contains("Amount  CNY 500.00 (\""), "{text}");
    assert!(
        text.contains("confidence ") && text.contains('%') && !text.contains('‰'),
        "{text}"
    );
    assert!(text.contains("Next messages softened: hardship"), "{text}");
    // One answer addresses both intents it recorded (hardship first, then the promise).
    assert!(text.contains("Answer (hardship, zh-CN/reply_several)"), "{text}");
    assert!(text.contains("了解到您的困难") && text.contains("500.00"), "{text}");
}

#[test]
fn explain_and_offers_print_control_characters_in_data_escaped() {
    // An id that would clear the screen, set the window title and forge a line of the report.
    let id = "X\u{1b}[2J\u{1b}]0;pwned\u{7}\r\nDPD 0 · bucket M0\u{9b}31m\u{202e}";
    let account = serde_json::json!({"id": id, "jurisdiction": "CN", "currency": "CNY",
        "balances": {"principal": 1000000, "interest": 20000},
        "instalments": [{"due": "2026-10-28", "amount": 100000}],
        "borrower": {"name": "王\u{1b}[31m芳", "time_zone": "Asia/Shanghai", "monthly_income": 800000,
            "monthly_expenses": 500000}});
    let file = scratch_file("escapes", "account.json", account.to_string());
    for command in ["explain", "offers"] {
        let out = dunwell(
            &[
                command,
                "--policy",
                POLICY,
                "--as-of",
                "2026-11-28T02:00:00Z",
                file.to_str().unwrap(),
            ],
            "",
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "{command}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bad: Vec<char> = text
            .chars()
            .filter(|c| (c.is_control() && *c != '\n') || *c == '\u{202e}')
            .collect();
        assert!(bad.is_empty(), "{command} printed {bad:?}: {text}");
        assert!(
            text.contains(r"X\u{1b}[2J\u{1b}]0;pwned\u{7}\r\nDPD 0 · bucket M0\u{9b}31m\u{202e}"),
            "{command}: {text}"
        );
        assert!(
            !text.lines().any(|l| l.starts_with("DPD 0")),
            "{command}: a forged line: {text}"
        );
    }
}

/// Runs `dunwell` in the repository with the compiled-module cache in `cache` and the host's debug log on
/// standard error (which says where the compiled module came from).
fn dunwell_cached(args: &[&str], cache: &std::path::Path, stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(args)
        .current_dir(dunwell_testkit::root())
        .env("DUNWELL_CACHE_DIR", cache)
        .env("RUST_LOG", "dunwell_host=debug")
        .env_remove("DUNWELL_NO_CACHE")
        .env_remove("DUNWELL_MODULE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A scratch folder emptied first (a cache test must start with no cache).
fn empty_scratch(test: &str) -> std::path::PathBuf {
    let dir = scratch(test);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The compiled modules in a cache folder.
fn cached_modules(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "cwasm"));
    files
}

/// Twenty sample accounts, and the command that decides them (without an audit trail): the whole engine runs.
fn decide_twenty() -> (Vec<&'static str>, String) {
    let sample = dunwell(&["sample", "--count", "20", "--seed", "11"], "");
    assert!(sample.status.success());
    (
        vec!["decide", "--policy", POLICY, "--as-of", AS_OF, "--no-audit", "-"],
        String::from_utf8(sample.stdout).unwrap(),
    )
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_second_start_loads_the_compiled_module_from_the_cache_and_answers_the_same_bytes() {
    let cache = empty_scratch("cache-hit");
    let (args, accounts) = decide_twenty();

    let first = dunwell_cached(&args, &cache, &accounts);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("compiled module stored in the cache"),
        "{}",
        stderr(&first)
    );
    let files = cached_modules(&cache);
    assert_eq!(files.len(), 1, "one compiled module: {files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    let sha = dunwell_testkit::module_sha256().unwrap();
    assert!(
        name.starts_with(&format!("{sha}-")),
        "keyed by the module's sha256: {name}"
    );
    let stored = std::fs::read(&files[0]).unwrap();

    let second = dunwell_cached(&args, &cache, &accounts);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("compiled module loaded from the cache"),
        "{}",
        stderr(&second)
    );
    assert!(!stderr(&second).contains("compiling"), "{}", stderr(&second));
    assert_eq!(String::from_utf8_lossy(&first.stdout).lines().count(), 20);
    assert_eq!(
        first.stdout, second.stdout,
        "the cached code answers byte for byte what the compiled one did"
    );
    assert_eq!(std::fs::read(&files[0]).unwrap(), stored, "a hit leaves the file alone");

    // `info` the same way, and `--no-cache` neither reads nor writes the cache.
    let info_cached = dunwell_cached(&["info"], &cache, "");
    assert!(
        stderr(&info_cached).contains("loaded from the cache"),
        "{}",
        stderr(&info_cached)
    );
    let other = empty_scratch("cache-off");
    let info_compiled = dunwell_cached(&["--no-cache", "info"], &other, "");
    assert!(info_compiled.status.success(), "{}", stderr(&info_compiled));
    assert!(!stderr(&info_compiled).contains("cache"), "{}", stderr(&info_compiled));
    assert_eq!(info_cached.stdout, info_compiled.stdout);
    assert!(cached_modules(&other).is_empty());
}

#[test]
fn a_damaged_or_foreign_cache_file_is_ignored_and_replaced() {
    let cache = empty_scratch("cache-damage");
    let (args, accounts) = decide_twenty();
    let first = dunwell_cached(&args, &cache, &accounts);
    assert!(first.status.success(), "{}", stderr(&first));
    let file = cached_modules(&cache).pop().unwrap();
    let good = std::fs::read(&file).unwrap();

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40; // one bit in the machine code: wasmtime's own header checks cannot see it
    let mut trailer_only = good.clone();
    let last = trailer_only.len() - 1;
    trailer_only[last] ^= 1;
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("one flipped bit", flipped),
        ("a damaged checksum", trailer_only),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        (
            "not a compiled module",
            b"garbage, not an ELF file, and longer than a checksum".to_vec(),
        ),
    ];
    for (what, bytes) in damages {
        std::fs::write(&file, &bytes).unwrap();
        let out = dunwell_cached(&args, &cache, &accounts);
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains("cache file ignored"), "{what}: {}", stderr(&out));
        assert_eq!(
            out.stdout, first.stdout,
            "{what}: the same answers from a fresh compile"
        );
        let now = std::fs::read(&file).unwrap();
        assert_ne!(now, bytes, "{what}: the damaged file is replaced");
        assert_eq!(now.len(), good.len(), "{what}: by a whole compiled module");
        let again = dunwell_cached(&args, &cache, &accounts);
        assert!(
            stderr(&again).contains("loaded from the cache"),
            "{what}: {}",
            stderr(&again)
        );
        assert_eq!(again.stdout, first.stdout);
    }

    // A file that others could have written is not run either (the process runs its code).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        let out = dunwell_cached(&args, &cache, &accounts);
        assert!(stderr(&out).contains("writable by others"), "{}", stderr(&out));
        assert_eq!(out.stdout, first.stdout);
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "replaced by a file only this user can write");
    }
}

#[test]
fn an_unwritable_cache_only_costs_a_compile() {
    let dir = empty_scratch("cache-unwritable");
    // A folder inside a regular file cannot be created, even by root.
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let out = dunwell_cached(&["info"], &blocker.join("cache"), "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot store the compiled module"),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["module_sha256"].as_str(), dunwell_testkit::module_sha256().as_deref());
}

#[test]
fn a_missing_module_says_where_it_looked_and_how_to_name_one() {
    let missing = scratch("missing-module").join("nowhere.wasm");
    let missing = missing.to_str().unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(["info"])
        .env("DUNWELL_MODULE", missing)
        .env("DUNWELL_CACHE_DIR", shared_cache())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(missing) && err.contains("$DUNWELL_MODULE"), "{err}");
    assert!(err.contains("--module") && err.contains("DUNWELL_MODULE"), "{err}");

    let out = dunwell(&["--module", missing, "info"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(missing) && err.contains("given with --module"), "{err}");
}

#[test]
fn a_copied_binary_runs_the_module_next_to_it() {
    let dir = empty_scratch("copied-binary");
    let exe = dir.join("dunwell");
    std::fs::copy(env!("CARGO_BIN_EXE_dunwell"), &exe).unwrap();
    let module = dir.join("dunwell_bg.wasm");
    std::fs::copy(dunwell_testkit::root().join("pkg/dist/dunwell_bg.wasm"), &module).unwrap();
    let out = Command::new(&exe)
        .arg("info")
        .current_dir(&dir)
        .env_remove("DUNWELL_MODULE")
        .env("DUNWELL_CACHE_DIR", shared_cache())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["module"].as_str(),
        module.to_str(),
        "the module beside the binary, not the build's"
    );
}

/// The README's tour runs as written on the files it names (`examples/`): explain, offers, render with a
/// library template and with a template file, and reply.
#[test]
fn the_readme_tour_runs_on_the_shipped_examples() {
    let run = |args: &[&str]| {
        let out = dunwell(args, "");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{args:?}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };
    let explain = run(&["explain", "--policy", POLICY, "--as-of", AS_OF, "examples/account.json"]);
    assert!(explain.contains("EX-US-1001"), "{explain}");
    let offers = run(&["offers", "--policy", POLICY, "--as-of", AS_OF, "examples/account.json"]);
    assert!(offers.contains("instalments_3"), "{offers}");
    let render = [
        "render",
        "--policy",
        POLICY,
        "--as-of",
        "2026-11-28T02:00:00Z",
        "--channel",
        "email",
        "--tone",
        "firm",
    ];
    let email = run(&[&render[..], &["--template", "m2_consequences", "examples/account.json"]].concat());
    assert!(email.contains("Ann Lee"), "{email}");
    let mut sms_args = render.to_vec();
    sms_args[6] = "sms";
    let sms = run(&[
        &sms_args[..],
        &["--template", "examples/my_sms.txt", "examples/account.json"],
    ]
    .concat());
    assert!(sms.contains("days overdue") && sms.contains("Reply STOP"), "{sms}");
    let reply = run(&[
        "reply",
        "--policy",
        POLICY,
        "--as-of",
        "2026-11-28T02:00:00Z",
        "examples/account-cn.json",
        "我失业了，下周五能先还500元吗",
    ]);
    assert!(
        reply.contains("promise_to_pay") && reply.contains("CNY 500.00"),
        "{reply}"
    );
}

/// A vector's input, to feed a command the same data the hand-checked vector holds.
fn vector_input(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dunwell_testkit::root().join(format!("tests/vectors/{name}.json"))).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["input"].clone()
}

/// A JSON array's items, one JSON line each.
fn lines_of(array: &serde_json::Value) -> Vec<String> {
    array.as_array().unwrap().iter().map(ToString::to_string).collect()
}

/// `kpi`, `queue`, `experiment report` and `evidence` answer through the CLI what the hand-checked vectors say
/// (the vectors' descriptions carry the derivations), as JSON and as a table.
#[test]
fn kpi_queue_experiment_and_evidence_commands() {
    let dir = scratch("operations");
    let run = |args: &[&str]| {
        let out = dunwell(args, "");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{args:?}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };
    let expect = |name: &str| {
        let text = std::fs::read_to_string(dunwell_testkit::root().join(format!("tests/vectors/{name}.json"))).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["expect"]["ok"].clone()
    };

    let snapshots = dir.join("snapshots.json");
    std::fs::write(
        &snapshots,
        vector_input("operations/kpi_roll_rates_and_cure").to_string(),
    )
    .unwrap();
    let kpi: serde_json::Value = serde_json::from_str(&run(&["kpi", "--json", snapshots.to_str().unwrap()])).unwrap();
    assert_eq!(kpi, expect("operations/kpi_roll_rates_and_cure"));
    let table = run(&["kpi", snapshots.to_str().unwrap()]);
    assert!(table.contains("cure"), "{table}");

    // The queue vector: ann takes A, C, B then a 10-minute pause; bob takes D; F is left unassigned.
    let q = vector_input("operations/queue_priority_capacity_pause");
    let decisions = dir.join("decisions.jsonl");
    std::fs::write(&decisions, lines_of(&q["decisions"]).join("\n") + "\n").unwrap();
    let out = run(&[
        "queue",
        "--date",
        "2026-11-28",
        "--agent",
        "ann:3",
        "--agent",
        "bob:1",
        decisions.to_str().unwrap(),
    ]);
    let got: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(got, expect("operations/queue_priority_capacity_pause"), "{out}");
    // A work day that is not a date is an error naming it, not an empty queue.
    let bad = dunwell(
        &[
            "queue",
            "--date",
            "28/11/2026",
            "--agent",
            "ann:3",
            decisions.to_str().unwrap(),
        ],
        "",
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&bad.stdout),
        String::from_utf8_lossy(&bad.stderr)
    );
    assert!(!bad.status.success() && said.contains("/date"), "{said}");

    // The Welch interval checked by hand in the vector: [-12,337.15, 32,337.15] for recovered per account.
    let outcomes = dir.join("outcomes.jsonl");
    let rows = lines_of(&vector_input("experiment/report_hand_computed")["outcomes"]);
    std::fs::write(&outcomes, rows.join("\n") + "\n").unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&run(&["experiment", "report", "--json", outcomes.to_str().unwrap()])).unwrap();
    assert_eq!(report, expect("experiment/report_hand_computed"));
    let table = run(&["experiment", "report", outcomes.to_str().unwrap()]);
    assert!(table.contains("champion"), "{table}");

    let evidence = run(&[
        "evidence",
        "--policy",
        POLICY,
        "--as-of",
        AS_OF,
        "examples/account.json",
    ]);
    let pack: serde_json::Value = serde_json::from_str(&evidence).unwrap();
    assert_eq!(pack["account_id"], "EX-US-1001", "{evidence}");
    assert!(
        pack["checklist"].as_array().is_some_and(|c| !c.is_empty()),
        "{evidence}"
    );
}

/// `queue` drops nothing without a word: every line that is not a decision is named on stderr with its number
/// and why, and the queue is refused (exit 1, nothing on stdout) unless `--skip-bad-lines`, which builds it from
/// the good lines — the same queue as a file without the bad ones. An error envelope from `decide` is not a bad
/// line. A capacity that is not a number is refused, not read as the default.
#[test]
fn queue_names_every_line_that_is_not_a_decision_and_refuses_unless_told_to_skip() {
    let q = vector_input("operations/queue_priority_capacity_pause");
    let good = lines_of(&q["decisions"]);
    let clean = scratch_file("queue-bad-lines", "clean.jsonl", good.join("\n") + "\n");
    let mut lines = good.clone();
    lines.insert(1, r#"{"ok": {"account_id": "A", "dpd": 3"#.to_string()); // truncated: line 2
    lines.insert(3, r#"{"snapshots": []}"#.to_string()); // the wrong file: line 4
    lines.insert(
        4,
        r#"{"error": {"code": "account.invalid", "path": "/id", "message": "x"}}"#.to_string(),
    );
    let mixed = scratch_file("queue-bad-lines", "mixed.jsonl", lines.join("\n") + "\n");
    let args = |file: &std::path::Path, extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["queue", "--date", "2026-11-28", "--agent", "ann:3", "--agent", "bob:1"]
            .iter()
            .map(ToString::to_string)
            .collect();
        a.extend(extra.iter().map(ToString::to_string));
        a.push(file.to_str().unwrap().to_string());
        a
    };
    let run = |a: &[String]| dunwell(&a.iter().map(String::as_str).collect::<Vec<_>>(), "");

    let expected = run(&args(&clean, &[]));
    assert!(expected.status.success(), "{}", stderr(&expected));
    assert!(!stderr(&expected).contains("jsonl:"), "{}", stderr(&expected));

    let refused = run(&args(&mixed, &[]));
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(
        refused.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&refused.stdout)
    );
    assert!(err.contains("mixed.jsonl:2: not JSON"), "{err}");
    assert!(err.contains("mixed.jsonl:4: not a decision"), "{err}");
    assert!(
        !err.contains("mixed.jsonl:5:"),
        "an error envelope is an answer, not a bad line: {err}"
    );
    assert!(err.contains("2 line(s) are not decisions"), "{err}");

    let skipped = run(&args(&mixed, &["--skip-bad-lines"]));
    let err = stderr(&skipped);
    assert!(skipped.status.success(), "{err}");
    assert!(
        err.contains("mixed.jsonl:2: not JSON") && err.contains("mixed.jsonl:4: not a decision"),
        "{err}"
    );
    assert_eq!(skipped.stdout, expected.stdout);

    // A bare id takes the documented 40; a capacity that is not a number is a usage error naming it.
    let bare = dunwell(
        &[
            "queue",
            "--date",
            "2026-11-28",
            "--agent",
            "ann",
            clean.to_str().unwrap(),
        ],
        "",
    );
    assert!(bare.status.success(), "{}", stderr(&bare));
    assert!(String::from_utf8_lossy(&bare.stdout).contains("\"unassigned\": []"));
    let bad = dunwell(
        &[
            "queue",
            "--date",
            "2026-11-28",
            "--agent",
            "ann:forty",
            clean.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`forty` is not a whole number"),
        "{}",
        stderr(&bad)
    );
    let help = dunwell(&["queue", "--help"], "");
    assert!(String::from_utf8_lossy(&help.stdout).contains("a bare `id` takes 40"));
}

#[test]
fn format_switches_every_command_between_people_and_machines() {
    let account = "examples/account.json";
    let line = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(
            &std::fs::read_to_string(dunwell_testkit::root().join(account)).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    let text = |o: &Output| String::from_utf8_lossy(&o.stdout).to_string();
    // JSON where people get tables by default: offers gives the module's offers sheet.
    let o = dunwell(
        &[
            "--format", "json", "offers", "--policy", POLICY, "--as-of", AS_OF, account,
        ],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let sheet: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sheet["account_id"], "EX-US-1001");
    assert!(
        sheet["offers"].as_array().is_some_and(|a| !a.is_empty()) && sheet.get("actions").is_none(),
        "{sheet}"
    );
    let o = dunwell(
        &[
            "--format", "json", "explain", "--policy", POLICY, "--as-of", AS_OF, account,
        ],
        "",
    );
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["bucket"], "M2");
    let o = dunwell(
        &[
            "--format",
            "json",
            "reply",
            "--policy",
            POLICY,
            "--as-of",
            AS_OF,
            account,
            "I'll pay 500 on Friday",
        ],
        "",
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["amounts"][0]["amount"], 50000);
    // Tables where machines get JSON by default.
    let o = dunwell(&["--format", "human", "info"], "");
    assert!(text(&o).contains("operations    decide, "), "{}", text(&o));
    let bad = scratch_file("format", "bad.json", r#"{"buckets": 7, "horizon_days": "x"}"#);
    let o = dunwell(
        &["--format", "human", "validate", "--policy", bad.to_str().unwrap()],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(t.starts_with("policy invalid: 2 problems\n"), "{t}");
    assert!(t.contains("policy.wrong_type  at /horizon_days:"), "{t}");
    // decide: a timeline per account instead of JSON lines; amounts in major units with their currency.
    let o = dunwell(
        &[
            "--format",
            "human",
            "decide",
            "--policy",
            POLICY,
            "--as-of",
            AS_OF,
            "--no-audit",
        ],
        &line,
    );
    let t = text(&o);
    assert!(t.starts_with("Account EX-US-1001 (US, America/New_York)"), "{t}");
    assert!(t.contains("Overdue USD 2469.12"), "{t}");
    // Errors in JSON mode are the module's envelope, on standard error, exit 1.
    let o = dunwell(
        &[
            "--format",
            "json",
            "offers",
            "--policy",
            POLICY,
            "--as-of",
            "yesterday",
            account,
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    assert_eq!(e["error"]["path"], "/as_of");
}

#[test]
fn lint_groups_findings_per_template_under_the_rules_the_words_are_meant_for() {
    // A policy whose firm SMS runs to four segments: one warning, named once, under the US rules an en-US
    // template is written for (not under China's), with the encoding spelt for people.
    let mut policy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dunwell_testkit::root().join(POLICY)).unwrap()).unwrap();
    policy["messages"]["templates"]["en-US/m2_overdue_firm"] = serde_json::json!(
        "{% set subject = 'Overdue' %}{% set short = 'Your account is overdue. ' * 20 %}{% set facts = 'x' %}\
         {% set consequence = '' %}{% set ask = 'Please pay.' %}{% include base %}"
    );
    let file = scratch_file("lint-group", "policy.json", policy.to_string());
    let out = dunwell(&["lint", "--policy", file.to_str().unwrap()], "");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("0 error(s), 1 warning(s)"), "{text}");
    assert!(
        text.contains("\nen-US/m2_overdue_firm\n  warning lint.sms_too_long: 582 GSM-7 units make 4 segments"),
        "{text}"
    );
    assert!(text.contains("    in sms · tone gentle · en-US under US\n"), "{text}");
    assert_eq!(text.matches("lint.sms_too_long").count(), 1, "{text}");
}
