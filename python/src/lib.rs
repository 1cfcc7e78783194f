//! `dunwell._dunwell`: the native half of the `dunwell` Python package.
//!
//! It embeds the very `.wasm` file the CLI, the HTTP service, Node and the browser run (`pkg/dist/dunwell_bg.wasm`,
//! copied in at compile time) and runs it with the host crate's wasmtime [`Runtime`]. Every loop over accounts
//! lives here, with the GIL released: Python hands over a list of account documents and gets a list of
//! envelopes (or ready-made columns) back, so a Spark or Ray worker pays the interpreter once per batch, not
//! once per row. The friendly API (dicts, pandas, pyarrow, `DunwellError`) is in `dunwell/__init__.py`.

use dunwell_host::{Limits, Runtime, Session, SessionError};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use serde::Deserialize;
use std::sync::{Mutex, OnceLock};

/// The module, byte for byte the file `scripts/build-wasm.sh` writes (build that first).
static MODULE: &[u8] = include_bytes!("../../pkg/dist/dunwell_bg.wasm");

/// Accounts per `decide_batch` call, as the CLI's batch runner sends them.
const CHUNK: usize = dunwell_host::batch::CHUNK;

create_exception!(
    _dunwell,
    DunwellError,
    PyException,
    "An error from the Dunwell module: `code` (stable, e.g. `account.out_of_range`), `path` (a JSON Pointer \
     into the document that is wrong) and `message`."
);

/// One compiled module per process, shared by every engine.
fn runtime() -> PyResult<&'static Runtime> {
    static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| load().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(format!("the embedded Dunwell module does not load: {e}")))
}

/// Loads the embedded module. Compiling it with Cranelift takes seconds, once per process (every Spark or Ray
/// worker): the compiled code is kept in the host's compiled-module cache (`dunwell_host::cache`, the one the
/// CLI uses: `$DUNWELL_CACHE_DIR`, set but empty for none, else `$XDG_CACHE_HOME/dunwell`, else
/// `~/.cache/dunwell`), and later processes load it in milliseconds. A damaged or foreign cached file is
/// ignored and replaced; the cache is never required.
fn load() -> anyhow::Result<Runtime> {
    Runtime::from_bytes_cached(MODULE, Limits::default(), dunwell_host::cache::default_dir().as_deref())
}

/// Builds a `DunwellError` from an error envelope (`{"error": {code, path, message, …}}`).
fn error_from_envelope(py: Python<'_>, envelope: &str) -> PyErr {
    #[derive(Deserialize, Default)]
    struct Body {
        #[serde(default)]
        code: String,
        #[serde(default)]
        path: String,
        #[serde(default)]
        message: String,
    }
    #[derive(Deserialize)]
    struct Env {
        error: Body,
    }
    let body = serde_json::from_str::<Env>(envelope)
        .map(|e| e.error)
        .unwrap_or_else(|_| Body {
            code: "host.bad_answer".into(),
            path: String::new(),
            message: format!("the module answered something that is not an error envelope: {envelope}"),
        });
    dunwell_error(py, &body.code, &body.path, &body.message, envelope)
}

fn dunwell_error(py: Python<'_>, code: &str, path: &str, message: &str, envelope: &str) -> PyErr {
    let text = if path.is_empty() {
        format!("{code}: {message}")
    } else {
        format!("{code} at {path}: {message}")
    };
    let err = DunwellError::new_err(text);
    let value = err.value(py);
    for (k, v) in [
        ("code", code),
        ("path", path),
        ("message", message),
        ("envelope", envelope),
    ] {
        if let Err(e) = value.setattr(k, v) {
            return e;
        }
    }
    err
}

/// sha256 of the embedded module: the same hex the CLI prints and stamps on every decision.
#[pyfunction]
fn module_sha256() -> PyResult<String> {
    Ok(runtime()?.module_sha256().to_string())
}

/// What the module says about itself: `{"version", "abi_version", "tzdb_version", "ops"}` as JSON.
#[pyfunction]
fn module_info() -> PyResult<String> {
    let info = runtime()?.info();
    Ok(serde_json::json!({
        "version": info.version,
        "abi_version": info.abi_version,
        "tzdb_version": info.tzdb_version,
        "ops": info.ops,
    })
    .to_string())
}

/// The JSON Schemas (draft 2020-12) of the documents the module reads and writes, generated from the core's
/// Rust types into `schemas/` (`cargo run --example schemas --features schema`): name → text.
const SCHEMAS: &[(&str, &str)] = &[
    ("account", include_str!("../../schemas/account.schema.json")),
    ("decide-call", include_str!("../../schemas/decide-call.schema.json")),
    ("decision", include_str!("../../schemas/decision.schema.json")),
    ("error", include_str!("../../schemas/error.schema.json")),
    ("evidence", include_str!("../../schemas/evidence.schema.json")),
    (
        "experiment-report",
        include_str!("../../schemas/experiment-report.schema.json"),
    ),
    (
        "experiment-report-call",
        include_str!("../../schemas/experiment-report-call.schema.json"),
    ),
    ("fit", include_str!("../../schemas/fit.schema.json")),
    ("fit-call", include_str!("../../schemas/fit-call.schema.json")),
    ("kpi", include_str!("../../schemas/kpi.schema.json")),
    ("kpi-call", include_str!("../../schemas/kpi-call.schema.json")),
    ("learn", include_str!("../../schemas/learn.schema.json")),
    ("learn-call", include_str!("../../schemas/learn-call.schema.json")),
    ("lint", include_str!("../../schemas/lint.schema.json")),
    ("lint-call", include_str!("../../schemas/lint-call.schema.json")),
    (
        "message-context",
        include_str!("../../schemas/message-context.schema.json"),
    ),
    ("offers", include_str!("../../schemas/offers.schema.json")),
    ("policy", include_str!("../../schemas/policy.schema.json")),
    ("problem", include_str!("../../schemas/problem.schema.json")),
    ("queue", include_str!("../../schemas/queue.schema.json")),
    ("queue-call", include_str!("../../schemas/queue-call.schema.json")),
    ("render-call", include_str!("../../schemas/render-call.schema.json")),
    ("rendered", include_str!("../../schemas/rendered.schema.json")),
    ("reply", include_str!("../../schemas/reply.schema.json")),
    ("reply-call", include_str!("../../schemas/reply-call.schema.json")),
];

/// The names of the shipped JSON Schemas.
#[pyfunction]
fn schema_names() -> Vec<&'static str> {
    SCHEMAS.iter().map(|(n, _)| *n).collect()
}

/// One JSON Schema's text by name (`account`, `policy`, `decision`, …).
#[pyfunction]
fn schema_text(name: &str) -> PyResult<&'static str> {
    SCHEMAS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            pyo3::exceptions::PyKeyError::new_err(format!(
                "no schema `{name}`; schemas are {}",
                schema_names().join(", ")
            ))
        })
}

/// Size of the embedded module in bytes.
#[pyfunction]
fn module_size() -> usize {
    MODULE.len()
}

/// A policy loaded into one module instance. Calls on one engine are serialised; make one engine per thread
/// (or per Spark/Ray worker) for parallelism. Every call releases the GIL while the module runs.
#[pyclass(module = "dunwell._dunwell", frozen)]
struct Engine {
    session: Mutex<Session>,
    policy_sha256: String,
    warnings: String,
}

/// The columns `decide_columns` answers, one entry per account.
#[derive(Default)]
struct Columns {
    account_id: Vec<Option<String>>,
    dpd: Vec<Option<i64>>,
    bucket: Vec<Option<String>>,
    score: Vec<Option<i64>>,
    band: Vec<Option<String>>,
    next_channel: Vec<Option<String>>,
    next_at: Vec<Option<String>>,
    decision: Vec<String>,
    error_code: Vec<Option<String>>,
    error_path: Vec<Option<String>>,
    error_message: Vec<Option<String>>,
}

type ColumnsTuple = (
    Vec<Option<String>>,
    Vec<Option<i64>>,
    Vec<Option<String>>,
    Vec<Option<i64>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<String>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
);

impl Columns {
    fn push(&mut self, envelope: String) {
        #[derive(Deserialize)]
        struct Score {
            points: Option<i64>,
            band: Option<String>,
        }
        #[derive(Deserialize)]
        struct Action {
            channel: Option<String>,
            at: Option<String>,
        }
        #[derive(Deserialize)]
        struct Decision {
            account_id: Option<String>,
            dpd: Option<i64>,
            bucket: Option<String>,
            score: Option<Score>,
            #[serde(default)]
            actions: Vec<Action>,
        }
        #[derive(Deserialize)]
        struct Error {
            code: Option<String>,
            path: Option<String>,
            message: Option<String>,
        }
        #[derive(Deserialize)]
        struct Env {
            ok: Option<Decision>,
            error: Option<Error>,
        }
        let env = serde_json::from_str::<Env>(&envelope).unwrap_or(Env {
            ok: None,
            error: Some(Error {
                code: Some("host.bad_answer".into()),
                path: Some(String::new()),
                message: Some("the module's answer is not an envelope".into()),
            }),
        });
        let d = env.ok;
        let score = d.as_ref().and_then(|d| d.score.as_ref());
        let next = d.as_ref().and_then(|d| d.actions.first());
        self.account_id.push(d.as_ref().and_then(|d| d.account_id.clone()));
        self.dpd.push(d.as_ref().and_then(|d| d.dpd));
        self.bucket.push(d.as_ref().and_then(|d| d.bucket.clone()));
        self.score.push(score.and_then(|s| s.points));
        self.band.push(score.and_then(|s| s.band.clone()));
        self.next_channel.push(next.and_then(|a| a.channel.clone()));
        self.next_at.push(next.and_then(|a| a.at.clone()));
        let e = env.error;
        self.error_code.push(e.as_ref().and_then(|e| e.code.clone()));
        self.error_path.push(e.as_ref().and_then(|e| e.path.clone()));
        self.error_message.push(e.as_ref().and_then(|e| e.message.clone()));
        self.decision.push(envelope);
    }

    fn into_tuple(self) -> ColumnsTuple {
        (
            self.account_id,
            self.dpd,
            self.bucket,
            self.score,
            self.band,
            self.next_channel,
            self.next_at,
            self.decision,
            self.error_code,
            self.error_path,
            self.error_message,
        )
    }
}

/// A batch line for one account document. The batch op reads one account per line and skips blank lines, so
/// a document that spans lines is joined (whitespace outside strings becomes a space; a raw line break inside
/// a string, invalid JSON either way, stays a control character so it is still reported) and a blank one
/// becomes `null`, which the module rejects for that row: nothing shifts, nothing is dropped.
fn one_line(doc: &str) -> std::borrow::Cow<'_, str> {
    if doc.trim().is_empty() {
        return "null".into();
    }
    if !doc.contains(['\n', '\r']) {
        return doc.into();
    }
    let (mut in_string, mut escaped) = (false, false);
    doc.chars()
        .map(|c| {
            let out = match c {
                '\n' | '\r' if in_string => '\u{1}',
                '\n' | '\r' => ' ',
                other => other,
            };
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
            } else if c == '"' {
                in_string = true;
            }
            out
        })
        .collect::<String>()
        .into()
}

impl Engine {
    /// Runs `f` on the session with the GIL released (the module may run for a while; other Python threads
    /// go on meanwhile).
    fn with_session<T: Send>(&self, py: Python<'_>, f: impl FnOnce(&mut Session) -> T + Send) -> PyResult<T> {
        py.detach(|| self.session.lock().map(|mut s| f(&mut s)).map_err(|_| ()))
            .map_err(|_| PyRuntimeError::new_err("the engine's session was poisoned by an earlier panic"))
    }

    /// The batch header for `as_of`, checked once: a bad `as_of` is one error for the call, not one per row.
    fn header(&self, py: Python<'_>, as_of: &str, messages: bool) -> PyResult<String> {
        let header = if messages {
            serde_json::json!({ "as_of": as_of })
        } else {
            serde_json::json!({ "as_of": as_of, "messages": false })
        }
        .to_string();
        let probe = self.with_session(py, |s| s.call("decide_batch", &header))?;
        if probe.is_empty() {
            Ok(header)
        } else {
            Err(error_from_envelope(py, &probe))
        }
    }

    /// Decides account documents (one per entry) in chunks, as the CLI's batch runner does; `each` gets every
    /// answer in input order. A trap answers once for a whole chunk: that chunk is then decided one account at
    /// a time, so only the account that caused it carries the error.
    fn decide_each(
        &self,
        py: Python<'_>,
        docs: &[String],
        header: &str,
        mut each: impl FnMut(String) + Send,
    ) -> PyResult<()> {
        self.with_session(py, |session| {
            for chunk in docs.chunks(CHUNK) {
                let mut input = String::with_capacity(header.len() + chunk.iter().map(|d| d.len() + 1).sum::<usize>());
                input.push_str(header);
                for doc in chunk {
                    input.push('\n');
                    input.push_str(&one_line(doc));
                }
                let answer = session.call("decide_batch", &input);
                let lines: Vec<&str> = answer.split('\n').collect();
                if lines.len() == chunk.len() {
                    lines.into_iter().for_each(|l| each(l.to_string()));
                } else {
                    for doc in chunk {
                        each(session.call("decide_batch", &format!("{header}\n{}", one_line(doc))));
                    }
                }
            }
        })
    }
}

#[pymethods]
impl Engine {
    /// Loads `policy` (JSON text). Raises `DunwellError` (code `policy.*`, with the path of the first problem)
    /// when it is invalid; the full envelope, every problem, is in the error's `envelope`.
    #[new]
    fn new(py: Python<'_>, policy: &str) -> PyResult<Engine> {
        let rt = runtime()?;
        match py.detach(|| rt.session(policy)) {
            Ok(session) => Ok(Engine {
                policy_sha256: session.policy_sha256().to_string(),
                warnings: serde_json::Value::from(session.warnings().to_vec()).to_string(),
                session: Mutex::new(session),
            }),
            Err(SessionError::Policy(envelope)) => Err(error_from_envelope(py, &envelope)),
            Err(SessionError::Host(e)) => Err(PyRuntimeError::new_err(format!("{e:#}"))),
        }
    }

    /// Canonical sha256 of the policy.
    #[getter]
    fn policy_sha256(&self) -> String {
        self.policy_sha256.clone()
    }

    /// The policy's validation warnings, as a JSON array.
    #[getter]
    fn warnings_json(&self) -> String {
        self.warnings.clone()
    }

    /// Runs any module operation (`decide`, `render`, `reply`, `fit`, …) on JSON text and answers its envelope
    /// text, exactly as the module wrote it. Never raises for bad input: that is an error envelope.
    fn call(&self, py: Python<'_>, op: &str, input: &str) -> PyResult<String> {
        self.with_session(py, |session| session.call(op, input))
    }

    /// Decides account documents (JSON text, one per entry) at `as_of`: one envelope per account, in order,
    /// byte for byte the lines `dunwell decide` writes. Raises `DunwellError` only for a bad `as_of`.
    #[pyo3(signature = (accounts, as_of, messages = true))]
    fn decide_lines(
        &self,
        py: Python<'_>,
        accounts: Vec<String>,
        as_of: &str,
        messages: bool,
    ) -> PyResult<Vec<String>> {
        let header = self.header(py, as_of, messages)?;
        let mut out = Vec::with_capacity(accounts.len());
        self.decide_each(py, &accounts, &header, |e| out.push(e))?;
        Ok(out)
    }

    /// As `decide_lines`, answered as columns: `(account_id, dpd, bucket, score, band, next_channel, next_at,
    /// decision, error_code, error_path, error_message)`, each a list with one entry per account.
    #[pyo3(signature = (accounts, as_of, messages = true))]
    fn decide_columns(
        &self,
        py: Python<'_>,
        accounts: Vec<String>,
        as_of: &str,
        messages: bool,
    ) -> PyResult<ColumnsTuple> {
        let header = self.header(py, as_of, messages)?;
        let mut cols = Columns::default();
        self.decide_each(py, &accounts, &header, |e| cols.push(e))?;
        Ok(cols.into_tuple())
    }
}

/// Account documents from flat CSV-style columns (`id, jurisdiction, currency, principal, …`: the columns
/// `dunwell decide --from csv` reads), built exactly as the CLI builds them. `columns` holds one list of
/// cells per header; a missing cell is `None`.
#[pyfunction]
fn flat_accounts(headers: Vec<String>, columns: Vec<Vec<Option<String>>>) -> PyResult<Vec<String>> {
    if headers.len() != columns.len() {
        return Err(PyValueError::new_err(format!(
            "{} headers but {} columns",
            headers.len(),
            columns.len()
        )));
    }
    let rows = columns.first().map_or(0, Vec::len);
    if let Some((h, c)) = headers.iter().zip(&columns).find(|(_, c)| c.len() != rows) {
        return Err(PyValueError::new_err(format!(
            "column `{h}` has {} cells, the first column {rows}",
            c.len()
        )));
    }
    // The cells as CSV text, read by the module's own CSV reader (the one `dunwell decide --from csv` uses).
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let io = |e: csv::Error| PyValueError::new_err(e.to_string());
    w.write_record(&headers).map_err(io)?;
    for r in 0..rows {
        w.write_record(columns.iter().map(|c| c[r].as_deref().unwrap_or("")))
            .map_err(io)?;
    }
    let text = String::from_utf8(w.into_inner().map_err(|e| PyValueError::new_err(e.to_string()))?)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    static CSV_SESSION: OnceLock<Result<Mutex<Session>, String>> = OnceLock::new();
    let session = CSV_SESSION
        .get_or_init(|| {
            runtime()
                .map_err(|e| e.to_string())
                .and_then(|rt| rt.session("{}").map(Mutex::new).map_err(|e| e.to_string()))
        })
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(e.clone()))?;
    let mut session = session
        .lock()
        .map_err(|_| PyRuntimeError::new_err("the CSV session is poisoned"))?;
    dunwell_host::batch::accounts_from_csv(&mut session, &text).map_err(|e| PyValueError::new_err(format!("{e:#}")))
}

/// The native module of the `dunwell` package.
#[pymodule]
fn _dunwell(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DunwellError", m.py().get_type::<DunwellError>())?;
    m.add_function(wrap_pyfunction!(module_sha256, m)?)?;
    m.add_function(wrap_pyfunction!(module_info, m)?)?;
    m.add_function(wrap_pyfunction!(module_size, m)?)?;
    m.add_function(wrap_pyfunction!(schema_names, m)?)?;
    m.add_function(wrap_pyfunction!(schema_text, m)?)?;
    m.add_function(wrap_pyfunction!(flat_accounts, m)?)?;
    m.add_class::<Engine>()?;
    Ok(())
}
