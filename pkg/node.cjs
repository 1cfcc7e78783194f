// The Node.js entry (CommonJS): wasm-bindgen's nodejs glue, which loads dist/dunwell_bg.wasm synchronously, under
// the package API of core.js (an ES module: `require` of it needs Node 20.19+ or 22.12+).
'use strict';
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const path = require('node:path');
const glue = require('./dist/dunwell.cjs');
const { DunwellError, bind } = require('./core.js');

const moduleSha256 = createHash('sha256').update(readFileSync(path.join(__dirname, 'dist', 'dunwell_bg.wasm'))).digest('hex');
const { Engine, info, validatePolicy } = bind(glue, { moduleSha256: () => moduleSha256 });

module.exports = {
  DunwellError,
  Engine,
  /** Node loads the module synchronously on require: init is a no-op kept for one API everywhere. */
  init: () => Promise.resolve(),
  initSync: () => {},
  getModuleSha256: () => moduleSha256,
  info,
  validatePolicy,
};
