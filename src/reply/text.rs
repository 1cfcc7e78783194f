//! Reply text, normalised once for every rule: lower case, full-width forms folded to ASCII, apostrophes
//! dropped (`don't` → `dont`), and two views — English words padded with spaces so a cue matches whole
//! words only, and a compact form without spaces for Chinese, where words are not separated.
#![allow(
    clippy::indexing_slicing,
    reason = "the scanners walk a reply's characters with look-behind and look-ahead at positions checked against the length; not yet rewritten with `get` (issue 18: the core denies it everywhere else)"
)]

/// A normalised reply.
#[derive(Debug, Clone)]
pub struct Text {
    /// Lower case, full-width folded, curly quotes straightened; punctuation kept.
    pub lower: String,
    /// Alphanumeric tokens joined by single spaces, with a leading and a trailing space.
    pub words: String,
    /// `lower` without whitespace.
    pub compact: String,
    /// The tokens.
    pub tokens: Vec<String>,
    /// The tokens as typed, when spelling out shorthand changed them (see [`Text::typed_tokens`]).
    typed_tokens: Option<Vec<String>>,
}

/// Letters, digits and `*` (masked swearing) make words; a Chinese character is a word of its own so that
/// English cues still find their boundaries in mixed text.
fn tokenize(lower: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    for c in lower.chars() {
        if is_cjk(c) {
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
            tokens.push(c.to_string());
        } else if c.is_alphanumeric() || c == '*' {
            cur.push(c);
        } else if !cur.is_empty() {
            tokens.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    tokens
}

/// Folds a character: full-width ASCII (U+FF01–U+FF5E) to ASCII, the ideographic space to a space, curly
/// quotes to straight ones, then lower case.
fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        // Spanish accents fold away so `pagaré` and `pagare`, `mañana` typed either way, match one cue; ñ stays.
        'á' | 'Á' => 'a',
        'é' | 'É' => 'e',
        'í' | 'Í' => 'i',
        'ó' | 'Ó' => 'o',
        'ú' | 'Ú' | 'ü' | 'Ü' => 'u',
        '¿' | '¡' => ' ',
        _ => traditional(c),
    };
    c.to_lowercase().next().unwrap_or(c)
}

/// A traditional character (Hong Kong, Taiwan) or a Cantonese word as its simplified / Mandarin form, so the
/// Chinese cues (written in simplified characters) read 我下個禮拜一會還你哋 as 我下个礼拜一会还你们: the common
/// characters of replies about money, contact and hardship (冇 → 没, 佢 → 他, 哋 → 们, 嚟 → 来, 畀 → 给).
fn traditional(c: char) -> char {
    match c {
        // The capital numerals of receipts and formal letters (壹仟贰佰元整) read as the everyday ones.
        '壹' => '一',
        '贰' | '貳' => '二',
        '叁' | '參' => '三',
        '肆' => '四',
        '伍' => '五',
        '柒' => '七',
        '捌' => '八',
        '玖' => '九',
        '拾' => '十',
        '佰' => '百',
        '仟' => '千',
        '個' => '个',
        '還' => '还',
        '會' => '会',
        '們' => '们',
        '禮' => '礼',
        '這' => '这',
        '來' => '来',
        '對' => '对',
        '筆' => '笔',
        '並' => '并',
        '無' => '无',
        '煩' => '烦',
        '請' => '请',
        '約' => '约',
        '細' => '细',
        '貴' => '贵',
        '錢' => '钱',
        '號' => '号',
        '後' => '后',
        '給' => '给',
        '說' => '说',
        '話' => '话',
        '電' => '电',
        '債' => '债',
        '務' => '务',
        '銀' => '银',
        '帳' => '账',
        '賬' => '账',
        '戶' => '户',
        '額' => '额',
        '時' => '时',
        '間' => '间',
        '於' => '于',
        '與' => '与',
        '為' => '为',
        '麼' => '么',
        '嗎' => '吗',
        '沒' => '没',
        '關' => '关',
        '聯' => '联',
        '繫' => '系',
        '帶' => '带',
        '發' => '发',
        '開' => '开',
        '難' => '难',
        '經' => '经',
        '業' => '业',
        '醫' => '医',
        '療' => '疗',
        '氣' => '气',
        '當' => '当',
        '實' => '实',
        '雙' => '双',
        '點' => '点',
        '見' => '见',
        '現' => '现',
        '讓' => '让',
        '處' => '处',
        '條' => '条',
        '兩' => '两',
        '萬' => '万',
        '塊' => '块',
        '幾' => '几',
        '週' => '周',
        '報' => '报',
        '據' => '据',
        '記' => '记',
        '錄' => '录',
        '證' => '证',
        '書' => '书',
        '寫' => '写',
        '碼' => '码',
        '機' => '机',
        '辦' => '办',
        '樣' => '样',
        '應' => '应',
        '該' => '该',
        '從' => '从',
        '過' => '过',
        '長' => '长',
        '張' => '张',
        '訊' => '讯',
        '簡' => '简',
        '網' => '网',
        '絡' => '络',
        '費' => '费',
        '罰' => '罚',
        '貸' => '贷',
        '騙' => '骗',
        '騷' => '骚',
        '擾' => '扰',
        '違' => '违',
        '規' => '规',
        '訴' => '诉',
        '師' => '师',
        '產' => '产',
        '裡' => '里',
        '裏' => '里',
        '爺' => '爷',
        '媽' => '妈',
        '親' => '亲',
        '別' => '别',
        '嚇' => '吓',
        '鐘' => '钟',
        '頭' => '头',
        '單' => '单',
        '匯' => '汇',
        '轉' => '转',
        '寶' => '宝',
        '聽' => '听',
        '謝' => '谢',
        '問' => '问',
        '題' => '题',
        '計' => '计',
        '劃' => '划',
        '數' => '数',
        '變' => '变',
        '壞' => '坏',
        '邊' => '边',
        '東' => '东',
        '進' => '进',
        '錯' => '错',
        '誤' => '误',
        '識' => '识',
        '認' => '认',
        '權' => '权',
        '護' => '护',
        '險' => '险',
        '總' => '总',
        '結' => '结',
        '償' => '偿',
        '紀' => '纪',
        '剛' => '刚',
        '將' => '将',
        '區' => '区',
        '場' => '场',
        '職' => '职',
        '資' => '资',
        '離' => '离',
        '喪' => '丧',
        '鬧' => '闹',
        '懷' => '怀',
        '養' => '养',
        '盡' => '尽',
        '緊' => '紧',
        '湊' => '凑',
        '夠' => '够',
        '歲' => '岁',
        '員' => '员',
        '級' => '级',
        '態' => '态',
        '賴' => '赖',
        '鄉' => '乡',
        '縣' => '县',
        '買' => '买',
        '賣' => '卖',
        '貨' => '货',
        '門' => '门',
        '頁' => '页',
        '統' => '统',
        '線' => '线',
        '則' => '则',
        '勞' => '劳',
        '動' => '动',
        '監' => '监',
        '協' => '协',
        '聞' => '闻',
        '滿' => '满',
        '閒' => '闲',
        '準' => '准',
        '備' => '备',
        '復' => '复',
        '雖' => '虽',
        '歡' => '欢',
        '樂' => '乐',
        '術' => '术',
        '義' => '义',
        '團' => '团',
        '體' => '体',
        '觀' => '观',
        '讀' => '读',
        '隨' => '随',
        '鬆' => '松',
        '著' => '着',
        '擔' => '担',
        '憂' => '忧',
        '驚' => '惊',
        '績' => '绩',
        '罵' => '骂',
        '冇' => '没',
        '佢' => '他',
        '哋' => '们',
        '嚟' => '来',
        '畀' => '给',
        _ => c,
    }
}

/// The borrower's own words: a reply that quotes the collector's message — e-mail `>` lines, or a forwarded SMS
/// that opens with the sender's 【signature】 — is read without the quote, so the quote's "Reply STOP to opt
/// out", 回T退订 or "$250.00 is past due" are not taken for the borrower's revocation or amount. A reply that is
/// nothing but a quote is read as it is.
pub fn own_words(raw: &str) -> std::borrow::Cow<'_, str> {
    if let Some(own) = without_their_words_quoted(raw) {
        return std::borrow::Cow::Owned(own_words(&own).into_owned());
    }
    let raw = match without_quoted_footer(raw) {
        Some(own) => return std::borrow::Cow::Owned(own_words(&own).into_owned()),
        None => raw,
    };
    if let Some(own) = before_quoted_history(raw) {
        return own_words(own);
    }
    let quoted = |l: &str| {
        let l = l.trim_start();
        // "> …" and "【Lender】…" lines, also when marked as forwarded (转发：【…】).
        let l = l
            .strip_prefix("转发：")
            .or_else(|| l.strip_prefix("转发:"))
            .unwrap_or(l);
        l.starts_with('>') || (l.starts_with('【') && l.contains('】'))
    };
    if !raw.lines().any(quoted) {
        return std::borrow::Cow::Borrowed(raw);
    }
    let own: Vec<&str> = raw.lines().filter(|l| !quoted(l)).collect();
    if own.iter().all(|l| l.trim().is_empty()) {
        return std::borrow::Cow::Borrowed(raw);
    }
    std::borrow::Cow::Owned(own.join("\n"))
}

/// A message no person wrote to the lender: an auto-reply, a bounce, a carrier's or a bot's notice, recognised
/// by how it opens ("Automatic reply:", "Out of office", "Delivery has failed", 退信通知, 您拨打的用户…). Its return
/// dates, numbers and amounts (often the lender's own, bounced back) are no one's promise (blind37). A line a person
/// typed above one opens otherwise, and is read.
pub fn machine_written(raw: &str) -> bool {
    const OPENINGS: [&str; 24] = [
        "automatic reply",
        "auto-reply",
        "autoreply",
        "auto reply",
        "out of office",
        "i am currently out of the office",
        "i'm currently out of the office",
        "i am out of the office",
        "this is an automated",
        "this is an automatic",
        "delivery has failed",
        "undeliverable",
        "mail delivery",
        "delivery status notification",
        "message not delivered",
        "respuesta automática",
        "respuesta automatica",
        "fuera de la oficina",
        "自动回复",
        "退信通知",
        "您拨打的用户",
        "该用户已开启",
        "系统通知",
        "[自动回复]",
    ];
    // Said anywhere, these are a machine's words: a carrier, a phone's driving mode, a bot, a mailbox.
    const SIGNATURES: [&str; 30] = [
        "do not disturb turned on",
        "driving with do not disturb",
        "you're unsubscribed from",
        "youre unsubscribed from",
        "reply start to resubscribe",
        "cannot receive messages",
        "has not been delivered",
        "this mailbox is not monitored",
        "automatic response:",
        "virtual assistant",
        "(auto-reply)",
        "(automatic reply)",
        "no puede recibir mensajes",
        "no fue entregado",
        "has cancelado tu suscripcion",
        "has cancelado tu suscripción",
        "asistente virtual",
        "responde start",
        "自动回复",
        "驾驶模式",
        "已停机",
        "发送失败",
        "被对方拒收",
        "智能客服",
        "您已成功退订",
        "已为您拦截",
        "系统自动发送",
        "请勿回复",
        "邮件已收到，我们将",
        "read: ",
    ];
    let first = raw
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let lower = raw.to_lowercase();
    OPENINGS.iter().any(|o| first.starts_with(o))
        || (first.contains("virtual assistant") && first.contains("didn't understand"))
        || SIGNATURES.iter().any(|s| {
            if *s == "read: " {
                first.starts_with(s)
            } else {
                lower.contains(s)
            }
        })
}

/// The collector's own words quoted inline — "Your letter says you 'expect payment by the 15th.' Expect away.",
/// 你们说的"15号前必须还清"，我看还是算了吧 — are theirs, not the borrower's: the quote is dropped when the words just
/// before it attribute it to the collector (your letter says, you said, 你们说的, su carta dice). `None` when no
/// such quote is found, or when nothing but the quote would be left.
fn without_their_words_quoted(raw: &str) -> Option<String> {
    const THEIRS: [&str; 22] = [
        "letter says",
        "letter said",
        "message says",
        "message said",
        "text says",
        "text said",
        "you say",
        "you said",
        "you wrote",
        "you want",
        "you demand",
        "your words",
        "你们说",
        "你说",
        "短信说",
        "短信上说",
        "信上说",
        "写着",
        "dicen",
        "dice su",
        "carta dice",
        "me dijeron",
    ];
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut dropped = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let close = match c {
            '"' => Some('"'),
            '\u{201C}' => Some('\u{201D}'),
            '\u{2018}' => Some('\u{2019}'),
            '「' => Some('」'),
            '『' => Some('』'),
            // A straight single quote opens a quote only after a space (not in "don't").
            '\'' if i == 0 || chars.get(i - 1).is_some_and(|p| p.is_whitespace()) => Some('\''),
            _ => None,
        };
        let end = close.and_then(|close| {
            (i + 1..chars.len()).find(|&j| {
                chars.get(j) == Some(&close) && (close != '\'' || chars.get(j + 1).is_none_or(|n| !n.is_alphanumeric()))
            })
        });
        let before: String = chars
            .get(i.saturating_sub(24)..i)
            .unwrap_or_default()
            .iter()
            .collect::<String>()
            .to_lowercase();
        match end {
            Some(j) if THEIRS.iter().any(|w| before.contains(w)) => {
                out.push(' ');
                dropped = true;
                i = j + 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    (dropped && out.chars().any(char::is_alphanumeric)).then_some(out)
}

/// An e-mail reply above the message it answers: everything from the first history marker on
/// ("-----Original Message-----", "On Tue, … wrote:", "From: Accounts Team", 发件人：, or a bare rule above a
/// pasted message with a collector's footer) is the collector's, so its
/// "Reply STOP to opt out" or "$1,482.19 past due" are not the borrower's. `None` when there is no marker or no
/// own text above it.
fn before_quoted_history(raw: &str) -> Option<&str> {
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let l = line.trim().to_lowercase();
        let marker = (l.starts_with("-----") && (l.contains("original message") || l.contains("mensaje original")))
            || (l.starts_with("on ") && l.ends_with("wrote:"))
            || (l.starts_with("el ") && l.ends_with("escribió:"))
            || l.starts_with("from:")
            || l.starts_with("发件人")
            // A mobile signature ("Sent from my iPhone", "Enviado desde mi Galaxy", 发自我的iPhone) ends the
            // borrower's words: "sent" there is no payment.
            || l.starts_with("sent from my")
            || l.starts_with("enviado desde mi")
            || l.starts_with("发自我的")
            || l.starts_with("de:")
            // A rule ("----", "____") above the collector's text pasted back, footer and all.
            || (l.chars().count() >= 2
                && l.chars().all(|c| matches!(c, '-' | '_' | '—' | '=' | '─'))
                && FOOTERS.iter().any(|f| raw[offset..].to_lowercase().contains(f)));
        if marker {
            let own = raw[..offset].trim_end();
            return (!own.trim().is_empty()).then_some(own);
        }
        offset += line.len();
    }
    None
}

/// Footers only a collector's message carries: a reply that pastes one inside quotation marks is quoting.
const FOOTERS: [&str; 13] = [
    "退订",
    "回t",
    "回复t",
    "reply stop",
    "text stop",
    "opt out",
    "stop to",
    "responda stop",
    "envie stop",
    "stop para",
    // A collector's demand quoted back: "请于3月10日前还款2000元，否则将上门催收".
    "请于",
    "否则将",
    "please pay by",
];

/// The reply without a span in quotation marks (“…”, "…", 「…」) that holds a collector's footer
/// ("“您的借款已逾期，请于今日还款，退订回T” 我说了多少遍了我没借过！"); `None` when there is no such span
/// or nothing is left outside it.
fn without_quoted_footer(raw: &str) -> Option<String> {
    // A pasted message that opens the reply (【Lender】…, '…', "…") and ends with its footer, then a dash and the
    // borrower's own words: "【某某金融】…退订回T —— 这是什么贷款？", "'Pay £85 by 15/04… Reply STOP to opt out' - is
    // that the whole lot?". (`to_ascii_lowercase` keeps byte offsets.)
    let folded = raw.to_ascii_lowercase();
    if raw.trim_start().starts_with(['【', '\'', '"', '“', '‘'])
        && let Some(p) = FOOTERS.iter().filter_map(|f| folded.find(f)).min()
    {
        for sep in ["——", " -- ", "--", " - ", " – ", " — "] {
            if let Some(q) = folded[p..].find(sep) {
                let rest = raw[p + q + sep.len()..].trim();
                if !rest.is_empty() {
                    return Some(rest.to_string());
                }
            }
        }
    }
    for (open, close) in [('“', '”'), ('"', '"'), ('「', '」'), ('‘', '’'), ('\'', '\'')] {
        let Some(a) = raw.find(open) else { continue };
        let Some(len) = raw[a + open.len_utf8()..].find(close) else {
            continue;
        };
        let b = a + open.len_utf8() + len;
        let inside = raw[a..b].to_lowercase();
        if FOOTERS.iter().any(|f| inside.contains(f)) {
            let rest = format!("{} {}", &raw[..a], &raw[b + close.len_utf8()..]);
            if !rest.trim().is_empty() {
                return Some(rest.trim().to_string());
            }
        }
    }
    None
}

/// Whether `c` is a CJK ideograph (a Chinese character).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Phone shorthand as the words every rule is written in: "pls no more txts", "my atty is handling it", "talk
/// to him not me w/ the cfpb", "mñn le mando", "q me dejen", "表再打了" (blind27: replies typed on a phone).
/// Only spellings that mean one thing in every language the reader knows are here (Spanish "ya" and "pa",
/// English "k", "r" and "yr" are not).
fn shorthand(w: &str) -> Option<&'static [&'static str]> {
    Some(match w {
        "u" => &["you"],
        "ur" => &["your"],
        "pls" | "plz" | "plse" | "plez" => &["please"],
        "txt" => &["text"],
        "txts" => &["texts"],
        "txting" => &["texting"],
        "txted" => &["texted"],
        "msg" => &["message"],
        "msgs" => &["messages"],
        "tmrw" | "tmr" | "tmrrw" | "2moro" | "2morrow" | "2mrw" | "tomoz" | "tmw" => &["tomorrow"],
        "tonite" | "2nite" => &["tonight"],
        "2day" => &["today"],
        "atty" | "attny" | "atny" => &["attorney"],
        "w" => &["with"],
        // Scots: "deal wi the trustee", "yous were sent the letter".
        "wi" => &["with"],
        "yous" | "youse" => &["you"],
        "bc" | "bcuz" | "cuz" | "coz" | "bcoz" => &["because"],
        "idk" => &["i", "dont", "know"],
        "rn" => &["right", "now"],
        "wk" => &["week"],
        "wks" => &["weeks"],
        "mth" | "mnth" => &["month"],
        "acct" => &["account"],
        "abt" | "bout" => &["about"],
        "b4" => &["before"],
        "l8r" => &["later"],
        "lmk" => &["let", "me", "know"],
        "nvm" => &["never", "mind"],
        "ppl" => &["people"],
        "q" => &["que"],
        "xq" | "pq" | "porq" => &["porque"],
        "porfa" | "porfis" | "xfa" | "xfavor" => &["por", "favor"],
        "mñn" | "mnn" => &["mañana"],
        "tmb" | "tmbn" => &["tambien"],
        "ntp" => &["no", "te", "preocupes"],
        "dsp" | "dps" => &["despues"],
        "msj" | "mnsj" => &["mensaje"],
        "msjs" | "mnsjs" => &["mensajes"],
        // Said aloud and transcribed, or in Scots (blind33): "ah'll get it paid the morra", "yous are phonin".
        "ahll" => &["ill"],
        "ahm" => &["im"],
        "morra" => &["tomorrow"],
        "phonin" => &["phoning"],
        "ringin" => &["ringing"],
        "callin" => &["calling"],
        "textin" => &["texting"],
        "telt" => &["told"],
        "hunner" => &["hundred"],
        "dolla" => &["dollars"],
        // Portuguese in a Spanish reply (blind34): "Yo pago amanhã", "hice o pagamento ontem".
        "amanhã" | "amanha" => &["mañana"],
        "ontem" => &["ayer"],
        _ => return None,
    })
}

/// `lower` with phone shorthand spelled out (`shorthand`) as whole words, and "x favor" as "por favor", so the
/// sentence rules, the tokens and the words all read "can u send" as "can you send".
fn spelled_out(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, next: &str| {
        if word.is_empty() {
            return;
        }
        let x_favor = word == "x" && next.trim_start().starts_with("favor");
        match shorthand(word) {
            _ if x_favor => out.push_str("por"),
            Some(words) => out.push_str(&words.join(" ")),
            None => out.push_str(word),
        }
        word.clear();
    };
    for (i, c) in lower.char_indices() {
        if (c.is_alphanumeric() && !is_cjk(c)) || c == '*' {
            word.push(c);
        } else {
            flush(&mut word, &mut out, lower.get(i..).unwrap_or(""));
            out.push(c);
        }
    }
    flush(&mut word, &mut out, "");
    out
}

/// 号 transcribed as its homophone 好 after a day's number ("我十五好一定还", a voice note, blind33): only where
/// a day is plainly meant — a numeral before, and a word of paying or of time after.
fn day_heard_as_good(lower: &str) -> String {
    let chars: Vec<char> = lower.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let numeral_before = i
                .checked_sub(1)
                .and_then(|p| chars.get(p))
                .is_some_and(|p| p.is_ascii_digit() || "一二三四五六七八九十".contains(*p));
            let paying_after = chars.get(i + 1).is_some_and(|n| "一还前之会就转给那".contains(*n));
            if c == '好' && numeral_before && paying_after {
                '号'
            } else {
                c
            }
        })
        .collect()
}

/// Chinese chat spelling as the standard words: 表再打 (别再打), 木有 (没有), 肿么 (怎么), 神马 (什么), 酱紫 (这样子).
/// 表 counts as 别 only before a verb of contact or pressure, where it cannot be a watch or a form.
const CHAT_ZH: [(&str, &str); 12] = [
    ("表再", "别再"),
    ("表打", "别打"),
    ("表发", "别发"),
    ("表催", "别催"),
    ("表烦", "别烦"),
    ("表来", "别来"),
    ("表找", "别找"),
    ("表骚扰", "别骚扰"),
    ("木有", "没有"),
    ("肿么", "怎么"),
    ("神马", "什么"),
    ("酱紫", "这样子"),
];

/// `lower` with `chat` read as `word`; 表 only where it opens a clause or follows a word that leads into 别
/// (拜托表再打, 你们表催了): after another character it ends a noun (申请表再发我一份 is a form sent again).
fn chat_replaced(lower: &str, chat: &str, word: &str) -> String {
    if !chat.starts_with('表') {
        return lower.replace(chat, word);
    }
    let mut out = String::with_capacity(lower.len());
    let mut rest = lower;
    while let Some(at) = rest.find(chat) {
        let before = rest.get(..at).unwrap_or("");
        let prev = before.chars().next_back();
        let opens = prev.is_none_or(|p| !is_cjk(p) || "们托求你了就都能可也".contains(p));
        out.push_str(before);
        out.push_str(if opens { word } else { chat });
        rest = rest.get(at + chat.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

impl Text {
    /// Normalises `raw`.
    pub fn new(raw: &str) -> Text {
        let folded: String = raw.chars().map(fold).filter(|&c| c != '\'').collect();
        let mut lower = if folded.contains(|c: char| c.is_ascii_alphabetic()) {
            spelled_out(&folded)
        } else {
            folded.clone()
        };
        if lower.contains(['表', '木', '肿', '神', '酱']) {
            for (chat, word) in CHAT_ZH {
                if lower.contains(chat) {
                    lower = chat_replaced(&lower, chat, word);
                }
            }
        }
        if lower.contains('好') {
            lower = day_heard_as_good(&lower);
        }
        let tokens = tokenize(&lower);
        // The model learnt from the words as typed: it keeps reading them so (its weights stay valid).
        let typed_tokens = (lower != folded).then(|| tokenize(&folded));
        let words = format!(" {} ", tokens.join(" "));
        let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        Text {
            lower,
            words,
            compact,
            tokens,
            typed_tokens,
        }
    }

    /// The tokens as typed, before shorthand was spelled out: what the statistical model reads.
    pub fn typed_tokens(&self) -> &[String] {
        self.typed_tokens.as_deref().unwrap_or(&self.tokens)
    }

    /// The reply's sentences (split at `.`, `!`, `;`, line ends and their full-width forms), in the folded text.
    pub fn sentences(&self) -> impl Iterator<Item = &str> {
        self.lower.split(['.', '!', ';', '\n', '。', '！', '；'])
    }

    /// Whether the English phrase `cue` (words separated by single spaces) occurs as whole words.
    pub fn has_words(&self, cue: &str) -> bool {
        self.words.contains(&format!(" {cue} "))
    }

    /// Whether the Chinese (or mixed) cue occurs in the compact form. An ASCII cue must not touch other
    /// ASCII letters or digits (`td` in `回复td退订`, not in `std`).
    pub fn has_compact(&self, cue: &str) -> bool {
        if !cue.is_ascii() {
            return self.compact.contains(cue);
        }
        let hay = self.compact.as_bytes();
        let mut from = 0;
        while let Some(i) = self.compact[from..].find(cue) {
            let at = from + i;
            let end = at + cue.len();
            let before = at == 0 || !hay[at - 1].is_ascii_alphanumeric();
            let after = end >= hay.len() || !hay[end].is_ascii_alphanumeric();
            if before && after {
                return true;
            }
            from = at + 1;
        }
        false
    }

    /// Whether the reply contains Chinese characters.
    pub fn has_chinese(&self) -> bool {
        self.lower.chars().any(is_cjk)
    }

    /// Whether the reply contains Latin letters.
    pub fn has_latin(&self) -> bool {
        self.lower.chars().any(|c| c.is_ascii_alphabetic())
    }

    /// "can I / could you / would it …" opens a question; "can do 200 next month" states an offer.
    fn asks_with_a_modal(&self) -> bool {
        matches!(self.tokens.first().map(String::as_str), Some("can" | "could" | "would"))
            && self.tokens.get(1).is_some_and(|n| {
                matches!(
                    n.as_str(),
                    "i" | "we" | "you" | "u" | "ya" | "yall" | "someone" | "somebody" | "it" | "this" | "that" | "my"
                )
            })
    }

    /// Whether the reply asks something.
    pub fn is_question(&self) -> bool {
        self.lower.contains('?')
            || [
                "吗",
                "么",
                "能不能",
                "可不可以",
                "行不行",
                "是否",
                "多少",
                "怎么",
                "如何",
                "哪",
            ]
            .iter()
            .any(|q| self.compact.contains(q))
            || self.asks_with_a_modal()
            // A question opening a later clause: "gonna send 80 on friday, can i do it w cash app".
            || self.lower.split([',', '.', '!', ';', '\n']).skip(1).any(|clause| {
                let words: Vec<&str> = clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
                // After a filler that turns to the point: ", anyway what is the routing number".
                let words = match words.as_slice() {
                    ["anyway" | "anyways" | "so" | "ok" | "okay" | "also" | "but", rest @ ..] => rest,
                    all => all,
                };
                matches!(
                    words,
                    ["can" | "could", "i" | "u" | "we", ..]
                        | ["do" | "does", "you" | "u" | "yall" | "it", ..]
                        | ["what" | "where", "is" | "do" | "does" | "should", ..]
                        | ["whats" | "wheres", ..]
                )
            })
            // A question word opening any sentence: "Yes this is Kevin. What's the balance".
            || self.sentences().enumerate().any(|(i, sentence)| {
                let words: Vec<&str> = sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
                let opening = format!(" {} ", words.join(" "));
                // "Any questions go to the trustee": a statement about questions, not one.
                if opening.starts_with(" any questions ") {
                    return false;
                }
                // Spanish openers ("puedo pagar $20 el viernes") also start statements: only the reply's first
                // sentence is read as a question by them (a Spanish question usually carries ¿ or ? anyway).
                let english = ["how", "what", "whats", "where", "when", "is", "any", "tell me"];
                // "What I can do right now is this": "what" + a subject is a free relative, not a question (a
                // question inverts: "what can I do").
                let relative = ["what i ", "what we ", "when i ", "when we ", "how i ", "where i "]
                    .iter()
                    .any(|r| opening.starts_with(&format!(" {r}")));
                // "When my tax refund lands, I'll pay it off": "when" without an inverted verb opens a clause of
                // time, not a question ("when is it due", "when can I pay").
                let time_clause = words.first().is_some_and(|w| *w == "when")
                    && !words.get(1).is_some_and(|w| {
                        matches!(
                            *w,
                            "is" | "are" | "do" | "does" | "did" | "can" | "could" | "will" | "would" | "should" | "was"
                                | "were" | "shall" | "may" | "whats" | "s"
                        )
                    });
                if relative || time_clause {
                    return false;
                }
                // "Puedo dar 50 cada quincena": an offer stated with its sum, not a question.
                let offer = matches!(words.first(), Some(&("puedo" | "podemos")))
                    && matches!(words.get(1), Some(&("dar" | "pagar" | "mandar" | "depositar" | "abonar")))
                    && words.get(2).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
                if offer {
                    return false;
                }
                let spanish = ["cuanto", "como", "donde", "cuando", "puedo", "pueden", "podemos", "hay", "se puede"];
                english.iter().chain(spanish.iter().filter(|_| i == 0)).any(|q| opening.starts_with(&format!(" {q} ")))
            })
    }
}

/// Whether a Latin-script reply reads as Spanish: at least two Spanish function words or verbs.
pub fn looks_spanish(t: &Text) -> bool {
    const ES: [&str; 30] = [
        "el", "la", "los", "las", "que", "de", "por", "para", "pero", "con", "mi", "mis", "les", "usted", "ustedes",
        "pagar", "pago", "puedo", "tengo", "debo", "ya", "manana", "mañana", "llamen", "gracias", "hoy", "semana",
        "dinero", "deuda", "favor",
    ];
    t.tokens.iter().filter(|w| ES.contains(&w.as_str())).count() >= 2
}

/// Damerau–Levenshtein distance ≤ 1 between two short words (one typo: a letter dropped, added, changed or
/// two swapped).
pub fn one_typo(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let mut i = 0;
    while i < la.min(lb) && a[i] == b[i] {
        i += 1;
    }
    if la == lb {
        // A change, or a swap of neighbours.
        a[i + 1..] == b[i + 1..] || (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
    } else if la > lb {
        a[i + 1..] == b[i..]
    } else {
        a[i..] == b[i + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_width_and_apostrophes() {
        let t = Text::new("Don’t ＣＡＬＬ me！我明天 还");
        assert_eq!(t.words, " dont call me 我 明 天 还 ");
        assert!(t.has_words("dont call me"));
        assert!(t.compact.contains("我明天还"));
    }

    #[test]
    fn ascii_cues_in_chinese_need_boundaries() {
        assert!(Text::new("回复TD退订").has_compact("td"));
        assert!(!Text::new("std").has_compact("td"));
        assert!(Text::new("sb催收").has_compact("sb"));
    }

    #[test]
    fn one_typo_is_tolerated() {
        assert!(one_typo("tomorow", "tomorrow"));
        assert!(one_typo("unsubscibe", "unsubscribe"));
        assert!(!one_typo("payed", "paid"));
        assert!(one_typo("form", "from"));
        assert!(!one_typo("stop", "shop ") && !one_typo("call", "calls me"));
    }
}
