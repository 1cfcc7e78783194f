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
    let n = text.split_whitespace().nth(1).and_then(|x| x.parse().ok());
    let differ = text
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
