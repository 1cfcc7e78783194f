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

// The expectations of the simulator tests, derived here from the engine's decisions in Node (the same module and
// policy) with an aggregation written independently of the element's.
const AS_OF = '2026-11-28T09:00:00Z';
const { Engine } = await import('../../pkg/node.mjs');
const engine = new Engine(readFileSync(join(ROOT, 'policies/default.json'), 'utf8'));
const portfolio = readFileSync(join(ROOT, 'www/sample/portfolio.jsonl'), 'utf8').split('\n').filter(Boolean);
const decisions = engine.callJson('decide_batch', `${JSON.stringify({ as_of: AS_OF, messages: false })}\n${portfolio.join('\n')}`)
  .split('\n').map((l) => JSON.parse(l).ok);

let shared;
async function sharedConsole() {
  shared ??= consolePage();
  return shared;
}

test('simulator: expected net recovery per currency in major units (never summed across currencies)', async () => {
  const page = await sharedConsole();
  const expected = {};
  for (const d of decisions) {
    if (!d.offers.length) continue;
    // The engine ranks offers (forbearance first in hardship, then affordable, then net recovery): the first is the
    // one the plan proposes, so its net recovery is the account's expectation.
    expected[d.currency] = (expected[d.currency] ?? 0) + d.offers[0].net_recovery;
  }
  assert.ok(Object.keys(expected).length >= 3, 'the sample has several currencies');
  const summary = await page.evaluate(() => document.getElementById('sim').run());
  assert.deepEqual(Object.fromEntries(Object.entries(summary.recovery).map(([c, r]) => [c, r.net_recovery])), expected);
  for (const [currency, minor] of Object.entries(expected)) {
    // USD, GBP and CNY have 2 decimals (ISO 4217).
    const major = new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
    assert.equal(await page.locator(`dunwell-strategy-simulator table.recovery td[data-currency="${currency}"]`).innerText(), major);
    assert.match(await page.locator('dunwell-strategy-simulator #status').innerText(), new RegExp(major.replace(/[.$]/g, '\\$&')));
  }
  const across = Object.values(expected).reduce((a, b) => a + b, 0);
  assert.doesNotMatch(await page.locator('dunwell-strategy-simulator section').innerText(), new RegExp(`\\b${across}\\b`));
  assert.match(await page.locator('dunwell-strategy-simulator section').innerText(), /Expected net recovery/);
});

test('simulator: a bad file is an error naming the line and the problem, with no empty charts', async () => {
  const page = await sharedConsole();
  const result = await page.evaluate(() => document.getElementById('sim').run('this is not json\n{"id": "X"}\n', 'bad.jsonl'));
  assert.equal(result, null);
  const alert = page.locator('dunwell-strategy-simulator #status[role="alert"]');
  const text = await alert.innerText();
  assert.match(text, /could not be simulated \(bad\.jsonl\)/);
  assert.match(text, /line 1: \S+/);
  assert.match(text, /line 2: \S+/);
  assert.equal(await page.locator('dunwell-strategy-simulator #charts svg').count(), 0);
  assert.equal(await page.evaluate(() => document.getElementById('sim').run('', 'empty.jsonl')), null);
  assert.match(await alert.innerText(), /no account lines/);
});

test('simulator: actions per day are stacked by channel, one column per day, with legend, axis and table', async () => {
  const page = await sharedConsole();
  await page.evaluate(() => document.getElementById('sim').run());
  const perDay = new Map();
  let actions = 0;
  for (const d of decisions) {
    for (const a of d.actions) {
      const day = a.at.slice(0, 10);
      perDay.set(day, perDay.get(day) ?? new Map());
      perDay.get(day).set(a.channel, (perDay.get(day).get(a.channel) ?? 0) + 1);
      actions++;
    }
  }
  const channels = new Set([...perDay.values()].flatMap((m) => [...m.keys()]));
  const sim = page.locator('dunwell-strategy-simulator');
  assert.equal(await sim.locator('svg.stacked g.day').count(), perDay.size);
  assert.equal(await sim.locator('svg.stacked rect[data-channel]').count(), [...perDay.values()].reduce((n, m) => n + m.size, 0));
  assert.equal(await sim.locator('.legend li').count(), channels.size);
  // The table: one row per day, a column per channel, totals adding up to every action.
  const rows = await sim.locator('table.per-day tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, perDay.size);
  assert.equal(rows.reduce((n, r) => n + Number(r.at(-1)), 0), actions);
  for (const r of rows) assert.equal(Number(r.at(-1)), [...perDay.get(r[0]).values()].reduce((a, b) => a + b, 0));
  // Readable: the day labels and the axis labels do not overlap each other.
  const boxes = await sim.locator('svg.stacked text.day, svg.stacked text.tick').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON()));
  assert.ok(boxes.length >= Math.min(perDay.size, 5) + 3);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      assert.ok(!overlap, `labels ${i} and ${j} overlap`);
    }
  }
});
