// Dunwell custom elements: framework-free, ES modules, one shared engine per policy.
//
//   <dunwell-account-plan>        score with reasons, the plan on a timeline (borrower's and collector's time),
//                                 suppressed steps with reasons, offers
//   <dunwell-message-preview>     template editor with live preview per channel × locale × tone, lint findings,
//                                 SMS segment counter
//   <dunwell-reply-assistant>     paste a borrower reply → intents, promise, effects, suggested answer
//   <dunwell-strategy-simulator>  run the policy over a portfolio and chart actions, suppressions, buckets
//
// Attributes/properties in, lowercase CustomEvents out (`decided`, `rendered`, `analysed`, `simulated`,
// `dunwellerror`). `shadow="open|closed"` picks the shadow root mode; theme with CSS custom properties
// (--dunwell-accent, --dunwell-bg, --dunwell-fg, --dunwell-muted, --dunwell-font, --dunwell-radius).
// Everything runs in the page: no network but the module and the policy you point it at.
import init, { Engine } from '../pkg/index.js';

let ready = null;
const engines = new Map();
const config = { wasmUrl: null, policyUrl: new URL('../policies/default.json', import.meta.url).href };

/** Overrides where the module and the default policy come from (call before the first element renders):
 *  `wasmUrl` (or bytes), `policyUrl`, or the default `policy` itself (object or JSON text). */
export function configure({ wasmUrl, policyUrl, policy } = {}) {
  if (wasmUrl) config.wasmUrl = wasmUrl;
  if (policyUrl) config.policyUrl = policyUrl;
  if (policy) engines.set('@default', typeof policy === 'string' ? policy : JSON.stringify(policy));
}

/** The shared engine for a policy (a JSON string or object; default: the configured policy URL). */
export async function engineFor(policy) {
  ready ??= init(config.wasmUrl ?? undefined);
  await ready;
  let text = policy;
  if (text == null) {
    text = engines.get('@default') ?? await fetchPolicy(config.policyUrl);
    engines.set('@default', text);
  }
  if (typeof text !== 'string') text = JSON.stringify(text);
  if (!engines.has(text)) engines.set(text, new Engine(text));
  return engines.get(text);
}

/** The default policy's text; a missing or unreadable file is an error naming the URL (not a blank element). */
async function fetchPolicy(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw Object.assign(new Error(`cannot fetch the policy from ${url}: ${e.message}`), { code: 'console.policy_unavailable' });
  }
  if (!res.ok) {
    throw Object.assign(new Error(`cannot load the policy from ${url}: HTTP ${res.status} (serve the policies folder, or call configure({ policyUrl }))`),
      { code: 'console.policy_unavailable' });
  }
  return res.text();
}

const TEXT = {
  'en-US': {
    score: 'Score', band: 'band', reasons: 'Reasons', plan: 'Plan', when: 'Borrower time', yours: 'Your time',
    channel: 'Channel', step: 'Step', tone: 'Tone', message: 'Message', suppressed: 'Not taken', reason: 'Reason',
    until: 'Until', offers: 'Offers', offer: 'Offer', payments: 'Payments', total: 'Total', first: 'First payment',
    none: 'None', dpd: 'Days past due', bucket: 'Bucket', template: 'Template', locale: 'Language', preview: 'Preview',
    findings: 'Lint findings', noFindings: 'No findings', segments: 'SMS', variables: 'Variables', reply: 'Borrower reply',
    analyse: 'Read reply', intents: 'Intents', effects: 'What to do', answer: 'Suggested answer', sentiment: 'Sentiment',
    run: 'Run simulation', portfolio: 'Portfolio file (JSON lines or CSV)', actionsPerDay: 'Actions per day by channel',
    suppressedBy: 'Suppressed by reason', bucketMix: 'Bucket mix', recovery: 'Expected recovery', accounts: 'accounts',
    day: 'Day', count: 'Count', review: 'Needs a person', escalation: 'Escalation', subject: 'Subject',
  },
  'zh-CN': {
    score: '评分', band: '等级', reasons: '原因', plan: '计划', when: '借款人时间', yours: '您的时间',
    channel: '渠道', step: '步骤', tone: '语气', message: '内容', suppressed: '未执行', reason: '原因',
    until: '至', offers: '还款方案', offer: '方案', payments: '期数', total: '合计', first: '首期',
    none: '无', dpd: '逾期天数', bucket: '账龄', template: '模板', locale: '语言', preview: '预览',
    findings: '合规检查', noFindings: '未发现问题', segments: '短信', variables: '变量', reply: '借款人回复',
    analyse: '分析回复', intents: '意图', effects: '处理建议', answer: '建议回复', sentiment: '情绪',
    run: '运行模拟', portfolio: '资产包文件（JSON 行或 CSV）', actionsPerDay: '每日各渠道动作数',
    suppressedBy: '未执行原因', bucketMix: '账龄分布', recovery: '预期回收', accounts: '户',
    day: '日期', count: '数量', review: '需人工处理', escalation: '升级处置', subject: '主题',
  },
};

const STYLE = `
:host { display: block; font-family: var(--dunwell-font, system-ui, sans-serif); color: var(--dunwell-fg, #1f2933);
  background: var(--dunwell-bg, #fff); border: 1px solid var(--dunwell-muted, #cbd2d9); border-radius: var(--dunwell-radius, 6px);
  padding: 12px; line-height: 1.45; }
h2 { font-size: 1.05rem; margin: .2rem 0 .6rem; } h3 { font-size: .95rem; margin: .9rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; } th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
.muted { color: #52606d; } .tag { display: inline-block; padding: 0 6px; border-radius: 10px; background: #e4e7eb; margin: 1px; font-size: .8rem; }
.error { color: #a61b1b; } .warning { color: #8d5a00; }
button { font: inherit; padding: 4px 12px; border-radius: var(--dunwell-radius, 6px); border: 1px solid var(--dunwell-accent, #1d4ed8);
  background: var(--dunwell-accent, #1d4ed8); color: #fff; cursor: pointer; }
button:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
textarea { width: 100%; box-sizing: border-box; font: .9rem ui-monospace, monospace; }
select, input { font: inherit; } pre { white-space: pre-wrap; font-size: .85rem; background: #f5f7fa; padding: 8px; margin: 0; }
.row { display: flex; gap: 10px; flex-wrap: wrap; align-items: center; } .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
svg { max-width: 100%; height: auto; }
`;

function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function money(minor, currency, lang) {
  if (minor == null) return '';
  const digits = ['JPY', 'KRW', 'VND'].includes(currency) ? 0 : 2;
  const n = minor / 10 ** digits;
  return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: digits }).format(n);
}

/** Base class: shadow root mode from the `shadow` attribute, UI language from `lang`, error events. */
class DunwellElement extends HTMLElement {
  #root = null;
  get root() {
    this.#root ??= this.attachShadow({ mode: this.getAttribute('shadow') === 'closed' ? 'closed' : 'open' });
    return this.#root;
  }
  get lang() { return this.getAttribute('lang') === 'zh-CN' ? 'zh-CN' : 'en-US'; }
  set lang(v) { this.setAttribute('lang', v); }
  get t() { return TEXT[this.lang]; }
  emit(name, detail) { this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true })); }
  fail(e) {
    const detail = { code: e.code ?? 'host.error', message: e.message, path: e.path ?? '' };
    this.root.innerHTML = `<style>${STYLE}</style><p class="error" role="alert">${esc(detail.code)} ${esc(detail.path)}: ${esc(detail.message)}</p>`;
    this.emit('dunwellerror', detail);
  }
  get policy() { return this._policy ?? null; }
  set policy(v) { this._policy = v; this.update(); }
  connectedCallback() { this.update(); }
  attributeChangedCallback() { if (this.isConnected) this.update(); }
  update() {}
}

/** <dunwell-account-plan as-of="…" collector-zone="Asia/Shanghai" lang="en-US"> with `.account = {...}`. */
export class AccountPlan extends DunwellElement {
  static observedAttributes = ['as-of', 'lang', 'collector-zone', 'account'];
  get account() { return this._account ?? (this.getAttribute('account') ? JSON.parse(this.getAttribute('account')) : null); }
  set account(v) { this._account = v; this.update(); }
  /** The raw envelope of the last decision (byte for byte what every runtime answers). */
  decisionJson = null;
  async update() {
    const account = this.account;
    const asOf = this.getAttribute('as-of');
    if (!account || !asOf) return;
    try {
      const engine = await engineFor(this.policy);
      this.decisionJson = engine.decideJson(JSON.stringify({ account, as_of: asOf }));
      const env = JSON.parse(this.decisionJson);
      if (env.error) throw Object.assign(new Error(env.error.message), env.error);
      this.render(env.ok);
      this.emit('decided', env.ok);
    } catch (e) { this.fail(e); }
  }
  render(d) {
    const t = this.t, lang = this.lang, cur = d.currency;
    const zone = this.getAttribute('collector-zone') || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const mine = (utc) => new Intl.DateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(utc));
    const score = d.score ? `<p><strong>${esc(d.score.points)}</strong> · ${t.band} ${esc(d.score.band)} · p=${esc(d.score.probability)}</p>
      <ul aria-label="${t.reasons}">${d.score.reasons.map((r) => `<li>${esc(r.feature)} = ${esc(JSON.stringify(r.value))} (${esc(r.points)} / ${esc(r.max_points)})</li>`).join('')}</ul>` : '';
    const actions = d.actions.map((a, i) => `<tr>
      <td>${esc(a.at.replace('T', ' '))}</td><td>${esc(mine(a.at_utc))}</td><td>${esc(a.channel)}</td><td>${esc(a.step)}</td>
      <td>${esc(a.tone)}${a.softened ? ` <span class="tag">${esc(a.softened)}</span>` : ''}</td>
      <td>${a.message ? `<details><summary>${esc(a.message.subject ?? (a.message.text ?? '').slice(0, 48))}…</summary><pre>${esc(a.message.text ?? a.message.html ?? '')}</pre></details>` : ''}</td></tr>`).join('');
    const suppressed = d.suppressed.map((s) => `<tr><td>${esc(s.step)}</td><td>${esc(s.channel)}</td><td><span class="tag">${esc(s.reason)}</span></td><td>${esc(s.until ?? '')}</td></tr>`).join('');
    const offers = d.offers.map((o) => `<tr><td>${esc(o.id)}</td><td>${o.schedule.length}</td><td>${esc(money(o.schedule[0]?.amount, cur, lang))} · ${esc(o.schedule[0]?.due ?? '')}</td><td>${esc(money(o.total, cur, lang))}</td></tr>`).join('');
    this.root.innerHTML = `<style>${STYLE}</style>
      <section aria-label="${t.plan} ${esc(d.account_id)}">
      <h2>${esc(d.account_id)} · ${t.dpd} ${esc(d.dpd)} · ${t.bucket} ${esc(d.bucket)}${d.segment ? ` · ${esc(d.segment)}` : ''}</h2>
      ${d.review ? `<p class="warning" role="status">${t.review}: ${esc(d.review)}</p>` : ''}
      ${score ? `<h3>${t.score}</h3>${score}` : ''}
      <h3>${t.plan}</h3>
      <table aria-label="${t.plan}"><thead><tr><th scope="col">${t.when}</th><th scope="col">${t.yours}</th><th scope="col">${t.channel}</th><th scope="col">${t.step}</th><th scope="col">${t.tone}</th><th scope="col">${t.message}</th></tr></thead>
      <tbody>${actions || `<tr><td colspan="6">${t.none}</td></tr>`}</tbody></table>
      <h3>${t.suppressed}</h3>
      <table aria-label="${t.suppressed}"><thead><tr><th scope="col">${t.step}</th><th scope="col">${t.channel}</th><th scope="col">${t.reason}</th><th scope="col">${t.until}</th></tr></thead>
      <tbody>${suppressed || `<tr><td colspan="4">${t.none}</td></tr>`}</tbody></table>
      <h3>${t.offers}</h3>
      <table aria-label="${t.offers}"><thead><tr><th scope="col">${t.offer}</th><th scope="col">${t.payments}</th><th scope="col">${t.first}</th><th scope="col">${t.total}</th></tr></thead>
      <tbody>${offers || `<tr><td colspan="4">${t.none}</td></tr>`}</tbody></table></section>`;
  }
}

/** <dunwell-message-preview as-of="…" template="m2_overdue_firm"> with `.account`; edit, preview, lint. */
export class MessagePreview extends DunwellElement {
  static observedAttributes = ['as-of', 'lang', 'template'];
  get account() { return this._account; }
  set account(v) { this._account = v; this.update(); }
  #built = false;
  build() {
    const t = this.t;
    this.root.innerHTML = `<style>${STYLE}</style><section aria-label="${t.preview}">
      <div class="row">
        <label>${t.template} <input id="id" aria-label="${t.template}" value="${esc(this.getAttribute('template') || 'm2_overdue_firm')}" size="22"></label>
        <label>${t.channel} <select id="channel" aria-label="${t.channel}">${['sms', 'email', 'letter', 'call', 'social_dm'].map((c) => `<option>${c}</option>`).join('')}</select></label>
        <label>${t.locale} <select id="locale" aria-label="${t.locale}"><option>en-US</option><option>zh-CN</option></select></label>
        <label>${t.tone} <select id="tone" aria-label="${t.tone}"><option>gentle</option><option selected>neutral</option><option>firm</option></select></label>
      </div>
      <h3>${t.template}</h3>
      <textarea id="source" rows="5" aria-label="${t.template}" placeholder="{{ company.name }}: {{ borrower.name }}, {{ overdue | money }}… (empty: the library template above)"></textarea>
      <p class="muted" id="vars">${t.variables}: borrower.name, borrower.salutation, company.name, company.phone, overdue, outstanding, dpd, next_due_date, penalty.per_day, pay_url, offers, promise, first_contact, tone, locale</p>
      <h3>${t.preview} <span id="size" class="tag" aria-live="polite"></span></h3>
      <pre id="out" aria-live="polite"></pre>
      <h3>${t.findings}</h3><ul id="findings" aria-live="polite"></ul></section>`;
    for (const id of ['id', 'channel', 'locale', 'tone', 'source']) {
      this.root.getElementById(id).addEventListener('input', () => this.update());
    }
    this.#built = true;
  }
  async update() {
    if (!this.account || !this.getAttribute('as-of')) return;
    if (!this.#built || this._builtLang !== this.lang) {
      this._builtLang = this.lang;
      this.build();
    }
    const $ = (id) => this.root.getElementById(id);
    const account = structuredClone(this.account);
    account.borrower = { ...account.borrower, locale: $('locale').value };
    const source = $('source').value;
    const template = source.trim() ? { name: $('channel').value === 'email' ? 'custom.html' : 'custom.txt', source } : { id: $('id').value };
    try {
      const engine = await engineFor(this.policy);
      const env = JSON.parse(engine.callJson('render', JSON.stringify({ account, as_of: this.getAttribute('as-of'), channel: $('channel').value, tone: $('tone').value, template })));
      if (env.error) {
        $('out').textContent = `${env.error.code}: ${env.error.message}`;
        $('findings').innerHTML = '';
        return;
      }
      const m = env.ok;
      $('out').textContent = [m.subject && `${this.t.subject}: ${m.subject}`, m.text, m.html && !m.text ? m.html : null].filter(Boolean).join('\n\n');
      $('size').textContent = m.sms ? `${this.t.segments}: ${m.sms.units} ${m.sms.encoding}, ${m.sms.segments}` : '';
      $('findings').innerHTML = m.findings.length
        ? m.findings.map((f) => `<li class="${esc(f.severity)}">${esc(f.code)}: ${esc(f.message)}</li>`).join('')
        : `<li>${this.t.noFindings}</li>`;
      this.emit('rendered', m);
    } catch (e) { this.fail(e); }
  }
}

/** <dunwell-reply-assistant as-of="…"> with `.account`: paste a reply, read it. */
export class ReplyAssistant extends DunwellElement {
  static observedAttributes = ['as-of', 'lang'];
  get account() { return this._account; }
  set account(v) { this._account = v; this.update(); }
  /** The raw envelope of the last analysis. */
  analysisJson = null;
  update() {
    const t = this.t;
    if (this.root.getElementById('text') && this._builtLang === this.lang) return;
    this._builtLang = this.lang;
    this.root.innerHTML = `<style>${STYLE}</style><section aria-label="${t.reply}">
      <label for="text"><h3>${t.reply}</h3></label>
      <textarea id="text" rows="3" aria-label="${t.reply}"></textarea>
      <p><button id="go" type="button">${t.analyse}</button></p>
      <div id="result" aria-live="polite"></div></section>`;
    this.root.getElementById('go').addEventListener('click', () => this.analyse(this.root.getElementById('text').value));
  }
  /** Reads `text` as a reply to the account (also what the button does). */
  async analyse(text) {
    const t = this.t;
    try {
      const engine = await engineFor(this.policy);
      this.analysisJson = engine.callJson('reply', JSON.stringify({ account: this.account, as_of: this.getAttribute('as-of'), text }));
      const env = JSON.parse(this.analysisJson);
      if (env.error) throw Object.assign(new Error(env.error.message), env.error);
      const r = env.ok;
      this.root.getElementById('result').innerHTML = `
        <h3>${t.intents}</h3><p>${r.intents.map((i) => `<span class="tag">${esc(i.intent)} ${(i.confidence / 10).toFixed(0)}%</span>`).join(' ')} · ${t.sentiment} ${esc(r.sentiment)}</p>
        <h3>${t.effects}</h3><ul>${r.effects.map((e) => `<li>${esc(e.kind)}${e.due ? ` ${esc(e.due)}` : ''}${e.amount != null ? ` ${esc(money(e.amount, this.account.currency, this.lang))}` : ''}${e.reason ? ` (${esc(e.reason)})` : ''}${'channel' in e ? ` ${esc(e.channel ?? 'all')}` : ''}</li>`).join('') || `<li>${t.none}</li>`}</ul>
        <h3>${t.answer}</h3><pre>${esc(r.answer?.text ?? t.none)}</pre>`;
      this.emit('analysed', r);
    } catch (e) { this.fail(e); }
  }
}

function bars(title, rows, unit) {
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const h = 18 * rows.length + 10;
  const svg = `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 320 ${h}" width="320" height="${h}">${rows.map(([k, v], i) =>
    `<text x="0" y="${18 * i + 14}" font-size="11">${esc(k)}</text><rect x="120" y="${18 * i + 4}" width="${Math.round(190 * v / max)}" height="12" fill="var(--dunwell-accent, #1d4ed8)"></rect><text x="${124 + Math.round(190 * v / max)}" y="${18 * i + 14}" font-size="10">${esc(v)}</text>`).join('')}</svg>`;
  const table = `<table aria-label="${esc(title)}"><thead><tr><th scope="col">${esc(unit[0])}</th><th scope="col">${esc(unit[1])}</th></tr></thead><tbody>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
  return `<h3>${esc(title)}</h3><div class="grid">${svg}${table}</div>`;
}

/** <dunwell-strategy-simulator as-of="…" portfolio="sample/portfolio.jsonl">: decide a portfolio, chart it. */
export class StrategySimulator extends DunwellElement {
  static observedAttributes = ['as-of', 'lang', 'portfolio'];
  /** The summary of the last run. */
  summary = null;
  update() {
    const t = this.t;
    if (this.root.getElementById('run') && this._builtLang === this.lang) return;
    this._builtLang = this.lang;
    this.root.innerHTML = `<style>${STYLE}</style><section aria-label="${t.run}">
      <div class="row"><button id="run" type="button">${t.run}</button>
      <label>${t.portfolio} <input id="file" type="file" accept=".jsonl,.json,.csv,.txt" aria-label="${t.portfolio}"></label></div>
      <p id="status" class="muted" aria-live="polite"></p><div id="charts"></div></section>`;
    this.root.getElementById('run').addEventListener('click', () => this.run());
    this.root.getElementById('file').addEventListener('change', async (e) => {
      const f = e.target.files?.[0];
      if (f) this.run(await f.text(), f.name);
    });
  }
  /** Runs over `text` (JSON lines or CSV), or the `portfolio` attribute's file. Resolves to the summary. */
  async run(text, name) {
    const t = this.t;
    try {
      const started = performance.now();
      if (text == null) text = await (await fetch(new URL(this.getAttribute('portfolio') || 'sample/portfolio.jsonl', document.baseURI))).text();
      const lines = name?.endsWith('.csv') ? csvToJsonl(text) : text.split('\n').filter((l) => l.trim());
      const engine = await engineFor(this.policy);
      // A simulation reads plans, not words: decide without writing messages.
      const out = engine.callJson('decide_batch', `${JSON.stringify({ as_of: this.getAttribute('as-of'), messages: false })}\n${lines.join('\n')}`).split('\n');
      const perDay = new Map(), suppressed = new Map(), buckets = new Map();
      let recovery = 0, decided = 0;
      for (const line of out) {
        const env = JSON.parse(line);
        if (!env.ok) continue;
        decided++;
        const d = env.ok;
        buckets.set(d.bucket, (buckets.get(d.bucket) ?? 0) + 1);
        for (const a of d.actions) {
          const key = `${a.at.slice(0, 10)} ${a.channel}`;
          perDay.set(key, (perDay.get(key) ?? 0) + 1);
        }
        for (const s of d.suppressed) suppressed.set(s.reason, (suppressed.get(s.reason) ?? 0) + 1);
        recovery += d.offers[0]?.expected_recovery ?? 0;
      }
      const ms = performance.now() - started;
      this.summary = { accounts: lines.length, decided, ms, perDay: Object.fromEntries(perDay), suppressed: Object.fromEntries(suppressed), buckets: Object.fromEntries(buckets), recovery };
      const sort = (m) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      this.root.getElementById('status').textContent = `${decided} / ${lines.length} ${t.accounts} · ${ms.toFixed(0)} ms · ${t.recovery} ${recovery}`;
      this.root.getElementById('charts').innerHTML = bars(t.actionsPerDay, sort(perDay), [t.day, t.count])
        + bars(t.suppressedBy, sort(suppressed), [t.reason, t.count]) + bars(t.bucketMix, sort(buckets), [t.bucket, t.count]);
      this.emit('simulated', this.summary);
      return this.summary;
    } catch (e) { this.fail(e); return null; }
  }
}

/** Flat CSV (the host's `--from csv` columns) to account JSON lines. */
export function csvToJsonl(text) {
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l.trim());
  const cols = head.split(',').map((c) => c.trim());
  return rows.map((r) => {
    const v = Object.fromEntries(r.split(',').map((x, i) => [cols[i], x.trim()]));
    const num = (k) => (v[k] ? Number(v[k]) : 0);
    return JSON.stringify({
      id: v.id, jurisdiction: v.jurisdiction, currency: v.currency,
      balances: { principal: num('principal'), interest: num('interest'), fees: num('fees') },
      instalments: (v.instalments || '').split(';').filter(Boolean).map((x) => { const [due, amount, paid] = x.split(':'); return paid ? { due, amount: Number(amount), paid: Number(paid) } : { due, amount: Number(amount) }; }),
      borrower: { name: v.name || '', time_zone: v.time_zone, ...(v.locale ? { locale: v.locale } : {}) },
    });
  });
}

customElements.define('dunwell-account-plan', AccountPlan);
customElements.define('dunwell-message-preview', MessagePreview);
customElements.define('dunwell-reply-assistant', ReplyAssistant);
customElements.define('dunwell-strategy-simulator', StrategySimulator);
