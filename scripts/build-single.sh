#!/usr/bin/env bash
# The single-file build of the widgets: www/dist/dunwell-single.js carries the elements, the package, the
# .wasm (base64) and the package's default policy (pkg/policy/default.js), for CRMs that cannot serve .wasm files. Needs the module built.
# Two flavours of the same bundle: dunwell-single.js, an ES module (<script type="module">), and
# dunwell-single.iife.js, a classic script exposing `window.Dunwell` (what Salesforce's loadScript and other
# platforms that insert a plain <script> need: a classic script cannot contain `import.meta`).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/dist/dunwell_bg.wasm ] || bash scripts/build-wasm.sh
[ -x tests/browser/node_modules/.bin/esbuild ] || (cd tests/browser && npm ci --no-audit --no-fund --silent)
mkdir -p www/dist
node -e '
const fs = require("fs");
const wasm = fs.readFileSync("pkg/dist/dunwell_bg.wasm");
const sha = fs.readFileSync("pkg/dist/SHA256", "utf8").trim();
fs.writeFileSync("www/dist/inline-assets.js",
  `export const WASM_BASE64 = ${JSON.stringify(wasm.toString("base64"))};\nexport const WASM_SHA256 = ${JSON.stringify(sha)};\n`);
'
tests/browser/node_modules/.bin/esbuild www/single-entry.js --bundle --format=esm --log-level=warning \
  --outfile=www/dist/dunwell-single.js
# In a classic script `import.meta.url` does not exist: it becomes the script's own URL (only the elements' default
# policy URL uses it at load, and that policy is inlined, so nothing is fetched from it).
tests/browser/node_modules/.bin/esbuild www/single-entry.js --bundle --format=iife --global-name=Dunwell \
  --log-level=warning --define:import.meta.url=__dunwellScriptUrl \
  '--banner:js=var __dunwellScriptUrl = (document.currentScript && document.currentScript.src) || location.href;' \
  --outfile=www/dist/dunwell-single.iife.js
ls -l www/dist/dunwell-single.js www/dist/dunwell-single.iife.js
