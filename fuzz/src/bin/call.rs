//! Fuzz target `call`: `api::call` on every op. The first byte picks the op (`byte % OPS.len()`) and, with
//! its top bit, the engine (the shipped policy or one with scored segments); the rest is the op's input text.
//! A first byte of [`PATCH_MODE`] instead takes a seed input (bytes 1–2 pick it) and replaces its leaves as the
//! remaining byte triples say (see [`dunwell_fuzz::patch`]): edge values deep in a well-formed account.

use dunwell::api::{OPS, call};
use dunwell_fuzz::{DEFAULT_POLICY, PATCH_MODE, SCORED_POLICY, check_output, engine, patch, seeds, text};
use serde_json::Value;

/// Templates a `lint` input may name: each one is written for every channel, tone, locale and jurisdiction
/// (about 0.25 s here), so a longer list is slow without being wrong.
const MAX_LINT_TEMPLATES: usize = 2;

fn main() {
    let engines = [engine(DEFAULT_POLICY), engine(SCORED_POLICY)];
    // Read-only after this point; a panic aborts the process, so no half-updated state is ever observed.
    let engines = std::panic::AssertUnwindSafe(engines);
    // Seeds whose input is one JSON document, for the structure-aware mode.
    let bases: Vec<(u8, Value)> = seeds("call")
        .iter()
        .filter_map(|s| {
            let (&selector, rest) = s.split_first()?;
            let doc = serde_json::from_slice(rest).ok()?;
            (selector != PATCH_MODE).then_some((selector, doc))
        })
        .collect();
    afl::fuzz!(|data: &[u8]| {
        let Some((&selector, rest)) = data.split_first() else {
            return;
        };
        let (selector, input) = if selector == PATCH_MODE {
            let [hi, lo, triples @ ..] = rest else {
                return;
            };
            let Some((selector, base)) = pick(&bases, *hi, *lo) else {
                return;
            };
            let mut doc = base.clone();
            patch(&mut doc, triples);
            (*selector, doc.to_string().into())
        } else {
            (selector, text(rest))
        };
        let op = OPS[usize::from(selector) % OPS.len()].name;
        let engine = &engines[usize::from(selector >> 7)];
        if op == "lint" && !lint_is_short(&input) {
            return;
        }
        let output = call(engine, op, &input);
        check_output(op, &input, &output);
    });
}

fn pick<T>(items: &[T], hi: u8, lo: u8) -> Option<&T> {
    items.get(usize::from(u16::from_be_bytes([hi, lo])) % items.len().max(1))
}

/// Whether a `lint` call names at most [`MAX_LINT_TEMPLATES`] templates or is not a call at all (an error,
/// quickly). An empty input or one without `templates` sweeps every template of the policy (seconds): the
/// `messages/` vectors cover that sweep, the fuzzer skips it.
fn lint_is_short(input: &str) -> bool {
    if input.trim().is_empty() {
        return false;
    }
    match serde_json::from_str::<Value>(input) {
        Err(_) => true,
        Ok(Value::Object(call)) => match call.get("templates") {
            Some(Value::Array(ids)) => ids.len() <= MAX_LINT_TEMPLATES,
            Some(Value::Null) | None => false,
            Some(_) => true,
        },
        Ok(_) => true,
    }
}
