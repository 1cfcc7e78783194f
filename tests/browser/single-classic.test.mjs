// The classic-script flavour of the single-file build (www/dist/dunwell-single.iife.js, scripts/build-single.sh),
// loaded the way Salesforce's `loadScript` loads a static resource: a plain <script src> inserted into the page
// (no type="module"), under a CSP without 'unsafe-inline'. It must evaluate (the ES module flavour fails there with
// "Cannot use 'import.meta' outside a module"), expose window.Dunwell, register every element, and decide the
// vector account as the corpus says, with no request for a .wasm or a policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../js/corpus.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";
const VECTOR = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/messages/decide_us_m2_messages_first_contact.json'), 'utf8'));
const SHA = readFileSync(join(ROOT, 'pkg/dist/SHA256'), 'utf8').trim();
const ELEMENTS = ['dunwell-account-plan', 'dunwell-message-preview', 'dunwell-reply-assistant', 'dunwell-strategy-simulator'];

/** Inserts a classic <script src> as loadScript does; resolves on load, rejects on a load or evaluation error. */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const errors = [];
    const onError = (e) => errors.push(e.message);
    window.addEventListener('error', onError);
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => { window.removeEventListener('error', onError); errors.length ? reject(new Error(errors.join('; '))) : resolve(); };
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(s);
  });
}

async function loadIn(page, file) {
  return page.evaluate(`(${loadScript})(${JSON.stringify(`/www/dist/${file}`)}).then(() => 'loaded', (e) => e.message)`);
}

test('dunwell-single.iife.js loads as a classic script (loadScript), registers the elements and decides', async () => {
  const server = await serve();
  const context = await launch();
  try {
    // A page from the test server's origin with a strict CSP; the test serves it itself.
    const pageUrl = `${server.url}/crm-page.html`;
    await context.route(pageUrl, (route) => route.fulfill({
      contentType: 'text/html', headers: { 'content-security-policy': CSP },
      body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>CRM</title><main id="host"></main>',
    }));

    // What the issue reported, so this test can tell the flavours apart: the module build fails as a classic script.
    const before = await context.newPage();
    await before.goto(pageUrl);
    assert.match(await loadIn(before, 'dunwell-single.js'), /import\.meta|import statement|Unexpected token 'export'/);
    await before.close();

    const page = await context.newPage();
    const errors = [];
    const requested = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(pageUrl);
    assert.equal(await loadIn(page, 'dunwell-single.iife.js'), 'loaded');

    assert.deepEqual(await page.evaluate(() => typeof window.Dunwell?.configure), 'function');
    assert.deepEqual(await page.evaluate((names) => names.filter((n) => !customElements.get(n)), ELEMENTS), []);
    assert.ok(await page.evaluate(() => customElements.get('dunwell-account-plan') === window.Dunwell.AccountPlan));

    // As an LWC does: create the element into a host node and give it the account.
    await page.evaluate((account) => {
      const plan = document.createElement('dunwell-account-plan');
      plan.id = 'plan';
      plan.setAttribute('as-of', '2026-11-28T09:00:00Z');
      plan.setAttribute('collector-zone', 'UTC');
      document.getElementById('host').append(plan);
      plan.account = account;
    }, VECTOR.input.account);
    await page.waitForFunction(() => document.getElementById('plan').decisionJson);
    const env = JSON.parse(await page.evaluate(() => document.getElementById('plan').decisionJson));
    assert.equal(env.ok?.engine.module_sha256, SHA, JSON.stringify(env.error));
    const { engine: _a, ...got } = env.ok;
    const { engine: _b, ...want } = VECTOR.expect.ok;
    assert.deepEqual(got, want, 'the classic-script decision differs from the vector');
    assert.match(await page.locator('dunwell-account-plan section').innerText(), /MSG-us-1/);

    assert.deepEqual(requested.filter((p) => p.endsWith('.wasm') || p.includes('/policies/') || p.includes('/policy/')), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
