#!/usr/bin/env bash
# The independent oracle (issue 22): 10,000 generated accounts (tests/oracle/generate.py, fixed seed) decided by
# the `dunwell` CLI and by a Python reference written from the documented rules (tests/oracle/oracle.py),
# compared field by field: DPD, bucket, arrears, the local as_of, promises, penalty interest and its projection,
# offers. Builds nothing.
#
#   DUNWELL_CLI=target/debug/dunwell DUNWELL_MODULE=pkg/dist/dunwell_bg.wasm bash scripts/oracle.sh [--count N] [--batch]
#
# By default the CLI runs as `dunwell serve --no-audit` (one per policy, so the module is compiled twice) and each
# as_of is one POST of a batch; `--batch` runs `dunwell decide --no-messages` once per (policy, as_of) instead,
# which costs one module compile (~18 s with a debug host) per batch.
#
# Last line: `oracle: N accounts, M fields compared, D differences`. D counts only differences the KNOWN list
# below does not explain; exit status 1 when D > 0. Each KNOWN entry names an alternative reading of a rule
# (tests/oracle/oracle.py READINGS) and a field pattern; a difference is explained only when Dunwell's value is
# exactly what that alternative reading gives, so a known disagreement cannot hide another error in the same
# field. Details of each: tests/oracle/FINDINGS.md. Remove an entry when the code or the documentation is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

CLI="${DUNWELL_CLI:-target/debug/dunwell}"
if [[ ! -x "$CLI" ]]; then
    echo "oracle: no dunwell CLI at $CLI (set DUNWELL_CLI; this script builds nothing)" >&2
    exit 2
fi
CLI="$(cd "$(dirname "$CLI")" && pwd)/$(basename "$CLI")"
MODULE_ARGS=()
if [[ -n "${DUNWELL_MODULE:-}" ]]; then
    MODULE_ARGS=(--module "$(cd "$(dirname "$DUNWELL_MODULE")" && pwd)/$(basename "$DUNWELL_MODULE")")
elif [[ -f pkg/dist/dunwell_bg.wasm ]]; then
    MODULE_ARGS=(--module "$PWD/pkg/dist/dunwell_bg.wasm")
fi

# KNOWN: <reading id> TAB <field regex> TAB <reason>. Confirmed, unfixed disagreements only.
KNOWN="$(mktemp)"
trap 'rm -f "$KNOWN"' EXIT
printf '%s\t%s\t%s\n' \
    tz_rules_end_2099 '^(ok|error)\.' \
    "FINDINGS.md #1: from 2100 on Dunwell keeps each zone's end-of-2099 offset (no DST changes), though years up to 2999 are accepted and the zones' DST rules go on" \
    offset_rounded_to_minutes '^ok\.as_of_local$' \
    "FINDINGS.md #5: before standard time (local mean time, e.g. +08:05:43) as_of_local rounds the offset to minutes but keeps the exact clock, so the text names another instant" \
    > "$KNOWN"

python3 tests/oracle/compare.py --cli "$CLI" "${MODULE_ARGS[@]}" --known "$KNOWN" "$@"
