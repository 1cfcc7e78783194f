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
use serde_json::{Value, json};
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

/// The JSON Schemas of the module's documents as OpenAPI components, generated from the core's Rust types
/// (`cargo run --example schemas --features schema`); the test command fails when they are stale.
const COMPONENTS: &str = include_str!("../../../schemas/components.json");

/// What each `/v1` route reads and answers, by component name: (path, request, ok payload).
const BODIES: &[(&str, &str, &str)] = &[
    ("/v1/decide", "DecideRequest", "Decision"),
    ("/v1/offers", "DecideCall", "OfferSheet"),
    ("/v1/render", "RenderCall", "Rendered"),
    ("/v1/reply", "ReplyCall", "Analysis"),
    ("/v1/lint", "LintCall", "LintReport"),
];

/// The OpenAPI document of the service: utoipa's paths, completed with the request and response schemas of
/// every route, the error envelope for every failure status, the bearer scheme, `/metrics` and itself.
pub fn openapi_json() -> String {
    let doc = ApiDoc::openapi().to_json().unwrap_or_else(|_| "{}".into());
    let mut doc: Value = serde_json::from_str(&doc).unwrap_or_else(|_| json!({}));
    complete(&mut doc);
    doc.to_string()
}

/// `{"ok": <component>, "warnings": [...]}`.
fn ok_envelope(component: &str) -> Value {
    json!({
        "type": "object", "required": ["ok"],
        "properties": {
            "ok": {"$ref": format!("#/components/schemas/{component}")},
            "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}
        }
    })
}

fn error_response(description: &str) -> Value {
    json!({"description": description,
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}})
}

fn complete(doc: &mut Value) {
    let mut schemas: Value = serde_json::from_str::<Value>(COMPONENTS)
        .map(|c| c["schemas"].clone())
        .unwrap_or_default();
    if let Some(map) = schemas.as_object_mut() {
        map.insert(
            "BatchCall".into(),
            json!({
                "type": "object", "required": ["accounts", "as_of"],
                "description": "A batch: every account decided at the same moment, answered in order.",
                "properties": {
                    "accounts": {"type": "array", "items": {"$ref": "#/components/schemas/Account"}},
                    "as_of": {"$ref": "#/components/schemas/Instant"},
                    "messages": {"type": "boolean", "default": true}
                }
            }),
        );
        map.insert(
            "DecideRequest".into(),
            json!({"oneOf": [{"$ref": "#/components/schemas/DecideCall"}, {"$ref": "#/components/schemas/BatchCall"}]}),
        );
        map.insert(
            "BatchAnswer".into(),
            json!({
                "type": "object", "required": ["results"],
                "properties": {"results": {"type": "array", "items": {"oneOf": [
                    ok_envelope("Decision"), {"$ref": "#/components/schemas/ErrorEnvelope"}]}}}
            }),
        );
    }
    doc["components"] = json!({
        "schemas": schemas,
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
            "description": "Required on /v1/* and /metrics when the service runs with --token."}}
    });
    let unauthorised =
        error_response("no or wrong `Authorization: Bearer <token>` (`http.unauthorized`), when --token is set");
    for (path, request, ok) in BODIES {
        let Some(op) = doc["paths"][*path]["post"].as_object_mut() else {
            continue;
        };
        op.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{request}")}}}}),
        );
        op.insert("security".into(), json!([{"bearerAuth": []}]));
        let responses = op.entry("responses").or_insert_with(|| json!({}));
        let ok_schema = if *path == "/v1/decide" {
            json!({"oneOf": [ok_envelope(ok), {"$ref": "#/components/schemas/BatchAnswer"}]})
        } else {
            ok_envelope(ok)
        };
        responses["200"]["content"] = json!({"application/json": {"schema": ok_schema}});
        if responses["200"]["description"].is_null() {
            responses["200"]["description"] = json!("the answer");
        }
        for (status, description) in [
            (
                "400",
                "unreadable JSON (`json.syntax`) or a body that is not UTF-8 (`json.bad_utf8`)",
            ),
            ("405", "wrong method (`http.method_not_allowed`)"),
            ("413", "body larger than the service allows (`http.too_large`)"),
            ("422", "invalid input: the code and the JSON path of the value at fault"),
            (
                "503",
                "timed out, overloaded, or not recorded in the audit trail (`host.timeout`, `http.overloaded`, `host.audit`): retry",
            ),
        ] {
            let given = responses[status]["description"].as_str().map(str::to_string);
            responses[status] = error_response(given.as_deref().unwrap_or(description));
        }
        responses["401"] = unauthorised.clone();
    }
    for path in ["/healthz", "/readyz"] {
        if let Some(op) = doc["paths"][path]["get"].as_object_mut() {
            op.insert("security".into(), json!([]));
            let responses = op.entry("responses").or_insert_with(|| json!({}));
            responses["200"]["content"] = json!({"application/json": {"schema": {"type": "object", "required": ["ok"],
                "properties": {"ok": {"type": "object"}}}}});
            if path == "/readyz" {
                responses["503"] = error_response("not ready: no policy loaded");
            }
        }
    }
    doc["paths"]["/metrics"] = json!({"get": {
        "summary": "Prometheus metrics (text exposition format)",
        "security": [{"bearerAuth": []}],
        "responses": {"200": {"description": "the metrics", "content": {"text/plain": {"schema": {"type": "string"}}}},
                      "401": unauthorised}
    }});
    doc["paths"]["/openapi.json"] = json!({"get": {
        "summary": "This document",
        "security": [],
        "responses": {"200": {"description": "the OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}
    }});
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
