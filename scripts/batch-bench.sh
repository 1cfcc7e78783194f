#!/usr/bin/env bash
# Batch throughput and peak memory on a synthetic portfolio: messages with the audit trail in SQLite (the
# default) and in PostgreSQL (a throwaway local cluster, when installed), messages without audit, and plans only.
# Usage: scripts/batch-bench.sh [accounts]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
[ -f pkg/dist/dunwell_bg.wasm ] || bash scripts/build-wasm.sh
cargo build -q --release -p dunwell-host
bin=target/release/dunwell
tmp="$(mktemp -d)"; chmod 755 "$tmp"
trap 'bash scripts/pg-scratch.sh stop "$tmp/pg" 2>/dev/null; rm -rf "$tmp"' EXIT
"$bin" sample --count "$n" --seed 7 --out "$tmp/portfolio.jsonl"
runs=("sqlite|--audit $tmp/audit.db" "no-audit|--no-audit" "plans-only|--no-messages --no-audit")
if pg="$(bash scripts/pg-scratch.sh start "$tmp/pg" 2>/dev/null)"; then runs=("postgres|--audit $pg" "${runs[@]}"); fi
echo "== batch of $n accounts, $(nproc) cores ($(date -u +%FT%TZ))"
for run in "${runs[@]}"; do
  name="${run%%|*}"; flags="${run#*|}"
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" decide --policy policies/default.json --as-of 2026-11-28T09:00:00Z \
    $flags --out "$tmp/out.jsonl" "$tmp/portfolio.jsonl" 2> "$tmp/err"
  read -r wall rss < "$tmp/time"
  printf '%-11s %8.0f accounts/s  wall %6.1f s  peak RSS %4d MB\n' "$name" "$(echo "$n / $wall" | bc -l)" "$wall" $((rss / 1024))
done
