//! Property test: over random histories, zones and moments, no planned contact breaks its jurisdiction's
//! window, holidays or call caps, and every ladder step due in the horizon is either planned or explained.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dunwell::schedule::preset;
use dunwell::time::{Instant, Zone};
use proptest::prelude::*;
use serde_json::{Value, json};

const ZONES: &[(&str, &str, &str)] = &[
    ("US", "USD", "America/New_York"),
    ("US", "USD", "America/Los_Angeles"),
    ("US", "USD", "Pacific/Honolulu"),
    ("CN", "CNY", "Asia/Shanghai"),
    ("GB", "GBP", "Europe/London"),
    ("GB", "AUD", "Australia/Lord_Howe"),
];

fn engine() -> dunwell::Engine {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/policies/default.json")).unwrap();
    dunwell::Engine::new(&text, None).unwrap()
}

prop_compose! {
    fn scenario()(zone in 0..ZONES.len(), as_of in 1_767_225_600i64..1_830_297_600, dpd in -5i64..120,
                  calls in prop::collection::vec((0i64..14 * 24 * 60, 0u8..4, any::<bool>()), 0..20),
                  young in any::<bool>(), sms_out in any::<bool>()) -> (usize, i64, i64, Vec<(i64, u8, bool)>, bool, bool) {
        (zone, as_of, dpd, calls, young, sms_out)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn plans_respect_windows_caps_and_explain_every_step((zone, as_of, dpd, calls, young, sms_out) in scenario()) {
        let engine = engine();
        let (jur, cur, tz) = ZONES[zone];
        let z = Zone::parse(tz).unwrap();
        let as_of = Instant(chrono::DateTime::from_timestamp(as_of, 0).unwrap());
        let today = as_of.local_date(z);
        let due = today - chrono::Duration::days(dpd);
        let contacts: Vec<Value> = calls.iter().map(|(mins, outcome, inbound)| {
            let at = as_of.plus(chrono::Duration::minutes(-mins));
            let outcome = ["rpc", "no_answer", "busy", "third_party"][*outcome as usize];
            let direction = if *inbound { "inbound" } else { "outbound" };
            json!({"at": at.to_utc_string(), "channel": "call", "direction": direction, "outcome": outcome})
        }).collect();
        let account = json!({"id": "P", "jurisdiction": jur, "currency": cur,
            "balances": {"principal": 1000, "interest": 0, "fees": 0},
            "instalments": [{"due": due.to_string(), "amount": 1000}],
            "borrower": {"name": "x", "time_zone": tz, "birth_year": if young { 2000 } else { 1950 }},
            "channels": {"sms": {"address": "1", "opted_out": sms_out, "consent": true}, "email": {"address": "e"}, "call": {"address": "1"}, "letter": {"address": "l"}},
            "history": {"contacts": contacts}});
        let call = json!({"account": account, "as_of": as_of.to_utc_string()}).to_string();
        let d: Value = serde_json::from_str(&dunwell::api::decide(&engine, &call)).unwrap();
        let d = &d["ok"];
        let policy = engine.policy();
        let j = &policy.jurisdictions.0[jur];
        let (rules, _) = preset::effective(j);
        let horizon = as_of.plus(chrono::Duration::days(i64::from(policy.horizon_days)));
        let mut call_days: Vec<chrono::NaiveDate> = calls.iter().filter(|c| !c.2).map(|(m, _, _)| as_of.plus(chrono::Duration::minutes(-m)).local_date(z)).collect();
        let conversations: Vec<chrono::NaiveDate> = calls.iter().filter(|c| c.1 == 0).map(|(m, _, _)| as_of.plus(chrono::Duration::minutes(-m)).local_date(z)).collect();
        for a in d["actions"].as_array().unwrap() {
            let at = Instant::parse(a["at_utc"].as_str().unwrap()).unwrap();
            prop_assert!(at >= as_of && at < horizon, "outside the horizon: {a}");
            let ch = a["channel"].as_str().unwrap();
            if ch.ends_with("_referral") { continue; }
            let local = at.local_datetime(z);
            prop_assert!(local.time() >= rules.window_from && local.time() < rules.window_to, "outside the window: {a}");
            prop_assert!(!j.holidays.iter().any(|h| h.0 == local.date()), "on a holiday: {a}");
            use chrono::Datelike;
            prop_assert!(!rules.no_contact_weekdays.contains(&(local.date().weekday().number_from_monday() as u8)), "on a no-contact day: {a}");
            if ch == "sms" { prop_assert!(!sms_out, "SMS to an opted-out number: {a}"); }
            if ch == "call" {
                let day = local.date();
                if let Some(cap) = rules.calls_per_7_days {
                    let n = call_days.iter().filter(|c| **c > day - chrono::Duration::days(7) && **c <= day).count();
                    prop_assert!((n as u32) < cap, "7-in-7 cap broken by {a}");
                }
                if let Some(q) = rules.quiet_days_after_conversation {
                    prop_assert!(!conversations.iter().any(|c| day >= *c && day < *c + chrono::Duration::days(i64::from(q))), "call within the pause after a conversation: {a}");
                }
                if let Some(cap) = rules.call_attempts_per_day {
                    prop_assert!((call_days.iter().filter(|c| **c == day).count() as u32) < cap, "daily attempts cap broken by {a}");
                }
                call_days.push(day);
            }
        }
        // Every step of the account's segments due inside the horizon is planned or explained.
        let explained: Vec<&str> = d["actions"].as_array().unwrap().iter().chain(d["suppressed"].as_array().unwrap()).filter_map(|x| x["step"].as_str()).collect();
        let anchor = if dpd > 0 { Some(due) } else { None };
        for seg in &policy.segments {
            for s in &seg.ladder {
                let Some(anchor) = anchor.filter(|_| s.dpd > 0) else { continue };
                let owner = policy.segments.iter().find(|x| x.when.buckets.iter().any(|b| b == policy.bucket_for(i64::from(s.dpd))));
                if owner.is_none_or(|o| o.name != seg.name) { continue; }
                let at = z.resolve((anchor + chrono::Duration::days(i64::from(s.dpd))).and_time(s.time.0));
                if at > as_of && at < horizon {
                    prop_assert!(explained.contains(&s.id.as_str()), "step {} due {} neither planned nor explained: {}", s.id, at, d);
                }
            }
        }
    }
}
