// Decides oracle accounts through the npm package (the same module as the CLI), one envelope per input line:
//   node tests/oracle/node-decide.mjs PKG_DIR POLICY_NAME=POLICY_FILE... < lines
// Each input line is {"policy": NAME, "as_of": T, "account": {...}}; messages are off (plans without words).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';

const [pkg, ...pols] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { Engine } = require(path.resolve(pkg, 'node.cjs'));
const engines = {};
for (const p of pols) {
  const [name, file] = p.split('=');
  engines[name] = new Engine(readFileSync(file, 'utf8'));
}
const out = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const d = JSON.parse(line);
  out.push(engines[d.policy].decideJson(JSON.stringify({ as_of: d.as_of, account: d.account, messages: false })));
  if (out.length >= 512) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
