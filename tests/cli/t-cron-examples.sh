#!/usr/bin/env bash
# The cron examples (examples/cron/) run against a temporary store with their config: each files its
# ticket once, and a second run adds an occurrence instead of a copy.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

CRON=${HD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/examples/cron
export HD_CONFIG="$CRON/config.toml" HD_USER=monitoring
PATH="$(dirname "$HD_BIN"):$PATH"
export PATH

test_case "the example config loads, with its four templates"
hd template list -q
expect_rc 0
expect_out_exactly "$(printf 'backup-failed\ncert-expiry\ndisk-full\npatch-window')"

test_case "disk-usage.sh files one ticket per full file system, then occurrences"
cat >"$TEST_DIR/df.txt" <<'DF'
Filesystem     1024-blocks      Used Available Capacity Mounted on
/dev/sda1         41152736  39094100   2058636      95% /
/dev/sdb1        103081248  20616249  82465000      20% /srv
/dev/sdc1        103081248  94834748   8246500      92% /var/lib/postgresql
DF
DF_OUTPUT="$TEST_DIR/df.txt" sh "$CRON/disk-usage.sh" 90 >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0
expect_empty_err
expect_out_lines 2
DF_OUTPUT="$TEST_DIR/df.txt" sh "$CRON/disk-usage.sh" 90 >/dev/null 2>&1
hd list --json tag:disk
expect_json_true 'len(d) == 2 and all(t["occurrences"] == 2 for t in d)'
expect_json_true 'sorted(t["dedup_key"].split("-", 2)[2] for t in d) == ["/", "/var/lib/postgresql"]'

test_case "cert-expiry.sh files a ticket for a certificate that expires soon, once"
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TEST_DIR/key.pem" -out "$TEST_DIR/soon.pem" \
        -days 5 -subj "/CN=intranet.example.com" >/dev/null 2>&1
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TEST_DIR/key2.pem" -out "$TEST_DIR/later.pem" \
        -days 400 -subj "/CN=www.example.com" >/dev/null 2>&1
    for run in 1 2; do
        sh "$CRON/cert-expiry.sh" 30 "$TEST_DIR/soon.pem" "$TEST_DIR/later.pem" >"$OUT" 2>"$ERR"
        RC=$?
        expect_rc 0
        expect_out_lines 1
    done
    hd list --json tag:certificate
    expect_json_true 'len(d) == 1 and d[0]["dedup_key"] == "cert-intranet.example.com" and d[0]["occurrences"] == 2'
    expect_json_true '"intranet.example.com" in d[0]["title"]'
fi

test_case "backup-verify.sh is quiet when the backup is fresh and files a ticket when it is not"
mkdir -p "$TEST_DIR/backups"
echo data >"$TEST_DIR/backups/db-today.dump"
sh "$CRON/backup-verify.sh" nightly-db "$TEST_DIR/backups" 26 >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0
expect_empty_out
touch -d '3 days ago' "$TEST_DIR/backups/db-today.dump"
sh "$CRON/backup-verify.sh" nightly-db "$TEST_DIR/backups" 26 >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0
expect_out_lines 1
sh "$CRON/backup-verify.sh" nightly-db "$TEST_DIR/no-such-dir" 26 >/dev/null 2>&1
hd list --json tag:backup
expect_json_true 'len(d) == 1 and d[0]["occurrences"] == 2'

test_case "patch-window.sh files this week's change once, at tier 2"
sh "$CRON/patch-window.sh" web >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0
first=$(cat "$OUT")
sh "$CRON/patch-window.sh" web >"$OUT" 2>"$ERR"
expect_out_exactly "$first"
hd show "$first" --json
expect_json '["type"]' change
expect_json '["tier"]' 2

test_case "the crontab names only scripts that exist"
for script in $(awk '!/^#/ && NF >= 6 { print $6 }' "$CRON/crontab"); do
    if [ -x "$CRON/$(basename "$script")" ]; then ok; else fail "crontab names $script, which is not in examples/cron"; fi
done

finish
