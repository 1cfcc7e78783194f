// Replays the shared vectors in headless Debian Chromium through the package's web entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './chromium.mjs';
import { ROOT, loadVectors, finish } from '../js/corpus.mjs';
import { serve } from './server.mjs';

test('every vector gives the expected output in Chromium, with the host module sha256', async () => {
  const server = await serve();
  const context = await launch();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${server.url}/tests/browser/page.html`);
    await page.waitForFunction(() => window.dunwellReady !== undefined);
    const vectors = loadVectors();
    const { moduleSha256, outputs } = await page.evaluate((vs) => window.runVectors(vs), vectors.map(({ name, policy, op, input }) => ({ name, policy, op, input })));
    assert.deepEqual(errors, []);
    assert.equal(moduleSha256, readFileSync(join(ROOT, 'pkg/dist/SHA256'), 'utf8').trim());
    const failures = finish('chromium', vectors, outputs);
    assert.deepEqual(failures, [], failures.join('\n'));
  } finally {
    await context.close();
    await server.close();
  }
});
