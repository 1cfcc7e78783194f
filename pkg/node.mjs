// The Node.js entry: wasm-bindgen's nodejs glue (CommonJS; it compiles and instantiates dist/dunwell_bg.wasm
// synchronously when loaded) under the package API of core.js. node.cjs is this module, required.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { DunwellError, bind, defaultPolicy } from './core.js';

const glue = createRequire(import.meta.url)('./dist/dunwell.cjs');
const moduleSha256 = createHash('sha256').update(readFileSync(new URL('./dist/dunwell_bg.wasm', import.meta.url))).digest('hex');

export { DunwellError, defaultPolicy };
export const { Engine, info, validatePolicy } = bind(glue, { moduleSha256: () => moduleSha256 });
/** Node loads the module synchronously on import: init is a no-op kept for one API everywhere. */
export const init = () => Promise.resolve();
export const initSync = () => {};
export const getModuleSha256 = () => moduleSha256;
export default init;
