//! `dunwell serve`: the module behind an HTTP API (axum + tokio).
//!
//! Every `/v1/*` route forwards to one operation of the module through a pool of sessions, so the service
//! answers byte for byte what the CLI, Node and the browser answer. Errors are the module's envelopes
//! (`{"error": {code, message, path}}`) with an HTTP status chosen by the code's scope. Requests have a size
//! and a time limit; `/v1/*` and `/metrics` can require a bearer token. Logs are structured and carry no
//! borrower data (method, route, status, latency, sizes). The policy reloads on SIGHUP or when its file
//! changes; a policy that fails validation is reported and the old one keeps serving. Every decision is
//! recorded in the audit trail unless it is switched off.
//!
//! The service stays up under abuse (see [`conn`]): a cap on open connections, header-read and idle timeouts,
//! a 413 before the body when `Content-Length` is over the limit, a cap on the accounts of one batch, and one
//! deadline for the whole request (a batch included). Static files ([`files`]) never include dotfiles,
//! databases or anything reached through a symlink out of the folder.
//!
//! Where things are: `routes` builds the route table and the OpenAPI document; `decide` and `ops` are
//! the `/v1/*` handlers (every module call goes through `ops::run`: time limit, metrics, audit record);
//! `guard` is the middleware (token, size limit, deadline); `envelope` the error answers and their statuses;
//! `metrics` the Prometheus counters; `health` and `reload` readiness and policy reloads; [`conn`] the accept
//! loop and its limits; [`files`] the static files. This file holds the configuration, the shared state and
//! the server's start and stop.

pub mod conn;
mod decide;
mod envelope;
pub mod files;
mod guard;
mod health;
mod metrics;
mod ops;
mod reload;
mod routes;

pub use conn::ConnLimits;
pub(crate) use envelope::not_found;
pub use files::StaticMount;
pub use routes::{openapi_json, router};

use crate::audit::Audit;
use crate::pool::Pool;
use crate::runtime::Runtime;
use metrics::Metrics;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

/// The `target` of the log lines written by this file's submodules (`conn` and `files` log under their own):
/// the service's lines kept the one target they had when all of them were written here, so a log pipeline or a
/// `RUST_LOG` directive keyed on it sees the same lines.
const LOG_TARGET: &str = "dunwell_host::serve";

/// How the service runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The policy file (watched for changes).
    pub policy: PathBuf,
    /// Sessions in the pool (concurrent module calls).
    pub workers: usize,
    /// Largest request body.
    pub max_body_bytes: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// Bearer token required on `/v1/*` and `/metrics`, if set.
    pub token: Option<String>,
    /// Audit trail (none: not recorded).
    pub audit: Option<crate::audit::Location>,
    /// How often the policy file is checked for changes.
    pub watch_every: Duration,
    /// Folders served as static files (the admin console), each at its URL prefix.
    pub static_dirs: Vec<StaticMount>,
    /// Connection and batch limits.
    pub guards: Guards,
}

/// Limits that keep the service answering under floods of connections and oversized requests (`dunwell serve`
/// flags; the defaults suit a service behind a load balancer).
#[derive(Debug, Clone, clap::Args)]
pub struct Guards {
    /// Most connections open at once. At the cap the oldest connection with no request in flight is closed to
    /// make room (so a client that sends its request at once is served); when every one is busy, a fast 503
    /// `http.overloaded`. Lowered to fit under the open-file limit.
    #[arg(long, default_value_t = 4096, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,
    /// Time allowed for a request's head to arrive, in milliseconds, counted from the connection opening (or
    /// from the first byte of the next request on a kept-alive connection); slower connections are closed.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout_ms: u64,
    /// Time a kept-alive connection may wait for its next request, in milliseconds.
    #[arg(long, default_value_t = 60_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_ms: u64,
    /// Most accounts in one `POST /v1/decide` batch; more is refused whole with 413 `http.batch_too_large`.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_batch: u64,
}

impl Default for Guards {
    fn default() -> Guards {
        Guards {
            max_connections: 4096,
            header_timeout_ms: 10_000,
            idle_timeout_ms: 60_000,
            max_batch: 1000,
        }
    }
}

/// Shared state.
pub struct AppState {
    rt: Runtime,
    pool: RwLock<Arc<Pool>>,
    config: Config,
    metrics: Metrics,
    audit: Option<Arc<Audit>>,
    policy_mtime: RwLock<Option<SystemTime>>,
    files: files::Mounts,
    /// Why the policy file on disk was last refused, while the previous policy keeps serving.
    refused: RwLock<Option<String>>,
}

impl AppState {
    fn pool(&self) -> Arc<Pool> {
        match self.pool.read() {
            Ok(p) => Arc::clone(&p),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }
}

/// Builds the state: the pool for the policy and the audit database.
///
/// # Errors
/// An invalid policy or an audit database that cannot be opened.
pub fn state(rt: Runtime, config: Config) -> anyhow::Result<Arc<AppState>> {
    let text = std::fs::read_to_string(&config.policy)
        .map_err(|e| anyhow::anyhow!("cannot read `{}`: {e}", config.policy.display()))?;
    let pool = Pool::new(&rt, &text, config.workers).map_err(|e| anyhow::anyhow!("{e}"))?;
    let audit = match &config.audit {
        Some(location) => {
            // A new audit file appears where the service starts: say so once (in the JSON log), with the way out.
            if let crate::audit::Location::File(path) = location
                && !path.exists()
            {
                tracing::warn!(
                    target: LOG_TARGET,
                    file = %path.display(),
                    "recording every decision in a new audit trail (--audit FILE to choose, --no-audit to skip)"
                );
            }
            // Records wait on the database, not on the CPU: more connections than workers keep commits overlapping.
            let a = Audit::open(location, rt.module_sha256(), config.workers * 4)?;
            a.remember_policy(pool.policy_sha256(), &text)?;
            Some(Arc::new(a))
        }
        None => None,
    };
    let mtime = std::fs::metadata(&config.policy).and_then(|m| m.modified()).ok();
    let files = files::Mounts::open(&config.static_dirs)?;
    Ok(Arc::new(AppState {
        rt,
        pool: RwLock::new(Arc::new(pool)),
        config,
        metrics: Metrics::new(),
        audit,
        policy_mtime: RwLock::new(mtime),
        refused: RwLock::new(None),
        files,
    }))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Descriptors kept free beside the connection cap: the audit trail, static files, the module, the runtime.
fn fd_reserve(workers: usize) -> u64 {
    256 + 8 * u64::try_from(workers).unwrap_or(64)
}

/// Runs the service until SIGINT/SIGTERM, then finishes the requests in flight.
///
/// # Errors
/// When the address cannot be bound or the state cannot be built.
pub fn run_server(rt: Runtime, config: Config) -> anyhow::Result<()> {
    let workers = config.workers;
    // Many idle sockets must not starve the process of descriptors: raise the soft limit, keep the cap under it.
    let fd_limit = conn::raise_fd_limit();
    let mut max_connections = config.guards.max_connections;
    if let Some(soft) = fd_limit {
        let room = soft.saturating_sub(fd_reserve(workers)).max(16);
        if max_connections > room {
            tracing::warn!(
                asked = max_connections,
                allowed = room,
                open_file_limit = soft,
                "--max-connections lowered to fit under the open-file limit"
            );
            max_connections = room;
        }
    }
    let limits = ConnLimits {
        max_connections: usize::try_from(max_connections).unwrap_or(usize::MAX),
        header_timeout: Duration::from_millis(config.guards.header_timeout_ms),
        idle_timeout: Duration::from_millis(config.guards.idle_timeout_ms),
        drain: config.request_timeout + Duration::from_secs(1),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(workers.clamp(1, 64))
        .build()?;
    // Built before entering the runtime: the audit store's synchronous PostgreSQL client runs its own.
    let state = state(rt, config.clone())?;
    runtime.block_on(async move {
        let listener = conn::bind(config.listen)?;
        let addr = listener.local_addr()?;
        tracing::info!(%addr, workers, max_connections, policy_sha256 = %state.pool().policy_sha256(), "serving");
        // The bound address on stdout, so a supervisor (or a test) can find an ephemeral port.
        println!("listening on http://{addr}");
        reload::watch(Arc::clone(&state));
        conn::serve(listener, router(state), limits, shutdown_signal()).await?;
        Ok(())
    })
}
