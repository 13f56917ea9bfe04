#!/usr/bin/env bash
# The completion scripts in the real shells: bash (programmable completion, sourced and through
# bash-completion's loader), zsh (compinit on a pseudo-terminal through zpty; from $fpath and
# sourced) and fish (`complete -C`; sourced and from vendor_completions.d). A shell that is not
# installed is skipped with a visible line, counted neither passed nor failed.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

PATH="$(dirname "$HD_BIN"):$PATH"
export PATH
unset BASH_COMPLETION_USER_DIR XDG_DATA_DIRS

"$HD_BIN" open "Printer on floor 3" -q >/dev/null
"$HD_BIN" open "VPN: drops every hour" -q >/dev/null
"$HD_BIN" agent add alice --tier 2 -q >/dev/null

# Where each shell looks for an installed script (as cmake --install lays them out).
SHARE="$TEST_DIR/share"
mkdir -p "$SHARE/zsh/site-functions" "$SHARE/fish/vendor_completions.d" "$XDG_DATA_HOME/bash-completion/completions"
"$HD_BIN" completion zsh >"$SHARE/zsh/site-functions/_hd"
"$HD_BIN" completion zsh >"$TEST_DIR/hd.zsh"
"$HD_BIN" completion fish >"$SHARE/fish/vendor_completions.d/hd.fish"
"$HD_BIN" completion fish >"$TEST_DIR/hd.fish"
"$HD_BIN" completion bash >"$XDG_DATA_HOME/bash-completion/completions/hd"

# complete SHELL MODE LINE: what SHELL offers for a Tab at the end of LINE, one candidate a line in
# OUT: "value", "value<TAB>description" (fish) or "value -- description" (zsh); sets RC.
complete() {
    local shell=$1 mode=$2 line=$3
    case $shell/$mode in
    bash/source) bash --norc --noprofile "$HERE/complete-bash.sh" "$line" ;;
    bash/loader) HD_BASH_LOADER=1 bash --norc --noprofile "$HERE/complete-bash.sh" "$line" ;;
    zsh/fpath) HD_ZSH_FPATH="$SHARE/zsh/site-functions" zsh -f "$HERE/complete-zsh.zsh" "$line" ;;
    zsh/source) HD_ZSH_SOURCE="$TEST_DIR/hd.zsh" zsh -f "$HERE/complete-zsh.zsh" "$line" ;;
    fish/source) fish --no-config -c "source $(printf '%q' "$TEST_DIR/hd.fish"); complete -C $(printf '%q' "$line")" ;;
    fish/vendor) XDG_DATA_DIRS="$SHARE:/usr/share" fish -c "complete -C $(printf '%q' "$line")" ;;
    esac >"$OUT" 2>"$ERR"
    RC=$?
}

# The candidates' values alone, sorted.
values() { sed -e 's/\t.*//' -e 's/ -- .*//' "$OUT" | sort; }

# expect_values WORD...: exactly these candidates (in any order).
expect_values() {
    local want got
    want=$(printf '%s\n' "$@" | sort)
    got=$(values)
    if [ "$got" = "$want" ]; then ok; else fail "expected candidates: $* (got: $(tr '\n' ' ' <<<"$got"))"; fi
}
# expect_value WORD: WORD is among the candidates.
expect_value() { if values | grep -qxF -- "$1"; then ok; else fail "expected candidate: $1"; fi; }
# expect_described WORD TEXT: WORD is offered with TEXT as its description (shells that show them).
expect_described() {
    if grep -qE -- "^$1(	| -- )$2" "$OUT"; then ok; else fail "expected candidate $1 described as: $2"; fi
}

suite() {
    local shell=$1 mode=$2 described=no
    [ "$shell" = bash ] || described=yes

    test_case "$shell ($mode): nested commands"
    complete "$shell" "$mode" "hd kb se"
    expect_rc 0
    expect_values search
    expect_empty_err
    complete "$shell" "$mode" "hd sla sw"
    expect_values sweep
    complete "$shell" "$mode" "hd esc"
    expect_values escalate
    complete "$shell" "$mode" "hd "
    expect_value open
    expect_value kb
    expect_no_out "__complete"
    [ $described = no ] || expect_described open "Open a new ticket"

    test_case "$shell ($mode): options"
    complete "$shell" "$mode" "hd open --pri"
    expect_values --priority
    complete "$shell" "$mode" "hd kb search --dr"
    expect_values --drafts

    test_case "$shell ($mode): option values"
    complete "$shell" "$mode" "hd open --type "
    expect_values incident request problem change
    complete "$shell" "$mode" "hd open -p "
    expect_values P1 P2 P3 P4
    complete "$shell" "$mode" "hd report volume --by "
    expect_values day week month
    complete "$shell" "$mode" "hd open --type=in"
    if [ "$shell" = bash ]; then expect_values incident; else expect_values --type=incident; fi
    complete "$shell" "$mode" "hd escalate 1 --assign "
    expect_values alice

    test_case "$shell ($mode): ticket ids with their titles, report kinds"
    complete "$shell" "$mode" "hd show "
    expect_values 1 2
    if [ $described = yes ]; then
        expect_described 1 "Printer on floor 3"
        expect_described 2 "VPN: drops every hour"
    fi
    complete "$shell" "$mode" "hd report "
    expect_value sla
    expect_value volume

    test_case "$shell ($mode): hd help completes command names"
    complete "$shell" "$mode" "hd help kb se"
    expect_values search
    complete "$shell" "$mode" "hd help op"
    expect_values open
}

for shell in bash zsh fish; do
    if ! command -v "$shell" >/dev/null; then
        echo "skipped: $shell not installed"
        continue
    fi
    case $shell in
    bash)
        suite bash source
        if [ -f /usr/share/bash-completion/bash_completion ]; then
            suite bash loader
        else
            echo "skipped: bash-completion not installed"
        fi
        ;;
    zsh)
        if zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
            suite zsh fpath
            suite zsh source
        else
            echo "skipped: zsh has no zpty module"
        fi
        ;;
    fish)
        suite fish source
        suite fish vendor
        ;;
    esac
done

finish
