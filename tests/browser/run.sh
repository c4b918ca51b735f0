#!/usr/bin/env bash
# Browser tests of the built site: axe-core over every page in headless Chromium (Debian's
# package), the map viewer, WCAG checks beyond axe, search, the printed print view (counted
# and read with poppler's pdfinfo and pdftotext), and serve's reload and error overlay.
# Also runs the browser side of the stemmer test and the table of search queries. Called
# from .ci/run; needs root for apt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || missing="$missing poppler-utils"
if [ -n "$missing" ]; then
  echo "installing$missing"
  apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
fi

# playwright-core never downloads a browser; the flag is for safety.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

echo "== stemmer (browser side)"
node --test stemmer.test.js

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== build the repository's model"
(cd "$repo" && cargo run --release --quiet -- build -o "$work/site")

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >"$work/http.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null; then
    break
  fi
  sleep 0.1
done

status=0
echo "== search: the table of real queries"
SITE="$work/site" node --test search.test.js || status=1

echo "== site in headless chromium"
node site.test.js "$work/site" "http://127.0.0.1:$port/" || status=1

echo "== serve in headless chromium"
node serve.test.js "$repo/target/release/processkarta" "$repo/tests/fixtures/valid" || status=1
exit "$status"
