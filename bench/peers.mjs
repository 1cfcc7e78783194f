// Dunwell beside its peers, in one run on one machine (issue 19): GoRules ZEN evaluating a 15-rule segmentation
// table with 1,000 evaluations in flight, handlebars rendering a zh and an en SMS, and Dunwell deciding the same
// sample accounts with words — in this Node process (one thread, the npm package) and with the CLI's batch on
// every core (wall time including start). Prints a Markdown table; ratios are the point, since the machine is
// shared. Run through `bash scripts/peers.sh` (installs the pinned peers in bench/peers, builds what is needed).
//
//   node bench/peers.mjs ACCOUNTS.jsonl POLICY.json DUNWELL_BIN
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./peers/', import.meta.url));
const { ZenEngine } = require('@gorules/zen-engine');
const Handlebars = require('handlebars');
const dunwell = require('../../pkg/node.cjs');

const [accountsFile, policyFile, bin] = process.argv.slice(2);
const AS_OF = '2026-11-28T09:00:00Z';
const lines = readFileSync(accountsFile, 'utf8').trim().split('\n');
const accounts = lines.map((l) => JSON.parse(l));

// What a segmentation table sees of an account: days past due, what is owed (minor units), a score stand-in.
const facts = accounts.map((a, i) => {
  const owed = Object.values(a.balances ?? {}).reduce((s, v) => s + v, 0);
  const unpaid = (a.instalments ?? []).filter((x) => x.due < AS_OF.slice(0, 10)).length;
  return { dpd: Math.min(unpaid * 30, 180), balance: owed, score: 300 + ((i * 7919) % 550), jurisdiction: a.jurisdiction };
});

// 15 rules, first hit: the kind of table a rules-engine peer runs for "who gets what next".
// An empty cell matches anything (written '-' below for readability).
const cell = (x) => (x === '-' ? '' : x);
const rule = (id, dpd, balance, score, segment, channel) => ({
  _id: id,
  dpd: cell(dpd),
  balance: cell(balance),
  score: cell(score),
  segment: `"${segment}"`,
  channel: `"${channel}"`,
});
const table = {
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    { id: 'in', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } },
    {
      id: 'segment',
      type: 'decisionTableNode',
      name: 'segment',
      position: { x: 200, y: 0 },
      content: {
        hitPolicy: 'first',
        inputs: [
          { id: 'dpd', name: 'Days past due', field: 'dpd' },
          { id: 'balance', name: 'Balance', field: 'balance' },
          { id: 'score', name: 'Score', field: 'score' },
        ],
        outputs: [
          { id: 'segment', name: 'Segment', field: 'segment' },
          { id: 'channel', name: 'Channel', field: 'channel' },
        ],
        rules: [
          rule('r1', '0', '-', '-', 'current', 'none'),
          rule('r2', '[1..15]', '< 100000', '>= 600', 'early_small_good', 'sms'),
          rule('r3', '[1..15]', '< 100000', '-', 'early_small', 'sms'),
          rule('r4', '[1..15]', '-', '>= 600', 'early_good', 'email'),
          rule('r5', '[1..15]', '-', '-', 'early', 'sms'),
          rule('r6', '[16..30]', '< 100000', '-', 'm1_small', 'sms'),
          rule('r7', '[16..30]', '-', '>= 650', 'm1_good', 'email'),
          rule('r8', '[16..30]', '-', '-', 'm1', 'call'),
          rule('r9', '[31..60]', '< 500000', '>= 600', 'm2_small_good', 'call'),
          rule('r10', '[31..60]', '-', '-', 'm2', 'call'),
          rule('r11', '[61..90]', '< 500000', '-', 'm3_small', 'letter'),
          rule('r12', '[61..90]', '-', '>= 550', 'm3_good', 'call'),
          rule('r13', '[61..90]', '-', '-', 'm3', 'letter'),
          rule('r14', '[91..180]', '-', '-', 'm4', 'agency'),
          rule('r15', '-', '-', '-', 'review', 'human'),
        ],
      },
    },
    { id: 'out', type: 'outputNode', name: 'response', position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', sourceId: 'in', targetId: 'segment', type: 'edge' },
    { id: 'e2', sourceId: 'segment', targetId: 'out', type: 'edge' },
  ],
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function zen(total, inFlight) {
  const engine = new ZenEngine();
  const decision = engine.createDecision(table);
  const first = await decision.evaluate(facts[0]);
  if (!first.result?.segment) throw new Error(`the ZEN table answered nothing: ${JSON.stringify(first)}`);
  const run = async () => {
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        await decision.evaluate(facts[i % facts.length]);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return total / ((performance.now() - t0) / 1000);
  };
  await run(); // warm up
  return median([await run(), await run(), await run()]);
}

function handlebars(total) {
  const en = Handlebars.compile(
    '{{lender}}: Hi {{name}}, your payment of {{amount}} was due on {{due}} and is now {{dpd}} days late. ' +
      'Pay at {{link}} or reply to arrange a plan. Reply STOP to opt out.',
  );
  const zh = Handlebars.compile('【{{lender}}】{{name}}您好，您的借款{{amount}}已于{{due}}到期，现逾期{{dpd}}天。请通过{{link}}还款或回复协商。回复TD退订');
  const ctx = facts.map((f, i) => ({
    lender: 'Dunwell Demo Finance',
    name: accounts[i].borrower?.name ?? 'Customer',
    amount: (f.balance / 100).toFixed(2),
    due: '2026-10-28',
    dpd: f.dpd,
    link: 'https://pay.example/abc',
  }));
  const run = () => {
    const t0 = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < total; i++) bytes += (i & 1 ? zh : en)(ctx[i % ctx.length]).length;
    if (bytes === 0) throw new Error('handlebars rendered nothing');
    return Number(process.hrtime.bigint() - t0) / total / 1000;
  };
  run();
  return median([run(), run(), run()]);
}

function dunwellNode(messages) {
  const engine = new dunwell.Engine(readFileSync(policyFile, 'utf8'));
  const header = messages ? `{"as_of":"${AS_OF}"}` : `{"as_of":"${AS_OF}","messages":false}`;
  const chunks = [];
  for (let i = 0; i < lines.length; i += 256) chunks.push(`${header}\n${lines.slice(i, i + 256).join('\n')}`);
  const run = () => {
    const t0 = performance.now();
    for (const c of chunks) engine.callJson('decide_batch', c);
    return lines.length / ((performance.now() - t0) / 1000);
  };
  run();
  return median([run(), run(), run()]);
}

function dunwellCli(messages) {
  const args = ['decide', '--policy', policyFile, '--as-of', AS_OF, '--no-audit', '--out', '/dev/null'];
  if (!messages) args.push('--no-messages');
  const run = () => {
    const t0 = performance.now();
    execFileSync(bin, [...args, accountsFile], { stdio: ['ignore', 'ignore', 'ignore'] });
    return lines.length / ((performance.now() - t0) / 1000);
  };
  run();
  return median([run(), run(), run()]);
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const zenRate = await zen(200_000, 1000);
const hbUs = handlebars(200_000);
const cliWords = dunwellCli(true);
const cliPlans = dunwellCli(false);
const nodeWords = dunwellNode(true);
const nodePlans = dunwellNode(false);

console.log(`peers: ${lines.length} sample accounts, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
console.log('');
console.log('| measure | per second | vs ZEN |');
console.log('| --- | --- | --- |');
console.log(`| GoRules ZEN 0.54, 15-rule first-hit table, 1,000 in flight (one Node process) | ${fmt(zenRate)} evals | 1.00× |`);
console.log(`| Dunwell CLI batch, full decisions with words, all cores, wall incl. start | ${fmt(cliWords)} decisions | ${(cliWords / zenRate).toFixed(2)}× |`);
console.log(`| Dunwell CLI batch, plans without words | ${fmt(cliPlans)} decisions | ${(cliPlans / zenRate).toFixed(2)}× |`);
console.log(`| Dunwell in Node (npm package, one thread), with words | ${fmt(nodeWords)} decisions | ${(nodeWords / zenRate).toFixed(2)}× |`);
console.log(`| Dunwell in Node, plans without words | ${fmt(nodePlans)} decisions | ${(nodePlans / zenRate).toFixed(2)}× |`);
console.log('');
console.log(`handlebars 4.7 in V8, one zh or en SMS: ${hbUs.toFixed(2)} µs per render (${fmt(1e6 / hbUs)} renders/s, one thread)`);
console.log(`issue 19's bar: full decisions with words ≥ 2.5× ZEN → ${fmt(2.5 * zenRate)}/s; now ${(cliWords / zenRate).toFixed(2)}× (CLI).`);
