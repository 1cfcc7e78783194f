//! The audit trail as the run's checkpoint. Every chunk is recorded (one transaction) before its answers are
//! written out; a killed run started again with `--resume` reads back what was recorded under its run id,
//! refuses an input whose recorded lines changed, re-emits those answers and decides only the rest; a run that
//! completes is sealed. So every account ends up decided and recorded exactly once, however often it is killed.

use super::Batch;
use super::chunks::Answered;
use super::input::Item;
use crate::audit::{Audit, Entry, REJECT_OP};
use crate::runtime::Runtime;
use anyhow::bail;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// What was recorded for a run's lines on an earlier attempt: input hash and output, by line.
pub(super) type Before = HashMap<i64, (String, String)>;

/// The run id: `--run-id`, else derived from the input, `as_of`, policy and shard, so running the same command
/// again (to resume it) finds the same run.
pub(super) fn run_id(b: &Batch, policy_sha: &str) -> String {
    b.run_id.clone().unwrap_or_else(|| {
        let seed = format!("{}\n{}\n{}\n{:?}", b.input, b.as_of, policy_sha, b.shard);
        format!("{:x}", Sha256::digest(seed.as_bytes()))[..16].to_string()
    })
}

/// Opens the audit trail, if the run records one, and remembers the policy text under its hash.
///
/// # Errors
/// When the database cannot be opened or written.
pub(super) fn open(b: &Batch, rt: &Runtime, policy_sha: &str) -> anyhow::Result<Option<Arc<Audit>>> {
    Ok(match &b.audit {
        Some(p) => {
            // A new audit file appears where the user runs the command: say so once, with the way out.
            if let crate::audit::Location::File(path) = p
                && !path.exists()
            {
                eprintln!(
                    "dunwell: recording every decision in a new audit trail, {} (--audit FILE to choose, --no-audit to skip)",
                    path.display()
                );
            }
            let a = Audit::open(p, rt.module_sha256(), 2)?;
            a.remember_policy(policy_sha, &b.policy)?;
            Some(Arc::new(a))
        }
        None => None,
    })
}

/// What an earlier attempt of the run recorded, on `--resume` (nothing otherwise).
///
/// # Errors
/// `--resume` without an audit trail, or a trail that cannot be read.
pub(super) fn before(audit: Option<&Arc<Audit>>, resume: bool, run_id: &str) -> anyhow::Result<Before> {
    Ok(match (audit, resume) {
        (Some(a), true) => a.run_outputs(run_id)?,
        (None, true) => bail!("--resume needs the audit trail (it is what remembers the run)"),
        _ => HashMap::new(),
    })
}

/// On `--resume`, every line already recorded must be the line that was decided: a regenerated file under the
/// same name would otherwise be answered with another account's decisions.
///
/// # Errors
/// When `item` was recorded with another input hash.
pub(super) fn unchanged(before: &Before, item: &Item, run_id: &str, input: &str) -> anyhow::Result<()> {
    if let Some((recorded, _)) = before.get(&item.line)
        && *recorded != crate::audit::sha256(&item.input)
    {
        bail!(
            "--resume: line {} of `{}` is not the line run {run_id} recorded (its input hash differs): the input \
             changed since the run began. Rerun without --resume under a new --run-id",
            item.line,
            crate::explain::escape_controls(input)
        );
    }
    Ok(())
}

/// Records a run's chunks in the audit trail.
pub(super) struct Recorder {
    pub(super) audit: Arc<Audit>,
    pub(super) header: String,
    pub(super) run_id: String,
    pub(super) policy_sha: String,
    pub(super) as_of: String,
}

impl Recorder {
    /// Records the answers of one chunk that were not re-emitted from the trail, in one transaction. A line the
    /// host refused is recorded as its refusal ([`REJECT_OP`]), so a resumed run does not read it again.
    ///
    /// # Errors
    /// When the database refuses the records.
    pub(super) fn record(&self, rows: &[Answered]) -> anyhow::Result<()> {
        let fresh: Vec<&Answered> = rows.iter().filter(|r| !r.resumed).collect();
        let keys: Vec<(String, String)> = fresh
            .iter()
            .map(|r| match r.item.rejected {
                Some(_) => Default::default(),
                None => crate::audit::account_key(r.item.account(&self.header)),
            })
            .collect();
        let entries: Vec<Entry<'_>> = fresh
            .iter()
            .zip(&keys)
            .map(|(r, (id, jurisdiction))| Entry {
                op: if r.item.rejected.is_some() {
                    REJECT_OP
                } else {
                    "decide_batch"
                },
                run_id: &self.run_id,
                line: r.item.line,
                account_id: id,
                jurisdiction,
                as_of: &self.as_of,
                input: &r.item.input,
                output: &r.output,
            })
            .collect();
        if !entries.is_empty() {
            self.audit.record(&self.policy_sha, &entries)?;
        }
        Ok(())
    }
}

/// Seals a completed run in the trail and says how much it holds.
///
/// # Errors
/// When the database cannot be written or read.
pub(super) fn seal(audit: &Audit, run_id: &str, policy_sha: &str, shard: Option<(u64, u64)>) -> anyhow::Result<()> {
    audit.seal(run_id, policy_sha, shard)?;
    let (rows, lines) = audit.run_counts(run_id)?;
    eprintln!("run {run_id}: {rows} decisions recorded in the audit trail for {lines} lines; sealed");
    Ok(())
}
