#!/usr/bin/env bash
# Retrains the reply model shipped in the module (src/reply/model.bin) from the labelled sets named in
# `model::TRAINING` (src/reply/model.rs): the corpus and the blind sets already measured and folded in.
# Deterministic: the same rows give the same bytes. Never train on tests/replies/dev*.jsonl (they measure the
# model) nor on a blind set before its figures are in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# (read across lines: rustfmt wraps the list once it grows)
sets=$(tr -d '\n' <src/reply/model.rs | sed -n 's/.*pub const TRAINING: \[&str; [0-9]*\] = \[\([^]]*\)\];.*/\1/p' | tr -d ' "' |
  tr ',' '\n' | sed 's|^|tests/replies/|' | paste -sd, -)
cargo run -q --example train_reply_model -- "$sets" src/reply/model.bin "${EPOCHS:-10}"
