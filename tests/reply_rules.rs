//! The reply reader's rules, one behaviour each, with expectations written from the rule (not from the
//! code's output): revocations read from a sentence's shape, a promise stated without promise words, half a
//! promise asked as a question, harassment named only as the ground of a complaint, "only by post".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

fn reply(locale: &str, text: &str) -> Value {
    let (jurisdiction, currency, zone) = match locale {
        "zh-CN" => ("CN", "CNY", "Asia/Shanghai"),
        "en-GB" => ("GB", "GBP", "Europe/London"),
        _ => ("US", "USD", "America/New_York"),
    };
    let account = json!({"id":"RR-1","jurisdiction":jurisdiction,"currency":currency,
        "balances":{"principal":1000000,"interest":20000,"fees":0},
        "instalments":[{"due":"2026-10-28","amount":100000},{"due":"2026-12-28","amount":100000}],
        "borrower":{"name":"Ann Lee","locale":locale,"time_zone":zone}});
    let root = dunwell_testkit::root();
    let policy = std::fs::read_to_string(root.join("policies/default.json")).unwrap();
    let (engine, env) = dunwell::api::engine_new(&format!("{{\"policy\":{policy}}}"));
    let engine = engine.unwrap_or_else(|| panic!("{env}"));
    // Saturday 28 November 2026, 10:00 in New York.
    let call = json!({"account": account, "as_of": "2026-11-28T15:00:00Z", "text": text});
    let out: Value = serde_json::from_str(&dunwell::api::call(&engine, "reply", &call.to_string())).unwrap();
    out["ok"].clone()
}

fn intents(out: &Value) -> Vec<String> {
    let mut v: Vec<String> = out["intents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["intent"].as_str().unwrap().to_string())
        .collect();
    dunwell::sort::sort(&mut v);
    v
}

fn has(out: &Value, intent: &str) -> bool {
    intents(out).iter().any(|i| i == intent)
}

#[test]
fn a_threat_about_the_next_contact_revokes() {
    for (locale, text) in [
        ("en-US", "if you text me one more time I'm calling the FTC"),
        ("en-US", "keep calling my work and watch what happens"),
        (
            "en-US",
            "if anyone from your office calls me again there will be trouble",
        ),
        ("es-US", "si me vuelven a llamar los voy a reportar"),
        ("zh-CN", "你们再打一次电话试试"),
        ("zh-CN", "再发短信我就报警"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
}

#[test]
fn a_bar_on_contact_revokes() {
    for text in [
        "you cant contact me anymore, the stay is in effect",
        "you are not allowed to call me at all",
        "any further contact will be reported",
        "enough with the calls already",
    ] {
        assert!(has(&reply("en-US", text), "stop_contact"), "{text}");
    }
}

#[test]
fn spanish_deje_de_with_a_verb_aimed_at_the_borrower_revokes() {
    for text in [
        "deje de llamarme",
        "dejen de molestarme por favor",
        "ya deje de escribirme",
    ] {
        assert!(has(&reply("es-US", text), "stop_contact"), "{text}");
    }
    // "Dejé de pagar" is a past fact about paying, not a request.
    assert!(!has(
        &reply("es-US", "deje de pagar porque perdi el trabajo"),
        "stop_contact"
    ));
}

#[test]
fn a_no_that_does_not_govern_the_contact_is_no_revocation() {
    let out = reply("en-US", "Not a good time right now, call me tomorrow after 6");
    assert!(!has(&out, "stop_contact"), "{out}");
    assert!(has(&out, "callback_request"), "{out}");
    // ... while a "no" right before the call is one.
    assert!(has(&reply("en-US", "don't call me after 9 at night"), "stop_contact"));
}

#[test]
fn harassment_named_as_the_ground_of_a_complaint_is_the_complaint_alone() {
    let out = reply("es-US", "ya presente una queja ante la CFPB por acoso");
    assert_eq!(intents(&out), ["complaint"], "{out}");
    // Asking for it to stop is still a revocation.
    let out = reply("en-US", "stop harassing me or I will file a complaint with the CFPB");
    assert!(has(&out, "stop_contact") && has(&out, "complaint"), "{out}");
}

#[test]
fn only_by_post_revokes_every_other_channel() {
    let out = reply("en-GB", "Please only contact me via post from now on");
    let ceased: Vec<&str> = out["effects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "record_cease")
        .map(|e| e["channel"].as_str().unwrap())
        .collect();
    assert_eq!(ceased, ["sms", "email", "call", "social_dm"], "{out}");
}

#[test]
fn a_payment_stated_for_a_day_to_come_is_a_promise() {
    for (text, amount, due) in [
        ("$250 will go out to you on the 4th", 25000, "2026-12-04"),
        ("sending 60 on Monday", 6000, "2026-11-30"),
        ("transfer of $75 scheduled for December 10", 7500, "2026-12-10"),
    ] {
        let out = reply("en-US", text);
        let promise = out["effects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "record_promise")
            .unwrap_or_else(|| panic!("no promise in {text}: {out}"))
            .clone();
        assert_eq!(promise["amount"], amount, "{text}");
        assert_eq!(promise["due"], due, "{text}");
    }
}

#[test]
fn half_a_promise_asked_as_a_question_asks_for_terms() {
    for (locale, text) in [
        ("en-US", "could I pay $100 instead of the whole thing?"),
        ("en-US", "is it ok if I pay on the 20th?"),
        ("zh-CN", "20号还可以吗"),
        ("es-US", "¿puedo pagar 50 en vez de todo?"),
    ] {
        let out = reply(locale, text);
        assert!(!has(&out, "promise_to_pay"), "{text}: {out}");
        assert!(has(&out, "question_options"), "{text}: {out}");
    }
    // Amount and day together are an offer the collector can simply confirm.
    assert!(has(&reply("en-US", "Can I pay $80 on Friday?"), "promise_to_pay"));
}

#[test]
fn a_hedge_or_a_conditional_is_no_promise() {
    for (locale, text) in [
        ("en-US", "ill pay when i pay, stop asking"),
        ("en-US", "I'll pay the day I win the powerball"),
        ("zh-CN", "下周再说吧"),
        ("es-US", "si me quitan los cargos pago todo el viernes"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
}

#[test]
fn a_quoted_collector_message_is_not_the_borrowers_words() {
    // The convention: "STOP" inside a quoted collector footer is no revocation; the amount in the quote is
    // not the borrower's.
    let out = reply(
        "en-US",
        "> Your payment of $250.00 is past due. Reply PAY to pay now or STOP to end messages.\n\nI paid it Monday??",
    );
    assert_eq!(intents(&out), ["already_paid"]);
    let out = reply(
        "zh-CN",
        "【易借金融】您的借款已逾期15天，请尽快还款，回T退订\n我昨天就还了啊",
    );
    assert_eq!(intents(&out), ["already_paid"]);
    // A reply that is only a quote is read as it is.
    assert!(has(&reply("en-US", "> Reply STOP to opt out"), "stop_contact"));
}

#[test]
fn third_parties_times_and_home_visits_ruled_out_revoke() {
    for (locale, text) in [
        ("en-US", "Why do you keep calling my sister? Leave my family out of it."),
        ("en-US", "keep my parents out of this please"),
        ("en-US", "please only call between 9 and 5, the baby sleeps"),
        ("en-GB", "Please only write to me."),
        ("zh-CN", "先别上门了行吗"),
        ("zh-CN", "你们再这么天天打，我就去投诉"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // "Only write to me": post is the channel kept, every other one is revoked (one record_cease each).
    let out = reply("en-GB", "Please only write to me.");
    let ceased: Vec<&str> = out["effects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "record_cease")
        .filter_map(|e| e["channel"].as_str())
        .collect();
    assert!(
        !ceased.contains(&"letter") && ceased.contains(&"call") && ceased.contains(&"sms"),
        "{out}"
    );
    // Planning one's own day is not a threat about the next call.
    assert!(!has(&reply("zh-CN", "我再想想打算怎么还"), "stop_contact"));
}

#[test]
fn a_promise_taken_back_or_put_off_forever_is_no_promise() {
    for (locale, text) in [
        ("en-US", "Sure I'll pay you tomorrow. Just kidding. Never."),
        ("zh-CN", "我答应你，下辈子一定还"),
        ("en-US", "I'll pay the $600 once you fix the balance."),
        ("zh-CN", "还款日可以推迟到20号吗"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    assert!(has(&reply("zh-CN", "还款日可以推迟到20号吗"), "question_options"));
}

#[test]
fn a_named_someone_else_is_a_wrong_person() {
    for (locale, text) in [
        ("en-US", "This isn't Marcus. He had this number before me."),
        ("en-US", "There is no Jennifer here."),
        ("zh-CN", "我是他同事，他已经离职半年了"),
        ("zh-CN", "我老公借的钱跟我有什么关系？"),
    ] {
        assert!(has(&reply(locale, text), "wrong_person"), "{text}");
    }
    for text in ["This isn't right, I paid already", "this is not fair"] {
        assert!(!has(&reply("en-US", text), "wrong_person"), "{text}");
    }
}

#[test]
fn everyday_wording_for_how_to_pay_disputes_complaints_and_insults() {
    for (locale, text, want) in [
        (
            "en-US",
            "Send me the account number and routing info so I can do a wire",
            "question_how_to_pay",
        ),
        ("zh-CN", "可以用信用卡还吗？", "question_how_to_pay"),
        ("en-US", "That balance is wrong. It was $1,150 last month", "dispute"),
        (
            "en-US",
            "I'm calling the state attorney general's office tomorrow",
            "complaint",
        ),
        ("en-GB", "Stop texting me at 11pm you absolute muppets", "abusive"),
        (
            "es-US",
            "Ya pagué por la app. Ahora díganme cuánto me queda",
            "question_balance",
        ),
        (
            "es-US",
            "Quiero ver el contrato firmado antes de pagar cualquier cosa",
            "validation_request",
        ),
        ("zh-CN", "孩子白血病，实在拿不出钱", "hardship"),
    ] {
        assert!(has(&reply(locale, text), want), "{text}: {want}");
    }
    // The attorney general is a regulator, not the borrower's lawyer.
    assert!(!has(
        &reply("en-US", "I'm calling the state attorney general's office tomorrow"),
        "attorney"
    ));
}

#[test]
fn cantonese_and_formal_chinese_revocations_and_bare_amounts_after_a_paying_verb() {
    for (locale, text) in [
        ("zh-CN", "我唔系陈生，呢个号码我用咗三年啦，唔好再打嚟"),
        ("zh-CN", "本人已申请个人破产，请立即停止对本人的催收。"),
        ("zh-CN", "我已委托律师处理此事，请勿再直接联系本人。"),
        ("es-US", "No le hablen a mi mamá, ella no tiene nada que ver con esto"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    assert!(!has(
        &reply("en-US", "Oh absolutely, I'll pay you the second pigs start flying."),
        "promise_to_pay"
    ));
    // A number right after a paying verb is the promised sum, in the account's currency; so is "60$".
    for (text, cents) in [
        ("ill put 75 on it tomorrow morning", 7500),
        ("ill pay u 60$ tomorrow", 6000),
    ] {
        let out = reply("en-US", text);
        let promised = out["effects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "record_promise")
            .cloned();
        assert_eq!(
            promised.map(|p| p["amount"].clone()),
            Some(json!(cents)),
            "{text}: {out}"
        );
    }
}

/// That `text` records a promise of `cents` (written by the borrower, not assumed) due `due`.
fn assert_promise(locale: &str, text: &str, cents: i64, due: &str) {
    let out = reply(locale, text);
    assert_eq!(
        promised(&out),
        Some((json!(cents), json!(due), json!(false))),
        "{text}: {out}"
    );
}

fn promised(out: &Value) -> Option<(Value, Value, Value)> {
    out["effects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "record_promise")
        .map(|p| (p["amount"].clone(), p["due"].clone(), p["amount_assumed"].clone()))
}

#[test]
fn a_lone_bare_number_in_a_promise_is_its_amount_and_a_day_time_or_phone_is_not() {
    // As of Saturday 28 November 2026 (10:00 in New York, 23:00 in Shanghai).
    for (locale, text, cents, due) in [
        // No currency and no paying verb before it: the only number that can be money is the sum.
        ("en-US", "gonna do 300 tmrw after work", 30000, "2026-11-29"),
        // Pasado mañana = the day after tomorrow.
        ("es-US", "pasado mañana sin falta, los 300", 30000, "2026-11-30"),
        // El próximo lunes = Monday of the following Monday–Sunday week.
        ("es-US", "el próximo lunes te hago un payment de 75", 7500, "2026-11-30"),
        // La otra semana = next week, read as its last day (Sunday 6 December).
        ("es-US", "la otra semana le deposito 150", 15000, "2026-12-06"),
        // A full-width comma ends the sum: 300 yuan, then the 25th (of December: the 25th of November has passed).
        ("zh-CN", "这个月只能先还300，25号", 30000, "2026-12-25"),
    ] {
        assert_promise(locale, text, cents, due);
    }
    // A day of the month, an hour, a phone number, a count of weeks, or two candidate sums: no amount is read,
    // so the promise assumes what is due (and says so).
    for text in [
        "I'll pay on the 15th at 3",
        "I'll pay tomorrow, call me back on 5551234567",
        "ill do 300 or 400 tomorrow",
        "I'll pay it off in 2 weeks",
    ] {
        let out = reply("en-US", text);
        let (_, _, assumed) = promised(&out).unwrap_or_else(|| panic!("{text}: no promise: {out}"));
        assert_eq!(assumed, json!(true), "{text}: {out}");
    }
}

#[test]
fn days_written_as_words_typos_and_holidays_are_read() {
    // As of Saturday 28 November 2026 (10:00 in New York, 15:00 in London, 23:00 in Shanghai).
    for (locale, text, cents, due) in [
        // "firday": one slip of the thumb is still Friday, the coming one (4 December).
        ("en-US", "I can pay 250 on firday", 25000, "2026-12-04"),
        // Spelt ordinals after "on the" / "by the": the next such day of a month.
        ("en-US", "I'll send you 300 on the fifteenth", 30000, "2026-12-15"),
        ("en-US", "I'll pay $80 by the twenty first", 8000, "2026-12-21"),
        // "el quince": the next 15th.
        ("es-US", "Le pago 300 dólares el quince", 30000, "2026-12-15"),
        // Christmas 2026 is ahead.
        ("en-US", "I'll pay $100 by Christmas", 10000, "2026-12-25"),
        // US Thanksgiving 2026 (26 November) has passed: the next is the fourth Thursday of November 2027.
        ("en-US", "I'll pay $100 by Thanksgiving", 10000, "2027-11-25"),
        // 国庆 (1 October) has passed too: 1 October 2027. "1.5w" is 1.5万 = 15,000 yuan.
        ("zh-CN", "1.5w 国庆前还你", 1_500_000, "2027-10-01"),
        // "fifty quid a fortnight starting Tuesday": £50, from Tuesday 1 December; the fortnight is how often.
        (
            "en-GB",
            "I'll do fifty quid a fortnight starting Tuesday, it's all I can manage",
            5000,
            "2026-12-01",
        ),
    ] {
        assert_promise(locale, text, cents, due);
    }
    // "all I can manage" asks for no manager.
    let out = reply(
        "en-GB",
        "I'll do fifty quid a fortnight starting Tuesday, it's all I can manage",
    );
    assert_eq!(intents(&out), vec!["promise_to_pay"], "{out}");
}

#[test]
fn words_that_look_like_an_intent_in_another_role_are_not_it() {
    // The hospital as the creditor paid, not a stay in hospital.
    let out = reply(
        "en-US",
        "I don't owe this. I paid the hospital in full in 2024 and I have the receipt",
    );
    assert_eq!(intents(&out), vec!["already_paid", "dispute"], "{out}");
    // "It is not that I won't pay" names no wrong person; "I know owing money is wrong" disputes nothing.
    let out = reply(
        "zh-CN",
        "我知道欠钱不对，可是我今年失业了。我不是不还，下个月15号我先还一千。求你们别再打我公司电话",
    );
    assert_eq!(
        intents(&out),
        vec!["hardship", "promise_to_pay", "stop_contact"],
        "{out}"
    );
    // Not yet represented: no attorney, from the rules or the model.
    let out = reply(
        "es-US",
        "todavía no tengo lawyer pero voy a conseguir uno si siguen calling me",
    );
    assert!(!has(&out, "attorney"), "{out}");
    assert!(has(&out, "stop_contact"), "{out}");
    // A promise conditioned on proof of the debt asks for validation: no promise, no terms.
    let out = reply(
        "en-US",
        "I'll pay the second you show me a signed contract with my name on it",
    );
    assert_eq!(intents(&out), vec!["validation_request"], "{out}");
    // A question opening the second sentence is still a question.
    let out = reply("en-US", "yes this is Kevin. what's the balance and can I split it up");
    assert_eq!(intents(&out), vec!["question_balance", "question_options"], "{out}");
}

#[test]
fn a_pasted_collector_text_in_quotation_marks_is_not_the_borrowers_words() {
    // The quote's 请于今日还款 (pay today) and 退订回T (reply T to unsubscribe) are the lender's words.
    let out = reply(
        "zh-CN",
        "“您的借款已逾期，请于今日还款，退订回T” 我说了多少遍了我没借过！",
    );
    assert_eq!(intents(&out), vec!["dispute"], "{out}");
}

#[test]
fn refusing_calls_and_threatening_over_the_next_call_revoke_in_mixed_text() {
    let out = reply("zh-CN", "微信上说就行，电话一律不接");
    assert!(has(&out, "stop_contact"), "{out}");
    let out = reply("zh-CN", "你们再call我boss我就去投诉");
    assert_eq!(intents(&out), vec!["complaint", "stop_contact"], "{out}");
    // Laid off, in English inside Chinese: hardship.
    let out = reply("zh-CN", "sorry最近被layoff了，能不能先还minimum？");
    assert_eq!(intents(&out), vec!["hardship", "question_options"], "{out}");
    // A bereavement and "pay in a few days": hardship and a promise without a day (so the answer asks when).
    let out = reply("zh-CN", "我妈刚走，在办丧事，过几天再还");
    assert_eq!(intents(&out), vec!["hardship", "promise_to_pay"], "{out}");
}

#[test]
fn an_answer_does_not_put_a_sum_in_the_borrowers_mouth() {
    // "I'll pay next Friday" names no sum: the promise is recorded at what is due and flagged assumed, and the
    // answer says what is due instead of "you will pay $X".
    for (locale, text, said, not_said) in [
        ("en-US", "I'll pay next Friday", "The amount due is", "you will pay $"),
        ("zh-CN", "下周五还", "当前应还", "前还款1"),
    ] {
        let out = reply(locale, text);
        let (_, _, assumed) = promised(&out).unwrap_or_else(|| panic!("{text}: {out}"));
        assert_eq!(assumed, json!(true), "{out}");
        let answer = out["answer"]["text"].as_str().unwrap();
        assert!(answer.contains(said) && !answer.contains(not_said), "{answer}");
    }
    // With a sum, the sum is the borrower's own.
    let out = reply("en-US", "I'll pay $200 next Friday");
    assert!(
        out["answer"]["text"]
            .as_str()
            .unwrap()
            .contains("you will pay $200.00 by"),
        "{out}"
    );
}

#[test]
fn traditional_characters_cantonese_and_dotted_thousands_are_read() {
    // As of Saturday 28 November 2026. 下個禮拜一 = Monday of next week (30 November); 兩千蚊 = 2,000 (Cantonese).
    let out = reply("zh-CN", "我下個禮拜一會還你哋兩千蚊，唔好再打嚟公司。");
    assert_eq!(intents(&out), vec!["promise_to_pay", "stop_contact"], "{out}");
    assert_eq!(
        promised(&out),
        Some((json!(200_000), json!("2026-11-30"), json!(false)))
    );
    // "1.500 dólares" is one thousand five hundred; "el 10 del mes que viene" is 10 December.
    let out = reply(
        "es-US",
        "Vos tranqui, el 10 del mes que viene te transfiero los 1.500 dólares que faltan.",
    );
    assert_eq!(
        promised(&out),
        Some((json!(150_000), json!("2026-12-10"), json!(false))),
        "{out}"
    );
}

#[test]
fn more_ways_to_end_contact_are_revocations() {
    for (locale, text) in [
        (
            "en-US",
            "You people are bottom feeding leeches. Lose this number, parasites.",
        ),
        (
            "en-GB",
            "I'm in an IVA and this debt is included in it. Please contact my insolvency practitioner, not me.",
        ),
        (
            "en-US",
            "We are in a Chapter 13 plan. Any questions go to the trustee's office, not us.",
        ),
        (
            "en-GB",
            "I can't pay anything for a few months. I'd rather you didn't phone, letters please.",
        ),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Ruling out one place and asking for another keeps the call asked for.
    let out = reply(
        "en-US",
        "Don't call me at work. Call my cell after 6 instead, 555-0199.",
    );
    assert_eq!(intents(&out), vec!["callback_request", "stop_contact"], "{out}");
}

#[test]
fn wishes_conditions_and_mockery_are_not_promises() {
    for (locale, text) in [
        ("zh-CN", "如果我有钱就还，现在没有，你们天天打也没用"),
        ("zh-CN", "你们把罚息免了，我明天就把本金8000还了"),
        ("zh-CN", "是不是20号之前还3000就不算逾期了？"),
        (
            "en-GB",
            "Oh aye, I'll pay it the now, just let me go and shake the money tree.",
        ),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // The condition is asked, and "就把本金还了" is not a payment made.
    let out = reply("zh-CN", "你们把罚息免了，我明天就把本金8000还了");
    assert_eq!(intents(&out), vec!["question_options"], "{out}");
}

#[test]
fn periods_holidays_and_the_day_said_with_the_sum() {
    // As of Saturday 28 November 2026.
    for (locale, text, cents, due) in [
        // The quarter ends on 31 December.
        (
            "en-US",
            "I'm owed a commission check at the end of the quarter. You'll have $1,500 by then, you have my word.",
            150_000,
            "2026-12-31",
        ),
        // Labor Day 2026 (7 September) is past: the first Monday of September 2027.
        (
            "en-US",
            "Will pay $75 on Labor Day, I'm off that day.",
            7500,
            "2027-09-06",
        ),
        // The day after Thanksgiving 2026 (27 November) is past: 26 November 2027.
        (
            "en-US",
            "I will pay the remaining $180 the day after Thanksgiving.",
            18_000,
            "2027-11-26",
        ),
        (
            "en-US",
            "I'll have the full $640 on the 3rd of next month when my disability check comes in.",
            64_000,
            "2026-12-03",
        ),
        // Two days named: the one said with the sum.
        (
            "en-US",
            "Lost my job in the fall but I start a new one Monday. I can do $50 on the 15th and more after that.",
            5000,
            "2026-12-15",
        ),
    ] {
        assert_promise(locale, text, cents, due);
    }
    // The Spring Festival of 2027 is 6 February; no sum is named, so what is due is assumed.
    let out = reply("zh-CN", "春节前肯定还清，放心");
    let (_, due, assumed) = promised(&out).unwrap_or_else(|| panic!("{out}"));
    assert_eq!((due, assumed), (json!("2027-02-06"), json!(true)));
    // "The remaining $180" is a sum still to pay, not a payment made.
    assert_eq!(
        intents(&reply(
            "en-US",
            "I will pay the remaining $180 the day after Thanksgiving."
        )),
        vec!["promise_to_pay"]
    );
}

#[test]
fn a_death_notice_settlement_figures_and_stolen_identities_are_read_for_what_they_are() {
    // The account holder died: a notice about the account, not the writer's hardship (from rules or model).
    let out = reply(
        "en-US",
        "My husband Robert passed away in January. This card was in his name only. I honestly don't know what I'm supposed to do with these letters. Am I responsible for it?",
    );
    assert!(!has(&out, "hardship"), "{out}");
    // A settlement figure is the balance asked for.
    assert_eq!(
        intents(&reply("en-GB", "What's the settlement figure as of today please?")),
        vec!["question_balance"]
    );
    // A sum put as a question to confirm.
    let out = reply("es-US", "Le pago todo a fin de mes, son $430 ¿verdad?");
    assert_eq!(intents(&out), vec!["promise_to_pay", "question_balance"], "{out}");
    // A police report about a stolen identity supports the dispute; it is no complaint and no revocation.
    let out = reply("zh-CN", "这笔钱我根本没借过，是有人冒用我的身份证办的，我已经报警了");
    assert_eq!(intents(&out), vec!["dispute"], "{out}");
}

#[test]
fn blind9_rules_third_parties_ways_of_paying_and_the_first_instalment() {
    // Third parties ruled out: "leave her out of this" after naming the mother; "no le vuelvan a llamar a mi
    // esposo"; a weekday ruled out in Chinese.
    for (locale, text) in [
        (
            "en-US",
            "Calling my mother three times in one day is harassment. Leave her out of this.",
        ),
        (
            "es-US",
            "Voy a poner una queja con el CFPB. Y no le vuelvan a llamar a mi esposo.",
        ),
        ("zh-CN", "周末可以打给我，工作日不方便"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Naming how a payment went is no question about how to pay; asking is.
    let out = reply("es-US", "Ya les mandé el money order el lunes pasado por $125");
    assert_eq!(intents(&out), vec!["already_paid"], "{out}");
    assert!(has(
        &reply("es-US", "Dónde mando el cheque? cuál es la dirección?"),
        "question_how_to_pay"
    ));
    // Refusals and hypotheticals with a sum and a day are no promise.
    for (locale, text) in [
        (
            "en-US",
            "I will not be paying $400 on Friday or any other day until you send me a copy of the signed contract.",
        ),
        (
            "en-US",
            "Can I pay over the phone with a debit card? like if I wanted to pay $120 on the 15th what number would i call",
        ),
        ("zh-CN", "你们利息算错了吧？借5000怎么要还8000？"),
        ("es-US", "Si les pago $500 hoy, ¿me dejan de reportar al buró?"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // As of Saturday 28 November 2026: instalments ("£90 each") are recorded at the first one's day; "Monday
    // 7th" is 7 December (the Monday that is the 7th); of 明天…后天, the sum said with 明天 (29 November).
    for (locale, text, cents, due) in [
        (
            "en-GB",
            "I'll pay half on the 1st and the other half on the 15th – £90 each.",
            9000,
            "2026-12-01",
        ),
        ("en-GB", "I'll transfer £400 on Monday 7th.", 40_000, "2026-12-07"),
        ("zh-CN", "明天先还200 后天还300", 20_000, "2026-11-29"),
        ("zh-CN", "后天下午转你们800", 80_000, "2026-11-30"),
        (
            "en-US",
            "paying 1,250 on halloween, that's when my bonus hits",
            125_000,
            "2027-10-31",
        ),
    ] {
        assert_promise(locale, text, cents, due);
    }
}

#[test]
fn blind10_rules_channels_refused_mockery_and_spoken_sums() {
    for (locale, text) in [
        (
            "en-US",
            "I will not be discussing this account by text message. Please send any further correspondence by U.S. mail only.",
        ),
        (
            "en-US",
            "I have now asked three separate times to be taken off your call list.",
        ),
        (
            "en-GB",
            "What's the balance on this now? And don't leave voicemails, my partner listens to them.",
        ),
        (
            "es-US",
            "Ya le dije que el viernes le deposito los 1500. No me esté marcando a cada rato.",
        ),
        (
            "es-US",
            "Este es el teléfono de mi abuela, ella no tiene ningún préstamo con nadie. Ya no escriban aquí.",
        ),
        (
            "zh-CN",
            "敬请贵司于工作日上午九点至十一点之间来电，其余时间本人需照顾卧床的老伴，不便接听，望谅解。",
        ),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Mock agreement with a laugh, a lottery ticket, a promise reported as kept, a sum refused: no promise.
    for (locale, text) in [
        (
            "en-US",
            "Oh absolutely, I'll have the full $2,000 to you by Friday. Right after I find it in my couch cushions. lol",
        ),
        (
            "en-US",
            "If this scratch-off hits I'll pay you the whole thing Monday 😂",
        ),
        (
            "en-US",
            "Last month I promised to pay $200 on the 15th and I did. Why am I still getting these?",
        ),
        (
            "es-US",
            "Sí claro, le pago mañana con todo el dinero que me sobra jajaja",
        ),
        ("zh-CN", "罚息为啥这么高？本金才5000，现在要我还7800，这个数我不认"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // As of Saturday 28 November 2026.
    for (locale, text, cents, due) in [
        // Spanish number words before dólares; mañana = 29 November.
        (
            "es-US",
            "Mañana le mando doscientos dólares por Zelle.",
            20_000,
            "2026-11-29",
        ),
        // "Tenner a week starting Monday": £10, from Monday 30 November.
        (
            "en-GB",
            "Tenner a week starting Monday, that's the best I can do on my pension.",
            1000,
            "2026-11-30",
        ),
        // "the morra" (Scots) is tomorrow.
        (
            "en-GB",
            "Aye nae bother, I'll get it sorted the morra, £120 on the card.",
            12_000,
            "2026-11-29",
        ),
        // "give me 3 days": 1 December.
        ("en-US", "give me 3 days and ill have $90 for you", 9000, "2026-12-01"),
        // "the end of October" has passed this year: 31 October 2027.
        (
            "en-US",
            "Harvest checks don't come till the end of October. I'll pay the full $2,350 then.",
            235_000,
            "2027-10-31",
        ),
        // The sum after a comma: 今天下午我就还，两千 = 2,000 yuan today.
        ("zh-CN", "今天下午我就还，两千", 200_000, "2026-11-28"),
    ] {
        assert_promise(locale, text, cents, due);
    }
}

#[test]
fn blind11_rules_shares_of_a_sum_holidays_and_polite_refusals() {
    // As of Saturday 28 November 2026.
    for (locale, text, cents, due) in [
        // A share of the one sum named: half of $860, a third of $900, half of 2,400 yuan, 10% of 8,000, 25% of 1.200.
        ("en-US", "I'll pay half of the $860 next Friday.", 43_000, "2026-12-04"),
        (
            "en-US",
            "I can't do the whole $900 at once. I'll do a third of it on the 1st and the rest after that.",
            30_000,
            "2026-12-01",
        ),
        ("zh-CN", "你说的那个2400，我下周五先还一半。", 120_000, "2026-12-04"),
        ("zh-CN", "15号还10%，账单上写的是8000。", 80_000, "2026-12-15"),
        (
            "es-US",
            "De los 1.200 dólares, le doy un 25% el viernes y el resto en enero.",
            30_000,
            "2026-12-04",
        ),
        // Holidays with what comes before them: the day after Labor Day 2027 (Monday 6 September) is 7 September; the
        // Monday after Thanksgiving 2026 (26 November) was 30 November; New Year's Day 2027.
        (
            "en-US",
            "Bank's closed Monday for the holiday, so I'll pay the $75 the day after Labor Day.",
            7500,
            "2027-09-07",
        ),
        (
            "en-US",
            "I'll pay the $180 the Monday after Thanksgiving.",
            18_000,
            "2026-11-30",
        ),
        (
            "en-US",
            "I'll clear the last $95.00 on New Year's Day, promise.",
            9500,
            "2027-01-01",
        ),
        (
            "es-US",
            "Le pago 100 dólares el Día de Reyes, cuando me llegue el bono.",
            10_000,
            "2027-01-06",
        ),
        // 中秋 2027 is 15 September.
        ("zh-CN", "中秋节前还两千五。", 250_000, "2027-09-15"),
    ] {
        assert_promise(locale, text, cents, due);
    }
    // Polite and indirect refusals of contact.
    for (locale, text) in [
        (
            "en-GB",
            "I'd be grateful if you could refrain from ringing me at work. Letters to my home address are perfectly fine.",
        ),
        (
            "es-US",
            "Les pido de favor que no le marquen a mis papás. Ellos no tienen nada que ver.",
        ),
        (
            "zh-CN",
            "麻烦以后尽量通过短信联系我，电话上班时间确实不方便接，谢谢理解。",
        ),
        ("zh-CN", "周一发工资，发了就还你八百。不过说好了，别再给我老婆打电话。"),
        ("zh-CN", "我保证，只要你们再打我单位一次，我一分钱都不会还。"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Not promises: not having it, a quoted demand, mockery.
    for (locale, text) in [
        (
            "en-US",
            "It's not that I don't want to pay, I just don't have it right now. I got laid off in May.",
        ),
        (
            "zh-CN",
            "你们短信说“请于3月10日前还款2000元，否则将上门催收”。上门？你敢来我就报警。",
        ),
        (
            "es-US",
            "Sí, claro, mañana le pago los 3,000 con lo que me sobra del yate.",
        ),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
}

#[test]
fn blind12_rules_everyday_replies() {
    // Refused or asked, not promised: "没这个钱", "…还的话要还多少？".
    for (locale, text) in [
        ("zh-CN", "让我周五还3000？不可能，没这个钱"),
        ("zh-CN", "下个月10号之前还的话要还多少？"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // A payment to come whose sum is not known yet is a promise, not a payment made nor a balance question.
    assert_eq!(
        intents(&reply("en-US", "I'll have it paid next week, not sure how much yet")),
        vec!["promise_to_pay"]
    );
    assert_eq!(
        intents(&reply("zh-CN", "下周还吧，具体多少我再看看")),
        vec!["promise_to_pay"]
    );
    // The card a past payment went on is no question about how to pay; asking whether a card is taken is.
    let out = reply(
        "en-US",
        "I already paid $220 on March 3rd by debit card, why is it still showing past due?",
    );
    assert!(!has(&out, "question_how_to_pay"), "{out}");
    assert!(has(
        &reply("en-US", "Do you guys take debit cards over the phone?"),
        "question_how_to_pay"
    ));
    // A payoff asked for under a condition is a balance question, not a request for terms.
    assert_eq!(
        intents(&reply("en-US", "What would my payoff be if I pay before the 30th?")),
        vec!["question_balance"]
    );
    // "half is 240": the sum named is the half itself.
    let out = reply(
        "en-US",
        "I can pay half on Friday and the other half on the 15th. half is 240",
    );
    assert_eq!(promised(&out).map(|p| p.0), Some(json!(24_000)), "{out}");
}

#[test]
fn blind13_rules_pasted_messages_lotteries_and_lists() {
    // A collector's message pasted first, then a dash and the borrower's own question: only the question is read.
    let out = reply(
        "zh-CN",
        "【某某金融】您的借款已逾期，请于3月20日前还款1200元，退订回T —— 这是什么贷款？我没印象",
    );
    assert!(!has(&out, "promise_to_pay") && !has(&out, "stop_contact"), "{out}");
    let out = reply(
        "en-GB",
        "'Pay £85 by 15/04 to avoid further action. Reply STOP to opt out' - is that £85 the whole lot or just this month?",
    );
    assert!(!has(&out, "promise_to_pay") && !has(&out, "stop_contact"), "{out}");
    // Lottery wishes are no promise; "take me off your list" in Spanish revokes; "ring me once more and…" too.
    for (locale, text) in [
        ("zh-CN", "行啊，等我中了五百万就还你们"),
        ("es-US", "Sí, claro, les pago mañana... cuando me saque la lotería"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    for (locale, text) in [
        (
            "es-US",
            "Número equivocado, no conozco a ningún José Ramírez. Bórrenme de su lista",
        ),
        (
            "en-GB",
            "Ring me once more and I'm reporting this to the Financial Ombudsman.",
        ),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // A Spanish statement opening with "puedo" is not a question: a promise, not a request for terms.
    let out = reply(
        "es-US",
        "Estoy enferma, en quimioterapia, no puedo trabajar. Puedo pagar $20 el próximo viernes",
    );
    assert_eq!(intents(&out), vec!["hardship", "promise_to_pay"], "{out}");
    // A question about a payment made promises nothing.
    assert!(!has(
        &reply("en-US", "I paid $75 on 3/2, why is my balance still the same?"),
        "promise_to_pay"
    ));
}

#[test]
fn blind14_rules_spoken_sums_the_day_of_a_call_and_quoted_history() {
    // Sums said in words: Chinese with a unit and no currency word (四千二 is 4,200; 三千五 3,500), Spanish after a
    // paying verb, and spoken hundreds ("one fifty" is 150).
    assert_promise("zh-CN", "下个月一定还清 四千二 一分不少", 420_000, "2026-12-31");
    assert_promise("zh-CN", "三千五 下周五转你", 350_000, "2026-12-04");
    assert_promise("es-US", "Te mando mil quinientos el 15", 150_000, "2026-12-15");
    assert_promise("en-US", "gonna pay one fifty monday", 15_000, "2026-11-30");
    // "Can't pay now, call me next week": the later day is the call's, so nothing is promised.
    let out = reply("zh-CN", "我在住院 这阵子还不了 下周再打给我吧");
    assert_eq!(promised(&out), None, "{out}");
    assert!(has(&out, "callback_request"), "{out}");
    // ...while "今天还不了，明天还" still promises tomorrow.
    assert!(promised(&reply("zh-CN", "今天还不了，明天还")).is_some());
    // Revocations without the word "stop".
    for (locale, text) in [
        (
            "en-US",
            "This is his mother. I would appreciate it if your company took this number off its list.",
        ),
        (
            "en-GB",
            "Weekends are off limits, I've asked three times now. Weekday evenings only.",
        ),
        ("en-GB", "Ring my work one more time and I'm reporting you to the FCA."),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Counting the calls asks for no time to pay.
    let out = reply("en-GB", "Ring my work one more time and I'm reporting you to the FCA.");
    assert_eq!(intents(&out), ["complaint", "stop_contact"], "{out}");
    // The collector's message below an e-mail reply is not the borrower's: its "Reply STOP" revokes nothing.
    let out = reply(
        "en-US",
        "I do not recognize this account. Please send me written validation of this debt.\n\nRegards,\nDana\n\n\
         -----Original Message-----\nFrom: Accounts Team\nOur records show a past-due balance of $1,482.19. Reply STOP to opt out.",
    );
    assert!(!has(&out, "stop_contact"), "{out}");
    assert!(has(&out, "validation_request"), "{out}");
}

#[test]
fn blind15_rules_threats_by_noun_redirected_contact_and_negated_paying_verbs() {
    // Revocations: the next contact as a noun with a threat, a number taken off "whatever list", a redirect to an
    // insolvency practitioner "rather than writing to me", a bar in formal Chinese, a threat over the contact list.
    for (locale, text) in [
        (
            "en-US",
            "One more call to my work number and I'm filing with the CFPB and the state attorney general.",
        ),
        (
            "en-US",
            "Text me one more time and this number goes to the FCC. Consider this your last warning.",
        ),
        (
            "en-US",
            "I've had this number since 2019 and I get your texts for her. Please take it off whatever list you've got.",
        ),
        (
            "en-GB",
            "I entered an IVA last October. Please deal with my insolvency practitioner rather than writing to me.",
        ),
        (
            "en-GB",
            "Please remove my details from your system. I would rather not hear from your company again.",
        ),
        ("zh-CN", "烦请今后改以书面信函联系，勿再来电。"),
        ("zh-CN", "你们再敢爆我通讯录，我马上打12378投诉"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // "Don't send these on Sundays" sends nothing: a revocation, never a promise.
    let out = reply(
        "en-US",
        "Please don't send these on Sundays. It's the only day I get with my kids.",
    );
    assert!(has(&out, "stop_contact"), "{out}");
    assert_eq!(promised(&out), None, "{out}");
    // Never, said as a day, and a refusal hidden in a condition, are no promises.
    for text in [
        "I'll pay you people the day hell freezes over.",
        "I'll pay when you people learn to spell my name.",
    ] {
        assert!(!has(&reply("en-US", text), "promise_to_pay"), "{text}");
    }
    assert!(!has(
        &reply("zh-CN", "行行行，我明天就去卖肾还你们，满意了吧？"),
        "promise_to_pay"
    ));
    // Paid in full on a day named without a year: no rest is promised.
    let out = reply(
        "en-US",
        "I paid this in full on November 14th. So the $430 you're still showing is wrong.",
    );
    assert_eq!(promised(&out), None, "{out}");
    // A day of the month after a paying verb is a day, not a sum; spoken sums after fillers.
    assert_promise(
        "es-US",
        "Ya mandé 100 hoy en la mañana, los otros 150 se los mando el día 30.",
        15_000,
        "2026-11-30",
    );
    assert_promise(
        "en-US",
        "I can do this Friday. The whole four eighty-five.",
        48_500,
        "2026-12-04",
    );
}

#[test]
fn blind16_rules_everyday_sums_and_not_knowing_how_to_pay() {
    // Spoken and shorthand sums with "get you", "you'll get", "I'll have": each is the promise's amount.
    assert_promise(
        "en-US",
        "payday is the 15th, you'll get 1.5k from me that day",
        150_000,
        "2026-12-15",
    );
    assert_promise(
        "en-US",
        "I can get you 300 by the end of the month",
        30_000,
        "2026-11-30",
    );
    assert_promise(
        "en-US",
        "ill have one twenty five for u on the 15th",
        12_500,
        "2026-12-15",
    );
    assert_promise(
        "en-US",
        "ok I'll do two hundred and fifty on friday and the rest next month",
        25_000,
        "2026-12-04",
    );
    // "la mitad, 175": the half is the sum named, not half of it.
    assert_promise(
        "es-US",
        "ok I get paid el viernes, te pago la mitad, 175",
        17_500,
        "2026-12-04",
    );
    // Not knowing how one will pay is no promise; a widow living on a pension is a hardship.
    let out = reply(
        "en-US",
        "My husband passed in March and I'm living on his pension now. I honestly don't know how I'm going to pay this. Is there anything you can do for me?",
    );
    assert!(!has(&out, "promise_to_pay"), "{out}");
    assert!(has(&out, "hardship"), "{out}");
    // The borrower's own proof is no request for the collector's.
    let out = reply(
        "en-GB",
        "I paid this off in full in March, I've got the bank statement to prove it",
    );
    assert_eq!(intents(&out), ["already_paid"], "{out}");
}

#[test]
fn a_payment_stated_beside_a_question_about_where_to_pay_is_both() {
    // The question asks where to pay; the clause beside it states the payment with its sum and day.
    for (locale, text, cents, due) in [
        (
            "zh-CN",
            "我下周五會把一萬塊匯過去，請問要匯到哪個帳號？",
            1_000_000,
            "2026-12-04",
        ),
        (
            "es-US",
            "cuál es el routing number pa hacer el transfer? quiero mandar los 500 mañana",
            50_000,
            "2026-11-29",
        ),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "question_how_to_pay"), "{text}: {out}");
        assert_promise(locale, text, cents, due);
    }
    // A question alone promises nothing.
    let out = reply("zh-CN", "下周五的一万块要汇到哪个账号？");
    assert_eq!(promised(&out), None, "{out}");
}

#[test]
fn absurd_number_words_are_no_sum_and_never_overflow() {
    // A hostile reply stacking multipliers ("hundred hundred …", "mil mil …") must neither overflow nor become a
    // sum past 2^53: it names no amount.
    for (locale, text) in [
        (
            "en-US",
            &format!("I will pay {} dollars friday", "hundred ".repeat(40)) as &str,
        ),
        ("en-US", &format!("gonna pay one {} monday", "thousand ".repeat(40))),
        ("es-US", &format!("te mando {} el 15", "mil ".repeat(40))),
        ("zh-CN", &format!("明天还你九{}块", "万".repeat(40))),
        ("zh-CN", &format!("明天还你{}", "九千万".repeat(20))),
        ("en-US", &format!("I will pay {}k tomorrow", "9".repeat(30))),
        ("zh-CN", &format!("明天还你{}w", "9".repeat(30))),
    ] {
        let out = reply(locale, text);
        for a in out["amounts"].as_array().unwrap() {
            assert!(a["amount"].as_i64().unwrap() < 1 << 53, "{text}: {out}");
        }
    }
}

#[test]
fn blind17_rules_how_people_type_chat_spelling_voice_to_text_and_pinyin() {
    // Chat spelling and dictation: "payin", "tmw", "to hundred" heard for two hundred.
    assert_promise("en-US", "payin 80 tmw", 8_000, "2026-11-29");
    assert_promise("en-US", "i can pay to hundred on friday", 20_000, "2026-12-04");
    // Pinyin typed without an input method is read as the Chinese it spells (23:00 Saturday in Shanghai).
    assert_promise("zh-CN", "mingtian huan 500 ba", 50_000, "2026-11-29");
    let out = reply("zh-CN", "buyao zai da dianhua le");
    assert!(has(&out, "stop_contact"), "{out}");
    // An English reply from a Chinese-speaking borrower is not rewritten.
    let out = reply("zh-CN", "ok see you later");
    assert_eq!(intents(&out), ["other"], "{out}");
    // "el 2do": a Spanish short ordinal is a day of the month.
    assert_promise("es-US", "le deposito 200 el 2do", 20_000, "2026-12-02");
}

#[test]
fn blind17_rules_a_promise_denied_or_demanded_is_none() {
    for (locale, text) in [
        ("en-US", "I never said I'd pay on Friday"),
        ("en-US", "i did not say i would pay this month"),
        ("zh-CN", "我没说周五还"),
        ("es-US", "no le prometo nada"),
        // The collector's demand and an ability denied hold 还 but pay nothing.
        ("zh-CN", "现在让我还8600，利息太离谱了，我不认"),
        ("zh-CN", "家里人住院，实在没有能力还"),
        // What is sent is a paper.
        ("en-US", "my attorney's office will send you the case number"),
        // A win not yet had.
        ("en-GB", "you'll get it all when i win the euromillions"),
    ] {
        let out = reply(locale, text);
        assert!(!has(&out, "promise_to_pay"), "{text}: {out}");
    }
    // Denying a refusal is no refusal.
    assert_promise(
        "en-US",
        "I never said I wouldn't pay. I'll pay 50 on Friday",
        5_000,
        "2026-12-04",
    );
    // A denial today with a day to come is still a promise.
    let out = reply("zh-CN", "今天还不了，明天吧");
    assert!(has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind17_rules_the_first_part_of_a_split_payment_is_the_promise() {
    // "the rest" / "el resto" / 剩下 comes later: the promise is the first part, on the earliest day said.
    assert_promise(
        "en-US",
        "$200 on the 10th and the rest before christmas",
        20_000,
        "2026-12-10",
    );
    assert_promise(
        "es-US",
        "el 20 le pago el resto y el 2do le mando 150",
        15_000,
        "2026-12-02",
    );
    assert_promise("zh-CN", "12号先还一千，剩下的下个月还", 100_000, "2026-12-12");
}

#[test]
fn blind17_rules_words_that_look_like_other_intents() {
    // My mother's phone is no curse; the employer's bankruptcy is a lost job; where a payment was made is no
    // question; a call barred is no call asked for.
    let out = reply("zh-CN", "不要再打我妈的电话了");
    assert!(has(&out, "stop_contact") && !has(&out, "abusive"), "{out}");
    let out = reply("zh-CN", "公司破产了，我现在失业，工资都没发");
    assert!(has(&out, "hardship") && !has(&out, "bankruptcy"), "{out}");
    let out = reply("en-US", "the company I worked for went bankrupt and I lost my job");
    assert!(has(&out, "hardship") && !has(&out, "bankruptcy"), "{out}");
    let out = reply("en-GB", "I paid it in full at the post office last week");
    assert_eq!(intents(&out), ["already_paid"], "{out}");
    let out = reply("zh-CN", "不要再call我了");
    assert!(has(&out, "stop_contact") && !has(&out, "callback_request"), "{out}");
    // A threat to wreck the office is abuse.
    let out = reply("zh-CN", "再打过来我就去你们公司给你们砸了");
    assert!(has(&out, "abusive") && has(&out, "stop_contact"), "{out}");
    // 没剩多少 (not much left) asks nothing.
    let out = reply("zh-CN", "失业了，房租一交就没剩多少了");
    assert_eq!(intents(&out), ["hardship"], "{out}");
}

#[test]
fn blind17_rules_questions_and_asks_in_everyday_words() {
    for (locale, text, intent) in [
        ("en-GB", "give us a ring after 5", "callback_request"),
        ("zh-CN", "能不能call我一下", "callback_request"),
        ("en-US", "how much is left to pay?", "question_balance"),
        ("en-US", "can I pay it over the phone?", "question_how_to_pay"),
        ("en-US", "this aint my debt", "dispute"),
        (
            "es-US",
            "hay algun programa de ayuda para desempleados?",
            "question_options",
        ),
        (
            "en-US",
            "is there an assistance program for people out of work?",
            "question_options",
        ),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, intent), "{text}: want {intent}: {out}");
    }
    // A rambling story that turns to the point with "anyway what is …" asks; it promises nothing.
    let out = reply(
        "en-US",
        "long month, the car broke down and the kids were sick, anyway what is the account number i need to send a transfer to you",
    );
    assert!(
        has(&out, "question_how_to_pay") && !has(&out, "promise_to_pay"),
        "{out}"
    );
}

#[test]
fn blind18_rules_scoffs_refusals_and_payments_made_elsewhere() {
    // Openers that mock on their own, and a refusal with its pronoun ("no lo voy a pagar"), promise nothing.
    for (locale, text) in [
        ("en-US", "lol sure, I'll pay you Monday. and Tuesday too"),
        ("en-GB", "yeah yeah I'll sort it Friday like always"),
        ("es-US", "El cobro está mal, eso no lo voy a pagar"),
        // "when I stopped paying" is a past stop.
        ("en-US", "The amount is wrong, I owed $900 when I stopped paying"),
    ] {
        let out = reply(locale, text);
        assert!(!has(&out, "promise_to_pay"), "{text}: {out}");
    }
    // Paid before, refusing to pay again: both the payment and the contest.
    let out = reply(
        "en-GB",
        "I paid this off in 2022 and have the letter. Not paying you a penny.",
    );
    assert_eq!(intents(&out), ["already_paid", "dispute"], "{out}");
    let out = reply(
        "es-US",
        "Ya la pagué, tengo una carta de saldo cero y ahora me la están cobrando otra vez",
    );
    assert!(
        has(&out, "already_paid") && has(&out, "dispute") && !has(&out, "question_balance"),
        "{out}"
    );
}

#[test]
fn blind18_rules_sums_said_without_a_verb_and_days_no_calendar_has() {
    // As of Saturday 28 November 2026.
    assert_promise("en-US", "1k by end of month, that's what I have", 100_000, "2026-11-30");
    assert_promise("en-US", "Stop calling my job. 300 on the 5th", 30_000, "2026-12-05");
    // The same sum twice is one instalment; "now" after "pay half" is today, the half named in brackets.
    assert_promise("en-US", "ok. 150 on the 1st, 150 on the 15th", 15_000, "2026-12-01");
    assert_promise(
        "en-US",
        "I can pay half now ($300) and the rest in January",
        30_000,
        "2026-11-28",
    );
    // 一半，两千: the half named; 剩下的3000: the rest after a part paid; 3000月底 is a sum, not a month.
    assert_promise("zh-CN", "月底先还一半，两千", 200_000, "2026-11-30");
    assert_promise(
        "zh-CN",
        "上周已经还了1000了，剩下的3000月底前还清",
        300_000,
        "2026-11-30",
    );
    // A day no calendar has is still a day named: a promise whose day is asked for.
    for (locale, text) in [
        ("zh-CN", "2月30号还"),
        ("en-US", "I'll have the 200 to you Nov 31"),
        ("es-US", "le pago el 31 de septiembre"),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "promise_to_pay"), "{text}: {out}");
        let ask = out["effects"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "ask_for_date");
        assert!(ask, "{text}: {out}");
    }
}

#[test]
fn blind18_rules_terms_asked_beside_a_payment_stated() {
    // A plan asked for and a payment stated in another sentence: both.
    let out = reply("zh-CN", "能不能帮我申请延期？我每个月10号先还500，直到还清。");
    assert!(has(&out, "question_options") && has(&out, "promise_to_pay"), "{out}");
    // Asked without a question mark it is only a question.
    let out = reply("zh-CN", "下周还不上，能不能先还500");
    assert!(!has(&out, "promise_to_pay"), "{out}");
    // Splitting it, asked: an arrangement.
    let out = reply("en-US", "can i pay 200 now and the rest next month?");
    assert!(has(&out, "question_options") && !has(&out, "promise_to_pay"), "{out}");
    // A plan to talk about is no payment; proof asked for before the debt is accepted is a validation request.
    let out = reply("zh-CN", "明天下午给我回个电话，想谈一下还款方案");
    assert_eq!(intents(&out), ["callback_request", "question_options"], "{out}");
    let out = reply("zh-CN", "先把借款合同和债权证明发给我，否则我不认");
    assert_eq!(intents(&out), ["validation_request"], "{out}");
    // Everyday words for the legally weighty: a diagnosis is a hardship, the original agreement asked for is
    // a validation request, unlawful interest is a dispute, my family's phone is no callback.
    let out = reply(
        "en-GB",
        "She was diagnosed with cancer in May and I've gone part time to care for her",
    );
    assert!(has(&out, "hardship"), "{out}");
    let out = reply(
        "en-GB",
        "How do I know I owe this? Send me the original agreement first.",
    );
    assert!(has(&out, "validation_request"), "{out}");
    let out = reply("zh-CN", "你们的利息超过法定上限，不合法");
    assert!(has(&out, "dispute"), "{out}");
    let out = reply("zh-CN", "再打我家里人电话我就投诉你们");
    assert!(!has(&out, "callback_request") && has(&out, "stop_contact"), "{out}");
    let out = reply("en-GB", "Don't post anything to my parents, I moved out last year");
    assert!(has(&out, "stop_contact") && !has(&out, "wrong_person"), "{out}");
    // What is ceased is the post.
    assert_eq!(
        out["effects"][0],
        json!({"kind": "record_cease", "channel": "letter"}),
        "{out}"
    );
}

#[test]
fn blind19_rules_revocations_said_without_a_stop_word() {
    for (locale, text) in [
        ("en-GB", "I need these texts stopped, I've asked twice now"),
        ("en-GB", "Post me a letter rather than ringing my mobile"),
        ("en-US", "Please use my home email from now on, not this work one"),
        ("en-GB", "do one mate"),
        ("es-US", "ya déjenme en paz por favor"),
        ("es-US", "Quítenme de su lista, gracias"),
        ("en-GB", "The trustee handles it now. Deal with them and not me."),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "stop_contact"), "{text}: {out}");
    }
    // "do one" as a number of payments is not a dismissal.
    let out = reply("en-GB", "I can do one payment of £50 on Friday");
    assert!(!has(&out, "stop_contact"), "{out}");
}

#[test]
fn blind19_rules_a_relative_answering_for_a_holder_who_died() {
    let out = reply("en-US", "This is my dad's number, he died in May. Don't ring it again");
    assert!(
        has(&out, "wrong_person") && has(&out, "stop_contact") && !has(&out, "hardship"),
        "{out}"
    );
    let out = reply("zh-CN", "这是我妈的手机，她已经去世了");
    assert!(has(&out, "wrong_person") && !has(&out, "hardship"), "{out}");
    // The borrower's own bereavement stays hardship, even with "phone" as a verb.
    let out = reply(
        "en-GB",
        "My husband passed away in March and I can't pay right now. I'd rather you didn't phone.",
    );
    assert!(has(&out, "hardship") && !has(&out, "wrong_person"), "{out}");
    // Whoever has the phone, named in full.
    let out = reply("en-US", "this is my daughter's phone. she is not Maria Lopez");
    assert!(has(&out, "wrong_person"), "{out}");
}

#[test]
fn blind19_rules_sarcasm_conditions_denied_days_and_money_in_transit_promise_nothing() {
    for (locale, text) in [
        ("en-US", "Sure I'll pay Monday, said no one ever"),
        ("zh-CN", "利息免了的话我下周就还两千"),
        ("zh-CN", "周五还不了，厂里拖欠工资"),
        ("zh-CN", "钱已经转了，估计后天到账"),
    ] {
        let out = reply(locale, text);
        assert!(!has(&out, "promise_to_pay"), "{text}: {out}");
    }
    assert!(has(&reply("zh-CN", "周五还不了，厂里拖欠工资"), "hardship"));
    assert!(has(&reply("zh-CN", "钱已经转了，估计后天到账"), "already_paid"));
    // Short of cash until wages come is no hardship.
    assert!(!has(&reply("en-GB", "skint till payday, sorry"), "hardship"));
}

#[test]
fn blind19_rules_a_payment_stated_beside_a_question() {
    // As of Saturday 28 November 2026.
    let out = reply("en-US", "Can I pay by card? I'll have the money by Friday");
    assert!(has(&out, "promise_to_pay") && has(&out, "question_how_to_pay"), "{out}");
    assert!(!has(&out, "question_options"), "{out}");
    assert_promise(
        "en-US",
        "I'm sending $40 today. Could we set up a plan for the rest?",
        4_000,
        "2026-11-28",
    );
    let out = reply("es-US", "Hoy mando 60. ¿Hay plan para lo demás?");
    assert!(has(&out, "promise_to_pay") && has(&out, "question_options"), "{out}");
    let out = reply("zh-CN", "好 我下午3点前转 把账号发我");
    assert!(has(&out, "promise_to_pay") && has(&out, "question_how_to_pay"), "{out}");
    assert_promise(
        "es-US",
        "Voy a dar 80 cada quincena empezando el viernes",
        8_000,
        "2026-12-04",
    );
    // A plan stated and started is a promise, not a question.
    let out = reply("zh-CN", "分四期，每期五百，下周一先还第一期");
    assert_eq!(intents(&out), ["promise_to_pay"], "{out}");
    // Pinyin, with syllables no table lists.
    assert_promise("zh-CN", "bu hao yi si, wo xia zhou wu huan 300", 30_000, "2026-12-04");
}

#[test]
fn blind19_rules_a_pasted_footer_and_a_plain_acknowledgement() {
    let out = reply(
        "en-US",
        "how much do I owe\n---\nAcme Lending: your account is past due. Reply STOP to opt out",
    );
    assert_eq!(intents(&out), ["question_balance"], "{out}");
    assert_eq!(intents(&reply("en-GB", "Got it, thanks 👍")), ["other"]);
    assert_eq!(intents(&reply("zh-CN", "收到，谢谢")), ["other"]);
}

#[test]
fn blind20_rules_revocations_in_many_words_and_stops_that_are_not() {
    for (locale, text) in [
        (
            "en-US",
            "Someone came to my door last week. Nobody comes to my house again.",
        ),
        ("en-US", "no calls between 9pm and 8am please, I have a newborn"),
        ("en-US", "No need to keep ringing me, I know what I owe."),
        ("en-US", "Keep my brother's phone out of this."),
        ("en-GB", "Wrong person, kindly take this number off your system."),
        ("en-GB", "I'd ask that all future correspondence be in writing."),
        ("en-GB", "Please don't discuss my account with my partner."),
        (
            "en-US",
            "My lawyer handles this now. Any contact goes through him, not me.",
        ),
        ("es-US", "Nomás por correo de aquí en adelante."),
        ("es-US", "Por favor ya no vengan a mi casa."),
        (
            "es-US",
            "El síndico lleva el caso. Cualquier contacto, con el síndico, no conmigo.",
        ),
        ("zh-CN", "把我从你们的名单里删掉"),
        ("zh-CN", "以后别上门了"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    for (locale, text) in [
        ("en-US", "Stop charging me late fees, I pay on time."),
        ("en-US", "I'll stop in at the branch Saturday and pay $100."),
        ("en-GB", "At the bus stop, ring me back in ten minutes"),
        ("en-US", "Not asking you to stop calling, just call after 6."),
        (
            "en-US",
            "Your text says \"Reply STOP to opt out\". I don't want to opt out, I want my balance.",
        ),
        ("en-US", "Don't call it a courtesy reminder. How much is the payoff?"),
        ("es-US", "Dejen de cobrarme ese cargo que nunca autoricé."),
        ("zh-CN", "我不会拉黑你们的，周五就还500"),
    ] {
        assert!(!has(&reply(locale, text), "stop_contact"), "{text}");
    }
}

#[test]
fn blind20_rules_promises_that_are_not_and_an_instalment_named_in_a_letter() {
    for (locale, text) in [
        ("en-US", "I never told your agent I'd pay on Monday."),
        ("zh-CN", "有钱了就还"),
        ("zh-CN", "上周三转了500，截图发你们了"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // As of Saturday 28 November 2026: the letter's own date is no day to come; the promise is one instalment.
    assert_promise(
        "en-GB",
        "Further to your letter of 14 November, I accept the balance of £900.00. I will clear it in monthly instalments of £75, the first on 15 December.",
        7_500,
        "2026-12-15",
    );
}

#[test]
fn blind21_rules_revocations_threats_and_who_is_writing() {
    // "full stop" is punctuation: it must not hide the revocation beside it; the number taken off the list.
    for (locale, text) in [
        ("en-GB", "No texts on a Sunday, full stop."),
        (
            "en-US",
            "New number, not Darnell anymore. Get it out of your dialer please.",
        ),
        ("en-US", "Wrong guy. Take this number out of your system."),
        ("es-US", "Sáquenme de su sistema, este número ya no es de Rosa."),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Threats of coming round are abuse.
    for (locale, text) in [
        ("en-US", "Keep it up and I'll sort you out. I know where you work."),
        ("es-US", "Sigan llamando, ya sé dónde están."),
        ("zh-CN", "再打试试，我知道你们公司在哪"),
    ] {
        assert!(has(&reply(locale, text), "abusive"), "{text}");
    }
    // A relative answering for an account holder who died.
    for (locale, text) in [
        (
            "en-US",
            "This is her son. Mom passed last winter, please update your records.",
        ),
        ("zh-CN", "我妈前年去世了，这是她以前的号，现在我儿子在用"),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "wrong_person") && !has(&out, "hardship"), "{text}: {out}");
    }
    // The employer's collapse is hardship, not bankruptcy; "no money" with no reason is not hardship.
    for (locale, text) in [
        ("zh-CN", "厂子倒闭了，工资没发，真的还不上"),
        ("en-US", "My company went under in March and I still havent found work."),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "hardship") && !has(&out, "bankruptcy"), "{text}: {out}");
    }
    assert!(!has(&reply("zh-CN", "没钱，你们看着办吧"), "hardship"));
    // A promise naming no contact takes no revocation the model guesses.
    let out = reply("zh-CN", "下周二发工资 到时候还600");
    assert!(has(&out, "promise_to_pay") && !has(&out, "stop_contact"), "{out}");
    // One time ruled out and a later one asked for: both a (partial) revocation and a callback.
    let out = reply("zh-CN", "上班时间不方便接，下午六点以后再打吧");
    assert!(has(&out, "stop_contact") && has(&out, "callback_request"), "{out}");
    // 还差多少 ("how much is still missing") asks the balance; 还 there is "still", not "repay".
    let out = reply("zh-CN", "后天帮我打个电话 顺便说一下还差多少");
    assert_eq!(intents(&out), ["callback_request", "question_balance"], "{out}");
}

#[test]
fn blind21_rules_questions_disputes_and_promises_in_other_words() {
    for (locale, text, want) in [
        // Asking whether terms exist is no promise, sum or not.
        (
            "en-US",
            "I lost my job in October. Is there any way I could do $40 a month for now",
            vec!["hardship", "question_options"],
        ),
        (
            "es-US",
            "Me enfermé y no puedo trabajar. ¿Se puede hacer pagos más pequeños?",
            vec!["hardship", "question_options"],
        ),
        ("zh-CN", "能不能分10期 每个月多少", vec!["question_options"]),
        // A payment supposed ("if I paid") is not a payment made.
        (
            "en-US",
            "could you waive the interest if i paid whats left next week?",
            vec!["question_options"],
        ),
        // A payoff figure asked is the balance.
        (
            "en-US",
            "how much would it take to pay it off",
            vec!["question_balance"],
        ),
        // Disputes in other words.
        ("en-GB", "I disagree with the balance on your letter.", vec!["dispute"]),
        ("es-US", "Ese cargo de $25 no lo debo.", vec!["dispute"]),
        (
            "en-US",
            "Paid off in full last month and now you say I owe another $15 in fees? No way.",
            vec!["already_paid", "dispute"],
        ),
        ("zh-CN", "你们先把合同拿出来再说", vec!["validation_request"]),
        // How to pay, and a wish to know put as a statement.
        (
            "en-US",
            "How do I set up autopay on the app?",
            vec!["question_how_to_pay"],
        ),
        (
            "es-US",
            "¿Cómo le hago para pagar con la tarjeta nueva?",
            vec!["question_how_to_pay"],
        ),
        (
            "en-US",
            "call me back tomorrow, I want to know what I owe with the late fees",
            vec!["callback_request", "question_balance"],
        ),
    ] {
        assert_eq!(intents(&reply(locale, text)), want, "{text}");
    }
    // A Spanish promise verb negated is no promise.
    assert!(!has(
        &reply("es-US", "No les voy a dar mi número de seguro social."),
        "promise_to_pay"
    ));
    // As of Saturday 28 November 2026 (23:00 in Shanghai).
    for (locale, text, cents, due) in [
        ("en-GB", "will clear £450 by 12/12", 45_000, "2026-12-12"),
        // A decimal point splits no clause; a dropped subject still pays.
        (
            "en-US",
            "paying 2.5k monday, that covers the past due right?",
            250_000,
            "2026-11-30",
        ),
        ("es-US", "El lunes le hago el depósito de $200", 20_000, "2026-11-30"),
        (
            "en-US",
            "I want to send 250 today, whats your routing #",
            25_000,
            "2026-11-28",
        ),
        // A past year-end and a holiday already spent are no days to pay by.
        ("zh-CN", "去年年底出了事故 下个月5号还800", 80_000, "2026-12-05"),
        ("zh-CN", "国庆出去玩了没看手机 明天还500", 50_000, "2026-11-29"),
        // The day in the clause that denies paying is not the day promised.
        ("zh-CN", "这周真没钱 下周四还300", 30_000, "2026-12-03"),
        // A mobile signature's "Sent" is no payment made.
        (
            "es-US",
            "Les mando $90 el viernes.\n\nSent from my Galaxy",
            9_000,
            "2026-12-04",
        ),
        // "What I can do is…" states; it does not ask.
        ("en-US", "What I can do is $60 on the 10th.", 6_000, "2026-12-10"),
    ] {
        assert_promise(locale, text, cents, due);
    }
    let out = reply("es-US", "¿Cuánto es el total? Lo voy a liquidar a fin de mes");
    assert_eq!(intents(&out), ["promise_to_pay", "question_balance"], "{out}");
    let out = reply("es-US", "No es que no quiera pagar, perdí el trabajo");
    assert!(!has(&out, "bankruptcy"), "{out}");
}

#[test]
fn blind22_rules_short_answers_tags_and_payments_in_context() {
    // As of Saturday 28 November 2026. A short answer that accepts a day is a promise for that day.
    for (locale, text, due) in [
        ("en-US", "alright, the 12th then", "2026-12-12"),
        ("en-GB", "OK. Monday then.", "2026-11-30"),
        ("es-US", "bueno, el viernes entonces", "2026-12-04"),
        ("zh-CN", "行，那就下周五吧", "2026-12-04"),
    ] {
        let out = reply(locale, text);
        assert_eq!(intents(&out), ["promise_to_pay"], "{text}");
        assert_eq!(promised(&out).map(|p| p.1), Some(json!(due)), "{text}: {out}");
    }
    // A full offer closed by "ok?" asks only for assent; "the 9" after a sum is a day of the month.
    assert_promise("es-US", "I pay 150 the 9 ok?", 15_000, "2026-12-09");
    // The rest promised while today's part is reported sent: the promise takes the later day.
    let out = reply("es-US", "a fin de mes le pago los 120 que faltan, hoy le deposité 80");
    assert_eq!(intents(&out), ["already_paid", "promise_to_pay"], "{out}");
    assert_eq!(promised(&out).map(|p| p.1), Some(json!("2026-11-30")), "{out}");
    // Paying words taken back, the collector's promise, a payment supposed: none is a promise or a payment.
    for (locale, text) in [
        ("en-US", "I'd love to send you 50 on Monday but it's not happening"),
        (
            "en-GB",
            "Still no sign of the statement you promised. Why is it £900 now?",
        ),
        ("zh-CN", "要是年终奖发下来，我就全部还了"),
    ] {
        let out = reply(locale, text);
        assert!(
            !has(&out, "promise_to_pay") && !has(&out, "already_paid"),
            "{text}: {out}"
        );
    }
    // "Will clear it tomorrow afternoon, 1560 in all, right?": a promise (not a payment) and a sum to confirm.
    let out = reply("zh-CN", "明天下午还清，总共1560对吧");
    assert_eq!(intents(&out), ["promise_to_pay", "question_balance"], "{out}");
    // A cheque already posted is paid; the way it went is not a question about how to pay.
    let out = reply("en-GB", "Posted a cheque on Tuesday. How much is left?");
    assert_eq!(intents(&out), ["already_paid", "question_balance"], "{out}");
    // Which account, asked beside a promise.
    let out = reply("zh-CN", "周五转一千，转到原来那个账号吗？");
    assert_eq!(intents(&out), ["promise_to_pay", "question_how_to_pay"], "{out}");
    // A condition put in the past tense ("if you took … off") is an offer on terms.
    let out = reply("en-GB", "I'd clear it Friday if you took the interest off.");
    assert_eq!(intents(&out), ["question_options"], "{out}");
}

#[test]
fn blind22_rules_papers_charges_hardship_and_who_is_writing() {
    // Each intent read by a rule, not only guessed by the model (whose additions carry confidence 600).
    let by_rule = |out: &Value, intent: &str| {
        out["intents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["intent"] == intent && f["confidence"].as_u64().unwrap_or(0) > 600)
    };
    for (locale, text, want) in [
        // The loan's papers demanded, or the original lender asked for.
        ("zh-CN", "你们先把签了字的协议拿出来", "validation_request"),
        (
            "en-US",
            "Mail me the agreement with my signature first",
            "validation_request",
        ),
        (
            "es-US",
            "Manden el contrato con mi firma y hablamos",
            "validation_request",
        ),
        (
            "es-US",
            "Dígame quién es el acreedor original, gracias",
            "validation_request",
        ),
        // Charges called unlawful, or the sum lent set against the sum asked: the debt is contested.
        ("en-US", "That interest is illegal, I won't pay it", "dispute"),
        ("en-US", "I borrowed 400 and somehow it turned into 1,300", "dispute"),
        ("es-US", "pedí prestado 300 y ahora son 900", "dispute"),
        ("zh-CN", "本金才两千，怎么变成六千了", "dispute"),
        // Hardship said with a figure or in other words.
        ("en-GB", "Been signed on since the factory closed in May.", "hardship"),
        (
            "es-US",
            "Me operaron del corazón, no puedo trabajar este mes",
            "hardship",
        ),
        ("zh-CN", "工地停工了，没工资", "hardship"),
        // Options, balance and how to pay in other words.
        ("zh-CN", "这期能不能只还最低", "question_options"),
        (
            "en-GB",
            "Could you tell me what's outstanding please",
            "question_balance",
        ),
        ("es-US", "¿A dónde lo mando?", "question_how_to_pay"),
    ] {
        let out = reply(locale, text);
        assert!(by_rule(&out, want), "{text}: {out}");
    }
    // Hours cut by a figure, with terms asked; 手头紧 alone has no cause.
    let out = reply(
        "en-US",
        "they dropped me to 12 hours a week, can we talk about a smaller payment?",
    );
    assert_eq!(intents(&out), ["hardship", "question_options"], "{out}");
    assert_eq!(intents(&reply("zh-CN", "这个月手头紧")), ["other"]);
    // A full name not known is a wrong person; contact sent to a representative "not me" revokes.
    assert!(has(
        &reply("en-US", "I don't know a Tanya Brooks, sorry."),
        "wrong_person"
    ));
    assert!(has(
        &reply(
            "en-GB",
            "My adviser at the debt charity handles this. Write to him, not me."
        ),
        "stop_contact"
    ));
    // A reply in the wrong language that only asks who is writing revokes nothing.
    assert!(!has(&reply("en-US", "No hablo inglés. ¿Quién habla?"), "stop_contact"));
}

#[test]
fn blind23_rules_relatives_payments_made_conditions_and_unwanted_contact() {
    // The contact itself unwanted, or correspondence sent to a representative "rather than to me": revoked.
    for (locale, text) in [
        ("en-US", "We don't want your calls at this house anymore."),
        (
            "en-GB",
            "My adviser at the debt charity deals with this now; send all correspondence to him rather than to me.",
        ),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // A payment made, with the day or the channel between 已 and the verb, or sent to the wrong account.
    for text in [
        "我已于本月3日通过微信还清了这笔钱",
        "已经用银行卡转了500过去，还在处理中",
        "上周还款时转错了账户，请帮忙查一下",
    ] {
        let out = reply("zh-CN", text);
        assert!(
            has(&out, "already_paid") && !has(&out, "promise_to_pay"),
            "{text}: {out}"
        );
    }
    // 没办法按时还了 denies an ability; it reports no payment.
    assert!(!has(
        &reply("zh-CN", "店里生意不好，实在没办法按时还了"),
        "already_paid"
    ));
    // An order to the collector, then the payment it would buy, is a condition; "I'll have a look" pays nothing.
    for (locale, text) in [
        ("en-GB", "Waive the late fees and I'll pay the rest."),
        ("en-US", "Thanks, I'll have a look at it over the weekend."),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // A relative answering for the holder, or a number that changed hands, is not the borrower ...
    for (locale, text) in [
        (
            "en-US",
            "I'm her mother. She moved out years ago and I know nothing about this loan.",
        ),
        ("zh-CN", "我是她姐姐，她出国了，这些事我不清楚。"),
        (
            "es-US",
            "Soy la esposa de Rubén, él está trabajando fuera y no sé nada de esa cuenta.",
        ),
        ("en-GB", "There is no Gareth at this number, please check your records."),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "wrong_person") && !has(&out, "dispute"), "{text}: {out}");
    }
    // ... and the holder's troubles told by the relative are not the writer's hardship.
    assert!(!has(
        &reply("zh-CN", "我是他老婆，他最近住院了，出院后让他回电话"),
        "hardship"
    ));
    // ... but a relative who pays for the holder takes the debt up.
    assert!(!has(
        &reply("en-US", "I'm his father. I'll pay $200 toward it on Monday."),
        "wrong_person"
    ));
    // Causes in the borrower's own words: gig income halved, a doctor's note, an injury, a flood, work lost.
    for (locale, text) in [
        ("en-US", "The delivery work has dried up since the holidays."),
        ("en-GB", "My GP signed me off for six weeks."),
        ("zh-CN", "上个月骨折了，一直没法上班"),
        ("es-US", "Se me inundó la casa con la tormenta."),
        ("es-US", "Me quedé sin chamba en octubre."),
    ] {
        assert!(has(&reply(locale, text), "hardship"), "{text}");
    }
    // Time or a smaller payment begged for is a request for terms, not a promise.
    for (locale, text) in [
        ("en-US", "Please give me until March, things are rough."),
        ("es-US", "Nomás que me den un mes y me pongo al día."),
        ("zh-CN", "能不能先停一个月？"),
    ] {
        let out = reply(locale, text);
        assert!(
            has(&out, "question_options") && !has(&out, "promise_to_pay"),
            "{text}: {out}"
        );
    }
}

#[test]
fn blind23_rest_courtesy_pleas_and_pressure_are_no_revocation() {
    // An escalation pleaded against, 麻烦您 (courtesy, not annoyance), pressure for a date refused: contact stands.
    for (locale, text) in [
        (
            "en-US",
            "Please don't send my account to collections, I'll pay $300 on Friday.",
        ),
        ("zh-CN", "麻烦您先别上报征信，后天发工资就还1500。"),
        (
            "en-US",
            "Quit trying to get me to commit to a date. I told you I'd call when I have it.",
        ),
    ] {
        let out = reply(locale, text);
        assert!(!has(&out, "stop_contact"), "{text}: {out}");
    }
}

#[test]
fn blind23_rest_promises_with_a_word_between_the_rest_put_off_and_shares_of_income() {
    // "I can still do", "we can only manage": a word between "can" and the paying verb.
    assert_promise("en-US", "I can still do $60 on Friday.", 6000, "2026-12-04");
    assert_promise(
        "en-GB",
        "We can only manage £30 a month, the first on Friday.",
        3000,
        "2026-12-04",
    );
    assert!(has(
        &reply("en-US", "I can clear the past due amount on Friday."),
        "promise_to_pay"
    ));
    // Only the rest is put off (其余的…再说): the first payment is promised.
    assert_promise("zh-CN", "下周五先还800，其余的等年后再说。", 80000, "2026-12-04");
    // A share that measures lost income is not a share of the payment.
    assert_promise(
        "zh-CN",
        "生意少了一半，只能先还500，周五转给你们。",
        50000,
        "2026-12-04",
    );
    assert_promise(
        "es-US",
        "Desde que cerraron la fábrica gano la mitad. Le mando $80 el viernes.",
        8000,
        "2026-12-04",
    );
    // "sat down" is no Saturday.
    assert_promise(
        "en-GB",
        "I sat down with my budget: £50 will go to you on 15/12.",
        5000,
        "2026-12-15",
    );
    // "le tiro los $120": paying, colloquially.
    assert_promise(
        "es-US",
        "Cobro el viernes y ese día le tiro los $120.",
        12000,
        "2026-12-04",
    );
}

#[test]
fn blind23_rest_ways_to_pay_asked_and_named() {
    for (locale, text) in [
        ("en-US", "Could I pay at CVS, or is it online only?"),
        ("en-GB", "Can I pay by direct debit?"),
        ("en-US", "whats the total? and can i pay it at the store or only online"),
    ] {
        assert!(has(&reply(locale, text), "question_how_to_pay"), "{text}");
    }
    // A day, not a way: "by the 15th".
    assert!(!has(&reply("en-US", "Can I pay by the 15th?"), "question_how_to_pay"));
    // The way a payment already went, with nothing asked.
    for (locale, text) in [
        (
            "en-GB",
            "Paid it all at the post office this afternoon, please confirm it's closed.",
        ),
        ("zh-CN", "我前天还款转到你们另一个收款账户上了，麻烦帮忙查一下。"),
    ] {
        let out = reply(locale, text);
        assert!(
            has(&out, "already_paid") && !has(&out, "question_how_to_pay"),
            "{text}: {out}"
        );
    }
    // 线下能不能还 with a day for the call asks how to pay, not for terms.
    let out = reply("zh-CN", "明天给我回个电话，我想问下线下能不能还，怎么还？");
    assert!(
        has(&out, "question_how_to_pay") && !has(&out, "question_options"),
        "{out}"
    );
}

#[test]
fn blind23_rest_things_named_in_passing_are_not_asked() {
    // The statement named as where a charge appears; the charge never agreed to is contested.
    let out = reply("en-US", "The late charges on my statement were never agreed to.");
    assert!(has(&out, "dispute") && !has(&out, "question_balance"), "{out}");
    // 跟说好的不一样: a sum other than agreed is contested.
    assert!(has(&reply("zh-CN", "怎么又多了200？跟说好的不一样。"), "dispute"));
    // Papers the writer offers to give, and a contract cited by its number, ask for no validation.
    for (locale, text) in [
        (
            "en-US",
            "My father died last month. What documents do you need from me to close his account?",
        ),
        ("zh-CN", "关于借款合同HT2024-118号，本人因病住院，恳请延期还款。"),
    ] {
        assert!(!has(&reply(locale, text), "validation_request"), "{text}");
    }
    // Calls recorded as evidence ask for no call.
    let out = reply("zh-CN", "你们的通话我都录音了，我要去12378投诉。");
    assert!(has(&out, "complaint") && !has(&out, "callback_request"), "{out}");
    // An unknown phone number is not a disputed debt.
    assert!(!has(&reply("es-US", "No reconozco este número, ¿quién es?"), "dispute"));
    // The court's plan in a bankruptcy, and a plan turned down, ask for no terms.
    for text in [
        "I filed Chapter 13 last month; your loan is in the court's payment plan.",
        "I don't need your payment plan. I'll sort it out myself.",
    ] {
        assert!(!has(&reply("en-US", text), "question_options"), "{text}");
    }
    // 能不能别催了 asks for quiet, not for terms.
    let out = reply("zh-CN", "能不能别催了？过完年再说。");
    assert!(has(&out, "stop_contact") && !has(&out, "question_options"), "{out}");
}

#[test]
fn blind23_rest_questions_beside_a_promise_and_threats() {
    // A smaller payment asked in its own question beside a promise: both.
    let out = reply(
        "en-GB",
        "I'll pay £40 on Friday. Any chance of smaller monthly payments after that?",
    );
    assert!(has(&out, "promise_to_pay") && has(&out, "question_options"), "{out}");
    // What would be left after a payment is a balance question.
    assert!(has(
        &reply("es-US", "Le mando $100 el viernes. ¿Cuánto me quedaría debiendo?"),
        "question_balance"
    ));
    // A threat to find the collector is abuse.
    assert!(has(
        &reply("en-US", "Keep it up and I'll find out where your office is."),
        "abusive"
    ));
}

#[test]
fn blind11_rest_clauses_of_time_fees_stopped_and_statements_read() {
    // "When my bonus lands, I'll pay off…" is a clause of time, not a question about the balance.
    let out = reply("en-US", "When my bonus lands on the 20th, I'll pay off the whole $900.");
    assert!(has(&out, "promise_to_pay") && !has(&out, "question_balance"), "{out}");
    // ... while "when can I pay it off" (an inverted verb) still asks about the payoff.
    assert!(has(
        &reply("en-US", "When can I pay off the whole thing"),
        "question_balance"
    ));
    // Stopping fees is not stopping contact.
    let out = reply(
        "en-US",
        "Would paying $100 now stop the interest, or do I need to pay it all to stop it?",
    );
    assert!(!has(&out, "stop_contact"), "{out}");
    // A statement read or cited asks for none.
    for text in [
        "I'll look over the statement tonight and get back to you.",
        "My statement says $540 but I'm sending $200 on Friday.",
    ] {
        assert!(!has(&reply("en-US", text), "question_balance"), "{text}");
    }
    // Bankruptcy denied is no bankruptcy.
    assert!(!has(
        &reply(
            "en-US",
            "I'm not going bankrupt, I just need a smaller payment for a few months."
        ),
        "bankruptcy"
    ));
    // 我不是说… is "I'm not saying", not "I'm not the person".
    assert!(!has(
        &reply("zh-CN", "我不是说不还，是这个月工资还没发。"),
        "wrong_person"
    ));
}

#[test]
fn blind11_rest_ownership_age_threats_and_lone_parents() {
    for (locale, text) in [
        ("en-US", "You can't prove you own this account, it was sold twice."),
        ("en-GB", "This debt is time barred and you know it."),
        ("es-US", "Esa deuda ya prescribió, no les debo nada."),
    ] {
        assert!(has(&reply(locale, text), "dispute"), "{text}");
    }
    assert!(has(
        &reply("en-US", "Keep calling my sister and you will regret it, parasites."),
        "abusive"
    ));
    for (locale, text) in [
        (
            "en-GB",
            "My husband left in the summer and I'm on my own with three kids.",
        ),
        ("zh-CN", "老公跑了，孩子我一个人带，真的还不上。"),
    ] {
        assert!(has(&reply(locale, text), "hardship"), "{text}");
    }
    // "Háblenle a él" points at the lawyer; it asks for no call to the writer.
    assert!(!has(
        &reply("es-US", "Tengo abogado. Cualquier cosa háblenle a él."),
        "callback_request"
    ));
    // "Do you accept token payment arrangements?" asks about terms, not a way to pay.
    let out = reply("en-GB", "Do you accept token payment arrangements?");
    assert!(!has(&out, "question_how_to_pay"), "{out}");
    assert!(has(
        &reply("en-US", "ok how do I actually pay this, the link won't load"),
        "question_how_to_pay"
    ));
}

#[test]
fn blind11_rest_slang_and_formal_sums() {
    // British slang sums, and "bung" for paying.
    assert_promise("en-GB", "I'll bung you a pony on Friday.", 2500, "2026-12-04");
    assert_promise(
        "en-GB",
        "I'll send a monkey on Friday to clear it.",
        50000,
        "2026-12-04",
    );
    // Capital numerals (壹仟贰佰) and a written digit between units (肆仟8百).
    assert_promise(
        "zh-CN",
        "本人承诺于12月5日前归还欠款贰仟伍佰元整。",
        250000,
        "2026-12-05",
    );
    assert_promise("zh-CN", "下周五把剩下的叁仟6百块还上。", 360000, "2026-12-04");
    // "le giro", "le paso los": paying, in US Spanish.
    assert_promise(
        "es-US",
        "Le giro $80 el viernes desde la casa de cambio.",
        8000,
        "2026-12-04",
    );
    assert_promise("es-US", "El viernes le paso los 90 dólares.", 9000, "2026-12-04");
}

#[test]
fn blind10_15_rest_invented_charges_conditions_and_people_not_here() {
    for (locale, text) in [
        ("en-US", "Half of this is junk fees you made up."),
        ("en-GB", "The £90 'arrears fee' is nowhere in my agreement."),
    ] {
        assert!(has(&reply(locale, text), "dispute"), "{text}");
    }
    // An order after a colon, then what the collector gets: a condition, no promise.
    let out = reply("en-US", "My offer: drop the late fees and you get $800 today.");
    assert!(has(&out, "question_options") && !has(&out, "promise_to_pay"), "{out}");
    for (locale, text) in [
        ("en-US", "This is a church office. There is nobody named Marcus here."),
        ("es-US", "Es el celular de mi hijo, él no tiene ningún préstamo."),
    ] {
        assert!(has(&reply(locale, text), "wrong_person"), "{text}");
    }
    // A police or FTC identity-theft report is evidence for the dispute, not a complaint.
    for (locale, text) in [
        (
            "es-US",
            "Nunca pedí ese préstamo, tengo el reporte de robo de identidad.",
        ),
        ("zh-CN", "这钱不是我借的，我身份证丢过，已经报警了。"),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "dispute") && !has(&out, "complaint"), "{text}: {out}");
    }
}

#[test]
fn blind10_15_rest_words_of_their_own() {
    assert!(has(&reply("en-US", "i already payed it last week"), "already_paid"));
    assert!(has(
        &reply("zh-CN", "我一直都是按时还的，怎么说我逾期？"),
        "already_paid"
    ));
    assert!(has(&reply("zh-CN", "我仲欠你哋几多钱？"), "question_balance"));
    assert!(has(
        &reply("en-US", "Is $95 the full amount or just the minimum?"),
        "question_balance"
    ));
    // 能减免多少 asks about terms, not the balance.
    assert!(!has(&reply("zh-CN", "一次性还的话能减免多少？"), "question_balance"));
    // A meme of disbelief is no insult; a threat of a beating is.
    assert!(!has(&reply("zh-CN", "都还清了还催，离谱他妈给离谱开门。"), "abusive"));
    assert!(has(&reply("zh-CN", "再打一个试试，看我削不削你"), "abusive"));
    // "Puedo dar 50 cada semana": an offer stated with its sum promises.
    assert!(has(
        &reply("es-US", "Puedo dar 50 cada semana empezando el viernes."),
        "promise_to_pay"
    ));
}

#[test]
fn blind24_rules_revocations_in_formal_and_relayed_words() {
    for (locale, text) in [
        // "cease" / "refrain from" with a contact verb.
        ("en-US", "I would ask that you kindly cease telephoning my home."),
        ("en-GB", "Please refrain from calling my mobile."),
        // One channel kept by "only send …", another refused with "no …".
        ("en-US", "She asks that you only send letters. No phone calls please."),
        // Queries directed to a representative "rather than to me".
        (
            "en-GB",
            "Please direct any queries about this account to my adviser rather than to me.",
        ),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // "I got no calls" reports; it revokes nothing. "quit worrying" is no revocation.
    for text in [
        "I got no calls from you last month, so I thought it was sorted.",
        "I will pay the full $300 on Friday, so you can quit worrying.",
    ] {
        assert!(!has(&reply("en-US", text), "stop_contact"), "{text}");
    }
}

#[test]
fn blind24_rules_windfalls_looks_and_hedges() {
    // "Refund should hit … and I will pay": the refund is the borrower's windfall, not an order to the collector.
    let out = reply(
        "en-US",
        "Refund should hit next week and I will pay the $400 on Friday.",
    );
    assert!(has(&out, "promise_to_pay") && !has(&out, "question_options"), "{out}");
    // A day to look, or a hedge, pays nothing.
    for (locale, text) in [
        ("en-GB", "I'll have a look at my budget on Saturday and let you know."),
        ("en-US", "After New Year I'll see what I can do."),
        ("zh-CN", "下个月我尽量还一点吧"),
    ] {
        assert!(!has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // British "pop over" and US Spanish "te envío" pay.
    assert_promise("en-GB", "I'll pop £25 over on Friday.", 2500, "2026-12-04");
    assert_promise("es-US", "El viernes te envío $70.", 7000, "2026-12-04");
}

#[test]
fn blind24_rules_businesses_farms_and_disputed_sums() {
    for (locale, text) in [
        (
            "en-US",
            "I drive a rig and the truck's in the shop, no loads for three weeks.",
        ),
        ("en-GB", "Takings are down by half since the new supermarket opened."),
        ("zh-CN", "今年果园冻害，减产一大半。"),
        ("es-US", "Ahorita no hay trabajo en el campo por la lluvia."),
    ] {
        assert!(has(&reply(locale, text), "hardship"), "{text}");
    }
    for (locale, text) in [
        ("en-GB", "£900 for a £300 loan is daylight robbery."),
        ("en-US", "I do not accept that I owe this sum."),
        ("zh-CN", "借一万到手才八千，这是砍头息。"),
        ("zh-CN", "利息超过法律保护的上限了。"),
    ] {
        assert!(has(&reply(locale, text), "dispute"), "{text}");
    }
    for (locale, text) in [
        ("en-US", "Can you pause my payments until March?"),
        ("es-US", "¿Hay manera de bajar el pago mensual?"),
        ("zh-CN", "能不能等到明年三月再还？"),
    ] {
        assert!(has(&reply(locale, text), "question_options"), "{text}");
    }
    // 原债权人 and the notice of assignment asked for: validation.
    assert!(has(
        &reply("zh-CN", "原债权人是谁？把债权转让通知拿出来。"),
        "validation_request"
    ));
    // A transfer's reference number and screenshot are the borrower's own proof, not a request.
    let out = reply("zh-CN", "昨天已经转了500到你们对公账户，流水号8812，截图发你了");
    assert!(
        has(&out, "already_paid") && !has(&out, "validation_request") && !has(&out, "question_how_to_pay"),
        "{out}"
    );
    assert!(has(&reply("zh-CN", "今晚还，还款链接发我一下"), "question_how_to_pay"));
    assert!(has(
        &reply("es-US", "Ya les aboné $200 la semana pasada."),
        "already_paid"
    ));
}

#[test]
fn blind25_rules_revocations_to_representatives_third_parties_and_in_writing() {
    for (locale, text) in [
        ("en-US", "My lawyer is handling it now, send everything to him not me."),
        ("en-GB", "You are not to speak to my mother about my account again."),
        (
            "en-GB",
            "We act for Ms Lee. All further correspondence must be directed to this firm and not to our client.",
        ),
        ("es-US", "No vuelvan a escribirme a este número."),
        ("es-US", "Mi abogado lleva el caso. Todo por escrito a su oficina."),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
}

#[test]
fn blind25_rules_conditions_hedges_and_past_promises() {
    // The collector's act first ("when you take off", "if you put it in writing"): no promise.
    for text in [
        "I'll pay when you take off the late fees. Not before.",
        "I can do $400 to settle it if you put it in writing first.",
        "I'll try to get something to you by Friday but I can't promise anything.",
    ] {
        assert!(!has(&reply("en-US", text), "promise_to_pay"), "{text}");
    }
    // A past promise told as broken is no new promise.
    assert!(!has(
        &reply("zh-CN", "上次说20号还，结果那天车坏了，钱都修车了。"),
        "promise_to_pay"
    ));
    // "yes friday": assent and a day.
    assert_promise("en-US", "yes friday $50", 5000, "2026-12-04");
    // Asking to move an arrangement's day or pause it asks for terms.
    for (locale, text) in [
        ("en-GB", "Can I change my direct debit date to the 28th?"),
        ("en-US", "I need you to hold off on collections for 60 days."),
        ("zh-CN", "之前约的每月5号还，能不能改成每月20号？"),
        ("es-US", "¿Me da hasta el otro mes?"),
    ] {
        let out = reply(locale, text);
        assert!(
            has(&out, "question_options") && !has(&out, "promise_to_pay"),
            "{text}: {out}"
        );
    }
}

#[test]
fn blind25_rules_payments_that_did_or_did_not_arrive() {
    // Not paid: returned, bounced, "hasn't paid out".
    for text in [
        "The $150 I sent came back as returned.",
        "My payment bounced, the bank closed my account.",
    ] {
        assert!(!has(&reply("en-US", text), "already_paid"), "{text}");
    }
    for (locale, text) in [
        ("en-US", "Can you confirm my $90 actually went through?"),
        ("es-US", "Le deposité $200 a la cuenta vieja, ¿me ayudan?"),
        ("zh-CN", "本人已于１１月２日通过银行转账归还欠款。"),
        ("zh-CN", "钱微信转给你们业务员了"),
    ] {
        assert!(has(&reply(locale, text), "already_paid"), "{text}");
    }
    // A payment made and not credited is contested.
    assert!(has(
        &reply("en-US", "Your statement doesn't show my payment from March at all."),
        "dispute"
    ));
    for (locale, text) in [
        ("zh-CN", "年化都超过36%了，这利息我不认。"),
        ("zh-CN", "这笔账早就过了诉讼时效。"),
    ] {
        assert!(has(&reply(locale, text), "dispute"), "{text}");
    }
    assert!(has(
        &reply("es-US", "Los voy a reportar con la procuraduría."),
        "complaint"
    ));
}

#[test]
fn blind26_rules_contact_objected_to_without_a_stop() {
    // A contact word, the time, place, person or rate it came at, and a judgement of it: the contact at that
    // time, place or rate is ruled out (a partial revocation), however politely put.
    for (locale, text) in [
        (
            "en-US",
            "Texts at 6am while I'm asleep after a night shift are a bit much.",
        ),
        ("en-GB", "Ringing my mum's house five times a day is a lot, she's 80."),
        (
            "en-GB",
            "Work is funny about phones, so calls would need to be kept to after six.",
        ),
        ("es-US", "¿De veras es necesario marcar a las siete de la mañana?"),
        ("zh-CN", "一天打十几个电话到我单位，这样下去我只能投诉了。"),
        ("en-US", "I'd appreciate it if you didn't call my work number."),
        ("es-US", "¿Sería posible que no me llamaran al trabajo?"),
        ("en-US", "One more call to my office and I'm done being polite."),
        ("es-US", "Mi abogado lleva esto. Que se comuniquen con él y no conmigo."),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // A good time offered without objecting to any is a call-back, not a revocation.
    for text in [
        "Call me after 6pm, that works best.",
        "Please ring me on Saturday morning.",
    ] {
        let out = reply("en-US", text);
        assert!(!has(&out, "stop_contact"), "{text}: {out}");
    }
}

#[test]
fn blind26_rules_indirect_questions_refusals_and_facts() {
    for text in [
        "Why on earth would I pay a late fee on a loan I closed out last year?",
        "Explain how a $400 loan turned into $1,100.",
    ] {
        assert!(has(&reply("en-US", text), "dispute"), "{text}");
    }
    assert!(has(
        &reply("es-US", "Eso de $80 de intereses no me parece justo."),
        "dispute"
    ));
    assert!(has(
        &reply("en-US", "Would be nice to know what the damage is."),
        "question_balance"
    ));
    assert!(has(
        &reply("en-US", "I'd like to see whatever it is I supposedly signed."),
        "validation_request"
    ));
    // Promises put as facts.
    assert_promise(
        "en-US",
        "A check for $90 will be put in the mail Friday.",
        9000,
        "2026-12-04",
    );
    assert_promise("en-GB", "The £60 leaves my account on Friday.", 6000, "2026-12-04");
    assert_promise("es-US", "El viernes le completo los $150.", 15000, "2026-12-04");
    assert!(has(
        &reply("en-GB", "The £240 went across this morning."),
        "already_paid"
    ));
    // Time asked politely.
    for (locale, text) in [
        ("en-GB", "Would it be possible to have until the end of the month?"),
        ("en-GB", "Any chance of a few weeks grace?"),
        ("es-US", "¿Me podrían dar unas semanitas más?"),
    ] {
        let out = reply(locale, text);
        assert!(
            has(&out, "question_options") && !has(&out, "promise_to_pay"),
            "{text}: {out}"
        );
    }
    // 不敢保证 hedges.
    assert!(!has(&reply("zh-CN", "周五我试试还500，不敢保证。"), "promise_to_pay"));
}

#[test]
fn blind26_rules_a_line_or_time_offered_beside_the_one_ruled_out() {
    // A call-back offered beside the partial revocation keeps both.
    for (locale, text) in [
        (
            "en-GB",
            "Please don't ring the house, my dad's poorly. My mobile's the one to ring, evenings.",
        ),
        ("zh-CN", "别打单位座机了，有事晚上打我手机就行。"),
    ] {
        let out = reply(locale, text);
        assert!(
            has(&out, "stop_contact") && has(&out, "callback_request"),
            "{text}: {out}"
        );
    }
    // A favour or a call asked with 能不能 asks for no terms.
    for text in ["能不能麻烦您把欠款明细发给我？", "周日下午能不能给我回个电话？"] {
        assert!(!has(&reply("zh-CN", text), "question_options"), "{text}");
    }
    assert!(has(
        &reply("en-US", "Until I see the original contract, please write to me only."),
        "validation_request"
    ));
}

#[test]
fn blind27_rules_phone_shorthand_reads_as_the_words_it_spells() {
    // Texting shorthand is spelled out before any rule reads the reply: "txts", "u", "pls", "atty", "w/",
    // "mñn", "q", "porfa", and the chat spellings 表 (别 before a contact verb), 木有, 肿么.
    for (locale, text) in [
        ("en-US", "no more txts pls"),
        ("en-GB", "u lot can stop ringing me now thx"),
        ("es-US", "porfa ya no me manden msjs"),
        ("zh-CN", "表再打了 烦死了"),
        ("zh-CN", "求求你们表催了"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    let out = reply("en-US", "my atty has the file now, all correspondence to him");
    assert!(has(&out, "attorney") && has(&out, "stop_contact"), "{out}");
    // "mñn" is mañana: the promise is for tomorrow, Sunday 29 November.
    let out = reply("es-US", "mñn le mando 60");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(6000), json!("2026-11-29"))),
        "{out}"
    );
    // "2hundred", "3 grand": the figure, then its unit in words.
    let out = reply("en-US", "can do 2hundred on monday");
    assert_eq!(promised(&out).map(|(a, _, _)| a), Some(json!(20000)), "{out}");
    let out = reply("en-US", "I'll send 3 grand on the 15th");
    assert_eq!(promised(&out).map(|(a, _, _)| a), Some(json!(300000)), "{out}");
    // "by accident" is a slip, not an injury; "idk how much i can do" is what the borrower can afford, not a
    // question about the balance.
    assert!(!has(
        &reply("en-US", "sent it to the wrong acct by accident, whats the link"),
        "hardship"
    ));
    assert!(!has(
        &reply("en-US", "idk how much i can do this month, is there a plan"),
        "question_balance"
    ));
    // "k got it ty" acknowledges: nothing for the model to add.
    assert!(has(&reply("en-US", "kk got it thx"), "other"));
    // 表 elsewhere is a watch or a form, not 别.
    assert!(!has(&reply("zh-CN", "申请表再发我一份"), "stop_contact"));
}

#[test]
fn blind27_rules_a_representative_given_the_contact() {
    // Contact sent to a lawyer or solicitor — "talk to her not me", "all correspondence to him", "tienen que
    // hablar con mi abogado" — is revoked with the borrower, beside the attorney flag.
    for (locale, text) in [
        ("en-US", "I've hired a lawyer. Speak to her, not me."),
        (
            "en-GB",
            "My solicitor acts for me now; all correspondence goes to her office.",
        ),
        ("es-US", "Ustedes tienen que hablar con mi abogada, ya no conmigo."),
        ("en-US", "You'll need to talk to my attorney about this from now on."),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "attorney") && has(&out, "stop_contact"), "{text}: {out}");
    }
    // A lawyer named without an instruction keeps the attorney reading alone.
    let out = reply("en-US", "My lawyer says the fees are not legal.");
    assert!(!has(&out, "stop_contact"), "{out}");
}

#[test]
fn blind27_rules_rhetorical_objections_and_chat_replies() {
    // 打什么电话 / 催什么催: "why call at all" objects to the contact itself.
    for text in ["周末打什么电话", "催什么催 说了会还的"] {
        assert!(has(&reply("zh-CN", text), "stop_contact"), "{text}");
    }
    // British "pack it in" / "give it a rest" with the calls.
    for text in ["pack it in with the texts", "give it a rest with the phone calls mate"] {
        assert!(has(&reply("en-GB", text), "stop_contact"), "{text}");
    }
    // The earlier owner of the number is not the borrower.
    assert!(has(
        &reply("zh-CN", "这个号码之前的机主欠的钱 跟我没关系"),
        "wrong_person"
    ));
    // With no money, 怎么还啊 asks how anyone could pay, not where to send it; asked plainly it is a question.
    let out = reply("zh-CN", "工作丢了 没钱怎么还啊");
    assert!(has(&out, "hardship") && !has(&out, "question_how_to_pay"), "{out}");
    assert!(has(&reply("zh-CN", "请问怎么还款"), "question_how_to_pay"));
    // "can you stop ringing every hour" asks for quiet, not for terms, even beside a hardship.
    let out = reply("en-GB", "she's in hospital, can you stop ringing every hour please");
    assert!(!has(&out, "question_options") && has(&out, "stop_contact"), "{out}");
    // A payment part made and the rest promised: figures apart, "1500 30号" is 1,500 and the 30th.
    let out = reply("zh-CN", "刚还了三百 剩下的1500 30号还清");
    assert!(has(&out, "already_paid") && has(&out, "promise_to_pay"), "{out}");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(150000), json!("2026-11-30"))),
        "{out}"
    );
    // The day that gives the reason ("because today I got paid") is not the day promised.
    let out = reply("es-US", "el lunes le deposito 90 porque hoy me pagaron");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-11-30")), "{out}");
}

#[test]
fn blind28_rules_contact_sent_to_someone_else() {
    // A third party or representative sends the contact elsewhere: "rather than to Mr …", "and not him", "deal
    // only with me", "all future correspondence … to", "hablen con ella, no conmigo", or the contact told to
    // cease. Contact with the borrower ends.
    for (locale, text) in [
        (
            "en-US",
            "We are a nonprofit budgeting service acting for Mr. Ruiz. Kindly send any further letters to our office rather than to Mr. Ruiz.",
        ),
        (
            "en-GB",
            "Her IVA supervisor handles this now. Please contact the supervisor and not her.",
        ),
        (
            "en-GB",
            "I hold power of attorney for my father. Please deal only with me from now on.",
        ),
        ("en-US", "His daughter manages his money, please write to her instead."),
        (
            "en-US",
            "Please forward all correspondence regarding this debt to my sister at the address below.",
        ),
        ("es-US", "Mi hermano lleva mis cuentas. Hablen con él, no conmigo."),
        (
            "en-US",
            "The automatic stay applies, and phone calls and letters to the debtor must cease.",
        ),
        ("zh-CN", "本所受张先生委托，请勿再直接联系张先生及其家人。"),
        ("en-US", "Please email me only, my husband reads the texts."),
        ("es-US", "No vuelvan a hablar con mi patrón de mis deudas."),
        ("en-GB", "Phoning my manager about my debts was out of line."),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // "Direct all further correspondence to my attorney" is the attorney's own effect; a trustee asking for a
    // proof of claim revokes nothing.
    let out = reply(
        "en-US",
        "Please direct all further correspondence to my attorney, Dana Cole.",
    );
    assert!(has(&out, "attorney") && !has(&out, "stop_contact"), "{out}");
    assert!(!has(
        &reply("en-US", "Please send a copy of the statement instead of the summary."),
        "stop_contact"
    ));
}

#[test]
fn blind28_rules_relatives_who_carry_on_the_business() {
    // A relative who asks for terms, a call, the balance or how to pay reaches the borrower: not a wrong person.
    for (locale, text) in [
        ("zh-CN", "我是他女儿，他住院了，能不能先缓两个月？"),
        ("en-US", "I'm his daughter. How can I pay this for him?"),
        ("es-US", "Soy la esposa. Él trabaja de noche, llámenle en la tarde."),
    ] {
        assert!(!has(&reply(locale, text), "wrong_person"), "{text}");
    }
    // One who only says the borrower has gone stays a wrong person.
    for (locale, text) in [
        ("en-US", "She moved out in March and left no forwarding address."),
        ("zh-CN", "我是他室友，他早搬走了。"),
        ("es-US", "Mi primo no vive conmigo desde hace un año."),
    ] {
        assert!(has(&reply(locale, text), "wrong_person"), "{text}");
    }
    // 我是他妈 / 当妈的: a mother, not a swear.
    for text in ["我是他妈，他下周五还你们800。", "我这个当妈的替他还行不行？"] {
        assert!(!has(&reply("zh-CN", text), "abusive"), "{text}");
    }
    // 把 a sum 打过来 sends money: a relayed promise.
    let out = reply("zh-CN", "他爸说下周一把两千打过来。");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(200000), json!("2026-11-30"))),
        "{out}"
    );
    // "the payment will be late" promises nothing; "dice que ya pagó" reports a payment.
    assert!(!has(
        &reply("en-GB", "He's in hospital, so this month's payment will be late."),
        "promise_to_pay"
    ));
    let out = reply("es-US", "Mi mamá dice que ya pagó $50 ayer.");
    assert!(has(&out, "already_paid") && !has(&out, "promise_to_pay"), "{out}");
    // Hours cut and a skipped payment asked.
    let out = reply("en-GB", "My hours were cut in half last month. Can I skip this month?");
    assert!(has(&out, "hardship") && has(&out, "question_options"), "{out}");
}

#[test]
fn blind28_rules_an_advisers_letter_asks_two_things() {
    // "Please freeze interest … and confirm the balance": terms and the balance, both asked.
    let out = reply(
        "en-GB",
        "I act as executor for the late Mrs Hale. Please freeze the interest and confirm the balance as at 2 May.",
    );
    assert!(has(&out, "question_options") && has(&out, "question_balance"), "{out}");
    let out = reply(
        "en-GB",
        "Our client offers £20 a month; we ask you to accept this offer.",
    );
    assert!(has(&out, "question_options") && !has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind29_rules_a_payment_the_account_does_not_show() {
    // A payment said to be made while the account still shows it owed contests the account as it stands: paid and
    // disputed (collection pauses while it is checked). A payment shown "pending" is only on its way.
    for (locale, text) in [
        (
            "en-US",
            "Paid $90 on the 2nd and the app still says past due. Please fix.",
        ),
        ("en-GB", "My payment last Friday still isn't showing on my account."),
        ("zh-CN", "上周五已经还了1500，系统里还是显示逾期。"),
        ("es-US", "Ya pagué los 150 el viernes y sigue apareciendo que debo."),
    ] {
        let out = reply(locale, text);
        assert!(has(&out, "already_paid") && has(&out, "dispute"), "{text}: {out}");
        assert!(!has(&out, "promise_to_pay"), "{text}: {out}");
    }
    let out = reply("en-US", "Sent $60 yesterday, the app still says pending.");
    assert!(has(&out, "already_paid") && !has(&out, "dispute"), "{out}");
    // "Sort it out please" asks the collector to act; it promises nothing.
    let out = reply("en-GB", "You've charged me twice this month. Sort it out please.");
    assert!(!has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind29_rules_charges_refused_and_the_rest_promised() {
    // The refusal names only the charges; another sentence pays: the charges are contested and the payment promised.
    let out = reply(
        "en-US",
        "Not paying any of those penalty charges. I will pay the $300 on Friday.",
    );
    assert!(has(&out, "dispute") && has(&out, "promise_to_pay"), "{out}");
    // A refusal of everything stays a refusal.
    let out = reply("en-US", "I'm not paying you anything. I will pay the bank directly.");
    assert!(!has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind29_rules_a_number_a_way_a_hold() {
    // "Quit calling my sister. Call my cell" revokes the one and asks for the other; "don't call my cell" asks
    // for nothing.
    let out = reply("en-US", "stop calling my sisters place. call my cell after 5");
    assert!(has(&out, "stop_contact") && has(&out, "callback_request"), "{out}");
    let out = reply("en-US", "Email only please. Do not call my mobile.");
    assert!(has(&out, "stop_contact") && !has(&out, "callback_request"), "{out}");
    // Paying cash at a shop asks how to pay; putting payments on hold asks for terms.
    let out = reply("en-US", "Is there a way to pay in cash at a store near me?");
    assert!(
        has(&out, "question_how_to_pay") && !has(&out, "question_options"),
        "{out}"
    );
    let out = reply("en-US", "Lost my job. Could you put my payments on hold till spring?");
    assert!(has(&out, "question_options"), "{out}");
    // Asking for a person and a day to ring asks for a call, not for terms.
    let out = reply("en-GB", "Could I talk to someone about this? Ring me Tuesday morning.");
    assert!(has(&out, "callback_request") && !has(&out, "question_options"), "{out}");
    // An unknown number is not a disputed debt.
    let out = reply("en-GB", "Who's this? I don't recognise this number.");
    assert!(!has(&out, "dispute"), "{out}");
    // 打我微信语音 asks for a call on WeChat, not how to pay by WeChat.
    let out = reply("zh-CN", "电话打不通，能不能打我微信电话？");
    assert!(
        has(&out, "callback_request") && !has(&out, "question_how_to_pay"),
        "{out}"
    );
}

#[test]
fn blind29_rules_plans_accepted_and_instalments_offered() {
    // A plan accepted with its sum and first day is a promise, not a question about terms.
    let out = reply(
        "en-US",
        "The payment plan works for me. $75 every two weeks, first one on 12/4.",
    );
    assert!(has(&out, "promise_to_pay") && !has(&out, "question_options"), "{out}");
    // An assent, a bare sum and a weekly day.
    let out = reply("en-US", "ok, 40 every monday starting this monday");
    assert!(has(&out, "promise_to_pay"), "{out}");
    // Cantonese 听日 is tomorrow.
    let out = reply("zh-CN", "我听日还你哋800蚊");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(80000), json!("2026-11-29"))),
        "{out}"
    );
}

#[test]
fn blind29_rules_scots_insolvency_and_the_sum_reckoned() {
    // A protected trust deed is Scottish insolvency; "deal wi the trustee, no me" sends contact to the trustee.
    let out = reply(
        "en-GB",
        "Ma trust deed went through last month. Deal wi the trustee, no me.",
    );
    assert!(has(&out, "bankruptcy") && has(&out, "stop_contact"), "{out}");
    assert!(!has(&out, "already_paid"), "{out}");
    // 本金才…怎么要我还…: the sum grown is contested; asking how the interest was reckoned asks the balance.
    let out = reply("zh-CN", "罚息是怎么算的？本金才2000，怎么要我还4100？");
    assert!(has(&out, "dispute") && has(&out, "question_balance"), "{out}");
    assert!(!has(&out, "question_options"), "{out}");
    // Someone else asking the records checked is no validation request.
    let out = reply("zh-CN", "我是他弟弟，他已经去世了，麻烦你们核实一下，别再打这个号码。");
    assert!(has(&out, "stop_contact") && !has(&out, "validation_request"), "{out}");
    // Who the loan was with, asked by someone who does not remember it: validation.
    let out = reply(
        "en-US",
        "I don't remember any loan. Please tell me who the loan was with and what I supposedly owe.",
    );
    assert!(has(&out, "validation_request"), "{out}");
}

#[test]
fn blind26_rules_the_collectors_words_quoted_a_day_gone_by_and_a_hedge_promise_nothing() {
    // The collector's own demand quoted back, then dismissed: no promise.
    for (locale, text) in [
        (
            "en-US",
            "Your text says you \"require payment by Friday\". Good luck with that.",
        ),
        ("zh-CN", "你们短信说“月底前必须结清”，我看算了吧，没那个钱。"),
    ] {
        let out = reply(locale, text);
        assert!(!has(&out, "promise_to_pay"), "{text}: {out}");
    }
    // The day a payment was sent, read by the calendar as next year's, is a day gone by.
    let out = reply(
        "en-US",
        "The $95 I paid on November 20 has vanished, the balance hasn't changed.",
    );
    assert!(
        has(&out, "already_paid") && has(&out, "dispute") && !has(&out, "promise_to_pay"),
        "{out}"
    );
    // "could probably" hedges; charges going away is a condition: terms asked, nothing promised.
    let out = reply(
        "en-US",
        "If the interest was waived I could probably clear it by the 15th.",
    );
    assert!(!has(&out, "promise_to_pay") && has(&out, "question_options"), "{out}");
}

#[test]
fn blind30_rules_contact_limited_in_the_ways_the_rules_name() {
    // FDCPA §805(a)(3) (the employer forbids calls at work), contact sent to a debt adviser for good, a relative
    // left alone, the collector's contact with neighbours called harassment, a written-only channel, a time window,
    // a frequency judged, 不要再…向我催收, "no vuelvan a marcar".
    for (locale, text) in [
        (
            "en-US",
            "My manager says I'm not allowed to take personal calls at my desk, so I cannot receive personal calls at work.",
        ),
        (
            "en-GB",
            "Citizens Advice are helping me now. Please deal with them going forward.",
        ),
        ("en-GB", "That is my dad's landline. Leave him alone."),
        ("en-US", "Maybe. Depends on whether you keep harassing my parents."),
        ("zh-CN", "以后只接受书面沟通，请把材料寄给我。"),
        ("zh-CN", "请只在白天联系我，晚上要照顾老人。"),
        ("zh-CN", "一天打十个电话，有意思吗？"),
        ("zh-CN", "请不要再反复向我催收了。"),
        ("es-US", "No vuelvan a marcar a mi trabajo."),
        ("en-US", "I won't discuss this with anyone but my lawyer."),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // 分别 is no 别: a breakdown asked for revokes nothing.
    let out = reply("zh-CN", "麻烦把本金和利息分别写出来发给我。");
    assert!(!has(&out, "stop_contact"), "{out}");
    // Not convenient now, a later time asked: the call, not a revocation.
    let out = reply("zh-CN", "现在开车不方便接，晚上七点以后再打吧。");
    assert!(has(&out, "callback_request") && !has(&out, "stop_contact"), "{out}");
}

#[test]
fn blind30_rules_what_looks_like_a_promise_and_is_not() {
    for (locale, text) in [
        // The collector's claim of a promise, reported and denied.
        ("en-GB", "Your agent said I promised £50 by Friday. I never did."),
        // What the collector may expect is a complaint, not money.
        ("en-US", "Stop calling me. Expect a complaint to the CFPB next week."),
        // A past promise told as broken.
        ("zh-CN", "我说过10号还，结果工资没发下来，我也没办法。"),
        // Tentative: a ver si.
        ("es-US", "A ver si el viernes les mando algo."),
        // Paid on a day gone by (已经在…还了).
        ("zh-CN", "我已经在3月2号还了900，你们查一下。"),
    ] {
        let out = reply(locale, text);
        assert!(!has(&out, "promise_to_pay"), "{text}: {out}");
    }
    // A payment made tonight is paid, not promised.
    let out = reply("zh-CN", "今天中午已经通过微信还了600。");
    assert!(has(&out, "already_paid") && !has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind30_rules_a_first_payment_stands_beside_the_rest_put_off() {
    // "the rest when I can" puts off only the rest; "and not a penny more" caps the payment it follows.
    let out = reply("en-US", "OK. $80 on Monday, the rest when I can.");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(8000), json!("2026-11-30"))),
        "{out}"
    );
    let out = reply(
        "en-US",
        "I will pay the $500 I borrowed on Friday and not a penny more.",
    );
    assert!(has(&out, "promise_to_pay"), "{out}");
    // "lo que queda lo pago el viernes" after a payment made.
    let out = reply("es-US", "Ya pagué 200 ayer. Lo que queda lo pago el viernes.");
    assert!(has(&out, "already_paid") && has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind31_rules_answers_to_an_offer() {
    // An offer accepted with a payment is a promise, with no question about terms left.
    for (locale, text) in [
        (
            "en-US",
            "I'll take the 50% deal, I'll pay it on the 20th. Is there a link?",
        ),
        ("zh-CN", "收到分期方案。第一期800元我20号还。"),
        ("es-US", "Sí acepto el plan. Primer pago de $70 el 12/20."),
    ] {
        let out = reply(locale, text);
        assert!(
            has(&out, "promise_to_pay") && !has(&out, "question_options"),
            "{text}: {out}"
        );
    }
    // "el 12/20" is the written month/day, not the 12th.
    let out = reply("es-US", "Sí acepto el plan. Primer pago de $70 el 12/20.");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(7000), json!("2026-12-20"))),
        "{out}"
    );
    // A split asked beside the sum asks both.
    let out = reply(
        "en-GB",
        "Can I pay half now and half on the 20th? And what's the total with fees?",
    );
    assert!(has(&out, "question_options") && has(&out, "question_balance"), "{out}");
    // The collector must act first (你们要先把罚息停掉): terms, not a promise.
    let out = reply("zh-CN", "我每个月可以还500，但是你们要先把罚息免掉。");
    assert!(!has(&out, "promise_to_pay") && has(&out, "question_options"), "{out}");
}

#[test]
fn blind31_rules_letters_licences_trustees_and_hedges() {
    // "Email the paid-in-full letter" asks for a letter; nothing was paid.
    let out = reply(
        "en-US",
        "I accept the settlement of $900. I'll pay it on 12/15. Email me the paid-in-full letter after.",
    );
    assert!(has(&out, "promise_to_pay") && !has(&out, "already_paid"), "{out}");
    // Goods given back contest the debt.
    let out = reply("en-US", "Not paying for a laptop I returned to the store in October.");
    assert!(has(&out, "dispute"), "{out}");
    // The collecting agency's licence or business licence asked for: validation.
    for (locale, text) in [
        (
            "en-US",
            "Before anything, send me your license number and mailing address.",
        ),
        ("zh-CN", "先把你们的营业执照发过来。"),
    ] {
        assert!(has(&reply(locale, text), "validation_request"), "{text}");
    }
    // A trustee or a Debt Relief Order given the contact revokes it.
    for (locale, text) in [
        ("en-US", "I'm in chapter 13. Contact my trustee."),
        ("es-US", "Estoy en capítulo 7. Comuníquense con el trustee."),
        ("en-GB", "This debt is in my DRO, you're not allowed to chase me."),
        ("zh-CN", "以后只能周末联系我。"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // "Will try and get something to you": a hedge, no promise; a name not recognised is no dispute.
    let out = reply("en-GB", "Will try and get £20 to you next week.");
    assert!(!has(&out, "promise_to_pay"), "{out}");
    let out = reply("en-GB", "Sorry, I don't recognise the name on this message.");
    assert!(!has(&out, "dispute"), "{out}");
    // 去年底 is a year-end gone by: with 还没找到工作 it promises nothing.
    let out = reply("zh-CN", "我去年底失业了，到现在还没找到工作。");
    assert!(!has(&out, "promise_to_pay") && has(&out, "hardship"), "{out}");
}

#[test]
fn blind26_rules_more_indirect_wording() {
    // A promise put as money on its way, or as a pleasure.
    for (locale, text) in [
        (
            "en-US",
            "Payday is Thursday, so that's when the $90 is heading your way.",
        ),
        ("en-GB", "Happy to clear the £300 on 12/12."),
    ] {
        assert!(has(&reply(locale, text), "promise_to_pay"), "{text}");
    }
    // A sum put as a question tag ("…, isn't it?") asks the balance.
    let out = reply("en-GB", "I'll clear it all on Friday, it's £420, isn't it?");
    assert!(has(&out, "promise_to_pay") && has(&out, "question_balance"), "{out}");
    // Someone else's manager is no call asked for; a burial is hardship; a supposed payment pays nothing.
    let out = reply("en-US", "Your agent was rude. Tell his manager I'm filing a complaint.");
    assert!(has(&out, "complaint") && !has(&out, "callback_request"), "{out}");
    let out = reply("en-US", "We buried my mother last week. Please give me a little while.");
    assert!(has(&out, "hardship"), "{out}");
    let out = reply("en-US", "If I sent $50 a month, would that stop the calls?");
    assert!(!has(&out, "already_paid"), "{out}");
    // Never borrowed from them, interest miscalculated, 乱收: contested.
    for (locale, text) in [
        ("en-GB", "I have never banked with your client."),
        ("en-US", "The interest on this looks miscalculated to me."),
        ("zh-CN", "你们乱收手续费，我不会认的。"),
    ] {
        assert!(has(&reply(locale, text), "dispute"), "{text}");
    }
    // A reassigned number is a wrong person; a payoff figure asked in Spanish is the balance.
    let out = reply("es-US", "Me lo asignaron hace un año, no conozco a esa persona.");
    assert!(has(&out, "wrong_person"), "{out}");
    let out = reply("es-US", "¿Cuál sería el monto para liquidar todo?");
    assert!(has(&out, "question_balance") && !has(&out, "question_options"), "{out}");
    // After a payment, 核实 asks the payment checked.
    let out = reply("zh-CN", "钱昨天已经还了，显示处理中，麻烦核实一下。");
    assert!(has(&out, "already_paid") && !has(&out, "validation_request"), "{out}");
}

#[test]
fn refusals_and_reports_never_become_promises() {
    // A day gone by ("passed away Sunday") does not stand for the day of a payment refused.
    let out = reply(
        "en-US",
        "I can't pay Friday, my dad died on Tuesday and I'm at the hospice.",
    );
    assert!(!has(&out, "promise_to_pay") && has(&out, "hardship"), "{out}");
    // A span no loan waits for, and "the Tuesday after never", mock the date.
    for text in [
        "Sure, you'll get it in 40000 days.",
        "Yeah I'll pay in 50 years, promise.",
        "I'll pay you Monday. The Monday after never.",
    ] {
        assert!(!has(&reply("en-US", text), "promise_to_pay"), "{text}");
    }
    // Payments going on until now; the way to pay asked; a sum put forward for a plan asked about.
    let out = reply(
        "en-US",
        "I've been paying what I can on the rent and the car. Do you have a hardship plan? Something like $60 a month would be what I can manage.",
    );
    assert!(!has(&out, "promise_to_pay") && has(&out, "question_options"), "{out}");
    let out = reply("en-US", "What's the best way to get you the money? Venmo?");
    assert!(
        !has(&out, "promise_to_pay") && has(&out, "question_how_to_pay"),
        "{out}"
    );
    // 已按期还款 / 待还金额 / 还款明细 are past payments and the sum shown, not a payment to come; "不会进行任何还款" refuses.
    let out = reply(
        "zh-CN",
        "本人已按期还款5期，但你们显示待还金额为9,800元，请提供还款明细。",
    );
    assert!(!has(&out, "promise_to_pay"), "{out}");
    let out = reply("zh-CN", "金额有异议。核实清楚之前，我不会进行任何还款。");
    assert!(!has(&out, "promise_to_pay") && has(&out, "dispute"), "{out}");
    // ... but a payment beside the statement asked for still stands.
    let out = reply("zh-CN", "请把还款明细发我，我下周五还2000。");
    assert!(has(&out, "promise_to_pay"), "{out}");
    // "I have make the payment": a learner's past tense reports a payment.
    let out = reply("en-US", "Sir, I have make the payment of $150 on 11/20 by money order.");
    assert!(has(&out, "already_paid") && !has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind32_rules_the_last_bubble_of_a_burst_stands() {
    // As of Saturday 28 November 2026. A day corrected in a later bubble is the day promised, whichever language
    // marks the slip; the marker (不对, 打错了) is neither a dispute nor a wrong number.
    for (locale, text, cents, due) in [
        (
            "en-US",
            "i can do 80 on the 10th\nwait no the 12th not the 10th",
            8000,
            "2026-12-12",
        ),
        ("zh-CN", "12号还你800\n哦不对 15号\n12号要交房租", 80000, "2026-12-15"),
        (
            "zh-CN",
            "12月3号还1500\n不对不对 打错了\n是12月4号",
            150000,
            "2026-12-04",
        ),
        (
            "es-US",
            "el 10 le mando 90\nno espere, el 14\nel 10 todavia no me pagan",
            9000,
            "2026-12-14",
        ),
    ] {
        let out = reply(locale, text);
        assert_eq!(intents(&out), vec!["promise_to_pay".to_string()], "{text}: {out}");
        assert_eq!(
            promised(&out).map(|(a, d, _)| (a, d)),
            Some((json!(cents), json!(due))),
            "{text}: {out}"
        );
    }
    // A promise taken back is no promise.
    let out = reply(
        "en-US",
        "i can do 150 on friday\nactually scratch that\nmy car broke down, i cant rn",
    );
    assert!(!has(&out, "promise_to_pay") && has(&out, "hardship"), "{out}");
    // A stop said to be a slip, in so many words, is no stop; a stop with no such words stands.
    let out = reply("es-US", "stop\nno espera no es stop me equivoque\ncuanto debo?");
    assert!(!has(&out, "stop_contact") && has(&out, "question_balance"), "{out}");
    let out = reply(
        "en-US",
        "stop texting me\nwait nvm\nu can text me\nill pay 50 on the 3rd",
    );
    assert!(!has(&out, "stop_contact") && has(&out, "promise_to_pay"), "{out}");
    let out = reply("en-US", "Stop calling me.\nActually I'll pay $50 Friday.");
    assert!(has(&out, "stop_contact") && has(&out, "promise_to_pay"), "{out}");
    // 不对 opening a reply, with nothing of the writer's before it, still contests.
    let out = reply("zh-CN", "不对，金额不对，我只借了3000");
    assert!(has(&out, "dispute"), "{out}");
}

#[test]
fn blind32_rules_short_bubbles() {
    // Pinyin with an English word mixed in, a numeral before "hao".
    let out = reply("zh-CN", "wo xia ge yue 8 hao huan\nshou ji huai le\nsorry");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-12-08")), "{out}");
    let out = reply("zh-CN", "xia ge yue san hao huan");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-12-03")), "{out}");
    // Paying now is paying today; just sent is paid.
    let out = reply("zh-CN", "账号发我\n我马上就转");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-11-28")), "{out}");
    assert!(has(&reply("zh-CN", "转了转了\n刚转的 你查下"), "already_paid"));
    // Spanish: a past payment with its sum; the charges denied; the month's end firm.
    let out = reply("es-US", "mande 50 hoy x zelle\nel resto el 15");
    assert!(has(&out, "already_paid") && has(&out, "promise_to_pay"), "{out}");
    assert!(has(&reply("es-US", "esos recargos no los debo"), "dispute"));
    assert!(has(
        &reply("es-US", "pago a fin de mes\nlo que pueda"),
        "promise_to_pay"
    ));
    // A veiled threat; the law's bar on contact named; the footer quoted and declined; an absurd condition.
    let out = reply("en-US", "call me one more time and see what happens");
    assert!(has(&out, "abusive") && has(&out, "stop_contact"), "{out}");
    let out = reply("en-US", "im in chapter 13\nyou're not supposed to be contacting me");
    assert!(has(&out, "stop_contact") && has(&out, "bankruptcy"), "{out}");
    let out = reply(
        "en-US",
        "your text says reply STOP to opt out\nnot doing that\nill pay 40 on the 5th",
    );
    assert!(!has(&out, "stop_contact") && has(&out, "promise_to_pay"), "{out}");
    let out = reply("en-US", "sure ill pay\nright after you pay my rent lol\nleave me alone");
    assert!(!has(&out, "promise_to_pay") && has(&out, "stop_contact"), "{out}");
    // The calls told to stop on pain of a complaint; a number that changed hands.
    let out = reply("zh-CN", "你们再这样我就去投诉\n一天打八个电话");
    assert!(has(&out, "complaint") && has(&out, "stop_contact"), "{out}");
    let out = reply(
        "en-GB",
        "not my account\nI've had this number since March\ntake it off your list",
    );
    assert!(has(&out, "wrong_person") && !has(&out, "dispute"), "{out}");
}

#[test]
fn blind33_rules_spoken_not_typed() {
    // As of Saturday 28 November 2026. Sums said aloud, in English and Spanish, with no figures.
    for (locale, text, cents) in [
        ("en-US", "I'm sending y'all a hundred on Friday", 10000),
        ("en-US", "I'll have it paid by Friday, the full four hundred", 40000),
        (
            "en-GB",
            "aye ah'll get it paid the morra, the full hunner an fifty",
            15000,
        ),
        (
            "es-US",
            "le voy a pagar el viernes, doscientos cuarenta, sin falta",
            24000,
        ),
        ("es-US", "el lunes le doy los otros cien", 10000),
        (
            "es-US",
            "mañana en la mañana le hago el pago de los setenta y cinco",
            7500,
        ),
    ] {
        let out = reply(locale, text);
        assert_eq!(promised(&out).map(|(a, _, _)| a), Some(json!(cents)), "{text}: {out}");
    }
    // "Christmas Eve" is the 24th; 号 heard as 好; a correction inside one breath.
    let out = reply("en-US", "I'll pay the sixty on Christmas Eve");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-12-24")), "{out}");
    let out = reply("zh-CN", "我十八好一定还，一千");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-12-18")), "{out}");
    let out = reply("zh-CN", "嗯那个，我明天，不对，后天，后天还六百");
    assert_eq!(intents(&out), vec!["promise_to_pay".to_string()], "{out}");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-11-30")), "{out}");
    // Dialect and spoken revocations; what the writer stopped doing is no request.
    for (locale, text) in [
        ("zh-CN", "你们莫再打了嘛，我晓得了"),
        ("zh-CN", "你们咪再打来啦"),
        ("zh-CN", "你们别老往我单位打电话了行不"),
        ("en-GB", "I've nae work and yous are phonin every day. gie's peace."),
        (
            "en-US",
            "I don't appreciate y'all calling at seven. not before nine o'clock you hear me",
        ),
        ("es-US", "mi abogado los va a llamar, ya no hablen conmigo directamente"),
        ("es-US", "YA ESTÁ BUENO YA DE LLAMAR"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    let out = reply("en-GB", "sorry I quit ringing you back, I were poorly");
    assert!(!has(&out, "stop_contact"), "{out}");
    // The writer will call back: no call is asked for. Calls said to be wanted are no revocation.
    let out = reply("en-US", "oh okay that's me I'll call y'all back I'm driving");
    assert!(!has(&out, "callback_request"), "{out}");
    let out = reply("zh-CN", "我没有说不要打喔，你们现在可以打来了");
    assert!(!has(&out, "stop_contact") && has(&out, "callback_request"), "{out}");
    // A later hour asked aloud stands beside the early one ruled out; "no llamen después de las 8" asks none.
    let out = reply("es-US", "ya no me llamen tan temprano, llamen después de las once");
    assert!(has(&out, "stop_contact") && has(&out, "callback_request"), "{out}");
    let out = reply("es-US", "No llamen después de las 9 de la noche");
    assert!(has(&out, "stop_contact") && !has(&out, "callback_request"), "{out}");
}

#[test]
fn blind34_rules_a_second_language_or_a_machine_in_between() {
    // The time word decides where the tense is a learner's.
    let out = reply("en-US", "Tomorrow I paid the $45, is sure.");
    assert!(has(&out, "promise_to_pay") && !has(&out, "already_paid"), "{out}");
    let out = reply("es-US", "Mañana yo pagué $40, ok?");
    assert!(has(&out, "promise_to_pay") && !has(&out, "already_paid"), "{out}");
    let out = reply("zh-CN", "我前天会付款的，你们查一下。");
    assert!(has(&out, "already_paid") && !has(&out, "promise_to_pay"), "{out}");
    // ... but "this morning" is gone by.
    let out = reply("en-GB", "Paid £90 this morning by transfer. Should show by tomorrow.");
    assert!(has(&out, "already_paid") && !has(&out, "promise_to_pay"), "{out}");
    // Calques: a payment done, a job not had, a person not this one, the police, the fine print of word sense.
    assert!(has(
        &reply("en-US", "I already did the payment since Friday, $90 by Zelle."),
        "already_paid"
    ));
    assert!(has(&reply("en-GB", "I am not have the job now, sorry."), "hardship"));
    let out = reply(
        "en-US",
        "I am not this person. This number is mine since 3 year. Please remove.",
    );
    assert!(has(&out, "wrong_person") && has(&out, "stop_contact"), "{out}");
    let out = reply("en-US", "I paid long ago. Stop the messages or I go to the police.");
    assert!(has(&out, "complaint") && has(&out, "stop_contact"), "{out}");
    let out = reply(
        "es-US",
        "Quiero cancelar mi cuenta. Cuánto tengo que pagar para cancelarla?",
    );
    assert!(!has(&out, "stop_contact") && has(&out, "question_balance"), "{out}");
    let out = reply(
        "es-US",
        "Por favor pare de llamarme al trabajo. Estoy muy embarazada por esto con mi jefe.",
    );
    assert!(has(&out, "stop_contact") && !has(&out, "hardship"), "{out}");
    // Machine-translated Chinese: the stop put far from its verb, calls wanted, the balance named not asked.
    let out = reply("zh-CN", "请不要在晚上十点以后发送消息给我。");
    assert!(has(&out, "stop_contact"), "{out}");
    let out = reply("zh-CN", "不要停止打电话给我，请后天下午再打。");
    assert!(!has(&out, "stop_contact") && has(&out, "callback_request"), "{out}");
    let out = reply("zh-CN", "五天后我会支付。金额是全部的余额。");
    assert!(has(&out, "promise_to_pay") && !has(&out, "question_balance"), "{out}");
    // Portuguese in Spanish: "a semana que vem", "amanhã".
    let out = reply("es-US", "La semana que vem yo pago todo, $200.");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-12-06")), "{out}");
}

#[test]
fn a_corrected_sum_is_the_sum_promised() {
    // As of Saturday 28 November 2026: the sum a later bubble names replaces the first; the same sum repeated
    // changes nothing.
    for (text, cents) in [
        ("ok I'll pay 100 on the 5th\nactually no, 150 on the 5th", 15000),
        ("12号还800\n不对 1000", 100000),
        ("le mando 60 el viernes\nno espere, 80", 8000),
        ("I'll pay 100 on the 5th\nwait no the 6th, 100", 10000),
    ] {
        let locale = if text.contains('号') {
            "zh-CN"
        } else if text.contains("mando") {
            "es-US"
        } else {
            "en-US"
        };
        let out = reply(locale, text);
        assert_eq!(promised(&out).map(|(a, _, _)| a), Some(json!(cents)), "{text}: {out}");
    }
}

#[test]
fn blind35_rules_young_online_and_broke() {
    // Slang revocations; "stop" that is not about contact; a stop expressly not asked for.
    for (locale, text) in [
        ("en-US", "pls ghost me until friday fr"),
        ("en-US", "just leave me on read bro"),
        ("en-GB", "block me then innit"),
        ("en-US", "unadd me from this list"),
        ("es-US", "sigan marcando y van a ver lo que les pasa"),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    for (locale, text) in [
        ("en-US", "stop playing 😭 i paid it yesterday"),
        ("en-GB", "stop chatting rubbish, I paid £80 in March"),
        ("en-GB", "mate stop I'm crying, fine I'll pay £40 friday"),
    ] {
        assert!(!has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Gig work lost is hardship; slang sums; insults in three languages.
    for (locale, text) in [
        ("en-US", "got deactivated from doordash so i can't pay rn"),
        ("es-US", "me desactivaron de uber, no puedo pagar"),
        ("zh-CN", "平台把我封号了 收入直接归零"),
    ] {
        assert!(has(&reply(locale, text), "hardship"), "{text}");
    }
    let out = reply("en-US", "sending a band friday no cap");
    assert_eq!(promised(&out).map(|(a, _, _)| a), Some(json!(100000)), "{out}");
    for (locale, text) in [
        ("es-US", "vete alv con tus mensajes"),
        ("zh-CN", "傻X 别打了"),
        ("en-US", "ur literally a clown 🤡"),
    ] {
        assert!(has(&reply(locale, text), "abusive"), "{text}");
    }
    // "never heard of him … wrong person" is a wrong person, not a dispute; billing twice is contested.
    let out = reply("en-GB", "who is this? never had an account with you, wrong person");
    assert!(has(&out, "wrong_person") && !has(&out, "dispute"), "{out}");
    assert!(has(&reply("en-US", "y'all are double billing me fr"), "dispute"));
    // 还打 is still calling, not paying.
    let out = reply("zh-CN", "晚上十一点还打 我已经打12378投诉了");
    assert!(!has(&out, "promise_to_pay") && has(&out, "complaint"), "{out}");
}

#[test]
fn blind36_rules_the_law_quoted() {
    // Formal revocations in three languages; a stop expressly not asked for (but a limit after it stands).
    for (locale, text) in [
        (
            "en-US",
            "Under 15 USC 1692c(c) I wish you to cease further communication with me.",
        ),
        ("en-US", "I do not consent to being contacted by telephone or text."),
        ("es-US", "Solicito que cesen toda comunicación conmigo."),
        ("zh-CN", "依法要求你们立即停止骚扰我的同事。"),
        (
            "en-GB",
            "I'm not asking you to stop calling altogether, just not before 9.",
        ),
    ] {
        assert!(has(&reply(locale, text), "stop_contact"), "{text}");
    }
    for (locale, text) in [
        (
            "en-US",
            "I am not asking you to cease communication. What is the balance?",
        ),
        ("zh-CN", "我没说不还，也没让你们别联系我，能不能分期？"),
        (
            "es-US",
            "No estoy pidiendo que dejen de llamarme, ¿qué opciones tienen?",
        ),
    ] {
        assert!(!has(&reply(locale, text), "stop_contact"), "{text}");
    }
    // Limitation and enforceability pleaded are disputes; a spouse's debt is someone else's.
    for (locale, text) in [
        ("en-GB", "This is statute barred under the Limitation Act. I won't pay."),
        ("en-GB", "Without the signed agreement the debt is unenforceable."),
        ("es-US", "No existe contrato con mi firma."),
    ] {
        assert!(has(&reply(locale, text), "dispute"), "{text}");
    }
    let out = reply("es-US", "La que debe es mi esposa, no yo. Dejen de llamarme.");
    assert!(has(&out, "wrong_person") && has(&out, "stop_contact"), "{out}");
    // A firm writing for its client; a complaint sent is no payment; another line offered beside the one ruled out.
    assert!(has(
        &reply("en-US", "Our office represents Mr. Lee regarding this account."),
        "attorney"
    ));
    let out = reply(
        "en-US",
        "I have already sent a complaint to the CFPB about the calls to my sister. Leave my sister out of this.",
    );
    assert!(!has(&out, "already_paid") && has(&out, "complaint"), "{out}");
    let out = reply(
        "en-US",
        "Do not call my work number again. You can reach me on my cell after 6pm.",
    );
    assert!(has(&out, "stop_contact") && has(&out, "callback_request"), "{out}");
}

#[test]
fn paying_through_an_app_said_as_a_verb() {
    // "zelle'd it yesterday" reports a payment; "cash app-ing you $35 rn" promises one today.
    let out = reply("en-US", "bro i venmoed it yesterday, check ur app");
    assert!(has(&out, "already_paid") && !has(&out, "promise_to_pay"), "{out}");
    let out = reply("en-US", "ok ok zelling you $40 rn");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(4000), json!("2026-11-28"))),
        "{out}"
    );
    assert!(has(&reply("es-US", "pago fin de mes, palabra"), "promise_to_pay"));
}

#[test]
fn blind37_rules_machines_and_thread_clutter() {
    // Auto-replies, bounces, carrier and bot notices say nothing of the borrower's, whatever words they hold.
    for (locale, text) in [
        (
            "en-US",
            "Automatic reply: I am out of the office until the 14th. For urgent matters call my mobile 555-0182.",
        ),
        (
            "en-US",
            "I'm Driving with Do Not Disturb turned on. I'll see your message when I get where I'm going.",
        ),
        (
            "en-US",
            "You're unsubscribed from Target texts. No more msgs will be sent. Reply START to resubscribe.",
        ),
        ("zh-CN", "【系统提示】您拨打的用户已停机，短信发送失败。"),
        (
            "zh-CN",
            "您好，我正在开会，暂时无法回复。急事请打我私人手机。（自动回复）",
        ),
        (
            "es-US",
            "Este número no puede recibir mensajes de texto. Su mensaje no fue entregado.",
        ),
    ] {
        assert_eq!(intents(&reply(locale, text)), vec!["other".to_string()], "{text}");
    }
    // ... but a line a person added to one still revokes.
    let out = reply(
        "zh-CN",
        "【自动回复】我在休假，12月8日后回复。\n——补一句：别再打我爸妈电话了。",
    );
    assert!(has(&out, "stop_contact"), "{out}");
    // A call transcribed moves no money; 烦死了 alone is annoyance, no request.
    let out = reply("zh-CN", "[通话转写] 麻烦明天上午回我电话，谢谢。");
    assert!(!has(&out, "promise_to_pay"), "{out}");
    let out = reply("zh-CN", "烦死了，知道了知道了，周日之前一定还");
    assert!(!has(&out, "stop_contact") && has(&out, "promise_to_pay"), "{out}");
}

#[test]
fn blind38_rules_families_that_switch_languages() {
    // Revocations and payments in a household's other languages.
    assert!(has(
        &reply("en-US", "Mẹ tôi không biết tiếng Anh. Đừng gọi số này nữa."),
        "stop_contact"
    ));
    let out = reply(
        "en-US",
        "You texted my dad at 6am twice. 再这样 I'm filing with the CFPB.",
    );
    assert!(has(&out, "stop_contact") && has(&out, "complaint"), "{out}");
    assert!(has(&reply("zh-CN", "我已经 pay 了 la，昨天转的"), "already_paid"));
    assert!(has(&reply("zh-CN", "我下个礼拜一定 pay 你 300 块"), "promise_to_pay"));
    let out = reply("es-US", "Soy intérprete. La señora confirma que pagará $120 el 15.");
    assert_eq!(
        promised(&out).map(|(a, d, _)| (a, d)),
        Some((json!(12000), json!("2026-12-15"))),
        "{out}"
    );
    // Cantonese 後日 is the day after tomorrow.
    let out = reply("en-GB", "後日 I pay £60.");
    assert_eq!(promised(&out).map(|(_, d, _)| d), Some(json!("2026-11-30")), "{out}");
    // Stopping a debit is not stopping contact.
    let out = reply(
        "en-US",
        "Please stop the automatic withdrawal. I'll pay by card on the 1st instead.",
    );
    assert!(!has(&out, "stop_contact") && has(&out, "promise_to_pay"), "{out}");
    let out = reply("es-US", "Paren el autopay!! Me sacaron dos pagos este mes");
    assert!(!has(&out, "stop_contact"), "{out}");
}

#[test]
fn someone_elses_line_ruled_out_revokes_it() {
    // "…not my wife's phone": the relative's line is ruled out (blind38); "not my wife's fault" rules nothing out.
    let out = reply(
        "en-US",
        "Text me at this number from now on, not my mom's phone. She doesn't handle the bills.",
    );
    assert!(has(&out, "stop_contact"), "{out}");
    let out = reply("en-US", "It's not my wife's fault, I'll pay $50 on the 5th.");
    assert!(!has(&out, "stop_contact"), "{out}");
}

#[test]
fn a_payment_reference_is_never_a_sum() {
    // The reference a borrower quotes beside "paid" or "will pay" is the commonest number in a reply that is not
    // money: none of these names a sum, so nothing may be read as one.
    for (locale, text) in [
        ("en-US", "Paid yesterday, ref 88213."),
        ("en-US", "I paid, transaction ID 993412, can you check"),
        ("en-US", "paid via zelle conf # 88123"),
        ("en-US", "I sent the payment, confirmation number 7731."),
        ("en-US", "Paid online, order #12345"),
        ("en-US", "I paid it, my reference is 55123"),
        ("en-US", "paid by check no. 1043 last week"),
        ("en-GB", "Paid by bank transfer, reference: 20931."),
        ("es-US", "Ya pagué, número de referencia 33210"),
        ("zh-CN", "我已经还了，流水号 20260301123"),
        ("zh-CN", "已经转账了，交易号：884213"),
    ] {
        let out = reply(locale, text);
        assert_eq!(out["amounts"], json!([]), "{text}: {out}");
    }
    // A promise beside a reference is for the sum due, not for the reference.
    let out = reply("en-US", "I will pay the rest on Friday, my reference is 55123");
    assert_eq!(promised(&out).map(|p| p.2), Some(json!(true)), "{out}");
    // The sum stays a sum when the reference comes with it.
    let out = reply("en-US", "paid 150 yesterday, confirmation number 7731");
    assert_eq!(out["amounts"][0]["amount"], json!(15000), "{out}");
    assert_eq!(out["amounts"].as_array().map(Vec::len), Some(1), "{out}");
}
