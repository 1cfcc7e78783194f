//! The real server on loopback: every endpoint, bad requests, auth, a policy reload (a broken policy keeps
//! the old one serving), the audit trail, and a graceful stop on SIGTERM.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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
        "--audit".into(),
        dir.join("audit.db").to_str().unwrap().into(),
    ];
    if !extra.contains(&"--workers") {
        args.extend(["--workers".to_string(), "2".to_string()]);
    }
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
    assert!(m.contains("dunwell_decisions_total{bucket=\"M2\"}"), "{m}");
    assert!(m.contains("dunwell_errors_total{code=\"json.syntax\"}"), "{m}");
    assert!(m.contains("dunwell_actions_total{channel=\""), "{m}");
    assert!(m.contains("le=\"30.0\""), "latency buckets reach 30 s: {m}");

    // A route asked with the wrong method answers with the JSON envelope, not an empty 405.
    let (code, body) = get(&s, "/v1/decide");
    assert_eq!(code, 405, "{body}");
    let e: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(e["error"]["code"], "http.method_not_allowed");

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
    // Ready (the previous policy serves), and saying the file on disk was refused, in the body and a gauge.
    assert!(ready["ok"]["reload_refused"].is_string(), "{ready}");
    let (_, m) = get(&s, "/metrics");
    assert!(m.contains("dunwell_policy_reload_refused 1"), "{m}");
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
    let (_, body) = get(&s, "/readyz");
    let ready: Value = serde_json::from_str(&body).unwrap();
    assert!(ready["ok"]["reload_refused"].is_null(), "{ready}");

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
    let www = format!("/www={}", root.join("www").display());
    let pkg = format!("/pkg={}", root.join("pkg").display());
    let s = start(&dir, &["--no-audit", "--static", &www, "--static", &pkg]);
    let (code, page) = get(&s, "/www/index.html");
    assert_eq!(code, 200);
    assert!(page.contains("<dunwell-account-plan"), "{page}");
    let r = match ureq::get(&format!("{}/pkg/dist/dunwell_bg.wasm", s.base)).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => panic!("{code}: {}", r.into_string().unwrap_or_default()),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    // The API still answers, and an unknown file (or one outside the mounts) is the JSON 404.
    assert_eq!(get(&s, "/healthz").0, 200);
    let (code, body) = get(&s, "/www/nope.html");
    assert_eq!(code, 404, "{body}");
    assert_eq!(get(&s, "/README.md").0, 404);
    // Files served count under their own route label (unknown paths stay "other"), never one label per path.
    let (_, m) = get(&s, "/metrics");
    assert!(
        m.contains(r#"dunwell_http_requests_total{route="static",status="200"} 2"#),
        "{m}"
    );
    assert!(
        m.contains(r#"dunwell_http_requests_total{route="other",status="404"} 2"#),
        "{m}"
    );
    assert!(!m.contains("/www/index.html") && !m.contains("/README.md"), "{m}");
}

/// Raw HTTP/1.1 on a socket: what was sent, then everything the server answers until it closes (or `wait`).
fn raw(s: &Server, request: &[u8], wait: Duration) -> String {
    let mut sock = connect(s);
    sock.write_all(request).unwrap();
    sock.set_read_timeout(Some(wait)).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match sock.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

fn connect(s: &Server) -> TcpStream {
    TcpStream::connect(s.base.strip_prefix("http://").unwrap()).unwrap()
}

/// Whether the server has closed `sock`, looking for up to `wait`.
fn closed_within(sock: &mut TcpStream, wait: Duration) -> bool {
    let until = Instant::now() + wait;
    let mut buf = [0u8; 1024];
    while Instant::now() < until {
        sock.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        match sock.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn private_files_and_symlinks_out_of_the_static_folder_are_never_served() {
    let dir = scratch("static-private");
    let site = dir.join("site");
    std::fs::create_dir_all(site.join(".git")).unwrap();
    std::fs::create_dir_all(site.join("sub")).unwrap();
    std::fs::write(site.join("index.html"), "<p>home</p>").unwrap();
    std::fs::write(site.join("sub/page.txt"), "public page").unwrap();
    std::fs::write(dir.join("secret.txt"), "outside the root").unwrap();
    for private in [
        ".env",
        ".git/config",
        "dunwell-audit.db",
        "dunwell-audit.db-wal",
        "dunwell-audit.db-shm",
        "dunwell-audit.db-journal",
        "sub/copy.sqlite3",
    ] {
        std::fs::write(site.join(private), "borrower names and phone numbers").unwrap();
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("secret.txt"), site.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(&dir, site.join("up")).unwrap();
        std::os::unix::fs::symlink(site.join("dunwell-audit.db"), site.join("alias.txt")).unwrap();
        std::os::unix::fs::symlink(site.join(".git"), site.join("git")).unwrap();
        std::os::unix::fs::symlink(site.join("sub/page.txt"), site.join("inside.txt")).unwrap();
    }
    // With a token too: static files are filtered, not protected by it (browsers cannot send it for a page).
    let s = start(
        &dir,
        &["--no-audit", "--token", "t", "--static", site.to_str().unwrap()],
    );
    assert_eq!(get(&s, "/").0, 200);
    let (code, body) = get(&s, "/sub/page.txt");
    assert_eq!((code, body.as_str()), (200, "public page"));
    #[cfg(unix)]
    assert_eq!(get(&s, "/inside.txt"), (200, "public page".to_string()));
    for path in [
        "/.env",
        "/.git/config",
        "/dunwell-audit.db",
        "/dunwell-audit.db-wal",
        "/dunwell-audit.db-shm",
        "/dunwell-audit.db-journal",
        "/DUNWELL-AUDIT.DB",
        "/sub/copy.sqlite3",
        "/%2eenv",
        "/%2Egit/config",
        "/sub/%2e%2e/.env",
        "/%2e%2e/secret.txt",
        "/sub/..%2f..%2fsecret.txt",
        "/leak.txt",
        "/up/secret.txt",
        "/alias.txt",
        "/git/config",
    ] {
        let (code, body) = get(&s, path);
        assert_eq!(code, 404, "{path} was served: {body}");
        assert!(
            !body.contains("borrower") && !body.contains("outside"),
            "{path}: {body}"
        );
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["error"]["code"], "http.not_found", "{path}");
    }
    // `..` left raw in the request line (a client that does not normalise) is refused the same way.
    let answer = raw(
        &s,
        b"GET /sub/../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        Duration::from_secs(3),
    );
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
}

#[test]
fn content_length_over_the_limit_is_refused_before_the_body() {
    let dir = scratch("early-413");
    let s = start(&dir, &["--no-audit", "--max-body-bytes", "20000"]);
    // No body follows the head: the answer must come from the header alone.
    let started = Instant::now();
    let answer = raw(
        &s,
        b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"http.too_large\""), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    // Just over the limit is refused too; at the limit the body is read (and judged by the module).
    let answer = raw(
        &s,
        b"POST /v1/reply HTTP/1.1\r\nHost: x\r\nContent-Length: 20001\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[test]
fn slow_headers_are_cut_and_idle_keep_alive_closes_later() {
    let dir = scratch("timeouts");
    let s = start(
        &dir,
        &["--no-audit", "--header-timeout-ms", "500", "--idle-timeout-ms", "2000"],
    );
    // Slowloris: a byte of header every 100 ms, never the end of the head.
    let mut slow = connect(&s);
    let opened = Instant::now();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nX-Slow: ").unwrap();
    let mut cut = false;
    while opened.elapsed() < Duration::from_secs(4) {
        if slow.write_all(b"a").is_err() || closed_within(&mut slow, Duration::from_millis(100)) {
            cut = true;
            break;
        }
    }
    let held = opened.elapsed();
    assert!(cut, "a slowloris connection was held {held:?}");
    assert!(
        held >= Duration::from_millis(400) && held < Duration::from_millis(2500),
        "cut after {held:?} with a 500 ms header timeout"
    );

    // A kept-alive connection is not cut at the header timeout between requests, only at the idle timeout.
    let mut ka = connect(&s);
    let request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut buf = [0u8; 4096];
    for _ in 0..2 {
        ka.write_all(request).unwrap();
        ka.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        let n = ka.read(&mut buf).unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
        std::thread::sleep(Duration::from_millis(900));
    }
    let idle_from = Instant::now() - Duration::from_millis(900);
    assert!(
        closed_within(&mut ka, Duration::from_secs(4)),
        "an idle kept-alive connection stayed open"
    );
    let idle = idle_from.elapsed();
    assert!(
        idle >= Duration::from_millis(1800),
        "closed after {idle:?} idle, before the 2 s idle timeout"
    );
}

#[test]
fn at_the_connection_cap_idle_sockets_make_room_and_busy_ones_get_a_fast_503() {
    let dir = scratch("cap");
    let s = start(&dir, &["--no-audit", "--max-connections", "4"]);
    // Four sockets that never send a request fill the cap; /healthz is still answered at once, because the
    // oldest idle socket is closed to make room.
    let mut idle: Vec<TcpStream> = (0..4).map(|_| connect(&s)).collect();
    std::thread::sleep(Duration::from_millis(200));
    for _ in 0..3 {
        let started = Instant::now();
        assert_eq!(get(&s, "/healthz").0, 200);
        assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    }
    assert!(
        closed_within(&mut idle[0], Duration::from_secs(1)),
        "the oldest idle socket was kept"
    );
    assert!(
        !closed_within(&mut idle[3], Duration::from_millis(200)),
        "the newest idle socket was closed"
    );
    drop(idle);

    // Four requests in flight (each waiting for a body that does not come) cannot be evicted: a fifth
    // connection gets a 503 envelope at once instead of waiting.
    std::thread::sleep(Duration::from_millis(200));
    let busy: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut c = connect(&s);
            c.write_all(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{")
                .unwrap();
            c
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let answer = raw(&s, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", Duration::from_secs(3));
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("\"http.overloaded\""), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    drop(busy);
}

#[test]
fn a_batch_over_the_cap_is_refused_and_one_past_the_deadline_times_out() {
    let dir = scratch("batch-limits");
    let s = start(&dir, &["--no-audit", "--max-batch", "3"]);
    let accounts: Vec<Value> = (0..4).map(|i| account(&format!("B-{i}"))).collect();
    let (code, e) = post(
        &s,
        "/v1/decide",
        &json!({"accounts": accounts, "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 413, "{e}");
    assert_eq!(e["error"]["code"], "http.batch_too_large");
    assert_eq!(e["error"]["path"], "/accounts");
    assert!(e["error"]["message"].as_str().unwrap().contains("4 accounts"), "{e}");
    let (code, b) = post(
        &s,
        "/v1/decide",
        &json!({"accounts": &accounts[..3], "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 200, "{b}");
    assert_eq!(b["results"].as_array().unwrap().len(), 3);
    // A million tiny entries is refused as quickly, without deciding any.
    let tiny = format!("{{\"as_of\":\"{AS_OF}\",\"accounts\":[{}{{}}]}}", "{},".repeat(999_999));
    let started = Instant::now();
    let (code, e) = post(&s, "/v1/decide", &tiny, None);
    assert_eq!(code, 413, "{e}");
    assert_eq!(e["error"]["code"], "http.batch_too_large");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    drop(s);

    // The deadline covers the whole batch, not each account: 3,000 decisions take seconds, the request 300 ms.
    let dir = scratch("batch-deadline");
    let s = start(
        &dir,
        &[
            "--no-audit",
            "--workers",
            "1",
            "--timeout-ms",
            "300",
            "--max-batch",
            "5000",
            "--max-body-bytes",
            "10000000",
        ],
    );
    let accounts: Vec<Value> = (0..3000).map(|i| account(&format!("D-{i}"))).collect();
    let started = Instant::now();
    let (code, e) = post(
        &s,
        "/v1/decide",
        &json!({"accounts": accounts, "as_of": AS_OF}).to_string(),
        None,
    );
    let took = started.elapsed();
    assert_eq!(code, 503, "{e}");
    assert_eq!(e["error"]["code"], "host.timeout");
    assert!(
        took < Duration::from_millis(2000),
        "the batch ran {took:?} with a 300 ms deadline"
    );
    // The only session of the pool came back after the cut-short call: the next request is decided.
    let (code, d) = post(
        &s,
        "/v1/decide",
        &json!({"account": account("D-after"), "as_of": AS_OF}).to_string(),
        None,
    );
    assert_eq!(code, 200, "{d}");
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
