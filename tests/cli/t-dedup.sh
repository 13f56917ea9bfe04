#!/usr/bin/env bash
# hd open --dedup KEY: idempotent filing for cron and monitoring, and its race.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

export HD_USER=cron
CONFIG="$XDG_CONFIG_HOME/hd/config.toml"
mkdir -p "$(dirname "$CONFIG")"

test_case "the first report opens a ticket with the key"
hd open "Disk almost full on web1" --dedup disk-web1 -d "/srv is 91% full" --json
expect_rc 0
expect_json '["id"]' 1
expect_json '["deduplicated"]' False
expect_json '["dedup_key"]' disk-web1
expect_json '["occurrences"]' 1

test_case "the same key again: no new ticket, one more occurrence, the same id"
HD_NOW=2026-11-23T10:05:00Z hd open "Disk almost full on web1" --dedup disk-web1 -d "/srv is 91% full" -q
expect_rc 0
expect_out_exactly 1
HD_NOW=2026-11-23T10:10:00Z hd open "Disk almost full on web1" --dedup disk-web1 -d "/srv is 93% full" --json
expect_json '["id"]' 1
expect_json '["deduplicated"]' True
expect_json '["occurrences"]' 3
expect_json '["last_seen_at"]' 2026-11-23T10:10:00Z
hd open "Disk almost full on web1" --dedup disk-web1 -d "/srv is 93% full"
expect_rc 0
expect_out "#1"
expect_out "4"
hd list -q
expect_out_exactly 1
hd log 1 --json
expect_json_true 'sum(1 for e in d if e["kind"] == "occurred") == 3'
hd show 1 --json
# A comment only when what was reported changed: 91% (the description) → 93%.
expect_json_true '[c["body"] for c in d["comments"]] == ["/srv is 93% full"]'

test_case "another key is another ticket"
hd open "Disk almost full on web2" --dedup disk-web2 -q
expect_out_exactly 2

test_case "a resolved ticket is reopened when it comes back (dedup_on_resolved = reopen, the default)"
"$HD_BIN" resolve 1 --note "Rotated the logs" >/dev/null
hd open "Disk almost full on web1" --dedup disk-web1 --json
expect_json '["id"]' 1
expect_json '["status"]' open
expect_json '["deduplicated"]' True
expect_json '["occurrences"]' 5
hd log 1 --json
expect_json_true 'any(e["kind"] == "status" and e["to"] == "open" for e in d)'

test_case "a closed ticket is followed by a new one linked to it (dedup_on_closed = new, the default)"
"$HD_BIN" resolve 1 --note "Bigger disk" >/dev/null
"$HD_BIN" close 1 >/dev/null
hd open "Disk almost full on web1" --dedup disk-web1 --json
expect_json '["id"]' 3
expect_json '["deduplicated"]' False
expect_json '["occurrences"]' 1
hd show 3 --json
expect_json_true '[(l["kind"], l["ticket"]) for l in d["links"]] == [("relates", 1)]'
hd open "Disk almost full on web1" --dedup disk-web1 -q
expect_out_exactly 3

test_case "dedup_on_resolved = append and new; dedup_on_closed = reopen"
printf 'dedup_on_resolved = "append"\n' >"$CONFIG"
"$HD_BIN" resolve 2 --note "Cleaned" >/dev/null
hd open "Disk almost full on web2" --dedup disk-web2 --json
expect_json '["id"]' 2
expect_json '["status"]' resolved
expect_json '["occurrences"]' 2
printf 'dedup_on_resolved = "new"\n' >"$CONFIG"
hd open "Disk almost full on web2" --dedup disk-web2 --json
expect_json '["id"]' 4
"$HD_BIN" resolve 4 --note "Cleaned" >/dev/null
"$HD_BIN" close 4 >/dev/null
printf 'dedup_on_closed = "reopen"\n' >"$CONFIG"
hd open "Disk almost full on web2" --dedup disk-web2 --json
expect_json '["id"]' 4
expect_json '["status"]' open
rm "$CONFIG"

test_case "bad keys and bad config values write nothing"
remember_store
hd open "x" --dedup ""
expect_failure 2 "dedup key"
hd open "x" --dedup "$(printf 'a\tb')"
expect_failure 2 "dedup key"
printf 'dedup_on_resolved = "ignore"\n' >"$CONFIG"
hd open "x" --dedup k
expect_failure 2 "dedup_on_resolved"
rm "$CONFIG"

test_case "100 processes with the same key at the same moment: one ticket, 100 occurrences"
RACE="$TEST_DIR/race"
mkdir -p "$RACE"
for db in "$RACE/existing.db" "$RACE/new/hd.db"; do
    [ "$db" = "$RACE/existing.db" ] && HD_DB=$db "$HD_BIN" init >/dev/null 2>&1
    pids=()
    for i in $(seq 1 100); do
        HD_DB=$db "$HD_BIN" open "Backup failed on db1" --dedup backup-db1 -d "run $((i % 3))" -q \
            >"$RACE/out.$i" 2>"$RACE/err.$i" </dev/null &
        pids+=($!)
    done
    fails=0
    for pid in "${pids[@]}"; do wait "$pid" || fails=$((fails + 1)); done
    if [ "$fails" -eq 0 ]; then ok; else fail "$fails of 100 failed ($db): $(cat "$RACE"/err.* | sort | uniq -c | head -3)"; fi
    if [ "$(cat "$RACE"/out.* | sort -u)" = 1 ]; then ok; else fail "ids printed ($db): $(cat "$RACE"/out.* | sort | uniq -c)"; fi
    HD_DB=$db hd list --json
    expect_json_true 'len(d) == 1 and d[0]["occurrences"] == 100'
    rm -f "$RACE"/out.* "$RACE"/err.*
done

finish
