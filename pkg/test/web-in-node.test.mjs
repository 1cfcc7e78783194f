// `import init from 'dunwell/web'` in Node: `init()` with no argument reads the .wasm beside the entry from disk
// (Node's fetch cannot read file: URLs and used to fail with "fetch failed"); a file that is not there is a
// DunwellError naming it. Its own process: the web entry initialises once per process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { Engine, DunwellError, getModuleSha256, info } from 'dunwell/web';

const SHA = readFileSync(new URL('../dist/SHA256', import.meta.url), 'utf8').trim();
const account = { id: 'W-1', jurisdiction: 'CN', currency: 'CNY', balances: { principal: 1000000 }, instalments: [{ due: '2026-10-15', amount: 120000 }], borrower: { name: '王芳', time_zone: 'Asia/Shanghai' } };

test('dunwell/web in Node: a missing file is host.module_unavailable, then init() reads the shipped .wasm', async () => {
  await assert.rejects(init(new URL('file:///nonexistent/dunwell_bg.wasm')),
    (e) => e instanceof DunwellError && e.code === 'host.module_unavailable' && /nonexistent\/dunwell_bg\.wasm/.test(e.message) && /ENOENT/.test(e.message));
  assert.equal(getModuleSha256(), null);
  await init();
  assert.equal(getModuleSha256(), SHA, 'the sha256 of the bytes read is the built module\'s');
  assert.equal(info().abi_version, 1);
  const d = new Engine().decide(account, '2026-11-28T09:00:00Z');
  assert.equal(d.dpd, 44);   // 2026-10-15 unpaid, as of 2026-11-28 in Shanghai: 16 + 28 days
  assert.equal(d.engine.module_sha256, SHA);
});
