//! Truthful, lawful contact, asserted from the rules rather than from blessed output: each test runs the input
//! of a `tests/vectors/compliance/` vector (whose description carries the hand derivation) and checks what the
//! rule says — the facts a message states on its send day, which escalations it may mention, what a cease
//! request, a limitation period, a state law or missing call consent allow. The vectors themselves pin the
//! whole output for parity across the four runtimes; these tests keep the pinned output honest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;

fn engine() -> dunwell::engine::Engine {
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    dunwell::api::engine_new(&format!(r#"{{"policy":{policy}}}"#))
        .0
        .unwrap()
}

/// The envelope for a compliance vector's input, run natively under the vector's own policy.
fn run(name: &str) -> Value {
    let root = dunwell_testkit::root();
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join(format!("tests/vectors/compliance/{name}.json"))).unwrap(),
    )
    .unwrap();
    let op = doc["op"].as_str().unwrap();
    let engine = if doc["policy"] == "default" {
        engine()
    } else {
        let policy = dunwell_testkit::policy_text(&doc["policy"]);
        dunwell::api::engine_new(&format!(r#"{{"policy":{policy}}}"#))
            .0
            .unwrap()
    };
    let out = dunwell::api::call(&engine, op, &doc["input"].to_string());
    serde_json::from_str(&out).unwrap()
}

/// Every word of a message, all parts joined, markup removed.
fn words(message: &Value) -> String {
    let mut all = String::new();
    for part in ["subject", "text", "html", "letter", "call", "dm"] {
        if let Some(s) = message[part].as_str() {
            all.push_str(s);
            all.push('\n');
        }
    }
    if let Some(s) = message["sms"]["text"].as_str() {
        all.push_str(s);
    }
    all.replace("&#x2f;", "/")
}

fn actions(d: &Value) -> &Vec<Value> {
    d["ok"]["actions"].as_array().unwrap()
}

fn written(d: &Value) -> Vec<(&Value, String)> {
    actions(d)
        .iter()
        .filter(|a| !a["message"].is_null())
        .map(|a| (a, words(&a["message"])))
        .collect()
}

#[test]
fn words_state_the_facts_of_their_send_day() {
    // Decided 21:30 on 1 Dec (31 DPD, $1,000.00); sent 08:00 on 2 Dec, when the 1 Dec instalment is overdue too.
    let d = run("send_day_facts_sms_next_morning");
    assert_eq!(d["ok"]["dpd"], 31);
    assert_eq!(d["ok"]["arrears"]["overdue_amount"], 100_000);
    let sms = &actions(&d)[0];
    assert_eq!(sms["channel"], "sms");
    assert_eq!(sms["at"], "2026-12-02T08:00:00-05:00");
    assert_eq!(sms["facts_as_of"], "2026-12-02");
    let text = words(&sms["message"]);
    assert!(text.contains("$2,000.00 is 32 days overdue"), "{text}");
    assert!(text.contains("December 16, 2026"), "reply by = send day + 14: {text}");
    assert!(!text.contains("31 days") && !text.contains("$1,000.00"), "{text}");
}

#[test]
fn a_letter_is_dated_the_day_it_is_posted() {
    let d = run("send_day_facts_letter_dated_posting_day");
    assert_eq!(d["ok"]["dpd"], 49);
    let letter = actions(&d).iter().find(|a| a["channel"] == "letter").unwrap();
    assert_eq!(letter["facts_as_of"], "2026-12-17");
    let text = words(&letter["message"]);
    assert!(text.contains("December 17, 2026"), "{text}");
    assert!(text.contains("(50 days)"), "{text}");
    assert!(text.contains("December 31, 2026"), "{text}");
    // Blocked only by timing (DPD below the agency's 75, ladder running): the referral is intended.
    assert!(text.contains("collection agency"), "{text}");
}

#[test]
fn only_actions_before_valid_until_carry_words() {
    for name in [
        "send_day_facts_sms_next_morning",
        "send_day_facts_letter_dated_posting_day",
    ] {
        let d = run(name);
        let until = d["ok"]["valid_until"].as_str().unwrap().to_string();
        for a in actions(&d) {
            let before = a["at_utc"].as_str().unwrap() < until.as_str();
            let referral = a["channel"].as_str().unwrap().ends_with("_referral");
            assert_eq!(!a["message"].is_null(), before && !referral, "{name}: {a}");
            assert_eq!(a["facts_as_of"].is_null(), a["message"].is_null(), "{name}: {a}");
        }
    }
}

#[test]
fn hardship_hears_no_threat_of_an_agency() {
    let d = run("hardship_letter_never_mentions_agency");
    let agency = &d["ok"]["escalation"]["agency"];
    assert!(agency["blocked_by"].as_array().unwrap().iter().any(|b| b == "hardship"));
    let all = written(&d);
    assert!(!all.is_empty());
    for (a, text) in all {
        let lower = text.to_lowercase();
        assert!(
            !lower.contains("collection agency") && !lower.contains("referred to an agency"),
            "{}: {text}",
            a["step"]
        );
    }
    assert!(actions(&d).iter().all(|a| a["channel"] != "agency_referral"));
}

#[test]
fn after_cease_only_the_notice_of_an_intended_remedy() {
    let d = run("cease_only_specific_remedy_notice");
    assert_eq!(d["ok"]["escalation"]["legal"]["recommend"], true);
    let acts = actions(&d);
    assert!(acts.iter().all(|a| a["notice"] == "specific_remedy"), "{acts:?}");
    assert!(acts.iter().all(|a| a["channel"] != "agency_referral"));
    let (_, text) = written(&d).into_iter().next().expect("the remedy notice is written");
    assert!(text.contains("refer your account to our lawyers"), "{text}");
    for demand in ["Please pay", "What we can offer", "Pay at", "To avoid this"] {
        assert!(!text.contains(demand), "`{demand}` after a cease request: {text}");
    }

    let d = run("cease_m2_no_demand");
    assert!(actions(&d).is_empty(), "{:?}", actions(&d));
    assert!(
        d["ok"]["suppressed"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["reason"] == "cease_requested")
    );
}

#[test]
fn a_time_barred_debt_gets_no_legal_route() {
    let d = run("time_barred_new_york");
    let lim = &d["ok"]["limitation"];
    assert_eq!(lim["time_barred"], true);
    assert_eq!(
        lim["started"], "2019-03-15",
        "the latest unpaid due date; a NY payment never revives"
    );
    assert_eq!(lim["ends"], "2022-03-15");
    for side in ["agency", "legal"] {
        let blocks = d["ok"]["escalation"][side]["blocked_by"].as_array().unwrap();
        assert!(blocks.iter().any(|b| b == "time_barred"), "{side}: {blocks:?}");
    }
    assert!(
        actions(&d)
            .iter()
            .all(|a| !a["channel"].as_str().unwrap().ends_with("_referral"))
    );
    assert!(written(&d).iter().all(|(_, t)| !t.to_lowercase().contains("court")));

    let r = run("time_barred_disclosure_in_words");
    let text = words(&r["ok"]);
    assert!(text.contains("we will not sue you"), "{text}");
    assert!(!text.to_lowercase().contains("credit"), "{text}");
}

#[test]
fn limitation_follows_chinese_law() {
    let d = run("limitation_cn_payment_restarts");
    assert_eq!(d["ok"]["limitation"]["started"], "2024-03-01");
    assert_eq!(d["ok"]["limitation"]["ends"], "2027-03-01");
    assert_eq!(d["ok"]["limitation"]["time_barred"], false);
    let d = run("limitation_cn_time_barred");
    assert_eq!(d["ok"]["limitation"]["ends"], "2026-01-10");
    assert_eq!(d["ok"]["limitation"]["time_barred"], true);
    assert_eq!(d["ok"]["escalation"]["legal"]["recommend"], false);
}

#[test]
fn automatic_calls_need_consent_manual_calls_do_not() {
    let d = run("auto_call_needs_consent");
    for a in actions(&d) {
        assert!(!(a["channel"] == "call" && a["mode"] == "auto"), "{a}");
    }
    assert!(
        actions(&d)
            .iter()
            .any(|a| a["channel"] == "call" && a["mode"] == "manual")
    );
    assert!(
        d["ok"]["suppressed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["channel"] == "call" && s["reason"] == "no_consent")
    );
}

#[test]
fn massachusetts_allows_two_calls_in_seven_days() {
    let d = run("massachusetts_two_calls_in_seven_days");
    let first_call = actions(&d).iter().find(|a| a["channel"] == "call").unwrap();
    // Calls on 26 and 27 Nov: the seven days from 26 Nov end with 2 Dec.
    assert!(first_call["at"].as_str().unwrap() >= "2026-12-03", "{first_call}");
}

#[test]
fn more_overdue_than_outstanding_is_refused() {
    let d = run("overdue_above_outstanding_refused");
    assert_eq!(d["error"]["code"], "account.inconsistent");
    assert_eq!(d["error"]["path"], "/account/balances");
}

/// (id, gives_up, net_recovery, approval) of each offer, in rank order.
fn offer_rows(d: &Value) -> Vec<(String, i64, i64, String)> {
    d["ok"]["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_string(),
                o["gives_up"].as_i64().unwrap(),
                o["net_recovery"].as_i64().unwrap(),
                o["approval"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn offers_are_ranked_by_what_the_lender_nets() {
    // Hand derivation in the vector's description: present value at 3650 bps a year (0.1% a day), uptake 50%.
    let d = run("offers_ranked_by_net_recovery");
    let row = |id: &str, gives: i64, net: i64, approval: &str| (id.to_string(), gives, net, approval.to_string());
    assert_eq!(
        offer_rows(&d),
        vec![
            row("pay_arrears", 0, 145_230, "auto"),
            row("instalments_2", 0, 144_488, "auto"),
            row("restructure", 20_000, 133_121, "agent"),
            row("pay_in_full", 48_000, 125_124, "supervisor"),
        ]
    );
}

#[test]
fn no_settlement_discount_or_restructure_three_days_late() {
    let d = run("offers_no_discount_at_3_dpd");
    assert_eq!(d["ok"]["dpd"], 3);
    let rows = offer_rows(&d);
    assert!(!rows.is_empty());
    for (id, gives, _, approval) in &rows {
        assert!(
            !id.starts_with("pay_in_full") && !id.starts_with("restructure"),
            "{id} offered at 3 DPD"
        );
        assert_eq!((*gives, approval.as_str()), (0, "auto"), "{id}");
    }
}

#[test]
fn eligibility_admits_by_bucket_band_or_hardship() {
    let e: dunwell::policy::Eligibility =
        serde_json::from_str(r#"{"buckets":["M2","M3"],"bands":["C","D"],"hardship":true}"#).unwrap();
    assert!(e.admits("M2", Some("C"), false));
    assert!(!e.admits("M1", Some("C"), false), "bucket not listed");
    assert!(!e.admits("M2", Some("A"), false), "band A is not offered a restructure");
    assert!(!e.admits("M2", None, false), "no score, bands given: not eligible");
    assert!(e.admits("M1", Some("A"), true), "hardship alone makes it eligible");
    let any = dunwell::policy::Eligibility::default();
    assert!(any.admits("M1", None, false));
}

#[test]
fn a_validation_request_pauses_collection_with_a_clock() {
    // Raised 11-20 09:00 New York; US clock 30 days from that local date: due 12-20, 19 days left on 12-01.
    let d = run("validation_request_pauses_with_clock");
    let v = &d["ok"]["verification"];
    assert_eq!(v["ground"], "validation_request");
    assert_eq!(v["task"], "send_verification");
    assert_eq!(v["raised_at"], "2026-11-20T14:00:00Z");
    assert_eq!((v["days"].as_i64(), v["due"].as_str()), (Some(30), Some("2026-12-20")));
    assert_eq!(v["days_left"], 19);
    assert!(actions(&d).is_empty(), "no contact while validation is pending");
    let suppressed = d["ok"]["suppressed"].as_array().unwrap();
    assert!(!suppressed.is_empty());
    assert!(suppressed.iter().all(|s| s["reason"] == "validation_pending"));
    for route in ["agency", "legal"] {
        let blocked = d["ok"]["escalation"][route]["blocked_by"].as_array().unwrap();
        assert!(
            blocked.iter().any(|b| b == "validation_pending"),
            "{route}: {blocked:?}"
        );
    }
    // Answered (verified_at after the request): collection resumes.
    let d = run("validation_answered_resumes");
    assert!(d["ok"]["verification"].is_null());
    assert!(!actions(&d).is_empty());
}

#[test]
fn a_chinese_dispute_is_answered_within_20_days() {
    let d = run("dispute_clock_cn");
    let v = &d["ok"]["verification"];
    assert_eq!(v["ground"], "dispute");
    assert_eq!((v["days"].as_i64(), v["due"].as_str()), (Some(20), Some("2026-12-15")));
    assert_eq!(v["days_left"], 14);
    assert!(actions(&d).is_empty());
}

#[test]
fn the_verification_clock_may_be_shortened_not_lengthened() {
    let policy = |days: u32| {
        format!(r#"{{"policy":{{"jurisdictions":{{"US":{{"preset":"US","verification_days":{days}}}}}}}}}"#)
    };
    assert!(dunwell::api::engine_new(&policy(10)).0.is_some());
    let (engine, envelope) = dunwell::api::engine_new(&policy(45));
    assert!(engine.is_none(), "45 days is longer than the US 30");
    assert!(envelope.contains("/jurisdictions/US/verification_days"), "{envelope}");
}

/// Every "by <Month D, YYYY>" deadline in the words.
fn deadlines(text: &str) -> Vec<chrono::NaiveDate> {
    text.match_indices("by ")
        .filter_map(|(i, _)| {
            let rest = &text[i + 3..];
            let end = rest.find(", ").map(|c| c + 6)?;
            chrono::NaiveDate::parse_from_str(rest.get(..end)?, "%B %d, %Y").ok()
        })
        .collect()
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn an_agency_s_first_letter_is_the_validation_notice() {
    // Letter posted Fri 2026-12-04: + 5 days without the weekend (12-07 … 12-11), + 30 = 2027-01-10. The call
    // on 12-01 comes before the notice: its deadline is the period its notice would start (12-08 + 30).
    let d = run("agency_first_letter_is_the_validation_notice");
    let notices: Vec<_> = written(&d)
        .into_iter()
        .filter(|(_, w)| w.contains("is a debt collector. We are trying to collect a debt"))
        .collect();
    assert_eq!(notices.len(), 1, "exactly one message is the notice");
    let (action, words) = &notices[0];
    assert_eq!(action["channel"], "letter");
    for fact in [
        "owe to Dunwell Demo Bank",
        "as of October 15, 2026, you owed $2,900.00",
        // 3,000.00 outstanding + 0 paid − 2,900.00 = 100.00, plus the penalty to the posting day, 34.03.
        "charged $134.03 in interest and fees",
        "credited $0.00",
        "Total amount of the debt now: $3,034.03",
        "Call or write to us by January 10, 2027 to dispute",
        "www.cfpb.gov/debt-collection",
    ] {
        assert!(words.contains(fact), "missing `{fact}`: {words}");
    }
    for (a, w) in written(&d) {
        let floor = if a["at"].as_str().unwrap() < "2026-12-04" {
            "2027-01-07"
        } else {
            "2027-01-10"
        };
        for by in deadlines(&w) {
            assert!(
                by >= date(floor),
                "{}: a deadline {by} overshadows the validation period",
                a["step"]
            );
        }
    }
}

#[test]
fn an_agency_without_an_itemization_does_not_start_collecting() {
    let d = run("agency_without_itemization_plans_no_contact");
    assert!(actions(&d).is_empty());
    let suppressed = d["ok"]["suppressed"].as_array().unwrap();
    assert!(!suppressed.is_empty());
    assert!(suppressed.iter().all(|s| s["reason"] == "validation_notice_incomplete"));
}

#[test]
fn during_the_validation_period_no_deadline_comes_before_its_end() {
    // Notice e-mailed 2026-11-20: 11-23, 11-24, 11-25, (Thanksgiving), 11-27, 11-30, then 30 days: 2026-12-30.
    let d = run("agency_messages_do_not_overshadow_the_period");
    assert_eq!(d["ok"]["validation_notice"]["sent_on"], "2026-11-20");
    assert_eq!(d["ok"]["validation_notice"]["period_ends"], "2026-12-30");
    let mut seen = 0;
    for (a, w) in written(&d) {
        assert!(
            !w.contains("We are trying to collect a debt"),
            "{}: the notice is not repeated",
            a["step"]
        );
        for by in deadlines(&w) {
            assert!(
                by >= date("2026-12-30"),
                "{}: deadline {by} before the period ends",
                a["step"]
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no deadline to check");
}

#[test]
fn after_cease_the_borrower_is_told_once_that_efforts_end() {
    let d = run("cease_efforts_ending_notice");
    let acts = actions(&d);
    assert_eq!(acts.len(), 1, "only the efforts-ending notice");
    let a = &acts[0];
    assert_eq!(
        (a["channel"].as_str(), a["notice"].as_str()),
        (Some("letter"), Some("efforts_ending"))
    );
    let w = words(&a["message"]);
    assert!(w.contains("ended our efforts to collect this debt"), "{w}");
    for demand in ["Please pay", "What we can offer", "pay.example", "Overdue amount", "$"] {
        assert!(!w.contains(demand), "`{demand}` in an efforts-ending notice: {w}");
    }
    assert!(
        d["ok"]["suppressed"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["reason"] == "cease_requested")
    );
    // Sent after the request (a letter on record): never again.
    let d = run("cease_efforts_ending_sent_once");
    assert!(actions(&d).is_empty());
}

#[test]
fn a_template_lint_problem_is_said_once_in_the_policy_s_own_words() {
    // The vector's policy: a Chinese template that threatens. The sweep renders it for every channel and tone;
    // the problem is reported once per finding, naming the channels and tones in the policy's spelling.
    let root = dunwell_testkit::root();
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/vectors/errors/policy_template_threat_zh.json")).unwrap(),
    )
    .unwrap();
    let policy = dunwell_testkit::policy_text(&doc["policy"]);
    let (engine, envelope) = dunwell::api::engine_new(&format!(r#"{{"policy":{policy}}}"#));
    assert!(engine.is_none());
    let env: Value = serde_json::from_str(&envelope).unwrap();
    let problems = env["error"]["problems"].as_array().unwrap();
    let messages: Vec<&str> = problems.iter().map(|p| p["message"].as_str().unwrap()).collect();
    let distinct: std::collections::HashSet<&&str> = messages.iter().collect();
    assert_eq!(distinct.len(), messages.len(), "a problem repeated: {messages:#?}");
    for m in &messages {
        assert!(
            m.contains("sms") && m.contains(" tone; zh-CN words under the CN rules"),
            "{m}"
        );
        assert!(!m.contains("Sms") && !m.contains("Gentle"), "Rust spelling in {m}");
    }
    let first = env["error"]["message"].as_str().unwrap();
    assert!(!first.contains("1 more problems"), "{first}");
}

#[test]
fn a_bad_preset_is_reported_once() {
    let (_, envelope) = dunwell::api::engine_new(r#"{"policy":{"jurisdictions":{"US":{"preset":"USA"}}}}"#);
    let env: Value = serde_json::from_str(&envelope).unwrap();
    let problems = env["error"]["problems"].as_array().unwrap();
    let keys: Vec<String> = problems
        .iter()
        .map(|p| format!("{} {}", p["path"], p["message"]))
        .collect();
    let distinct: std::collections::HashSet<&String> = keys.iter().collect();
    assert_eq!(distinct.len(), keys.len(), "{keys:#?}");
    assert!(keys.iter().any(|k| k.contains("/jurisdictions/US/preset")), "{keys:#?}");
    // In the default policy, whose agencies and company name `US`, the one mistake is the only problem.
    let root = dunwell_testkit::root();
    let mut policy: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("policies/default.json")).unwrap()).unwrap();
    policy["jurisdictions"]["US"]["preset"] = "USA".into();
    let (_, envelope) = dunwell::api::engine_new(&serde_json::json!({ "policy": policy }).to_string());
    let env: Value = serde_json::from_str(&envelope).unwrap();
    let problems = env["error"]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["path"], "/jurisdictions/US/preset");
}
