#!/usr/bin/env bash
# hd rate: a resolved ticket's satisfaction score, its outputs, replacing it, the audit trail, bad input.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

open_ticket "Printer jams" >/dev/null                  # 1
open_ticket "VPN slow" >/dev/null                      # 2
"$HD_BIN" resolve 1 --note "Cleared the paper path" >/dev/null

test_case "rate a resolved ticket"
hd rate 1 4 --comment "Fixed in minutes"
expect_rc 0
expect_out_exactly "Rated #1 4/5"
expect_empty_err

test_case "--json prints the rating"
HD_NOW=2026-11-23T11:00:00Z hd --as dora rate '#1' 5 --json
expect_rc 0
expect_json '["ticket"]' 1
expect_json '["score"]' 5
expect_json '["comment"]' None
expect_json '["rated_by"]' dora
expect_json '["rated_at"]' 2026-11-23T11:00:00Z

test_case "rating again replaces the rating; each rating is in the audit trail"
HD_NOW=2026-11-23T11:00:00Z hd report csat --json
expect_json '["ratings"]' 1
expect_json '["rating_average"]' 5.0
hd log 1
expect_rc 0
expect_out "rated 4/5 (Fixed in minutes)"
expect_out "rated 5/5"
hd log 1 --json
expect_json '[-1]["kind"]' rated
expect_json '[-1]["from"]' 4
expect_json '[-1]["to"]' 5

test_case "hd show carries the rating; an unrated ticket's is null"
hd show 1 --json
expect_json '["rating"]["score"]' 5
expect_json '["rating"]["rated_by"]' dora
hd show 1
expect_out_re '^  Rating: +5/5 by dora$'
hd show 2 --json
expect_json '["rating"]' None
hd show 2
expect_no_out "Rating:"

test_case "-q prints nothing"
hd rate 1 3 -q
expect_rc 0
expect_empty_out
expect_empty_err

test_case "a comment may come from standard input; a closed ticket may be rated"
"$HD_BIN" close 1 >/dev/null
hd_in $'Slow to start,\nbut solved\n' rate 1 2 --comment -
expect_rc 0
hd report csat --json
expect_json '["comments"][0]["comment"]' $'Slow to start,\nbut solved'
expect_json '["comments"][0]["score"]' 2

test_case "someone who is not an agent may rate (the requester)"
"$HD_BIN" agent add alice --tier 1 >/dev/null
hd --as dora rate 1 5
expect_rc 0
expect_out "Rated #1 5/5"

remember_store

test_case "a score outside 1 to 5 is a usage error and writes nothing"
for score in 0 6 -1 4.5 abc "" 45; do
    hd rate 1 "$score"
    expect_failure 2 "score: '$score' is not valid"
done

test_case "no such ticket, and bad ids"
hd rate 99 4
expect_failure 3 "no ticket #99"
hd rate abc 4
expect_failure 2 "abc"

test_case "a ticket that is not resolved or closed is refused"
hd rate 2 4
expect_failure 4 "cannot rate #2: it is new"
"$HD_BIN" --as alice start 2 >/dev/null
remember_store
hd rate 2 4
expect_failure 4 "cannot rate #2: it is open"

test_case "missing arguments and unknown options are usage errors"
hd rate 1
expect_failure 2 "score is required"
hd rate 1 4 --stars 4
expect_failure 2 "--stars"

test_case "a comment that is not UTF-8 is refused"
hd rate 1 4 --comment $'bad \xff byte'
expect_failure 2 "not valid UTF-8"

test_case "rating a ticket in a store that does not exist creates nothing"
HD_DB="$TEST_DIR/none.db" hd rate 1 4
expect_rc 3
if [ -e "$TEST_DIR/none.db" ]; then fail "a store was created"; else ok; fi

test_case "completion offers ticket ids, then the scores"
hd __complete rate 1 ""
expect_out "5"
expect_out_lines 5

finish
