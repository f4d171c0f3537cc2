#!/usr/bin/env bash
# Runs every test of Detente. Installs missing system packages first (see setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
