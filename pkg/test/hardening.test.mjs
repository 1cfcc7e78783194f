// Misuse and traps through every entry point: each misuse is a DunwellError with a code and a path, a trap replaces
// the instance and the engines go on answering exactly as a fresh process does, and a freed engine says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as webGlue from '../dist/dunwell_web.js';
import { bind } from '../core.js';

const require = createRequire(import.meta.url);
const wasmBytes = readFileSync(new URL('../dist/dunwell_bg.wasm', import.meta.url));
const nodeGlue = require('../dist/dunwell.cjs');
const account = { id: 'A-1', jurisdiction: 'CN', currency: 'CNY', balances: { principal: 1000000, interest: 0, fees: 0 }, instalments: [{ due: '2026-10-15', amount: 120000 }], borrower: { name: '王芳', time_zone: 'Asia/Shanghai' } };
const AS_OF = '2026-11-28T09:00:00Z';
const CHALLENGER = readFileSync(new URL('../../tests/policies/champion_challenger.json', import.meta.url), 'utf8');

// Runs first: nothing in this process has initialised the web entry yet.
test('the web entry says to call init() first, instead of failing inside the glue', async () => {
  const web = await import('../index.js');
  assert.throws(() => new web.Engine({}), (e) => e instanceof web.DunwellError && e.code === 'host.unavailable' && /init\(\)/.test(e.message));
  assert.throws(() => web.info(), (e) => e.code === 'host.unavailable');
});

async function entries() {
  const web = await import('../index.js');
  await web.init(wasmBytes);
  return { cjs: require('dunwell'), esm: await import('dunwell'), web };
}

/** Asserts `f` throws a DunwellError with this code and path and a lower-case message without a final period. */
function throwsDunwell(api, f, code, path, label) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof api.DunwellError, `${label}: ${e?.name}: ${e?.message}`);
    assert.equal(e.code, code, label);
    assert.equal(e.path, path, label);
    assert.match(e.message, /^[a-z`]/, label);
    assert.doesNotMatch(e.message, /\.$|unwrap_throw|null pointer|out of bounds/, label);
    return true;
  }, label);
}

/** Asserts a string-tier answer is an error envelope with this code and path. */
function envelopeOf(text, code, path, label) {
  const env = JSON.parse(text);
  assert.ok(env.error, `${label}: ${text}`);
  assert.equal(env.error.code, code, label);
  assert.equal(env.error.path, path, label);
}

test('every misuse of decide is a DunwellError naming the argument, in every entry point', async () => {
  const cyclic = { ...account };
  cyclic.self = cyclic;
  for (const [name, api] of Object.entries(await entries())) {
    const engine = new api.Engine({});
    const cases = [
      [() => engine.decide(account, 12345), 'call.wrong_type', '/as_of', 'number as asOf'],
      [() => engine.decide(account, {}), 'call.wrong_type', '/as_of', '{} as asOf'],
      [() => engine.decide(account, null), 'call.wrong_type', '/as_of', 'null as asOf'],
      [() => engine.decide(account, Symbol('t')), 'call.wrong_type', '/as_of', 'Symbol as asOf'],
      [() => engine.decide(account, () => AS_OF), 'call.wrong_type', '/as_of', 'function as asOf'],
      [() => engine.decide(account, 10n), 'call.wrong_type', '/as_of', 'BigInt as asOf'],
      [() => engine.decide(account), 'call.missing_field', '/as_of', 'missing asOf'],
      [() => engine.decide(account, new Date('tomorrow')), 'call.bad_instant', '/as_of', 'invalid Date'],
      [() => engine.decide(undefined, AS_OF), 'account.missing_field', '/account', 'undefined account'],
      [() => engine.decide(Symbol('a'), AS_OF), 'account.wrong_type', '/account', 'Symbol account'],
      [() => engine.decide(() => account, AS_OF), 'account.wrong_type', '/account', 'function account'],
      [() => engine.decide(10n, AS_OF), 'account.wrong_type', '/account', 'BigInt account'],
      [() => engine.decide(cyclic, AS_OF), 'account.wrong_type', '/account', 'circular account'],
      [() => engine.decide({ ...account, balances: { principal: 1n } }, AS_OF), 'account.wrong_type', '/account', 'BigInt inside account'],
      [() => engine.offers(account, 12345), 'call.wrong_type', '/as_of', 'number as asOf to offers'],
      [() => engine.offers(account), 'call.missing_field', '/as_of', 'missing asOf to offers'],
      [() => engine.offers(undefined, AS_OF), 'account.missing_field', '/account', 'undefined account to offers'],
      [() => engine.offers(cyclic, AS_OF), 'account.wrong_type', '/account', 'circular account to offers'],
      [() => new api.Engine(Symbol('p')), 'policy.wrong_type', '', 'Symbol policy'],
      [() => new api.Engine(() => ({})), 'policy.wrong_type', '', 'function policy'],
      [() => api.validatePolicy(undefined), 'policy.wrong_type', '', 'validatePolicy(undefined)'],
    ];
    for (const [f, code, path, label] of cases) throwsDunwell(api, f, code, path, `${name}: ${label}`);
    // No policy (or undefined) is the package's default policy, not a mistake; null is not a policy.
    assert.equal(new api.Engine().policySha256, new api.Engine(api.defaultPolicy).policySha256, `${name}: new Engine()`);
    assert.equal(new api.Engine(undefined).policySha256, new api.Engine().policySha256, `${name}: new Engine(undefined)`);
    assert.notEqual(new api.Engine().policySha256, engine.policySha256, `${name}: the default policy is not {}`);
    assert.throws(() => new api.Engine(null), (e) => e instanceof api.DunwellError && e.problems.length >= 1, `${name}: null policy`);

    // The string tier never throws: a wrong argument is an error envelope.
    envelopeOf(engine.decideJson({ a: 1 }), 'call.wrong_type', '', `${name}: decideJson(object)`);
    envelopeOf(engine.decideJson(), 'call.wrong_type', '', `${name}: decideJson()`);
    envelopeOf(engine.callJson('decide', { a: 1 }), 'call.wrong_type', '', `${name}: callJson(op, object)`);
    envelopeOf(engine.callJson(0, '{}'), 'call.wrong_type', '', `${name}: callJson(number, json)`);

    // A Date is taken as its instant: the same decision as the RFC 3339 string.
    assert.deepEqual(engine.decide(account, new Date(AS_OF)), engine.decide(account, AS_OF), `${name}: Date asOf`);
    assert.equal(engine.decide(account, new Date(AS_OF)).as_of, AS_OF);
    // And a JSON string account is the same account.
    assert.deepEqual(engine.decide(JSON.stringify(account), AS_OF), engine.decide(account, AS_OF), `${name}: string account`);
    engine.free();
  }
});

test('a freed engine answers abi.unknown_engine from every method, and free() twice is harmless', async () => {
  for (const [name, api] of Object.entries(await entries())) {
    const engine = new api.Engine({});
    const other = new api.Engine({});
    engine.free();
    engine.free();
    throwsDunwell(api, () => engine.decide(account, AS_OF), 'abi.unknown_engine', '', `${name}: decide`);
    throwsDunwell(api, () => engine.policySha256, 'abi.unknown_engine', '', `${name}: policySha256`);
    throwsDunwell(api, () => engine.warnings, 'abi.unknown_engine', '', `${name}: warnings`);
    throwsDunwell(api, () => engine.offers(account, AS_OF), 'abi.unknown_engine', '', `${name}: offers`);
    envelopeOf(engine.decideJson(JSON.stringify({ account, as_of: AS_OF })), 'abi.unknown_engine', '', `${name}: decideJson`);
    envelopeOf(engine.callJson('decide', JSON.stringify({ account, as_of: AS_OF })), 'abi.unknown_engine', '', `${name}: callJson`);
    assert.equal(other.decide(account, AS_OF).dpd, 44, `${name}: other engines unaffected`);
    other.free();
  }
});

/** The decision a fresh Node process gives, as JSON text: what a healthy instance answers. */
function freshAnswer(policyJson) {
  const script = `const d = require(${JSON.stringify(fileURLToPath(new URL('../node.cjs', import.meta.url)))});
    process.stdout.write(JSON.stringify(new d.Engine(${JSON.stringify(policyJson)}).decide(${JSON.stringify(account)}, ${JSON.stringify(AS_OF)})));`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

test('1,000 calls that used to trap the module leave decisions byte-identical to a fresh process', async () => {
  const { cjs } = await entries();
  const engine = new cjs.Engine('{}');
  for (let i = 0; i < 1000; i++) {
    // Each of these trapped inside the glue before: a number or object as asOf, an object to the string tier.
    throwsDunwell(cjs, () => engine.decide(account, i % 2 ? i : {}), 'call.wrong_type', '/as_of', `call ${i}`);
    envelopeOf(engine.decideJson({ i }), 'call.wrong_type', '', `call ${i}`);
  }
  assert.equal(JSON.stringify(engine.decide(account, AS_OF)), freshAnswer('{}'));
  engine.free();  // failed with "attempted to take ownership of Rust value while it was borrowed" after a trap
});

/**
 * A glue whose engines really trap the module on demand: `decide(account, 'TRAP')` hands the module an object where
 * it reads a string, as the package itself did for `decide(account, {})` before it checked arguments. The trap
 * happens inside the module while it holds the engine borrowed, which poisons that instance.
 */
function trapping(glue) {
  class Engine extends glue.Engine {
    decide(acct, asOf) {
      return super.decide(acct, asOf === 'TRAP' ? {} : asOf);
    }
  }
  return { ...glue, Engine };
}

test('1,000 real traps: each is internal.trap, the instance is replaced, every engine answers as a fresh process', async () => {
  const { cjs, esm } = await entries();
  // Engines made before the traps, through the public entries, on the same instance the traps poison.
  const byDefault = new cjs.Engine({});
  const challenger = new esm.Engine(CHALLENGER);
  const stale = new nodeGlue.Engine('{}');  // the glue's own engine: it must go stale when the instance is replaced
  const api = bind(trapping(nodeGlue), { moduleSha256: cjs.getModuleSha256 });
  const victim = new api.Engine({});
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => victim.decide(account, 'TRAP'), (e) => {
      assert.ok(e instanceof cjs.DunwellError, `trap ${i}: ${e?.name}: ${e?.message}`);
      assert.equal(e.code, 'internal.trap');
      assert.equal(e.path, '');
      assert.match(e.message, /^the module trapped: /);
      assert.ok(e.cause instanceof WebAssembly.RuntimeError);
      return true;
    });
    if (i % 250 === 0) assert.equal(byDefault.decide(account, AS_OF).dpd, 44, `after trap ${i}`);
  }
  assert.throws(() => stale.decideJson('{}'), /previous Wasm instance/, 'the instance was not replaced');
  assert.equal(JSON.stringify(byDefault.decide(account, AS_OF)), freshAnswer('{}'));
  assert.equal(JSON.stringify(challenger.decide(account, AS_OF)), freshAnswer(CHALLENGER));
  assert.equal(JSON.stringify(victim.decide(account, AS_OF)), freshAnswer('{}'));
  assert.equal(challenger.policySha256, new cjs.Engine(CHALLENGER).policySha256);
  envelopeOf(victim.decideJson('{'), 'json.syntax', '', 'string tier after traps');
  assert.equal(cjs.info().abi_version, 1);
  for (const e of [byDefault, challenger, victim]) e.free();
});

test('the web entry replaces a trapped instance the same way', async () => {
  const { web, cjs } = await entries();
  const engine = new web.Engine({});
  const stale = new webGlue.Engine('{}');
  const api = bind(trapping(webGlue), { moduleSha256: web.getModuleSha256 });
  const victim = new api.Engine({});
  for (let i = 0; i < 50; i++) {
    assert.throws(() => victim.decide(account, 'TRAP'), (e) => e instanceof web.DunwellError && e.code === 'internal.trap');
  }
  assert.throws(() => stale.decideJson('{}'), /previous Wasm instance/, 'the instance was not replaced');
  assert.equal(JSON.stringify(engine.decide(account, AS_OF)), freshAnswer('{}'));
  assert.equal(JSON.stringify(victim.decide(account, AS_OF)), JSON.stringify(new cjs.Engine({}).decide(account, AS_OF)));
  assert.deepEqual(web.validatePolicy({}), { valid: true, warnings: [] });
  engine.free();
  victim.free();
});
