#!/usr/bin/env bash
# Compares a full build of the site with `mdbook build` on the same guidance Markdown.
# Installs mdbook with cargo into a temporary folder (only here, never for the tool itself),
# then runs `cargo bench --bench build` and times mdbook on a book made of handlaggarstod/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== processkarta (cargo bench --bench build)"
(cd "$repo" && cargo bench --quiet --bench build)

echo "== mdbook on the same Markdown"
cargo install --quiet --locked mdbook --version 0.5.4 --root "$work/mdbook" >/dev/null
book="$work/book"
mkdir -p "$book/src"
cp -r "$repo/handlaggarstod/." "$book/src/"
printf '[book]\ntitle = "Stockholmsmodellen"\nlanguage = "sv"\n' > "$book/book.toml"
{
  echo "# Summary"
  echo
  echo "[Inledning](index.md)"
  for f in $(cd "$book/src" && find . -name '*.md' ! -name index.md ! -name SUMMARY.md | sed 's|^\./||' | sort -V); do
    echo "- [${f%.md}]($f)"
  done
} > "$book/src/SUMMARY.md"
times=()
for _ in 1 2 3 4 5 6 7; do
  rm -rf "$book/book"
  start=$(date +%s%N)
  "$work/mdbook/bin/mdbook" build "$book" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "mdbook build ($(find "$book/src" -name '*.md' | wc -l) Markdown files): median ${sorted[3]} ms (min ${sorted[0]} ms)"
