//! `/healthz` and `/readyz`, for a load balancer or an orchestrator: alive is the process answering; ready is a
//! session of the pool answering, with the hashes of what serves and whether the policy file on disk was
//! refused (the previous policy then still serves, so the service stays ready but says so).

use super::AppState;
use super::envelope::{error_response, json_response};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

/// Liveness: the process serves.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "alive")))]
pub(super) async fn healthz() -> Response {
    json_response(StatusCode::OK, "{\"ok\":{\"status\":\"alive\"}}".into())
}

/// Readiness: a policy is loaded and the pool answers.
#[utoipa::path(get, path = "/readyz", responses((status = 200, description = "ready, with the module and policy hashes"),
    (status = 503, description = "not ready")))]
pub(super) async fn readyz(State(state): State<Arc<AppState>>) -> Response {
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
