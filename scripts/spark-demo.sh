#!/usr/bin/env bash
# The Spark recipe end to end: `bash scripts/spark-demo.sh N` (default 20000).
# Sets up what a fresh machine lacks (Debian's Java 17, a venv with pyspark, pyarrow, pandas<3 and maturin),
# builds the module, the CLI and the `dunwell` wheel, generates N sample accounts, decides them with
# dunwell.spark.decide_dataframe in Spark local[2] (mapInArrow, one engine per Python worker), writes Parquet,
# and compares every decision with `dunwell decide` on the same input (streamed: nothing but the input and the
# Parquet files is kept on disk, so 10M accounts fit). The last line is
#   spark: decided N accounts in S s (R/s); identical to the CLI: yes
# (or `no`, with the first difference above it). SPARK_BASELINE=1 runs the same pipeline without Dunwell (the
# ceiling); NO_MESSAGES=1 decides plans without words in both Spark and the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
case $n in '' | *[!0-9]*) echo "usage: bash scripts/spark-demo.sh N (a number of accounts)" >&2; exit 2 ;; esac
AS_OF=${AS_OF:-2026-11-28T09:00:00Z}
venv=target/python-venv
work=target/spark-demo

bash scripts/setup.sh --spark >&2
bash scripts/build-wasm.sh >&2
# DUNWELL_PROFILE=debug (scripts/test.sh) reuses the test build instead of compiling wasmtime for release.
profile=${DUNWELL_PROFILE:-release}
case $profile in
  release) cargo_flags=(--release) ;;
  debug) cargo_flags=() ;;
  *) echo "DUNWELL_PROFILE is release or debug" >&2; exit 2 ;;
esac
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
cargo build --quiet "${cargo_flags[@]}" -p dunwell-host
rm -rf "target/wheels/$profile"
"$venv/bin/maturin" build --quiet "${cargo_flags[@]}" -m python/Cargo.toml --out "target/wheels/$profile" >&2
"$venv/bin/pip" install --quiet --force-reinstall --no-deps "target/wheels/$profile"/dunwell-*.whl >&2
dunwell=./target/$profile/dunwell

mkdir -p "$work"
rm -rf "$work/cli.jsonl" "$work/sample.jsonl" "$work/decisions.parquet"
flags=()
[ -n "${NO_MESSAGES:-}" ] && flags+=(--no-messages)
# Three bad rows among the good ones (not JSON, an unknown field, not an object): each must come back as its own
# error row with the CLI's code, and no executor may die for them. Generated straight into the one input file.
# The same N and as_of as the last run (e.g. the ceiling after the decisions) reuse its input: 10M take minutes.
stamp="$n $AS_OF $(sha256sum "$dunwell" | cut -c1-16)"
if [ "$(cat "$work/accounts.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -f "$work/accounts.stamp"
  "$dunwell" sample --count "$n" --seed 42 --as-of "$AS_OF" |
    awk -v n="$n" 'NR == 2 { print "{not json"; next } NR == int(n / 2) { print "{\"id\": \"BAD-1\", \"colour\": 1}"; next }
      NR == n - 1 { print "null"; next } { print }' > "$work/accounts.jsonl"
  echo "$stamp" > "$work/accounts.stamp"
fi
cli=()
if [ -z "${SPARK_BASELINE:-}" ]; then
  # Run after Spark by the demo, its decisions compared as they stream out (10M of them are 64 GB of text).
  cli=(-- "$dunwell" decide --policy policies/default.json --as-of "$AS_OF" --no-audit "${flags[@]}" "$work/accounts.jsonl")
else
  flags+=(--baseline)
fi
# Spark's JVM logs on standard error; the verdict is the driver's last line on standard output.
"$venv/bin/python" python/examples/spark_demo.py "$work/accounts.jsonl" "$work" \
  --policy policies/default.json --as-of "$AS_OF" "${flags[@]}" "${cli[@]}"
