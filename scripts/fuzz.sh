#!/usr/bin/env bash
# Coverage-guided fuzzing of the core on stable Rust: AFL++ through cargo-afl (fuzz/, a workspace of its own).
#   bash scripts/fuzz.sh [-j JOBS] SECONDS [TARGET…]   targets: call policy reply (default: all)
# Installs cargo-afl and AFL++ if missing (scripts/setup.sh --fuzz), builds the targets with overflow checks and
# debug assertions on, runs each for SECONDS (JOBS targets at a time, default 1: one core each) from the seeds in
# fuzz/seeds/<target> with fuzz/dict/<target>.dict, prints per target the inputs tried, the corpus, crashes and
# hangs, and exits 1 if any crash or hang was found, naming the files (under
# target/fuzz-out/<target>/default/{crashes,hangs}/) and the panic each one causes.
# A crash is a panic, an abort, an `internal.*` error, an output that is not a well-formed envelope or that holds an
# integer past 2^53; a hang is an input still running after 10 s (AFL_HANG_TMOUT).
# Replay one: DUNWELL_FUZZ_PRINT=1 target/fuzz/release/<target> < FILE
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: bash scripts/fuzz.sh [-j JOBS] SECONDS [call|policy|reply]…" >&2
  exit 2
}
jobs=1
if [ "${1:-}" = -j ]; then
  [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage
  jobs=$2
  shift 2
fi
[[ ${1:-} =~ ^[1-9][0-9]*$ ]] || usage
secs=$1
shift
all=(call policy reply)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "unknown target $t (targets: ${all[*]})" >&2; exit 2; }
done

bash scripts/setup.sh --fuzz

# The fuzz workspace resolves its dependencies from the product's lockfile, so it fuzzes the versions we ship.
if [ ! -f fuzz/Cargo.lock ] || [ Cargo.lock -nt fuzz/Cargo.lock ]; then
  cp Cargo.lock fuzz/Cargo.lock
fi
build_start=$SECONDS
CARGO_TARGET_DIR=target/fuzz cargo afl build --quiet --release --manifest-path fuzz/Cargo.toml --bins
echo "built the fuzz targets in $((SECONDS - build_start)) s"

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
# An exec over 2 s is re-run with 10 s before it counts as a hang (a loaded CI machine is not a hang).
export AFL_HANG_TMOUT=10000
# Calibrate the seeds with fewer runs: a short run should spend its seconds fuzzing.
export AFL_FAST_CAL=1

mkdir -p target/fuzz-out
# Runs one target; afl-fuzz's own failure (not a finding) is recorded in <out>.failed.
fuzz_one() {
  local t=$1 out=target/fuzz-out/$1
  rm -rf "$out" "$out.log" "$out.failed"
  # -V ends the run; the outer timeout only guards against afl-fuzz itself not stopping.
  if ! timeout $((secs + 300)) cargo afl fuzz -i "fuzz/seeds/$t" -o "$out" -x "fuzz/dict/$t.dict" \
    -t 2000 -m none -V "$secs" -- "target/fuzz/release/$t" >"$out.log" 2>&1; then
    touch "$out.failed"
  fi
}
for t in "${targets[@]}"; do
  echo "fuzzing $t for $secs s (log: target/fuzz-out/$t.log)"
  fuzz_one "$t" &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n || true
  done
done
wait

stat() { sed -n "s/^$1 *: *//p" "$2"; }
failed=0
summary=target/fuzz-out/summary.txt
printf '%-7s %8s %12s %10s %7s %7s %8s %7s\n' target seconds execs execs/s corpus edges crashes hangs >"$summary"
for t in "${targets[@]}"; do
  out=target/fuzz-out/$t
  s=$out/default/fuzzer_stats
  if [ -e "$out.failed" ] || [ ! -f "$s" ]; then
    echo "afl-fuzz failed on $t:" >&2
    tail -n 30 "$out.log" >&2
    failed=1
    continue
  fi
  crashes=$(stat saved_crashes "$s")
  hangs=$(stat saved_hangs "$s")
  printf '%-7s %8s %12s %10s %7s %7s %8s %7s\n' "$t" "$(stat run_time "$s")" "$(stat execs_done "$s")" \
    "$(stat execs_per_sec "$s")" "$(stat corpus_count "$s")" "$(stat edges_found "$s")" "$crashes" "$hangs" \
    >>"$summary"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
    failed=1
    for f in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
      [ -e "$f" ] || continue
      why=$(timeout 20 "target/fuzz/release/$t" <"$f" 2>&1 | grep -m1 -A1 'panicked at' | tail -n 1 || true)
      echo "FOUND $f: ${why:-(no panic message: a hang, or an abort)}" >&2
    done
  fi
done
echo
cat "$summary"
if [ "$failed" != 0 ]; then
  echo "fuzzing found crashes or hangs, or could not run (above); minimise a crash with" >&2
  echo "  cargo afl tmin -i FILE -o FILE.min -- target/fuzz/release/TARGET" >&2
  exit 1
fi
