//! Blind evaluation: replies written by someone who never saw the rules, kept out of training and tuning.
//! Ignored by default; run with `DUNWELL_BLIND=path/to/blind.jsonl cargo test --test reply_blind -- --ignored
//! --nocapture`. It prints AGGREGATE figures only (no row, text or label), so running it does not leak the
//! set into the rules: exact intent-set rate, per-intent precision/recall, revocations missed, refusals read
//! as promises, amount and date accuracy. `DUNWELL_SHOW_MISSES=1` also lists the rows read wrong: use it only on a
//! set that has been measured once and folded in, never on one still blind. `folded_sets_hold_their_floors` (run
//! always) replays every folded-in set against the floors in `tests/replies/floors.tsv`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use std::collections::BTreeMap;

fn account(locale: &str, zone: &str) -> Value {
    let (jurisdiction, currency) = match locale {
        "zh-CN" => ("CN", "CNY"),
        "en-GB" => ("GB", "GBP"),
        _ => ("US", "USD"),
    };
    json!({"id":"RB-1","jurisdiction":jurisdiction,"currency":currency,
           "balances":{"principal":1000000,"interest":20000,"fees":0},
           "instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-12-28","amount":100000}],
           "borrower":{"name":"Alex Doe","locale":locale,"time_zone":zone}})
}

#[derive(Default)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

#[test]
#[ignore = "needs DUNWELL_BLIND (a held-out set); prints aggregates only"]
fn blind_replies_aggregate_figures() {
    let Ok(path) = std::env::var("DUNWELL_BLIND") else {
        panic!("set DUNWELL_BLIND to the blind jsonl");
    };
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, env) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
    let engine = engine.unwrap_or_else(|| panic!("{env}"));
    let rows = std::fs::read_to_string(path).unwrap();
    // Per-row misses, for a set that has been measured once and folded in (never for a set still blind).
    let show_misses = std::env::var_os("DUNWELL_SHOW_MISSES").is_some();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut n, mut exact, mut errors, mut trapped) = (0u32, 0u32, 0u32, 0u32);
    std::panic::set_hook(Box::new(|_| {}));
    let (mut stop_want, mut stop_missed, mut refusal_promise) = (0u32, 0u32, 0u32);
    let (mut amount_ok, mut amount_n, mut date_ok, mut date_n) = (0u32, 0u32, 0u32, 0u32);
    let mut by_locale: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for line in rows.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let row: Value = serde_json::from_str(line).unwrap();
        let locale = row["locale"].as_str().unwrap_or("en-US");
        // Rows without `as_of` / `time_zone` (the repo's own dev set) use the corpus's day and the locale's zone.
        let default_zone = match locale {
            "zh-CN" => "Asia/Shanghai",
            "en-GB" => "Europe/London",
            _ => "America/New_York",
        };
        let zone = row["time_zone"].as_str().unwrap_or(default_zone);
        let as_of = row["as_of"].as_str().unwrap_or("2026-11-28T10:00:00Z");
        let call = json!({"account": account(locale, zone), "as_of": as_of, "text": row["text"]});
        // A panic here is a trap in the module (HTTP 500): counted, not fatal, so the figures still come out.
        let body = call.to_string();
        let answered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            dunwell::api::call(&engine, "reply", &body)
        }));
        let Ok(answered) = answered else {
            trapped += 1;
            continue_row(
                &row,
                &mut counts,
                &mut by_locale,
                &mut stop_want,
                &mut stop_missed,
                &mut amount_n,
                &mut date_n,
            );
            continue;
        };
        let out: Value = serde_json::from_str(&answered).unwrap();
        let ok = out.get("ok").cloned();
        if ok.is_none() {
            errors += 1;
        }
        let ok = ok.unwrap_or(Value::Null);
        let (got, want) = got_and_want(&ok, &row);
        if show_misses && got != want {
            println!(
                "miss {} [{locale}] want {want:?} got {got:?}: {}",
                row["id"], row["text"]
            );
        }
        let e = by_locale.entry(locale.to_string()).or_default();
        e.1 += 1;
        if got == want {
            exact += 1;
            e.0 += 1;
        }
        for w in &want {
            let c = counts.entry(w.clone()).or_default();
            if got.contains(w) {
                c.tp += 1;
            } else {
                c.fn_ += 1;
            }
        }
        for g in &got {
            if !want.contains(g) {
                counts.entry(g.clone()).or_default().fp += 1;
            }
        }
        if want.iter().any(|w| w == "stop_contact") {
            stop_want += 1;
            if !got.iter().any(|g| g == "stop_contact") {
                stop_missed += 1;
            }
        }
        if !want.iter().any(|w| w == "promise_to_pay") && got.iter().any(|g| g == "promise_to_pay") {
            refusal_promise += 1;
        }
        let promise = ok["effects"]
            .as_array()
            .and_then(|a| a.iter().find(|e| e["kind"] == "record_promise").cloned());
        if show_misses && got == want {
            let (pa, pd) = promise
                .as_ref()
                .map_or((None, None), |p| (p["amount"].as_i64(), p["due"].as_str()));
            if row["amount"].as_i64().is_some_and(|a| Some(a) != pa)
                || row["date"].as_str().is_some_and(|d| Some(d) != pd)
            {
                println!(
                    "miss-value {} want {} {} got {pa:?} {pd:?}: {}",
                    row["id"], row["amount"], row["date"], row["text"]
                );
            }
        }
        if let Some(want_amount) = row["amount"].as_i64() {
            amount_n += 1;
            if promise.as_ref().and_then(|p| p["amount"].as_i64()) == Some(want_amount)
                && promise.as_ref().and_then(|p| p["amount_assumed"].as_bool()) == Some(false)
            {
                amount_ok += 1;
            }
        }
        if let Some(want_date) = row["date"].as_str() {
            date_n += 1;
            if promise.as_ref().and_then(|p| p["due"].as_str()) == Some(want_date) {
                date_ok += 1;
            }
        }
    }
    let ratio = |a: u32, b: u32| f64::from(a) / f64::from(b.max(1));
    println!("blind: {n} replies, {errors} answered with an error, {trapped} panicked (a trap in wasm)");
    println!("  exact intent sets: {exact}/{n} ({:.3})", ratio(exact, n));
    for (l, (a, b)) in &by_locale {
        println!("    {l}: {a}/{b} ({:.3})", ratio(*a, *b));
    }
    println!("  stop_contact: {stop_missed} of {stop_want} revocations missed");
    println!("  promise_to_pay recorded where none was meant: {refusal_promise}");
    println!(
        "  promised amount right: {amount_ok}/{amount_n} ({:.3}); promised date right: {date_ok}/{date_n} ({:.3})",
        ratio(amount_ok, amount_n),
        ratio(date_ok, date_n)
    );
    println!("  intent precision / recall (support)");
    for (intent, c) in &counts {
        println!(
            "    {intent:<20} {:.3} / {:.3} ({})",
            ratio(c.tp, c.tp + c.fp),
            ratio(c.tp, c.tp + c.fn_),
            c.tp + c.fn_
        );
    }
}

/// The intents a reply's answer carries and the row's labelled ones, each sorted.
fn got_and_want(ok: &Value, row: &Value) -> (Vec<String>, Vec<String>) {
    let mut got: Vec<String> = ok["intents"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["intent"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut want: Vec<String> = row["intents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    dunwell::sort::sort(&mut got);
    dunwell::sort::sort(&mut want);
    (got, want)
}

/// Scores a row the reader could not answer: every wanted intent is missed.
fn continue_row(
    row: &Value,
    counts: &mut BTreeMap<String, Counts>,
    by_locale: &mut BTreeMap<String, (u32, u32)>,
    stop_want: &mut u32,
    stop_missed: &mut u32,
    amount_n: &mut u32,
    date_n: &mut u32,
) {
    let locale = row["locale"].as_str().unwrap_or("en-US");
    by_locale.entry(locale.to_string()).or_default().1 += 1;
    for w in row["intents"].as_array().unwrap() {
        let w = w.as_str().unwrap();
        counts.entry(w.to_string()).or_default().fn_ += 1;
        if w == "stop_contact" {
            *stop_want += 1;
            *stop_missed += 1;
        }
    }
    *amount_n += u32::from(row["amount"].is_i64());
    *date_n += u32::from(row["date"].is_string());
}

/// Every folded-in set (its rows were read and its misses fixed) holds the floor it reached: a change that loses a
/// row elsewhere, misses a revocation or reads a promise that was not made fails here, not in a later blind
/// reading. The floors are in `tests/replies/floors.tsv`.
#[test]
fn folded_sets_hold_their_floors() {
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, env) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
    let engine = engine.unwrap_or_else(|| panic!("{env}"));
    let floors = std::fs::read_to_string(root.join("tests/replies/floors.tsv")).unwrap();
    let mut failures = Vec::new();
    for line in floors.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [set, exact_min, stop_max, promise_max] = cols[..] else {
            panic!("floors.tsv: four columns expected in {line:?}");
        };
        let (exact_min, stop_max, promise_max): (f64, u32, u32) = (
            exact_min.parse().unwrap(),
            stop_max.parse().unwrap(),
            promise_max.parse().unwrap(),
        );
        let rows = std::fs::read_to_string(root.join(format!("tests/replies/{set}.jsonl"))).unwrap();
        let (mut n, mut exact, mut stop_missed, mut false_promise) = (0u32, 0u32, 0u32, 0u32);
        for row in rows.lines().filter(|l| !l.trim().is_empty()) {
            let row: Value = serde_json::from_str(row).unwrap();
            let locale = row["locale"].as_str().unwrap_or("en-US");
            let zone = row["time_zone"].as_str().unwrap_or(match locale {
                "zh-CN" => "Asia/Shanghai",
                "en-GB" => "Europe/London",
                _ => "America/New_York",
            });
            let as_of = row["as_of"].as_str().unwrap_or("2026-11-28T10:00:00Z");
            let call = json!({"account": account(locale, zone), "as_of": as_of, "text": row["text"]});
            let out: Value = serde_json::from_str(&dunwell::api::call(&engine, "reply", &call.to_string())).unwrap();
            let (got, want) = got_and_want(&out["ok"], &row);
            n += 1;
            exact += u32::from(got == want);
            let says = |v: &[String], i: &str| v.iter().any(|x| x == i);
            stop_missed += u32::from(says(&want, "stop_contact") && !says(&got, "stop_contact"));
            false_promise += u32::from(!says(&want, "promise_to_pay") && says(&got, "promise_to_pay"));
        }
        let rate = f64::from(exact) / f64::from(n.max(1));
        // The floor is printed to three places: a set at its floor may sit up to half a thousandth below it.
        if rate + 0.0005 < exact_min || stop_missed > stop_max || false_promise > promise_max {
            failures.push(format!(
                "{set}: exact {rate:.3} (floor {exact_min}), revocations missed {stop_missed} (at most {stop_max}), \
                 false promises {false_promise} (at most {promise_max})"
            ));
        }
    }
    assert!(failures.is_empty(), "below the floor:\n{}", failures.join("\n"));
}
