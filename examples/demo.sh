#!/usr/bin/env bash
# A walk through hd on a fresh, temporary store: file tickets, triage, work them, find the answer in
# the knowledge base, resolve them, watch the service levels and report.
# Run by `make demo`; HD_BIN names the binary (default: hd on the PATH).
set -euo pipefail

HD_BIN=${HD_BIN:-hd}
DEMO_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hd-demo.XXXXXX")
trap 'rm -rf "$DEMO_DIR"' EXIT
export HD_DB="$DEMO_DIR/hd.db" HD_CONFIG="$DEMO_DIR/config.toml" HD_USER=alice

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
hd() { step "hd $*"; "$HD_BIN" "$@"; }

hd init
cat >>"$HD_CONFIG" <<'TOML'

[[route]]
name = "network goes to support"
category = "network"
tier = 2

[sla.P2]
respond = "1h"
resolve = "8h"

[sla.P3]
respond = "4h"
resolve = "24h"

[ola.L1]
pickup = "30m"
TOML
hd agent add alice --tier L1 --email alice@example.com
hd agent add bob --tier L2 --team netops
hd tier list
hd open "Printer on floor 3 jams on every job" -c printer --impact medium --urgency high --requester bob@example.com --channel phone
hd open "VPN drops every hour for the sales team" -c network -p P2 -t vpn -t sales --channel email
step 'printf "Disk /srv is 93%% full on web1\n" | hd open "Disk almost full on web1" -d - --channel monitoring -t disk -q'
id=$(printf 'Disk /srv is 93%% full on web1\n' | "$HD_BIN" open "Disk almost full on web1" -d - --channel monitoring -t disk -q)
echo "$id"
hd open "New laptop for a new hire" --type request -c hardware -p P4

hd list
hd list 'prio:<=P2' status:new
hd route explain 2
hd queue
hd next
hd escalate 1 --reason "The fuser needs a technician"
hd --as bob take 2
hd comment 2 "Rebooted the concentrator; watching it for an hour"
hd comment 2 "Firmware 4.2 has a known keep-alive bug" --internal
hd --as bob pend 2 --reason "Waiting for the vendor's firmware"
hd --as bob start 2
hd --as bob kb import "$(dirname "$0")/kb"
hd kb search vpn connecting
hd kb search mat khau
hd kb suggest 2
hd kb show vpn-connection
hd --as bob resolve 2 --note "Upgraded the VPN concentrator to firmware 4.3" --code fixed --kb vpn-connection
hd show 2 --history
hd --as bob close 2
hd show 1
hd resolve "$id" --note "Rotated the logs" --code workaround
hd list --all --sort -updated
hd show 1 --json
hd sla
step 'HD_NOW=<in two days> hd sla breached'
HD_NOW=$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ) "$HD_BIN" sla breached
hd sla sweep --dry-run
hd rate 2 5 --comment "Fixed before lunch"
hd report
hd report volume --since 7d --by day --chart
