#!/usr/bin/env bash
# hd show (text, --history, --json) and hd log (the audit trail).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

FIELDS='["id","type","title","description","status","priority","category","tier","assignee","requester","channel","tags","created_at","updated_at","resolved_at","closed_at","dedup_key","occurrences"]'
RFC3339='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$'

HD_NOW=2026-11-20T08:30:00Z open_ticket "Printer on floor 3 jams" -p P2 -c printer -t hw --requester bob \
    -d "Paper jams on every page" >/dev/null                        # 1
open_ticket "Bare ticket" >/dev/null                                 # 2
HD_NOW=2026-11-21T09:00:00Z "$HD_BIN" take 1 >/dev/null
HD_NOW=2026-11-21T09:05:00Z "$HD_BIN" comment 1 "Asked bob to send a photo" >/dev/null
HD_NOW=2026-11-21T09:06:00Z "$HD_BIN" comment 1 --internal "Fuser is worn" >/dev/null
HD_NOW=2026-11-22T09:00:00Z "$HD_BIN" resolve 1 --note "Replaced the fuser" >/dev/null
"$HD_BIN" close 1 >/dev/null

test_case "show prints the ticket's fields, description and comments"
hd show 1
expect_rc 0
expect_empty_err
expect_out "#1"
expect_out "Printer on floor 3 jams"
expect_out "closed"
expect_out "P2"
expect_out "printer"
expect_out "bob"
expect_out "hw"
expect_out "Paper jams on every page"
expect_out "Asked bob to send a photo"
expect_out "Fuser is worn"
expect_out "internal"
expect_out "2026-11-20 08:30"

test_case "show accepts #ID"
hd show '#2'
expect_rc 0
expect_out "Bare ticket"

test_case "show without --history leaves the audit trail out; --history adds it"
hd show 1
expect_no_out "History"
hd show 1 --history
expect_rc 0
expect_out "History"
expect_out "new → open"
expect_out "resolved → closed"
expect_out "Replaced the fuser"

test_case "show --json has every field of the brief, null where unset"
hd show 2 --json
expect_rc 0
expect_empty_err
expect_json_true "isinstance(d, dict) and all(k in d for k in $FIELDS)"
for k in description category assignee requester channel resolved_at closed_at dedup_key; do
    expect_json "[\"$k\"]" None
done
expect_json '["tags"]' '[]'
expect_json '["id"]' 2
expect_json '["occurrences"]' 1

test_case "show --json of a worked ticket has its values"
hd show '#1' --json
expect_rc 0
expect_json_true "all(k in d for k in $FIELDS)"
expect_json '["status"]' closed
expect_json '["assignee"]' tester
expect_json '["requester"]' bob
expect_json '["tags"]' "['hw']"
expect_json '["description"]' "Paper jams on every page"
expect_json '["created_at"]' 2026-11-20T08:30:00Z
expect_json '["resolved_at"]' 2026-11-22T09:00:00Z
expect_json '["closed_at"]' 2026-11-23T10:00:00Z
expect_json '["updated_at"]' 2026-11-23T10:00:00Z
expect_json_true 'len(d["comments"]) == 2 and d["comments"][1]["internal"] is True and d["comments"][0]["internal"] is False'
expect_json '["comments"][0]["body"]' "Asked bob to send a photo"

test_case "times in JSON are RFC 3339 in UTC, ending in Z"
for k in created_at updated_at resolved_at closed_at; do
    v=$(json_get "[\"$k\"]")
    if [[ $v =~ $RFC3339 ]]; then ok; else fail "$k is '$v', not RFC 3339 UTC"; fi
done

test_case "a time given with an offset is stored and printed in UTC"
HD_NOW=2026-11-23T12:00:00+02:00 hd open "Opened in Hanoi" --json
expect_rc 0
expect_json '["created_at"]' 2026-11-23T10:00:00Z

test_case "show of a ticket that does not exist is exit 3"
remember_store
hd show 99
expect_failure 3 "#99"
hd --json show 99
expect_failure 3 "#99"

test_case "show of a word that is not an id is exit 2"
hd show abc
expect_failure 2 "abc"
hd show 0
expect_failure 2 "0"

test_case "log prints the audit trail: who, when, what, old → new"
hd log 1
expect_rc 0
expect_empty_err
expect_out "created"
expect_out "tester"
expect_out "2026-11-20 08:30"
expect_out "new → open"
expect_out "open → resolved"
expect_out "resolved → closed"
expect_out "assigned"
hd log '#1'
expect_rc 0
expect_out "created"

test_case "log records the actor of each change"
hd --as alice comment 2 "Looking at it"
hd --as bob edit 2 -p P1
hd log 2
expect_out "alice"
expect_out "bob"
expect_out "P3 → P1"

test_case "log --json is an array of events in order"
hd log 1 --json
expect_rc 0
expect_json_true 'isinstance(d, list) and len(d) >= 5'
expect_json '[0]["kind"]' created
expect_json '[0]["actor"]' tester
expect_json '[0]["at"]' 2026-11-20T08:30:00Z
expect_json_true 'all(k in e for e in d for k in ["at","actor","kind"])'
expect_json_true '[e["at"] for e in d] == sorted(e["at"] for e in d)'
expect_json_true 'any(e.get("from") == "resolved" and e.get("to") == "closed" for e in d)'

test_case "show --history --json includes the history"
hd show 1 --history --json
expect_rc 0
expect_json_true 'len(d["history"]) >= 5 and d["history"][0]["kind"] == "created"'

test_case "log of a ticket that does not exist is exit 3"
remember_store
hd log 42
expect_failure 3 "#42"

# Colour: only on a terminal or with --color always; NO_COLOR honoured; never in JSON; and never a
# way for user text to smuggle its own sequences through.
ESC=$'\033'
id=$(open_ticket "Coloured" -d "plain ${ESC}[31mred${ESC}[0m plain")
unset NO_COLOR

test_case "in a pipe there is no colour unless --color always"
hd show "$id"
if grep -q "$ESC" "$OUT"; then fail "colour in a pipe"; else ok; fi
hd --color always show "$id"
expect_rc 0
if grep -q "$ESC\[" "$OUT"; then ok; else fail "--color always printed no colour"; fi

test_case "with --color always the user's own escape sequences stay escaped"
if grep -q "${ESC}\[31mred" "$OUT"; then fail "the description's ESC[31m reached the output raw"; else ok; fi
expect_out "red"

test_case "--json is never coloured"
hd --color always show "$id" --json
expect_rc 0
if grep -q "$ESC" "$OUT"; then fail "ESC in JSON output"; else ok; fi

test_case "on a terminal there is colour, but not with NO_COLOR or --color never"
if tty_available; then
    hd_tty 100 show "$id"
    expect_rc 0
    if grep -q "$ESC\[" "$OUT"; then ok; else fail "no colour on a terminal"; fi
    if grep -q "${ESC}\[31mred" "$OUT"; then fail "the description's ESC[31m reached the terminal raw"; else ok; fi
    NO_COLOR=1 hd_tty 100 show "$id"
    if grep -q "$ESC" "$OUT"; then fail "colour on a terminal although NO_COLOR is set"; else ok; fi
    hd_tty 100 --color never show "$id"
    if grep -q "$ESC" "$OUT"; then fail "colour on a terminal although --color never"; else ok; fi
else
    echo "note: no pseudo-terminal here (script(1)); the terminal colour checks did not run"
fi
export NO_COLOR=1

test_case "show and log write nothing"
remember_store
hd show 1 --history
hd log 1
expect_store_unchanged

finish
