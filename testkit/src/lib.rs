//! The shared vector corpus, replayed by every runtime.
//!
//! A vector is `tests/vectors/<area>/<case>.json`:
//! `{"description", "policy": "default" | "<name in tests/policies>" | {inline}, "op", "input", "expect"}`.
//! `input` that is a JSON string is passed verbatim (for malformed or duplicate-key text); otherwise it is
//! serialised. `expect` is the envelope: `ok` values are compared exactly except `engine` (stamped per
//! build, checked by its own tests); errors are compared whole — code, path, message, help — so a
//! rewording is reviewed like any other change. The words of planned actions (`actions[].message`) are pinned only by vectors under
//! `tests/vectors/messages/`, so a wording change does not churn every scheduling vector; the parity gate
//! still compares every message byte for byte across runtimes. Each runtime writes `target/parity/<runtime>.txt` (`<vector>\t<raw output>` per line), and
//! `scripts/parity.sh` requires those files to be byte-identical.
//!
//! `DUNWELL_BLESS=1 cargo test --test vectors` rewrites `expect` from the native output: review the diff.
#![allow(clippy::panic)] // a test harness: a broken corpus should stop the run loudly

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// One vector file.
pub struct Vector {
    /// Path relative to `tests/vectors`.
    pub name: String,
    /// Absolute path.
    pub file: PathBuf,
    /// The parsed file.
    pub doc: Value,
    /// The policy text.
    pub policy: String,
    /// The operation.
    pub op: String,
    /// The input text.
    pub input: String,
}

/// Every vector, sorted by name.
pub fn vectors() -> Vec<Vector> {
    let base = root().join("tests/vectors");
    let mut files = Vec::new();
    walk(&base, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let name = file
                .strip_prefix(&base)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            let policy = policy_text(&doc["policy"]);
            let op = doc["op"].as_str().unwrap_or("decide").to_string();
            let input = match &doc["input"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Vector {
                name,
                file,
                doc,
                policy,
                op,
                input,
            }
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// The policy a vector names, as text.
pub fn policy_text(v: &Value) -> String {
    match v {
        Value::Null => read(&root().join("policies/default.json")),
        Value::String(s) if s == "default" => read(&root().join("policies/default.json")),
        Value::String(s) => read(&root().join("tests/policies").join(format!("{s}.json"))),
        other => other.to_string(),
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The module hash the JS runtimes and the host will report (from `pkg/dist/SHA256`), if built.
pub fn module_sha256() -> Option<String> {
    std::fs::read_to_string(root().join("pkg/dist/SHA256"))
        .ok()
        .map(|s| s.trim().to_string())
}

/// Compares an output envelope (or, for batch ops, newline-separated envelopes) with `expect`.
/// Returns a description of the first difference.
pub fn compare(output: &str, expect: &Value, messages: bool) -> Result<(), String> {
    match expect {
        Value::Array(items) => {
            let lines: Vec<&str> = output.split('\n').collect();
            if lines.len() != items.len() {
                return Err(format!("{} output lines, expected {}", lines.len(), items.len()));
            }
            for (i, (line, want)) in lines.iter().zip(items).enumerate() {
                compare(line, want, messages).map_err(|e| format!("line {i}: {e}"))?;
            }
            Ok(())
        }
        _ => {
            let got: Value = serde_json::from_str(output).map_err(|e| format!("output is not JSON ({e}): {output}"))?;
            let got = normalise(got, messages);
            let want = normalise(expect.clone(), messages);
            if got == want {
                Ok(())
            } else {
                Err(format!("\n   got: {got}\nexpect: {want}"))
            }
        }
    }
}

/// Drops what varies by build (`engine`), and the words of planned actions unless `messages`. Error
/// messages, problems, warnings and `help` are kept: they name the field and say why, which users rely on,
/// so a rewording shows up as a diff to review.
fn normalise(mut v: Value, messages: bool) -> Value {
    if let Some(ok) = v.get_mut("ok").and_then(Value::as_object_mut) {
        ok.remove("engine");
        if !messages && let Some(actions) = ok.get_mut("actions").and_then(Value::as_array_mut) {
            for a in actions.iter_mut().filter_map(Value::as_object_mut) {
                a.remove("message");
            }
        }
    }
    v
}

/// Whether a vector pins the words of planned actions.
pub fn pins_messages(name: &str) -> bool {
    // Compliance vectors are about what the words say on their send day.
    name.starts_with("messages/") || name.starts_with("compliance/")
}

/// What `expect` should be for an output (used when blessing).
fn expectation(op: &str, output: &str, messages: bool) -> Value {
    let one = |s: &str| normalise(serde_json::from_str(s).unwrap_or(Value::Null), messages);
    if op == "decide_batch" {
        Value::Array(output.split('\n').map(one).collect())
    } else {
        one(output)
    }
}

/// Replays every vector through `run(policy, op, input) -> output`, writes the parity file for `runtime`,
/// and panics listing every vector whose output differs from its expectation.
pub fn replay(runtime: &str, mut run: impl FnMut(&str, &str, &str) -> String) -> usize {
    let bless = runtime == "native" && std::env::var_os("DUNWELL_BLESS").is_some();
    let all = vectors();
    assert!(!all.is_empty(), "no vectors under tests/vectors");
    let mut parity = String::new();
    let mut failures = Vec::new();
    for v in &all {
        let output = run(&v.policy, &v.op, &v.input);
        assert!(!output.contains('\t'), "{}: output contains a tab", v.name);
        parity.push_str(&v.name);
        parity.push('\t');
        parity.push_str(&output.replace('\n', "\\n"));
        parity.push('\n');
        if bless {
            let mut doc = v.doc.clone();
            doc["expect"] = expectation(&v.op, &output, pins_messages(&v.name));
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
            std::fs::write(&v.file, text).unwrap_or_else(|e| panic!("{}: {e}", v.file.display()));
        } else if let Err(diff) = compare(&output, &v.doc["expect"], pins_messages(&v.name)) {
            failures.push(format!("{}: {diff}", v.name));
        }
    }
    let dir = root().join("target/parity");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    std::fs::write(dir.join(format!("{runtime}.txt")), parity).unwrap_or_else(|e| panic!("parity file: {e}"));
    assert!(
        failures.is_empty(),
        "{} of {} vectors differ in {runtime}:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
    all.len()
}
