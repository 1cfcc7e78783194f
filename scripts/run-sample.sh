#!/usr/bin/env bash
# The main job on a fresh machine: set up, build the module and the host, generate the bundled sample
# portfolio (1,000 synthetic accounts, seed 42) and decide it with the default policy.
set -euo pipefail
cd "$(dirname "$0")/.."
AS_OF=${AS_OF:-2026-11-28T09:00:00Z}
bash scripts/setup.sh
bash scripts/build-wasm.sh
cargo build --quiet --release -p dunwell-host
mkdir -p target/sample
./target/release/dunwell sample --count 1000 --seed 42 --as-of "$AS_OF" --out target/sample/portfolio.jsonl
./target/release/dunwell decide --policy policies/default.json --as-of "$AS_OF" --summary \
  --audit target/sample/audit.db --out target/sample/decisions.jsonl target/sample/portfolio.jsonl
echo "decisions: target/sample/decisions.jsonl"
