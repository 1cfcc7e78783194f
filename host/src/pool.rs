//! A pool of sessions (one instance with one engine each) shared by the HTTP service's workers: a call takes
//! a free session, runs on a blocking thread so the async runtime keeps serving, and gives it back. The pool
//! size bounds concurrency; requests beyond it wait for a session. A caller that gives up (the request
//! deadline passed) does not lose the session: the blocking call gives it back itself when it ends.

use crate::runtime::{Runtime, Session, SessionError};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Sessions for one policy.
pub struct Pool {
    sessions: Arc<Mutex<Vec<Session>>>,
    permits: Arc<Semaphore>,
    policy_sha256: String,
    policy_json: String,
    warnings: Vec<serde_json::Value>,
    size: usize,
}

impl Pool {
    /// Opens `size` sessions for `policy_json`.
    ///
    /// # Errors
    /// The policy's error envelope when it is invalid, or the host error.
    pub fn new(rt: &Runtime, policy_json: &str, size: usize) -> Result<Pool, SessionError> {
        let size = size.max(1);
        let mut sessions = Vec::with_capacity(size);
        for _ in 0..size {
            sessions.push(rt.session(policy_json)?);
        }
        let policy_sha256 = sessions
            .first()
            .map(|s| s.policy_sha256().to_string())
            .unwrap_or_default();
        let warnings = sessions.first().map(|s| s.warnings().to_vec()).unwrap_or_default();
        Ok(Pool {
            sessions: Arc::new(Mutex::new(sessions)),
            permits: Arc::new(Semaphore::new(size)),
            policy_sha256,
            policy_json: policy_json.to_string(),
            warnings,
            size,
        })
    }

    /// Runs `op` on `input` in a free session.
    ///
    /// Dropping the returned future (a request deadline) does not stop the call, which the module's own time
    /// limit bounds; the session and its permit go back to the pool when the call ends, not when the caller
    /// is told.
    pub async fn call(&self, op: &str, input: String) -> String {
        let Ok(permit) = Arc::clone(&self.permits).acquire_owned().await else {
            return crate::host_error("host.unavailable", "the service is shutting down");
        };
        let Some(mut session) = self.sessions.lock().ok().and_then(|mut v| v.pop()) else {
            return crate::host_error("host.bug", "no free session despite a permit");
        };
        let op = op.to_string();
        let sessions = Arc::clone(&self.sessions);
        let joined = tokio::task::spawn_blocking(move || {
            let out = session.call(&op, &input);
            if let Ok(mut v) = sessions.lock() {
                v.push(session);
            }
            drop(permit);
            out
        })
        .await;
        joined.unwrap_or_else(|e| crate::host_error("host.bug", &format!("worker failed: {e}")))
    }

    /// The policy's canonical hash.
    pub fn policy_sha256(&self) -> &str {
        &self.policy_sha256
    }

    /// The policy text the pool was built from.
    pub fn policy_json(&self) -> &str {
        &self.policy_json
    }

    /// Validation warnings of the policy.
    pub fn warnings(&self) -> &[serde_json::Value] {
        &self.warnings
    }

    /// How many sessions.
    pub fn size(&self) -> usize {
        self.size
    }
}
