#!/usr/bin/env bash
# hd report: every report as a table, a chart, JSON and CSV on a seeded week, checking the numbers;
# SLA figures from the clocks and the sweep; ranges and buckets; bad input.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >"$TEST_DIR/config.toml" <<'TOML'
[sla]
on_breach = []

[sla.P1]
respond = "1h"
resolve = "4h"

[sla.P2]
respond = "1h"
resolve = "8h"

[sla.P3]
respond = "4h"
resolve = "1d"

[sla.P4]
respond = "8h"
resolve = "5d"

[ola.L1]
pickup = "2h"
on_breach = []
TOML
export HD_CONFIG="$TEST_DIR/config.toml"

test_case "a report of a store that does not exist is all zeros and creates nothing"
hd report summary --json
expect_rc 0
expect_json '["opened"]' 0
expect_json '["resolution_median_seconds"]' None
expect_json '["first_contact_rate"]' None
if [ -e "$HD_DB" ]; then fail "the store was created"; else ok; fi

# expect_py EXPR TEXT: the Python expression, with d the JSON document on stdout, prints TEXT.
expect_py() {
    local got
    got=$("$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$OUT" "$1" 2>&1)
    if [ "$got" = "$2" ]; then ok; else fail "expected $1 to be '$2', got '$got'"; fi
}

# at TIME [--as USER] ARGS...: runs hd at that instant; the seeding must not fail.
at() {
    local when=$1
    shift
    HD_NOW=$when "$HD_BIN" "$@" >/dev/null 2>"$ERR" || { echo "seeding failed: hd $*"; cat "$ERR"; exit 1; }
}

export HD_USER=alice
"$HD_BIN" agent add alice --tier 1 >/dev/null
"$HD_BIN" agent add bob --tier 2 >/dev/null
"$HD_BIN" agent add carol --tier 3 >/dev/null

# The week reported on: Monday 2026-11-16 to Monday 2026-11-23 (exclusive). Dora, who is not an agent,
# files the tickets and rates them.
D=(--as dora)
# 1: before the week; picked up at once; still open: backlog, 12-13 days old; resolve target long past.
at 2026-11-10T09:00:00Z "${D[@]}" open "Printer offline" -c printer -p P2
at 2026-11-10T09:10:00Z assign 1 alice
at 2026-11-10T09:20:00Z start 1
# 2: P1, answered (assigned) in 30m, resolved in 2h at L1: first contact. Rated 5.
at 2026-11-16T09:00:00Z "${D[@]}" open "VPN down" -c network -p P1
at 2026-11-16T09:30:00Z assign 2 alice
at 2026-11-16T11:00:00Z resolve 2 --note "Restarted the concentrator"
at 2026-11-16T12:00:00Z "${D[@]}" rate 2 5 --comment "Great"
# 3: P2, answered in 45m, escalated to L2, resolved there in 6h. Rated 2.
at 2026-11-17T09:00:00Z "${D[@]}" open "Mail bounces" -c network -p P2
at 2026-11-17T09:45:00Z assign 3 alice
at 2026-11-17T10:00:00Z escalate 3 --reason "needs the mail admins"
at 2026-11-17T10:05:00Z --as bob assign 3 bob
at 2026-11-17T15:00:00Z --as bob resolve 3 --note "Fixed the SPF record"
at 2026-11-18T09:00:00Z "${D[@]}" rate 3 2 --comment "Slow"
# 4: P3, answered in 10m, resolved in 10h at L1 and closed: first contact. Rated 4, no comment.
at 2026-11-18T08:00:00Z "${D[@]}" open "Toner empty" -c printer -p P3
at 2026-11-18T08:10:00Z assign 4 alice
at 2026-11-18T18:00:00Z resolve 4 --note "New toner"
at 2026-11-19T08:00:00Z close 4
at 2026-11-19T09:00:00Z "${D[@]}" rate 4 4
# 5: P3 without a category, escalated twice, answered after 24h (missed), resolved in 48h at L3 (missed). Rated 3.
at 2026-11-19T09:00:00Z "${D[@]}" open "Database slow" -p P3
at 2026-11-19T10:00:00Z escalate 5 --reason "beyond L1"
at 2026-11-20T08:00:00Z --as bob escalate 5 --reason "beyond L2"
at 2026-11-20T09:00:00Z --as carol assign 5 carol
at 2026-11-21T09:00:00Z --as carol resolve 5 --note "Rebuilt the index"
at 2026-11-21T10:00:00Z "${D[@]}" rate 5 3 --comment "ok"
# 7: P2, escalated at once, pended by bob in 30m (the response): backlog, 2.5 days old.
at 2026-11-20T12:00:00Z "${D[@]}" open "Laptop for new hire" -c hardware -p P2
at 2026-11-20T12:10:00Z escalate 6 --reason "needs procurement"
at 2026-11-20T12:30:00Z --as bob pend 6 --reason "waiting for the order"
# 7: P4, nobody touches it: backlog, 22h old at the end of the week; respond and L1 pickup breached.
at 2026-11-22T12:00:00Z "${D[@]}" open "Keyboard sticky" -c printer -p P4
# The sweep in the evening records the breaches of the week.
at 2026-11-22T21:00:00Z sla sweep
# After the week: not counted.
at 2026-11-23T09:00:00Z "${D[@]}" open "Monday ticket" -c network -p P3

export HD_NOW=2026-11-23T10:00:00Z
WEEK=(--since 2026-11-16 --until 2026-11-23)

# ---- summary ----

test_case "summary --json: the week's numbers"
hd report summary "${WEEK[@]}" --json
expect_rc 0
expect_json '["report"]' summary
expect_json '["since"]' 2026-11-16T00:00:00Z
expect_json '["until"]' 2026-11-23T00:00:00Z
expect_json '["opened"]' 6
expect_json '["resolved"]' 4
expect_json '["backlog"]' 3
expect_json '["backlog_under_1d"]' 1
expect_json '["backlog_1d_to_3d"]' 1
expect_json '["backlog_3d_to_7d"]' 0
expect_json '["backlog_7d_to_30d"]' 1
expect_json '["backlog_over_30d"]' 0
expect_json '["resolution_mean_seconds"]' 59400    # (2h + 6h + 10h + 48h) / 4
expect_json '["resolution_median_seconds"]' 28800  # (6h + 10h) / 2
expect_json '["first_contact_resolved"]' 2
expect_json '["first_contact_rate"]' 0.5
expect_json '["escalated"]' 3
expect_json '["escalation_rate"]' 0.5
expect_json '["ratings"]' 4
expect_json '["rating_average"]' 3.5
expect_json '["satisfied"]' 2
expect_json '["satisfied_rate"]' 0.5

test_case "summary --json: response times and SLA compliance from the clocks"
expect_json '["first_response_count"]' 5          # 10m, 30m, 30m, 45m, 24h
expect_json '["first_response_median_seconds"]' 1800
expect_json '["first_response_mean_seconds"]' 18660
expect_json '["respond_stopped"]' 5
expect_json '["respond_met"]' 4
expect_json '["respond_compliance"]' 0.8
expect_json '["resolve_stopped"]' 4
expect_json '["resolve_met"]' 3
expect_json '["resolve_compliance"]' 0.75

test_case "summary as a table"
hd report "${WEEK[@]}"
expect_rc 0
expect_out "Summary, 2026-11-16 to 2026-11-23"
expect_out_re '^Opened +6$'
expect_out_re '^Resolved +4$'
expect_out_re '^Backlog +3  by age: <1d 1, 1-3d 1, 3-7d 0, 7-30d 1, >30d 0$'
expect_out_re '^Resolution, mean +16h30m  of 4 tickets$'
expect_out_re '^Resolution, median +8h$'
expect_out_re '^First response, median +30m$'
expect_out_re '^First-contact resolution +50%  2 of 4 resolved$'
expect_out_re '^Escalation rate +50%  3 of 6 opened$'
expect_out_re '^Respond SLA met +80%  4 of 5 clocks stopped$'
expect_out_re '^Resolve SLA met +75%  3 of 4 clocks stopped$'
expect_out_re '^Satisfaction +3.5/5  4 ratings$'

test_case "summary --csv: one header row and one row, the --json names"
hd report summary "${WEEK[@]}" --csv
expect_rc 0
expect_out_lines 2
expect_out_re '^since,until,opened,resolved,backlog,backlog_under_1d,'
expect_out "2026-11-16T00:00:00Z,2026-11-23T00:00:00Z,6,4,3,1,1,0,1,0,5,18660,1800,59400,28800,2,0.5,3,0.5,5,4,0.8,4,3,0.75,4,3.5,2,0.5"

test_case "summary --chart: sparklines of the week, ages and rates as bars"
COLUMNS=70 hd report summary "${WEEK[@]}" --chart
expect_rc 0
expect_out_re '^Opened +[^ ]+ +6 in all$'
expect_out_re '^Backlog +[^ ]+  3 at the end$'
expect_out_re '^<1d +[^ ]+  1$'
expect_out_re '^3-7d +0$'
expect_out_re '^First-contact resolution +[^ ]+ +50% of 4 resolved$'
expect_no_out $'\x1b'
if [ "$(display_widths | sort -n | tail -1)" -le 70 ]; then ok; else fail "a chart line is wider than 70"; fi

# ---- sla ----

test_case "sla --json: per priority and in all"
hd report sla "${WEEK[@]}" --json
expect_rc 0
expect_json '["now"]' 2026-11-23T10:00:00Z
expect_json '["priorities"][0]["priority"]' P1
expect_json '["priorities"][0]["respond_compliance"]' 1.0
expect_json '["priorities"][0]["resolve_compliance"]' 1.0
expect_json '["priorities"][1]["respond_stopped"]' 2   # 3 and 6
expect_json '["priorities"][1]["respond_met"]' 2
expect_json '["priorities"][1]["resolve_compliance"]' 1.0
expect_json '["priorities"][1]["resolve_breaches"]' 1  # 1, recorded by the sweep
expect_json '["priorities"][1]["open_breached"]' 1     # 1
expect_json '["priorities"][2]["respond_compliance"]' 0.5
expect_json '["priorities"][2]["resolve_compliance"]' 0.5
expect_json '["priorities"][3]["respond_compliance"]' None  # no P4 clock stopped: no data, not 0
expect_json '["priorities"][3]["respond_breaches"]' 1
expect_json '["priorities"][3]["pickup_breaches"]' 1
expect_json '["priorities"][3]["open_breached"]' 1     # 7
expect_json '["total"]["priority"]' all
expect_json '["total"]["respond_met"]' 4
expect_json '["total"]["respond_stopped"]' 5
expect_json '["total"]["open_breached"]' 2
expect_json '["total"]["open_at_risk"]' 0

test_case "sla as a table, a chart and CSV"
hd report sla "${WEEK[@]}"
expect_rc 0
expect_out_re '^P1 +1 +100% +1 +100% +0 +0 +0$'
expect_out_re '^P3 +2 +50% +2 +50% +0 +0 +0$'
expect_out_re '^P4 +0 +- +0 +- +1 +1 +0$'
expect_out_re '^All +5 +80% +4 +75% +2 +2 +0$'
hd report sla "${WEEK[@]}" --chart
expect_rc 0
expect_out "Respond SLA met"
expect_out_re '^P3 +[^ ]+ +50% of 2 stopped$'
expect_out_re '^P4 +no data$'
hd report sla "${WEEK[@]}" --csv
expect_rc 0
expect_out_lines 6
expect_out "priority,respond_stopped,respond_met,respond_compliance,resolve_stopped,resolve_met,resolve_compliance,respond_breaches,resolve_breaches,pickup_breaches,hold_breaches,open_breached,open_at_risk"
expect_out "P4,0,0,,0,0,,1,0,1,0,1,0"
expect_out "all,5,4,0.8,4,3,0.75,1,1,1,0,2,0"

# ---- tiers ----

test_case "tiers --json: resolved, escalated out, rate, backlog now, OLA breaches"
hd report tiers "${WEEK[@]}" --json
expect_rc 0
expect_json '["tiers"][0]["name"]' Helpdesk
expect_json '["tiers"][0]["resolved"]' 2
expect_json '["tiers"][0]["escalated_out"]' 3
expect_json '["tiers"][0]["escalation_rate"]' 0.6
expect_json '["tiers"][0]["backlog"]' 3      # 1, 7 and the Monday ticket: now
expect_json '["tiers"][0]["resolution_median_seconds"]' 21600
expect_json '["tiers"][0]["pickup_breaches"]' 1
expect_json '["tiers"][1]["escalated_out"]' 1
expect_json '["tiers"][1]["escalation_rate"]' 0.5
expect_json '["tiers"][1]["backlog"]' 1
expect_json '["tiers"][2]["resolved"]' 1
expect_json '["tiers"][2]["escalation_rate"]' 0.0
expect_json '["tiers"][2]["resolution_median_seconds"]' 172800

test_case "tiers as a table, a chart and CSV"
hd report tiers "${WEEK[@]}"
expect_rc 0
expect_out_re '^L1 +Helpdesk +2 +3 +60% +3 +6h +1$'
expect_out_re '^L3 +Experts +1 +0 +0% +0 +2d +0$'
hd report tiers "${WEEK[@]}" --chart
expect_rc 0
expect_out "Escalated out"
expect_out_re '^L1 Helpdesk +[^ ]+ +3$'
hd report tiers "${WEEK[@]}" --csv
expect_rc 0
expect_out_lines 4
expect_out "tier,name,resolved,escalated_out,escalation_rate,backlog,resolution_mean_seconds,resolution_median_seconds,pickup_breaches,hold_breaches"
expect_out "2,Support,1,1,0.5,1,21600,21600,0,0"

# ---- agents ----

test_case "agents --json: per assignee, most resolved first, unassigned last"
hd report agents "${WEEK[@]}" --json
expect_rc 0
expect_py '[a["agent"] for a in d["agents"]]' "['alice', 'bob', 'carol', None]"
expect_json '["agents"][0]["resolved"]' 2
expect_json '["agents"][0]["resolution_median_seconds"]' 21600
expect_json '["agents"][0]["first_contact_rate"]' 1.0
expect_json '["agents"][0]["backlog"]' 1
expect_json '["agents"][0]["rating_average"]' 4.5
expect_json '["agents"][1]["first_contact_rate"]' 0.0
expect_json '["agents"][1]["rating_average"]' 2.0
expect_json '["agents"][3]["backlog"]' 3
expect_json '["agents"][3]["first_contact_rate"]' None

test_case "agents as a table, a chart and CSV"
hd report agents "${WEEK[@]}"
expect_rc 0
expect_out_re '^alice +2 +6h +100% +1 +4.5 \(2\)$'
expect_out_re '^carol +1 +2d +0% +0 +3 \(1\)$'
expect_out_re '^\(unassigned\) +0 +- +- +3 +-$'
hd report agents "${WEEK[@]}" --chart
expect_rc 0
expect_out_re '^alice +[^ ]+ +2$'
hd report agents "${WEEK[@]}" --csv
expect_rc 0
expect_out_lines 5
expect_out "agent,resolved,resolution_mean_seconds,resolution_median_seconds,first_contact_resolved,first_contact_rate,backlog,ratings,rating_average"
expect_out "bob,1,21600,21600,0,0,0,1,2"
expect_out ",0,,,0,,3,0,"

# ---- categories ----

test_case "categories --json: opened, resolved, backlog at the end, compliance; none last"
hd report categories "${WEEK[@]}" --json
expect_rc 0
expect_py '[c["category"] for c in d["categories"]]' "['network', 'printer', 'hardware', None]"
expect_json '["categories"][0]["opened"]' 2
expect_json '["categories"][0]["resolved"]' 2
expect_json '["categories"][0]["resolution_median_seconds"]' 14400
expect_json '["categories"][0]["resolve_compliance"]' 1.0
expect_json '["categories"][1]["opened"]' 2
expect_json '["categories"][1]["backlog"]' 2
expect_json '["categories"][2]["backlog"]' 1
expect_json '["categories"][3]["resolve_compliance"]' 0.0

test_case "categories as a table, a chart and CSV"
hd report categories "${WEEK[@]}"
expect_rc 0
expect_out_re '^network +2 +2 +0 +4h +100%$'
expect_out_re '^- +1 +1 +0 +2d +0%$'
hd report categories "${WEEK[@]}" --chart
expect_rc 0
expect_out_re '^printer +[^ ]+ +2$'
hd report categories "${WEEK[@]}" --csv
expect_rc 0
expect_out "category,opened,resolved,backlog,resolution_mean_seconds,resolution_median_seconds,resolve_stopped,resolve_met,resolve_compliance"
expect_out "hardware,1,0,1,,,0,0,"

# ---- volume ----

test_case "volume --json: per day, with the backlog at each day's end"
hd report volume "${WEEK[@]}" --json
expect_rc 0
expect_json '["by"]' day
expect_py '[b["label"] for b in d["buckets"]]' "['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']"
expect_py '[b["opened"] for b in d["buckets"]]' "[1, 1, 1, 1, 1, 0, 1]"
expect_py '[b["resolved"] for b in d["buckets"]]' "[1, 1, 1, 0, 0, 1, 0]"
expect_py '[b["backlog"] for b in d["buckets"]]' "[1, 1, 1, 2, 3, 2, 3]"
expect_json '["buckets"][0]["start"]' 2026-11-16T00:00:00Z
expect_json '["buckets"][6]["end"]' 2026-11-23T00:00:00Z

test_case "volume as a table, a chart and CSV"
hd report volume "${WEEK[@]}"
expect_rc 0
expect_out_re '^DAY +OPENED +RESOLVED +BACKLOG$'
expect_out_re '^2026-11-20 +1 +0 +3$'
COLUMNS=50 hd report volume "${WEEK[@]}" --chart
expect_rc 0
expect_out "Opened per day"
expect_out_re '^Opened +█████▁█ +6 in all$'
expect_out_re '^2026-11-21 +0$'
if [ "$(display_widths | sort -n | tail -1)" -le 50 ]; then ok; else fail "a chart line is wider than 50"; fi
hd report volume "${WEEK[@]}" --csv
expect_rc 0
expect_out_lines 8
expect_out "start,end,label,opened,resolved,backlog"
expect_out "2026-11-22T00:00:00Z,2026-11-23T00:00:00Z,2026-11-22,1,0,3"

test_case "volume by week: Monday buckets, the first clipped to --since"
hd report volume --since 2026-11-04 --until 2026-11-23 --by week --json
expect_rc 0
expect_py '[b["label"] for b in d["buckets"]]' "['2026-11-02', '2026-11-09', '2026-11-16']"
expect_json '["buckets"][0]["start"]' 2026-11-04T00:00:00Z
expect_py '[b["opened"] for b in d["buckets"]]' "[0, 1, 6]"
expect_py '[b["backlog"] for b in d["buckets"]]' "[0, 1, 3]"

test_case "volume: the default range is 30 days by day, and counts what happened this second"
HD_NOW=2026-11-23T09:00:00Z hd report volume --json
expect_rc 0
expect_json '["until"]' 2026-11-23T09:00:01Z
expect_py 'len(d["buckets"])' 31
expect_json '["buckets"][-1]["opened"]' 1  # the Monday ticket, filed at 09:00:00
hd report volume --since 12w --json
expect_json '["by"]' week
hd report volume --since 2026-01-01 --json
expect_json '["by"]' month

# ---- csat ----

test_case "csat --json: scores, per-day averages, latest comments"
hd report csat "${WEEK[@]}" --json
expect_rc 0
expect_json '["ratings"]' 4
expect_json '["rating_average"]' 3.5
expect_py '[s["ratings"] for s in d["scores"]]' "[0, 1, 1, 1, 1]"
expect_py '[b["rating_average"] for b in d["buckets"]]' "[5.0, None, 2.0, 4.0, None, 3.0, None]"
expect_py '[c["ticket"] for c in d["comments"]]' "[5, 3, 2]"
expect_json '["comments"][0]["comment"]' ok
expect_json '["comments"][0]["rated_by"]' dora
expect_json '["comments"][0]["score"]' 3

test_case "csat as a table, a chart and CSV"
hd report csat "${WEEK[@]}"
expect_rc 0
expect_out_re '^    5 +1 +25%$'
expect_out "Average 3.5/5 from 4 ratings; 50% satisfied (4-5)."
expect_out_re '^2026-11-18 +1 +2$'
expect_out_re '^ +#3 +2 +dora +2026-11-18 +Slow$'
hd report csat "${WEEK[@]}" --chart
expect_rc 0
expect_out_re '^5 +[^ ]+ +1 \(25%\)$'
expect_out_re '^Average +█ ▃▆ ▅ +3.5/5$'
hd report csat "${WEEK[@]}" --csv
expect_rc 0
expect_out_lines 8
expect_out "start,end,label,ratings,rating_average,score_1,score_2,score_3,score_4,score_5"
expect_out "2026-11-16T00:00:00Z,2026-11-17T00:00:00Z,2026-11-16,1,5,0,0,0,0,1"
expect_out "2026-11-17T00:00:00Z,2026-11-18T00:00:00Z,2026-11-17,0,,0,0,0,0,0"

# ---- output forms ----

test_case "charts use colour only when asked; tables honour NO_COLOR"
hd --color always report volume "${WEEK[@]}" --chart
expect_rc 0
expect_out $'\x1b['
hd report volume "${WEEK[@]}" --chart
expect_no_out $'\x1b['

test_case "user text in reports cannot drive the terminal"
"$HD_BIN" --as dora rate 4 4 --comment $'sneaky \x1b[31mred' >/dev/null
HD_NOW=2026-11-23T10:00:00Z hd report csat --since 1d
expect_rc 0
expect_no_out $'\x1b'
expect_out 'sneaky \x1b[31mred'

# ---- bad input ----

remember_store

test_case "an unknown report is a usage error"
hd report weekly
expect_failure 2 "no report 'weekly'"

test_case "bad --since, --until and --by are usage errors"
hd report --since yesterday
expect_failure 2 "--since: 'yesterday' is neither a duration"
hd report volume --until 2026-02-30
expect_failure 2 "--until: '2026-02-30'"
hd report volume --by year
expect_failure 2 "--by: 'year' is not valid (expected day, week or month)"
hd report --since 2026-11-20 --until 2026-11-20
expect_failure 2 "must be before --until"
hd report --since 1d --until 2d
expect_failure 2 "must be before --until"
hd report volume --since 2020-01-01 --by day
expect_failure 2 "more than 1000 buckets"

test_case "one output form at a time; -q has nothing to print"
hd report --chart --json
expect_failure 2 "--json and --chart cannot be used together"
hd report --chart --csv
expect_failure 2 "--csv and --chart cannot be used together"
hd report sla --json --csv
expect_failure 2 "--json and --csv cannot be used together"
hd report -q
expect_failure 2 "-q: a report has no ids to print"

test_case "completion offers the report kinds and --by values"
hd __complete report ""
expect_out "summary"
expect_out "csat"
hd __complete report volume --by ""
expect_out "week"

finish
