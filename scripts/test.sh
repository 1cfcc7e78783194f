#!/usr/bin/env bash
# Every test: lint, the native and wasmtime suites, the independent oracle, Node, headless Chromium, the Python
# package and the Spark demo, the byte-for-byte parity gate, and a 60 s fuzz run per target (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

# Expectations come from the rule, never from the code under test: blessing is a separate, reviewed act.
if [ -n "${DUNWELL_BLESS:-}" ]; then
  echo "scripts/test.sh: DUNWELL_BLESS is set, which rewrites every vector's expectation from the code's own output;" >&2
  echo "unset it to run the tests (bless with 'DUNWELL_BLESS=1 cargo test --test vectors' and review the diff)" >&2
  exit 2
fi
# A test run must not change the corpus: compared again at the end.
tests_before=$(git status --porcelain -- tests/ 2>/dev/null || true)

step setup
bash scripts/setup.sh --browser --fuzz --python
# The module first: the Python crate embeds pkg/dist/dunwell_bg.wasm, so even linting it needs the file.
step build the module
rm -rf target/parity
bash scripts/build-wasm.sh
step format and lint
cargo fmt --all --check
python3 scripts/layers.py  # no import cycle, no import up a layer (ARCHITECTURE.md)
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet -p dunwell --target wasm32-unknown-unknown -- -D warnings
step Rust tests: core, native vectors, wasmtime host
cargo test --workspace
step JSON Schemas and OpenAPI: generated from the Rust types, every vector valid against them
cargo run --quiet --example schemas --features schema -- --check schemas
target/debug/dunwell openapi > target/openapi.json
target/python-venv/bin/python scripts/schemas.py --openapi target/openapi.json
step independent oracle: 10,000 generated accounts against a Python reference written from the rules
bash scripts/oracle.sh
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
step fuzz: call, policy and reply targets, 60 s each, two at a time
bash scripts/fuzz.sh -j 2 60

step corpus unchanged
tests_after=$(git status --porcelain -- tests/ 2>/dev/null || true)
if [ "$tests_before" != "$tests_after" ]; then
  echo "the test run changed files under tests/:" >&2
  diff <(echo "$tests_before") <(echo "$tests_after") >&2 || true
  exit 1
fi
echo "tests/ unchanged by the run"
