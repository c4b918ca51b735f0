#!/usr/bin/env bash
# The BPMN export against the BPMN 2.0 XSD (xmllint), in bpmn-js (headless Chromium) and
# through bpmn-auto-layout: the repository's model and two fixtures (one with hostile titles)
# are exported, validated against the OMG schema in xsd/, then opened in bpmn-js from local
# files, and every diagram must import without warnings and show one shape per step and lane
# and the pool; laid out again by bpmn-auto-layout, every sequence flow must survive and be
# drawn. Called from .ci/run; installs what it needs itself (needs root for apt).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"

missing=()
command -v xmllint >/dev/null || missing+=(libxml2-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# playwright-core never downloads a browser; the flag is for safety.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/processkarta"

status=0
for model in "$repo" "$repo/tests/fixtures/valid" "$repo/tests/fixtures/hostile" "$repo/tests/fixtures/outcomes"; do
  name="$(basename "$model")"
  echo "== export $model"
  "$bin" export "$model" --to bpmn -o "$work/$name.bpmn" 2>/dev/null
  "$bin" export "$model" --to json -o "$work/$name.json" 2>/dev/null
  echo "== xmllint --schema xsd/BPMN20.xsd $name.bpmn"
  xmllint --noout --nonet --schema xsd/BPMN20.xsd "$work/$name.bpmn" || status=1
  echo "== bpmn-js: $name.bpmn"
  node bpmn.test.js "$work/$name.bpmn" "$work/$name.json" || status=1
  # bpmn-auto-layout 1.3.0 (the newest) throws on the repository's overview: it meets step 18
  # through the loop back from 24 before it has placed it (Grid.adjustColumnForMultipleIncoming
  # on an element not in its grid). The fixtures, one with a sub-process gateway, still go
  # through it.
  if [ "$model" != "$repo" ]; then
    echo "== bpmn-auto-layout: $name.bpmn"
    node autolayout.test.mjs "$work/$name.bpmn" || status=1
  fi
done
exit "$status"
