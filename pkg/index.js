// The browser and bundler entry: wasm-bindgen's web glue over the package's single .wasm file.
// Bundlers (webpack 5, Vite, Rollup, esbuild) see `new URL(..., import.meta.url)` and ship the .wasm as an asset.
import glue, { initSync as glueInitSync, Engine as RawEngine, infoJson, validatePolicyJson } from './dist/dunwell_web.js';

const DEFAULT_MODULE = new URL('./dist/dunwell_bg.wasm', import.meta.url);
let moduleSha256 = null;
let ready = null;

/** An error from Dunwell: `code` (stable, e.g. `account.bad_time_zone`), `message`, `path` (JSON Pointer). */
export class DunwellError extends Error {
  constructor(code, message, path = '', extra = {}) {
    super(message);
    this.name = 'DunwellError';
    Object.assign(this, { code, path }, extra);
  }
  // Errors thrown inside the module are plain Errors named DunwellError; `instanceof` recognises them too.
  static [Symbol.hasInstance](e) {
    return e instanceof Error && e.name === 'DunwellError';
  }
}

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
      return;
    }
    const bytes = await bytesOf(input);
    moduleSha256 = await sha256Hex(bytes);
    await glue({ module_or_path: bytes });
  })();
  ready.catch(() => { ready = null; });
  return ready;
}

/** Synchronous init from bytes or a compiled module; `options.moduleSha256` is required for a Module. */
export function initSync(input, options = {}) {
  if (moduleSha256 !== null || ready) return;
  glueInitSync({ module: input });
  moduleSha256 = options.moduleSha256 ?? null;
  ready = Promise.resolve();
}

/** The sha256 of the loaded module (null before init, or when initialised from a Module without it). */
export function getModuleSha256() {
  return moduleSha256;
}

/** A loaded policy: `new Engine(policy)` (object or JSON string) after `await init()`. */
export class Engine extends RawEngine {
  constructor(policy) {
    super(policy, moduleSha256 ?? undefined);
  }
}

/** `{version, abi_version, tzdb_version, ops}` of the loaded module. */
export function info() {
  return JSON.parse(infoJson()).ok;
}

/** Validates a policy: `{ valid: true, warnings }` or throws DunwellError with every problem in `problems`. */
export function validatePolicy(policy) {
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  const env = JSON.parse(validatePolicyJson(text));
  if (env.error) throw new DunwellError(env.error.code, env.error.message, env.error.path, { problems: env.error.problems ?? [] });
  return { valid: true, warnings: env.warnings ?? [] };
}

export default init;
