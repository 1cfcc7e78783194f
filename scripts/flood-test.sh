#!/usr/bin/env bash
# Connection flood against the release service, loopback only, bounded in count and time (it stops by itself).
# Usage: scripts/flood-test.sh [idle=20000] [slowloris=500] [seconds=40]   (DUNWELL_BIN=path skips the build)
# Starts `dunwell serve` (SQLite audit trail, default limits) with the machine's default open-file limit,
# measures its RSS after a warm-up, then from a second process holds up to `idle` idle TCP connections plus
# `slowloris` sockets that send one more header byte every 2 s (each reopened about 2 s after the server closes it),
# while a third process times GET /healthz and POST /v1/decide every 100 ms on new connections. Then the
# flood is closed and the RSS measured again. Prints every figure (JSON lines) and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
idle="${1:-20000}"; slow="${2:-500}"; secs="${3:-40}"
[ "$idle" -le 60000 ] && [ "$slow" -le 5000 ] && [ "$secs" -le 600 ] || { echo "at most 60000 idle, 5000 slow, 600 s" >&2; exit 2; }
[ -f pkg/dist/dunwell_bg.wasm ] || bash scripts/build-wasm.sh
# DUNWELL_BIN: an already built binary (skips the release build).
bin="${DUNWELL_BIN:-target/release/dunwell}"
[ -n "${DUNWELL_BIN:-}" ] || cargo build -q --release -p dunwell-host
tmp="$(mktemp -d)"; pid=; flood=
trap 'kill $flood 2>/dev/null || true; kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
rss() { awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
RUST_LOG=warn "$bin" serve --policy policies/default.json --listen 127.0.0.1:0 --audit "$tmp/audit.db" > "$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' "$tmp/out")"; port="${url##*:}"
printf '{"account": %s, "as_of": "2026-11-28T09:00:00Z"}' "$(sed -n 1p www/sample/portfolio.jsonl)" > "$tmp/body.json"
echo "== flood: $idle idle + $slow slowloris connections for ${secs}s against $url ($(nproc) cores, $(date -u +%FT%TZ))"
echo "server open-file limit (soft, before the server raises it): $(ulimit -Sn), hard: $(ulimit -Hn)"
# Warm-up and baseline (no flood).
python3 scripts/flood.py probe 127.0.0.1 "$port" --seconds 5 --pid "$pid" --body "$tmp/body.json" > "$tmp/base.json"
sleep 1
rss_start="$(rss "$pid")"
echo "baseline (no flood):   $(cat "$tmp/base.json")"
echo "RSS before the flood:  ${rss_start} MiB"
# The flood, from processes of its own (at most 10,000 sockets each, under the usual 20,000 descriptor limit;
# the slowloris sockets go with the first).
parts=$(( (idle + 9999) / 10000 )); [ "$parts" -ge 1 ] || parts=1
flood=
for i in $(seq "$parts"); do
  share=$(( idle / parts )); [ "$i" -eq 1 ] && share=$(( idle - (parts - 1) * (idle / parts) ))
  s=0; [ "$i" -eq 1 ] && s="$slow"
  ( ulimit -n "$(ulimit -Hn)"; exec python3 scripts/flood.py attack 127.0.0.1 "$port" --idle "$share" --slow "$s" --seconds "$secs" ) > "$tmp/attack$i.json" &
  flood="$flood $!"
done
python3 scripts/flood.py probe 127.0.0.1 "$port" --seconds "$secs" --pid "$pid" --body "$tmp/body.json" > "$tmp/during.json"
wait $flood || true; flood=
echo "during the flood:      $(cat "$tmp/during.json")"
for i in $(seq "$parts"); do echo "flood client $i:        $(cat "$tmp/attack$i.json")"; done
sleep 5
rss_after="$(rss "$pid")"
echo "RSS 5 s after:         ${rss_after} MiB (open descriptors: $(ls /proc/$pid/fd | wc -l))"
python3 scripts/flood.py probe 127.0.0.1 "$port" --seconds 3 --pid "$pid" --body "$tmp/body.json" > "$tmp/after.json"
echo "after the flood:       $(cat "$tmp/after.json")"
python3 - "$tmp/during.json" "$rss_start" "$rss_after" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); start, after = float(sys.argv[2]), float(sys.argv[3])
h, c = d["healthz"], d["decide"]
print(f"summary: healthz p99 {h['p99_ms']} ms (max {h['max_ms']}, failed {h['failed']}), decide p99 {c['p99_ms']} ms "
      f"(max {c['max_ms']}, failed {c['failed']}), RSS {start} -> peak {d['rss_mib_max']} -> {after} MiB "
      f"({(after - start) / start * 100:+.1f}%)")
PY
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
