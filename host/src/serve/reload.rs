//! Policy reloads: on SIGHUP or when the policy file's modification time changes, the pool is rebuilt from
//! the file. A policy that fails validation is reported (log, metrics, `/readyz`) and the old pool keeps
//! serving, so a bad edit never takes the service down.

use super::{AppState, LOG_TARGET};
use crate::pool::Pool;
use std::sync::Arc;

impl AppState {
    /// Rebuilds the pool from the policy file. A policy that fails validation leaves the old pool serving.
    pub fn reload(&self, why: &str) -> Result<String, String> {
        let text = std::fs::read_to_string(&self.config.policy)
            .map_err(|e| format!("cannot read `{}`: {e}", self.config.policy.display()))?;
        match Pool::new(&self.rt, &text, self.config.workers) {
            Ok(pool) => {
                let sha = pool.policy_sha256().to_string();
                if let Some(a) = &self.audit {
                    a.remember_policy(&sha, &text).map_err(|e| format!("audit: {e:#}"))?;
                }
                if let Ok(mut p) = self.pool.write() {
                    *p = Arc::new(pool);
                }
                self.metrics.reloaded(true);
                if let Ok(mut r) = self.refused.write() {
                    *r = None;
                }
                tracing::info!(target: LOG_TARGET, reason = why, policy_sha256 = %sha, "policy reloaded");
                Ok(sha)
            }
            Err(e) => {
                self.metrics.reloaded(false);
                if let Ok(mut r) = self.refused.write() {
                    *r = Some(e.to_string());
                }
                tracing::error!(target: LOG_TARGET, reason = why, error = %e, "policy reload rejected; the previous policy keeps serving");
                Err(e.to_string())
            }
        }
    }
}

/// Watches the policy: SIGHUP, or a changed modification time, reloads it.
pub(super) fn watch(state: Arc<AppState>) {
    #[cfg(unix)]
    {
        let s = Arc::clone(&state);
        tokio::spawn(async move {
            let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) else {
                return;
            };
            while hup.recv().await.is_some() {
                let s2 = Arc::clone(&s);
                let _ = tokio::task::spawn_blocking(move || s2.reload("SIGHUP")).await;
            }
        });
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(state.config.watch_every);
        loop {
            tick.tick().await;
            let now = std::fs::metadata(&state.config.policy).and_then(|m| m.modified()).ok();
            let changed = state.policy_mtime.read().map(|m| *m != now).unwrap_or(false);
            if changed {
                if let Ok(mut m) = state.policy_mtime.write() {
                    *m = now;
                }
                let s2 = Arc::clone(&state);
                let _ = tokio::task::spawn_blocking(move || s2.reload("file changed")).await;
            }
        }
    });
}
