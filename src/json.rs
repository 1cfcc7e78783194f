//! Reading JSON into typed documents with JSON-Pointer error paths, and writing canonical envelopes.
//!
//! Input documents use `deny_unknown_fields` and serde's derive, which already rejects duplicate struct
//! fields; free-form objects use [`UniqueMap`], which rejects duplicate keys too. Output key order is the
//! declaration order of the output structs (and sorted for maps), so the same decision is the same bytes.

use crate::error::{Error, ErrorKind, Problem, Scope};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

mod at;

/// Marks the serialisation error of an out-of-range amount (`money::Amount`), so the envelope writer can
/// report it with its code. It lives here, with the writer, so `json` needs nothing from `money`.
pub const OUT_OF_RANGE_TAG: &str = "[out_of_range] amount";

/// Parses `text` as `T`. `scope_of` maps the error's JSON Pointer to the document at fault.
///
/// # Errors
/// `json.syntax` for text that is not JSON (with line and column); otherwise the scope's
/// `unknown_field`, `missing_field`, `wrong_type`, `bad_value`, `duplicate_key` or the kind a custom
/// type tagged, always with the path of the value at fault.
pub fn parse<'a, T: Deserialize<'a>>(text: &'a str, scope_of: impl Fn(&str) -> Scope) -> Result<T, Error> {
    // Every document is an object; serde would otherwise read an array positionally into a struct.
    if text.trim_start().starts_with('[') {
        return Err(Error::new(
            scope_of(""),
            ErrorKind::WrongType,
            "",
            "expected a JSON object, found an array",
        ));
    }
    // One parse; only a failure pays for working out where it stopped (see `at`).
    serde_json::from_str::<T>(text).map_err(|e| classify(&e, pointer_of(text, &e), &scope_of))
}

/// The byte offset serde_json stopped at: its line and column (a column counts the bytes consumed on the line).
fn offset(text: &str, e: &serde_json::Error) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    line_start + e.column()
}

/// The JSON Pointer of the value serde_json was reading when it failed with `e`.
fn pointer_of(text: &str, e: &serde_json::Error) -> String {
    let mut at = offset(text, e);
    let between = between(e);
    // On a syntax error serde_json has consumed the character it did not expect (at the end of the text
    // there is none).
    if e.is_syntax() {
        at = at.saturating_sub(1);
    }
    at::pointer_at(text, at, between)
}

/// Whether serde_json stopped between a container's members rather than inside a value.
fn between(e: &serde_json::Error) -> bool {
    use serde_json::error::Category;
    if !matches!(e.classify(), Category::Syntax | Category::Eof) {
        return false;
    }
    let m = e.to_string();
    [
        "EOF while parsing an object",
        "EOF while parsing a list",
        "expected `,` or `}`",
        "expected `,` or `]`",
        "expected `:`",
        "key must be a string",
        "trailing comma",
    ]
    .iter()
    .any(|p| m.starts_with(p))
}

/// `true`: the serde default of the input switches that are on unless turned off.
pub(crate) fn yes() -> bool {
    true
}

/// Appends one escaped reference token.
pub(crate) fn push_token(out: &mut String, key: &str) {
    out.push('/');
    out.push_str(&key.replace('~', "~0").replace('/', "~1"));
}

fn classify(e: &serde_json::Error, mut path: String, scope_of: &impl Fn(&str) -> Scope) -> Error {
    use serde_json::error::Category;
    let full = e.to_string();
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            return Error::new(Scope::Json, ErrorKind::Syntax, path, lower_first(&full));
        }
        Category::Data => {}
    }
    // Data errors carry " at line L column C" — the path says it better.
    let msg = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    let (kind, message, help) = if let Some(rest) = msg.strip_prefix('[') {
        match rest.split_once("] ") {
            Some((tag, m)) => (
                ErrorKind::from_tag(tag).unwrap_or(ErrorKind::BadValue),
                m.to_string(),
                None,
            ),
            None => (ErrorKind::BadValue, msg.to_string(), None),
        }
    } else if msg.starts_with("unknown field") {
        let (m, expected) = split_expected(msg);
        (
            ErrorKind::UnknownField,
            m,
            expected.map(|x| format!("expected one of {x}")),
        )
    } else if msg.starts_with("missing field") {
        (ErrorKind::MissingField, msg.to_string(), None)
    } else if msg.starts_with("duplicate field") {
        (
            ErrorKind::DuplicateKey,
            msg.replace("duplicate field", "duplicate key"),
            None,
        )
    } else if msg.starts_with("invalid type") {
        (ErrorKind::WrongType, humanize(msg), None)
    } else if msg.starts_with("unknown variant") {
        let (m, expected) = split_expected(msg);
        (
            ErrorKind::BadValue,
            m.replace("unknown variant", "unknown value"),
            expected.map(|x| format!("expected one of {x}")),
        )
    } else {
        (ErrorKind::BadValue, humanize(msg), None)
    };
    // Errors about a key name point at that key.
    let about_a_key = matches!(
        kind,
        ErrorKind::UnknownField | ErrorKind::MissingField | ErrorKind::DuplicateKey
    );
    if about_a_key && let Some(name) = backticked(&message) {
        let mut token = String::new();
        push_token(&mut token, name);
        path.push_str(&token);
    }
    let mut err = Error::new(scope_of(&path), kind, path, message);
    err.help = help;
    err
}

fn split_expected(msg: &str) -> (String, Option<String>) {
    match msg.split_once(", expected ") {
        Some((m, x)) => (m.to_string(), Some(x.trim_start_matches("one of ").to_string())),
        None => (msg.to_string(), None),
    }
}

fn backticked(msg: &str) -> Option<&str> {
    let start = msg.find('`')? + 1;
    let len = msg.get(start..)?.find('`')?;
    msg.get(start..start + len)
}

/// Replaces Rust type names in serde's messages with JSON words.
fn humanize(msg: &str) -> String {
    let mut m = msg.to_string();
    for (rust, json) in [
        ("expected i64", "expected an integer"),
        ("expected u64", "expected a non-negative integer"),
        ("expected u32", "expected a non-negative integer"),
        ("expected i32", "expected an integer"),
        ("expected u16", "expected a non-negative integer"),
        ("expected u8", "expected a non-negative integer"),
        ("expected usize", "expected a non-negative integer"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
        ("expected a boolean", "expected true or false"),
    ] {
        m = m.replace(rust, json);
    }
    if let Some(i) = m.find("expected struct ") {
        m.truncate(i);
        m.push_str("expected an object");
    }
    if let Some(i) = m.find("expected enum ") {
        m.truncate(i);
        m.push_str("expected a string");
    }
    lower_first(&m)
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Builds the message of a custom deserializer error carrying a kind: `[kind] message`.
pub(crate) fn tagged(kind: ErrorKind, message: impl fmt::Display) -> String {
    format!("[{}] {message}", kind.as_str())
}

/// Deserialises a string and converts it without allocating when the JSON text can be borrowed (the usual
/// case: dates, instants, zones and currencies are the most frequent values in an account).
pub(crate) fn from_str_with<'de, D, T>(
    d: D,
    convert: fn(&str) -> Result<T, String>,
    kind: ErrorKind,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct StrVisitor<T> {
        convert: fn(&str) -> Result<T, String>,
        kind: ErrorKind,
    }
    impl<T> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            (self.convert)(v).map_err(|m| E::custom(tagged(self.kind, m)))
        }
    }
    d.deserialize_str(StrVisitor { convert, kind })
}

/// Deserialises an untagged enum (a value several shapes may take) within the parser's own call for that value.
///
/// serde's `untagged` derive buffers the value and tries the variants after the parser has moved on — past the
/// end of the enclosing array or object, so the position of the error no longer says which value it was. Here
/// the value is read whole, `pick` chooses the variant, and a value no variant takes fails while the parser is
/// still at it.
pub(crate) fn untagged<'de, D, T>(
    d: D,
    name: &'static str,
    pick: fn(serde_json::Value) -> Option<T>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    use serde::de::{Error as _, SeqAccess};
    use serde_json::Value;
    struct Shapes<T> {
        name: &'static str,
        pick: fn(Value) -> Option<T>,
    }
    impl<T> Shapes<T> {
        fn done<E: serde::de::Error>(self, v: Value) -> Result<T, E> {
            (self.pick)(v).ok_or_else(|| no_variant(self.name))
        }
    }
    fn no_variant<E: serde::de::Error>(name: &str) -> E {
        E::custom(format_args!("data did not match any variant of untagged enum {name}"))
    }
    impl<'de, T> Visitor<'de> for Shapes<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "untagged enum {}", self.name)
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<T, E> {
            self.done(Value::Bool(v))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
            self.done(Value::from(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
            self.done(Value::from(v))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
            self.done(Value::from(v))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            self.done(Value::from(v))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<T, E> {
            self.done(Value::Null)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
            let mut items = Vec::new();
            while let Some(v) = seq.next_element::<Value>()? {
                items.push(v);
            }
            self.done(Value::Array(items))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut members = serde_json::Map::new();
            let mut repeated = false;
            while let Some((k, v)) = map.next_entry::<String, Value>()? {
                // Read on to the end (so the error is at this value), but a repeated key matches nothing.
                repeated |= members.insert(k, v).is_some();
            }
            if repeated {
                return Err(A::Error::custom(format_args!(
                    "data did not match any variant of untagged enum {}",
                    self.name
                )));
            }
            self.done(Value::Object(members))
        }
    }
    d.deserialize_any(Shapes { name, pick })
}

/// An object with free-form keys whose duplicate keys are an error (serde_json would keep the last).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(inline))]
#[serde(transparent)]
pub struct UniqueMap<V>(pub BTreeMap<String, V>);

impl<V> Default for UniqueMap<V> {
    fn default() -> Self {
        UniqueMap(BTreeMap::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = UniqueMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(tagged(
                            ErrorKind::DuplicateKey,
                            format_args!("duplicate key `{key}`"),
                        )));
                    }
                    let value = map.next_value()?;
                    out.insert(key, value);
                }
                Ok(UniqueMap(out))
            }
        }
        d.deserialize_map(V2(std::marker::PhantomData))
    }
}

/// The success envelope `{"ok": …, "warnings": […]}` (warnings only when there are any).
#[derive(Serialize)]
struct OkEnvelope<'a, T: Serialize> {
    ok: &'a T,
    #[serde(skip_serializing_if = "<[Problem]>::is_empty")]
    warnings: &'a [Problem],
}

/// What went wrong, in the error envelope.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorBody<'a> {
    /// Stable code `<scope>.<kind>`, e.g. `account.missing_field`.
    code: String,
    /// For people: lower-case, no final period, the offending value in backticks.
    message: &'a str,
    /// JSON Pointer (RFC 6901) of the value at fault, `""` for the whole document.
    path: &'a str,
    /// How to fix it, when there is a usual fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    /// Every problem found, when there are several (a policy with many mistakes).
    #[serde(skip_serializing_if = "<[Problem]>::is_empty")]
    problems: &'a [Problem],
}

/// The error envelope `{"error": {code, message, path, help?, problems?}}` every operation answers on failure.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorEnvelope<'a> {
    /// What went wrong.
    error: ErrorBody<'a>,
}

thread_local! {
    /// Set only while [`ok_envelope`] serialises a second time to find an out-of-range amount.
    static MARK_OUT_OF_RANGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What an out-of-range amount serialises as while [`marking_out_of_range`] (instead of failing), and how that
/// string reads in JSON text.
pub const OUT_OF_RANGE_MARK: &str = "\u{0}out_of_range";
const OUT_OF_RANGE_MARK_JSON: &str = "\"\\u0000out_of_range\"";

/// Whether amounts out of range are being written as [`OUT_OF_RANGE_MARK`]: true only on the rare path where
/// serialising an answer failed on one, while the envelope writer looks for which output field holds it.
pub fn marking_out_of_range() -> bool {
    MARK_OUT_OF_RANGE.with(std::cell::Cell::get)
}

/// Serialises a success envelope. Never fails: a serialisation bug becomes an `internal.bug` envelope.
///
/// An amount above 2^53−1 that escaped every check upstream refuses to serialise (see
/// [`crate::money::Amount`]); it becomes `account.out_of_range` naming the output field, not a wrong number.
pub fn ok_envelope<T: Serialize>(value: &T, warnings: &[Problem]) -> String {
    serde_json::to_string(&OkEnvelope { ok: value, warnings }).unwrap_or_else(|e| {
        let message = e.to_string();
        if !message.starts_with(OUT_OF_RANGE_TAG) {
            return error_envelope(&Error::internal(format!("cannot serialise output: {message}")));
        }
        // Only on this rare path: serialise again with each out-of-range amount written as a marker, and
        // name the field where the first marker sits.
        MARK_OUT_OF_RANGE.with(|m| m.set(true));
        let marked = serde_json::to_string(value).unwrap_or_default();
        MARK_OUT_OF_RANGE.with(|m| m.set(false));
        let at = marked
            .find(OUT_OF_RANGE_MARK_JSON)
            .map(|i| at::pointer_at(&marked, i, false))
            .unwrap_or_default();
        error_envelope(&Error::new(
            Scope::Account,
            ErrorKind::OutOfRange,
            "",
            format!(
                "a computed amount (`{at}`) would pass 2^53-1 minor units: the account's amounts are too large to compute exactly"
            ),
        ))
    })
}

/// Serialises an error envelope. Never fails.
pub fn error_envelope(e: &Error) -> String {
    let body = ErrorBody {
        code: e.code(),
        message: &e.message,
        path: &e.path,
        help: e.help.as_deref(),
        problems: &e.problems,
    };
    serde_json::to_string(&ErrorEnvelope { error: body }).unwrap_or_else(|_| {
        r#"{"error":{"code":"internal.bug","message":"cannot serialise error","path":""}}"#.to_string()
    })
}

/// Serialises `Ok(v)` or `Err(e)` as an envelope.
pub fn envelope<T: Serialize>(result: &Result<T, Error>, warnings: &[Problem]) -> String {
    match result {
        Ok(v) => ok_envelope(v, warnings),
        Err(e) => error_envelope(e),
    }
}

/// A JSON Pointer reference token: `~` → `~0`, `/` → `~1`.
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: i64,
        #[serde(default)]
        tags: UniqueMap<i64>,
    }
    #[derive(Debug, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }

    fn err(text: &str) -> Error {
        match parse::<Outer>(text, |_| Scope::Account) {
            Ok(v) => unreachable!("parsed {v:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn paths_are_json_pointers() {
        let e = err(r#"{"items":[{"n":1},{"n":"x"}]}"#);
        assert_eq!(
            (e.code().as_str(), e.path.as_str()),
            ("account.wrong_type", "/items/1/n")
        );
        assert_eq!(e.message, "invalid type: string \"x\", expected an integer");
    }

    #[test]
    fn unknown_missing_and_duplicate_fields_point_at_the_key() {
        let e = err(r#"{"items":[{"n":1,"nn":2}]}"#);
        assert_eq!(
            (e.code().as_str(), e.path.as_str()),
            ("account.unknown_field", "/items/0/nn")
        );
        let e = err(r#"{"items":[{}]}"#);
        assert_eq!(
            (e.code().as_str(), e.path.as_str()),
            ("account.missing_field", "/items/0/n")
        );
        let e = err(r#"{"items":[{"n":1,"n":2}]}"#);
        assert_eq!(
            (e.code().as_str(), e.path.as_str()),
            ("account.duplicate_key", "/items/0/n")
        );
        let e = err(r#"{"items":[{"n":1,"tags":{"a":1,"a":2}}]}"#);
        assert_eq!(e.code(), "account.duplicate_key");
        assert!(e.path.starts_with("/items/0/tags"), "{}", e.path);
    }

    #[test]
    fn syntax_errors_keep_line_and_column() {
        let e = err("{\"items\": [\n  {\"n\": 1,}\n]}");
        assert_eq!(e.code(), "json.syntax");
        assert!(e.message.contains("line 2"), "{}", e.message);
        let e = err(r#"{"items":[]} trailing"#);
        assert_eq!(e.code(), "json.syntax");
    }

    #[test]
    fn error_envelope_shape() {
        let e = Error::new(Scope::Call, ErrorKind::BadInstant, "/as_of", "bad");
        assert_eq!(
            error_envelope(&e),
            r#"{"error":{"code":"call.bad_instant","message":"bad","path":"/as_of"}}"#
        );
    }

    #[test]
    fn an_out_of_range_amount_in_the_output_is_named_by_its_path() {
        use crate::money::Amount;
        #[derive(Serialize)]
        struct Line {
            amount: Amount,
        }
        #[derive(Serialize)]
        struct Out {
            lines: Vec<Line>,
        }
        let out = Out {
            lines: vec![Line { amount: Amount(1) }, Line { amount: Amount(-5) }],
        };
        let envelope = ok_envelope(&out, &[]);
        assert!(envelope.contains(r#""code":"account.out_of_range""#), "{envelope}");
        assert!(
            envelope.contains("a computed amount (`/lines/1/amount`) would pass"),
            "{envelope}"
        );
        // The marker is written only on that path: the next serialisation fails again.
        assert!(serde_json::to_string(&out).is_err());
    }
}
