// Promise matching at the per-account limits: one decision over 10,000 promises and 50,000 payments (Node, wasm).
// Run after scripts/build-wasm.sh: node pkg/bench/promises.mjs
import { Engine } from '../node.mjs';
const e = new Engine({});
const P = 10000, M = 50000;
const promises = [], payments = [];
for (let i = 0; i < P; i++) promises.push({ id: 'p' + i, made_at: '2026-01-01T00:00:00Z', due: '2026-12-31', amount: 100000 });
for (let i = 0; i < M; i++) payments.push({ at: '2026-06-01T00:00:00Z', amount: 1 });
const acct = { id: 'B', jurisdiction: 'US', currency: 'USD', balances: { principal: 100000000, interest: 0, fees: 0 },
  instalments: [{ due: '2026-10-15', amount: 100000 }], borrower: { name: 'A', time_zone: 'America/New_York' },
  history: { promises, payments } };
const t0 = performance.now();
const d = e.decide(acct, '2026-11-28T15:00:00Z');
console.log(`10,000 promises x 50,000 payments: ${(performance.now() - t0).toFixed(0)} ms in Node (wasm), ${d.promises.length} promises judged`);
