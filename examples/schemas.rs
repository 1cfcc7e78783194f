//! Writes the JSON Schemas (draft 2020-12) of every document the module reads and writes, generated from the
//! Rust types (their serde attributes and doc comments), into `schemas/`:
//!
//! - `<name>.schema.json`: one self-contained schema per document (inputs as they are read, outputs as they
//!   are written), for editors, validators and the npm and Python packages;
//! - `components.json`: all of them as OpenAPI 3.1 components (`#/components/schemas/…`), which the host
//!   merges into `/openapi.json`.
//!
//! `cargo run --example schemas --features schema -- schemas` writes them; `-- --check schemas` fails when
//! a committed file differs from what the types say (the test command runs that).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dunwell::{account, api, decision, experiment, json, kpi, learn, ops, policy, queue, reply, score};
use schemars::SchemaGenerator;
use schemars::generate::{Contract, SchemaSettings};
use serde_json::{Map, Value, json};
use std::path::PathBuf;

/// Whether a document is read (input) or written (output): serde's defaults make the two differ.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    In,
    Out,
}

/// One document: its file name, its component name and how to make its schema.
struct Doc {
    name: &'static str,
    component: &'static str,
    way: Way,
    root: fn(&mut SchemaGenerator) -> schemars::Schema,
}

macro_rules! doc {
    ($name:literal, $component:literal, $way:ident, $t:ty) => {
        Doc {
            name: $name,
            component: $component,
            way: Way::$way,
            root: |g| g.subschema_for::<$t>(),
        }
    };
}

fn docs() -> Vec<Doc> {
    vec![
        doc!("account", "Account", In, account::Account),
        doc!("policy", "Policy", In, policy::Policy),
        doc!("decide-call", "DecideCall", In, decision::DecideCall),
        doc!("decision", "Decision", Out, decision::Decision),
        doc!("offers", "OfferSheet", Out, ops::offers::OfferSheet),
        doc!("render-call", "RenderCall", In, ops::render::RenderCall),
        doc!("rendered", "Rendered", Out, ops::render::Rendered),
        doc!("reply-call", "ReplyCall", In, reply::ReplyCall),
        doc!("reply", "Analysis", Out, reply::Analysis),
        doc!("lint-call", "LintCall", In, api::LintCall),
        doc!("lint", "LintReport", Out, ops::sweep::Report),
        doc!("evidence", "EvidencePack", Out, ops::evidence::EvidencePack),
        doc!("fit-call", "FitCall", In, score::fit::FitCall),
        doc!("fit", "Fitted", Out, score::fit::Fitted),
        doc!("kpi-call", "KpiCall", In, kpi::KpiCall),
        doc!("kpi", "Kpis", Out, kpi::Kpis),
        doc!("queue-call", "QueueCall", In, queue::QueueCall),
        doc!("queue", "Queue", Out, queue::Queue),
        doc!("learn-call", "LearnCall", In, learn::LearnCall),
        doc!("learn", "Learned", Out, learn::Learned),
        doc!(
            "experiment-report-call",
            "ExperimentReportCall",
            In,
            experiment::ReportCall
        ),
        doc!("experiment-report", "ExperimentReport", Out, experiment::Report),
        doc!("error", "ErrorEnvelope", Out, json::ErrorEnvelope<'static>),
        doc!("problem", "Problem", Out, dunwell::error::Problem),
        doc!(
            "message-context",
            "MessageContext",
            Out,
            dunwell::template::context::MessageContext
        ),
    ]
}

fn settings(way: Way, definitions: &'static str) -> SchemaSettings {
    SchemaSettings::draft2020_12().with(move |s| {
        s.contract = if way == Way::In {
            Contract::Deserialize
        } else {
            Contract::Serialize
        };
        s.definitions_path = definitions.into();
    })
}

/// One self-contained schema per document.
fn standalone(d: &Doc) -> Value {
    let mut g = settings(d.way, "/$defs").into_generator();
    let root = (d.root)(&mut g);
    let defs = g.take_definitions(true);
    let mut v = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("https://dunwell.dev/schemas/{}.schema.json", d.name),
        "title": d.component,
    });
    let obj = v.as_object_mut().unwrap();
    // The root is a `$ref` to its own definition: inline that definition, keep the rest under `$defs`.
    let mut defs: Map<String, Value> = defs.into_iter().collect();
    let body = match root.as_value().get("$ref").and_then(Value::as_str) {
        Some(r) => defs
            .remove(r.trim_start_matches("#/$defs/"))
            .unwrap_or_else(|| root.to_value()),
        None => root.to_value(),
    };
    for (k, val) in body.as_object().cloned().unwrap_or_default() {
        if k != "$schema" && k != "title" {
            obj.insert(k, val);
        }
    }
    if !defs.is_empty() {
        obj.insert("$defs".into(), Value::Object(defs));
    }
    v
}

/// Every document as OpenAPI components. A type read and written with different schemas (serde defaults
/// make a field optional when read, always present when written) gets an `…Output` twin for the written form.
fn components() -> Value {
    let prefix = "#/components/schemas/";
    let mut all: Map<String, Value> = Map::new();
    for way in [Way::In, Way::Out] {
        let mut g = settings(way, "/components/schemas").into_generator();
        let mut roots = Vec::new();
        for d in docs().iter().filter(|d| d.way == way) {
            roots.push((d.component, (d.root)(&mut g).to_value()));
        }
        let mut defs: Map<String, Value> = g.take_definitions(true).into_iter().collect();
        for (component, root) in roots {
            match root.get("$ref").and_then(Value::as_str) {
                // A document's component is its type's schema name (`#[schemars(rename)]` where Rust's differs).
                Some(r) => assert_eq!(
                    r.trim_start_matches(prefix),
                    component,
                    "rename the type's schema to its component"
                ),
                None => {
                    defs.insert(component.to_string(), root);
                }
            }
        }
        if way == Way::In {
            all = defs;
            continue;
        }
        // Output definitions that clash with a different input definition are renamed `…Output`.
        let clashes: Vec<String> = defs
            .iter()
            .filter(|(k, v)| all.get(*k).is_some_and(|w| w != *v))
            .map(|(k, _)| k.clone())
            .collect();
        let mut text = serde_json::to_string(&defs).unwrap();
        for k in &clashes {
            text = text.replace(&format!("\"{prefix}{k}\""), &format!("\"{prefix}{k}Output\""));
        }
        let renamed: Map<String, Value> = serde_json::from_str(&text).unwrap();
        for (k, v) in renamed {
            let key = if clashes.contains(&k) { format!("{k}Output") } else { k };
            all.insert(key, v);
        }
    }
    json!({ "schemas": all })
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    args.retain(|a| a != "--check");
    let dir = PathBuf::from(args.first().map_or("schemas", String::as_str));
    let mut files: Vec<(String, Value)> = docs()
        .iter()
        .map(|d| (format!("{}.schema.json", d.name), standalone(d)))
        .collect();
    files.push(("components.json".into(), components()));
    let mut stale = Vec::new();
    for (file, value) in files {
        let text = serde_json::to_string_pretty(&value).unwrap() + "\n";
        let path = dir.join(&file);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(file);
            }
        } else {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, text).unwrap();
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "schemas: {} differ from the Rust types: {}\nregenerate with `cargo run --example schemas --features schema -- {}`",
            stale.len(),
            stale.join(", "),
            dir.display()
        );
        std::process::exit(1);
    }
}
