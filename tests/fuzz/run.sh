#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz (clang, ASan, UBSan) and runs each for SECONDS (default 60)
# on a scratch copy of its kept corpus, one at a time; then merges what was new back into
# tests/fuzz/corpus/NAME (-merge=1 adds only inputs that reach code the corpus does not: it stays small).
#   tests/fuzz/run.sh [SECONDS [TARGET...]]      e.g. tests/fuzz/run.sh 600 config
# Exits 1 when any target crashed, leaked, hung or ran out of memory, naming the input that did it
# (under build-fuzz/artifacts/). JOBS (default 2) is the build's parallelism; BUILD (default build-fuzz).
set -euo pipefail

seconds=${1:-60}
shift || true
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build-fuzz}
case $build in /*) ;; *) build=$root/$build ;; esac

all_targets=$(sed -n 's/^set(HD_FUZZ_TARGETS \(.*\))$/\1/p' "$here/CMakeLists.txt")
targets=${*:-$all_targets}

cmake -S "$root" -B "$build" -DHD_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "${JOBS:-2}" --target fuzz_targets

scratch=$(mktemp -d "${TMPDIR:-/tmp}/hd-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
artifacts=$build/artifacts
logs=$build/logs
mkdir -p "$artifacts" "$logs"

# A report aborts at once (libFuzzer then saves the input); leaks are reported too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for name in $targets; do
    binary=$build/tests/fuzz/fuzz_$name
    kept=$here/corpus/$name
    [ -x "$binary" ] || { echo "run.sh: no fuzz target '$name' (targets: $all_targets)" >&2; exit 2; }
    mkdir -p "$kept" "$scratch/$name"
    cp -R "$kept/." "$scratch/$name/"
    # open_json reads the same field names as import_json.
    dict=$here/$name.dict
    [ "$name" = open_json ] && dict=$here/import_json.dict
    dict_option=()
    [ -f "$dict" ] && dict_option=(-dict="$dict")

    log=$logs/$name.log
    echo "== fuzz/$name: ${seconds}s (log: $log)"
    status=0
    "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$name-" "${dict_option[@]}" "$scratch/$name" >"$log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs' "$log" || true
    if [ "$status" -ne 0 ]; then
        crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        echo "fuzz/$name FAILED (exit $status): ${crash:-see $log}"
        grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|hd fuzz: BUG' "$log" | head -5 || true
        failed+=("$name: ${crash:-$log}")
    fi

    # Only inputs that reach code (edges, -use_counters=0: not mere loop counts) the kept corpus does not
    # are added; the inputs already there are never removed (the hand-written seeds, and the inputs of
    # past crashes, which are regression tests).
    before=$(find "$kept" -type f | wc -l)
    "$binary" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 "$kept" "$scratch/$name" \
        >"$logs/$name.merge.log" 2>&1 ||
        echo "fuzz/$name: merge failed, see $logs/$name.merge.log"
    echo "fuzz/$name: corpus $before -> $(find "$kept" -type f | wc -l) inputs"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo
    echo "Crashes (add the input to tests/fuzz/corpus/NAME once fixed, see tests/fuzz/README.md):"
    printf '  %s\n' "${failed[@]}"
    exit 1
fi
echo "No crash."
