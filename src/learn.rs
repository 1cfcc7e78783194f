//! What works: from contact and payment history, how often each segment × channel × tone gets a response —
//! a payment or a promise within `window_days` of the contact — as a Beta posterior (uniform prior), with
//! its mean and 95% credible interval. A policy can feed these back (`channels.learned`) so `best` steps
//! try the channel that works for the segment, keeping a deterministic exploration share so the estimates
//! keep learning.

use crate::account::Channel;
use crate::error::{Error, ErrorKind, Scope};
use crate::policy::Tone;
use crate::stats::beta_quantile;
use crate::time::Instant;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A contact made.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactEvent {
    /// Account.
    pub account_id: String,
    /// Segment the account was in.
    pub segment: String,
    /// Channel.
    pub channel: Channel,
    /// Tone.
    pub tone: Tone,
    /// When.
    pub at: Instant,
}

/// A response: a payment or a promise.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResponseEvent {
    /// Account.
    pub account_id: String,
    /// When.
    pub at: Instant,
}

/// Input of `learn`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearnCall {
    /// Days after a contact in which a response counts.
    #[serde(default = "default_window")]
    pub window_days: i64,
    /// Contacts.
    pub contacts: Vec<ContactEvent>,
    /// Payments and promises.
    pub responses: Vec<ResponseEvent>,
}

fn default_window() -> i64 {
    7
}

/// The estimate for one cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rate {
    /// Segment.
    pub segment: String,
    /// Channel.
    pub channel: Channel,
    /// Tone.
    pub tone: Tone,
    /// Contacts.
    pub contacts: u64,
    /// Contacts followed by a response in the window.
    pub responses: u64,
    /// Beta posterior parameters (uniform prior: 1 + responses, 1 + non-responses).
    pub alpha: u64,
    /// See `alpha`.
    pub beta: u64,
    /// Posterior mean.
    pub mean: f64,
    /// 2.5% quantile.
    pub low: f64,
    /// 97.5% quantile.
    pub high: f64,
}

/// What works, best first within each segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Learned {
    /// One estimate per segment × channel × tone.
    pub rates: Vec<Rate>,
}

fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Segment, channel and tone names: the cell's sort key.
type CellKey = (String, String, String);
/// Channel, tone, contacts, responses.
type Cell = (Channel, Tone, u64, u64);

/// Estimates response rates.
///
/// # Errors
/// `call.bad_value` for a window that is not positive, `call.out_of_range` for one past 366 days.
pub fn learn(call: &LearnCall) -> Result<Learned, Error> {
    if call.window_days <= 0 {
        return Err(Error::new(
            Scope::Call,
            ErrorKind::BadValue,
            "/window_days",
            "the response window must be at least one day",
        ));
    }
    // A window past a year is no longer "a response to this contact"; the bound also keeps `at + window`
    // inside the calendar.
    if call.window_days > 366 {
        return Err(Error::new(
            Scope::Call,
            ErrorKind::OutOfRange,
            "/window_days",
            format!(
                "a response window of `{}` days is more than the 366 allowed",
                call.window_days
            ),
        ));
    }
    let mut by_account: BTreeMap<&str, Vec<Instant>> = BTreeMap::new();
    for r in &call.responses {
        by_account.entry(r.account_id.as_str()).or_default().push(r.at);
    }
    let window = chrono::Duration::days(call.window_days);
    let mut cells: BTreeMap<CellKey, Cell> = BTreeMap::new();
    for c in &call.contacts {
        let responded = by_account
            .get(c.account_id.as_str())
            .is_some_and(|rs| rs.iter().any(|r| r.0 > c.at.0 && r.0 <= c.at.0 + window));
        let key = (c.segment.clone(), format!("{:?}", c.channel), format!("{:?}", c.tone));
        let e = cells.entry(key).or_insert((c.channel, c.tone, 0, 0));
        e.2 += 1;
        e.3 += u64::from(responded);
    }
    let mut rates: Vec<Rate> = cells
        .into_iter()
        .map(|((segment, _, _), (channel, tone, n, s))| {
            let (a, b) = (1 + s, 1 + n - s);
            let (af, bf) = (a as f64, b as f64);
            Rate {
                segment,
                channel,
                tone,
                contacts: n,
                responses: s,
                alpha: a,
                beta: b,
                mean: r6(af / (af + bf)),
                low: r6(beta_quantile(0.025, af, bf)),
                high: r6(beta_quantile(0.975, af, bf)),
            }
        })
        .collect();
    crate::sort::sort_by(&mut rates, |x, y| {
        x.segment
            .cmp(&y.segment)
            .then(y.mean.partial_cmp(&x.mean).unwrap_or(std::cmp::Ordering::Equal))
    });
    Ok(Learned { rates })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_quantiles_match_known_values() {
        use crate::stats::beta_cdf;
        // Beta(1,1) is uniform.
        assert!((beta_quantile(0.025, 1.0, 1.0) - 0.025).abs() < 1e-9);
        // Beta(2,2): median 0.5; CDF(0.5) = 0.5.
        assert!((beta_cdf(0.5, 2.0, 2.0) - 0.5).abs() < 1e-12);
        // Beta(3, 9): 2.5% ≈ 0.060, 97.5% ≈ 0.518 (reference tables).
        let lo = beta_quantile(0.025, 3.0, 9.0);
        let hi = beta_quantile(0.975, 3.0, 9.0);
        assert!((lo - 0.0602).abs() < 0.001 && (hi - 0.5178).abs() < 0.001, "{lo} {hi}");
    }
}
