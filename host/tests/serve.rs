//! The real server on loopback: every endpoint, bad requests, auth, a policy reload (a broken policy keeps
//! the old one serving), the audit trail, and a graceful stop on SIGTERM.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

mod common;
use common::{AS_OF, account};

fn scratch(name: &str) -> std::path::PathBuf {
    common::scratch("serve", name)
}

fn start(dir: &std::path::Path, extra: &[&str]) -> Server {
    let policy = dir.join("policy.json");
    let text = std::fs::read_to_string(dunwell_testkit::root().join("policies/default.json")).unwrap();
    std::fs::write(&policy, text).unwrap();
    let mut args = vec![
        "serve".to_string(),
        "--listen".into(),
        "127.0.0.1:0".into(),
        "--policy".into(),
        policy.to_str().unwrap().into(),
        "--workers".into(),
        "2".into(),
        "--audit".into(),
        dir.join("audit.db").to_str().unwrap().into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(&args)
        .current_dir(dunwell_testkit::root())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    Server { child, base }
}

fn post(s: &Server, path: &str, body: &str, token: Option<&str>) -> (u16, Value) {
    let mut req = ureq::post(&format!("{}{path}", s.base)).set("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    match req.send_string(body) {
        Ok(r) => (r.status(), serde_json::from_str(&r.into_string().unwrap()).unwrap()),
        Err(ureq::Error::Status(code, r)) => (
            code,
            serde_json::from_str(&r.into_string().unwrap()).unwrap_or(Value::Null),
        ),
        Err(e) => panic!("{e}"),
    }
}

fn get(s: &Server, path: &str) -> (u16, String) {
    match ureq::get(&format!("{}{path}", s.base)).call() {
        Ok(r) => (r.status(), r.into_string().unwrap()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap()),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn every_endpoint_bad_requests_reload_and_shutdown() {
    let dir = scratch("endpoints");
    let s = start(&dir, &["--max-body-bytes", "20000"]);

    let (code, body) = get(&s, "/healthz");
    assert_eq!(code, 200, "{body}");
    let (code, body) = get(&s, "/readyz");
    assert_eq!(code, 200, "{body}");
    let ready: Value = serde_json::from_str(&body).unwrap();
    let first_policy = ready["ok"]["policy_sha256"].as_str().unwrap().to_string();

    // One decision: the same envelope the CLI and the browser give, with a message on each action.
    let (code, d) = post(
        &s,
        "/v1/decide",
        &json!({"account": account("H-1"), "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 200, "{d}");
    assert_eq!(d["ok"]["bucket"], "M2");
    assert!(
        d["ok"]["actions"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("Dunwell Demo Finance")
    );

    // A batch answers one envelope per account, in order, errors included.
    let mut bad = account("H-bad");
    bad["currency"] = json!("XXX");
    let (code, b) = post(
        &s,
        "/v1/decide",
        &json!({"accounts": [account("H-2"), bad, account("H-3")], "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 200, "{b}");
    let results = b["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["ok"]["account_id"], "H-2");
    assert_eq!(results[1]["error"]["code"], "account.bad_currency");
    assert_eq!(results[2]["ok"]["account_id"], "H-3");

    let (code, r) = post(
        &s,
        "/v1/render",
        &json!({"account": account("H-4"), "as_of": AS_OF, "channel": "email", "tone": "firm", "template": {"id": "m2_consequences"}})
            .to_string(),
        None,
    );
    assert_eq!(code, 200, "{r}");
    assert!(r["ok"]["html"].as_str().unwrap().starts_with("<!DOCTYPE html>"));
    assert_eq!(r["ok"]["findings"], json!([]));

    let (code, r) = post(
        &s,
        "/v1/reply",
        &json!({"account": account("H-5"), "as_of": AS_OF, "text": "STOP"}).to_string(),
        None,
    );
    assert_eq!(code, 200, "{r}");
    assert_eq!(r["ok"]["intents"][0]["intent"], "stop_contact");

    let (code, o) = post(
        &s,
        "/v1/offers",
        &json!({"account": account("H-6"), "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 200, "{o}");
    assert!(!o["ok"]["offers"].as_array().unwrap().is_empty());
    assert!(o["ok"].get("actions").is_none());

    // Bad requests: unreadable JSON (400), wrong types with the path (422), too large (413), no route (404).
    let (code, e) = post(&s, "/v1/decide", "{\"account\": ", None);
    assert_eq!(code, 400, "{e}");
    assert_eq!(e["error"]["code"], "json.syntax");
    let (code, e) = post(
        &s,
        "/v1/decide",
        &json!({"account": {"id": 7}, "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 422, "{e}");
    assert_eq!(e["error"]["path"], "/account/id");
    // Small enough to sit in the socket buffers whole, so the early 413 never meets a half-sent body.
    let big = format!("{{\"text\": \"{}\"}}", "x".repeat(30_000));
    let (code, e) = post(&s, "/v1/reply", &big, None);
    assert_eq!(code, 413, "{e}");
    assert_eq!(e["error"]["code"], "http.too_large");
    let (code, e) = post(&s, "/v1/nope", "{}", None);
    assert_eq!(code, 404, "{e}");
    assert_eq!(e["error"]["code"], "http.not_found");

    // Metrics count requests, decisions by bucket, actions by channel and errors by code.
    let (code, m) = get(&s, "/metrics");
    assert_eq!(code, 200);
    assert!(
        m.contains("dunwell_http_requests_total{route=\"/v1/decide\",status=\"200\"}"),
        "{m}"
    );
    assert!(m.contains("dunwell_decisions_total{name=\"M2\"}"), "{m}");
    assert!(m.contains("dunwell_errors_total{name=\"json.syntax\"}"), "{m}");

    let (code, api) = get(&s, "/openapi.json");
    assert_eq!(code, 200);
    let api: Value = serde_json::from_str(&api).unwrap();
    for p in [
        "/v1/decide",
        "/v1/render",
        "/v1/reply",
        "/v1/offers",
        "/healthz",
        "/readyz",
    ] {
        assert!(api["paths"].get(p).is_some(), "{p} missing from openapi");
    }

    // A broken policy on disk is rejected and the old one keeps serving; a valid change is picked up.
    let policy_file = dir.join("policy.json");
    std::fs::write(&policy_file, "{\"buckets\": 7}").unwrap();
    std::thread::sleep(Duration::from_millis(2600));
    let (_, body) = get(&s, "/readyz");
    let ready: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(ready["ok"]["policy_sha256"], first_policy.as_str());
    let (code, _) = post(
        &s,
        "/v1/decide",
        &json!({"account": account("H-7"), "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 200);
    let mut changed: Value =
        serde_json::from_str(&std::fs::read_to_string(dunwell_testkit::root().join("policies/default.json")).unwrap())
            .unwrap();
    changed["horizon_days"] = json!(10);
    std::fs::write(&policy_file, changed.to_string()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, body) = get(&s, "/readyz");
        let ready: Value = serde_json::from_str(&body).unwrap();
        if ready["ok"]["policy_sha256"] != first_policy.as_str() {
            break;
        }
        assert!(Instant::now() < deadline, "the valid policy was not picked up");
        std::thread::sleep(Duration::from_millis(200));
    }

    // Every successful decision was recorded; the audit verifies.
    let out = Command::new(env!("CARGO_BIN_EXE_dunwell"))
        .args(["audit", "verify", "--audit", dir.join("audit.db").to_str().unwrap()])
        .current_dir(dunwell_testkit::root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 different"), "{text}");

    // SIGTERM: finishes and exits cleanly.
    let mut s = s;
    #[cfg(unix)]
    {
        Command::new("kill")
            .args(["-TERM", &s.child.id().to_string()])
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = s.child.try_wait().unwrap() {
                assert!(status.success(), "{status}");
                break;
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let _ = &mut s;
}

#[test]
fn serves_the_admin_console_as_static_files() {
    let dir = scratch("static");
    let root = dunwell_testkit::root();
    let s = start(&dir, &["--no-audit", "--static", root.to_str().unwrap()]);
    let (code, page) = get(&s, "/www/index.html");
    assert_eq!(code, 200);
    assert!(page.contains("<dunwell-account-plan"), "{page}");
    let r = ureq::get(&format!("{}/pkg/dist/dunwell_bg.wasm", s.base))
        .call()
        .unwrap();
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    // The API still answers, and an unknown file is the JSON 404.
    assert_eq!(get(&s, "/healthz").0, 200);
    let (code, body) = get(&s, "/www/nope.html");
    assert_eq!(code, 404, "{body}");
}

#[test]
fn a_token_protects_the_api_but_not_health() {
    let dir = scratch("token");
    let s = start(&dir, &["--token", "s3cret", "--no-audit"]);
    let body = json!({"account": account("T-1"), "as_of": AS_OF}).to_string();
    let (code, e) = post(&s, "/v1/decide", &body, None);
    assert_eq!(code, 401, "{e}");
    assert_eq!(e["error"]["code"], "http.unauthorized");
    let (code, _) = post(&s, "/v1/decide", &body, Some("wrong"));
    assert_eq!(code, 401);
    let (code, d) = post(&s, "/v1/decide", &body, Some("s3cret"));
    assert_eq!(code, 200, "{d}");
    assert_eq!(get(&s, "/healthz").0, 200);
    assert_eq!(get(&s, "/metrics").0, 401);
}
