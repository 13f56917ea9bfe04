#!/usr/bin/env bash
# --format TEMPLATE on hd list, hd show and hd kb search, and hd list --csv: values as --json gives
# them, escapes, unicode, empty and null fields, lists, control characters, CSV quoting read back by
# Python's csv module, and every error (exit 2, one line, nothing printed, nothing read or written).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

EXAMPLES=${HD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/examples/kb

open_ticket "Printer jams" -p P2 -c printer -t hw -t printer --requester carol --channel email >/dev/null # 1
open_ticket "Réinitialiser MẬT KHẨU 🔑" -p P1 >/dev/null # 2
open_ticket 'VPN, "again"' -p P3 -d "$(printf 'line one\nline two\twith a tab')" --assign tester >/dev/null # 3
open_ticket "Bare" -p P4 >/dev/null # 4
open_ticket "Resolved one" -p P3 >/dev/null # 5
"$HD_BIN" resolve 5 --note "Fixed" >/dev/null
# hd refuses control characters in titles; a store written by another tool (or an older hd) may
# hold them anyway, and neither --format nor --csv may lose a line or pass an escape through.
sqlite3 "$HD_DB" "UPDATE tickets SET title = 'two' || char(10) || 'lines ' || char(27) || '[31mred' WHERE id = 4"

# expect_stdout TEXT: stdout is TEXT with its backslash escapes (\t, \n) interpreted.
expect_stdout() {
    local want
    want=$(printf '%b' "$1")
    expect_out_exactly "$want"
}

test_case "list --format prints one line per ticket, with tabs from \\t"
hd list --format '{id}\t{priority}\t{title}' prio:P1,P2
expect_rc 0
expect_empty_err
expect_stdout '2\tP1\tRéinitialiser MẬT KHẨU 🔑\n1\tP2\tPrinter jams'

test_case "unicode passes through as it is"
hd list --format '→ {title} ←' id:2
expect_out_exactly "→ Réinitialiser MẬT KHẨU 🔑 ←"

test_case "lists are joined with commas, null and empty fields are empty"
hd list --format '{id}|{tags}|{category}|{assignee}|{requester}|{channel}|{description}|{cc}|{resolved_at}' id:1
expect_out_exactly "1|hw,printer|printer||carol|email|||"
hd list --format '[{tags}][{category}][{channel}][{impact}][{dedup_key}]' id:2
expect_out_exactly "[][][][][]"

test_case "numbers, times and booleans are written as --json writes them"
hd list --format '{id} {tier} {occurrences} {escalations} {created_at} {fcr}' --all id:5
expect_out_exactly "5 1 1 0 2026-11-23T10:00:00Z true"
hd list --format '{fcr}.' id:1
expect_out_exactly "."

test_case "the escapes \\n and \\\\ and doubled braces"
hd list --format '{{{id}}} \\ {priority}\n--' id:1
expect_stdout '{1} \\ P2\n--'
hd list --format '{{id}}' id:1
expect_out_exactly "{id}"

test_case "control characters in values become spaces: a ticket is always one line"
hd list --format '{id}:{title}' id:4
expect_out_lines 1
expect_out_exactly "$(printf '4:two lines  [31mred')"
if grep -q "$(printf '\033')" "$OUT"; then fail "an escape character reached stdout"; else ok; fi
hd list --format '{description}' id:3
expect_out_exactly "line one line two with a tab"
hd list --all --format '{id}\t{title}\t{description}'
expect_out_lines 5

test_case "an empty result prints nothing and succeeds"
hd list --format '{id}' tag:nothing-has-this
expect_rc 0
expect_empty_out

test_case "list --format gives the values of --json, field for field"
# The fields, from the error that lists them, must be the keys of --json in the same order.
hd list --format '{no-such-field}'
fields=$(sed -n 's/.*the fields are: //p' "$ERR")
hd list --all --json
cp "$OUT" "$TEST_DIR/list.json"
template=$("$PYTHON" -c 'import sys; print("\\t".join("{%s}" % f for f in sys.argv[1].split(", ")))' "$fields")
hd list --all --format "$template"
if "$PYTHON" - "$TEST_DIR/list.json" "$OUT" "$fields" <<'EOF'; then ok; else fail "--format values differ from --json"; fi
import json, re, sys
tickets = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
names = sys.argv[3].split(", ")
assert names == list(tickets[0].keys()), (names, list(tickets[0].keys()))
def text(v):
    if v is None: return ""
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, list): return ",".join(text(x) for x in v)
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", str(v))
assert len(lines) == len(tickets), (len(lines), len(tickets))
for t, line in zip(tickets, lines):
    got = line.split("\t")
    want = [text(t[n]) for n in names]
    assert got == want, (got, want)
EOF

test_case "show --format renders the one ticket"
hd show 1 --format '{id}\t{status}\t{priority}\t{tags}\t{assignee}'
expect_rc 0
expect_stdout '1\tnew\tP2\thw,printer\t'
hd show '#2' --format '{title}' --history
expect_out_exactly "Réinitialiser MẬT KHẨU 🔑"
hd show 3 --json
cp "$OUT" "$TEST_DIR/show.json"
hd show 3 --format '{requester}|{updated_at}|{type}'
want=$("$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%s|%s|%s" % (d["requester"] or "", d["updated_at"], d["type"]))' "$TEST_DIR/show.json")
expect_out_exactly "$want"

test_case "show --format of a missing ticket is not found"
hd show 99 --format '{id}'
expect_rc 3
expect_empty_out

test_case "kb search --format prints one line per hit, with the values of --json"
"$HD_BIN" kb import "$EXAMPLES" >/dev/null
hd kb search password --json
cp "$OUT" "$TEST_DIR/hits.json"
hd kb search password --format '{id}\t{slug}\t{lang}\t{tags}\t{score}\t{title}\t{snippet}'
expect_rc 0
expect_empty_err
if "$PYTHON" - "$TEST_DIR/hits.json" "$OUT" <<'EOF'; then ok; else fail "kb search --format values differ from --json"; fi
import json, sys
hits = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
assert hits and len(lines) == len(hits), (len(lines), len(hits))
for h, line in zip(hits, lines):
    id_, slug, lang, tags, score, title, snippet = line.split("\t")
    assert (int(id_), slug, lang, tags, title) == (h["id"], h["slug"], h["lang"], ",".join(h["tags"]), h["title"])
    assert float(score) == h["score"], (score, h["score"])
    # The snippet without the highlighting (and newlines as spaces).
    assert snippet == h["snippet"].replace("**", "").replace("\n", " "), (snippet, h["snippet"])
    assert "\x02" not in snippet and "\x03" not in snippet
EOF
hd kb search mat khau --format '{lang}:{category}'
expect_out_exactly "vi:accounts"

test_case "list --csv: a header of the --json names, then rows that read back as the --json values"
hd list --all --csv
expect_rc 0
expect_empty_err
cp "$OUT" "$TEST_DIR/list.csv"
if "$PYTHON" - "$TEST_DIR/list.json" "$TEST_DIR/list.csv" <<'EOF'; then ok; else fail "CSV does not read back as the --json values"; fi
import csv, json, sys
tickets = json.load(open(sys.argv[1]))
raw = open(sys.argv[2], "rb").read()
assert b"\r" not in raw, "rows end in LF"
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
def text(v):
    if v is None: return ""
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, list): return ",".join(text(x) for x in v)
    return str(v)
assert rows[0] == list(tickets[0].keys()), rows[0]
assert len(rows) == len(tickets) + 1
for t, row in zip(tickets, rows[1:]):
    assert row == [text(v) for v in t.values()], (row, t)
by_id = {int(r[0]): dict(zip(rows[0], r)) for r in rows[1:]}
assert by_id[3]["title"] == 'VPN, "again"'
assert by_id[3]["description"] == "line one\nline two\twith a tab"
assert by_id[4]["title"] == "two\nlines \x1b[31mred"
assert by_id[1]["tags"] == "hw,printer"
assert by_id[2]["title"] == "Réinitialiser MẬT KHẨU 🔑"
EOF
expect_out 'VPN, ""again""'

test_case "list --csv with a filter, and with nothing matching: the header alone"
hd list --csv id:1
expect_out_lines 2
hd list --csv tag:nothing-has-this
expect_rc 0
expect_out_lines 1
expect_out_re '^id,type,title,description,status,priority,'

test_case "list --exists overrides --format and --csv"
hd list --exists --format '{id}' id:1
expect_rc 0
expect_empty_out
hd list --exists --csv tag:nothing-has-this
expect_rc 1
expect_empty_out

test_case "an unknown field is refused, naming it and listing the fields"
remember_store
hd list --format '{id} {titel}'
expect_failure 2 "unknown field 'titel'"
expect_err "the fields are: id, type, title, description, status, priority,"
hd show 1 --format '{nope}'
expect_failure 2 "unknown field 'nope'"
expect_err "created_at"
hd kb search password --format '{id} {priority}'
expect_failure 2 "unknown field 'priority'"
expect_err "the fields are: id, slug, title, lang, category, tags, status,"
expect_err "score, snippet"
hd list --format '{}'
expect_failure 2 "unknown field ''"

test_case "an unclosed brace, a lone closing brace and a bad escape are refused"
hd list --format '{id'
expect_failure 2 "is not closed"
hd list --format '{id} {title'
expect_failure 2 "column 6"
hd show 1 --format 'x}'
expect_failure 2 "lone '}'"
hd kb search password --format '{id'
expect_failure 2 "is not closed"
hd list --format '{id}\x'
expect_failure 2 "unknown escape"
hd list --format "{id}\\"
expect_failure 2 "write '\\\\' for a backslash"

test_case "--format, --csv, --json and -q are one output form each"
hd list --format '{id}' --json
expect_failure 2 "choose one output form"
expect_err "--json and --format"
hd --json list --format '{id}'
expect_failure 2 "choose one output form"
hd list -q --format '{id}'
expect_failure 2 "-q and --format"
hd list --csv --json
expect_failure 2 "--json and --csv"
hd list --csv -q
expect_failure 2 "-q and --csv"
hd list --csv --format '{id}'
expect_failure 2 "--format and --csv"
hd show 1 --format '{id}' --json
expect_failure 2 "choose one output form"
hd show 1 --format '{id}' -q
expect_failure 2 "choose one output form"
hd kb search password --format '{id}' --json
expect_failure 2 "choose one output form"
hd kb search password --format '{id}' -q
expect_failure 2 "choose one output form"

test_case "a bad template fails before the store is read"
printf 'not a database' >"$TEST_DIR/garbage.db"
HD_DB="$TEST_DIR/garbage.db" hd list --format '{bad}'
expect_rc 2
expect_err "unknown field 'bad'"
HD_DB="$TEST_DIR/garbage.db" hd show 1 --format '{'
expect_rc 2
HD_DB="$TEST_DIR/garbage.db" hd kb search password --format '{bad}'
expect_rc 2
HD_DB="$TEST_DIR/absent.db" hd list --csv --json
expect_rc 2
if [ -e "$TEST_DIR/absent.db" ]; then fail "a refused command created the store"; else ok; fi
# ...while a good template on a broken store is a store error, as without --format.
HD_DB="$TEST_DIR/garbage.db" hd list --format '{id}'
expect_rc 5

finish
