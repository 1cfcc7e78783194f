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

pub mod conn;
pub mod files;

pub use conn::ConnLimits;
pub use files::StaticMount;

use crate::audit::{Audit, Entry};
use crate::pool::Pool;
use crate::runtime::Runtime;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use serde::de::{DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};
use utoipa::OpenApi;

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

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteOnly {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BucketLabel {
    bucket: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabel {
    channel: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CodeLabel {
    code: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: String,
}

struct Metrics {
    registry: Registry,
    requests: Family<RouteLabels, Counter>,
    latency: Family<RouteOnly, Histogram>,
    decisions: Family<BucketLabel, Counter>,
    actions: Family<ChannelLabel, Counter>,
    errors: Family<CodeLabel, Counter>,
    reloads: Family<OutcomeLabel, Counter>,
    /// 1 while the policy file on disk was refused and the previous policy keeps serving.
    reload_refused: prometheus_client::metrics::gauge::Gauge,
}

impl Metrics {
    fn new() -> Metrics {
        let mut registry = Registry::with_prefix("dunwell");
        let requests = Family::<RouteLabels, Counter>::default();
        let latency = Family::<RouteOnly, Histogram>::new_with_constructor(|| {
            Histogram::new([
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
            ])
        });
        let decisions = Family::<BucketLabel, Counter>::default();
        let actions = Family::<ChannelLabel, Counter>::default();
        let errors = Family::<CodeLabel, Counter>::default();
        let reloads = Family::<OutcomeLabel, Counter>::default();
        let reload_refused = prometheus_client::metrics::gauge::Gauge::default();
        registry.register("http_requests", "HTTP requests by route and status", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Request latency by route",
            latency.clone(),
        );
        registry.register("decisions", "Decisions by DPD bucket", decisions.clone());
        registry.register("actions", "Planned actions by channel", actions.clone());
        registry.register("errors", "Error envelopes by code", errors.clone());
        registry.register(
            "policy_reloads",
            "Policy reloads by outcome (ok, rejected)",
            reloads.clone(),
        );
        registry.register(
            "policy_reload_refused",
            "1 while the policy file on disk was refused and the previous policy keeps serving",
            reload_refused.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            decisions,
            actions,
            errors,
            reloads,
            reload_refused,
        }
    }

    /// Counts what an envelope says: the bucket and the planned channels of a decision, or the error code.
    fn observe(&self, envelope: &Value) {
        if let Some(code) = envelope["error"]["code"].as_str() {
            self.errors.get_or_create(&CodeLabel { code: code.to_string() }).inc();
        } else if let Some(bucket) = envelope["ok"]["bucket"].as_str() {
            self.decisions
                .get_or_create(&BucketLabel {
                    bucket: bucket.to_string(),
                })
                .inc();
            for a in envelope["ok"]["actions"].as_array().into_iter().flatten() {
                if let Some(ch) = a["channel"].as_str() {
                    self.actions
                        .get_or_create(&ChannelLabel {
                            channel: ch.to_string(),
                        })
                        .inc();
                }
            }
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
                self.metrics
                    .reloads
                    .get_or_create(&OutcomeLabel { outcome: "ok".into() })
                    .inc();
                self.metrics.reload_refused.set(0);
                if let Ok(mut r) = self.refused.write() {
                    *r = None;
                }
                tracing::info!(reason = why, policy_sha256 = %sha, "policy reloaded");
                Ok(sha)
            }
            Err(e) => {
                self.metrics
                    .reloads
                    .get_or_create(&OutcomeLabel {
                        outcome: "rejected".into(),
                    })
                    .inc();
                self.metrics.reload_refused.set(1);
                if let Ok(mut r) = self.refused.write() {
                    *r = Some(e.to_string());
                }
                tracing::error!(reason = why, error = %e, "policy reload rejected; the previous policy keeps serving");
                Err(e.to_string())
            }
        }
    }
}

/// The HTTP status for an envelope: success, the caller's fault (400 unreadable, 422 invalid), an unknown
/// operation (404), or ours (500; 503 for a timeout).
fn status_of(envelope: &Value) -> StatusCode {
    let Some(code) = envelope["error"]["code"].as_str() else {
        return StatusCode::OK;
    };
    match code.split_once('.') {
        Some(("json", _)) => StatusCode::BAD_REQUEST,
        Some((_, "unknown_op")) => StatusCode::NOT_FOUND,
        // Retry-able: the service is slow, or the audit trail could not take the record (not recorded = not done).
        Some(("host", "timeout" | "audit")) => StatusCode::SERVICE_UNAVAILABLE,
        Some(("host" | "internal" | "policy", _)) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(status, crate::host_error(code, message))
}

fn too_large(state: &AppState) -> Response {
    error_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        "http.too_large",
        &format!("the request body exceeds {} bytes", state.config.max_body_bytes),
    )
}

/// Most bytes of an oversized body the service reads (and drops) so its 413 reaches the client; see `around`.
const DRAIN_BYTES: u64 = 16 << 20;

/// Reads a body to its end without keeping it, for at most two seconds.
async fn drain(body: Body) {
    use http_body_util::BodyExt;
    let mut body = body;
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        while let Some(Ok(_)) = body.frame().await {}
    })
    .await;
}

/// Reads a body under the size limit.
async fn read_body(state: &AppState, body: Body) -> Result<Bytes, Response> {
    axum::body::to_bytes(body, state.config.max_body_bytes)
        .await
        .map_err(|_| too_large(state))
}

/// Runs `op` with the time limit, records it, counts it.
async fn run(state: &Arc<AppState>, op: &'static str, input: String) -> (String, Value) {
    let pool = state.pool();
    let out = match tokio::time::timeout(state.config.request_timeout, pool.call(op, input.clone())).await {
        Ok(out) => out,
        Err(_) => crate::host_error("host.timeout", "the request took longer than the service allows"),
    };
    let v: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    state.metrics.observe(&v);
    if let Some(audit) = &state.audit
        && v.get("ok").is_some()
        && matches!(op, "decide" | "render" | "reply")
    {
        let audit = Arc::clone(audit);
        let policy = pool.policy_sha256().to_string();
        let (input, output) = (input, out.clone());
        let ids: Value = serde_json::from_str(&input).unwrap_or(Value::Null);
        let account_id = ids["account"]["id"].as_str().unwrap_or("").to_string();
        let jurisdiction = ids["account"]["jurisdiction"].as_str().unwrap_or("").to_string();
        let as_of = ids["as_of"].as_str().unwrap_or("").to_string();
        let recorded = tokio::task::spawn_blocking(move || {
            audit.record(
                &policy,
                &[Entry {
                    op,
                    run_id: "",
                    line: 0,
                    account_id: &account_id,
                    jurisdiction: &jurisdiction,
                    as_of: &as_of,
                    input: &input,
                    output: &output,
                }],
            )
        })
        .await;
        if !matches!(recorded, Ok(Ok(_))) {
            if let Ok(Err(e)) = &recorded {
                tracing::error!(error = %format!("{e:#}"), op, "audit write failed");
            }
            // Not recorded means not done: the caller must retry.
            let out = crate::host_error("host.audit", "the decision could not be recorded in the audit trail");
            let v = serde_json::from_str(&out).unwrap_or(Value::Null);
            state.metrics.observe(&v);
            return (out, v);
        }
    }
    (out, v)
}

async fn op_route(state: Arc<AppState>, op: &'static str, body: Body) -> Response {
    let bytes = match read_body(&state, body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Ok(input) = String::from_utf8(bytes.to_vec()) else {
        return error_response(StatusCode::BAD_REQUEST, "json.bad_utf8", "the body is not UTF-8");
    };
    let (out, v) = run(&state, op, input).await;
    json_response(status_of(&v), out)
}

/// Decide one account (`{"account": …, "as_of": …}`) or a batch (`{"accounts": [...], "as_of": …}`, answered
/// with `{"results": [envelope, …]}` in order).
#[utoipa::path(post, path = "/v1/decide", request_body(content = Object, description = "{account, as_of} or {accounts: [...], as_of}"),
    responses((status = 200, description = "{\"ok\": decision} or {\"results\": [envelope…]}"), (status = 400, description = "unreadable JSON"),
        (status = 413, description = "body too large, or more accounts than --max-batch (`http.batch_too_large`, path `/accounts`)"), (status = 422, description = "invalid account or call"),
        (status = 503, description = "timed out, or not recorded in the audit trail: retry")))]
async fn decide(State(state): State<Arc<AppState>>, body: Body) -> Response {
    let bytes = match read_body(&state, body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return error_response(StatusCode::BAD_REQUEST, "json.bad_utf8", "the body is not UTF-8");
    };
    // A batch is recognised by an `accounts` array; anything else goes to `decide` as it is, so the module
    // reports its problems with their paths.
    let Some((accounts, total, as_of)) = batch_of(
        text,
        usize::try_from(state.config.guards.max_batch).unwrap_or(usize::MAX),
    ) else {
        let (out, v) = run(&state, "decide", text.to_string()).await;
        return json_response(status_of(&v), out);
    };
    let cap = state.config.guards.max_batch;
    if accounts.len() < total {
        let out = serde_json::json!({"error": {"code": "http.batch_too_large",
            "message": format!("the batch has {total} accounts and at most {cap} are taken per request (--max-batch): split it"),
            "path": "/accounts"}})
        .to_string();
        state
            .metrics
            .observe(&serde_json::from_str(&out).unwrap_or(Value::Null));
        return json_response(StatusCode::PAYLOAD_TOO_LARGE, out);
    }
    let mut results = Vec::with_capacity(accounts.len());
    for account in accounts {
        // Each account is re-serialised as before, so the recorded input of a decision is unchanged.
        let account: Value = serde_json::from_str(account.get()).unwrap_or(Value::Null);
        let call = serde_json::json!({ "account": account, "as_of": as_of }).to_string();
        let (out, _) = run(&state, "decide", call).await;
        results.push(out);
    }
    json_response(StatusCode::OK, format!("{{\"results\":[{}]}}", results.join(",")))
}

/// The top-level fields a batch needs, borrowed from the body (nothing else of it is parsed here).
#[derive(serde::Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    accounts: Option<&'a RawValue>,
    #[serde(borrow)]
    as_of: Option<&'a RawValue>,
}

/// Collects at most `cap` elements of a JSON array and counts the rest without keeping them.
struct Capped {
    cap: usize,
}

impl<'de> DeserializeSeed<'de> for Capped {
    type Value = (Vec<&'de RawValue>, usize);

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Capped {
    type Value = (Vec<&'de RawValue>, usize);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of accounts")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while items.len() < self.cap {
            match seq.next_element::<&'de RawValue>()? {
                Some(v) => items.push(v),
                None => {
                    let n = items.len();
                    return Ok((items, n));
                }
            }
        }
        let mut total = items.len();
        while seq.next_element::<IgnoredAny>()?.is_some() {
            total += 1;
        }
        Ok((items, total))
    }
}

/// A batch body: up to `cap` accounts (borrowed), how many it has in all, and its `as_of`. `None` when the
/// body is not an object with an `accounts` array.
fn batch_of(text: &str, cap: usize) -> Option<(Vec<&RawValue>, usize, Value)> {
    // Only an object (serde would also read a struct from an array).
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let top: Top = serde_json::from_str(text).ok()?;
    let raw = top.accounts?;
    let mut de = serde_json::Deserializer::from_str(raw.get());
    let (accounts, total) = Capped { cap }.deserialize(&mut de).ok()?;
    let as_of = top
        .as_of
        .and_then(|r| serde_json::from_str(r.get()).ok())
        .unwrap_or(Value::Null);
    Some((accounts, total, as_of))
}

/// Write a message for an account from a library template (or an inline one), with its lint findings.
#[utoipa::path(post, path = "/v1/render", request_body(content = Object, description = "{account, as_of, channel, tone, template: {id} | {name, source}}"),
    responses((status = 200, description = "{\"ok\": {template, subject, text, html, sms, findings}}"), (status = 422, description = "invalid call or template"),
        (status = 503, description = "timed out, or not recorded in the audit trail: retry")))]
async fn render(State(state): State<Arc<AppState>>, body: Body) -> Response {
    op_route(state, "render", body).await
}

/// Read a borrower's reply: intents, amounts, dates, effects, tone, answer.
#[utoipa::path(post, path = "/v1/reply", request_body(content = Object, description = "{account, as_of, text, channel}"),
    responses((status = 200, description = "{\"ok\": analysis}"), (status = 422, description = "invalid call"),
        (status = 503, description = "timed out, or not recorded in the audit trail: retry")))]
async fn reply(State(state): State<Arc<AppState>>, body: Body) -> Response {
    op_route(state, "reply", body).await
}

/// The repayment offers and the penalty projection for an account (the offers part of a decision).
#[utoipa::path(post, path = "/v1/offers", request_body(content = Object, description = "{account, as_of}"),
    responses((status = 200, description = "{\"ok\": {account_id, currency, penalty, offers}}"), (status = 422, description = "invalid account"),
        (status = 503, description = "timed out, or not recorded in the audit trail: retry")))]
async fn offers(State(state): State<Arc<AppState>>, body: Body) -> Response {
    let bytes = match read_body(&state, body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (out, v) = run(&state, "decide", String::from_utf8_lossy(&bytes).to_string()).await;
    let Some(ok) = v.get("ok") else {
        return json_response(status_of(&v), out);
    };
    let slim = serde_json::json!({"ok": {
        "account_id": ok["account_id"], "currency": ok["currency"], "penalty": ok["penalty"], "offers": ok["offers"],
        "debt_advice": ok["debt_advice"]}});
    json_response(StatusCode::OK, slim.to_string())
}

/// Lint every template the policy sends.
#[utoipa::path(post, path = "/v1/lint", request_body(content = Object, description = "{} or {templates: [id…]}"),
    responses((status = 200, description = "{\"ok\": {templates, messages, errors, findings}}")))]
async fn lint(State(state): State<Arc<AppState>>, body: Body) -> Response {
    op_route(state, "lint", body).await
}

/// Liveness: the process serves.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "alive")))]
async fn healthz() -> Response {
    json_response(StatusCode::OK, "{\"ok\":{\"status\":\"alive\"}}".into())
}

/// Readiness: a policy is loaded and the pool answers.
#[utoipa::path(get, path = "/readyz", responses((status = 200, description = "ready, with the module and policy hashes"),
    (status = 503, description = "not ready")))]
async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    let pool = state.pool();
    let info = pool.call("decide_batch", String::new()).await;
    // An empty batch is a cheap round trip through a session: it answers with an error envelope, but it answers.
    if info.starts_with('{') {
        // Still ready after a refused reload (the previous policy serves), but say so: the file on disk is not
        // what is running.
        let refused = state.refused.read().ok().and_then(|r| r.clone());
        let body = serde_json::json!({"ok": {"status": "ready", "module_sha256": state.rt.module_sha256(),
            "policy_sha256": pool.policy_sha256(), "workers": pool.size(), "warnings": pool.warnings(),
            "reload_refused": refused}});
        json_response(StatusCode::OK, body.to_string())
    } else {
        error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "host.unavailable",
            "the module does not answer",
        )
    }
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let mut out = String::new();
    if prometheus_client::encoding::text::encode(&mut out, &state.metrics.registry).is_err() {
        return error_response(StatusCode::INTERNAL_SERVER_ERROR, "host.bug", "cannot encode metrics");
    }
    let mut r = (StatusCode::OK, out).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    r
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dunwell",
        description = "Overdue-loan decisions: score, schedule, words, offers, replies."
    ),
    paths(decide, render, reply, offers, lint, healthz, readyz)
)]
struct ApiDoc;

/// The OpenAPI document of the service.
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_json().unwrap_or_else(|_| "{}".into())
}

async fn openapi() -> Response {
    json_response(StatusCode::OK, openapi_json())
}

/// Bearer-token check, request log and metrics around every request.
async fn around(State(state): State<Arc<AppState>>, req: Request, next: axum::middleware::Next) -> Response {
    let started = Instant::now();
    let route = req.uri().path().to_string();
    let method = req.method().clone();
    let protected = route.starts_with("/v1/") || route == "/metrics";
    if protected
        && let Some(token) = &state.config.token
        && !authorised(req.headers(), token)
    {
        let r = error_response(
            StatusCode::UNAUTHORIZED,
            "http.unauthorized",
            "a valid `Authorization: Bearer <token>` header is required",
        );
        log(&state, &method, &route, r.status(), started);
        return r;
    }
    // An absurd declared size is refused before a byte of the body is read.
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > u64::try_from(state.config.max_body_bytes).unwrap_or(u64::MAX)) {
        // A body that is only somewhat too large is read and dropped (never kept) before answering: closing on an
        // unread body makes the kernel reset the connection, and a client still sending would see a broken pipe
        // instead of the 413. An absurd declared size is refused at once, without reading anything.
        if declared.is_some_and(|n| n <= DRAIN_BYTES) {
            drain(req.into_body()).await;
        }
        let r = too_large(&state);
        log(&state, &method, &route, r.status(), started);
        return r;
    }
    // One deadline for the whole request: reading the body, every module call of a batch, the audit record.
    // A module call cut short returns its session to the pool when it ends (see `Pool::call`).
    let r = match tokio::time::timeout(state.config.request_timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            let out = crate::host_error(
                "host.timeout",
                &format!(
                    "the request took longer than the service allows ({} ms)",
                    state.config.request_timeout.as_millis()
                ),
            );
            state
                .metrics
                .observe(&serde_json::from_str(&out).unwrap_or(Value::Null));
            json_response(StatusCode::SERVICE_UNAVAILABLE, out)
        }
    };
    log(&state, &method, &route, r.status(), started);
    r
}

fn authorised(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| constant_time_eq(t.as_bytes(), token.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn log(state: &AppState, method: &axum::http::Method, route: &str, status: StatusCode, started: Instant) {
    let elapsed = started.elapsed();
    // Routes are a fixed set; anything else is counted as "other" so scanners cannot blow up the labels.
    let known = [
        "/v1/decide",
        "/v1/render",
        "/v1/reply",
        "/v1/offers",
        "/v1/lint",
        "/healthz",
        "/readyz",
        "/metrics",
        "/openapi.json",
    ];
    let label = if known.contains(&route) {
        route
    } else if !state.files.is_empty() && status.is_success() {
        "static"
    } else {
        "other"
    }
    .to_string();
    state
        .metrics
        .requests
        .get_or_create(&RouteLabels {
            route: label.clone(),
            status: status.as_u16(),
        })
        .inc();
    state
        .metrics
        .latency
        .get_or_create(&RouteOnly { route: label.clone() })
        .observe(elapsed.as_secs_f64());
    tracing::info!(method = %method, route = %label, status = status.as_u16(), latency_us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX), "request");
}

async fn method_not_allowed() -> Response {
    error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "http.method_not_allowed",
        "this route does not take that method; see /openapi.json",
    )
}

pub(crate) async fn not_found() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "http.not_found",
        "no such route; see /openapi.json",
    )
}

async fn static_files(State(state): State<Arc<AppState>>, req: Request) -> Response {
    files::serve(state, req).await
}

/// Builds the router for `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let mut app = Router::new()
        .route("/v1/decide", post(decide))
        .route("/v1/render", post(render))
        .route("/v1/reply", post(reply))
        .route("/v1/offers", post(offers))
        .route("/v1/lint", post(lint))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .method_not_allowed_fallback(method_not_allowed);
    if !state.files.is_empty() {
        app = app.fallback(static_files);
    } else {
        app = app.fallback(not_found);
    }
    app.layer(axum::middleware::from_fn_with_state(Arc::clone(&state), around))
        .with_state(state)
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

/// Watches the policy: SIGHUP, or a changed modification time, reloads it.
fn watch(state: Arc<AppState>) {
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
        watch(Arc::clone(&state));
        conn::serve(listener, router(state), limits, shutdown_signal()).await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn batch_bodies_are_counted_past_the_cap_without_being_kept() {
        let (accounts, total, as_of) = batch_of(r#"{"as_of":"x","accounts":[{"id":1},{"id":2},3,[4]]}"#, 2).unwrap();
        assert_eq!((accounts.len(), total, as_of), (2, 4, Value::from("x")));
        assert_eq!(accounts[1].get(), r#"{"id":2}"#);
        let (accounts, total, as_of) = batch_of(r#" {"accounts":[]} "#, 2).unwrap();
        assert_eq!((accounts.len(), total, as_of), (0, 0, Value::Null));
        // Not a batch: left to `decide`, which names the problem.
        for body in [
            r#"{"account":{}}"#,
            r#"{"accounts":"no"}"#,
            r#"[[1],"x"]"#,
            "{",
            r#"{"accounts":[1,}"#,
        ] {
            assert!(batch_of(body, 5).is_none(), "{body}");
        }
    }
}
