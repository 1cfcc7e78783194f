#!/usr/bin/env bash
# Installs what a fresh machine lacks, idempotently: the wasm32 target, the wasm-bindgen CLI at exactly the
# version in Cargo.lock, Node packages, (with --browser) Debian's chromium for the browser tests and
# PostgreSQL for the Postgres audit tests, and (with --fuzz) cargo-afl and AFL++ for scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=
fuzz=
for a in "$@"; do
  case $a in
    --browser) browser=1 ;;
    --fuzz) fuzz=1 ;;
    *) echo "usage: bash scripts/setup.sh [--browser] [--fuzz]" >&2; exit 2 ;;
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
  if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
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
