#!/usr/bin/env bash
# Hooks (hd-hooks(5)): which run after which change, what they read and see, failures, the time limit,
# the refusals, and hd hook run / list.
# The hook scripts' bodies are single-quoted: their $VARIABLES are the hook's, expanded when it runs.
# shellcheck disable=SC2016
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

HOOKS=$XDG_CONFIG_HOME/hd/hooks
export RUNS=$TEST_DIR/runs # where the recording hook writes
export HD_BIN
mkdir -p "$RUNS"

# make_hook NAME BODY: an executable shell script HOOKS/NAME, mode 0700.
make_hook() {
    printf '#!/bin/sh\n%s\n' "$2" >"$HOOKS/$1"
    chmod 700 "$HOOKS/$1"
}

# The recording hook: appends "EVENT TICKET" to RUNS/log, keeps its input and environment per event
# and ticket, and prints a line on its stdout (which must land on hd's stderr).
RECORD='echo "$HD_EVENT $HD_TICKET" >> "$RUNS/log"
cat > "$RUNS/$HD_EVENT-$HD_TICKET.json"
printf "%s|%s|%s|%s\n" "$HD_EVENT" "$HD_TICKET" "$HD_DB" "$HD_HOOK" > "$RUNS/$HD_EVENT-$HD_TICKET.env"
echo "hook $HD_EVENT says hi"'
record_all() { for h in on-open on-change on-escalate on-resolve on-close; do make_hook "$h" "$RECORD"; done; }
clear_runs() { rm -f "$RUNS"/*; }
runs() { cat "$RUNS/log" 2>/dev/null; }

expect_runs() {
    local got
    got=$(runs | tr '\n' ';')
    if [ "$got" = "$1" ]; then ok; else fail "expected hook runs '$1', got '$got'"; fi
}

# expect_hook_json FILE PYTHON_EXPR: with d the JSON document a hook read, the expression is true.
expect_hook_json() {
    local got
    got=$("$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(bool(eval(sys.argv[2])))' "$RUNS/$1" "$2" 2>&1)
    if [ "$got" = True ]; then ok; else fail "expected $1 to hold: $2 (got $got)"; fi
}

test_case "no hooks directory: nothing runs, nothing is said"
hd open "Before hooks" -q
expect_rc 0
expect_out_exactly 1
expect_empty_err

mkdir -p "$HOOKS"
chmod 700 "$XDG_CONFIG_HOME" "$XDG_CONFIG_HOME/hd" "$HOOKS"

test_case "an empty hooks directory: nothing runs, nothing is said"
hd edit 1 -p P2
expect_rc 0
expect_empty_err

record_all

test_case "on-open: the new ticket, its creation event, the environment; stdout stays clean"
clear_runs
hd open "Printer on floor 3 jams" -c printer -p P2 -q
expect_rc 0
expect_out_exactly 2
expect_err "hook on-open says hi"
expect_runs "on-open 2;"
expect_hook_json on-open-2.json 'd["event"] == "on-open" and d["actor"] == "tester" and d["at"] == "2026-11-23T10:00:00Z"'
expect_hook_json on-open-2.json 'd["ticket"]["id"] == 2 and d["ticket"]["title"] == "Printer on floor 3 jams" and d["ticket"]["status"] == "new"'
expect_hook_json on-open-2.json 'd["ticket"]["priority"] == "P2" and d["ticket"]["category"] == "printer"'
expect_hook_json on-open-2.json '[c["kind"] for c in d["changes"]] == ["created"] and d["changes"][0]["ticket"] == 2'
expect_hook_json on-open-2.json 'list(d.keys()) == ["event", "ticket", "changes", "actor", "at"]'
expect_hook_json on-open-2.json 'all(k in d["ticket"] for k in ("comments", "links", "tier_path"))'
if [ "$(cat "$RUNS/on-open-2.env")" = "on-open|2|$HD_DB|$HOOKS/on-open" ]; then ok; else fail "hook environment: $(cat "$RUNS/on-open-2.env")"; fi

test_case "--json output is not polluted by a hook's output"
clear_runs
hd open "Mail is down" --json
expect_rc 0
expect_json '["title"]' "Mail is down"
expect_err "hook on-open says hi"
expect_runs "on-open 3;"

test_case "on-change: once per ticket per command, with every change"
clear_runs
hd edit 2 -p P1 -c network
expect_rc 0
expect_runs "on-change 2;"
expect_hook_json on-change-2.json 'd["event"] == "on-change" and d["ticket"]["priority"] == "P1" and d["ticket"]["category"] == "network"'
expect_hook_json on-change-2.json 'sorted(c["field"] for c in d["changes"]) == ["category", "priority"] and all(c["kind"] == "field" for c in d["changes"])'

test_case "a comment runs on-change, and the hook sees the comment"
clear_runs
hd comment 2 "Called the vendor"
expect_rc 0
expect_runs "on-change 2;"
expect_hook_json on-change-2.json '[c["kind"] for c in d["changes"]] == ["commented"] and d["ticket"]["comments"][-1]["body"] == "Called the vendor"'

test_case "on-escalate, then on-change"
clear_runs
hd escalate 2 --reason "Needs the network team"
expect_rc 0
expect_runs "on-escalate 2;on-change 2;"
expect_hook_json on-escalate-2.json 'd["event"] == "on-escalate" and d["ticket"]["tier"] == 2 and d["ticket"]["escalations"] == 1'
expect_hook_json on-escalate-2.json '[c["kind"] for c in d["changes"]] == ["escalated"] and d["changes"][0]["note"] == "Needs the network team"'
expect_hook_json on-change-2.json 'd["event"] == "on-change" and [c["kind"] for c in d["changes"]] == ["escalated"]'

test_case "on-resolve, then on-change"
clear_runs
hd resolve 2 --note "Replaced the fuser"
expect_rc 0
expect_runs "on-resolve 2;on-change 2;"
expect_hook_json on-resolve-2.json 'd["ticket"]["status"] == "resolved" and d["ticket"]["resolved_at"] == "2026-11-23T10:00:00Z"'
expect_hook_json on-resolve-2.json '{"kind": "status", "from": "new", "to": "resolved", "note": "Replaced the fuser"}.items() <= d["changes"][-1].items()'

test_case "on-close, then on-change"
clear_runs
hd close 2
expect_rc 0
expect_runs "on-close 2;on-change 2;"
expect_hook_json on-close-2.json 'd["ticket"]["status"] == "closed" and d["changes"][-1]["to"] == "closed"'

test_case "a command on several tickets runs the hooks of each, in order"
clear_runs
hd resolve 3 1 --note "Restarted"
expect_rc 0
expect_runs "on-resolve 3;on-change 3;on-resolve 1;on-change 1;"
expect_hook_json on-resolve-1.json 'd["ticket"]["id"] == 1 and all(c["ticket"] == 1 for c in d["changes"])'

test_case "a link changes both tickets"
open_ticket "Server crash" >/dev/null 2>&1 # 4
open_ticket "Server crash again" >/dev/null 2>&1 # 5
clear_runs
hd link 5 4 --caused-by
expect_rc 0
expect_runs "on-change 5;on-change 4;"
expect_hook_json on-change-4.json 'd["ticket"]["links"][0]["direction"] == "in"'

test_case "hooks never run when the command fails, even after some of its changes"
clear_runs
remember_store
hd resolve 4 999 --note "All fixed"
expect_failure 3 "#999"
expect_runs ""
hd close 4
expect_failure 4 "close"
expect_runs ""
hd edit 4 -p P9
expect_failure 2 "P9"
expect_runs ""

test_case "a failing hook warns, the change stands, the exit status is 0"
make_hook on-change 'echo "cannot reach the chat server" >&2; exit 3'
hd edit 4 -p P1 -q
expect_rc 0
expect_empty_out
expect_err "cannot reach the chat server"
expect_err "hd: warning: hook on-change for #4 exited with status 3; the change stands"
if [ "$(store_field 4 priority)" = P1 ]; then ok; else fail "the change was undone"; fi

test_case "a hook killed by a signal is reported"
make_hook on-change 'kill -TERM $$'
hd edit 4 -p P2
expect_rc 0
expect_err_re "hd: warning: hook on-change for #4 was killed by signal 15"
if [ "$(store_field 4 priority)" = P2 ]; then ok; else fail "the change was undone"; fi

test_case "a hook that cannot be executed is reported"
printf 'echo no interpreter line\n' >"$HOOKS/on-change"
chmod 700 "$HOOKS/on-change"
hd edit 4 -p P3
expect_rc 0
expect_err "hd: warning: hook on-change for #4 could not be started"

test_case "a hook that does not read its input does not hurt hd"
make_hook on-change 'exit 0'
head -c 300000 /dev/zero | tr '\0' 'x' >"$TEST_DIR/big"
hd_file "$TEST_DIR/big" edit 4 -d -
expect_rc 0
expect_empty_err
make_hook on-change 'exec <&-; sleep 0.2'
hd_file "$TEST_DIR/big" edit 4 -d -
expect_rc 0
expect_empty_err

test_case "changes made by hd inside a hook run no hooks"
clear_runs
make_hook on-change "$RECORD"
make_hook on-open "$RECORD"'
"$HD_BIN" comment "$HD_TICKET" "Auto-acknowledged" >&2'
hd open "Disk full on web1" -q
expect_rc 0
id=$(cat "$OUT")
expect_runs "on-open $id;"
hd show "$id" --json
expect_json '["comments"][0]["body"]' "Auto-acknowledged"
make_hook on-open "$RECORD"

test_case "a hook past hook_timeout is killed with everything it started"
cat >"$XDG_CONFIG_HOME/hd/config.toml" <<'EOF'
hook_timeout = "1s"
EOF
make_hook on-change 'sleep 30 &
echo $! > "$RUNS/child"
wait'
start=$(date +%s%N)
hd edit 4 -p P1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
expect_rc 0
expect_err "hd: warning: hook on-change for #4 ran past hook_timeout (1s) and was killed; the change stands"
if [ "$elapsed_ms" -ge 900 ] && [ "$elapsed_ms" -lt 5000 ]; then ok; else fail "hd took ${elapsed_ms} ms with hook_timeout 1s"; fi
child=$(cat "$RUNS/child")
sleep 0.1
# Killed, it may linger as a zombie until init reaps it; it must not be running.
child_state=$(awk '{print $3}' "/proc/$child/stat" 2>/dev/null)
if [ -z "$child_state" ] || [ "$child_state" = Z ]; then ok; else fail "the hook's child $child still runs ($child_state)"; kill "$child"; fi
if [ "$(store_field 4 priority)" = P1 ]; then ok; else fail "the change was undone"; fi
rm "$XDG_CONFIG_HOME/hd/config.toml"
make_hook on-change "$RECORD"

test_case "a group-writable or world-writable hook is refused with a warning"
clear_runs
chmod 770 "$HOOKS/on-change"
hd edit 4 -p P2
expect_rc 0
expect_err "hd: warning: hook on-change not run: $HOOKS/on-change is group-writable (chmod g-w $HOOKS/on-change)"
expect_runs ""
chmod 707 "$HOOKS/on-change"
hd edit 4 -p P3
expect_rc 0
expect_err "hd: warning: hook on-change not run: $HOOKS/on-change is world-writable"
expect_runs ""
if [ "$(store_field 4 priority)" = P3 ]; then ok; else fail "the change was not made"; fi
chmod 700 "$HOOKS/on-change"

test_case "a hooks directory writable by others refuses all its hooks"
chmod 777 "$HOOKS"
hd edit 4 -p P2
expect_rc 0
expect_err "hd: warning: hook on-change not run: its directory $HOOKS is world-writable"
expect_runs ""
chmod 700 "$HOOKS"

test_case "a hook that is not executable is not run, with a warning"
chmod 600 "$HOOKS/on-change"
hd edit 4 -p P3
expect_rc 0
expect_err "hd: warning: hook on-change not run: $HOOKS/on-change is not executable (chmod u+x"
expect_runs ""
chmod 700 "$HOOKS/on-change"

if [ "$(id -u)" -eq 0 ]; then
    test_case "a hook owned by someone else is refused"
    chown nobody "$HOOKS/on-change"
    hd edit 4 -p P2
    expect_rc 0
    expect_err "hd: warning: hook on-change not run: $HOOKS/on-change is owned by nobody, not by you (root)"
    expect_runs ""
    chown root "$HOOKS/on-change"
fi

test_case "hd hook run: the ticket as it is now, no changes"
clear_runs
hd hook run on-resolve 4
expect_rc 0
expect_empty_out
expect_err "hook on-resolve says hi"
expect_runs "on-resolve 4;"
expect_hook_json on-resolve-4.json 'd["event"] == "on-resolve" and d["changes"] == [] and d["ticket"]["id"] == 4'
hd hook run change 4
expect_rc 0
expect_runs "on-resolve 4;on-change 4;"

test_case "hd hook run --dry-run prints the input and runs nothing"
clear_runs
hd hook run on-escalate 4 --dry-run
expect_rc 0
expect_json '["event"]' on-escalate
expect_json '["ticket"]["id"]' 4
expect_json '["changes"]' "[]"
expect_runs ""

test_case "hd hook run: a failing hook is exit 1"
make_hook on-close 'exit 7'
hd hook run on-close 4
expect_rc 1
expect_error_line
expect_err "hook on-close for #4 exited with status 7"

test_case "hd hook run: bad input, missing hook or ticket, refused hook"
remember_store
hd hook run on-lunch 4
expect_failure 2 "'on-lunch' is not a hook"
hd hook run on-change four
expect_failure 2 "four"
hd hook run on-change 999
expect_failure 3 "#999"
rm "$HOOKS/on-close"
hd hook run on-close 4
expect_failure 3 "there is no hook on-close"
chmod 720 "$HOOKS/on-change"
hd hook run on-change 4
expect_failure 4 "group-writable"
chmod 700 "$HOOKS/on-change"
expect_runs ""

test_case "hd hook list"
chmod 600 "$HOOKS/on-escalate"
hd hook list
expect_rc 0
expect_out "Hooks in $HOOKS:"
expect_out_re "on-open +ready"
expect_out_re "on-close +missing"
expect_out_re "on-escalate +not-executable +$HOOKS/on-escalate is not executable"
hd hook list -q
expect_out_exactly "on-open
on-resolve
on-change"
hd hook list --json
expect_json_true '[(h["name"], h["state"]) for h in d] == [("on-open", "ready"), ("on-escalate", "not-executable"), ("on-resolve", "ready"), ("on-close", "missing"), ("on-breach", "missing"), ("on-change", "ready")]'
expect_json_true 'd[0]["path"] == "'"$HOOKS"'/on-open" and d[0]["problem"] is None'

test_case "hooks_dir in the config, with ~ and a space"
mkdir -p "$HOME/my hooks"
chmod 700 "$HOME/my hooks"
printf '#!/bin/sh\necho "elsewhere $HD_EVENT $HD_TICKET" >> "$RUNS/log"\n' >"$HOME/my hooks/on-open"
chmod 700 "$HOME/my hooks/on-open"
printf 'hooks_dir = "~/my hooks"\n' >"$XDG_CONFIG_HOME/hd/config.toml"
clear_runs
hd open "Filed elsewhere" -q
expect_rc 0
expect_empty_err
expect_runs "elsewhere on-open $(cat "$OUT");"
hd hook list
expect_out "Hooks in $HOME/my hooks:"
expect_out_re "on-open +ready"
expect_out_re "on-change +missing"
rm "$XDG_CONFIG_HOME/hd/config.toml"

test_case "completion offers the hook names"
"$HD_BIN" __complete hook run "" >"$OUT"
expect_out "on-resolve"
expect_out "on-change"

finish
