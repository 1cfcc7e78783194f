//! Amounts in a reply: currency symbols and words, Chinese numerals and units, a bare number by a paying
//! verb; and which of them a promise is about.
#![allow(
    clippy::indexing_slicing,
    reason = "the scanners walk a reply's characters with look-behind and look-ahead at positions checked against the length; not yet rewritten with `get` (issue 18: the core denies it everywhere else)"
)]

use super::FoundAmount;
use crate::reply::text::Text;

const PAY_WORDS_EN: [&str; 34] = [
    "put",
    "mandar",
    // "I can get you 300", "you'll get 1.5k from me".
    "get you",
    "youll get",
    // "will do 25 every week".
    "do",
    // "Pagué 200 ayer y el resto, otros 200, el lunes": the paid part and the rest.
    "pague",
    "otros",
    "resto",
    "do the",
    "le deposito",
    "swing",
    "expect",
    "another",
    "remaining",
    "rest",
    "remainder",
    "pagar",
    "pago",
    "pagare",
    "mando",
    "deposito",
    "abono",
    "pay",
    "paying",
    // Chat spelling: "payin 120 tomoz".
    "payin",
    "sendin",
    "payment of",
    "send",
    "sending",
    "transfer",
    "sent",
    "paid",
    "pay you",
    "pay u",
];
const PAY_WORDS_ZH: [&str; 26] = [
    "还",
    "还清",
    "还上",
    "转账",
    "转",
    "付",
    "打款",
    "打钱",
    "汇款",
    "还款",
    "先还",
    "剩下",
    "剩余",
    "剩下的",
    "还你们",
    "给你们",
    "还你",
    "给你",
    "转你",
    "转你们",
    "转过去",
    // "这周五先还一半，1500": the half, then its sum.
    "一半",
    "打过去",
    // "还清 全部3560.5": the whole sum.
    "全部",
    "一共",
    "总共",
];

fn digits_value(s: &str) -> Option<(i64, u32)> {
    // "1,200.50" → (120050, 2 decimals seen); returns value scaled to cents (two decimals).
    // "1.500" and "1.500.000" (Latin American thousands) are whole sums: money never has three decimals.
    let dotted_thousands = s.contains('.')
        && !s.contains(',')
        && s.split('.')
            .skip(1)
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    let clean: String = s
        .chars()
        .filter(|&c| c != ',' && !(dotted_thousands && c == '.'))
        .collect();
    let (int, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if int.is_empty() || int.len() > 9 || !int.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    Some((whole * 100 + cents, u32::try_from(frac.len()).unwrap_or(0)))
}

/// Parses a Chinese numeral (`五百`, `一千二`, `两千五`, `一万二`, `三`), with the colloquial trailing digit
/// meaning one unit down (`一千五` = 1500).
pub fn chinese_number(s: &str) -> Option<i64> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        // "肆仟8百" (四千8百): a written digit between Chinese units.
        '0'..='9' => c.to_digit(10).map(i64::from),
        _ => None,
    };
    let unit = |c: char| match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut pending: Option<i64> = None;
    let mut last_unit: i64 = 1;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit(c) {
            pending = Some(d);
            // Colloquial tail: 一千五 → 1500, 一万二 → 12000.
            if i + 1 == chars.len() && i > 0 && (unit(chars[i - 1]).is_some() || chars[i - 1] == '万') {
                let scale = if chars[i - 1] == '万' { 1000 } else { last_unit / 10 };
                section += d * scale.max(1);
                pending = None;
            }
        } else if let Some(u) = unit(c) {
            section += pending.take().unwrap_or(1) * u;
            last_unit = u;
        } else if c == '万' {
            section += pending.take().unwrap_or(0);
            total += section.max(1) * 10_000;
            section = 0;
            last_unit = 10_000;
        } else {
            return None;
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

pub(super) fn is_cn_numeral(c: char) -> bool {
    "零〇一二两三四五六七八九十百千万".contains(c)
}

/// Whether the separator at `j` continues a number: a dot before one to three digits ("40.50", "1.500"), a
/// comma only before a group of exactly three digits ("1,200"). "300，25号" (a full-width comma folded to ASCII) is 300 and then
/// the 25th, not 30,025.
fn continues_number(s: &[char], j: usize) -> bool {
    let digit = |k: usize| s.get(k).is_some_and(char::is_ascii_digit);
    match s.get(j) {
        // Cents (one or two digits) or a thousands group ("1.500").
        Some('.') => (1..=3).any(|len| (1..=len).all(|k| digit(j + k)) && !digit(j + len + 1)),
        Some(',') => digit(j + 1) && digit(j + 2) && digit(j + 3) && !digit(j + 4),
        _ => false,
    }
}

/// A sum read with two decimals (`cents`) in the minor units of a currency with `exponent` decimals.
fn cents_to_minor(cents: i64, exponent: u32) -> i64 {
    match exponent {
        0 => cents / 100,
        1 => cents / 10,
        2 => cents,
        e => cents * 10_i64.pow(e - 2),
    }
}

/// Every amount in the reply, in order.
pub fn amounts(t: &Text, currency: &crate::money::Currency) -> Vec<FoundAmount> {
    let scale = cents_to_minor;
    let mut out: Vec<(usize, FoundAmount)> = Vec::new();
    let s: Vec<char> = t.lower.chars().collect();
    let n = s.len();
    let mut i = 0;
    while i < n {
        let c = s[i];
        // A numeric run: digits, commas, one dot.
        if c.is_ascii_digit() || (is_cn_numeral(c) && !matches!(c, '十' | '百' | '千' | '万')) {
            let start = i;
            let chinese = is_cn_numeral(c);
            let mut j = i;
            if chinese {
                // A single written digit before a unit stays in the run: 四千8百 is 4,800.
                while j < n
                    && (is_cn_numeral(s[j])
                        || (s[j].is_ascii_digit()
                            && !s.get(j + 1).is_some_and(char::is_ascii_digit)
                            && s.get(j + 1).is_some_and(|u| matches!(u, '十' | '百' | '千' | '万'))))
                {
                    j += 1;
                }
            } else {
                while j < n && (s[j].is_ascii_digit() || continues_number(&s, j)) {
                    j += 1;
                }
            }
            let number: String = s[start..j].iter().collect();
            let mut value = if chinese {
                chinese_number(&number).map(|v| v * 100)
            } else {
                digits_value(&number).map(|(v, _)| v)
            };
            // 万 / 千 after digits: 1.5万, 3千; and "1k", "$1.5k".
            let mut k = j;
            // A sum in 万 (1.5万, "1.5w") is money even with no currency word or paying verb beside it.
            let mut wan = false;
            if !chinese && k < n && (s[k] == '万' || s[k] == '千') {
                let unit = if s[k] == '万' { 10_000 } else { 1_000 };
                wan = s[k] == '万';
                value = value.map(|v| v * unit);
                k += 1;
                // "1千5" is 1,500 and "2万3" 23,000: a lone trailing digit counts one unit down, as in 一千五.
                if k < n && s[k].is_ascii_digit() && s.get(k + 1).is_none_or(|c| !c.is_ascii_digit()) {
                    let digit = i64::from(u32::from(s[k]) - u32::from('0'));
                    value = value.map(|v| v + digit * unit / 10 * 100);
                    k += 1;
                }
            } else if !chinese
                && k < n
                && s[k] == 'w'
                && s.get(k + 1).is_none_or(|c| !c.is_ascii_alphanumeric())
                && s.iter().any(|c| crate::reply::text::is_cjk(*c))
            {
                // "1.5w" in a Chinese reply: w is 万 (wan) in pinyin shorthand.
                value = value.map(|v| v * 10_000);
                wan = true;
                k += 1;
            } else if !chinese && k < n && s[k] == 'k' && s.get(k + 1).is_none_or(|c| !c.is_alphanumeric()) {
                value = value.map(|v| v * 1_000);
                k += 1;
            } else if !chinese {
                // "2hundred", "2 hundred", "3 thousand", "2 grand": the figure, then its unit in words.
                let gap = s[k..].iter().take_while(|c| **c == ' ').count();
                for (word, unit) in [("hundred", 100), ("thousand", 1_000), ("grand", 1_000)] {
                    let w: Vec<char> = word.chars().collect();
                    let at = k + gap;
                    if s.get(at..at + w.len()) == Some(&w[..])
                        && s.get(at + w.len()).is_none_or(|c| !c.is_alphanumeric())
                    {
                        value = value.map(|v| v * unit);
                        k = at + w.len();
                        break;
                    }
                }
            }
            let before: String = s[..start].iter().collect();
            let after: String = s[k..].iter().collect();
            let after_trim = after.trim_start();
            let symbol = before.trim_end().chars().last();
            let explicit = match symbol {
                Some('$') => Some("USD"),
                Some('£') => Some("GBP"),
                Some('¥' | '￥') => Some("CNY"),
                Some('€') => Some("EUR"),
                _ => None,
            };
            let unit_currency = [
                // "60$": the sign after the number, as some write it.
                ("$", "USD"),
                ("dollars", "USD"),
                ("dolares", "USD"),
                ("dls", "USD"),
                ("dollar", "USD"),
                ("bucks", "USD"),
                ("usd", "USD"),
                ("pounds", "GBP"),
                ("quid", "GBP"),
                ("gbp", "GBP"),
                ("euros", "EUR"),
                ("eur", "EUR"),
                ("块钱", "CNY"),
                // Cantonese: 两千蚊.
                ("蚊", "CNY"),
                ("块", "CNY"),
                ("元", "CNY"),
                ("rmb", "CNY"),
                ("cny", "CNY"),
                ("yuan", "CNY"),
                ("人民币", "CNY"),
            ]
            .into_iter()
            .find(|(u, _)| {
                after_trim.starts_with(u)
                    && after_trim[u.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_ascii_alphabetic())
            });
            let is_date_part = !chinese
                && (after.starts_with('/')
                    || after_trim.starts_with('%')
                    || before.ends_with('/')
                    || ["st", "nd", "rd", "th"].iter().any(|x| after.starts_with(x))
                    || ["am", "pm", "a.m", "p.m"].iter().any(|x| {
                        after_trim.starts_with(x)
                            && !after_trim[x.len()..]
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_alphabetic())
                    })
                    || after.starts_with(':')
                    || after.starts_with('-')
                    || before.ends_with('-'))
                || after_trim.starts_with('号')
                || after_trim.starts_with('日')
                // 3月 is March; 3000月底 is 3,000 by the month's end.
                || (after_trim.starts_with('月')
                    && s.get(start..k).is_none_or(|num| num.iter().filter(|c| c.is_ascii_digit()).count() <= 2))
                || after_trim.starts_with('天')
                || after_trim.starts_with('周')
                || after_trim.starts_with('点')
                || after_trim.starts_with("个月")
                || after_trim.starts_with('期')
                || after_trim.starts_with('条')
                || after_trim.starts_with('次')
                || after_trim.starts_with("days")
                || after_trim.starts_with("dias")
                || after_trim.starts_with("semanas")
                || after_trim.starts_with("day")
                || after_trim.starts_with("weeks")
                || after_trim.starts_with("week")
                || after_trim.starts_with("months")
                || after_trim.starts_with("hours");
            let bare_after_pay = || {
                let b = before.trim_end();
                let tail_en: String = b.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
                let en = PAY_WORDS_EN.iter().any(|w| {
                    let words: Vec<&str> = tail_en
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|x| !x.is_empty())
                        .collect();
                    let last: Vec<&str> = words.iter().rev().take(3).rev().copied().collect();
                    let joined = last.join(" ");
                    joined.ends_with(w) || last.iter().any(|x| x == w)
                });
                // "下午我就还，两千": punctuation between the verb and the sum.
                let b = b.trim_end_matches([',', '，', ':', '：']);
                let zh_tail: String = b.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                let zh = PAY_WORDS_ZH
                    .iter()
                    .any(|w| zh_tail.ends_with(w) || zh_tail.ends_with(&format!("{w}了")));
                en || zh
            };
            let currency_code = explicit.or(unit_currency.map(|(_, c)| c));
            // "se los mando el día 30", "pay on 15": a day of the month after a paying verb, not a sum.
            let day_before = !chinese
                && currency_code.is_none()
                && before
                    .split(|c: char| !c.is_alphanumeric())
                    .rfind(|w| !w.is_empty())
                    .is_some_and(|w| matches!(w, "dia" | "el" | "day" | "on" | "by" | "until" | "before"));
            // "把1500还上": the money comes before the paying verb in Chinese.
            let held = before.trim_end().ends_with('把');
            // "2026" alone is a year; "还2000" or "pay 2000" is money.
            let year_like = !chinese
                && number.len() == 4
                && number.starts_with("20")
                && currency_code.is_none()
                && !bare_after_pay();
            // A lone Chinese digit without a unit is a word (一部分, 一半, 一定), not an amount.
            let word_like = chinese && currency_code.is_none() && !number.chars().any(|c| "十百千万".contains(c));
            // "ref 88213", "my reference is 55123": a reference beside a paying verb is not a sum.
            let reference = !chinese && currency_code.is_none() && !wan && names_a_reference(&before);
            if let Some(v) = value
                && !is_date_part
                && !reference
                && !day_before
                && !year_like
                && !word_like
                && v > 0
                && (currency_code.is_some() || held || wan || bare_after_pay())
            {
                let code = currency_code.unwrap_or(currency.code);
                let exponent = crate::money::Currency::parse(code).map_or(currency.exponent, |c| c.exponent);
                let end = k + unit_currency.map_or(0, |(u, _)| (after.len() - after_trim.len()) + u.chars().count());
                let from = if explicit.is_some() {
                    start.saturating_sub(1 + before.len() - before.trim_end().len())
                } else {
                    start
                };
                let text: String = s[from.min(start)..end.min(n)].iter().collect();
                out.push((
                    start,
                    FoundAmount {
                        amount: scale(v, u32::from(exponent)),
                        currency: code,
                        text: text.trim().to_string(),
                    },
                ));
            }
            i = k.max(i + 1);
            continue;
        }
        i += 1;
    }
    // English number words before a currency word: "two hundred dollars".
    for (start, value, code, text) in english_number_amounts(t) {
        // Slang sums ("a ton", "a grand") are in the account's currency.
        let code = if code.is_empty() { currency.code } else { code };
        let exponent = crate::money::Currency::parse(code).map_or(currency.exponent, |c| c.exponent);
        out.push((
            start,
            FoundAmount {
                amount: scale(value * 100, u32::from(exponent)),
                currency: code,
                text,
            },
        ));
    }
    crate::sort::sort_by_key(&mut out, |(at, _)| *at);
    out.into_iter().map(|(_, a)| a).collect()
}

/// Whether the text just before a number names it as a reference, not a sum: "ref 88213", "my reference is
/// 55123", "confirmation number 7731", "transaction ID 993412", "order #12345", "acct no. 4521",
/// "número de referencia 3321", 流水号 20260301123, 订单号：88. A payment reference beside "paid" or "I will
/// pay" is the commonest number in a reply that is not money, and a promise of $55,123 read from it would be
/// recorded against the borrower.
pub(crate) fn names_a_reference(before: &str) -> bool {
    let b = before.trim_end();
    // 流水号, 订单号 …: the Chinese name ends in 号 and may take a colon or 是/为 before the number.
    let zh = b.trim_end_matches([':', '：', ' ', '是', '为', '#', '＃']);
    const ZH: [&str; 14] = [
        "流水号",
        "单号",
        "编号",
        "账号",
        "卡号",
        "尾号",
        "参考号",
        "交易号",
        "案号",
        "工单",
        "回执号",
        "凭证号",
        "订单",
        "序号",
    ];
    if ZH.iter().any(|w| zh.ends_with(w)) {
        return true;
    }
    // The words before the number, last first, with the connectors between a reference's name and its
    // figure ("no.", "number", "#", "is", ":") passed over.
    let words: Vec<&str> = b
        .rsplit(|c: char| c.is_whitespace() || matches!(c, ':' | '#' | '(' | ','))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/'))
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    const CONNECTORS: [&str; 14] = [
        "no", "nr", "num", "number", "nbr", "is", "was", "id", "code", "de", "es", "numero", "número", "n",
    ];
    const NAMES: [&str; 25] = [
        "ref",
        "refs",
        "reference",
        "referencia",
        "confirmation",
        "confirmación",
        "confirmacion",
        "conf",
        "transaction",
        "txn",
        "order",
        "invoice",
        "receipt",
        "recibo",
        "ticket",
        "tracking",
        "claim",
        "folio",
        "orden",
        "cheque",
        "check",
        "routing",
        "policy",
        "member",
        "customer",
    ];
    let mut passed_connector = b.ends_with(['#', ':', '＃', '：']);
    for w in words {
        if NAMES.contains(&w) {
            // "check 200" may be a sum ("sent a check 200"); "check no. 1043" is a reference.
            return !matches!(w, "check" | "cheque") || passed_connector;
        }
        if CONNECTORS.contains(&w) {
            passed_connector = true;
            continue;
        }
        // "account number 40021873", "acct no 4521": an account named by its number.
        return passed_connector && matches!(w, "account" | "acct" | "a/c" | "loan" | "case" | "cuenta" | "card");
    }
    false
}

/// The value of one number word, English or Spanish ("one", "fifty", "doscientos"); `None` for anything else.
fn small(w: &str) -> Option<i64> {
    let v = match w {
        "one" | "a" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        // Spanish: "doscientos dólares", "mil quinientos", "noventa y cinco".
        "uno" | "un" => 1,
        "dos" => 2,
        "tres" => 3,
        "cuatro" => 4,
        "cinco" => 5,
        "seis" => 6,
        "siete" => 7,
        "ocho" => 8,
        "nueve" => 9,
        "diez" => 10,
        "quince" => 15,
        "veinte" => 20,
        "treinta" => 30,
        "cuarenta" => 40,
        "cincuenta" => 50,
        "sesenta" => 60,
        "setenta" => 70,
        "ochenta" => 80,
        "noventa" => 90,
        "cien" | "ciento" => 100,
        "doscientos" => 200,
        "trescientos" => 300,
        "cuatrocientos" => 400,
        "quinientos" => 500,
        "seiscientos" => 600,
        "setecientos" => 700,
        "ochocientos" => 800,
        "novecientos" => 900,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(v)
}

/// The currency a currency word names ("bucks", "quid", "dólares").
fn currency_word(w: &str) -> Option<&'static str> {
    match w {
        "dollars" | "dollar" | "bucks" | "dolares" | "dolar" => Some("USD"),
        "pounds" | "pound" | "quid" => Some("GBP"),
        _ => None,
    }
}

/// The value of a run of number words ("two hundred and fifty", "mil quinientos"), and whether it held one;
/// `None` past a billion (stacked multipliers, "hundred hundred hundred…", are no sum and must not overflow).
fn words_value(run: &[&str]) -> Option<(i64, bool)> {
    const MOST: i64 = 1_000_000_000;
    let (mut total, mut current, mut any) = (0i64, 0i64, false);
    for x in run {
        match *x {
            "hundred" => current = current.max(1).checked_mul(100)?,
            "thousand" | "mil" => {
                total = total.checked_add(current.max(1).checked_mul(1000)?)?;
                current = 0;
            }
            // "the full hunner an twenty" said aloud (blind33).
            "and" | "an" | "y" => {}
            other => {
                if let Some(v) = small(other) {
                    current = current.checked_add(v)?;
                    any = true;
                }
            }
        }
        if total > MOST || current > MOST {
            return None;
        }
    }
    let value = total.checked_add(current)?;
    (value <= MOST).then_some((value, any))
}

fn english_number_amounts(t: &Text) -> Vec<(usize, i64, &'static str, String)> {
    let mut out = Vec::new();
    // Voice-to-text homophones before a scale word: "i can pay to hundred" (200), "for hundred" (400).
    let heard: Vec<String> = t
        .tokens
        .iter()
        .enumerate()
        .map(|(i, w)| match (w.as_str(), t.tokens.get(i + 1).map(String::as_str)) {
            ("to" | "too", Some("hundred" | "thousand")) => "two".to_string(),
            ("for", Some("hundred" | "thousand")) => "four".to_string(),
            _ => w.clone(),
        })
        .collect();
    let toks = &heard;
    // "send a ton tomorrow" (100), "a grand by Friday" (1,000); not "a ton of letters".
    for (i, w) in toks.iter().enumerate() {
        let (slang, needs_a) = match w.as_str() {
            "ton" => (100, true),
            "grand" => (1_000, true),
            // "sending a band friday" (a thousand, blind35).
            "band" => (1_000, true),
            // British: a tenner, a fiver ("Tenner a week starting Monday").
            "tenner" => (10, false),
            // British slang after "a": a score (20), a pony (25), a monkey (500).
            "score" => (20, true),
            "pony" => (25, true),
            "monkey" => (500, true),
            "fiver" => (5, false),
            _ => continue,
        };
        if (!needs_a || (i > 0 && toks[i - 1] == "a")) && toks.get(i + 1).is_none_or(|n| n != "of") {
            out.push((
                t.lower.find(&format!("a {w}")).unwrap_or(0),
                slang,
                "",
                format!("a {w}"),
            ));
        }
    }
    for (i, w) in toks.iter().enumerate() {
        let Some(code) = currency_word(w) else { continue };
        if i == 0 {
            continue;
        }
        let mut j = i;
        while j > 0 {
            let x = toks[j - 1].as_str();
            if small(x).is_some() || matches!(x, "hundred" | "thousand" | "and" | "mil" | "y") {
                j -= 1;
            } else {
                break;
            }
        }
        let run: Vec<&str> = toks[j..i].iter().map(String::as_str).collect();
        if let Some((value, true)) = words_value(&run) {
            let text = toks[j..=i].join(" ");
            out.push((t.lower.find(&toks[j]).unwrap_or(0), value, code, text));
        }
    }
    // Number words right after a paying verb, with no currency word: "te mando mil quinientos el 15", "gonna pay
    // one fifty monday" (spoken hundreds: one fifty is 150). Only runs that name tens or more, so "pay one" or
    // "pago dos" (a count) are not sums; a unit of time after the run ("pay two hundred days") makes it a count.
    for (i, w) in toks.iter().enumerate() {
        if !matches!(
            w.as_str(),
            "pay"
                | "send"
                | "sending"
                | "paying"
                | "do"
                | "have"
                | "mando"
                | "pago"
                | "deposito"
                | "abono"
                | "pagar"
                | "mandar"
                | "the"
                // Said aloud (blind33): "le doy los otros cien", "ya le di cien", "le pago todo, los trescientos
                // cuarenta", "I will give fifty".
                | "di"
                | "doy"
                | "los"
                | "otros"
                | "give"
                | "giving"
        ) {
            continue;
        }
        let mut j = i + 1;
        if toks.get(j).is_some_and(|x| {
            matches!(
                x.as_str(),
                "you" | "u" | "ya" | "te" | "le" | "les" | "los" | "like" | "whole" | "full" | "entire" | "yall"
            )
        }) {
            j += 1;
        }
        let from = j;
        // "a hundred tonight": the article counts before a scale word only.
        let a_scale = |k: usize| {
            toks.get(k + 1)
                .is_some_and(|n| matches!(n.as_str(), "hundred" | "thousand"))
        };
        while toks.get(j).is_some_and(|x| {
            (small(x).is_some() && (x != "a" || a_scale(j)))
                || matches!(x.as_str(), "hundred" | "thousand" | "mil" | "y" | "and" | "an")
        }) {
            j += 1;
        }
        let run: Vec<&str> = toks[from..j].iter().map(String::as_str).collect();
        if run.is_empty()
            || matches!(run.last(), Some(&"y" | &"and" | &"an"))
            || matches!(run.first(), Some(&"and" | &"an"))
        {
            continue;
        }
        let after = toks.get(j).map_or("", String::as_str);
        if currency_word(after).is_some()
            || matches!(
                after,
                "days" | "weeks" | "months" | "dias" | "semanas" | "meses" | "times" | "veces" | "of" | "de"
            )
        {
            continue;
        }
        let values: Vec<Option<i64>> = run.iter().map(|x| small(x)).collect();
        let value = match values.as_slice() {
            // Spoken hundreds: "one fifty" (150), "two twenty five" (225).
            [Some(h @ 1..=9), Some(tens @ 20..=90)] if run[0] != "un" && run[0] != "uno" => h * 100 + tens,
            [Some(h @ 1..=9), Some(tens @ 20..=90), Some(u @ 1..=9)] => h * 100 + tens + u,
            _ => match words_value(&run) {
                Some((v, _)) => v,
                None => continue,
            },
        };
        if value >= 20 {
            // As written ("to hundred"), not as heard.
            let said = &t.tokens[from..j];
            out.push((t.lower.find(said[0].as_str()).unwrap_or(0), value, "", said.join(" ")));
        }
    }
    // A run of number words with a scale in it, anywhere: "el veintitrés, ciento cincuenta, el veintitrés sin falta"
    // (a voicemail transcribed, blind33). Hundreds are money in a reply about a debt, unless a unit follows.
    let hundreds = |x: &str| {
        matches!(
            x,
            "hundred"
                | "thousand"
                | "mil"
                | "cien"
                | "ciento"
                | "doscientos"
                | "trescientos"
                | "cuatrocientos"
                | "quinientos"
                | "seiscientos"
                | "setecientos"
                | "ochocientos"
                | "novecientos"
        )
    };
    let mut i = 0;
    while i < toks.len() {
        let word = |k: usize| {
            toks.get(k).is_some_and(|x| {
                small(x).is_some_and(|_| x != "a" || toks.get(k + 1).is_some_and(|n| hundreds(n)))
                    || hundreds(x)
                    || matches!(x.as_str(), "y" | "and" | "an")
            })
        };
        if !word(i) || matches!(toks[i].as_str(), "y" | "and" | "an") {
            i += 1;
            continue;
        }
        let from = i;
        while word(i) {
            i += 1;
        }
        let mut to = i;
        while to > from && matches!(toks[to - 1].as_str(), "y" | "and" | "an") {
            to -= 1;
        }
        let run: Vec<&str> = toks[from..to].iter().map(String::as_str).collect();
        let after = toks.get(to).map_or("", String::as_str);
        let said_already = out
            .iter()
            .any(|(_, _, _, text): &(usize, i64, &str, String)| text.contains(&t.tokens[from]));
        if run.iter().any(|x| hundreds(x))
            && !said_already
            && currency_word(after).is_none()
            && !matches!(
                after,
                "days"
                    | "weeks"
                    | "months"
                    | "years"
                    | "dias"
                    | "semanas"
                    | "meses"
                    | "anos"
                    | "times"
                    | "veces"
                    | "of"
            )
            && let Some((value, true)) = words_value(&run)
            && value >= 100
        {
            let said = &t.tokens[from..to];
            out.push((t.lower.find(said[0].as_str()).unwrap_or(0), value, "", said.join(" ")));
        }
    }
    out
}

/// The amount a promise is about: in the account's currency, and when the reply also says part is paid,
/// the one nearest a paying-later word ("paid 200, the other 300 on Friday" → 300), else the first.
pub fn promised_amount<'a>(
    t: &Text,
    amounts: &'a [FoundAmount],
    currency: &str,
    part_paid: bool,
) -> Option<&'a FoundAmount> {
    let own: Vec<&FoundAmount> = amounts.iter().filter(|a| a.currency == currency).collect();
    // "ill do 300 or 400 tomorrow": two sums offered as alternatives name no amount.
    let alternatives = own.windows(2).any(|pair| {
        let (Some(a), Some(b)) = (
            t.lower.find(pair[0].text.as_str()),
            t.lower.rfind(pair[1].text.as_str()),
        ) else {
            return false;
        };
        let between = t.lower.get(a + pair[0].text.len()..b).unwrap_or_default().trim();
        matches!(between, "or" | "o" | "或" | "或者" | "/")
    });
    if alternatives {
        return None;
    }
    // "I accept the balance of £1,480.22. I will clear it in monthly instalments of £100": the promise is one
    // instalment, named as such.
    let instalment = own.iter().find(|a| {
        t.lower.find(a.text.as_str()).is_some_and(|at| {
            let from = (0..=at.saturating_sub(20))
                .rev()
                .find(|&i| t.lower.is_char_boundary(i))
                .unwrap_or(0);
            let before = t.lower.get(from..at).unwrap_or_default();
            [
                "instalments of",
                "installments of",
                "monthly payments of",
                "payments of",
                "cuotas de",
                "每期",
            ]
            .iter()
            .any(|w| before.contains(w))
        })
    });
    if own.len() >= 2
        && let Some(a) = instalment
    {
        return Some(*a);
    }
    let paid_words = [
        "paid", "sent", "already", "pague", "ya", "已经", "已还", "还了", "已付", "付了", "转了",
    ];
    let rest_words = [
        "rest",
        "remaining",
        "remainder",
        "balance",
        "other",
        "resto",
        "demas",
        "falta",
        "剩下",
        "剩余",
        "其余",
        "另外",
    ];
    // "上周已经还了2000了，剩下的3000月底前还清": a part paid and the rest promised, read so even where the paid part
    // is not an intent of its own.
    let part_paid = part_paid
        || (["已经还", "还了", "已还", "已付", "付了", "转了"]
            .iter()
            .any(|w| t.compact.contains(w))
            || ["paid", "sent", "already", "pague"].iter().any(|w| t.has_words(w)))
            && rest_words.iter().any(|w| t.lower.contains(w));
    if !part_paid || own.len() < 2 {
        return own.first().copied();
    }
    // The text between the previous amount and this one says what it is: a paid word without a "rest" word
    // marks the paid part; the promised amount is the other.
    let mut prev_end = 0;
    let mut promised = None;
    for a in &own {
        let at = t.lower[prev_end..]
            .find(a.text.as_str())
            .map_or(prev_end, |i| prev_end + i);
        let segment = &t.lower[prev_end..at];
        let paid_here =
            paid_words.iter().any(|w| segment.contains(w)) && !rest_words.iter().any(|w| segment.contains(w));
        if !paid_here && promised.is_none() {
            promised = Some(*a);
        }
        prev_end = at + a.text.len();
    }
    promised.or_else(|| own.last().copied())
}

/// Words after a bare number that make it a time, a count or a date part, not money.
const NOT_MONEY_AFTER: [&str; 40] = [
    "st",
    "nd",
    "rd",
    "th",
    "am",
    "pm",
    "a.m",
    "p.m",
    ":",
    "/",
    "-",
    "%",
    "号",
    "日",
    "月",
    "天",
    "周",
    "点",
    "个",
    "期",
    "次",
    "年",
    "分",
    "day",
    "week",
    "month",
    "year",
    "hour",
    "hr",
    "min",
    "dia",
    "semana",
    "mes",
    "ano",
    "hora",
    "de enero",
    "de febrero",
    "de marzo",
    "de abril",
    "de mayo",
];
const NOT_MONEY_AFTER_MONTHS: [&str; 7] = [
    "de junio",
    "de julio",
    "de agosto",
    "de septiembre",
    "de octubre",
    "de noviembre",
    "de diciembre",
];
/// Words before a bare number that make it a day, a reference or a count, not money.
const NOT_MONEY_BEFORE: [&str; 40] = [
    "the",
    "el",
    "on",
    "by",
    "before",
    "until",
    "till",
    "til",
    "after",
    "day",
    "dia",
    "no",
    "#",
    "case",
    "account",
    "acct",
    "ending",
    "number",
    "x",
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
];
const NOT_MONEY_BEFORE_MORE: [&str; 9] = [
    "november", "dec", "december", "in", "every", "each", "cada", "los dias", "around",
];

/// A promise's amount written as a bare number with no currency and no paying verb right before it
/// ("gonna do 300 tmrw", "los 300", "un payment de 75"): taken only when exactly one number in the reply
/// could be money. A number that is part of a date found in the reply, a time, a day of the month, a count
/// of days or weeks, a year, a percentage or a reference (case, account, phone) is not.
pub fn bare_amount(t: &Text, dates: &[String], currency: &crate::money::Currency) -> Option<FoundAmount> {
    let s: Vec<char> = t.lower.chars().collect();
    let n = s.len();
    let mut found: Vec<FoundAmount> = Vec::new();
    let mut i = 0;
    while i < n {
        // A digit run on its own: not inside a word or a longer number ("A88213", "3.5"); Chinese may touch it.
        if !s[i].is_ascii_digit() || (i > 0 && (s[i - 1].is_ascii_alphanumeric() || matches!(s[i - 1], '.' | ','))) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < n && (s[j].is_ascii_digit() || continues_number(&s, j)) {
            j += 1;
        }
        let number: String = s[start..j].iter().collect();
        i = j;
        let Some((mut value, _)) = digits_value(&number) else {
            continue;
        };
        let mut end = j;
        if s.get(j) == Some(&'k') && s.get(j + 1).is_none_or(|c| !c.is_alphanumeric()) {
            value = value.saturating_mul(1_000);
            end += 1;
        } else if s.get(j).is_some_and(|c| c.is_alphabetic() && !is_cn_numeral(*c)) {
            // "3x", "2nd", "300abc": not a bare sum.
            if !s.get(j).is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
                continue;
            }
        }
        let whole_digits = number.chars().filter(char::is_ascii_digit).count();
        let before: String = s[..start].iter().collect();
        let after: String = s[end..].iter().collect();
        let after = after.trim_start();
        let prev_word: String = before
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '#')
            .to_string();
        let year_like = whole_digits == 4 && (number.starts_with("19") || number.starts_with("20"));
        let in_date = dates.iter().any(|d| {
            t.lower.match_indices(d.as_str()).any(|(at, _)| {
                let from = t.lower[..at].chars().count();
                let to = from + d.chars().count();
                start >= from && start < to
            })
        });
        let unit_after = NOT_MONEY_AFTER.iter().chain(NOT_MONEY_AFTER_MONTHS.iter()).any(|w| {
            after.starts_with(w) && {
                let rest = &after[w.len()..];
                !w.chars().all(|c| c.is_ascii_alphabetic())
                    || rest.chars().next().is_none_or(|c| !c.is_ascii_alphabetic())
                    || rest.starts_with('s')
            }
        });
        let ref_before = NOT_MONEY_BEFORE
            .iter()
            .chain(NOT_MONEY_BEFORE_MORE.iter())
            .any(|w| prev_word == *w)
            || before.trim_end().ends_with('#')
            || before.trim_end().ends_with('/')
            || before.trim_end().ends_with('第')
            || names_a_reference(&before);
        if value < 1_000 || whole_digits > 6 || year_like || in_date || unit_after || ref_before {
            continue;
        }
        found.push(FoundAmount {
            amount: cents_to_minor(value, u32::from(currency.exponent)),
            currency: currency.code,
            text: s[start..end].iter().collect(),
        });
    }
    // Chinese numerals with a unit of hundreds or more (四千二, 三千五, 两万): "下个月一定还清 四千二", "三千五 这周五转你".
    // A lone digit (一定, 三天) is a word or a count, and a unit word after the numeral (三千多天, 五百次) keeps it one.
    let mut i = 0;
    while i < n {
        if !is_cn_numeral(s[i]) || matches!(s[i], '十' | '百' | '千' | '万') {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && is_cn_numeral(s[i]) {
            i += 1;
        }
        let number: String = s[start..i].iter().collect();
        if !number.chars().any(|c| matches!(c, '百' | '千' | '万')) {
            continue;
        }
        let after: String = s[i..].iter().collect();
        let after = after.trim_start().trim_start_matches('多');
        if NOT_MONEY_AFTER.iter().any(|w| !w.is_ascii() && after.starts_with(w))
            || ["人", "遍", "条", "公里", "字", "分钟", "小时"]
                .iter()
                .any(|w| after.starts_with(w))
        {
            continue;
        }
        if let Some(v) = chinese_number(&number) {
            found.push(FoundAmount {
                amount: cents_to_minor(v * 100, u32::from(currency.exponent)),
                currency: currency.code,
                text: number,
            });
        }
    }
    // "200 on the 1st, 200 on the 15th": the same sum said twice is one instalment's amount.
    let one_sum = found
        .first()
        .is_some_and(|f| found.iter().all(|g| g.amount == f.amount));
    one_sum.then(|| found.remove(0))
}

/// The share of a named sum a promise is for: "half of the $860", "a third of it", 先还一半, "la mitad", "10%",
/// "un 25%" — as (numerator, denominator). `None` when the reply names no share, pays a sum "each" time, or
/// names the share's own sum ("half is 240").
pub fn share(t: &Text) -> Option<(i64, i64)> {
    // "half is 240", "先还一半，1500": the sum named is the share itself (the reply is folded: "，" reads ",").
    let share_named = ["half is", "half would be", "一半是", "la mitad es", "la mitad son"];
    // "先还一半，1500", "te pago la mitad, 175", "half, 90": the share, then its own sum.
    // Also "先还一半，两千" (a Chinese numeral) and "pay half now ($450)" (the sum in brackets just after).
    let half_then_sum = ["一半,", "lamitad,", "half,"].iter().any(|h| {
        t.compact.match_indices(h).any(|(i, m)| {
            t.compact[i + m.len()..]
                .starts_with(|c: char| c.is_ascii_digit() || c == '$' || c == '¥' || is_cn_numeral(c))
        })
    }) || ["一半", "lamitad", "half"].iter().any(|h| {
        t.compact.match_indices(h).any(|(i, m)| {
            let after: String = t.compact[i + m.len()..].chars().take(8).collect();
            after.find('(').is_some_and(|b| {
                after[b + 1..].starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '£' | '¥' | '€'))
            })
        })
    });
    if half_then_sum
        || share_named.iter().any(|w| {
            if w.is_ascii() {
                t.has_words(w)
            } else {
                t.compact.contains(w)
            }
        })
    {
        return None;
    }
    if ["each", "cada uno", "cada una", "每期", "各"]
        .iter()
        .any(|w| t.has_words(w) || (!w.is_ascii() && t.compact.contains(w)))
    {
        return None;
    }
    let s: Vec<char> = t.lower.chars().collect();
    if let Some(p) = s.iter().position(|c| *c == '%') {
        let digits: String = s[..p]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if let Ok(n) = digits.parse::<i64>()
            && (1..=100).contains(&n)
        {
            return Some((n, 100));
        }
    }
    let words: [(&str, (i64, i64)); 11] = [
        ("half", (1, 2)),
        ("a third", (1, 3)),
        ("one third", (1, 3)),
        ("a quarter", (1, 4)),
        ("la mitad", (1, 2)),
        ("un tercio", (1, 3)),
        ("una tercera parte", (1, 3)),
        ("un cuarto", (1, 4)),
        ("一半", (1, 2)),
        ("三分之一", (1, 3)),
        ("四分之一", (1, 4)),
    ];
    words
        .iter()
        .find(|(w, _)| {
            let named = if w.is_ascii() {
                t.has_words(w) && !t.has_words("half past")
            } else {
                t.compact.contains(w)
            };
            named && !share_of_income(t, w)
        })
        .map(|(_, f)| *f)
}

/// "这个月单子少了一半，只能先还300", "estoy ganando la mitad. Le voy a mandar $50": the share measures what the
/// borrower lost or earns, not the payment. True when every clause that names the share speaks of income.
fn share_of_income(t: &Text, share: &str) -> bool {
    const INCOME: [&str; 22] = [
        "少了", "减少", "减半", "降", "收入", "工资", "单子", "生意", "ganando", "gano", "gana ", "ingresos", "sueldo",
        "earning", "making", "income", "hours", "wages", "salary", "pay cut", "cut in", "lost",
    ];
    let with: Vec<&str> = t
        .lower
        .split(['，', ',', '.', '。', '!', '！', '?', '？', ';', '；', '\n'])
        .filter(|c| c.contains(share))
        .collect();
    !with.is_empty() && with.iter().all(|c| INCOME.iter().any(|i| c.contains(i)))
}
