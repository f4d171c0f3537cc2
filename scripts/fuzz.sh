#!/usr/bin/env bash
# Builds and runs Detente's libFuzzer targets (Fuzz/<target>/).
#
#   scripts/fuzz.sh                 # every target, 600 s each, one after another
#   scripts/fuzz.sh nfg 60          # one target for 60 s
#   scripts/fuzz.sh build           # only build the fuzzers
#   scripts/fuzz.sh nfg 0 FILE...   # replay inputs (e.g. a crash-<sha1>) without fuzzing
#
# Targets: nfg (NFGReader), json (GameJSONReader), model (loadModel(yaml:path:)),
# expression (compileExpression). How it works (Swift 6.3 on Linux, see docs/RELIABILITY.md):
#  1. `swift build` the library targets into the scratch path .build-fuzz with coverage
#     instrumentation and AddressSanitizer (-sanitize=fuzzer,address on Swift, the matching
#     -fsanitize=fuzzer-no-link,address on the C target CYaml);
#  2. `swiftc -sanitize=fuzzer,address -parse-as-library` compiles Fuzz/<target>/*.swift and
#     Fuzz/Common/*.swift against the built modules and links them with the library objects;
#     libFuzzer supplies main().
#  3. The fuzzer runs on a copy of the seed corpus (Fuzz/<target>/corpus is never written),
#     with -max_total_time, -timeout (a hang) and -rss_limit_mb. Crashes land in
#     .build-fuzz/findings/<target>/.
# Environment: FUZZ_JOBS is not used on purpose: the targets run one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCRATCH=$ROOT/.build-fuzz
TARGETS=(nfg json model expression)
# Seconds for one input before it counts as a hang. `model` solves every small model it
# accepts, penal-code thresholds included (a bisection over δ of up to ~20 Abreu–Sannikov
# solves, slow near δ = 0.999): a valid 2-domain model took 40 s under this instrumentation on
# a loaded machine (2.5 s CPU in a plain debug build) and then finished correctly, so that
# target gets 60 s; the readers and the expression compiler keep 10 s.
timeout_for() {
    if [ -n "${FUZZ_TIMEOUT:-}" ]; then echo "$FUZZ_TIMEOUT"; return; fi
    case "$1" in model) echo 60 ;; *) echo 10 ;; esac
}
RSS=${FUZZ_RSS_MB:-2048}
MAXLEN=${FUZZ_MAX_LEN:-8192}

modules_for() {
    case "$1" in
        nfg|json) echo "GameTheory" ;;
        model|expression) echo "PolicyModels" ;;
        *) echo "unknown target '$1' (expected one of: ${TARGETS[*]})" >&2; exit 2 ;;
    esac
}

build_libraries() {
    swift build --scratch-path "$SCRATCH" --target PolicyModels \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
        -Xcc -fsanitize=fuzzer-no-link,address >&2
}

build_target() {
    local t=$1 out=$SCRATCH/fuzzers/fuzz-$1
    mkdir -p "$SCRATCH/fuzzers"
    local dbg; dbg=$(cd "$SCRATCH/debug" && pwd -P)   # debug is a symlink
    # Library objects: every module the target imports, directly or not (the fuzz target
    # files import only GameTheory or PolicyModels; linking all built objects is simplest,
    # and the linker drops nothing it needs).
    local objs=()
    while IFS= read -r -d '' o; do objs+=("$o"); done < <(
        find "$dbg" -path "$dbg/*Tests.build" -prune -o -path "$dbg/detente.build" -prune -o \
             -path "$dbg/*-tool.build" -prune -o -path "$dbg/generate_*" -prune -o \
             -path "$dbg/ArgumentParser*" -prune -o -path "$dbg/Analysis.build" -prune -o \
             -path "$dbg/Reports.build" -prune -o -path "$dbg/Detente.build" -prune -o \
             -name '*.o' -path '*.build/*' -print0)
    swiftc -sanitize=fuzzer,address -parse-as-library -g -Onone \
        -I "$dbg/Modules" -I "$SCRATCH/checkouts/Yams/Sources/CYaml/include" \
        -Xcc -fmodule-map-file="$ROOT/Sources/CLapack/module.modulemap" \
        "$ROOT"/Fuzz/Common/*.swift "$ROOT"/Fuzz/"$t"/*.swift "${objs[@]}" \
        -lopenblas -llapacke -o "$out" >&2
    echo "$out"
}

run_target() {
    local t=$1 seconds=$2; shift 2
    modules_for "$t" >/dev/null
    local TIMEOUT; TIMEOUT=$(timeout_for "$t")
    local bin; bin=$(build_target "$t")
    local work=$SCRATCH/corpus/$t findings=$SCRATCH/findings/$t
    mkdir -p "$work" "$findings"
    if [ "$seconds" = 0 ]; then
        "$bin" -timeout="$TIMEOUT" -rss_limit_mb="$RSS" "$@"
        return
    fi
    echo "== fuzz-$t for ${seconds}s (timeout ${TIMEOUT}s, rss ${RSS} MB)" >&2
    "$bin" "$work" "$ROOT/Fuzz/$t/corpus" \
        -max_total_time="$seconds" -timeout="$TIMEOUT" -rss_limit_mb="$RSS" \
        -max_len="$MAXLEN" -print_final_stats=1 -artifact_prefix="$findings/" \
        ${FUZZ_DICT:+-dict=$FUZZ_DICT} "$@"
}

case "${1:-all}" in
    build) build_libraries; for t in "${TARGETS[@]}"; do build_target "$t" >/dev/null; done ;;
    all) build_libraries; for t in "${TARGETS[@]}"; do run_target "$t" "${2:-600}"; done ;;
    *) t=$1; seconds=${2:-600}; shift; shift || true
       build_libraries; run_target "$t" "$seconds" "$@" ;;
esac
