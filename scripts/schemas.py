#!/usr/bin/env python3
"""Every test vector against the published JSON Schemas (schemas/, generated from the Rust types).

A vector's policy validates against policy.schema.json; its input against the op's call schema when the op
succeeds (a vector that expects an error may hold exactly what the schema forbids); its expected answer
against the op's output schema (`ok`) or error.schema.json (`error`). A schema that forbids what the engine
accepts, or that does not describe what it writes, fails here.

With `--openapi FILE` (what `dunwell openapi` prints), the service's OpenAPI document is also checked with
openapi-spec-validator, and must carry the components of the documents and the bearer scheme.

Usage: python scripts/schemas.py [--openapi FILE]   (needs the `jsonschema` package: scripts/setup.sh --python puts it in
target/python-venv)
"""
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator
from referencing import Registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "schemas")

# op -> (call schema, output schema); None: the input is not a JSON document of its own.
OPS = {
    "decide": ("decide-call", "decision"),
    "offers": ("decide-call", "offers"),
    "evidence": ("decide-call", "evidence"),
    "render": ("render-call", "rendered"),
    "reply": ("reply-call", "reply"),
    "lint": ("lint-call", "lint"),
    "fit": ("fit-call", "fit"),
    "kpi": ("kpi-call", "kpi"),
    "queue": ("queue-call", "queue"),
    "learn": ("learn-call", "learn"),
    "experiment_report": ("experiment-report-call", "experiment-report"),
}


def load(name):
    with open(os.path.join(SCHEMAS, f"{name}.schema.json"), encoding="utf-8") as f:
        return json.load(f)


validators = {}


def validator(name):
    if name not in validators:
        schema = load(name)
        Draft202012Validator.check_schema(schema)
        validators[name] = Draft202012Validator(schema, registry=Registry())
    return validators[name]


def dropped_by_vectors(e):
    """Vectors leave out what varies by build (a decision's `engine`) and, outside messages/ and compliance/,
    the planned actions' words (testkit's `normalise`): their absence is not a schema problem."""
    if e.validator != "required":
        return False
    path = list(e.absolute_path)
    return (path == [] and "'engine'" in e.message) or (
        len(path) == 2 and path[0] == "actions" and "'message'" in e.message
    )


def problems(name, doc):
    return [
        f"{'/' + '/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in validator(name).iter_errors(doc)
        if not dropped_by_vectors(e)
    ]


def policy_of(v):
    p = v.get("policy")
    if isinstance(p, dict):
        return p
    name = "default" if p in (None, "default") else p
    path = os.path.join(ROOT, "policies/default.json") if name == "default" else os.path.join(ROOT, "tests/policies", f"{name}.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_answer(out_schema, answer, where, failures):
    if "ok" in answer:
        failures += [f"{where} ok{p}" for p in problems(out_schema, answer["ok"])]
    else:
        failures += [f"{where} error{p}" for p in problems("error", answer)]


def check_openapi(path):
    from openapi_spec_validator import validate

    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    try:
        validate(doc)
    except Exception as e:  # the validator's own error types differ between versions
        return [f"openapi: {str(e)[:500]}"]
    have = doc.get("components", {}).get("schemas", {})
    missing = [n for n in ("Account", "Policy", "Decision", "Analysis", "Rendered", "ErrorEnvelope") if n not in have]
    out = [f"openapi: no component {n}" for n in missing]
    if doc.get("components", {}).get("securitySchemes", {}).get("bearerAuth", {}).get("scheme") != "bearer":
        out.append("openapi: no bearer security scheme")
    if not out:
        print(f"openapi: {path} is valid OpenAPI {doc.get('openapi')}: {len(doc.get('paths', {}))} paths, {len(have)} component schemas")
    return out


def main():
    failures, counted = [], {"policy": 0, "input": 0, "ok": 0, "error": 0}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/vectors/**/*.json"), recursive=True)):
        rel = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as f:
            v = json.load(f)
        op, expect, inp = v.get("op"), v.get("expect"), v.get("input")
        if op == "validate_policy":
            if isinstance(expect, dict) and "ok" in expect and isinstance(inp, dict):
                failures += [f"{rel} policy{p}" for p in problems("policy", inp)]
                counted["policy"] += 1
            continue
        policy = policy_of(v)
        if isinstance(expect, dict) and "ok" in expect or op == "decide_batch":
            failures += [f"{rel} policy{p}" for p in problems("policy", policy)]
            counted["policy"] += 1
        if op == "decide_batch":
            lines = [l for l in inp.split("\n") if l.strip()][1:]
            for i, (line, answer) in enumerate(zip(lines, expect if isinstance(expect, list) else [])):
                if "ok" in answer:
                    try:
                        failures += [f"{rel} line {i + 2}{p}" for p in problems("account", json.loads(line))]
                        counted["input"] += 1
                    except ValueError:
                        pass
                check_answer("decision", answer, f"{rel} answer {i + 1}", failures)
                counted["ok" if "ok" in answer else "error"] += 1
            continue
        if op not in OPS:
            continue
        call_schema, out_schema = OPS[op]
        if isinstance(expect, dict) and "ok" in expect and isinstance(inp, dict):
            failures += [f"{rel} input{p}" for p in problems(call_schema, inp)]
            counted["input"] += 1
        if isinstance(expect, dict):
            check_answer(out_schema, expect, rel, failures)
            counted["ok" if "ok" in expect else "error"] += 1
    if "--openapi" in sys.argv:
        failures += check_openapi(sys.argv[sys.argv.index("--openapi") + 1])
    for f in failures[:40]:
        print(f, file=sys.stderr)
    if failures:
        print(f"schemas: {len(failures)} problems (first {min(40, len(failures))} above)", file=sys.stderr)
        sys.exit(1)
    print(
        f"schemas: every vector validates: {counted['policy']} policies, {counted['input']} inputs, "
        f"{counted['ok']} answers, {counted['error']} errors"
    )


if __name__ == "__main__":
    main()
