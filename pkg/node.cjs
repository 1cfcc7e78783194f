// The Node.js entry (CommonJS): wasm-bindgen's nodejs glue, which loads dist/dunwell_bg.wasm synchronously.
'use strict';
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const path = require('node:path');
const glue = require('./dist/dunwell.cjs');

const moduleSha256 = createHash('sha256').update(readFileSync(path.join(__dirname, 'dist', 'dunwell_bg.wasm'))).digest('hex');

/** An error from Dunwell: `code` (stable, e.g. `account.bad_time_zone`), `message`, `path` (JSON Pointer). */
class DunwellError extends Error {
  constructor(code, message, path = '', extra = {}) {
    super(message);
    this.name = 'DunwellError';
    Object.assign(this, { code, path }, extra);
  }
  static [Symbol.hasInstance](e) {
    return e instanceof Error && e.name === 'DunwellError';
  }
}

/** A loaded policy: `new Engine(policy)` (object or JSON string). */
class Engine extends glue.Engine {
  constructor(policy) {
    super(policy, moduleSha256);
  }
}

module.exports = {
  DunwellError,
  Engine,
  /** Node loads the module synchronously on require: init is a no-op kept for one API everywhere. */
  init: () => Promise.resolve(),
  initSync: () => {},
  getModuleSha256: () => moduleSha256,
  info: () => JSON.parse(glue.infoJson()).ok,
  validatePolicy(policy) {
    const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
    const env = JSON.parse(glue.validatePolicyJson(text));
    if (env.error) throw new DunwellError(env.error.code, env.error.message, env.error.path, { problems: env.error.problems ?? [] });
    return { valid: true, warnings: env.warnings ?? [] };
  },
};
