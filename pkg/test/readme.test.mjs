// Every code block of pkg/README.md is run: the Node ones here, each as its own program against the package
// installed as `dunwell`, with its output checked against an independent source (the vector corpus, the built
// module's SHA256, the policy rules); the browser ones by tests/browser/bundlers.test.mjs, which this test checks
// names each of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT } from '../../tests/js/corpus.mjs';
import { readmeSnippets, withAccount, quickStartAccount } from './readme-snippets.mjs';

const vector = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/messages/decide_us_m2_messages_first_contact.json'), 'utf8'));
const want = vector.expect.ok;
const SHA = readFileSync(join(ROOT, 'pkg/dist/SHA256'), 'utf8').trim();

/** Expected output per Node block (stdout, trimmed), from the vector the quick start's account is taken from. */
const NODE = {
  'quick-start': () => `${want.dpd} ${want.bucket} ${want.score.band} ${want.actions.map((a) => `${a.at} ${a.channel}`).join(', ')}`,
  policies: () => (out) => {
    const lines = out.split('\n');
    assert.equal(lines[0], '[]');
    assert.equal(lines[1], 'null');
    // horizon_days must be a number; `segmnets` is not a policy field (unknown fields are errors).
    assert.match(lines[2], /^policy\.\w+ \[ 'policy\.wrong_type \/horizon_days', 'policy\.unknown_field \/segmnets' \]$/);
  },
  offers: () => `${want.penalty.per_day} ${want.offers.map((o) => `${o.id} ${o.total}`).join(', ')} ${want.debt_advice}`,
  require: () => 'true',
  'web-in-node': () => `${SHA} ${want.bucket}`,
  'call-json': () => (out) => {
    // The first action of the decision is this template on this channel on the same day: the same words.
    const first = want.actions[0];
    assert.equal(first.template, 'm2_overdue_firm');
    assert.ok(out.startsWith(`${first.message.text} []\n`), out);
    assert.ok(out.endsWith('\ncall.unknown_op'), out);
  },
};
/** Blocks run in Chromium by tests/browser/bundlers.test.mjs. */
const BROWSER = ['bundler-page', 'esbuild-page', 'rollup-config'];

test('the quick start account is the vector account, so the vector is the expected answer', () => {
  const account = Function(`${quickStartAccount()} return account;`)();
  assert.deepEqual(account, vector.input.account);
  assert.equal(vector.input.as_of, '2026-11-28T09:00:00Z');
});

test('every README block has an id and a test that runs it', () => {
  const blocks = readmeSnippets();
  assert.ok(blocks.length >= 9, `${blocks.length} blocks`);
  const browserTest = readFileSync(join(ROOT, 'tests/browser/bundlers.test.mjs'), 'utf8');
  for (const b of blocks) {
    assert.ok(b.id, `README line ${b.line}: a block without an id`);
    if (BROWSER.includes(b.id)) assert.ok(browserTest.includes(`snippet('${b.id}')`), `${b.id} is not used by tests/browser/bundlers.test.mjs`);
    else assert.ok(b.id in NODE, `README line ${b.line}: block \`${b.id}\` is run by no test`);
  }
  assert.equal(new Set(blocks.map((b) => b.id)).size, blocks.length, 'ids are unique');
});

test('every Node block of the README runs and prints what the corpus says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dunwell-readme-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules', 'dunwell'), 'dir');
  for (const b of readmeSnippets().filter((x) => x.id in NODE)) {
    const file = join(dir, `${b.id}.${/require\(/.test(b.code) ? 'cjs' : 'mjs'}`);
    writeFileSync(file, withAccount(b.code));
    const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, `${b.id}: ${run.stderr}`);
    assert.equal(run.stderr, '', b.id);
    const expected = NODE[b.id]();
    const out = run.stdout.trim();
    if (typeof expected === 'function') expected(out);
    else assert.equal(out, expected, b.id);
  }
});
