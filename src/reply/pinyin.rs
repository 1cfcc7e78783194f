//! Pinyin typed without an input method ("mingtian huan 300 ba"), read as the Chinese it spells so the Chinese
//! rules apply to it.

use super::text::is_cjk;

/// Toneless pinyin for the words a repayment reply is made of, for Chinese borrowers who type without an input
/// method ("mingtian huan 300 ba"). Joined words and their syllables apart ("ming tian") both appear in such
/// replies; the reader tries two tokens joined before one.
const PINYIN: [(&str, &str); 88] = [
    ("jintian", "今天"),
    ("mingtian", "明天"),
    ("houtian", "后天"),
    ("zuotian", "昨天"),
    ("xiazhou", "下周"),
    ("benzhou", "本周"),
    ("zhezhou", "这周"),
    ("zhoumo", "周末"),
    ("xingqi", "星期"),
    ("libai", "礼拜"),
    ("zhouyi", "周一"),
    ("zhouer", "周二"),
    ("zhousan", "周三"),
    ("zhousi", "周四"),
    ("zhouwu", "周五"),
    ("zhouliu", "周六"),
    ("zhouri", "周日"),
    ("yuedi", "月底"),
    ("yuechu", "月初"),
    ("xiageyue", "下个月"),
    ("xiayue", "下月"),
    ("zheyue", "这月"),
    ("huan", "还"),
    ("huanqian", "还钱"),
    ("huankuan", "还款"),
    ("huanqing", "还清"),
    ("huanbuliao", "还不了"),
    ("huanbuqi", "还不起"),
    ("zhuan", "转"),
    ("zhuanzhang", "转账"),
    ("daqian", "打钱"),
    ("qian", "钱"),
    ("meiqian", "没钱"),
    ("meiyou", "没有"),
    ("mei", "没"),
    ("bu", "不"),
    ("buyao", "不要"),
    ("bie", "别"),
    ("zai", "再"),
    ("da", "打"),
    ("dianhua", "电话"),
    ("duanxin", "短信"),
    ("le", "了"),
    ("ba", "吧"),
    ("ma", "吗"),
    ("wo", "我"),
    ("ni", "你"),
    ("nimen", "你们"),
    ("xian", "先"),
    ("shengxia", "剩下"),
    ("yiban", "一半"),
    ("duoshao", "多少"),
    ("tuiding", "退订"),
    ("saorao", "骚扰"),
    ("baojing", "报警"),
    ("tousu", "投诉"),
    ("shiye", "失业"),
    ("shengbing", "生病"),
    ("zhuyuan", "住院"),
    ("gongzi", "工资"),
    ("fa", "发"),
    ("kuai", "块"),
    ("yuan", "元"),
    ("haode", "好的"),
    ("keyi", "可以"),
    ("buneng", "不能"),
    ("zhengzai", "正在"),
    ("yijing", "已经"),
    ("huanle", "还了"),
    ("fenqi", "分期"),
    ("yanqi", "延期"),
    ("qiankuan", "欠款"),
    // Numerals, so "xia zhou wu" is 下周五 ("ba" stays 吧, the commoner reading in a reply).
    ("yi", "一"),
    ("er", "二"),
    ("san", "三"),
    ("si", "四"),
    ("wu", "五"),
    ("liu", "六"),
    ("jiu", "九"),
    ("shouji", "手机"),
    ("huaile", "坏了"),
    ("huai", "坏"),
    ("dabuliao", "打不了"),
    ("zhongwen", "中文"),
    ("shurufa", "输入法"),
    ("yue", "月"),
    ("ge", "个"),
    ("buhaoyisi", "不好意思"),
];

/// English a pinyin writer mixes in ("shou ji huai le … sorry").
const FILLERS: [&str; 8] = ["sorry", "ok", "okay", "pls", "plz", "thx", "thanks", "lol"];

/// Finals of toneless pinyin (with `v` for ü), for telling a pinyin word from an English one.
const FINALS: [&str; 35] = [
    "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "ia", "ie", "iao",
    "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ue", "ve", "van",
];
/// Initials, two-letter ones first.
const INITIALS: [&str; 23] = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y",
    "w",
];

/// Whether `w` is one toneless pinyin syllable (an initial, or none, and a final).
fn syllable(w: &str) -> bool {
    let rest = INITIALS.iter().find_map(|i| w.strip_prefix(i)).unwrap_or(w);
    !rest.is_empty() && FINALS.contains(&rest) || matches!(w, "zhi" | "chi" | "shi" | "ri" | "zi" | "ci" | "si")
}

/// Whether `w` splits into one to four pinyin syllables ("shouji", "buhaoyisi").
fn pinyin_word(w: &str) -> bool {
    fn split(w: &str, left: usize) -> bool {
        if w.is_empty() {
            return true;
        }
        left > 0 && (1..=w.len().min(6)).any(|n| w.get(..n).is_some_and(syllable) && split(&w[n..], left - 1))
    }
    w.is_ascii() && split(w, 4)
}

/// A reply typed in toneless pinyin by a Chinese-speaking borrower, written in characters so the Chinese rules
/// read it: "mingtian huan 300 ba" → 明天还300吧. `None` unless the reply has no Chinese characters and most of
/// its words are pinyin from [`PINYIN`] (at least two), so English is never rewritten. "hao" after a number is
/// 号 (the day of the month), else 好.
pub fn from_pinyin(raw: &str) -> Option<String> {
    if raw.chars().any(is_cjk) {
        return None;
    }
    let lower = raw.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let hanzi = |w: &str| PINYIN.iter().find(|(p, _)| *p == w).map(|(_, h)| *h);
    let mut out = String::new();
    let (mut letters, mut read, mut syllables) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(&w) = words.get(i) {
        // Three syllables apart first ("xia ge yue" 下个月, "da bu liao" 打不了), then two.
        let triple = words
            .get(i + 1)
            .zip(words.get(i + 2))
            .and_then(|(n, m)| hanzi(&format!("{w}{n}{m}")));
        if let Some(h) = triple {
            out.push_str(h);
            letters += 3;
            read += 3;
            i += 3;
            continue;
        }
        let pair = words.get(i + 1).and_then(|n| hanzi(&format!("{w}{n}")));
        if let Some(h) = pair {
            out.push_str(h);
            letters += 2;
            read += 2;
            i += 2;
            continue;
        }
        if w.chars().all(|c| c.is_ascii_digit()) {
            out.push(' ');
            out.push_str(w);
            out.push(' ');
        } else if w == "hao" {
            let after_number = i.checked_sub(1).and_then(|p| words.get(p)).is_some_and(|p| {
                p.chars().all(|c| c.is_ascii_digit())
                    || matches!(*p, "yi" | "er" | "san" | "si" | "wu" | "liu" | "qi" | "jiu" | "shi")
            });
            out.push_str(if after_number { "号" } else { "好" });
            letters += 1;
            read += 1;
        } else if FILLERS.contains(&w) {
            // "sorry", "ok": English a pinyin writer mixes in, neither pinyin nor evidence against it.
            out.push(' ');
            out.push_str(w);
            out.push(' ');
        } else if let Some(h) = hanzi(w) {
            out.push_str(h);
            letters += 1;
            read += 1;
        } else {
            out.push(' ');
            out.push_str(w);
            out.push(' ');
            letters += 1;
            syllables += usize::from(pinyin_word(w));
        }
        i += 1;
    }
    // Most words are ones we know, or every word is pinyin of some kind ("bu hao yi si shou ji shu ru fa huai
    // le, wo xia zhou wu huan 500"): English rarely spells only pinyin syllables for a whole reply.
    let pinyin_only = read + syllables == letters && letters >= 4;
    (read >= 2 && (read * 5 >= letters * 3 || pinyin_only)).then(|| out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_all_in_pinyin_syllables_is_read_even_with_words_we_do_not_know() {
        let read = from_pinyin("bu hao yi si shou ji shu ru fa huai le, wo xia zhou wu huan 500");
        assert!(read.as_deref().is_some_and(|r| r.contains("下周五还 500")), "{read:?}");
        let read = from_pinyin("wo xia ge yue 15 hao huan\nshou ji huai le da bu liao zhong wen\nsorry");
        assert!(
            read.as_deref().is_some_and(|r| r.contains("我下个月 15 号还")),
            "{read:?}"
        );
    }

    #[test]
    fn english_is_never_rewritten() {
        for en in [
            "i will pay 300 tomorrow",
            "hang on, long day, can pay 50 on monday",
            "ok pay 200 wo",
            "no money man",
        ] {
            assert_eq!(from_pinyin(en), None, "{en}");
        }
        assert!(syllable("zhuang") && syllable("si") && !syllable("pay") && !syllable("will"));
    }
}
