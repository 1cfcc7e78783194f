//! Fitting a scorecard from the lender's own history: a CSV of accounts with an outcome column.
//!
//! 1. Split train/test, stratified by outcome, with a seeded shuffle (or use a given test set).
//! 2. Fine binning: numeric features into up to `fine_bins` quantile bins; categories as they are.
//! 3. Coarse binning: numeric bins merged into a monotonic bad rate with pool-adjacent-violators (the direction,
//!    rising or falling, with the higher information value), then bins under `min_bin_share` merged into
//!    their neighbour; rare categories pooled into the feature's `other` bin.
//! 4. Weight of evidence `ln(%good / %bad)` per bin (0.5 added to empty counts) and information value;
//!    features under `min_iv` are dropped and reported.
//! 5. Logistic regression of bad on the WoE values (Newton–Raphson / IRLS with a tiny ridge).
//! 6. PDO scaling into integer points per bin: `points = −(β·WoE + α/n)·factor + offset/n`.
//! 7. Report on the held-out set with the rounded scorecard, as decisions will use it: AUC, KS, Gini,
//!    and a calibration table by decile of predicted probability.
#![allow(
    clippy::indexing_slicing,
    reason = "the numeric loops index vectors by positions from the same vectors' ranges (bins, rows, features); not yet rewritten as iterators (issue 18: the core denies it everywhere else)"
)]

mod binning;
mod data;
mod logistic;
mod metrics;

use binning::{Binning, Coarse, coarse_categorical, coarse_numeric, woe_iv};
use data::{read, split};
use logistic::logistic;
pub use metrics::{auc, ks};

use crate::error::{Error, ErrorKind, Scope};
use crate::policy::{Band, Bin, ScoreFeature, Scorecard};
use serde::{Deserialize, Serialize};

/// What to fit.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FitCall {
    /// Training data (or all data, when `test_csv` is absent): CSV with a header row.
    pub csv: String,
    /// A held-out set with the same columns; when absent, `test_share` of `csv` is held out.
    #[serde(default)]
    pub test_csv: Option<String>,
    /// The outcome column.
    pub outcome: String,
    /// Values of the outcome column that mean "good" (paid); every other value is "bad".
    pub good: Vec<String>,
    /// Columns to ignore (ids, dates).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Columns to treat as categories even when numeric.
    #[serde(default)]
    pub categorical: Vec<String>,
    /// Columns that must be numeric: a value that is not a number is an error (others are detected).
    #[serde(default)]
    pub numeric: Vec<String>,
    /// Seed of the split.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Share held out for testing.
    #[serde(default = "default_test_share")]
    pub test_share: f64,
    /// Fine bins per numeric feature.
    #[serde(default = "default_fine_bins")]
    pub fine_bins: usize,
    /// Smallest share of training rows in a coarse bin.
    #[serde(default = "default_min_bin_share")]
    pub min_bin_share: f64,
    /// Features with a lower information value are dropped.
    #[serde(default = "default_min_iv")]
    pub min_iv: f64,
    /// PDO scaling.
    #[serde(default = "default_base_points")]
    pub base_points: i32,
    /// Good:bad odds at `base_points`.
    #[serde(default = "default_base_odds")]
    pub base_odds: f64,
    /// Points that double the odds.
    #[serde(default = "default_pdo")]
    pub pdo: u32,
}

fn default_seed() -> u64 {
    42
}
fn default_test_share() -> f64 {
    0.3
}
fn default_fine_bins() -> usize {
    20
}
fn default_min_bin_share() -> f64 {
    0.05
}
fn default_min_iv() -> f64 {
    0.02
}
fn default_base_points() -> i32 {
    600
}
fn default_base_odds() -> f64 {
    50.0
}
fn default_pdo() -> u32 {
    20
}

/// One coarse bin in the report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BinReport {
    /// `[lo, hi)` for ranges, the values for categories, `missing` or `other`.
    pub label: String,
    /// Training rows.
    pub count: u64,
    /// Bad rate in training.
    pub bad_rate: f64,
    /// Weight of evidence.
    pub woe: f64,
    /// Points in the scorecard.
    pub points: i32,
}

/// A feature in the report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeatureReport {
    /// Column name.
    pub name: String,
    /// Information value on training data.
    pub iv: f64,
    /// Whether it is in the scorecard (IV ≥ `min_iv`).
    pub kept: bool,
    /// Logistic coefficient (kept features).
    pub coefficient: Option<f64>,
    /// Coarse bins.
    pub bins: Vec<BinReport>,
}

/// A calibration row: one decile of predicted probability on the test set.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CalibrationRow {
    /// Rows in the decile.
    pub count: u64,
    /// Mean predicted probability of paying.
    pub predicted: f64,
    /// Observed share that paid.
    pub observed: f64,
}

/// The fit's report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "FitReport"))]
pub struct Report {
    /// Training rows.
    pub train_rows: u64,
    /// Test rows.
    pub test_rows: u64,
    /// Area under the ROC curve on the test set (with the integer-point scorecard).
    pub auc: f64,
    /// Kolmogorov–Smirnov statistic on the test set.
    pub ks: f64,
    /// Gini = 2·AUC − 1.
    pub gini: f64,
    /// AUC on the training set.
    pub train_auc: f64,
    /// Every feature, by IV descending.
    pub features: Vec<FeatureReport>,
    /// Calibration by decile, on the test set.
    pub calibration: Vec<CalibrationRow>,
}

/// A fitted scorecard (a policy fragment) and its report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Fitted {
    /// Paste into the policy as `scorecard`.
    pub scorecard: Scorecard,
    /// How good it is.
    pub report: Report,
}

fn err(path: &str, message: impl Into<String>) -> Error {
    Error::new(Scope::Call, ErrorKind::BadValue, path, message)
}

/// Fits a scorecard.
///
/// # Errors
/// `call.missing_field` for a missing outcome column; `call.bad_value` for unreadable CSV, a single-class
/// outcome, fewer rows than fine bins, mismatched test columns, or no feature informative enough.
pub fn fit(call: &FitCall) -> Result<Fitted, Error> {
    let all = read(&call.csv, call, "/csv")?;
    let (train_idx, test_data) = match &call.test_csv {
        Some(t) => {
            let test = read(t, call, "/test_csv")?;
            if test.columns != all.columns {
                return Err(err(
                    "/test_csv",
                    "the test set's columns differ from the training set's",
                ));
            }
            ((0..all.rows.len()).collect::<Vec<_>>(), Some(test))
        }
        None => (Vec::new(), None),
    };
    let (train_idx, test_idx) = if test_data.is_some() {
        (train_idx, Vec::new())
    } else {
        split(&all.bad, call.test_share, call.seed)
    };
    let bads = train_idx.iter().filter(|&&i| all.bad[i]).count();
    if bads == 0 || bads == train_idx.len() {
        return Err(err(
            "/outcome",
            format!(
                "the outcome `{}` has a single class in the training data: both good and bad rows are needed",
                call.outcome
            ),
        ));
    }
    if train_idx.len() < call.fine_bins.max(2) {
        return Err(err(
            "/csv",
            format!(
                "`{}` training rows are fewer than the `{}` fine bins",
                train_idx.len(),
                call.fine_bins
            ),
        ));
    }
    let y: Vec<bool> = train_idx.iter().map(|&i| all.bad[i]).collect();
    let mut coarse: Vec<(usize, Coarse, Vec<f64>, f64)> = Vec::new();
    for (c, name) in all.columns.iter().enumerate() {
        let raw: Vec<Option<&str>> = train_idx.iter().map(|&i| all.rows[i][c].as_deref()).collect();
        let numeric: Option<Vec<Option<f64>>> = if call.categorical.contains(name) {
            None
        } else {
            raw.iter()
                .map(|v| {
                    v.map_or(Some(None), |s| {
                        s.parse::<f64>().ok().filter(|x| x.is_finite()).map(Some)
                    })
                })
                .collect()
        };
        let cb = match numeric {
            Some(values) => coarse_numeric(&values, &y, call),
            None => coarse_categorical(&raw, &y, call),
        };
        let (woe, iv) = woe_iv(&cb.counts);
        coarse.push((c, cb, woe, iv));
    }
    let kept: Vec<usize> = (0..coarse.len()).filter(|&k| coarse[k].3 >= call.min_iv).collect();
    if kept.is_empty() {
        return Err(err(
            "/csv",
            format!("no feature has an information value of at least `{}`", call.min_iv),
        ));
    }
    let encode = |rows: &[Vec<Option<String>>], idx: &[usize]| -> Vec<Vec<f64>> {
        idx.iter()
            .map(|&i| {
                kept.iter()
                    .map(|&k| {
                        let (c, cb, woe, _) = &coarse[k];
                        woe[cb.bin_of(rows[i][*c].as_deref())]
                    })
                    .collect()
            })
            .collect()
    };
    let x = encode(&all.rows, &train_idx);
    let beta = logistic(&x, &y);

    // PDO scaling into integer points per bin.
    let factor = f64::from(call.pdo) / core::f64::consts::LN_2;
    let offset = f64::from(call.base_points) - factor * libm::log(call.base_odds);
    let n = kept.len() as f64;
    let share = (offset - factor * beta[0]) / n;
    let points_of = |j: usize, w: f64| libm::round(-factor * beta[j + 1] * w + share) as i32;
    let mut features = Vec::new();
    let mut reports = Vec::new();
    for (k, (c, cb, woe, iv)) in coarse.iter().enumerate() {
        let j = kept.iter().position(|&x| x == k);
        let pts: Vec<i32> = woe.iter().map(|&w| j.map_or(0, |j| points_of(j, w))).collect();
        let missing = cb.counts.len() - 1;
        reports.push(FeatureReport {
            name: all.columns[*c].clone(),
            iv: round6(*iv),
            kept: j.is_some(),
            coefficient: j.map(|j| round6(beta[j + 1])),
            bins: cb
                .labels
                .iter()
                .zip(&cb.counts)
                .zip(woe.iter().zip(&pts))
                .map(|((label, &(g, b)), (&w, &p))| BinReport {
                    label: label.clone(),
                    count: g + b,
                    bad_rate: round6(b as f64 / (g + b).max(1) as f64),
                    woe: round6(w),
                    points: p,
                })
                .collect(),
        });
        let Some(_) = j else { continue };
        let bins = match &cb.binning {
            Binning::Numeric { cuts } => {
                let mut v: Vec<Bin> = cuts
                    .iter()
                    .zip(&pts)
                    .map(|(c, p)| Bin::Range {
                        below: Some(*c),
                        points: *p,
                    })
                    .collect();
                v.push(Bin::Range {
                    below: None,
                    points: pts[cuts.len()],
                });
                v
            }
            Binning::Categorical { groups, .. } => groups
                .iter()
                .zip(&pts)
                .map(|(g, p)| Bin::Category {
                    values: g.clone(),
                    points: *p,
                })
                .collect(),
        };
        let other_points = match &cb.binning {
            Binning::Categorical { other, .. } => pts[*other],
            Binning::Numeric { .. } => pts[missing],
        };
        features.push(ScoreFeature {
            name: all.columns[*c].clone(),
            bins,
            missing_points: pts[missing],
            other_points,
        });
    }
    crate::sort::sort_by(&mut reports, |a, b| b.iv.total_cmp(&a.iv).then(a.name.cmp(&b.name)));

    // Bands at the score's quintiles on training data.
    // Points of a row with the integer scorecard, exactly as decisions will score it.
    let bin_points: Vec<(usize, &Coarse, Vec<i32>)> = kept
        .iter()
        .map(|&k| {
            let (c, cb, _, _) = &coarse[k];
            let pts = reports
                .iter()
                .find(|r| r.name == all.columns[*c])
                .map(|r| r.bins.iter().map(|b| b.points).collect())
                .unwrap_or_default();
            (*c, cb, pts)
        })
        .collect();
    let total_points = |rows: &[Vec<Option<String>>], i: usize| -> i32 {
        bin_points
            .iter()
            .map(|(c, cb, pts)| pts.get(cb.bin_of(rows[i][*c].as_deref())).copied().unwrap_or(0))
            .sum()
    };
    let mut train_scores: Vec<i32> = train_idx.iter().map(|&i| total_points(&all.rows, i)).collect();
    let train_auc = auc(&train_scores.iter().map(|&s| f64::from(s)).collect::<Vec<_>>(), &y);
    crate::sort::sort(&mut train_scores);
    let q = |p: usize| train_scores.get(train_scores.len() * p / 5).copied().unwrap_or(0);
    let mut bands: Vec<Band> = ["A", "B", "C", "D"]
        .iter()
        .zip([4, 3, 2, 1])
        .map(|(name, p)| Band {
            name: (*name).into(),
            min_points: q(p),
        })
        .collect();
    bands.dedup_by(|b, a| b.min_points >= a.min_points);
    // The last band starts at the lowest score the card can give.
    let floor: i32 = bin_points
        .iter()
        .map(|(_, _, pts)| pts.iter().copied().min().unwrap_or(0))
        .sum();
    bands.retain(|b| b.min_points > floor);
    bands.push(Band {
        name: "E".into(),
        min_points: floor,
    });

    let scorecard = Scorecard {
        base_points: call.base_points,
        base_odds: call.base_odds,
        pdo: call.pdo,
        features,
        bands,
        reasons: 4,
    };
    let (test_rows, test_bad): (Vec<Vec<Option<String>>>, Vec<bool>) = match test_data {
        Some(t) => (t.rows, t.bad),
        None => (
            test_idx.iter().map(|&i| all.rows[i].clone()).collect(),
            test_idx.iter().map(|&i| all.bad[i]).collect(),
        ),
    };
    let test_scores: Vec<f64> = (0..test_rows.len())
        .map(|i| f64::from(total_points(&test_rows, i)))
        .collect();
    let auc_test = auc(&test_scores, &test_bad);
    let ks_test = ks(&test_scores, &test_bad);
    // Calibration by decile of predicted P(good).
    let mut order: Vec<usize> = (0..test_scores.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        test_scores[a].total_cmp(&test_scores[b]).then(a.cmp(&b))
    });
    let calibration = (0..10)
        .filter_map(|d| {
            let part = &order[order.len() * d / 10..order.len() * (d + 1) / 10];
            if part.is_empty() {
                return None;
            }
            let pred: f64 = part
                .iter()
                .map(|&i| super::probability(&scorecard, test_scores[i] as i32))
                .sum::<f64>()
                / part.len() as f64;
            let obs = part.iter().filter(|&&i| !test_bad[i]).count() as f64 / part.len() as f64;
            Some(CalibrationRow {
                count: part.len() as u64,
                predicted: round6(pred),
                observed: round6(obs),
            })
        })
        .collect();
    let report = Report {
        train_rows: train_idx.len() as u64,
        test_rows: test_rows.len() as u64,
        auc: round6(auc_test),
        ks: round6(ks_test),
        gini: round6(2.0 * auc_test - 1.0),
        train_auc: round6(train_auc),
        features: reports,
        calibration,
    };
    Ok(Fitted { scorecard, report })
}

fn round6(x: f64) -> f64 {
    libm::round(x * 1e6) / 1e6
}

#[cfg(test)]
mod tests {
    use super::binning::pava;
    use super::*;

    #[test]
    fn woe_and_iv_by_hand() {
        // goods 80/20, bads 10/40 → %g .8/.2, %b .2/.8; WoE ln 4 and ln .25; IV = .6·ln4 + .6·ln4 = 1.6636.
        let (w, iv) = woe_iv(&[(80, 10), (20, 40)]);
        assert!((w[0] - 4f64.ln()).abs() < 1e-12 && (w[1] + 4f64.ln()).abs() < 1e-12);
        assert!((iv - 1.2 * 4f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn pava_makes_bad_rates_monotonic() {
        // bad rates .1 .3 .2 .4 → rising merges the middle pair: .1 | .25 | .4.
        let merged = pava(&[(90, 10), (70, 30), (80, 20), (60, 40)], true);
        let rates: Vec<f64> = merged.iter().map(|m| m.3 as f64 / (m.2 + m.3) as f64).collect();
        assert_eq!(rates, vec![0.1, 0.25, 0.4]);
        assert!(rates.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn auc_and_ks_by_hand() {
        // Goods at 3 and 4, bads at 1 and 3.5: 3 of 4 pairs ordered → AUC .75.
        let (s, b) = ([3.0, 4.0, 1.0, 3.5], [false, false, true, true]);
        assert_eq!(auc(&s, &b), 0.75);
        // Thresholds: after 1 → bads .5, goods 0 → .5; after 3 → .5 / .5; after 3.5 → 1 / .5 → KS .5.
        assert_eq!(ks(&s, &b), 0.5);
        assert_eq!(auc(&[1.0, 1.0], &[false, true]), 0.5);
    }

    #[test]
    fn logistic_recovers_a_known_slope() {
        // y = bad with P = 1/(1+e^-(x)) on a grid: the fitted slope is close to 1.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..2000 {
            let xi = (i % 100) as f64 / 10.0 - 5.0;
            let p = 1.0 / (1.0 + (-xi).exp());
            let bad = ((i * 7919) % 1000) as f64 / 1000.0 < p;
            x.push(vec![xi]);
            y.push(bad);
        }
        let beta = logistic(&x, &y);
        assert!((beta[1] - 1.0).abs() < 0.2, "slope {}", beta[1]);
    }

    #[test]
    fn bad_inputs_get_clear_errors() {
        let base = |csv: &str, outcome: &str| FitCall {
            csv: csv.into(),
            test_csv: None,
            outcome: outcome.into(),
            good: vec!["good".into()],
            ignore: vec![],
            categorical: vec![],
            numeric: vec!["a".into()],
            seed: 1,
            test_share: 0.3,
            fine_bins: 5,
            min_bin_share: 0.05,
            min_iv: 0.02,
            base_points: 600,
            base_odds: 50.0,
            pdo: 20,
        };
        let code = |c: FitCall| fit(&c).err().map(|e| (e.code(), e.path));
        assert_eq!(
            code(base("a,y\n1,good\n", "target")),
            Some(("call.missing_field".into(), "/csv".into()))
        );
        let one_class: String = std::iter::once("a,y".to_string())
            .chain((0..50).map(|i| format!("{i},good")))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            code(base(&one_class, "y")),
            Some(("call.bad_value".into(), "/outcome".into()))
        );
        assert_eq!(
            code(base("a,y\n1,good\n2,bad\n", "y")).map(|c| c.1),
            Some("/csv".into())
        );
        assert_eq!(code(base("a,y\n1,good,3\n", "y")).map(|c| c.1), Some("/csv".into()));
        let e = fit(&base("a,y\n1,good\nabc,bad\n", "y")).err().map(|e| e.message);
        assert_eq!(e.as_deref(), Some("row 3, column `a`: `abc` is not a number"));
    }
}
