//! Logistic regression of bad on the WoE values: Newton–Raphson (IRLS) with a tiny ridge, solved by
//! Gaussian elimination.
#![allow(
    clippy::indexing_slicing,
    reason = "the numeric loops index vectors by positions from the same vectors' ranges (bins, rows, features); not yet rewritten as iterators (issue 18: the core denies it everywhere else)"
)]

/// Fits a logistic regression of `y` (1 = bad) on `x` (rows × features) by Newton–Raphson.
pub(super) fn logistic(x: &[Vec<f64>], y: &[bool]) -> Vec<f64> {
    let p = x.first().map_or(0, Vec::len) + 1;
    let mut beta = vec![0.0; p];
    for _ in 0..50 {
        let mut grad = vec![0.0; p];
        let mut hess = vec![vec![0.0; p]; p];
        for (row, &yi) in x.iter().zip(y) {
            let mut z = beta[0];
            for (j, v) in row.iter().enumerate() {
                z += beta[j + 1] * v;
            }
            let mu = 1.0 / (1.0 + libm::exp(-z));
            let w = (mu * (1.0 - mu)).max(1e-10);
            let r = f64::from(u8::from(yi)) - mu;
            let xi: Vec<f64> = std::iter::once(1.0).chain(row.iter().copied()).collect();
            for a in 0..p {
                grad[a] += xi[a] * r;
                for b in 0..p {
                    hess[a][b] += w * xi[a] * xi[b];
                }
            }
        }
        for (a, row) in hess.iter_mut().enumerate() {
            row[a] += 1e-6;
            grad[a] -= 1e-6 * beta[a];
        }
        let Some(step) = solve(hess, grad) else { break };
        let mut moved = 0.0f64;
        for (b, s) in beta.iter_mut().zip(&step) {
            *b += s;
            moved = moved.max(s.abs());
        }
        if moved < 1e-10 {
            break;
        }
    }
    beta
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting.
pub(super) fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-14 {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        let pivot_row = a[col].clone();
        for r in col + 1..n {
            let f = a[r][col] / pivot_row[col];
            for (x, p) in a[r].iter_mut().zip(&pivot_row).skip(col) {
                *x -= f * p;
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}
