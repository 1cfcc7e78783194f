#!/usr/bin/env bash
# Benchmarks, as ratios within one run (the machines are shared and noisy): decide per account natively, in
# wasmtime and in Node; start-up costs; the module's size raw and gzipped. Paste the output into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm.sh >/dev/null
out=$(mktemp -d)
cargo build --quiet --release -p dunwell-host
./target/release/dunwell sample --count 256 --seed 42 --out "$out/accounts.jsonl"
cargo bench --quiet -p dunwell-host --bench decide -- --output-format bencher 2>/dev/null | grep '^test ' > "$out/rust.txt"
node pkg/bench/decide.mjs "$out/accounts.jsonl" policies/default.json > "$out/node.txt"
cat "$out/rust.txt" "$out/node.txt" | awk '
  { name=$2; ns=$5; gsub(",", "", ns); t[name]=ns+0; order[++n]=name }
  END {
    base=t["decide_per_account/native"]
    printf "%-42s %14s %10s\n", "benchmark", "time", "vs native"
    for (i=1; i<=n; i++) {
      k=order[i]; v=t[k]; per=v
      if (k ~ /batch256/) { per=v/256; k=k " (per account)" }
      unit = per >= 1e6 ? sprintf("%.2f ms", per/1e6) : (per >= 1e3 ? sprintf("%.2f us", per/1e3) : sprintf("%d ns", per))
      ratio = (k ~ /^decide/) ? sprintf("%.2fx", per/base) : ((k ~ /^render/) ? sprintf("%.2fx", per/t["render_per_message/native"]) : "")
      printf "%-42s %14s %10s\n", k, unit, ratio
    }
  }'
wasm=pkg/dist/dunwell_bg.wasm
echo "module: $(wc -c < $wasm) bytes raw, $(gzip -9 -c $wasm | wc -c) bytes gzip -9, sha256 $(cat pkg/dist/SHA256)"
rm -rf "$out"
