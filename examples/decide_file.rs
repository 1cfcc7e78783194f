//! Decides every account of a JSONL file with the default policy, `rounds` times: a profiling harness
//! (`valgrind --tool=callgrind target/release/examples/decide_file FILE [ROUNDS]`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: decide_file FILE [ROUNDS]");
    let rounds: usize = args.next().map_or(1, |r| r.parse().unwrap());
    let policy = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/policies/default.json")).unwrap();
    let engine = dunwell::Engine::new(&policy, None).unwrap();
    let accounts = std::fs::read_to_string(file).unwrap();
    let batch = format!("{{\"as_of\":\"2026-11-28T09:00:00Z\"}}\n{accounts}");
    let mut bytes = 0;
    for _ in 0..rounds {
        bytes += dunwell::api::decide_batch(&engine, &batch).len();
    }
    println!("{bytes} bytes of decisions");
}
