#!/usr/bin/env bash
# hd open --from-json: tickets from JSON with the field names --json prints.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

test_case "one ticket from standard input"
hd_in '{"title": "Printer jams", "priority": "P2", "category": "printer", "tags": ["floor3"], "tier": "L2"}' open --from-json - --json
expect_rc 0
expect_json '[0]["id"]' 1
expect_json '[0]["priority"]' P2
expect_json '[0]["tier"]' 2
expect_json '[0]["tags"]' "['floor3']"

test_case "an array, in one transaction; -q prints the ids"
hd_in '[{"title": "A"}, {"title": "B", "type": "request"}]' open --from-json - -q
expect_rc 0
expect_out_exactly "$(printf '2\n3')"

test_case "hd show --json piped back files a copy"
"$HD_BIN" show 1 --json >"$TEST_DIR/one.json"
hd open --from-json "$TEST_DIR/one.json" --json
expect_rc 0
expect_json '[0]["id"]' 4
expect_json '[0]["title"]' "Printer jams"
expect_json '[0]["category"]' printer

test_case "malformed JSON, unknown fields, bad values: exit 2, nothing written"
remember_store
hd_in '{"title": "x", "colour": "red"}' open --from-json -
expect_failure 2 "colour"
hd_in '[{"title": "ok"}, {"title": "bad", "priority": "P7"}]' open --from-json -
expect_failure 2 "[1]"
hd_in '{"title": ' open --from-json -
expect_failure 2 "JSON"
hd_in '{"priority": "P1"}' open --from-json -
expect_failure 2 "title"
hd_in '{"title": "x", "title": "y"}' open --from-json -
expect_failure 2 "field 'title': given twice"
hd_in '{"title": "x"}' open "Title too" --from-json -
expect_failure 2 "--from-json"
hd open --from-json "$TEST_DIR/missing.json"
expect_failure 2 "missing.json"

finish
