//! Property tests for arrangements: accrual is monotonic in time and respects caps; every offer's payments
//! sum exactly to its total; no offer exceeds the policy's limits; nothing is collected beyond what is owed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDate};
use dunwell::arrange::penalty::{Overdue, Terms, accrued};
use dunwell::money::Rounding;
use dunwell::policy::DayCount;
use proptest::prelude::*;
use serde_json::{Value, json};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Duration::days(n)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn accrual_is_monotonic_and_capped(
        items in prop::collection::vec((0i64..900, 1i64..10_000_000), 1..6),
        rate in 0u32..50_000, cap in prop::option::of(0u32..20_000), act360 in any::<bool>(),
        a in 0i64..1500, b in 0i64..1500, half_up in any::<bool>())
    {
        let items: Vec<Overdue> = items.iter().map(|(d, u)| Overdue { due: day(*d), unpaid: *u }).collect();
        let terms = Terms { annual_rate_bps: rate, day_count: if act360 { DayCount::Act360 } else { DayCount::Act365 }, cap_bps_of_overdue: cap };
        let r = if half_up { Rounding::HalfUp } else { Rounding::HalfEven };
        let (early, late) = (a.min(b), a.max(b));
        let (pe, pl) = (accrued(&items, terms, day(early), r), accrued(&items, terms, day(late), r));
        prop_assert!(pe <= pl, "accrual went down: {pe} > {pl}");
        prop_assert!(pe >= 0);
        if let Some(cap) = cap {
            let base: i64 = items.iter().map(|i| i.unpaid).sum();
            prop_assert!(i128::from(pl) * 10_000 <= i128::from(base) * i128::from(cap), "cap broken");
        }
    }

    #[test]
    fn offers_sum_exactly_and_stay_within_limits(
        overdue in 1i64..50_000_000, dpd in 1i64..400, hardship in any::<bool>(), income in prop::option::of(0i64..5_000_000),
        rate in 0u32..4_000, discount in 0u32..2_000, forgive in 0u32..3_000, ext in 0u32..36, token in 1i64..100_000,
        months in prop::collection::vec(1u32..60, 1..4), jur in 0usize..3)
    {
        let (j, cur, tz) = [("CN", "CNY", "Asia/Shanghai"), ("US", "USD", "America/New_York"), ("GB", "GBP", "Europe/London")][jur];
        let policy = json!({"offers": {"penalty": {"annual_rate_bps": rate, "cap_bps_of_overdue": 10000},
            "pay_in_full": {"discount_bps": discount}, "instalments": {"months": months},
            "deferral": {"weeks": [2, 8], "freeze_penalty": true},
            "restructure": {"extension_months": ext, "forgiveness_bps": forgive, "annual_rate_bps": 500},
            "token_payment": {"amount": token}}}).to_string();
        let engine = dunwell::Engine::new(&policy, None).unwrap();
        let as_of = "2026-11-28T12:00:00Z";
        let due = (NaiveDate::from_ymd_opt(2026, 11, 28).unwrap() - Duration::days(dpd)).to_string();
        let mut account = json!({"id": "Q", "jurisdiction": j, "currency": cur,
            "balances": {"principal": overdue * 3},
            "instalments": [{"due": due, "amount": overdue}, {"due": "2027-01-15", "amount": overdue}],
            "borrower": {"name": "x", "time_zone": tz}, "flags": {"hardship": hardship}});
        if let Some(i) = income { account["borrower"]["monthly_income"] = json!(i); }
        let out: Value = serde_json::from_str(&dunwell::api::decide(&engine, &json!({"account": account, "as_of": as_of}).to_string())).unwrap();
        let d = &out["ok"];
        let owed = d["arrears"]["outstanding"].as_i64().unwrap() + d["penalty"]["accrued"].as_i64().unwrap();
        let arrears = d["arrears"]["overdue_amount"].as_i64().unwrap() + d["penalty"]["accrued"].as_i64().unwrap();
        for o in d["offers"].as_array().unwrap() {
            let sched = o["schedule"].as_array().unwrap();
            let sum: i64 = sched.iter().map(|p| p["amount"].as_i64().unwrap()).sum();
            prop_assert_eq!(sum, o["total"].as_i64().unwrap(), "schedule does not sum to the total: {}", o);
            prop_assert!(sched.iter().all(|p| p["amount"].as_i64().unwrap() >= 0), "negative payment: {}", o);
            prop_assert!(sched.len() <= 60 + 2 + 36, "too many payments: {}", o);
            let kind = o["kind"].as_str().unwrap();
            match kind {
                "pay_in_full" => prop_assert!(i128::from(owed - sum) * 10_000 <= i128::from(owed) * i128::from(discount), "discount over the limit: {}", o),
                "restructure" => prop_assert!(sched.len() as u32 <= 2 + ext, "{}", o),
                "instalments" | "pay_arrears" | "token_payment" => prop_assert!(sum <= arrears, "collects more than the arrears: {}", o),
                _ => {}
            }
            if o["affordable"] == json!(true) {
                prop_assert!(income.is_some());
            }
        }
    }
}
