//! Group commit: records handed in one at a time by many threads are written in as few transactions as possible.
//! The first thread to find no write under way becomes the writer: it takes everything queued, writes it in one
//! transaction per policy, tells each waiting thread how its record fared, and goes on while more is queued.
//! Every other thread waits for its own record's outcome, so nobody is answered before their record is committed.

use super::Entry;
use std::collections::HashMap;
use std::sync::{Condvar, Mutex, PoisonError};

/// One decision to record, owning its texts (it waits in a queue shared by threads).
#[derive(Debug, Clone)]
pub struct Owned {
    /// Operation.
    pub op: &'static str,
    /// Account id.
    pub account_id: String,
    /// Jurisdiction.
    pub jurisdiction: String,
    /// The decision moment.
    pub as_of: String,
    /// Exactly what was sent to the module.
    pub input: String,
    /// Exactly what it answered.
    pub output: String,
}

impl Owned {
    /// The entry as the stores take it (no batch run: the service's records carry no run or line).
    pub(super) fn entry(&self) -> Entry<'_> {
        Entry {
            op: self.op,
            run_id: "",
            line: 0,
            account_id: &self.account_id,
            jurisdiction: &self.jurisdiction,
            as_of: &self.as_of,
            input: &self.input,
            output: &self.output,
        }
    }
}

#[derive(Default)]
struct State {
    queue: Vec<(u64, String, Owned)>,
    next: u64,
    writing: bool,
    /// Outcomes not yet collected by their threads (`None`: committed).
    outcomes: HashMap<u64, Option<String>>,
}

#[derive(Default)]
pub(super) struct Group {
    state: Mutex<State>,
    done: Condvar,
}

impl Group {
    /// Queues `entry` and returns once it is written by `write` (called with one policy's records at a time).
    pub(super) fn submit(
        &self,
        policy_sha256: &str,
        entry: Owned,
        write: impl Fn(&str, &[Owned]) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let ticket = state.next;
        state.next += 1;
        state.queue.push((ticket, policy_sha256.to_string(), entry));
        loop {
            if let Some(outcome) = state.outcomes.remove(&ticket) {
                return outcome.map_or(Ok(()), |e| Err(anyhow::anyhow!(e)));
            }
            if state.writing {
                state = self.done.wait(state).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            // No write under way: this thread writes everything queued, its own record included.
            state.writing = true;
            let batch = std::mem::take(&mut state.queue);
            drop(state);
            let mut by_policy: Vec<(String, Vec<u64>, Vec<Owned>)> = Vec::new();
            for (t, policy, e) in batch {
                match by_policy.iter_mut().find(|(p, _, _)| *p == policy) {
                    Some((_, tickets, entries)) => {
                        tickets.push(t);
                        entries.push(e);
                    }
                    None => by_policy.push((policy, vec![t], vec![e])),
                }
            }
            let results: Vec<(Vec<u64>, Option<String>)> = by_policy
                .into_iter()
                .map(|(policy, tickets, entries)| {
                    let outcome = write(&policy, &entries).err().map(|e| format!("{e:#}"));
                    (tickets, outcome)
                })
                .collect();
            state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            for (tickets, outcome) in results {
                for t in tickets {
                    state.outcomes.insert(t, outcome.clone());
                }
            }
            state.writing = false;
            self.done.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn owned(i: usize) -> Owned {
        Owned {
            op: "decide",
            account_id: format!("A-{i}"),
            jurisdiction: "US".into(),
            as_of: "2026-11-28T09:00:00Z".into(),
            input: format!("{{\"i\":{i}}}"),
            output: "{}".into(),
        }
    }

    #[test]
    fn every_record_is_written_once_in_fewer_transactions_and_failures_reach_their_callers() {
        let group = Arc::new(Group::default());
        let written = Arc::new(Mutex::new(Vec::new()));
        let transactions = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..64usize)
            .map(|i| {
                let (group, written, transactions) = (group.clone(), written.clone(), transactions.clone());
                std::thread::spawn(move || {
                    let policy = if i.is_multiple_of(2) { "p-even" } else { "p-odd" };
                    group.submit(policy, owned(i), |p, entries| {
                        transactions.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(2));
                        // One policy's records per call, never mixed.
                        for e in entries {
                            let i: usize = e.account_id[2..].parse().unwrap();
                            assert_eq!(p, if i.is_multiple_of(2) { "p-even" } else { "p-odd" });
                        }
                        if entries.iter().any(|e| e.account_id == "A-7") {
                            anyhow::bail!("disk full");
                        }
                        written
                            .lock()
                            .unwrap()
                            .extend(entries.iter().map(|e| e.account_id.clone()));
                        Ok(())
                    })
                })
            })
            .collect();
        let outcomes: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        // The record in the failed transaction learns of it; so does every record written beside it.
        assert!(outcomes[7].as_ref().is_err_and(|e| e.to_string() == "disk full"));
        let written = written.lock().unwrap();
        for (i, outcome) in outcomes.iter().enumerate() {
            assert_eq!(outcome.is_ok(), written.contains(&format!("A-{i}")), "A-{i}");
        }
        assert_eq!(
            written.len(),
            written.iter().collect::<std::collections::BTreeSet<_>>().len()
        );
        assert!(
            transactions.load(Ordering::SeqCst) < 64,
            "{}",
            transactions.load(Ordering::SeqCst)
        );
    }
}
