#!/usr/bin/env bash
# examples/config.toml: it loads without a warning, sets every key hd knows, and hd config prints it
# back with the same keys; then a ticket filed and worked under it gets its service levels.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

EXAMPLE=${HD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/examples/config.toml
export HD_CONFIG=$EXAMPLE

test_case "the example config loads without a warning"
hd config
expect_rc 0
expect_empty_err
cp "$OUT" "$TEST_DIR/effective.toml"

test_case "it sets every key that hd config shows for the defaults"
env -u HD_CONFIG XDG_CONFIG_HOME="$TEST_DIR/none" "$HD_BIN" config >"$TEST_DIR/defaults.toml"
"$PYTHON" - "$TEST_DIR/defaults.toml" "$EXAMPLE" <<'PY' && ok || fail "the example leaves keys out"
import re, sys, tomllib
# Keys of the defaults, set or shown commented ("# user = (login name)"), by section.
section, known = "", set()
for line in open(sys.argv[1]):
    if m := re.match(r"^\[+([a-z_.]+)\]+", line):
        section = m.group(1)
    elif m := re.match(r"^(?:# )?([a-z_]+) = ", line):
        known.add(f"{section}.{m.group(1)}" if section else m.group(1))
example = tomllib.load(open(sys.argv[2], "rb"))
def has(key):
    node = example
    for part in key.split("."):
        if isinstance(node, list): node = node[0]
        if part not in node: return False
        node = node[part]
    return True
missing = sorted(k for k in known if not has(k))
assert not missing, missing
# Each kind of section the defaults do not show: routes, templates, calendars, policies by type and
# category, and per-tier targets.
for key in ("route", "template", "calendar", "sla.P1", "sla.request", "sla.category", "ola.L1"):
    assert has(key), key
PY

test_case "hd config prints it back with the same keys, and loads back to the same output"
"$PYTHON" - "$TEST_DIR/effective.toml" "$EXAMPLE" <<'PY' && ok || fail "hd config does not print the example back"
import sys, tomllib
def keys(node, prefix=""):
    out = set()
    if isinstance(node, dict):
        for k, v in node.items(): out |= {prefix + k} | keys(v, prefix + k + ".")
    elif isinstance(node, list) and node and isinstance(node[0], dict):
        for i, item in enumerate(node): out |= keys(item, f"{prefix}{i}.")
    return out
effective = tomllib.load(open(sys.argv[1], "rb"))
example = tomllib.load(open(sys.argv[2], "rb"))
assert keys(effective) == keys(example), keys(effective) ^ keys(example)
# Written in canonical forms: tiers as levels, shares as fractions, working time in hours.
assert effective["route"][0]["tier"] == 2 and effective["sla"]["at_risk"] == 0.2
assert effective["sla"]["P3"]["resolve"] == "24h" and effective["sla"]["request"]["P3"]["resolve"] == "40h"
PY
hd --config "$TEST_DIR/effective.toml" config
expect_rc 0
expect_empty_err
diff <(grep -v '# from\|^# The effective' "$OUT") <(grep -v '# from\|^# The effective' "$TEST_DIR/effective.toml") >/dev/null &&
    ok || fail "hd config of its own output differs"

test_case "a ticket under the example config: routing, template, service levels"
export HD_NOW=2026-11-23T08:00:00Z # Monday 09:00 in Warsaw
hd open "Mail server down" -c email -p P2 --json
expect_rc 0
expect_json '["tier"]' 2
expect_json '["team"]' netops
hd show 1 --json
expect_json '["sla"]["calendar"]' extended
expect_json '["sla"]["respond_due"]' "2026-11-23T09:00:00Z"
hd open --template disk-full --var host=web1 --var mount=/srv --var use=93 --json
expect_rc 0
expect_json '["title"]' "Disk /srv on web1 is 93% full"
expect_json '["dedup_key"]' "disk-web1-/srv"
hd sla -q
expect_rc 0

finish
