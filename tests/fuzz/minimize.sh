#!/usr/bin/env bash
# Shrinks kept corpora that run.sh has grown: the named inputs (hand-written seeds, crash-* regression
# inputs) all stay; of the inputs libFuzzer named by their SHA-1, only those that still reach code
# (edges) no other input reaches are kept. Needs build-fuzz (tests/fuzz/run.sh builds it).
#   tests/fuzz/minimize.sh [TARGET...]        default: every target
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build-fuzz}
case $build in /*) ;; *) build=$root/$build ;; esac
all_targets=$(sed -n 's/^set(HD_FUZZ_TARGETS \(.*\))$/\1/p' "$here/CMakeLists.txt")

targets=${*:-$all_targets}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/hd-fuzz-min.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
for name in $targets; do
    binary=$build/tests/fuzz/fuzz_$name
    kept=$here/corpus/$name
    [ -x "$binary" ] || { echo "minimize.sh: $binary not built (run tests/fuzz/run.sh)" >&2; exit 2; }
    mkdir -p "$scratch/$name/keep" "$scratch/$name/hashed"
    for f in "$kept"/*; do
        if [[ $(basename "$f") =~ ^[0-9a-f]{40}$ ]]; then
            cp "$f" "$scratch/$name/hashed/"
        else
            cp "$f" "$scratch/$name/keep/"
        fi
    done
    "$binary" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 "$scratch/$name/keep" "$scratch/$name/hashed" \
        >"$scratch/$name.log" 2>&1 || { cat "$scratch/$name.log" >&2; exit 1; }
    before=$(find "$kept" -type f | wc -l)
    rm -rf "$kept" && cp -R "$scratch/$name/keep" "$kept"
    echo "fuzz/$name: corpus $before -> $(find "$kept" -type f | wc -l) inputs"
done
