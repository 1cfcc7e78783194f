// decide per account in Node (decideJson, the string tier) over the same 256 sample accounts as the Rust bench.
// Prints lines in criterion's "bencher" format so scripts/bench.sh can put them beside the Rust figures.
import { readFileSync } from 'node:fs';
import dunwell from '../node.cjs';

const [accountsFile, policyFile] = process.argv.slice(2);
const AS_OF = '2026-11-28T09:00:00Z';
const accounts = readFileSync(accountsFile, 'utf8').trim().split('\n');
const calls = accounts.map((a) => `{"as_of":"${AS_OF}","account":${a}}`);
const batch = `{"as_of":"${AS_OF}"}\n${accounts.join('\n')}`;
const engine = new dunwell.Engine(readFileSync(policyFile, 'utf8'));

function bench(name, fn, minMs = 2000) {
  for (let i = 0; i < 2000; i++) fn(i);            // warm up
  const samples = [];
  const end = performance.now() + minMs;
  let i = 0;
  while (performance.now() < end) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 100; k++) fn(i++);
    samples.push(Number(process.hrtime.bigint() - t0) / 100);
  }
  samples.sort((a, b) => a - b);
  console.log(`test ${name} ... bench: ${Math.round(samples[samples.length >> 1])} ns/iter`);
}

bench('decide_per_account/node', (i) => engine.decideJson(calls[i % calls.length]));
bench('decide_per_account/node_batch256', () => engine.callJson('decide_batch', batch));
