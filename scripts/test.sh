#!/usr/bin/env bash
# Runs every test of Detente. Installs missing system packages first (see setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/ensure-latex.sh          # pdflatex for the LaTeX-table tests
bash scripts/ensure-python-deps.sh    # nbformat/nbclient venv for the notebook tests
swift build --build-tests
swift test --skip-build
# A real job array on a private single-node Slurm (installs slurm-wlm and munge when missing);
# it prints "SKIPPED: <reason>" and passes only when Slurm cannot be installed or started here.
bash scripts/slurm-test.sh "$PWD/.build/debug/detente"
