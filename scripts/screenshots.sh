#!/usr/bin/env bash
# Refreshes the screenshots in docs/screenshots/ (shown in www/README.md, "Screenshots"). The headless-Chromium tests
# take them into target/screenshots/: tests/browser/widgets.test.mjs each element of the console in en-US and zh-CN,
# tests/browser/console.test.mjs the simulator with an edited policy and the message preview's list of template
# variables in both languages. This runs those two files (every check in them must pass: no pictures from a failing
# run), then copies every PNG to docs/screenshots/. DUNWELL_SCREENSHOTS_ANYWAY=1 copies what a failing run took
# (for a failure that does not show in the pictures, such as a native replay older than the module: look at every
# picture before committing it).
#
# Needs the module in pkg/dist (bash scripts/build-wasm.sh) and target/parity/native.txt, the native replay of the
# vectors that the plan in the page is compared with (cargo test --test vectors). Rebuilds www/dist (the single-file
# build, which widgets.test.mjs loads too) with scripts/build-single.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "scripts/screenshots.sh: $*" >&2; exit 1; }

[ -f pkg/dist/dunwell_bg.wasm ] || die "pkg/dist/dunwell_bg.wasm is missing: build the module first (bash scripts/build-wasm.sh)"
[ -f target/parity/native.txt ] || die "target/parity/native.txt is missing: replay the vectors natively first (cargo test --test vectors)"
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund --silent)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "no Chromium at ${CHROMIUM:-/usr/bin/chromium} (set CHROMIUM to its path)"

bash scripts/build-single.sh >/dev/null
# Only what this run takes is copied: an old picture left in target/ must not pass for a new one.
mkdir -p target/screenshots
rm -f target/screenshots/*.png
if ! node --test tests/browser/widgets.test.mjs tests/browser/console.test.mjs; then
  [ -n "${DUNWELL_SCREENSHOTS_ANYWAY:-}" ] || die "a browser test failed: docs/screenshots/ left as it was (fix it, or see DUNWELL_SCREENSHOTS_ANYWAY above)"
  echo "scripts/screenshots.sh: a browser test failed; copying the screenshots anyway (DUNWELL_SCREENSHOTS_ANYWAY): look at each one" >&2
fi

shopt -s nullglob
shots=(target/screenshots/*.png)
[ ${#shots[@]} -gt 0 ] || die "the tests took no screenshot (target/screenshots/ is empty)"
mkdir -p docs/screenshots
# A screenshot the tests no longer take goes too.
rm -f docs/screenshots/*.png
cp "${shots[@]}" docs/screenshots/
echo "scripts/screenshots.sh: ${#shots[@]} screenshots in docs/screenshots/"
# Every picture should be shown in www/README.md (and every one it shows should exist).
for f in docs/screenshots/*.png; do
  grep -qF "(../$f)" www/README.md || echo "scripts/screenshots.sh: $f is not shown in www/README.md's Screenshots section" >&2
done
grep -o '(\.\./docs/screenshots/[^)]*\.png)' www/README.md | tr -d '()' | sed 's|^\.\./||' | while read -r f; do
  [ -f "$f" ] || echo "scripts/screenshots.sh: www/README.md shows $f, which no test takes any more" >&2
done
