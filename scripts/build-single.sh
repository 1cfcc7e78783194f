#!/usr/bin/env bash
# The single-file build of the widgets: www/dist/dunwell-single.js carries the elements, the package, the
# .wasm (base64) and the default policy, for CRMs that cannot serve .wasm files. Needs the module built.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/dist/dunwell_bg.wasm ] || bash scripts/build-wasm.sh
[ -x tests/browser/node_modules/.bin/esbuild ] || (cd tests/browser && npm ci --no-audit --no-fund --silent)
mkdir -p www/dist
node -e '
const fs = require("fs");
const wasm = fs.readFileSync("pkg/dist/dunwell_bg.wasm");
const sha = fs.readFileSync("pkg/dist/SHA256", "utf8").trim();
const policy = fs.readFileSync("policies/default.json", "utf8");
fs.writeFileSync("www/dist/inline-assets.js",
  `export const WASM_BASE64 = ${JSON.stringify(wasm.toString("base64"))};\nexport const WASM_SHA256 = ${JSON.stringify(sha)};\nexport const POLICY = ${JSON.stringify(policy)};\n`);
'
tests/browser/node_modules/.bin/esbuild www/single-entry.js --bundle --format=esm --log-level=warning \
  --outfile=www/dist/dunwell-single.js
ls -l www/dist/dunwell-single.js
