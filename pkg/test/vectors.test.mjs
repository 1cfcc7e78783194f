// Replays the shared vectors in Node through the package's public entry points (ESM and CJS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as dunwell from '../node.mjs';
import { ROOT, loadVectors, finish, runVector } from '../../tests/js/corpus.mjs';

// The package's raw string functions, for vectors that test invalid policies and validation.
const glue = createRequire(import.meta.url)('../dist/dunwell.cjs');
const api = {
  Engine: dunwell.Engine,
  validatePolicyJson: glue.validatePolicyJson,
};

test('every vector gives the expected output in Node', () => {
  const vectors = loadVectors();
  const engines = new Map();
  const outputs = vectors.map((v) => runVector(api, engines, v));
  const failures = finish('node', vectors, outputs);
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('decisions carry the same module sha256 the host reports', () => {
  const sha = readFileSync(join(ROOT, 'pkg/dist/SHA256'), 'utf8').trim();
  assert.equal(dunwell.getModuleSha256(), sha);
  const engine = new dunwell.Engine({});
  const d = engine.decide({ id: 'A', jurisdiction: 'US', currency: 'USD', borrower: { name: 'Ann', time_zone: 'America/New_York' } }, '2026-11-28T09:00:00Z');
  assert.equal(d.engine.module_sha256, sha);
});
