#!/usr/bin/env bash
# Per-intent precision and recall, and extraction accuracy, on the labelled reply corpus
# (tests/replies/corpus.jsonl). The same test fails CI if any intent drops below 0.9 or a revocation is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -q --test reply_corpus -- --nocapture 2>&1 | sed -n '/replies; intent/,/^test result/p' | grep -v '^test result'
# The blind split (written by someone who never saw the rules; aggregates only, never per-row output):
#   DUNWELL_BLIND=/path/to/blind.jsonl cargo test -q --test reply_blind -- --ignored --nocapture
if [ -n "${DUNWELL_BLIND:-}" ]; then
  cargo test -q --test reply_blind -- --ignored --nocapture 2>&1 | sed -n '/^blind:/,/wrong_person/p'
fi
