// Entry of the single-file build (scripts/build-single.sh): the elements, the module inlined as base64 and
// the default policy inlined, for platforms that cannot serve a .wasm file. One <script type="module"> and done.
import { initSync } from '../pkg/index.js';
import { configure } from './dunwell-elements.js';
import { WASM_BASE64, WASM_SHA256, POLICY } from './dist/inline-assets.js';

const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
initSync(bytes, { moduleSha256: WASM_SHA256 });
configure({ policy: POLICY });

export * from './dunwell-elements.js';
