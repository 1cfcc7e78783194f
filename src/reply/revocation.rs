//! Revocation of consent: every way a reply says "stop contacting me" — keywords (STOP, 退订, alto), "stop"
//! about contact, a bar or a threat about the next call, a channel or time ruled out ("not at work"), a
//! dismissal, or abuse about the calls themselves.
//!
//! Tuned for recall, and kept to rules a person can read: a missed revocation is a legal violation (TCPA; the
//! FCC's 2024 order lists stop, quit, end, revoke, opt out, cancel and unsubscribe as words that revoke
//! consent; FDCPA §805(c)), so a bare keyword reply always counts. The statistical model may add a revocation
//! but never removes one found here.

use super::classify::{any_phrase, hits, hits_all};
use super::cues::{en::*, es::*, zh::*, *};
use super::text::Text;
use crate::account::Channel;

/// How sure the reply revokes consent (per mille, 0 when it does not) and the cues that say so; `abusive`
/// is whether the reply insults or threatens (abuse about the calls revokes too).
pub fn read(t: &Text, abusive: bool) -> (u32, Vec<String>) {
    // Stop contact: bare keywords, "stop … texting", or a phrase.
    let mut stop = hits_all(t, &[STOP_EN, STOP_ZH, STOP_ES]);
    if bare_revocation(t) {
        stop.0 = 990;
        stop.1.push("revocation keyword".into());
    }
    if let Some(cue) = stop_about_contact(t)
        .or_else(|| stop_about_contact_zh(t))
        .or_else(|| spanish_stop_word(t))
        .or_else(|| stop_by_shape(t))
        .or_else(|| contact_unwanted(t))
    {
        stop.0 = stop.0.max(950);
        stop.1.push(cue);
    }
    // Partial stops: "only e-mail me", "not at work", 上班时间别打. Places and times need a "no" and a contact word.
    // The "no" must govern the contact: "not a good time, call me after 8" asks for a call, "don't call after 8"
    // rules one out. In English and Spanish it stands within four words before a contact word; Chinese keeps the
    // whole-reply test (别 / 不要 sit right by the verb there).
    let negated = negation_near_contact(t)
        || ["别", "不要", "不许", "不准", "勿", "不能", "不得"]
            .iter()
            .any(|n| t.compact.contains(n));
    let contact_word = mentions_contact(t);
    let partial = hits(
        t,
        &PARTIAL_STOP
            .iter()
            .filter(|(c, _)| c.is_ascii())
            .copied()
            .collect::<Vec<_>>(),
        &PARTIAL_STOP
            .iter()
            .filter(|(c, _)| !c.is_ascii())
            .copied()
            .collect::<Vec<_>>(),
    );
    // Indirect words (blind26): "four a day to my mother's house is a lot", "a phone buzzing between 8 and 3 puts
    // me in a really awkward spot". (A representative asked to be contacted instead — "you might correspond with
    // her office" — is the attorney's or the bankruptcy's own effect: contact with the borrower ends there.)
    if let Some(cue) = contact_objected(t) {
        stop.0 = stop.0.max(900);
        stop.1.push(cue);
    }
    // "Please contact my insolvency practitioner, not me", "Any questions go to the trustee's office, not us":
    // contact is sent elsewhere, so it ends with the borrower.
    if redirected(t) {
        stop.0 = stop.0.max(900);
        stop.1.push("elsewhere, not me".into());
    }
    // "Please send all future communication to our office rather than to Ms. Alvarez", "hablen con ella, no
    // conmigo", "collection calls and letters to the debtor must cease": contact sent to someone else.
    if let Some(cue) = sent_elsewhere(t) {
        stop.0 = stop.0.max(900);
        stop.1.push(cue);
    }
    // "please only reach me by mail", "only contact me through my lawyer": one channel left, the rest revoked.
    if let Some(cue) = only_channel(t) {
        stop.0 = stop.0.max(900);
        stop.1.push(cue);
    }
    if partial.0 > 0 {
        let only = partial
            .1
            .iter()
            .any(|c| c.contains("only") || c.contains("solo") || c.contains('只'));
        if only || (negated && contact_word) {
            stop.0 = stop.0.max(900);
            stop.1.extend(partial.1);
        }
    }
    // A bare dismissal ("fuck off", 滚) revokes; so does abuse about the calls themselves ("stop these damn
    // daily calls", 天天打电话烦不烦) — revocation is read from intent, not only from keywords.
    let dismissal = any_phrase(t, DISMISSALS) || DISMISSALS_ZH.iter().any(|c| t.compact.contains(c));
    if dismissal {
        stop.0 = stop.0.max(950);
        stop.1.push("dismissal".into());
    }
    if abusive && contact_word && stop.0 == 0 {
        stop = (900, vec!["abuse about contact".into()]);
    }
    // "Stop charging me…", "at the bus stop", "I don't want to opt out": no revocation at all.
    let keyword_only = stop.1.iter().all(|c| {
        matches!(
            c.as_str(),
            "stop" | "stopping" | "quit" | "opt out" | "optout" | "unsubscribe" | "退订" | "cancelar" | "alto"
        ) || c.starts_with("stop ")
            || c.starts_with("stopping")
    });
    let declined_block = stop.1.iter().all(|c| c == "拉黑") && revocation_declined(t);
    // "Dejen de cobrarme ese cargo": stop charging, not stop contacting.
    let stop_charging = stop
        .1
        .iter()
        .all(|c| c.starts_with("dejen de") || c.starts_with("deje de") || c.starts_with("deja de"))
        && t.tokens.windows(3).any(|w| {
            matches!(w.first().map(String::as_str), Some("dejen" | "deje" | "deja"))
                && w.get(1).is_some_and(|d| d == "de")
                && w.get(2)
                    .is_some_and(|v| ["cobr", "carg", "sub", "aument"].iter().any(|c| v.starts_with(c)))
        });
    // "Don't call it a friendly reminder": naming, not contact.
    let naming = stop.1.iter().all(|c| c == "dont call" || c == "do not call")
        && t.tokens.windows(4).any(|w| {
            matches!(w.first().map(String::as_str), Some("dont" | "not"))
                && w.get(1).is_some_and(|c| c == "call")
                && w.get(2)
                    .is_some_and(|o| matches!(o.as_str(), "it" | "that" | "this" | "me" | "us"))
                && w.get(3).is_some_and(|a| matches!(a.as_str(), "a" | "an" | "the"))
        });
    // "Please don't send it to collections", "don't send me to court": an escalation pleaded against, not contact.
    let escalation_pleaded = stop.1.iter().all(|c| c == "dont send" || c == "do not send")
        && t.tokens.windows(6).any(|w| {
            matches!(w.first().map(String::as_str), Some("dont" | "not"))
                && w.get(1).is_some_and(|c| c == "send")
                && w.iter().skip(2).any(|o| {
                    matches!(
                        o.as_str(),
                        "collections" | "collection" | "collectors" | "agency" | "court" | "bureau" | "bureaus"
                    )
                })
        });
    // "Quit trying to get me to commit to a date": pressure for a promise refused, the contact itself not.
    let pressure_refused = stop
        .1
        .iter()
        .all(|c| matches!(c.as_str(), "quit" | "stop" | "stop trying"))
        && t.tokens.windows(6).any(|w| {
            matches!(w.first().map(String::as_str), Some("quit" | "stop"))
                && w.get(1).is_some_and(|c| c == "trying")
                && w.get(2).is_some_and(|c| c == "to")
                && w.get(3)
                    .is_some_and(|c| matches!(c.as_str(), "get" | "make" | "force" | "pressure"))
                && w.get(4).is_some_and(|c| c == "me")
                && w.get(5)
                    .is_some_and(|c| c == "to" || c == "commit" || c == "promise" || c == "agree")
        })
        && t.tokens.windows(2).any(|w| {
            w.first().is_some_and(|c| c == "to")
                && w.get(1)
                    .is_some_and(|c| matches!(c.as_str(), "commit" | "promise" | "agree" | "sign" | "pick" | "name"))
        });
    // 不要停止打电话给我, 我没有说不要打喔…你们现在可以打来了: the calls are wanted, the "stop" words denied (blind33, 34).
    // So is a stop expressly not asked for: "I am not asking you to cease communication", 也没让你们别联系我,
    // "No estoy pidiendo que dejen de llamarme" (blind36), "no me dejen en visto" (blind35).
    let calls_wanted = [
        "不要停止打",
        "别停止打",
        "没有说不要打",
        "没说不要打",
        "不是说不要打",
        "没让你们别联系",
        "没要求你们停止",
    ]
    .iter()
    .any(|w| t.compact.contains(w))
        || (any_phrase(
            t,
            &[
                "not asking you to cease",
                "not asking you to stop",
                "no estoy pidiendo que dejen de",
                "no me dejen en visto",
            ],
            // ... unless a limit follows: "I'm not asking you to stop calling altogether, just not after 8" (blind11).
        ) && !any_phrase(
            t,
            &[
                "altogether",
                "just not",
                "but not",
                "only not",
                "except",
                "pero no",
                "solo no",
            ],
        ));
    let declined_block =
        declined_block || stop_charging || naming || escalation_pleaded || pressure_refused || calls_wanted;
    if !stop.1.is_empty() && ((keyword_only && (stop_not_about_contact(t) || revocation_declined(t))) || declined_block)
    {
        stop = (0, Vec::new());
    }
    // A lone "T" (the Chinese carriers' unsubscribe reply), 退, 取消 or 停止 revokes too.
    let bare = t
        .compact
        .trim_matches(|c: char| c.is_ascii_punctuation() || "！。，".contains(c));
    if matches!(
        bare,
        "t" | "退" | "n" | "取消" | "停止" | "不要了" | "退订" | "alto" | "basta"
    ) {
        stop = (950, vec![bare.to_string()]);
    }
    stop
}

/// Contact objected to without a "stop": a contact word, a time, place, person or frequency it came at, and a
/// judgement of it — "Does anyone know what 7 a.m. is for somebody who works nights?", "Can't say I was thrilled
/// by another text at 7am on a Sunday", "You've rung my mum three times this week … that isn't ideal",
/// "一天打十几个电话，这样下去我只能向12378反映了", "¿de veras es necesario marcar a las siete de la mañana un
/// domingo?". The calls at that time, place or rate are what is ruled out (a partial revocation; FDCPA §805(a)(1)
/// bars a time known to be inconvenient).
fn contact_objected(t: &Text) -> Option<String> {
    const CONTACT: [&str; 20] = [
        "call",
        "calls",
        "calling",
        "rung",
        "ring",
        "ringing",
        "rang",
        "text",
        "texts",
        "phone",
        "buzzing",
        "letters",
        "marcar",
        "llamar",
        "llamadas",
        "llaman",
        "mensajes",
        "texting",
        "phoning",
        "voicemails",
    ];
    const WHEN_WHERE: [&str; 36] = [
        "morning",
        "mornings",
        "evening",
        "night",
        "nights",
        "sunday",
        "sundays",
        "saturday",
        "weekend",
        "week",
        "work",
        "workplace",
        "office",
        "shop floor",
        "mother",
        "mothers",
        "mum",
        "mums",
        "mom",
        "moms",
        "family",
        "a day",
        // "Calling my boss was way out of line", "you rang my mum … she was in tears" (blind28).
        "boss",
        "employer",
        "manager",
        "neighbor",
        "neighbors",
        "neighbour",
        "neighbours",
        "times this week",
        "times a day",
        "manana",
        "mañana",
        "domingo",
        "trabajo",
        "madrugada",
    ];
    const JUDGED: [&str; 29] = [
        // "Once a day is already too much", "not at this hour, ever" (blind30).
        "too much",
        "not at this hour",
        "awkward",
        "thrilled",
        "isnt ideal",
        "not ideal",
        "is a lot",
        "funny about",
        "necesario",
        "necessary",
        "a bit much",
        "too early",
        "too late",
        "isnt a good",
        "not a good",
        "a problem",
        "what 7",
        "kept to after",
        "kept to before",
        "works nights",
        "work nights",
        "i work nights",
        "hate to have to",
        "really necessary",
        // "ten texts a day is ridiculous" (blind27). Not "harassment" or a complaint: a count of calls taken to
        // a regulator is read as the complaint alone by every earlier writer (20 rows, blind4–blind24).
        "ridiculous",
        "excessive",
        "out of line",
        "in tears",
        "unacceptable",
    ];
    const JUDGED_ZH: [&str; 10] = [
        // 你们一天打八个电话有意思吗？ (blind30).
        "有意思吗",
        "这样下去",
        "不太方便",
        "太早",
        "太晚",
        "没必要",
        "受不了",
        "吵醒",
        "影响工作",
        "影响我们工作",
    ];
    const WHEN_WHERE_ZH: [&str; 10] = [
        "一天打",
        "天天打",
        "早上",
        "晚上",
        "单位",
        "公司",
        "办公室",
        "家里",
        "父母",
        "半夜",
    ];
    // A clock time: "7am", "7 a.m.", "8 and 3", "after six".
    let toks = &t.tokens;
    let clock = toks.iter().enumerate().any(|(i, w)| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && (w.ends_with("am")
                || w.ends_with("pm")
                || toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.as_str(), "am" | "pm" | "a" | "and")))
    });
    // A count of contacts: "5th call today", "3 calls", "ten texts".
    let counted = toks.windows(2).any(|w| {
        w.first().is_some_and(|n| {
            n.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    n.as_str(),
                    "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                        | "third"
                        | "fourth"
                        | "fifth"
                )
        }) && w.get(1).is_some_and(|c| CONTACT.contains(&c.as_str()))
    });
    let latin = toks.iter().any(|w| CONTACT.contains(&w.as_str()))
        && (clock || counted || any_phrase(t, &WHEN_WHERE))
        && any_phrase(t, &JUDGED);
    let zh = (t.compact.contains("电话")
        || t.compact.contains('打')
        || t.compact.contains("短信")
        || t.compact.contains("催"))
        && any_phrase(t, &WHEN_WHERE_ZH)
        && any_phrase(t, &JUDGED_ZH);
    (latin || zh).then(|| "contact objected to".to_string())
}

/// Whether the reply names contact at all: a contact word (calls, texts, 电话, 打, 联系).
pub(super) fn mentions_contact(t: &Text) -> bool {
    // 麻烦您 ("may I trouble you") is courtesy, not the annoyance of 烦.
    let courteous = t.compact.replace("麻烦", "");
    t.tokens.iter().any(|w| CONTACT_ANY.contains(&w.as_str()))
        || CONTACT_ZH.iter().any(|c| courteous.contains(c))
        || t.compact.contains('打')
        || t.compact.contains("联系")
}

/// "I don't want these messages on my phone", "we no longer want your calls", "no quiero sus llamadas": the
/// contact itself is unwanted. A "want" denied, then a contact noun within three words.
fn contact_unwanted(t: &Text) -> Option<String> {
    const NOUNS: [&str; 11] = [
        "messages",
        "calls",
        "texts",
        "emails",
        "letters",
        "voicemails",
        "llamadas",
        "mensajes",
        "correos",
        "cartas",
        "textos",
    ];
    let toks = &t.tokens;
    toks.iter().enumerate().find_map(|(i, w)| {
        let want = matches!(w.as_str(), "want" | "quiero" | "queremos");
        let back = toks.get(i.saturating_sub(2)..i).unwrap_or_default();
        let denied = back
            .iter()
            .any(|b| matches!(b.as_str(), "dont" | "not" | "longer" | "no" | "didnt"));
        let noun = toks
            .iter()
            .skip(i.saturating_add(1))
            .take(3)
            .find(|n| NOUNS.contains(&n.as_str()))?;
        (want && denied).then(|| format!("dont want {noun}"))
    })
}

/// Whether the reply is nothing but revocation words and filler ("STOP", "stop stop stop", "Quit!").
fn bare_revocation(t: &Text) -> bool {
    let latin: Vec<&String> = t
        .tokens
        .iter()
        .filter(|x| x.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    if latin.is_empty() || latin.len() != t.tokens.len() {
        return false;
    }
    let any_stop = latin.iter().any(|w| STOP_WORDS.contains(&w.as_str())) || t.has_words("opt out");
    any_stop
        && latin
            .iter()
            .all(|w| STOP_WORDS.contains(&w.as_str()) || STOP_FILLER.contains(&w.as_str()))
}

/// A revocation word used about contact: "stop" / "quit" / "unsubscribe" anywhere unless it is about fees
/// or interest ("stop the late fees"); "end", "cancel", "halt" and "no more" only with a contact word within
/// three words ("cancel all calls", "no more contact"); "don't / never" + a contact verb ("don't ever call").
fn stop_about_contact(t: &Text) -> Option<String> {
    let toks = &t.tokens;
    for (i, w) in toks.iter().enumerate() {
        let next: Vec<&str> = toks.iter().skip(i + 1).take(3).map(String::as_str).collect();
        let contact = next.iter().find(|n| CONTACT_OBJECTS.contains(n) || **n == "contact");
        let other = next.iter().any(|n| NOT_CONTACT_OBJECTS.contains(n));
        // "No calls at weekends, full stop": the punctuation mark, not a request — it must not hide the
        // revocation the rest of the reply makes.
        let full_stop = w == "stop" && i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| p == "full");
        // "sorry love I quit ringing you back": what the writer stopped doing, not a request (blind33).
        let own_doing = i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| p == "i");
        match w.as_str() {
            "stop" | "stahp" | "stopp" | "quit" | "unsubscribe"
                if !full_stop && !own_doing && (contact.is_some() || !other) =>
            {
                return Some(format!("{w}{}", contact.map(|c| format!(" {c}")).unwrap_or_default()));
            }
            // "I would ask that you kindly cease telephoning my home", "please refrain from calling".
            "cease" | "refrain" | "desist" => {
                if let Some(c) = contact.filter(|c| **c != "me") {
                    return Some(format!("{w} {c}"));
                }
            }
            // "please only send letters, no phone calls": a channel refused outright (not "I got no calls").
            "no" => {
                let refused = next.iter().take(2).find(|n| {
                    matches!(
                        **n,
                        "calls" | "texts" | "emails" | "phonecalls" | "llamadas" | "mensajes"
                    )
                });
                let got = i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| {
                    matches!(
                        p.as_str(),
                        "got"
                            | "had"
                            | "received"
                            | "get"
                            | "getting"
                            | "made"
                            | "make"
                            | "answered"
                            | "with"
                            | "were"
                            | "was"
                            | "there"
                            | "hay"
                    )
                });
                if let Some(c) = refused
                    && !got
                {
                    return Some(format!("no {c}"));
                }
            }
            "end" | "cancel" | "halt" | "more" => {
                if let Some(c) = contact
                    && (w != "more" || i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| *p == "no"))
                {
                    return Some(format!("{w} {c}"));
                }
            }
            "dont" | "never" | "not" | "didnt" | "wouldnt" => {
                let verbs = [
                    "contact", "call", "text", "message", "email", "write", "bother", "reach", "ring", "phone",
                ];
                // "Don't call it a friendly reminder", "don't call me a liar": naming, not contact.
                let naming = |at: usize| {
                    matches!(next.get(at + 1).copied(), Some("it" | "that" | "this" | "me" | "us"))
                        && matches!(next.get(at + 2).copied(), Some("a" | "an" | "the"))
                };
                if let Some(at) = next.iter().take(2).position(|n| verbs.contains(n))
                    && !naming(at)
                    && let Some(v) = next.get(at)
                {
                    return Some(format!("{w} {v}"));
                }
            }
            _ => {}
        }
    }
    None
}

/// Chinese: 别再 / 不要再 / 再…就 followed closely by a contact verb (别再给我发信息了, 你们再打电话我就…).
fn stop_about_contact_zh(t: &Text) -> Option<String> {
    let verbs = ['发', '打', '联', '骚', '来', '催', '烦', '找'];
    for (i, _) in t.compact.char_indices() {
        let rest = &t.compact[i..];
        // 分别 / 特别 / 区别 …: 别 inside a word is no "don't" (请把本金、利息分别列出来, blind30).
        let in_a_word = t.compact[..i]
            .chars()
            .next_back()
            .is_some_and(|p| "分特区级类个告识派性差离".contains(p));
        // 莫 (Southwestern Mandarin) and 咪 (Cantonese) say "don't" as 别 does (blind33).
        for lead in [
            "别再",
            "不要再",
            "不许再",
            "不准再",
            "莫再",
            "咪再",
            "别",
            "不要",
            "莫要",
        ] {
            if rest.starts_with(lead) && !(lead == "别" && in_a_word) {
                // "别再给我老婆打电话": after 给 + the person, the verb may sit a few characters further.
                // So after 向 / 跟 / 对 (请不要再单独向我催收, blind30).
                // So after 往 / 老 ("别老往我家里打电话", blind33) and before a time (请不要在晚上九点以后发送消息给我,
                // blind34).
                let opening: Vec<char> = rest.chars().skip(lead.chars().count()).take(3).collect();
                let reach = if opening.iter().any(|c| "在往老".contains(*c)) {
                    10
                } else if opening.iter().any(|c| "给向跟对".contains(*c)) {
                    7
                } else {
                    4
                };
                let after: Vec<char> = rest.chars().skip(lead.chars().count()).take(reach).collect();
                if let Some(v) = after.iter().find(|ch| verbs.contains(ch)) {
                    // 别打扰 / 别发 / 不要再联系 …; but 不要紧 or 别着急 are not about contact.
                    return Some(format!("{lead}…{v}"));
                }
            }
        }
        if rest.starts_with('再')
            && rest.chars().take(8).any(|ch| ch == '就')
            && rest.chars().take(4).any(|ch| ch == '打' || ch == '发' || ch == '催')
        {
            return Some("再…就".into());
        }
    }
    None
}

/// Revocations read from the sentence's shape rather than a phrase list, so new wording is caught:
/// - a threat about the next contact ("if you call again I'm reporting you", "keep calling and see what
///   happens", "si me vuelven a llamar…");
/// - a bar on contact ("you can't contact me anymore", "any further contact is a violation of the stay");
/// - "enough with / chill with / lay off the calls";
/// - Spanish "deje(n) de" + a verb aimed at the borrower ("deje de textearme", "dejen de molestarme");
/// - "remove / delete it" where the reply is about the number.
fn stop_by_shape(t: &Text) -> Option<String> {
    let toks: Vec<&str> = t.tokens.iter().map(String::as_str).collect();
    let is_contact = |w: &str| CONTACT_VERBS.contains(&w);
    let window = |from: usize, n: usize| toks.iter().skip(from).take(n).copied().collect::<Vec<&str>>();
    for (i, &w) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| toks.get(p)).copied().unwrap_or("");
        // "Text me at this number from now on, not my wife's phone" (blind38): someone else's line ruled out.
        if w == "not"
            && toks.get(i + 1).is_some_and(|m| *m == "my")
            && toks
                .get(i + 2)
                .and_then(|who| who.strip_suffix('s'))
                .is_some_and(|who| THIRD_PARTIES.contains(&who))
            && toks
                .get(i + 3)
                .is_some_and(|line| matches!(*line, "phone" | "number" | "cell" | "mobile" | "line" | "landline"))
        {
            return Some("not my relative's line".into());
        }
        // "leave my family out of it", "keep my sister out of this", "leave my parents alone": contact with third
        // parties is ruled out (FDCPA §805(b) limits it anyway; the borrower's word ends it).
        if matches!(w, "leave" | "keep") {
            let next = window(i + 1, 6);
            let mine = next.iter().take(2).any(|n| matches!(*n, "my" | "our"));
            let who = next
                .iter()
                .take(4)
                .find(|n| THIRD_PARTIES.contains(n) || n.strip_suffix('s').is_some_and(|m| THIRD_PARTIES.contains(&m)));
            let out = next.iter().any(|n| matches!(*n, "out" | "alone"));
            if let Some(who) = who
                && mine
                && out
            {
                return Some(format!("{w} my {who} out"));
            }
            // "Calling my mother three times in a day is harassment. Leave her out of this."
            if next.first().is_some_and(|n| matches!(*n, "her" | "him" | "them"))
                && next.get(1).is_some_and(|n| *n == "out" || *n == "alone")
                && toks.iter().any(|t| THIRD_PARTIES.contains(t))
            {
                return Some(format!("{w} them out"));
            }
        }
        match w {
            // "if you / anyone … call (me) again"
            "if" | "si" => {
                let next = window(i + 1, 7);
                let verb = next.iter().position(|n| is_contact(n));
                let again = next.iter().any(|n| {
                    matches!(
                        *n,
                        "again" | "anymore" | "once" | "vuelven" | "vuelve" | "siguen" | "sigue" | "otra"
                    )
                });
                let subject = next.iter().take(3).any(|n| {
                    matches!(
                        *n,
                        "you" | "u" | "ya" | "yall" | "anyone" | "your" | "they" | "me" | "vuelven" | "siguen"
                    )
                });
                if let Some(v) = verb.and_then(|v| next.get(v))
                    && again
                    && subject
                {
                    return Some(format!("{w} … {v} again"));
                }
            }
            // "keep calling and …" (a threat), not "I keep calling you".
            "keep" | "continue" | "sigan" | "siga" => {
                let next = window(i + 1, 6);
                let first = next.first().copied().unwrap_or("");
                let ing = first.ends_with("ing") || first.ends_with("ando") || first.ends_with("endo");
                // Said to the collector ("keep calling and see"), not about what they do ("your agents keep
                // calling me and now I get texts", "I keep calling you and…").
                let told = matches!(
                    prev,
                    "" | "just"
                        | "go"
                        | "ahead"
                        | "yeah"
                        | "ok"
                        | "okay"
                        | "please"
                        | "pls"
                        | "then"
                        | "so"
                        | "sure"
                        | "fine"
                        | "you"
                        | "u"
                        | "yall"
                );
                if is_contact(first) && ing && told && next.contains(&"and") {
                    return Some(format!("{w} {first} and …"));
                }
            }
            // "you can't contact me", "they are not allowed to call"
            "cant" | "cannot" | "mustnt" | "shouldnt" | "allowed" | "right" | "may" | "must" => {
                let back = toks.get(i.saturating_sub(4)..i).unwrap_or_default();
                let you = back
                    .iter()
                    .any(|b| matches!(*b, "you" | "u" | "ya" | "yall" | "they" | "collectors"));
                let negated = matches!(w, "cant" | "cannot" | "mustnt" | "shouldnt")
                    || back.iter().any(|b| matches!(*b, "not" | "no" | "arent" | "isnt"))
                    || window(i + 1, 1).first() == Some(&"not");
                let next = window(i + 1, 4);
                if let Some(v) = next.iter().find(|n| is_contact(n))
                    && you
                    && negated
                {
                    return Some(format!("{w} {v}"));
                }
            }
            // "took this number off its list", "get me off your calling list": the number comes off the list.
            "off" => {
                let back = toks.get(i.saturating_sub(4)..i).unwrap_or_default();
                // "take it off whatever list you've got" about the number the texts come to.
                let number_named = toks.iter().any(|x| matches!(*x, "number" | "phone" | "texts"));
                let whom = back.iter().any(|b| {
                    matches!(*b, "me" | "number" | "phone" | "line" | "us" | "name") || (*b == "it" && number_named)
                });
                let listed = window(i + 1, 3)
                    .iter()
                    .any(|n| matches!(*n, "list" | "system" | "records" | "database" | "books" | "lists"));
                if whom && listed {
                    return Some("off the list".into());
                }
            }
            // "One more call to my work number and I'm filing with the CFPB": the next contact as a noun.
            "more" if prev == "one" && window(i + 1, 1).first().is_some_and(|n| is_contact(n)) => {
                let rest = window(i + 2, 8);
                if let Some(and) = rest.iter().position(|n| *n == "and")
                    && rest.iter().skip(and + 1).any(|n| THREATS.contains(n))
                {
                    return Some("one more … and …".into());
                }
            }
            // "Ring my work one more time and I'm reporting you": a threat about the next contact.
            _ if is_contact(w) && !matches!(prev, "i" | "ill" | "we" | "id") => {
                let next = window(i + 1, 6);
                let again = next
                    .windows(3)
                    .position(|x| x == ["one", "more", "time"])
                    .map(|p| p + 3)
                    .or_else(|| next.iter().position(|n| matches!(*n, "again" | "once")).map(|p| p + 1));
                if let Some(at) = again {
                    let rest = window(i + 1 + at, 8);
                    let and = rest.iter().take(3).position(|n| *n == "and");
                    let threat = rest.iter().any(|n| THREATS.contains(n));
                    if and.is_some() && threat {
                        return Some(format!("{w} … again and …"));
                    }
                }
            }
            // "I want the calls stopped", "need these texts ended": contact asked to end, the verb after its noun.
            "stopped" | "ended" | "ceased" | "halted" => {
                let back = toks.get(i.saturating_sub(4)..i).unwrap_or_default();
                let before = toks.get(i.saturating_sub(8)..i).unwrap_or_default();
                let noun = back.iter().any(|b| {
                    is_contact(b) || matches!(*b, "contact" | "harassment" | "letters" | "visits" | "it" | "this")
                });
                let asked = before
                    .iter()
                    .any(|b| matches!(*b, "want" | "need" | "wanted" | "get" | "have" | "demand" | "expect"));
                if noun && asked {
                    return Some(format!("… {w}"));
                }
            }
            // "write to me rather than phoning the house", "email me instead of calling": that channel is ruled
            // out.
            "rather" | "instead" => {
                let next = window(i + 1, 3);
                let joined = matches!(next.first().copied(), Some("than" | "of"));
                if joined && next.iter().skip(1).any(|n| is_contact(n)) {
                    return Some(format!("{w} than/of contact"));
                }
            }
            // "use my personal email from now on": contact moves to another address, the one written to is out.
            "use" => {
                let next = window(i + 1, 4);
                let mine = next.first() == Some(&"my");
                let channel = next
                    .iter()
                    .any(|n| matches!(*n, "email" | "number" | "phone" | "mobile" | "address" | "cell"));
                let moved = t.has_words("from now on")
                    || t.has_words("instead")
                    || t.has_words("not this")
                    || t.has_words("dont want");
                if mine && channel && moved {
                    return Some("use my other address".into());
                }
            }
            // "do one" (British: go away), said to the collector, not "do one payment".
            "do" if window(i + 1, 1).first() == Some(&"one") => {
                let after = window(i + 2, 1).first().copied().unwrap_or("");
                if matches!(
                    after,
                    "" | "you" | "u" | "ya" | "mate" | "pal" | "lads" | "yeah" | "now" | "then" | "and" | "son"
                ) {
                    return Some("do one".into());
                }
            }
            // "bórrenlo de su lista", "quítenme de su lista", "sáquenme de sus listas".
            _ if ["borr", "quit", "saq", "elimin"].iter().any(|v| w.starts_with(v))
                && window(i + 1, 3).iter().any(|n| matches!(*n, "lista" | "listas")) =>
            {
                return Some(format!("{w} … lista"));
            }
            // "Nobody comes to my house again", "don't come to my door": visits ruled out.
            "come" | "comes" | "coming" | "visit" | "visits" | "show" => {
                let back = toks.get(i.saturating_sub(3)..i).unwrap_or_default();
                let no = back
                    .iter()
                    .any(|b| matches!(*b, "nobody" | "dont" | "not" | "no" | "never" | "stop"));
                let place = window(i + 1, 4)
                    .iter()
                    .any(|n| matches!(*n, "house" | "home" | "door" | "work" | "job" | "office" | "place"));
                if no && place {
                    return Some("no visits".into());
                }
            }
            // "no calls between 7pm and 7am", "no texts at work": a contact ruled out, not "I had no calls".
            "no" if window(i + 1, 1).first().is_some_and(|n| {
                matches!(
                    *n,
                    "calls" | "texts" | "emails" | "messages" | "visits" | "letters" | "calling" | "texting"
                )
            }) && !matches!(prev, "had" | "got" | "get" | "received" | "getting" | "any" | "with") =>
            {
                return Some(format!("no {}", window(i + 1, 1).first().copied().unwrap_or("")));
            }
            // "no need to keep calling", "no need to ring me".
            "need" if prev == "no" && window(i + 1, 4).iter().any(|n| is_contact(n)) => {
                return Some("no need to call".into());
            }
            // "I won't be discussing it further by phone": the phone ruled out.
            "discussing" | "discuss" | "talking" | "speaking"
                if toks
                    .get(i.saturating_sub(3)..i)
                    .unwrap_or_default()
                    .iter()
                    .any(|b| matches!(*b, "wont" | "not" | "dont"))
                    && window(i + 1, 5).iter().any(|n| matches!(*n, "phone" | "calls")) =>
            {
                return Some(format!("not {w} by phone"));
            }
            // "Please don't discuss my account with my partner": no third party.
            "discuss" | "mention" | "tell"
                if matches!(prev, "dont" | "not" | "never")
                    && window(i + 1, 6)
                        .iter()
                        .any(|n| THIRD_PARTIES.contains(n) || *n == "partner") =>
            {
                return Some(format!("dont {w} … with a third party"));
            }
            // "ya no vengan a mi casa", "no venga a mi trabajo".
            "vengan" | "venga" | "vayan" | "vaya" | "pasen" | "pase"
                if matches!(prev, "no" | "nunca")
                    && window(i + 1, 4)
                        .iter()
                        .any(|n| matches!(*n, "casa" | "trabajo" | "puerta" | "oficina")) =>
            {
                return Some("no vengan".into());
            }
            // "all future correspondence in writing": every other channel is ruled out.
            "correspondence" | "communication" | "communications"
                if window(i + 1, 6).contains(&"writing")
                    && toks
                        .get(i.saturating_sub(2)..i)
                        .unwrap_or_default()
                        .iter()
                        .any(|b| matches!(*b, "all" | "future" | "further" | "any")) =>
            {
                return Some(format!("{w} in writing"));
            }
            // "any further contact", "no further calls"
            "further" if matches!(prev, "any" | "no") => {
                if let Some(n) = window(i + 1, 1).first()
                    && matches!(
                        *n,
                        "contact" | "calls" | "communication" | "communications" | "texts" | "messages"
                    )
                {
                    return Some(format!("{prev} further {n}"));
                }
            }
            // "enough with the calls", "chill with the texts", "lay off the calls"
            "enough" | "chill" | "lay" | "ease" | "cut" | "knock" => {
                if let Some(n) = window(i + 1, 3)
                    .iter()
                    .find(|n| matches!(**n, "calls" | "texts" | "messages" | "emails" | "calling" | "texting"))
                {
                    return Some(format!("{w} … {n}"));
                }
            }
            // "deje de textearme", "dejen de molestar"
            "deje" | "dejen" | "deja" | "dejan" if window(i + 1, 1).first() == Some(&"de") => {
                if let Some(v) = window(i + 2, 1).first() {
                    // "dejen de cobrarme ese cargo" is about a charge, not contact.
                    let aimed = ["arme", "erme", "irme", "arnos", "ernos", "irnos"]
                        .iter()
                        .any(|e| v.ends_with(e))
                        && !["cobr", "carg", "sub", "aument"].iter().any(|c| v.starts_with(c));
                    if aimed || is_contact(v) {
                        return Some(format!("{w} de {v}"));
                    }
                }
            }
            // "only call between 9 and 5", "only text me after 6": every other time is ruled out.
            "only" | "solo" | "solamente" => {
                let next = window(i + 1, 6);
                let verb = next.iter().take(2).position(|n| is_contact(n));
                if let Some(v) = verb
                    && next.iter().skip(v + 1).take(3).any(|n| {
                        matches!(
                            *n,
                            "between"
                                | "after"
                                | "before"
                                | "during"
                                | "on"
                                | "weekdays"
                                | "mornings"
                                | "entre"
                                | "despues"
                                | "antes"
                        )
                    })
                {
                    return Some(format!("{w} {} at some times", next.get(v).copied().unwrap_or("")));
                }
            }
            // "take it out of your system", "get me off your database", "sáquenme de su sistema": the number or
            // the borrower taken off the collector's list of whom to contact.
            "take" | "get" | "remove" | "delete" | "drop" | "erase" | "scrub" | "purge"
                if window(i + 1, 6).iter().any(|n| matches!(*n, "out" | "off" | "from"))
                    && window(i + 1, 7).iter().any(|n| {
                        matches!(
                            *n,
                            "system" | "systems" | "database" | "dialer" | "dialler" | "list" | "lists"
                        )
                    }) =>
            {
                return Some(format!("{w} … off your system"));
            }
            _ if ["saq", "quit", "borr", "elimin"].iter().any(|v| w.starts_with(v))
                && window(i + 1, 4)
                    .iter()
                    .any(|n| matches!(*n, "sistema" | "sistemas" | "base")) =>
            {
                return Some(format!("{w} … sistema"));
            }
            // "please remove it" / "delete my number" in a reply about the number.
            "remove" | "delete" | "erase" | "borren" | "borre" => {
                let number = t
                    .tokens
                    .iter()
                    .any(|x| matches!(x.as_str(), "number" | "numero" | "phone"));
                let next = window(i + 1, 2);
                if number
                    && next
                        .iter()
                        .any(|n| matches!(*n, "it" | "this" | "my" | "the" | "mi" | "este" | "lo"))
                {
                    return Some(format!("{w} … number"));
                }
            }
            _ => {}
        }
    }
    // 把我从你们的拨打名单里去掉: off the calling list.
    if t.compact.contains("名单")
        && ["去掉", "删", "移出", "移除", "拿掉", "划掉"]
            .iter()
            .any(|d| t.compact.contains(d))
    {
        return Some("移出名单".into());
    }
    // 别上门 / 不要上门: no visits.
    if ["别上门", "不要上门", "不准上门", "不许上门", "别来我家", "不要来我家"]
        .iter()
        .any(|d| t.compact.contains(d))
    {
        return Some("别上门".into());
    }
    // 把我的号码删掉 / 删除我的电话: take the number off the list.
    if ["删掉", "删除", "删了"].iter().any(|d| t.compact.contains(d))
        && ["号码", "电话", "手机号", "联系方式"]
            .iter()
            .any(|x| t.compact.contains(x))
    {
        return Some("删除号码".into());
    }
    // 再打一个试试 / 你们再打我就报警: a threat about the next call.
    for (i, _) in t.compact.char_indices() {
        let rest = &t.compact[i..];
        if rest.starts_with('再') {
            // 再打 / 再这么天天打: the contact verb within a few characters (but not 打算, "to plan").
            let head: String = rest.chars().take(6).collect();
            let tail: String = rest.chars().take(20).collect();
            // Mixed text counts too: 你们再call我boss我就去投诉.
            if (head
                .chars()
                .any(|c| matches!(c, '打' | '发' | '催' | '来' | '骚' | '找'))
                || ["call", "text", "联系"].iter().any(|v| head.contains(v)))
                && !head.contains("打算")
                && [
                    "试试",
                    "报警",
                    "投诉",
                    "弄死",
                    "告你",
                    "让你",
                    "小心",
                    "我就",
                    "不会还",
                    "一分钱都不",
                ]
                .iter()
                .any(|x| tail.contains(x))
            {
                return Some("再打…(threat)".into());
            }
        }
    }
    None
}

/// Whether the reply says "stop" about something else or declines a revocation outright — the statistical model
/// must not read a revocation into it either.
pub(super) fn stop_word_ruled_out(t: &Text) -> bool {
    stop_not_about_contact(t) || revocation_declined(t)
}

/// Whether every "stop" in the reply is about something other than contact: fees or interest ("stop charging
/// me", "stop the interest"), the borrower's own movements ("I'll stop in at the office", "at the bus stop"),
/// "stop worrying", or a stop expressly not asked for ("not asking you to stop calling").
fn stop_not_about_contact(t: &Text) -> bool {
    let toks = &t.tokens;
    let mut any = false;
    for (i, w) in toks.iter().enumerate() {
        if !matches!(w.as_str(), "stop" | "stopping" | "quit") {
            continue;
        }
        any = true;
        let prev = i.checked_sub(1).and_then(|p| toks.get(p)).map_or("", String::as_str);
        let next = toks.get(i + 1).map_or("", String::as_str);
        let next2 = toks.get(i + 2).map_or("", String::as_str);
        let back: Vec<&str> = toks
            .get(i.saturating_sub(4)..i)
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .collect();
        // "would that stop the late fees, or do I have to pay the full $1,100 to stop them?": the fees.
        let about_charges = toks
            .get(i + 1..(i + 4).min(toks.len()))
            .unwrap_or_default()
            .iter()
            .any(|o| {
                matches!(
                    o.as_str(),
                    "fees" | "fee" | "charges" | "interest" | "penalty" | "penalties"
                )
            })
            || (matches!(next, "them" | "it")
                && !mentions_contact(t)
                && t.tokens
                    .iter()
                    .any(|o| matches!(o.as_str(), "fees" | "charges" | "interest" | "penalties")));
        let other = about_charges
            || NOT_CONTACT_OBJECTS.contains(&next)
            || matches!(next, "worrying" | "in" | "by" | "at" | "adding" | "applying" | "taking")
            // "stop playing 😭", "stop chatting rubbish", "mate stop I'm crying" (blind35).
            || matches!(next, "playing" | "chatting" | "lying" | "capping" | "trolling" | "joking")
            || (next == "im" && matches!(next2, "crying" | "dying" | "dead" | "weak"))
            || (next == "the" && NOT_CONTACT_OBJECTS.contains(&next2))
            || matches!(prev, "bus" | "full" | "pit" | "one")
            || (back.contains(&"not") && back.iter().any(|b| matches!(*b, "asking" | "saying" | "telling")))
            || (back.iter().any(|b| matches!(*b, "dont" | "not")) && back.contains(&"want") && next.is_empty());
        if !other {
            return false;
        }
    }
    any
}

/// Whether a revocation word is wanted not to be acted on: "I don't want to opt out", 我不退订, "No quiero
/// cancelar nada" (said about a footer the collector's message carried).
fn revocation_declined(t: &Text) -> bool {
    // "ur text says reply STOP to opt out 😂 / not doing that" (blind32).
    let footer_declined = any_phrase(t, &["reply stop", "text stop", "responda stop", "回复td", "回复t"])
        && any_phrase(
            t,
            &[
                "not doing that",
                "not gonna do that",
                "not doing it",
                "aint doing that",
                "no lo voy a hacer",
            ],
        );
    footer_declined
        || any_phrase(
            t,
            &[
                "dont want to opt out",
                "do not want to opt out",
                "not opting out",
                "dont want to unsubscribe",
                "dont want to stop",
                "no quiero cancelar",
                "no quiero darme de baja",
                "我不退订",
                "没让你们别联系",
                "没要求你们停止",
                "not asking you to cease",
                "not asking you to stop",
                "no estoy pidiendo que dejen de",
                "no me dejen en visto",
                // Calls wanted, the "stop" words denied (blind33, 34): no revocation for the model to guess either.
                "不要停止打",
                "别停止打",
                "没有说不要打",
                "没说不要打",
                "不是说不要打",
                "不退订",
                "不想退订",
                "不会拉黑",
                "不拉黑",
                "没拉黑",
            ],
        )
}

/// "alto" and "basta" revoke in Spanish, but not as adjectives ("el interés es muy alto", "no basta").
fn spanish_stop_word(t: &Text) -> Option<String> {
    let toks = &t.tokens;
    for (i, w) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| toks.get(p)).map_or("", String::as_str);
        match w.as_str() {
            "alto"
                if !matches!(
                    prev,
                    "muy" | "mas" | "demasiado" | "tan" | "es" | "son" | "esta" | "bastante" | "poco" | "el" | "lo"
                ) =>
            {
                return Some("alto".into());
            }
            "basta" if prev != "no" => return Some("basta".into()),
            // Not "Paren el autopay!!" (blind38): the debit, not contact.
            "paren" | "parenle"
                if prev != "no"
                    && !toks.iter().skip(i + 1).take(3).any(|n| {
                        matches!(
                            n.as_str(),
                            "autopay" | "cobros" | "cargos" | "debito" | "descuento" | "descuentos"
                        )
                    }) =>
            {
                return Some(w.clone());
            }
            _ => {}
        }
    }
    None
}

/// Whether a "no" word stands within four words before a contact word ("don't call after 8", "never text me at
/// work", "no me llamen al trabajo").
fn negation_near_contact(t: &Text) -> bool {
    let toks = &t.tokens;
    toks.iter().enumerate().any(|(i, w)| {
        matches!(
            w.as_str(),
            "dont" | "do" | "never" | "not" | "no" | "stop" | "nunca" | "didnt" | "wouldnt" | "shouldnt"
        ) && (w != "do" || toks.get(i + 1).is_some_and(|n| n == "not"))
            && toks
                .iter()
                .skip(i + 1)
                .take(4)
                .any(|n| CONTACT_ANY.contains(&n.as_str()) || CONTACT_VERBS.contains(&n.as_str()))
    })
}

/// Contact sent to someone else with "not me" / "not us": "contact my insolvency practitioner, not me",
/// "questions go to the trustee's office, not us", "talk to my lawyer not me".
fn redirected(t: &Text) -> bool {
    let not_me = t.has_words("not me")
        || t.has_words("not us")
        || t.has_words("not with me")
        || t.has_words("not to me")
        || t.has_words("no a mi")
        || t.has_words("no conmigo")
        || t.has_words("no con migo")
        // "I'm not discussing this with anyone but my attorney" (blind30).
        || any_phrase(t, &["with anyone but", "with anyone except", "with no one but", "with nobody but", "to anyone but"])
        // Scots "Deal wi the trustee, no me" (a Spanish "no me llamen" never ends a sentence on it).
        || (!super::text::looks_spanish(t) && t.sentences().any(|s| s.trim_end().ends_with(" no me")))
        || t.compact.contains("别找我")
        // "Please deal with my insolvency practitioner rather than writing to me."
        || any_phrase(t, &["rather than writing to me", "rather than contacting me", "instead of me", "rather than me", "rather than to me", "instead of to me"]);
    let elsewhere = any_phrase(
        t,
        &[
            "contact my",
            "go to the",
            "go to my",
            "talk to my",
            "speak to my",
            "speak with my",
            "deal with my",
            "deal with them",
            "deal with him",
            "deal with her",
            "talk to them",
            "speak to them",
            "contact them",
            // "Write to them, not me", "ring him, not me": any contact verb sent to the representative.
            "contact him",
            "contact her",
            // "i have a lawyer now. talk to him not me" (blind27).
            "talk to him",
            "talk to her",
            "speak to him",
            "speak to her",
            "speak with him",
            "speak with her",
            "call him",
            "call her",
            "ring him",
            "ring her",
            "email him",
            "email her",
            "write to them",
            "write to him",
            "write to her",
            "email them",
            "call them",
            "ring them",
            "phone them",
            "write to my",
            "send any correspondence to",
            // "send everything to him not me".
            "send everything to",
            "everything to him",
            "everything to her",
            "everything to my",
            // "Please direct any queries about this account to them rather than to me."
            "direct any queries",
            "direct all queries",
            "direct any correspondence",
            "direct any communication",
            "direct queries",
            // "Please send all correspondence to her rather than to me."
            "correspondence to",
            "questions go to",
            "hablen con mi",
            "hablen con el",
            // "Mi esposa se encarga de las cuentas. Hablen con ella, no conmigo." (blind28)
            "hablen con ella",
            "hablen con mi",
            "hablen con la",
            "comuniquense con",
            // "Por favor contacten a mi abogado, Lic. Ramírez, al 213-555-0199, no a mí" (blind34).
            "contacten a mi",
            "contacte a mi",
            // "Comuníquese con él, no conmigo" (blind29).
            "comuniquese con",
            "comunicarse con",
            "hable con el",
            "hable con ella",
            "deal with the",
            // "Le agradecería que se comunicaran con él y no conmigo."
            "comunicaran con",
            "se comuniquen con",
            "con el sindico",
            "con la sindico",
            "any contact goes through",
            // "must go to his office from now on, not to me" (blind31).
            "go to his",
            "go to her",
            "anyone but my",
            "anyone except my",
            "goes through him",
            "goes through her",
            "llamen a mi",
            "找我的律师",
        ],
    );
    // "Direct all further communication to Dana Whitfield, Esq.": everything goes elsewhere.
    let all_elsewhere = any_phrase(
        t,
        &[
            "direct all further communication",
            // "All further correspondence must be directed to this firm and not to our client."
            "must be directed to",
            "not to our client",
            "direct all communication",
            "direct all communications",
            "all further communication to",
            "all communication to",
            "all communications to",
            // "my solicitor is dealing with this now, all correspondence to her please" (blind27).
            "all correspondence to",
            "all correspondence goes to",
            "all correspondence should go to",
            "all correspondence must go to",
            "all contact goes through",
            "all contact through",
        ],
    );
    // "tienen que hablar con mi abogado", "you'll have to speak to my solicitor": an order to deal with the
    // representative instead (blind27).
    let ordered_elsewhere = t.tokens.windows(6).any(|w| {
        let must = matches!(
            (w.first().map(String::as_str), w.get(1).map(String::as_str)),
            (Some("tienen" | "tiene"), Some("que")) | (Some("have" | "need"), Some("to")) | (Some("must"), _)
        );
        let verb_at = if w.first().is_some_and(|m| m == "must") { 1 } else { 2 };
        must && w.get(verb_at).is_some_and(|v| {
            matches!(
                v.as_str(),
                "hablar" | "comunicarse" | "talk" | "speak" | "deal" | "contact" | "go"
            )
        }) && w.iter().skip(verb_at + 1).any(|r| {
            matches!(
                r.as_str(),
                "abogado" | "abogada" | "lawyer" | "attorney" | "solicitor" | "solicitors" | "representative"
            )
        })
    });
    // "Contact my attorney" alone is the attorney's effect (contact the attorney only). Said with "not me", or
    // as "direct all further communication to…", the borrower has revoked contact with themselves as well: the
    // revocation is recorded beside the attorney (labellers differ on the second; the legal floor decides).
    (not_me && elsewhere) || all_elsewhere || ordered_elsewhere
}

/// Contact sent to someone else instead of the borrower, as a third party or a representative writes it
/// (blind28): a verb of contact and "rather than to / instead / and not her / y no al / no conmigo"; "all future
/// communication … to our office", "toda la correspondencia a su hija"; "deal only with me", "comunicarse
/// únicamente con nuestra oficina"; or the contact itself told to cease ("collection calls and letters to the
/// debtor must cease"). Said of the borrower, the contact with them ends (a representative named: FDCPA
/// §805(a)(2); a debt adviser or a Breathing Space in the UK).
fn sent_elsewhere(t: &Text) -> Option<String> {
    const SEND: [&str; 30] = [
        "send",
        "address",
        "direct",
        "correspond",
        "contact",
        "write",
        "speak",
        "talk",
        "deal",
        "communicate",
        "ring",
        "call",
        "email",
        "mail",
        "forward",
        "hablen",
        "hablar",
        "manden",
        "envien",
        "mande",
        "envie",
        "comuniquense",
        "comunicarse",
        "dirijan",
        "llamen",
        "escriban",
        "communication",
        "correspondence",
        "correspondencia",
        "respuesta",
    ];
    let toks = &t.tokens;
    let sent = |from: usize, back: usize| {
        toks.get(from.saturating_sub(back)..from)
            .is_some_and(|w| w.iter().any(|x| SEND.contains(&x.as_str())))
    };
    for (i, w) in toks.iter().enumerate() {
        let next = |k: usize| toks.get(i + k).map(String::as_str);
        // "rather than to Ms. Alvarez", "rather than with Mr Hughes directly", "instead of her".
        let instead = (w == "rather" && next(1) == Some("than") && matches!(next(2), Some("to" | "with")))
            || (w == "instead" && next(1) == Some("of") && !matches!(next(2), Some("paying" | "pay" | "the")))
            // "and not her", "and not to Mr Whitfield", "y no al Sr. Medina", "y no a ella".
            || (matches!(w.as_str(), "and" | "y")
                && matches!(next(1), Some("not" | "no"))
                && matches!(
                    next(2),
                    Some("her" | "him" | "them" | "to" | "with" | "al" | "a" | "con" | "directly")
                ));
        if instead && sent(i, 12) {
            return Some("sent elsewhere".into());
        }
        // "please write to her instead": the sentence ends on "instead".
        if w == "instead"
            && next(1).is_none_or(|n| matches!(n, "please" | "pls" | "thanks" | "thank"))
            && sent(i, 6)
            && t.sentences().any(|s| s.trim_end().ends_with("instead"))
        {
            return Some("sent elsewhere".into());
        }
        // "deal only with me", "only with our office", "comunicarse unicamente con nuestra oficina".
        if matches!(w.as_str(), "only" | "unicamente" | "solamente")
            && matches!(next(1), Some("with" | "con"))
            && (sent(i, 3) || sent(i + 2, 0))
        {
            return Some("only with".into());
        }
        // "send all future communication regarding this account to our office", "address all correspondence
        // about his account to me", "manden toda la correspondencia a su hija".
        if matches!(w.as_str(), "all" | "toda" | "todas")
            && toks.iter().skip(i + 1).take(3).any(|n| {
                matches!(
                    n.as_str(),
                    "communication"
                        | "communications"
                        | "correspondence"
                        | "correspondencia"
                        | "comunicacion"
                        | "letters"
                        | "cartas"
                        | "contact"
                )
            })
            && sent(i, 3)
            && toks
                .iter()
                .skip(i + 2)
                .take(10)
                .any(|n| matches!(n.as_str(), "to" | "a" | "with" | "con" | "through" | "via"))
            // "direct all further correspondence to my attorney" is the attorney's own effect (the sets label it so).
            && !toks.iter().skip(i + 2).take(10).any(|n| {
                matches!(n.as_str(), "attorney" | "lawyer" | "solicitor" | "solicitors" | "abogado" | "abogada")
            })
        {
            return Some("all elsewhere".into());
        }
        // "I've gone to StepChange … Please deal with them from now on" (blind30): contact sent to a third person
        // for good.
        if matches!(
            w.as_str(),
            "deal" | "speak" | "talk" | "correspond" | "communicate" | "contact" | "write"
        ) && matches!(next(1), Some("with" | "to"))
            && matches!(next(2), Some("them" | "him" | "her" | "my" | "our" | "their" | "the"))
        {
            let ahead: Vec<&str> = toks.iter().skip(i + 3).take(6).map(String::as_str).collect();
            let for_good = ahead
                .windows(3)
                .any(|x| x == ["from", "now", "on"] || x == ["from", "here", "on"])
                || ahead
                    .windows(2)
                    .any(|x| x == ["going", "forward"] || x == ["in", "future"]);
            // (A solicitor's "please deal with her from now on" is the attorney's own effect: the sets label it so.)
            let lawyer = any_phrase(
                t,
                &[
                    "solicitor",
                    "solicitors",
                    "attorney",
                    "lawyer",
                    "abogado",
                    "abogada",
                    "律师",
                ],
            );
            if for_good && !lawyer {
                return Some("elsewhere from now on".into());
            }
        }
        // "calls and letters to the debtor must cease", "any direct contact with the bankrupt should cease".
        if w == "cease"
            && toks.get(i.saturating_sub(12)..i).is_some_and(|b| {
                b.iter().any(|x| {
                    matches!(
                        x.as_str(),
                        "calls" | "letters" | "contact" | "communication" | "communications" | "collection"
                    )
                })
            })
        {
            return Some("contact to cease".into());
        }
    }
    None
}

/// The one channel the borrower keeps when they say "only by post / only email me" (every other channel is
/// revoked); `None` when they keep none, name their lawyer (the attorney effect covers that) or say nothing
/// of the kind.
pub fn kept_channel(t: &Text) -> Option<Channel> {
    let cue = only_channel(t)?;
    let word = cue.rsplit(' ').next().unwrap_or("");
    match word {
        "mail" | "post" | "letter" | "letters" | "writing" | "carta" | "escrito" => Some(Channel::Letter),
        // "por correo" alone is post in US Spanish; "correo electronico" is e-mail.
        "correo" if t.has_words("correo electronico") => Some(Channel::Email),
        "correo" => Some(Channel::Letter),
        "email" | "emails" | "e" => Some(Channel::Email),
        "text" | "texts" | "mensaje" | "mensajes" => Some(Channel::Sms),
        _ => None,
    }
}

/// "only … by / via / through / por <channel>": every other channel is revoked.
fn only_channel(t: &Text) -> Option<String> {
    let toks = &t.tokens;
    // "I'd rather you didn't phone, letters please", "email only": the channel named, then please / only.
    // "Please email me only", "text me only".
    for w3 in toks.windows(3) {
        if let [c, me, only] = w3
            && matches!(c.as_str(), "email" | "text" | "write" | "mail")
            && matches!(me.as_str(), "me" | "us")
            && only == "only"
        {
            return Some(format!("only by {c}"));
        }
    }
    for pair in toks.windows(2) {
        if let [w, n] = pair
            && matches!(
                w.as_str(),
                "letters" | "letter" | "post" | "mail" | "email" | "emails" | "writing"
            )
            && matches!(n.as_str(), "please" | "only" | "pls")
        {
            return Some(format!("only by {w}"));
        }
    }
    for (i, w) in toks.iter().enumerate() {
        // "only by post", "I'd prefer all further correspondence by post", "este numero es solo para mi
        // familia, comuniquense por correo".
        if !matches!(
            w.as_str(),
            "only" | "solo" | "solamente" | "unicamente" | "nomas" | "prefer" | "rather"
        ) {
            continue;
        }
        let next: Vec<&str> = toks.iter().skip(i + 1).take(8).map(String::as_str).collect();
        // "please only write to me", "solo escribanme": post is the one channel left.
        if matches!(w.as_str(), "only" | "solo" | "solamente")
            && next
                .first()
                .is_some_and(|n| matches!(*n, "write" | "escribanme" | "escribame"))
        {
            return Some(format!("{w} by writing"));
        }
        // "Todo por escrito a su oficina": everything in writing, to the representative.
        if w == "solo" && next.first().is_some_and(|n| *n == "por") && next.get(1).is_some_and(|n| *n == "escrito") {
            return Some("solo por escrito".into());
        }
        // "please only send letters", "only use email": the channel right after the verb.
        if matches!(w.as_str(), "only" | "solo" | "solamente")
            && next
                .first()
                .is_some_and(|n| matches!(*n, "send" | "use" | "mail" | "manden" | "usen"))
            && let Some(channel) = next.get(1..3).and_then(|rest| {
                rest.iter().find(|c| {
                    matches!(
                        **c,
                        "letters" | "letter" | "mail" | "post" | "email" | "emails" | "texts" | "cartas" | "correo"
                    )
                })
            })
        {
            return Some(format!("{w} {channel}"));
        }
        let via = next
            .iter()
            .position(|n| matches!(*n, "by" | "via" | "through" | "thru" | "por" | "in"));
        if let Some(v) = via
            && let Some(channel) = next.get(v + 1..).and_then(|rest| {
                rest.iter().find(|c| {
                    matches!(
                        **c,
                        "mail"
                            | "post"
                            | "letter"
                            | "email"
                            | "e"
                            | "text"
                            | "texts"
                            | "writing"
                            | "correo"
                            | "carta"
                            | "escrito"
                            | "mensaje"
                            | "mensajes"
                            | "lawyer"
                            | "attorney"
                            | "abogado"
                    )
                })
            })
        {
            return Some(format!("{w} by {channel}"));
        }
    }
    None
}
