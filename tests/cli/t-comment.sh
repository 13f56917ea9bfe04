#!/usr/bin/env bash
# hd comment: text, - from stdin, --internal, -q and --json, and the empty or bad comment.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

HD_NOW=2026-11-20T10:00:00Z open_ticket "Printer jams" >/dev/null # 1

test_case "comment adds a comment and says so"
hd comment 1 "Asked the user to restart the dock"
expect_rc 0
expect_empty_err
expect_out "#1"
hd show 1
expect_out "Asked the user to restart the dock"
expect_out "tester"

test_case "comment is stored with its author, time and body"
hd show 1 --json
expect_json_true 'len(d["comments"]) == 1'
expect_json '["comments"][0]["body"]' "Asked the user to restart the dock"
expect_json '["comments"][0]["author"]' tester
expect_json '["comments"][0]["at"]' 2026-11-23T10:00:00Z
expect_json '["comments"][0]["internal"]' False

test_case "comment moves the ticket's updated_at and is in the log"
expect_json '["updated_at"]' 2026-11-23T10:00:00Z
hd log 1
expect_out "comment"

test_case "comment - reads the text from stdin, lines and all"
hd_in "$(printf 'journal line 1\njournal line 2')" comment 1 -
expect_rc 0
expect_empty_err
hd show 1 --json
expect_json '["comments"][1]["body"]' "journal line 1
journal line 2"

test_case "comment --internal marks an internal note"
hd comment 1 --internal "The fuser is worn"
expect_rc 0
expect_out "internal"
hd show 1 --json
expect_json '["comments"][2]["internal"]' True
hd show 1
expect_out_re 'internal'
expect_out "The fuser is worn"

test_case "comment -i - reads an internal note from stdin"
hd_in "piped note" comment 1 - -i
expect_rc 0
hd show 1 --json
expect_json '["comments"][3]["internal"]' True
expect_json '["comments"][3]["body"]' "piped note"

test_case "comment takes #ID and records --as as the author"
hd --as alice comment '#1' "Alice was here"
expect_rc 0
hd show 1 --json
expect_json '["comments"][4]["author"]' alice

test_case "comment -q prints nothing; --json prints the comment"
hd -q comment 1 "quiet one"
expect_rc 0
expect_empty_out
hd --json comment 1 "json one"
expect_rc 0
expect_json '["body"]' "json one"
expect_json '["author"]' tester
expect_json '["internal"]' False

test_case "an empty comment is refused with exit 2"
remember_store
hd comment 1 ""
expect_failure 2 "empty"
hd comment 1 "   "
expect_failure 2 "empty"
hd_in "" comment 1 -
expect_failure 2 "empty"

test_case "comment without text and without a terminal is exit 2 (no editor)"
remember_store
hd comment 1 </dev/null
expect_failure 2 "comment"

test_case "comment with invalid UTF-8 is refused"
remember_store
hd comment 1 "$(printf 'bad \xff byte')"
expect_failure 2 "UTF-8"
hd_in "$(printf 'bad \xfe byte')" comment 1 -
expect_failure 2 "UTF-8"

test_case "comment on a ticket that does not exist is exit 3"
remember_store
hd comment 99 "hello"
expect_failure 3 "#99"

test_case "comment with an unknown option is exit 2"
remember_store
hd comment 1 "text" --bogus
expect_failure 2 "--bogus"

finish
