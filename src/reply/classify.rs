//! What a reply says: cue phrases per intent in English and Chinese, with the rules that make them
//! precise (negations, "stop" only about contact, a promise needs a date or an amount). Every intent found
//! names the cues that fired, so a collector can see why.
//!
//! `stop_contact` is tuned for recall: a missed revocation is a legal violation (TCPA; the FCC's 2024 order
//! lists stop, quit, end, revoke, opt out, cancel and unsubscribe as words that revoke consent), so a bare
//! keyword reply always counts, and the Chinese 退订 / TD / 不要再联系 family does too.

use super::Intent;
use super::text::{Text, one_typo};
use serde::Serialize;

/// One intent found, with its confidence (per mille) and the cues behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// The intent.
    pub intent: Intent,
    /// 0–1000.
    pub confidence: u32,
    /// The cue phrases that fired.
    pub cues: Vec<String>,
}

/// A cue: a phrase and how sure it makes us (per mille).
type Cue = (&'static str, u32);

/// Words that, alone or with polite filler, revoke consent.
const STOP_WORDS: [&str; 10] = [
    "stop",
    "stahp",
    "stopp",
    "quit",
    "end",
    "revoke",
    "optout",
    "cancel",
    "unsubscribe",
    "stopall",
];
const STOP_FILLER: [&str; 30] = [
    "please", "pls", "plz", "now", "all", "me", "it", "i", "said", "told", "you", "to", "already", "just", "ok",
    "okay", "the", "thanks", "thx", "texts", "text", "messages", "calls", "emails", "sms", "this", "these", "yes",
    "opt", "out",
];
/// "stop" followed (within three words) by one of these is about contact.
const CONTACT_OBJECTS: [&str; 24] = [
    "texting",
    "text",
    "texts",
    "calling",
    "call",
    "calls",
    "messaging",
    "message",
    "messages",
    "contacting",
    "contact",
    "emailing",
    "email",
    "emails",
    "sending",
    "harassing",
    "bugging",
    "bothering",
    "me",
    "ringing",
    "phoning",
    "spamming",
    "writing",
    "letters",
];

const STOP_EN: &[Cue] = &[
    ("dont contact", 980),
    ("do not contact", 980),
    ("dont call", 950),
    ("do not call", 950),
    ("dont text", 980),
    ("do not text", 980),
    ("dont message", 980),
    ("dont email", 980),
    ("do not email", 980),
    ("never contact", 950),
    ("leave me alone", 950),
    ("take me off", 950),
    ("remove me", 950),
    ("remove my number", 980),
    ("no more texts", 980),
    ("no more calls", 980),
    ("no more messages", 980),
    ("no more emails", 980),
    ("unsubscribe", 980),
    ("opt out", 980),
    ("optout", 980),
    ("revoke", 950),
    ("stop harassing", 980),
    ("end these messages", 980),
    ("end these texts", 980),
    ("cease contact", 980),
    ("cease and desist", 980),
    ("lose my number", 950),
    ("delete my number", 950),
    ("instead of calling", 900),
    ("my lawyer", 900),
    ("my attorney", 900),
    ("lawyer", 850),
    ("attorney", 850),
    ("go away", 900),
    ("no contact", 950),
    ("harassment", 900),
];
const STOP_ZH: &[Cue] = &[
    ("退订", 990),
    ("回t", 950),
    ("td", 950),
    ("不要再联系", 990),
    ("别再联系", 990),
    ("不要联系我", 990),
    ("别联系我", 990),
    ("以后别联系", 990),
    ("停止联系", 990),
    ("停止发送", 990),
    ("别再打", 980),
    ("不要再打", 980),
    ("别打了", 980),
    ("不要打了", 980),
    ("别再发", 980),
    ("不要再发", 980),
    ("别发了", 980),
    ("不要发了", 980),
    ("拉黑", 950),
    ("骚扰", 900),
    ("取消订阅", 990),
    ("勿扰", 950),
    ("请勿再来电", 990),
    ("拒收", 950),
    ("报警", 900),
    ("律师", 900),
    ("打扰", 900),
    ("不要再给我打", 990),
    ("别给我打", 980),
    ("不要给我打", 980),
];

const PROMISE_EN: &[Cue] = &[
    ("will pay", 900),
    ("ill pay", 900),
    ("wil pay", 850),
    ("i can pay", 850),
    ("can pay", 800),
    ("can i pay", 800),
    ("going to pay", 900),
    ("gonna pay", 900),
    ("will send", 850),
    ("ill send", 850),
    ("will transfer", 850),
    ("ill transfer", 850),
    ("will make a payment", 900),
    ("can make a payment", 850),
    ("make a payment of", 800),
    ("going to make a payment", 900),
    ("will settle", 850),
    ("ill settle", 850),
    ("will do the payment", 850),
    ("will be sent", 800),
    ("able to pay", 800),
    ("paying", 750),
    ("pay u", 750),
    ("pay you", 750),
    ("expect", 700),
    ("promise", 850),
    ("ill have the money", 900),
    ("will have the money", 900),
    ("ill have it", 850),
    ("i can do", 800),
    ("get you the money", 900),
    ("i can send", 850),
    ("try to pay", 750),
];
const PROMISE_ZH: &[Cue] = &[
    ("会还", 900),
    ("一定还", 950),
    ("保证", 900),
    ("就还", 900),
    ("先还", 850),
    ("能还", 800),
    ("可以还", 800),
    ("马上还", 900),
    ("尽快还", 850),
    ("还款", 800),
    ("还清", 850),
    ("还上", 850),
    ("转账", 800),
    ("打款", 800),
    ("转", 750),
    ("还", 750),
];
/// These deny a promise ("can't pay", "还不上").
const NOT_PROMISE: &[&str] = &[
    "cant pay",
    "cannot pay",
    "can not pay",
    "wont pay",
    "not going to pay",
    "unable to pay",
    "when i feel like",
    "when i can",
    "not paying",
    "还不上",
    "还不起",
    "还不了",
    "没钱还",
    "不还",
    "没法还",
    "没办法还",
    "有钱再还",
];

const PAID_EN: &[Cue] = &[
    ("already paid", 980),
    ("i paid", 950),
    ("i payed", 900),
    ("paid it", 900),
    ("have paid", 950),
    ("payment was made", 950),
    ("made the payment", 950),
    ("sent the", 800),
    ("sent you", 850),
    ("i sent", 900),
    ("via zelle", 850),
    ("via venmo", 850),
    ("via paypal", 850),
    ("paid in full", 950),
    ("was transferred", 950),
    ("transferred", 850),
    ("check is in the mail", 900),
    ("get my payment", 900),
    ("paid", 750),
];
const PAID_ZH: &[Cue] = &[
    ("已经还", 980),
    ("已还", 980),
    ("还过了", 980),
    ("还了", 900),
    ("已转", 950),
    ("转过去了", 950),
    ("转过了", 950),
    ("已付", 950),
    ("付过了", 980),
    ("已经付", 980),
    ("打过去了", 950),
    ("已结清", 980),
    ("还清了", 950),
];

const HARDSHIP_EN: &[Cue] = &[
    ("lost my job", 980),
    ("lost job", 950),
    ("laid off", 980),
    ("unemployed", 950),
    ("out of work", 950),
    ("no work", 850),
    ("hospital", 900),
    ("sick", 850),
    ("illness", 900),
    ("cancer", 950),
    ("surgery", 900),
    ("medical", 850),
    ("divorce", 900),
    ("passed away", 980),
    ("died", 900),
    ("funeral", 900),
    ("cant afford", 950),
    ("cannot afford", 950),
    ("struggling", 900),
    ("hard time", 850),
    ("difficult time", 850),
    ("no income", 950),
    ("no money", 900),
    ("broke", 850),
    ("disability", 900),
    ("hours got cut", 900),
    ("hours cut", 900),
    ("pay cut", 900),
    ("behind on", 800),
    ("barely", 800),
    ("cant pay", 850),
    ("cannot pay", 850),
    ("unable to pay", 850),
    ("find work", 800),
    ("wiped me out", 850),
    ("hospice", 950),
    ("chemo", 950),
    ("chemotherapy", 950),
    ("in treatment", 850),
    ("furloughed", 950),
    ("furlough", 950),
    ("cant deal", 800),
    ("deceased", 950),
    ("bereavement", 950),
    ("lost my", 800),
    ("evicted", 950),
    ("homeless", 950),
    ("disabled", 900),
    ("fixed income", 900),
    ("on benefits", 900),
    ("deployed", 900),
    ("military", 850),
];
const HARDSHIP_ZH: &[Cue] = &[
    ("失业", 980),
    ("下岗", 950),
    ("被裁", 980),
    ("裁员", 950),
    ("没工作", 950),
    ("没有工作", 950),
    ("住院", 950),
    ("生病", 950),
    ("病了", 900),
    ("手术", 900),
    ("医药费", 900),
    ("看病", 900),
    ("去世", 980),
    ("过世", 980),
    ("手头紧", 900),
    ("手头很紧", 900),
    ("困难", 900),
    ("还不上", 900),
    ("还不起", 900),
    ("还不了", 850),
    ("没钱", 900),
    ("没有钱", 900),
    ("没有收入", 950),
    ("没收入", 950),
    ("拖欠", 850),
    ("欠薪", 900),
    ("没能力", 900),
    ("生意失败", 950),
    ("疫情", 850),
    ("离婚", 900),
    ("降薪", 900),
    ("一分钱都没有", 950),
    ("没办法还", 900),
    ("钱不够", 850),
    ("已去世", 980),
    ("家里出事", 900),
    ("残疾", 950),
];

const DISPUTE_EN: &[Cue] = &[
    ("not my debt", 980),
    ("dont owe", 950),
    ("do not owe", 950),
    ("never borrowed", 980),
    ("never took", 950),
    ("amount is wrong", 950),
    ("wrong amount", 950),
    ("charged twice", 950),
    ("double charged", 950),
    ("dispute", 980),
    ("fraud", 950),
    ("in my name", 900),
    ("identity theft", 980),
    ("incorrect", 900),
    ("mistake", 850),
    ("an error", 850),
    ("verify this debt", 950),
    ("validate this debt", 950),
    ("prove it", 850),
    ("send me proof", 900),
    ("overcharging", 900),
    ("overcharged", 900),
    ("only borrowed", 850),
    ("statute of limitations", 950),
    ("time barred", 950),
    ("not mine", 950),
    ("bankruptcy", 900),
    ("discharged", 900),
    ("complaint", 850),
    ("complain", 850),
    ("cfpb", 900),
    ("never got a bill", 950),
    ("never received a bill", 950),
];
const DISPUTE_ZH: &[Cue] = &[
    ("不是我借的", 980),
    ("我没借", 950),
    ("没借过", 980),
    ("从来没在", 900),
    ("金额不对", 950),
    ("不对", 800),
    ("有误", 900),
    ("搞错", 850),
    ("弄错", 850),
    ("算错", 900),
    ("多扣", 950),
    ("重复扣", 950),
    ("乱收费", 950),
    ("不合理", 850),
    ("有异议", 980),
    ("异议", 950),
    ("盗用", 950),
    ("冒用", 950),
    ("不是我办的", 980),
    ("系统有问题", 900),
    ("金额有问题", 950),
    ("投诉", 850),
    ("不认", 900),
    ("破产", 900),
];

const WRONG_EN: &[Cue] = &[
    ("wrong number", 980),
    ("wrong person", 980),
    ("wrong #", 950),
    ("dont know anyone named", 980),
    ("no one by that name", 980),
    ("nobody by that name", 980),
    ("not the person", 950),
    ("doesnt live here", 980),
    ("this isnt", 850),
    ("not me", 850),
    ("got this number", 900),
    ("new number", 850),
];
const WRONG_ZH: &[Cue] = &[
    ("打错了", 980),
    ("打错电话", 980),
    ("错号", 950),
    ("不是我", 850),
    ("发错了", 950),
    ("发错人", 980),
    ("找错人", 980),
    ("不是本人", 980),
    ("我不是", 900),
    ("不认识", 900),
    ("没有这个人", 980),
    ("新办的", 850),
];

const CALLBACK_EN: &[Cue] = &[
    ("call me", 900),
    ("call back", 900),
    ("give me a call", 950),
    ("ring me", 900),
    ("phone me", 900),
    ("speak to someone", 900),
    ("talk to someone", 900),
    ("speak with someone", 900),
    ("real person", 900),
    ("someone call", 900),
    ("agent call", 900),
    ("call me back", 950),
    ("call my", 850),
];
const CALLBACK_ZH: &[Cue] = &[
    ("回个电话", 950),
    ("回电", 900),
    ("打给我", 900),
    ("给我打电话", 900),
    ("打电话", 850),
    ("电话联系我", 950),
    ("联系我一下", 900),
    ("人工", 900),
    ("通话", 850),
];

const BALANCE_EN: &[Cue] = &[
    ("how much", 900),
    ("what do i owe", 950),
    ("owe you exactly", 900),
    ("balance", 800),
    ("amount due", 800),
    ("payoff", 900),
    ("pay off", 800),
    ("total amount", 800),
    ("statement", 900),
    ("how much left", 950),
];
const BALANCE_ZH: &[Cue] = &[
    ("欠多少", 950),
    ("欠你们多少", 950),
    ("欠你多少", 950),
    ("多少", 850),
    ("还多少", 950),
    ("多少钱", 900),
    ("余额", 900),
    ("金额是多少", 950),
    ("还剩多少", 950),
    ("需要多少", 900),
    ("应还金额", 900),
    ("明细", 900),
    ("账单", 850),
    ("一共", 800),
];

const HOW_EN: &[Cue] = &[
    ("how do i pay", 980),
    ("how can i pay", 980),
    ("how to pay", 980),
    ("where can i", 900),
    ("where do i pay", 980),
    ("pay by card", 900),
    ("payment link", 900),
    ("bank details", 900),
    ("pay online", 900),
    ("an app", 850),
    ("account number", 800),
    ("website", 900),
    ("where to pay", 980),
    ("link to pay", 950),
    ("pay by phone", 900),
];
const HOW_ZH: &[Cue] = &[
    ("怎么还", 980),
    ("如何还", 980),
    ("怎么付", 950),
    ("在哪里还", 980),
    ("在哪还", 980),
    ("支付宝", 900),
    ("微信", 850),
    ("还款账号", 950),
    ("链接", 850),
    ("银行卡", 850),
    ("还款方式", 950),
];

const OPTIONS_EN: &[Cue] = &[
    ("payment plan", 950),
    ("installments", 950),
    ("installment", 950),
    ("instalments", 950),
    ("extension", 900),
    ("more time", 900),
    ("options", 850),
    ("settlement", 900),
    ("settle for less", 950),
    ("smaller amount", 900),
    ("lowering", 850),
    ("lower payment", 900),
    ("defer", 900),
    ("postpone", 900),
    ("split", 800),
    ("partial payment", 900),
    ("arrangement", 850),
    ("pay less", 900),
    ("lump sum", 900),
    ("settle in full", 900),
    ("pay it all off", 900),
    ("settle for", 900),
    ("waive", 900),
    ("lower the interest", 900),
];
const OPTIONS_ZH: &[Cue] = &[
    ("分期", 950),
    ("延期", 950),
    ("宽限", 950),
    ("减免", 950),
    ("协商", 950),
    ("停息挂账", 980),
    ("方案", 850),
    ("展期", 950),
    ("只还本金", 950),
    ("少还", 900),
    ("先还一部分", 850),
    ("一次性结清", 900),
    ("晚几天", 900),
    ("缓几天", 900),
    ("宽限几天", 950),
    ("少收", 900),
    ("利息", 800),
];

const ABUSE_EN: &[Cue] = &[
    ("fuck", 980),
    ("f***", 980),
    ("f**k", 980),
    ("f*ck", 980),
    ("fck", 950),
    ("shit", 900),
    ("scum", 950),
    ("bitch", 980),
    ("asshole", 980),
    ("assholes", 980),
    ("a**hole", 980),
    ("a**holes", 980),
    ("bastard", 950),
    ("bastards", 950),
    ("idiot", 900),
    ("idiots", 900),
    ("stupid", 850),
    ("moron", 900),
    ("screw you", 950),
    ("go to hell", 950),
    ("leeches", 900),
    ("bloodsucking", 900),
    ("bloodsuckers", 900),
    ("vultures", 900),
    ("shut up", 850),
];
const ABUSE_ZH: &[Cue] = &[
    ("滚", 900),
    ("傻逼", 980),
    ("煞笔", 980),
    ("sb", 900),
    ("神经病", 950),
    ("去死", 980),
    ("你妈", 950),
    ("他妈", 950),
    ("妈的", 950),
    ("骗子", 900),
    ("王八蛋", 980),
    ("混蛋", 950),
    ("畜生", 980),
    ("吸血鬼", 950),
    ("垃圾", 850),
    ("操你", 980),
    ("尼玛", 950),
];

/// Hardship cues that only say "not now".
const GENERIC_HARDSHIP: [&str; 6] = ["还不了", "还不上", "cant pay", "cannot pay", "unable to pay", "钱不够"];

/// Cue and the longer phrase in which it means something else.
const BLOCKERS: [(&str, &str); 11] = [
    ("不认", "不认识"),
    ("不是我", "不是我借"),
    ("不是我", "不是我办"),
    ("怎么还", "怎么还在"),
    ("怎么还", "怎么还要"),
    ("怎么还", "怎么还是"),
    ("怎么还", "怎么还有"),
    ("怎么还", "怎么还不"),
    ("怎么还", "怎么还催"),
    ("多少", "多少次"),
    ("多少", "多少遍"),
];

/// Matches English cues (whole words, a typo tolerated in single long words) and Chinese cues.
fn hits(t: &Text, en: &[Cue], zh: &[Cue]) -> (u32, Vec<String>) {
    let mut best = 0;
    let mut cues = Vec::new();
    for &(cue, w) in en {
        let starred = cue.contains('*') || cue.contains('#');
        let exact = if starred {
            t.lower.contains(cue)
        } else {
            t.has_words(cue)
        };
        let fuzzy = !exact
            && !cue.contains(' ')
            && cue.chars().count() >= 7
            && t.tokens
                .iter()
                .any(|tok| tok.chars().count() >= 6 && one_typo(tok, cue));
        if exact || fuzzy {
            best = best.max(if exact { w } else { w.saturating_sub(100) });
            cues.push(cue.to_string());
        }
    }
    for &(cue, w) in zh {
        // 怎么还在催 is a complaint, not "how do I pay".
        let blocked = BLOCKERS.iter().any(|(c, b)| *c == cue && t.compact.contains(b));
        if t.has_compact(cue) && !blocked {
            best = best.max(w);
            cues.push(cue.to_string());
        }
    }
    (best, cues)
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

/// Objects that make "stop" about something other than contact ("stop the late fees").
const NOT_CONTACT_OBJECTS: [&str; 14] = [
    "fees",
    "fee",
    "interest",
    "charges",
    "charging",
    "penalty",
    "penalties",
    "payment",
    "payments",
    "autopay",
    "debit",
    "debits",
    "late",
    "accruing",
];

/// A revocation word used about contact: "stop" / "quit" / "unsubscribe" anywhere unless it is about fees
/// or interest ("stop the late fees"); "end", "cancel", "halt" and "no more" only with a contact word within
/// three words ("cancel all calls", "no more contact"); "don't / never" + a contact verb ("don't ever call").
fn stop_about_contact(t: &Text) -> Option<String> {
    let toks = &t.tokens;
    for (i, w) in toks.iter().enumerate() {
        let next: Vec<&str> = toks.iter().skip(i + 1).take(3).map(String::as_str).collect();
        let contact = next.iter().find(|n| CONTACT_OBJECTS.contains(n) || **n == "contact");
        let other = next.iter().any(|n| NOT_CONTACT_OBJECTS.contains(n));
        match w.as_str() {
            "stop" | "stahp" | "stopp" | "quit" | "unsubscribe" if contact.is_some() || !other => {
                return Some(format!("{w}{}", contact.map(|c| format!(" {c}")).unwrap_or_default()));
            }
            "end" | "cancel" | "halt" | "more" => {
                if let Some(c) = contact
                    && (w != "more" || (i > 0 && toks[i - 1] == "no"))
                {
                    return Some(format!("{w} {c}"));
                }
            }
            "dont" | "never" | "not" => {
                let verbs = [
                    "contact", "call", "text", "message", "email", "write", "bother", "reach", "ring", "phone",
                ];
                if let Some(v) = next.iter().take(2).find(|n| verbs.contains(n)) {
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
        for lead in ["别再", "不要再", "不许再", "不准再", "别", "不要"] {
            if rest.starts_with(lead) {
                let after: Vec<char> = rest.chars().skip(lead.chars().count()).take(4).collect();
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

/// `分` followed by a count and `期` (分6期, 分十二期).
fn split_into_periods(t: &Text) -> bool {
    let c: Vec<char> = t.compact.chars().collect();
    c.iter().enumerate().any(|(i, &ch)| {
        ch == '分' && {
            let n = c[i + 1..]
                .iter()
                .take_while(|x| x.is_ascii_digit() || "一二两三四五六七八九十".contains(**x))
                .count();
            n > 0 && c.get(i + 1 + n) == Some(&'期')
        }
    })
}

/// Whether the reply says it cannot or will not pay ("can't pay", 还不了).
pub fn denies(t: &Text) -> bool {
    NOT_PROMISE.iter().any(|n| {
        if n.is_ascii() {
            t.has_words(n)
        } else {
            t.compact.contains(n)
        }
    })
}

/// Every intent the reply expresses, in the enum's order; `Other` when none.
pub fn classify(t: &Text, has_amount: bool, has_date: bool, has_later_date: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut add = |intent: Intent, (confidence, cues): (u32, Vec<String>)| {
        if confidence > 0 {
            out.push(Found {
                intent,
                confidence,
                cues,
            });
        }
    };

    // Stop contact: bare keywords, "stop … texting", or a phrase.
    let mut stop = hits(t, STOP_EN, STOP_ZH);
    if bare_revocation(t) {
        stop.0 = 990;
        stop.1.push("revocation keyword".into());
    }
    if let Some(cue) = stop_about_contact(t).or_else(|| stop_about_contact_zh(t)) {
        stop.0 = stop.0.max(950);
        stop.1.push(cue);
    }
    // A lone "T" (the Chinese carriers' unsubscribe reply), 退, 取消 or 停止 revokes too.
    let bare = t
        .compact
        .trim_matches(|c: char| c.is_ascii_punctuation() || "！。，".contains(c));
    if matches!(bare, "t" | "退" | "n" | "取消" | "停止" | "不要了" | "退订") {
        stop = (950, vec![bare.to_string()]);
    }
    let stopping = stop.0 > 0;

    let paid = hits(t, PAID_EN, PAID_ZH);
    let mut promise = hits(t, PROMISE_EN, PROMISE_ZH);
    let denied = denies(t);
    // A promise names when or how much, or says it firmly ("I'll pay", 会还); past payment and refusals are not
    // promises.
    // "Can't today, tomorrow then" (今天还不了，明天吧) is a promise for tomorrow.
    let denied = denied && !has_later_date;
    if denied || !(has_date || has_amount || promise.0 >= 900) || (paid.0 > 0 && !has_date) {
        promise = (0, Vec::new());
    }
    if paid.0 > 0 && promise.0 > 0 && paid.0 >= 950 {
        promise = (0, Vec::new());
    }
    if promise.0 > 0 && has_date && has_amount {
        promise.0 = (promise.0 + 50).min(990);
    }
    let paid = if promise.0 > 0 && paid.0 < 950 {
        (0, Vec::new())
    } else {
        paid
    };

    let mut callback = hits(t, CALLBACK_EN, CALLBACK_ZH);
    if stopping {
        callback = (0, Vec::new());
    }
    let mut balance = hits(t, BALANCE_EN, BALANCE_ZH);
    if balance.0 > 0 && balance.0 < 900 && !t.is_question() {
        balance = (0, Vec::new());
    }
    let mut options = hits(t, OPTIONS_EN, OPTIONS_ZH);
    // 分6期 / 分十二期: instalments by count.
    if options.0 == 0 && split_into_periods(t) {
        options = (900, vec!["分…期".into()]);
    }
    if options.0 > 0 && options.0 < 900 && !t.is_question() {
        options = (0, Vec::new());
    }
    let how = hits(t, HOW_EN, HOW_ZH);

    // "Can't pay today" next to a dated promise is timing, not hardship.
    let mut hardship = hits(t, HARDSHIP_EN, HARDSHIP_ZH);
    if promise.0 > 0 && has_later_date && hardship.1.iter().all(|c| GENERIC_HARDSHIP.contains(&c.as_str())) {
        hardship = (0, Vec::new());
    }
    add(Intent::PromiseToPay, promise);
    add(Intent::AlreadyPaid, paid);
    add(Intent::Hardship, hardship);
    add(Intent::Dispute, hits(t, DISPUTE_EN, DISPUTE_ZH));
    add(Intent::WrongPerson, hits(t, WRONG_EN, WRONG_ZH));
    add(Intent::StopContact, stop);
    add(Intent::CallbackRequest, callback);
    add(Intent::QuestionBalance, balance);
    add(Intent::QuestionHowToPay, how);
    add(Intent::QuestionOptions, options);
    add(Intent::Abusive, hits(t, ABUSE_EN, ABUSE_ZH));
    if out.is_empty() {
        out.push(Found {
            intent: Intent::Other,
            confidence: 500,
            cues: Vec::new(),
        });
    }
    out
}

/// Sentiment from −100 (hostile) to 100 (warm): polite and grateful words against angry ones, emoji
/// included; sarcasm ("great, another reminder 🙄", 呵呵) turns the warm words cold.
pub fn sentiment(t: &Text, found: &[Found]) -> i32 {
    const WARM: [&str; 22] = [
        "thanks",
        "thank",
        "thx",
        "appreciate",
        "sorry",
        "please",
        "ok",
        "sure",
        "great",
        "happy",
        "wonderful",
        "🙏",
        "😊",
        "👍",
        "👌",
        "谢谢",
        "感谢",
        "好的",
        "不好意思",
        "抱歉",
        "麻烦",
        "快乐",
    ];
    const COLD: [&str; 21] = [
        "angry",
        "annoying",
        "ridiculous",
        "harass",
        "harassing",
        "hate",
        "sick of",
        "tired of",
        "unacceptable",
        "😡",
        "🤬",
        "😠",
        "😤",
        "😭",
        "😞",
        "🙄",
        "烦",
        "气死",
        "服了",
        "无语",
        "恶心",
    ];
    const SARCASM: [&str; 9] = [
        "🙄",
        "yeah right",
        "oh wonderful",
        "oh great",
        "just what i needed",
        "thanks for nothing",
        "呵呵",
        "真行",
        "可真",
    ];
    let has = |w: &str| {
        if w.is_ascii() {
            t.has_words(w)
        } else {
            t.lower.contains(w)
        }
    };
    let warm = i32::try_from(WARM.iter().filter(|w| has(w)).count()).unwrap_or(0);
    let cold = i32::try_from(COLD.iter().filter(|w| has(w)).count()).unwrap_or(0);
    let sarcastic = SARCASM.iter().any(|w| has(w));
    let abusive = found.iter().any(|f| f.intent == Intent::Abusive);
    let shouting = t.lower.matches('!').count() >= 3;
    let mut score = if sarcastic {
        -20 * (warm + cold) - 30
    } else {
        25 * warm - 30 * cold
    };
    if abusive {
        score -= 60;
    }
    if shouting {
        score -= 20;
    }
    if found.iter().any(|f| f.intent == Intent::Hardship) {
        score -= 10;
    }
    score.clamp(-100, 100)
}

/// Whether the reply asks who is writing ("who is this", 你们是谁): the assistant answers with the
/// lender's name and contact.
pub fn asks_identity(t: &Text) -> bool {
    [
        "who is this",
        "who are you",
        "whos this",
        "is this a scam",
        "what company",
    ]
    .iter()
    .any(|c| t.has_words(c))
        || ["你们是谁", "你是谁", "哪位", "什么公司", "哪个公司", "诈骗吧"]
            .iter()
            .any(|c| t.compact.contains(c))
}
