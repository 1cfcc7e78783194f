#!/usr/bin/env bash
# Installs what a fresh machine lacks, idempotently: the wasm32 target, the wasm-bindgen CLI at exactly the
# version in Cargo.lock, Node packages, and (with --browser) Debian's chromium for the browser tests and
# PostgreSQL for the Postgres audit tests; (with --python) a virtual environment target/python-venv with maturin,
# pyarrow, pandas and pytest for the Python package; (with --spark) that plus pyspark and Debian's Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  echo "installing wasm-bindgen-cli $want (about 2-3 minutes)"
  # Not --locked: the CLI's own lockfile pins a webpki-roots release this registry lacks.
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

if [ "${1:-}" = "--browser" ]; then
  # Chromium, and a CJK font so the Chinese screenshots of the widgets show characters, not boxes;
  # PostgreSQL's server programs for the Postgres audit tests (each test runs a throwaway cluster of its own).
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
  fi
fi

if [[ " $* " == *" --python "* || " $* " == *" --spark "* ]]; then
  venv=target/python-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  # pandas<3 beside pyspark (pyspark's Arrow path is not ready for pandas 3).
  wanted=("maturin>=1.16,<2" "pyarrow>=14" "pandas<3" pytest)
  if [[ " $* " == *" --spark "* ]]; then
    wanted+=("pyspark>=3.5")
    if ! command -v java >/dev/null; then
      echo "installing Debian openjdk-17-jre-headless"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    fi
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${wanted[@]}"
fi
