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
    currency: 'Currency', netRecovery: 'Expected net recovery', netRecoveryNote: 'the first offer the engine proposes per account (its net recovery: present value of what the borrower pays, times uptake); per currency, never added across currencies',
    withOffer: 'Accounts with an offer', badFile: 'The file could not be simulated', noAccounts: 'the file has no account lines',
    noneDecided: 'no account in the file could be decided', someFailed: 'accounts could not be decided', line: 'line',
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
    currency: '币种', netRecovery: '预期净回收', netRecoveryNote: '每户引擎首推的还款方案的净回收（借款人还款的现值乘以接受概率）；按币种分列，不跨币种相加',
    withOffer: '有还款方案的户数', badFile: '该文件无法模拟', noAccounts: '文件中没有账户行',
    noneDecided: '文件中没有任何账户可以决策', someFailed: '户无法决策', line: '第几行',
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
figure.chart { margin: 0; } svg.stacked { display: block; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; margin: 4px 0 8px; font-size: .85rem; }
.legend svg { vertical-align: -1px; }
table.per-day td { text-align: right; } table.per-day th { white-space: nowrap; } .code { text-decoration: underline dotted #9aa5b1; }
`;

/** A code's label in the UI language: {text, code}; unknown codes show as they are. */
export function label(kind, code, lang) {
  const text = (LABELS[lang]?.[kind]?.[code]) ?? (LABELS['en-US'][kind]?.[code]) ?? code;
  return { text, code };
}
/** A label as HTML, with the raw code in `title` for support (and as data, for scripts). */
function codeHtml({ text, code }) {
  return text === code ? esc(text) : `<span class="code" title="${esc(code)}" data-code="${esc(code)}">${esc(text)}</span>`;
}
const LABELS = { 'en-US': {}, 'zh-CN': {} };

function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Minor units to a major-unit amount with its currency, in the UI language (the currency's own number of decimals,
 *  which Intl knows from ISO 4217: 2 for USD, GBP, CNY; 0 for JPY, KRW). */
export function money(minor, currency, lang) {
  if (minor == null) return '';
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(minor / 10 ** digits);
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

/** Horizontal bars with the label column wide enough for the (translated) keys, and the data table beside. */
function bars(title, rows, unit, name = (k) => ({ text: k, code: k })) {
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const h = 20 * rows.length + 10;
  const svg = `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 340 ${h}" width="340" height="${h}">${rows.map(([k, v], i) => {
    const w = Math.round(150 * v / max);
    return `<g><title>${esc(name(k).text)}: ${esc(v)}</title><text x="146" y="${20 * i + 15}" font-size="11" text-anchor="end">${esc(name(k).text)}</text>`
      + `<rect x="150" y="${20 * i + 5}" width="${w}" height="13" fill="var(--dunwell-accent, #1d4ed8)"></rect><text x="${154 + w}" y="${20 * i + 15}" font-size="10">${esc(v)}</text></g>`;
  }).join('')}</svg>`;
  const table = `<table aria-label="${esc(title)}"><thead><tr><th scope="col">${esc(unit[0])}</th><th scope="col">${esc(unit[1])}</th></tr></thead><tbody>${rows.map(([k, v]) => `<tr><td>${codeHtml(name(k))}</td><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
  return `<h3>${esc(title)}</h3><div class="grid">${svg}${table}</div>`;
}

// Channel colours: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies).
const CHANNEL_ORDER = ['sms', 'email', 'call', 'letter', 'social_dm', 'agency_referral', 'legal_referral'];
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#6B4C9A', '#999999'];

/** The smallest 1/2/5×10^k at or above `v`: round axis maxima. */
function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, v)));
  return [1, 2, 5, 10].map((m) => m * p).find((x) => x >= v);
}

/** Actions per day, stacked by channel: one column per day, a y axis with round ticks, day labels that never overlap
 *  (every n-th when days are many), a legend, and the day × channel table beside it. */
function stacked(title, perDay, lang, t) {
  const days = [...perDay.keys()].sort();
  const seen = new Set(days.flatMap((d) => [...perDay.get(d).keys()]));
  const channels = [...CHANNEL_ORDER.filter((c) => seen.has(c)), ...[...seen].filter((c) => !CHANNEL_ORDER.includes(c)).sort()];
  const colour = (c) => COLOURS[Math.min(channels.indexOf(c), COLOURS.length - 1)];
  const total = (d) => [...perDay.get(d).values()].reduce((a, b) => a + b, 0);
  const top = niceMax(Math.max(1, ...days.map(total)));
  const left = 44, plotH = 200, topPad = 10, bottom = 34;
  const slot = Math.max(14, Math.min(36, 560 / Math.max(1, days.length)));
  const width = left + slot * days.length + 10, height = topPad + plotH + bottom;
  const y = (v) => topPad + plotH - (plotH * v) / top;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
  const every = Math.ceil(40 / slot); // a day label is about 34 px wide at 10 px
  const dayFmt = new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const short = (d) => dayFmt.format(new Date(`${d}T00:00:00Z`));
  const long = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayName = (d) => long.format(new Date(`${d}T00:00:00Z`));
  const axis = ticks.map((v) => `<line x1="${left}" x2="${width - 6}" y1="${y(v)}" y2="${y(v)}" stroke="#e4e7eb"></line>`
    + `<text class="tick" x="${left - 6}" y="${y(v) + 4}" font-size="10" text-anchor="end">${esc(v)}</text>`).join('');
  const cols = days.map((d, i) => {
    let acc = 0;
    const x = left + slot * i + slot * 0.15, w = slot * 0.7;
    const rects = channels.filter((c) => perDay.get(d).get(c)).map((c) => {
      const v = perDay.get(d).get(c);
      const r = `<rect data-channel="${esc(c)}" x="${x.toFixed(1)}" y="${y(acc + v).toFixed(1)}" width="${w.toFixed(1)}" height="${(y(acc) - y(acc + v)).toFixed(1)}" fill="${colour(c)}"><title>${esc(dayName(d))} · ${esc(label('channel', c, lang).text)}: ${v}</title></rect>`;
      acc += v;
      return r;
    }).join('');
    const tick = i % every === 0
      ? `<text class="day" x="${(left + slot * i + slot / 2).toFixed(1)}" y="${topPad + plotH + 14}" font-size="10" text-anchor="middle">${esc(short(d))}</text>` : '';
    return `<g class="day" data-day="${d}">${rects}${tick}</g>`;
  }).join('');
  const svg = `<svg class="stacked" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width.toFixed(0)} ${height}" width="${width.toFixed(0)}" height="${height}">${axis}`
    + `<line x1="${left}" x2="${left}" y1="${topPad}" y2="${topPad + plotH}" stroke="#52606d"></line>${cols}`
    + `<text x="${left + (width - left) / 2}" y="${height - 4}" font-size="10" text-anchor="middle">${esc(t.day)}</text></svg>`;
  const legend = `<ul class="legend" aria-label="${esc(t.channel)}">${channels.map((c) => `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${colour(c)}"></rect></svg> ${codeHtml(label('channel', c, lang))}</li>`).join('')}</ul>`;
  const table = `<table aria-label="${esc(title)}" class="per-day"><thead><tr><th scope="col">${esc(t.day)}</th>${channels.map((c) => `<th scope="col">${codeHtml(label('channel', c, lang))}</th>`).join('')}<th scope="col">${esc(t.total)}</th></tr></thead>`
    + `<tbody>${days.map((d) => `<tr><th scope="row">${esc(d)}</th>${channels.map((c) => `<td>${perDay.get(d).get(c) ?? 0}</td>`).join('')}<td>${total(d)}</td></tr>`).join('')}</tbody></table>`;
  return `<h3>${esc(title)}</h3><figure class="chart">${svg}${legend}</figure>${table}`;
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
  /** Runs over `text` (JSON lines or CSV), or the `portfolio` attribute's file. Resolves to the summary (null when
   *  the file could not be simulated: then the element shows why instead of empty charts). */
  async run(text, name) {
    const t = this.t, lang = this.lang;
    const status = this.root.getElementById('status'), charts = this.root.getElementById('charts');
    try {
      const started = performance.now();
      if (text == null) {
        const url = new URL(this.getAttribute('portfolio') || 'sample/portfolio.jsonl', document.baseURI);
        const res = await fetch(url);
        if (!res.ok) throw Object.assign(new Error(`${url.pathname}: HTTP ${res.status}`), { code: 'console.portfolio_unavailable' });
        text = await res.text();
        name ??= url.pathname;
      }
      const lines = name?.endsWith('.csv') ? csvToJsonl(text) : text.split('\n').filter((l) => l.trim());
      const engine = await engineFor(this.policy);
      // A simulation reads plans, not words: decide without writing messages.
      const out = lines.length
        ? engine.callJson('decide_batch', `${JSON.stringify({ as_of: this.getAttribute('as-of'), messages: false })}\n${lines.join('\n')}`).split('\n')
        : [];
      const perDay = new Map(), suppressed = new Map(), buckets = new Map(), recovery = new Map(), errors = [];
      let decided = 0;
      out.forEach((line, i) => {
        const env = JSON.parse(line);
        if (!env.ok) { errors.push({ line: i + 1, ...(env.error ?? { code: 'unknown', message: line }) }); return; }
        decided++;
        const d = env.ok;
        buckets.set(d.bucket, (buckets.get(d.bucket) ?? 0) + 1);
        for (const a of d.actions) {
          const day = a.at.slice(0, 10);
          if (!perDay.has(day)) perDay.set(day, new Map());
          perDay.get(day).set(a.channel, (perDay.get(day).get(a.channel) ?? 0) + 1);
        }
        for (const s of d.suppressed) suppressed.set(s.reason, (suppressed.get(s.reason) ?? 0) + 1);
        // Offers come ranked (forbearance first in hardship, then affordable, then net recovery): the first is the one
        // the plan proposes. An account without offers adds nothing (and is not counted).
        const best = d.offers[0];
        if (best) {
          const r = recovery.get(d.currency) ?? { net_recovery: 0, accounts: 0 };
          r.net_recovery += best.net_recovery ?? best.expected_recovery ?? 0;
          r.accounts++;
          recovery.set(d.currency, r);
        }
      });
      const ms = performance.now() - started;
      const problems = errors.slice(0, 5).map((e) => `${t.line} ${e.line}: ${e.code}${e.path ? ` ${e.path}` : ''}: ${e.message}`);
      if (!decided) {
        const why = lines.length ? t.noneDecided : t.noAccounts;
        this.summary = { accounts: lines.length, decided, errors };
        status.className = 'error';
        status.setAttribute('role', 'alert');
        status.innerHTML = `<strong>${esc(t.badFile)}${name ? ` (${esc(name)})` : ''}: ${esc(why)}</strong>${problems.length ? `<ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}`;
        charts.innerHTML = '';
        this.emit('dunwellerror', { code: 'console.portfolio_invalid', message: [why, ...problems].join('; '), path: '' });
        return null;
      }
      const perDayObj = Object.fromEntries([...perDay].map(([d, m]) => [d, Object.fromEntries(m)]));
      this.summary = { accounts: lines.length, decided, errors, ms, perDay: perDayObj, suppressed: Object.fromEntries(suppressed), buckets: Object.fromEntries(buckets), recovery: Object.fromEntries(recovery) };
      const sort = (m) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const rec = sort(recovery);
      status.className = errors.length ? 'warning' : 'muted';
      status.setAttribute('role', errors.length ? 'alert' : 'status');
      status.innerHTML = `${decided} / ${lines.length} ${t.accounts} · ${ms.toFixed(0)} ms · ${esc(t.netRecovery)}: ${rec.map(([c, r]) => `<span class="amount" data-currency="${esc(c)}">${esc(money(r.net_recovery, c, lang))}</span>`).join(' · ') || t.none}`
        + (errors.length ? `<br>${errors.length} ${esc(t.someFailed)}<ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '');
      charts.innerHTML = stacked(t.actionsPerDay, perDay, lang, t)
        + bars(t.suppressedBy, sort(suppressed), [t.reason, t.count], (k) => label('reason', k, lang))
        + bars(t.bucketMix, sort(buckets), [t.bucket, t.count])
        + recoveryTable(t, rec, lang);
      this.emit('simulated', this.summary);
      return this.summary;
    } catch (e) { this.fail(e); return null; }
  }
}

/** Expected net recovery per currency (major units), with the rule it follows, as a table. */
function recoveryTable(t, rows, lang) {
  return `<h3>${esc(t.netRecovery)}</h3><p class="muted">${esc(t.netRecoveryNote)}</p>
    <table aria-label="${esc(t.netRecovery)}" class="recovery"><thead><tr><th scope="col">${esc(t.currency)}</th><th scope="col">${esc(t.netRecovery)}</th><th scope="col">${esc(t.withOffer)}</th></tr></thead>
    <tbody>${rows.map(([c, r]) => `<tr><td>${esc(c)}</td><td data-currency="${esc(c)}" data-minor="${r.net_recovery}">${esc(money(r.net_recovery, c, lang))}</td><td>${r.accounts}</td></tr>`).join('')}</tbody></table>`;
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
