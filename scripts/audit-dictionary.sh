#!/usr/bin/env bash
# Trains the zstd dictionary the audit trail compresses its records with (host/src/audit/records.zdict).
# Samples: 4,000 accounts of the sample portfolio (seed 7, so the benchmarks' seed-42 accounts are not training
# data), recorded the way a batch records them: the input as `header \n account line`, with and without words,
# and the module's answers. zstd's trainer picks the byte strings that recur across records (JSON keys, enum
# values, the built-in templates' sentences), so each record then compresses as a few hundred bytes.
# The file is committed: a trail stores every dictionary it uses, so changing it later never strands a record.
#
#   bash scripts/audit-dictionary.sh           # rewrites host/src/audit/records.zdict
set -euo pipefail
cd "$(dirname "$0")/.."
command -v zstd >/dev/null || { echo "audit-dictionary: zstd is needed (apt-get install -y zstd)" >&2; exit 2; }
as_of=2026-11-28T09:00:00Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --quiet --release -p dunwell-host
dunwell=./target/release/dunwell
"$dunwell" sample --count 4000 --seed 7 --as-of "$as_of" --out "$work/accounts.jsonl"
"$dunwell" decide --policy policies/default.json --as-of "$as_of" --no-audit --out "$work/words.jsonl" \
  "$work/accounts.jsonl" 2>/dev/null
"$dunwell" decide --policy policies/default.json --as-of "$as_of" --no-audit --no-messages \
  --out "$work/plans.jsonl" "$work/accounts.jsonl" 2>/dev/null
mkdir "$work/samples"
python3 - "$work" "$as_of" <<'PY'
import sys
work, as_of = sys.argv[1], sys.argv[2]
accounts = open(f"{work}/accounts.jsonl").read().splitlines()
words = open(f"{work}/words.jsonl").read().splitlines()
plans = open(f"{work}/plans.jsonl").read().splitlines()
with_words = '{"as_of":"%s"}' % as_of
plan_only = '{"as_of":"%s","messages":false}' % as_of
for i, account in enumerate(accounts):
    header = with_words if i % 4 else plan_only
    answer = words[i] if i % 4 else plans[i]
    open(f"{work}/samples/in{i}", "w").write(f"{header}\n{account}")
    open(f"{work}/samples/out{i}", "w").write(answer)
PY
# 110 KiB, zstd's default dictionary size; id 1 (a later dictionary takes the next id).
zstd -q --train "$work"/samples/* --maxdict=112640 --dictID=1 -o host/src/audit/records.zdict
ls -l host/src/audit/records.zdict
