#!/usr/bin/env bash
# One command for the whole comparison: builds detente-timing (release), installs the peers
# when missing (optional and slow; --no-setup to skip), times everything, and writes
# docs/PERFORMANCE.md. Options after the script name go to compare.py:
#   bash Benchmarks/peers/run.sh              # full run (~15 min on 2 cores at load 12-15)
#   bash Benchmarks/peers/run.sh --quick      # small sizes only (~2 min), to results/PERFORMANCE-quick.md
#   bash Benchmarks/peers/run.sh --reuse-peers   # re-time Detente only, keep the peers' last times
#   bash Benchmarks/peers/run.sh --skip-peers    # Detente only, no peer rows
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=$(dirname "$HERE")
SETUP=1
ARGS=()
for a in "$@"; do
    case "$a" in
        --no-setup) SETUP=0 ;;
        *) ARGS+=("$a") ;;
    esac
done
swift build -c release --product detente-timing --package-path "$BENCH"
NEED_PEERS=1
for a in ${ARGS[@]+"${ARGS[@]}"}; do
    case "$a" in --skip-peers|--reuse-peers) NEED_PEERS=0 ;; esac
done
if [ "$NEED_PEERS" = 1 ] && [ "$SETUP" = 1 ]; then
    bash "$HERE/setup.sh"
fi
exec python3 "$HERE/compare.py" --detente "$BENCH/.build/release/detente-timing" ${ARGS[@]+"${ARGS[@]}"}
