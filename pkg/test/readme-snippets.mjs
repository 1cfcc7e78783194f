// The code blocks of pkg/README.md, for the tests that run them (pkg/test/readme.test.mjs in Node,
// tests/browser/bundlers.test.mjs in Chromium). A block's info string is `<language> <id>`; the examples after the
// quick start use its `account`, which `withAccount` puts after the block's imports.
import { readFileSync } from 'node:fs';

export const README = new URL('../README.md', import.meta.url);

/** Every fenced block: `{ lang, id, code, line }` in order. */
export function readmeSnippets(text = readFileSync(README, 'utf8')) {
  const out = [];
  for (const m of text.matchAll(/^```(\S*)(?:[ \t]+(\S+))?[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    out.push({ lang: m[1], id: m[2] ?? null, code: m[3], line: text.slice(0, m.index).split('\n').length });
  }
  return out;
}

export function snippet(id) {
  const s = readmeSnippets().find((x) => x.id === id);
  if (!s) throw new Error(`pkg/README.md has no block \`${id}\``);
  return s.code;
}

/** The `const account = {…};` statement of the quick start. */
export function quickStartAccount() {
  const code = snippet('quick-start');
  const m = code.match(/^const account = \{[\s\S]*?^\};\n/m);
  if (!m) throw new Error('the quick start no longer declares `const account = {…};`');
  return m[0];
}

/** The block with the quick start's `account` declared after its imports (when it uses one it does not declare). */
export function withAccount(code) {
  if (!/\baccount\b/.test(code) || /const account\b/.test(code)) return code;
  const lines = code.split('\n');
  let at = 0;
  lines.forEach((l, i) => { if (/^import\b|^const .* = require\(/.test(l)) at = i + 1; });
  lines.splice(at, 0, quickStartAccount());
  return lines.join('\n');
}
