//! A writer correcting themselves: chat replies come as a burst of bubbles, and a later bubble may take back or
//! change an earlier one — "i can do 150 on the 20th / wait no the 25th", "15号还你 / 哦不对 20号", "stop / no
//! espera no es stop me equivoqué", "i can do 200 on the 1st / actually scratch that / i cant rn". The last word
//! stands: a day corrected is the new day, a promise taken back is no promise, a stop taken back in so many
//! words is no stop. The words that mark the correction (不对, 打错了, "wait no") are the writer's own slip, not a
//! dispute or a wrong number, so they are taken out before the reply is read.

/// Words that open a bubble correcting an earlier one. Matched at the start of a line, lower-cased, accents
/// folded the way [`super::text::Text`] folds them (so `me equivoqué` is written `me equivoque`).
const MARKERS: [&str; 36] = [
    "actually scratch that",
    "actually no",
    "actually wait",
    "scratch that",
    "wait no",
    "wait nvm",
    "wait never mind",
    "no wait",
    "nvm",
    "never mind",
    "nevermind",
    "sorry i meant",
    "sorry, i meant",
    "i meant",
    "correction",
    "oops",
    "typo",
    "不对不对",
    "哦不对",
    "噢不对",
    "啊不对",
    "不对",
    "说错了",
    "打错了",
    "写错了",
    "更正",
    "no espera",
    "no espere",
    "espera no",
    "espere no",
    "perdon me equivoque",
    "me equivoque",
    "corrijo",
    "no perdon",
    "mejor dicho",
    "digo",
];

/// Markers that take back everything said before them.
const TAKE_BACK: [&str; 7] = [
    "actually scratch that",
    "scratch that",
    "nvm",
    "never mind",
    "nevermind",
    "wait nvm",
    "wait never mind",
];

/// Contact allowed again in so many words, after a stop: "u can text me thats actually easier".
const PERMISSION: [&str; 10] = [
    "u can text me",
    "you can text me",
    "u can call me",
    "you can call me",
    "texting is fine",
    "text is fine",
    "si me pueden",
    "si pueden llamar",
    "可以给我打",
    "可以发短信",
];

/// Words said in a correcting bubble that only comment on the slip ("no es stop", 打错了): taken out with the
/// marker, so they are not read as a revocation or a wrong number.
const SLIP_WORDS: [&str; 12] = [
    "no es stop",
    "no era stop",
    "me equivoque",
    "打错了",
    "写错了",
    "说错了",
    "不对",
    "my bad",
    "wrong one",
    "typo",
    "i meant",
    "lol",
];

/// A correction found in a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The reply with the correction's marker words taken out.
    pub text: String,
    /// Byte offset in `text` where the correcting bubble begins: what comes before is what was corrected.
    pub at: usize,
    /// The writer takes back all they said before ("scratch that", "nvm", 算了), not one value of it.
    pub takes_back: bool,
    /// The writer says in so many words that the stop was a slip ("no es stop, me equivoqué", "nvm u can text
    /// me"): only then is a stop said before dropped (a stop stands otherwise — recall is the legal floor).
    pub stop_was_a_slip: bool,
}

impl Correction {
    /// What was said before the correction.
    pub fn before(&self) -> &str {
        self.text.get(..self.at).unwrap_or("")
    }

    /// The correction and what follows it.
    pub fn after(&self) -> &str {
        self.text.get(self.at..).unwrap_or("")
    }
}

/// Folds a line the way the reader does, enough to find a marker at its start.
fn folded(line: &str) -> String {
    super::text::Text::new(line).lower
}

/// The marker a line opens with, if any (after leading spaces, punctuation and emoji).
fn opening_marker(line: &str) -> Option<&'static str> {
    let lower = folded(line);
    let start = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    MARKERS.iter().copied().find(|m| {
        start.starts_with(m)
            && start[m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// Whether a line holds something a correction can change: a number, a day, or a word about contact or paying.
fn holds_a_value(line: &str) -> bool {
    let lower = folded(line);
    lower
        .chars()
        .any(|c| c.is_ascii_digit() || "一二两三四五六七八九十百千万".contains(c))
        || ["号", "周", "星期", "礼拜", "月", "天"]
            .iter()
            .any(|w| lower.contains(w))
        || super::text::Text::new(line).tokens.iter().any(|w| {
            matches!(
                w.as_str(),
                "stop"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "tomorrow"
                    | "tmrw"
                    | "lunes"
                    | "martes"
                    | "miercoles"
                    | "jueves"
                    | "viernes"
                    | "sabado"
                    | "domingo"
                    | "manana"
                    | "pay"
                    | "pago"
                    | "text"
                    | "call"
            )
        })
}

/// The last bubble that corrects an earlier one, with the marker words taken out of it. A marker counts only
/// on a line after one that holds a value (a day, a sum, a stop): "不对" opening a reply disputes, it corrects
/// nothing of the writer's.
pub fn read(raw: &str) -> Option<Correction> {
    let lines: Vec<&str> = raw.split('\n').collect();
    let at_line = (1..lines.len()).rev().find(|&i| {
        opening_marker(lines.get(i).copied().unwrap_or("")).is_some() && lines.iter().take(i).any(|l| holds_a_value(l))
    });
    match at_line {
        Some(at_line) => Some(corrected(&lines, at_line, "\n")),
        None => read_within_a_line(raw),
    }
}

/// A correction inside one breath, between commas: "我明天，不对，后天，后天发工资，后天还八百" (a voice note, blind33).
/// Only when a value follows the marker (in its clause or the next): "金额，不对" after a sum disputes it.
fn read_within_a_line(raw: &str) -> Option<Correction> {
    if raw.contains('\n') {
        return None;
    }
    let clauses: Vec<&str> = raw.split(['，', ',']).collect();
    let at = (1..clauses.len()).rev().find(|&i| {
        let clause = clauses.get(i).copied().unwrap_or("");
        let rest = without_slip(clause);
        opening_marker(clause).is_some()
            && clauses.iter().take(i).any(|c| holds_a_value(c))
            && (holds_a_value(&rest) || clauses.get(i + 1).is_some_and(|n| holds_a_value(n)))
    })?;
    // Rebuilt with the one separator; the separators' kind does not matter to the reader.
    Some(corrected(&clauses, at, "，"))
}

/// The reply rebuilt from `parts` (lines or clauses) joined by `sep`, the marker taken out of part `at_part`.
fn corrected(parts: &[&str], at_part: usize, sep: &str) -> Correction {
    let marker_line = folded(parts.get(at_part).copied().unwrap_or(""));
    let marker = opening_marker(&marker_line).unwrap_or("");
    let takes_back = TAKE_BACK.contains(&marker);
    let after: String = parts
        .iter()
        .skip(at_part)
        .map(|l| folded(l))
        .collect::<Vec<_>>()
        .join("\n");
    let stop_was_a_slip = ["no es stop", "no era stop", "not stop", "no stop"]
        .iter()
        .any(|w| marker_line.contains(w))
        || PERMISSION.iter().any(|w| after.contains(w));
    let mut text = String::new();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            text.push_str(sep);
        }
        if i == at_part {
            at = text.len();
            text.push_str(&without_slip(part));
        } else {
            text.push_str(part);
        }
    }
    Correction {
        text,
        at,
        takes_back,
        stop_was_a_slip,
    }
}

/// A correcting line without its marker and the words that only comment on the slip.
fn without_slip(line: &str) -> String {
    let mut rest = folded(line);
    while let Some(m) = opening_marker(&rest) {
        let start = rest.len() - rest.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        rest = rest[start + m.len()..]
            .trim_start_matches([',', '，', ' ', '.', '。', '!', '！'])
            .to_string();
    }
    for w in SLIP_WORDS {
        rest = rest.replace(w, " ");
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_bubble_that_corrects_is_found() {
        let c = read("ok so i can do 150 on the 20th\nwait no the 25th not the 20th").unwrap();
        assert_eq!(c.before(), "ok so i can do 150 on the 20th\n");
        assert_eq!(c.after().trim(), "the 25th not the 20th");
        let c = read("三月五号还2000\n不对不对 打错了\n是四月五号").unwrap();
        assert!(!c.text.contains("打错了") && !c.text.contains("不对"), "{c:?}");
        let c = read("stop\nno espera no es stop me equivoqué 😅\ncuanto es lo q debo?").unwrap();
        assert!(!c.after().contains("stop"), "{c:?}");
    }

    #[test]
    fn a_marker_with_nothing_before_it_to_correct_is_no_correction() {
        // 不对 opening a reply disputes; "actually" mid-reply is not a marker.
        assert_eq!(read("不对，我上个月已经还清了"), None);
        assert_eq!(read("hi\nno wait who is this"), None);
        assert_eq!(read("Stop calling me.\nActually I'll pay Friday."), None);
        // Within a line, a marker counts only with a value after it.
        assert_eq!(read("你们算的利息3000，不对，太多了"), None);
        let c = read("我明天，不对，后天，后天还八百").unwrap();
        assert!(!c.text.contains("不对") && c.after().contains("后天"), "{c:?}");
    }
}
