// The shared vector corpus for the JS runtimes (Node and Chromium): the same rules as testkit/src/lib.rs.
// Vectors are loaded here in Node; the browser runner ships them into the page and compares back here.
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

function policyText(policy) {
  if (policy === undefined || policy === null || policy === 'default') return readFileSync(join(ROOT, 'policies/default.json'), 'utf8');
  if (typeof policy === 'string') return readFileSync(join(ROOT, 'tests/policies', `${policy}.json`), 'utf8');
  return JSON.stringify(policy);
}

/** Every vector as {name, policy, op, input, expect}, sorted by name like the Rust harness (byte order). */
export function loadVectors() {
  const base = join(ROOT, 'tests/vectors');
  return walk(base)
    .map((file) => ({ file, name: relative(base, file).split('\\').join('/') }))
    .sort((a, b) => (Buffer.compare(Buffer.from(a.name), Buffer.from(b.name))))
    .map(({ file, name }) => {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      const input = typeof doc.input === 'string' ? doc.input : JSON.stringify(doc.input);
      return { name, policy: policyText(doc.policy), op: doc.op ?? 'decide', input, expect: doc.expect };
    });
}

function normalise(v, messages) {
  if (v && v.ok && typeof v.ok === 'object') {
    delete v.ok.engine;
    // Only vectors under messages/ and compliance/ pin the words of planned actions (see testkit).
    if (!messages) for (const a of v.ok.actions ?? []) delete a.message;
  }
  for (const w of v?.warnings ?? []) delete w.message;
  if (v && v.error) {
    delete v.error.message;
    delete v.error.help;
    for (const p of v.error.problems ?? []) delete p.message;
  }
  return v;
}

/** Null when `output` matches `expect`, else a description of the difference. */
export function compare(output, expect, messages = false) {
  if (Array.isArray(expect)) {
    const lines = output.split('\n');
    if (lines.length !== expect.length) return `${lines.length} output lines, expected ${expect.length}`;
    for (let i = 0; i < lines.length; i++) {
      const d = compare(lines[i], expect[i], messages);
      if (d) return `line ${i}: ${d}`;
    }
    return null;
  }
  let got;
  try { got = JSON.parse(output); } catch (e) { return `output is not JSON (${e.message}): ${output}`; }
  const want = normalise(structuredClone(expect), messages);
  got = normalise(got, messages);
  return isDeepStrictEqual(got, want) ? null : `\n   got: ${JSON.stringify(got)}\nexpect: ${JSON.stringify(want)}`;
}

/** Checks every output and writes target/parity/<runtime>.txt. Returns the failures. */
export function finish(runtime, vectors, outputs) {
  let parity = '';
  const failures = [];
  vectors.forEach((v, i) => {
    const out = outputs[i];
    parity += `${v.name}\t${out.split('\n').join('\\n')}\n`;
    const diff = compare(out, v.expect, v.name.startsWith('messages/') || v.name.startsWith('compliance/'));
    if (diff) failures.push(`${v.name}: ${diff}`);
  });
  mkdirSync(join(ROOT, 'target/parity'), { recursive: true });
  writeFileSync(join(ROOT, 'target/parity', `${runtime}.txt`), parity);
  return failures;
}

export { runVector } from './run-vector.mjs';
