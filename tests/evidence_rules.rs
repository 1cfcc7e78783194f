//! The evidence pack, stated from the rule (src/ops/evidence.rs, README "Escalation"): everything comes
//! from the account and its decision, nothing inferred — contract reference, instalments, payments and
//! contacts up to `as_of` (contacts oldest first), written notices (outbound letters and e-mails that did not
//! fail) and whether they were delivered, promises as judged — and a checklist naming what is missing.
//! Expected values are derived by hand beside each assertion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

fn evidence(account: &Value, as_of: &str) -> Value {
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, envelope) = dunwell::api::engine_new(&format!(r#"{{"policy":{policy}}}"#));
    let engine = engine.unwrap_or_else(|| panic!("{envelope}"));
    let input = json!({"account": account, "as_of": as_of});
    let out = dunwell::api::call(&engine, "evidence", &input.to_string());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["error"].is_null(), "{out}");
    v["ok"].clone()
}

fn contact(at: &str, channel: &str, direction: &str, outcome: &str) -> Value {
    json!({"at": at, "channel": channel, "direction": direction, "outcome": outcome})
}

const AS_OF: &str = "2026-11-20T04:00:00Z";

/// A complete file: contract, two instalments of 100,000 (15 Sep, 15 Oct), 50,000 paid on 20 Sep (and
/// 10,000 after `as_of`), a postal address, contacts listed out of order (one after `as_of`).
fn complete() -> Value {
    json!({
        "id": "EV-1",
        "jurisdiction": "CN",
        "currency": "CNY",
        "contract": "LN-2026-001",
        "opened": "2025-11-01",
        "balances": {"principal": 1_000_000, "interest": 20_000, "fees": 0},
        "borrower": {"name": "王芳", "time_zone": "UTC"},
        "channels": {"letter": {"address": "上海市浦东新区世纪大道 100 号"}},
        "instalments": [{"due": "2026-09-15", "amount": 100_000}, {"due": "2026-10-15", "amount": 100_000}],
        "history": {
            "payments": [
                {"at": "2026-12-01T02:00:00Z", "amount": 10_000},
                {"at": "2026-09-20T10:00:00Z", "amount": 50_000}
            ],
            "contacts": [
                contact("2026-10-10T03:00:00Z", "call", "outbound", "rpc"),
                contact("2026-10-01T02:00:00Z", "letter", "outbound", "delivered"),
                contact("2026-12-01T02:00:00Z", "letter", "outbound", "delivered"),
                contact("2026-10-05T03:00:00Z", "call", "outbound", "no_answer"),
                contact("2026-10-20T02:00:00Z", "email", "outbound", "failed"),
                contact("2026-10-12T03:00:00Z", "sms", "inbound", "replied")
            ]
        }
    })
}

fn check<'a>(pack: &'a Value, item: &str) -> &'a Value {
    pack["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == item)
        .unwrap_or_else(|| panic!("no checklist item {item}"))
}

#[test]
fn a_complete_file_misses_nothing() {
    let p = evidence(&complete(), AS_OF);
    assert_eq!(p["account_id"], "EV-1");
    assert_eq!(p["contract"], "LN-2026-001");
    assert_eq!(p["opened"], "2025-11-01");
    // 50,000 settles half of the 15 Sep instalment → oldest unpaid 15 Sep; 15 Sep → 20 Nov = 15 (to 30 Sep)
    // + 31 (Oct) + 20 = 66 DPD; overdue 50,000 + 100,000 = 150,000; outstanding 1,000,000 + 20,000.
    assert_eq!(p["dpd"], 66);
    assert_eq!(p["overdue"], 150_000);
    assert_eq!(p["outstanding"], 1_020_000);
    assert_eq!(p["missing"], json!([]));
    let items: Vec<&str> = p["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["item"].as_str().unwrap())
        .collect();
    assert_eq!(
        items,
        [
            "contract_reference",
            "instalment_schedule",
            "statement_of_arrears",
            "written_notice",
            "notice_delivered",
            "contact_attempts",
            "right_party_contact",
            "postal_address",
            "no_open_dispute"
        ]
    );
    assert!(p["checklist"].as_array().unwrap().iter().all(|c| c["present"] == true));
    assert_eq!(check(&p, "instalment_schedule")["detail"], "2 instalment(s)");
    assert_eq!(
        check(&p, "statement_of_arrears")["detail"],
        "150000 overdue for 66 day(s)"
    );
    // Outbound up to as_of: letter 1 Oct, calls 5 and 10 Oct, e-mail 20 Oct = 4 (the 12 Oct SMS is inbound,
    // the 1 Dec letter is after as_of).
    assert_eq!(check(&p, "contact_attempts")["detail"], "4 outbound contact(s)");
    assert_eq!(
        check(&p, "right_party_contact")["detail"],
        "1 conversation(s) with the borrower"
    );
}

#[test]
fn only_the_past_is_in_the_pack_and_contacts_are_oldest_first() {
    let p = evidence(&complete(), AS_OF);
    // Payments up to as_of: only the 20 Sep 50,000 (the 1 Dec 10,000 is after).
    assert_eq!(p["payments"], json!([["2026-09-20T10:00:00Z", 50_000]]));
    let at: Vec<&str> = p["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["at"].as_str().unwrap())
        .collect();
    assert_eq!(
        at,
        [
            "2026-10-01T02:00:00Z",
            "2026-10-05T03:00:00Z",
            "2026-10-10T03:00:00Z",
            "2026-10-12T03:00:00Z",
            "2026-10-20T02:00:00Z"
        ]
    );
    // Written notices: outbound letters and e-mails that did not fail → the 1 Oct letter only (the 20 Oct
    // e-mail failed; the 1 Dec letter is after as_of).
    let notices = p["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["at"], "2026-10-01T02:00:00Z");
    assert_eq!(notices[0]["channel"], "letter");
    assert_eq!(check(&p, "written_notice")["detail"], "1 written notice(s) sent");
    assert_eq!(check(&p, "notice_delivered")["detail"], "1 confirmed delivered");
}

#[test]
fn an_empty_file_lists_everything_it_lacks() {
    // No contract, one instalment due in the future (nothing overdue), no contacts, no address, a dispute open.
    let a = json!({
        "id": "EV-2",
        "jurisdiction": "CN",
        "currency": "CNY",
        "balances": {"principal": 100_000},
        "borrower": {"name": "李雷", "time_zone": "UTC"},
        "instalments": [{"due": "2026-12-15", "amount": 10_000}],
        "flags": {"dispute": true}
    });
    let p = evidence(&a, AS_OF);
    assert_eq!(p["contract"], Value::Null);
    assert_eq!(
        p["missing"],
        json!([
            "contract_reference",
            "statement_of_arrears",
            "written_notice",
            "notice_delivered",
            "contact_attempts",
            "right_party_contact",
            "postal_address",
            "no_open_dispute"
        ])
    );
    assert_eq!(check(&p, "instalment_schedule")["present"], true); // 1 instalment
    assert_eq!(check(&p, "statement_of_arrears")["detail"], "0 overdue for 0 day(s)");
    assert_eq!(p["payments"], json!([]));
    assert_eq!(p["contacts"], json!([]));
}

#[test]
fn a_notice_sent_but_not_confirmed_delivered_is_a_notice_without_delivery() {
    let mut a = complete();
    a["history"]["contacts"] = json!([
        contact("2026-10-01T02:00:00Z", "letter", "outbound", "sent"),
        contact("2026-10-02T02:00:00Z", "email", "outbound", "sent"),
        contact("2026-10-03T02:00:00Z", "letter", "inbound", "delivered"),
        contact("2026-10-04T02:00:00Z", "call", "outbound", "rpc")
    ]);
    let p = evidence(&a, AS_OF);
    // Notices: the sent letter and the sent e-mail (2); the inbound letter is the borrower's, not a notice.
    assert_eq!(check(&p, "written_notice")["detail"], "2 written notice(s) sent");
    assert_eq!(check(&p, "notice_delivered")["present"], false); // neither is marked delivered
    // Outbound: letter, e-mail, call = 3 → the attempts threshold of 3 is met.
    assert_eq!(check(&p, "contact_attempts")["present"], true);
    assert_eq!(p["missing"], json!(["notice_delivered"]));
}

#[test]
fn two_outbound_contacts_are_not_enough_attempts() {
    let mut a = complete();
    a["history"]["contacts"] = json!([
        contact("2026-10-01T02:00:00Z", "letter", "outbound", "delivered"),
        contact("2026-10-04T02:00:00Z", "call", "outbound", "rpc"),
        contact("2026-10-05T02:00:00Z", "call", "inbound", "rpc")
    ]);
    let p = evidence(&a, AS_OF);
    // Outbound: 2 (the inbound call is not an attempt) < 3. RPC: 2 conversations (inbound counts as talking).
    assert_eq!(check(&p, "contact_attempts")["detail"], "2 outbound contact(s)");
    assert_eq!(check(&p, "contact_attempts")["present"], false);
    assert_eq!(
        check(&p, "right_party_contact")["detail"],
        "2 conversation(s) with the borrower"
    );
    assert_eq!(p["missing"], json!(["contact_attempts"]));
}

#[test]
fn a_blank_address_is_no_address() {
    let mut a = complete();
    a["channels"]["letter"]["address"] = json!("   ");
    let p = evidence(&a, AS_OF);
    assert_eq!(check(&p, "postal_address")["present"], false);
    assert_eq!(p["missing"], json!(["postal_address"]));
}

#[test]
fn promises_are_shown_as_judged() {
    // A promise of 20,000 due 1 Nov, made 25 Oct, nothing paid after: deadline 3 Nov 00:00 (1 grace day) → broken.
    let mut a = complete();
    a["history"]["promises"] = json!([
        {"id": "P1", "made_at": "2026-10-25T02:00:00Z", "due": "2026-11-01", "amount": 20_000}
    ]);
    let p = evidence(&a, AS_OF);
    assert_eq!(p["promises"][0]["id"], "P1");
    assert_eq!(p["promises"][0]["state"], "broken");
    assert_eq!(p["promises"][0]["paid"], 0);
}

#[test]
fn the_printable_page_marks_what_is_missing() {
    let mut a = complete();
    a.as_object_mut().unwrap().remove("contract");
    let p = evidence(&a, AS_OF);
    let html = p["html"].as_str().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("EV-1"));
    // Exactly one checklist row is missing, and it is the contract's.
    assert_eq!(html.matches("class=\"missing\"").count(), 1, "{html}");
    assert!(
        html.contains("<tr class=\"missing\"><td>contract_reference</td>"),
        "{html}"
    );
}

#[test]
fn the_ledgers_paid_amounts_are_shown_as_given() {
    // With the loan system's allocation, each instalment line carries its `paid`; without it, `paid` is absent.
    let mut a = complete();
    a["instalments"][0]["paid"] = json!(100_000);
    a["instalments"][1]["paid"] = json!(0);
    let p = evidence(&a, AS_OF);
    assert_eq!(
        p["instalments"],
        json!([
            {"due": "2026-09-15", "amount": 100_000, "paid": 100_000},
            {"due": "2026-10-15", "amount": 100_000, "paid": 0}
        ])
    );
    // The ledger says 15 Sep is settled: overdue is the 15 Oct 100,000, 15 Oct → 20 Nov = 16 + 20 = 36 DPD.
    assert_eq!(p["overdue"], 100_000);
    assert_eq!(p["dpd"], 36);
    let p = evidence(&complete(), AS_OF);
    assert_eq!(p["instalments"][0]["paid"], Value::Null);
}

#[test]
fn the_page_escapes_what_the_account_says() {
    // The page is HTML: a borrower's name or contract reference is text, never markup.
    let mut a = complete();
    a["borrower"]["name"] = json!("<script>alert(1)</script>");
    a["contract"] = json!("LN<b>1</b>");
    let p = evidence(&a, AS_OF);
    let html = p["html"].as_str().unwrap();
    assert!(!html.contains("<script>alert(1)</script>"), "{html}");
    assert!(!html.contains("<b>1</b>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    // The JSON keeps the values as given.
    assert_eq!(p["borrower"], "<script>alert(1)</script>");
}
