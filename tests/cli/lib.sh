# Shared helpers for the end-to-end tests: each t-*.sh sources this, runs the real hd on a temporary
# store, and checks stdout, stderr, the exit code, and that failed commands wrote nothing.
# shellcheck shell=bash
set -u

HD_BIN=${HD_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/cmd/hd}
[ -x "$HD_BIN" ] || { echo "hd binary not found at $HD_BIN (set HD_BIN)"; exit 1; }

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hd-test.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT

# A private world: no config or store of the person running the tests is ever touched.
export HOME="$TEST_DIR/home"
export XDG_CONFIG_HOME="$TEST_DIR/config"
export XDG_DATA_HOME="$TEST_DIR/data"
export HD_DB="$TEST_DIR/hd.db"
export HD_USER=tester
export HD_NOW=2026-11-23T10:00:00Z
export NO_COLOR=1
unset HD_CONFIG COLUMNS VISUAL EDITOR
mkdir -p "$HOME"

PASSED=0
FAILED=0
CURRENT=""

OUT="$TEST_DIR/stdout"
ERR="$TEST_DIR/stderr"
RC=0

# hd ARGS...: runs hd with stdin from /dev/null unless redirected by the caller; sets OUT, ERR, RC.
# (A terminal on stdin is replaced by /dev/null, so that a run from a shell never opens an editor.)
hd() {
    if [ -t 0 ]; then
        "$HD_BIN" "$@" >"$OUT" 2>"$ERR" </dev/null
    else
        "$HD_BIN" "$@" >"$OUT" 2>"$ERR"
    fi
    RC=$?
    return 0
}

# hd_in TEXT ARGS...: runs hd with TEXT on stdin.
hd_in() {
    local input=$1
    shift
    printf '%s' "$input" | "$HD_BIN" "$@" >"$OUT" 2>"$ERR"
    RC=$?
    return 0
}

test_case() { CURRENT=$1; }

fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL [$CURRENT]: $*"
    echo "  exit code: $RC"
    echo "  stdout: $(head -c 600 "$OUT" 2>/dev/null)"
    echo "  stderr: $(head -c 600 "$ERR" 2>/dev/null)"
}

ok() { PASSED=$((PASSED + 1)); }

expect_rc() { if [ "$RC" -eq "$1" ]; then ok; else fail "expected exit code $1"; fi; }
expect_out() { if grep -qF -- "$1" "$OUT"; then ok; else fail "expected stdout to contain: $1"; fi; }
expect_out_re() { if grep -qE -- "$1" "$OUT"; then ok; else fail "expected stdout to match: $1"; fi; }
expect_no_out() { if grep -qF -- "$1" "$OUT"; then fail "expected stdout not to contain: $1"; else ok; fi; }
expect_out_exactly() {
    local got
    got=$(cat "$OUT")
    if [ "$got" = "$1" ]; then ok; else fail "expected stdout to be exactly: $1"; fi
}
expect_empty_out() { if [ -s "$OUT" ]; then fail "expected no stdout"; else ok; fi; }
expect_err() { if grep -qF -- "$1" "$ERR"; then ok; else fail "expected stderr to contain: $1"; fi; }
expect_empty_err() { if [ -s "$ERR" ]; then fail "expected no stderr"; else ok; fi; }
# An error is one line, starting "hd: error: ".
expect_error_line() {
    if [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q '^hd: error: ' "$ERR"; then ok; else fail "expected one 'hd: error:' line on stderr"; fi
}

# jq-free JSON checks through python3, which every Debian has. The system one is preferred: a
# version manager's shim (pyenv) costs a tenth of a second per call.
if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
json_get() { "$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval("d"+sys.argv[2]))' "$OUT" "$1"; }
expect_json() {
    local got
    got=$(json_get "$1" 2>&1)
    if [ "$got" = "$2" ]; then ok; else fail "expected JSON $1 to be '$2', got '$got'"; fi
}

# The store's full content, to prove a failed command wrote nothing.
# (The store is $HD_DB, or the XDG default when a test unsets HD_DB.)
store_snapshot() {
    local db=${HD_DB:-$XDG_DATA_HOME/hd/hd.db}
    if [ -f "$db" ]; then sqlite3 "$db" .dump | md5sum; else echo absent; fi
}
remember_store() { SNAPSHOT=$(store_snapshot); }
expect_store_unchanged() {
    if [ "$(store_snapshot)" = "$SNAPSHOT" ]; then ok; else fail "expected the store to be unchanged"; fi
}

# open_ticket TITLE [ARGS...]: opens a ticket and prints its id.
open_ticket() { "$HD_BIN" open "$@" -q; }

# hd_file FILE ARGS...: runs hd with FILE on stdin.
hd_file() {
    local file=$1
    shift
    "$HD_BIN" "$@" <"$file" >"$OUT" 2>"$ERR"
    RC=$?
    return 0
}

expect_rc_not() { if [ "$RC" -ne "$1" ]; then ok; else fail "expected an exit code other than $1"; fi; }
expect_err_re() { if grep -qE -- "$1" "$ERR"; then ok; else fail "expected stderr to match: $1"; fi; }
expect_no_err() { if grep -qF -- "$1" "$ERR"; then fail "expected stderr not to contain: $1"; else ok; fi; }
expect_out_lines() {
    local n
    n=$(wc -l <"$OUT")
    if [ "$n" -eq "$1" ]; then ok; else fail "expected $1 lines on stdout, got $n"; fi
}

# expect_failure CODE TEXT: the command failed with exit CODE, printed nothing on stdout, and one
# 'hd: error: ' line on stderr containing TEXT; and the store is as remember_store left it.
expect_failure() {
    expect_rc "$1"
    expect_empty_out
    expect_error_line
    expect_err "$2"
    expect_store_unchanged
}

# expect_json_true PYTHON_EXPR: the expression, with d the JSON document on stdout, is true.
expect_json_true() {
    local got
    got=$("$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(bool(eval(sys.argv[2])))' "$OUT" "$1" 2>&1)
    if [ "$got" = True ]; then ok; else fail "expected JSON check to hold: $1 (got $got)"; fi
}

# A file's bytes, to prove hd left a file it refused alone.
file_sum() { if [ -e "$1" ]; then md5sum <"$1"; else echo absent; fi; }

# store_field ID FIELD: a ticket's field as hd show --json reports it (None when null).
store_field() {
    "$HD_BIN" show "$1" --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"
}

# hd_tty COLS ARGS...: runs hd on a pseudo-terminal COLS wide (through script(1)); sets OUT (the
# terminal's output, stdout and stderr together, without carriage returns) and RC.
# tty_available: whether script(1) can give us a terminal here.
tty_available() { command -v script >/dev/null && script -qec true /dev/null </dev/null >/dev/null 2>&1; }
hd_tty() {
    local cols=$1
    shift
    script -qec "stty cols $cols rows 50 2>/dev/null; exec $(printf '%q ' "$HD_BIN" "$@")" /dev/null \
        </dev/null 2>"$ERR" | tr -d '\r' >"$OUT"
    RC=${PIPESTATUS[0]}
    return 0
}

# display_widths: the display width of each line on stdout (wide characters count 2, combining
# marks 0), one number per line.
display_widths() {
    "$PYTHON" -c '
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in open(sys.argv[1], encoding="utf-8"):
    print(w(line.rstrip("\n")))' "$OUT"
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
