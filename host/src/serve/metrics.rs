//! What the service counts for `/metrics` (Prometheus text): requests by route and status, latency, decisions
//! by bucket, planned actions by channel, error codes, policy reloads. Counting lives here so the labels stay a
//! fixed, small set (a scanner cannot create new series) and no borrower data reaches a label or a log line.

use super::envelope::error_response;
use super::{AppState, LOG_TARGET};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::borrow::Cow;
use std::sync::Arc;
use std::time::Instant;

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

pub(super) struct Metrics {
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
    pub(super) fn new() -> Metrics {
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

    /// Counts what an envelope says — the bucket and the planned channels of a decision, or the error code — and
    /// hands back what the service needs of it. It reads only those fields (borrowed, the rest skipped): building
    /// a decision's whole answer as a JSON value cost more per request than the routing around the module.
    pub(super) fn observe_text(&self, envelope: &str) -> Seen {
        let Ok(e) = serde_json::from_str::<EnvelopeView<'_>>(envelope) else {
            return Seen::default();
        };
        let code = e.error.and_then(|x| x.code).map(Cow::into_owned);
        if let Some(code) = &code {
            self.errors.get_or_create(&CodeLabel { code: code.clone() }).inc();
        } else if let Some(ok) =
            e.ok.and_then(|raw| serde_json::from_str::<DecisionView<'_>>(raw.get()).ok())
            && let Some(bucket) = ok.bucket
        {
            self.decisions
                .get_or_create(&BucketLabel {
                    bucket: bucket.into_owned(),
                })
                .inc();
            for channel in ok.actions.into_iter().flatten().filter_map(|a| a.channel) {
                self.actions
                    .get_or_create(&ChannelLabel {
                        channel: channel.into_owned(),
                    })
                    .inc();
            }
        }
        Seen {
            ok: e.ok.is_some(),
            error_code: code,
        }
    }

    /// Counts a policy reload: `ok`, or `rejected` (the previous policy keeps serving, and the refused gauge
    /// says so until a reload succeeds).
    pub(super) fn reloaded(&self, ok: bool) {
        let outcome = if ok { "ok" } else { "rejected" };
        self.reloads
            .get_or_create(&OutcomeLabel {
                outcome: outcome.into(),
            })
            .inc();
        self.reload_refused.set(i64::from(!ok));
    }
}

/// `GET /metrics`: the registry in the OpenMetrics text format.
pub(super) async fn export(State(state): State<Arc<AppState>>) -> Response {
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

/// Counts and logs one finished request (method, route, status, latency; never the body).
pub(super) fn log(state: &AppState, method: &axum::http::Method, route: &str, status: StatusCode, started: Instant) {
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
    tracing::info!(target: LOG_TARGET, method = %method, route = %label, status = status.as_u16(), latency_us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX), "request");
}

/// What the service needs of an envelope.
#[derive(Debug, Default, Clone)]
pub(super) struct Seen {
    /// An answer (`{"ok": …}`).
    pub(super) ok: bool,
    /// The error code of an error envelope.
    pub(super) error_code: Option<String>,
}

/// The envelope's two branches, borrowed; the answer is kept raw and read only for what the metrics count.
#[derive(serde::Deserialize)]
struct EnvelopeView<'a> {
    #[serde(borrow, default)]
    ok: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    error: Option<ErrorView<'a>>,
}

#[derive(serde::Deserialize)]
struct ErrorView<'a> {
    #[serde(borrow, default)]
    code: Option<Cow<'a, str>>,
}

/// A decision's bucket and planned channels (other answers have neither).
#[derive(serde::Deserialize)]
struct DecisionView<'a> {
    #[serde(borrow, default)]
    bucket: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    actions: Option<Vec<ActionView<'a>>>,
}

#[derive(serde::Deserialize)]
struct ActionView<'a> {
    #[serde(borrow, default)]
    channel: Option<Cow<'a, str>>,
}
