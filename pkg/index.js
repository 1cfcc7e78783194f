// The browser and bundler entry: wasm-bindgen's web glue over the package's single .wasm file.
// webpack 5 and Vite see `new URL('./dist/dunwell_bg.wasm', import.meta.url)` and ship the .wasm as an asset;
// esbuild and Rollup do not: there the page passes the .wasm's URL to `init` (README, "Bundlers").
import glue, * as webGlue from './dist/dunwell_web.js';
import { DunwellError, bind, defaultPolicy } from './core.js';

/** Where the .wasm sits next to this file. Computed only when `init()` is given nothing, so this file also runs
 *  where `import.meta` is gone (the classic-script build of the widgets, which passes the bytes itself). */
const defaultModule = () => new URL('./dist/dunwell_bg.wasm', import.meta.url);
let moduleSha256 = null;
let loaded = false;
let ready = null;

export { DunwellError, defaultPolicy };
/** `Engine`, `info` and `validatePolicy` (see core.js); they throw `host.unavailable` before init. */
export const { Engine, info, validatePolicy } = bind(webGlue, { moduleSha256: () => moduleSha256, loaded: () => loaded });

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Node's fs when running in Node (process.getBuiltinModule: Node 20.16+, 22.3+), else null. No import statement,
 *  so bundlers building for browsers see nothing to resolve. */
function nodeFs() {
  const proc = globalThis.process;
  return typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule('node:fs') : null;
}

async function bytesOf(input, given) {
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return input;
  if (typeof Response === 'function' && input instanceof Response) return input.arrayBuffer();
  // Node's fetch cannot read file: URLs ("fetch failed"): read the file instead, so `import init from 'dunwell/web'`
  // followed by `await init()` works in Node as in a browser.
  const fs = nodeFs();
  const url = input instanceof URL ? input : URL.canParse?.(String(input)) ? new URL(String(input)) : null;
  if (fs && url?.protocol === 'file:') {
    try {
      return await fs.promises.readFile(url);
    } catch (e) {
      throw new DunwellError('host.module_unavailable', `cannot read the module at \`${url}\`: ${e.code ?? e.message}`, '', { cause: e });
    }
  }
  let res;
  try {
    res = await fetch(input);
  } catch (e) {
    throw new DunwellError('host.module_unavailable', `cannot fetch the module from \`${input}\`: ${e.message}`, '', { cause: e });
  }
  if (!res.ok) {
    // The usual cause: a bundler (esbuild, Rollup) copied this file into a bundle but not the .wasm beside it.
    const hint = given ? '' : '; if this page is bundled, emit `dunwell/dunwell_bg.wasm` as an asset and pass its URL to `init(url)`';
    throw new DunwellError('host.module_unavailable', `cannot load the module from \`${input}\`: HTTP ${res.status}${hint}`);
  }
  return res.arrayBuffer();
}

/**
 * Loads the module once (later calls return the same promise). `input` may be a URL or string, a Response,
 * bytes, or a compiled `WebAssembly.Module` (then pass `{ moduleSha256 }` if decisions should carry it).
 */
export function init(input, options = {}) {
  if (ready) return ready;
  const given = input !== undefined;
  if (!given) input = defaultModule();
  ready = (async () => {
    if (input instanceof WebAssembly.Module) {
      moduleSha256 = options.moduleSha256 ?? null;
      await glue({ module_or_path: input });
      loaded = true;
      return;
    }
    const bytes = await bytesOf(input, given);
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
