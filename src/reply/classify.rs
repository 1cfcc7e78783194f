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
    ("enough already", 900),
    ("enough with", 900),
    ("blocking this number", 950),
    ("block this number", 950),
    ("im blocking", 900),
    ("cease all", 980),
    ("cease communication", 980),
    ("cease all communication", 990),
    ("dont want any more", 950),
    ("dont want to hear from", 950),
    ("do not want to receive", 950),
    ("dont want to receive", 950),
    ("no longer wish", 950),
    ("no longer want", 950),
    ("quit calling", 980),
    ("quit texting", 980),
    ("knock it off", 900),
    ("enough with the", 900),
    ("leave me be", 950),
    ("take my number off", 980),
    ("take this number off", 980),
    ("never text", 950),
    ("never call", 950),
    ("unsub", 950),
    ("stop it", 900),
    ("block your number", 950),
    ("blocking your number", 950),
    ("blocking you", 900),
    ("sick of your", 900),
    ("tired of your", 900),
    ("sick of these", 900),
    ("tired of these", 900),
    ("stop bothering", 980),
    ("stop pestering", 980),
    ("quit bugging", 980),
    ("dont use this number", 950),
    ("use email instead", 900),
    ("write to me instead", 900),
    ("stop sending", 980),
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
    ("go away", 900),
    ("no contact", 950),
    ("harassment", 900),
];
const STOP_ZH: &[Cue] = &[
    ("别烦", 950),
    ("受够了", 900),
    ("别骚扰", 990),
    ("不要骚扰", 990),
    ("屏蔽", 950),
    ("别再来", 950),
    ("不想再收到", 990),
    ("不想接", 900),
    ("不要再来", 950),
    ("以后不要", 900),
    ("别来电", 990),
    ("不要来电", 990),
    ("不要再发", 990),
    ("不用再发", 990),
    ("不用再打", 990),
    ("别催了", 950),
    ("不要催了", 950),
    ("别再催", 950),
    ("不要再催", 950),
    ("取消短信", 990),
    ("关闭短信", 990),
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
    ("打扰", 900),
    ("不要再给我打", 990),
    ("别给我打", 980),
    ("不要给我打", 980),
];

const PROMISE_EN: &[Cue] = &[
    ("ill make a", 900),
    ("can swing", 850),
    ("i can swing", 850),
    ("ill have", 850),
    ("knock out", 800),
    ("should be able to", 800),
    ("be able to send", 800),
    ("ill sort it", 850),
    ("sort it out", 800),
    ("ill settle up", 900),
    ("ill clear", 850),
    ("ill have it paid", 900),
    ("ill get it paid", 900),
    ("ill get it sorted", 850),
    ("ill cover", 850),
    ("ill put", 800),
    ("ill get you", 850),
    ("you will have it", 850),
    ("youll have it", 850),
    ("youll get it", 850),
    ("you will get it", 850),
    ("ill make the payment", 900),
    ("ill make a payment", 900),
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
    "cant make",
    "cannot make",
    "can not make",
    "wont be able",
    "not be able to pay",
    "no puedo pagar",
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
    ("sent", 800),
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
    ("结清了", 950),
    ("早就结清", 980),
    ("早还清", 980),
    ("还清了", 950),
];

const HARDSHIP_EN: &[Cue] = &[
    ("skint", 900),
    ("brassic", 900),
    ("strapped", 850),
    ("tight on money", 900),
    ("money is tight", 900),
    ("short on cash", 900),
    ("accident", 850),
    ("universal credit", 900),
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
    ("已去世", 980),
    ("家里出事", 900),
    ("残疾", 950),
];

const DISPUTE_EN: &[Cue] = &[
    ("dont recognize", 950),
    ("do not recognize", 950),
    ("dont recognise", 950),
    ("never heard of this", 900),
    ("never heard of that", 900),
    ("never heard of your company", 900),
    ("no idea what this", 900),
    ("wrong balance", 950),
    ("not right", 850),
    ("not correct", 900),
    ("doesnt add up", 950),
    ("too high", 850),
    ("charges i didnt", 950),
    ("unauthorized", 950),
    ("unauthorised", 950),
    ("i owe less", 950),
    ("i only owe", 950),
    ("never received", 900),
    ("never got the", 900),
    ("returned the", 850),
    ("cancelled the", 850),
    ("canceled the", 850),
    ("closed that account", 950),
    ("was closed", 850),
    ("already settled", 850),
    ("not what i owe", 950),
    ("not accurate", 900),
    ("inaccurate", 950),
    ("never had an account", 980),
    ("never had a loan", 980),
    ("never had a card", 980),
    ("never mine", 950),
    ("never signed", 950),
    ("never opened", 980),
    ("never applied", 950),
    ("not my account", 980),
    ("not my loan", 980),
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
    ("overcharging", 900),
    ("overcharged", 900),
    ("only borrowed", 850),
    ("statute of limitations", 950),
    ("time barred", 950),
    ("not mine", 950),
    ("never got a bill", 950),
    ("never received a bill", 950),
];
const DISPUTE_ZH: &[Cue] = &[
    ("不认可", 950),
    ("不承认", 950),
    ("没收到", 850),
    ("我没用过", 950),
    ("没有用过", 950),
    ("从没用过", 950),
    ("对不上", 950),
    ("金额不符", 950),
    ("不应该", 850),
    ("莫名其妙", 900),
    ("不知道这笔", 950),
    ("哪来的", 900),
    ("哪里来的", 900),
    ("早就销户", 950),
    ("已经注销", 900),
    ("不是我的", 900),
    ("根本没借", 990),
    ("没有借过", 990),
    ("从来没借", 990),
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
    ("不认", 900),
];

const WRONG_EN: &[Cue] = &[
    ("doesnt have this phone", 980),
    ("doesnt have this number", 980),
    ("no longer has this", 980),
    ("not her phone", 950),
    ("not his phone", 950),
    ("not my name", 950),
    ("you have the wrong", 980),
    ("youve got the wrong", 980),
    ("wrong guy", 950),
    ("wrong girl", 950),
    ("moved out", 900),
    ("no longer lives", 950),
    ("no longer has this number", 980),
    ("this is my number now", 950),
    ("dont know who that is", 950),
    ("dont know who this", 900),
    ("no one here by", 980),
    ("nobody here by", 980),
    ("never heard of her", 950),
    ("never heard of him", 950),
    ("wrong number", 980),
    ("wrong person", 980),
    ("wrong #", 950),
    ("dont know anyone named", 980),
    ("no one by that name", 980),
    ("nobody by that name", 980),
    ("not the person", 950),
    ("doesnt live here", 980),
    ("got this number", 900),
    ("new number", 850),
];
const WRONG_ZH: &[Cue] = &[
    ("我不叫", 950),
    ("不是他", 900),
    ("不是她", 900),
    ("不认识这个人", 980),
    ("换号", 900),
    ("号码是我的", 900),
    ("你们找的人", 900),
    ("没这个人", 980),
    ("查无此人", 980),
    ("打错了", 980),
    ("打错电话", 980),
    ("错号", 950),
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
    ("supervisor", 900),
    ("manager", 850),
    ("talk to a person", 900),
    ("speak to a person", 900),
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
    ("can i pay with", 980),
    ("do you take", 950),
    ("do you accept", 950),
    ("paypal", 850),
    ("zelle", 850),
    ("venmo", 850),
    ("apple pay", 900),
    ("google pay", 900),
    ("debit card", 850),
    ("credit card", 850),
    ("routing number", 950),
    ("sort code", 950),
    ("bank transfer", 850),
    ("mail a check", 950),
    ("send a check", 950),
    ("money order", 900),
    ("where do i send", 980),
    ("what address", 950),
    ("which account", 950),
    ("portal", 900),
    ("log in", 850),
    ("login", 850),
    ("how do i make a payment", 980),
    ("how can i make a payment", 980),
    ("how to make a payment", 980),
    ("make a payment online", 950),
    ("pay over the phone", 950),
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
    ("怎么付款", 980),
    ("怎么转", 950),
    ("转到哪", 980),
    ("转哪个", 980),
    ("账户是多少", 980),
    ("卡号", 900),
    ("对公账户", 950),
    ("还款渠道", 980),
    ("哪里还", 980),
    ("能用微信", 950),
    ("可以用支付宝", 950),
    ("扫码", 900),
    ("二维码", 900),
    ("云闪付", 900),
    ("网银", 900),
    ("怎么操作", 900),
    ("怎么还", 980),
    ("如何还", 980),
    ("怎么付", 950),
    ("在哪里还", 980),
    ("在哪还", 980),
    ("支付宝", 850),
    ("微信", 850),
    ("还款账号", 950),
    ("链接", 850),
    ("银行卡", 850),
    ("还款方式", 950),
];

const OPTIONS_EN: &[Cue] = &[
    ("would you take", 950),
    ("would you accept", 950),
    ("will you take", 950),
    ("will you accept", 950),
    ("close this out", 900),
    ("close it out", 900),
    ("take less", 950),
    ("can i pay less", 980),
    ("smaller payments", 950),
    ("monthly payments", 900),
    ("pay monthly", 900),
    ("spread it", 900),
    ("spread the", 900),
    ("in parts", 900),
    ("in chunks", 900),
    ("bit by bit", 850),
    ("a little at a time", 900),
    ("hardship program", 950),
    ("forbearance", 950),
    ("reduced", 850),
    ("discount", 900),
    ("work something out", 950),
    ("work out a", 900),
    ("skip a payment", 950),
    ("push back", 900),
    ("push the date", 950),
    ("move the date", 950),
    ("change the date", 950),
    ("grace period", 950),
    ("few more days", 950),
    ("couple more weeks", 950),
    ("couple more days", 950),
    ("is there a way", 850),
    ("what can you do", 850),
    ("what are my options", 980),
    ("any options", 950),
    ("plan", 850),
    ("deal", 850),
    ("only half", 900),
    ("payment plan", 950),
    ("installments", 950),
    ("installment", 950),
    ("instalments", 950),
    ("extension", 900),
    ("more time", 900),
    ("options", 850),
    ("settlement", 850),
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
    ("waive", 850),
    ("lower the interest", 900),
];
const OPTIONS_ZH: &[Cue] = &[
    ("少一点", 900),
    ("每个月还", 850),
    ("每月还", 850),
    ("按月还", 850),
    ("慢慢还", 850),
    ("一点一点还", 850),
    ("推迟", 950),
    ("延后", 950),
    ("缓一缓", 950),
    ("缓缓", 900),
    ("再给我点时间", 950),
    ("多给几天", 950),
    ("打个折", 950),
    ("打折", 900),
    ("优惠", 900),
    ("最低还款", 950),
    ("部分还款", 900),
    ("先还利息", 900),
    ("能不能少", 950),
    ("可不可以少", 950),
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
    ("scumbags", 980),
    ("scumbag", 980),
    ("scammer", 950),
    ("shove it", 900),
    ("eat shit", 980),
    ("scammers", 950),
    ("crooks", 950),
    ("thieves", 950),
    ("loan sharks", 950),
    ("parasites", 950),
    ("losers", 950),
    ("jerks", 950),
    ("dick", 950),
    ("dicks", 950),
    ("prick", 950),
    ("pricks", 950),
    ("wanker", 950),
    ("wankers", 950),
    ("tosser", 950),
    ("tossers", 950),
    ("twat", 950),
    ("twats", 950),
    ("cunt", 950),
    ("cunts", 950),
    ("bollocks", 950),
    ("bullshit", 950),
    ("goddamn", 950),
    ("piece of shit", 950),
    ("sons of bitches", 950),
    ("son of a bitch", 950),
    ("douchebags", 950),
    ("clowns", 950),
    ("pathetic", 950),
    ("damn you", 950),
    ("sod off", 950),
    ("piss off", 950),
    ("bugger off", 950),
    ("get lost", 900),
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
    ("你个头", 950),
    ("吸血", 900),
    ("狗东西", 950),
    ("去你的", 950),
    ("放屁", 950),
    ("有病", 950),
    ("脑子有病", 950),
    ("王八", 950),
    ("死全家", 950),
    ("不得好死", 950),
    ("你祖宗", 950),
    ("丢你", 950),
    ("tmd", 950),
    ("nmsl", 950),
    ("cnm", 950),
    ("卧槽", 950),
    ("我靠", 950),
    ("土匪", 950),
    ("强盗", 950),
    ("流氓", 950),
    ("黑社会", 950),
    ("狗日", 950),
    ("贱人", 950),
    ("废物", 950),
    ("人渣", 950),
    ("缺德", 950),
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

// ---- Spanish (es-US) cues, matched as whole words after accents are folded (`mañana` stays, `pagué` → `pague`).

const STOP_ES: &[Cue] = &[
    ("ya no me", 900),
    ("no quiero recibir", 990),
    ("no quiero mas", 950),
    ("bloquear", 900),
    ("los voy a bloquear", 950),
    ("me tienen harto", 950),
    ("me tienen harta", 950),
    ("dejen de", 950),
    ("no me molesten", 990),
    ("no manden", 950),
    ("no envien", 950),
    ("no me llamen", 990),
    ("no me llames", 990),
    ("no me llame", 990),
    ("no llamen", 980),
    ("no me marquen", 980),
    ("no me escriban", 980),
    ("no me manden", 950),
    ("no me envien", 950),
    ("no me contacten", 990),
    ("no me contacte", 990),
    ("no quiero que me contacten", 990),
    ("no quiero que me llamen", 990),
    ("dejen de llamar", 990),
    ("dejen de llamarme", 990),
    ("deje de llamar", 990),
    ("deje de llamarme", 990),
    ("dejen de escribir", 990),
    ("dejen de escribirme", 990),
    ("dejen de mandar", 990),
    ("dejen de enviar", 990),
    ("dejen de molestar", 990),
    ("dejen de molestarme", 990),
    ("dejenme en paz", 990),
    ("dejeme en paz", 990),
    ("no molesten", 950),
    ("no mas llamadas", 990),
    ("no mas mensajes", 990),
    ("ni un mensaje mas", 980),
    ("ni una llamada mas", 980),
    ("basta", 950),
    ("ya basta", 990),
    ("cancelar", 900),
    ("borren mi numero", 980),
    ("quitenme de", 980),
    ("no me vuelvan a", 980),
    ("no vuelvan a llamar", 990),
    ("no vuelvan a escribir", 990),
    ("solo por correo", 950),
    ("solo por escrito", 950),
    ("solo correo", 900),
    ("acoso", 900),
];
const PROMISE_ES: &[Cue] = &[
    ("pagare", 900),
    ("voy a pagar", 900),
    ("voy a hacer el pago", 900),
    ("voy a depositar", 900),
    ("voy a mandar", 850),
    ("le pago", 850),
    ("les pago", 850),
    ("te pago", 850),
    ("puedo pagar", 800),
    ("puedo dar", 800),
    ("puedo mandar", 800),
    ("les puedo", 800),
    ("le puedo", 800),
    ("hago el pago", 900),
    ("hare el pago", 900),
    ("realizare el pago", 900),
    ("les mando", 850),
    ("le mando", 850),
    ("mandare", 850),
    ("enviare", 850),
    ("depositare", 900),
    ("deposito", 800),
    ("prometo", 900),
    ("liquidare", 900),
    ("abonare", 900),
    ("cubro", 850),
    ("cubrire", 900),
    ("pago el resto", 900),
    ("pago lo que falta", 900),
    ("pago lo demas", 900),
];
const PAID_ES: &[Cue] = &[
    ("ya pague", 980),
    ("ya les pague", 980),
    ("ya le pague", 980),
    ("ya lo pague", 980),
    ("ya hice el pago", 980),
    ("ya realice el pago", 980),
    ("ya esta pagado", 980),
    ("ya esta pagada", 980),
    ("ya deposite", 980),
    ("ya transferi", 980),
    ("ya envie", 950),
    ("ya mande", 950),
    ("ya abone", 950),
    ("pague", 900),
    ("ya liquide", 980),
    ("ya quedo pagado", 980),
];
const HARDSHIP_ES: &[Cue] = &[
    ("incapacitado", 950),
    ("incapacitada", 950),
    ("accidente", 850),
    ("perdi mi trabajo", 980),
    ("perdi el trabajo", 980),
    ("perdi mi empleo", 980),
    ("me quede sin trabajo", 980),
    ("me quede sin empleo", 980),
    ("sin trabajo", 900),
    ("sin empleo", 900),
    ("desempleado", 950),
    ("desempleada", 950),
    ("me despidieron", 980),
    ("me corrieron", 950),
    ("enfermo", 900),
    ("enferma", 900),
    ("enfermedad", 900),
    ("hospital", 900),
    ("hospitalizado", 950),
    ("hospitalizada", 950),
    ("cirugia", 900),
    ("fallecio", 980),
    ("murio", 950),
    ("divorcio", 900),
    ("no tengo dinero", 900),
    ("no tengo trabajo", 950),
    ("me redujeron las horas", 950),
    ("me bajaron las horas", 950),
    ("me recortaron", 900),
    ("incapacidad", 900),
    ("discapacidad", 900),
    ("cancer", 950),
    ("quimioterapia", 950),
    ("desalojo", 950),
    ("me desalojaron", 950),
    ("embarazada", 850),
];
const DISPUTE_ES: &[Cue] = &[
    ("nunca recibi", 900),
    ("no estoy de acuerdo", 950),
    ("esta mal", 900),
    ("cobro indebido", 950),
    ("no autorice", 950),
    ("yo no hice", 900),
    ("no es lo que debo", 950),
    ("demasiado alto", 850),
    ("no es mi deuda", 980),
    ("esa deuda no es mia", 980),
    ("esta deuda no es mia", 980),
    ("no es mia", 900),
    ("no debo", 950),
    ("yo no debo", 950),
    ("no les debo", 950),
    ("nunca pedi", 980),
    ("nunca saque", 980),
    ("nunca tuve", 950),
    ("nunca abri", 980),
    ("no reconozco", 950),
    ("monto esta mal", 950),
    ("cantidad esta mal", 950),
    ("cobro doble", 950),
    ("cobraron dos veces", 950),
    ("fraude", 950),
    ("robo de identidad", 980),
    ("un error", 850),
    ("disputo", 980),
    ("no es correcto", 900),
    ("incorrecto", 900),
    ("cobrando de mas", 950),
];
const WRONG_ES: &[Cue] = &[
    ("no hay nadie con ese nombre", 990),
    ("nadie con ese nombre", 980),
    ("ya no vive", 980),
    ("ese no es mi nombre", 980),
    ("no me llamo", 950),
    ("tienen el numero equivocado", 990),
    ("numero equivocado", 980),
    ("se equivocaron de numero", 980),
    ("se equivoco de numero", 980),
    ("persona equivocada", 980),
    ("no conozco a", 950),
    ("no vive aqui", 980),
    ("aqui no vive", 980),
    ("no soy esa persona", 980),
    ("no soy", 850),
    ("numero nuevo", 850),
];
const CALLBACK_ES: &[Cue] = &[
    ("marqueme", 900),
    ("marquenme", 900),
    ("hableme", 850),
    ("hablenme", 850),
    ("llamame", 900),
    ("llameme", 900),
    ("llamenme", 900),
    ("me pueden llamar", 900),
    ("me puede llamar", 900),
    ("me llaman", 850),
    ("llamen mas tarde", 950),
    ("llame mas tarde", 950),
    ("ahora no puedo hablar", 950),
    ("no puedo hablar", 900),
    ("estoy ocupado", 850),
    ("estoy ocupada", 850),
    ("hablar con alguien", 900),
    ("hablar con una persona", 900),
];
const BALANCE_ES: &[Cue] = &[
    ("cuanto debo", 980),
    ("cuanto les debo", 980),
    ("cuanto le debo", 980),
    ("saldo", 900),
    ("cuanto es", 900),
    ("cuanto falta", 950),
    ("cuanto me falta", 950),
    ("monto total", 900),
    ("estado de cuenta", 900),
];
const HOW_ES: &[Cue] = &[
    ("como hago el pago", 980),
    ("como puedo hacer el pago", 980),
    ("donde deposito", 980),
    ("a que cuenta", 980),
    ("aceptan", 900),
    ("zelle", 850),
    ("por internet", 900),
    ("por telefono", 850),
    ("como les mando", 950),
    ("como le mando", 950),
    ("como puedo pagarles", 980),
    ("como pago", 980),
    ("como puedo pagar", 980),
    ("como les pago", 980),
    ("como le pago", 980),
    ("donde pago", 980),
    ("donde puedo pagar", 980),
    ("enlace", 900),
    ("link para pagar", 950),
    ("numero de cuenta", 850),
    ("con tarjeta", 850),
    ("pagar en linea", 950),
];
const OPTIONS_ES: &[Cue] = &[
    ("poco a poco", 850),
    ("pagos pequenos", 950),
    ("unos dias mas", 950),
    ("mas dias", 900),
    ("aplazar", 950),
    ("posponer", 950),
    ("cambiar la fecha", 950),
    ("reducir", 900),
    ("pagos parciales", 950),
    ("algun arreglo", 950),
    ("que opciones", 980),
    ("pagar la mitad", 900),
    ("bajarlo", 900),
    ("bajar el interes", 950),
    ("bajar los intereses", 950),
    ("rebajar", 900),
    ("rebaja", 900),
    ("plan de pagos", 950),
    ("plan de pago", 950),
    ("pagos mensuales", 900),
    ("cuotas", 900),
    ("a plazos", 950),
    ("mas tiempo", 900),
    ("prorroga", 950),
    ("extension", 900),
    ("opciones", 850),
    ("pagar menos", 950),
    ("descuento", 900),
    ("arreglo", 850),
    ("acuerdo de pago", 950),
    ("condonar", 900),
    ("perdonar", 850),
    ("quitar los cargos", 900),
    ("quitan los cargos", 900),
    ("en partes", 850),
];
const ABUSE_ES: &[Cue] = &[
    ("ratas", 950),
    ("rata", 900),
    ("pinche", 950),
    ("pinches", 950),
    ("chingen", 950),
    ("joder", 950),
    ("cono", 950),
    ("carajo", 950),
    ("estafadores", 950),
    ("buitres", 950),
    ("sinverguenzas", 950),
    ("desgraciados", 950),
    ("mamones", 950),
    ("ojetes", 950),
    ("pendejo", 980),
    ("pendejos", 980),
    ("cabron", 980),
    ("cabrones", 980),
    ("chinga", 980),
    ("chingada", 980),
    ("chinguen", 980),
    ("a la mierda", 980),
    ("mierda", 950),
    ("idiota", 900),
    ("idiotas", 900),
    ("estupido", 900),
    ("estupidos", 900),
    ("ladrones", 900),
    ("rateros", 900),
    ("hijos de puta", 990),
    ("puta", 950),
    ("culero", 980),
    ("culeros", 980),
    ("malditos", 900),
    ("imbecil", 900),
    ("imbeciles", 900),
    ("sanguijuelas", 900),
];

// ---- Legal and regulatory intents, in every language.

const BANKRUPTCY: &[Cue] = &[
    ("bankruptcy", 980),
    ("bankrupt", 950),
    ("chapter 7", 980),
    ("chapter 13", 980),
    ("ch 7", 900),
    ("ch 13", 900),
    ("automatic stay", 980),
    ("bankruptcy trustee", 980),
    ("discharged", 900),
    ("insolvency", 950),
    ("insolvent", 900),
    ("individual voluntary arrangement", 980),
    ("iva", 850),
    ("debt relief order", 980),
    ("dro", 850),
    ("sequestration", 950),
    ("bancarrota", 980),
    ("quiebra", 950),
    ("capitulo 7", 980),
    ("capitulo 13", 980),
    ("破产", 980),
    ("破產", 980),
    ("债务重整", 950),
    ("个人债务清理", 950),
    ("债务清理", 900),
];
const ATTORNEY: &[Cue] = &[
    ("attorney", 950),
    ("attorneys", 950),
    ("lawyer", 950),
    ("lawyers", 950),
    ("solicitor", 950),
    ("solicitors", 950),
    ("legal counsel", 950),
    ("my counsel", 950),
    ("law firm", 950),
    ("law office", 950),
    ("legal aid", 900),
    ("represented by", 900),
    ("abogado", 950),
    ("abogada", 950),
    ("abogados", 950),
    ("律师", 950),
    ("律所", 950),
    ("法律顾问", 900),
];
const COMPLAINT: &[Cue] = &[
    ("complaint", 950),
    ("complain", 950),
    ("complaining", 950),
    ("cfpb", 980),
    ("consumer financial protection", 980),
    ("consumer bureau", 950),
    ("attorney general", 950),
    ("better business bureau", 950),
    ("bbb", 900),
    ("ftc", 950),
    ("report you to", 950),
    ("report this to", 900),
    ("reporting you to", 950),
    ("financial ombudsman", 980),
    ("ombudsman", 950),
    ("fca", 950),
    ("financial conduct authority", 980),
    ("trading standards", 950),
    ("regulator", 950),
    ("regulators", 950),
    ("queja", 950),
    ("quejarme", 950),
    ("quejare", 950),
    ("poner una queja", 980),
    ("denunciarlos", 950),
    ("denunciar", 900),
    ("denuncia", 900),
    ("reportarlos", 950),
    ("投诉", 950),
    ("投訴", 950),
    ("举报", 950),
    ("12378", 990),
    ("12363", 980),
    ("12315", 950),
    ("银保监", 980),
    ("金融监管", 980),
    ("监管局", 950),
    ("监管部门", 950),
    ("人民银行", 900),
    ("人行", 850),
    ("消协", 900),
    ("金融办", 950),
];
const VALIDATION: &[Cue] = &[
    ("proof", 850),
    ("evidence", 850),
    ("show me the", 850),
    ("documents", 850),
    ("records showing", 900),
    ("where did this come from", 900),
    ("what is this debt", 900),
    ("what debt", 850),
    ("details of the debt", 900),
    ("breakdown", 850),
    ("validation letter", 990),
    ("written notice", 900),
    ("依据", 900),
    ("有什么证据", 980),
    ("给我看", 850),
    ("发我看看", 850),
    ("原始合同", 950),
    ("借款协议", 950),
    ("流水", 850),
    ("evidencia", 900),
    ("prueba", 900),
    ("comprobante", 850),
    ("documentos", 850),
    ("de donde salio", 900),
    ("de que es esta deuda", 950),
    ("validate", 950),
    ("validation", 980),
    ("validating", 950),
    ("verify the debt", 980),
    ("verify this debt", 980),
    ("verification of the debt", 980),
    ("verification of this debt", 980),
    ("debt verification", 980),
    ("verification", 850),
    ("prove i owe", 980),
    ("prove that i owe", 980),
    ("proof i owe", 980),
    ("proof that i owe", 980),
    ("proof of the debt", 980),
    ("proof of this debt", 980),
    ("send me proof", 950),
    ("send proof", 950),
    ("show me proof", 950),
    ("prove it", 900),
    ("itemized", 900),
    ("itemised", 900),
    ("original creditor", 900),
    ("signed contract", 900),
    ("copy of the contract", 950),
    ("copy of the agreement", 950),
    ("copy of my agreement", 950),
    ("credit agreement", 850),
    ("documentation", 850),
    ("paperwork", 800),
    ("1692g", 990),
    ("validen", 950),
    ("valide", 950),
    ("validacion", 980),
    ("verificacion de la deuda", 980),
    ("pruebas", 900),
    ("prueba de", 900),
    ("comprobante de la deuda", 950),
    ("demuestren", 950),
    ("documentos de la deuda", 950),
    ("copia del contrato", 950),
    ("证明", 900),
    ("证据", 900),
    ("凭证", 900),
    ("借款合同", 950),
    ("合同发", 950),
    ("出示合同", 950),
    ("提供合同", 950),
    ("核实", 850),
    ("核对", 800),
    ("明细发给我", 900),
    ("借款记录", 900),
];
/// Refusals and sarcasm: a reply with one of these makes no promise, whatever paying words it holds.
const REFUSAL: &[&str] = &[
    "as if",
    "yeah right",
    "ya right",
    "in your dreams",
    "dream on",
    "when pigs fly",
    "when hell freezes",
    "like hell",
    "not a chance",
    "no chance",
    "no way",
    "not a cent",
    "not a penny",
    "not one cent",
    "not one penny",
    "never pay",
    "never going to pay",
    "never gonna pay",
    "wont pay",
    "will not pay",
    "not paying",
    "not going to pay",
    "refuse to pay",
    "good luck with that",
    "good luck getting",
    "sure i will",
    "sure i will not",
    "over my dead body",
    "ni loco",
    "ni loca",
    "ni en suenos",
    "ni de chiste",
    "jamas",
    "nunca les voy a pagar",
    "no voy a pagar",
    "no pienso pagar",
    "no les voy a pagar",
    "ni un centavo",
    "ni un peso",
    "做梦",
    "想得美",
    "门都没有",
    "休想",
    "没门",
    "不可能还",
    "凭什么还",
    "就不还",
    "一分都不",
    "一分钱都不会",
    "一分也不",
    "不会还",
    "不打算还",
    "死也不还",
    "还个屁",
];
/// Hypotheticals: "if I won the lottery I'd pay" is no promise.
const HYPOTHETICAL: &[&str] = &[
    "no promises",
    "no promise",
    "not sure",
    "quizas",
    "tal vez",
    "也许",
    "说不定",
    "看情况",
    "if i won",
    "if i win",
    "if i had",
    "if i ever",
    "if only",
    "lottery",
    "si tuviera",
    "si me gano",
    "si ganara",
    "彩票",
    "中奖",
    "要是有钱",
    "如果有钱",
    "等我有钱",
    "有钱了再",
];
/// A conditional offer ("$200 if you waive the fees") asks for terms: `question_options`, not a promise.
const CONDITION_EN: [&str; 6] = ["if you", "if u", "if yall", "provided you", "as long as you", "only if"];
const CONDITION_VERBS: [&str; 22] = [
    "waive", "drop", "remove", "forgive", "lower", "reduce", "cut", "accept", "take", "settle", "agree", "stop",
    "freeze", "cancel", "knock", "quitan", "perdonan", "aceptan", "rebajan", "condonan", "bajan", "quitar",
];
/// Contact words for an abusive reply that wants the contact to end ("stop these daily calls", 天天打).
const CONTACT_ANY: [&str; 24] = [
    "call",
    "calls",
    "calling",
    "text",
    "texts",
    "texting",
    "message",
    "messages",
    "email",
    "emails",
    "ringing",
    "phone",
    "llamadas",
    "llamando",
    "llamar",
    "mensajes",
    "molestar",
    "molestando",
    "harass",
    "harassing",
    "spam",
    "spamming",
    "bother",
    "bothering",
];
const CONTACT_ZH: [&str; 16] = [
    "打电话",
    "电话",
    "天天打",
    "每天打",
    "天天发",
    "每天发",
    "短信",
    "信息",
    "打来",
    "烦",
    "天天催",
    "每天催",
    "骚扰",
    "轰炸",
    "别打",
    "一直打",
];
/// Bare dismissals: abusive and a revocation at once.
const DISMISSALS: [&str; 16] = [
    "eat shit",
    "shove it",
    "fuck off",
    "f off",
    "piss off",
    "sod off",
    "bugger off",
    "get lost",
    "go away",
    "buzz off",
    "back off",
    "leave me the",
    "vete a la",
    "vayanse a la",
    "larguense",
    "no chingues",
];
const DISMISSALS_ZH: [&str; 10] = [
    "滚",
    "滚开",
    "滚蛋",
    "一边去",
    "少烦我",
    "别烦我",
    "烦死了",
    "烦死人",
    "闭嘴",
    "别来烦",
];
/// Dismissals rude enough to be abuse as well ("fuck off", 滚), unlike "go away" or 别烦我.
const RUDE_DISMISSALS: [&str; 14] = [
    "fuck off",
    "f off",
    "piss off",
    "sod off",
    "bugger off",
    "get lost",
    "eat shit",
    "shove it",
    "vete a la",
    "vayanse a la",
    "no chingues",
    "滚",
    "闭嘴",
    "滚蛋",
];
/// Partial stops: not at work, only by e-mail, not at night — still revocations of a channel or time.
const PARTIAL_STOP: &[Cue] = &[
    ("at work", 900),
    ("at my work", 950),
    ("my job", 850),
    ("my workplace", 950),
    ("only email", 950),
    ("email only", 950),
    ("only by email", 950),
    ("only e mail", 950),
    ("only in writing", 950),
    ("in writing only", 950),
    ("writing only", 950),
    ("only contact me by", 950),
    ("only text", 900),
    ("texts only", 900),
    ("text only", 900),
    ("only mail", 900),
    ("before 9", 850),
    ("after 8", 850),
    ("after 9", 850),
    ("at night", 850),
    ("on weekends", 850),
    ("on sundays", 850),
    ("en el trabajo", 900),
    ("a mi trabajo", 900),
    ("solo por correo", 950),
    ("solo por escrito", 950),
    ("solo mensajes", 900),
    ("上班时间", 900),
    ("单位", 900),
    ("公司打", 900),
    ("只发短信", 950),
    ("只接受短信", 950),
    ("只能发短信", 950),
    ("晚上", 800),
    ("周末", 800),
    ("家人", 850),
    ("家里人", 850),
    ("通讯录", 900),
    ("联系人", 850),
];
/// Callback in colloquial Chinese and English ("not convenient now, call me later").
const LATER_EN: &[Cue] = &[
    ("call me later", 950),
    ("call later", 900),
    ("call back later", 950),
    ("try me later", 950),
    ("try later", 900),
    ("try again later", 900),
    ("call me after", 950),
    ("call me tomorrow", 950),
    ("call me tonight", 950),
    ("call me in", 900),
    ("call me on", 900),
    ("call me at", 900),
    ("cant talk", 900),
    ("can not talk", 900),
    ("cannot talk", 900),
    ("not a good time", 900),
    ("bad time", 850),
    ("in a meeting", 900),
    ("driving", 800),
    ("reach me", 850),
    ("talk later", 900),
];
const LATER_ZH: &[Cue] = &[
    ("小时后打", 950),
    ("小时再打", 950),
    ("小时后再打", 950),
    ("在忙", 850),
    ("忙着", 850),
    ("晚点打", 950),
    ("晚点再打", 950),
    ("晚些打", 950),
    ("晚点联系", 950),
    ("晚点再联系", 950),
    ("晚点给我", 950),
    ("等会打", 950),
    ("等会儿打", 950),
    ("等会再打", 950),
    ("过会儿打", 950),
    ("过会打", 950),
    ("一会儿打", 950),
    ("一会打", 950),
    ("稍后打", 950),
    ("稍后联系", 950),
    ("稍后再", 900),
    ("回头打", 950),
    ("回头再", 850),
    ("不方便", 900),
    ("在开会", 900),
    ("开车", 800),
    ("下午打", 950),
    ("晚上打", 950),
    ("明天打", 950),
    ("明天再打", 950),
    ("改天打", 950),
    ("改天再", 900),
    ("再打给我", 950),
    ("再联系我", 900),
];
/// Colloquial Chinese promises ("月底前全部搞定", "发了工资就给你们打过去").
const PROMISE_ZH_MORE: &[Cue] = &[
    ("搞定", 850),
    ("结清", 850),
    ("处理掉", 850),
    ("处理好", 850),
    ("弄好", 850),
    ("补上", 900),
    ("补齐", 900),
    ("凑齐", 850),
    ("付清", 900),
    ("给你们", 800),
    ("打给你们", 850),
    ("打过去", 850),
    ("转过去", 850),
    ("全部还", 900),
    ("都还", 850),
    ("还给你", 850),
    ("把钱", 800),
    ("剩下的", 800),
    ("剩余", 800),
];
/// "Paid part, the rest later": both already paid and a promise.
const PART_PAID: [&str; 22] = [
    "another",
    "more",
    "otro",
    "otros",
    "再还",
    "再付",
    "rest",
    "remaining",
    "remainder",
    "balance",
    "the other",
    "part",
    "partial",
    "half",
    "el resto",
    "lo demas",
    "lo que falta",
    "剩下",
    "剩余",
    "其余",
    "一部分",
    "另外",
];

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

/// Matches cues of several tables at once (English-style whole words for Latin cues, the compact form for
/// Chinese), keeping the best weight.
fn hits_all(t: &Text, tables: &[&[Cue]]) -> (u32, Vec<String>) {
    let mut best = (0, Vec::new());
    for table in tables {
        let (latin, cjk): (Vec<Cue>, Vec<Cue>) = table.iter().partition(|(c, _)| c.is_ascii());
        let (w, cues) = hits(t, &latin, &cjk);
        best.0 = best.0.max(w);
        best.1.extend(cues);
    }
    best
}

/// Whether any phrase occurs (whole words for Latin, the compact form for Chinese).
fn any_phrase(t: &Text, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| {
        if p.is_ascii() {
            t.has_words(p)
        } else {
            t.compact.contains(p)
        }
    })
}

/// "alto" and "basta" revoke in Spanish, but not as adjectives ("el interés es muy alto", "no basta").
fn spanish_stop_word(t: &Text) -> Option<String> {
    let toks = &t.tokens;
    for (i, w) in toks.iter().enumerate() {
        let prev = if i > 0 { toks[i - 1].as_str() } else { "" };
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
            "paren" | "parenle" if prev != "no" => return Some(w.clone()),
            _ => {}
        }
    }
    None
}

/// Whether the reply speaks of a conditional offer: "I'll pay 200 if you waive the fees", 如果免掉利息我就还.
fn conditional_offer(t: &Text) -> bool {
    let en = t.tokens.iter().enumerate().any(|(i, w)| {
        (CONDITION_EN.iter().any(|c| {
            let parts: Vec<&str> = c.split(' ').collect();
            t.tokens
                .get(i..i + parts.len())
                .is_some_and(|s| s.iter().zip(&parts).all(|(a, b)| a == b))
        }) || (w == "si"
            && t.tokens
                .get(i + 1)
                .is_some_and(|n| n == "me" || n == "ustedes" || n == "les")))
            && t.tokens
                .iter()
                .skip(i)
                .take(8)
                .any(|n| CONDITION_VERBS.iter().any(|v| n.starts_with(v)))
    });
    let zh = ["如果", "要是", "只要", "假如"].iter().any(|c| t.compact.contains(c))
        && ["免", "减", "少", "打折", "同意", "答应", "停息", "不收", "去掉"]
            .iter()
            .any(|c| t.compact.contains(c));
    en || zh
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

    let mut abusive = hits_all(t, &[ABUSE_EN, ABUSE_ZH, ABUSE_ES]);
    if abusive.0 == 0 && any_phrase(t, &RUDE_DISMISSALS) {
        abusive = (900, vec!["rude dismissal".into()]);
    }
    // Stop contact: bare keywords, "stop … texting", or a phrase.
    let mut stop = hits_all(t, &[STOP_EN, STOP_ZH, STOP_ES]);
    if bare_revocation(t) {
        stop.0 = 990;
        stop.1.push("revocation keyword".into());
    }
    if let Some(cue) = stop_about_contact(t)
        .or_else(|| stop_about_contact_zh(t))
        .or_else(|| spanish_stop_word(t))
    {
        stop.0 = stop.0.max(950);
        stop.1.push(cue);
    }
    // Partial stops: "only e-mail me", "not at work", 上班时间别打. Places and times need a "no" and a contact word.
    let negated = any_phrase(
        t,
        &[
            "dont", "do not", "never", "not", "no", "stop", "别", "不要", "不许", "不准", "勿", "不能", "不得",
        ],
    );
    let contact_word = t.tokens.iter().any(|w| CONTACT_ANY.contains(&w.as_str()))
        || CONTACT_ZH.iter().any(|c| t.compact.contains(c))
        || t.compact.contains('打')
        || t.compact.contains("联系");
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
    let dismissal = any_phrase(t, &DISMISSALS) || DISMISSALS_ZH.iter().any(|c| t.compact.contains(c));
    if dismissal {
        stop.0 = stop.0.max(950);
        stop.1.push("dismissal".into());
    }
    if abusive.0 > 0 && contact_word && stop.0 == 0 {
        stop = (900, vec!["abuse about contact".into()]);
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
    let stopping = stop.0 > 0;

    let bankruptcy = hits_all(t, &[BANKRUPTCY]);
    let mut attorney = hits_all(t, &[ATTORNEY]);
    // "the attorney general" is a regulator (a complaint), not the borrower's attorney.
    if t.has_words("attorney general") {
        attorney.1.retain(|c| !c.starts_with("attorney"));
        if attorney.1.is_empty() {
            attorney = (0, Vec::new());
        }
    }
    let complaint = hits_all(t, &[COMPLAINT]);
    let mut validation = hits_all(t, &[VALIDATION]);
    // "Prove it" after a payment claim asks for a receipt check, not validation; 证明 in 收入证明 is hardship.
    if validation.0 > 0
        && (["收入证明", "病历证明", "证明我已", "付款证明", "还款证明", "转账记录"]
            .iter()
            .any(|c| t.compact.contains(c))
            || any_phrase(
                t,
                &[
                    "proof of payment",
                    "proof i paid",
                    "have proof",
                    "got proof",
                    "receipt",
                    "comprobante de pago",
                ],
            ))
    {
        validation = (0, Vec::new());
    }

    let mut paid = hits_all(t, &[PAID_EN, PAID_ZH, PAID_ES]);
    let mut promise = hits_all(t, &[PROMISE_EN, PROMISE_ZH, PROMISE_ES, PROMISE_ZH_MORE]);
    let refused = any_phrase(t, REFUSAL);
    let hardship_now = hits_all(t, &[HARDSHIP_EN, HARDSHIP_ZH, HARDSHIP_ES]).0 > 0;
    let dispute_now = hits_all(t, &[DISPUTE_EN, DISPUTE_ZH, DISPUTE_ES]).0 > 0;
    let hypothetical = any_phrase(t, HYPOTHETICAL);
    let conditional = conditional_offer(t) && (has_amount || promise.0 > 0);
    let denied = denies(t) || t.has_words("no puedo pagar") || t.has_words("no puedo");
    // A question about paying less or later ("can't pay 500 on Friday, can we do 200 next month?") asks for
    // terms; it is no promise.
    let asks_terms = (denied || (hardship_now && !(has_amount && has_date)))
        && t.is_question()
        && (any_phrase(
            t,
            &[
                "can we",
                "could we",
                "can i",
                "could i",
                "is it possible",
                "would it be",
                "would you",
                "can you",
                "podemos",
                "puedo",
                "se puede",
                "podria",
                "pueden",
                "能不能",
                "可不可以",
                "可以吗",
                "行吗",
                "行不行",
                "能否",
                "好吗",
            ],
        ));
    // "Can't today, tomorrow then" (今天还不了，明天吧) is a promise for tomorrow.
    let denied = denied && !has_later_date;
    // A promise names when or how much, or says it firmly ("I'll pay", 会还); past payment, refusals, sarcasm,
    // hypotheticals and conditional offers are not promises.
    let part_paid = paid.0 > 0 && has_later_date && any_phrase(t, &PART_PAID);
    if denied
        || refused
        || hypothetical
        || conditional
        || asks_terms
        || !(has_date || has_amount || promise.0 >= 900)
        || (paid.0 > 0 && !has_date)
    {
        promise = (0, Vec::new());
    }
    if paid.0 > 0 && promise.0 > 0 && paid.0 >= 950 && !part_paid {
        promise = (0, Vec::new());
    }
    // "Paid half already, the rest $250 on Friday": the rest is promised even without a paying verb; so is
    // an imperative "Pay $75 friday".
    if promise.0 == 0 && !refused && !hypothetical && !conditional && !asks_terms {
        if part_paid {
            promise = (850, vec!["rest later".into()]);
        } else if t.tokens.first().is_some_and(|w| w == "pay") && has_amount && has_date {
            promise = (850, vec!["pay".into()]);
        }
    }
    if promise.0 > 0 && has_date && has_amount {
        promise.0 = (promise.0 + 50).min(990);
    }
    if promise.0 > 0 && paid.0 < 950 && !part_paid {
        paid = (0, Vec::new());
    }
    // Words about the future ("I will pay", "pagaré") are not a past payment.
    if refused {
        paid = (0, Vec::new());
    }

    let mut callback = hits_all(t, &[CALLBACK_EN, CALLBACK_ZH, CALLBACK_ES, LATER_EN, LATER_ZH]);
    if stopping {
        callback = (0, Vec::new());
    }
    let mut balance = hits_all(t, &[BALANCE_EN, BALANCE_ZH, BALANCE_ES]);
    // "An itemized statement" / 明细 asked for to validate the debt is the validation request itself.
    if validation.0 > 0
        && balance
            .1
            .iter()
            .all(|c| ["statement", "明细", "账单", "estado de cuenta"].contains(&c.as_str()))
    {
        balance = (0, Vec::new());
    }
    if balance.0 > 0 && balance.0 < 900 && !t.is_question() {
        balance = (0, Vec::new());
    }
    let mut options = hits_all(t, &[OPTIONS_EN, OPTIONS_ZH, OPTIONS_ES]);
    // 分6期 / 分十二期: instalments by count.
    if options.0 == 0 && split_into_periods(t) {
        options = (900, vec!["分…期".into()]);
    }
    if options.0 > 0 && options.0 < 900 && !t.is_question() {
        options = (0, Vec::new());
    }
    // "Settle everything by month end" (月底前一次性结清) is a promise, not a question about a lump sum.
    if promise.0 > 0 && has_date && !t.is_question() {
        options
            .1
            .retain(|c| !["一次性结清", "lump sum", "settle in full", "pay it all off"].contains(&c.as_str()));
        if options.1.is_empty() {
            options = (0, Vec::new());
        }
    }
    if conditional || asks_terms {
        options.0 = options.0.max(900);
        options.1.push(
            if conditional {
                "conditional offer"
            } else {
                "asks for terms"
            }
            .into(),
        );
    }
    let mut how = hits_all(t, &[HOW_EN, HOW_ZH, HOW_ES]);
    // "I sent it via Zelle" names a way of paying without asking for one.
    if how.0 > 0 && how.0 < 900 && !t.is_question() {
        how = (0, Vec::new());
    }
    // "利息怎么这么高，算得不对": complaining about the interest contests it; it asks for no plan.
    if dispute_now
        && options
            .1
            .iter()
            .all(|c| ["利息", "interest", "lower the interest"].contains(&c.as_str()))
    {
        options = (0, Vec::new());
    }
    // "Can I pay £20 a month instead?" asks for a plan.
    if promise.0 > 0
        && t.is_question()
        && any_phrase(
            t,
            &[
                "a month",
                "per month",
                "each month",
                "every month",
                "monthly",
                "al mes",
                "cada mes",
                "每月",
                "每个月",
            ],
        )
    {
        promise = (0, Vec::new());
        options.0 = options.0.max(900);
        options.1.push("monthly".into());
    }
    // Haggling ("能不能少还一点，每个月还500行不行？", "can I pay less, 100 a month?") is a question about terms.
    if promise.0 > 0
        && t.is_question()
        && options.1.iter().any(|c| {
            [
                "能不能少",
                "可不可以少",
                "少一点",
                "can i pay less",
                "pay less",
                "pagar menos",
                "smaller amount",
                "settle for less",
            ]
            .contains(&c.as_str())
        })
    {
        promise = (0, Vec::new());
    }

    let mut hardship = hits_all(t, &[HARDSHIP_EN, HARDSHIP_ZH, HARDSHIP_ES]);
    // "Sick of your calls" is anger, not illness.
    if hardship.1.iter().all(|c| c == "sick") && any_phrase(t, &["sick of", "sick and tired", "makes me sick"]) {
        hardship = (0, Vec::new());
    }
    let mut dispute = hits_all(t, &[DISPUTE_EN, DISPUTE_ZH, DISPUTE_ES]);
    let mut wrong = hits_all(t, &[WRONG_EN, WRONG_ZH, WRONG_ES]);
    // "This account was never mine" contests the debt; "this is not <name>" is a wrong person.
    let about_debt = any_phrase(
        t,
        &[
            "account", "debt", "loan", "card", "credit", "borrowed", "signed", "opened", "cuenta", "deuda", "prestamo",
            "账户", "账号", "贷款", "借款", "欠款", "债", "借的",
        ],
    );
    if wrong.0 > 0 && about_debt && !any_phrase(t, &["wrong number", "numero equivocado", "打错", "发错", "找错人"])
    {
        dispute.0 = dispute.0.max(900);
        dispute.1.append(&mut wrong.1);
        wrong = (0, Vec::new());
    }
    // A bankruptcy discharge or a complaint is its own intent, not a dispute.
    if bankruptcy.0 > 0 && dispute.1.iter().all(|c| c == "dispute") {
        dispute = (0, Vec::new());
    }
    if validation.0 > 0
        && dispute
            .1
            .iter()
            .all(|c| ["mistake", "an error", "un error"].contains(&c.as_str()))
    {
        dispute = (0, Vec::new());
    }
    add(Intent::PromiseToPay, promise);
    add(Intent::AlreadyPaid, paid);
    add(Intent::Hardship, hardship);
    add(Intent::Dispute, dispute);
    add(Intent::WrongPerson, wrong);
    add(Intent::StopContact, stop);
    add(Intent::CallbackRequest, callback);
    add(Intent::QuestionBalance, balance);
    add(Intent::QuestionHowToPay, how);
    add(Intent::QuestionOptions, options);
    add(Intent::Abusive, abusive);
    add(Intent::Bankruptcy, bankruptcy);
    add(Intent::Attorney, attorney);
    add(Intent::Complaint, complaint);
    add(Intent::ValidationRequest, validation);
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
