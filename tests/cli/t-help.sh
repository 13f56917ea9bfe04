#!/usr/bin/env bash
# hd help [COMMAND...]: the --help text when stdout is not a terminal; on a terminal, the man page
# through man(1) when man -w finds it installed (a fake man on PATH records how it was called).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

test_case "hd help COMMAND... prints the command's --help text when stdout is not a terminal"
"$HD_BIN" kb search --help >"$TEST_DIR/expected"
hd help kb search
expect_rc 0
expect_empty_err
if cmp -s "$OUT" "$TEST_DIR/expected"; then ok; else fail "expected the text of hd kb search --help"; fi
expect_out "Usage: hd kb search"
hd help open
expect_rc 0
expect_out "Usage: hd open"
expect_out "--priority"
hd help sla sweep
expect_rc 0
expect_out "Usage: hd sla sweep"

test_case "hd help alone prints the top-level help"
"$HD_BIN" --help >"$TEST_DIR/expected"
hd help
expect_rc 0
if cmp -s "$OUT" "$TEST_DIR/expected"; then ok; else fail "expected the text of hd --help"; fi
expect_out "help"

test_case "hd help with an unknown command exits 2 with one line"
remember_store
hd help frobnicate
expect_failure 2 "no command 'hd frobnicate'"
hd help kb nope
expect_failure 2 "no command 'hd kb nope'"

test_case "hd help --help"
hd help --help
expect_rc 0
expect_out "Usage: hd help"

test_case "__complete after hd help offers commands, then their subcommands"
hd __complete help ""
expect_out_re '^open	Open a new ticket$'
expect_out_re '^kb	'
hd __complete help kb ""
expect_out_re '^search	'
hd __complete help nope ""
expect_out_exactly ""

# A fake man: `man -w PAGE` succeeds for the pages listed in $FAKE_MAN_PAGES; `man PAGE` records its
# arguments and the pager it was given.
mkdir -p "$TEST_DIR/bin"
cat >"$TEST_DIR/bin/man" <<'EOF'
#!/bin/sh
if [ "$1" = -w ]; then
    for page in $FAKE_MAN_PAGES; do [ "$page" = "$2" ] && { echo "/usr/share/man/man1/$2.1.gz"; exit 0; }; done
    exit 16
fi
echo "man called: $* MANPAGER=${MANPAGER:-}" >>"$FAKE_MAN_LOG"
echo "MAN PAGE $*"
EOF
chmod +x "$TEST_DIR/bin/man"
export FAKE_MAN_LOG="$TEST_DIR/man.log"

if tty_available; then
    test_case "on a terminal, hd help opens the installed page with man, which gets MANPAGER"
    : >"$FAKE_MAN_LOG"
    FAKE_MAN_PAGES="hd hd-kb-search" MANPAGER=cat PATH="$TEST_DIR/bin:$PATH" hd_tty 120 help kb search
    expect_rc 0
    expect_out "MAN PAGE hd-kb-search"
    expect_no_out "Usage:"
    if grep -qx "man called: hd-kb-search MANPAGER=cat" "$FAKE_MAN_LOG"; then ok; else fail "man not called for hd-kb-search: $(cat "$FAKE_MAN_LOG")"; fi
    FAKE_MAN_PAGES="hd hd-kb-search" PATH="$TEST_DIR/bin:$PATH" hd_tty 120 help
    expect_rc 0
    expect_out "MAN PAGE hd"

    test_case "on a terminal, a page that is not installed falls back to the --help text"
    : >"$FAKE_MAN_LOG"
    FAKE_MAN_PAGES="hd" PATH="$TEST_DIR/bin:$PATH" hd_tty 120 help kb search
    expect_rc 0
    expect_out "Usage: hd kb search"
    if [ -s "$FAKE_MAN_LOG" ]; then fail "man was called for a page it does not have"; else ok; fi

    test_case "on a terminal without man, hd help prints the --help text"
    script -qec "PATH=$(printf '%q' "$TEST_DIR/none"); export PATH; exec $(printf '%q' "$HD_BIN") help open" /dev/null \
        </dev/null 2>"$ERR" | tr -d '\r' >"$OUT"
    RC=${PIPESTATUS[0]}
    expect_rc 0
    expect_out "Usage: hd open"

    test_case "not on a terminal, man is not used even when the page is installed"
    : >"$FAKE_MAN_LOG"
    FAKE_MAN_PAGES="hd hd-kb-search" PATH="$TEST_DIR/bin:$PATH" hd help kb search
    expect_rc 0
    expect_out "Usage: hd kb search"
    if [ -s "$FAKE_MAN_LOG" ]; then fail "man was called with stdout not a terminal"; else ok; fi

    # The real man on the built pages, when both are here: MANPATH names a directory laid out as
    # the install does.
    MAN_BUILT="$(dirname "$HD_BIN")/../man"
    if command -v man >/dev/null && [ -f "$MAN_BUILT/hd-kb-search.1" ]; then
        test_case "on a terminal, the real man shows the page hd-kb-search(1)"
        mkdir -p "$TEST_DIR/man/man1"
        cp "$MAN_BUILT/hd-kb-search.1" "$TEST_DIR/man/man1/"
        MANPATH="$TEST_DIR/man" MANPAGER=cat MANWIDTH=100 hd_tty 120 help kb search
        sed -i 's/.\x08//g' "$OUT"  # no overstrike (bold, underline)
        expect_rc 0
        expect_out_re 'hd-kb-search'
        expect_out "SYNOPSIS"
        expect_no_out "Usage: hd kb search"
    else
        echo "skipped: real man on the built pages (man or the built pages not found)"
    fi
else
    echo "skipped: the terminal cases (script(1) cannot give a terminal here)"
fi

finish
