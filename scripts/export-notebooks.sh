#!/usr/bin/env bash
# Regenerates Notebooks-export/ from the default batch over Models/ at the small sizes (the
# notebooks of `detente batch --sizes small`, one per model and scenario; the test
# exportedNotebooksAreCurrent runs the same batch). Each notebook embeds the first rows of
# every table and every SVG figure, and has cells that reload the CSV tables and redraw the
# figures from the files `detente batch` writes beside it in out/STEM/SCENARIO/.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product detente >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.build/debug/detente batch Models --sizes small --progress none --output "$tmp"
rm -rf Notebooks-export
(cd "$tmp" && find . -name notebook.ipynb | sort) | while read -r f; do
  mkdir -p "Notebooks-export/$(dirname "$f")"
  cp "$tmp/$f" "Notebooks-export/$f"
done
echo "Notebooks-export: $(find Notebooks-export -name '*.ipynb' | wc -l) notebooks"
