//! The answers the service writes itself: the module's envelope with the HTTP status its error code calls for,
//! and the host's own error envelopes (`http.*`). Kept in one place so every route, the middleware and the
//! static files answer an error the same way, as JSON with the same shape as the module's.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The HTTP status for an envelope: success, the caller's fault (400 unreadable, 422 invalid), an unknown
/// operation (404), or ours (500; 503 for a timeout).
pub(super) fn status_of(envelope: &super::metrics::Seen) -> StatusCode {
    let Some(code) = envelope.error_code.as_deref() else {
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

pub(super) fn json_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

pub(super) fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(status, crate::host_error(code, message))
}

pub(super) async fn method_not_allowed() -> Response {
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
