#!/usr/bin/env bash
# Instruction counts (valgrind callgrind), which hold still on a shared machine where wall times do not: the
# native core building an engine from the default policy, then deciding N sample accounts with words and
# without. Per decision = (run − engine build) / decisions. With REVs, the same for each revision (built in a
# throwaway worktree with this script's example copied in), so a change is compared with its base in one run.
#
#   bash scripts/instructions.sh [N] [REV ...]        e.g. bash scripts/instructions.sh 256 320a21a
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-256}
shift || true
command -v valgrind >/dev/null || { echo "instructions: valgrind is needed (apt-get install -y valgrind)" >&2; exit 2; }
as_of=2026-11-28T09:00:00Z
work=$(mktemp -d)
trap 'rm -rf "$work"; for w in "$work".wt-*; do [ -d "$w" ] && git worktree remove --force "$w" >/dev/null 2>&1; done; true' EXIT

cargo build --quiet --release -p dunwell-host
./target/release/dunwell sample --count "$n" --seed 42 --out "$work/accounts.jsonl"
: > "$work/none.jsonl"

# Instructions of one run of the example binary $1 with accounts file $2 and mode $3.
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" policies/default.json "$2" "$as_of" "$3" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# One row per revision: engine build, per decision with words, per decision plan-only, per message.
measure() {
  local label=$1 bin=$2
  local base words plan
  base=$(count "$bin" "$work/none.jsonl" words)
  words=$(count "$bin" "$work/accounts.jsonl" words)
  plan=$(count "$bin" "$work/accounts.jsonl" plan)
  local summary
  summary=$("$bin" policies/default.json "$work/accounts.jsonl" "$as_of" words)
  local d m
  d=$(echo "$summary" | awk '{print $2}')
  m=$(echo "$summary" | awk '{print $6}')
  awk -v l="$label" -v b="$base" -v w="$words" -v p="$plan" -v d="$d" -v m="$m" 'BEGIN {
    printf "%-14s %14.0f %18.0f %18.0f %16.0f   (%d decisions, %d messages)\n", l, b, (w-b)/d, (p-b)/d, (w-p)/m, d, m }'
}

printf "%-14s %14s %18s %18s %16s\n" revision "engine build" "decision+words" "decision (plan)" "per message"
cargo build --quiet --release --example instructions
measure "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +)" target/release/examples/instructions
for rev in "$@"; do
  wt="$work.wt-$rev"
  git worktree add --quiet --detach "$wt" "$rev"
  mkdir -p "$wt/examples"
  cp examples/instructions.rs "$wt/examples/instructions.rs"
  (cd "$wt" && CARGO_TARGET_DIR="$PWD/../$(basename "$wt")-target" cargo build --quiet --release --example instructions)
  measure "$rev" "$work.wt-$rev-target/release/examples/instructions"
  rm -rf "$work.wt-$rev-target"
done
