//! The route table and the OpenAPI document that describes it, side by side so a route cannot be added to one
//! and forgotten in the other. Unknown paths fall through to the static files (when `--static` is given) or a
//! JSON 404; a known path with the wrong method is a JSON 405.

use super::decide::{decide, offers};
use super::envelope::{json_response, method_not_allowed, not_found};
use super::health::{healthz, readyz};
use super::ops::{lint, render, reply};
use super::{AppState, files, guard, metrics};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use std::sync::Arc;
use utoipa::OpenApi;
// The handlers are named bare in `paths(...)`, with their generated `__path_*` types imported: utoipa tags an
// operation with the module path it is named by, and the published document has no tags.
use super::decide::{__path_decide, __path_offers};
use super::health::{__path_healthz, __path_readyz};
use super::ops::{__path_lint, __path_render, __path_reply};

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

/// `GET /openapi.json`.
async fn openapi() -> Response {
    json_response(StatusCode::OK, openapi_json())
}

/// The fallback when `--static` is given: a file under a mounted folder, or the JSON 404.
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
        .route("/metrics", get(metrics::export))
        .route("/openapi.json", get(openapi))
        .method_not_allowed_fallback(method_not_allowed);
    if !state.files.is_empty() {
        app = app.fallback(static_files);
    } else {
        app = app.fallback(not_found);
    }
    app.layer(axum::middleware::from_fn_with_state(Arc::clone(&state), guard::around))
        .with_state(state)
}
