// Entry of the single-file build (scripts/build-single.sh): the elements, the module inlined as base64, the
// package's default policy and the schema of the template variables (the message preview's list), for platforms
// that cannot serve a .wasm file. One <script type="module"> and done (or, built as dunwell-single.iife.js, one
// classic <script> exposing window.Dunwell).
import { initSync } from '../pkg/index.js';
import { DEFAULT_POLICY_JSON } from '../pkg/policy/default.js';
import { configure } from './dunwell-elements.js';
import { WASM_BASE64, WASM_SHA256 } from './dist/inline-assets.js';
import CONTEXT_SCHEMA from '../pkg/schemas/message-context.schema.json' with { type: 'json' };

const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
initSync(bytes, { moduleSha256: WASM_SHA256 });
configure({ policy: DEFAULT_POLICY_JSON, contextSchema: CONTEXT_SCHEMA });

export * from './dunwell-elements.js';
