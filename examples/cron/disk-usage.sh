#!/bin/sh
# Files (or adds an occurrence to) a ticket for every mounted file system fuller than THRESHOLD %.
# Usage: disk-usage.sh [THRESHOLD] — default 90. DF_OUTPUT names a file with `df -P` output to read
# instead of running df (for tests and dry runs). Prints the ids of the tickets touched.
set -eu
HD=${HD_BIN:-hd}
threshold=${1:-90}
host=$(hostname)
if [ -n "${DF_OUTPUT:-}" ]; then cat "$DF_OUTPUT"; else df -P -x tmpfs -x devtmpfs 2>/dev/null || df -P; fi |
    awk 'NR > 1 { sub(/%/, "", $5); print $5, $6 }' |
    while read -r use mount; do
        [ "$use" -ge "$threshold" ] || continue
        "$HD" open --template disk-full --var host="$host" --var mount="$mount" --var use="$use" \
            --var threshold="$threshold" -q
    done
