//! Chunking and the workers: kept lines are cut into chunks ([`CHUNK`] lines or [`CHUNK_BYTES`] bytes, so one
//! call amortises its cost but never outgrows the module's memory), and each worker thread, with a session of
//! its own, decides a chunk with one `decide_batch` call. Lines already recorded (on `--resume`) or refused by
//! the host are answered without the module. The channels are bounded, so the reader never runs far ahead.

use super::checkpoint::Before;
use super::input::Item;
use super::{CHUNK, CHUNK_BYTES};
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Kept lines, numbered in input order (`seq`) so the writer can put the answers back in that order.
pub(super) struct Chunk {
    seq: u64,
    items: Vec<Item>,
}

/// One answered line.
pub(super) struct Answered {
    pub(super) item: Item,
    pub(super) output: String,
    pub(super) resumed: bool,
}

/// A chunk's answers, in the chunk's order.
pub(super) struct Done {
    pub(super) seq: u64,
    pub(super) rows: Vec<Answered>,
}

/// Cuts the kept lines into chunks and hands each to the workers as soon as it is full.
pub(super) struct Chunker {
    tx: SyncSender<Chunk>,
    seq: u64,
    items: Vec<Item>,
    bytes: usize,
}

impl Chunker {
    pub(super) fn new(tx: SyncSender<Chunk>) -> Chunker {
        Chunker {
            tx,
            seq: 0,
            items: Vec::with_capacity(CHUNK),
            bytes: 0,
        }
    }

    /// Adds a line; sends the chunk when it is full.
    ///
    /// # Errors
    /// When every worker has stopped.
    pub(super) fn push(&mut self, item: Item) -> anyhow::Result<()> {
        self.bytes += item.input.len();
        self.items.push(item);
        if self.items.len() == CHUNK || self.bytes >= CHUNK_BYTES {
            let items = std::mem::replace(&mut self.items, Vec::with_capacity(CHUNK));
            self.bytes = 0;
            self.tx
                .send(Chunk { seq: self.seq, items })
                .map_err(|_| anyhow::anyhow!("the writer stopped"))?;
            self.seq += 1;
        }
        Ok(())
    }

    /// Sends the last, partly filled chunk, and closes the channel so the workers end when it is done.
    ///
    /// # Errors
    /// When every worker has stopped.
    pub(super) fn finish(self) -> anyhow::Result<()> {
        if !self.items.is_empty() {
            self.tx
                .send(Chunk {
                    seq: self.seq,
                    items: self.items,
                })
                .map_err(|_| anyhow::anyhow!("the writer stopped"))?;
        }
        Ok(())
    }
}

/// Starts one worker thread per session. Each takes chunks from `chunks` until it is closed and sends their
/// answers to `done`; it stops early if the writer has.
pub(super) fn spawn_workers(
    sessions: Vec<crate::Session>,
    chunks: Receiver<Chunk>,
    done: SyncSender<Done>,
    header: &str,
    before: &Arc<Before>,
) -> Vec<JoinHandle<()>> {
    let chunk_rx = Arc::new(Mutex::new(chunks));
    let mut handles = Vec::new();
    for mut session in sessions {
        let rx = Arc::clone(&chunk_rx);
        let tx = done.clone();
        let header = header.to_string();
        let before = Arc::clone(before);
        handles.push(std::thread::spawn(move || {
            loop {
                let next = rx.lock().ok().and_then(|r| r.recv().ok());
                let Some(chunk) = next else { break };
                let todo: Vec<&Item> = chunk
                    .items
                    .iter()
                    .filter(|i| i.rejected.is_none() && !before.contains_key(&i.line))
                    .collect();
                let mut answers: HashMap<i64, String> = todo
                    .iter()
                    .map(|i| i.line)
                    .zip(decide_chunk(&mut session, &header, &todo))
                    .collect();
                let rows = chunk
                    .items
                    .into_iter()
                    .map(|item| match (before.get(&item.line), &item.rejected) {
                        (Some((_, out)), _) => Answered {
                            output: out.clone(),
                            resumed: true,
                            item,
                        },
                        (None, Some(r)) => Answered {
                            output: r.output(),
                            resumed: false,
                            item,
                        },
                        (None, None) => Answered {
                            output: answers.remove(&item.line).unwrap_or_default(),
                            resumed: false,
                            item,
                        },
                    })
                    .collect();
                if tx.send(Done { seq: chunk.seq, rows }).is_err() {
                    break;
                }
            }
        }));
    }
    // Only the workers hold the receiver (this handle goes on return): if they all stop, the reader's sends
    // fail instead of blocking.
    handles
}

/// Decides the account lines of a chunk: one `decide_batch` call; when it answers once for the whole chunk (a
/// trap, a timeout), each line again on its own, so only the guilty line carries the error.
fn decide_chunk(session: &mut crate::Session, header: &str, todo: &[&Item]) -> Vec<String> {
    if todo.is_empty() {
        return Vec::new();
    }
    let mut input = header.to_string();
    for item in todo {
        input.push('\n');
        input.push_str(item.account(header));
    }
    let answer = session.call("decide_batch", &input);
    let lines: Vec<&str> = answer.split('\n').collect();
    if lines.len() == todo.len() {
        return lines.into_iter().map(str::to_string).collect();
    }
    if todo.len() == 1 {
        return vec![answer];
    }
    todo.iter()
        .map(|item| session.call("decide_batch", &item.input))
        .collect()
}
