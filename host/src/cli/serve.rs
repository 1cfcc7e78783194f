//! `dunwell serve`: the module over HTTP. The work is [`dunwell_host::serve`]; this is its flags and logging.

use super::{AuditTrail, ModuleArgs};
use dunwell_host::Limits;
use dunwell_host::serve::{Guards, StaticMount};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The policy document (JSON); reloaded on SIGHUP or when the file changes.
    #[arg(long)]
    policy: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,
    /// Concurrent module calls (default: every core).
    #[arg(long, value_parser = super::at_least_one())]
    workers: Option<usize>,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 4 << 20)]
    max_body_bytes: usize,
    /// Longest a request may take, in milliseconds: the whole request (body, every account of a batch,
    /// the audit record); past it the answer is 503 `host.timeout`.
    #[arg(long, default_value_t = 30_000)]
    timeout_ms: u64,
    /// Require `Authorization: Bearer <token>` on /v1/* and /metrics (or set DUNWELL_TOKEN).
    #[arg(long, env = "DUNWELL_TOKEN")]
    token: Option<String>,
    #[command(flatten)]
    audit: AuditTrail,
    /// Do not record decisions in the audit trail.
    #[arg(long)]
    no_audit: bool,
    /// Serve a folder's files: `DIR` at `/`, or `/PREFIX=DIR` (repeatable). Dotfiles, `*.db`, `*-wal`,
    /// `*-shm`, `*-journal` and symlinks leading out of the folder are never served, and static files need
    /// no token: mount only public folders (the console: `--static /www=www --static /pkg=pkg --static
    /// /policies=policies`), never the working directory.
    #[arg(long = "static", value_name = "DIR|/PREFIX=DIR")]
    static_dirs: Vec<StaticMount>,
    #[command(flatten)]
    guards: Guards,
}

pub fn run(module: &ModuleArgs, args: Args) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(super::log_filter().unwrap_or_else(|| tracing_subscriber::EnvFilter::new("info")))
        .init();
    // A module call may use the whole request budget (a policy-wide lint takes seconds).
    let rt = super::runtime_with(
        module,
        Limits {
            call_timeout: Duration::from_millis(args.timeout_ms),
            ..Limits::default()
        },
    )?;
    // An empty token (often `DUNWELL_TOKEN=` left blank in a unit file) means no token, as it always has; say so
    // rather than open /v1/* without a word.
    if args.token.as_deref() == Some("") {
        tracing::warn!("the token (--token or DUNWELL_TOKEN) is empty: /v1/* and /metrics need no token");
    }
    let config = dunwell_host::serve::Config {
        listen: args.listen,
        policy: args.policy,
        workers: args.workers.unwrap_or_else(super::cores),
        max_body_bytes: args.max_body_bytes,
        request_timeout: Duration::from_millis(args.timeout_ms),
        token: args.token.filter(|t| !t.is_empty()),
        audit: (!args.no_audit).then_some(args.audit.location),
        watch_every: Duration::from_secs(2),
        static_dirs: args.static_dirs,
        guards: args.guards,
    };
    dunwell_host::serve::run_server(rt, config)?;
    Ok(ExitCode::SUCCESS)
}
