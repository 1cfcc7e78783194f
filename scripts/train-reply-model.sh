#!/usr/bin/env bash
# Retrains the reply model shipped in the module (src/reply/model.bin) from the labelled corpus. Deterministic:
# the same corpus gives the same bytes. Never train on tests/replies/dev.jsonl (it measures the model).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q --example train_reply_model -- tests/replies/corpus.jsonl src/reply/model.bin "${EPOCHS:-10}"
