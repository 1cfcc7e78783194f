//! `--shard i/n`: which accounts a run keeps. An account's shard depends only on its id, so `n` machines
//! split one portfolio with no coordination and every machine agrees on where each account goes.

use anyhow::{Context as _, bail};
use sha2::{Digest, Sha256};

/// Which shard an account id falls in (first 8 bytes of its SHA-256, so every host agrees).
pub fn shard_of(id: &str, n: u64) -> u64 {
    let h = Sha256::digest(id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&h[..8]);
    u64::from_be_bytes(b) % n.max(1)
}

/// Parses `i/n`.
///
/// # Errors
/// When it is not two integers with `i < n`.
pub fn parse_shard(s: &str) -> anyhow::Result<(u64, u64)> {
    let (i, n) = s.split_once('/').context("a shard is written `i/n`, e.g. `0/4`")?;
    let (i, n): (u64, u64) = (i.trim().parse()?, n.trim().parse()?);
    if n == 0 || i >= n {
        bail!("shard `{s}`: need 0 <= i < n");
    }
    Ok((i, n))
}

/// Whether line `n`, with account id `id`, belongs to `shard` (every line does without one). A line with no
/// readable id (refused by the host, or not an account) goes by its line number, so it still lands in exactly
/// one shard.
pub(super) fn keeps(shard: Option<(u64, u64)>, id: Option<&str>, n: i64) -> bool {
    match shard {
        None => true,
        Some((i, total)) => match id {
            Some(id) => shard_of(id, total) == i,
            None => u64::try_from(n).unwrap_or(0) % total == i,
        },
    }
}
