//! Pinyin typed without an input method ("mingtian huan 300 ba"), read as the Chinese it spells so the Chinese
//! rules apply to it.

use super::text::is_cjk;

/// Toneless pinyin for the words a repayment reply is made of, for Chinese borrowers who type without an input
/// method ("mingtian huan 300 ba"). Joined words and their syllables apart ("ming tian") both appear in such
/// replies; the reader tries two tokens joined before one.
const PINYIN: [(&str, &str); 72] = [
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
];

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
    let (mut letters, mut read) = (0usize, 0usize);
    let mut i = 0;
    while let Some(&w) = words.get(i) {
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
            let after_number = i
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
            out.push_str(if after_number { "号" } else { "好" });
            letters += 1;
            read += 1;
        } else if let Some(h) = hanzi(w) {
            out.push_str(h);
            letters += 1;
            read += 1;
        } else {
            out.push(' ');
            out.push_str(w);
            out.push(' ');
            letters += 1;
        }
        i += 1;
    }
    (read >= 2 && read * 5 >= letters * 3).then(|| out.trim().to_string())
}
