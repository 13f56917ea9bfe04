#!/usr/bin/env bash
# A store this user may only read: read commands work, every write exits 5 with one clear line, and
# the store's bytes (and its -wal and -shm) are unchanged, so that its owner's next write succeeds.
# Three ways to be read-only: a file of another user, a directory this user may not write (where
# SQLite keeps the -wal and -shm files), and a file chmod 0444 of this user. Also a store in a missing
# directory that cannot be created. (A store locked past lock_timeout is in t-store.sh.)
#
# As root, chmod stops nothing, so hd runs as nobody (setpriv or runuser); as another user, the cases
# of a file owned by someone else are skipped and the others run as that user.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -eq 0 ]; then
    uid=$(id -u nobody 2>/dev/null) || uid=65534
    gid=$(id -g nobody 2>/dev/null) || gid=65534
    if command -v setpriv >/dev/null; then
        AS_USER=(setpriv --reuid="$uid" --regid="$gid" --clear-groups)
    elif command -v runuser >/dev/null; then
        AS_USER=(runuser -u nobody --)
    else
        echo "SKIP: running as root, and neither setpriv nor runuser (util-linux) can switch to an unprivileged user"
        exit 0
    fi
    # Somewhere that user can reach: the binary (the build directory may be under /root) and the stores.
    RO_DIR=$(mktemp -d /tmp/hd-readonly.XXXXXX)
    trap 'rm -rf "$TEST_DIR" "$RO_DIR"' EXIT
    chmod 755 "$RO_DIR"
    give() { chown -R "$uid:$gid" "$@"; }
else
    AS_USER=()
    RO_DIR="$TEST_DIR/ro"
    mkdir -p "$RO_DIR"
    give() { :; }
fi
mkdir -p "$RO_DIR/bin"
cp "$HD_BIN" "$RO_DIR/bin/hd"
chmod 755 "$RO_DIR/bin" "$RO_DIR/bin/hd"
RO_HD="$RO_DIR/bin/hd"
if ! "${AS_USER[@]}" "$RO_HD" --version >/dev/null 2>&1; then
    echo "FAIL: the unprivileged user cannot run $RO_HD (a file system mounted noexec?)"
    exit 1
fi

# hd_as ARGS...: hd as the unprivileged user, with a config directory it may read; sets OUT, ERR, RC.
hd_as() {
    "${AS_USER[@]}" env HOME="$RO_DIR" XDG_CONFIG_HOME="$RO_DIR/config" XDG_DATA_HOME="$RO_DIR/data" \
        "$RO_HD" "$@" >"$OUT" 2>"$ERR" </dev/null
    RC=$?
    return 0
}

# make_store DIR: a store with two tickets, a comment and a knowledge-base article, its WAL folded
# into the file and no -wal or -shm beside it (the sqlite3 shell checkpoints and removes them on close).
make_store() {
    mkdir -p "$1"
    local db="$1/hd.db"
    "$HD_BIN" --db "$db" open "Printer on fire" -q >/dev/null
    "$HD_BIN" --db "$db" open "VPN drops" -q >/dev/null
    "$HD_BIN" --db "$db" comment 1 "Called the vendor" >/dev/null
    printf '# Reset the VPN\nRestart the client.\n' | "$HD_BIN" --db "$db" kb add "VPN reset" -f - -t vpn -q >/dev/null
    sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    if [ -e "$db-wal" ] || [ -e "$db-shm" ]; then echo "note: the sqlite3 shell left $(ls "$1")"; fi
}

# The bytes of the store and of every file beside it, and their names: what a refused write must not change.
dir_state() { (cd "$1" && ls -A && find . -type f -exec sha256sum {} + | sort); }

# expect_reads DB: the read commands succeed on DB as the unprivileged user.
expect_reads() {
    local db=$1
    hd_as --db "$db" list -q
    expect_rc 0
    expect_out_exactly "$(printf '1\n2')"
    expect_empty_err
    hd_as --db "$db" show 1 --json
    expect_rc 0
    expect_json '["title"]' "Printer on fire"
    expect_json_true 'len(d["comments"]) == 1'
    hd_as --db "$db" log 1
    expect_rc 0
    hd_as --db "$db" export
    expect_rc 0
    expect_out_lines 2
    hd_as --db "$db" kb search vpn -q
    expect_rc 0
    expect_out_lines 1
    hd_as --db "$db" check
    expect_rc 0
    expect_out "is sound"
    expect_empty_err
}

printf '{"title":"Imported"}\n' >"$RO_DIR/import.jsonl"
printf '# Title\nText.\n' >"$RO_DIR/article.md"
chmod 644 "$RO_DIR/import.jsonl" "$RO_DIR/article.md"

# expect_writes_refused DB TEXT: every write exits 5 with one error line containing TEXT and the
# store's path, and nothing in the store's directory changes. When the user may not write that
# directory, a backup into it fails too, saying why.
expect_writes_refused() {
    local db=$1 text=$2 dir before args
    dir=$(dirname "$db")
    before=$(dir_state "$dir")
    for args in "open Blocked" "open Blocked -q --dedup k" "comment 1 hello" "edit 1 -p P1" "take 2" \
        "resolve 1 --note done" "assign 2 bob" "import $RO_DIR/import.jsonl" "init" "kb add Title -f $RO_DIR/article.md" \
        "sla sweep" "agent add bob --tier L1" "restore --force $RO_DIR/backup.db"; do
        # shellcheck disable=SC2086 # each entry is a command line
        hd_as --db "$db" $args
        CURRENT="$CURRENT_CASE: hd $args"
        expect_rc 5
        expect_error_line
        expect_err "$text"
        expect_err "$db"
        expect_empty_out
    done
    if ! "${AS_USER[@]}" test -w "$dir"; then
        CURRENT="$CURRENT_CASE: hd backup into the store's directory"
        hd_as --db "$db" backup "$dir/copy.db"
        expect_rc 5
        expect_error_line
        expect_err "cannot create the backup $dir/copy.db: Permission denied"
    fi
    CURRENT=$CURRENT_CASE
    if [ "$(dir_state "$dir")" = "$before" ]; then ok; else
        fail "the store's directory changed: $(diff <(echo "$before") <(dir_state "$dir") | head -5)"
    fi
}

"$HD_BIN" --db "$TEST_DIR/source.db" open "Backup source" -q >/dev/null
"$HD_BIN" --db "$TEST_DIR/source.db" backup "$RO_DIR/backup.db" -q
chmod 644 "$RO_DIR/backup.db"

if [ ${#AS_USER[@]} -gt 0 ]; then
    CURRENT_CASE="a store of another user, mode 0644, in a directory this user may not write"
    test_case "$CURRENT_CASE"
    make_store "$RO_DIR/a"
    chmod 644 "$RO_DIR/a/hd.db"
    expect_reads "$RO_DIR/a/hd.db"
    expect_writes_refused "$RO_DIR/a/hd.db" "is read-only"
    test_case "$CURRENT_CASE: it stays good"
    hd --db "$RO_DIR/a/hd.db" check -q
    expect_rc 0
    hd --db "$RO_DIR/a/hd.db" open "The owner still writes" -q
    expect_rc 0
    expect_out_exactly 3

    CURRENT_CASE="a store of another user, read while its owner writes: the latest commits are seen"
    test_case "$CURRENT_CASE"
    make_store "$RO_DIR/a2"
    db="$RO_DIR/a2/hd.db"
    chmod 644 "$db"
    # Another connection keeps the store open, so its -wal (mode 0644, as the store's) holds what the
    # owner writes now, and this user reads it through the -shm that is there, which it may not write.
    rm -f "$TEST_DIR/opened"
    "$PYTHON" -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM tickets").fetchall()
open(sys.argv[2], "w").close()
time.sleep(30)' "$db" "$TEST_DIR/opened" &
    holder=$!
    tries=0
    while [ ! -e "$TEST_DIR/opened" ] && [ $tries -lt 200 ]; do sleep 0.05; tries=$((tries + 1)); done
    "$HD_BIN" --db "$db" open "Only in the WAL" -q >/dev/null
    if [ -s "$db-wal" ]; then ok; else fail "expected the owner's write to be in $db-wal"; fi
    hd_as --db "$db" list -q
    expect_rc 0
    expect_out_exactly "$(printf '1\n2\n3')"
    hd_as --db "$db" check -q
    expect_rc 0
    expect_writes_refused "$db" "is read-only"

    CURRENT_CASE="a store whose -wal and -shm this user may not read: exit 5, saying which file and what to do"
    test_case "$CURRENT_CASE"
    chmod 600 "$db-wal" "$db-shm"
    before=$(dir_state "$RO_DIR/a2")
    for args in "list" "show 1" "check" "open X"; do
        # shellcheck disable=SC2086
        hd_as --db "$db" $args
        expect_rc 5
        expect_error_line
        expect_err "may not read $db-"
        expect_err "chmod --reference=$db"
    done
    if [ "$(dir_state "$RO_DIR/a2")" = "$before" ]; then ok; else fail "the store's directory changed"; fi
    kill "$holder" 2>/dev/null
    wait "$holder" 2>/dev/null
    hd --db "$db" check -q
    expect_rc 0
else
    echo "note: not root: the cases of a store owned by another user did not run"
fi

CURRENT_CASE="a store this user owns and may write, in a directory it may not write (no -wal or -shm can be made)"
test_case "$CURRENT_CASE"
make_store "$RO_DIR/b"
chmod 600 "$RO_DIR/b/hd.db"
give "$RO_DIR/b"
chmod 555 "$RO_DIR/b"
expect_reads "$RO_DIR/b/hd.db"
expect_writes_refused "$RO_DIR/b/hd.db" "may not write to its directory $RO_DIR/b"
test_case "$CURRENT_CASE: once the directory is writable, it is written"
chmod 755 "$RO_DIR/b"
hd_as --db "$RO_DIR/b/hd.db" open "Writable again" -q
expect_rc 0
expect_out_exactly 3
hd_as --db "$RO_DIR/b/hd.db" check -q
expect_rc 0

CURRENT_CASE="a store this user owns, chmod 0444, in a directory it may write"
test_case "$CURRENT_CASE"
make_store "$RO_DIR/c"
give "$RO_DIR/c"
chmod 444 "$RO_DIR/c/hd.db"
expect_reads "$RO_DIR/c/hd.db"
expect_writes_refused "$RO_DIR/c/hd.db" "is read-only"
# A reader that left an -shm with the store's read-only mode would make every later write fail.
test_case "$CURRENT_CASE: chmod 0600 again, and the owner writes"
"${AS_USER[@]}" chmod 600 "$RO_DIR/c/hd.db"
hd_as --db "$RO_DIR/c/hd.db" open "Writable again" -q
expect_rc 0
expect_empty_err
expect_out_exactly 3
hd_as --db "$RO_DIR/c/hd.db" comment 3 "And again"
expect_rc 0
hd_as --db "$RO_DIR/c/hd.db" check -q
expect_rc 0

CURRENT_CASE="a store in a missing directory that this user may not create"
test_case "$CURRENT_CASE"
mkdir -p "$RO_DIR/d"
give "$RO_DIR/d"
chmod 555 "$RO_DIR/d"
hd_as --db "$RO_DIR/d/new/hd.db" list -q
expect_rc 0
expect_empty_out
hd_as --db "$RO_DIR/d/new/hd.db" open "Nowhere to go" -q
expect_rc 5
expect_error_line
expect_err "cannot create the store's directory $RO_DIR/d/new"
expect_empty_out
hd_as --db "$RO_DIR/d/hd.db" open "Nowhere to go" -q
expect_rc 5
expect_error_line
expect_err "cannot create the store $RO_DIR/d/hd.db"
if [ -z "$(ls -A "$RO_DIR/d")" ]; then ok; else fail "hd left $(ls -A "$RO_DIR/d")"; fi

finish
