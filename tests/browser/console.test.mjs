// The admin console's user-facing states in headless Debian Chromium, under the same strict CSP as widgets.test.mjs:
// a visible error when the module or the policy cannot be loaded (never a blank page), the simulator's recovery per
// currency in major units, a bad portfolio file's error, the stacked actions-per-day chart, zh-CN labels for the
// engine's codes, both clocks with a warning outside 08:00–21:00, and the message preview keeping its draft.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../js/corpus.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";
const csp = () => ({ 'content-security-policy': CSP });
let context;
let server;

before(async () => {
  context = await launch();
  server = await serve((path) => (path.startsWith('/www/') ? csp() : {}));
});
after(async () => {
  await context?.close();
  await server?.close();
});

/** A page that records CSP violations and errors. */
async function open(url, setup = async () => {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await setup(page);
  await page.goto(url);
  return page;
}

async function consolePage() {
  const page = await open(`${server.url}/www/index.html`);
  await page.waitForFunction(() => window.dunwellConsoleReady && document.getElementById('plan').decisionJson, null, { timeout: 15000 });
  return page;
}

test('serving only www/ (the module at /pkg/index.js is a 404) shows a visible error naming the file, not a blank page', async () => {
  const wwwOnly = await serve(csp, join(ROOT, 'www'));
  try {
    const page = await open(`${wwwOnly.url}/index.html`);
    const alert = page.locator('#console-status[role="alert"]');
    await alert.waitFor({ state: 'visible', timeout: 10000 });
    const text = await alert.innerText();
    assert.match(text, /\/pkg\/index\.js answered HTTP 404/);
    assert.match(text, /--static \/www=www --static \/pkg=pkg --static \/policies=policies/);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await page.close();
  } finally {
    await wwwOnly.close();
  }
});

test('a policy that cannot be loaded is an error in the element and in the page, naming the URL and status', async () => {
  const page = await open(`${server.url}/www/index.html`, (p) => p.route('**/policies/default.json', (r) => r.fulfill({ status: 404, body: 'gone' })));
  const banner = page.locator('#console-status[role="alert"]');
  await banner.waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await banner.innerText(), /console\.policy_unavailable/);
  assert.match(await banner.innerText(), /\/policies\/default\.json: HTTP 404/);
  assert.match(await page.locator('dunwell-account-plan [role="alert"]').innerText(), /policies\/default\.json: HTTP 404/);
  await page.close();
});

test('the READMEs document the serve line the error tells you to use', () => {
  const line = '--static /www=www --static /pkg=pkg --static /policies=policies';
  for (const f of ['README.md', 'www/README.md']) {
    const text = readFileSync(join(ROOT, f), 'utf8').replace(/\s+/g, ' ');
    assert.ok(text.includes(line), `${f} lacks the serve line`);
    assert.doesNotMatch(text, /serve[^`]*--static www\b/, `${f} still documents --static www`);
  }
});
