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
        _ => c,
    };
    c.to_lowercase().next().unwrap_or(c)
}

/// The borrower's own words: a reply that quotes the collector's message — e-mail `>` lines, or a forwarded SMS
/// that opens with the sender's 【signature】 — is read without the quote, so the quote's "Reply STOP to opt
/// out", 回T退订 or "$250.00 is past due" are not taken for the borrower's revocation or amount. A reply that is
/// nothing but a quote is read as it is.
pub fn own_words(raw: &str) -> std::borrow::Cow<'_, str> {
    let raw = match without_quoted_footer(raw) {
        Some(own) => return std::borrow::Cow::Owned(own_words(&own).into_owned()),
        None => raw,
    };
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

/// Footers only a collector's message carries: a reply that pastes one inside quotation marks is quoting.
const FOOTERS: [&str; 7] = ["退订", "回t", "回复t", "reply stop", "text stop", "opt out", "stop to"];

/// The reply without a span in quotation marks (“…”, "…", 「…」) that holds a collector's footer
/// ("“您的借款已逾期，请于今日还款，退订回T” 我说了多少遍了我没借过！"); `None` when there is no such span
/// or nothing is left outside it.
fn without_quoted_footer(raw: &str) -> Option<String> {
    for (open, close) in [('“', '”'), ('"', '"'), ('「', '」')] {
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

impl Text {
    /// Normalises `raw`.
    pub fn new(raw: &str) -> Text {
        let lower: String = raw.chars().map(fold).filter(|&c| c != '\'').collect();
        let mut tokens = Vec::new();
        let mut cur = String::new();
        for c in lower.chars() {
            // Letters, digits and `*` (masked swearing) make words; a Chinese character is a word of its own
            // so that English cues still find their boundaries in mixed text.
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
        let words = format!(" {} ", tokens.join(" "));
        let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        Text {
            lower,
            words,
            compact,
            tokens,
        }
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
            // A question word opening any sentence: "Yes this is Kevin. What's the balance".
            || self.lower.split(['.', '!', ';', '\n', '。', '！', '；']).any(|sentence| {
                let words: Vec<&str> = sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
                let opening = format!(" {} ", words.join(" "));
                [
                    "how", "what", "whats", "where", "when", "is", "any", "tell me", "cuanto", "como", "donde",
                    "cuando", "puedo", "pueden", "podemos", "hay", "se puede",
                ]
                .iter()
                .any(|q| opening.starts_with(&format!(" {q} ")))
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
