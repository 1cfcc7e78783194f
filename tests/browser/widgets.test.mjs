// The admin console and its custom elements in headless Debian Chromium, under a strict CSP
// (script-src 'self' 'wasm-unsafe-eval', no 'unsafe-inline'): each element renders and reacts, the plan in the
// page is byte for byte the native decision, keyboard use works, axe-core finds no serious violation, and a
// screenshot of every element in English and Chinese is saved under target/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../js/corpus.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";
const SHOTS = join(ROOT, 'target/screenshots');

function nativeOutput(vector) {
  // Written by the native vector replay, which runs before the browser tests.
  const line = readFileSync(join(ROOT, 'target/parity/native.txt'), 'utf8').split('\n').find((l) => l.startsWith(`${vector}\t`));
  // A single envelope has no newline of its own, so the line is the output as it is.
  return line?.slice(vector.length + 1);
}

test('console and elements under a strict CSP: render, react, keyboard, a11y, parity, screenshots', async () => {
  mkdirSync(SHOTS, { recursive: true });
  const server = await serve((path) => (path.startsWith('/www/') ? { 'content-security-policy': CSP } : {}));
  const context = await launch();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const started = Date.now();
    await page.goto(`${server.url}/www/index.html`);
    await page.waitForFunction(() => window.dunwellConsoleReady && document.getElementById('plan').decisionJson);
    const firstDecisionMs = Date.now() - started;

    // The plan is the native decision, byte for byte (same module, same policy, same account).
    const planJson = await page.evaluate(() => document.getElementById('plan').decisionJson);
    const native = nativeOutput('messages/decide_us_m2_messages_first_contact.json');
    // Asserted at the end: a mismatch (a native replay older than the module, say) should not hide the checks below
    // or stop the screenshots being taken.
    if (planJson !== native) writeFileSync(join(SHOTS, 'plan-mismatch.json'), `${planJson}\n${native}\n`);
    const planText = await page.locator('dunwell-account-plan section').innerText();
    assert.match(planText, /MSG-us-1/);
    assert.match(planText, /m2_overdue_firm|SMS/);

    // Keyboard: focus the reply box, type, Tab to the button, Enter.
    const box = page.locator('dunwell-reply-assistant textarea');
    await box.focus();
    await page.keyboard.type("I lost my job, can I pay 500 next Friday?");
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('reply').shadowRoot.activeElement?.id), 'go');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('reply').analysisJson);
    const replyText = await page.locator('dunwell-reply-assistant #result').innerText();
    assert.match(replyText, /Hardship/);
    assert.match(replyText, /Record a promise 2026-12-04/);

    // Message preview: the library template, then a threatening draft is flagged.
    await page.waitForFunction(() => document.getElementById('preview').shadowRoot.getElementById('out')?.textContent);
    assert.match(await page.locator('dunwell-message-preview #out').innerText(), /Dunwell Demo Finance/);
    await page.locator('dunwell-message-preview #source').fill('{{ company.name }}: pay now or we will have you arrested');
    await page.waitForFunction(() => document.getElementById('preview').shadowRoot.querySelector('#findings [data-code="lint.threat"]'));
    await page.locator('dunwell-message-preview #source').fill('');

    // Simulator over the bundled 300-account sample: charts with a data table beside each.
    const summary = await page.evaluate(() => document.getElementById('sim').run());
    assert.equal(summary.accounts, 300);
    assert.equal(summary.decided, 300);
    // Actions per day × channel, suppressions by reason, bucket mix, net recovery per currency, and by bucket.
    assert.equal(await page.locator('dunwell-strategy-simulator table').count(), 5);

    // Accessibility: axe-core (served from this origin, so the CSP allows it) on the console and open shadow roots.
    await page.addScriptTag({ url: `${server.url}/tests/browser/node_modules/axe-core/axe.min.js` });
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.length}`);
    });
    assert.deepEqual(axe, []);

    // Screenshots of every element, in English then Chinese.
    for (const lang of ['en-US', 'zh-CN']) {
      await page.selectOption('#lang', lang);
      if (lang === 'zh-CN') {
        await page.selectOption('#account', 'MSG-cn-2');
        await page.waitForFunction(() => JSON.parse(document.getElementById('plan').decisionJson).ok.account_id === 'MSG-cn-2');
        await page.evaluate(() => document.getElementById('sim').run());
        await page.evaluate(() => document.getElementById('reply').analyse('我失业了，下周五能先还500元吗'));
      }
      await page.waitForTimeout(200);
      // No focus ring in the pictures (the message preview's text area was edited last).
      await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.blur());
      for (const el of ['dunwell-account-plan', 'dunwell-reply-assistant', 'dunwell-message-preview', 'dunwell-strategy-simulator']) {
        await page.locator(el).screenshot({ path: join(SHOTS, `${el}-${lang}.png`) });
      }
    }
    assert.match(await page.locator('dunwell-account-plan section').innerText(), /逾期天数/);

    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(errors, []);
    assert.ok(planJson === native, 'the plan in the page differs from the native decision (see target/screenshots/plan-mismatch.json)');
    console.log(`page load to first decision: ${firstDecisionMs} ms; simulator over 300 accounts: ${summary.ms.toFixed(0)} ms`);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the single-file build works with no .wasm request, under the same CSP, with the same decision', async () => {
  const server = await serve((path) => (path.startsWith('/www/') ? { 'content-security-policy': CSP } : {}));
  const context = await launch();
  try {
    const page = await context.newPage();
    const errors = [];
    const requested = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/www/single.html`);
    await page.waitForFunction(() => window.dunwellSingleReady && document.getElementById('plan').decisionJson);
    const planJson = await page.evaluate(() => document.getElementById('plan').decisionJson);
    // The message preview's variable list comes from the schema inlined in the bundle (no request for it either).
    const variables = await page.evaluate(async (account) => {
      const preview = document.createElement('dunwell-message-preview');
      preview.setAttribute('as-of', '2026-11-28T09:00:00Z');
      document.querySelector('main').append(preview);
      preview.account = account;
      for (let i = 0; i < 100 && !preview.shadowRoot?.querySelector('table.variables'); i++) await new Promise((r) => setTimeout(r, 50));
      return [...preview.shadowRoot.querySelectorAll('table.variables tr.var')].map((r) => r.dataset.var);
    }, JSON.parse(readFileSync(join(ROOT, 'www/sample/accounts.json'), 'utf8'))[0]);
    const schema = JSON.parse(readFileSync(join(ROOT, 'pkg/schemas/message-context.schema.json'), 'utf8'));
    assert.deepEqual(variables, Object.keys(schema.properties));
    assert.deepEqual(requested.filter((p) => p.endsWith('.wasm') || p.includes('/policies/') || p.includes('/schemas/')), []);
    assert.deepEqual(errors, []);
    assert.ok(planJson === nativeOutput('messages/decide_us_m2_messages_first_contact.json'), 'single-file decision differs');
  } finally {
    await context.close();
    await server.close();
  }
});
