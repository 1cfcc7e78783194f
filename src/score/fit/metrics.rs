//! How well a score ranks: AUC (Mann–Whitney, ties counted half) and the Kolmogorov–Smirnov statistic.
#![allow(
    clippy::indexing_slicing,
    reason = "the numeric loops index vectors by positions from the same vectors' ranges (bins, rows, features); not yet rewritten as iterators (issue 18: the core denies it everywhere else)"
)]

/// AUC of `scores` (higher = more likely good) against `bad`, ties counted half (Mann–Whitney).
pub fn auc(scores: &[f64], bad: &[bool]) -> f64 {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    crate::sort::sort_by(&mut idx, |&a, &b| scores[a].total_cmp(&scores[b]));
    let (mut rank_sum_good, mut i) = (0.0, 0);
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && scores[idx[j + 1]] == scores[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            if !bad[k] {
                rank_sum_good += avg;
            }
        }
        i = j + 1;
    }
    let ng = bad.iter().filter(|b| !**b).count() as f64;
    let nb = bad.len() as f64 - ng;
    if ng == 0.0 || nb == 0.0 {
        return 0.5;
    }
    (rank_sum_good - ng * (ng + 1.0) / 2.0) / (ng * nb)
}

/// KS: the largest gap between the cumulative shares of bads and goods over score thresholds.
pub fn ks(scores: &[f64], bad: &[bool]) -> f64 {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    crate::sort::sort_by(&mut idx, |&a, &b| scores[a].total_cmp(&scores[b]));
    let nb = bad.iter().filter(|b| **b).count() as f64;
    let ng = bad.len() as f64 - nb;
    if nb == 0.0 || ng == 0.0 {
        return 0.0;
    }
    let (mut cb, mut cg, mut best) = (0.0, 0.0, 0.0f64);
    let mut i = 0;
    while i < idx.len() {
        let s = scores[idx[i]];
        while i < idx.len() && scores[idx[i]] == s {
            if bad[idx[i]] {
                cb += 1.0
            } else {
                cg += 1.0
            }
            i += 1;
        }
        best = best.max((cb / nb - cg / ng).abs());
    }
    best
}
