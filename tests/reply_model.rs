//! The reply model beside the rules: the shipped weights are what `scripts/train-reply-model.sh` makes from
//! the training sets (`model::TRAINING`), and the combination kept (`model::CHOSEN`) does no worse than the
//! rules alone on the dev set (`tests/replies/dev*.jsonl`: replies written to measure, kept out of training and rule tuning). Prints
//! the dev figures for each combination.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dunwell::reply::model::{self, Combine};
use dunwell::reply::{Intent, ReplyCall, analyse_with};
use serde_json::{Value, json};

fn account(locale: &str) -> Value {
    let (jurisdiction, currency, zone) = match locale {
        "zh-CN" => ("CN", "CNY", "Asia/Shanghai"),
        "en-GB" => ("GB", "GBP", "Europe/London"),
        _ => ("US", "USD", "America/New_York"),
    };
    json!({"id":"RM-1","jurisdiction":jurisdiction,"currency":currency,
           "balances":{"principal":1000000,"interest":20000,"fees":0},
           "instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-12-28","amount":100000}],
           "borrower":{"name":"Ann Lee","locale":locale,"time_zone":zone}})
}

#[derive(Debug, Default)]
struct Figures {
    n: u32,
    exact: u32,
    stop_want: u32,
    stop_missed: u32,
    false_promise: u32,
}

fn measure(file: &str, combine: Combine) -> Figures {
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, env) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
    let engine = engine.unwrap_or_else(|| panic!("{env}"));
    let dev = std::fs::read_to_string(root.join("tests/replies").join(file)).unwrap();
    let mut f = Figures::default();
    for line in dev.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap();
        let locale = row["locale"].as_str().unwrap();
        let call: ReplyCall = serde_json::from_value(
            json!({"account": account(locale), "as_of": "2026-11-28T10:00:00Z", "text": row["text"]}),
        )
        .unwrap();
        let a = analyse_with(&engine, &call, combine).unwrap();
        let mut got: Vec<Intent> = a.intents.iter().map(|x| x.intent).collect();
        let mut want: Vec<Intent> = serde_json::from_value(row["intents"].clone()).unwrap();
        dunwell::sort::sort(&mut got);
        dunwell::sort::sort(&mut want);
        f.n += 1;
        f.exact += u32::from(got == want);
        if want.contains(&Intent::StopContact) {
            f.stop_want += 1;
            f.stop_missed += u32::from(!got.contains(&Intent::StopContact));
        }
        f.false_promise += u32::from(got.contains(&Intent::PromiseToPay) && !want.contains(&Intent::PromiseToPay));
    }
    f
}

#[test]
fn the_chosen_combination_does_no_worse_than_the_rules_on_the_dev_sets() {
    // dev.jsonl chose the combination; dev2.jsonl was written afterwards and read once to confirm it.
    for file in ["dev.jsonl", "dev2.jsonl"] {
        for (name, c) in [
            ("rules only", Combine::RulesOnly),
            ("model when rules silent", Combine::WhenRulesSilent),
            ("rules ∪ model", Combine::Union),
            ("silent, or a revocation", Combine::SilentOrRevocation),
        ] {
            let f = measure(file, c);
            println!(
                "{file:<10} {name:<24} exact {}/{} ({:.3}); revocations missed {}/{}; false promises {}",
                f.exact,
                f.n,
                f64::from(f.exact) / f64::from(f.n.max(1)),
                f.stop_missed,
                f.stop_want,
                f.false_promise
            );
        }
        let rules = measure(file, Combine::RulesOnly);
        let chosen = measure(file, model::CHOSEN);
        assert!(chosen.exact >= rules.exact, "{file}: {chosen:?} vs rules {rules:?}");
        assert!(chosen.stop_missed <= rules.stop_missed && chosen.false_promise <= rules.false_promise);
    }
}

#[test]
fn the_shipped_weights_are_what_the_training_script_makes() {
    let root = dunwell_testkit::root();
    let corpus: String = model::TRAINING
        .iter()
        .map(|f| std::fs::read_to_string(root.join("tests/replies").join(f)).unwrap())
        .collect();
    let rows: Vec<(dunwell::reply::text::Text, Vec<Intent>)> = corpus
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                dunwell::reply::text::Text::new(v["text"].as_str().unwrap()),
                serde_json::from_value(v["intents"].clone()).unwrap(),
            )
        })
        .collect();
    let shipped = std::fs::read(root.join("src/reply/model.bin")).unwrap();
    assert!(
        model::train(&rows, 10) == shipped,
        "src/reply/model.bin is stale: run scripts/train-reply-model.sh"
    );
}
