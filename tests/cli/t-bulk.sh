#!/usr/bin/env bash
# hd export and hd import: round trips (JSON Lines and CSV), renumbering, malformed input, batches.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

export HD_USER=alice
"$HD_BIN" agent add alice --tier 3 >/dev/null
open_ticket "Mail down" -d "Since 9:00, for everyone" -p P1 -c email -t mail -t outage --requester bob >/dev/null # 1
open_ticket "Mail slow" --requester carol --channel phone >/dev/null                                               # 2
open_ticket "Server crash" --type problem --impact high --urgency low -t 'ünïcode' >/dev/null                       # 3
open_ticket "Mail down again" --requester dave >/dev/null                                                          # 4
open_ticket "Printer jams" -c printer -d $'two\nlines, "quoted", and a tab\there' >/dev/null                        # 5
"$HD_BIN" comment 1 "Looking into it" >/dev/null
"$HD_BIN" comment 1 -i "Internal: the relay is down" >/dev/null
"$HD_BIN" comment 4 "Users on floor 2 too" >/dev/null
"$HD_BIN" escalate 3 -r "needs root-cause analysis" >/dev/null
"$HD_BIN" link 1 3 --caused-by >/dev/null
"$HD_BIN" link 2 1 >/dev/null
"$HD_BIN" merge 4 1 >/dev/null
"$HD_BIN" resolve 5 -n "Replaced the fuser" >/dev/null
"$HD_BIN" close 5 >/dev/null
# Fields no command above sets: a dedup key with occurrences and last_seen_at, cc, a team.
printf '%s\n' '{"title": "Disk full on web1", "dedup_key": "disk-web1", "occurrences": 4, "last_seen_at": "2026-11-23T09:00:00Z", "cc": ["erin", "frank"], "team": "ops", "created_at": "2026-11-20T08:00:00Z"}' |
    "$HD_BIN" import - >/dev/null # 6
"$HD_BIN" start 2 >/dev/null
"$HD_BIN" pend 2 -r "waiting for carol" >/dev/null

A=$TEST_DIR/a.jsonl
B=$TEST_DIR/b.jsonl

test_case "export writes one JSON object per ticket, closed ones included, by id"
hd export
expect_rc 0
expect_empty_err
expect_out_lines 6
cp "$OUT" "$A"
if "$PYTHON" - "$A" <<'EOF'; then ok; else fail "the lines are not the expected records"; fi
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [l["id"] for l in lines] == [1, 2, 3, 4, 5, 6], [l["id"] for l in lines]
for l in lines:
    assert list(l)[-3:] == ["comments", "events", "links"], list(l)
assert lines[4]["status"] == "closed"
assert [c["body"] for c in lines[0]["comments"]] == ["Looking into it", "Internal: the relay is down", "Users on floor 2 too"]
assert lines[0]["comments"][1]["internal"] is True
# Outgoing links only: 1 -> 3 (caused-by) on line 1; 2 -> 1 on line 2; 4 -> 1 (duplicate-of) on line 4.
assert [(k["kind"], k["ticket"]) for k in lines[0]["links"]] == [("caused-by", 3)]
assert [(k["kind"], k["ticket"]) for k in lines[1]["links"]] == [("relates", 1)]
assert [(k["kind"], k["ticket"]) for k in lines[3]["links"]] == [("duplicate-of", 1)]
assert any(e["merged_from"] == 4 for e in lines[0]["events"])
assert lines[2]["escalations"] == 1 and lines[2]["tier"] == 2
assert lines[5]["dedup_key"] == "disk-web1" and lines[5]["occurrences"] == 4 and lines[5]["cc"] == ["erin", "frank"]
EOF

test_case "the ticket fields of an exported line are those of hd show --json"
"$HD_BIN" show 3 --json >"$TEST_DIR/show3.json"
if "$PYTHON" - "$A" "$TEST_DIR/show3.json" <<'EOF'; then ok; else fail "the fields differ from hd show --json"; fi
import json, sys
line = json.loads(open(sys.argv[1], encoding="utf-8").readlines()[2])
shown = json.load(open(sys.argv[2], encoding="utf-8"))
for key in ("comments", "links", "articles", "tier_path", "sla", "rating"):
    shown.pop(key)
assert list(shown) == list(line)[:-3], (list(shown), list(line))
assert all(shown[k] == line[k] for k in shown)
EOF

test_case "export, then import --keep-ids into an empty store, round-trips exactly"
HD_DB=$TEST_DIR/new.db hd import "$A" --keep-ids
expect_rc 0
expect_empty_err
expect_out "Imported 6 tickets with 3 comments"
expect_out "and 3 links"
HD_DB=$TEST_DIR/new.db "$HD_BIN" export >"$B"
if cmp -s "$A" "$B"; then ok; else fail "the second export differs: $(diff "$A" "$B" | head -5)"; fi
for id in 1 2 3 4 5 6; do
    if [ "$("$HD_BIN" show "$id" --json --history)" = "$(HD_DB=$TEST_DIR/new.db "$HD_BIN" show "$id" --json --history)" ]; then ok; else fail "hd show $id differs after the round trip"; fi
done
HD_DB=$TEST_DIR/new.db hd log 1
expect_out "merged"
HD_DB=$TEST_DIR/new.db hd list --all -q
expect_out_lines 6

test_case "new tickets continue after the imported ids"
HD_DB=$TEST_DIR/new.db hd open "After the import" -q
expect_out_exactly 7

test_case "--keep-ids refuses an id in use, naming the line, and writes nothing"
remember_store
hd import "$A" --keep-ids
expect_failure 2 "LINE 1: ticket #1 is in the store already"

test_case "without --keep-ids, tickets are numbered after the store's, and links and merges follow"
hd import "$A"
expect_rc 0
expect_empty_err
hd list --all -q
expect_out_lines 12
hd show 7 --json
expect_json '["title"]' "Mail down"
expect_json_true '{"kind": "caused-by", "direction": "out", "ticket": 9} in [{k: l[k] for k in ("kind", "direction", "ticket")} for l in d["links"]]'
expect_json_true '{"kind": "duplicate-of", "direction": "in", "ticket": 10} in [{k: l[k] for k in ("kind", "direction", "ticket")} for l in d["links"]]'
hd log 7 --json
expect_json_true 'any(e["merged_from"] == 10 for e in d)'
expect_json_true 'any(e["kind"] == "merged" and e["from"] == "#10" for e in d)'

test_case "import -q prints the new ids; --json the counts and the ids of each line"
HD_DB=$TEST_DIR/q.db hd import "$A" -q
expect_rc 0
expect_out_exactly "$(printf '1\n2\n3\n4\n5\n6')"
HD_DB=$TEST_DIR/j.db hd import "$A" --json
expect_rc 0
expect_json '["imported"]' 6
expect_json '["links"]' 3
expect_json '["tickets"][5]' "{'line': 6, 'from': 6, 'id': 6}"

test_case "import reads standard input"
HD_DB=$TEST_DIR/stdin.db hd_file "$A" import - --keep-ids
expect_rc 0
expect_out "Imported 6 tickets"

test_case "export with a filter, -q, and terms after --"
hd export status:closed
expect_out_lines 2
expect_out '"title":"Printer jams"'
hd export status:closed -q
expect_out_exactly "$(printf '5\n11')"
hd export -q -- -mail
expect_out_exactly "$(printf '3\n5\n6\n9\n11\n12')"
hd export 'prio:<=P1' -q
expect_out_exactly "$(printf '1\n7')"

test_case "CSV: export the fields, import them, export the same CSV"
hd export --format csv 'id:<=6'
expect_rc 0
expect_out_lines 8 # a header, six rows, and the description of #5 on two lines
head -1 "$OUT" >"$TEST_DIR/header"
if grep -qx 'id,type,title,description,status,priority,impact,urgency,category,tier,assignee,requester,channel,tags,created_at,updated_at,resolved_at,closed_at,resolution_code,dedup_key,occurrences,last_seen_at,team,cc,escalations,fcr' "$TEST_DIR/header"; then ok; else fail "unexpected header: $(cat "$TEST_DIR/header")"; fi
cp "$OUT" "$TEST_DIR/a.csv"
HD_DB=$TEST_DIR/csv.db hd import "$TEST_DIR/a.csv" --keep-ids
expect_rc 0
expect_out "Imported 6 tickets with 0 comments, 6 events and 0 links"
HD_DB=$TEST_DIR/csv.db "$HD_BIN" export --format csv >"$TEST_DIR/b.csv"
if cmp -s "$TEST_DIR/a.csv" "$TEST_DIR/b.csv"; then ok; else fail "the CSV differs: $(diff "$TEST_DIR/a.csv" "$TEST_DIR/b.csv" | head -5)"; fi
HD_DB=$TEST_DIR/csv.db hd show 5 --json
expect_json '["description"]' $'two\nlines, "quoted", and a tab\there'
HD_DB=$TEST_DIR/csv.db hd log 5 --json
expect_json_true '[e["kind"] for e in d] == ["created"] and d[0]["note"] == "imported" and d[0]["actor"] == "alice"'

test_case "a CSV with a few columns takes defaults; --format csv reads standard input"
HD_DB=$TEST_DIR/few.db hd_in $'title,priority,tags\nNew laptop,P2,"hardware,onboarding"\n' import - --format csv -q
expect_rc 0
expect_out_exactly 1
HD_DB=$TEST_DIR/few.db hd show 1 --json
expect_json '["priority"]' P2
expect_json '["status"]' new
expect_json '["tags"]' "['hardware', 'onboarding']"
expect_json '["created_at"]' 2026-11-23T10:00:00Z

# A file of three good records with something wrong in the line given.
bad_jsonl() {
    local n=$1 bad=$2 i
    for i in 1 2 3 4; do
        if [ "$i" -eq "$n" ]; then printf '%s\n' "$bad"; else printf '{"title": "Record %d"}\n' "$i"; fi
    done
}

test_case "malformed JSON Lines: exit 2 naming the line, nothing written"
remember_store
bad_jsonl 3 '{"title": "broken",' >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 3: not valid JSON"
bad_jsonl 2 '{"title": "x", "colour": "red"}' >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 2: field 'colour': unknown field"
bad_jsonl 4 '{"title": "x", "status": "done"}' >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 4: field 'status': 'done' is not a status"
bad_jsonl 3 '{"title": "x", "priority": "P9"}' >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 3: field 'priority'"
bad_jsonl 2 '{"title": "x", "tags": ["a"], "tags": ["b"]}' >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 2: field 'tags': given twice"
bad_jsonl 3 "$(printf '{"title": "caf\xe9"}')" >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 3: not valid JSON"
expect_err "UTF-8"
# A NUL byte after a whole record: the parser reads up to it, the rest of the line must still count.
{ bad_jsonl 1 '{"title": "x"}' | head -1; printf '{"title": "y"}\0{"title": "z"}\n'; } >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 2: not valid JSON"
expect_err "NUL"
bad_jsonl 1 '{"id": 1, "title": "x", "links": [{"kind": "relates", "ticket": 99}]}' >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 1: field 'links[0].ticket': #99 is not in the file"
bad_jsonl 2 '{"title": "x", "comments": [{"at": "2026-01-01T00:00:00Z", "author": "a", "body": ""}]}' >"$TEST_DIR/bad.jsonl"
hd import "$TEST_DIR/bad.jsonl"
expect_failure 2 "LINE 2: field 'comments[0].body'"

test_case "malformed CSV: exit 2 naming the line, nothing written"
printf 'title,priority\nfine,P1\n"never closed,P2\nmore,P3\n' >"$TEST_DIR/bad.csv"
hd import "$TEST_DIR/bad.csv"
expect_failure 2 "LINE 3: a quoted field starts here and never ends"
printf 'title,priority\nfine,P1\nthree,P2,extra\n' >"$TEST_DIR/bad.csv"
hd import "$TEST_DIR/bad.csv"
expect_failure 2 "LINE 3: 3 fields, but the header has 2"
printf 'title,colour\nx,red\n' >"$TEST_DIR/bad.csv"
hd import "$TEST_DIR/bad.csv"
expect_failure 2 "LINE 1: unknown column 'colour'"
printf 'title,priority\nfine,P1\nbad,P7\n' >"$TEST_DIR/bad.csv"
hd import "$TEST_DIR/bad.csv"
expect_failure 2 "LINE 3: field 'priority'"

test_case "bad options and files"
remember_store
hd import "$TEST_DIR/nonexistent.jsonl"
expect_failure 2 "cannot read"
hd import "$A" --batch 2
expect_failure 2 "--batch needs --keep-ids"
hd import "$A" --skip 2
expect_failure 2 "--skip needs --keep-ids"
hd import "$A" --format xml
expect_failure 2 "--format"
hd export --format xml
expect_failure 2 "--format"
hd export 'prio:P9'
expect_failure 2 "P9"

test_case "--batch: a failure says how far the import went; --skip goes on from there"
export HD_DB=$TEST_DIR/batch.db
{
    printf '{"id": 1, "title": "one", "links": [{"kind": "relates", "ticket": 5}]}\n'
    printf '{"id": 2, "title": "two"}\n'
    printf '\n'
    printf '{"id": 3, "title": "three"}\n'
    printf '{"id": 4, "title": "four", "status": "gone"}\n'
    printf '{"id": 5, "title": "five"}\n'
} >"$TEST_DIR/batch.jsonl"
hd import "$TEST_DIR/batch.jsonl" --keep-ids --batch 2
expect_rc 2
expect_empty_out
expect_error_line
expect_err "LINE 5: field 'status'"
expect_err "records 1–2 were imported; resume with --skip 2"
hd list -q
expect_out_exactly "$(printf '1\n2')"
sed -i 's/"status": "gone"/"status": "open"/' "$TEST_DIR/batch.jsonl"
hd import "$TEST_DIR/batch.jsonl" --keep-ids --batch 2 --skip 2
expect_rc 0
expect_out "Imported 3 tickets"
expect_out "1 link, after skipping 2 records"
hd list -q
expect_out_exactly "$(printf '1\n2\n3\n4\n5')"
hd show 5 --json
expect_json_true '[(l["direction"], l["ticket"]) for l in d["links"]] == [("in", 1)]'

test_case "--batch and --skip with CSV"
export HD_DB=$TEST_DIR/batch-csv.db
printf 'id,title,status\n1,one,new\n2,two,new\n3,three,gone\n4,four,new\n' >"$TEST_DIR/batch.csv"
hd import "$TEST_DIR/batch.csv" --keep-ids --batch 2
expect_rc 2
expect_err "LINE 4: field 'status'"
expect_err "records 1–2 were imported; resume with --skip 2"
sed -i 's/gone/open/' "$TEST_DIR/batch.csv"
hd import "$TEST_DIR/batch.csv" --keep-ids --batch 2 --skip 2
expect_rc 0
expect_out "Imported 2 tickets with 0 comments, 2 events and 0 links, after skipping 2 records"
hd list -q
expect_out_exactly "$(printf '1\n2\n3\n4')"

test_case "--batch without a failure imports everything"
export HD_DB=$TEST_DIR/batch2.db
hd import "$A" --keep-ids --batch 4
expect_rc 0
expect_out "Imported 6 tickets"
"$HD_BIN" export >"$B"
if cmp -s "$A" "$B"; then ok; else fail "the export after a batched import differs"; fi
export HD_DB=$TEST_DIR/hd.db

test_case "an import that creates the store: written once, then published in WAL mode and sound"
# The first command stages the store without a WAL (see stage_new_store); 1,500 tickets also take
# the bulk path, which drops the indexes and builds them again.
for i in $(seq 1 1500); do printf '{"title": "Bulk %d", "tags": ["t%d"]}\n' "$i" $((i % 7)); done >"$TEST_DIR/bulk.jsonl"
export HD_DB=$TEST_DIR/fresh/hd.db
hd import "$TEST_DIR/bulk.jsonl" -q
expect_rc 0
if [ "$(sqlite3 "$HD_DB" 'PRAGMA journal_mode')" = wal ]; then ok; else fail "the new store is not in WAL mode"; fi
if [ "$(sqlite3 "$HD_DB" 'SELECT count(*) FROM tickets')" = 1500 ]; then ok; else fail "the new store lacks tickets"; fi
if ls "$TEST_DIR"/fresh/hd.db.new-* >/dev/null 2>&1; then fail "a staging file was left"; else ok; fi
hd check
expect_rc 0
hd list tag:t3 -q
expect_out_lines 214
printf '{"title": "Bulk"}\n{"title": "Bad", "status": "gone"}\n' >"$TEST_DIR/bad-first.jsonl"
HD_DB=$TEST_DIR/fresh2/hd.db hd import "$TEST_DIR/bad-first.jsonl"
expect_rc 2
if [ -e "$TEST_DIR/fresh2" ]; then fail "a failed first import left $(ls "$TEST_DIR/fresh2")"; else ok; fi
export HD_DB=$TEST_DIR/hd.db

test_case "an empty file imports nothing; an empty store exports nothing"
HD_DB=$TEST_DIR/empty.db hd import /dev/null
expect_rc 0
expect_out "Imported 0 tickets"
HD_DB=$TEST_DIR/none.db hd export
expect_rc 0
expect_empty_out
if [ -e "$TEST_DIR/none.db" ]; then fail "export created a store"; else ok; fi

finish
