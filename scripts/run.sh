#!/usr/bin/env bash
# The main job: builds the release `detente` and runs the batch solver over the bundled
# models into out/. Installs missing system packages first (see setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product detente
exec .build/release/detente batch "$@"
