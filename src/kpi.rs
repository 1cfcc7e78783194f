//! Portfolio KPIs from periodic snapshots (e.g. month ends): roll rates between buckets, cure rate, PTP kept
//! rate, right-party-contact rate, liquidation rate and cost per unit collected — the figures a collections
//! manager steers by. Rates are rounded to 6 decimals so every runtime prints the same digits.

use crate::error::{Error, ErrorKind, Scope};
use crate::money::Amount;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One account in a snapshot; activity fields count what happened since the previous snapshot.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SnapAccount {
    /// Account id.
    pub id: String,
    /// Bucket at the snapshot.
    pub bucket: String,
    /// Outstanding balance (minor units).
    #[serde(default)]
    pub balance: Amount,
    /// Collected in the period.
    #[serde(default)]
    pub collected: Amount,
    /// Contact attempts in the period.
    #[serde(default)]
    pub contacts: u32,
    /// Right-party contacts in the period.
    #[serde(default)]
    pub rpc: u32,
    /// Promises made in the period.
    #[serde(default)]
    pub ptp_made: u32,
    /// Promises kept in the period.
    #[serde(default)]
    pub ptp_kept: u32,
    /// Collection cost in the period (minor units).
    #[serde(default)]
    pub cost: Amount,
}

/// A snapshot.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Its date.
    pub date: crate::time::Date,
    /// Accounts.
    pub accounts: Vec<SnapAccount>,
}

/// Input of `kpi`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KpiCall {
    /// Buckets from current to worst (default M0, M1, M2, M3, M4+).
    #[serde(default = "default_buckets")]
    pub buckets: Vec<String>,
    /// Snapshots, oldest first.
    pub snapshots: Vec<Snapshot>,
}

fn default_buckets() -> Vec<String> {
    ["M0", "M1", "M2", "M3", "M4+"]
        .iter()
        .map(|s| (*s).to_string())
        .collect()
}

/// KPIs of one period (between two snapshots).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    /// Start snapshot date.
    pub from: crate::time::Date,
    /// End snapshot date.
    pub to: crate::time::Date,
    /// Accounts in both snapshots, by bucket at the start then at the end.
    pub roll: BTreeMap<String, BTreeMap<String, u64>>,
    /// Share of each starting bucket's accounts that moved to a worse bucket.
    pub roll_forward: BTreeMap<String, f64>,
    /// Share of delinquent accounts at the start that are current at the end.
    pub cure_rate: Option<f64>,
    /// Promises kept / made in the period.
    pub ptp_kept_rate: Option<f64>,
    /// Right-party contacts / contact attempts.
    pub rpc_rate: Option<f64>,
    /// Collected / delinquent balance at the start.
    pub liquidation_rate: Option<f64>,
    /// Cost / collected.
    pub cost_per_collected: Option<f64>,
    /// Collected in the period.
    pub collected: Amount,
}

/// The KPIs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Kpis {
    /// One entry per consecutive pair of snapshots.
    pub periods: Vec<Period>,
}

fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| r6(a / b))
}

/// Computes the KPIs.
///
/// # Errors
/// `call.bad_value` with fewer than two snapshots or a bucket not in `buckets`.
pub fn compute(call: &KpiCall) -> Result<Kpis, Error> {
    if call.snapshots.len() < 2 {
        return Err(Error::new(
            Scope::Call,
            ErrorKind::BadValue,
            "/snapshots",
            "at least two snapshots are needed to measure a period",
        ));
    }
    let rank: HashMap<&str, usize> = call.buckets.iter().enumerate().map(|(i, b)| (b.as_str(), i)).collect();
    for (si, s) in call.snapshots.iter().enumerate() {
        // Snapshots are oldest first (a period runs from one to the next); out of order, every rate would
        // be measured backwards.
        if let Some(prev) = si.checked_sub(1).and_then(|p| call.snapshots.get(p))
            && s.date <= prev.date
        {
            return Err(Error::new(
                Scope::Call,
                ErrorKind::BadValue,
                format!("/snapshots/{si}/date"),
                format!(
                    "snapshot dates must increase, oldest first: `{}` does not come after `{}`",
                    s.date, prev.date
                ),
            ));
        }
        let mut ids = std::collections::HashSet::new();
        for (ai, a) in s.accounts.iter().enumerate() {
            // An account listed twice would be counted twice in every roll and sum.
            if !ids.insert(a.id.as_str()) {
                return Err(Error::new(
                    Scope::Call,
                    ErrorKind::DuplicateKey,
                    format!("/snapshots/{si}/accounts/{ai}/id"),
                    format!("account `{}` is listed twice in this snapshot", a.id),
                ));
            }
            if !rank.contains_key(a.bucket.as_str()) {
                return Err(Error::new(
                    Scope::Call,
                    ErrorKind::BadValue,
                    format!("/snapshots/{si}/accounts/{ai}/bucket"),
                    format!("bucket `{}` is not in `buckets`", a.bucket),
                ));
            }
        }
    }
    let mut periods = Vec::new();
    for (wi, w) in call.snapshots.windows(2).enumerate() {
        let [start, end] = w else { continue };
        let before: HashMap<&str, &SnapAccount> = start.accounts.iter().map(|a| (a.id.as_str(), a)).collect();
        let mut roll: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        let mut worse: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        let (mut delinquent, mut cured) = (0u64, 0u64);
        // Money totals in i128 (no wrap), then held to the JSON ceiling: a total people read is never rounded.
        let mut delinquent_balance = 0i128;
        for a in &start.accounts {
            if rank.get(a.bucket.as_str()).copied().unwrap_or(0) > 0 {
                delinquent_balance += i128::from(a.balance.0);
            }
        }
        let mut sums = (0u64, 0u64, 0u64, 0u64, 0i128, 0i128);
        for a in &end.accounts {
            sums.0 += u64::from(a.ptp_made);
            sums.1 += u64::from(a.ptp_kept);
            sums.2 += u64::from(a.contacts);
            sums.3 += u64::from(a.rpc);
            sums.4 += i128::from(a.collected.0);
            sums.5 += i128::from(a.cost.0);
            let Some(b) = before.get(a.id.as_str()) else { continue };
            *roll
                .entry(b.bucket.clone())
                .or_default()
                .entry(a.bucket.clone())
                .or_default() += 1;
            let (from, to) = (
                rank.get(b.bucket.as_str()).copied().unwrap_or(0),
                rank.get(a.bucket.as_str()).copied().unwrap_or(0),
            );
            let e = worse.entry(b.bucket.clone()).or_default();
            e.0 += 1;
            e.1 += u64::from(to > from);
            if from > 0 {
                delinquent += 1;
                cured += u64::from(to == 0);
            }
        }
        let collected = crate::money::checked(sums.4).ok_or_else(|| {
            Error::new(
                Scope::Call,
                ErrorKind::OutOfRange,
                format!("/snapshots/{}/accounts", wi + 1),
                "the amounts collected in this period add up to more than 2^53-1 minor units",
            )
        })?;
        periods.push(Period {
            from: start.date,
            to: end.date,
            roll,
            roll_forward: worse
                .into_iter()
                .map(|(k, (n, w))| (k, r6(w as f64 / n as f64)))
                .collect(),
            cure_rate: ratio(cured as f64, delinquent as f64),
            ptp_kept_rate: ratio(sums.1 as f64, sums.0 as f64),
            rpc_rate: ratio(sums.3 as f64, sums.2 as f64),
            liquidation_rate: ratio(sums.4 as f64, delinquent_balance as f64),
            cost_per_collected: ratio(sums.5 as f64, sums.4 as f64),
            collected: Amount(collected),
        });
    }
    Ok(Kpis { periods })
}
