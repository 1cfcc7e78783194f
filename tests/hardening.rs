//! "Valid means decide cannot trap": a policy with every bounded number at the edge of its documented
//! range, and accounts at the edges of the supported calendar (1900–2999) and of exact money (2^53 − 1),
//! must give a well-formed envelope — a decision, or an error with a code and a path — for every op that
//! decides. This runs with overflow checks on (test profile), so any arithmetic overflow fails it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

const MAX: i64 = 9_007_199_254_740_991;

fn extreme_policy() -> Value {
    let root = dunwell_testkit::root();
    let mut p: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("policies/default.json")).unwrap()).unwrap();
    p["promises"]["grace_days"] = json!(31);
    p["horizon_days"] = json!(60);
    p["checkins"]["days_before"] = json!(366);
    p["messages"]["reply_days"] = json!(366);
    p["messages"]["soften_days"] = json!(366);
    let o = &mut p["offers"];
    o["first_payment_days"] = json!(366);
    o["pay_in_full"]["valid_days"] = json!(366);
    o["penalty"]["annual_rate_bps"] = json!(100_000);
    o["penalty"]["cap_bps_of_overdue"] = Value::Null;
    o["limits"]["max_months"] = json!(600);
    o["limits"]["max_forgiveness_bps"] = json!(10_000);
    o["instalments"]["months"] = json!([1, 600]);
    o["deferral"]["weeks"] = json!([1, 104]);
    o["restructure"] = json!({"extension_months": 600, "forgiveness_bps": 0, "annual_rate_bps": 10_000});
    o["token_payment"] = json!({"amount": 1, "max_months": 600});
    for seg in p["segments"].as_array_mut().unwrap() {
        if let Some(step) = seg["ladder"].as_array_mut().and_then(|l| l.last_mut()) {
            step["dpd"] = json!(36_600);
        }
    }
    p
}

fn account(jurisdiction: &str, due: &str, amount: i64, balance: i64) -> Value {
    let (currency, zone, locale) = match jurisdiction {
        "CN" => ("CNY", "Asia/Shanghai", "zh-CN"),
        "GB" => ("GBP", "Europe/London", "en-GB"),
        _ => ("USD", "Pacific/Kiritimati", "en-US"),
    };
    json!({
        "id": format!("EDGE-{jurisdiction}-{due}"), "jurisdiction": jurisdiction, "currency": currency,
        "balances": {"principal": balance, "interest": 0, "fees": 0},
        "instalments": [{"due": due, "amount": amount}, {"due": "2999-12-31", "amount": 1}],
        "borrower": {"name": "Edge", "locale": locale, "time_zone": zone, "birth_year": 1900, "monthly_income": MAX},
        "channels": {"sms": {"address": "+1", "consent": true}, "call": {"address": "+1"}},
        "history": {
            "payments": [{"at": "1900-01-01T00:00:00Z", "amount": 1}],
            "promises": [{"id": "P", "made_at": "1900-01-01T00:00:00Z", "due": "2999-12-31", "amount": MAX}],
            "contacts": [{"at": "1900-01-01T00:00:00Z", "channel": "call", "outcome": "rpc", "intents": ["hardship"]}]
        },
        "flags": {"hardship": jurisdiction == "GB"},
        "opened": "1900-01-01"
    })
}

fn well_formed(out: &str) -> Value {
    let v: Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
    match (v.get("ok"), v.get("error")) {
        (Some(_), None) => {}
        (None, Some(e)) => {
            assert!(e["code"].as_str().is_some_and(|c| c.contains('.')), "{out}");
            assert_ne!(e["code"], "internal.bug", "{out}");
            assert!(e["path"].is_string(), "{out}");
        }
        _ => panic!("not an envelope: {out}"),
    }
    v
}

#[test]
fn an_extreme_but_valid_policy_decides_every_edge_account_without_overflow() {
    let policy = extreme_policy();
    let (engine, env) = dunwell::api::engine_new(&json!({ "policy": policy }).to_string());
    let engine = engine.unwrap_or_else(|| panic!("the extreme policy is valid: {env}"));
    let instants = ["1900-01-01T00:00:00Z", "2026-11-28T15:00:00Z", "2999-12-31T23:59:59Z"];
    let dues = ["1900-01-01", "1900-01-02", "2026-10-15", "2999-12-30"];
    let mut decided = 0;
    let mut codes = std::collections::BTreeMap::new();
    for j in ["US", "CN", "GB"] {
        for due in dues {
            for (amount, balance) in [(1, 1), (MAX, MAX), (MAX / 2, MAX)] {
                for as_of in instants {
                    let call = json!({"account": account(j, due, amount, balance), "as_of": as_of});
                    let v = well_formed(&dunwell::api::call(&engine, "decide", &call.to_string()));
                    decided += usize::from(v.get("ok").is_some());
                    if let Some(code) = v["error"]["code"].as_str() {
                        *codes.entry(code.to_string()).or_insert(0) += 1;
                        if code != "account.out_of_range" {
                            eprintln!("{j} {due} {amount} {as_of}: {}", v["error"]);
                        }
                        // The refusal names the input field that is too large (`/account/balances`,
                        // `/account/instalments`), not a place in an answer the caller never sees.
                        let path = v["error"]["path"].as_str().unwrap_or("");
                        assert!(
                            path.starts_with("/account/"),
                            "{j} {due} {amount} {as_of}: {}",
                            v["error"]
                        );
                    }
                    // Every amount that comes out is exact in JavaScript.
                    check_amounts(&v);
                }
            }
        }
    }
    // The refusals are all "too large to compute exactly", never anything else.
    assert_eq!(codes.keys().collect::<Vec<_>>(), ["account.out_of_range"], "{codes:?}");
    assert!(
        decided >= 36,
        "the small accounts at every edge get a decision ({decided}, {codes:?})"
    );
}

/// No integer in the output passes 2^53 − 1 (amounts, and any other count).
fn check_amounts(v: &Value) {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                assert!(i.abs() <= MAX, "{i} is not exact in JavaScript");
            }
            assert!(n.as_u64().is_none_or(|u| u <= MAX as u64));
        }
        Value::Array(a) => a.iter().for_each(check_amounts),
        Value::Object(o) => o.values().for_each(check_amounts),
        _ => {}
    }
}

#[test]
fn a_policy_one_past_any_bound_is_refused_with_its_path() {
    // Each (pointer, value) is one past its documented range; validation names exactly that path.
    let cases = [
        ("/promises/grace_days", json!(32)),
        ("/messages/reply_days", json!(367)),
        ("/offers/first_payment_days", json!(367)),
        ("/offers/pay_in_full/valid_days", json!(367)),
        ("/offers/deferral/weeks/0", json!(105)),
        ("/offers/restructure/annual_rate_bps", json!(10_001)),
        ("/offers/penalty/annual_rate_bps", json!(100_001)),
        ("/checkins/days_before", json!(367)),
        ("/segments/0/ladder/0/dpd", json!(36_601)),
    ];
    for (pointer, value) in cases {
        let mut p = extreme_policy();
        *p.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        let out = dunwell::api::validate_policy(&p.to_string());
        let v: Value = serde_json::from_str(&out).unwrap();
        let paths: Vec<&str> = v["error"]["problems"]
            .as_array()
            .unwrap_or_else(|| panic!("{pointer}: {out}"))
            .iter()
            .filter_map(|p| p["path"].as_str())
            .collect();
        assert!(paths.contains(&pointer), "{pointer}: {out}");
    }
}

#[test]
fn an_account_at_each_size_limit_is_accepted_and_one_more_is_refused() {
    let engine = dunwell::api::engine_new(r#"{"policy":{}}"#).0.unwrap();
    let limits = [
        (
            "/history/payments",
            dunwell::account::limits::PAYMENTS,
            json!({"at": "2026-10-01T00:00:00Z", "amount": 1}),
        ),
        (
            "/history/contacts",
            dunwell::account::limits::CONTACTS,
            json!({"at": "2026-10-01T00:00:00Z", "channel": "sms", "outcome": "sent"}),
        ),
        (
            "/history/promises",
            dunwell::account::limits::PROMISES,
            json!({"id": "p", "made_at": "2026-10-01T00:00:00Z", "due": "2026-10-02", "amount": 1}),
        ),
        (
            "/instalments",
            dunwell::account::limits::INSTALMENTS,
            json!({"due": "2026-10-01", "amount": 1}),
        ),
    ];
    for (pointer, max, item) in limits {
        for n in [max, max + 1] {
            let mut a = account("US", "2026-10-15", 100, 1_000_000);
            *a.pointer_mut(pointer).unwrap() = Value::Array(vec![item.clone(); n]);
            let out = dunwell::api::call(
                &engine,
                "decide",
                &json!({"account": a, "as_of": "2026-11-28T15:00:00Z"}).to_string(),
            );
            let v = well_formed(&out);
            if n == max {
                assert!(
                    v.get("ok").is_some(),
                    "{pointer} at {n}: {}",
                    &out[..out.len().min(300)]
                );
            } else {
                assert_eq!(v["error"]["code"], "account.too_large", "{pointer}");
                assert_eq!(v["error"]["path"], format!("/account{pointer}"));
            }
        }
    }
}

/// Every node of `v` as a JSON Pointer, the root first.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: None, ..Default::default() })]

    /// The error path is worked out from where the parser stopped in the text, in compact and pretty-printed
    /// JSON alike: one wrong value anywhere in a call is reported at that value (or at the member of it that
    /// is missing, unknown or repeated), never at a neighbour or a parent.
    #[test]
    fn a_wrong_value_anywhere_is_reported_at_its_own_path(node in 0usize..10_000, with in 0usize..9, pretty: bool) {
        let policy = std::fs::read_to_string(dunwell_testkit::root().join("policies/default.json")).unwrap();
        let (engine, env) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
        let engine = engine.unwrap_or_else(|| panic!("{env}"));
        let mut call = json!({"as_of": "2026-11-28T09:00:00Z", "account": account("US", "2026-10-01", 5_000, 90_000)});
        let mut all = Vec::new();
        pointers(&call, String::new(), &mut all);
        let at = all[1 + node % (all.len() - 1)].clone();
        let replacement = [json!(null), json!(-1), json!(1.5), json!("x"), json!(true), json!([]), json!({}),
            json!({"zz": 1}), json!([{"q": 1}])][with].clone();
        *call.pointer_mut(&at).unwrap() = replacement;
        let text = if pretty { serde_json::to_string_pretty(&call).unwrap() } else { call.to_string() };
        let out = well_formed(&dunwell::api::call(&engine, "decide", &text));
        if let Some(e) = out.get("error") {
            let code = e["code"].as_str().unwrap();
            let path = e["path"].as_str().unwrap();
            let parse_kind = ["wrong_type", "unknown_field", "missing_field", "duplicate_key"]
                .iter()
                .any(|k| code.ends_with(k));
            if parse_kind {
                proptest::prop_assert!(path == at || path.starts_with(&format!("{at}/")), "{code} at {path}, value changed at {at}");
            }
        }
    }
}
