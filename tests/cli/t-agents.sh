#!/usr/bin/env bash
# hd agent add/list/set/rm, and who may do what once agents exist.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

open_ticket "Printer jams" >/dev/null # 1
open_ticket "VPN drops" >/dev/null    # 2

test_case "with no agents, anyone may do everything"
hd assign 1 someone
expect_rc 0
hd assign 1 --none
expect_rc 0

test_case "agent add: the first agent may be added by anyone"
hd agent add alice --tier 1 --email alice@example.com --team desk
expect_rc 0
expect_empty_err
expect_out "alice"
expect_out "L1"

export HD_USER=alice

test_case "agent add accepts L2 and a tier's name"
hd agent add bob --tier L2
expect_rc 0
hd agent add carol --tier Experts
expect_rc 0
hd agent add dan --tier 1
expect_rc 0

test_case "agent list shows name, tier, team and email"
hd agent list
expect_rc 0
expect_out "alice"
expect_out "alice@example.com"
expect_out "desk"
expect_out "bob"
expect_out "carol"
hd agent list --json
expect_rc 0
expect_json_true '[a["tier"] for a in d if a["name"] == "bob"] == [2]'
expect_json_true '[a["team"] for a in d if a["name"] == "alice"] == ["desk"]'

test_case "agent add of an existing name is refused"
remember_store
hd agent add alice --tier 2
expect_failure 2 "already an agent 'alice'"

test_case "agent add at a tier that does not exist is refused"
remember_store
hd agent add erin --tier 7
expect_failure 2 "'7' is not valid"

test_case "a non-agent may not add agents once agents exist"
remember_store
hd --as tester agent add zed --tier 1
expect_failure 4 "tester is not an agent"

test_case "a non-agent may not assign, resolve or escalate"
remember_store
hd --as tester assign 1 alice
expect_failure 4 "not an agent"
hd --as tester resolve 1 --note x
expect_failure 4 "not an agent"
hd --as tester escalate 1 --reason x
expect_failure 4 "not an agent"

test_case "a non-agent may still open and comment"
hd --as tester open "Mouse broken" -q
expect_rc 0
expect_out_exactly 3
hd --as tester comment 3 "It clicks twice"
expect_rc 0

test_case "agent set changes the tier"
hd agent set dan --tier L2
expect_rc 0
hd agent list --json
expect_json_true '[a["tier"] for a in d if a["name"] == "dan"] == [2]'
hd agent set dan --tier 1
expect_rc 0

test_case "unknown agent: set, rm, assign"
remember_store
hd agent set ghost --tier 1
expect_failure 3 "no agent 'ghost'"
hd agent rm ghost
expect_failure 3 "no agent 'ghost'"
hd assign 1 ghost
expect_failure 3 "no agent 'ghost'"

test_case "assign of a ticket above the agent's tier is refused"
hd escalate 2 --reason "needs an AD change"
expect_rc 0
remember_store
hd assign 2 alice
expect_failure 4 "cannot hold #2"
hd take 2
expect_failure 4 "cannot hold #2"

test_case "an agent of a higher tier may hold a lower-tier ticket"
hd assign 1 bob
expect_rc 0
hd show 1 --json
expect_json '["assignee"]' bob
hd --as bob take 2
expect_rc 0
hd show 2 --json
expect_json '["assignee"]' bob

test_case "resolving needs an agent of the ticket's tier or higher"
remember_store
hd resolve 2 --note "Done"
expect_failure 4 "cannot resolve #2"
hd --as bob resolve 2 --note "Done"
expect_rc 0
hd show 2 --json
expect_json '["status"]' resolved

test_case "agent rm is refused while the agent holds unresolved tickets"
hd assign 1 dan
hd assign 3 dan
expect_rc 0
remember_store
hd agent rm dan
expect_failure 4 "cannot remove agent 'dan'"

test_case "agent rm --reassign to an unknown agent is refused"
remember_store
hd agent rm dan --reassign ghost
expect_failure 3 "no agent 'ghost'"

test_case "agent rm --reassign hands the tickets over"
hd agent rm dan --reassign alice
expect_rc 0
expect_empty_err
hd show 1 --json
expect_json '["assignee"]' alice
hd show 3 --json
expect_json '["assignee"]' alice
hd agent list --json
expect_json_true '"dan" not in [a["name"] for a in d]'

test_case "agent rm of an agent holding nothing"
hd agent rm carol
expect_rc 0
hd agent list --json
expect_json_true '"carol" not in [a["name"] for a in d]'

test_case "tier list shows the tiers with their agents and counts"
hd tier list
expect_rc 0
expect_out "Helpdesk"
expect_out "Support"
expect_out "Experts"
hd tier list --json
expect_rc 0
expect_json '[0]["agents"]' "['alice']"
expect_json '[1]["agents"]' "['bob']"
expect_json '[0]["open"]' 2

finish
