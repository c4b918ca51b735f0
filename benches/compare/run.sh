#!/usr/bin/env bash
# The layout comparison of issue 12: the repository's overview and sub-processes and generated
# models of 50, 200, 500 and 2000 steps, laid out by processkarta, elkjs (lanes as compound
# nodes and as partitions) and Graphviz dot (lanes as clusters), all counted by one counter
# (counter.py). Prints one Markdown table on stdout; progress goes to stderr.
#
# Usage: benches/compare/run.sh   (env: COMPARE_TIMEOUT seconds per engine run, default 600;
#                                  COMPARE_KEEP=1 keeps the work folder with every drawing)
# Installs what it needs: elkjs with `npm ci` from package-lock.json, Graphviz from Debian
# when `dot` is missing (as root, or through sudo), and builds processkarta in release.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if ! command -v dot >/dev/null; then
  echo "== installing Graphviz (apt-get)" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq graphviz >&2
fi
echo "== elkjs (npm ci)" >&2
(cd "$here" && npm ci --silent --no-audit --no-fund --ignore-scripts >&2)

echo "== the counter's tests" >&2
python3 -m unittest discover -s "$here" -p 'test_*.py' >&2

echo "== processkarta (release build)" >&2
(cd "$repo" && cargo build --release --locked --quiet --bin processkarta --example compare_models >&2)
target="${CARGO_TARGET_DIR:-$repo/target}"

work="$(mktemp -d)"
if [ "${COMPARE_KEEP:-}" = 1 ]; then
  echo "== work folder kept: $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

src_commit="$(git -C "$repo" log -1 --format='%h %s' -- src 2>/dev/null || echo unknown)"
dirty="$(git -C "$repo" status --porcelain -- src 2>/dev/null | head -1)"
echo "Layout comparison, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores."
echo "src/ at ${src_commit}${dirty:+ (with uncommitted changes)};" \
  "elkjs $(node -p 'require(process.argv[1]).version' "$here/node_modules/elkjs/package.json")," \
  "Graphviz $(dot -V 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p'), node $(node --version)."
echo
python3 "$here/compare.py" --repo "$repo" --work "$work" \
  --bin "$target/release/processkarta" --helper "$target/release/examples/compare_models" \
  --timeout "${COMPARE_TIMEOUT:-600}"
