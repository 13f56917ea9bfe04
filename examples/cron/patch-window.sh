#!/bin/sh
# Files this week's patch-window change for server GROUP; run twice in a week, it files once.
# Usage: patch-window.sh GROUP
set -eu
HD=${HD_BIN:-hd}
group=$1
"$HD" open --template patch-window --var group="$group" --var week="$(date -u +%V)" --var year="$(date -u +%G)" -q
