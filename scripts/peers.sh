#!/usr/bin/env bash
# Dunwell beside its peers in one run (issue 19): GoRules ZEN (a 15-rule segmentation table, 1,000 evaluations in
# flight) and handlebars (a zh/en SMS) from npm, pinned in bench/peers/package.json, against Dunwell's full decision
# with words — the CLI batch on every core and the npm package in Node — over the same N sample accounts.
#
#   bash scripts/peers.sh [N]        # default 20000; prints a Markdown table for BENCHMARKS.md
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash scripts/build-wasm.sh >&2
cargo build --quiet --release -p dunwell-host
(cd bench/peers && npm install --no-audit --no-fund --loglevel=error >&2)
./target/release/dunwell sample --count "$n" --seed 42 --as-of 2026-11-28T09:00:00Z --out "$work/accounts.jsonl"
node bench/peers.mjs "$work/accounts.jsonl" policies/default.json ./target/release/dunwell
