#!/usr/bin/env bash
# Installs what a fresh machine lacks, idempotently: the wasm32 target, the wasm-bindgen CLI at exactly the
# version in Cargo.lock, Node packages, (with --browser) Debian's chromium for the browser tests and
# PostgreSQL for the Postgres audit tests, (with --fuzz) cargo-afl and AFL++ for scripts/fuzz.sh, (with --python)
# a virtual environment target/python-venv with maturin, pyarrow, pandas and pytest for the Python package, and
# (with --spark) that plus pyspark and Debian's Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=
fuzz=
python=
spark=
for a in "$@"; do
  case $a in
    --browser) browser=1 ;;
    --fuzz) fuzz=1 ;;
    --python) python=1 ;;
    --spark) python=1; spark=1 ;;
    *) echo "usage: bash scripts/setup.sh [--browser] [--fuzz] [--python] [--spark]" >&2; exit 2 ;;
  esac
done

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  echo "installing wasm-bindgen-cli $want (about 2-3 minutes)"
  # Not --locked: the CLI's own lockfile pins a webpki-roots release this registry lacks.
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

if [ -n "$browser" ]; then
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
  # Every devDependency of tests/browser/package.json present (the bundler tests added vite, webpack, rollup).
  if ! (cd tests/browser && node -e 'const fs = require("fs"); const d = require("./package.json").devDependencies;
      process.exit(Object.keys(d).every((n) => fs.existsSync(`node_modules/${n}/package.json`)) ? 0 : 1)'); then
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
  fi
fi

if [ -n "$fuzz" ]; then
  # AFL++ through cargo-afl: coverage-guided fuzzing on stable Rust. Needs only cc and make (no clang).
  # The `afl` crate in fuzz/Cargo.toml is pinned to the same version.
  afl_want=0.18.2
  if [ "$(cargo afl --version 2>/dev/null | awk '{print $2}')" != "$afl_want" ]; then
    echo "installing cargo-afl $afl_want (about 1-2 minutes, with AFL++)"
    cargo install --quiet --force cargo-afl --version "$afl_want"
  fi
  # AFL++'s runtime is built per rustc: after a toolchain change it is missing, and this builds it (~1 minute).
  if ! afl_out=$(cargo afl config --build 2>&1) && [[ $afl_out != *"already built"* ]]; then
    echo "$afl_out" >&2
    exit 1
  fi
fi

if [ -n "$python" ]; then
  venv=target/python-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  # pandas<3 beside pyspark (pyspark's Arrow path is not ready for pandas 3).
  # jsonschema and openapi-spec-validator check the published schemas and /openapi.json (scripts/schemas.py).
  wanted=("maturin>=1.16,<2" "pyarrow>=14" "pandas<3" pytest "jsonschema>=4.18" "openapi-spec-validator>=0.7")
  if [ -n "$spark" ]; then
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
