#!/usr/bin/env bash
# Installs pdflatex (TeX Live base + recommended: booktabs, etc.) with apt-get when it is
# missing, so the Reports tests can compile the LaTeX tables. Idempotent; quiet when present.
set -euo pipefail
if command -v pdflatex >/dev/null 2>&1 && kpsewhich booktabs.sty >/dev/null 2>&1; then
  exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "ensure-latex: installing texlive-latex-base texlive-latex-recommended" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  texlive-latex-base texlive-latex-recommended >/dev/null
command -v pdflatex >/dev/null
