//! `/openapi.json` is a document a client generator can use: every route with its request and response schemas
//! from the JSON Schemas of the core's types, the error envelope for every failure, the bearer scheme, and
//! every `$ref` resolving. (The test command also runs openapi-spec-validator on `dunwell openapi`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;

fn doc() -> Value {
    serde_json::from_str(&dunwell_host::serve::openapi_json()).unwrap()
}

fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r),
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn components_describe_the_documents_and_every_ref_resolves() {
    let d = doc();
    let schemas = &d["components"]["schemas"];
    for name in [
        "Account",
        "Policy",
        "DecideCall",
        "Decision",
        "ReplyCall",
        "Analysis",
        "RenderCall",
        "Rendered",
        "OfferSheet",
        "ErrorEnvelope",
        "Problem",
    ] {
        assert!(schemas[name].is_object(), "component {name} missing");
    }
    // The decision's own fields are described, not just named.
    let decision = &schemas["Decision"]["properties"];
    for field in [
        "account_id",
        "dpd",
        "bucket",
        "actions",
        "offers",
        "penalty",
        "arrangement",
        "escalation",
    ] {
        assert!(decision[field].is_object(), "Decision.{field} missing");
    }
    let mut all = Vec::new();
    refs(&d, &mut all);
    assert!(all.len() > 100, "only {} $refs", all.len());
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("$ref {r} is not a component"));
        assert!(schemas[name].is_object(), "$ref {r} does not resolve");
    }
}

#[test]
fn every_route_has_schemas_errors_and_security() {
    let d = doc();
    assert_eq!(d["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
    for (path, request, ok) in [
        ("/v1/decide", "DecideRequest", "Decision"),
        ("/v1/offers", "DecideCall", "OfferSheet"),
        ("/v1/render", "RenderCall", "Rendered"),
        ("/v1/reply", "ReplyCall", "Analysis"),
        ("/v1/lint", "LintCall", "LintReport"),
    ] {
        let op = &d["paths"][path]["post"];
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            format!("#/components/schemas/{request}").as_str(),
            "{path} request"
        );
        let answer = op["responses"]["200"]["content"]["application/json"]["schema"].to_string();
        assert!(
            answer.contains(&format!("#/components/schemas/{ok}\"")),
            "{path} answer: {answer}"
        );
        for status in ["400", "401", "405", "413", "422", "503"] {
            assert_eq!(
                op["responses"][status]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ErrorEnvelope",
                "{path} {status}"
            );
        }
        assert_eq!(
            op["security"][0]["bearerAuth"],
            serde_json::json!([]),
            "{path} security"
        );
    }
    for (path, secured) in [
        ("/metrics", true),
        ("/openapi.json", false),
        ("/healthz", false),
        ("/readyz", false),
    ] {
        let op = &d["paths"][path]["get"];
        assert!(op.is_object(), "{path} missing");
        assert_eq!(
            op["security"].as_array().is_some_and(|s| !s.is_empty()),
            secured,
            "{path} security"
        );
    }
}
