#!/usr/bin/env bash
# hd assign (ID... AGENT, --none) and hd take (assign to me and open).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

for t in "Printer jams" "VPN drops" "Mail slow" "Pending one" "Resolved one" "Closed one"; do
    open_ticket "$t" >/dev/null # 1..6
done
"$HD_BIN" pend 4 --reason "waiting for the user" >/dev/null
"$HD_BIN" resolve 5 --note "Done" >/dev/null
"$HD_BIN" resolve 6 --note "Done" >/dev/null
"$HD_BIN" close 6 >/dev/null

test_case "assign sets the assignee and leaves the status alone"
hd assign 1 alice
expect_rc 0
expect_empty_err
expect_out "#1"
expect_out "alice"
hd show 1 --json
expect_json '["assignee"]' alice
expect_json '["status"]' new

test_case "assign to another agent reassigns, and the log says from whom to whom"
hd assign 1 bob
expect_rc 0
hd show 1 --json
expect_json '["assignee"]' bob
hd log 1
expect_out "alice"
expect_out "bob"

test_case "assign takes several ids, then the agent"
hd assign 2 '#3' carol
expect_rc 0
hd list -q assignee:carol
expect_out_exactly "$(printf '2\n3')"

test_case "assign --none unassigns"
hd assign 1 --none
expect_rc 0
expect_empty_err
hd show 1 --json
expect_json '["assignee"]' None
hd list -q assignee:none
expect_out "1"

test_case "assign -q prints nothing"
hd -q assign 1 dave
expect_rc 0
expect_empty_out

test_case "take assigns the ticket to me and opens it"
hd take 1
expect_rc 0
expect_empty_err
expect_out "#1"
hd show 1 --json
expect_json '["assignee"]' tester
expect_json '["status"]' open
hd log 1
expect_out "new → open"

test_case "take of a pending ticket opens it"
hd take 4
expect_rc 0
hd show 4 --json
expect_json '["status"]' open
expect_json '["assignee"]' tester

test_case "take uses --as for me, and takes several ids"
hd --as alice take 2 3
expect_rc 0
hd list -q assignee:alice status:open
expect_out_exactly "$(printf '2\n3')"

test_case "take -q prints nothing"
hd -q take 1
expect_rc 0
expect_empty_out

test_case "assign without an agent is exit 2"
remember_store
hd assign 1
expect_failure 2 "agent"

test_case "assign with both an agent and --none is exit 2"
remember_store
hd assign 1 alice --none
expect_failure 2 "alice"

test_case "assign to an empty or control-character agent is exit 2"
remember_store
hd assign 1 ""
expect_failure 2 "agent"
hd assign 1 "$(printf 'eve\033[2J')"
expect_failure 2 "control character"

test_case "assign of a ticket that does not exist is exit 3 and assigns none"
remember_store
hd assign 1 99 zoe
expect_failure 3 "#99"

test_case "assign of a closed ticket is refused with exit 4"
remember_store
hd assign 6 zoe
expect_failure 4 "closed"
hd assign 1 6 zoe
expect_failure 4 "#6"

test_case "take of a resolved ticket is refused with exit 4"
remember_store
hd take 5
expect_failure 4 "resolved"

test_case "take of a closed ticket is refused with exit 4"
remember_store
hd take 6
expect_failure 4 "closed"

test_case "take of a missing ticket is exit 3 and takes none"
remember_store
hd --as zoe take 2 99
expect_failure 3 "#99"

finish
