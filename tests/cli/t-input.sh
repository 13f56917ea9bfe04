#!/usr/bin/env bash
# Bad input across commands: unknown ids, bad values, bad titles, invalid UTF-8, control
# sequences (refused in titles, stored but escaped in text), the size limit, unknown options,
# id forms, and --json errors. Every failure: exit code, one 'hd: error:' line, nothing written.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

ESC=$'\033'
open_ticket "Printer jams" >/dev/null # 1

test_case "an unknown id is exit 3 for every command that takes one"
remember_store
for args in "show 99" "log 99" "edit 99 -p P1" "comment 99 hello" "assign 99 bob" "assign 99 --none" \
    "take 99" "start 99" "pend 99" "resolve 99 --note n" "close 99" "reopen 99 --reason r"; do
    # shellcheck disable=SC2086 # each entry is a command line
    hd $args
    expect_failure 3 "#99"
done

test_case "an id that is not a positive integer is exit 2, for every command"
remember_store
for id in abc 0 -1 1a '##1' '#' 99999999999999999999; do
    hd show -- "$id"
    expect_failure 2 "not a ticket id"
    hd close -- "$id"
    expect_failure 2 "not a ticket id"
done

test_case "#42 and 42 name the same ticket"
hd show '#1' --json
expect_rc 0
expect_json '["id"]' 1
hd comment '#1' "via hash"
expect_rc 0
hd edit '#1' --tag +hash
expect_rc 0
hd show 1 --json
expect_json '["tags"]' "['hash']"

test_case "-p P9 is exit 2 for open and edit"
remember_store
hd open "Bad priority" -p P9
expect_failure 2 "P9"
hd edit 1 -p P9
expect_failure 2 "P9"
hd open "Bad priority" -p P0
expect_failure 2 "P0"

test_case "an empty title is exit 2"
remember_store
hd open ""
expect_failure 2 "title is empty"
hd edit 1 --title ""
expect_failure 2 "title is empty"

test_case "a title of only whitespace is exit 2"
remember_store
hd open "   "
expect_failure 2 "title is empty"
hd edit 1 --title "  "
expect_failure 2 "title is empty"

test_case "a title with invalid UTF-8 is exit 2"
remember_store
hd open "$(printf 'bad \xff byte')"
expect_failure 2 "UTF-8"
hd open "$(printf 'overlong \xc0\xaf slash')"
expect_failure 2 "UTF-8"
hd open "$(printf 'cut \xe1\xba')"
expect_failure 2 "UTF-8"
hd edit 1 --title "$(printf 'bad \xff byte')"
expect_failure 2 "UTF-8"

test_case "a title with a control sequence is exit 2"
remember_store
hd open "red ${ESC}[31malert"
expect_failure 2 "control character"
hd open "$(printf 'two\nlines')"
expect_failure 2 "control character"
hd open "$(printf 'C1 CSI \xc2\x9b31m')"
expect_failure 2 "control character"
hd edit 1 --title "red ${ESC}[31malert"
expect_failure 2 "control character"

test_case "invalid UTF-8 in a description or from stdin is exit 2"
remember_store
hd open "Title" -d "$(printf 'bad \xff')"
expect_failure 2 "UTF-8"
hd_in "$(printf 'bad \xff')" open "Title" -d -
expect_failure 2 "UTF-8"

test_case "a control sequence in a description is stored as given"
id=$(open_ticket "Mail from outside" -d "hello ${ESC}[31mred${ESC}[0m ${ESC}]0;pwned$(printf '\a') ${ESC}[2J bye")
hd show "$id" --json
expect_rc 0
expect_json '["description"]' "hello ${ESC}[31mred${ESC}[0m ${ESC}]0;pwned$(printf '\a') ${ESC}[2J bye"

test_case "show prints a control sequence escaped: no raw ESC or BEL on stdout"
hd comment "$id" "comment ${ESC}[5mblink"
hd pend "$id" --reason "reason ${ESC}[1m"
for cmd in "show $id" "show $id --history" "log $id" "list" "show $id --json" "log $id --json" "list --json"; do
    # shellcheck disable=SC2086
    hd $cmd
    expect_rc 0
    if grep -q "$ESC" "$OUT"; then fail "hd $cmd printed a raw ESC"; else ok; fi
    if grep -q "$(printf '\a')" "$OUT"; then fail "hd $cmd printed a raw BEL"; else ok; fi
done
hd show "$id"
expect_out "hello"
expect_out "red"
expect_out "bye"
expect_out_re '\\(x1b|e|033|u001b)\[31m'

test_case "a C1 control character (U+009B) in text is escaped too"
id2=$(open_ticket "C1" -d "$(printf 'csi \xc2\x9b2J end')")
hd show "$id2"
expect_rc 0
if grep -q "$(printf '\xc2\x9b')" "$OUT"; then fail "show printed a raw U+009B"; else ok; fi
expect_out "end"

test_case "an error message quoting user text escapes control characters"
hd show "${ESC}[31m1"
expect_rc 2
expect_error_line
if grep -q "$ESC" "$ERR"; then fail "the error printed a raw ESC"; else ok; fi
hd list "st${ESC}[2J:x"
expect_rc 2
if grep -q "$ESC" "$ERR"; then fail "the error printed a raw ESC"; else ok; fi

test_case "a 10 MB description on stdin is exit 2 naming the limit"
head -c 10485760 /dev/zero | tr '\0' a >"$TEST_DIR/big"
remember_store
hd_file "$TEST_DIR/big" open "Huge" -d -
expect_failure 2 "limits.max_text"
expect_err_re '1024 KiB|1 ?MiB'

test_case "a 10 MB comment on stdin is exit 2 naming the limit"
remember_store
hd_file "$TEST_DIR/big" comment 1 -
expect_failure 2 "limits.max_text"

test_case "a description at the limit (1 MiB) is accepted, one byte more is not"
head -c 1048576 /dev/zero | tr '\0' b >"$TEST_DIR/limit"
hd_file "$TEST_DIR/limit" open "At the limit" -d - -q
expect_rc 0
printf 'b' >>"$TEST_DIR/limit"
remember_store
hd_file "$TEST_DIR/limit" open "Over the limit" -d -
expect_failure 2 "limits.max_text"

test_case "a title over 500 bytes is exit 2 naming the limit"
remember_store
hd open "$(head -c 501 /dev/zero | tr '\0' t)"
expect_failure 2 "500"

test_case "an unknown option is exit 2, for the global options and each command"
remember_store
hd --bogus list
expect_failure 2 "--bogus"
for args in "init" "open Title" "list" "show 1" "log 1" "edit 1 -p P1" "comment 1 text" "assign 1 bob" \
    "take 1" "start 1" "pend 1" "resolve 1 --note n" "close 1" "reopen 1 --reason r" "config" "config path"; do
    # shellcheck disable=SC2086
    hd $args --bogus
    expect_failure 2 "--bogus"
done

test_case "an unknown command is exit 2"
remember_store
hd frobnicate
expect_failure 2 "frobnicate"

test_case "a bad --color value is exit 2"
remember_store
hd --color sometimes list
expect_failure 2 "sometimes"

test_case "an HD_NOW that is not a time is exit 2"
remember_store
HD_NOW=yesterday hd open "When"
expect_failure 2 "HD_NOW"

test_case "with --json an error is still one 'hd: error:' line on stderr and nothing on stdout"
remember_store
hd --json show 99
expect_failure 3 "#99"
hd --json open ""
expect_failure 2 "title"
hd --json list foo:bar
expect_failure 2 "foo"
hd --json open "Bad" -p P9
expect_failure 2 "P9"
hd list --json --bogus
expect_failure 2 "--bogus"

finish
