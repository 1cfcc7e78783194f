#!/usr/bin/env bash
# Load test of POST /v1/decide with wrk (Debian package), loopback only, bounded duration.
# Usage: scripts/load-test.sh [seconds] [connections]   (defaults: 20 s, 16 connections)
# Prints wrk's report (requests/s, latency percentiles, non-2xx count) for the service without an audit trail,
# with the SQLite file, and with PostgreSQL (a throwaway local cluster, when PostgreSQL is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"; conns="${2:-16}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -f pkg/dist/dunwell_bg.wasm ] || bash scripts/build-wasm.sh
cargo build -q --release -p dunwell-host
bin=target/release/dunwell
tmp="$(mktemp -d)"; chmod 755 "$tmp"; pid=
trap 'kill $pid 2>/dev/null || true; bash scripts/pg-scratch.sh stop "$tmp/pg" 2>/dev/null; rm -rf "$tmp"' EXIT
cores="$(nproc)"
modes=(no-audit sqlite)
if pg="$(bash scripts/pg-scratch.sh start "$tmp/pg" 2>/dev/null)"; then modes+=(postgres); fi
for mode in "${modes[@]}"; do
  case "$mode" in
    no-audit) extra=(--no-audit) ;;
    sqlite) extra=(--audit "$tmp/audit.db") ;;
    postgres) extra=(--audit "$pg") ;;
  esac
  RUST_LOG=warn "$bin" serve --policy policies/default.json --listen 127.0.0.1:0 --workers "$cores" "${extra[@]}" > "$tmp/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
  url="$(sed -n 's/^listening on //p' "$tmp/out")"
  echo "== /v1/decide, $mode, $cores cores, $conns connections, ${secs}s ($(date -u +%FT%TZ))"
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/wrk-decide.lua "$url/v1/decide"
  curl -s "$url/metrics" | grep -E '^dunwell_http_requests_total' || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [ "$mode" = postgres ] && psql -Atc "SELECT 'audit records: ' || count(*) FROM dunwell.decisions" "$pg"
  [ "$mode" = sqlite ] && echo "audit records: $(sqlite3 "$tmp/audit.db" 'SELECT count(*) FROM decisions' 2>/dev/null || echo '?')"
done
