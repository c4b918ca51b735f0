#!/usr/bin/env bash
# Makes the site's web fonts from the full TTFs in this folder: WOFF2, subset to Latin with
# Swedish (Basic Latin, Latin-1, Latin Extended-A) and the punctuation the site
# writes (dashes, quotes, ellipsis, ‹ ›, …). The TTFs stay as they are: the layout
# measures text with them and the PDF embeds them.
#
# Run from anywhere: bash fonts/subset.sh. It installs the pinned fontTools and Brotli from
# PyPI into a temporary virtual environment, writes themes/default/fonts/*.woff2, and
# prints their sizes. The same versions give byte-identical files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../themes/default/fonts"
venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "fonttools==4.68.0" "brotli==1.2.1"

# Latin and Swedish, the general punctuation block's dashes, quotes, bullets, ellipsis,
# per mille and angle quotes, the euro sign, the arrows and the minus sign. Noto Sans has no
# arrows (← →): browsers take those from a system font, as they did with the full TTF.
unicodes="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030,U+2039-203A,U+20AC,U+2122,U+2190-2195,U+2212"

# The default OpenType features (kerning, ligatures, marks …) and tabular figures, which
# the step list asks for (font-variant-numeric: tabular-nums).
for weight in Regular Bold; do
  "$venv/bin/pyftsubset" "$here/NotoSans-$weight.ttf" \
    --unicodes="$unicodes" \
    --layout-features+=tnum \
    --flavor=woff2 \
    --output-file="$out/NotoSans-$weight.woff2"
done
ls -l "$out"/*.woff2
