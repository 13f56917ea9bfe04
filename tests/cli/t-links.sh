#!/usr/bin/env bash
# hd link, hd unlink and hd merge.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

export HD_USER=alice
"$HD_BIN" agent add alice --tier 1 >/dev/null
for t in "Mail down" "Mail slow" "Server crash" "Mail down again"; do
    open_ticket "$t" >/dev/null # 1..4
done

test_case "link --duplicate-of shows on both tickets"
hd link 2 1 --duplicate-of
expect_rc 0
expect_empty_err
expect_out "#2"
expect_out "#1"
hd show 2 --json
expect_json_true '{"kind": "duplicate-of", "direction": "out", "ticket": 1} in [{k: l[k] for k in ("kind", "direction", "ticket")} for l in d["links"]]'
hd show 1 --json
expect_json_true '{"kind": "duplicate-of", "direction": "in", "ticket": 2} in [{k: l[k] for k in ("kind", "direction", "ticket")} for l in d["links"]]'
hd show 1
expect_out "#2 is a duplicate of this"

test_case "link --caused-by and --parent"
hd link 1 3 --caused-by
expect_rc 0
hd link 2 3 --parent
expect_rc 0
hd show 3 --json
expect_json_true 'sorted(l["kind"] for l in d["links"] if l["direction"] == "in") == ["caused-by", "parent"]'
hd show 2
expect_out "child of #3"

test_case "link defaults to --relates"
hd link 4 3
expect_rc 0
hd show 4 --json
expect_json_true '[l["kind"] for l in d["links"]] == ["relates"]'

test_case "link refusals"
remember_store
hd link 1 99
expect_failure 3 "no ticket #99"
hd link 1 1
expect_failure 2 "itself"
hd link 1 3 --parent --relates
expect_failure 2 "give one of"
hd --as tester link 1 4
expect_failure 4 "not an agent"

test_case "unlink removes the links both ways"
hd unlink 4 3
expect_rc 0
hd show 3 --json
expect_json_true '4 not in [l["ticket"] for l in d["links"]]'
hd show 4 --json
expect_json '["links"]' "[]"

test_case "unlink of tickets that are not linked"
remember_store
hd unlink 4 3
expect_failure 3 "not linked"

test_case "merge moves comments and resolves SRC as a duplicate of INTO"
"$HD_BIN" comment 4 "Users on floor 2 too" >/dev/null
hd merge 4 1
expect_rc 0
expect_empty_err
expect_out "#4"
expect_out "#1"
hd show 4 --json
expect_json '["status"]' resolved
expect_json '["resolution_code"]' duplicate
expect_json '["comments"]' "[]"
expect_json_true '{"kind": "duplicate-of", "direction": "out", "ticket": 1} in [{k: l[k] for k in ("kind", "direction", "ticket")} for l in d["links"]]'
hd show 1 --json
expect_json_true '"Users on floor 2 too" in [c["body"] for c in d["comments"]]'
expect_json_true '{"kind": "duplicate-of", "direction": "in", "ticket": 4} in [{k: l[k] for k in ("kind", "direction", "ticket")} for l in d["links"]]'

test_case "merge refusals"
remember_store
hd merge 1 1
expect_failure 2 "into itself"
hd merge 4 1
expect_failure 4 "resolved already"
hd merge 99 1
expect_failure 3 "no ticket #99"
hd merge 1 99
expect_failure 3 "no ticket #99"

finish
