//! Decision-level rules, stated from README "What a decision contains" and src/decision.rs: nothing overdue
//! means no penalty and no offers; an account under review gets no offers; an unknown jurisdiction is
//! `account.unknown_jurisdiction` naming `/account/jurisdiction`; arrears above the outstanding balance are
//! refused at `/balances`; `valid_until` is `as_of` + `messages.valid_hours` (default 24) in real hours;
//! the segment is the first policy segment matching the bucket; hardship brings the jurisdiction's debt
//! advice. Expected values are derived by hand beside each assertion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

fn policy() -> Value {
    let root = dunwell_testkit::root();
    serde_json::from_str(&std::fs::read_to_string(root.join("policies/default.json")).unwrap()).unwrap()
}

fn engine_with(policy: &Value) -> dunwell::engine::Engine {
    let (engine, envelope) = dunwell::api::engine_new(&json!({ "policy": policy }).to_string());
    engine.unwrap_or_else(|| panic!("policy refused: {envelope}"))
}

/// The whole envelope of `decide`.
fn envelope_under(policy: &Value, account: &Value, as_of: &str) -> Value {
    let input = json!({ "account": account, "as_of": as_of, "messages": false });
    serde_json::from_str(&dunwell::api::call(&engine_with(policy), "decide", &input.to_string())).unwrap()
}

fn decide_under(policy: &Value, account: &Value, as_of: &str) -> Value {
    let v = envelope_under(policy, account, as_of);
    assert!(v["error"].is_null(), "{v}");
    v["ok"].clone()
}

fn decide(account: &Value, as_of: &str) -> Value {
    decide_under(&policy(), account, as_of)
}

/// A CN account in UTC: outstanding 1,000,000 + 20,000; one instalment of 100,000 due `due`.
fn account(due: &str) -> Value {
    json!({
        "id": "DEC-1",
        "jurisdiction": "CN",
        "currency": "CNY",
        "balances": {"principal": 1_000_000, "interest": 20_000, "fees": 0},
        "borrower": {"name": "王芳", "time_zone": "UTC"},
        "instalments": [{"due": due, "amount": 100_000}],
    })
}

#[test]
fn nothing_overdue_means_no_penalty_no_offers_no_limitation() {
    // Due 15 Dec, as of 20 Nov: current.
    let d = decide(&account("2026-12-15"), "2026-11-20T12:00:00Z");
    assert_eq!(d["dpd"], 0);
    assert_eq!(d["penalty"], Value::Null);
    assert_eq!(d["offers"], json!([]));
    assert_eq!(d["limitation"], Value::Null);
    // An instalment due in the past but paid in full: also nothing overdue.
    let mut a = account("2026-10-15");
    a["history"] = json!({"payments": [{"at": "2026-10-14T12:00:00Z", "amount": 100_000}]});
    let d = decide(&a, "2026-11-20T12:00:00Z");
    assert_eq!(d["dpd"], 0);
    assert_eq!(d["penalty"], Value::Null);
    assert_eq!(d["offers"], json!([]));
}

#[test]
fn something_overdue_accrues_penalty_and_gets_offers() {
    // The counterpart: 100,000 due 31 Oct, as of 30 Nov = 30 days overdue. CN default terms: 18% a year
    // (1,800 bps), act/365: 100,000 × 0.18 × 30 / 365 = 1,479.45… → 1,479 minor units accrued.
    let d = decide(&account("2026-10-31"), "2026-11-30T12:00:00Z");
    assert_eq!(d["dpd"], 30);
    assert_eq!(d["penalty"]["accrued"], 1_479);
    assert_eq!(d["penalty"]["terms"]["annual_rate_bps"], 1_800);
    assert!(!d["offers"].as_array().unwrap().is_empty());
}

#[test]
fn an_account_under_review_gets_no_offers() {
    // Overdue (so offers would exist), but the borrower is bankrupt: a person reviews, offers are withheld.
    let mut a = account("2026-10-31");
    a["flags"] = json!({"bankruptcy": true});
    let d = decide(&a, "2026-11-30T12:00:00Z");
    assert_eq!(d["review"], "bankruptcy");
    assert_eq!(d["offers"], json!([]));
    assert_eq!(d["actions"], json!([]));
}

#[test]
fn an_unknown_jurisdiction_is_an_error_naming_its_path() {
    let mut a = account("2026-10-31");
    a["jurisdiction"] = json!("FR");
    let v = envelope_under(&policy(), &a, "2026-11-30T12:00:00Z");
    assert_eq!(v["ok"], Value::Null);
    assert_eq!(v["error"]["code"], "account.unknown_jurisdiction");
    assert_eq!(v["error"]["path"], "/account/jurisdiction");
    // In a batch, paths are relative to the line's account: `/jurisdiction`.
    let engine = engine_with(&policy());
    let batch = format!("{{\"as_of\":\"2026-11-30T12:00:00Z\"}}\n{a}\n");
    let out = dunwell::api::call(&engine, "decide_batch", &batch);
    let v: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["error"]["code"], "account.unknown_jurisdiction");
    assert_eq!(v["error"]["path"], "/jurisdiction");
}

#[test]
fn arrears_above_the_outstanding_balance_are_refused() {
    // 300,000 overdue against 100,000 + 0 + 0 outstanding: a broken ledger.
    let mut a = account("2026-10-31");
    a["instalments"] = json!([{"due": "2026-10-31", "amount": 300_000}]);
    a["balances"] = json!({"principal": 100_000});
    let v = envelope_under(&policy(), &a, "2026-11-30T12:00:00Z");
    assert_eq!(v["error"]["code"], "account.inconsistent");
    assert_eq!(v["error"]["path"], "/account/balances");
}

#[test]
fn valid_until_is_as_of_plus_valid_hours() {
    // 09:00 at +08:00 is 01:00Z; + 24 h (default) = 01:00Z the next day.
    let d = decide(&account("2026-10-31"), "2026-11-28T09:00:00+08:00");
    assert_eq!(d["as_of"], "2026-11-28T01:00:00Z");
    assert_eq!(d["valid_until"], "2026-11-29T01:00:00Z");
    // valid_hours 6: 01:00Z + 6 h = 07:00Z.
    let mut p = policy();
    p["messages"]["valid_hours"] = json!(6);
    let d = decide_under(&p, &account("2026-10-31"), "2026-11-28T09:00:00+08:00");
    assert_eq!(d["valid_until"], "2026-11-28T07:00:00Z");
    // A year (8,760 h = 365 days): 28 Nov 2026 + 365 days = 28 Nov 2027 (no 29 Feb in between).
    p["messages"]["valid_hours"] = json!(8_760);
    let d = decide_under(&p, &account("2026-10-31"), "2026-11-28T09:00:00+08:00");
    assert_eq!(d["valid_until"], "2027-11-28T01:00:00Z");
}

#[test]
fn valid_until_counts_real_hours_across_a_clock_change() {
    // New York leaves daylight time at 02:00 EDT on 1 Nov 2026. As of 00:00 EDT (04:00Z), + 24 real hours
    // = 04:00Z on 2 Nov, which is 23:00 EST on 1 Nov locally — not midnight of the 2nd.
    let a = json!({
        "id": "DEC-US",
        "jurisdiction": "US",
        "currency": "USD",
        "balances": {"principal": 500_000},
        "borrower": {"name": "Ann Lee", "time_zone": "America/New_York"},
        "instalments": [{"due": "2026-10-01", "amount": 50_000}],
    });
    let d = decide(&a, "2026-11-01T04:00:00Z");
    assert_eq!(d["as_of_local"], "2026-11-01T00:00:00-04:00");
    assert_eq!(d["valid_until"], "2026-11-02T04:00:00Z");
}

#[test]
fn the_segment_is_the_first_matching_the_bucket() {
    // 31 Oct → 10 Dec = 30 + 10 = 40 DPD → M2 → segment m2_firm (default policy: one segment per bucket).
    let d = decide(&account("2026-10-31"), "2026-12-10T12:00:00Z");
    assert_eq!(d["dpd"], 40);
    assert_eq!(d["bucket"], "M2");
    assert_eq!(d["segment"], "m2_firm");
}

#[test]
fn hardship_brings_the_jurisdictions_debt_advice() {
    // GB defines MoneyHelper; CN defines none.
    let gb = json!({
        "id": "DEC-GB",
        "jurisdiction": "GB",
        "currency": "GBP",
        "balances": {"principal": 500_000},
        "borrower": {"name": "Sam Hale", "time_zone": "Europe/London"},
        "instalments": [{"due": "2026-10-01", "amount": 50_000}],
        "flags": {"hardship": true},
    });
    let d = decide(&gb, "2026-11-20T12:00:00Z");
    assert_eq!(d["debt_advice"]["contact"], "0800 138 7777");
    let mut cn = account("2026-10-31");
    cn["flags"] = json!({"hardship": true});
    assert_eq!(decide(&cn, "2026-11-20T12:00:00Z")["debt_advice"], Value::Null);
    // Without hardship, GB gives none.
    let mut gb = gb;
    gb["flags"] = json!({});
    assert_eq!(decide(&gb, "2026-11-20T12:00:00Z")["debt_advice"], Value::Null);
}

/// A CN account in UTC with the given instalments `(due, amount)` (outstanding 1,020,000).
fn with_instalments(instalments: &[(&str, i64)]) -> Value {
    let mut a = account("2026-10-31");
    a["instalments"] = instalments
        .iter()
        .map(|(d, x)| json!({"due": d, "amount": x}))
        .collect();
    a
}

#[test]
fn penalty_is_capped_at_its_share_of_the_overdue_amount() {
    // 100,000 overdue since 30 Nov 2024, as of 30 Nov 2026: 730 days (2025 and 2026 have no 29 Feb).
    // Uncapped: 100,000 × 18% × 730 / 365 = 36,000. Cap 25% (2,500 bps) of 100,000 = 25,000 → 25,000.
    let d = decide(&with_instalments(&[("2024-11-30", 100_000)]), "2026-11-30T12:00:00Z");
    assert_eq!(d["penalty"]["terms"]["cap_bps_of_overdue"], 2_500);
    assert_eq!(d["penalty"]["accrued"], 25_000);
    // Below the cap it is the plain accrual: 31 Oct 2026 → 30 Nov = 30 days (see the test above) = 1,479.
}

#[test]
fn penalty_rounds_half_to_even_once_over_all_instalments() {
    // 9,125 × 1,800 bps × 1 day / (10,000 × 365) = 16,425,000 / 3,650,000 = 4.5 exactly → half-even → 4.
    let d = decide(&with_instalments(&[("2026-11-29", 9_125)]), "2026-11-30T12:00:00Z");
    assert_eq!(d["penalty"]["accrued"], 4);
    // 3 days: 13.5 → half-even → 14.
    let d = decide(&with_instalments(&[("2026-11-27", 9_125)]), "2026-11-30T12:00:00Z");
    assert_eq!(d["penalty"]["accrued"], 14);
    // Two such instalments, 1 day each: 4.5 + 4.5 = 9.0 → 9 when summed and rounded once (rounding each
    // would give 4 + 4 = 8).
    let d = decide(
        &with_instalments(&[("2026-11-29", 9_125), ("2026-11-29", 9_125)]),
        "2026-11-30T12:00:00Z",
    );
    assert_eq!(d["penalty"]["accrued"], 9);
}

#[test]
fn penalty_uses_365_days_even_in_a_leap_year() {
    // act/365: 31 Jan 2028 → 1 Mar 2028 = 30 days (29 in February + 1); 100,000 × 18% × 30 / 365 = 1,479.45… →
    // 1,479 (act/366 would give 1,475.41 → 1,475).
    let d = decide(&with_instalments(&[("2028-01-31", 100_000)]), "2028-03-01T12:00:00Z");
    assert_eq!(d["dpd"], 30);
    assert_eq!(d["penalty"]["accrued"], 1_479);
}
