//! Portfolio KPIs, stated from the rule (src/kpi.rs): between two snapshots, the roll matrix counts accounts
//! present in both by bucket at the start × bucket at the end; roll-forward is the share of a starting bucket's
//! accounts that moved to a worse bucket; the cure rate the share of accounts delinquent at the start (any
//! bucket after the first) that are current at the end; PTP kept = kept / made, RPC = right-party contacts /
//! attempts, liquidation = collected / delinquent balance at the start, cost per collected = cost / collected
//! (activity fields are read from the later snapshot); a rate with a zero denominator is absent; rates are
//! rounded to 6 decimals. The portfolios are tiny and made by hand; every expected figure is worked out in the
//! comment beside it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::float_cmp)]

use serde_json::{Value, json};

fn kpi(input: &Value) -> Value {
    let (engine, envelope) = dunwell::api::engine_new(&json!({ "policy": default_policy() }).to_string());
    let engine = engine.unwrap_or_else(|| panic!("{envelope}"));
    serde_json::from_str(&dunwell::api::call(&engine, "kpi", &input.to_string())).unwrap()
}

fn default_policy() -> Value {
    let root = dunwell_testkit::root();
    serde_json::from_str(&std::fs::read_to_string(root.join("policies/default.json")).unwrap()).unwrap()
}

fn acct(id: &str, bucket: &str) -> Value {
    json!({"id": id, "bucket": bucket})
}

/// Start (30 Sep): A M0, B M1, C M1, D M2, E M3 with balances; end (31 Oct): A M1, B M0, C M2, D M1, E M4+.
fn five_accounts() -> Value {
    json!({"snapshots": [
        {"date": "2026-09-30", "accounts": [
            {"id": "A", "bucket": "M0", "balance": 500_000},
            {"id": "B", "bucket": "M1", "balance": 100_000},
            {"id": "C", "bucket": "M1", "balance": 200_000},
            {"id": "D", "bucket": "M2", "balance": 300_000},
            {"id": "E", "bucket": "M3", "balance": 400_000}
        ]},
        {"date": "2026-10-31", "accounts": [
            {"id": "A", "bucket": "M1", "contacts": 2, "rpc": 0},
            {"id": "B", "bucket": "M0", "collected": 100_000, "contacts": 3, "rpc": 2, "ptp_made": 1, "ptp_kept": 1, "cost": 1_500},
            {"id": "C", "bucket": "M2", "contacts": 4, "rpc": 1, "ptp_made": 1, "ptp_kept": 0, "cost": 2_000},
            {"id": "D", "bucket": "M1", "collected": 50_000, "contacts": 2, "rpc": 1, "ptp_made": 1, "ptp_kept": 1, "cost": 1_000},
            {"id": "E", "bucket": "M4+", "contacts": 1, "rpc": 0, "cost": 500}
        ]}
    ]})
}

#[test]
fn roll_matrix_and_roll_forward_on_five_accounts() {
    let out = kpi(&five_accounts());
    let p = &out["ok"]["periods"][0];
    assert_eq!(p["from"], "2026-09-30");
    assert_eq!(p["to"], "2026-10-31");
    // One account per transition: A M0→M1, B M1→M0, C M1→M2, D M2→M1, E M3→M4+.
    assert_eq!(
        p["roll"],
        json!({"M0": {"M1": 1}, "M1": {"M0": 1, "M2": 1}, "M2": {"M1": 1}, "M3": {"M4+": 1}})
    );
    // M0: A worse, 1/1 = 1.0; M1: C worse, B better → 1/2 = 0.5; M2: D better → 0/1 = 0.0; M3: E worse → 1.0.
    assert_eq!(p["roll_forward"], json!({"M0": 1.0, "M1": 0.5, "M2": 0.0, "M3": 1.0}));
}

#[test]
fn cure_rate_counts_only_a_return_to_current() {
    let p = &kpi(&five_accounts())["ok"]["periods"][0];
    // Delinquent at the start: B, C, D, E (4). Current at the end: B only (D improved to M1 but is not cured).
    // 1 / 4 = 0.25.
    assert_eq!(p["cure_rate"], 0.25);
}

#[test]
fn activity_rates_on_five_accounts() {
    let p = &kpi(&five_accounts())["ok"]["periods"][0];
    // PTP: made 1 + 1 + 1 = 3, kept 1 + 0 + 1 = 2 → 2/3 = 0.666666… → 0.666667 (6 decimals, half up).
    assert_eq!(p["ptp_kept_rate"], 0.666_667);
    // RPC: attempts 2 + 3 + 4 + 2 + 1 = 12, right-party 0 + 2 + 1 + 1 + 0 = 4 → 4/12 = 0.333333.
    assert_eq!(p["rpc_rate"], 0.333_333);
    // Collected 100,000 + 50,000 = 150,000.
    assert_eq!(p["collected"], 150_000);
    // Delinquent balance at the start: B 100,000 + C 200,000 + D 300,000 + E 400,000 = 1,000,000 (A is current).
    // 150,000 / 1,000,000 = 0.15.
    assert_eq!(p["liquidation_rate"], 0.15);
    // Cost 1,500 + 2,000 + 1,000 + 500 = 5,000 → 5,000 / 150,000 = 0.0333333… → 0.033333.
    assert_eq!(p["cost_per_collected"], 0.033_333);
}

#[test]
fn rates_with_nothing_to_divide_by_are_absent() {
    // Both snapshots all current, no activity: no delinquent account (no cure rate), no promise, no contact,
    // no delinquent balance, nothing collected → every ratio absent; roll M0→M0 with 0 rolled forward.
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-09-30", "accounts": [acct("A", "M0")]},
        {"date": "2026-10-31", "accounts": [acct("A", "M0")]}
    ]}));
    let p = &out["ok"]["periods"][0];
    assert_eq!(p["roll"], json!({"M0": {"M0": 1}}));
    assert_eq!(p["roll_forward"], json!({"M0": 0.0}));
    for k in [
        "cure_rate",
        "ptp_kept_rate",
        "rpc_rate",
        "liquidation_rate",
        "cost_per_collected",
    ] {
        assert_eq!(p[k], Value::Null, "{k}");
    }
    assert_eq!(p["collected"], 0);
}

#[test]
fn accounts_in_only_one_snapshot_are_not_in_the_roll() {
    // F (M1) leaves after the start; G (M2) is new at the end. Only A (M1 → M2) is in both.
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-09-30", "accounts": [acct("A", "M1"), acct("F", "M1")]},
        {"date": "2026-10-31", "accounts": [acct("A", "M2"), acct("G", "M2")]}
    ]}));
    let p = &out["ok"]["periods"][0];
    assert_eq!(p["roll"], json!({"M1": {"M2": 1}}));
    // M1: A rolled forward, F is not counted → 1/1 = 1.0 (not 1/2).
    assert_eq!(p["roll_forward"], json!({"M1": 1.0}));
}

#[test]
fn three_snapshots_make_two_periods_each_against_its_predecessor() {
    // A: M0 → M1 → M0; B: M2 → M3 → M3.
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-08-31", "accounts": [acct("A", "M0"), acct("B", "M2")]},
        {"date": "2026-09-30", "accounts": [acct("A", "M1"), acct("B", "M3")]},
        {"date": "2026-10-31", "accounts": [acct("A", "M0"), acct("B", "M3")]}
    ]}));
    let periods = out["ok"]["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2); // 3 snapshots → 2 consecutive pairs
    assert_eq!(periods[0]["from"], "2026-08-31");
    assert_eq!(periods[0]["to"], "2026-09-30");
    // Period 1: delinquent at start: B (M2) → M3, not cured → 0/1 = 0.0.
    assert_eq!(periods[0]["cure_rate"], 0.0);
    assert_eq!(periods[0]["roll_forward"], json!({"M0": 1.0, "M2": 1.0}));
    // Period 2: delinquent at start: A (M1) → M0 cured, B (M3) stays → 1/2 = 0.5.
    assert_eq!(periods[1]["from"], "2026-09-30");
    assert_eq!(periods[1]["cure_rate"], 0.5);
    // M3 → M3 is not worse: 0.0; M1 → M0: 0.0.
    assert_eq!(periods[1]["roll_forward"], json!({"M1": 0.0, "M3": 0.0}));
}

#[test]
fn custom_buckets_rank_from_current_to_worst() {
    // Buckets given as current < late < default. X late → current (cured), Y current → default (worse),
    // Z default → late (better, still delinquent).
    let out = kpi(&json!({
        "buckets": ["current", "late", "default"],
        "snapshots": [
            {"date": "2026-09-30", "accounts": [acct("X", "late"), acct("Y", "current"), acct("Z", "default")]},
            {"date": "2026-10-31", "accounts": [acct("X", "current"), acct("Y", "default"), acct("Z", "late")]}
        ]
    }));
    let p = &out["ok"]["periods"][0];
    // Delinquent at start: X and Z; cured X → 1/2 = 0.5.
    assert_eq!(p["cure_rate"], 0.5);
    assert_eq!(p["roll_forward"], json!({"current": 1.0, "default": 0.0, "late": 0.0}));
}

#[test]
fn one_snapshot_or_an_unknown_bucket_is_an_error_with_its_path() {
    let out = kpi(&json!({"snapshots": [{"date": "2026-09-30", "accounts": []}]}));
    assert_eq!(out["error"]["path"], "/snapshots");
    assert_eq!(out["error"]["code"], "call.bad_value");
    // Second snapshot, first account has a bucket the default list (M0…M4+) does not have.
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-09-30", "accounts": [acct("A", "M0")]},
        {"date": "2026-10-31", "accounts": [acct("A", "M9")]}
    ]}));
    assert_eq!(out["error"]["path"], "/snapshots/1/accounts/0/bucket");
    assert_eq!(out["error"]["code"], "call.bad_value");
}

#[test]
fn rounding_is_to_six_decimals_half_away_from_zero() {
    // 1 RPC in 8 attempts = 0.125 exactly; 5 in 7 = 0.714285714… → 0.714286; 1 in 3 000 000 = 0.000000333… → 0.0.
    let mk = |rpc: u32, contacts: u32| {
        kpi(&json!({"snapshots": [
            {"date": "2026-09-30", "accounts": [acct("A", "M0")]},
            {"date": "2026-10-31", "accounts": [{"id": "A", "bucket": "M0", "rpc": rpc, "contacts": contacts}]}
        ]}))["ok"]["periods"][0]["rpc_rate"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(mk(1, 8), 0.125);
    assert_eq!(mk(5, 7), 0.714_286);
    assert_eq!(mk(1, 3_000_000), 0.0);
}

#[test]
fn an_account_listed_twice_in_a_snapshot_is_refused_with_its_path() {
    // Bad input gets a clear error with a JSON path (BRIEF, "Standards"). A snapshot that lists A twice
    // (M1 and M2) cannot say where A was: counting both would put one account twice into the roll and the
    // activity sums. The second listing is the problem: /snapshots/1/accounts/1/id.
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-09-30", "accounts": [acct("A", "M0")]},
        {"date": "2026-10-31", "accounts": [acct("A", "M1"), acct("A", "M2")]}
    ]}));
    assert_eq!(out["error"]["path"], "/snapshots/1/accounts/1/id", "{out}");
}

#[test]
fn snapshots_out_of_date_order_are_refused() {
    // `snapshots` are "oldest first" (src/kpi.rs): given newest first, every period would run backwards
    // (from 31 Oct to 30 Sep) and roll rates would be read in reverse. Expected: an error at the first date
    // that is not after its predecessor, /snapshots/1/date.
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-10-31", "accounts": [acct("A", "M1")]},
        {"date": "2026-09-30", "accounts": [acct("A", "M0")]}
    ]}));
    assert_eq!(out["error"]["path"], "/snapshots/1/date", "{out}");
}

#[test]
fn collections_past_2_pow_53_are_refused_for_their_period() {
    // Each account collected 2^53 − 1 = 9,007,199,254,740,991 (a valid amount), two accounts → the period's
    // total 18,014,398,509,481,982 is past the JSON ceiling: refused at the period's accounts, /snapshots/1/accounts.
    let max = 9_007_199_254_740_991_i64;
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-09-30", "accounts": [acct("A", "M1"), acct("B", "M1")]},
        {"date": "2026-10-31", "accounts": [
            {"id": "A", "bucket": "M0", "collected": max},
            {"id": "B", "bucket": "M0", "collected": max}
        ]}
    ]}));
    assert_eq!(out["error"]["code"], "call.out_of_range", "{out}");
    assert_eq!(out["error"]["path"], "/snapshots/1/accounts");
    // One account at the ceiling alone is fine and reported exactly.
    let out = kpi(&json!({"snapshots": [
        {"date": "2026-09-30", "accounts": [acct("A", "M1")]},
        {"date": "2026-10-31", "accounts": [{"id": "A", "bucket": "M0", "collected": max}]}
    ]}));
    assert_eq!(out["ok"]["periods"][0]["collected"], max);
}
