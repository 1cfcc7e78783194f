// Dunwell custom elements: framework-free, ES modules, one shared engine per policy.
//
//   <dunwell-account-plan>        score with reasons, the plan on a timeline (borrower's and collector's time),
//                                 suppressed steps with reasons, offers
//   <dunwell-message-preview>     template editor with live preview per channel × locale × tone, lint findings,
//                                 SMS segment counter, the template variables (from the package's schema)
//   <dunwell-reply-assistant>     paste a borrower reply → intents, promise, effects, suggested answer
//   <dunwell-strategy-simulator>  run the policy over a portfolio and chart actions, suppressions, buckets
//
// Attributes/properties in, lowercase CustomEvents out (`decided`, `rendered`, `analysed`, `simulated`,
// `dunwellerror`). `shadow="open|closed"` picks the shadow root mode; theme with CSS custom properties
// (--dunwell-accent, --dunwell-bg, --dunwell-fg, --dunwell-muted, --dunwell-font, --dunwell-radius).
// Everything runs in the page: no network but the module, the policy you point it at and the schema of the template
// variables (../pkg/schemas/message-context.schema.json, or configure({ contextSchemaUrl | contextSchema })).
import init, { Engine, validatePolicy } from '../pkg/index.js';

let ready = null;
const engines = new Map();
const config = {
  wasmUrl: null,
  policyUrl: new URL('../policies/default.json', import.meta.url).href,
  // The JSON Schema of a message's variables, generated from the engine's types and shipped in the package.
  contextSchemaUrl: new URL('../pkg/schemas/message-context.schema.json', import.meta.url).href,
};
let contextSchema = null;

/** Overrides where the module, the default policy and the schema of the template variables come from (call before
 *  the first element renders): `wasmUrl` (or bytes), `policyUrl`, or the default `policy` itself (object or JSON
 *  text); `contextSchemaUrl`, or the `contextSchema` itself (object or JSON text: the package's
 *  `schemas/message-context.schema.json`). */
export function configure({ wasmUrl, policyUrl, policy, contextSchemaUrl, contextSchema: schema } = {}) {
  if (wasmUrl) config.wasmUrl = wasmUrl;
  if (policyUrl) config.policyUrl = policyUrl;
  if (policy) engines.set('@default', typeof policy === 'string' ? policy : JSON.stringify(policy));
  if (contextSchemaUrl) { config.contextSchemaUrl = contextSchemaUrl; contextSchema = null; }
  if (schema) {
    contextSchema = Promise.resolve(typeof schema === 'string' ? JSON.parse(schema) : schema);
    config.contextSchemaUrl = null;   // given inline (the single-file build): there is no file to link to
  }
}

/** The message-context schema (fetched once); a file that cannot be loaded is an error saying which URL answered
 *  what (the next call tries again). */
export function loadContextSchema() {
  contextSchema ??= (async () => {
    const url = config.contextSchemaUrl;
    const where = new URL(url, document.baseURI).pathname;
    let res;
    try {
      res = await fetch(url);
    } catch (e) {
      throw Object.assign(new Error(`${where} could not be fetched (${e.message})`), { code: 'console.schema_unavailable' });
    }
    if (!res.ok) throw Object.assign(new Error(`${where} answered HTTP ${res.status}`), { code: 'console.schema_unavailable' });
    let schema;
    try {
      schema = await res.json();
    } catch (e) {
      throw Object.assign(new Error(`${where} is not JSON (${e.message})`), { code: 'console.schema_unavailable' });
    }
    if (!schema?.properties || typeof schema.properties !== 'object') {
      throw Object.assign(new Error(`${where} has no "properties"`), { code: 'console.schema_unavailable' });
    }
    return schema;
  })();
  contextSchema.catch(() => { contextSchema = null; });
  return contextSchema;
}

/** A message's variables from the message-context JSON Schema, in the schema's order: `{name, type, description,
 *  children}` for each top-level property, `children` being the properties of an object (`borrower.name`) or of an
 *  array's items (`offers[].total`), one level deep. `$ref`s into `$defs` are resolved (a description at the
 *  reference wins over the definition's); `null` in an `anyOf`/`type` list shows as `| null`; a `oneOf` of consts
 *  (an enum) shows its values. */
export function templateVariables(schema) {
  const defs = schema.$defs ?? schema.definitions ?? {};
  const resolve = (s, seen = new Set()) => {
    while (s && typeof s.$ref === 'string') {
      const name = decodeURIComponent(s.$ref.replace(/^#\/(?:\$defs|definitions)\//, '')).replace(/~1/g, '/').replace(/~0/g, '~');
      if (seen.has(name) || !defs[name]) break;
      seen.add(name);
      const { $ref, ...site } = s;
      s = { ...defs[name], ...site };
    }
    return s ?? {};
  };
  // {types: [..], description, properties}
  const shape = (raw) => {
    const s = resolve(raw);
    const alternatives = s.anyOf ?? (s.oneOf && !s.oneOf.every((x) => 'const' in x) ? s.oneOf : null);
    if (alternatives) {
      const parts = alternatives.map(shape);
      const props = parts.find((p) => p.properties)?.properties ?? null;
      return { types: [...new Set(parts.flatMap((p) => p.types))], description: s.description ?? parts.find((p) => p.description)?.description ?? '', properties: props, items: parts.some((p) => p.items) };
    }
    let types;
    if (s.oneOf || s.enum) types = (s.oneOf ? s.oneOf.map((x) => x.const) : s.enum).map((v) => JSON.stringify(v));
    else if ('const' in s) types = [JSON.stringify(s.const)];
    else types = (Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : 'any')]).map((t) => {
      if (t === 'array') {
        const item = shape(s.items ?? {});
        const one = item.types.length === 1 ? item.types[0] : `(${item.types.join(' | ')})`;
        return `${one}[]`;
      }
      return t === 'string' && ['date', 'date-time'].includes(s.format) ? `string (${s.format})` : t;
    });
    const item = (Array.isArray(s.type) ? s.type : [s.type]).includes('array') && s.items ? shape(s.items) : null;
    return { types, description: s.description ?? '', properties: s.properties ? s.properties : item?.properties ?? null, items: Boolean(item?.properties) };
  };
  const text = (x) => ({ type: x.types.join(' | '), description: x.description });
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const x = shape(raw);
    const prefix = x.items ? `${name}[]` : name;
    const children = Object.entries(x.properties ?? {}).map(([k, v]) => ({ name: `${prefix}.${k}`, ...text(shape(v)) }));
    return { name, ...text(x), children };
  });
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
    probability: 'Probability of paying', pointsOf: (p, m) => `${p} of ${m} points`, noPayment: 'no payment on record', unknown: 'unknown',
    days: (n) => `${n} ${n === 1 ? 'day' : 'days'}`, kind: 'Kind', givesUp: 'Gives up', approval: 'Approval',
    outsideWindow: "outside 08:00–21:00 borrower's time", zones: (b, c) => `Borrower's time zone: ${b} · your time zone: ${c}`,
    penalty: 'Penalty interest', accrued: 'Accrued', perDay: 'per day', ifUnpaid: 'If nothing is paid', date: 'Date', owed: 'Owed',
    agency: 'Agency placement', legal: 'Legal referral', eligible: 'eligible', notEligible: 'not eligible', blockedBy: 'blocked by',
    topAgency: 'first choice', placedWith: 'placed with', recommend: 'recommended', notRecommended: 'not recommended', costs: 'costs', net: 'net',
    debtAdvice: 'Free debt advice', verification: 'Verification', verifyBy: 'send verification by', daysLeft: (n) => `${n} days left`,
    positive: 'positive', negative: 'negative', neutral: 'neutral', allChannels: 'all channels', editPolicy: 'Edit the policy and compare', policyJson: 'Policy (JSON)', compare: 'Compare with the current policy',
    policyValid: 'The policy is valid.', policyInvalid: 'The policy cannot be loaded:', current: 'Current', edited: 'Edited', change: 'Change',
    actionsByChannel: 'Actions by channel', changedPlans: 'Accounts whose plan changed', htmlPreview: 'E-mail as HTML (sandboxed)', htmlOnly: '(no text part: the HTML part is shown below)', emptyTemplate: 'empty: the library template above',
    recoveryByBucket: 'Expected net recovery by bucket', recoveryByBucketNote: 'one chart per currency, each on its own scale (amounts are never compared or added across currencies)',
    sms: (segments, units, encoding) => `SMS: ${segments} ${segments === 1 ? 'segment' : 'segments'} · ${units} ${encoding} characters`,
    notVariable: (v) => `\`${v}\` is not a template variable (see the list of variables)`,
    noAttribute: (p, k, keys) => `\`${p}\` has no \`${k}\`${keys.length ? ` (it has: ${keys.join(', ')})` : ''}`,
    emptyValue: (p, full) => `\`${p}\` is empty for this account, so \`${full}\` has no value (test it with {% if ${p} %})`,
    undefinedVariable: 'Undefined', colon: ': ',
    templateVariables: (n) => `Template variables (${n})`, variablesLoading: 'Template variables: loading…',
    variablesUnavailable: 'Template variables: not available', variableName: 'Variable', variableType: 'Type', variableDescription: 'Description',
    variablesSource: 'Every variable a template can use, from the package’s schema', variablesNested: 'fields of an object or of a list’s items one level down (borrower.name, offers[].total)',
    noDescription: 'no description in the schema',
    variablesError: 'The list of template variables could not be loaded', variablesHint: 'serve the package folder (pkg) beside www, or call configure({ contextSchemaUrl })',
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
    noneDecided: '文件中没有任何账户可以决策', someFailed: '户无法决策', line: '行',
    probability: '还款概率', pointsOf: (p, m) => `得分 ${p}/${m}`, noPayment: '无还款记录', unknown: '未知',
    days: (n) => `${n} 天`, kind: '类型', givesUp: '让利', approval: '审批',
    outsideWindow: '借款人当地时间不在 08:00–21:00 内', zones: (b, c) => `借款人时区：${b} · 您的时区：${c}`,
    penalty: '罚息', accrued: '已产生', perDay: '每日', ifUnpaid: '如不还款', date: '日期', owed: '应还',
    agency: '委外催收', legal: '法务移交', eligible: '符合条件', notEligible: '不符合条件', blockedBy: '原因',
    topAgency: '首选机构', placedWith: '已委托', recommend: '建议移交', notRecommended: '不建议移交', costs: '费用', net: '净额',
    debtAdvice: '免费债务咨询', verification: '债务核实', verifyBy: '核实材料寄送截止', daysLeft: (n) => `剩余 ${n} 天`,
    positive: '积极', negative: '消极', neutral: '中性', allChannels: '所有渠道', editPolicy: '编辑策略并比较', policyJson: '策略（JSON）', compare: '与当前策略比较',
    policyValid: '策略有效。', policyInvalid: '策略无法加载：', current: '当前', edited: '编辑后', change: '变化',
    actionsByChannel: '各渠道动作数', changedPlans: '计划有变化的账户', htmlPreview: '邮件 HTML 预览（沙箱）', htmlOnly: '（无纯文本部分：HTML 部分见下方）', emptyTemplate: '留空：使用上方的模板库模板',
    recoveryByBucket: '各账龄预期净回收', recoveryByBucketNote: '每个币种一张图，各用各的刻度（金额从不跨币种比较或相加）',
    sms: (segments, units, encoding) => `短信：${segments} 条 · ${units} 个 ${encoding} 字符`,
    notVariable: (v) => `\`${v}\` 不是模板变量（见变量列表）`,
    noAttribute: (p, k, keys) => `\`${p}\` 没有 \`${k}\`${keys.length ? `（可用：${keys.join(', ')}）` : ''}`,
    emptyValue: (p, full) => `该账户的 \`${p}\` 为空，因此 \`${full}\` 没有值（可先用 {% if ${p} %} 判断）`,
    undefinedVariable: '未定义', colon: '：',
    templateVariables: (n) => `模板变量（${n} 个）`, variablesLoading: '模板变量：正在加载…',
    variablesUnavailable: '模板变量：无法加载', variableName: '变量', variableType: '类型', variableDescription: '说明',
    variablesSource: '模板可用的全部变量，取自软件包的 schema', variablesNested: '对象的字段及列表项的字段只展开一层（如 borrower.name、offers[].total）；说明为英文',
    noDescription: 'schema 中没有说明',
    variablesError: '模板变量列表无法加载', variablesHint: '请将软件包目录（pkg）与 www 并列部署，或调用 configure({ contextSchemaUrl })',
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
tr.outside td { background: #fff4e5; } .window-warning { display: block; font-size: .8rem; }
button { font: inherit; padding: 4px 12px; border-radius: var(--dunwell-radius, 6px); border: 1px solid var(--dunwell-accent, #1d4ed8);
  background: var(--dunwell-accent, #1d4ed8); color: #fff; cursor: pointer; }
button:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
textarea { width: 100%; box-sizing: border-box; font: .9rem ui-monospace, monospace; }
select, input { font: inherit; } pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; background: #f5f7fa; padding: 8px; margin: 0; }
.row { display: flex; gap: 10px; flex-wrap: wrap; align-items: center; }
/* Chart and table side by side when there is room, stacked in a narrow column (a CRM sidebar, the console's two columns). */
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; align-items: start; }
iframe#html { width: 100%; height: 320px; border: 1px solid #cbd2d9; background: #fff; margin-top: 6px; }
tr.changed td { font-weight: 600; } .changed-accounts .id { white-space: nowrap; } details#editor { margin: 8px 0; } details#editor textarea { font-size: .8rem; }
svg { max-width: 100%; height: auto; } .scroll { overflow-x: auto; } .scroll svg.stacked { max-width: none; }
/* A plan's message gets the table's whole width on a row of its own, so a long one wraps instead of running off the edge. */
tr.has-message td { border-bottom: 0; } tr.message-row td { padding-top: 0; } tr.message-row pre { margin-top: 4px; }
figure.recovery-chart { margin: 0 0 8px; } figure.recovery-chart figcaption { font-size: .85rem; font-weight: 600; }
figure.chart { margin: 0; } svg.stacked { display: block; }
details#vars { margin: 8px 0; } details#vars > summary { font-weight: 600; font-size: .95rem; cursor: pointer; } details#vars.error > summary { color: #a61b1b; }
table.variables code { font-size: .82rem; } table.variables td.type code { overflow-wrap: anywhere; } table.variables tr.field th { padding-left: 18px; font-weight: normal; }
table.variables tr.var th, table.variables tr.var td { border-top: 1px solid #cbd2d9; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; margin: 4px 0 8px; font-size: .85rem; }
.legend svg { vertical-align: -1px; }
table.per-day td { text-align: right; } table.per-day th { white-space: nowrap; } .code { text-decoration: underline dotted #9aa5b1; white-space: nowrap; }
`;

/** A code's label in the UI language: {text, code}; unknown codes show as they are. */
export function label(kind, code, lang) {
  if (code == null) return { text: '', code: '' };
  const text = kind === 'step' ? stepText(code, lang) : kind === 'offer' ? offerText(code, lang)
    : (LABELS[lang]?.[kind]?.[code]) ?? (LABELS['en-US'][kind]?.[code]) ?? code;
  return { text, code };
}
/** A label as HTML, with the raw code in `title` for support (and as data, for scripts). */
function codeHtml({ text, code }) {
  return text === code ? esc(text) : `<span class="code" title="${esc(code)}" data-code="${esc(code)}">${esc(text)}</span>`;
}
// What the engine's codes mean, per UI language. A code missing here shows as itself (never a blank).
// The template locales the preview offers (the library's languages), named in the UI language.
const LOCALES = ['en-US', 'en-GB', 'es-US', 'zh-CN'];
const LOCALE_NAMES = {
  'en-US': { 'en-US': 'English (US)', 'en-GB': 'English (UK)', 'es-US': 'Spanish (US)', 'zh-CN': 'Chinese (Simplified)' },
  'zh-CN': { 'en-US': '英语（美国）', 'en-GB': '英语（英国）', 'es-US': '西班牙语（美国）', 'zh-CN': '简体中文' },
};

const LABELS = {
  'en-US': {
    channel: { sms: 'SMS', email: 'E-mail', call: 'Call', letter: 'Letter', social_dm: 'Social message', agency_referral: 'Agency referral', legal_referral: 'Legal referral' },
    tone: { gentle: 'Gentle', neutral: 'Neutral', firm: 'Firm' },
    kind: { pay_in_full: 'Pay in full', pay_arrears: 'Pay the arrears', instalments: 'Instalments', deferral: 'Deferral', restructure: 'Restructure', token_payment: 'Token payment', settlement: 'Settlement' },
    approval: { auto: 'Auto', agent: 'Agent', supervisor: 'Supervisor' },
    mode: { auto: 'automatic', manual: 'by a collector' },
    softened: { hardship: 'softened: hardship', angry_reply: 'softened: angry reply' },
    reason: { quiet_hours: 'Quiet hours', holiday: 'Public holiday', stated_inconvenient_time: 'Time the borrower said is inconvenient', call_cap7in7: 'Call cap (7 in 7 days)', call_cap_7in7: 'Call cap (7 in 7 days)', after_conversation7d: 'Within 7 days of a conversation', after_conversation_7d: 'Within 7 days of a conversation', daily_call_cap: 'Daily call cap', no_consent: 'No consent', opted_out: 'Opted out', no_address: 'No address', bounced: 'Bounced', workplace_email: 'Workplace e-mail', cease_requested: 'Asked to stop contact', dispute_pending: 'Dispute pending', validation_pending: 'Validation pending', bankruptcy: 'Bankruptcy', deceased: 'Deceased', attorney_represented: 'Represented by an attorney', promise_pending: 'Promise to pay pending', arrangement_active: 'Arrangement active', beyond_horizon: 'Beyond the planning horizon', hardship: 'Hardship', time_barred: 'Time-barred', not_eligible: 'Not eligible' },
    intent: { promise_to_pay: 'Promise to pay', already_paid: 'Says already paid', hardship: 'Hardship', dispute: 'Dispute', wrong_person: 'Wrong person', stop_contact: 'Stop contact', callback_request: 'Callback request', question_balance: 'Asks the balance', question_how_to_pay: 'Asks how to pay', question_options: 'Asks about options', abusive: 'Abusive', other: 'Other', bankruptcy: 'Bankruptcy', attorney: 'Has an attorney', complaint: 'Complaint', validation_request: 'Validation request' },
    effect: { record_promise: 'Record a promise', ask_for_date: 'Ask for a date', verify_payment: 'Check the ledger for the payment', mark_dispute: 'Mark as disputed', record_cease: 'Record: stop contact', flag_hardship: 'Flag hardship', flag_wrong_person: 'Flag wrong person', schedule_callback: 'Schedule a callback', flag_bankruptcy: 'Flag bankruptcy', flag_attorney: 'Flag attorney', route_complaint: 'Route to complaints', pause_for_validation: 'Pause for validation', route_to_human: 'Route to a person' },
    feature: { on_time_share_12m: 'On-time payments (12 months)', kept_promise_ratio: 'Promises kept', days_since_last_payment: 'Days since last payment', dpd: 'Days past due', balance_to_income: 'Balance to income', age_band: 'Age band', rpc_rate: 'Reached the borrower (right-party contacts)', broken_promises: 'Broken promises', utilisation: 'Credit utilisation' },
    segment: { m0_courtesy: 'M0 courtesy', m1_gentle: 'M1 gentle', m2_firm: 'M2 firm', m3_final: 'M3 final', m4_recovery: 'M4 recovery' },
    stepPart: { best: 'best channel', reminder_3d: 'reminder 3 days before due', due_today: 'due-today reminder', agency_review: 'agency referral review', legal_review: 'legal review', final_notice: 'final notice' },
    severity: { error: 'Error', warning: 'Warning' },
    blocked: { dpd_below_minimum: 'not enough days past due', ladder_not_exhausted: 'contact ladder not finished', contact_not_exhausted: 'contact attempts not exhausted', balance_below_minimum: 'balance below the minimum', hardship: 'hardship', dispute_open: 'dispute open', validation_pending: 'validation pending', cease_requested: 'asked to stop contact', time_barred: 'time-barred', under_review: 'under review', no_licensed_agency: 'no licensed agency' },
    ground: { dispute: 'Dispute', validation_request: 'Validation request' },
    lint: { 'lint.collection_fee': 'Collection fee claimed', 'lint.company_identification': 'Company not identified', 'lint.false_legal_claim': 'False legal claim', 'lint.impersonation': 'Impersonation', 'lint.insult': 'Insult', 'lint.mini_miranda': 'Debt-collector disclosure missing', 'lint.new_borrowing': 'Urges new borrowing', 'lint.opt_out': 'Opt-out missing', 'lint.render_error': 'Template error', 'lint.shaming': 'Shaming', 'lint.sms_too_long': 'SMS too long', 'lint.third_party_disclosure': 'Disclosure to a third party', 'lint.threat': 'Threat' },
  },
  'zh-CN': {
    channel: { sms: '短信', email: '电子邮件', call: '电话', letter: '信函', social_dm: '社交私信', agency_referral: '委外催收', legal_referral: '法务移交' },
    tone: { gentle: '温和', neutral: '中性', firm: '严正' },
    kind: { pay_in_full: '一次性结清', pay_arrears: '还清逾期', instalments: '分期还款', deferral: '延期还款', restructure: '债务重组', token_payment: '小额还款', settlement: '折扣结清' },
    approval: { auto: '自动', agent: '坐席', supervisor: '主管' },
    mode: { auto: '自动', manual: '人工' },
    softened: { hardship: '已缓和：经济困难', angry_reply: '已缓和：情绪激动' },
    reason: { quiet_hours: '免打扰时段', holiday: '法定节假日', stated_inconvenient_time: '借款人表示不便的时间', call_cap7in7: '通话上限（7天7次）', call_cap_7in7: '通话上限（7天7次）', after_conversation7d: '通话后7天内', after_conversation_7d: '通话后7天内', daily_call_cap: '每日通话上限', no_consent: '未获同意', opted_out: '已退订', no_address: '无联系地址', bounced: '退信', workplace_email: '工作邮箱', cease_requested: '已要求停止联系', dispute_pending: '争议处理中', validation_pending: '债务核实中', bankruptcy: '破产', deceased: '已故', attorney_represented: '已委托律师', promise_pending: '承诺还款期内', arrangement_active: '还款安排执行中', beyond_horizon: '超出计划期', hardship: '经济困难', time_barred: '已过诉讼时效', not_eligible: '不符合条件' },
    intent: { promise_to_pay: '承诺还款', already_paid: '称已还款', hardship: '经济困难', dispute: '提出异议', wrong_person: '非本人', stop_contact: '要求停止联系', callback_request: '要求回电', question_balance: '询问欠款', question_how_to_pay: '询问还款方式', question_options: '询问还款方案', abusive: '辱骂', other: '其他', bankruptcy: '破产', attorney: '已委托律师', complaint: '投诉', validation_request: '要求核实债务' },
    effect: { record_promise: '记录还款承诺', ask_for_date: '询问还款日期', verify_payment: '核对还款记录', mark_dispute: '标记为争议', record_cease: '记录停止联系', flag_hardship: '标记经济困难', flag_wrong_person: '标记非本人', schedule_callback: '安排回电', flag_bankruptcy: '标记破产', flag_attorney: '标记律师代理', route_complaint: '转投诉处理', pause_for_validation: '暂停并核实债务', route_to_human: '转人工处理' },
    feature: { on_time_share_12m: '近12个月按时还款比例', kept_promise_ratio: '履约比例', days_since_last_payment: '距上次还款天数', dpd: '逾期天数', balance_to_income: '欠款收入比', age_band: '年龄段', rpc_rate: '本人接通率', broken_promises: '违约承诺次数', utilisation: '额度使用率' },
    segment: { m0_courtesy: 'M0 礼貌提醒', m1_gentle: 'M1 温和', m2_firm: 'M2 严正', m3_final: 'M3 最终通知', m4_recovery: 'M4 清收' },
    stepPart: { best: '最佳渠道', reminder_3d: '到期前3天提醒', due_today: '到期日提醒', agency_review: '委外审核', legal_review: '法务审核', final_notice: '最终通知' },
    severity: { error: '错误', warning: '警告' },
    blocked: { dpd_below_minimum: '逾期天数未达标', ladder_not_exhausted: '催收步骤未完成', contact_not_exhausted: '联系次数未用尽', balance_below_minimum: '欠款低于下限', hardship: '经济困难', dispute_open: '争议未决', validation_pending: '债务核实中', cease_requested: '已要求停止联系', time_barred: '已过诉讼时效', under_review: '审核中', no_licensed_agency: '无持牌催收机构' },
    ground: { dispute: '争议', validation_request: '要求核实债务' },
    lint: { 'lint.collection_fee': '收取催收费用', 'lint.company_identification': '未表明公司身份', 'lint.false_legal_claim': '虚假法律主张', 'lint.impersonation': '冒充身份', 'lint.insult': '侮辱', 'lint.mini_miranda': '缺少催收身份声明', 'lint.new_borrowing': '诱导借新还旧', 'lint.opt_out': '缺少退订方式', 'lint.render_error': '模板错误', 'lint.shaming': '羞辱', 'lint.sms_too_long': '短信过长', 'lint.third_party_disclosure': '向第三方透露', 'lint.threat': '威胁' },
  },
};

/** Steps are named `m<bucket>_<what>[_<n>]` by the policy (m2_sms_1, m0_reminder_3d): read them as words. */
function stepText(code, lang) {
  const m = /^(m\d+)_(.+?)(?:_(\d+))?$/.exec(code);
  if (!m) return code;
  const L = LABELS[lang];
  const what = L.channel[m[2]] ?? L.stepPart[m[2]] ?? LABELS['en-US'].stepPart[m[2]];
  if (!what) return code;
  const n = m[3] ? (lang === 'zh-CN' ? ` 第${m[3]}次` : ` #${m[3]}`) : '';
  return `${m[1].toUpperCase()} ${what}${n}`;
}

/** Offer ids: instalments_<n>, deferral_<n>w, else the kind's label. */
function offerText(code, lang) {
  let m = /^instalments_(\d+)$/.exec(code);
  if (m) return lang === 'zh-CN' ? `分${m[1]}期` : `${m[1]} instalments`;
  m = /^deferral_(\d+)w$/.exec(code);
  if (m) return lang === 'zh-CN' ? `延期${m[1]}周` : `Defer ${m[1]} weeks`;
  return LABELS[lang].kind[code] ?? code;
}

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

// The elements' styles as a constructed style sheet adopted by each shadow root: a CSP with `style-src 'self'`
// (no 'unsafe-inline') blocks <style> elements but not adopted sheets. Without constructable sheets (old
// browsers), a <style> element is the fallback.
const SHEET = (() => {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    return 'adoptedStyleSheets' in ShadowRoot.prototype ? sheet : null;
  } catch {
    return null;
  }
})();
const STYLE_TAG = SHEET ? '' : `<style>${STYLE}</style>`;

/** Base class: shadow root mode from the `shadow` attribute, UI language from `lang`, error events. */
class DunwellElement extends HTMLElement {
  #root = null;
  get root() {
    if (!this.#root) {
      this.#root = this.attachShadow({ mode: this.getAttribute('shadow') === 'closed' ? 'closed' : 'open' });
      if (SHEET) this.#root.adoptedStyleSheets = [SHEET];
    }
    return this.#root;
  }
  get lang() { return this.getAttribute('lang') === 'zh-CN' ? 'zh-CN' : 'en-US'; }
  set lang(v) { this.setAttribute('lang', v); }
  get t() { return TEXT[this.lang]; }
  emit(name, detail) { this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true })); }
  fail(e) {
    const detail = { code: e.code ?? 'host.error', message: e.message, path: e.path ?? '' };
    this.root.innerHTML = `${STYLE_TAG}<p class="error" role="alert">${esc(detail.code)} ${esc(detail.path)}: ${esc(detail.message)}</p>`;
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
    const L = (kind, code) => codeHtml(label(kind, code, lang));
    const zone = this.getAttribute('collector-zone') || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const when = (utc, timeZone) => new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(utc))
      + ` (${zoneName(utc, timeZone, lang)})`;
    const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
    const score = d.score ? `<p><strong>${esc(d.score.points)}</strong> · ${t.band} ${esc(d.score.band)} · <span class="probability" title="p=${esc(d.score.probability)}">${esc(t.probability)} ${esc(pct.format(d.score.probability))}</span></p>
      <ul aria-label="${t.reasons}" class="reasons">${d.score.reasons.map((r) => `<li>${L('feature', r.feature)}: ${esc(featureValue(r.feature, r.value, lang, t))} — ${esc(t.pointsOf(r.points, r.max_points))}</li>`).join('')}</ul>` : '';
    // The message goes on a row of its own under its action, across the whole table: in a narrow column (the
    // console's two columns, a CRM sidebar) a message column would push the table past the element's right edge.
    const actions = d.actions.map((a) => {
      const outside = outsideWindow(a.at);
      const cls = [outside && 'outside', a.message && 'has-message'].filter(Boolean).join(' ');
      return `<tr${cls ? ` class="${cls}"` : ''}>
      <td class="borrower-time" title="${esc(a.at)}">${esc(when(a.at_utc, d.time_zone))}${outside ? ` <strong class="warning window-warning" role="note">⚠ ${esc(t.outsideWindow)}</strong>` : ''}</td>
      <td class="collector-time" title="${esc(a.at_utc)}">${esc(when(a.at_utc, zone))}</td><td>${L('channel', a.channel)}</td><td>${L('step', a.step)}</td>
      <td>${L('tone', a.tone)}${a.softened ? ` <span class="tag">${L('softened', a.softened)}</span>` : ''}</td></tr>`
        + (a.message ? `<tr class="message-row${outside ? ' outside' : ''}"><td colspan="5"><details><summary>${t.message}: ${esc(a.message.subject ?? (a.message.text ?? '').slice(0, 48))}…</summary><pre>${esc(a.message.text ?? a.message.html ?? '')}</pre></details></td></tr>` : '');
    }).join('');
    const suppressed = d.suppressed.map((s) => `<tr><td>${L('step', s.step)}</td><td>${L('channel', s.channel)}</td><td><span class="tag">${L('reason', s.reason)}</span></td><td>${esc(s.until ? when(s.until, d.time_zone) : '')}</td></tr>`).join('');
    const offers = d.offers.map((o) => `<tr><td>${L('offer', o.id)}${o.kind !== o.id ? `<br><small class="muted">${L('kind', o.kind)}</small>` : ''}</td><td>${o.schedule.length}</td><td>${esc(money(o.schedule[0]?.amount, cur, lang))}<br><small class="muted">${esc(o.schedule[0]?.due ?? '')}</small></td><td>${esc(money(o.total, cur, lang))}</td>`
      + `<td>${esc(money(o.gives_up, cur, lang))}</td><td>${esc(money(o.net_recovery, cur, lang))}</td><td>${L('approval', o.approval)}</td></tr>`).join('');
    this.root.innerHTML = `${STYLE_TAG}
      <section aria-label="${t.plan} ${esc(d.account_id)}">
      <h2>${esc(d.account_id)} · ${t.dpd} ${esc(d.dpd)} · ${t.bucket} ${esc(d.bucket)}${d.segment ? ` · ${L('segment', d.segment)}` : ''}</h2>
      ${d.review ? `<p class="warning" role="status">${t.review}: ${esc(d.review)}</p>` : ''}
      ${score ? `<h3>${t.score}</h3>${score}` : ''}
      <h3>${t.plan}</h3>
      <p class="muted">${esc(t.zones(d.time_zone, zone))}</p>
      <table aria-label="${t.plan}" class="plan"><thead><tr><th scope="col">${t.when}</th><th scope="col">${t.yours}</th><th scope="col">${t.channel}</th><th scope="col">${t.step}</th><th scope="col">${t.tone}</th></tr></thead>
      <tbody>${actions || `<tr><td colspan="5">${t.none}</td></tr>`}</tbody></table>
      <h3>${t.suppressed}</h3>
      <table aria-label="${t.suppressed}"><thead><tr><th scope="col">${t.step}</th><th scope="col">${t.channel}</th><th scope="col">${t.reason}</th><th scope="col">${t.until}</th></tr></thead>
      <tbody>${suppressed || `<tr><td colspan="4">${t.none}</td></tr>`}</tbody></table>
      ${this.extras(d)}
      <h3>${t.offers}</h3>
      <div class="scroll" tabindex="0" role="region" aria-label="${t.offers}"><table aria-label="${t.offers}"><thead><tr><th scope="col">${t.offer}</th><th scope="col">${t.payments}</th><th scope="col">${t.first}</th><th scope="col">${t.total}</th><th scope="col">${t.givesUp}</th><th scope="col">${t.netRecovery}</th><th scope="col">${t.approval}</th></tr></thead>
      <tbody>${offers || `<tr><td colspan="7">${t.none}</td></tr>`}</tbody></table></div></section>`;
  }
}

/** Penalty, verification, escalation and debt advice: what the decision says beyond the plan (empty parts omitted). */
AccountPlan.prototype.extras = function extras(d) {
  const t = this.t, lang = this.lang, cur = d.currency;
  const L = (kind, code) => codeHtml(label(kind, code, lang));
  const out = [];
  if (d.verification) {
    const v = d.verification;
    out.push(`<h3>${t.verification}</h3><p class="warning verification">${L('ground', v.ground)}${v.due ? ` · ${t.verifyBy} ${esc(v.due)}` : ''}${v.days_left != null ? ` · ${esc(t.daysLeft(v.days_left))}` : ''}</p>`);
  }
  if (d.penalty) {
    const p = d.penalty;
    out.push(`<h3>${t.penalty}</h3><p class="penalty">${t.accrued} ${esc(money(p.accrued, cur, lang))} · +${esc(money(p.per_day, cur, lang))} ${t.perDay}</p>`
      + (p.projections.length ? `<table aria-label="${t.penalty}: ${t.ifUnpaid}" class="penalty"><thead><tr><th scope="col">${t.ifUnpaid}: ${t.date}</th><th scope="col">${t.penalty}</th><th scope="col">${t.owed}</th></tr></thead>
        <tbody>${p.projections.map((x) => `<tr><td>${esc(x.date)}</td><td>${esc(money(x.penalty, cur, lang))}</td><td>${esc(money(x.owed, cur, lang))}</td></tr>`).join('')}</tbody></table>` : ''));
  }
  const e = d.escalation;
  if (e && (e.agency || e.legal)) {
    const blocked = (b) => (b.length ? ` · ${t.blockedBy}: ${b.map((x) => L('blocked', x)).join(', ')}` : '');
    const items = [];
    if (e.agency) {
      const a = e.agency;
      items.push(`<li class="agency"><strong>${t.agency}</strong>: ${a.eligible ? t.eligible : t.notEligible}${blocked(a.blocked_by)}${a.placed_with ? ` · ${t.placedWith} ${esc(a.placed_with)}` : a.ranking[0] ? ` · ${t.topAgency} ${esc(a.ranking[0].id)}` : ''}</li>`);
    }
    if (e.legal) {
      const g = e.legal;
      items.push(`<li class="legal"><strong>${t.legal}</strong>: ${g.eligible ? t.eligible : t.notEligible} · ${g.recommend ? t.recommend : t.notRecommended}${blocked(g.blocked_by)} · ${t.recovery} ${esc(money(g.expected_recovery, cur, lang))}, ${t.costs} ${esc(money(g.costs, cur, lang))}, ${t.net} ${esc(money(g.net, cur, lang))}</li>`);
    }
    out.push(`<h3>${t.escalation}</h3><ul class="escalation">${items.join('')}</ul>`);
  }
  if (d.debt_advice) out.push(`<h3>${t.debtAdvice}</h3><p class="debt-advice">${esc(d.debt_advice.name)} · ${esc(d.debt_advice.contact)}</p>`);
  return out.join('');
};

/** Contact hours shown as the rule of thumb for collectors: a borrower's local time before 08:00 or after 21:00. */
export function outsideWindow(localIso) {
  const m = /T(\d{2}):(\d{2})/.exec(localIso ?? '');
  if (!m) return false;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes < 8 * 60 || minutes > 21 * 60;
}

/** A time zone's short name at an instant (GMT+8, EST, GMT), in the UI language. */
function zoneName(utc, timeZone, lang) {
  return new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(utc)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** A score feature's value as words: shares as %, days as days, a missing value as what it means. */
function featureValue(feature, value, lang, t) {
  if (value == null) return feature === 'days_since_last_payment' ? t.noPayment : t.unknown;
  if (typeof value === 'number' && ['on_time_share_12m', 'kept_promise_ratio', 'rpc_rate', 'utilisation'].includes(feature)) {
    return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  }
  if (typeof value === 'number' && ['dpd', 'days_since_last_payment'].includes(feature)) return t.days(value);
  if (typeof value === 'number') return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
  return String(value);
}

/** SMS encodings by their standard names (the engine's codes are `gsm7`, `ucs2`). */
const SMS_ENCODINGS = { gsm7: 'GSM-7', ucs2: 'UCS-2' };

// Words of the template language that are not variables.
const JINJA_WORDS = new Set(('if elif else endif for endfor in not and or is set endset block endblock extends include import from '
  + 'macro endmacro call endcall filter endfilter with endwith true false none True False None loop recursive as ignore missing '
  + 'without context do autoescape endautoescape raw endraw super self varargs kwargs caller range namespace part base').split(' '));

/** Which variable of a template `line` is undefined, in words (null when it cannot tell). The engine reports "undefined
 *  value" and the line; this asks the engine about each variable path of the line's tags with small probe templates
 *  (`probe(source)` renders one and answers the envelope): is it defined, is it empty, which keys does its parent have.
 *  A name the template binds itself (`{% for o in offers %}`, `{% set x = … %}`) is probed through what it is bound
 *  to (the first item of a `for` over a variable path) or skipped. */
export function undefinedVariable(source, line, probe, t) {
  const bound = new Map();
  for (const m of source.matchAll(/\{%-?\s*for\s+([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\s+([A-Za-z_][\w.]*)/g)) {
    if (m[2]) { bound.set(m[1], null); bound.set(m[2], null); } else bound.set(m[1], `(${m[3]}|first)`);
  }
  for (const m of source.matchAll(/\{%-?\s*(?:set|macro)\s+([A-Za-z_]\w*)/g)) bound.set(m[1], null);
  for (const m of source.matchAll(/\{%-?\s*macro\s+\w+\s*\(([^)]*)\)/g)) for (const a of m[1].split(',')) bound.set(a.split('=')[0].trim(), null);
  const paths = [];
  for (const tag of line.matchAll(/\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g)) {
    const body = (tag[1] ?? tag[2]).replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""');
    for (const m of body.matchAll(/[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*/g)) {
      const before = body.slice(0, m.index).trimEnd();
      const after = body.slice(m.index + m[0].length).trimStart();
      if (/[|.]$/.test(before) || /(^|\s)is(\s+not)?$/.test(before) || after.startsWith('(')) continue;
      const parts = m[0].split('.').map((x) => x.trim());
      if (JINJA_WORDS.has(parts[0])) continue;
      paths.push(parts);
    }
  }
  const state = (expr) => {
    const env = probe(`{% if ${expr} is defined %}{% if ${expr} is none %}N{% else %}D{% endif %}{% else %}U{% endif %}`);
    return env.ok ? (env.ok.text ?? '').trim() : 'U';
  };
  const keys = (expr) => {
    const env = probe(`{% if ${expr} is mapping %}{% for k in ${expr} %}{{ k }}{% if not loop.last %},{% endif %}{% endfor %}{% endif %}`);
    return env.ok?.text ? env.ok.text.trim().split(',').filter(Boolean) : [];
  };
  // Names that do not exist come first; then values that are empty for this account (often inside an `{% if %}`
  // that was not taken, so less likely to be the one that failed).
  const missing = [], empty = [];
  for (const parts of [...new Map(paths.map((p) => [p.join('.'), p])).values()]) {
    let root = parts[0];
    if (bound.has(root)) {
      root = bound.get(root);
      if (!root) continue;
    }
    const name = (i) => parts.slice(0, i + 1).join('.');
    const expr = (i) => [root, ...parts.slice(1, i + 1)].join('.');
    for (let i = 0; i < parts.length; i++) {
      const st = state(expr(i));
      if (st === 'D') continue;
      if (st === 'N') {
        // None prints as nothing; only looking inside it fails.
        if (i < parts.length - 1) empty.push(t.emptyValue(name(i), parts.join('.')));
        break;
      }
      // Undefined, and everything before it was a defined, non-empty value.
      missing.push(i === 0 ? t.notVariable(parts[0]) : t.noAttribute(name(i - 1), parts[i], keys(expr(i - 1))));
      break;
    }
  }
  const found = [...missing, ...empty].slice(0, 3);
  return found.length ? found.join('; ') : null;
}

/** <dunwell-message-preview as-of="…" template="m2_overdue_firm"> with `.account`; edit, preview, lint. */
export class MessagePreview extends DunwellElement {
  static observedAttributes = ['as-of', 'lang', 'template'];
  get account() { return this._account; }
  /** A new account sets the preview's language to the borrower's (what the borrower would receive). */
  set account(v) { this._account = v; this._followAccount = true; this.update(); }
  #built = false;
  #seq = 0;
  /** What the user has chosen and typed: kept when the UI language rebuilds the labels. */
  state() {
    const $ = (id) => this.root.getElementById(id);
    return Object.fromEntries(['id', 'channel', 'locale', 'tone', 'source'].map((k) => [k, $(k)?.value]));
  }
  build() {
    const t = this.t, lang = this.lang;
    const kept = this.#built ? this.state() : null;
    const varsOpen = this.root.getElementById('vars')?.open ?? false;
    const option = (kind, code, selected) => `<option value="${esc(code)}"${selected ? ' selected' : ''} title="${esc(code)}">${esc(label(kind, code, lang).text)}</option>`;
    this.root.innerHTML = `${STYLE_TAG}<section aria-label="${t.preview}">
      <div class="row">
        <label>${t.template} <input id="id" aria-label="${t.template}" value="${esc(this.getAttribute('template') || 'm2_overdue_firm')}" size="22"></label>
        <label>${t.channel} <select id="channel" aria-label="${t.channel}">${['sms', 'email', 'letter', 'call', 'social_dm'].map((c) => option('channel', c)).join('')}</select></label>
        <label>${t.locale} <select id="locale" aria-label="${t.locale}">${LOCALES.map((l) => `<option value="${l}">${esc(LOCALE_NAMES[lang][l])}</option>`).join('')}</select></label>
        <label>${t.tone} <select id="tone" aria-label="${t.tone}">${['gentle', 'neutral', 'firm'].map((c) => option('tone', c, c === 'neutral')).join('')}</select></label>
      </div>
      <h3>${t.template}</h3>
      <textarea id="source" rows="5" aria-label="${t.template}" placeholder="{{ company.name }}: {{ borrower.name }}, {{ overdue | money }}… (${esc(t.emptyTemplate)})"></textarea>
      <details id="vars"${varsOpen ? ' open' : ''}><summary id="vars-summary">${esc(t.variablesLoading)}</summary><div id="vars-body"></div></details>
      <h3>${t.preview} <span id="size" class="tag" aria-live="polite"></span></h3>
      <pre id="out" aria-live="polite"></pre>
      <iframe id="html" sandbox="" title="${esc(t.htmlPreview)}" hidden></iframe>
      <h3>${t.findings}</h3><ul id="findings" aria-live="polite"></ul></section>`;
    for (const id of ['id', 'channel', 'locale', 'tone', 'source']) {
      this.root.getElementById(id).addEventListener('input', () => this.update());
    }
    if (kept) for (const [k, v] of Object.entries(kept)) if (v != null) this.root.getElementById(k).value = v;
    this.#built = true;
    this.#showVariables();
  }
  /** The template variables from the package's message-context schema, as a table (top-level variables, then their
   *  fields one level down); when the schema cannot be loaded, why, in place of the list. */
  async #showVariables() {
    const box = this.root.getElementById('vars');
    const t = this.t;
    let html, summary, failed = false;
    try {
      const schema = await loadContextSchema();
      const vars = templateVariables(schema);
      const name = (n) => `<code>${esc(n).replace(/([._])/g, '$1<wbr>')}</code>`;
      const desc = (d) => (d ? esc(d).replace(/`([^`]+)`/g, '<code>$1</code>') : `<span class="muted" title="${esc(t.noDescription)}">—</span>`);
      const row = (v, cls) => `<tr class="${cls}" data-var="${esc(v.name)}"><th scope="row">${name(v.name)}</th><td class="type"><code>${esc(v.type)}</code></td><td>${desc(v.description)}</td></tr>`;
      summary = t.templateVariables(vars.length);
      const file = config.contextSchemaUrl ? `<a href="${esc(config.contextSchemaUrl)}">message-context.schema.json</a>` : 'message-context.schema.json';
      html = `<p class="muted">${esc(t.variablesSource)} (${file}); ${esc(t.variablesNested)}.</p>
        <table class="variables" aria-label="${esc(summary)}"><thead><tr><th scope="col">${esc(t.variableName)}</th><th scope="col">${esc(t.variableType)}</th><th scope="col">${esc(t.variableDescription)}</th></tr></thead>
        <tbody>${vars.map((v) => row(v, 'var') + v.children.map((c) => row(c, 'field')).join('')).join('')}</tbody></table>`;
    } catch (e) {
      failed = true;
      summary = t.variablesUnavailable;
      html = `<p class="error" role="alert"><strong>${esc(t.variablesError)}${t.colon}</strong>${esc(e.code ? `${e.code}: ` : '')}${esc(e.message)}<br>${esc(t.variablesHint)}</p>`;
    }
    // The element may have been rebuilt (another UI language) while the schema loaded: only the current box is filled.
    if (this.root.getElementById('vars') !== box) return;
    this.root.getElementById('vars-summary').textContent = summary;
    this.root.getElementById('vars-body').innerHTML = html;
    box.classList.toggle('error', failed);
    if (failed) box.open = true;
  }
  async update() {
    if (!this.account || !this.getAttribute('as-of')) return;
    if (!this.#built || this._builtLang !== this.lang) {
      this._builtLang = this.lang;
      this.build();
    }
    if (this._followAccount) {
      this._followAccount = false;
      const want = this.account.borrower?.locale;
      if (LOCALES.includes(want)) this.root.getElementById('locale').value = want;
    }
    const $ = (id) => this.root.getElementById(id);
    const account = structuredClone(this.account);
    account.borrower = { ...account.borrower, locale: $('locale').value };
    const source = $('source').value;
    const template = source.trim() ? { name: $('channel').value === 'email' ? 'custom.html' : 'custom.txt', source } : { id: $('id').value };
    // Typing starts a render per keystroke; only the latest may write its result.
    const seq = ++this.#seq;
    try {
      const engine = await engineFor(this.policy);
      const call = { account, as_of: this.getAttribute('as-of'), channel: $('channel').value, tone: $('tone').value };
      const env = JSON.parse(engine.callJson('render', JSON.stringify({ ...call, template })));
      if (seq !== this.#seq) return;
      if (env.error) {
        // The engine names the line; quote it from the draft so the writer sees which expression failed, and, for
        // an undefined value, find which variable of that line it is (the engine's message does not say).
        const at = /line (\d+)/.exec(env.error.message);
        const line = source.trim() && at ? source.split('\n')[Number(at[1]) - 1] : null;
        const culprit = line != null && /undefined value/.test(env.error.message)
          ? undefinedVariable(source, line, (src) => JSON.parse(engine.callJson('render', JSON.stringify({ ...call, template: { name: 'probe.txt', source: src } }))), this.t)
          : null;
        $('out').textContent = `${env.error.code}${env.error.path ? ` ${env.error.path}` : ''}: ${env.error.message}`
          + (culprit ? `\n${this.t.undefinedVariable}${this.t.colon}${culprit}` : '')
          + (line != null ? `\n${this.t.line} ${at[1]}${this.t.colon}${line.trim()}` : '');
        $('out').setAttribute('role', 'alert');
        $('html').hidden = true;
        $('findings').innerHTML = '';
        return;
      }
      const m = env.ok;
      $('out').removeAttribute('role');
      $('out').textContent = [m.subject && `${this.t.subject}: ${m.subject}`, m.text ?? (m.html ? this.t.htmlOnly : null)].filter(Boolean).join('\n\n');
      // The HTML part as the borrower's mail client would show it, in a frame with every sandbox restriction (no
      // scripts, no forms, no same-origin access): a template cannot run code in the console.
      const frame = $('html');
      frame.hidden = !m.html;
      if (m.html && frame.srcdoc !== m.html) frame.srcdoc = m.html;
      $('size').textContent = m.sms ? this.t.sms(m.sms.segments, m.sms.units, SMS_ENCODINGS[m.sms.encoding] ?? m.sms.encoding) : '';
      $('size').title = m.sms ? m.sms.encoding : '';
      $('findings').innerHTML = m.findings.length
        ? m.findings.map((f) => `<li class="${esc(f.severity)}">${codeHtml(label('severity', f.severity, this.lang))} · ${codeHtml(label('lint', f.code, this.lang))}: ${esc(f.message)}</li>`).join('')
        : `<li>${this.t.noFindings}</li>`;
      this.emit('rendered', m);
    } catch (e) { this.fail(e); }
  }
}

/** <dunwell-reply-assistant as-of="…"> with `.account`: paste a reply, read it. */
export class ReplyAssistant extends DunwellElement {
  static observedAttributes = ['as-of', 'lang'];
  get account() { return this._account; }
  set account(v) {
    // Another account: the last analysis was about the previous one.
    if (this._account && v?.id !== this._account.id) {
      this._analysis = null;
      const result = this.root.getElementById('result');
      if (result) result.innerHTML = '';
    }
    this._account = v;
    this.update();
  }
  /** The raw envelope of the last analysis. */
  analysisJson = null;
  update() {
    const t = this.t;
    if (this.root.getElementById('text') && this._builtLang === this.lang) return;
    this._builtLang = this.lang;
    // A change of UI language rebuilds the labels: the reply being read and its analysis stay.
    const typed = this.root.getElementById('text')?.value;
    this.root.innerHTML = `${STYLE_TAG}<section aria-label="${t.reply}">
      <label for="text"><h3>${t.reply}</h3></label>
      <textarea id="text" rows="3" aria-label="${t.reply}"></textarea>
      <p><button id="go" type="button">${t.analyse}</button></p>
      <div id="result" aria-live="polite"></div></section>`;
    this.root.getElementById('go').addEventListener('click', () => this.analyse(this.root.getElementById('text').value));
    if (typed) this.root.getElementById('text').value = typed;
    if (this._analysis) this.#show(this._analysis);
  }
  /** Reads `text` as a reply to the account (also what the button does); the box shows the reply being read. */
  async analyse(text) {
    const box = this.root.getElementById('text');
    if (box && typeof text === 'string' && box.value !== text) box.value = text;
    try {
      const engine = await engineFor(this.policy);
      this.analysisJson = engine.callJson('reply', JSON.stringify({ account: this.account, as_of: this.getAttribute('as-of'), text }));
      const env = JSON.parse(this.analysisJson);
      if (env.error) throw Object.assign(new Error(env.error.message), env.error);
      const r = env.ok;
      this._analysis = r;
      this.#show(r);
      this.emit('analysed', r);
    } catch (e) { this.fail(e); }
  }
  /** The analysis in the UI language. */
  #show(r) {
    const t = this.t, lang = this.lang;
    this.root.getElementById('result').innerHTML = `
        <h3>${t.intents}</h3><p>${r.intents.map((i) => `<span class="tag">${codeHtml(label('intent', i.intent, lang))} ${(i.confidence / 10).toFixed(0)}%</span>`).join(' ')} · ${t.sentiment} <span title="${esc(r.sentiment)}">${esc(r.sentiment > 0 ? t.positive : r.sentiment < 0 ? t.negative : t.neutral)}</span></p>
        <h3>${t.effects}</h3><ul>${r.effects.map((e) => `<li>${codeHtml(label('effect', e.kind, lang))}${e.due ? ` ${esc(e.due)}` : ''}${e.on ? ` ${esc(e.on)}` : ''}${e.amount != null ? ` ${esc(money(e.amount, this.account.currency, lang))}` : ''}${e.reason ? ` (${codeHtml(label('intent', e.reason, lang))})` : ''}${'channel' in e ? ` ${e.channel ? codeHtml(label('channel', e.channel, lang)) : esc(t.allChannels)}` : ''}</li>`).join('') || `<li>${t.none}</li>`}</ul>
        <h3>${t.answer}</h3><pre>${esc(r.answer?.text ?? t.none)}</pre>`;
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
function stacked(title, perDay, lang, t, room = 614) {
  const days = [...perDay.keys()].sort();
  const seen = new Set(days.flatMap((d) => [...perDay.get(d).keys()]));
  const channels = [...CHANNEL_ORDER.filter((c) => seen.has(c)), ...[...seen].filter((c) => !CHANNEL_ORDER.includes(c)).sort()];
  const colour = (c) => COLOURS[Math.min(channels.indexOf(c), COLOURS.length - 1)];
  const total = (d) => [...perDay.get(d).values()].reduce((a, b) => a + b, 0);
  const top = niceMax(Math.max(1, ...days.map(total)));
  const left = 44, plotH = 200, topPad = 10, bottom = 34;
  // Columns as wide as the room allows (the element's width when it was drawn), so the labels keep their size.
  const slot = Math.max(14, Math.min(36, Math.max(200, room - left - 10) / Math.max(1, days.length)));
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
  // A column per channel can be wider than a narrow element: the table scrolls (by keyboard too) instead of
  // running past the element's edge.
  const table = `<div class="scroll" tabindex="0" role="region" aria-label="${esc(title)}"><table aria-label="${esc(title)}" class="per-day"><thead><tr><th scope="col">${esc(t.day)}</th>${channels.map((c) => `<th scope="col">${codeHtml(label('channel', c, lang))}</th>`).join('')}<th scope="col">${esc(t.total)}</th></tr></thead>`
    + `<tbody>${days.map((d) => `<tr><th scope="row">${esc(d)}</th>${channels.map((c) => `<td>${perDay.get(d).get(c) ?? 0}</td>`).join('')}<td>${total(d)}</td></tr>`).join('')}</tbody></table></div>`;
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
    this.root.innerHTML = `${STYLE_TAG}<section aria-label="${t.run}">
      <div class="row"><button id="run" type="button">${t.run}</button>
      <label>${t.portfolio} <input id="file" type="file" accept=".jsonl,.json,.csv,.txt" aria-label="${t.portfolio}"></label></div>
      <details id="editor"${this._draft != null ? ' open' : ''}><summary>${t.editPolicy}</summary>
        <textarea id="policy" rows="14" spellcheck="false" aria-label="${t.policyJson}" aria-describedby="check"></textarea>
        <p id="check" aria-live="polite" class="muted"></p>
        <p><button id="compare" type="button">${t.compare}</button></p>
        <div id="diff" aria-live="polite"></div>
      </details>
      <p id="status" class="muted" aria-live="polite"></p><div id="charts"></div></section>`;
    this.root.getElementById('run').addEventListener('click', () => this.run());
    const editor = this.root.getElementById('policy');
    if (this._draft != null) editor.value = this._draft;
    this.root.getElementById('editor').addEventListener('toggle', () => this.#fillEditor());
    if (this._draft != null) this.check();
    let timer = null;
    editor.addEventListener('input', () => {
      this._draft = editor.value;
      clearTimeout(timer);
      timer = setTimeout(() => this.check(), 250);
    });
    this.root.getElementById('compare').addEventListener('click', () => this.compare());
    this.root.getElementById('file').addEventListener('change', async (e) => {
      const f = e.target.files?.[0];
      if (f) this.run(await f.text(), f.name);
    });
    // A change of UI language rebuilds the labels: the last run and comparison are shown again in the new language.
    if (this._run) this.#showRun(this._run);
    if (this._diff) this.#showDiff(this._diff);
  }
  /** The editor starts from the policy the simulator runs (pretty-printed). */
  async #fillEditor() {
    const editor = this.root.getElementById('policy');
    if (editor.value || this._draft != null) return;
    await engineFor(this.policy);
    const text = this.policy == null ? engines.get('@default') : typeof this.policy === 'string' ? this.policy : JSON.stringify(this.policy);
    editor.value = JSON.stringify(JSON.parse(text), null, 2);
    this._draft = editor.value;
    this.check();
  }
  /** Validates the edited policy as the engine would load it: the error's code, JSON path and message, or the
   *  warnings. Resolves to true when it can be run. */
  async check() {
    const t = this.t, out = this.root.getElementById('check');
    const text = this.root.getElementById('policy').value;
    await engineFor(this.policy);
    try {
      const { warnings } = validatePolicy(text);
      out.className = warnings.length ? 'warning' : 'muted';
      out.removeAttribute('role');
      out.innerHTML = `${esc(t.policyValid)}${warnings.map((w) => `<br>${esc(w.code)} ${esc(w.path)}: ${esc(w.message)}`).join('')}`;
      return true;
    } catch (e) {
      out.className = 'error';
      out.setAttribute('role', 'alert');
      out.innerHTML = `<strong>${esc(t.policyInvalid)}</strong> <code>${esc(e.code ?? '')}</code> <code class="path">${esc(e.path || '/')}</code>: ${esc(e.message)}`;
      return false;
    }
  }
  /** Runs the edited policy and the current one over the same portfolio and shows what changes: actions by channel,
   *  suppressions by reason, expected net recovery per currency, and the accounts whose plan changed. Resolves to
   *  the difference (null when the edited policy is invalid). */
  async compare(text, name) {
    const diffEl = this.root.getElementById('diff');
    try {
      await this.#fillEditor();
      if (!(await this.check())) { diffEl.innerHTML = ''; return null; }
      const edited = this.root.getElementById('policy').value;
      const lines = await this.#portfolio(text, name);
      const asOf = this.getAttribute('as-of');
      const before = aggregate(decideAll(await engineFor(this.policy), lines, asOf));
      const after = aggregate(decideAll(await engineFor(edited), lines, asOf));
      const changed = [...before.plans.keys()].filter((id) => before.plans.get(id) !== after.plans.get(id));
      const rows = (a, b) => [...new Set([...a.keys(), ...b.keys()])].sort().map((k) => [k, a.get(k) ?? 0, b.get(k) ?? 0]);
      const diff = {
        channels: rows(before.channels, after.channels), suppressed: rows(before.suppressed, after.suppressed),
        recovery: rows(before.recovery, after.recovery), changed,
      };
      this._diff = { ...diff, accounts: before.plans.size };
      this.#showDiff(this._diff);
      this.emit('compared', diff);
      return diff;
    } catch (e) {
      diffEl.innerHTML = `<p class="error" role="alert">${esc(e.code ?? '')} ${esc(e.path ?? '')}: ${esc(e.message)}</p>`;
      return null;
    }
  }
  /** A comparison's tables in the UI language. */
  #showDiff(diff) {
    const t = this.t, lang = this.lang, diffEl = this.root.getElementById('diff');
    const { changed } = diff;
    const num = new Intl.NumberFormat(lang, { signDisplay: 'exceptZero' });
    const heads = { channel: t.channel, reason: t.reason, currency: t.currency };
    const table = (title, kind, data, fmt = (v) => String(v), delta = (a, b) => num.format(b - a)) => `<h3>${esc(title)}</h3>
      <table aria-label="${esc(title)}" class="diff ${kind}"><thead><tr><th scope="col">${esc(heads[kind])}</th><th scope="col">${t.current}</th><th scope="col">${t.edited}</th><th scope="col">${t.change}</th></tr></thead>
      <tbody>${data.map(([k, a, b]) => `<tr data-key="${esc(k)}"${a !== b ? ' class="changed"' : ''}><th scope="row">${kind === 'currency' ? esc(k) : codeHtml(label(kind, k, lang))}</th><td>${esc(fmt(a, k))}</td><td>${esc(fmt(b, k))}</td><td>${esc(delta(a, b, k))}</td></tr>`).join('')}</tbody></table>`;
    const moneyDelta = (a, b, c) => (b - a === 0 ? '0' : `${b > a ? '+' : '−'}${money(Math.abs(b - a), c, lang)}`);
    diffEl.innerHTML = table(t.actionsByChannel, 'channel', diff.channels)
      + table(t.suppressedBy, 'reason', diff.suppressed)
      + table(t.netRecovery, 'currency', diff.recovery, (v, c) => money(v, c, lang), moneyDelta)
      + `<h3>${esc(t.changedPlans)}: ${changed.length} / ${diff.accounts}</h3>`
      + (changed.length ? `<p class="changed-accounts">${changed.slice(0, 50).map((id) => `<span class="id">${esc(id)}</span>`).join(', ')}${changed.length > 50 ? ' …' : ''}</p>` : '');
  }
  /** The portfolio's account lines: `text` (JSON lines, or CSV when `name` ends in .csv) or the `portfolio` file. */
  async #portfolio(text, name) {
    if (text == null) {
      const url = new URL(this.getAttribute('portfolio') || 'sample/portfolio.jsonl', document.baseURI);
      const res = await fetch(url);
      if (!res.ok) throw Object.assign(new Error(`${url.pathname}: HTTP ${res.status}`), { code: 'console.portfolio_unavailable' });
      text = await res.text();
    }
    return name?.endsWith('.csv') ? csvToJsonl(text, await engineFor(this.policy)) : text.split('\n').filter((l) => l.trim());
  }
  /** Runs over `text` (JSON lines or CSV), or the `portfolio` attribute's file. Resolves to the summary (null when
   *  the file could not be simulated: then the element shows why instead of empty charts). */
  async run(text, name) {
    try {
      const started = performance.now();
      if (text == null) {
        const url = new URL(this.getAttribute('portfolio') || 'sample/portfolio.jsonl', document.baseURI);
        const res = await fetch(url);
        if (!res.ok) throw Object.assign(new Error(`${url.pathname}: HTTP ${res.status}`), { code: 'console.portfolio_unavailable' });
        text = await res.text();
        name ??= url.pathname;
      }
      const engine = await engineFor(this.policy);
      const lines = name?.endsWith('.csv') ? await csvToJsonl(text, engine) : text.split('\n').filter((l) => l.trim());
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
          const r = recovery.get(d.currency) ?? { net_recovery: 0, accounts: 0, by_bucket: {} };
          const v = best.net_recovery ?? best.expected_recovery ?? 0;
          r.net_recovery += v;
          r.accounts++;
          r.by_bucket[d.bucket] = (r.by_bucket[d.bucket] ?? 0) + v;
          recovery.set(d.currency, r);
        }
      });
      const ms = performance.now() - started;
      const run = { name, accounts: lines.length, decided, errors, ms, perDay, suppressed, buckets, recovery };
      this._run = run;
      this.#showRun(run);
      if (!decided) {
        this.summary = { accounts: lines.length, decided, errors };
        const why = lines.length ? this.t.noneDecided : this.t.noAccounts;
        this.emit('dunwellerror', { code: 'console.portfolio_invalid', message: [why, ...this.#problems(errors)].join('; '), path: '' });
        return null;
      }
      const perDayObj = Object.fromEntries([...perDay].map(([d, m]) => [d, Object.fromEntries(m)]));
      this.summary = { accounts: lines.length, decided, errors, ms, perDay: perDayObj, suppressed: Object.fromEntries(suppressed), buckets: Object.fromEntries(buckets), recovery: Object.fromEntries(recovery) };
      this.emit('simulated', this.summary);
      return this.summary;
    } catch (e) { this.fail(e); return null; }
  }
  /** The first failing lines, in words. */
  #problems(errors) {
    return errors.slice(0, 5).map((e) => `${this.t.line} ${e.line}: ${e.code}${e.path ? ` ${e.path}` : ''}: ${e.message}`);
  }
  /** A run's status line, charts and tables in the UI language (or, when nothing could be decided, why). */
  #showRun({ name, accounts, decided, errors, ms, perDay, suppressed, buckets, recovery }) {
    const t = this.t, lang = this.lang;
    const status = this.root.getElementById('status'), charts = this.root.getElementById('charts');
    const problems = this.#problems(errors);
    if (!decided) {
      const why = accounts ? t.noneDecided : t.noAccounts;
      status.className = 'error';
      status.setAttribute('role', 'alert');
      status.innerHTML = `<strong>${esc(t.badFile)}${name ? ` (${esc(name)})` : ''}: ${esc(why)}</strong>${problems.length ? `<ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}`;
      charts.innerHTML = '';
      return;
    }
    const sort = (m) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const rec = sort(recovery);
    status.className = errors.length ? 'warning' : 'muted';
    status.setAttribute('role', errors.length ? 'alert' : 'status');
    status.innerHTML = `${decided} / ${accounts} ${t.accounts} · ${ms.toFixed(0)} ms · ${esc(t.netRecovery)}: ${rec.map(([c, r]) => `<span class="amount" data-currency="${esc(c)}">${esc(money(r.net_recovery, c, lang))}</span>`).join(' · ') || t.none}`
      + (errors.length ? `<br>${errors.length} ${esc(t.someFailed)}<ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '');
    charts.innerHTML = stacked(t.actionsPerDay, perDay, lang, t, charts.clientWidth || undefined)
      + bars(t.suppressedBy, sort(suppressed), [t.reason, t.count], (k) => label('reason', k, lang))
      + bars(t.bucketMix, sort(buckets), [t.bucket, t.count])
      + recoveryTable(t, rec, lang)
      + recoveryChart(t, rec, lang);
  }
}

/** Every account of `lines` decided (plans only, no message text): the envelopes, in order. */
function decideAll(engine, lines, asOf) {
  if (!lines.length) return [];
  return engine.callJson('decide_batch', `${JSON.stringify({ as_of: asOf, messages: false })}\n${lines.join('\n')}`).split('\n').map((l) => JSON.parse(l));
}

/** Actions by channel, suppressions by reason, net recovery of the proposed offer per currency, and each account's
 *  plan (its actions and proposed offer) to tell which plans a policy change moved. */
function aggregate(envelopes) {
  const channels = new Map(), suppressed = new Map(), recovery = new Map(), plans = new Map();
  const add = (m, k, v = 1) => m.set(k, (m.get(k) ?? 0) + v);
  for (const env of envelopes) {
    const d = env.ok;
    if (!d) continue;
    for (const a of d.actions) add(channels, a.channel);
    for (const x of d.suppressed) add(suppressed, x.reason);
    if (d.offers[0]) add(recovery, d.currency, d.offers[0].net_recovery);
    plans.set(d.account_id, JSON.stringify([d.actions.map((a) => [a.step, a.channel, a.at, a.tone]), d.offers[0]?.id ?? null]));
  }
  return { channels, suppressed, recovery, plans };
}

/** Expected net recovery per currency (major units), with the rule it follows, as a table. */
function recoveryTable(t, rows, lang) {
  return `<h3>${esc(t.netRecovery)}</h3><p class="muted">${esc(t.netRecoveryNote)}</p>
    <table aria-label="${esc(t.netRecovery)}" class="recovery"><thead><tr><th scope="col">${esc(t.currency)}</th><th scope="col">${esc(t.netRecovery)}</th><th scope="col">${esc(t.withOffer)}</th></tr></thead>
    <tbody>${rows.map(([c, r]) => `<tr><td>${esc(c)}</td><td data-currency="${esc(c)}" data-minor="${r.net_recovery}">${esc(money(r.net_recovery, c, lang))}</td><td>${r.accounts}</td></tr>`).join('')}</tbody></table>`;
}

/** Expected net recovery by bucket: one bar chart per currency, each on its own scale (an amount is never compared
 *  with, or added to, one in another currency), in major units; the bucket × currency table beside. */
function recoveryChart(t, rows, lang) {
  const title = t.recoveryByBucket;
  const buckets = [...new Set(rows.flatMap(([, r]) => Object.keys(r.by_bucket)))].sort();
  const figures = rows.map(([c, r]) => {
    const data = buckets.filter((b) => r.by_bucket[b] != null).map((b) => [b, r.by_bucket[b]]);
    const max = Math.max(1, ...data.map(([, v]) => Math.abs(v)));
    const h = 20 * data.length + 10;
    const svg = `<svg class="recovery" data-currency="${esc(c)}" role="img" aria-label="${esc(title)}: ${esc(c)}" viewBox="0 0 400 ${h}" width="400" height="${h}">${data.map(([b, v], i) => {
      const w = Math.round(200 * Math.max(0, v) / max);
      return `<g><title>${esc(b)}: ${esc(money(v, c, lang))}</title><text x="46" y="${20 * i + 15}" font-size="11" text-anchor="end">${esc(b)}</text>`
        + `<rect data-bucket="${esc(b)}" data-minor="${v}" x="50" y="${20 * i + 5}" width="${w}" height="13" fill="var(--dunwell-accent, #1d4ed8)"></rect>`
        + `<text x="${54 + w}" y="${20 * i + 15}" font-size="10">${esc(money(v, c, lang))}</text></g>`;
    }).join('')}</svg>`;
    return `<figure class="chart recovery-chart"><figcaption>${esc(c)}</figcaption>${svg}</figure>`;
  }).join('');
  const table = `<table aria-label="${esc(title)}" class="recovery-by-bucket"><thead><tr><th scope="col">${esc(t.bucket)}</th>${rows.map(([c]) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
    <tbody>${buckets.map((b) => `<tr><th scope="row">${esc(b)}</th>${rows.map(([c, r]) => (r.by_bucket[b] == null ? '<td>—</td>'
    : `<td data-currency="${esc(c)}" data-bucket="${esc(b)}" data-minor="${r.by_bucket[b]}">${esc(money(r.by_bucket[b], c, lang))}</td>`)).join('')}</tr>`).join('')}</tbody></table>`;
  return `<h3>${esc(title)}</h3><p class="muted">${esc(t.recoveryByBucketNote)}</p>${figures}${table}`;
}

/** Flat CSV to account JSON lines, read by the engine's own CSV reader (the module's `accounts_from_csv` op, the one
 *  the host's `--from csv` and the Python package use), so the simulator and a batch run read a file the same way:
 *  columns `id, jurisdiction, currency, principal, interest, fees, name, locale, time_zone, birth_year, instalments`
 *  (`due:amount[:paid]` separated by `;`), `sms, sms_consent, email, hardship, dispute, cease`. Rejects with the
 *  engine's error (code and path) when the text is not CSV. */
export async function csvToJsonl(text, engine) {
  const e = engine ?? await engineFor();
  const env = JSON.parse(e.callJson('accounts_from_csv', text));
  if (env.error) throw Object.assign(new Error(env.error.message), { code: env.error.code, path: env.error.path });
  return env.ok.map((a) => JSON.stringify(a));
}

customElements.define('dunwell-account-plan', AccountPlan);
customElements.define('dunwell-message-preview', MessagePreview);
customElements.define('dunwell-reply-assistant', ReplyAssistant);
customElements.define('dunwell-strategy-simulator', StrategySimulator);
