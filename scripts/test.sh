#!/usr/bin/env bash
# Every test: lint, the native and wasmtime suites, Node, headless Chromium, and the byte-for-byte parity gate.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step setup
bash scripts/setup.sh --browser --python
step format and lint
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet -p dunwell --target wasm32-unknown-unknown -- -D warnings
step build the module
rm -rf target/parity
bash scripts/build-wasm.sh
step Rust tests: core, native vectors, wasmtime host
cargo test --workspace
step Node and TypeScript declarations
tests/browser/node_modules/.bin/tsc -p pkg/tsconfig.json
node --test pkg/test/
step Chromium: package vectors, widgets, console, single-file build
bash scripts/build-single.sh >/dev/null
node --test tests/browser/
step Python package: wheel, pytest against the CLI
rm -rf target/wheels/test
target/python-venv/bin/maturin build --quiet -m python/Cargo.toml --out target/wheels/test
target/python-venv/bin/pip install --quiet --force-reinstall --no-deps target/wheels/test/dunwell-*.whl
DUNWELL_CLI=target/debug/dunwell target/python-venv/bin/python -m pytest -q python/tests
step Spark: 20,000 accounts in local[2], every decision compared with the CLI
DUNWELL_PROFILE=debug bash scripts/spark-demo.sh 20000
step parity
bash scripts/parity.sh
