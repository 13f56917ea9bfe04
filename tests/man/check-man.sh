#!/usr/bin/env bash
# Checks the built man pages against the built hd:
#   - every command that `hd --help` lists has a page hd-COMMAND.1, and hd(1) refers to it;
#   - every option that `hd --help` and `hd COMMAND --help` show (each -s and --long form) appears in
#     the OPTIONS section of hd(1) or hd-COMMAND(1); a nested command (`hd config path`) is covered
#     by hd-config-path.1 when that page exists, else by its parent's page, which must name it;
#   - `mandoc -T lint -W warning` reports nothing for any page.
# Environment: HD_BIN (the hd binary, default build/cmd/hd), HD_MAN_DIR (the built pages, default
# build/man). Prints one line per failure and 'N passed, M failed'; exits 1 when anything failed.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HD_BIN=${HD_BIN:-$ROOT/build/cmd/hd}
HD_MAN_DIR=${HD_MAN_DIR:-$ROOT/build/man}

[ -x "$HD_BIN" ] || { echo "hd binary not found at $HD_BIN (set HD_BIN)"; exit 1; }
[ -d "$HD_MAN_DIR" ] || { echo "man pages not found in $HD_MAN_DIR (set HD_MAN_DIR; build the 'man' target)"; exit 1; }
command -v mandoc >/dev/null || { echo "mandoc not found (apt-get install mandoc)"; exit 1; }

# Help texts must not depend on the caller's terminal or config.
export COLUMNS=200 NO_COLOR=1
unset HD_CONFIG HD_DB

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }

# The page as plain text: no overstrike, no hyphenation at line ends (a wide layout).
render() { mandoc -T ascii -O width=400 "$1" | sed -e 's/.\x08//g'; }

# The text of one section (a heading in column 0) of a rendered page.
section() { awk -v name="$2" '/^[A-Z]/ { inside = ($0 == name) ; next } inside' <<<"$1"; }

# The entries of a section: the tag lines of its list ("-d, --description text"), each followed by
# its more deeply indented description. A mention in a description or in prose is not an entry.
entries() {
    awk '{ match($0, /^ */); depth = ($0 == "") ? -1 : RLENGTH }
         NR == 1 { base = depth }
         depth > base && previous_depth == base { print previous }
         { previous = $0; previous_depth = depth }' <<<"$1"
}

# The commands listed under "Subcommands:" in a help text.
subcommands() { awk '/^[A-Za-z].*:$/ { inside = ($0 == "Subcommands:"); next } inside && /^  [a-z]/ { print $1 }'; }

# The option names (-s, --long) listed under "Options:" in a help text, one per line.
options() {
    awk '/^[A-Za-z].*:$/ { inside = ($0 == "Options:"); next }
         inside && /^  -/ { n = split($1, names, ","); for (i = 1; i <= n; i++) print names[i] }'
}

# has_word TEXT WORD: WORD appears in TEXT, not as part of a longer option or word.
has_word() { grep -q -- "\(^\|[^-A-Za-z0-9_]\)$(sed 's/[.[\*^$]/\\&/g' <<<"$2")\([^-A-Za-z0-9_]\|$\)" <<<"$1"; }

# check_options WHAT PAGE HELP: every option in HELP has an entry in PAGE's OPTIONS section.
check_options() {
    local what=$1 page=$2 help=$3 text opts option
    text=$(render "$page")
    opts=$(entries "$(section "$text" OPTIONS)")
    [ -n "$opts" ] || { fail "$what: $(basename "$page") has no OPTIONS section"; return; }
    while read -r option; do
        [ -n "$option" ] || continue
        if has_word "$opts" "$option"; then pass; else fail "$what: option $option has no entry in OPTIONS of $(basename "$page")"; fi
    done < <(options <<<"$help")
}

top_help=$("$HD_BIN" --help) || { echo "hd --help failed"; exit 1; }
top_page=$HD_MAN_DIR/hd.1
if [ -f "$top_page" ]; then
    pass
    check_options "hd" "$top_page" "$top_help"
    top_text=$(render "$top_page")
else
    fail "hd has no page hd.1"
    top_text=""
fi

commands=$(subcommands <<<"$top_help")
[ -n "$commands" ] || fail "hd --help lists no subcommands"

for command in $commands; do
    page=$HD_MAN_DIR/hd-$command.1
    help=$("$HD_BIN" "$command" --help) || { fail "hd $command --help failed"; continue; }
    if [ ! -f "$page" ]; then
        fail "hd $command has no page hd-$command.1"
        continue
    fi
    pass
    if has_word "$top_text" "hd-$command(1)"; then pass; else fail "hd.1 does not refer to hd-$command(1)"; fi
    check_options "hd $command" "$page" "$help"

    for nested in $(subcommands <<<"$help"); do
        nested_help=$("$HD_BIN" "$command" "$nested" --help) || { fail "hd $command $nested --help failed"; continue; }
        nested_page=$HD_MAN_DIR/hd-$command-$nested.1
        if [ ! -f "$nested_page" ]; then
            nested_page=$page
            if render "$page" | grep -q -- "hd $command $nested"; then pass; else fail "hd $command $nested has no page hd-$command-$nested.1 and is not in hd-$command.1"; fi
        fi
        check_options "hd $command $nested" "$nested_page" "$nested_help"
    done
done

# Every page, built from man/*.scd, lints clean.
shopt -s nullglob
pages=("$HD_MAN_DIR"/*.[1-9])
[ ${#pages[@]} -gt 0 ] || fail "no man pages in $HD_MAN_DIR"
for page in "${pages[@]}"; do
    if report=$(mandoc -T lint -W warning "$page" 2>&1) && [ -z "$report" ]; then
        pass
    else
        fail "mandoc -T lint $(basename "$page"):"
        printf '%s\n' "$report" | sed 's/^/    /'
    fi
done

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
