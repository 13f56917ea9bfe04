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
hd() {
    "$HD_BIN" "$@" >"$OUT" 2>"$ERR"
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
    echo "  stdout: $(head -c 600 "$OUT")"
    echo "  stderr: $(head -c 600 "$ERR")"
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

# jq-free JSON checks through python3, which every Debian has.
json_get() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval("d"+sys.argv[2]))' "$OUT" "$1"; }
expect_json() {
    local got
    got=$(json_get "$1" 2>&1)
    if [ "$got" = "$2" ]; then ok; else fail "expected JSON $1 to be '$2', got '$got'"; fi
}

# The store's full content, to prove a failed command wrote nothing.
store_snapshot() {
    if [ -f "$HD_DB" ]; then sqlite3 "$HD_DB" .dump | md5sum; else echo absent; fi
}
remember_store() { SNAPSHOT=$(store_snapshot); }
expect_store_unchanged() {
    if [ "$(store_snapshot)" = "$SNAPSHOT" ]; then ok; else fail "expected the store to be unchanged"; fi
}

# open_ticket TITLE [ARGS...]: opens a ticket and prints its id.
open_ticket() { "$HD_BIN" open "$@" -q; }

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
