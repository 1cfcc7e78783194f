//! Fine and coarse binning: quantile bins merged to a monotonic bad rate (pool-adjacent-violators), small
//! bins merged into a neighbour, rare categories pooled; weight of evidence and information value per bin.
#![allow(
    clippy::indexing_slicing,
    reason = "the numeric loops index vectors by positions from the same vectors' ranges (bins, rows, features); not yet rewritten as iterators (issue 18: the core denies it everywhere else)"
)]

use super::FitCall;
use std::collections::BTreeMap;

/// How a feature's raw value maps to a coarse bin.
#[derive(Debug, Clone)]
pub(super) enum Binning {
    /// Upper bounds (exclusive) of all but the last bin.
    Numeric { cuts: Vec<f64> },
    /// Category → bin index; unknown categories go to `other`.
    Categorical { groups: Vec<Vec<String>>, other: usize },
}

pub(super) struct Coarse {
    pub(super) binning: Binning,
    /// (good, bad) per bin; then the missing bin last.
    pub(super) counts: Vec<(u64, u64)>,
    pub(super) labels: Vec<String>,
}

impl Coarse {
    pub(super) fn bin_of(&self, v: Option<&str>) -> usize {
        let missing = self.counts.len() - 1;
        let Some(v) = v else { return missing };
        match &self.binning {
            Binning::Numeric { cuts } => match v.parse::<f64>() {
                Ok(x) => cuts.iter().position(|c| x < *c).unwrap_or(cuts.len()),
                Err(_) => missing,
            },
            Binning::Categorical { groups, other } => {
                groups.iter().position(|g| g.iter().any(|c| c == v)).unwrap_or(*other)
            }
        }
    }
}

pub(super) fn woe_iv(counts: &[(u64, u64)]) -> (Vec<f64>, f64) {
    let tg: f64 = counts.iter().map(|c| c.0 as f64).sum::<f64>().max(1.0);
    let tb: f64 = counts.iter().map(|c| c.1 as f64).sum::<f64>().max(1.0);
    let mut iv = 0.0;
    let woe = counts
        .iter()
        .map(|&(g, b)| {
            if g + b == 0 {
                return 0.0;
            }
            let pg = (g as f64).max(0.5) / tg;
            let pb = (b as f64).max(0.5) / tb;
            let w = libm::log(pg / pb);
            iv += (pg - pb) * w;
            w
        })
        .collect();
    (woe, iv)
}

/// Pool-adjacent-violators on (good, bad) groups so that bad rate is non-decreasing (`rising`) or
/// non-increasing. Returns merged groups as index ranges.
pub(super) fn pava(groups: &[(u64, u64)], rising: bool) -> Vec<(usize, usize, u64, u64)> {
    let mut stack: Vec<(usize, usize, u64, u64)> = Vec::new();
    for (i, &(g, b)) in groups.iter().enumerate() {
        stack.push((i, i, g, b));
        while stack.len() >= 2 {
            let n = stack.len();
            let (a, c) = (stack[n - 2], stack[n - 1]);
            let ra = a.3 as f64 / (a.2 + a.3).max(1) as f64;
            let rc = c.3 as f64 / (c.2 + c.3).max(1) as f64;
            let violates = if rising { rc < ra } else { rc > ra };
            if !violates {
                break;
            }
            stack.truncate(n - 2);
            stack.push((a.0, c.1, a.2 + c.2, a.3 + c.3));
        }
    }
    stack
}

pub(super) fn coarse_numeric(values: &[Option<f64>], bad: &[bool], call: &FitCall) -> Coarse {
    let mut present: Vec<f64> = values.iter().filter_map(|v| *v).collect();
    crate::sort::sort_by(&mut present, f64::total_cmp);
    // Fine cut points at quantiles (distinct values only).
    let mut cuts: Vec<f64> = Vec::new();
    for k in 1..call.fine_bins {
        if let Some(&q) = present.get(present.len() * k / call.fine_bins)
            && cuts.last().is_none_or(|l| q > *l)
            && present.first().is_some_and(|f| q > *f)
        {
            cuts.push(q);
        }
    }
    let count = |cuts: &[f64]| {
        let mut c = vec![(0u64, 0u64); cuts.len() + 2];
        for (v, &b) in values.iter().zip(bad) {
            let i = v.map_or(cuts.len() + 1, |x| {
                cuts.iter().position(|c| x < *c).unwrap_or(cuts.len())
            });
            if b { c[i].1 += 1 } else { c[i].0 += 1 }
        }
        c
    };
    let fine = count(&cuts);
    let body = &fine[..cuts.len() + 1];
    // Monotonic in the direction with the higher IV.
    let best = [true, false]
        .into_iter()
        .map(|rising| {
            let merged = pava(body, rising);
            let new_cuts: Vec<f64> = merged
                .iter()
                .take(merged.len().saturating_sub(1))
                .map(|m| cuts[m.1])
                .collect();
            let c = count(&new_cuts);
            let iv = woe_iv(&c).1;
            (iv, new_cuts)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|x| x.1)
        .unwrap_or_default();
    // Merge bins under the minimum share into the neighbour with the closer bad rate.
    let mut cuts = best;
    let min = (values.len() as f64 * call.min_bin_share).ceil() as u64;
    loop {
        let c = count(&cuts);
        let body = &c[..cuts.len() + 1];
        let Some(small) = (0..body.len())
            .filter(|&i| body[i].0 + body[i].1 < min)
            .min_by_key(|&i| body[i].0 + body[i].1)
        else {
            break;
        };
        if cuts.is_empty() {
            break;
        }
        // Remove the cut on the side of the smaller neighbour.
        let remove = if small == 0 {
            0
        } else if small == body.len() - 1 {
            cuts.len() - 1
        } else if body[small - 1].0 + body[small - 1].1 <= body[small + 1].0 + body[small + 1].1 {
            small - 1
        } else {
            small
        };
        cuts.remove(remove);
    }
    let counts = count(&cuts);
    let mut labels: Vec<String> = Vec::new();
    let mut lo = "-inf".to_string();
    for c in &cuts {
        labels.push(format!("[{lo}, {c})"));
        lo = c.to_string();
    }
    labels.push(format!("[{lo}, +inf)"));
    labels.push("missing".into());
    Coarse {
        binning: Binning::Numeric { cuts },
        counts,
        labels,
    }
}

pub(super) fn coarse_categorical(values: &[Option<&str>], bad: &[bool], call: &FitCall) -> Coarse {
    let mut per: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    let mut missing = (0u64, 0u64);
    for (v, &b) in values.iter().zip(bad) {
        let slot = match v {
            Some(v) => per.entry(v).or_default(),
            None => &mut missing,
        };
        if b { slot.1 += 1 } else { slot.0 += 1 }
    }
    let min = (values.len() as f64 * call.min_bin_share).ceil() as u64;
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut counts: Vec<(u64, u64)> = Vec::new();
    let mut other = (0u64, 0u64);
    let mut other_members: Vec<String> = Vec::new();
    for (k, c) in per {
        if c.0 + c.1 >= min {
            groups.push(vec![k.to_string()]);
            counts.push(c);
        } else {
            other.0 += c.0;
            other.1 += c.1;
            other_members.push(k.to_string());
        }
    }
    let other_index = groups.len();
    let mut labels: Vec<String> = groups.iter().map(|g| g.join(" | ")).collect();
    labels.push(if other_members.is_empty() {
        "other".into()
    } else {
        format!("other ({})", other_members.join(" | "))
    });
    labels.push("missing".into());
    counts.push(other);
    counts.push(missing);
    Coarse {
        binning: Binning::Categorical {
            groups,
            other: other_index,
        },
        counts,
        labels,
    }
}
