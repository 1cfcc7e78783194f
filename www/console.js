// The admin console: the four elements on the default policy and the bundled sample accounts.
import { configure } from './dunwell-elements.js';

// The module URL can be overridden by the embedding page: <meta name="dunwell-wasm" content="…">.
const wasm = document.querySelector('meta[name="dunwell-wasm"]')?.content;
if (wasm) configure({ wasmUrl: wasm });

const accounts = await (await fetch(new URL('sample/accounts.json', import.meta.url))).json();
const pick = document.getElementById('account');
for (const a of accounts) pick.add(new Option(`${a.id} · ${a.jurisdiction} · ${a.borrower.name}`, a.id));
const $ = (id) => document.getElementById(id);

function show() {
  const account = accounts.find((a) => a.id === pick.value) ?? accounts[0];
  for (const id of ['plan', 'reply', 'preview']) $(id).account = account;
}
function language() {
  const lang = $('lang').value;
  document.documentElement.lang = lang;
  for (const id of ['plan', 'reply', 'preview', 'sim']) $(id).setAttribute('lang', lang);
}
pick.addEventListener('change', show);
$('lang').addEventListener('change', language);
show();
window.dunwellConsoleReady = true;
