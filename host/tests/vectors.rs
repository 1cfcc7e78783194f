//! Replays the shared vectors through the wasmtime host and the module's C ABI.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers fail loudly

use dunwell_host::{Limits, Runtime, Session, SessionError, default_module_path};
use std::collections::HashMap;

#[test]
fn vectors_wasmtime() {
    let rt = Runtime::load(&default_module_path(), Limits::default())
        .unwrap_or_else(|e| panic!("build the module first (scripts/build-wasm.sh): {e:#}"));
    assert_eq!(
        Some(rt.module_sha256().to_string()),
        dunwell_testkit::module_sha256(),
        "pkg/dist/SHA256 is stale"
    );
    let mut sessions: HashMap<String, Result<Session, String>> = HashMap::new();
    let n = dunwell_testkit::replay("wasmtime", |policy, op, input| {
        if op == "validate_policy" {
            return rt.validate_policy(input).unwrap_or_else(|e| panic!("{e:#}"));
        }
        let session = sessions
            .entry(policy.to_string())
            .or_insert_with(|| match rt.session(policy) {
                Ok(s) => Ok(s),
                Err(SessionError::Policy(envelope)) => Err(envelope),
                Err(e) => panic!("{e}"),
            });
        match session {
            Ok(s) => s.call(op, input),
            Err(envelope) => envelope.clone(),
        }
    });
    eprintln!("{n} vectors replayed in wasmtime");
}
