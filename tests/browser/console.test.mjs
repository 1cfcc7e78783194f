// The admin console's user-facing states in headless Debian Chromium, under the same strict CSP as widgets.test.mjs:
// a visible error when the module or the policy cannot be loaded (never a blank page), the simulator's recovery per
// currency in major units, a bad portfolio file's error, the stacked actions-per-day chart, zh-CN labels for the
// engine's codes, both clocks with a warning outside 08:00–21:00, and the message preview keeping its draft.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../js/corpus.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

// Stricter than widgets.test.mjs: no inline styles either (the elements adopt a constructed style sheet).
const CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
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

/** Sets the console's UI language and account and waits for the plan of that account in that language. */
async function show(page, lang, account) {
  await page.selectOption('#lang', lang);
  await page.selectOption('#account', account);
  await page.waitForFunction(([l, a]) => {
    const plan = document.getElementById('plan');
    return JSON.parse(plan.decisionJson).ok.account_id === a && plan.shadowRoot.querySelector('section')?.textContent.includes(l === 'zh-CN' ? '逾期天数' : 'Days past due');
  }, [lang, account]);
}

test('zh-CN: the plan shows Chinese labels for the engine codes (codes kept in title), score reasons as words', async () => {
  const page = await sharedConsole();
  await show(page, 'zh-CN', 'MSG-cn-2');
  const d = JSON.parse(await page.evaluate(() => document.getElementById('plan').decisionJson)).ok;
  const codes = new Set([d.segment, ...d.actions.flatMap((a) => [a.channel, a.step, a.tone]), ...d.offers.flatMap((o) => [o.id, o.kind, o.approval]),
    ...d.score.reasons.map((r) => r.feature)]);
  const plan = page.locator('dunwell-account-plan section');
  const text = await plan.innerText();
  for (const code of codes) {
    assert.doesNotMatch(text, new RegExp(`(^|[^A-Za-z0-9_])${code}([^A-Za-z0-9_]|$)`), `the code ${code} is shown as it is`);
    assert.ok(await plan.locator(`[title="${code}"]`).count() > 0, `the code ${code} is not in a title`);
  }
  assert.doesNotMatch(text, /p=|= null|\(\d+ \/ \d+\)/);
  assert.match(text, new RegExp(`还款概率 ${Math.round(d.score.probability * 100)}%`));
  const missing = d.score.reasons.find((r) => r.value === null);
  assert.match(text, new RegExp(`距上次还款天数: 无还款记录 — 得分 ${missing.points}/${missing.max_points}`));

  // The simulator's suppression reasons and the reply assistant's intents and effects, in Chinese.
  const summary = await page.evaluate(() => document.getElementById('sim').run());
  for (const reason of Object.keys(summary.suppressed)) {
    const cell = page.locator(`dunwell-strategy-simulator td [data-code="${reason}"]`);
    assert.equal(await cell.count(), 1, reason);
    assert.match(await cell.innerText(), /\p{Script=Han}/u, reason);
  }
  await page.evaluate(() => document.getElementById('reply').analyse('我失业了，下周五能先还500元吗'));
  const reply = page.locator('dunwell-reply-assistant #result');
  await reply.locator('[title="hardship"]').waitFor();
  assert.match(await reply.innerText(), /经济困难/);
  assert.match(await reply.innerText(), /记录还款承诺 2026-12-04/);
  assert.doesNotMatch(await reply.innerText(), /record_promise|promise_to_pay/);
});

test('en-US: score reasons and probability read as sentences', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-cn-2');
  const d = JSON.parse(await page.evaluate(() => document.getElementById('plan').decisionJson)).ok;
  const text = await page.locator('dunwell-account-plan section').innerText();
  assert.match(text, new RegExp(`Probability of paying ${Math.round(d.score.probability * 100)}%`));
  const missing = d.score.reasons.find((r) => r.value === null);
  assert.match(text, new RegExp(`Days since last payment: no payment on record — ${missing.points} of ${missing.max_points} points`));
  assert.doesNotMatch(text, /p=0\.|= null/);
});

test("times: the borrower's and the collector's clock, both formatted; a warning outside 08:00–21:00 borrower time", async () => {
  const page = await sharedConsole();
  await show(page, 'zh-CN', 'MSG-us-1'); // zh-CN formats 24-hour times (17:00), so the expected hours are plain
  const d = JSON.parse(await page.evaluate(() => document.getElementById('plan').decisionJson)).ok;
  assert.ok(d.actions.length > 0);
  const rows = page.locator('dunwell-account-plan tbody tr:has(td.borrower-time)');
  for (let i = 0; i < d.actions.length; i++) {
    const a = d.actions[i];
    const borrower = await rows.nth(i).locator('td.borrower-time').innerText();
    const collector = await rows.nth(i).locator('td.collector-time').innerText();
    assert.doesNotMatch(borrower, /\d{4}-\d\d-\d\dT/);
    assert.ok(borrower.includes(a.at.slice(11, 16)), `${borrower} lacks the borrower's ${a.at}`);
    // The console's collector is in Asia/Shanghai: UTC+8, no daylight saving.
    const shanghai = new Date(Date.parse(a.at_utc) + 8 * 3600e3).toISOString().slice(11, 16);
    assert.ok(collector.includes(shanghai), `${collector} lacks ${shanghai} (Shanghai for ${a.at_utc})`);
  }
  // The engine keeps to the contact windows, so the warning is driven with a plan whose times straddle the edges.
  const edges = ['08:00', '07:59', '21:00', '21:01'];
  const shown = await page.evaluate(([json, hhmm]) => {
    const plan = document.getElementById('plan');
    const decision = JSON.parse(json).ok;
    const a = decision.actions[0];
    decision.actions = hhmm.map((t) => ({ ...a, at: `2026-11-30T${t}:00-05:00`, at_utc: new Date(Date.parse(`2026-11-30T${t}:00-05:00`)).toISOString().replace('.000', '') }));
    plan.render(decision);
    return [...plan.shadowRoot.querySelectorAll('td.borrower-time')].map((td) => td.querySelector('.window-warning')?.textContent ?? null);
  }, [await page.evaluate(() => document.getElementById('plan').decisionJson), edges]);
  assert.deepEqual(shown.map((w) => w !== null), [false, true, false, true]);
  assert.match(shown[1], /08:00–21:00/);
  const warning = page.locator('dunwell-account-plan .window-warning').first();
  assert.ok(await warning.isVisible());
});

test('message preview: defaults to the borrower\'s locale; switching the UI language keeps the draft', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-cn-2');
  const preview = page.locator('dunwell-message-preview');
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.getElementById('out')?.textContent.includes('王芳'));
  assert.equal(await preview.locator('#locale').inputValue(), 'zh-CN');
  await preview.locator('#channel').selectOption('email');
  await preview.locator('#tone').selectOption('gentle');
  const draft = '{{ company.name }}：{{ borrower.name }}，您好';
  await preview.locator('#source').fill(draft);
  // A custom e-mail template is HTML: its preview is the sandboxed frame.
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.getElementById('html').srcdoc === 'Dunwell Demo Finance：王芳，您好');
  await page.selectOption('#lang', 'zh-CN');
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.querySelector('section')?.getAttribute('aria-label') === '预览');
  assert.equal(await preview.locator('#source').inputValue(), draft);
  assert.equal(await preview.locator('#channel').inputValue(), 'email');
  assert.equal(await preview.locator('#tone').inputValue(), 'gentle');
  assert.equal(await preview.locator('#locale').inputValue(), 'zh-CN');
  assert.equal(await preview.locator('#html').evaluate((f) => f.srcdoc), 'Dunwell Demo Finance：王芳，您好');
  await preview.locator('#source').fill('');
  // Another account: the preview follows the new borrower's locale.
  await page.selectOption('#account', 'MSG-us-1');
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.getElementById('locale').value === 'en-US');
});

test('the plan shows penalty interest, escalation and debt advice from the decision', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-us-1');
  const d = JSON.parse(await page.evaluate(() => document.getElementById('plan').decisionJson)).ok;
  const plan = page.locator('dunwell-account-plan section');
  const usd = (minor) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
  assert.match(await plan.locator('p.penalty').innerText(), new RegExp(`Accrued ${usd(d.penalty.accrued).replace(/[.$]/g, '\\$&')}`));
  const projections = await plan.locator('table.penalty tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(projections, d.penalty.projections.map((p) => [p.date, usd(p.penalty), usd(p.owed)]));
  const escalation = await plan.locator('ul.escalation').innerText();
  assert.match(escalation, /Agency placement: not eligible · blocked by: not enough days past due/);
  assert.match(escalation, /Legal referral: not eligible · not recommended/);
  // A portfolio account with free debt advice (US hardship: the policy's NFCC entry).
  const withAdvice = portfolio.map((l) => JSON.parse(l)).find((a, i) => decisions[i].debt_advice);
  const advice = decisions[portfolio.findIndex((l) => JSON.parse(l).id === withAdvice.id)].debt_advice;
  await page.evaluate((a) => { document.getElementById('plan').account = a; }, withAdvice);
  await page.waitForFunction((id) => JSON.parse(document.getElementById('plan').decisionJson).ok.account_id === id, withAdvice.id);
  assert.equal(await page.locator('dunwell-account-plan p.debt-advice').innerText(), `${advice.name} · ${advice.contact}`);
});

test('simulator CSV: read by the engine\'s one CSV reader (quotes, channels, consent, flags), the one the host and Python use', async () => {
  const page = await sharedConsole();
  const csv = 'id,jurisdiction,currency,principal,interest,fees,name,locale,time_zone,birth_year,instalments,sms,sms_consent,email,hardship,dispute,cease\r\n'
    + 'C-1,US,USD,1000000,20000,0,"Lee, Ann",en-US,America/New_York,1980,2026-10-28:100000;2026-12-28:100000,+1 555 0100,yes,ann@example.com,,,\r\n'
    + '\r\n'
    + 'C-2,CN,CNY,500000,0,0,王芳,zh-CN,Asia/Shanghai,,2026-10-20:50000:20000; 2026-12-20:50000,,,,1,0,\n';
  // What the documented rule (src/portfolio.rs, README) makes of these rows, written out by hand.
  const expected = [
    { id: 'C-1', jurisdiction: 'US', currency: 'USD', balances: { principal: 1000000, interest: 20000, fees: 0 },
      instalments: [{ due: '2026-10-28', amount: 100000 }, { due: '2026-12-28', amount: 100000 }],
      borrower: { name: 'Lee, Ann', time_zone: 'America/New_York', locale: 'en-US', birth_year: 1980 },
      channels: { sms: { address: '+1 555 0100', consent: true }, email: { address: 'ann@example.com' } },
      flags: { hardship: false, dispute: false, cease: false } },
    { id: 'C-2', jurisdiction: 'CN', currency: 'CNY', balances: { principal: 500000, interest: 0, fees: 0 },
      instalments: [{ due: '2026-10-20', amount: 50000, paid: 20000 }, { due: '2026-12-20', amount: 50000 }],
      borrower: { name: '王芳', time_zone: 'Asia/Shanghai', locale: 'zh-CN' },
      channels: {}, flags: { hardship: true, dispute: false, cease: false } },
  ];
  const lines = await page.evaluate(async (text) => (await import(new URL('dunwell-elements.js', location.href).href)).csvToJsonl(text), csv);
  assert.deepEqual(lines.map((l) => JSON.parse(l)), expected);
  // The simulator over the CSV plans what the engine plans for those accounts (the SMS and e-mail included).
  const decided = engine.callJson('decide_batch', `${JSON.stringify({ as_of: AS_OF, messages: false })}\n${expected.map((a) => JSON.stringify(a)).join('\n')}`)
    .split('\n').map((l) => JSON.parse(l).ok);
  const perDay = {};
  for (const d of decided) for (const a of d.actions) {
    perDay[a.at.slice(0, 10)] ??= {};
    perDay[a.at.slice(0, 10)][a.channel] = (perDay[a.at.slice(0, 10)][a.channel] ?? 0) + 1;
  }
  assert.ok(decided[0].actions.some((a) => a.channel === 'sms') && decided[0].actions.some((a) => a.channel === 'email'));
  const summary = await page.evaluate((text) => document.getElementById('sim').run(text, 'accounts.csv'), csv);
  assert.equal(summary.decided, 2);
  assert.deepEqual(summary.perDay, perDay);
});

test('message preview: an e-mail shows its HTML part in a fully sandboxed frame, beside the text part', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-us-1');
  const preview = page.locator('dunwell-message-preview');
  await preview.locator('#source').fill('');
  await preview.locator('#channel').selectOption('email');
  const frame = preview.locator('iframe#html');
  await frame.waitFor({ state: 'visible' });
  assert.equal(await frame.getAttribute('sandbox'), '');
  const rendered = JSON.parse(engine.callJson('render', JSON.stringify({ account: JSON.parse(readFileSync(join(ROOT, 'www/sample/accounts.json'), 'utf8'))[0],
    as_of: AS_OF, channel: 'email', tone: await preview.locator('#tone').inputValue(), template: { id: await preview.locator('#id').inputValue() } }))).ok;
  assert.ok(rendered.html, 'the library e-mail has an HTML part');
  assert.equal(await frame.evaluate((f) => f.srcdoc), rendered.html);
  const inner = await (await frame.elementHandle()).contentFrame();
  await inner.waitForLoadState();
  assert.match(await inner.locator('body').innerText(), /Ann Lee/);
  // No script runs in it and the parent cannot be reached from it.
  assert.equal(await frame.evaluate((f) => f.contentDocument), null);
  await preview.locator('#channel').selectOption('sms');
  await frame.waitFor({ state: 'hidden' });
});

test('policy editor: inline validation with the JSON path, and the edited policy against the current one', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-us-1');
  const sim = page.locator('dunwell-strategy-simulator');
  await sim.locator('#editor summary').click(); // keyboard-operable <details>
  const editor = sim.locator('#policy');
  await page.waitForFunction(() => document.getElementById('sim').shadowRoot.getElementById('policy').value.includes('"horizon_days"'));
  const policy = JSON.parse(await editor.inputValue());
  assert.deepEqual(policy, JSON.parse(readFileSync(join(ROOT, 'policies/default.json'), 'utf8')));
  // A wrong value: the engine's error, with its path, in place.
  // Playwright's fill takes seconds on a 20 kB text area: set the text and send the input event an edit sends.
  const edit = (text) => editor.evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input')); }, text);
  await edit(JSON.stringify({ ...policy, offers: { ...policy.offers, cost_of_funds_bps: 'x' } }, null, 2));
  const check = sim.locator('#check[role="alert"]');
  await check.waitFor();
  assert.match(await check.innerText(), /policy\.wrong_type \/offers\/cost_of_funds_bps: /);
  assert.equal(await page.evaluate(() => document.getElementById('sim').compare()), null);
  // A real edit: a shorter horizon and dearer funds.
  const edited = { ...policy, horizon_days: 3, offers: { ...policy.offers, cost_of_funds_bps: 2500 } };
  await edit(JSON.stringify(edited, null, 2));
  await page.waitForFunction(() => document.getElementById('sim').shadowRoot.getElementById('check').textContent.startsWith('The policy is valid.'));
  const diff = await page.evaluate(() => document.getElementById('sim').compare());
  // Expected: both policies decided here, aggregated by the rule the element documents.
  const before = decisions;
  const afterEngine = new Engine(JSON.stringify(edited));
  const after = afterEngine.callJson('decide_batch', `${JSON.stringify({ as_of: AS_OF, messages: false })}\n${portfolio.join('\n')}`).split('\n').map((l) => JSON.parse(l).ok);
  const count = (ds, f) => ds.flatMap(f).reduce((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
  const b = count(before, (d) => d.actions.map((a) => a.channel)), a = count(after, (d) => d.actions.map((x) => x.channel));
  assert.deepEqual(diff.channels, [...new Set([...Object.keys(b), ...Object.keys(a)])].sort().map((k) => [k, b[k] ?? 0, a[k] ?? 0]));
  const rec = (ds) => ds.reduce((m, d) => (d.offers[0] ? { ...m, [d.currency]: (m[d.currency] ?? 0) + d.offers[0].net_recovery } : m), {});
  const rb = rec(before), ra = rec(after);
  assert.deepEqual(diff.recovery, Object.keys(rb).sort().map((c) => [c, rb[c], ra[c]]));
  assert.ok(Object.keys(rb).some((c) => rb[c] !== ra[c]), 'dearer funds change the net recovery');
  const plan = (d) => JSON.stringify([d.actions.map((x) => [x.step, x.channel, x.at, x.tone]), d.offers[0]?.id ?? null]);
  const changed = before.filter((d, i) => plan(d) !== plan(after[i])).map((d) => d.account_id);
  assert.ok(changed.length > 0);
  assert.deepEqual(diff.changed, changed);
  assert.match(await sim.locator('#diff').innerText(), new RegExp(`Accounts whose plan changed: ${changed.length} / ${before.length}`));
  const usdRow = await sim.locator('table.diff.currency tr[data-key="USD"] td').allInnerTexts();
  const usd = (m) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(m / 100);
  assert.deepEqual(usdRow.slice(0, 2), [usd(rb.USD), usd(ra.USD)]);
  mkdirSync(join(ROOT, 'target/screenshots'), { recursive: true });
  // The charts below the comparison from the same portfolio (a test above ran a two-account CSV file).
  await page.evaluate(() => document.getElementById('sim').run());
  await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.blur());
  await sim.screenshot({ path: join(ROOT, 'target/screenshots/dunwell-strategy-simulator-edited-policy-en-US.png') });
  // The draft survives a change of UI language.
  await page.selectOption('#lang', 'zh-CN');
  await page.waitForFunction(() => document.getElementById('sim').shadowRoot.querySelector('#editor summary')?.textContent === '编辑策略并比较');
  assert.deepEqual(JSON.parse(await editor.inputValue()), edited);
  afterEngine.free();
});

test('zh-CN: lint findings name the rule in Chinese, with the code in title', async () => {
  const page = await sharedConsole();
  await show(page, 'zh-CN', 'MSG-cn-2');
  const preview = page.locator('dunwell-message-preview');
  await preview.locator('#channel').selectOption('sms');
  await preview.locator('#source').fill('{{ company.name }}：不还钱就叫警察抓你');
  const finding = preview.locator('#findings [data-code^="lint."]').first();
  await finding.waitFor();
  assert.match(await finding.innerText(), /\p{Script=Han}/u);
  assert.doesNotMatch(await preview.locator('#findings').innerText(), /lint\.\w+/);
  await preview.locator('#source').fill('');
});

test('message preview: a template error quotes the draft line the engine names', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-us-1');
  const preview = page.locator('dunwell-message-preview');
  await preview.locator('#channel').selectOption('sms');
  await preview.locator('#source').fill('Hello {{ borrower.name }},\nyou owe {{ borrower.nam }} today');
  const out = preview.locator('#out[role="alert"]');
  await out.waitFor();
  const text = await out.innerText();
  assert.match(text, /^call\.template \/template\/source: .*line 2/);
  assert.match(text, /line 2: you owe \{\{ borrower\.nam \}\} today$/);
  await preview.locator('#source').fill('');
  await page.waitForFunction(() => !document.getElementById('preview').shadowRoot.getElementById('out').hasAttribute('role'));
});

test('message preview: an undefined value names the variable, from the draft line the engine names', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-us-1');
  const preview = page.locator('dunwell-message-preview');
  await preview.locator('#channel').selectOption('sms');
  const out = preview.locator('#out[role="alert"]');
  // The engine says only "undefined value" and quotes the line; the element finds which of the line's variables it is.
  const errorFor = async (draft, expect) => {
    await preview.locator('#source').fill(draft);
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('preview').shadowRoot.querySelector('#out[role="alert"]')?.textContent ?? ''), expect.source);
    return out.innerText();
  };
  // Three variables on the failing line, two of them fine: the misspelt one is named, the others are not.
  let text = await errorFor('Dear {{ borrower.name }},\nyou owe {{ overdue | money }} to {{ compnay.name }}.', /Undefined: /);
  assert.match(text, /^Undefined: `compnay` is not a template variable/m);
  assert.doesNotMatch(text.split('\n').find((l) => l.startsWith('Undefined')), /borrower|overdue/);
  assert.match(text, /line 2: you owe \{\{ overdue \| money \}\} to \{\{ compnay\.name \}\}\.$/);
  // A key a value does not have: named, with the keys it does have (src/template/context.rs: borrower.name, .salutation).
  text = await errorFor('Hello {{ borrower.nam }}', /has no/);
  assert.match(text, /^Undefined: `borrower` has no `nam` \(it has: name, salutation\)$/m);
  // A loop variable is looked up through what it loops over; in Chinese.
  await page.selectOption('#lang', 'zh-CN');
  text = await errorFor('{% for o in offers %}{{ o.id }}：{{ o.totl }}{% endfor %}', /没有/);
  assert.match(text, /^未定义：`o` 没有 `totl`（可用：[^）]*\btotal\b[^）]*）$/m);
  // A value that is empty for this account (no pending promise) is said to be empty, not missing.
  text = await errorFor('{{ promise.due }}', /为空/);
  assert.match(text, /^未定义：该账户的 `promise` 为空，因此 `promise\.due` 没有值/m);
  await preview.locator('#source').fill('');
  await page.waitForFunction(() => !document.getElementById('preview').shadowRoot.getElementById('out').hasAttribute('role'));
});

test('message preview: the SMS size is words (segments, characters, encoding by its standard name), in Chinese too', async () => {
  const page = await sharedConsole();
  await show(page, 'zh-CN', 'MSG-cn-2');
  const preview = page.locator('dunwell-message-preview');
  await preview.locator('#source').fill('');
  await preview.locator('#channel').selectOption('sms');
  const account = JSON.parse(readFileSync(join(ROOT, 'www/sample/accounts.json'), 'utf8')).find((a) => a.id === 'MSG-cn-2');
  const { sms } = JSON.parse(engine.callJson('render', JSON.stringify({ account, as_of: AS_OF, channel: 'sms', tone: await preview.locator('#tone').inputValue(),
    template: { id: await preview.locator('#id').inputValue() } }))).ok;
  assert.equal(sms.encoding, 'ucs2');
  const size = preview.locator('#size');
  await page.waitForFunction((want) => document.getElementById('preview').shadowRoot.getElementById('size').textContent === want,
    `短信：${sms.segments} 条 · ${sms.units} 个 UCS-2 字符`);
  assert.equal(await size.getAttribute('title'), 'ucs2');
  await page.selectOption('#lang', 'en-US');
  await page.waitForFunction((want) => document.getElementById('preview').shadowRoot.getElementById('size').textContent === want,
    `SMS: ${sms.segments} segment${sms.segments === 1 ? '' : 's'} · ${sms.units} UCS-2 characters`);
});

// The expected variable list, read from the schema here with a resolver written independently of the element's:
// each top-level property, then the fields of an object (`borrower.name`) or of a list's items (`offers[].total`).
const CONTEXT = JSON.parse(readFileSync(join(ROOT, 'pkg/schemas/message-context.schema.json'), 'utf8'));
const deref = (s) => (s?.$ref ? { ...CONTEXT.$defs[s.$ref.split('/').pop()], ...(s.description ? { description: s.description } : {}) } : s);
const nonNull = (s) => deref((deref(s).anyOf ?? [s]).find((x) => x.type !== 'null'));
function expectedVariables() {
  const rows = [];
  for (const [name, prop] of Object.entries(CONTEXT.properties)) {
    const value = nonNull(prop);
    rows.push([name, deref(prop).description ?? value.description ?? '']);
    const fields = value.properties ?? (value.type === 'array' ? nonNull(value.items)?.properties : null) ?? {};
    const prefix = value.type === 'array' ? `${name}[]` : name;
    for (const [k, v] of Object.entries(fields)) rows.push([`${prefix}.${k}`, deref(v).description ?? nonNull(v).description ?? '']);
  }
  return rows;
}

test('message preview: the template variables come from the package schema (type, description, fields one level down), in Chinese too', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-us-1');
  const preview = page.locator('dunwell-message-preview');
  const top = Object.keys(CONTEXT.properties);
  await page.waitForFunction((n) => document.getElementById('preview').shadowRoot.getElementById('vars-summary')?.textContent === `Template variables (${n})`, top.length);
  // Keyboard: the list opens from its summary with Enter.
  const vars = preview.locator('details#vars');
  assert.equal(await vars.evaluate((d) => d.open), false);
  await preview.locator('#vars-summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await vars.evaluate((d) => d.open), true);
  // Exactly the schema's top-level properties, in its order, then each one's fields.
  assert.deepEqual(await preview.locator('table.variables tr.var').evaluateAll((rows) => rows.map((r) => r.dataset.var)), top);
  const shown = await preview.locator('table.variables tbody tr').evaluateAll((rows) => rows.map((r) => [r.dataset.var, ...[...r.cells].map((c) => c.innerText)]));
  const expected = expectedVariables();
  assert.deepEqual(shown.map(([name, cell]) => [name, cell]), expected.map(([name]) => [name, name]));
  // The schema's description (or, where it has none, a dash), with `code` spans shown as code.
  assert.deepEqual(shown.map(([name, , , d]) => [name, d]), expected.map(([name, d]) => [name, d ? d.replace(/`/g, '') : '—']));
  for (const name of ['borrower.name', 'offers', 'penalty', 'penalty.per_day', 'offers[].total', 'consequences.agency']) {
    assert.ok(shown.some(([n]) => n === name), `${name} is listed`);
  }
  const type = (name) => shown.find(([n]) => n === name)[2];
  assert.equal(type('borrower.name'), 'string');
  assert.equal(type('penalty'), 'object | null');
  assert.equal(type('offers'), 'object[]');
  assert.equal(type('tone'), '"gentle" | "neutral" | "firm"');
  mkdirSync(join(ROOT, 'target/screenshots'), { recursive: true });
  await preview.locator('#vars-summary').blur();
  await preview.screenshot({ path: join(ROOT, 'target/screenshots/dunwell-message-preview-variables-en-US.png') });
  // zh-CN: the heading and labels in Chinese (the schema's descriptions stay English); the list stays open.
  await show(page, 'zh-CN', 'MSG-cn-2');
  await page.waitForFunction((n) => document.getElementById('preview').shadowRoot.getElementById('vars-summary')?.textContent === `模板变量（${n} 个）`, top.length);
  assert.equal(await vars.evaluate((d) => d.open), true);
  assert.deepEqual(await preview.locator('table.variables thead th').allInnerTexts(), ['变量', '类型', '说明']);
  assert.equal(await preview.locator('table.variables').getAttribute('aria-label'), `模板变量（${top.length} 个）`);
  assert.equal(await preview.locator('table.variables tr.var').count(), top.length);
  await preview.screenshot({ path: join(ROOT, 'target/screenshots/dunwell-message-preview-variables-zh-CN.png') });
  // (Left open: the axe-core run below checks the table too.)
});

test('message preview: when the variables\' schema cannot be loaded it says so (file and status), and the preview still works', async () => {
  const page = await open(`${server.url}/www/index.html`, (p) => p.route('**/pkg/schemas/message-context.schema.json', (r) => r.fulfill({ status: 404, body: 'gone' })));
  await page.waitForFunction(() => window.dunwellConsoleReady && document.getElementById('plan').decisionJson, null, { timeout: 15000 });
  const preview = page.locator('dunwell-message-preview');
  const alert = preview.locator('details#vars [role="alert"]');
  await alert.waitFor({ state: 'visible' });
  assert.equal(await preview.locator('#vars-summary').innerText(), 'Template variables: not available');
  assert.match(await alert.innerText(), /The list of template variables could not be loaded: console\.schema_unavailable: \/pkg\/schemas\/message-context\.schema\.json answered HTTP 404/);
  assert.equal(await preview.locator('table.variables').count(), 0);
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.getElementById('out')?.textContent.includes('Dunwell Demo Finance'));
  // The rest of the console is not in error.
  assert.equal(await page.locator('#console-status').isHidden(), true);
  await page.selectOption('#lang', 'zh-CN');
  await page.waitForFunction(() => document.getElementById('preview').shadowRoot.getElementById('vars-summary')?.textContent === '模板变量：无法加载');
  assert.match(await preview.locator('details#vars [role="alert"]').innerText(), /模板变量列表无法加载：.*HTTP 404/);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('simulator: expected net recovery by bucket, one chart per currency on its own scale, with the table beside', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-us-1');
  await page.evaluate(() => document.getElementById('sim').run());
  // Expected: the proposed (first) offer's net recovery per currency and bucket, from the decisions made in Node.
  const expected = {};
  for (const d of decisions) {
    if (!d.offers.length) continue;
    expected[d.currency] ??= {};
    expected[d.currency][d.bucket] = (expected[d.currency][d.bucket] ?? 0) + d.offers[0].net_recovery;
  }
  const sim = page.locator('dunwell-strategy-simulator');
  const charts = await sim.locator('svg.recovery').evaluateAll((svgs) => svgs.map((svg) => [svg.dataset.currency,
    Object.fromEntries([...svg.querySelectorAll('rect[data-bucket]')].map((r) => [r.dataset.bucket, Number(r.dataset.minor)])),
    Object.fromEntries([...svg.querySelectorAll('rect[data-bucket]')].map((r) => [r.dataset.bucket, Number(r.getAttribute('width'))]))]));
  assert.deepEqual(Object.fromEntries(charts.map(([c, v]) => [c, v])), expected);
  for (const [currency, , widths] of charts) {
    // Each currency on its own scale: its largest bucket is the full bar, the others in proportion.
    const values = expected[currency];
    const max = Math.max(...Object.values(values));
    for (const [bucket, v] of Object.entries(values)) assert.ok(Math.abs(widths[bucket] - (200 * v) / max) <= 1, `${currency} ${bucket}`);
  }
  // The table: major units with the currency, per bucket.
  for (const [currency, byBucket] of Object.entries(expected)) {
    for (const [bucket, minor] of Object.entries(byBucket)) {
      const cell = sim.locator(`table.recovery-by-bucket td[data-currency="${currency}"][data-bucket="${bucket}"]`);
      assert.equal(await cell.innerText(), new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100));
    }
  }
  assert.equal(await sim.locator('figure.recovery-chart figcaption').allInnerTexts().then((x) => x.join(' ')), Object.keys(expected).sort().join(' '));
});

test('switching the UI language keeps the reply being read, its analysis, the simulation and the comparison', async () => {
  const page = await sharedConsole();
  await show(page, 'en-US', 'MSG-cn-2');
  const reply = page.locator('dunwell-reply-assistant');
  const text = '我失业了，下周五能先还500元吗';
  await reply.locator('textarea').fill(text);
  await reply.locator('#go').click();
  await reply.locator('#result [title="hardship"]').waitFor();
  assert.match(await reply.locator('#result').innerText(), /Hardship/);
  await page.evaluate(() => document.getElementById('sim').run());
  const sim = page.locator('dunwell-strategy-simulator');
  const status = await sim.locator('#status').innerText();
  // The policy editor's comparison, when one was made above (its rows are checked there).
  const diffRows = await sim.locator('#diff table.diff tbody tr').count();
  await page.selectOption('#lang', 'zh-CN');
  await page.waitForFunction(() => document.getElementById('reply').shadowRoot.querySelector('button')?.textContent === '分析回复');
  assert.equal(await reply.locator('textarea').inputValue(), text);
  assert.match(await reply.locator('#result').innerText(), /经济困难/);
  assert.match(await reply.locator('#result').innerText(), /记录还款承诺 2026-12-04/);
  // The simulation's charts and tables, in Chinese, with the same counts.
  await page.waitForFunction(() => document.getElementById('sim').shadowRoot.querySelector('#charts h3')?.textContent === '每日各渠道动作数');
  assert.equal(await sim.locator('svg.stacked g.day').count() > 0, true);
  assert.match(await sim.locator('#charts').innerText(), /各账龄预期净回收/);
  assert.equal((await sim.locator('#status').innerText()).split(' · ')[0], status.split(' · ')[0].replace('accounts', '户'));
  assert.equal(await sim.locator('#diff table.diff tbody tr').count(), diffRows);
  if (diffRows) assert.match(await sim.locator('#diff').innerText(), /各渠道动作数/);
  // Another account: the analysis of the previous one goes.
  await page.selectOption('#account', 'MSG-us-1');
  await page.waitForFunction(() => document.getElementById('reply').shadowRoot.getElementById('result').textContent === '');
  await page.selectOption('#lang', 'en-US');
});

test('in a narrow column (the console at 900 px: two columns of about 420 px) nothing runs past an element\'s edge', async () => {
  const page = await open(`${server.url}/www/index.html`);
  await page.setViewportSize({ width: 900, height: 900 });
  await page.waitForFunction(() => window.dunwellConsoleReady && document.getElementById('plan').decisionJson, null, { timeout: 15000 });
  // The GB borrower's message (the longest of the sample) and every part of the simulator.
  for (const lang of ['en-US', 'zh-CN']) {
    await show(page, lang, 'MSG-gb-1');
    await page.evaluate(() => document.getElementById('sim').run());
    const overflow = await page.evaluate(() => ['plan', 'reply', 'preview', 'sim'].flatMap((id) => {
      const el = document.getElementById(id);
      for (const d of el.shadowRoot.querySelectorAll('details')) d.open = true;
      const edge = el.getBoundingClientRect().right;
      // Inside a scroll region a wide table scrolls; everything else must end inside the element.
      return [...el.shadowRoot.querySelectorAll('table, pre, p, ul, svg, figure, textarea, iframe, .scroll')]
        .filter((x) => !x.parentElement.closest('.scroll') && x.getBoundingClientRect().width && x.getBoundingClientRect().right > edge + 0.5)
        .map((x) => `${id} ${x.localName}.${x.className?.baseVal ?? x.className} ${x.getAttribute('aria-label') ?? ''} +${Math.round(x.getBoundingClientRect().right - edge)}px`);
    }));
    assert.deepEqual(overflow, [], lang);
    // The message is readable in full: its text wraps inside the element.
    const pre = page.locator('dunwell-account-plan tr.message-row pre').first();
    assert.match(await pre.innerText(), /Oliver Evans/);
    assert.ok(await pre.evaluate((p) => p.scrollWidth <= p.clientWidth));
    // A region that scrolls can be scrolled by keyboard.
    for (const region of await page.locator('dunwell-strategy-simulator .scroll').all()) {
      assert.equal(await region.getAttribute('tabindex'), '0');
      assert.ok(await region.getAttribute('aria-label'));
    }
  }
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('axe-core: no serious or critical violation with the new charts, labels and sections (zh-CN)', async () => {
  const page = await sharedConsole();
  await show(page, 'zh-CN', 'MSG-us-1');
  await page.evaluate(() => document.getElementById('sim').run());
  await page.addScriptTag({ url: `${server.url}/tests/browser/node_modules/axe-core/axe.min.js` });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);
});

test('no CSP violation or page error in the console runs above', async () => {
  const page = await sharedConsole();
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(page.errors, []);
});
