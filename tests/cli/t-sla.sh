#!/usr/bin/env bash
# Service levels: due times on a business calendar, states at chosen instants (HD_NOW), pauses in
# pending, re-targeting on a priority change, the first response, OLAs, the list filters, hd show's
# sla object, the sweep (each action, idempotence, --dry-run), and bad configs.
# 2026-11-23 is a Monday; Europe/Warsaw is UTC+1 in November, so office hours 09:00-17:00 are
# 08:00-16:00 UTC.
# shellcheck disable=SC2016
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

CONFIG=$XDG_CONFIG_HOME/hd/config.toml
mkdir -p "$XDG_CONFIG_HOME/hd/hooks"
cat >"$CONFIG" <<'EOF'
[calendar.office]
hours = "Mon-Fri 09:00-17:00"
holidays = ["2026-11-25"]
timezone = "Europe/Warsaw"

[sla]
calendar = "office"
at_risk = "25%"
on_breach = []

[sla.P2]
respond = "1h"
resolve = "8h"
on_breach = ["escalate", "hook"]

[sla.P3]
respond = "4h"
resolve = "16h"

[sla.request.P3]
resolve = "40h"

[sla.P4]
resolve = "1h"
calendar = "24x7"
on_breach = "priority"

[ola.L1]
pickup = "30m"
EOF

at() { HD_NOW=$1; export HD_NOW; }

test_case "due times run in office hours, in the calendar's zone"
at 2026-11-23T15:00:00Z # Monday 16:00 in Warsaw: one working hour left today
hd open "VPN down" -p P2 --json
expect_rc 0
hd show 1 --json
expect_json '["sla"]["policy"]' "P2"
expect_json '["sla"]["calendar"]' "office"
expect_json '["sla"]["respond_due"]' "2026-11-23T16:00:00Z"
# 8 working hours: 1 on Monday, 7 on Tuesday (09:00-16:00 Warsaw = 15:00 UTC).
expect_json '["sla"]["resolve_due"]' "2026-11-24T15:00:00Z"
expect_json '["sla"]["responded_at"]' "None"
expect_json '["sla"]["state"]' "ok"

test_case "states at chosen instants: ok, at-risk, breached"
at 2026-11-23T15:10:00Z
hd sla --json
expect_json '[0]["sla"]["state"]' "ok"
at 2026-11-23T15:50:00Z # 10 of 60 minutes left: under 25 %
hd sla --json
expect_json '[0]["sla"]["state"]' "at-risk"
expect_json '[0]["sla"]["respond"]["business_left_seconds"]' "600"
at 2026-11-24T08:30:00Z # Tuesday 09:30 Warsaw: respond was due Monday 17:00
hd sla --json
expect_json '[0]["sla"]["state"]' "breached"
expect_json '[0]["sla"]["respond"]["state"]' "breached"
# Overdue by 30 working minutes, 16h30m on the wall.
expect_json '[0]["sla"]["respond"]["business_left_seconds"]' "-1800"
expect_json '[0]["sla"]["respond"]["wall_left_seconds"]' "-59400"
hd sla
expect_out_re '^ *1  P2   breached'

test_case "hd list breached / at-risk, and sla:"
at 2026-11-23T15:00:00Z
hd open "Printer jams" -p P3 -q >/dev/null # 2: respond 4h → Tuesday 11:00 Warsaw
at 2026-11-24T08:30:00Z
hd list breached -q
expect_out_exactly "1"
hd list sla:at-risk -q
expect_out_exactly ""
at 2026-11-24T09:30:00Z # 3h of 4h used (1h Mon + 2h Tue... 09:00-10:30 = 1h30m): not yet
hd list at-risk -q
expect_out_exactly ""
at 2026-11-24T10:00:00Z # Tuesday 11:00 Warsaw: 3h used, 1h left = 25 %
hd list at-risk -q
expect_out_exactly "2"
hd list sla:!breached -q
expect_out_exactly "2"
hd list sla:late
expect_rc 2
expect_error_line
expect_err "SLA state"

test_case "holidays and weekends are skipped"
at 2026-11-24T15:30:00Z # Tuesday 16:30 Warsaw; Wednesday is a holiday
hd open "Laptop slow" -p P3 -q >/dev/null # 3: respond 4h = 30m Tue + 3h30m Thu
hd show 3 --json
expect_json '["sla"]["respond_due"]' "2026-11-26T11:30:00Z"

test_case "type and category sections: most specific wins, field by field"
at 2026-11-23T08:00:00Z
hd open "New monitor" --type request -p P3 -q >/dev/null # 4
hd show 4 --json
expect_json '["sla"]["policy"]' "request.P3"
expect_json '["sla"]["respond"]["target_seconds"]' "14400" # respond from [sla.P3]
expect_json '["sla"]["resolve"]["target_seconds"]' "144000" # 40 working hours

test_case "the first response stops the respond clock: a comment by an agent"
at 2026-11-23T08:00:00Z
hd open "Mail bounces" -p P3 --requester carol -q >/dev/null # 5
at 2026-11-23T08:20:00Z
hd --as carol comment 5 "Still bouncing"
hd show 5 --json
expect_json '["sla"]["responded_at"]' "None" # the requester is not an agent
at 2026-11-23T09:00:00Z
hd --as alice comment 5 "Looking at it"
hd show 5 --json
expect_json '["sla"]["responded_at"]' "2026-11-23T09:00:00Z"
expect_json '["sla"]["respond"]["state"]' "met"

test_case "pending pauses the clocks; leaving pending starts them again"
at 2026-11-23T08:00:00Z
hd open "Needs user input" -p P3 -q >/dev/null # 6: resolve in 16 working hours: Tuesday 16:00 UTC
hd show 6 --json
expect_json '["sla"]["resolve_due"]' "2026-11-24T16:00:00Z"
at 2026-11-23T10:00:00Z
hd --as alice pend 6 --reason "waiting for the user"
expect_rc 0
hd show 6 --json
expect_json '["sla"]["state"]' "paused"
expect_json '["sla"]["resolve_due"]' "None"
expect_json '["sla"]["resolve"]["business_left_seconds"]' "50400" # 14h of 16h left
at 2026-11-24T08:00:00Z # a whole working day later
hd --as alice start 6
hd show 6 --json
expect_json '["sla"]["state"]' "ok"
# 14h left from Tuesday 09:00 Warsaw: 8h Tuesday, (Wednesday is a holiday), 6h Thursday.
expect_json '["sla"]["resolve_due"]' "2026-11-26T14:00:00Z"

test_case "a priority change re-targets the clock; time worked counts"
at 2026-11-23T08:00:00Z
hd open "Disk errors" -p P3 -q >/dev/null # 7
at 2026-11-23T10:00:00Z
hd --as alice edit 7 -p P2
hd show 7 --json
expect_json '["sla"]["policy"]' "P2"
# P2 resolves in 8 working hours from creation: Monday 16:00 UTC.
expect_json '["sla"]["resolve_due"]' "2026-11-23T16:00:00Z"

test_case "resolving stops the clocks: met or missed"
at 2026-11-23T12:00:00Z
hd --as alice resolve 7 --note "replaced the disk"
hd show 7 --json
expect_json '["sla"]["resolve"]["state"]' "met"
# Nobody answered before the resolution (an edit is no response), 3h after P2's 1h.
expect_json '["sla"]["respond"]["state"]' "missed"
expect_json '["sla"]["responded_at"]' "2026-11-23T12:00:00Z"
expect_json '["sla"]["state"]' "missed"

test_case "OLA pickup: how long a ticket waits unassigned in its tier"
at 2026-11-23T08:00:00Z
hd open "Who takes this" -p P3 -q >/dev/null # 8
hd show 8 --json
expect_json '["sla"]["ola"]["pickup"]["due"]' "2026-11-23T08:30:00Z"
at 2026-11-23T08:10:00Z
hd --as alice assign 8 alice
hd show 8 --json
expect_json '["sla"]["ola"]["picked_up_at"]' "2026-11-23T08:10:00Z"
expect_json '["sla"]["ola"]["pickup"]["state"]' "met"

# The sweep, on a store of its own so that the numbers are easy to read.
export HD_DB=$TEST_DIR/sweep.db
make_hook() { printf '#!/bin/sh\n%s\n' "$2" >"$XDG_CONFIG_HOME/hd/hooks/$1" && chmod 700 "$XDG_CONFIG_HOME/hd/hooks/$1"; }
make_hook on-breach 'cat > "$HD_SWEEP_OUT/breach-$HD_TICKET.json"'
export HD_SWEEP_OUT=$TEST_DIR
at 2026-11-23T08:00:00Z
"$HD_BIN" open "Outage" -p P2 --assign alice -q >/dev/null  # 1: responded (assigned), resolve 8h
"$HD_BIN" open "Backlog item" -p P4 --assign alice -q >/dev/null # 2: P4 resolve 1h on 24x7, action priority

test_case "sweep --dry-run shows what it would do and writes nothing"
at 2026-11-23T16:30:00Z
remember_store
hd sla sweep --dry-run
expect_rc 0
expect_out "would record: #1 resolve breached"
expect_out "escalated to L2"
expect_out "#2 resolve breached"
expect_out "priority raised to P3"
expect_store_unchanged
[ ! -e "$TEST_DIR/breach-1.json" ] && ok || fail "a dry run ran a hook"

test_case "sweep records each breach once and applies its actions"
hd sla sweep --json
expect_rc 0
expect_json '["dry_run"]' "False"
expect_json '["breaches"][0]["ticket"]' "2"
expect_json '["breaches"][1]["ticket"]' "1"
expect_json '["breaches"][1]["target"]' "resolve"
expect_json '["breaches"][1]["actions"]' "['escalate', 'hook']"
expect_json '["breaches"][1]["done"]' "['escalated to L2', 'on-breach hook']"
expect_json '["breaches"][0]["done"]' "['priority raised to P3']"
"$HD_BIN" show 1 --json >"$OUT"
expect_json '["tier"]' "2"
"$HD_BIN" show 2 --json >"$OUT"
expect_json '["priority"]' "P3"
[ -s "$TEST_DIR/breach-1.json" ] && ok || fail "the on-breach hook did not run for #1"
[ ! -e "$TEST_DIR/breach-2.json" ] && ok || fail "the on-breach hook ran for #2, whose actions do not name it"
"$PYTHON" -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["event"]=="on-breach"; c=e["changes"][-1]; assert c["kind"]=="breached" and c["field"]=="resolve", c' \
    "$TEST_DIR/breach-1.json" && ok || fail "the on-breach hook's input is not the breach event"
hd log 1
expect_out "breached the resolve target"

test_case "a second sweep does nothing; -q prints nothing"
remember_store
hd sla sweep -q
expect_rc 0
expect_empty_out
hd sla sweep --json
expect_json '["breaches"]' "[]"
hd sla sweep
expect_out_exactly "No new breaches."
expect_store_unchanged

test_case "config errors name the file and line, exit 2"
unset HD_NOW
bad_config() {
    printf '%s\n' "$@" >"$TEST_DIR/bad.toml"
    hd --config "$TEST_DIR/bad.toml" sla
    expect_rc 2
    expect_error_line
    expect_err "bad.toml:"
}
bad_config '[calendar.office]' 'hours = "Mon-Fry 09:00-17:00"'
expect_err "Mon-Fry"
bad_config '[calendar.office]' 'hours = "Mon-Fri 09:00-17:00"' 'timezone = "Europe/Warsw"'
expect_err "Europe/Warsw"
bad_config '[sla.P1]' 'respond = "1h"' 'calendar = "nowhere"'
expect_err "nowhere"
bad_config '[sla]' 'at_risk = 1.5'
expect_err "at_risk"
bad_config '[sla.P1]' 'respond = "soon"'
expect_err "respond"
bad_config '[sla.P1]' 'respond = "4h"' 'resolve = "1h"'
expect_err "longer than resolve"
bad_config '[sla.P1]' 'on_breach = "panic"'
expect_err "panic"
bad_config '[ola.L7]' 'pickup = "1h"'
expect_err "L7"
bad_config '[calendar.24x7]' 'hours = "Mon-Fri 09:00-17:00"'
expect_err "built in"

finish
