//! Promises to pay, stated from the rule (src/promise.rs, README): pending → kept | broken | cancelled.
//! Payments, in time order, fill the oldest promise (by when it was made) that was made at or before the
//! payment, is not yet kept, not cancelled and not past its deadline. The deadline is the start of the local
//! day after due date + `promises.grace_days` (default policy: 1); a payment strictly before it counts. A
//! promise is broken once `as_of` reaches the deadline without full payment; cancelling withdraws it only
//! before its deadline, and never undoes a kept or broken promise. Expected values are derived by hand in the
//! comment beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

fn policy() -> Value {
    let root = dunwell_testkit::root();
    serde_json::from_str(&std::fs::read_to_string(root.join("policies/default.json")).unwrap()).unwrap()
}

fn decide_under(policy: &Value, account: &Value, as_of: &str) -> Value {
    let (engine, envelope) = dunwell::api::engine_new(&json!({ "policy": policy }).to_string());
    let engine = engine.unwrap_or_else(|| panic!("policy refused: {envelope}"));
    let input = json!({ "account": account, "as_of": as_of, "messages": false });
    let out = dunwell::api::call(&engine, "decide", &input.to_string());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["error"].is_null(), "{out}");
    v["ok"].clone()
}

fn decide(account: &Value, as_of: &str) -> Value {
    decide_under(&policy(), account, as_of)
}

/// A promise `(id, made_at, due, amount, cancelled_at)`.
type P<'a> = (&'a str, &'a str, &'a str, i64, Option<&'a str>);

/// A CN account in `zone`, 100,000 overdue since 15 Oct, with promises and payments `(at, amount)`.
fn account(zone: &str, promises: &[P<'_>], payments: &[(&str, i64)]) -> Value {
    let promises: Vec<Value> = promises
        .iter()
        .map(|(id, made, due, amount, cancelled)| {
            let mut p = json!({"id": id, "made_at": made, "due": due, "amount": amount});
            if let Some(c) = cancelled {
                p["cancelled_at"] = json!(c);
            }
            p
        })
        .collect();
    json!({
        "id": "PTP-1",
        "jurisdiction": "CN",
        "currency": "CNY",
        "balances": {"principal": 1_000_000, "interest": 20_000, "fees": 0},
        "borrower": {"name": "王芳", "time_zone": zone},
        "instalments": [{"due": "2026-10-15", "amount": 100_000}],
        "history": {
            "promises": promises,
            "payments": payments.iter().map(|(t, a)| json!({"at": t, "amount": a})).collect::<Vec<_>>(),
        },
    })
}

/// `(id, paid, state, settled_at)` of each judged promise, in the decision's order.
fn states(d: &Value) -> Vec<(String, i64, String, Value)> {
    d["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["paid"].as_i64().unwrap(),
                p["state"].as_str().unwrap().to_string(),
                p["settled_at"].clone(),
            )
        })
        .collect()
}

fn one(id: &str, paid: i64, state: &str, settled: Value) -> Vec<(String, i64, String, Value)> {
    vec![(id.to_string(), paid, state.to_string(), settled)]
}

// Throughout: a promise due 10 Nov 2026 in UTC with 1 grace day has its deadline at the start of
// 10 + 1 + 1 = 12 Nov, i.e. 2026-11-12T00:00:00Z.
const MADE: &str = "2026-11-01T09:00:00Z";
const DUE: &str = "2026-11-10";
const DEADLINE: &str = "2026-11-12T00:00:00Z";

#[test]
fn pending_until_the_deadline_then_broken_at_it() {
    let a = account("UTC", &[("P", MADE, DUE, 50_000, None)], &[]);
    let d = decide(&a, "2026-11-11T23:59:59Z");
    assert_eq!(states(&d), one("P", 0, "pending", Value::Null));
    assert_eq!(d["promises"][0]["deadline"], DEADLINE);
    // At the deadline instant itself the promise is broken, settled at the deadline.
    let d = decide(&a, DEADLINE);
    assert_eq!(states(&d), one("P", 0, "broken", json!(DEADLINE)));
}

#[test]
fn a_payment_in_the_grace_day_keeps_the_promise() {
    // Paid in full on 11 Nov (due + 1, within the grace day), one second before the deadline.
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, None)],
        &[("2026-11-11T23:59:59Z", 50_000)],
    );
    let d = decide(&a, "2026-11-20T12:00:00Z");
    assert_eq!(states(&d), one("P", 50_000, "kept", json!("2026-11-11T23:59:59Z")));
}

#[test]
fn a_payment_at_the_deadline_is_too_late() {
    // "Payments strictly before the deadline count": at 12 Nov 00:00 it does not.
    let a = account("UTC", &[("P", MADE, DUE, 50_000, None)], &[(DEADLINE, 50_000)]);
    let d = decide(&a, "2026-11-20T12:00:00Z");
    assert_eq!(states(&d), one("P", 0, "broken", json!(DEADLINE)));
}

#[test]
fn partly_paid_is_pending_then_broken_with_what_was_paid() {
    // 30,000 of 50,000 on 5 Nov.
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, None)],
        &[("2026-11-05T10:00:00Z", 30_000)],
    );
    assert_eq!(
        states(&decide(&a, "2026-11-06T00:00:00Z")),
        one("P", 30_000, "pending", Value::Null)
    );
    assert_eq!(
        states(&decide(&a, "2026-11-13T00:00:00Z")),
        one("P", 30_000, "broken", json!(DEADLINE))
    );
}

#[test]
fn two_payments_that_reach_the_amount_keep_it_at_the_second() {
    // 20,000 on 5 Nov + 30,000 on 9 Nov = 50,000 → kept when the second arrives.
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, None)],
        &[("2026-11-09T10:00:00Z", 30_000), ("2026-11-05T10:00:00Z", 20_000)],
    );
    let d = decide(&a, "2026-11-20T00:00:00Z");
    assert_eq!(states(&d), one("P", 50_000, "kept", json!("2026-11-09T10:00:00Z")));
}

#[test]
fn cancelled_before_the_deadline_is_cancelled() {
    let a = account("UTC", &[("P", MADE, DUE, 50_000, Some("2026-11-08T10:00:00Z"))], &[]);
    let d = decide(&a, "2026-11-20T00:00:00Z");
    assert_eq!(states(&d), one("P", 0, "cancelled", json!("2026-11-08T10:00:00Z")));
    // Before the cancellation happened (as of 7 Nov) it is still pending: a decision knows only the past.
    let d = decide(&a, "2026-11-07T00:00:00Z");
    assert_eq!(states(&d), one("P", 0, "pending", Value::Null));
}

#[test]
fn cancelled_at_or_after_the_deadline_stays_broken() {
    // Cancelled on 13 Nov, after the 12 Nov 00:00 deadline: already broken, stays broken.
    let a = account("UTC", &[("P", MADE, DUE, 50_000, Some("2026-11-13T10:00:00Z"))], &[]);
    assert_eq!(
        states(&decide(&a, "2026-11-20T00:00:00Z")),
        one("P", 0, "broken", json!(DEADLINE))
    );
    // Cancelled exactly at the deadline: not *before* it, so broken too.
    let a = account("UTC", &[("P", MADE, DUE, 50_000, Some(DEADLINE))], &[]);
    assert_eq!(
        states(&decide(&a, "2026-11-20T00:00:00Z")),
        one("P", 0, "broken", json!(DEADLINE))
    );
}

#[test]
fn a_kept_promise_cancelled_later_stays_kept() {
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, Some("2026-11-08T10:00:00Z"))],
        &[("2026-11-06T10:00:00Z", 50_000)],
    );
    assert_eq!(
        states(&decide(&a, "2026-11-20T00:00:00Z")),
        one("P", 50_000, "kept", json!("2026-11-06T10:00:00Z"))
    );
}

#[test]
fn payments_fill_the_oldest_promise_first_whatever_the_listing_order() {
    // B (made 2 Nov) is listed before A (made 1 Nov); both 100,000 due 10 Nov. One payment of 150,000 on 5 Nov:
    // A, the older, takes 100,000 (kept); B takes the remaining 50,000 (pending until its deadline).
    let a = account(
        "UTC",
        &[
            ("B", "2026-11-02T09:00:00Z", DUE, 100_000, None),
            ("A", "2026-11-01T09:00:00Z", DUE, 100_000, None),
        ],
        &[("2026-11-05T12:00:00Z", 150_000)],
    );
    let d = decide(&a, "2026-11-06T00:00:00Z");
    // Listed in the account's order: B, then A.
    assert_eq!(
        states(&d),
        vec![
            ("B".into(), 50_000, "pending".into(), Value::Null),
            ("A".into(), 100_000, "kept".into(), json!("2026-11-05T12:00:00Z")),
        ]
    );
    // After B's deadline: B broken with the 50,000 it received.
    let d = decide(&a, "2026-11-12T00:00:00Z");
    assert_eq!(d["promises"][0]["state"], "broken");
    assert_eq!(d["promises"][0]["paid"], 50_000);
}

#[test]
fn a_payment_before_the_promise_was_made_does_not_count() {
    // Paid at 08:00, promise made at 09:00 the same day: the payment predates it → nothing credited → broken.
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, None)],
        &[("2026-11-01T08:00:00Z", 50_000)],
    );
    assert_eq!(
        states(&decide(&a, "2026-11-20T00:00:00Z")),
        one("P", 0, "broken", json!(DEADLINE))
    );
}

#[test]
fn a_payment_taken_on_the_call_that_made_the_promise_counts() {
    // Same timestamp for the promise and the payment ("made at or before it").
    let a = account("UTC", &[("P", MADE, DUE, 50_000, None)], &[(MADE, 50_000)]);
    assert_eq!(
        states(&decide(&a, "2026-11-20T00:00:00Z")),
        one("P", 50_000, "kept", json!(MADE))
    );
}

#[test]
fn a_late_payment_goes_to_the_next_open_promise() {
    // A due 3 Nov (deadline 5 Nov 00:00), B due 20 Nov. 100,000 paid on 6 Nov: A is past its deadline and
    // closed, so B (although younger) receives it and is kept; A is broken with 0.
    let a = account(
        "UTC",
        &[
            ("A", "2026-11-01T09:00:00Z", "2026-11-03", 100_000, None),
            ("B", "2026-11-02T09:00:00Z", "2026-11-20", 100_000, None),
        ],
        &[("2026-11-06T10:00:00Z", 100_000)],
    );
    assert_eq!(
        states(&decide(&a, "2026-11-10T00:00:00Z")),
        vec![
            ("A".into(), 0, "broken".into(), json!("2026-11-05T00:00:00Z")),
            ("B".into(), 100_000, "kept".into(), json!("2026-11-06T10:00:00Z")),
        ]
    );
}

#[test]
fn a_cancelled_promise_receives_nothing_after_its_cancellation() {
    // A (older) cancelled 3 Nov; 100,000 paid 4 Nov goes to B.
    let a = account(
        "UTC",
        &[
            ("A", "2026-11-01T09:00:00Z", DUE, 100_000, Some("2026-11-03T09:00:00Z")),
            ("B", "2026-11-02T09:00:00Z", DUE, 100_000, None),
        ],
        &[("2026-11-04T10:00:00Z", 100_000)],
    );
    assert_eq!(
        states(&decide(&a, "2026-11-20T00:00:00Z")),
        vec![
            ("A".into(), 0, "cancelled".into(), json!("2026-11-03T09:00:00Z")),
            ("B".into(), 100_000, "kept".into(), json!("2026-11-04T10:00:00Z")),
        ]
    );
}

#[test]
fn a_payment_larger_than_the_promise_spills_into_the_next() {
    // A 30,000 and B 40,000, one payment of 100,000: A kept (30,000), B kept (40,000), 30,000 left unassigned.
    let a = account(
        "UTC",
        &[
            ("A", "2026-11-01T09:00:00Z", DUE, 30_000, None),
            ("B", "2026-11-02T09:00:00Z", DUE, 40_000, None),
        ],
        &[("2026-11-05T10:00:00Z", 100_000)],
    );
    let s = states(&decide(&a, "2026-11-20T00:00:00Z"));
    assert_eq!((s[0].1, s[0].2.as_str()), (30_000, "kept"));
    assert_eq!((s[1].1, s[1].2.as_str()), (40_000, "kept"));
}

#[test]
fn a_promise_made_after_as_of_is_not_listed() {
    let a = account(
        "UTC",
        &[
            ("A", "2026-11-01T09:00:00Z", DUE, 10_000, None),
            ("Later", "2026-11-15T09:00:00Z", "2026-11-30", 10_000, None),
        ],
        &[],
    );
    let d = decide(&a, "2026-11-10T00:00:00Z");
    let ids: Vec<&str> = d["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A"]);
}

#[test]
fn the_deadline_is_local_midnight_in_the_borrowers_zone() {
    // Shanghai (UTC+8): due 20 Nov + 1 grace day → deadline 22 Nov 00:00 local = 21 Nov 16:00Z.
    let p: P<'_> = ("P", "2026-11-15T02:00:00Z", "2026-11-20", 50_000, None);
    let a = account("Asia/Shanghai", &[p], &[("2026-11-21T15:59:59Z", 50_000)]);
    let d = decide(&a, "2026-11-28T09:00:00Z");
    assert_eq!(d["promises"][0]["deadline"], "2026-11-21T16:00:00Z");
    assert_eq!(d["promises"][0]["state"], "kept");
    let a = account("Asia/Shanghai", &[p], &[("2026-11-21T16:00:00Z", 50_000)]);
    let d = decide(&a, "2026-11-28T09:00:00Z");
    assert_eq!(states(&d), one("P", 0, "broken", json!("2026-11-21T16:00:00Z")));
}

#[test]
fn grace_days_come_from_the_policy() {
    // No grace: due 10 Nov → deadline 11 Nov 00:00; a payment on 11 Nov is too late.
    let mut p = policy();
    p["promises"]["grace_days"] = json!(0);
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, None)],
        &[("2026-11-11T08:00:00Z", 50_000)],
    );
    let d = decide_under(&p, &a, "2026-11-20T00:00:00Z");
    assert_eq!(d["promises"][0]["deadline"], "2026-11-11T00:00:00Z");
    assert_eq!(d["promises"][0]["state"], "broken");
    // Three grace days: deadline 10 + 3 + 1 = 14 Nov 00:00; a payment on 13 Nov keeps it.
    p["promises"]["grace_days"] = json!(3);
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, None)],
        &[("2026-11-13T20:00:00Z", 50_000)],
    );
    let d = decide_under(&p, &a, "2026-11-20T00:00:00Z");
    assert_eq!(d["promises"][0]["deadline"], "2026-11-14T00:00:00Z");
    assert_eq!(d["promises"][0]["state"], "kept");
}

/// An account with an arrangement agreed 1 Nov 10:00Z: 50,000 due 10 Nov and 50,000 due 10 Dec.
fn arranged(payments: &[(&str, i64)]) -> Value {
    let mut a = account("UTC", &[], payments);
    a["arrangement"] = json!({
        "id": "ARR",
        "agreed_at": "2026-11-01T10:00:00Z",
        "instalments": [{"due": "2026-11-10", "amount": 50_000}, {"due": "2026-12-10", "amount": 50_000}],
    });
    a
}

#[test]
fn an_arrangement_is_current_while_paid_in_time_and_completed_when_all_are_kept() {
    let a = arranged(&[("2026-11-10T12:00:00Z", 50_000)]);
    let d = decide(&a, "2026-11-20T00:00:00Z");
    assert_eq!(d["arrangement"]["state"], "current");
    assert_eq!(d["arrangement"]["instalments"][0]["id"], "ARR#1");
    assert_eq!(d["arrangement"]["instalments"][0]["state"], "kept");
    assert_eq!(d["arrangement"]["instalments"][1]["state"], "pending");
    // Second instalment paid on 11 Dec (the grace day; deadline 12 Dec 00:00) → every instalment kept.
    let a = arranged(&[("2026-11-10T12:00:00Z", 50_000), ("2026-12-11T12:00:00Z", 50_000)]);
    assert_eq!(decide(&a, "2026-12-20T00:00:00Z")["arrangement"]["state"], "completed");
}

#[test]
fn an_arrangement_breaks_when_an_instalment_passes_its_deadline_unpaid() {
    // Nothing for the second instalment by 12 Dec 00:00 → broken.
    let a = arranged(&[("2026-11-10T12:00:00Z", 50_000)]);
    let d = decide(&a, "2026-12-12T00:00:00Z");
    assert_eq!(d["arrangement"]["state"], "broken");
    assert_eq!(d["arrangement"]["instalments"][1]["state"], "broken");
}

#[test]
fn payments_before_the_arrangement_was_agreed_do_not_pay_it() {
    // 50,000 paid at 09:00 on 1 Nov, an hour before the arrangement was agreed: the first instalment receives
    // nothing and breaks at 12 Nov 00:00.
    let a = arranged(&[("2026-11-01T09:00:00Z", 50_000)]);
    let d = decide(&a, "2026-11-20T00:00:00Z");
    assert_eq!(d["arrangement"]["instalments"][0]["paid"], 0);
    assert_eq!(d["arrangement"]["state"], "broken");
}

#[test]
fn a_deadline_on_a_day_that_starts_after_a_clock_change() {
    // Santiago (America/Santiago) moves from −04:00 to −03:00 at local midnight on Sunday 6 Sep 2026: 00:00
    // does not exist and the day starts at 01:00 −03:00 = 04:00Z (checked with Python's zoneinfo: 03:00Z is
    // 23:00 on the 5th at −04:00, 04:00Z is 01:00 on the 6th at −03:00). Due 4 Sep + 1 grace day → the
    // deadline is the start of 6 Sep = 2026-09-06T04:00:00Z.
    let p: P<'_> = ("P", "2026-09-01T12:00:00Z", "2026-09-04", 50_000, None);
    let a = account("America/Santiago", &[p], &[("2026-09-06T03:59:59Z", 50_000)]);
    let d = decide(&a, "2026-09-10T12:00:00Z");
    assert_eq!(d["promises"][0]["deadline"], "2026-09-06T04:00:00Z");
    assert_eq!(d["promises"][0]["state"], "kept");
    let a = account("America/Santiago", &[p], &[("2026-09-06T04:00:00Z", 50_000)]);
    let d = decide(&a, "2026-09-10T12:00:00Z");
    assert_eq!(states(&d), one("P", 0, "broken", json!("2026-09-06T04:00:00Z")));
}

#[test]
fn a_surplus_does_not_flow_to_a_promise_made_after_the_payment() {
    // A (100,000, made 1 Nov) receives 100,000 of a 150,000 payment on 3 Nov; the 50,000 surplus has no open
    // promise: B, made on 4 Nov, was made after the payment and gets nothing.
    let a = account(
        "UTC",
        &[
            ("A", "2026-11-01T09:00:00Z", DUE, 100_000, None),
            ("B", "2026-11-04T09:00:00Z", DUE, 50_000, None),
        ],
        &[("2026-11-03T10:00:00Z", 150_000)],
    );
    assert_eq!(
        states(&decide(&a, "2026-11-06T00:00:00Z")),
        vec![
            ("A".into(), 100_000, "kept".into(), json!("2026-11-03T10:00:00Z")),
            ("B".into(), 0, "pending".into(), Value::Null),
        ]
    );
}

#[test]
fn a_payment_after_as_of_is_not_known_yet() {
    // Paid on 8 Nov; decided on 6 Nov: the promise is still pending with nothing paid.
    let a = account(
        "UTC",
        &[("P", MADE, DUE, 50_000, None)],
        &[("2026-11-08T10:00:00Z", 50_000)],
    );
    assert_eq!(
        states(&decide(&a, "2026-11-06T00:00:00Z")),
        one("P", 0, "pending", Value::Null)
    );
}
