#!/usr/bin/env bash
# Ticket templates: hd template list/show, hd open --template with --var, the options that override a
# template, and every way to get it wrong (exit 2, one error line, nothing written).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

CONFIG="$XDG_CONFIG_HOME/hd/config.toml"
mkdir -p "$XDG_CONFIG_HOME/hd"
cat >"$CONFIG" <<'TOML'
categories = ["hardware", "software", "network"]

[template.disk-full]
title = "Disk {mount} on {host} is {use}% full"
description = "{mount} on {host} is {use}% full. Free space or grow the volume."
type = "incident"
category = "hardware"
priority = "P2"
tier = "Support"
tags = ["disk", "host-{host}"]
channel = "monitoring"
dedup = "disk-{host}-{mount}"

[template.weekly]
title = "Weekly {{review}}"
requester = "ops@example.com"
TOML

test_case "hd template list prints each template with its placeholders and title"
hd template list
expect_rc 0
expect_empty_err
expect_out_re '^NAME +PLACEHOLDERS +TITLE'
expect_out_re '^disk-full +mount, host, use +Disk \{mount\} on \{host\} is \{use\}% full'
expect_out_re '^weekly +- +Weekly \{\{review\}\}'

test_case "hd template list -q prints the names, one per line"
hd template list -q
expect_rc 0
expect_out_exactly "$(printf 'disk-full\nweekly')"

test_case "hd template list --json prints an array of template objects"
hd template list --json
expect_rc 0
expect_json_true 'len(d) == 2'
expect_json '[0]["name"]' disk-full
expect_json '[0]["placeholders"]' "['mount', 'host', 'use']"
expect_json '[0]["tier"]' 2
expect_json '[0]["priority"]' P2
expect_json '[0]["tags"]' "['disk', 'host-{host}']"
expect_json '[0]["origin"]' "$CONFIG:3"
expect_json '[1]["type"]' None
expect_json '[1]["placeholders"]' '[]'

test_case "hd template show prints every field and the placeholders"
hd template show disk-full
expect_rc 0
expect_empty_err
expect_out "disk-full  (from $CONFIG:3)"
expect_out_re '^title +Disk \{mount\} on \{host\} is \{use\}% full$'
expect_out_re '^tier +L2 Support$'
expect_out_re '^tags +disk, host-\{host\}$'
expect_out_re '^assignee +-$'
expect_out_re '^dedup +disk-\{host\}-\{mount\}$'
expect_out_re '^placeholders +mount, host, use$'

test_case "hd template show -q prints the placeholders; --json the template object"
hd template show disk-full -q
expect_rc 0
expect_out_exactly "$(printf 'mount\nhost\nuse')"
hd template show weekly -q
expect_rc 0
expect_empty_out
hd template show weekly --json
expect_rc 0
expect_json '["name"]' weekly
expect_json '["title"]' 'Weekly {{review}}'
expect_json '["requester"]' ops@example.com
expect_json '["dedup"]' None

test_case "hd config shows the templates, and hd config --json holds the same objects"
hd config
expect_rc 0
expect_out "[template.disk-full]  # from $CONFIG:3"
hd config --json
expect_json '["templates"][0]["dedup"]' 'disk-{host}-{mount}'
expect_json '["templates"][1]["name"]' weekly

test_case "hd open --template fills every field from the template and its --var values"
hd open --template disk-full --var host=web1 --var mount=/srv --var use=93 --json
expect_rc 0
expect_empty_err
expect_json '["title"]' 'Disk /srv on web1 is 93% full'
expect_json '["description"]' '/srv on web1 is 93% full. Free space or grow the volume.'
expect_json '["type"]' incident
expect_json '["category"]' hardware
expect_json '["priority"]' P2
expect_json '["tier"]' 2
expect_json '["tags"]' "['disk', 'host-web1']"
expect_json '["channel"]' monitoring
expect_json '["id"]' 1

test_case "doubled braces are literal; a template without placeholders needs no --var"
hd open --template weekly -q
expect_rc 0
expect_out_exactly 2
hd show 2 --json
expect_json '["title"]' 'Weekly {review}'
expect_json '["requester"]' ops@example.com

test_case "options on the command line override the template's fields; -t adds to its tags"
hd open "My own title" --template disk-full --var host=db1 --var mount=/ --var use=99 \
    -d "Own description" --type problem -c software -p P1 --tier 3 -t urgent --requester bob \
    --channel email --assign alice --json
expect_rc 0
expect_json '["title"]' 'My own title'
expect_json '["description"]' 'Own description'
expect_json '["type"]' problem
expect_json '["category"]' software
expect_json '["priority"]' P1
expect_json '["tier"]' 3
expect_json '["tags"]' "['disk', 'host-db1', 'urgent']"
expect_json '["requester"]' bob
expect_json '["channel"]' email
expect_json '["assignee"]' alice

test_case "--impact or --urgency without -p replace the template's priority with the matrix"
hd open --template disk-full --var host=db2 --var mount=/ --var use=80 --impact low --urgency low --json
expect_rc 0
expect_json '["priority"]' P4
expect_json '["impact"]' low

test_case "a --var value may be empty or hold '='"
hd open --template disk-full --var host= --var mount=/a=b --var use=1 --json
expect_rc 0
expect_json '["title"]' 'Disk /a=b on  is 1% full'

# Bad input: exit 2, one error line naming the problem, nothing stored.
test_case "an unknown template is refused, naming it and the known ones"
remember_store
hd open --template disk --var host=web1
expect_failure 2 "unknown template 'disk'"
expect_err "disk-full"
expect_err "weekly"
hd template show nope
expect_failure 2 "unknown template 'nope'"

test_case "a placeholder without a value is refused, naming it and the template"
remember_store
hd open --template disk-full --var host=web1 --var use=93
expect_failure 2 "template 'disk-full' needs a value for {mount}"
expect_err "--var mount=VALUE"
hd open --template disk-full
expect_failure 2 "needs values for {mount}, {host} and {use}"

test_case "a --var the template does not use is refused, naming it"
remember_store
hd open --template disk-full --var host=web1 --var mount=/ --var use=9 --var hots=web2
expect_failure 2 "--var hots"
expect_err "mount, host and use"
hd open --template weekly --var x=1
expect_failure 2 "it has no placeholders"

test_case "a malformed --var, or one given twice, is refused"
remember_store
hd open --template disk-full --var host
expect_failure 2 "--var 'host' is not KEY=VALUE"
hd open --template disk-full --var "a b=c" --var mount=/ --var use=1
expect_failure 2 "is not a placeholder name"
hd open --template disk-full --var host=a --var host=b --var mount=/ --var use=1
expect_failure 2 "--var host is given twice"

test_case "--var without --template, and hd open with neither a title nor a template, are refused"
remember_store
hd open "A title" --var host=web1
expect_failure 2 "give --template NAME too"
hd open
expect_failure 2 "title"

test_case "a filled value is checked like a typed one"
remember_store
hd open --template disk-full --var "host=two words" --var mount=/ --var use=1
expect_failure 2 "tag"
hd open --template disk-full --var host=web1 --var mount=/ --var use=1 -t "a b"
expect_failure 2 "tag"

test_case "completion offers the templates after --template"
hd __complete open --template ""
expect_rc 0
expect_out_exactly "$(printf 'disk-full\nweekly')"

# A broken template stops every command: exit 2 naming the file and line.
test_case "a bad template in the config is exit 2 with file:line, for any command"
remember_store
printf '[template.bad]\ntitle = "Disk {host"\n' >"$CONFIG"
hd open --template bad --var host=x
expect_failure 2 "$CONFIG:2:9: template.bad.title: the '{' at character 6 is not closed"
hd template list
expect_failure 2 "$CONFIG:2:9"
printf '[template.bad]\ntitle = "x"\npriority = "P7"\n' >"$CONFIG"
hd open "Plain ticket"
expect_failure 2 "$CONFIG:3:12: template.bad.priority"
printf '[template.bad]\ntitle = "x"\ntier = "L7"\n' >"$CONFIG"
hd template list
expect_failure 2 "$CONFIG:3:8: template.bad.tier"
printf '[template.bad]\ntitle = "x"\ntags = ["two words"]\n' >"$CONFIG"
hd template list
expect_failure 2 "$CONFIG:3:9: template.bad.tags"
printf '[template.bad]\ntitle = "x"\nchannel = "pigeon"\n' >"$CONFIG"
hd template list
expect_failure 2 "$CONFIG:3:11: template.bad.channel"
printf '[template.bad]\ntitle = "x"\ntype = "bug"\n' >"$CONFIG"
hd template list
expect_failure 2 "$CONFIG:3:8: template.bad.type"
printf '[template.bad]\ndescription = "x"\n' >"$CONFIG"
hd template list
expect_failure 2 "$CONFIG:1:1: template.bad: missing key 'title'"

test_case "without templates, hd template list prints nothing and succeeds"
rm -f "$CONFIG"
hd template list
expect_rc 0
expect_empty_out
expect_empty_err
hd template list --json
expect_out_exactly "[]"
remember_store
hd open --template disk-full
expect_failure 2 "the config has no templates"

finish
