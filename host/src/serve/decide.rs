//! `/v1/decide` and `/v1/offers`: the decide family. A decide body is one account or a batch; a batch is read
//! without parsing more of the body than it needs (its accounts are borrowed, and past `--max-batch` only
//! counted), so an oversized batch is refused before any account reaches the module.

use super::AppState;
use super::envelope::{json_response, status_of};
use super::guard::read_text;
use super::ops::run;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::{DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::sync::Arc;

/// Decide one account (`{"account": …, "as_of": …}`) or a batch (`{"accounts": [...], "as_of": …}`, answered
/// with `{"results": [envelope, …]}` in order).
#[utoipa::path(post, path = "/v1/decide", request_body(content = Object, description = "{account, as_of} or {accounts: [...], as_of}"),
    responses((status = 200, description = "{\"ok\": decision} or {\"results\": [envelope…]}"), (status = 400, description = "unreadable JSON"),
        (status = 413, description = "body too large, or more accounts than --max-batch (`http.batch_too_large`, path `/accounts`)"), (status = 422, description = "invalid account or call"),
        (status = 503, description = "timed out, or not recorded in the audit trail: retry")))]
pub(super) async fn decide(State(state): State<Arc<AppState>>, body: Body) -> Response {
    let text = match read_text(&state, body).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    // A batch is recognised by an `accounts` array; anything else goes to `decide` as it is, so the module
    // reports its problems with their paths.
    let Some((accounts, total, as_of)) = batch_of(
        &text,
        usize::try_from(state.config.guards.max_batch).unwrap_or(usize::MAX),
    ) else {
        let (out, v) = run(&state, "decide", text.clone()).await;
        return json_response(status_of(&v), out);
    };
    let cap = state.config.guards.max_batch;
    if accounts.len() < total {
        let out = serde_json::json!({"error": {"code": "http.batch_too_large",
            "message": format!("the batch has {total} accounts and at most {cap} are taken per request (--max-batch): split it"),
            "path": "/accounts"}})
        .to_string();
        state.metrics.observe_text(&out);
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

/// The repayment offers and the penalty projection for an account: the module's `offers` op (the offers part
/// of the account's decision, without words).
#[utoipa::path(post, path = "/v1/offers", request_body(content = Object, description = "{account, as_of}"),
    responses((status = 200, description = "{\"ok\": {account_id, currency, penalty, offers, debt_advice}}"), (status = 422, description = "invalid account"),
        (status = 503, description = "timed out: retry")))]
pub(super) async fn offers(State(state): State<Arc<AppState>>, body: Body) -> Response {
    let text = match read_text(&state, body).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (out, v) = run(&state, "offers", text).await;
    json_response(status_of(&v), out)
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
