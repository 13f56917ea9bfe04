#!/usr/bin/env bash
# The config: hd config, hd config path, where the file is looked for, malformed files, unknown
# keys, values the config changes, and identity.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

CONFIG="$XDG_CONFIG_HOME/hd/config.toml"
mkdir -p "$XDG_CONFIG_HOME/hd"

test_case "without a config file hd config prints the defaults and where they come from"
hd config
expect_rc 0
expect_empty_err
expect_out "default"
expect_out "Helpdesk"
expect_out "Support"
expect_out "Experts"
expect_out "P3"

test_case "hd config path prints the config and store paths in use"
hd config path
expect_rc 0
expect_empty_err
expect_out "$CONFIG"
expect_out "$HD_DB"

test_case "hd config path follows --config, HD_CONFIG, --db and HD_DB"
touch "$TEST_DIR/a.toml" "$TEST_DIR/b.toml"
hd --config "$TEST_DIR/a.toml" --db "$TEST_DIR/a.db" config path
expect_out "$TEST_DIR/a.toml"
expect_out "$TEST_DIR/a.db"
HD_CONFIG="$TEST_DIR/b.toml" HD_DB="$TEST_DIR/b.db" hd config path
expect_out "$TEST_DIR/b.toml"
expect_out "$TEST_DIR/b.db"

test_case "--config wins over HD_CONFIG"
HD_CONFIG="$TEST_DIR/b.toml" hd --config "$TEST_DIR/a.toml" config path
expect_out "$TEST_DIR/a.toml"
expect_no_out "$TEST_DIR/b.toml"

test_case "with XDG variables unset (as under cron) the paths fall back to ~/.config and ~/.local/share"
(
    unset XDG_CONFIG_HOME XDG_DATA_HOME HD_DB
    "$HD_BIN" config path
) >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0
expect_out "$HOME/.config/hd/config.toml"
expect_out "$HOME/.local/share/hd/hd.db"

test_case "hd config says which file and line each value comes from"
printf '# my desk\nuser = "alice"\n\n[defaults]\npriority = "P2"\n' >"$CONFIG"
hd config
expect_rc 0
expect_empty_err
expect_out "alice"
expect_out "$CONFIG:2"
expect_out "$CONFIG:5"

test_case "hd config --json prints the configuration as JSON"
hd config --json
expect_rc 0
expect_json '["user"]' alice
expect_json '["defaults"]["priority"]' P2
expect_json_true 'len(d["tiers"]) == 3 and d["tiers"][0]["name"] == "Helpdesk"'

test_case "the config's user is who I am, below HD_USER and --as"
(
    unset HD_USER
    "$HD_BIN" open "Filed as the config user" -q
) >"$OUT" 2>"$ERR"
hd log "$(cat "$OUT")"
expect_out "alice"
hd open "Filed as HD_USER" -q
hd log "$(cat "$OUT")"
expect_out "tester"
hd --as carol open "Filed with --as" -q
hd log "$(cat "$OUT")"
expect_out "carol"

test_case "without --as, HD_USER or a config user, I am the login name"
rm -f "$CONFIG"
env -u HD_USER -u USER LOGNAME=cronjob "$HD_BIN" open "Filed by cron" -q >"$OUT" 2>"$ERR"
hd log "$(cat "$OUT")"
expect_out "cronjob"
env -u HD_USER -u USER -u LOGNAME "$HD_BIN" open "Filed by nobody in particular" -q >"$OUT" 2>"$ERR"
hd log "$(cat "$OUT")"
expect_out " $(id -un) "
printf '# my desk\nuser = "alice"\n\n[defaults]\npriority = "P2"\n' >"$CONFIG"

test_case "the config's default priority applies to new tickets"
hd open "Default priority" --json
expect_json '["priority"]' P2

test_case "the config's categories are the ones -c accepts"
printf 'categories = ["desk", "phone"]\n' >"$CONFIG"
hd open "In a custom category" -c desk --json
expect_rc 0
expect_json '["category"]' desk
remember_store
hd open "In a default category" -c printer
expect_failure 2 "printer"
expect_err "desk"

test_case "an empty category list allows any category"
printf 'categories = []\n' >"$CONFIG"
hd open "Anything goes" -c whatever --json
expect_rc 0
expect_json '["category"]' whatever

test_case "[[tier]] tables replace the built-in tiers"
printf '[[tier]]\nlevel = 1\nname = "Front"\n\n[[tier]]\nlevel = 2\nname = "Back"\n' >"$CONFIG"
hd open "To the back office" --tier Back --json
expect_rc 0
expect_json '["tier"]' 2
remember_store
hd open "No third tier" --tier 3
expect_failure 2 "3"
expect_err "Back"

test_case "limits.max_title is enforced"
printf '[limits]\nmax_title = 5\n' >"$CONFIG"
remember_store
hd open "Too long"
expect_failure 2 "limit is 5"

# Malformed files: exit 2, one line naming file:line:col, nothing written.
test_case "a malformed config is exit 2 naming the file, line and column"
printf 'user = "alice"\n[store\npath = "x"\n' >"$CONFIG"
remember_store
hd config
expect_failure 2 "$CONFIG:2:"
expect_err_re "config\.toml:2:[0-9]+"

test_case "a malformed config stops every command before it writes"
remember_store
hd open "Should not be filed"
expect_failure 2 "$CONFIG:2:"
hd list
expect_failure 2 "$CONFIG:2:"

test_case "a config value of the wrong kind is exit 2 naming file:line:col and the key"
printf '\n[defaults]\npriority = "P9"\n' >"$CONFIG"
remember_store
hd list
expect_failure 2 "$CONFIG:3:"
expect_err "defaults.priority"
printf 'categories = 5\n' >"$CONFIG"
hd list
expect_failure 2 "$CONFIG:1:"
expect_err "categories"

test_case "a config that is not UTF-8 is exit 2 naming the file"
printf '\xff = 1\n' >"$CONFIG"
remember_store
hd list
expect_failure 2 "$CONFIG:1:"

# Unknown keys: a warning naming the key; the command still works.
test_case "an unknown key is a warning on stderr naming it, and the command succeeds"
printf 'usr = "alice"\n' >"$CONFIG"
hd list -q
expect_rc 0
expect_err "usr"
expect_err_re '^hd: warning: '
expect_no_err "hd: error"
expect_out "1"

test_case "an unknown key in a table is named with its table"
printf '[store]\nlock_timeut = "5s"\n' >"$CONFIG"
hd list -q
expect_rc 0
expect_err "store.lock_timeut"
expect_err "$CONFIG:2"

test_case "hd config also warns about an unknown key"
hd config
expect_rc 0
expect_err "store.lock_timeut"

# A config file that is named but missing is an error; the default one missing is not.
test_case "HD_CONFIG naming a missing file is exit 2 naming the file"
rm -f "$CONFIG"
remember_store
HD_CONFIG="$TEST_DIR/nope.toml" hd list
expect_failure 2 "$TEST_DIR/nope.toml"
HD_CONFIG="$TEST_DIR/nope.toml" hd open "Not filed"
expect_failure 2 "$TEST_DIR/nope.toml"

test_case "--config naming a missing file is exit 2 naming the file"
remember_store
hd --config "$TEST_DIR/nope.toml" config
expect_failure 2 "$TEST_DIR/nope.toml"

test_case "--config naming a directory is exit 2"
remember_store
hd --config "$TEST_DIR" list
expect_failure 2 "$TEST_DIR"

test_case "a missing default config means defaults, silently"
hd list -q
expect_rc 0
expect_empty_err

test_case "config with an unknown subcommand or option is exit 2"
remember_store
hd config bogus
expect_failure 2 "bogus"
hd config --bogus
expect_failure 2 "--bogus"

finish
