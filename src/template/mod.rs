//! Message templates: MiniJinja in a sandbox, with filters written here so every host formats money and
//! dates the same way, and a compliance lint.
//!
//! The sandbox: no loader (templates cannot read anything), a fuel budget per render (loops and macro calls
//! burn it), a recursion limit, and an output cap enforced by the writer, so a hostile template stops with a
//! `call.template` error instead of hanging or exhausting memory. Templates whose name ends in `.html` are
//! HTML-escaped automatically, so borrower-supplied data cannot inject markup.

pub mod context;
pub mod filters;
pub mod library;
pub mod lint;
pub mod sms;
pub mod tone;

use crate::error::{Error, ErrorKind, Scope};
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;
use std::io;

/// Resource limits of one render.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Instructions the template VM may execute.
    pub fuel: u64,
    /// Nesting depth of macro calls and includes.
    pub recursion: usize,
    /// Largest output in bytes.
    pub output_bytes: usize,
    /// Largest template source in bytes.
    pub source_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            fuel: 200_000,
            recursion: 32,
            output_bytes: 64 * 1024,
            source_bytes: 64 * 1024,
        }
    }
}

/// A writer that fails once more than `cap` bytes were written.
struct Capped {
    out: Vec<u8>,
    cap: usize,
}

impl io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.out.len() + buf.len() > self.cap {
            return Err(io::Error::other("output cap"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Where a template error happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TemplateProblem {
    /// Template name.
    pub template: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

/// A sandboxed environment with Dunwell's filters.
pub fn environment(limits: Limits) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(limits.fuel));
    env.set_recursion_limit(limits.recursion);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    filters::register(&mut env);
    env
}

/// The `call.template` error for template `name` at `line`.
pub(crate) fn failure(name: &str, line: Option<usize>, message: String) -> Error {
    let at = line.map(|l| format!(" line {l}")).unwrap_or_default();
    Error::new(
        Scope::Call,
        ErrorKind::Template,
        "",
        format!("template `{name}`{at}: {message}"),
    )
}

/// Renders a compiled template into a writer capped at the output limit, adding the fuel it burnt to `used`
/// (all of it when it ran out), so a caller that renders many messages can bound their total cost.
pub(crate) fn render_capped(
    tmpl: &minijinja::Template<'_, '_>,
    vars: Value,
    limits: Limits,
    used: &mut u64,
) -> Result<String, (Option<usize>, String)> {
    let mut w = Capped {
        out: Vec::new(),
        cap: limits.output_bytes,
    };
    let captured = tmpl.render_captured_to(vars, &mut w).map_err(|e| {
        if e.kind() == minijinja::ErrorKind::OutOfFuel {
            *used = used.saturating_add(limits.fuel);
        }
        // Show where it was undefined: the failing line as written in the template (`Dear {{ borrower.nmae }}`),
        // so an author sees the typo, not only "undefined value". (The exact span needs MiniJinja's `debug`
        // feature, which would grow the module.)
        let what = (e.kind() == minijinja::ErrorKind::UndefinedError && e.name() == Some(tmpl.name()))
            .then(|| e.line().and_then(|l| tmpl.source().lines().nth(l.saturating_sub(1))))
            .flatten()
            .map(|line| {
                let line: String = line.trim().chars().take(160).collect();
                format!(" in `{line}`")
            })
            .unwrap_or_default();
        (e.line(), format!("{}{what}", describe(&e, limits)))
    })?;
    if let Some((burnt, _)) = captured.state().fuel_levels() {
        *used = used.saturating_add(burnt);
    }
    drop(captured);
    String::from_utf8(w.out).map_err(|_| (None, "output is not UTF-8".into()))
}

/// Renders `source` (named `name`, which decides escaping) with `ctx` under `limits`.
///
/// # Errors
/// `call.template` naming the template, the line and the cause: syntax, undefined variable, out of fuel,
/// recursion, output or source too large.
pub fn render(name: &str, source: &str, ctx: &impl Serialize, limits: Limits) -> Result<String, Error> {
    if source.len() > limits.source_bytes {
        return Err(failure(
            name,
            None,
            format!(
                "source of {} bytes exceeds the {} byte limit",
                source.len(),
                limits.source_bytes
            ),
        ));
    }
    let env = environment(limits);
    let tmpl = env
        .template_from_named_str(name, source)
        .map_err(|e| failure(name, e.line(), describe(&e, limits)))?;
    render_capped(&tmpl, Value::from(minijinja::value::Serde(ctx)), limits, &mut 0)
        .map_err(|(line, message)| failure(name, line, message))
}

pub(crate) fn describe(e: &minijinja::Error, limits: Limits) -> String {
    use minijinja::ErrorKind as K;
    match e.kind() {
        K::OutOfFuel => format!("ran out of fuel ({} steps): too much looping or recursion", limits.fuel),
        K::WriteFailure => format!("output exceeds {} bytes", limits.output_bytes),
        _ => {
            let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
            format!("{}{detail}", e.kind())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn r(src: &str, ctx: serde_json::Value) -> Result<String, String> {
        render("t.txt", src, &ctx, Limits::default()).map_err(|e| e.message)
    }

    #[test]
    fn renders_and_reports_line_numbers() {
        assert_eq!(r("Hello {{ name }}", json!({"name": "Ann"})), Ok("Hello Ann".into()));
        let e = r("line one\n{{ nope }}", json!({})).unwrap_err();
        assert!(e.starts_with("template `t.txt` line 2:"), "{e}");
        // The undefined expression is named as written.
        let e = r("Dear {{ borrower.nmae | upper }}", json!({"borrower": {"name": "Ann"}})).unwrap_err();
        assert!(e.contains("borrower.nmae"), "{e}");
        let e = r("{% if %}", json!({})).unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn hostile_templates_stop_within_budget() {
        // Endless-ish loop: fuel.
        let e = r(
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            json!({}),
        )
        .unwrap_err();
        assert!(e.contains("fuel"), "{e}");
        // Unbounded recursion through a macro.
        let e = r("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", json!({})).unwrap_err();
        assert!(e.contains("recursion") || e.contains("fuel"), "{e}");
        // Exponential output.
        let e = r(
            "{% set s = 'xxxxxxxxxx' %}{% for i in range(20) %}{{ s * 10000 }}{% endfor %}",
            json!({}),
        )
        .unwrap_err();
        assert!(e.contains("exceeds") || e.contains("fuel"), "{e}");
        // Huge literal source.
        let huge = "a".repeat(70 * 1024);
        assert!(r(&huge, json!({})).unwrap_err().contains("byte limit"));
    }

    #[test]
    fn html_templates_escape_borrower_data() {
        let out = render(
            "m.html",
            "<p>{{ name }}</p>",
            &json!({"name": "<script>x</script>"}),
            Limits::default(),
        );
        assert_eq!(out.ok().as_deref(), Some("<p>&lt;script&gt;x&lt;&#x2f;script&gt;</p>"));
        let out = render("m.txt", "{{ name }}", &json!({"name": "<b>"}), Limits::default());
        assert_eq!(out.ok().as_deref(), Some("<b>"));
    }
}
