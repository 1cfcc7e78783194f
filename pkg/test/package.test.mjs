// What the npm package ships and what its defaults mean: the tarball's files, the default policy (a byte-for-byte
// copy of policies/default.json that `new Engine()` loads), engine.warnings, engine.offers and the declared types,
// each checked against an independent source (the repository's files, the vector corpus, the decision itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Engine, defaultPolicy, validatePolicy, DunwellError } from 'dunwell';
import { ROOT, loadVectors } from '../../tests/js/corpus.mjs';
import { DEFAULT_POLICY_JSON } from '../policy/default.js';

const PKG = join(ROOT, 'pkg');
const SOURCE_POLICY = readFileSync(join(ROOT, 'policies/default.json'));
const AS_OF = '2026-11-28T09:00:00Z';

test('npm pack puts LICENSE, the default policy, the .wasm and every file the entries import in the tarball', () => {
  // --ignore-scripts: prepack would re-sync policy/ and hide a stale copy from the test below.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG, encoding: 'utf8' });
  const files = new Set(JSON.parse(out)[0].files.map((f) => f.path));
  for (const f of ['LICENSE', 'policy/default.json', 'policy/default.js', 'dist/dunwell_bg.wasm', 'README.md', 'index.d.ts', 'types.d.ts',
    'schemas/account.schema.json', 'schemas/policy.schema.json', 'schemas/decision.schema.json', 'schemas/error.schema.json']) {
    assert.ok(files.has(f), `${f} is not in the tarball`);
  }
  // Every relative import of a shipped file is shipped too (a missing one breaks installs, not this repository).
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v.replace(/^\.\//, '')) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of targets.filter((t) => !t.includes('*'))) assert.ok(files.has(t), `export target ${t} is not in the tarball`);
  for (const f of [...files].filter((p) => /\.(m?js|cjs)$/.test(p))) {
    const src = readFileSync(join(PKG, f), 'utf8');
    for (const [, spec] of src.matchAll(/(?:from|require\(|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const resolved = join(f, '..', spec);
      assert.ok(files.has(resolved), `${f} imports ${spec}, which is not in the tarball`);
    }
  }
});

test('the shipped JSON Schemas are the ones generated from the Rust types (run `node pkg/sync-policy.mjs` if not)', () => {
  const source = join(ROOT, 'schemas');
  const names = readdirSync(source).filter((f) => f.endsWith('.schema.json')).sort();
  assert.ok(names.length >= 20, `only ${names.length} schemas in schemas/`);
  assert.deepEqual(readdirSync(join(PKG, 'schemas')).sort(), names);
  for (const f of names) assert.ok(readFileSync(join(PKG, 'schemas', f)).equals(readFileSync(join(source, f))), `pkg/schemas/${f} differs`);
  // Reachable by the documented specifier, as JSON.
  const schema = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('dunwell/schemas/policy.schema.json')), 'utf8'));
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.title, 'Policy');
});

test('types.d.ts is generated from the shipped schemas (run `node pkg/gen-types.mjs` if not)', async () => {
  const { generate } = await import('../gen-types.mjs');
  const want = await generate(readFileSync(join(ROOT, 'schemas/components.json'), 'utf8'));
  assert.equal(readFileSync(join(PKG, 'types.d.ts'), 'utf8'), want);
});

test('LICENSE is the Apache-2.0 text the manifests declare, the same file at the root and in the package', () => {
  const license = readFileSync(join(PKG, 'LICENSE'), 'utf8');
  assert.equal(license, readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
  assert.equal(JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).license, 'Apache-2.0');
});

test('the shipped default policy is policies/default.json byte for byte (run `node pkg/sync-policy.mjs` if not)', () => {
  assert.ok(readFileSync(join(PKG, 'policy/default.json')).equals(SOURCE_POLICY), 'pkg/policy/default.json differs from policies/default.json');
  assert.ok(Buffer.from(DEFAULT_POLICY_JSON).equals(SOURCE_POLICY), 'pkg/policy/default.js differs from policies/default.json');
  assert.deepEqual(defaultPolicy, JSON.parse(SOURCE_POLICY));
  assert.ok(Object.isFrozen(defaultPolicy) && Object.isFrozen(defaultPolicy.company), 'defaultPolicy is shared: it must be frozen');
});

test('new Engine() is the default policy: the corpus decisions made with policies/default.json', () => {
  const engine = new Engine();
  assert.equal(engine.policySha256, new Engine(SOURCE_POLICY.toString('utf8')).policySha256);
  assert.equal(engine.policySha256, new Engine(defaultPolicy).policySha256);
  const vectors = loadVectors().filter((v) => v.op === 'decide' && v.policy === SOURCE_POLICY.toString('utf8') && v.expect.ok
    && (v.name.startsWith('messages/') || v.name.startsWith('offers/')));
  assert.ok(vectors.length >= 10, `only ${vectors.length} vectors`);
  for (const v of vectors) {
    const got = JSON.parse(engine.decideJson(v.input)).ok;
    delete got.engine;
    const want = structuredClone(v.expect.ok);
    delete want.engine;
    if (!v.name.startsWith('messages/')) for (const a of [...got.actions, ...want.actions]) delete a.message;
    assert.ok(isDeepStrictEqual(got, want), `${v.name}: new Engine() differs from the vector`);
  }
});

test('{} is taken as given, as the README says: no scorecard and no segments, so no score and no actions', () => {
  const v = loadVectors().find((x) => x.name === 'messages/decide_us_m2_messages_first_contact.json');
  const { account, as_of } = JSON.parse(v.input);
  assert.ok(v.expect.ok.score !== null && v.expect.ok.actions.length > 0, 'the vector itself has a score and actions');
  const d = new Engine({}).decide(account, as_of);
  assert.equal(d.score, null);
  assert.deepEqual(d.actions, []);
});

test('engine.warnings is an array, the same as validatePolicy gives (and the vector expects)', () => {
  const v = loadVectors().find((x) => x.name === 'policy/validate_loosening_with_override_warns.json');
  const policy = JSON.parse(v.input);
  const warnings = new Engine(policy).warnings;
  assert.ok(Array.isArray(warnings));
  assert.deepEqual(warnings, validatePolicy(policy).warnings);
  assert.deepEqual(warnings, v.expect.warnings); // the vector pins code, path and message
  assert.deepEqual(new Engine().warnings, []);
});

test('engine.offers is the /v1/offers slice of the decision, for every decide vector of the default policy', () => {
  const engine = new Engine();
  const vectors = loadVectors().filter((v) => v.op === 'decide' && v.policy === SOURCE_POLICY.toString('utf8'));
  let ok = 0;
  for (const v of vectors) {
    let call;
    try { call = JSON.parse(v.input); } catch { continue; }  // vectors of malformed JSON text
    const { account, as_of } = call ?? {};
    if (account === undefined || as_of === undefined) continue;
    if (v.expect.error) {
      // The vector's raw text may hold what a parsed object cannot (duplicate keys): compare with decide on the object.
      const want = JSON.parse(engine.decideJson(JSON.stringify({ account, as_of }))).error;
      if (want) assert.throws(() => engine.offers(account, as_of), (e) => e instanceof DunwellError && e.code === want.code && e.path === want.path, v.name);
      continue;
    }
    const d = v.expect.ok;
    assert.deepEqual(engine.offers(account, as_of), { account_id: d.account_id, currency: d.currency, penalty: d.penalty, offers: d.offers, debt_advice: d.debt_advice }, v.name);
    ok++;
  }
  assert.ok(ok >= 80, `only ${ok} vectors`);
  assert.throws(() => engine.offers({ id: 'x' }, AS_OF), (e) => e instanceof DunwellError && e.path.startsWith('/account'));
  assert.throws(() => engine.offers({ id: 'x' }), (e) => e.code === 'call.missing_field' && e.path === '/as_of');
});

/** Top-level keys of `interface <name>` in index.d.ts. */
// The package's names for generated types (index.d.ts re-exports types.d.ts under these).
const GENERATED = { OffersView: 'OfferSheet', Penalty: 'PenaltyView' };

function declaredKeys(name) {
  const dts = readFileSync(join(PKG, 'types.d.ts'), 'utf8');
  const at = dts.indexOf(`export interface ${GENERATED[name] ?? name} {`);
  assert.ok(at >= 0, `types.d.ts declares no ${name}`);
  const body = dts.slice(at).split('\n}\n')[0];
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

test('the declared Decision has exactly the keys of a real decision; Policy declares every key of the default', () => {
  const v = loadVectors().find((x) => x.name === 'messages/decide_us_m2_messages_first_contact.json');
  const { account, as_of } = JSON.parse(v.input);
  assert.deepEqual(declaredKeys('Decision'), Object.keys(new Engine().decide(account, as_of)).sort());
  const policyKeys = declaredKeys('Policy');
  for (const k of Object.keys(defaultPolicy)) assert.ok(policyKeys.includes(k), `Policy does not declare ${k}`);
  assert.deepEqual(declaredKeys('OffersView'), Object.keys(new Engine().offers(account, as_of)).sort());
  // The nested documents the issue found missing, against real ones.
  const d = v.expect.ok;
  assert.deepEqual(declaredKeys('Penalty'), Object.keys(d.penalty).sort());
  assert.deepEqual(declaredKeys('Offer'), Object.keys(d.offers[0]).sort());
  const arr = loadVectors().find((x) => x.name === 'schedule/arrangement_completed.json').expect.ok.arrangement;
  assert.deepEqual(declaredKeys('ArrangementStatus'), Object.keys(arr).sort());
  assert.deepEqual(declaredKeys('PromiseStatus'), Object.keys(arr.instalments[0]).sort());
  // A render answer (an inline template that threatens, so the lint has a finding to show).
  const rendered = JSON.parse(new Engine().callJson('render', JSON.stringify({ account, as_of, channel: 'sms',
    template: { name: 'x', source: '{{ company.name }}: pay now or we will have you arrested' } }))).ok;
  assert.deepEqual([...declaredKeys('Message'), 'findings'].sort(), Object.keys(rendered).sort());
  assert.ok(rendered.findings.some((f) => f.code === 'lint.threat'));
  assert.deepEqual(declaredKeys('Finding'), Object.keys(rendered.findings[0]).sort());
});
