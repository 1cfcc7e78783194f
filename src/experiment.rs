//! Champion/challenger: experiments in the policy, each with arms and their shares. An account's arm is a
//! hash of the experiment's salt and the account id — the same on every host, stable across runs, and
//! independent between experiments with different salts. An arm may bring its own ladders (`segments`) or
//! tone; each decision records its arms.
//!
//! The report compares arms on outcomes the lender records: accounts, cure rate, amount recovered, promises
//! kept, complaints, and the uplift of each challenger over the champion (the first arm) with a 95% interval
//! (Newcombe hybrid score intervals for rates, Welch with Welch–Satterthwaite t for means).

use crate::error::{Error, ErrorKind, Scope};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::policy::experiments::{Arm, Experiment};

/// An account's arm in one experiment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Assignment {
    /// Experiment id.
    pub experiment: String,
    /// Arm id.
    pub arm: String,
}

/// The account's slot in 0..10,000 for a salt: the first 8 bytes of SHA-256(`salt:account_id`).
pub fn slot(salt: &str, account_id: &str) -> u32 {
    let h = Sha256::digest(format!("{salt}:{account_id}").as_bytes());
    let mut b = [0u8; 8];
    for (to, from) in b.iter_mut().zip(h.iter()) {
        *to = *from;
    }
    u32::try_from(u64::from_be_bytes(b) % 10_000).unwrap_or(0)
}

/// The arm an account falls in.
pub fn assign<'a>(e: &'a Experiment, account_id: &str) -> Option<&'a Arm> {
    let s = slot(&e.salt, account_id);
    let mut upper = 0;
    for arm in &e.arms {
        upper += arm.share_bps;
        if s < upper {
            return Some(arm);
        }
    }
    e.arms.last()
}

/// What an account's arms change for it: the first arm (in policy order) that brings its own ladders, tone
/// or offer rules is the one whose ladders, tone or offers apply; the policy's own apply otherwise.
#[derive(Debug)]
pub struct Treatment<'a> {
    /// The account's arm in each experiment, in policy order.
    pub assignments: Vec<Assignment>,
    /// The ladders that apply.
    pub segments: &'a [crate::policy::Segment],
    /// The tone every message takes before softening, if an arm sets one.
    pub tone: Option<crate::policy::Tone>,
    /// The offer rules that apply.
    pub offers: &'a crate::policy::OfferRules,
}

/// The account's treatment under the policy's experiments.
pub fn treatment<'a>(policy: &'a crate::policy::Policy, account_id: &str) -> Treatment<'a> {
    let mut t = Treatment {
        assignments: Vec::new(),
        segments: &policy.segments,
        tone: None,
        offers: &policy.offers,
    };
    let (mut own_segments, mut own_offers) = (false, false);
    for e in &policy.experiments {
        let Some(arm) = assign(e, account_id) else { continue };
        t.assignments.push(Assignment {
            experiment: e.id.clone(),
            arm: arm.id.clone(),
        });
        if let Some(own) = arm.segments.as_deref().filter(|_| !own_segments) {
            t.segments = own;
            own_segments = true;
        }
        t.tone = t.tone.or(arm.tone);
        if let Some(own) = arm.offers.as_ref().filter(|_| !own_offers) {
            t.offers = own;
            own_offers = true;
        }
    }
    t
}

/// One account's outcome over the experiment's window, as the lender records it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ExperimentOutcome")
)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Account id.
    pub account_id: String,
    /// Arm id (as recorded on its decisions).
    pub arm: String,
    /// Became current.
    #[serde(default)]
    pub cured: bool,
    /// Amount recovered, minor units (0 … 2^53 − 1).
    #[serde(default)]
    pub recovered: crate::money::Amount,
    /// Promises made.
    #[serde(default)]
    pub ptp_made: u32,
    /// Promises kept.
    #[serde(default)]
    pub ptp_kept: u32,
    /// A complaint was received.
    #[serde(default)]
    pub complaint: bool,
}

/// Input of `experiment_report`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ExperimentReportCall")
)]
#[serde(deny_unknown_fields)]
pub struct ReportCall {
    /// The champion arm (default: the first arm seen).
    #[serde(default)]
    pub champion: Option<String>,
    /// Outcomes.
    pub outcomes: Vec<Outcome>,
}

/// An arm's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ArmReport {
    /// Arm id.
    pub arm: String,
    /// Accounts.
    pub accounts: u64,
    /// Cured accounts.
    pub cured: u64,
    /// Cured / accounts.
    pub cure_rate: f64,
    /// Sum recovered (minor units).
    pub recovered: crate::money::Amount,
    /// Mean recovered per account.
    pub recovered_mean: f64,
    /// Promises kept / made.
    pub ptp_kept_rate: Option<f64>,
    /// Complaints.
    pub complaints: u64,
    /// Complaints / accounts.
    pub complaint_rate: f64,
    /// Uplift over the champion (absent for the champion).
    pub uplift: Option<Uplift>,
}

/// A difference with its 95% interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Interval {
    /// Challenger − champion.
    pub diff: f64,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// Uplift of a challenger over the champion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Uplift {
    /// Cure rate difference (Newcombe hybrid score interval, 95%).
    pub cure_rate: Interval,
    /// Mean recovered difference (Welch interval, 95%, t with Welch–Satterthwaite degrees of freedom).
    pub recovered_mean: Interval,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ExperimentReport")
)]
pub struct Report {
    /// Champion arm.
    pub champion: String,
    /// Arms, champion first, then in order of appearance.
    pub arms: Vec<ArmReport>,
}

/// The normal 97.5% quantile (two-sided 95%), for the Wilson intervals.
const Z95: f64 = 1.959_963_984_540_054;

use crate::stats::{t_two_sided, wilson};

/// Rounds to 6 decimals so every runtime prints the same digits.
fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

struct Acc {
    n: u64,
    cured: u64,
    sum: i64,
    sum_sq: f64,
    made: u64,
    kept: u64,
    complaints: u64,
}

/// Builds the report.
///
/// # Errors
/// `call.bad_value` when there are no outcomes or the champion has none.
pub fn report(call: &ReportCall) -> Result<Report, Error> {
    let mut order: Vec<String> = Vec::new();
    let mut acc: std::collections::BTreeMap<String, Acc> = std::collections::BTreeMap::new();
    for (i, o) in call.outcomes.iter().enumerate() {
        if !acc.contains_key(&o.arm) {
            order.push(o.arm.clone());
        }
        let a = acc.entry(o.arm.clone()).or_insert(Acc {
            n: 0,
            cured: 0,
            sum: 0,
            sum_sq: 0.0,
            made: 0,
            kept: 0,
            complaints: 0,
        });
        a.n += 1;
        a.cured += u64::from(o.cured);
        // The arm's total is a figure people read: refused past 2^53 rather than rounded or wrapped.
        a.sum = a
            .sum
            .checked_add(o.recovered.0)
            .filter(|t| *t <= crate::money::MAX_SAFE)
            .ok_or_else(|| {
                Error::new(
                    Scope::Call,
                    ErrorKind::OutOfRange,
                    format!("/outcomes/{i}/recovered"),
                    format!("arm `{}` recovers more than 2^53-1 minor units in total", o.arm),
                )
            })?;
        a.sum_sq += (o.recovered.0 as f64) * (o.recovered.0 as f64);
        a.made += u64::from(o.ptp_made);
        a.kept += u64::from(o.ptp_kept);
        a.complaints += u64::from(o.complaint);
    }
    let champion = call
        .champion
        .clone()
        .or_else(|| order.first().cloned())
        .ok_or_else(|| {
            Error::new(
                Scope::Call,
                ErrorKind::BadValue,
                "/outcomes",
                "no outcomes to report on",
            )
        })?;
    if !acc.contains_key(&champion) {
        return Err(Error::new(
            Scope::Call,
            ErrorKind::BadValue,
            "/champion",
            format!("the champion arm `{champion}` has no outcomes"),
        ));
    }
    order.retain(|a| *a != champion);
    order.insert(0, champion.clone());
    let stats = |a: &Acc| {
        let n = a.n as f64;
        let p = a.cured as f64 / n;
        let mean = a.sum as f64 / n;
        let var = if a.n > 1 {
            ((a.sum_sq - n * mean * mean) / (n - 1.0)).max(0.0)
        } else {
            0.0
        };
        (n, p, mean, var)
    };
    let (n0, p0, m0, v0) = acc.get(&champion).map(stats).unwrap_or((1.0, 0.0, 0.0, 0.0));
    let arms = order
        .iter()
        .filter_map(|id| acc.get(id).map(|a| (id, a)))
        .map(|(id, a)| {
            let (n, p, m, v) = stats(a);
            let uplift = (*id != champion).then(|| {
                // Cure rate: Newcombe's hybrid score interval (method 10) from each arm's Wilson interval;
                // the Wald interval is too narrow with small counts and can leave −1…1.
                let (l1, u1) = wilson(a.cured as f64, n, Z95);
                let (l0, u0) = acc
                    .get(&champion)
                    .map_or((0.0, 1.0), |c| wilson(c.cured as f64, n0, Z95));
                let d = p - p0;
                let cure_low = d - libm::sqrt((p - l1) * (p - l1) + (u0 - p0) * (u0 - p0));
                let cure_high = d + libm::sqrt((u1 - p) * (u1 - p) + (p0 - l0) * (p0 - l0));
                // Mean recovered: Welch's interval, t with Welch–Satterthwaite degrees of freedom.
                let (s1, s0) = (v / n, v0 / n0);
                let se_m = libm::sqrt(s1 + s0);
                let part = |s: f64, k: f64| if k > 1.0 { s * s / (k - 1.0) } else { 0.0 };
                let df = (s1 + s0) * (s1 + s0) / (part(s1, n) + part(s0, n0));
                let t = if se_m > 0.0 && df.is_finite() {
                    t_two_sided(0.05, df)
                } else {
                    0.0
                };
                Uplift {
                    cure_rate: Interval {
                        diff: r6(d),
                        low: r6(cure_low),
                        high: r6(cure_high),
                    },
                    recovered_mean: Interval {
                        diff: r6(m - m0),
                        low: r6(m - m0 - t * se_m),
                        high: r6(m - m0 + t * se_m),
                    },
                }
            });
            ArmReport {
                arm: id.clone(),
                accounts: a.n,
                cured: a.cured,
                cure_rate: r6(p),
                recovered: crate::money::Amount(a.sum),
                recovered_mean: r6(m),
                ptp_kept_rate: (a.made > 0).then(|| r6(a.kept as f64 / a.made as f64)),
                complaints: a.complaints,
                complaint_rate: r6(a.complaints as f64 / n),
                uplift,
            }
        })
        .collect();
    Ok(Report { champion, arms })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(arm: &str, cured: bool, recovered: i64) -> Outcome {
        Outcome {
            account_id: String::new(),
            arm: arm.into(),
            cured,
            recovered: crate::money::Amount(recovered),
            ptp_made: 1,
            ptp_kept: u32::from(cured),
            complaint: false,
        }
    }

    #[test]
    fn hand_computed_rates_and_uplift() {
        // Champion: 2 of 4 cured, recovered 0, 100, 200, 300 (mean 150, variance 16,666.67).
        // Challenger: 3 of 4 cured, recovered 100, 200, 300, 400 (mean 250, same variance).
        let mut outcomes = Vec::new();
        for (i, r) in [0, 100, 200, 300].iter().enumerate() {
            outcomes.push(outcome("A", i < 2, *r));
        }
        for (i, r) in [100, 200, 300, 400].iter().enumerate() {
            outcomes.push(outcome("B", i < 3, *r));
        }
        let rep = report(&ReportCall {
            champion: None,
            outcomes,
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(rep.champion, "A");
        assert_eq!(rep.arms[0].cure_rate, 0.5);
        assert_eq!(rep.arms[1].cure_rate, 0.75);
        assert_eq!(rep.arms[1].ptp_kept_rate, Some(0.75));
        let u = rep.arms[1].uplift.as_ref().unwrap_or_else(|| unreachable!());
        assert_eq!(u.cure_rate.diff, 0.25);
        // Newcombe's hybrid score interval from the Wilson intervals of 3/4 (0.300642, 0.954413) and 2/4
        // (0.150039, 0.849961): 0.25 − √(0.449358² + 0.349961²) = −0.319557, 0.25 + √(0.204413² + 0.349961²)
        // = 0.655287. Source: scipy.stats.binomtest(k, n).proportion_ci(method="wilson") and Newcombe (1998),
        // method 10. (The Wald interval this replaced, ±0.648197, was too narrow and not bounded by −1…1.)
        assert_eq!(u.cure_rate.low, -0.319557);
        assert_eq!(u.cure_rate.high, 0.655287);
        assert_eq!(u.recovered_mean.diff, 100.0);
        // Welch: se = √(2 · 16,666.67 / 4) = 91.287093; Welch–Satterthwaite df = 6 (equal variances and sizes);
        // t(0.975, 6) = 2.446912 (scipy.stats.t.ppf), so ±223.371470 — not z = 1.96's ±178.919.
        assert!(
            (u.recovered_mean.low + 123.371470).abs() < 1e-5,
            "{}",
            u.recovered_mean.low
        );
        assert!(
            (u.recovered_mean.high - 323.371470).abs() < 1e-5,
            "{}",
            u.recovered_mean.high
        );
    }

    #[test]
    fn a_known_uplift_is_recovered_within_its_interval() {
        // Synthetic: champion cures 20%, challenger 26% (true uplift 0.06), 5,000 accounts each, drawn with a
        // fixed-seed generator through the same assignment hash the decisions use.
        let exp = Experiment {
            id: "e".into(),
            salt: "synthetic".into(),
            arms: vec![
                Arm {
                    id: "champion".into(),
                    share_bps: 5000,
                    segments: None,
                    tone: None,
                    offers: None,
                },
                Arm {
                    id: "challenger".into(),
                    share_bps: 5000,
                    segments: None,
                    tone: None,
                    offers: None,
                },
            ],
        };
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut outcomes = Vec::new();
        for i in 0..10_000 {
            let id = format!("ACC-{i}");
            let arm = assign(&exp, &id).map(|a| a.id.clone()).unwrap_or_default();
            let p = if arm == "champion" { 0.20 } else { 0.26 };
            let cured = next() < p;
            outcomes.push(Outcome {
                account_id: id,
                arm,
                cured,
                recovered: crate::money::Amount(if cured { 10_000 } else { 0 }),
                ptp_made: 0,
                ptp_kept: 0,
                complaint: false,
            });
        }
        let rep = report(&ReportCall {
            champion: Some("champion".into()),
            outcomes,
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        let n: u64 = rep.arms.iter().map(|a| a.accounts).sum();
        assert_eq!(n, 10_000);
        assert!(
            rep.arms.iter().all(|a| a.accounts > 4_800 && a.accounts < 5_200),
            "shares near 50/50"
        );
        let u = &rep.arms[1].uplift.as_ref().unwrap_or_else(|| unreachable!()).cure_rate;
        assert!(u.low <= 0.06 && 0.06 <= u.high, "{u:?}");
        assert!(u.low > 0.0, "the uplift is significant: {u:?}");
    }
}
