//! Distributions the reports need, computed with `libm` so every runtime prints the same digits: the
//! regularised incomplete beta and its quantile (Beta posteriors for `learn`), Student's t quantile (Welch
//! intervals) and Wilson score intervals (rates from small counts) for `experiment_report`.

/// Lentz's guard: a denominator this close to zero is replaced by a tiny number, not divided by.
pub(crate) fn away_from_zero(x: f64) -> f64 {
    if x.abs() < 1e-300 { 1e-300 } else { x }
}

/// Continued fraction of the regularised incomplete beta (Numerical Recipes `betacf`).
fn betacf(a: f64, b: f64, x: f64) -> f64 {
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / away_from_zero(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / away_from_zero(1.0 + aa * d);
        c = away_from_zero(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / away_from_zero(1.0 + aa * d);
        c = away_from_zero(1.0 + aa / c);
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-14 {
            break;
        }
    }
    h
}

/// Regularised incomplete beta I_x(a, b), with `libm` so every runtime computes the same bits.
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * libm::log(x) + b * libm::log(1.0 - x);
    let front = libm::exp(ln_front);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * betacf(a, b, x) / a
    } else {
        1.0 - front * betacf(b, a, 1.0 - x) / b
    }
}

/// The `p` quantile of Beta(a, b) by bisection (60 halvings: far below the 6 decimals reported).
pub fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if beta_cdf(mid, a, b) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The two-sided `1 − alpha` quantile of Student's t with `df` degrees of freedom (e.g. 2.446912 for 95%
/// and 6 df): `P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2) = alpha`, solved for `x = df/(df+t²)` by bisection.
/// `df` may be fractional (Welch–Satterthwaite); an infinite or huge `df` gives the normal quantile's value.
pub fn t_two_sided(alpha: f64, df: f64) -> f64 {
    if !(df.is_finite() && df > 0.0) {
        return f64::NAN;
    }
    let x = beta_quantile(alpha, df / 2.0, 0.5);
    libm::sqrt(df * (1.0 - x) / x)
}

/// The Wilson score interval of `k` successes in `n` trials at normal quantile `z`: right at 0 and `n` and for
/// small `n`, where the Wald interval `p ± z·√(p(1−p)/n)` collapses or leaves 0…1.
pub fn wilson(k: f64, n: f64, z: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let p = k / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * libm::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_tables() {
        // Student's t, two-sided 95%: 12.706205 (1 df), 2.446912 (6 df), 2.228139 (10 df), 1.983972 (100 df);
        // source: scipy.stats.t.ppf(0.975, df) and any printed t table.
        for (df, want) in [(1.0, 12.706205), (6.0, 2.446912), (10.0, 2.228139), (100.0, 1.983972)] {
            let got = t_two_sided(0.05, df);
            assert!((got - want).abs() < 1e-5, "{df}: {got}");
        }
        // Fractional degrees of freedom (Welch): 4.5 df → 2.658912 (scipy.stats.t.ppf(0.975, 4.5)).
        let t = t_two_sided(0.05, 4.5);
        assert!((t - 2.658912).abs() < 1e-5, "{t}");
    }

    #[test]
    fn wilson_intervals_match_the_formula() {
        // 3 of 4 at 95%: (0.300642, 0.954413); source: scipy.stats.binomtest(3, 4).proportion_ci(method="wilson").
        let (lo, hi) = wilson(3.0, 4.0, 1.959_963_984_540_054);
        assert!(
            (lo - 0.300642).abs() < 1e-6 && (hi - 0.954413).abs() < 1e-6,
            "{lo} {hi}"
        );
        // 0 of 10 stays inside 0…1 and is not a point.
        // 0 of 10: (0, 0.277533), same source.
        let (lo, hi) = wilson(0.0, 10.0, 1.959_963_984_540_054);
        assert!(lo == 0.0 && (hi - 0.277533).abs() < 1e-6, "{lo} {hi}");
    }
}
