//! Repayment offers stated from the rule (src/arrange/offers.rs, README "offers"), every expected figure worked out
//! by hand in the comment beside it, never copied from the engine's output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

/// The default policy with no penalty interest (so nothing accrues into the figures below) and the given
/// restructure terms.
fn policy(forgiveness_bps: u32, annual_rate_bps: u32) -> Value {
    let root = dunwell_testkit::root();
    let mut p: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("policies/default.json")).unwrap()).unwrap();
    p["offers"]["penalty"]["annual_rate_bps"] = json!(0);
    p["offers"]["restructure"]["forgiveness_bps"] = json!(forgiveness_bps);
    p["offers"]["restructure"]["annual_rate_bps"] = json!(annual_rate_bps);
    p["offers"]["restructure"]["extension_months"] = json!(12);
    p
}

/// A CN borrower in hardship: 1,000,000 fen outstanding; `overdue` due 2026-09-28 (61 DPD on 2026-11-28), and two
/// instalments still to come.
fn account(overdue: i64) -> Value {
    json!({
        "id": "OFF-1", "jurisdiction": "CN", "currency": "CNY",
        "balances": {"principal": 1_000_000, "interest": 0, "fees": 0},
        "borrower": {"name": "王芳", "time_zone": "Asia/Shanghai"},
        "flags": {"hardship": true},
        "instalments": [
            {"due": "2026-09-28", "amount": overdue},
            {"due": "2026-12-28", "amount": 100_000},
            {"due": "2027-01-28", "amount": 100_000}
        ]
    })
}

fn offers(policy: &Value, account: &Value) -> Vec<Value> {
    let (engine, env) = dunwell::api::engine_new(&json!({ "policy": policy }).to_string());
    let engine = engine.unwrap_or_else(|| panic!("{env}"));
    let call = json!({"account": account, "as_of": "2026-11-28T02:00:00Z"});
    let out: Value = serde_json::from_str(&dunwell::api::call(&engine, "offers", &call.to_string())).unwrap();
    out["ok"]["offers"]
        .as_array()
        .unwrap_or_else(|| panic!("{out}"))
        .clone()
}

fn by_id<'a>(offers: &'a [Value], id: &str) -> &'a Value {
    offers
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {offers:?}"))
}

#[test]
fn restructure_forgives_then_charges_simple_interest_over_the_remaining_term_plus_the_extension() {
    // base 1,000,000; forgiven 10% = 100,000; 2 instalments still to come + 12 months = 14 months;
    // interest 900,000 × 6% × 14 / 12 = 63,000; total 963,000 in 14 parts: 13 × 68,785, the last 68,795.
    let o = offers(&policy(1000, 600), &account(100_000));
    let r = by_id(&o, "restructure");
    assert_eq!(r["total"], 963_000, "{r}");
    let schedule = r["schedule"].as_array().unwrap();
    assert_eq!(schedule.len(), 14, "{r}");
    assert!(schedule[..13].iter().all(|p| p["amount"] == 68_785), "{r}");
    assert_eq!(schedule[13]["amount"], 68_795, "{r}");
}

#[test]
fn a_token_payment_runs_until_the_arrears_are_paid_at_most_max_months() {
    // Arrears 10,000 at a 5,000 token: exactly 2 payments (not 3); arrears 100,000: 20 would be needed, capped at 6.
    let o = offers(&policy(0, 0), &account(10_000));
    let t = by_id(&o, "token_payment");
    let amounts: Vec<i64> = t["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts, [5_000, 5_000], "{t}");
    let o = offers(&policy(0, 0), &account(100_000));
    let t = by_id(&o, "token_payment");
    assert_eq!(t["schedule"].as_array().unwrap().len(), 6, "{t}");
}

#[test]
fn an_instalment_plan_is_offered_when_its_first_payment_is_exactly_the_minimum() {
    // Arrears 15,000 and `min_payment` 5,000: 3 payments of 5,000 meet the minimum (offered); 6 of 2,500 and
    // 12 of 1,250 fall below it (not offered).
    let o = offers(&policy(0, 0), &account(15_000));
    let three = by_id(&o, "instalments_3");
    let amounts: Vec<i64> = three["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts, [5_000, 5_000, 5_000], "{three}");
    assert!(
        o.iter()
            .all(|x| x["id"] != "instalments_6" && x["id"] != "instalments_12"),
        "{o:?}"
    );
}

#[test]
fn a_deferral_that_keeps_the_penalty_running_saves_nothing() {
    // With penalty interest at 18% a year: a four-week payment break that freezes the penalty saves what would
    // accrue in those weeks (S > 0) and asks for the arrears alone; the same break without the freeze asks for
    // the arrears plus that same S, and saves nothing.
    let mut frozen = policy(0, 0);
    frozen["offers"]["penalty"]["annual_rate_bps"] = json!(1800);
    let mut running = frozen.clone();
    running["offers"]["deferral"]["freeze_penalty"] = json!(false);
    let f = offers(&frozen, &account(100_000));
    let r = offers(&running, &account(100_000));
    let (f, r) = (by_id(&f, "deferral_4w"), by_id(&r, "deferral_4w"));
    // Frozen: the arrears and the penalty so far, 100,000 × 18% × 61 / 365 = 3,008.2 → 3,008; the 28 days to
    // 26 December would have added 100,000 × 18% × 28 / 365 = 1,380.8 → 1,381, saved.
    let saved = f["savings"].as_i64().unwrap();
    assert_eq!(saved, 1_381, "{f}");
    assert_eq!(f["schedule"][0]["amount"], 103_008, "{f}");
    assert_eq!(r["savings"], 0, "{r}");
    assert_eq!(r["schedule"][0]["amount"].as_i64().unwrap(), 103_008 + saved, "{r}");
}

#[test]
fn a_concession_a_hair_over_a_limit_needs_the_next_role() {
    // 999,999 outstanding, 61 DPD (M3, so pay-in-full is offered at 10% off). The discount is rounded down (never
    // more than the stated rate): 99,999.9 → 99,999, total 900,000. It gives up 99,999 of a 999,999 contract =
    // 999.991 bps, rounded up to 1,000. With an agent's limit of 999 bps it needs a supervisor; at 1,000 it is the
    // agent's.
    let mut a = account(100_000);
    a["balances"]["principal"] = json!(999_999);
    let mut p = policy(0, 0);
    p["offers"]["approval"]["agent_bps"] = json!(999);
    let o = offers(&p, &a);
    let full = by_id(&o, "pay_in_full");
    assert_eq!(
        (full["total"].clone(), full["gives_up"].clone()),
        (json!(900_000), json!(99_999)),
        "{full}"
    );
    assert_eq!(full["approval"], "supervisor", "{full}");
    p["offers"]["approval"]["agent_bps"] = json!(1000);
    assert_eq!(by_id(&offers(&p, &a), "pay_in_full")["approval"], "agent");
    // Exactly at the limit is within it: 1,000,000 outstanding gives up 100,000, exactly 1,000 bps, the agent's.
    let full = by_id(&offers(&p, &account(100_000)), "pay_in_full").clone();
    assert_eq!(
        (full["gives_up"].clone(), full["approval"].clone()),
        (json!(100_000), json!("agent")),
        "{full}"
    );
}
