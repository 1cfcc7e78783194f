// The admin console: the four elements on the default policy and the bundled sample accounts.
import { configure } from './dunwell-elements.js';

// The module URL can be overridden by the embedding page: <meta name="dunwell-wasm" content="…">.
const wasm = document.querySelector('meta[name="dunwell-wasm"]')?.content;
if (wasm) configure({ wasmUrl: wasm });

// Errors go to the page's status line (boot.js), not only to the devtools: a console that cannot load its module,
// policy or accounts says which and why.
const showError = window.dunwellShowError ?? ((m, d) => { throw new Error(`${m} ${d}`); });
const status = document.getElementById('console-status');
document.addEventListener('dunwellerror', (e) => {
  const { code, message, path } = e.detail;
  showError(`${e.target.localName}: ${code}${path ? ` at ${path}` : ''}`, message);
});

const accountsUrl = new URL('sample/accounts.json', import.meta.url);
const res = await fetch(accountsUrl);
if (!res.ok) {
  showError(`The sample accounts could not be loaded: ${accountsUrl.pathname} answered HTTP ${res.status}.`);
  throw new Error(`accounts: HTTP ${res.status}`);
}
const accounts = await res.json();
if (status?.classList.contains('console-loading')) status.hidden = true;
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
