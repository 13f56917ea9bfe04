#!/usr/bin/env bash
# Routing, queues, hd next (also concurrent), assign --auto, escalation and de-escalation, fcr.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/config.toml" <<'TOML'
[[route]]
name = "network"
category = "network"
tier = 2
team = "netops"

[[route]]
name = "outage"
title_words = ["outage", "down"]
tier = "L3"
agent = "carol"
TOML
export HD_CONFIG="$TEST_DIR/config.toml"

export HD_USER=alice
"$HD_BIN" agent add alice --tier 1 >/dev/null
"$HD_BIN" agent add dan --tier 1 >/dev/null
"$HD_BIN" agent add bob --tier 2 >/dev/null
"$HD_BIN" agent add carol --tier 3 >/dev/null

test_case "route test: a category rule matches and names its tier and team"
hd route test --category network --title "VPN slow"
expect_rc 0
expect_out "matched  network"
expect_out "L2 Support, team netops"

test_case "route test: the first matching rule wins, words in the title"
hd route test --title "Site down now"
expect_rc 0
expect_out "skipped  network"
expect_out "matched  outage"
expect_out "L3 Experts, agent carol"

test_case "route test: no match goes to tier 1"
hd route test --title "Hello"
expect_rc 0
expect_out "No rule matched"
expect_out "L1 Helpdesk"

test_case "open applies the routing rules"
hd open "VPN flaky" -c network -q
expect_rc 0
expect_out_exactly 1
hd show 1 --json
expect_json '["tier"]' 2
expect_json '["team"]' netops
hd open "Mail outage" -q
expect_out_exactly 2
hd show 2 --json
expect_json '["tier"]' 3
expect_json '["assignee"]' carol

test_case "open --tier overrides the routing rules"
hd open "VPN slow" -c network --tier 1 -q
expect_out_exactly 3
hd show 3 --json
expect_json '["tier"]' 1

test_case "route explain shows the matching rule of a ticket"
hd route explain 1
expect_rc 0
expect_out "matched  network"
remember_store
hd route explain 99
expect_failure 3 "no ticket #99"

test_case "queue: the tier's unassigned tickets, by priority then age"
open_ticket "Low one" -p P4 >/dev/null  # 4
open_ticket "High one" -p P1 >/dev/null # 5
hd queue -q
expect_rc 0
expect_out_exactly "$(printf '5\n3\n4')"
hd queue L2 -q
expect_out_exactly 1
hd --as bob queue -q
expect_out_exactly 1

test_case "next takes the top of my tier's queue"
hd next -q
expect_rc 0
expect_out_exactly 5
hd show 5 --json
expect_json '["assignee"]' alice
expect_json '["status"]' open

test_case "next on an empty queue exits 3"
"$HD_BIN" assign 3 4 dan >/dev/null
remember_store
hd next
expect_failure 3 "no ticket is waiting"

test_case "two agents running next at once get different tickets"
open_ticket "Queue A" >/dev/null # 6
open_ticket "Queue B" >/dev/null # 7
"$HD_BIN" --as alice next -q >"$TEST_DIR/n1" 2>/dev/null &
p1=$!
"$HD_BIN" --as dan next -q >"$TEST_DIR/n2" 2>/dev/null &
p2=$!
wait "$p1"
r1=$?
wait "$p2"
r2=$?
if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ]; then ok; else fail "expected both to succeed, got $r1 and $r2"; fi
got=$(sort -n "$TEST_DIR/n1" "$TEST_DIR/n2" | tr '\n' ' ')
if [ "$got" = "6 7 " ]; then ok; else fail "expected tickets 6 and 7, got '$got'"; fi

test_case "ten concurrent next with five tickets: five succeed with distinct ids, five exit 3"
for i in 1 2 3 4 5; do open_ticket "Burst $i" >/dev/null; done # 8..12
pids=()
for i in 0 1 2 3 4 5 6 7 8 9; do
    (
        "$HD_BIN" --as alice next -q >"$TEST_DIR/b$i.out" 2>"$TEST_DIR/b$i.err"
        echo $? >"$TEST_DIR/b$i.rc"
    ) &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
succeeded=$(grep -lx 0 "$TEST_DIR"/b?.rc | wc -l)
empty=$(grep -lx 3 "$TEST_DIR"/b?.rc | wc -l)
if [ "$succeeded" -eq 5 ] && [ "$empty" -eq 5 ]; then ok; else fail "expected 5 successes and 5 exit 3, got $succeeded and $empty"; fi
got=$(cat "$TEST_DIR"/b?.out | sort -n | tr '\n' ' ')
if [ "$got" = "8 9 10 11 12 " ]; then ok; else fail "expected tickets 8..12 once each, got '$got'"; fi

test_case "assign --auto picks the least-loaded agent of the ticket's tier"
hd open "Auto one" --tier 2 -q
id=$(cat "$OUT")
hd assign "$id" --auto
expect_rc 0
hd show "$id" --json
expect_json '["assignee"]' bob

test_case "escalate moves one tier up, unassigns and keeps the reason"
hd take 3
hd escalate 3 --reason "needs an AD change"
expect_rc 0
expect_empty_err
expect_out "L2 Support"
hd show 3 --json
expect_json '["tier"]' 2
expect_json '["assignee"]' None
expect_json '["escalations"]' 1
expect_json '["tier_path"][0]["from"]' 1
expect_json '["tier_path"][0]["to"]' 2
expect_json '["tier_path"][0]["actor"]' alice
expect_json '["tier_path"][0]["reason"]' "needs an AD change"
hd show 3
expect_out 'L1 → L2 (2026-11-23 10:00, alice: "needs an AD change")'

test_case "escalate --assign to an agent below the new tier is refused"
remember_store
hd escalate 3 --to L3 --reason x --assign bob
expect_failure 4 "cannot hold #3"

test_case "escalate --to L3 --assign an L3 agent"
hd escalate 3 --to L3 --reason "data loss" --assign carol
expect_rc 0
hd show 3 --json
expect_json '["tier"]' 3
expect_json '["assignee"]' carol
expect_json '["escalations"]' 2

test_case "escalate past the top tier is refused"
remember_store
hd escalate 3 --reason "more"
expect_failure 4 "the top tier"

test_case "deescalate moves back down"
hd deescalate 3 --to 1 --reason "Known fix: KB 12"
expect_rc 0
hd show 3 --json
expect_json '["tier"]' 1
expect_json '["tier_path"][2]["to"]' 1
expect_json '["tier_path"][2]["reason"]' "Known fix: KB 12"

test_case "deescalate below tier 1 is refused"
remember_store
hd deescalate 3 --reason "lower"
expect_failure 4 "the first tier"

test_case "fcr: resolved at L1 without escalation is true, after an escalation false"
hd resolve 4 --note "Done"
expect_rc 0
hd show 4 --json
expect_json '["fcr"]' True
expect_json '["escalations"]' 0
hd resolve 3 --note "Applied KB 12"
expect_rc 0
hd show 3 --json
expect_json '["fcr"]' False

test_case "a route naming an unknown agent still files the ticket, unassigned, and logs why"
cat >"$TEST_DIR/ghost.toml" <<'TOML'
[[route]]
name = "to a departed agent"
title_words = "ghostly"
tier = 1
agent = "ghost"
TOML
HD_CONFIG="$TEST_DIR/ghost.toml" hd open "A ghostly printer" -q
expect_rc 0
ghost_id=$(cat "$OUT")
hd show "$ghost_id" --json
expect_json '["assignee"]' None
hd log "$ghost_id"
expect_out "not assigned by the route"

finish
