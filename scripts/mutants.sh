#!/usr/bin/env bash
# Mutation testing of the core's money and date rules with cargo-mutants: each mutant (an operator flipped, a
# function body replaced) must make a test fail. Runs the core's rule, vector and compliance suites (the
# proptests are left out for time); a mutant takes about 40–60 s on a 2-core machine.
#
#   bash scripts/mutants.sh [FILE ...]     default: src/dpd.rs src/promise.rs src/money.rs src/arrange src/schedule
#   MUTANTS_JOBS=2 (parallel mutants), MUTANTS_ITERATE=1 (run only what a previous run missed or never reached)
# Results: target/mutants/<name>/mutants.out/{caught,missed,timeout,unviable}.txt
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || cargo install --locked cargo-mutants
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(src/dpd.rs src/promise.rs src/money.rs "src/arrange/**" "src/schedule/**")
tests=(--lib)
for t in vectors dpd_rules promise_rules offer_rules decision_rules schedule_rules compliance hardening evidence_rules kpi_rules queue_rules sms_budget; do
  tests+=("--test=$t")
done
args=()
for t in "${tests[@]}"; do args+=("--cargo-test-arg=$t"); done
for f in "${files[@]}"; do
  name=$(basename "${f%%/\*\*}" .rs)
  mkdir -p "target/mutants/$name"
  extra=()
  [ -n "${MUTANTS_ITERATE:-}" ] && extra+=(--iterate)
  cargo mutants -p dunwell --test-package dunwell -f "$f" -j "${MUTANTS_JOBS:-1}" --timeout 240 --no-shuffle \
    --profile mutants -o "target/mutants/$name" "${extra[@]}" "${args[@]}" || true
  out="target/mutants/$name/mutants.out"
  [ -f "$out/caught.txt" ] || { echo "$name: cargo mutants did not run (see above)" >&2; continue; }
  c=$(wc -l < "$out/caught.txt"); m=$(wc -l < "$out/missed.txt"); t=$(wc -l < "$out/timeout.txt")
  # Mutants of the JsonSchema impls exist only with --features schema, which the tests do not build.
  ms=$(grep -c 'schema::' "$out/missed.txt" || true)
  awk -v n="$name" -v c="$c" -v m="$((m - ms))" -v t="$t" -v s="$ms" 'BEGIN {
    k = c + t; printf "%-10s caught %d, timeouts %d, missed %d (+%d schema-only): kill rate %.1f%%\n", n, c, t, m, s, 100 * k / (k + m) }'
done
