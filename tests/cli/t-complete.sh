#!/usr/bin/env bash
# Shell completion: `hd __complete` candidates, and the bash script driven as bash itself drives it.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

PATH="$(dirname "$HD_BIN"):$PATH"
export PATH
"$HD_BIN" open "Printer on floor 3" -q >/dev/null
"$HD_BIN" agent add alice --tier 1 -q >/dev/null

test_case "__complete offers commands with descriptions"
hd __complete ""
expect_rc 0
expect_out_re '^open	Open a new ticket$'
expect_no_out "__complete"

test_case "__complete offers options, option values, agents and ticket ids"
hd __complete open --pri
expect_out "--priority"
hd __complete open --type ""
expect_out_exactly "$(printf 'incident\nrequest\nproblem\nchange')"
hd __complete escalate 1 --assign ""
expect_out "alice"
hd __complete show ""
expect_out_re '^1	Printer on floor 3$'
hd __complete agent ""
expect_out_re '^rm	'

test_case "__complete offers the tickets a command can act on"
"$HD_BIN" open "Solved already" -q >/dev/null # 2
"$HD_BIN" --as alice resolve 2 --note "done" >/dev/null
hd __complete start ""
expect_out_re '^1	Printer on floor 3$'
expect_no_out "Solved already"
hd __complete reopen ""
expect_out_exactly "$(printf '2\tSolved already')"
hd __complete show ""
expect_out "Solved already"
expect_out "Printer on floor 3"

test_case "__complete covers hd kb: subcommands, articles, languages, tickets"
printf -- '---\ntitle: VPN drops\nid: vpn-drops\nlang: en\n---\nReconnect.\n' >"$TEST_DIR/vpn.md"
"$HD_BIN" --as alice agent set alice --tier 2 >/dev/null
"$HD_BIN" --as alice kb import "$TEST_DIR/vpn.md" -q >/dev/null
hd __complete kb ""
expect_out_re '^search	'
expect_out_re '^import	'
hd __complete kb show ""
expect_out_re '^1	VPN drops \(en\)$'
hd __complete kb search x --lang ""
expect_out "vi"
hd __complete kb link 1 ""
expect_out_re '^1	Printer on floor 3$'
hd __complete kb suggest ""
expect_out_re '^1	Printer on floor 3$'
hd __complete resolve 1 --kb ""
expect_out_re '^1	VPN drops'
hd __complete kb search --
expect_out "--drafts"

test_case "__complete offers template names after --template and hd template show"
mkdir -p "$XDG_CONFIG_HOME/hd"
printf '[template.disk]\ntitle = "Disk {mount} full on {host}"\n[template.cert]\ntitle = "Certificate {name} expires"\n' \
    >"$XDG_CONFIG_HOME/hd/config.toml"
hd __complete open --template ""
expect_out_re '^disk$'
expect_out_re '^cert$'
hd __complete template show ""
expect_rc 0
expect_out_re '^disk$'
expect_out_re '^cert$'
hd __complete template show disk ""
expect_out_exactly ""
rm "$XDG_CONFIG_HOME/hd/config.toml"

test_case "hd completion prints each shell's script, and refuses an unknown shell"
for shell in bash zsh fish; do
    hd completion "$shell"
    expect_rc 0
    expect_out "__complete"
done
remember_store
hd completion tcsh
expect_rc 2
expect_error_line
expect_store_unchanged

test_case "the bash script completes in bash"
# shellcheck disable=SC1090
source <("$HD_BIN" completion bash)
COMP_WORDS=(hd esc)
COMP_CWORD=1
_hd
if [ "${COMPREPLY[*]}" = "escalate" ]; then ok; else fail "expected escalate, got ${COMPREPLY[*]}"; fi
COMP_WORDS=(hd open -p P)
COMP_CWORD=3
_hd
if [ "${COMPREPLY[*]}" = "P1 P2 P3 P4" ]; then ok; else fail "expected P1..P4, got ${COMPREPLY[*]}"; fi
if complete -p hd | grep -q -- '-F _hd'; then ok; else fail "complete -p hd does not name _hd"; fi

finish
