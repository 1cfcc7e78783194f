// A page that uses nothing but the single-file build (no .wasm request, no policy request).
import './dist/dunwell-single.js';

const [account] = await (await fetch(new URL('sample/accounts.json', import.meta.url))).json();
document.getElementById('plan').account = account;
window.dunwellSingleReady = true;
