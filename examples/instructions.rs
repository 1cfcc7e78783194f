//! Decides every account of a JSON-lines file once with the native core, for instruction counts that hold
//! still on a shared machine: `scripts/instructions.sh` runs this under `valgrind --tool=callgrind` and
//! divides by the number of decisions (and messages). Prints how many decisions, actions and messages it
//! made, so the counts can be divided.
//!
//! `cargo run --release --example instructions -- POLICY.json ACCOUNTS.jsonl AS_OF [words|plan]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [policy, accounts, as_of, rest @ ..] = args.as_slice() else {
        panic!("usage: instructions POLICY.json ACCOUNTS.jsonl AS_OF [words|plan]");
    };
    let messages = rest.first().is_none_or(|m| m != "plan");
    let policy = std::fs::read_to_string(policy).expect("the policy file");
    let accounts = std::fs::read_to_string(accounts).expect("the accounts file");
    let engine = dunwell::Engine::new(&policy, None).expect("a valid policy");
    let (mut decisions, mut errors, mut messages_written) = (0usize, 0usize, 0usize);
    for line in accounts.lines().filter(|l| !l.trim().is_empty()) {
        let call = format!(r#"{{"as_of":"{as_of}","messages":{messages},"account":{line}}}"#);
        let out = dunwell::api::decide(&engine, &call);
        if out.starts_with(r#"{"ok":"#) {
            decisions += 1;
            messages_written += out.matches(r#""message":{"#).count();
        } else {
            errors += 1;
        }
    }
    println!("decisions {decisions} errors {errors} messages {messages_written}");
}
