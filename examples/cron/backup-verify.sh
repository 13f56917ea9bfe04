#!/bin/sh
# Checks that backup job JOB left a non-empty file in DIR within the last HOURS hours, and files a
# ticket (once, until it is solved) when it did not. Usage: backup-verify.sh JOB DIR HOURS
set -eu
HD=${HD_BIN:-hd}
job=$1 dir=$2 hours=$3
newest=$(find "$dir" -maxdepth 1 -type f -mmin -$((hours * 60)) -size +0 2>/dev/null | head -1)
[ -n "$newest" ] && exit 0
if [ -d "$dir" ]; then
    problem="No non-empty backup file in $dir is younger than $hours hours."
else
    problem="The backup folder $dir does not exist."
fi
"$HD" open --template backup-failed --var job="$job" --var problem="$problem" -q
