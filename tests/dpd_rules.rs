//! Days past due, stated from the rule (src/dpd.rs, README "What a decision contains"): DPD counts from the
//! oldest instalment still unpaid after payments are applied oldest first, in the borrower's local calendar
//! (due on the 5th is 1 DPD on the 6th); an unpaid part at most `dpd.tolerance` counts as paid; payments at or
//! before `as_of` count; buckets M0 current, M1 1–30, M2 31–60, M3 61–90, M4+ beyond. Every expected value is
//! worked out by hand in the comment beside it, never copied from the engine's output.
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

/// Decides `account` at `as_of` under `policy` (plan without words: DPD does not depend on them).
fn decide_under(policy: &Value, account: &Value, as_of: &str) -> Value {
    let engine = engine_with(policy);
    let input = json!({ "account": account, "as_of": as_of, "messages": false });
    let out = dunwell::api::call(&engine, "decide", &input.to_string());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["error"].is_null(), "{out}");
    v["ok"].clone()
}

fn decide(account: &Value, as_of: &str) -> Value {
    decide_under(&policy(), account, as_of)
}

/// A CN account in `zone` with the given instalments `(due, amount)` and payments `(at, amount)`; outstanding
/// 1,000,000 + 20,000 = 1,020,000, above any arrears used here.
fn account(zone: &str, instalments: &[(&str, i64)], payments: &[(&str, i64)]) -> Value {
    json!({
        "id": "DPD-1",
        "jurisdiction": "CN",
        "currency": "CNY",
        "balances": {"principal": 1_000_000, "interest": 20_000, "fees": 0},
        "borrower": {"name": "王芳", "time_zone": zone},
        "instalments": instalments.iter().map(|(d, a)| json!({"due": d, "amount": a})).collect::<Vec<_>>(),
        "history": {"payments": payments.iter().map(|(t, a)| json!({"at": t, "amount": a})).collect::<Vec<_>>()},
    })
}

fn dpd_of(d: &Value) -> (i64, String) {
    (d["dpd"].as_i64().unwrap(), d["bucket"].as_str().unwrap().to_string())
}

#[test]
fn due_today_is_not_overdue_and_the_day_after_is_one_dpd() {
    let a = account("UTC", &[("2026-11-05", 100_000)], &[]);
    // As of 23:59 on the due date itself: not yet overdue → 0 DPD, M0, and the instalment is the next due.
    let d = decide(&a, "2026-11-05T23:59:59Z");
    assert_eq!(dpd_of(&d), (0, "M0".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 0);
    assert_eq!(d["arrears"]["next_due"], "2026-11-05");
    assert_eq!(d["arrears"]["next_due_amount"], 100_000);
    // Midnight on the 6th: 6 − 5 = 1 DPD → M1 (1–30).
    let d = decide(&a, "2026-11-06T00:00:00Z");
    assert_eq!(dpd_of(&d), (1, "M1".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 100_000);
    assert_eq!(d["arrears"]["overdue_instalments"], 1);
    assert_eq!(d["arrears"]["oldest_unpaid_due"], "2026-11-05");
    assert_eq!(d["arrears"]["next_due"], Value::Null);
}

#[test]
fn bucket_edges_follow_the_policy_table() {
    // Due 2026-01-01 (2026 is not a leap year: Jan 31, Feb 28, Mar 31 days).
    let a = account("UTC", &[("2026-01-01", 100_000)], &[]);
    for (as_of, dpd, bucket) in [
        ("2026-01-31T12:00:00Z", 30, "M1"),  // Jan 1 → Jan 31 = 30
        ("2026-02-01T12:00:00Z", 31, "M2"),  // 31 days of January
        ("2026-03-02T12:00:00Z", 60, "M2"),  // 31 (Jan) + 28 (Feb) + 1 = 60
        ("2026-03-03T12:00:00Z", 61, "M3"),  // 61
        ("2026-04-01T12:00:00Z", 90, "M3"),  // 31 + 28 + 31 = 90
        ("2026-04-02T12:00:00Z", 91, "M4+"), // 91
    ] {
        assert_eq!(dpd_of(&decide(&a, as_of)), (dpd, bucket.to_string()), "as of {as_of}");
    }
}

#[test]
fn month_end_due_date_counts_the_short_february() {
    // Due 31 Jan 2026; as of 1 Mar 2026: Jan 31 → Feb 28 is 28 days, → Mar 1 is 29 (not 30 or 31).
    let a = account("UTC", &[("2026-01-31", 50_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2026-03-01T08:00:00Z")), (29, "M1".into()));
    // Due 30 Apr (a 30-day month), as of 31 May: 31 days → M2.
    let a = account("UTC", &[("2026-04-30", 50_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2026-05-31T08:00:00Z")), (31, "M2".into()));
}

#[test]
fn leap_days_are_counted() {
    // 2028 is a leap year. Due 28 Feb 2028, as of 1 Mar 2028: 28 → 29 → 1 Mar = 2 days.
    let a = account("UTC", &[("2028-02-28", 50_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2028-03-01T10:00:00Z")), (2, "M1".into()));
    // Due 29 Feb 2028, as of 28 Feb 2029: 29 Feb 2028 → 1 Mar 2028 is 1 day, 1 Mar 2028 → 1 Mar 2029 is 365
    // (no 29 Feb in 2029), so → 1 Mar 2029 = 366 and → 28 Feb 2029 = 365.
    let a = account("UTC", &[("2028-02-29", 50_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2029-02-28T10:00:00Z")), (365, "M4+".into()));
    // Due 31 Jan 2028, as of 1 Mar 2028: 29 days of February + 1 = 30 → still M1 (a common year would give 29).
    let a = account("UTC", &[("2028-01-31", 50_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2028-03-01T10:00:00Z")), (30, "M1".into()));
}

#[test]
fn dpd_counts_in_the_borrowers_calendar() {
    // Shanghai is UTC+8 all year. Due 5 Nov: 15:59:59Z on the 5th is 23:59:59 local on the 5th → 0 DPD; 16:00Z
    // is 00:00 local on the 6th → 1 DPD, although the UTC date is still the 5th.
    let a = account("Asia/Shanghai", &[("2026-11-05", 100_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2026-11-05T15:59:59Z")), (0, "M0".into()));
    assert_eq!(dpd_of(&decide(&a, "2026-11-05T16:00:00Z")), (1, "M1".into()));
    // New York is behind UTC: 03:00Z on the 6th is 22:00 on the 5th there (EST, UTC−5) → still 0 DPD.
    let mut a = account("America/New_York", &[("2026-11-05", 100_000)], &[]);
    a["jurisdiction"] = json!("US");
    a["currency"] = json!("USD");
    a["borrower"]["name"] = json!("Ann Lee");
    assert_eq!(dpd_of(&decide(&a, "2026-11-06T03:00:00Z")), (0, "M0".into()));
    // 05:00Z on the 6th is 00:00 EST on the 6th → 1 DPD.
    assert_eq!(dpd_of(&decide(&a, "2026-11-06T05:00:00Z")), (1, "M1".into()));
}

#[test]
fn a_partial_payment_settles_the_oldest_instalment_first() {
    // Two instalments of 100,000 due 5 Jan and 5 Feb; 150,000 paid on 10 Feb. Oldest first: Jan fully paid
    // (100,000), Feb gets the remaining 50,000 → Feb unpaid 50,000.
    let a = account(
        "UTC",
        &[("2026-01-05", 100_000), ("2026-02-05", 100_000)],
        &[("2026-02-10T09:00:00Z", 150_000)],
    );
    let d = decide(&a, "2026-03-10T12:00:00Z");
    // DPD from 5 Feb (the oldest unpaid): 28 − 5 = 23 days to 28 Feb, + 10 = 33 → M2.
    assert_eq!(dpd_of(&d), (33, "M2".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 50_000); // 200,000 − 150,000
    assert_eq!(d["arrears"]["overdue_instalments"], 1); // only Feb
    assert_eq!(d["arrears"]["oldest_unpaid_due"], "2026-02-05");
}

#[test]
fn a_short_payment_leaves_the_oldest_instalment_overdue() {
    // Same schedule, only 90,000 paid: Jan still has 10,000 unpaid, so DPD counts from 5 Jan:
    // 26 days to 31 Jan + 28 (Feb) + 10 = 64 → M3. Overdue 10,000 + 100,000 = 110,000 over 2 instalments.
    let a = account(
        "UTC",
        &[("2026-01-05", 100_000), ("2026-02-05", 100_000)],
        &[("2026-01-20T09:00:00Z", 90_000)],
    );
    let d = decide(&a, "2026-03-10T12:00:00Z");
    assert_eq!(dpd_of(&d), (64, "M3".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 110_000);
    assert_eq!(d["arrears"]["overdue_instalments"], 2);
    assert_eq!(d["arrears"]["oldest_unpaid_due"], "2026-01-05");
}

#[test]
fn payments_are_applied_by_due_date_not_by_input_order() {
    // Instalments listed newest first; 100,000 paid covers the oldest (5 Jan) whatever the listing order, so
    // the Feb one is the overdue one: 5 Feb → 10 Mar = 23 + 10 = 33 DPD.
    let a = account(
        "UTC",
        &[("2026-02-05", 100_000), ("2026-01-05", 100_000)],
        &[("2026-01-06T09:00:00Z", 100_000)],
    );
    let d = decide(&a, "2026-03-10T12:00:00Z");
    assert_eq!(d["dpd"], 33);
    assert_eq!(d["arrears"]["oldest_unpaid_due"], "2026-02-05");
    assert_eq!(d["arrears"]["overdue_amount"], 100_000);
}

#[test]
fn a_payment_exactly_at_as_of_counts_and_one_second_later_does_not() {
    let a = account("UTC", &[("2026-11-05", 100_000)], &[("2026-11-20T10:00:00Z", 100_000)]);
    // At exactly the payment instant (payments at or before as_of count): paid in full → 0 DPD.
    let d = decide(&a, "2026-11-20T10:00:00Z");
    assert_eq!(dpd_of(&d), (0, "M0".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 0);
    // One second before the payment: 5 Nov → 20 Nov = 15 DPD, all 100,000 overdue.
    let d = decide(&a, "2026-11-20T09:59:59Z");
    assert_eq!(dpd_of(&d), (15, "M1".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 100_000);
}

#[test]
fn tolerance_ignores_technical_arrears_up_to_and_including_its_amount() {
    let mut p = policy();
    p["dpd"]["tolerance"] = json!(100);
    // 10,000 due, 9,900 paid: 100 unpaid ≤ tolerance 100 → counts as paid → 0 DPD, nothing overdue.
    let a = account("UTC", &[("2026-10-01", 10_000)], &[("2026-10-01T08:00:00Z", 9_900)]);
    let d = decide_under(&p, &a, "2026-11-15T12:00:00Z");
    assert_eq!(dpd_of(&d), (0, "M0".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 0);
    assert!(d["offers"].as_array().unwrap().is_empty());
    // 9,899 paid: 101 unpaid > 100 → overdue, and the whole unpaid 101 is reported;
    // 1 Oct → 15 Nov = 30 (Oct has 31 days: 1 → 31 is 30) + 15 = 45 DPD → M2.
    let a = account("UTC", &[("2026-10-01", 10_000)], &[("2026-10-01T08:00:00Z", 9_899)]);
    let d = decide_under(&p, &a, "2026-11-15T12:00:00Z");
    assert_eq!(dpd_of(&d), (45, "M2".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 101);
    // Under the default policy (tolerance 0) even 1 unpaid minor unit is overdue.
    let a = account("UTC", &[("2026-10-01", 10_000)], &[("2026-10-01T08:00:00Z", 9_999)]);
    let d = decide(&a, "2026-11-15T12:00:00Z");
    assert_eq!(dpd_of(&d), (45, "M2".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 1);
}

#[test]
fn a_tolerated_older_instalment_does_not_start_the_count() {
    let mut p = policy();
    p["dpd"]["tolerance"] = json!(100);
    // Jan 10,000 and Feb 10,000, 19,950 paid: Jan settled in full (10,000), Feb gets 9,950 → 50 unpaid ≤ 100 →
    // nothing is overdue, DPD 0, even though a strict ledger is 50 short.
    let a = account(
        "UTC",
        &[("2026-01-05", 10_000), ("2026-02-05", 10_000)],
        &[("2026-02-01T08:00:00Z", 19_950)],
    );
    let d = decide_under(&p, &a, "2026-03-10T12:00:00Z");
    assert_eq!(dpd_of(&d), (0, "M0".into()));
}

#[test]
fn overpayment_covers_the_next_instalment_and_outstanding_is_the_balances() {
    // 100,000 due 5 Oct and 5 Nov, 5 Dec; 250,000 paid: Oct and Nov settled, Dec receives 50,000.
    let a = account(
        "UTC",
        &[
            ("2026-10-05", 100_000),
            ("2026-11-05", 100_000),
            ("2026-12-05", 100_000),
        ],
        &[("2026-10-01T08:00:00Z", 250_000)],
    );
    let d = decide(&a, "2026-11-20T12:00:00Z");
    assert_eq!(dpd_of(&d), (0, "M0".into()));
    assert_eq!(d["arrears"]["next_due"], "2026-12-05");
    assert_eq!(d["arrears"]["next_due_amount"], 50_000); // 100,000 − 50,000 left over
    assert_eq!(d["arrears"]["outstanding"], 1_020_000); // principal 1,000,000 + interest 20,000 + fees 0
}

#[test]
fn no_instalments_means_current() {
    let a = account("UTC", &[], &[]);
    let d = decide(&a, "2026-11-20T12:00:00Z");
    assert_eq!(dpd_of(&d), (0, "M0".into()));
    assert_eq!(d["arrears"]["overdue_instalments"], 0);
    assert_eq!(d["arrears"]["oldest_unpaid_due"], Value::Null);
}

#[test]
fn custom_buckets_come_from_the_policy() {
    let mut p = policy();
    p["buckets"] = json!([
        {"name": "current", "max_dpd": 0},
        {"name": "early", "max_dpd": 7},
        {"name": "late", "max_dpd": null}
    ]);
    // Segments and offers name the default buckets; keep the policy valid by pointing them at the new names.
    fn rename(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "buckets" && x.as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
                        *x = json!(["early", "late"]);
                    } else {
                        rename(x);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(rename),
            _ => {}
        }
    }
    rename(&mut p);
    let a = account("UTC", &[("2026-11-01", 10_000)], &[]);
    // 1 Nov → 8 Nov = 7 DPD → "early" (≤ 7); → 9 Nov = 8 → "late".
    assert_eq!(
        dpd_of(&decide_under(&p, &a, "2026-11-08T12:00:00Z")),
        (7, "early".into())
    );
    assert_eq!(
        dpd_of(&decide_under(&p, &a, "2026-11-09T12:00:00Z")),
        (8, "late".into())
    );
}

#[test]
fn the_loan_systems_allocation_is_authoritative_when_given() {
    // Any instalment carrying `paid` makes the ledger authoritative: history payments are not re-allocated.
    // Ledger: Jan 100,000 paid 100,000; Feb 100,000 paid 40,000. A 200,000 history payment is ignored, so Feb
    // has 60,000 unpaid: 5 Feb → 10 Mar = 23 + 10 = 33 DPD.
    let mut a = account(
        "UTC",
        &[("2026-01-05", 100_000), ("2026-02-05", 100_000)],
        &[("2026-02-06T09:00:00Z", 200_000)],
    );
    a["instalments"][0]["paid"] = json!(100_000);
    a["instalments"][1]["paid"] = json!(40_000);
    let d = decide(&a, "2026-03-10T12:00:00Z");
    assert_eq!(dpd_of(&d), (33, "M2".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 60_000);
    // An instalment without `paid` next to one with it counts as unpaid (the ledger allocated nothing to it):
    // Jan paid 100,000, Feb has no `paid` → all of Feb overdue, 100,000.
    a["instalments"][1].as_object_mut().unwrap().remove("paid");
    let d = decide(&a, "2026-03-10T12:00:00Z");
    assert_eq!(d["arrears"]["overdue_amount"], 100_000);
    assert_eq!(d["dpd"], 33);
}

#[test]
fn dpd_in_the_thousands_and_tens_of_thousands() {
    // Due 1 Jan 2000, as of 1 Jan 2026: 26 years × 365 + 7 leap days (2000, 04, 08, 12, 16, 20, 24) = 9,497.
    let a = account("UTC", &[("2000-01-01", 10_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2026-01-01T12:00:00Z")), (9_497, "M4+".into()));
    // Due 1 Jan 1900 (the earliest supported year), as of 1 Jan 2026: 126 × 365 + 31 leap days (1904 … 2024
    // every 4 years = 31; 1900 is not a leap year, 2000 is) = 45,990 + 31 = 46,021.
    let a = account("UTC", &[("1900-01-01", 10_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2026-01-01T12:00:00Z")), (46_021, "M4+".into()));
}

#[test]
fn the_day_after_due_can_start_at_one_in_the_morning() {
    // Santiago skips 00:00 on 6 Sep 2026 (−04:00 → −03:00): 03:59:59Z is 23:59:59 on the 5th, 04:00Z is
    // 01:00 on the 6th (checked with Python's zoneinfo). Due 5 Sep: 0 DPD at 03:59:59Z, 1 DPD at 04:00Z.
    let a = account("America/Santiago", &[("2026-09-05", 100_000)], &[]);
    assert_eq!(dpd_of(&decide(&a, "2026-09-06T03:59:59Z")), (0, "M0".into()));
    assert_eq!(dpd_of(&decide(&a, "2026-09-06T04:00:00Z")), (1, "M1".into()));
}

#[test]
fn tolerance_applies_to_each_instalment_not_to_their_sum() {
    // "An instalment whose unpaid part is at most this many minor units counts as paid": per instalment.
    // Ledger: two instalments of 10,000, each paid 9,940 → 60 unpaid each (120 in all). Tolerance 100: each
    // 60 ≤ 100 → both count as paid → 0 DPD, nothing overdue, although the sum 120 exceeds 100.
    let mut p = policy();
    p["dpd"]["tolerance"] = json!(100);
    let mut a = account("UTC", &[("2026-09-01", 10_000), ("2026-10-01", 10_000)], &[]);
    a["instalments"][0]["paid"] = json!(9_940);
    a["instalments"][1]["paid"] = json!(9_940);
    let d = decide_under(&p, &a, "2026-11-15T12:00:00Z");
    assert_eq!(dpd_of(&d), (0, "M0".into()));
    assert_eq!(d["arrears"]["overdue_amount"], 0);
}

#[test]
fn outstanding_is_principal_plus_interest_plus_fees() {
    // 1,000,000 + 20,000 + 3,500 = 1,023,500: every balance counts toward what is owed.
    let mut a = account("Asia/Shanghai", &[("2026-10-28", 100_000)], &[]);
    a["balances"]["fees"] = json!(3_500);
    let d = decide(&a, "2026-11-28T02:00:00Z");
    assert_eq!(d["arrears"]["outstanding"], 1_023_500);
}
