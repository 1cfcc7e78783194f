//! What stands around every request before and after a route sees it: the bearer token, the body size limit
//! (a 413 before the body when `Content-Length` is already over it), and one deadline for the whole request.
//! Kept apart from the routes so no route can forget a limit: the middleware applies them all, and a route
//! only reads its body through [`read_body`] or [`read_text`].

use super::AppState;
use super::envelope::{error_response, json_response};
use super::metrics::log;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The 413 for a body over `--max-body-bytes`.
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
pub(super) async fn read_body(state: &AppState, body: Body) -> Result<Bytes, Response> {
    axum::body::to_bytes(body, state.config.max_body_bytes)
        .await
        .map_err(|_| too_large(state))
}

/// Reads a body under the size limit that must be UTF-8 text (a 400 `json.bad_utf8` otherwise).
pub(super) async fn read_text(state: &AppState, body: Body) -> Result<String, Response> {
    let bytes = read_body(state, body).await?;
    String::from_utf8(bytes.to_vec())
        .map_err(|_| error_response(StatusCode::BAD_REQUEST, "json.bad_utf8", "the body is not UTF-8"))
}

/// Bearer-token check, request log and metrics around every request.
pub(super) async fn around(State(state): State<Arc<AppState>>, req: Request, next: axum::middleware::Next) -> Response {
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
            state.metrics.observe_text(&out);
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
