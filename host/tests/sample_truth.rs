//! Issue 16's "done means", measured over the README's sample: the 1,000 accounts of `dunwell sample --seed 42`
//! decided with the default policy at the README's `as_of`. Every written message is checked against the facts
//! of its own send moment — the account decided again *at the action's instant* through the public API — and
//! against the escalation the decision reports, by rules written here from the issue, not from the templates'
//! code: the DPD and overdue amount it states are the send day's; no SMS exceeds 2 segments; no message or
//! action mentions an agency or a lawsuit the decision does not intend; no account owes more overdue than
//! outstanding. Counts are asserted to be large, so the checks cannot pass by finding nothing to check.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

const AS_OF: &str = "2026-11-28T09:00:00Z";

fn engine() -> dunwell::engine::Engine {
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    dunwell::api::engine_new(&format!(r#"{{"policy":{policy}}}"#))
        .0
        .unwrap()
}

fn decide(engine: &dunwell::engine::Engine, account: &Value, as_of: &str, messages: bool) -> Value {
    let input = json!({"account": account, "as_of": as_of, "messages": messages}).to_string();
    serde_json::from_str(&dunwell::api::call(engine, "decide", &input)).unwrap()
}

/// Minor units as the messages write them: `$1,234.56`, `£1,234.56`, `1,234.56 元`.
fn money(minor: i64, currency: &str) -> String {
    let units = (minor / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let n = format!("{grouped}.{:02}", minor % 100);
    match currency {
        "USD" => format!("${n}"),
        "GBP" => format!("£{n}"),
        _ => format!("{n} 元"),
    }
}

fn words(message: &Value) -> String {
    ["subject", "text", "html"]
        .iter()
        .filter_map(|p| message[*p].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Numbers the words give as "N days overdue" / "逾期N天".
fn stated_dpds(text: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(" day") {
        let before: String = text[..i].chars().rev().take_while(char::is_ascii_digit).collect();
        let after = &text[i..];
        if !before.is_empty() && (after.starts_with(" days overdue") || after.starts_with(" day overdue")) {
            out.push(before.chars().rev().collect::<String>().parse().unwrap());
        }
    }
    for (i, m) in text.match_indices("逾期") {
        let digits: String = text[i + m.len()..].chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && text[i + m.len() + digits.len()..].starts_with('天') {
            out.push(digits.parse().unwrap());
        }
    }
    out
}

/// Amounts the words give as overdue: "$2,000.00 is 32 days overdue", "您的1,000.00 元已逾期31天".
fn stated_amounts(text: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(" is ") {
        let after = &text[i + 4..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let rest = &after[digits..];
        let token = text[..i].rsplit([' ', '\n']).next().unwrap_or_default();
        if digits > 0
            && (rest.starts_with(" days overdue") || rest.starts_with(" day overdue"))
            && (token.starts_with('$') || token.starts_with('£'))
        {
            out.push((token.to_string(), "en"));
        }
    }
    for (i, _) in text.match_indices(" 元已逾期") {
        let number: String = text[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        out.push((number.chars().rev().collect(), "zh"));
    }
    out
}

const AGENCY_WORDS: [&str; 4] = ["collection agency", "referred to an agency", "催收机构", "委外"];
const LEGAL_WORDS: [&str; 5] = ["court proceedings", "legal referral", "our lawyers", "诉讼", "法律途径"];

fn intended(view: &Value, timing: &[&str], needs_net: bool) -> bool {
    !view.is_null()
        && view["blocked_by"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| timing.contains(&b.as_str().unwrap()))
        && (!needs_net || view["net"].as_i64().unwrap() > 0)
}

#[test]
fn the_sample_says_only_what_is_true_and_lawful_on_its_send_day() {
    let engine = engine();
    let as_of = chrono::DateTime::parse_from_rfc3339(AS_OF).unwrap().to_utc();
    let accounts = dunwell_host::sample::portfolio(1000, 42, as_of);
    let (mut written, mut dpd_checked, mut amount_checked, mut later_day, mut sms) = (0, 0, 0, 0, 0);
    for account in &accounts {
        let env = decide(&engine, account, AS_OF, true);
        let d = env.get("ok").unwrap_or_else(|| panic!("{}: {env}", account["id"]));
        assert!(
            d["arrears"]["overdue_amount"].as_i64() <= d["arrears"]["outstanding"].as_i64(),
            "{}: more overdue than outstanding",
            account["id"]
        );
        let esc = &d["escalation"];
        let agency = intended(&esc["agency"], &["dpd_below_minimum", "ladder_not_exhausted"], false);
        let legal = intended(&esc["legal"], &["dpd_below_minimum", "contact_not_exhausted"], true);
        for a in d["actions"].as_array().unwrap() {
            let id = format!("{} {}", account["id"], a["step"]);
            match a["channel"].as_str().unwrap() {
                "agency_referral" => assert!(agency, "{id}: referral to an agency that is not intended"),
                "legal_referral" => assert!(legal, "{id}: legal referral that is not intended"),
                _ => {}
            }
            let Some(message) = a["message"].as_object().map(|_| &a["message"]) else {
                continue;
            };
            written += 1;
            let at = a["at"].as_str().unwrap();
            // The facts are the send day's: the account decided again at the action's own instant.
            assert_eq!(a["facts_as_of"].as_str(), Some(&at[..10]), "{id}");
            if &at[..10] != d["as_of_local"].as_str().unwrap().get(..10).unwrap() {
                later_day += 1;
            }
            let then = decide(&engine, account, at, false);
            let then = &then["ok"];
            let text = words(message);
            for n in stated_dpds(&text) {
                assert_eq!(
                    n,
                    then["dpd"].as_i64().unwrap(),
                    "{id} sent {at} states {n} days: {text}"
                );
                dpd_checked += 1;
            }
            let overdue = money(
                then["arrears"]["overdue_amount"].as_i64().unwrap(),
                d["currency"].as_str().unwrap(),
            );
            for (stated, kind) in stated_amounts(&text) {
                let expect = if kind == "zh" {
                    overdue.trim_end_matches(" 元").to_string()
                } else {
                    overdue.clone()
                };
                assert_eq!(stated, expect, "{id} sent {at} states {stated} overdue: {text}");
                amount_checked += 1;
            }
            if let Some(segments) = message["sms"]["segments"].as_i64() {
                sms += 1;
                assert!(segments <= 2, "{id}: {segments} SMS segments: {text}");
            }
            if !agency {
                for w in AGENCY_WORDS {
                    assert!(
                        !text.contains(w),
                        "{id}: mentions `{w}` but the agency is not intended: {text}"
                    );
                }
            }
            if !legal {
                for w in LEGAL_WORDS {
                    assert!(
                        !text.contains(w),
                        "{id}: mentions `{w}` but legal action is not intended: {text}"
                    );
                }
            }
        }
    }
    eprintln!(
        "sample: {written} messages ({later_day} sent on a later day, {sms} SMS), {dpd_checked} DPD and \
         {amount_checked} amounts checked against the send day"
    );
    assert!(
        written > 500 && later_day > 50 && sms > 100,
        "too little checked: {written}/{later_day}/{sms}"
    );
    assert!(
        dpd_checked > 200 && amount_checked > 50,
        "too little checked: {dpd_checked}/{amount_checked}"
    );
}
