#!/usr/bin/env bash
# The ticket lifecycle: new → open → pending ⇄ open → resolved → closed, resolved → open.
# Every legal move, the illegal ones (exit 4 naming the legal moves), and several ids all or nothing.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

status_of() { store_field "$1" status; }
expect_status() {
    local got
    got=$(status_of "$1")
    if [ "$got" = "$2" ]; then ok; else fail "expected #$1 to be $2, it is $got"; fi
}

HD_NOW=2026-11-20T10:00:00Z open_ticket "Printer jams" >/dev/null # 1

test_case "start moves new → open"
hd start 1
expect_rc 0
expect_empty_err
expect_out "#1"
expect_status 1 open

test_case "pend moves open → pending, with the reason in the log"
hd pend 1 --reason "Waiting for the user to reboot"
expect_rc 0
expect_empty_err
expect_status 1 pending
hd log 1
expect_out "open → pending"
expect_out "Waiting for the user to reboot"

test_case "start moves pending → open"
hd start 1
expect_rc 0
expect_status 1 open

test_case "resolve moves open → resolved, sets resolved_at and the code, logs the note"
HD_NOW=2026-11-22T10:00:00Z hd resolve 1 --note "Replaced the fuser"
expect_rc 0
expect_empty_err
hd show 1 --json
expect_json '["status"]' resolved
expect_json '["resolved_at"]' 2026-11-22T10:00:00Z
expect_json '["resolution_code"]' fixed
expect_json '["closed_at"]' None
hd log 1
expect_out "open → resolved"
expect_out "Replaced the fuser"

test_case "reopen moves resolved → open, clears resolved_at, logs the reason"
hd reopen 1 --reason "Jams again"
expect_rc 0
expect_empty_err
hd show 1 --json
expect_json '["status"]' open
expect_json '["resolved_at"]' None
hd log 1
expect_out "resolved → open"
expect_out "Jams again"

test_case "pending → resolved is a legal move"
hd pend 1
expect_rc 0
hd resolve 1 --note "Fixed while waiting" --code workaround
expect_rc 0
hd show 1 --json
expect_json '["status"]' resolved
expect_json '["resolution_code"]' workaround

test_case "close moves resolved → closed and sets closed_at"
hd close 1
expect_rc 0
expect_empty_err
expect_out "#1"
hd show 1 --json
expect_json '["status"]' closed
expect_json '["closed_at"]' 2026-11-23T10:00:00Z
expect_json '["updated_at"]' 2026-11-23T10:00:00Z

test_case "every resolution code is accepted"
for code in fixed workaround duplicate no-fault; do
    id=$(open_ticket "Code $code")
    hd resolve "$id" --note "n" --code "$code"
    expect_rc 0
    hd show "$id" --json
    expect_json '["resolution_code"]' "$code"
done

test_case "resolve --note - reads the note from stdin"
id=$(open_ticket "Note from stdin")
hd_in "Rebooted the switch" resolve "$id" --note -
expect_rc 0
hd log "$id"
expect_out "Rebooted the switch"

test_case "a note piped with a final newline does not show it as an escape in the log"
id=$(open_ticket "Echoed note")
echo "Swapped the cable" >"$TEST_DIR/note"
hd_file "$TEST_DIR/note" resolve "$id" --note -
expect_rc 0
hd log "$id"
expect_out "Swapped the cable"
expect_no_out '\x0a'

test_case "the moves record who made them"
id=$(open_ticket "Whose move")
hd --as alice start "$id"
hd --as bob resolve "$id" --note "Done"
hd log "$id"
expect_out_re 'alice .*new → open'
expect_out_re 'bob .*open → resolved'

test_case "moves with -q print nothing"
id=$(open_ticket "Quiet moves")
for move in "start" "pend" "start" "resolve --note n" "reopen --reason r" "resolve --note n" "close"; do
    # shellcheck disable=SC2086 # the move is a command with its options
    hd -q $move "$id"
    expect_rc 0
    expect_empty_out
done
expect_status "$id" closed

# Illegal moves: exit 4, one error line that says which moves are legal from the status.
test_case "resolving a closed ticket is refused with exit 4"
remember_store
hd resolve 1 --note "again"
expect_failure 4 "closed"

test_case "closing a never-resolved (new) ticket is refused, naming the legal moves"
id=$(open_ticket "Never resolved")
remember_store
hd close "$id"
expect_failure 4 "new"
expect_err "start"
expect_err "pend"
expect_err "resolve"
expect_status "$id" new

test_case "closing an open ticket is refused, naming the legal moves"
hd start "$id"
remember_store
hd close "$id"
expect_failure 4 "open"
expect_err "pend"
expect_err "resolve"

test_case "starting an open ticket is refused"
remember_store
hd start "$id"
expect_failure 4 "open"

test_case "reopening a ticket that is not resolved is refused"
remember_store
hd reopen "$id" --reason "why"
expect_failure 4 "open"
hd reopen 1 --reason "why"
expect_failure 4 "closed"

test_case "pending a pending ticket is refused"
hd pend "$id"
remember_store
hd pend "$id"
expect_failure 4 "pending"
expect_err "start"
expect_err "resolve"

test_case "starting or pending a resolved ticket is refused, naming close and reopen"
hd resolve "$id" --note "Done"
remember_store
hd start "$id"
expect_failure 4 "resolved"
expect_err "close"
expect_err "reopen"
hd pend "$id"
expect_failure 4 "resolved"

test_case "a closed ticket accepts no move at all"
remember_store
for move in "start" "pend" "resolve --note n" "reopen --reason r" "close"; do
    # shellcheck disable=SC2086
    hd $move 1
    expect_failure 4 "closed"
done

# Several ids: all or nothing.
test_case "close 1 2 where 2 is not resolved changes neither"
a=$(open_ticket "Resolved A")
b=$(open_ticket "New B")
hd resolve "$a" --note "Done"
remember_store
hd close "$a" "$b"
expect_failure 4 "#$b"
expect_status "$a" resolved
expect_status "$b" new

test_case "close of several resolved ids closes them all"
hd resolve "$b" --note "Done"
hd close "$a" "#$b"
expect_rc 0
expect_status "$a" closed
expect_status "$b" closed

test_case "resolve of an existing and a missing id is exit 3 and resolves neither"
c=$(open_ticket "Existing C")
remember_store
hd resolve "$c" 99 --note "Done"
expect_failure 3 "#99"
expect_status "$c" new

test_case "start of several ids where one is already open starts none"
d=$(open_ticket "New D")
remember_store
hd start "$d" "$id"
expect_failure 4 "#$id"
expect_status "$d" new

# Bad input to the moves: exit 2.
test_case "resolve without --note is exit 2"
remember_store
hd resolve "$c"
expect_failure 2 "--note"
hd resolve "$c" --note ""
expect_failure 2 "note"
hd resolve "$c" --note "   "
expect_failure 2 "note"

test_case "resolve --code bogus is exit 2, naming the codes"
remember_store
hd resolve "$c" --note n --code bogus
expect_failure 2 "bogus"
expect_err "workaround"

test_case "reopen without --reason is exit 2"
e=$(open_ticket "Resolved E")
hd resolve "$e" --note "Done"
remember_store
hd reopen "$e"
expect_failure 2 "--reason"
hd reopen "$e" --reason ""
expect_failure 2 "reason"

test_case "a move on a missing ticket is exit 3"
remember_store
for move in start pend close take; do
    hd "$move" 4242
    expect_failure 3 "#4242"
done

test_case "a move without an id is exit 2"
remember_store
hd start
expect_failure 2 "ids"

finish
