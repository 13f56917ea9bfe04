#!/usr/bin/env bash
# Many writers at the same moment (cron at the top of the hour): all succeed, nothing is lost,
# and the rules still hold when processes race.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

RUNS="$TEST_DIR/runs"
mkdir -p "$RUNS"

# wait_all PIDS...: waits for each pid and counts the ones that exited non-zero in FAILS.
wait_all() {
    FAILS=0
    local pid
    for pid in "$@"; do
        wait "$pid" || FAILS=$((FAILS + 1))
    done
}

test_case "100 hd open started at once all succeed"
"$HD_BIN" init >/dev/null 2>&1
pids=()
for i in $(seq 1 100); do
    "$HD_BIN" open "Disk check $i" -q >"$RUNS/open.$i.out" 2>"$RUNS/open.$i.err" </dev/null &
    pids+=($!)
done
wait_all "${pids[@]}"
if [ "$FAILS" -eq 0 ]; then ok; else fail "$FAILS of 100 hd open failed: $(cat "$RUNS"/open.*.err | sort | uniq -c | head -5)"; fi
if [ -z "$(cat "$RUNS"/open.*.err)" ]; then ok; else fail "hd open wrote to stderr: $(cat "$RUNS"/open.*.err | head -3)"; fi

test_case "the 100 processes got 100 distinct ids"
ids=$(cat "$RUNS"/open.*.out | sort -n)
if [ "$(echo "$ids" | wc -l)" -eq 100 ] && [ "$(echo "$ids" | uniq | wc -l)" -eq 100 ]; then ok; else fail "ids printed: $(echo "$ids" | tr '\n' ' ')"; fi
if [ "$(echo "$ids" | head -1)" = 1 ] && [ "$(echo "$ids" | tail -1)" = 100 ]; then ok; else fail "ids are not 1..100"; fi

test_case "the store holds exactly the 100 tickets, each title once"
hd list -q
expect_rc 0
expect_out_lines 100
hd list --json
expect_json_true 'len(d) == 100 and len({t["title"] for t in d}) == 100'

test_case "20 concurrent comments on one ticket are all kept"
pids=()
for i in $(seq 1 20); do
    "$HD_BIN" comment 1 "Occurrence $i" >/dev/null 2>"$RUNS/comment.$i.err" </dev/null &
    pids+=($!)
done
wait_all "${pids[@]}"
if [ "$FAILS" -eq 0 ]; then ok; else fail "$FAILS of 20 hd comment failed: $(cat "$RUNS"/comment.*.err | head -3)"; fi
hd show 1 --json
expect_json_true 'len(d["comments"]) == 20'
expect_json_true 'sorted(c["body"] for c in d["comments"]) == sorted("Occurrence %d" % i for i in range(1, 21))'
hd log 1 --json
expect_json_true 'sum(1 for e in d if e["kind"].startswith("comment")) == 20'

test_case "concurrent edits of different fields of one ticket are all kept"
pids=()
for i in $(seq 1 10); do
    "$HD_BIN" edit 2 --tag "+t$i" >/dev/null 2>"$RUNS/edit.$i.err" </dev/null &
    pids+=($!)
done
wait_all "${pids[@]}"
if [ "$FAILS" -eq 0 ]; then ok; else fail "$FAILS of 10 hd edit failed: $(cat "$RUNS"/edit.*.err | head -3)"; fi
hd show 2 --json
expect_json_true 'sorted(d["tags"]) == sorted("t%d" % i for i in range(1, 11))'

test_case "10 agents racing to close one resolved ticket: exactly one wins, the others are refused"
"$HD_BIN" resolve 3 --note "done" >/dev/null
pids=()
for i in $(seq 1 10); do
    "$HD_BIN" --as "agent$i" close 3 >/dev/null 2>"$RUNS/close.$i.err" </dev/null &
    pids+=($!)
done
wins=0
refused=0
for i in $(seq 1 10); do
    rc=0
    wait "${pids[$((i - 1))]}" || rc=$?
    if [ "$rc" -eq 0 ]; then wins=$((wins + 1)); elif [ "$rc" -eq 4 ]; then refused=$((refused + 1)); fi
done
if [ "$wins" -eq 1 ] && [ "$refused" -eq 9 ]; then ok; else fail "$wins closes succeeded and $refused were refused (want 1 and 9): $(cat "$RUNS"/close.*.err | sort -u | head -3)"; fi
hd log 3 --json
expect_json_true 'sum(1 for e in d if e.get("to") == "closed") == 1'

test_case "hd open started at once on a store that does not exist yet all succeed (10 rounds of 10)"
round_failures=""
for round in $(seq 1 10); do
    db="$RUNS/fresh-$round/hd.db"
    pids=()
    for i in $(seq 1 10); do
        HD_DB=$db "$HD_BIN" open "First $i" -q >"$RUNS/fresh.$round.$i.out" 2>"$RUNS/fresh.$round.$i.err" </dev/null &
        pids+=($!)
    done
    wait_all "${pids[@]}"
    n=$(HD_DB=$db "$HD_BIN" list -q 2>/dev/null | wc -l)
    if [ "$FAILS" -ne 0 ] || [ "$n" -ne 10 ]; then
        round_failures+="round $round: $FAILS failed, $n tickets stored; "
    fi
    # Each printed one id, its own: one that lost the race to create the store printed nothing before
    # it ran again on the winner's (it once printed the id it had in its own new store first: "1\n4").
    for i in $(seq 1 10); do
        out=$(cat "$RUNS/fresh.$round.$i.out")
        if ! [[ $out =~ ^[0-9]+$ ]] || [ "$(HD_DB=$db store_field "$out" title 2>&1)" != "First $i" ]; then
            round_failures+="round $round: 'hd open \"First $i\" -q' printed '$(echo "$out" | tr '\n' ' ')'; "
        fi
    done
done
if [ -z "$round_failures" ]; then ok; else
    fail "$round_failures errors: $(cat "$RUNS"/fresh.*.err | sed "s|$RUNS/fresh-[0-9]*|…|" | sort | uniq -c | head -3)"
fi

test_case "20 writers and 20 readers interleaved: every command succeeds"
pids=()
for i in $(seq 1 20); do
    "$HD_BIN" open "Mixed $i" -q >/dev/null 2>"$RUNS/mixed-open.$i.err" </dev/null &
    pids+=($!)
    "$HD_BIN" list -q >/dev/null 2>"$RUNS/mixed-list.$i.err" </dev/null &
    pids+=($!)
done
wait_all "${pids[@]}"
if [ "$FAILS" -eq 0 ]; then ok; else fail "$FAILS of 40 mixed commands failed: $(cat "$RUNS"/mixed-*.err | head -3)"; fi
hd list -q Mixed
expect_out_lines 20

test_case "a writer that waits past lock_timeout exits 5 and names the process holding the lock"
mkdir -p "$XDG_CONFIG_HOME/hd"
printf '[store]\nlock_timeout = "1s"\n' >"$XDG_CONFIG_HOME/hd/config.toml"
(
    echo "BEGIN IMMEDIATE;"
    echo "UPDATE tickets SET title = title WHERE id = 1;"
    sleep 4
    echo "COMMIT;"
) | sqlite3 "$HD_DB" &
holder=$!
sleep 0.5
remember_store
hd open "Blocked" -q
expect_rc 5
expect_error_line
expect_err "locked by another process"
expect_err "pid"
expect_err "lock_timeout"
wait "$holder"
expect_store_unchanged
rm "$XDG_CONFIG_HOME/hd/config.toml"

finish
