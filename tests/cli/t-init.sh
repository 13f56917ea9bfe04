#!/usr/bin/env bash
# hd init: creates the store and a commented default config; safe to run twice.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# Here the store and the config follow XDG, as for a new user.
unset HD_DB
STORE="$XDG_DATA_HOME/hd/hd.db"
CONFIG="$XDG_CONFIG_HOME/hd/config.toml"

test_case "init on a fresh machine creates the store and the config at the XDG paths"
hd init
expect_rc 0
expect_empty_err
expect_out "$STORE"
expect_out "$CONFIG"
if [ -f "$STORE" ]; then ok; else fail "no store at $STORE"; fi
if [ -f "$CONFIG" ]; then ok; else fail "no config at $CONFIG"; fi

test_case "init creates the store with mode 0600"
if [ "$(stat -c %a "$STORE")" = 600 ]; then ok; else fail "store mode is $(stat -c %a "$STORE")"; fi

test_case "init creates an hd store that the read commands accept"
hd list
expect_rc 0
expect_empty_err
sqlite3 "$STORE" 'PRAGMA user_version' >"$OUT"
expect_out_re '^[1-9][0-9]*$'

test_case "the default config is commented TOML that hd reads without a warning"
if grep -q '^#' "$CONFIG"; then ok; else fail "the default config has no comments"; fi
if grep -q 'categories' "$CONFIG" && grep -q 'tier' "$CONFIG"; then ok; else fail "the default config names no tiers or categories"; fi
hd config
expect_rc 0
expect_empty_err
expect_out "Helpdesk"
expect_out "Support"
expect_out "Experts"

test_case "init run twice succeeds and changes neither the store nor the config"
hd open "Keep me" -q
remember_store
config_before=$(file_sum "$CONFIG")
hd init
expect_rc 0
expect_empty_err
expect_out "already exists"
expect_store_unchanged
if [ "$(file_sum "$CONFIG")" = "$config_before" ]; then ok; else fail "init rewrote the config"; fi

test_case "init keeps a config the user edited"
printf 'user = "alice"\n' >"$CONFIG"
config_before=$(file_sum "$CONFIG")
hd init
expect_rc 0
if [ "$(file_sum "$CONFIG")" = "$config_before" ]; then ok; else fail "init overwrote the user's config"; fi

test_case "init -q prints nothing"
hd -q init
expect_rc 0
expect_empty_out
expect_empty_err

test_case "init --db and --config create the files where they say, with missing directories"
hd --db "$TEST_DIR/srv/helpdesk/hd.db" --config "$TEST_DIR/etc/hd/config.toml" init
expect_rc 0
if [ -f "$TEST_DIR/srv/helpdesk/hd.db" ]; then ok; else fail "no store at --db"; fi
if [ -f "$TEST_DIR/etc/hd/config.toml" ]; then ok; else fail "no config at --config"; fi
if [ "$(stat -c %a "$TEST_DIR/srv/helpdesk/hd.db")" = 600 ]; then ok; else fail "store mode is not 0600"; fi

test_case "init --json reports what it created, with JSON booleans"
hd --json --db "$TEST_DIR/j.db" --config "$TEST_DIR/j.toml" init
expect_rc 0
expect_json '["store"]' "$TEST_DIR/j.db"
expect_json '["config"]' "$TEST_DIR/j.toml"
expect_json_true 'd["store_created"] is True and d["config_created"] is True'
hd --json --db "$TEST_DIR/j.db" --config "$TEST_DIR/j.toml" init
expect_json_true 'd["store_created"] is False and d["config_created"] is False'

test_case "init on a file that is not a store fails with exit 5 and writes nothing, not even the config"
printf 'not a database\n' >"$TEST_DIR/junk.db"
junk_before=$(file_sum "$TEST_DIR/junk.db")
hd --db "$TEST_DIR/junk.db" --config "$TEST_DIR/junk.toml" init
expect_rc 5
expect_error_line
expect_err "not an hd store"
if [ "$(file_sum "$TEST_DIR/junk.db")" = "$junk_before" ]; then ok; else fail "init changed the file it refused"; fi
if [ -e "$TEST_DIR/junk.toml" ]; then fail "init wrote a config although it failed"; else ok; fi

test_case "init with an unknown option is a usage error that creates nothing"
hd --db "$TEST_DIR/none.db" --config "$TEST_DIR/none.toml" init --bogus
expect_rc 2
expect_error_line
expect_err "--bogus"
if [ -e "$TEST_DIR/none.db" ] || [ -e "$TEST_DIR/none.toml" ]; then fail "a failed init created files"; else ok; fi

finish
