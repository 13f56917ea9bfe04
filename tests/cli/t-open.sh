#!/usr/bin/env bash
# hd open: files a ticket; every option, the ITIL priority matrix, -q and --json, and bad input.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

test_case "open prints 'Opened #ID' and creates the store on first write"
hd open "Printer on floor 3 jams"
expect_rc 0
expect_empty_err
expect_out_re '^Opened #1 .*Printer on floor 3 jams'
if [ -f "$HD_DB" ]; then ok; else fail "the store was not created"; fi

test_case "open -q prints only the new id, and ids count up"
hd open "VPN drops every hour" -q
expect_rc 0
expect_empty_err
expect_out_exactly 2
hd -q open "Third"
expect_out_exactly 3

test_case "a ticket opened without options has the defaults: new incident, P3, tier 1"
hd show 1 --json
expect_json '["status"]' new
expect_json '["type"]' incident
expect_json '["priority"]' P3
expect_json '["tier"]' 1
expect_json '["description"]' None
expect_json '["category"]' None
expect_json '["assignee"]' None
expect_json '["requester"]' None
expect_json '["channel"]' None
expect_json '["tags"]' '[]'
expect_json '["occurrences"]' 1

test_case "open --json prints the new ticket as one object"
hd open "Mail is slow" --json -d "Outlook takes minutes" --type request -c email -p P2 \
    --requester bob@example.org --channel email -t mail -t slow --assign alice
expect_rc 0
expect_empty_err
expect_json '["id"]' 4
expect_json '["title"]' "Mail is slow"
expect_json '["description"]' "Outlook takes minutes"
expect_json '["type"]' request
expect_json '["category"]' email
expect_json '["priority"]' P2
expect_json '["requester"]' bob@example.org
expect_json '["channel"]' email
expect_json '["assignee"]' alice
expect_json '["tags"]' "['mail', 'slow']"
expect_json '["created_at"]' 2026-11-23T10:00:00Z

test_case "every option of open is stored (read back through show)"
hd show 4 --json
expect_json '["description"]' "Outlook takes minutes"
expect_json '["type"]' request
expect_json '["category"]' email
expect_json '["priority"]' P2
expect_json '["requester"]' bob@example.org
expect_json '["channel"]' email
expect_json '["assignee"]' alice
expect_json '["tags"]' "['mail', 'slow']"

test_case "open -d - reads the description from stdin"
hd_in "$(printf 'line one\nline two')" open "From a pipe" -d - -q
expect_rc 0
id=$(cat "$OUT")
hd show "$id" --json
expect_json '["description"]' "line one
line two"

test_case "each --type is accepted"
for t in incident request problem change; do
    hd open "A $t" --type "$t" --json
    expect_rc 0
    expect_json '["type"]' "$t"
done

test_case "each --channel is accepted"
for c in phone email chat web cli monitoring; do
    hd open "Via $c" --channel "$c" --json
    expect_rc 0
    expect_json '["channel"]' "$c"
done

test_case "--impact and --urgency give the priority by the ITIL matrix"
check_matrix() {
    hd open "Matrix $1/$2" --impact "$1" --urgency "$2" --json
    expect_rc 0
    expect_json '["priority"]' "$3"
    expect_json '["impact"]' "$1"
    expect_json '["urgency"]' "$2"
}
check_matrix high high P1
check_matrix high medium P2
check_matrix medium high P2
check_matrix medium medium P3
check_matrix low low P4

test_case "--tier takes a level, a label or a tier name"
hd open "Tier by level" --tier 2 --json
expect_json '["tier"]' 2
hd open "Tier by label" --tier L3 --json
expect_json '["tier"]' 3
hd open "Tier by name" --tier Support --json
expect_json '["tier"]' 2

test_case "a repeated tag is stored once"
hd open "Tag twice" -t hw -t hw --json
expect_json '["tags"]' "['hw']"

test_case "a title may follow a tag: each -t takes one value"
hd open -t hw -t floor3 "Title after tags" --json
expect_rc 0
expect_json '["title"]' "Title after tags"
expect_json '["tags"]' "['floor3', 'hw']"

test_case "open records who opened the ticket (HD_USER, then --as)"
hd open "Who opened me" -q
id=$(cat "$OUT")
hd log "$id"
expect_out "tester"
expect_out "created"
hd --as alice open "Opened as alice" -q
id=$(cat "$OUT")
hd log "$id"
expect_out "alice"
expect_no_out "tester"

# Bad input: exit 2, one error line naming the problem, nothing stored.
test_case "open without a title is a usage error"
remember_store
hd open
expect_failure 2 "title"

test_case "open -p P9 is refused, naming the valid priorities"
remember_store
hd open "Bad priority" -p P9
expect_failure 2 "P9"
expect_err "P1"

test_case "open --type bogus is refused, naming the valid types"
remember_store
hd open "Bad type" --type bogus
expect_failure 2 "bogus"
expect_err "incident"

test_case "open --channel fax is refused, naming the valid channels"
remember_store
hd open "Bad channel" --channel fax
expect_failure 2 "fax"
expect_err "monitoring"

test_case "open --impact bogus is refused"
remember_store
hd open "Bad impact" --impact bogus --urgency high
expect_failure 2 "bogus"

test_case "open -c with a category the config does not know is refused, naming the known ones"
remember_store
hd open "Bad category" -c nosuchcat
expect_failure 2 "nosuchcat"
expect_err "printer"

test_case "open --tier 9 is refused (there are three tiers)"
remember_store
hd open "Bad tier" --tier 9
expect_failure 2 "9"

test_case "open with an empty tag or a tag with a space is refused"
remember_store
hd open "Empty tag" -t ""
expect_failure 2 "tag"
hd open "Spaced tag" -t "two words"
expect_failure 2 "two words"

test_case "open with a second positional argument is a usage error"
remember_store
hd open "Title" extra
expect_failure 2 "extra"

finish
