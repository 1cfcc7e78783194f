// The package API as front-end and Node developers use it: entry points, errors, init.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const wasmBytes = readFileSync(new URL('../dist/dunwell_bg.wasm', import.meta.url));
const sha = readFileSync(new URL('../dist/SHA256', import.meta.url), 'utf8').trim();
const account = { id: 'A-1', jurisdiction: 'CN', currency: 'CNY', balances: { principal: 1000000, interest: 0, fees: 0 }, instalments: [{ due: '2026-10-15', amount: 120000 }], borrower: { name: '王芳', time_zone: 'Asia/Shanghai' } };
const AS_OF = '2026-11-28T09:00:00Z';

test('CommonJS and ESM Node entries decide the same', async () => {
  const cjs = require('dunwell');
  const esm = await import('dunwell');
  const a = new cjs.Engine({}).decide(account, AS_OF);
  const b = new esm.Engine('{}').decide(account, AS_OF);
  assert.deepEqual(a, b);
  assert.equal(a.dpd, 44);
  assert.equal(a.bucket, 'M2');
  assert.equal(a.engine.module_sha256, sha);
});

test('errors are DunwellError with code and JSON path', async () => {
  const { Engine, DunwellError, validatePolicy } = await import('dunwell');
  const engine = new Engine({});
  assert.throws(() => engine.decide({ ...account, borrower: { name: 'x', time_zone: 'Mars/Base' } }, AS_OF),
    (e) => e instanceof DunwellError && e.code === 'account.bad_time_zone' && e.path === '/account/borrower/time_zone' && /Mars\/Base/.test(e.message));
  assert.throws(() => engine.decide(account, 'tomorrow'), (e) => e.code === 'call.bad_instant' && e.path === '/as_of');
  assert.throws(() => new Engine({ buckets: 1, nmae: 2 }),
    (e) => e instanceof DunwellError && e.problems.length === 2 && e.problems.map((p) => p.path).join() === '/buckets,/nmae');
  assert.throws(() => validatePolicy('{"name":1'), (e) => e.code === 'json.syntax');
  assert.deepEqual(validatePolicy({}), { valid: true, warnings: [] });
  // Objects JSON cannot represent are an error, not a crash.
  const cyclic = { ...account }; cyclic.self = cyclic;
  assert.throws(() => engine.decide(cyclic, AS_OF), (e) => e instanceof DunwellError);
});

test('decideJson never throws, whatever it is given', async () => {
  const { Engine } = await import('dunwell');
  const engine = new Engine({});
  for (const input of ['', '{', 'null', '[]', '"x"', '{"as_of":1}', '\u0000', '{"as_of":"2026-11-28T09:00:00Z","account":' + '['.repeat(10000) + '}']) {
    const env = JSON.parse(engine.decideJson(input));
    assert.ok(env.error && typeof env.error.code === 'string' && typeof env.error.path === 'string', input.slice(0, 30));
  }
  assert.equal(JSON.parse(engine.callJson('nope', '{}')).error.code, 'call.unknown_op');
});

test('the web entry initialises from bytes once, and from a compiled Module', async () => {
  const web = await import('../index.js');
  assert.equal(web.getModuleSha256(), null);
  await Promise.all([web.init(wasmBytes), web.init(wasmBytes)]);
  assert.equal(web.getModuleSha256(), sha);
  await web.init(new URL('file:///nonexistent.wasm'));  // already initialised: ignored
  const d = new web.Engine({}).decide(account, AS_OF);
  assert.equal(d.engine.module_sha256, sha);
  assert.equal(web.info().abi_version, 1);
});

test('engine.call takes an object and answers the ok value, throws DunwellError, and passes decide_batch text through', async () => {
  const { Engine, DunwellError } = await import('dunwell');
  const { loadVectors } = await import('../../tests/js/corpus.mjs');
  const engine = new Engine();
  const defaultText = readFileSync(new URL('../../policies/default.json', import.meta.url), 'utf8');
  const v = loadVectors().find((x) => x.op === 'render' && x.expect.ok && x.policy === defaultText);
  assert.ok(v, 'a render vector of the default policy');
  const input = JSON.parse(v.input);
  assert.deepEqual(engine.call('render', input), JSON.parse(engine.callJson('render', v.input)).ok);
  assert.throws(() => engine.call('render', { ...input, channel: 'pigeon' }), (e) => e instanceof DunwellError && e.path === '/channel');
  const batch = engine.call('decide_batch', `{"as_of":"2026-11-28T09:00:00Z"}\n${JSON.stringify(input.account)}`);
  assert.equal(typeof batch, 'string');
  assert.ok(JSON.parse(batch).ok.account_id);
});
