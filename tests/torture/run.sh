#!/usr/bin/env bash
# Crash torture (issue 8): kill -9 at random moments during a large import and during writer storms,
# then hd check and a count of every committed ticket. Long-running: `make torture`, not `make test`.
#
#   HD_BIN=build/cmd/hd tests/torture/run.sh            # the full run: 100,000 tickets, ~15 min on 2 cores
#   HD_BIN=build/cmd/hd tests/torture/run.sh --quick    # a smoke run of a minute or two
#   tests/torture/run.sh --seed 1234 --only storm       # any option of torture.py (--help lists them)
#
# Exits 1 at the first failure, keeping the broken store and printing its path and the seed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
HD_BIN=${HD_BIN:-$here/../../build/cmd/hd}
[ -x "$HD_BIN" ] || { echo "torture: hd binary not found at $HD_BIN (set HD_BIN)" >&2; exit 2; }
# The system python: a version manager's shim costs time on every call, and the script needs only the
# standard library.
if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
exec "$PYTHON" "$here/torture.py" --hd "$HD_BIN" "$@"
