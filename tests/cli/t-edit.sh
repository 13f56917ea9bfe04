#!/usr/bin/env bash
# hd edit: every option, tags added and removed, several ids (all or nothing), closed tickets
# refused, no option without a terminal, and bad values.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

HD_NOW=2026-11-20T10:00:00Z open_ticket "Printer jams" -p P3 -c printer -t hw -t floor3 --requester bob -d "Jams" >/dev/null # 1
open_ticket "VPN drops" >/dev/null        # 2
open_ticket "Closed one" >/dev/null       # 3
"$HD_BIN" resolve 3 --note "Done" >/dev/null
"$HD_BIN" close 3 >/dev/null

test_case "edit changes the title, priority, category, type, requester and channel"
hd edit 1 --title "Printer on floor 3 jams" -p P1 -c hardware --type problem --requester carol --channel phone
expect_rc 0
expect_empty_err
expect_out "#1"
hd show 1 --json
expect_json '["title"]' "Printer on floor 3 jams"
expect_json '["priority"]' P1
expect_json '["category"]' hardware
expect_json '["type"]' problem
expect_json '["requester"]' carol
expect_json '["channel"]' phone

test_case "edit moves updated_at to now and keeps created_at"
expect_json '["created_at"]' 2026-11-20T10:00:00Z
expect_json '["updated_at"]' 2026-11-23T10:00:00Z

test_case "each change is an event in the log, old → new"
hd log 1
expect_out "Printer jams → Printer on floor 3 jams"
expect_out "P3 → P1"
expect_out "printer → hardware"
expect_out "incident → problem"
expect_out "bob → carol"

test_case "edit -d sets the description, -d - reads it from stdin"
hd edit 1 -d "New details"
expect_rc 0
hd show 1 --json
expect_json '["description"]' "New details"
hd_in "Piped details" edit 1 -d -
expect_rc 0
hd show 1 --json
expect_json '["description"]' "Piped details"

test_case "edit with an empty value clears the description, category and requester"
hd edit 1 -d "" -c "" --requester ""
expect_rc 0
hd show 1 --json
expect_json '["description"]' None
expect_json '["category"]' None
expect_json '["requester"]' None

test_case "--impact and --urgency recompute the priority"
hd edit 2 --impact low --urgency low
expect_rc 0
hd show 2 --json
expect_json '["priority"]' P4
expect_json '["impact"]' low

test_case "--tag +x adds a tag, --tag -x and --tag=-x remove one"
hd edit 1 --tag +urgent
expect_rc 0
hd show 1 --json
expect_json '["tags"]' "['floor3', 'hw', 'urgent']"
hd edit 1 --tag -hw
expect_rc 0
hd show 1 --json
expect_json '["tags"]' "['floor3', 'urgent']"
hd edit 1 --tag=-floor3 --tag +vip
expect_rc 0
hd show 1 --json
expect_json '["tags"]' "['urgent', 'vip']"
hd log 1
expect_out "untagged hw"

test_case "edit -q prints nothing"
hd -q edit 1 --tag +quiet
expect_rc 0
expect_empty_out
expect_empty_err

test_case "edit takes several ids and changes them all"
hd edit 1 '#2' --tag +both -p P2
expect_rc 0
expect_empty_err
hd list -q tag:both
expect_out_exactly "$(printf '1\n2')"
hd list -q prio:P2
expect_out_exactly "$(printf '1\n2')"

test_case "edit of a closed ticket is refused with exit 4"
remember_store
hd edit 3 -p P1
expect_failure 4 "closed"

test_case "edit of several ids where one is closed changes none"
remember_store
hd edit 2 3 -p P4
expect_failure 4 "#3"
hd show 2 --json
expect_json '["priority"]' P2

test_case "edit of a ticket that does not exist is exit 3 and changes none of the others"
remember_store
hd edit 2 99 -p P4
expect_failure 3 "#99"

test_case "edit with no option and stdin not a terminal is exit 2 (no editor)"
remember_store
hd edit 1 </dev/null
expect_failure 2 "nothing to change"
echo "text" >"$TEST_DIR/notty"
hd_file "$TEST_DIR/notty" edit 1
expect_failure 2 "nothing to change"

test_case "edit with bad values is exit 2 and writes nothing"
remember_store
hd edit 1 -p P9
expect_failure 2 "P9"
hd edit 1 --title ""
expect_failure 2 "title"
hd edit 1 --title "$(printf 'red \033[31malert')"
expect_failure 2 "control character"
hd edit 1 --title "$(printf 'bad \xff byte')"
expect_failure 2 "UTF-8"
hd edit 1 --type bogus
expect_failure 2 "bogus"
hd edit 1 -c nosuchcat
expect_failure 2 "nosuchcat"
hd edit 1 --channel fax
expect_failure 2 "fax"
hd edit 1 --tag "+two words"
expect_failure 2 "two words"
hd edit 1 --bogus
expect_failure 2 "--bogus"

finish
