#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and then ThreadSanitizer, one after the other
# (each needs its own full debug build; running both at once doubles the peak memory and
# competes for the same cores).
#
# Usage: scripts/sanitizers.sh [address|thread|all] [extra `swift test` arguments...]
#   scripts/sanitizers.sh                       # both, the whole suite
#   scripts/sanitizers.sh thread --filter GameTheoryTests
#
# Build directories: .build-asan/ and .build-tsan/ (ignored by git through `.build-*/`).
# Exit status: non-zero as soon as one sanitizer run fails; the run's log is kept in
# .build-<kind>/sanitizer-test.log.
set -euo pipefail
cd "$(dirname "$0")/.."

which="${1:-all}"
if [[ $# -gt 0 ]]; then shift; fi

run() {
    local kind="$1" scratch="$2"; shift 2
    mkdir -p "$scratch"
    local log="$scratch/sanitizer-test.log"
    echo "== $kind sanitizer: swift test --sanitize=$kind --scratch-path $scratch $*"
    local start end
    start=$(date +%s)
    # halt_on_error makes the first report fail the run instead of scrolling past.
    if ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}" \
       TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1}" \
       swift test --sanitize="$kind" --scratch-path "$scratch" "$@" 2>&1 | tee "$log"; then
        end=$(date +%s)
        echo "== $kind sanitizer: passed in $((end - start)) s (build + tests)"
    else
        end=$(date +%s)
        echo "== $kind sanitizer: FAILED after $((end - start)) s; log: $log" >&2
        exit 1
    fi
}

# Under ThreadSanitizer the batch fixture dies with SIGBUS (a TSan DEADLYSIGNAL report, before
# any output of its own) when started under `ulimit -f`; it runs normally without the limit,
# so this is the TSan runtime meeting RLIMIT_FSIZE (cause not investigated further). The
# file-size-limit fault test is left to the plain and ASan runs; the full-disk (tmpfs) fault
# test still runs under TSan.
tsan_skip=(--skip 'fileSizeLimitGivesAClearErrorAndNoPartialFile')

case "$which" in
    address) run address .build-asan "$@" ;;
    thread)  run thread .build-tsan "${tsan_skip[@]}" "$@" ;;
    all)     run address .build-asan "$@"; run thread .build-tsan "${tsan_skip[@]}" "$@" ;;
    *) echo "usage: $0 [address|thread|all] [swift test arguments...]" >&2; exit 2 ;;
esac
