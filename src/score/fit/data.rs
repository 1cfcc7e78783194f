//! The history read from CSV (outcome and features by column) and the seeded, stratified train/test split.
#![allow(
    clippy::indexing_slicing,
    reason = "the numeric loops index vectors by positions from the same vectors' ranges (bins, rows, features); not yet rewritten as iterators (issue 18: the core denies it everywhere else)"
)]

use super::{FitCall, err};
use crate::error::{Error, ErrorKind, Scope};

/// A parsed data set: column names, rows of optional cells, and the outcome (true = bad).
pub(super) struct Data {
    pub(super) columns: Vec<String>,
    pub(super) rows: Vec<Vec<Option<String>>>,
    pub(super) bad: Vec<bool>,
}

pub(super) fn read(csv_text: &str, call: &FitCall, path: &str) -> Result<Data, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| err(path, format!("cannot read the header row: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let Some(oi) = headers.iter().position(|h| h == &call.outcome) else {
        return Err(Error::new(
            Scope::Call,
            ErrorKind::MissingField,
            path,
            format!("no outcome column `{}` in the header", call.outcome),
        ));
    };
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&i| i != oi && !call.ignore.contains(&headers[i]))
        .collect();
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for (n, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| err(path, format!("row {}: {e}", n + 2)))?;
        for &i in &keep {
            let v = rec.get(i).map(str::trim).unwrap_or("");
            if !v.is_empty() && call.numeric.contains(&headers[i]) && v.parse::<f64>().map_or(true, |x| !x.is_finite())
            {
                return Err(err(
                    path,
                    format!("row {}, column `{}`: `{v}` is not a number", n + 2, headers[i]),
                ));
            }
        }
        let outcome = rec.get(oi).unwrap_or("").trim();
        bad.push(!call.good.iter().any(|g| g == outcome));
        rows.push(
            keep.iter()
                .map(|&i| rec.get(i).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string))
                .collect(),
        );
    }
    Ok(Data {
        columns: keep.iter().map(|&i| headers[i].clone()).collect(),
        rows,
        bad,
    })
}

/// splitmix64: a seeded, portable shuffle (the split must be the same on every host).
pub(super) fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Stratified split: returns (train, test) row indices.
pub(super) fn split(bad: &[bool], share: f64, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let mut state = seed;
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for class in [false, true] {
        let mut idx: Vec<usize> = (0..bad.len()).filter(|&i| bad[i] == class).collect();
        for i in (1..idx.len()).rev() {
            let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
            idx.swap(i, j);
        }
        let n_test = (idx.len() as f64 * share).round() as usize;
        test.extend_from_slice(&idx[..n_test]);
        train.extend_from_slice(&idx[n_test..]);
    }
    crate::sort::sort(&mut train);
    crate::sort::sort(&mut test);
    (train, test)
}
