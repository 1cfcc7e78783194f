//! Shared pieces of the fuzz targets: the engines, the op table, and the envelope check.
//!
//! A finding is a panic (overflow checks and debug assertions are on in the fuzz profile), an abort, a hang
//! (afl-fuzz's `-t`), or an output that is not a well-formed envelope: every answer must be
//! `{"ok": …, "warnings"?: […]}` or `{"error": {"code", "message", "path", "help"?, "problems"?}}`, an
//! `internal.*` error is a bug reported instead of a panic, and every integer in it must be one JavaScript
//! reads exactly (|n| ≤ 2^53 − 1: money is below 2^53 in JSON, and the JS runtimes parse the envelope). A failed
//! check panics with the output; the `afl` crate turns the panic into an abort that afl-fuzz records as a crash.
//!
//! Replaying a file with `DUNWELL_FUZZ_PRINT=1 target/fuzz/release/<target> < FILE` prints every output.

use dunwell::Engine;
use serde_json::Value;

/// The shipped policy.
pub const DEFAULT_POLICY: &str = include_str!("../../policies/default.json");
/// A second, smaller policy with other windows and channels (so policy-dependent branches are reached).
pub const NIGHT_OWL_POLICY: &str = include_str!("../../tests/policies/night_owl.json");
/// A policy with scored segments and learned channels.
pub const SCORED_POLICY: &str = include_str!("../../tests/policies/scored_segments.json");

/// Builds an engine through the host path (`engine_new`), or stops the fuzzer: the fixed policies must build.
pub fn engine(policy: &str) -> Engine {
    let (engine, envelope) = dunwell::api::engine_new(&wrap_policy(policy));
    match engine {
        Some(e) => e,
        None => panic!("the fuzz harness's policy does not build: {envelope}"),
    }
}

/// `{"policy": <text>}`, the input of `engine_new`.
pub fn wrap_policy(policy: &str) -> String {
    format!("{{\"policy\":{policy}}}")
}

/// The bytes as text the way a host that checks UTF-8 lossily would pass them.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Checks an op's output: one envelope, or for `decide_batch` one envelope per line. Panics on a malformed one.
pub fn check_output(op: &str, input: &str, output: &str) {
    if std::env::var_os("DUNWELL_FUZZ_PRINT").is_some() {
        eprintln!("{op}: {output}");
    }
    let result = if op == "decide_batch" {
        output
            .split('\n')
            .enumerate()
            .try_for_each(|(i, line)| check_envelope(line).map_err(|e| format!("line {i}: {e}")))
    } else {
        check_envelope(output)
    };
    if let Err(e) = result {
        panic!("malformed envelope from `{op}`: {e}\ninput: {input}\noutput: {output}");
    }
}

/// Whether `text` is a well-formed envelope; the reason if not.
pub fn check_envelope(text: &str) -> Result<(), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    check_integers(&v, &mut String::new())?;
    let obj = v.as_object().ok_or("not an object")?;
    let ok = obj.contains_key("ok");
    let error = obj.get("error");
    match (ok, error) {
        (true, Some(_)) => return Err("both `ok` and `error`".into()),
        (false, None) => return Err("neither `ok` nor `error`".into()),
        _ => {}
    }
    for key in obj.keys() {
        if !matches!(key.as_str(), "ok" | "error" | "warnings") {
            return Err(format!("unexpected top-level key `{key}`"));
        }
    }
    if let Some(w) = obj.get("warnings") {
        let list = w.as_array().ok_or("`warnings` is not a list")?;
        for p in list {
            check_problem(p).map_err(|e| format!("warning: {e}"))?;
        }
    }
    if let Some(err) = error {
        let body = err.as_object().ok_or("`error` is not an object")?;
        check_problem(err)?;
        for key in body.keys() {
            if !matches!(key.as_str(), "code" | "message" | "path" | "help" | "problems") {
                return Err(format!("unexpected key `{key}` in `error`"));
            }
        }
        if let Some(h) = body.get("help") {
            h.as_str().ok_or("`help` is not a string")?;
        }
        if let Some(ps) = body.get("problems") {
            for p in ps.as_array().ok_or("`problems` is not a list")? {
                check_problem(p).map_err(|e| format!("problem: {e}"))?;
            }
        }
    }
    Ok(())
}

/// The largest integer JavaScript represents exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: u64 = (1 << 53) - 1;

/// Every integer within ±[`MAX_SAFE`]; the JSON Pointer of the first one that is not.
fn check_integers(v: &Value, path: &mut String) -> Result<(), String> {
    match v {
        Value::Number(n) => {
            let unsafe_int = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u > MAX_SAFE,
                (None, Some(i)) => i.unsigned_abs() > MAX_SAFE,
                (None, None) => false,
            };
            if unsafe_int {
                return Err(format!(
                    "integer {n} at {path} is beyond 2^53 - 1 (JavaScript would round it)"
                ));
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                check_integers(x, path)?;
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let len = path.len();
                path.push('/');
                path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                check_integers(x, path)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// `{"code": "scope.kind", "message": "…", "path": "" | "/…"}`; `internal.*` is a bug.
fn check_problem(p: &Value) -> Result<(), String> {
    let code = p.get("code").and_then(Value::as_str).ok_or("no string `code`")?;
    let message = p.get("message").and_then(Value::as_str).ok_or("no string `message`")?;
    let path = p.get("path").and_then(Value::as_str).ok_or("no string `path`")?;
    let Some((scope, kind)) = code.split_once('.') else {
        return Err(format!("code `{code}` is not `scope.kind`"));
    };
    if scope.is_empty() || kind.is_empty() {
        return Err(format!("code `{code}` is not `scope.kind`"));
    }
    if scope == "internal" {
        return Err(format!("internal error `{code}`: {message}"));
    }
    if message.is_empty() {
        return Err(format!("`{code}` has an empty message"));
    }
    if !path.is_empty() && !path.starts_with('/') {
        return Err(format!("path `{path}` is not a JSON Pointer"));
    }
    Ok(())
}

/// Accounts taken from the vectors (`input.account` of these files), for targets that build their own calls.
pub fn accounts() -> Vec<Value> {
    [
        include_str!("../../tests/vectors/reply/en_promise_amount_and_next_friday.json"),
        include_str!("../../tests/vectors/reply/mixed_language_promise.json"),
        include_str!("../../tests/vectors/reply/en_hardship_and_promise.json"),
        include_str!("../../tests/vectors/errors/amount_above_2_53.json"),
    ]
    .iter()
    .filter_map(|t| serde_json::from_str::<Value>(t).ok())
    .filter_map(|v| v.get("input").and_then(|i| i.get("account")).cloned())
    .collect()
}

/// Instants around the edges: the vectors' day, DST changes, month, year and leap-day ends, and the far ends of
/// what a date can hold.
pub const AS_OF: &[&str] = &[
    "2026-11-28T15:00:00Z",
    "2026-11-28T09:00:00Z",
    "2026-12-31T23:59:59Z",
    "2026-12-31T16:00:00Z",
    "2027-01-01T00:00:00+14:00",
    "2028-02-29T12:00:00Z",
    "2026-03-08T10:30:00Z",
    "2026-03-29T01:30:00Z",
    "2026-11-01T06:30:00Z",
    "2026-10-25T00:30:00Z",
    "1970-01-01T00:00:00Z",
    "1900-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "2262-04-11T23:47:16Z",
    "9999-12-31T23:59:59Z",
    "2038-01-19T03:14:08Z",
];

/// The first byte that switches a target to its structure-aware mode: a seed document with leaves replaced.
pub const PATCH_MODE: u8 = 0xFF;

/// The seed files of a target (`fuzz/seeds/<target>/`), read before the fork server starts, sorted by name.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).collect()
}

/// Values a scalar leaf can become: the edges of every integer type the core reads, dates and times at the
/// ends of the calendar, and a few strings that mean something to the parsers.
fn replacement(v: u8) -> Value {
    const NUMBERS: &[&str] = &[
        "0",
        "-1",
        "1",
        "99999999",
        "-99999999",
        "100000000",
        "2147483647",
        "2147483648",
        "4294967295",
        "4294967296",
        "9007199254740991",
        "9007199254740992",
        "9223372036854775807",
        "-9223372036854775808",
        "18446744073709551615",
        "36500",
        "366",
        "65535",
        "1e308",
        "-1e308",
        "0.5",
        "1e-300",
    ];
    const STRINGS: &[&str] = &[
        "",
        "9999-12-31",
        "0001-01-01",
        "2028-02-29",
        "2026-02-29",
        "262143-12-31",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        "2026-03-08T02:30:00-05:00",
        "24:00",
        "23:59",
        "00:00",
        "Etc/GMT+12",
        "Pacific/Kiritimati",
        "{{ 1/0 }}",
        "{% for i in range(999999) %}x{% endfor %}",
    ];
    let i = usize::from(v) % (NUMBERS.len() + STRINGS.len() + 4);
    if i < NUMBERS.len() {
        serde_json::from_str(NUMBERS[i]).unwrap_or(Value::Null)
    } else if i - NUMBERS.len() < STRINGS.len() {
        Value::String(STRINGS[i - NUMBERS.len()].to_string())
    } else {
        match i % 4 {
            0 => Value::Null,
            1 => Value::Bool(true),
            2 => Value::Array(Vec::new()),
            _ => Value::Object(serde_json::Map::new()),
        }
    }
}

/// Lengths an array can be given by repeating its last element (1,025 amounts of 2^53 - 1 overflow an i64).
const LENGTHS: &[usize] = &[0, 1, 2, 3, 7, 31, 100, 1025];

/// Applies `(index_hi, index_lo, value)` triples to `doc`: the indexed node (in a depth-first walk) becomes
/// [`replacement`]`(value)` if it is a scalar, or is resized to `LENGTHS[value % 8]` by repeating its last element
/// if it is an array. Objects are walked, not replaced, so the document keeps its shape.
pub fn patch(doc: &mut Value, triples: &[u8]) {
    for t in triples.chunks_exact(3) {
        let count = nodes(doc);
        if count == 0 {
            return;
        }
        let index = usize::from(u16::from_be_bytes([t[0], t[1]])) % count;
        let mut seen = 0;
        apply(doc, index, t[2], &mut seen);
    }
}

fn nodes(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.values().map(nodes).sum(),
        Value::Array(a) => 1 + a.iter().map(nodes).sum::<usize>(),
        _ => 1,
    }
}

/// Depth-first to the `index`th node; true once applied.
fn apply(v: &mut Value, index: usize, value: u8, seen: &mut usize) -> bool {
    match v {
        Value::Object(m) => m.values_mut().any(|x| apply(x, index, value, seen)),
        Value::Array(a) => {
            if *seen == index {
                let len = LENGTHS[usize::from(value) % LENGTHS.len()];
                match a.last().cloned() {
                    Some(last) => a.resize(len, last),
                    None => a.clear(),
                }
                return true;
            }
            *seen += 1;
            a.iter_mut().any(|x| apply(x, index, value, seen))
        }
        _ => {
            if *seen == index {
                *v = replacement(value);
                return true;
            }
            *seen += 1;
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_the_core_writes_pass() {
        assert_eq!(check_envelope(r#"{"ok":{"n":9007199254740991},"warnings":[]}"#), Ok(()));
        let e = r#"{"error":{"code":"account.out_of_range","message":"too big","path":"/account/x","problems":[]}}"#;
        assert_eq!(check_envelope(e), Ok(()));
        assert_eq!(
            check_envelope(r#"{"error":{"code":"json.syntax","message":"bad","path":""}}"#),
            Ok(())
        );
    }

    #[test]
    fn malformed_envelopes_are_findings() {
        for bad in [
            "",
            "not json",
            "[1]",
            r#"{"ok":1,"error":{}}"#,
            r#"{"warnings":[]}"#,
            r#"{"ok":1,"extra":2}"#,
            r#"{"error":{"code":"nodot","message":"m","path":""}}"#,
            r#"{"error":{"code":"a.b","message":"m","path":"no/slash"}}"#,
            r#"{"error":{"code":"a.b","message":"","path":""}}"#,
            r#"{"error":{"code":"a.b","message":"m","path":"","what":1}}"#,
            r#"{"error":{"code":"internal.bug","message":"cannot serialise","path":""}}"#,
            r#"{"ok":{"total":9007199254740992}}"#,
            r#"{"ok":[{"a":-9007199254740992}]}"#,
        ] {
            assert!(check_envelope(bad).is_err(), "{bad} passed");
        }
        let err = check_envelope(r#"{"ok":{"a/b":[0,18014398509481982]}}"#)
            .err()
            .unwrap_or_default();
        assert!(err.contains("/ok/a~1b/1"), "{err}");
    }

    #[test]
    fn patch_replaces_the_indexed_leaf_and_resizes_arrays() {
        let mut doc: Value = serde_json::from_str(r#"{"a":1,"b":[{"c":2}]}"#).unwrap_or_default();
        // Nodes depth-first, keys sorted: 0 = /a, 1 = /b (the array), 2 = /b/0/c. Value 3 = 99999999.
        patch(&mut doc, &[0, 2, 3]);
        assert_eq!(doc["b"][0]["c"], 99_999_999);
        patch(&mut doc, &[0, 1, 7]);
        assert_eq!(doc["b"].as_array().map(Vec::len), Some(1025));
        patch(&mut doc, &[0, 0, 10]);
        assert_eq!(doc["a"], 9_007_199_254_740_991_u64);
    }

    #[test]
    fn batch_output_is_checked_line_by_line() {
        let good = "{\"ok\":1}\n{\"error\":{\"code\":\"a.b\",\"message\":\"m\",\"path\":\"\"}}";
        check_output("decide_batch", "", good);
        let bad = std::panic::catch_unwind(|| check_output("decide_batch", "", "{\"ok\":1}\nnot json"));
        assert!(bad.is_err());
    }
}
