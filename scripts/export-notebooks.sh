#!/usr/bin/env bash
# Regenerates Notebooks-export/ from the default batch over Models/ (the notebooks of
# `detente batch`, one per model and scenario). The notebooks reload the CSV tables and show
# the SVG figures that `detente batch` writes beside them in out/STEM/SCENARIO/.
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
