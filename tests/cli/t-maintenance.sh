#!/usr/bin/env bash
# hd check (a sound store, and each kind of problem it finds), hd backup (a consistent copy while
# others write, and its refusals) and hd restore (a round trip, an older or foreign file, --force).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

test_case "check, backup and restore need a store"
hd check
expect_rc 3
expect_error_line
hd backup "$TEST_DIR/b.db"
expect_rc 3
[ ! -e "$TEST_DIR/b.db" ] && ok || fail "a backup of nothing was written"

open_ticket "Printer jams" >/dev/null # 1
open_ticket "VPN drops" >/dev/null    # 2
"$HD_BIN" resolve 1 --note "cleared" >/dev/null
"$HD_BIN" link 1 2 >/dev/null

test_case "check: a sound store"
hd check
expect_rc 0
expect_out "is sound"
hd check --json
expect_json '["ok"]' True
expect_json '["problems"]' "[]"
hd check -q
expect_empty_out

test_case "backup: a copy that is an hd store of its own"
hd backup "$TEST_DIR/b.db"
expect_rc 0
expect_out "Backed up"
HD_DB="$TEST_DIR/b.db" "$HD_BIN" list --all -q >"$OUT"
expect_out_exactly "$(printf '1\n2')"
HD_DB="$TEST_DIR/b.db" "$HD_BIN" check -q
[ $? -eq 0 ] && ok || fail "the backup does not check out"
[ ! -e "$TEST_DIR/b.db-wal" ] && ok || fail "the backup left a WAL file beside it"
hd backup "$TEST_DIR/b.db" --json --force
expect_json '["backup"]' "$TEST_DIR/b.db"

test_case "backup: refusals"
remember_store
hd backup "$TEST_DIR/b.db"
expect_failure 2 "exists already"
hd backup "$TEST_DIR"
expect_failure 2 "is a directory"
hd backup "$TEST_DIR/missing/b.db"
expect_failure 2 "no directory"
hd backup "$HD_DB" --force
expect_failure 2 "the store itself"
hd backup
expect_rc 2

test_case "backup while 20 writers file tickets: a consistent snapshot"
for i in $(seq 1 20); do "$HD_BIN" open "Storm $i" -q >/dev/null & done
hd backup "$TEST_DIR/storm.db"
expect_rc 0
wait
HD_DB="$TEST_DIR/storm.db" "$HD_BIN" check -q
[ $? -eq 0 ] && ok || fail "the backup taken during writes does not check out"
n=$(HD_DB="$TEST_DIR/storm.db" "$HD_BIN" list --all -q | wc -l)
[ "$n" -ge 2 ] && [ "$n" -le 22 ] && ok || fail "the backup holds $n tickets"
hd list --all -q
[ "$(wc -l <"$OUT")" -eq 22 ] && ok || fail "a writer was lost during the backup"

test_case "restore: refuses a store with tickets without --force, then puts the backup back"
remember_store
hd restore "$TEST_DIR/b.db"
expect_failure 2 "--force"
expect_store_unchanged
hd restore "$TEST_DIR/b.db" --force
expect_rc 0
expect_out "Restored"
hd list --all -q
expect_out_exactly "$(printf '1\n2')"
hd check -q
expect_rc 0
hd open "After the restore" -q
expect_out_exactly "3"

test_case "restore: what is not a sound hd store is refused, and nothing changes"
remember_store
printf 'not a database' >"$TEST_DIR/junk.db"
hd restore "$TEST_DIR/junk.db" --force
expect_failure 2 "junk.db"
sqlite3 "$TEST_DIR/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
hd restore "$TEST_DIR/other.db" --force
expect_failure 2 "not an hd store"
cp "$TEST_DIR/b.db" "$TEST_DIR/newer.db"
sqlite3 "$TEST_DIR/newer.db" "PRAGMA user_version = 999"
hd restore "$TEST_DIR/newer.db" --force
expect_failure 2 "newer hd"
hd restore "$TEST_DIR/absent.db" --force
expect_failure 2 "no backup file"
expect_store_unchanged

test_case "check: each problem is named, exit 5"
cp "$HD_DB" "$TEST_DIR/broken.db"
export HD_DB="$TEST_DIR/broken.db"
sqlite3 "$HD_DB" "UPDATE tickets SET tier = 7 WHERE id = 2;
                  UPDATE tickets SET status = 'open' WHERE id = 1;
                  PRAGMA foreign_keys = OFF; INSERT INTO comments (ticket_id, at, author, body) VALUES (99, 0, 'x', 'y');"
hd check
expect_rc 5
expect_out "ticket #2 is at tier L7"
expect_out "ticket #1 is open but its last status event says resolved"
expect_out "foreign key: row"
expect_err "3 problems"
hd check --json
expect_rc 5
expect_json '["ok"]' False
expect_json_true 'len(d["problems"]) == 3'

finish
