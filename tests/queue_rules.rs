//! The collectors' queue, stated from the rule (src/queue.rs): only the day's manual actions are work; each is
//! ranked by expected recovery (probability to pay × overdue) × urgency (1.0 at 0 DPD, 2.0 at 30, 4.0 at 90:
//! 1 + DPD/30), highest first; each goes to the agent with the most capacity left (ties: the first listed);
//! no agent takes more than its capacity, and what nobody can take is `unassigned`, in priority order; a
//! difficult case (hardship, or a softened tone after an angry reply) counts towards a cap on difficult cases
//! in a row, after which the agent gets a pause. Decisions may be `ok` objects or whole envelopes; error
//! envelopes are skipped. Expected values are derived by hand beside each assertion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

fn queue(input: &Value) -> Value {
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, envelope) = dunwell::api::engine_new(&format!(r#"{{"policy":{policy}}}"#));
    let engine = engine.unwrap_or_else(|| panic!("{envelope}"));
    serde_json::from_str(&dunwell::api::call(&engine, "queue", &input.to_string())).unwrap()
}

const DAY: &str = "2026-11-28";

/// A decision envelope with one manual call today (and an automatic SMS today, which is not queue work).
fn decision(id: &str, overdue: i64, dpd: i64, p: f64, hardship: bool, softened: bool) -> Value {
    json!({"ok": {
        "account_id": id,
        "dpd": dpd,
        "arrears": {"overdue_amount": overdue},
        "score": {"probability": p},
        "debt_advice": if hardship { json!({"name": "MoneyHelper", "contact": "0800 138 7777"}) } else { Value::Null },
        "actions": [
            {"step": "call_1", "channel": "call", "mode": "manual", "at": "2026-11-28T10:00:00-05:00",
             "template": "m2_call_script", "softened": if softened { json!("angry_reply") } else { Value::Null }},
            {"step": "sms_1", "channel": "sms", "mode": "auto", "at": "2026-11-28T09:00:00-05:00",
             "template": "m2_sms", "softened": null}
        ]
    }})
}

/// `(agent, [account or "pause"])` for each agent, then the unassigned accounts.
fn layout(q: &Value) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let name = |i: &Value| {
        if i["kind"] == "pause" {
            "pause".to_string()
        } else {
            i["account_id"].as_str().unwrap().to_string()
        }
    };
    let agents = q["ok"]["agents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["agent"].as_str().unwrap().to_string(),
                a["items"].as_array().unwrap().iter().map(name).collect(),
            )
        })
        .collect();
    let unassigned = q["ok"]["unassigned"].as_array().unwrap().iter().map(name).collect();
    (agents, unassigned)
}

fn work<'a>(q: &'a Value, account: &str) -> &'a Value {
    let all = q["ok"]["agents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["items"].as_array().unwrap())
        .chain(q["ok"]["unassigned"].as_array().unwrap());
    all.into_iter()
        .find(|i| i["account_id"] == account)
        .unwrap_or_else(|| panic!("no work for {account}"))
}

#[test]
fn expected_recovery_and_priority_by_hand() {
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 10}],
        "decisions": [
            decision("A", 100_000, 30, 0.5, false, false),
            decision("B", 200_000, 0, 0.25, false, false),
            decision("C", 30_000, 90, 0.8, false, false),
            decision("D", 10_000, 45, 0.3, false, false)
        ]
    }));
    // A: 0.5 × 100,000 = 50,000; urgency 1 + 30/30 = 2.0 → 100,000.
    assert_eq!(work(&q, "A")["expected_recovery"], 50_000);
    assert_eq!(work(&q, "A")["priority"], 100_000);
    // B: 0.25 × 200,000 = 50,000; urgency 1.0 (0 DPD) → 50,000.
    assert_eq!(work(&q, "B")["expected_recovery"], 50_000);
    assert_eq!(work(&q, "B")["priority"], 50_000);
    // C: 0.8 × 30,000 = 24,000; urgency 1 + 90/30 = 4.0 → 96,000.
    assert_eq!(work(&q, "C")["expected_recovery"], 24_000);
    assert_eq!(work(&q, "C")["priority"], 96_000);
    // D: 0.3 × 10,000 = 3,000; urgency 1 + 45/30 = 2.5 → 7,500.
    assert_eq!(work(&q, "D")["expected_recovery"], 3_000);
    assert_eq!(work(&q, "D")["priority"], 7_500);
    // Highest priority first: A 100,000, C 96,000, B 50,000, D 7,500.
    let (agents, unassigned) = layout(&q);
    assert_eq!(
        agents,
        [("ann".to_string(), vec!["A".into(), "C".into(), "B".into(), "D".into()])]
    );
    assert!(unassigned.is_empty());
}

#[test]
fn only_manual_actions_of_the_day_are_work() {
    let mut tomorrow = decision("T", 100_000, 30, 0.5, false, false);
    tomorrow["ok"]["actions"][0]["at"] = json!("2026-11-29T10:00:00-05:00");
    let mut auto = decision("U", 100_000, 30, 0.5, false, false);
    auto["ok"]["actions"][0]["mode"] = json!("auto");
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 10}],
        "decisions": [tomorrow, auto, decision("A", 1_000, 0, 1.0, false, false)]
    }));
    // T's call is tomorrow, U's is automatic, every SMS is automatic: only A's call is work.
    let items = q["ok"]["agents"][0]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["account_id"], "A");
    assert_eq!(items[0]["step"], "call_1");
    assert_eq!(items[0]["channel"], "call");
    assert_eq!(items[0]["template"], "m2_call_script");
    assert_eq!(items[0]["at"], "2026-11-28T10:00:00-05:00");
}

#[test]
fn error_envelopes_are_skipped_and_bare_decisions_accepted() {
    let bare = decision("BARE", 40_000, 0, 0.5, false, false)["ok"].clone();
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 10}],
        "decisions": [
            {"error": {"code": "account.bad_currency", "path": "/account/currency", "message": "x"}},
            bare
        ]
    }));
    let (agents, _) = layout(&q);
    assert_eq!(agents[0].1, ["BARE"]);
    // 0.5 × 40,000 = 20,000 at urgency 1.0.
    assert_eq!(work(&q, "BARE")["priority"], 20_000);
}

#[test]
fn equal_priorities_are_ordered_by_account() {
    // Same overdue, DPD and probability: priority ties; the order is by account id, so stable across runs.
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 10}],
        "decisions": [
            decision("Z", 10_000, 0, 0.5, false, false),
            decision("M", 10_000, 0, 0.5, false, false),
            decision("B", 10_000, 0, 0.5, false, false)
        ]
    }));
    assert_eq!(layout(&q).0[0].1, ["B", "M", "Z"]);
}

#[test]
fn work_goes_to_the_agent_with_most_capacity_left_and_capacity_is_a_cap() {
    // Priorities (none difficult): P1 0.5 × 100,000 × 1.0 = 50,000; P2 40,000; P3 30,000; P4 20,000; P5 10,000.
    let decisions: Vec<Value> = [
        ("P1", 100_000),
        ("P2", 80_000),
        ("P3", 60_000),
        ("P4", 40_000),
        ("P5", 20_000),
    ]
    .iter()
    .map(|(id, o)| decision(id, *o, 0, 0.5, false, false))
    .collect();
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 1}, {"id": "bob", "capacity": 2}, {"id": "cy", "capacity": 1}],
        "decisions": decisions
    }));
    // P1: bob has most left (2) → bob (left 1). P2: ann, bob, cy all 1 → first listed, ann (0).
    // P3: bob, cy 1 → bob (0). P4: cy (0). P5: nobody left → unassigned.
    let (agents, unassigned) = layout(&q);
    assert_eq!(
        agents,
        [
            ("ann".to_string(), vec!["P2".to_string()]),
            ("bob".to_string(), vec!["P1".to_string(), "P3".to_string()]),
            ("cy".to_string(), vec!["P4".to_string()])
        ]
    );
    assert_eq!(unassigned, ["P5"]);
}

#[test]
fn a_pause_follows_each_run_of_difficult_cases() {
    // One agent, default cap 2 difficult in a row, pause 10 minutes. Five difficult cases (hardship or
    // softened), priorities 50,000 > 40,000 > 30,000 > 20,000 > 10,000 (0.5 × overdue at 0 DPD).
    let decisions = vec![
        decision("H1", 100_000, 0, 0.5, true, false),
        decision("H2", 80_000, 0, 0.5, false, true),
        decision("H3", 60_000, 0, 0.5, true, true),
        decision("H4", 40_000, 0, 0.5, true, false),
        decision("H5", 20_000, 0, 0.5, false, true),
    ];
    let q = queue(&json!({"date": DAY, "agents": [{"id": "ann", "capacity": 10}], "decisions": decisions}));
    assert_eq!(layout(&q).0[0].1, ["H1", "H2", "pause", "H3", "H4", "pause", "H5"]);
    let items = q["ok"]["agents"][0]["items"].as_array().unwrap();
    assert_eq!(items[2], json!({"kind": "pause", "minutes": 10}));
    assert!(
        items
            .iter()
            .filter(|i| i["kind"] == "work")
            .all(|i| i["difficult"] == true)
    );
}

#[test]
fn an_easy_case_breaks_the_run_and_the_cap_and_pause_are_settable() {
    // Cap 3, pause 15: D1, D2 difficult, E easy, D3, D4, D5 difficult → the run restarts after E, so the pause
    // comes only after D5 (the third in a row).
    let decisions = vec![
        decision("D1", 120_000, 0, 0.5, true, false), // 60,000
        decision("D2", 100_000, 0, 0.5, true, false), // 50,000
        decision("E", 80_000, 0, 0.5, false, false),  // 40,000
        decision("D3", 60_000, 0, 0.5, true, false),  // 30,000
        decision("D4", 40_000, 0, 0.5, true, false),  // 20,000
        decision("D5", 20_000, 0, 0.5, true, false),  // 10,000
    ];
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 10}],
        "max_difficult_in_row": 3,
        "pause_minutes": 15,
        "decisions": decisions
    }));
    assert_eq!(layout(&q).0[0].1, ["D1", "D2", "E", "D3", "D4", "D5", "pause"]);
    assert_eq!(
        q["ok"]["agents"][0]["items"][6],
        json!({"kind": "pause", "minutes": 15})
    );
    assert_eq!(work(&q, "E")["difficult"], false);
}

#[test]
fn no_agent_ever_gets_more_difficult_cases_in_a_row_than_the_cap() {
    // A larger mixed day: 40 cases, every third easy, two agents. Whatever the assignment, no agent's list
    // holds more than 2 difficult work items without a pause between them, and no list exceeds its capacity.
    let decisions: Vec<Value> = (0..40)
        .map(|k| decision(&format!("K{k:02}"), 1_000 * (k + 1), k % 91, 0.5, k % 3 != 0, false))
        .collect();
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 15}, {"id": "bob", "capacity": 12}],
        "decisions": decisions
    }));
    let mut assigned = 0;
    for (a, cap) in q["ok"]["agents"].as_array().unwrap().iter().zip([15, 12]) {
        let items = a["items"].as_array().unwrap();
        let n = items.iter().filter(|i| i["kind"] == "work").count();
        assert!(n <= cap, "{} has {n} > {cap}", a["agent"]);
        assigned += n;
        let mut run = 0;
        for i in items {
            if i["kind"] == "pause" {
                run = 0;
            } else if i["difficult"] == true {
                run += 1;
                assert!(run <= 2, "{}: {items:?}", a["agent"]);
            } else {
                run = 0;
            }
        }
    }
    // 40 work items, 15 + 12 = 27 capacity → 27 assigned, 13 unassigned.
    assert_eq!(assigned, 27);
    let unassigned = q["ok"]["unassigned"].as_array().unwrap();
    assert_eq!(unassigned.len(), 13);
    // Unassigned in priority order (non-increasing).
    let prios: Vec<i64> = unassigned.iter().map(|i| i["priority"].as_i64().unwrap()).collect();
    assert!(prios.windows(2).all(|w| w[0] >= w[1]), "{prios:?}");
    // And nothing unassigned outranks anything assigned: capacity goes to the highest priorities first.
    let lowest_assigned = q["ok"]["agents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["items"].as_array().unwrap())
        .filter_map(|i| i["priority"].as_i64())
        .min()
        .unwrap();
    assert!(prios[0] <= lowest_assigned);
}

#[test]
fn no_agents_is_an_error_at_agents() {
    let q = queue(&json!({"date": DAY, "agents": [], "decisions": []}));
    assert_eq!(q["error"]["code"], "call.bad_value");
    assert_eq!(q["error"]["path"], "/agents");
}

#[test]
fn real_decisions_feed_the_queue() {
    // Decide real accounts, then queue them: every queued item is a manual action of that day in its decision.
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, _) = dunwell::api::engine_new(&format!(r#"{{"policy":{policy}}}"#));
    let engine = engine.unwrap();
    let mut decisions = Vec::new();
    for (id, due) in [("R1", "2026-10-20"), ("R2", "2026-09-20"), ("R3", "2026-08-20")] {
        let account = json!({
            "id": id, "jurisdiction": "US", "currency": "USD",
            "balances": {"principal": 500_000},
            "borrower": {"name": "Ann Lee", "time_zone": "America/New_York"},
            "channels": {"call": {"address": "+12125550100"}, "sms": {"address": "+12125550100", "consent": true},
                         "email": {"address": "ann@example.com"}, "letter": {"address": "1 Main St, Albany NY"}},
            "instalments": [{"due": due, "amount": 50_000}]
        });
        let input = json!({"account": account, "as_of": "2026-11-27T14:00:00Z", "messages": false});
        let out: Value = serde_json::from_str(&dunwell::api::call(&engine, "decide", &input.to_string())).unwrap();
        assert!(out["error"].is_null(), "{out}");
        decisions.push(out);
    }
    let days: Vec<String> = decisions
        .iter()
        .flat_map(|d| d["ok"]["actions"].as_array().unwrap().clone())
        .filter(|a| a["mode"] == "manual")
        .map(|a| a["at"].as_str().unwrap()[..10].to_string())
        .collect();
    let Some(day) = days.first().cloned() else {
        panic!("the default policy planned no manual action for these accounts: nothing to queue");
    };
    let q = queue(&json!({"date": day, "agents": [{"id": "ann", "capacity": 100}], "decisions": decisions}));
    let items = q["ok"]["agents"][0]["items"].as_array().unwrap();
    let expected: usize = days.iter().filter(|d| **d == day).count();
    assert_eq!(items.iter().filter(|i| i["kind"] == "work").count(), expected);
    for i in items.iter().filter(|i| i["kind"] == "work") {
        let d = decisions
            .iter()
            .find(|d| d["ok"]["account_id"] == i["account_id"])
            .unwrap();
        let a = d["ok"]["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["step"] == i["step"] && a["at"] == i["at"])
            .unwrap();
        assert_eq!(a["mode"], "manual");
        // Expected recovery = probability (to 4 decimals, in basis points) × overdue, truncated.
        let p = (d["ok"]["score"]["probability"].as_f64().unwrap() * 10_000.0).round() as i64;
        let overdue = d["ok"]["arrears"]["overdue_amount"].as_i64().unwrap();
        assert_eq!(i["expected_recovery"].as_i64().unwrap(), overdue * p / 10_000);
    }
}

#[test]
fn the_work_day_is_the_borrowers_local_day() {
    // `date` is "in each borrower's local calendar": 23:30 at −05:00 on the 28th is the 28th there (04:30Z on
    // the 29th), so it is work for the 28th; 01:00 at +08:00 on the 29th (17:00Z on the 28th) is not.
    let mut late = decision("NY", 10_000, 0, 0.5, false, false);
    late["ok"]["actions"][0]["at"] = json!("2026-11-28T23:30:00-05:00");
    let mut early = decision("SH", 10_000, 0, 0.5, false, false);
    early["ok"]["actions"][0]["at"] = json!("2026-11-29T01:00:00+08:00");
    let q = queue(&json!({"date": DAY, "agents": [{"id": "ann", "capacity": 10}], "decisions": [late, early]}));
    assert_eq!(layout(&q).0[0].1, ["NY"]);
}

#[test]
fn a_work_day_that_is_not_a_date_is_refused() {
    // Bad input gets a clear error with a JSON path (BRIEF, "Standards"); `date` is documented as
    // `YYYY-MM-DD`. "28/11/2026" matches no action and would silently give an empty queue.
    let q = queue(&json!({
        "date": "28/11/2026",
        "agents": [{"id": "ann", "capacity": 10}],
        "decisions": [decision("A", 10_000, 0, 0.5, false, false)]
    }));
    assert_eq!(q["error"]["path"], "/date", "{q}");
}

#[test]
fn a_partial_date_is_not_a_work_day() {
    // `date` is "the work day (YYYY-MM-DD)". "2026-11-2" is not one; an action on the 28th must not become
    // work for it. Expected: an error at /date (or, at the least, no work).
    let q = queue(&json!({
        "date": "2026-11-2",
        "agents": [{"id": "ann", "capacity": 10}],
        "decisions": [decision("A", 10_000, 0, 0.5, false, false)]
    }));
    assert_eq!(q["error"]["path"], "/date", "{q}");
}

/// Every integer in a JSON document.
fn integers(v: &Value, out: &mut Vec<i128>) {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push(i128::from(i));
            } else if let Some(u) = n.as_u64() {
                out.push(i128::from(u));
            }
        }
        Value::Array(a) => a.iter().for_each(|x| integers(x, out)),
        Value::Object(m) => m.values().for_each(|x| integers(x, out)),
        _ => {}
    }
}

#[test]
fn no_integer_in_the_queue_passes_2_pow_53() {
    // 3,000,000,000,000,000 overdue (below 2^53 − 1 = 9,007,199,254,740,991, so a valid amount), p = 1.0,
    // 90 DPD: expected recovery 3e15, urgency 4.0 → priority 1.2e16 > 2^53 − 1. The README's fuzzing section
    // counts any output integer past 2^53 as a failure; the alternative is to refuse with a path.
    let q = queue(&json!({
        "date": DAY,
        "agents": [{"id": "ann", "capacity": 10}],
        "decisions": [decision("BIG", 3_000_000_000_000_000, 90, 1.0, false, false)]
    }));
    if q["error"].is_object() {
        assert!(q["error"]["path"].as_str().unwrap().starts_with("/decisions/0"), "{q}");
        return;
    }
    let mut all = Vec::new();
    integers(&q, &mut all);
    let max = 9_007_199_254_740_991_i128;
    assert!(all.iter().all(|i| *i <= max), "{q}");
}
