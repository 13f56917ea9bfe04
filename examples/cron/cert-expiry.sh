#!/bin/sh
# Files a ticket for every certificate that expires within DAYS days (one per certificate, however
# often it runs). Usage: cert-expiry.sh DAYS FILE.pem...
set -eu
HD=${HD_BIN:-hd}
days=$1
shift
for file in "$@"; do
    [ -f "$file" ] || continue
    if openssl x509 -in "$file" -noout -checkend $((days * 86400)) >/dev/null 2>&1; then continue; fi
    end=$(openssl x509 -in "$file" -noout -enddate | cut -d= -f2)
    date=$(date -u -d "$end" +%Y-%m-%d)
    left=$(( ($(date -u -d "$end" +%s) - $(date -u +%s)) / 86400 ))
    name=$(openssl x509 -in "$file" -noout -subject -nameopt multiline | awk -F' = ' '/commonName/ { print $2; exit }')
    "$HD" open --template cert-expiry --var name="${name:-$(basename "$file")}" --var file="$file" \
        --var date="$date" --var days="$left" -q
done
