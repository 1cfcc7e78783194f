#!/usr/bin/env bash
# Every test: lint, the native and wasmtime suites, Node, headless Chromium, the byte-for-byte parity gate,
# and a 60 s fuzz run per target (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step setup
bash scripts/setup.sh --browser --fuzz
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
step parity
bash scripts/parity.sh
step fuzz: call, policy and reply targets, 60 s each, two at a time
bash scripts/fuzz.sh -j 2 60
