#!/usr/bin/env bash
# Builds the one WebAssembly module and lays out pkg/dist/ around it:
#   dunwell_bg.wasm   the module (the same bytes the host, Node and the browser run)
#   dunwell.cjs       wasm-bindgen's nodejs glue (CommonJS), renamed so it is CJS under any package type
#   dunwell_web.js    wasm-bindgen's web glue (ES module), for browsers and bundlers
#   *.d.ts            wasm-bindgen's types for both glues
#   SHA256            the module's sha256
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$want" != "$have" ]; then
  echo "wasm-bindgen CLI $have does not match the crate $want in Cargo.lock: run scripts/setup.sh" >&2
  exit 1
fi

cargo build --quiet -p dunwell --target wasm32-unknown-unknown --profile wasm
raw=target/wasm32-unknown-unknown/wasm/dunwell.wasm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in nodejs web; do
  # --experimental-reset-state-function: the glue exports __wbg_reset_state(), which replaces a trapped instance
  # with a fresh one from the same compiled module (the package does this after any trap; see pkg/core.js).
  # It changes only the JS glue: the .wasm bytes are the same.
  wasm-bindgen --target "$target" --experimental-reset-state-function --out-dir "$work/$target" \
    --remove-name-section --remove-producers-section "$raw"
done
if ! cmp -s "$work/nodejs/dunwell_bg.wasm" "$work/web/dunwell_bg.wasm"; then
  echo "wasm-bindgen emitted different modules for nodejs and web: parity is impossible" >&2
  exit 1
fi

dist=pkg/dist
rm -rf "$dist"
mkdir -p "$dist"
cp "$work/web/dunwell_bg.wasm" "$dist/dunwell_bg.wasm"
cp "$work/nodejs/dunwell.js" "$dist/dunwell.cjs"
cp "$work/nodejs/dunwell.d.ts" "$dist/dunwell.d.cts"
cp "$work/web/dunwell.js" "$dist/dunwell_web.js"
cp "$work/web/dunwell.d.ts" "$dist/dunwell_web.d.ts"
sha256sum "$dist/dunwell_bg.wasm" | awk '{print $1}' > "$dist/SHA256"
echo "built $dist/dunwell_bg.wasm ($(wc -c < "$dist/dunwell_bg.wasm") bytes, sha256 $(cat "$dist/SHA256"))"
