//! decide() per account: native core vs the same code as wasm in wasmtime, in one run; plus start-up costs.
//! Run with scripts/bench.sh (which adds Node and the module size) or `cargo bench -p dunwell-host`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use dunwell_host::{Limits, Runtime, default_module_path};
use std::hint::black_box;

const AS_OF: &str = "2026-11-28T09:00:00Z";

fn accounts() -> Vec<String> {
    let t = chrono::DateTime::parse_from_rfc3339(AS_OF)
        .unwrap()
        .with_timezone(&chrono::Utc);
    dunwell_host::sample::portfolio(256, 42, t)
        .iter()
        .map(|a| a.to_string())
        .collect()
}

fn policy() -> String {
    std::fs::read_to_string(dunwell_testkit_root().join("policies/default.json")).unwrap()
}

fn dunwell_testkit_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn bench_decide(c: &mut Criterion) {
    let accounts = accounts();
    let calls: Vec<String> = accounts
        .iter()
        .map(|a| format!(r#"{{"as_of":"{AS_OF}","account":{a}}}"#))
        .collect();
    let batch = format!("{{\"as_of\":\"{AS_OF}\"}}\n{}", accounts.join("\n"));
    let n = calls.len();

    let engine = dunwell::Engine::new(&policy(), None).unwrap();
    let rt = Runtime::load(&default_module_path(), Limits::default()).unwrap();
    let mut session = rt.session(&policy()).unwrap();

    let mut g = c.benchmark_group("decide_per_account");
    let mut i = 0;
    g.bench_function("native", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            black_box(dunwell::api::decide(&engine, &calls[i]))
        })
    });
    g.bench_function("wasmtime_call", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            black_box(session.call("decide", &calls[i]))
        })
    });
    // Per account, amortised over a 256-account decide_batch call (divide the reported time by 256).
    g.bench_function("native_batch256", |b| {
        b.iter(|| black_box(dunwell::api::decide_batch(&engine, &batch)))
    });
    g.bench_function("wasmtime_batch256", |b| {
        b.iter(|| black_box(session.call("decide_batch", &batch)))
    });
    g.finish();
}

fn bench_render(c: &mut Criterion) {
    let engine = dunwell::Engine::new(&policy(), None).unwrap();
    let rt = Runtime::load(&default_module_path(), Limits::default()).unwrap();
    let mut session = rt.session(&policy()).unwrap();
    // The firm US SMS of tests/vectors/render/en_us_sms_firm_compliant.json: decide + context + render + lint.
    let vector: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dunwell_testkit_root().join("tests/vectors/render/en_us_sms_firm_compliant.json"))
            .unwrap(),
    )
    .unwrap();
    let call = vector["input"].to_string();
    let mut g = c.benchmark_group("render_per_message");
    g.bench_function("native", |b| b.iter(|| black_box(dunwell::api::render(&engine, &call))));
    g.bench_function("wasmtime", |b| b.iter(|| black_box(session.call("render", &call))));
    g.finish();
}

fn bench_start(c: &mut Criterion) {
    let bytes = std::fs::read(default_module_path()).unwrap();
    let cwasm = Runtime::precompile(&bytes, Limits::default()).unwrap();
    let rt = Runtime::load(&default_module_path(), Limits::default()).unwrap();
    let policy = policy();
    let mut g = c.benchmark_group("start");
    g.sample_size(10);
    g.bench_function("compile_module", |b| {
        b.iter(|| black_box(Runtime::from_bytes(&bytes, Limits::default()).unwrap()))
    });
    g.bench_function("load_precompiled_cwasm", |b| {
        // SAFETY: produced by Runtime::precompile above, same build and configuration.
        b.iter(|| black_box(unsafe { Runtime::from_precompiled(&cwasm, String::new(), Limits::default()) }.unwrap()))
    });
    g.sample_size(50);
    // Building an engine from the default policy in the native core (templates compile when first written).
    g.bench_function("engine_native", |b| {
        b.iter(|| black_box(dunwell::Engine::new(&policy, None).unwrap()))
    });
    g.bench_function("instantiate_with_engine", |b| {
        b.iter(|| black_box(rt.session(&policy).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench_decide, bench_render, bench_start);
criterion_main!(benches);
