//! Replays the shared vectors natively (the reference the other runtimes must match byte for byte).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers fail loudly

use std::collections::HashMap;

#[test]
fn vectors_native() {
    let module = dunwell_testkit::module_sha256();
    let mut engines: HashMap<String, Result<dunwell::Engine, String>> = HashMap::new();
    let n = dunwell_testkit::replay("native", |policy, op, input| {
        if op == "validate_policy" {
            return dunwell::api::validate_policy(input);
        }
        let engine = engines.entry(policy.to_string()).or_insert_with(|| {
            let call = format!(
                "{{\"policy\":{policy},\"module_sha256\":{}}}",
                serde_json::to_string(&module).unwrap_or_default()
            );
            match dunwell::api::engine_new(&call) {
                (Some(e), _) => Ok(e),
                (None, envelope) => Err(envelope),
            }
        });
        match engine {
            Ok(e) => dunwell::api::call(e, op, input),
            Err(envelope) => envelope.clone(),
        }
    });
    eprintln!("{n} vectors replayed natively");
}
