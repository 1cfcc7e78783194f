//! The wasmtime host under hostile conditions: malformed input, invalid policies, blown deadlines, memory
//! caps, and many sessions at once. The host must answer with an envelope and keep serving.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers fail loudly

use dunwell_host::{Limits, Runtime, SessionError, default_module_path};
use serde_json::Value;
use std::time::Duration;

fn runtime(limits: Limits) -> Runtime {
    Runtime::load(&default_module_path(), limits).unwrap_or_else(|e| panic!("build the module first: {e:#}"))
}

fn code(envelope: &str) -> String {
    let v: Value = serde_json::from_str(envelope).unwrap_or_else(|e| panic!("not JSON ({e}): {envelope}"));
    v["error"]["code"].as_str().unwrap_or("").to_string()
}

const ACCOUNT: &str = r#"{"id":"A-1","jurisdiction":"US","currency":"USD","balances":{"principal":1000000,"interest":0,"fees":0},"instalments":[{"due":"2026-10-15","amount":1000}],"borrower":{"name":"Ann","time_zone":"America/New_York"}}"#;

fn call(account: &str) -> String {
    format!(r#"{{"as_of":"2026-11-28T09:00:00Z","account":{account}}}"#)
}

#[test]
fn module_identity_matches_the_file() {
    let rt = runtime(Limits::default());
    let bytes = std::fs::read(default_module_path()).unwrap();
    use sha2::Digest;
    assert_eq!(rt.module_sha256(), format!("{:x}", sha2::Sha256::digest(&bytes)));
    assert_eq!(rt.info().abi_version, dunwell_host::runtime::ABI_VERSION);
    assert_eq!(rt.info().tzdb_version.len(), 5, "tz database version like 2025b");
    assert!(rt.info().ops.iter().any(|o| o == "decide_batch"));
}

#[test]
fn malformed_input_gets_an_envelope_not_a_crash() {
    let rt = runtime(Limits::default());
    let mut s = rt.session("{}").unwrap();
    for (input, want) in [
        ("", "json.syntax"),
        ("{", "json.syntax"),
        ("\u{0}\u{1}garbage", "json.syntax"),
        ("[]", "call.wrong_type"),
        (r#"{"as_of":"soon","account":{}}"#, "call.bad_instant"),
        (
            &call(r#"{"id":"A","jurisdiction":"US","currency":"USD","borrower":{"name":"x","time_zone":"Nowhere"}}"#),
            "account.bad_time_zone",
        ),
        (&call(&"[".repeat(100_000)), "account.wrong_type"),
    ] {
        assert_eq!(code(&s.call("decide", input)), want, "input {:.60}", input);
    }
    // Nesting deeper than the parser's recursion limit, where free-form values are allowed.
    let deep = call(&format!(
        r#"{{"id":"A","jurisdiction":"US","currency":"USD","borrower":{{"name":"x","time_zone":"UTC"}},"features":{{"f":{}1}}}}"#,
        "[".repeat(100_000)
    ));
    let answer = s.call("decide", &deep);
    assert!(
        code(&answer).starts_with("json.") || code(&answer).starts_with("account."),
        "{answer:.300}"
    );
    // Still serving.
    assert!(s.call("decide", &call(ACCOUNT)).starts_with(r#"{"ok":"#));
}

#[test]
fn invalid_policy_lists_every_problem() {
    let rt = runtime(Limits::default());
    let err = match rt.session(r#"{"nmae":1,"promises":{"grace_days":"x"}}"#) {
        Err(SessionError::Policy(envelope)) => envelope,
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("an invalid policy was accepted"),
    };
    let v: Value = serde_json::from_str(&err).unwrap();
    let paths: Vec<&str> = v["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["path"].as_str())
        .collect();
    assert_eq!(paths, ["/nmae", "/promises/grace_days"]);
    assert_eq!(code(&rt.validate_policy("{").unwrap()), "json.syntax");
}

#[test]
fn a_blown_deadline_answers_and_the_session_recovers() {
    let rt = runtime(Limits {
        call_timeout: Duration::from_millis(10),
        ..Limits::default()
    });
    let mut s = rt.session("{}").unwrap();
    // A batch far bigger than 10 ms of work.
    let mut batch = String::from(r#"{"as_of":"2026-11-28T09:00:00Z"}"#);
    for _ in 0..200_000 {
        batch.push('\n');
        batch.push_str(ACCOUNT);
    }
    assert_eq!(code(&s.call("decide_batch", &batch)), "host.timeout");
    // The instance was replaced: the next call works.
    assert!(s.call("decide", &call(ACCOUNT)).starts_with(r#"{"ok":"#));
}

#[test]
fn input_beyond_the_memory_cap_is_refused_and_the_session_recovers() {
    let rt = runtime(Limits {
        memory_bytes: 32 << 20,
        ..Limits::default()
    });
    let mut s = rt.session("{}").unwrap();
    let huge = format!(
        r#"{{"as_of":"2026-11-28T09:00:00Z","account":{{"id":"{}"}}}}"#,
        "x".repeat(40 << 20)
    );
    let answer = s.call("decide", &huge);
    assert!(!code(&answer).is_empty(), "{answer:.200}");
    assert!(s.call("decide", &call(ACCOUNT)).starts_with(r#"{"ok":"#));
}

#[test]
fn sessions_on_many_threads_agree() {
    let rt = runtime(Limits::default());
    let want = rt.session("{}").unwrap().call("decide", &call(ACCOUNT));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let rt = rt.clone();
            std::thread::spawn(move || {
                let mut s = rt.session("{}").unwrap();
                (0..50).map(|_| s.call("decide", &call(ACCOUNT))).collect::<Vec<_>>()
            })
        })
        .collect();
    for h in handles {
        for got in h.join().unwrap() {
            assert_eq!(got, want);
        }
    }
}

#[test]
fn precompiled_module_gives_the_same_answers() {
    let bytes = std::fs::read(default_module_path()).unwrap();
    let cwasm = Runtime::precompile(&bytes, Limits::default()).unwrap();
    let rt = runtime(Limits::default());
    // SAFETY: produced just above by the same wasmtime build and configuration.
    let pre = unsafe { Runtime::from_precompiled(&cwasm, rt.module_sha256().to_string(), Limits::default()) }.unwrap();
    assert_eq!(
        pre.session("{}").unwrap().call("decide", &call(ACCOUNT)),
        rt.session("{}").unwrap().call("decide", &call(ACCOUNT))
    );
}
