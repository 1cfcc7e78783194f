#!/usr/bin/env bash
# The parity gate: the four runtimes' outputs for every vector must be byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/parity
passed=0; failed=0
for rt in wasmtime node chromium; do
  if [ ! -f "$dir/$rt.txt" ] || [ ! -f "$dir/native.txt" ]; then
    echo "parity: $rt: no output (did its test run?)"; failed=$((failed + 1)); continue
  fi
  if cmp -s "$dir/native.txt" "$dir/$rt.txt"; then
    passed=$((passed + 1))
  else
    echo "parity: $rt differs from native:"; diff "$dir/native.txt" "$dir/$rt.txt" | head -20 | cut -c1-300
    failed=$((failed + 1))
  fi
done
echo "$(wc -l < "$dir/native.txt") vectors compared across native, wasmtime, node, chromium"
echo "parity: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
