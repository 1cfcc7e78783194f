//! The routes that forward one operation of the module as it is (`/v1/render`, `/v1/reply`, `/v1/lint`), and
//! [`run`], the one way every route calls the module: under the time limit, counted in the metrics, and
//! recorded in the audit trail before it is answered (a decision that could not be recorded is not given).

use super::envelope::{json_response, status_of};
use super::guard::read_text;
use super::metrics::Seen;
use super::{AppState, LOG_TARGET};
use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use std::sync::Arc;

/// Runs `op` with the time limit, records it, counts it.
pub(super) async fn run(state: &Arc<AppState>, op: &'static str, input: String) -> (String, Seen) {
    let pool = state.pool();
    let out = match tokio::time::timeout(state.config.request_timeout, pool.call(op, input.clone())).await {
        Ok(out) => out,
        Err(_) => crate::host_error("host.timeout", "the request took longer than the service allows"),
    };
    let v = state.metrics.observe_text(&out);
    if let Some(audit) = &state.audit
        && v.ok
        && matches!(op, "decide" | "render" | "reply")
    {
        let audit = Arc::clone(audit);
        let policy = pool.policy_sha256().to_string();
        let (input, output) = (input, out.clone());
        // The ids the record is filed under, read as `audit verify` reads them back.
        let (account_id, jurisdiction, as_of) = crate::audit::expected_metadata(op, &input);
        let entry = crate::audit::Owned {
            op,
            account_id,
            jurisdiction,
            as_of,
            input,
            output,
        };
        // Written together with the other requests' records of the moment (one transaction for many).
        let recorded = tokio::task::spawn_blocking(move || audit.record_one(&policy, entry)).await;
        if !matches!(recorded, Ok(Ok(_))) {
            if let Ok(Err(e)) = &recorded {
                tracing::error!(target: LOG_TARGET, error = %format!("{e:#}"), op, "audit write failed");
            }
            // Not recorded means not done: the caller must retry.
            let out = crate::host_error("host.audit", "the decision could not be recorded in the audit trail");
            let v = state.metrics.observe_text(&out);
            return (out, v);
        }
    }
    (out, v)
}

/// Forwards the body to `op` as it is and answers its envelope with the status the envelope calls for.
async fn op_route(state: Arc<AppState>, op: &'static str, body: Body) -> Response {
    let input = match read_text(&state, body).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (out, v) = run(&state, op, input).await;
    json_response(status_of(&v), out)
}

/// Write a message for an account from a library template (or an inline one), with its lint findings.
#[utoipa::path(post, path = "/v1/render", request_body(content = Object, description = "{account, as_of, channel, tone, template: {id} | {name, source}}"),
    responses((status = 200, description = "{\"ok\": {template, subject, text, html, sms, findings}}"), (status = 422, description = "invalid call or template"),
        (status = 503, description = "timed out, or not recorded in the audit trail: retry")))]
pub(super) async fn render(State(state): State<Arc<AppState>>, body: Body) -> Response {
    op_route(state, "render", body).await
}

/// Read a borrower's reply: intents, amounts, dates, effects, tone, answer.
#[utoipa::path(post, path = "/v1/reply", request_body(content = Object, description = "{account, as_of, text, channel}"),
    responses((status = 200, description = "{\"ok\": analysis}"), (status = 422, description = "invalid call"),
        (status = 503, description = "timed out, or not recorded in the audit trail: retry")))]
pub(super) async fn reply(State(state): State<Arc<AppState>>, body: Body) -> Response {
    op_route(state, "reply", body).await
}

/// Lint every template the policy sends.
#[utoipa::path(post, path = "/v1/lint", request_body(content = Object, description = "{} or {templates: [id…]}"),
    responses((status = 200, description = "{\"ok\": {templates, messages, errors, findings}}")))]
pub(super) async fn lint(State(state): State<Arc<AppState>>, body: Body) -> Response {
    op_route(state, "lint", body).await
}
