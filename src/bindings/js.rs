//! The wasm-bindgen API that the npm package wraps. Every method goes through the string tier in
//! [`crate::api`]; object methods are `JSON.stringify` → string tier → `JSON.parse`, so objects and strings
//! give the same answers. Failures throw an `Error` named `DunwellError` with `code`, `message`, `path`
//! (and `help`, `problems`), which the package's `DunwellError` class recognises with `instanceof`.

use crate::api;
use wasm_bindgen::prelude::*;

/// A loaded policy.
#[wasm_bindgen(js_name = Engine)]
pub struct JsEngine {
    inner: crate::Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// `new Engine(policy, moduleSha256?)`: `policy` is a JSON string or an object.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: JsValue, module_sha256: Option<String>) -> Result<JsEngine, JsValue> {
        let policy = to_json(&policy)?;
        let input = format!(
            "{{\"policy\":{policy},\"module_sha256\":{}}}",
            json_string_or_null(module_sha256.as_deref())
        );
        match api::engine_new(&input) {
            (Some(inner), _) => Ok(JsEngine { inner }),
            (None, answer) => Err(unwrap(&answer).err().unwrap_or(JsValue::NULL)),
        }
    }

    /// `decide(account, asOf)`: the decision object, or throws `DunwellError`.
    pub fn decide(&self, account: JsValue, as_of: &str) -> Result<JsValue, JsValue> {
        let account = to_json(&account)?;
        let input = format!(
            "{{\"account\":{account},\"as_of\":{}}}",
            json_string_or_null(Some(as_of))
        );
        unwrap(&api::decide(&self.inner, &input))
    }

    /// `decideJson(callJson)`: the envelope string; never throws.
    #[wasm_bindgen(js_name = decideJson)]
    pub fn decide_json(&self, input: &str) -> String {
        api::decide(&self.inner, input)
    }

    /// `callJson(op, inputJson)`: any operation by name, envelope string; never throws.
    #[wasm_bindgen(js_name = callJson)]
    pub fn call_json(&self, op: &str, input: &str) -> String {
        api::call(&self.inner, op, input)
    }

    /// Canonical sha256 of the policy.
    #[wasm_bindgen(getter, js_name = policySha256)]
    pub fn policy_sha256(&self) -> String {
        self.inner.identity().policy_sha256.clone()
    }

    /// Validation warnings as a JSON array string.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> String {
        serde_json::to_string(self.inner.warnings()).unwrap_or_else(|_| "[]".into())
    }
}

/// `info()`: `{"ok": {version, abi_version, tzdb_version, ops}}` as a string.
#[wasm_bindgen(js_name = infoJson)]
pub fn info_json() -> String {
    api::info()
}

/// `validatePolicyJson(policyJson)`: validation envelope string; never throws.
#[wasm_bindgen(js_name = validatePolicyJson)]
pub fn validate_policy_json(policy: &str) -> String {
    api::validate_policy(policy)
}

/// A JS value as JSON text: strings are taken as JSON already, anything else is stringified.
fn to_json(value: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| error("call.wrong_type", "value cannot be converted to JSON", ""))
}

fn json_string_or_null(s: Option<&str>) -> String {
    s.and_then(|s| serde_json::to_string(s).ok())
        .unwrap_or_else(|| "null".into())
}

/// The one conversion helper: envelope → value, or a thrown `DunwellError` that keeps the code.
fn unwrap(envelope: &str) -> Result<JsValue, JsValue> {
    let parsed = js_sys::JSON::parse(envelope)?;
    let ok = js_sys::Reflect::get(&parsed, &"ok".into())?;
    if !ok.is_undefined() {
        return Ok(ok);
    }
    let body = js_sys::Reflect::get(&parsed, &"error".into())?;
    let message = js_sys::Reflect::get(&body, &"message".into())?
        .as_string()
        .unwrap_or_default();
    let err = js_sys::Error::new(&message);
    err.set_name("DunwellError");
    for key in ["code", "path", "help", "problems"] {
        let v = js_sys::Reflect::get(&body, &key.into())?;
        if !v.is_undefined() {
            js_sys::Reflect::set(&err, &key.into(), &v)?;
        }
    }
    Err(err.into())
}

fn error(code: &str, message: &str, path: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name("DunwellError");
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(&err, &"path".into(), &path.into());
    err.into()
}
