// Browser figures for BENCHMARKS.md: page load to first decision in the admin console, and the strategy
// simulator over N accounts (default 10,000) in headless Debian Chromium.
// Usage: node bench/simulator.mjs [N]   (needs the module built and target/release/dunwell or target/debug/dunwell)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../tests/js/corpus.mjs';
import { serve } from '../tests/browser/server.mjs';
import { launch } from '../tests/browser/chromium.mjs';

const n = Number(process.argv[2] ?? 10000);
const bin = ['target/release/dunwell', 'target/debug/dunwell'].map((p) => join(ROOT, p)).find(existsSync);
mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
const file = join(ROOT, 'target/bench/sim-portfolio.jsonl');
execFileSync(bin, ['sample', '--count', String(n), '--seed', '7', '--as-of', '2026-11-28T09:00:00Z', '--out', file]);
const server = await serve();
const context = await launch();
try {
  const page = await context.newPage();
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    await page.goto(`${server.url}/www/index.html`);
    await page.waitForFunction(() => document.getElementById('plan')?.decisionJson);
    loads.push(Date.now() - t0);
  }
  const text = await (await fetch(`${server.url}/target/bench/sim-portfolio.jsonl`)).text();
  const runs = [];
  for (let i = 0; i < 3; i++) {
    runs.push(await page.evaluate(async (t) => (await document.getElementById('sim').run(t, 'p.jsonl')).ms, text));
  }
  loads.sort((a, b) => a - b);
  runs.sort((a, b) => a - b);
  console.log(`page load to first decision: median ${loads[2]} ms (5 loads: ${loads.join(', ')})`);
  console.log(`simulator over ${n} accounts: median ${runs[1].toFixed(0)} ms (${(runs[1] / n * 1000).toFixed(0)} µs/account; runs ${runs.map((r) => r.toFixed(0)).join(', ')})`);
} finally {
  await context.close();
  await server.close();
}
