#!/usr/bin/env bash
# hd list: every filter key, bare words, exclusion, sorting, limits, --all, --exists, -q, --json,
# and the errors for filters that do not parse.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# The desk, filed at different times (HD_NOW is "now" for hd; the tests run at 2026-11-23 10:00Z).
HD_NOW=2026-11-10T10:00:00Z open_ticket "Old printer jams" -p P1 -c printer -t hw --requester carol >/dev/null # 1, 13 days old
HD_NOW=2026-11-19T10:00:00Z open_ticket "Réinitialiser MẬT KHẨU" -p P2 -c account --requester bob@example.org >/dev/null # 2, 4 days old
open_ticket "VPN drops" -p P4 --type request --tier 2 --assign tester -c network -d "The tunnel fails at night" >/dev/null # 3
open_ticket "Mail slow" -p P3 -c email -t mail -t slow --assign alice >/dev/null # 4
open_ticket "Closed printer ticket" -p P1 -c printer >/dev/null # 5, closed below
HD_NOW=2026-11-01T10:00:00Z open_ticket "Ancient but touched" -p P3 >/dev/null # 6, 22 days old...
HD_NOW=2026-11-21T10:00:00Z "$HD_BIN" edit 6 --tag +touched >/dev/null # ...updated 2 days ago
"$HD_BIN" start 4 >/dev/null
"$HD_BIN" resolve 5 --note "Cleared" >/dev/null
"$HD_BIN" close 5 >/dev/null

# expect_ids ARGS... gives IDS...: runs hd list -q ARGS... and expects exactly IDS, in order.
expect_ids() {
    local args=() want
    while [ "$1" != gives ]; do args+=("$1"); shift; done
    shift
    want=$(printf '%s\n' "$@")
    [ $# -eq 0 ] && want=""
    hd list -q "${args[@]}"
    if [ "$RC" -ne 0 ]; then fail "hd list -q ${args[*]} exited $RC"; return; fi
    if [ "$(cat "$OUT")" = "$want" ]; then ok; else fail "hd list -q ${args[*]}: expected ids [$*], got [$(tr '\n' ' ' <"$OUT")]"; fi
}

test_case "list shows a table of open tickets, by priority then id, closed ones hidden"
hd list
expect_rc 0
expect_empty_err
expect_out_re '^ *ID +PRI +STATUS'
expect_out "Old printer jams"
expect_out "Réinitialiser MẬT KHẨU"
expect_no_out "Closed printer ticket"
expect_ids gives 1 2 4 6 3

test_case "list --all includes closed tickets"
expect_ids --all gives 1 5 2 4 6 3
hd list --all
expect_out "Closed printer ticket"

test_case "status: filters by status, and status:closed shows closed tickets"
expect_ids status:open gives 4
expect_ids status:new gives 1 2 6 3
expect_ids status:closed gives 5
expect_ids status:new,open gives 1 2 4 6 3
expect_ids 'status:!new' --all gives 5 4

test_case "type: filters by type"
expect_ids type:request gives 3
expect_ids type:incident gives 1 2 4 6

test_case "prio: filters by priority, with comparisons"
expect_ids prio:P1 gives 1
expect_ids 'prio:<=P2' gives 1 2
expect_ids 'prio:>P3' gives 3
expect_ids prio:P2,P4 gives 2 3
expect_ids 'prio:!P3' gives 1 2 3

test_case "cat: filters by category"
expect_ids cat:printer gives 1
expect_ids cat:network gives 3
expect_ids --all cat:printer gives 1 5

test_case "tier: takes a level or a label"
expect_ids tier:2 gives 3
expect_ids tier:L2 gives 3
expect_ids tier:1 gives 1 2 4 6
expect_ids 'tier:>=2' gives 3

test_case "assignee: filters by agent, me and none"
expect_ids assignee:alice gives 4
expect_ids assignee:me gives 3
expect_ids assignee:none gives 1 2 6
hd --as alice list -q assignee:me
expect_out_exactly 4

test_case "requester: filters by requester"
expect_ids requester:bob@example.org gives 2
expect_ids requester:carol gives 1

test_case "tag: filters by tag"
expect_ids tag:hw gives 1
expect_ids tag:mail gives 4
expect_ids tag:touched gives 6

test_case "age: compares the creation time with now (HD_NOW)"
expect_ids 'age:>3d' gives 1 2 6
expect_ids 'age:>1w' gives 1 6
expect_ids 'age:<1d' gives 4 3
expect_ids 'age:<2w' gives 1 2 4 3

test_case "updated: compares the last change with now, not the creation"
expect_ids 'updated:<1w' gives 2 4 6 3
expect_ids 'updated:>1w' gives 1
expect_ids 'updated:<3d' gives 4 6 3

test_case "age: relative to a different now"
HD_NOW=2026-11-12T10:00:00Z hd list -q 'age:>1d'
expect_out_exactly "$(printf '1\n6')"

test_case "several filters must all hold"
expect_ids cat:printer prio:P1 gives 1
expect_ids cat:printer prio:P2 gives
expect_ids assignee:none 'age:>1w' gives 1 6

test_case "bare words match the title or the description"
expect_ids printer gives 1
expect_ids tunnel gives 3
expect_ids printer jams gives 1
expect_ids printer nothing gives

test_case "bare words match regardless of case, ASCII and not"
expect_ids TUNNEL gives 3
expect_ids "mật khẩu" gives 2
expect_ids "MẬT KHẨU" gives 2
expect_ids "Mật" gives 2
expect_ids RÉINITIALISER gives 2

test_case "-word after -- excludes tickets that contain it"
expect_ids -- -printer gives 2 4 6 3
expect_ids -- -printer -vpn gives 2 4 6
expect_ids -- mail -slow gives
expect_ids -- printer -jams gives

test_case "-word exclusion also works after filters given before --"
expect_ids status:new -- -printer gives 2 6 3
expect_ids mail -- -slow gives

test_case "--sort orders by a field, -FIELD descending"
expect_ids --sort id gives 1 2 3 4 6
expect_ids --sort -id gives 6 4 3 2 1
expect_ids --sort title gives 6 4 1 2 3
expect_ids --sort -title gives 3 2 1 4 6
expect_ids --sort created gives 6 1 2 3 4
expect_ids --sort -priority,id gives 3 4 6 2 1

test_case "--limit keeps the first N after sorting"
expect_ids --limit 2 gives 1 2
expect_ids --limit 2 --sort -id gives 6 4
expect_ids --limit 100 gives 1 2 4 6 3

test_case "an empty result is a success with no ids"
hd list -q cat:hardware
expect_rc 0
expect_empty_out
expect_empty_err
hd list cat:hardware
expect_rc 0
expect_empty_err
expect_no_out "Old printer"

test_case "--exists exits 0 when a ticket matches and prints nothing"
hd list --exists cat:printer
expect_rc 0
expect_empty_out
expect_empty_err

test_case "--exists exits 1 when nothing matches and prints nothing"
hd list --exists cat:hardware
expect_rc 1
expect_empty_out
expect_empty_err

test_case "--exists does not see closed tickets unless --all"
hd list --exists Closed
expect_rc 1
hd list --exists --all Closed
expect_rc 0

test_case "list --json prints an array of tickets with every field"
hd list --json
expect_rc 0
expect_empty_err
expect_json_true 'isinstance(d, list) and [t["id"] for t in d] == [1, 2, 4, 6, 3]'
expect_json '[1]["title"]' "Réinitialiser MẬT KHẨU"
expect_json '[0]["tags"]' "['hw']"
expect_json_true 'all(k in t for t in d for k in ["id","type","title","description","status","priority","category","tier","assignee","requester","channel","tags","created_at","updated_at","resolved_at","closed_at","dedup_key","occurrences"])'

test_case "list --json with no match prints an empty array"
hd list --json cat:hardware
expect_rc 0
expect_json_true 'd == []'

test_case "the table aligns columns by display width (CJK, combining marks, emoji)"
export HD_DB="$TEST_DIR/wide.db"
open_ticket "x" --assign "张伟伟" >/dev/null
open_ticket "x" --assign "$(printf 'Nguye\xcc\x82\xcc\x83n')" >/dev/null
open_ticket "x" --assign "bob" >/dev/null
open_ticket "x" --assign "🎉🎉x" >/dev/null
hd list
expect_rc 0
widths=$(display_widths | tail -n +2 | sort -u | tr '\n' ' ')
if [ "$(wc -w <<<"$widths")" -eq 1 ]; then ok; else fail "rows have different display widths: $widths"; fi

LONG_TITLE="A very long title that goes on and on about the printer on floor three which jams every single morning"
open_ticket "$LONG_TITLE" >/dev/null
open_ticket "Máy in tầng 3 bị kẹt giấy mỗi sáng khi mọi người đến làm việc và in tài liệu họp" >/dev/null
open_ticket "打印机每天早上都卡纸，请尽快派人来修理，谢谢大家的帮助和支持" >/dev/null

test_case "on a terminal the table fits its width, truncating long titles with …"
if tty_available; then
    for cols in 100 60 40; do
        hd_tty "$cols" list
        expect_rc 0
        expect_out "…"
        widest=$(display_widths | sort -n | tail -1)
        if [ "$widest" -le "$cols" ]; then ok; else fail "on a terminal $cols columns wide a row is $widest wide"; fi
    done
else
    echo "note: no pseudo-terminal here (script(1)); the terminal-width checks did not run"
fi

test_case "in a pipe (and COLUMNS unset) the table is not truncated"
hd list
expect_out "$LONG_TITLE"
export HD_DB="$TEST_DIR/hd.db"

# Bad filters: exit 2, one line naming the problem.
test_case "an unknown filter key is exit 2, naming the keys that exist"
remember_store
hd list foo:bar
expect_failure 2 "foo"
for key in status type prio cat tier assignee requester tag age updated; do expect_err "$key"; done

test_case "a filter value that does not parse is exit 2"
hd list 'prio:<=P9'
expect_failure 2 "P9"
hd list status:weird
expect_failure 2 "weird"
hd list age:xyz
expect_failure 2 "age:xyz"
hd list status:
expect_failure 2 "status:"

test_case "an unknown sort field is exit 2, naming the fields"
hd list --sort bogus
expect_failure 2 "bogus"
expect_err "priority"

test_case "--limit 0 means no limit (as hd-list(1) says)"
expect_ids --limit 0 gives 1 2 4 6 3

test_case "--limit must not be negative or a word"
hd list --limit -1
expect_failure 2 "--limit"
hd list --limit abc
expect_failure 2 "--limit"

test_case "list with an unknown option is exit 2"
hd list --bogus
expect_failure 2 "--bogus"

finish
