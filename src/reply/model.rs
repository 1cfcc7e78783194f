//! A small statistical reader beside the rules: a one-vs-rest linear model (averaged perceptron) over
//! hashed word unigrams and bigrams (Chinese characters are words of their own, so these are character
//! unigrams and bigrams there) and character trigrams inside Latin words (typos, inflections).
//!
//! Weights are integers, shipped as data (`model.bin`, written by `scripts/train-reply-model.sh` from
//! `tests/replies/corpus.jsonl`) and compiled into the module; scoring is integer addition over a sorted
//! table, so the four runtimes agree bit for bit. No floating point is involved.
//!
//! How it is combined with the rules is [`CHOSEN`]; the choice was measured on `tests/replies/dev*.jsonl`,
//! replies written for that purpose and kept out of training and rule tuning (BENCHMARKS.md).
#![allow(
    clippy::indexing_slicing,
    reason = "the scanners walk a reply's characters with look-behind and look-ahead at positions checked against the length; not yet rewritten with `get` (issue 18: the core denies it everywhere else)"
)]

use super::Intent;
use super::text::Text;

/// The labelled sets the shipped weights are trained on, under `tests/replies/`: the corpus, and the three blind
/// sets once each had been measured (BENCHMARKS.md) and folded in. `dev*.jsonl` stay out (they choose
/// [`CHOSEN`]). A new blind set stays out until its figures are in BENCHMARKS.md. `blind4.jsonl` was measured
/// and then used for rule fixes only: retrained with it, the perceptron lost a hardship reading that
/// `en_model_reads_hardship_the_rules_miss` pins (noise of a small model), so it stays out for now.
pub const TRAINING: [&str; 4] = ["corpus.jsonl", "blind.jsonl", "blind2.jsonl", "blind3.jsonl"];

/// Hash buckets (a power of two).
pub const BUCKETS: u32 = 1 << 16;

/// Every intent, in the order of the model's rows.
pub const INTENTS: [Intent; 16] = [
    Intent::PromiseToPay,
    Intent::AlreadyPaid,
    Intent::Hardship,
    Intent::Dispute,
    Intent::WrongPerson,
    Intent::StopContact,
    Intent::CallbackRequest,
    Intent::QuestionBalance,
    Intent::QuestionHowToPay,
    Intent::QuestionOptions,
    Intent::Abusive,
    Intent::Other,
    Intent::Bankruptcy,
    Intent::Attorney,
    Intent::Complaint,
    Intent::ValidationRequest,
];

/// The bucket that holds each intent's bias.
pub const BIAS: u32 = u32::MAX;

/// How the model's reading joins the rules'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// Rules only.
    RulesOnly,
    /// The model speaks only where the rules found nothing (`other`).
    WhenRulesSilent,
    /// The model's intents are added to the rules'.
    Union,
    /// The model speaks where the rules found nothing, and beside them only to add a revocation they missed.
    SilentOrRevocation,
}

/// The combination kept, chosen on the 1,686 replies the model was never trained on (`dev*.jsonl`,
/// blind4–blind11; it learnt from the corpus and blind1–3): the model where the rules are silent, and beside
/// them only to add a revocation they missed — 1,498 exact (0.888) and no revocation missed, against 1,473 for
/// the union (its intents beside the rules' were more often wrong than right on new writers), 1,500 with five
/// revocations missed for "when silent" alone, and 1,449 with 16 missed for the rules alone (rules as tuned
/// through blind11; the model untouched). On blind1–3, which it learnt from, the union reads higher, as it must.
/// See BENCHMARKS.md.
pub const CHOSEN: Combine = Combine::SilentOrRevocation;

/// Score margin (in weight units) above which the model's intent is taken.
pub const MARGIN: i64 = 0;

/// The trained weights, in columns so the module carries them small (205 KB, 69 KB gzipped, where rows of
/// 8 bytes took 329 KB and 149 KB): the 16 intents' biases (`i16` each), then for `n` records sorted by bucket
/// then intent, every bucket (`u16`), every intent (`u8`), every weight (`i16`), all little-endian.
static WEIGHTS: &[u8] = include_bytes!("model.bin");

/// Bytes of the bias header.
const HEADER: usize = 32;
/// Bytes per record across the three columns.
const RECORD: usize = 5;

/// FNV-1a, 32 bits.
fn fnv(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The reply's features as sorted, distinct buckets.
pub fn features(t: &Text) -> Vec<u32> {
    let mut out = Vec::new();
    let toks = t.typed_tokens();
    for (i, w) in toks.iter().enumerate() {
        out.push(fnv(&format!("w:{w}")));
        if let Some(n) = toks.get(i + 1) {
            out.push(fnv(&format!("b:{w} {n}")));
        }
        if w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() >= 3 {
            let padded: Vec<char> = format!("<{w}>").chars().collect();
            for tri in padded.windows(3) {
                out.push(fnv(&format!("c:{}", tri.iter().collect::<String>())));
            }
        }
    }
    for b in &mut out {
        *b %= BUCKETS;
    }
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// The number of records in a weights table.
fn records(table: &[u8]) -> usize {
    table.len().saturating_sub(HEADER) / RECORD
}

/// Reads record `i` of a weights table: bucket, intent, weight.
fn record(table: &[u8], i: usize) -> Option<(u32, usize, i64)> {
    let n = records(table);
    if i >= n {
        return None;
    }
    let b = table.get(HEADER + 2 * i..HEADER + 2 * i + 2)?;
    let k = table.get(HEADER + 2 * n + i)?;
    let w = table.get(HEADER + 3 * n + 2 * i..HEADER + 3 * n + 2 * i + 2)?;
    let bucket = u32::from(u16::from_le_bytes([*b.first()?, *b.get(1)?]));
    let weight = i64::from(i16::from_le_bytes([*w.first()?, *w.get(1)?]));
    Some((bucket, usize::from(*k), weight))
}

/// Each intent's score for the features, from `table` (the shipped weights unless a test passes its own).
pub fn scores_with(table: &[u8], feats: &[u32]) -> [i64; 16] {
    let mut score = [0i64; 16];
    for (k, s) in score.iter_mut().enumerate() {
        if let Some(b) = table.get(2 * k..2 * k + 2) {
            *s = i64::from(i16::from_le_bytes([
                b.first().copied().unwrap_or(0),
                b.get(1).copied().unwrap_or(0),
            ]));
        }
    }
    let n = records(table);
    for &bucket in feats {
        // The first record of `bucket`, by binary search over the sorted table.
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match record(table, mid) {
                Some((b, _, _)) if b < bucket => lo = mid + 1,
                _ => hi = mid,
            }
        }
        let mut i = lo;
        while let Some((b, intent, w)) = record(table, i) {
            if b != bucket {
                break;
            }
            if let Some(s) = score.get_mut(intent) {
                *s += w;
            }
            i += 1;
        }
    }
    score
}

/// The intents the shipped model reads in a reply (score above the margin), strongest first, with scores.
pub fn predict(t: &Text) -> Vec<(Intent, i64)> {
    predict_with(WEIGHTS, t)
}

/// As [`predict`] with a given weights table.
pub fn predict_with(table: &[u8], t: &Text) -> Vec<(Intent, i64)> {
    let score = scores_with(table, &features(t));
    let mut out: Vec<(Intent, i64)> = INTENTS
        .iter()
        .zip(score)
        .filter(|(_, s)| *s > MARGIN)
        .map(|(i, s)| (*i, s))
        .collect();
    crate::sort::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Trains the weights table from labelled replies: averaged perceptron, one row per intent, `epochs`
/// passes in the given order (deterministic), weights quantised to `i16`.
pub fn train(rows: &[(Text, Vec<Intent>)], epochs: u32) -> Vec<u8> {
    use std::collections::BTreeMap;
    let feats: Vec<Vec<u32>> = rows.iter().map(|(t, _)| features(t)).collect();
    // w[intent][bucket], the running weights; acc the sum of weights over every step (averaging).
    let mut w: Vec<BTreeMap<u32, i64>> = vec![BTreeMap::new(); 16];
    let mut acc: Vec<BTreeMap<u32, i64>> = vec![BTreeMap::new(); 16];
    let mut step: i64 = 1;
    // Averaged perceptron via the "lazy" trick: acc holds Σ step·update; average = w − acc/step.
    for _ in 0..epochs {
        for (f, (_, want)) in feats.iter().zip(rows) {
            for (k, intent) in INTENTS.iter().enumerate() {
                let s: i64 = w[k].get(&BIAS).copied().unwrap_or(0)
                    + f.iter().map(|b| w[k].get(b).copied().unwrap_or(0)).sum::<i64>();
                let y: i64 = if want.contains(intent) { 1 } else { -1 };
                if y * s <= 0 {
                    for b in f.iter().chain(std::iter::once(&BIAS)) {
                        *w[k].entry(*b).or_insert(0) += y;
                        *acc[k].entry(*b).or_insert(0) += y * step;
                    }
                }
            }
            step += 1;
        }
    }
    let mut records: Vec<(u32, u16, i16)> = Vec::new();
    for (k, row) in w.iter().enumerate() {
        for (b, v) in row {
            let a = acc[k].get(b).copied().unwrap_or(0);
            // Averaged weight × 16, rounded toward zero: w − acc/step, scaled to keep resolution.
            let avg = (v * step - a) * 16 / step;
            if avg != 0 {
                let q = i16::try_from(avg.clamp(i64::from(i16::MIN), i64::from(i16::MAX))).unwrap_or(0);
                records.push((*b, u16::try_from(k).unwrap_or(0), q));
            }
        }
    }
    crate::sort::sort(&mut records);
    let mut bias = [0i16; 16];
    for (b, k, q) in &records {
        if *b == BIAS
            && let Some(slot) = bias.get_mut(usize::from(*k))
        {
            *slot = *q;
        }
    }
    records.retain(|(b, _, _)| *b != BIAS);
    let mut out = Vec::with_capacity(HEADER + records.len() * RECORD);
    for q in bias {
        out.extend_from_slice(&q.to_le_bytes());
    }
    // Feature buckets are below BUCKETS (2^16), so a u16 holds each.
    for (b, _, _) in &records {
        out.extend_from_slice(&u16::try_from(*b).unwrap_or(u16::MAX).to_le_bytes());
    }
    for (_, k, _) in &records {
        out.push(u8::try_from(*k).unwrap_or(u8::MAX));
    }
    for (_, _, q) in &records {
        out.extend_from_slice(&q.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_stable_and_sorted() {
        let a = features(&Text::new("Stop calling me"));
        let b = features(&Text::new("stop   CALLING me!"));
        assert_eq!(a, b);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        // FNV-1a reference value: "a" → 0xe40c292c.
        assert_eq!(fnv("a"), 0xe40c_292c);
    }

    #[test]
    fn a_trained_table_reads_what_it_was_taught() {
        let rows: Vec<(Text, Vec<Intent>)> = [
            ("stop texting me", vec![Intent::StopContact]),
            ("please stop the calls", vec![Intent::StopContact]),
            ("i will pay friday", vec![Intent::PromiseToPay]),
            ("will pay you monday", vec![Intent::PromiseToPay]),
            ("how much do i owe", vec![Intent::QuestionBalance]),
        ]
        .into_iter()
        .map(|(s, i)| (Text::new(s), i))
        .collect();
        let table = train(&rows, 10);
        assert_eq!((table.len() - HEADER) % RECORD, 0);
        let top = |s: &str| predict_with(&table, &Text::new(s)).first().map(|x| x.0);
        assert_eq!(top("stop texting"), Some(Intent::StopContact));
        assert_eq!(top("i will pay"), Some(Intent::PromiseToPay));
        // Training is deterministic: the same rows give the same bytes.
        assert_eq!(table, train(&rows, 10));
    }

    #[test]
    fn the_shipped_table_is_well_formed() {
        assert_eq!((WEIGHTS.len() - HEADER) % RECORD, 0);
        let n = records(WEIGHTS);
        assert!(n > 0, "no weights shipped");
        let mut last = (0u32, 0usize);
        for i in 0..n {
            let Some((b, k, _)) = record(WEIGHTS, i) else {
                panic!("record {i}");
            };
            assert!(k < 16);
            assert!(i == 0 || (b, k) > last, "unsorted at {i}");
            last = (b, k);
        }
    }
}
