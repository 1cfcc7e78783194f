//! Fuzz target `policy`: the policy parser and validator. The input is a policy document; it goes through
//! `engine_new` (the host path, `{"policy": …}`). A policy it rejects must be rejected by `validate_policy` too
//! (a policy it accepts builds the same engine, so validating it again would only halve the speed). A policy
//! that builds then decides sample accounts at a few instants and reads a reply, since many policy values (day
//! counts, windows, ladders, templates) are only exercised when an account is decided. A first byte of
//! [`PATCH_MODE`] instead takes a seed policy (byte 1 picks it) and replaces its leaves as the remaining byte
//! triples say (see [`dunwell_fuzz::patch`]): edge values in every field of a policy that otherwise validates.

use dunwell::api::{call, engine_new, validate_policy};
use dunwell_fuzz::{AS_OF, PATCH_MODE, accounts, check_output, patch, seeds, text, wrap_policy};
use serde_json::Value;
use serde_json::json;

fn main() {
    let accounts = accounts();
    let calls: Vec<String> = accounts
        .iter()
        .zip([0, 2, 5, 14])
        .map(|(a, t)| json!({"account": a, "as_of": AS_OF[t]}).to_string())
        .collect();
    let reply = accounts
        .first()
        .map(|a| json!({"account": a, "as_of": AS_OF[0], "text": "I'll pay $200 next friday"}).to_string())
        .unwrap_or_default();
    let bases: Vec<Value> = seeds("policy")
        .iter()
        .filter_map(|s| serde_json::from_slice(s).ok())
        .collect();
    afl::fuzz!(|data: &[u8]| {
        let policy = match data {
            [PATCH_MODE, which, triples @ ..] if !bases.is_empty() => {
                let mut doc = bases[usize::from(*which) % bases.len()].clone();
                patch(&mut doc, triples);
                doc.to_string().into()
            }
            _ => text(data),
        };
        let wrapped = wrap_policy(&policy);
        let (engine, envelope) = engine_new(&wrapped);
        check_output("engine_new", &wrapped, &envelope);
        let Some(engine) = engine else {
            let valid = validate_policy(&policy);
            check_output("validate_policy", &policy, &valid);
            if valid.starts_with("{\"ok\"") {
                panic!("validate_policy accepts a policy engine_new rejects\npolicy: {policy}\nengine_new: {envelope}");
            }
            return;
        };
        for input in &calls {
            check_output("decide", input, &call(&engine, "decide", input));
        }
        check_output("reply", &reply, &call(&engine, "reply", &reply));
    });
}
