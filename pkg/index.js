// The browser and bundler entry: wasm-bindgen's web glue over the package's single .wasm file.
// Bundlers (webpack 5, Vite, Rollup, esbuild) see `new URL(..., import.meta.url)` and ship the .wasm as an asset.
import glue, * as webGlue from './dist/dunwell_web.js';
import { DunwellError, bind } from './core.js';

const DEFAULT_MODULE = new URL('./dist/dunwell_bg.wasm', import.meta.url);
let moduleSha256 = null;
let loaded = false;
let ready = null;

export { DunwellError };
/** `Engine`, `info` and `validatePolicy` (see core.js); they throw `host.unavailable` before init. */
export const { Engine, info, validatePolicy } = bind(webGlue, { moduleSha256: () => moduleSha256, loaded: () => loaded });

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function bytesOf(input) {
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return input;
  if (typeof Response === 'function' && input instanceof Response) return input.arrayBuffer();
  const res = await fetch(input);
  if (!res.ok) throw new DunwellError('host.module_unavailable', `cannot load the module from \`${input}\`: HTTP ${res.status}`);
  return res.arrayBuffer();
}

/**
 * Loads the module once (later calls return the same promise). `input` may be a URL or string, a Response,
 * bytes, or a compiled `WebAssembly.Module` (then pass `{ moduleSha256 }` if decisions should carry it).
 */
export function init(input = DEFAULT_MODULE, options = {}) {
  if (ready) return ready;
  ready = (async () => {
    if (input instanceof WebAssembly.Module) {
      moduleSha256 = options.moduleSha256 ?? null;
      await glue({ module_or_path: input });
      loaded = true;
      return;
    }
    const bytes = await bytesOf(input);
    moduleSha256 = await sha256Hex(bytes);
    await glue({ module_or_path: bytes });
    loaded = true;
  })();
  ready.catch(() => { ready = null; });
  return ready;
}

/** Synchronous init from bytes or a compiled module; `options.moduleSha256` is required for a Module. */
export function initSync(input, options = {}) {
  if (moduleSha256 !== null || ready) return;
  webGlue.initSync({ module: input });
  moduleSha256 = options.moduleSha256 ?? null;
  loaded = true;
  ready = Promise.resolve();
}

/** The sha256 of the loaded module (null before init, or when initialised from a Module without it). */
export function getModuleSha256() {
  return moduleSha256;
}

export default init;
