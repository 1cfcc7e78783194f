//! The labelled reply corpus (`tests/replies/corpus.jsonl`): per-intent precision and recall, and how often
//! the promised amount and date are read right. `scripts/reply-eval.sh` prints the table; this test holds
//! the line: every intent ≥ 0.9 precision and recall, and `stop_contact` recall exactly 1.0 (a missed
//! revocation is a legal violation).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use std::collections::BTreeMap;

const AS_OF: &str = "2026-11-28T10:00:00Z";

fn account(locale: &str) -> Value {
    if locale == "zh-CN" {
        json!({"id":"RC-cn","jurisdiction":"CN","currency":"CNY",
               "balances":{"principal":1000000,"interest":20000,"fees":0},
               "instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-12-28","amount":100000}],
               "borrower":{"name":"王芳","locale":"zh-CN","time_zone":"Asia/Shanghai"}})
    } else if locale == "en-GB" {
        json!({"id":"RC-gb","jurisdiction":"GB","currency":"GBP",
               "balances":{"principal":1000000,"interest":20000,"fees":0},
               "instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-12-28","amount":100000}],
               "borrower":{"name":"Ann Lee","locale":"en-GB","time_zone":"Europe/London"}})
    } else {
        json!({"id":"RC-us","jurisdiction":"US","currency":"USD",
               "balances":{"principal":1000000,"interest":20000,"fees":0},
               "instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-12-28","amount":100000}],
               "borrower":{"name":"Ann Lee","locale":locale,"time_zone":"America/New_York"}})
    }
}

#[derive(Default)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

#[test]
fn reply_corpus_meets_the_bar() {
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, env) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
    let engine = engine.unwrap_or_else(|| panic!("{env}"));
    let corpus = std::fs::read_to_string(root.join("tests/replies/corpus.jsonl")).unwrap();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut amount_ok, mut amount_n, mut date_ok, mut date_n) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let mut n = 0;
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let row: Value = serde_json::from_str(line).unwrap();
        let locale = row["locale"].as_str().unwrap();
        let call = json!({"account": account(locale), "as_of": AS_OF, "text": row["text"]});
        let out: Value = serde_json::from_str(&dunwell::api::call(&engine, "reply", &call.to_string())).unwrap();
        let ok = out.get("ok").unwrap_or_else(|| panic!("{}: {out}", row["id"]));
        let mut got: Vec<String> = ok["intents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["intent"].as_str().unwrap().to_string())
            .collect();
        let mut want: Vec<String> = row["intents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        dunwell::sort::sort(&mut got);
        dunwell::sort::sort(&mut want);
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
        if got != want {
            misses.push(format!(
                "{} {:?}: want {want:?} got {got:?}",
                row["id"],
                row["text"].as_str().unwrap()
            ));
        }
        let promise = ok["effects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "record_promise")
            .cloned();
        if let Some(want_amount) = row["amount"].as_i64() {
            // The amount is the one bound to the promise (the promised part when part is already paid).
            amount_n += 1;
            let first = promise.as_ref().and_then(|p| p["amount"].as_i64()).or_else(|| {
                ok["amounts"]
                    .as_array()
                    .unwrap()
                    .first()
                    .and_then(|a| a["amount"].as_i64())
            });
            if first == Some(want_amount) {
                amount_ok += 1;
            } else {
                misses.push(format!("{} amount: want {want_amount} got {first:?}", row["id"]));
            }
        }
        if let Some(want_date) = row["date"].as_str() {
            date_n += 1;
            let got_date = promise.as_ref().and_then(|p| p["due"].as_str()).map(str::to_string);
            if got_date.as_deref() == Some(want_date) {
                date_ok += 1;
            } else {
                misses.push(format!("{} date: want {want_date} got {got_date:?}", row["id"]));
            }
        }
    }
    println!("{n} replies; intent precision / recall (support)");
    let mut failed = Vec::new();
    for (intent, c) in &counts {
        let p = f64::from(c.tp) / f64::from((c.tp + c.fp).max(1));
        let r = f64::from(c.tp) / f64::from((c.tp + c.fn_).max(1));
        println!("  {intent:<20} {p:.3} / {r:.3} ({})", c.tp + c.fn_);
        if p < 0.9 || r < 0.9 || (intent == "stop_contact" && c.fn_ > 0) {
            failed.push(intent.clone());
        }
    }
    let amount_acc = f64::from(amount_ok) / f64::from(amount_n.max(1));
    let date_acc = f64::from(date_ok) / f64::from(date_n.max(1));
    println!(
        "  amounts read right: {amount_ok}/{amount_n} ({amount_acc:.3}); promise dates: {date_ok}/{date_n} ({date_acc:.3})"
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(n >= 300, "the corpus has {n} replies; at least 300 are needed");
    assert!(failed.is_empty(), "below the bar: {failed:?}");
    assert!(amount_acc >= 0.9 && date_acc >= 0.9, "extraction below 0.9");
}

#[test]
fn a_megabyte_reply_is_answered_from_its_head() {
    // Hostile or accidental: a reply pasted a thousand times over. It is read from its first characters and
    // answered at once, not scanned for minutes.
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, env) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
    let engine = engine.unwrap_or_else(|| panic!("{env}"));
    let text = "我下周五还500元 I'll pay $200 next friday 别再发 ".repeat(20_000);
    let call = json!({"account": account("zh-CN"), "as_of": AS_OF, "text": text});
    let out: Value = serde_json::from_str(&dunwell::api::call(&engine, "reply", &call.to_string())).unwrap();
    let intents: Vec<&str> = out["ok"]["intents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["intent"].as_str().unwrap())
        .collect();
    assert!(
        intents.contains(&"promise_to_pay") && intents.contains(&"stop_contact"),
        "{out}"
    );
}
