// The package as a front-end developer installs and bundles it: `npm pack` of pkg/ unpacked as node_modules/dunwell,
// a page importing it built with esbuild, webpack 5, Vite and Rollup exactly as pkg/README.md shows (its
// `bundler-page`, `esbuild-page` and `rollup-config` blocks), then loaded in headless Chromium. Each bundler must emit
// the .wasm (byte for byte the built module), the page must fetch it without a 404, and the decision must be the
// vector's (the README's account is the vector's account); the same page also works under Vite's dev server. And
// esbuild without the README's loader fails with the package's clear error rather than a bare 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, symlinkSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join, extname, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../js/corpus.mjs';
import { snippet, withAccount } from '../../pkg/test/readme-snippets.mjs';
import { launch } from './chromium.mjs';

const MODULES = join(ROOT, 'tests/browser/node_modules');
const WASM = readFileSync(join(ROOT, 'pkg/dist/dunwell_bg.wasm'));
const SHA = readFileSync(join(ROOT, 'pkg/dist/SHA256'), 'utf8').trim();
const VECTOR = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/messages/decide_us_m2_messages_first_contact.json'), 'utf8'));
const HTML_MODULE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./page.js"></script>';

let work;
let server;
let context;
const responses = [];   // [path, status] of every request the server answered

/** A folder for one bundler with node_modules/dunwell installed from the package's tarball (shared). */
function app(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  symlinkSync(join(work, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'dunwell-bundlers-'));
  // What `npm install dunwell` would unpack: only the files the tarball carries.
  const tgz = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: join(ROOT, 'pkg'), encoding: 'utf8' }))[0].filename;
  mkdirSync(join(work, 'node_modules/dunwell'), { recursive: true });
  execFileSync('tar', ['xzf', join(work, tgz), '-C', join(work, 'node_modules/dunwell'), '--strip-components=1']);
  // The Rollup plugins the README's config imports.
  for (const scope of ['@rollup', '@web']) symlinkSync(join(MODULES, scope), join(work, 'node_modules', scope), 'dir');

  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
  const http = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    try {
      const body = await readFile(join(work, path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
      responses.push([path, 200]);
    } catch {
      res.writeHead(404).end();
      responses.push([path, 404]);
    }
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  server = { url: `http://127.0.0.1:${http.address().port}`, close: () => new Promise((r) => http.close(r)) };
  context = await launch();
});

after(async () => {
  await context?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Loads `<name>/out/index.html`; resolves to the page's `window.decision` or its failure. */
async function load(name) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${server.url}/${name}/out/index.html`);
    await page.waitForFunction(() => window.decision || window.failure, null, { timeout: 20000 }).catch(() => {});
    return { ...(await page.evaluate(() => ({ decision: window.decision ?? null, failure: window.failure ?? null }))), errors };
  } finally {
    await page.close();
  }
}

/** The checks every bundler must pass. */
async function check(name) {
  const emitted = readdirSync(join(work, name, 'out'), { recursive: true }).filter((f) => String(f).endsWith('.wasm'));
  assert.equal(emitted.length, 1, `${name} emitted ${emitted.length} .wasm files: ${emitted.join(', ')}`);
  assert.ok(readFileSync(join(work, name, 'out', String(emitted[0]))).equals(WASM), `${name}: the emitted .wasm is not the built module`);
  const { decision, failure, errors } = await load(name);
  assert.deepEqual(errors, [], `${name}: page errors`);
  assert.equal(failure, null, `${name}: ${JSON.stringify(failure)}`);
  assert.ok(decision, `${name}: no decision`);
  const mine = responses.filter(([p]) => p.startsWith(`/${name}/`));
  assert.deepEqual(mine.filter(([, s]) => s !== 200), [], `${name}: requests that failed`);
  assert.ok(mine.some(([p, s]) => p.endsWith('.wasm') && s === 200), `${name}: the .wasm was not fetched`);
  // The module the page loaded is the built one, and it decided as the corpus says.
  assert.equal(decision.engine.module_sha256, SHA);
  const { engine: _a, ...got } = decision;
  const { engine: _b, ...want } = VECTOR.expect.ok;
  assert.deepEqual(got, want, `${name}: the decision differs from the vector`);
}

const bundlerPage = () => withAccount(snippet('bundler-page'));

test('esbuild, as the README shows (file loader, URL passed to init): emits and loads the .wasm, decides', () => run('esbuild', async (dir) => {
  const code = withAccount(snippet('esbuild-page'));
  // The command is the block's first line: `// esbuild page.js …`.
  const args = code.split('\n')[0].replace(/^\/\/\s*esbuild\s+/, '').split(/\s+/);
  writeFileSync(join(dir, 'page.js'), code);
  execFileSync(join(MODULES, '.bin/esbuild'), [...args, '--log-level=warning'], { cwd: dir });
  writeFileSync(join(dir, 'out/index.html'), HTML_MODULE);
}));

test('esbuild without the loader: init() rejects with host.module_unavailable and says what to do', async () => {
  const dir = app('esbuild-bare');
  writeFileSync(join(dir, 'page.js'), `import init from 'dunwell';
try { await init(); window.decision = 'loaded'; } catch (e) { window.failure = { name: e.name, code: e.code, message: e.message }; }`);
  execFileSync(join(MODULES, '.bin/esbuild'), ['page.js', '--bundle', '--format=esm', '--outdir=out', '--log-level=warning'], { cwd: dir });
  writeFileSync(join(dir, 'out/index.html'), HTML_MODULE);
  const { failure } = await load('esbuild-bare');
  assert.equal(failure?.code, 'host.module_unavailable', JSON.stringify(failure));
  assert.equal(failure.name, 'DunwellError');
  assert.match(failure.message, /HTTP 404/);
  assert.match(failure.message, /pass its URL to `init\(url\)`/);
});

test('webpack 5: the README page unchanged, the .wasm emitted as an asset, loaded, decides', () => run('webpack', async (dir) => {
  writeFileSync(join(dir, 'page.js'), bundlerPage());
  const webpack = (await import('webpack')).default;
  const stats = await new Promise((resolve, reject) => webpack({
    mode: 'production', context: dir, entry: './page.js', target: 'web', devtool: false,
    output: { path: join(dir, 'out'), filename: 'main.js', publicPath: 'auto' },
    performance: { hints: false },
  }, (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(dir, 'out/index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="./main.js"></script>');
}));

test('Vite: the README page unchanged, the .wasm emitted as an asset, loaded, decides', () => run('vite', async (dir) => {
  writeFileSync(join(dir, 'page.js'), bundlerPage());
  writeFileSync(join(dir, 'index.html'), HTML_MODULE);
  const { build } = await import('vite');
  // base './': this test serves the output below /vite/out/, not at the site's root.
  await build({ root: dir, base: './', logLevel: 'silent', configFile: false, build: { outDir: 'out', target: 'es2022', minify: false } });
}));

test('Rollup with the README config: the .wasm emitted as an asset, loaded, decides', () => run('rollup', async (dir) => {
  writeFileSync(join(dir, 'page.js'), bundlerPage());
  writeFileSync(join(dir, 'rollup.config.mjs'), snippet('rollup-config'));
  const config = (await import(pathToFileURL(join(dir, 'rollup.config.mjs')).href)).default;
  const { rollup } = await import('rollup');
  const bundle = await rollup({ ...config, input: join(dir, config.input), onwarn: () => {} });
  await bundle.write({ ...config.output, dir: join(dir, config.output.dir) });
  await bundle.close();
  writeFileSync(join(dir, 'out/index.html'), HTML_MODULE);
}));

async function run(name, build) {
  const dir = app(name);
  const started = Date.now();
  await build(dir);
  const built = Date.now() - started;
  await check(name);
  console.log(`${name}: built in ${built} ms`);
}

test('Vite dev server (no build): the README page fetches the .wasm from the package and decides', async () => {
  const dir = app('vite-dev');
  writeFileSync(join(dir, 'page.js'), bundlerPage());
  writeFileSync(join(dir, 'index.html'), HTML_MODULE);
  const { createServer: viteServer } = await import('vite');
  const dev = await viteServer({ root: dir, configFile: false, logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } });
  await dev.listen();
  const page = await context.newPage();
  const statuses = [];
  const errors = [];
  page.on('response', (r) => statuses.push([new URL(r.url()).pathname, r.status()]));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(dev.resolvedUrls.local[0]);
    await page.waitForFunction(() => window.decision, null, { timeout: 20000 }).catch(() => {});
    const decision = await page.evaluate(() => window.decision ?? null);
    assert.deepEqual(errors, []);
    assert.deepEqual(statuses.filter(([, s]) => s >= 400), []);
    assert.ok(statuses.some(([p, s]) => p.endsWith('/dunwell_bg.wasm') && s === 200), 'the .wasm was not fetched');
    assert.equal(decision?.engine.module_sha256, SHA);
    const { engine: _a, ...got } = decision;
    const { engine: _b, ...want } = VECTOR.expect.ok;
    assert.deepEqual(got, want, 'vite dev: the decision differs from the vector');
  } finally {
    await page.close();
    await dev.close();
  }
});
