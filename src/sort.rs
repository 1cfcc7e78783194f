//! The core's one stable sort.
//!
//! Why not `slice::sort_by`: the standard library's sorts are instantiated once per element type and
//! comparator, about 7 KB of WebAssembly each. The core sorted in 36 places, and those copies were 245 KB of
//! the module (BENCHMARKS.md, 2026-12-05 session 14). Here a short list is sorted by insertion (a few hundred
//! bytes per caller), and a longer one sorts its positions with one shared merge sort, then moves the items
//! once. The lists are a handful of instalments, steps or cues per decision, and at most a portfolio's rows in
//! scorecard fitting, and most arrive in order already.
//!
//! The result is the standard library's result: both sorts are stable, and a stable sort's output is fixed
//! by the comparator alone. `clippy.toml` forbids the standard sorts in the core so new code comes here.

use std::cmp::Ordering;

/// Lists up to this long are sorted in place by insertion, without allocating.
const SHORT: usize = 32;

/// Sorts `v` stably by `cmp` (as `slice::sort_by` does).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= SHORT {
        for end in 1..v.len() {
            let mut at = end;
            while let (Some(left), Some(right)) = (at.checked_sub(1).and_then(|l| v.get(l)), v.get(at)) {
                if cmp(left, right) != Ordering::Greater {
                    break;
                }
                v.swap(at - 1, at);
                at -= 1;
            }
        }
        return;
    }
    // Most long lists arrive in order already (instalments by due date, payments by time): one pass says so.
    if v.windows(2).all(|w| match w {
        [a, b] => cmp(a, b) != Ordering::Greater,
        _ => true,
    }) {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    merge_sort(&mut order, &mut |a, b| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `key` gives each item (as `slice::sort_by_key` does).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order (as `slice::sort` does; for items that are equal only when identical it is
/// also what `slice::sort_unstable` gives).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Bottom-up merge sort of positions, shared by every caller (one copy in the module). Stable: of two equal
/// items the one from the left run is taken first.
fn merge_sort(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    let n = order.len();
    let mut from = order.to_vec();
    let mut to = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in to.iter_mut().take(end).skip(start) {
                let take_left = match (from.get(i), from.get(j)) {
                    (Some(&a), Some(&b)) if i < mid && j < end => cmp(a, b) != Ordering::Greater,
                    _ => i < mid,
                };
                let pick = if take_left { &mut i } else { &mut j };
                *slot = from.get(*pick).copied().unwrap_or_default();
                *pick += 1;
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    order.copy_from_slice(&from);
}

/// Rearranges `v` so that item `k` is the old item `order[k]`, following each cycle of the permutation with
/// swaps (`order` is consumed: each visited position is set to itself).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let next = std::mem::replace(slot, at);
            if next == start || next == at {
                break;
            }
            v.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods)] // the standard sorts are the reference here
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any list, short or long, sorts exactly as the standard library's stable sort sorts it, equal keys
        /// keeping their input order.
        #[test]
        fn sorts_as_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std_sorted);
            let mut ours = items.clone();
            sort(&mut ours);
            let mut std_sorted = items;
            std_sorted.sort();
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn a_long_reversed_list_and_its_ties() {
        let mut v: Vec<(u32, u32)> = (0..1000).map(|i| (999 - i) / 3).zip(0..1000).collect();
        sort_by_key(&mut v, |p| p.0);
        assert!(
            v.windows(2)
                .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1))
        );
        assert_eq!(v.len(), 1000);
    }
}
