//! The contact plan's ladder rules, one behaviour each, with expectations worked out by hand from the rule
//! (README "The contact ladder" and the default policy's ladders), not from the engine's output:
//! - an instalment due today and unpaid is reminded as due today, not chased as overdue;
//! - once overdue, only steps after the due date (dpd > 0) apply: a due-today step never comes back;
//! - a promise broken in the last 7 days (strictly) brings the next step forward; a kept one does not;
//! - a step already carried out at its moment is not planned again;
//! - a step falling before a pending promise's deadline waits; one at the deadline does not;
//! - a review (bankruptcy) without a cease request writes no "efforts ending" letter, and neither does a
//!   reply asking to stop that the lender has not recorded as a cease request (it may revoke one channel only);
//! - a segment for hardship takes only accounts flagged in hardship;
//! - the efforts-ending letter answers the latest stop request once, and only a letter or e-mail sent after
//!   that request (by the lender, up to now) counts as having answered it;
//! - an arrangement instalment due today still gets its check-in;
//! - only calls count against the call caps (CN: six attempts a day);
//! - learned channel rates reorder a "best" step except for the accounts in the exploration share
//!   (slot < explore_bps);
//! - a stated inconvenient period that crosses midnight holds contact until its end the next morning.
//!
//! Every account is Chinese (window 09:00–20:00) in UTC, so local and UTC times coincide; messages are off.
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
    let out: Value = serde_json::from_str(&dunwell::api::call(&engine, "decide", &input.to_string())).unwrap();
    assert!(out["error"].is_null(), "{out}");
    out["ok"].clone()
}

/// Outstanding 1,000,000 + 20,000; one instalment of 100,000 due `due`; every channel reachable.
fn account(due: &str) -> Value {
    json!({
        "id": "SCH-1",
        "jurisdiction": "CN",
        "currency": "CNY",
        "balances": {"principal": 1_000_000, "interest": 20_000, "fees": 0},
        "borrower": {"name": "王芳", "time_zone": "UTC"},
        "instalments": [{"due": due, "amount": 100_000}],
        "channels": {
            "sms": {"address": "+86 138 0000 0000", "consent": true},
            "call": {"address": "+86 138 0000 0000"},
            "email": {"address": "wang@example.com"},
            "letter": {"address": "1 Road, Beijing"}
        }
    })
}

/// (rule, at, channel) of every planned action.
fn actions(d: &Value) -> Vec<(String, String, String)> {
    d["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["rule"].as_str().unwrap().to_string(),
                a["at"].as_str().unwrap().to_string(),
                a["channel"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rules(d: &Value) -> Vec<String> {
    actions(d).into_iter().map(|a| a.0).collect()
}

#[test]
fn an_instalment_due_today_is_reminded_as_due_today() {
    // Due Thursday 10 December, unpaid, at 08:00: DPD 0, bucket M0, the m0 ladder's dpd-0 step (SMS at 09:30)
    // is reached today and is the only step planned: the M1 steps count from the due date only once it passes.
    let d = decide_under(&policy(), &account("2026-12-10"), "2026-12-10T08:00:00Z");
    assert_eq!(d["dpd"], 0);
    assert_eq!(d["stage"]["step"], "m0_due_today");
    assert_eq!(
        actions(&d),
        vec![(
            "m0_courtesy/m0_due_today".to_string(),
            "2026-12-10T09:30:00+00:00".to_string(),
            "sms".to_string()
        )]
    );
}

#[test]
fn once_overdue_a_due_today_step_never_comes_back() {
    // One segment for M0 and M1 whose ladder is a dpd-0 SMS and a dpd-5 SMS. Two days past due, the ladder
    // counts from the oldest unpaid due date and only dpd > 0 steps apply: the dpd-0 step is not caught up,
    // and the dpd-5 step (15 December, 10:00) is the next.
    let mut p = policy();
    p["segments"] = json!([{
        "name": "all",
        "when": {"buckets": ["M0", "M1"]},
        "ladder": [
            {"id": "m0_due_today", "dpd": 0, "channel": "sms", "template": "due_today", "time": "10:00"},
            {"id": "m1_sms_1", "dpd": 5, "channel": "sms", "template": "m1_missed_payment", "time": "10:00"}
        ]
    }]);
    let d = decide_under(&p, &account("2026-12-10"), "2026-12-12T08:00:00Z");
    assert_eq!(d["dpd"], 2);
    assert_eq!(d["stage"]["step"], Value::Null);
    assert_eq!(
        actions(&d),
        vec![(
            "all/m1_sms_1".to_string(),
            "2026-12-15T10:00:00+00:00".to_string(),
            "sms".to_string()
        )]
    );
}

/// Due 20 November, unpaid; the m1 ladder's day-14 step (4 December, best channel) was carried out by an SMS
/// at 10:00 that day, so nothing needs catching up; `promise` is added to the history.
fn chased_account(promise: Value, payments: Value) -> Value {
    let mut a = account("2026-11-20");
    a["history"] = json!({
        "contacts": [{"at": "2026-12-04T10:00:00Z", "channel": "sms", "direction": "outbound", "outcome": "sent"}],
        "promises": [promise],
        "payments": payments,
    });
    a
}

#[test]
fn a_promise_broken_within_the_last_seven_days_brings_the_next_step_forward() {
    // Promised for 27 November; with one grace day it is broken at the start of 29 November (its deadline).
    let promise = json!({"id": "P1", "made_at": "2026-11-25T09:00:00Z", "due": "2026-11-27", "amount": 100_000});
    // 5 December 08:00: broken 6 days 8 hours ago, so the next m1 step (the day-21 call) is brought forward,
    // marked as such, instead of waiting for 11 December.
    let d = decide_under(
        &policy(),
        &chased_account(promise.clone(), json!([])),
        "2026-12-05T08:00:00Z",
    );
    assert!(
        rules(&d).contains(&"m1_gentle/m1_call_2:broken_promise".to_string()),
        "{:?}",
        actions(&d)
    );
    // 6 December 00:00: broken exactly 7 days ago, no longer "within the last 7 days": the call keeps its day.
    let d = decide_under(&policy(), &chased_account(promise, json!([])), "2026-12-06T00:00:00Z");
    let r = rules(&d);
    assert!(!r.iter().any(|x| x.ends_with(":broken_promise")), "{r:?}");
    assert!(r.contains(&"m1_gentle/m1_call_2".to_string()), "{r:?}");
}

#[test]
fn a_kept_promise_brings_nothing_forward() {
    // A promise of 10,000 kept by a payment of 10,000 on 1 December: the instalment is still unpaid (DPD 15),
    // but nothing was broken, so the day-21 call keeps its own day.
    let promise = json!({"id": "P1", "made_at": "2026-11-25T09:00:00Z", "due": "2026-12-02", "amount": 10_000});
    let payments = json!([{"at": "2026-12-01T12:00:00Z", "amount": 10_000}]);
    let d = decide_under(&policy(), &chased_account(promise, payments), "2026-12-05T08:00:00Z");
    assert_eq!(d["promises"][0]["state"], "kept");
    let r = rules(&d);
    assert!(!r.iter().any(|x| x.ends_with(":broken_promise")), "{r:?}");
}

#[test]
fn a_step_carried_out_at_its_moment_is_not_planned_again() {
    // Due 20 November; the m1 ladder's day-1 SMS is at 10:00 on 21 November, and an SMS went out at exactly
    // 10:00. Deciding at that moment: the step is done, so no SMS is planned for it again.
    let mut a = account("2026-11-20");
    a["history"] = json!({
        "contacts": [{"at": "2026-11-21T10:00:00Z", "channel": "sms", "direction": "outbound", "outcome": "sent"}]
    });
    let d = decide_under(&policy(), &a, "2026-11-21T10:00:00Z");
    let r = rules(&d);
    assert!(!r.iter().any(|x| x.starts_with("m1_gentle/m1_sms_1")), "{r:?}");
}

#[test]
fn a_step_waits_for_a_pending_promise_only_before_its_deadline() {
    // A ladder step at 00:00 on 3 December, and a promise due 1 December: with one grace day its deadline is
    // the start of 3 December. The step's moment is the deadline itself, not before it, so it is planned (in
    // the 09:00 window), not held back.
    let mut p = policy();
    p["segments"] = json!([{
        "name": "all",
        "when": {"buckets": ["M1"]},
        "ladder": [{"id": "m1_sms_1", "dpd": 13, "channel": "sms", "template": "m1_missed_payment", "time": "00:00"}]
    }]);
    let mut a = account("2026-11-20");
    a["history"] = json!({
        "promises": [{"id": "P1", "made_at": "2026-11-29T09:00:00Z", "due": "2026-12-01", "amount": 100_000}]
    });
    let d = decide_under(&p, &a, "2026-11-30T12:00:00Z");
    assert_eq!(d["promises"][0]["deadline"], "2026-12-03T00:00:00Z");
    assert!(rules(&d).contains(&"all/m1_sms_1".to_string()), "{d}");
    // A day later in the ladder (1 December 00:00, before the deadline), the same step waits for the promise.
    p["segments"][0]["ladder"][0]["dpd"] = json!(11);
    let d = decide_under(&p, &a, "2026-11-30T12:00:00Z");
    assert!(rules(&d).is_empty(), "{:?}", actions(&d));
    assert_eq!(d["suppressed"][0]["reason"], "promise_pending");
}

#[test]
fn a_review_without_a_cease_request_writes_no_efforts_ending_letter() {
    // Bankruptcy sends the account to review: every step is held, and no "efforts ending" letter (which is
    // the answer to a cease request) is written.
    let mut a = account("2026-11-20");
    a["flags"] = json!({"bankruptcy": true});
    let d = decide_under(&policy(), &a, "2026-12-05T08:00:00Z");
    assert_eq!(d["review"], "bankruptcy");
    assert!(actions(&d).is_empty(), "{:?}", actions(&d));
}

#[test]
fn only_a_recorded_cease_request_is_answered_with_the_efforts_ending_letter() {
    // A reply on 1 December read as stop_contact (e.g. "stop calling me", one channel). Without the cease
    // flag it is not a cease request, so no notice that collection efforts end is written.
    let mut a = account("2026-11-20");
    a["history"] = json!({
        "contacts": [{"at": "2026-12-01T12:00:00Z", "channel": "sms", "direction": "inbound", "outcome": "replied",
                      "intents": ["stop_contact"]}]
    });
    let d = decide_under(&policy(), &a, "2026-12-05T08:00:00Z");
    assert!(
        !rules(&d).iter().any(|r| r.contains("efforts_ending")),
        "{:?}",
        actions(&d)
    );
    // Recorded as a cease request, it is answered once, in writing.
    a["flags"] = json!({"cease": true});
    let d = decide_under(&policy(), &a, "2026-12-05T08:00:00Z");
    assert!(
        rules(&d).iter().any(|r| r.contains("efforts_ending")),
        "{:?}",
        actions(&d)
    );
}

#[test]
fn a_hardship_segment_takes_only_accounts_in_hardship() {
    // A hardship-only M1 segment placed first: an account in hardship is planned from it, one that is not
    // from the ordinary M1 segment behind it.
    let mut p = policy();
    let segments = p["segments"].as_array().unwrap().clone();
    let mut with_care = vec![json!({
        "name": "m1_care",
        "when": {"buckets": ["M1"], "hardship": true},
        "ladder": [{"id": "care_call", "dpd": 16, "channel": "call", "template": "m1_call_script", "time": "11:00"}]
    })];
    with_care.extend(segments);
    p["segments"] = json!(with_care);
    let mut a = account("2026-11-20");
    a["flags"] = json!({"hardship": true});
    assert_eq!(decide_under(&p, &a, "2026-12-05T08:00:00Z")["segment"], "m1_care");
    assert_eq!(
        decide_under(&p, &account("2026-11-20"), "2026-12-05T08:00:00Z")["segment"],
        "m1_gentle"
    );
}

/// A cease request (SMS reply read as stop_contact on 1 December) recorded with the cease flag, plus `more`.
fn ceased(more: Vec<Value>) -> Value {
    let mut a = account("2026-11-20");
    let mut contacts = vec![
        json!({"at": "2026-12-01T12:00:00Z", "channel": "sms", "direction": "inbound",
        "outcome": "replied", "intents": ["stop_contact"]}),
    ];
    contacts.extend(more);
    a["history"] = json!({ "contacts": contacts });
    a["flags"] = json!({"cease": true});
    a
}

fn writes_efforts_ending(a: &Value) -> bool {
    rules(&decide_under(&policy(), a, "2026-12-05T08:00:00Z"))
        .iter()
        .any(|r| r.contains("efforts_ending"))
}

#[test]
fn the_efforts_ending_letter_answers_the_latest_stop_request_once() {
    let contact = |at: &str, channel: &str, direction: &str| json!({"at": at, "channel": channel, "direction": direction, "outcome": if direction == "inbound" { "replied" } else { "sent" }});
    // Nothing written since the request: the letter is due.
    assert!(writes_efforts_ending(&ceased(vec![])));
    // A letter went out after it: answered, nothing more.
    assert!(!writes_efforts_ending(&ceased(vec![contact(
        "2026-12-02T10:00:00Z",
        "letter",
        "outbound"
    )])));
    // A reply from the borrower without a stop request after the letter does not call for a second letter.
    assert!(!writes_efforts_ending(&ceased(vec![
        contact("2026-12-02T10:00:00Z", "letter", "outbound"),
        contact("2026-12-03T10:00:00Z", "email", "inbound"),
    ])));
    // An SMS (not writing), the borrower's own e-mail, a letter dated in the future, or one sent at the very
    // moment of the request (not in answer to it) do not answer it.
    for other in [
        contact("2026-12-02T10:00:00Z", "sms", "outbound"),
        contact("2026-12-02T10:00:00Z", "email", "inbound"),
        contact("2026-12-09T10:00:00Z", "letter", "outbound"),
        contact("2026-12-01T12:00:00Z", "letter", "outbound"),
    ] {
        assert!(writes_efforts_ending(&ceased(vec![other.clone()])), "{other}");
    }
}

#[test]
fn an_arrangement_instalment_due_today_still_gets_its_check_in() {
    // An arrangement with an instalment due today (5 December) and one on 19 December; at 08:00, before the
    // check-in time, the check-in for today's instalment is planned today.
    let p = policy();
    let mut a = account("2026-11-20");
    a["arrangement"] = json!({"id": "A1", "agreed_at": "2026-11-25T10:00:00Z",
        "instalments": [{"due": "2026-12-05", "amount": 50_000}, {"due": "2026-12-19", "amount": 50_000}]});
    // Check-ins come two days before each instalment at 10:00: today's (its day, 3 December, has passed) at
    // 10:00 today, the next on 17 December.
    let d = decide_under(&p, &a, "2026-12-05T08:00:00Z");
    let at: Vec<String> = actions(&d)
        .into_iter()
        .filter(|a| a.0 == "checkin")
        .map(|a| a.1)
        .collect();
    assert_eq!(at, vec!["2026-12-05T10:00:00+00:00", "2026-12-17T10:00:00+00:00"]);
}

#[test]
fn only_calls_count_against_the_daily_call_attempts() {
    // CN allows six call attempts a day. Six text messages this morning are no call: the day-7 call keeps its
    // place at 11:00 on 27 November.
    let mut a = account("2026-11-20");
    let texts: Vec<Value> = (0..6)
        .map(|m| json!({"at": format!("2026-11-27T07:{:02}:00Z", m * 5), "channel": "sms", "direction": "outbound", "outcome": "sent"}))
        .collect();
    a["history"] = json!({ "contacts": texts });
    let d = decide_under(&policy(), &a, "2026-11-27T08:00:00Z");
    assert!(
        actions(&d).contains(&(
            "m1_gentle/m1_call_1".to_string(),
            "2026-11-27T11:00:00+00:00".to_string(),
            "call".to_string()
        )),
        "{:?}",
        actions(&d)
    );
}

#[test]
fn learned_rates_reorder_a_best_step_outside_the_exploration_share() {
    // One M1 segment with a "best" step on day 14; letters answered most, texts least.
    let mut p = policy();
    p["segments"] = json!([{"name": "m1", "when": {"buckets": ["M1"]},
        "ladder": [{"id": "b", "dpd": 14, "channel": "best", "template": "m1_second_reminder", "time": "10:00"}]}]);
    let slot = dunwell::experiment::slot("explore:b", "SCH-1");
    let learned = |explore: u32| {
        json!({"explore_bps": explore, "rates": [
            {"segment": "m1", "channel": "letter", "mean": 0.9},
            {"segment": "m1", "channel": "sms", "mean": 0.1}
        ]})
    };
    let channel = |p: &Value| {
        let d = decide_under(p, &account("2026-11-20"), "2026-12-03T08:00:00Z");
        actions(&d).first().map(|a| a.2.clone()).unwrap_or_default()
    };
    // slot == explore_bps: not below it, so not explored: the best-answered channel goes first.
    p["channels"]["learned"] = learned(slot);
    assert_eq!(channel(&p), "letter");
    // slot < explore_bps: explored, the profile's own order (the policy's default order starts with SMS).
    p["channels"]["learned"] = learned(slot + 1);
    assert_eq!(p["channels"]["default_order"][0], "sms");
    assert_eq!(channel(&p), "sms");
}

/// Where a one-step SMS ladder's step on day `dpd` at `time` lands for a borrower who said Friday 19:00 to
/// Saturday 12:00 is inconvenient (a period crossing midnight), deciding at 08:00 on the step's day; and the
/// reasons it was moved.
fn placed(dpd: u32, time: &str) -> (String, Value) {
    let mut p = policy();
    p["segments"] = json!([{"name": "m1", "when": {"buckets": ["M1"]},
        "ladder": [{"id": "s", "dpd": dpd, "channel": "sms", "template": "m1_missed_payment", "time": time}]}]);
    let mut a = account("2026-11-20");
    a["borrower"]["inconvenient_times"] = json!([{"days": [5], "from": "19:00", "to": "12:00"}]);
    let day = 20 + dpd;
    let d = decide_under(&p, &a, &format!("2026-11-{day}T08:00:00Z"));
    let action = d["actions"][0].clone();
    (
        action["at"].as_str().unwrap_or("").to_string(),
        action["adjusted"].clone(),
    )
}

#[test]
fn an_inconvenient_time_crossing_midnight_holds_until_its_end_the_next_morning() {
    // Friday 27 November 19:30: inside Friday's period, held until Saturday 12:00, for that reason alone.
    let (at, adjusted) = placed(7, "19:30");
    assert_eq!(at, "2026-11-28T12:00:00+00:00");
    assert_eq!(adjusted, json!(["stated_inconvenient_time"]));
    // Saturday 10:00: still inside the period that began on Friday evening.
    assert_eq!(placed(8, "10:00").0, "2026-11-28T12:00:00+00:00");
    // Saturday 12:00 exactly: the period's end is exclusive, so the step keeps its moment, unmoved.
    assert_eq!(placed(8, "12:00"), ("2026-11-28T12:00:00+00:00".to_string(), json!([])));
    // Saturday 13:00, after it ended; Thursday 19:30 (not a stated day); Sunday 10:00 (the evening before was
    // a Saturday, not a stated day): untouched.
    assert_eq!(placed(8, "13:00").0, "2026-11-28T13:00:00+00:00");
    assert_eq!(placed(6, "19:30").0, "2026-11-26T19:30:00+00:00");
    assert_eq!(placed(9, "10:00").0, "2026-11-29T10:00:00+00:00");
}
