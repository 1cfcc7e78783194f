// Loads the console and, if anything it needs cannot be loaded, says so in the page instead of leaving it blank.
// It imports nothing statically: a static import of a missing file (e.g. `../pkg/index.js` when only `www/` is
// served) would stop this script too, and the page would stay empty with the reason only in the devtools.
const status = document.getElementById('console-status');

/** Shows `message` as the page's error state (a visible alert, not only a console line). */
export function showError(message, detail = '') {
  status.hidden = false;
  status.className = 'console-error';
  status.setAttribute('role', 'alert');
  status.replaceChildren();
  const head = document.createElement('strong');
  head.textContent = message;
  status.append(head);
  if (detail) {
    const p = document.createElement('p');
    p.textContent = detail;
    status.append(p);
  }
  document.documentElement.dataset.consoleError = 'true';
}

const SERVE = 'Serve the repository\'s www, pkg and policies folders side by side, for example '
  + '`dunwell serve --policy policies/default.json --static /www=www --static /pkg=pkg --static /policies=policies`, '
  + 'and open /www/index.html.';

/** The first of the files the console's script graph needs that does not answer 200, with its status. */
async function missing() {
  for (const rel of ['dunwell-elements.js', '../pkg/index.js', '../pkg/core.js', '../pkg/dist/dunwell_web.js']) {
    const url = new URL(rel, import.meta.url);
    try {
      const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
      if (!res.ok) return `${url.pathname} answered HTTP ${res.status}`;
    } catch (e) {
      return `${url.pathname} could not be fetched (${e.message})`;
    }
  }
  return null;
}

window.dunwellShowError = showError;
try {
  await import('./console.js');
} catch (e) {
  const why = await missing();
  showError(
    why ? `The Dunwell console cannot start: ${why}.` : `The Dunwell console cannot start: ${e.message}`,
    SERVE,
  );
}
