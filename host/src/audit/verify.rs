//! `dunwell audit verify`: what the trail can prove about itself.
//!
//! Per record: the input hash is recomputed from the input, the decision id from (op, module, policy, run, line,
//! input hash), the account id, jurisdiction and `as_of` columns are compared with what the recorded input says,
//! `recorded_at` must be a time and not in the future, and the output is replayed through the module (a line the
//! host refused is re-judged by the host's own rule). A record whose policy is missing (or no longer loads) is
//! reported as not checkable and the walk goes on.
//!
//! Per batch run: the records are walked in line order; `recorded_at` must not go back in time from one line to
//! the next (a run records its lines in order), and a sealed run must still match its seal (record count and a
//! digest of ids and times), so a deleted, added or re-timed record shows; an unsharded run must have no missing
//! line numbers.
//!
//! What it cannot prove: the trail carries no secret, so someone who can write to the database and recompute
//! hashes (including the seal) can forge a consistent record; a run that was never sealed (killed and not
//! resumed) cannot show a deleted last line; records of the HTTP service carry no sequence, so a deleted one
//! does not show. Keep the database's own access log and backups for those.

use super::{Audit, REJECT_OP, Recorded, Rejection, SEAL_OP, decision_id, expected_metadata, sha256};
use crate::explain::escape_controls as esc;
use crate::runtime::{Runtime, Session};
use std::collections::HashMap;

/// What `verify` found.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Decisions walked (seals are not counted).
    pub decisions: u64,
    /// Replayed with the same output.
    pub identical: u64,
    /// Replayed with another output.
    pub different: u64,
    /// Records whose hashes, id or metadata columns do not match their contents.
    pub altered: u64,
    /// Records that could not be replayed (policy missing or invalid).
    pub unchecked: u64,
    /// Records made by another module build.
    pub other_module: u64,
    /// Batch runs walked.
    pub runs: u64,
    /// Runs with missing, added or re-timed records.
    pub broken_runs: u64,
    /// Runs without a seal (killed and never resumed, or recorded before runs were sealed).
    pub unsealed_runs: u64,
}

impl Report {
    /// Whether everything checked out (an unsealed run alone is not a failure: it is reported).
    #[must_use]
    pub fn clean(&self) -> bool {
        self.different == 0 && self.altered == 0 && self.unchecked == 0 && self.broken_runs == 0
    }

    /// The summary line.
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "verified {} decision(s): {} identical, {} different; {} altered, {} not checkable; {} run(s): {} with \
             missing, added or re-timed records, {} unsealed{}",
            self.decisions,
            self.identical,
            self.different,
            self.altered,
            self.unchecked,
            self.runs,
            self.broken_runs,
            self.unsealed_runs,
            if self.other_module > 0 {
                format!(" ({} recorded by another module build)", self.other_module)
            } else {
                String::new()
            }
        )
    }
}

/// Verifies the trail: the first `sample` decisions by id (all when `None`), then every batch run. Each problem
/// is handed to `say` as one line (data escaped, safe for a terminal) as it is found.
///
/// # Errors
/// Only when the database cannot be read.
pub fn verify(rt: &Runtime, db: &Audit, sample: Option<usize>, say: &mut dyn FnMut(String)) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let mut sessions: HashMap<String, Result<Session, String>> = HashMap::new();
    let now = chrono::Utc::now();
    // Page by page in decision-id order: memory stays flat, and `--sample N` is the first N ids (a
    // deterministic, evenly spread sample, since ids are hashes).
    let (mut after, mut left) = (String::new(), sample.unwrap_or(usize::MAX));
    while left > 0 {
        let rows = db.page(&after, left.min(500))?;
        let Some(last) = rows.last() else { break };
        after.clone_from(&last.decision_id);
        for r in &rows {
            if left == 0 {
                break;
            }
            if r.op != SEAL_OP {
                left -= 1;
                report.decisions += 1;
            }
            check_record(rt, db, r, now, &mut sessions, &mut report, say)?;
        }
    }
    for run in db.run_ids()? {
        report.runs += 1;
        check_run(db, &run, &mut report, say)?;
    }
    Ok(report)
}

fn check_record(
    rt: &Runtime,
    db: &Audit,
    r: &Recorded,
    now: chrono::DateTime<chrono::Utc>,
    sessions: &mut HashMap<String, Result<Session, String>>,
    report: &mut Report,
    say: &mut dyn FnMut(String),
) -> anyhow::Result<()> {
    let id = esc(&r.decision_id);
    if let Some(why) = &r.unreadable {
        // A compressed record that does not unpack was altered or damaged: nothing in it can be trusted or replayed.
        report.altered += 1;
        say(format!("ALTERED {id} ({}): {}", esc(&r.op), esc(why)));
        return Ok(());
    }
    let mut altered = Vec::new();
    let input_sha256 = sha256(&r.input);
    if input_sha256 != r.input_sha256 {
        altered.push("input_sha256 is not the hash of the recorded input".to_string());
    }
    let expected_id = decision_id(
        &r.op,
        &r.module_sha256,
        &r.policy_sha256,
        &r.run_id,
        r.line,
        &input_sha256,
    );
    if expected_id != r.decision_id {
        altered.push("the decision id does not match its op, module, policy, run, line and input".to_string());
    }
    let (account_id, jurisdiction, as_of) = expected_metadata(&r.op, &r.input);
    for (column, recorded, expected) in [
        ("account_id", &r.account_id, &account_id),
        ("jurisdiction", &r.jurisdiction, &jurisdiction),
        ("as_of", &r.as_of, &as_of),
    ] {
        if recorded != expected {
            altered.push(format!(
                "{column} `{}` is not the input's `{}`",
                esc(recorded),
                esc(expected)
            ));
        }
    }
    match chrono::DateTime::parse_from_rfc3339(&r.recorded_at) {
        Ok(at) if at > now + chrono::Duration::minutes(5) => {
            altered.push(format!("recorded_at {} is in the future", esc(&r.recorded_at)));
        }
        Ok(_) => {}
        Err(_) => altered.push(format!("recorded_at `{}` is not a time", esc(&r.recorded_at))),
    }
    if !altered.is_empty() {
        report.altered += 1;
        say(format!("ALTERED {id} ({}): {}", esc(&r.op), altered.join("; ")));
    }
    if r.op == SEAL_OP {
        return Ok(()); // checked with its run
    }
    if r.module_sha256 != rt.module_sha256() {
        report.other_module += 1;
    }
    let again = if r.op == REJECT_OP {
        Rejection::of_input(&r.input).map(|x| x.output())
    } else {
        if !sessions.contains_key(&r.policy_sha256) {
            let session = match db.policy(&r.policy_sha256)? {
                None => Err(format!("policy {} is not in the audit trail", esc(&r.policy_sha256))),
                Some(text) => rt.session(&text).map_err(|e| {
                    format!(
                        "policy {} does not load: {}",
                        esc(&r.policy_sha256),
                        esc(&e.to_string())
                    )
                }),
            };
            sessions.insert(r.policy_sha256.clone(), session);
        }
        match sessions.get_mut(&r.policy_sha256) {
            Some(Ok(session)) => Some(session.call(&r.op, &r.input)),
            Some(Err(why)) => {
                report.unchecked += 1;
                say(format!("UNCHECKED {id} ({}): {why}", esc(&r.op)));
                return Ok(());
            }
            None => None,
        }
    };
    if again.as_deref() == Some(r.output.as_str()) {
        report.identical += 1;
    } else {
        report.different += 1;
        say(format!("DIFFERS {id} ({})", esc(&r.op)));
    }
    Ok(())
}

fn check_run(db: &Audit, run: &str, report: &mut Report, say: &mut dyn FnMut(String)) -> anyhow::Result<()> {
    let state = db.run_state(run)?;
    let name = esc(run);
    let mut problems = Vec::new();
    if !state.out_of_order.is_empty() {
        problems.push(format!(
            "recorded_at goes back in time at line(s) {}",
            list(state.out_of_order.iter().map(i64::to_string))
        ));
    }
    let gaps = || {
        list(
            state
                .gaps
                .iter()
                .map(|(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }),
        )
    };
    match (&state.now, state.seals.last()) {
        (None, Some(_)) => problems.push("sealed, but none of its records is left".to_string()),
        (None, None) => {}
        (Some(now), None) => {
            report.unsealed_runs += 1;
            say(format!(
                "UNSEALED run {name}: {} record(s) over lines up to {}{} (killed and never resumed, or recorded before \
                 runs were sealed: a deleted last line cannot show)",
                now.records,
                now.last_line,
                if state.missing > 0 {
                    format!(
                        "; {} line number(s) absent ({}), as a sharded run would have",
                        state.missing,
                        gaps()
                    )
                } else {
                    String::new()
                }
            ));
        }
        (Some(now), Some(newest)) => {
            let same = |s: &super::Seal| {
                s.records == now.records
                    && s.digest == now.digest
                    && s.lines == now.lines
                    && s.last_line == now.last_line
            };
            if !state.seals.iter().any(same) {
                problems.push(format!(
                    "its records differ from its seal: sealed {} record(s) over lines up to {}, now {} over lines up to {}",
                    newest.records, newest.last_line, now.records, now.last_line
                ));
            }
            let sharded = state.seals.iter().any(|s| s.shard.is_some());
            let pruned = state.seals.iter().any(|s| s.pruned);
            if !sharded && !pruned && state.missing > 0 {
                problems.push(format!("{} line(s) missing: {}", state.missing, gaps()));
            }
        }
    }
    if !problems.is_empty() {
        report.broken_runs += 1;
        say(format!("RUN {name}: {}", problems.join("; ")));
    }
    Ok(())
}

/// Up to 20 items, then how many more.
fn list(items: impl Iterator<Item = String>) -> String {
    let all: Vec<String> = items.collect();
    let mut shown = all.iter().take(20).cloned().collect::<Vec<_>>().join(", ");
    if all.len() > 20 {
        shown += &format!(" and {} more", all.len() - 20);
    }
    shown
}
