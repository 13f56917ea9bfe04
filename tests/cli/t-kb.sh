#!/usr/bin/env bash
# The knowledge base: hd kb add, show, edit, list, history, publish, retire, search, suggest, link,
# import, export; hd resolve --kb; hd show's articles; hd open's suggestions.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

EXAMPLES=${HD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/examples/kb

test_case "import the example articles"
hd kb import "$EXAMPLES"
expect_rc 0
expect_empty_err
expect_out "Imported 7 files: 7 added, 0 updated, 0 unchanged"
hd kb list --json
expect_json_true 'len(d) == 7'
expect_json_true 'sorted(a["lang"] for a in d) == ["de", "en", "en", "en", "pl", "ru", "vi"]'

test_case "re-importing updates instead of copying"
hd kb import "$EXAMPLES"
expect_rc 0
expect_out "0 added, 0 updated, 7 unchanged"
cp -r "$EXAMPLES" "$TEST_DIR/kb"
sed -i 's/at least 12 characters/at least 14 characters/' "$TEST_DIR/kb/en/reset-password.md"
hd kb import "$TEST_DIR/kb/en/reset-password.md"
expect_rc 0
expect_out "0 added, 1 updated, 0 unchanged"
hd kb show reset-password --lang en --json
expect_json '["version"]' 2
expect_json_true '"14 characters" in d["body"]'
hd kb list --json
expect_json_true 'len(d) == 7'

test_case "the search index follows an update: old words go, new words come"
hd kb search captive -q
expect_out_lines 1
sed -i 's/a captive portal/a hotspot login page/' "$TEST_DIR/kb/en/vpn-connection.md"
hd kb import "$TEST_DIR/kb/en/vpn-connection.md" -q
expect_rc 0
hd kb search captive -q
expect_empty_out
hd kb search hotspot --json
expect_json '[0]["slug"]' vpn-connection

test_case "search folds case and diacritics in every language"
for q in "mat khau" "dang nhap" "haslo" "uzytkownik" "ПАРОЛЬ" "пароля" "printers" "connecting" "DRUCKER"; do
    hd kb search "$q" -q
    if [ "$RC" -eq 0 ] && [ -s "$OUT" ]; then ok; else fail "search '$q' found nothing"; fi
done
hd kb search "mat khau" --json
expect_json '[0]["lang"]' vi
hd kb search dang nhap --json
expect_json '[0]["lang"]' vi
hd kb search haslo --json
expect_json '[0]["lang"]' pl
hd kb search uzytkownik --json
expect_json '[0]["lang"]' pl
hd kb search ПАРОЛЬ --json
expect_json '[0]["lang"]' ru
hd kb search printers --json
expect_json '[0]["slug"]' printer-offline
hd kb search connecting --json
expect_json '[0]["slug"]' vpn-connection

test_case "search ranks titles above bodies and highlights the snippet"
hd kb search password --lang en --json
expect_json '[0]["slug"]' reset-password
expect_json_true '"**" in d[0]["snippet"]'
expect_json_true 'all(h["lang"] == "en" for h in d)'
hd kb search password --lang en
expect_out "KB"
expect_out "Reset a forgotten password"
expect_out "*password*"

test_case "phrases, prefixes, OR, NOT"
hd kb search '"forgot your password"' --json
expect_json_true '[h["slug"] for h in d] == ["reset-password"]'
hd kb search '"password forgot"' --json
expect_json_true 'd == []'
hd kb search 'vp*' --json
expect_json '[0]["slug"]' vpn-connection
hd kb search 'printer OR vpn' --lang en --json
expect_json_true 'sorted(h["slug"] for h in d) == ["printer-offline", "vpn-connection"]'
hd kb search 'offline NOT drucker' --json
expect_json_true '[h["lang"] for h in d] == ["en"]'
hd kb search --json offline -- -drucker
expect_json_true '[h["lang"] for h in d] == ["en"]'

test_case "search filters: --lang, --category, --limit"
hd kb search password --category accounts --json
expect_json_true 'len(d) >= 1 and all(h["category"] == "accounts" for h in d)'
hd kb search password --limit 1 --json
expect_json_true 'len(d) == 1'
hd kb search password --lang xx -q
expect_rc 0
expect_empty_out

test_case "bad search queries: a clear error or plain words, never SQL"
remember_store
hd kb search ""
expect_failure 2 "empty"
hd kb search "AND AND"
expect_rc 2
expect_error_line
expect_no_err "fts5"
expect_no_err "SQL"
hd kb search '"unbalanced'
expect_rc 0
expect_no_err "fts5"
hd kb search 'NEAR(' -q
expect_rc_not 5
expect_no_err "fts5"
hd kb search '***' -q
expect_rc 2
expect_error_line
hd kb search password --limit 0
expect_rc 2
expect_error_line
hd kb list --limit 0
expect_rc 2
expect_error_line
hd kb suggest 1 --limit -3
expect_rc 2
expect_error_line

test_case "show renders Markdown; --raw prints it; --json has the body"
hd kb show printer-offline --lang en
expect_rc 0
expect_out "Printer shows as offline"
expect_out "1. Check that the printer is on"
expect_out "HP LaserJet M404"
expect_no_out "|---"
hd kb show printer-offline --lang en --raw
expect_out "| Model            | Driver           |"
hd kb show printer-offline --lang de --json
expect_json '["lang"]' de
expect_json_true 'd["body"].startswith("# Der Drucker")'

test_case "show: unknown article, ambiguous id"
hd kb show no-such-article
expect_rc 3
expect_error_line
hd kb show 999
expect_rc 3
expect_error_line
hd kb show reset-password
expect_rc 2
expect_error_line
expect_err "--lang"

test_case "add from a file and from standard input"
printf '# Unlock an account\n\nAsk an L2 agent to unlock the account in the directory.\n' >"$TEST_DIR/unlock.md"
hd kb add "Unlock an account" -f "$TEST_DIR/unlock.md" -t account -t Locked -c accounts
expect_rc 0
expect_out_re "^Added KB[0-9]+ unlock-an-account \(en, published\)"
hd_in "Restart the spooler service, then print a test page." kb add "Clear a stuck print queue" -f - -q
expect_rc 0
expect_out_re "^[0-9]+$"
QUEUE_ID=$(cat "$OUT")
hd kb show "$QUEUE_ID" --json
expect_json '["slug"]' clear-a-stuck-print-queue
expect_json '["lang"]' en
hd kb show unlock-an-account --json
expect_json '["tags"]' "['account', 'locked']"

test_case "language detection when --lang is not given"
hd_in "Sprawdź, czy drukarka jest włączona i podłączona do sieci, a potem wydrukuj stronę testową." kb add "Drukarka nie drukuje" -f - --json
expect_json '["lang"]' pl
hd_in "Перезагрузите компьютер и проверьте подключение к сети, затем попробуйте снова." kb add "Нет подключения к сети" -f - --json
expect_json '["lang"]' ru

test_case "add: bad input writes nothing"
remember_store
hd kb add "No body"
expect_failure 2 "-f"
hd kb add "" -f "$TEST_DIR/unlock.md"
expect_failure 2 "title"
hd kb add "Missing file" -f "$TEST_DIR/nope.md"
expect_failure 2 "nope.md"
printf 'bad \xff byte\n' >"$TEST_DIR/bad.md"
hd kb add "Bad bytes" -f "$TEST_DIR/bad.md"
expect_failure 2 "UTF-8"
hd kb add "Bad lang" -f "$TEST_DIR/unlock.md" --lang english
expect_failure 2 "language"
hd kb add "Unlock an account" -f "$TEST_DIR/unlock.md" --slug unlock-an-account --lang en
expect_failure 2 "exists already"

test_case "edit makes a new version; history keeps every one"
hd kb edit unlock-an-account --title "Unlock a locked account" -t -locked -t directory
expect_rc 0
expect_out_re "^Updated KB[0-9]+ \(version 2\)"
hd kb edit unlock-an-account --title "Unlock a locked account"
expect_rc 0
expect_out "No change to"
hd kb history unlock-an-account --json
expect_json_true '[v["version"] for v in d] == [1, 2]'
expect_json_true '[v["note"] for v in d] == ["added", "edited"]'
expect_json_true 'd[0]["title"] == "Unlock an account" and d[1]["title"] == "Unlock a locked account"'
expect_json '[1]["by"]' tester
hd kb show unlock-an-account --json
expect_json '["tags"]' "['account', 'directory']"
hd kb history unlock-an-account
expect_out "v2"
expect_out "edited"

test_case "add and edit in \$EDITOR on a terminal"
if tty_available; then
    cat >"$TEST_DIR/write-body.sh" <<'EOS'
#!/bin/sh
printf '# Mount a network share\n\nOpen the file manager and choose Other Locations.\n' >"$1"
EOS
    cat >"$TEST_DIR/edit-form.sh" <<'EOS'
#!/bin/sh
sed -i -e 's/^title: .*/title: "Mount a shared folder"/' -e 's/Other Locations/Other Locations, then Connect/' "$1"
EOS
    chmod +x "$TEST_DIR/write-body.sh" "$TEST_DIR/edit-form.sh"
    EDITOR="$TEST_DIR/write-body.sh" hd_tty 100 kb add "Mount a network share" --lang en
    expect_rc 0
    expect_out "Added KB"
    EDITOR="$TEST_DIR/edit-form.sh" hd_tty 100 kb edit mount-a-network-share
    expect_rc 0
    expect_out "Updated KB"
    hd kb show mount-a-network-share --json
    expect_json '["title"]' "Mount a shared folder"
    expect_json_true '"then Connect" in d["body"] and d["version"] == 2 and d["lang"] == "en"'
fi

test_case "edit: bad input"
remember_store
hd kb edit unlock-an-account
expect_failure 2 "nothing to change"
hd kb edit nope --title x
expect_failure 3 "no article"
hd kb edit unlock-an-account --title ""
expect_failure 2 "title"

test_case "drafts, publish, retire; list filters"
hd kb add "Draft article" -f "$TEST_DIR/unlock.md" --draft -q
DRAFT=$(cat "$OUT")
hd kb search directory --json
expect_json_true 'all(h["status"] == "published" for h in d)'
hd kb search directory --drafts --json
expect_json_true 'any(h["id"] == '"$DRAFT"' for h in d)'
hd kb list status:draft -q
expect_out_exactly "$DRAFT"
hd kb publish "$DRAFT"
expect_rc 0
expect_out "Published KB$DRAFT"
hd kb publish "$DRAFT"
expect_rc 4
expect_error_line
hd kb retire "KB$DRAFT"
expect_rc 0
hd kb list -q
expect_no_out "$DRAFT"
hd kb list status:retired -q
expect_out_exactly "$DRAFT"
hd kb search directory --json
expect_json_true 'all(h["id"] != '"$DRAFT"' for h in d)'
hd kb list lang:pl,ru --json
expect_json_true 'sorted(set(a["lang"] for a in d)) == ["pl", "ru"]'
hd kb list cat:printing tag:printer --json
expect_json_true 'sorted(a["lang"] for a in d) == ["de", "en"]'
hd kb list password lang:en -q
expect_out_lines 1
hd kb list lang:english
expect_rc 2
expect_error_line
hd kb list colour:red
expect_rc 2
expect_err "lang, cat, tag, status"
hd kb list --sort popularity
expect_rc 2
expect_error_line

test_case "link, resolve --kb, uses, show lists the articles"
T=$(open_ticket "I forgot my password")
hd kb link reset-password "$T" --lang en
expect_rc 0
expect_out "Linked KB"
hd kb link reset-password "$T" --lang en
expect_out "already"
hd resolve "$T" --note "Reset via the portal" --kb printer-offline
expect_rc 2
expect_err "several languages"
hd show "$T" --json
expect_json '["status"]' new
EN_PRINTER=$("$HD_BIN" kb list tag:printer lang:en -q)
hd resolve "$T" --note "Reset via the portal" --kb "$EN_PRINTER"
expect_rc 0
hd show "$T" --json
expect_json_true 'sorted(a["kind"] for a in d["articles"]) == ["linked", "solved"]'
hd show "$T"
expect_out "Solved by"
expect_out "Article:"
hd kb list --sort used --limit 2 --json
expect_json_true 'd[0]["uses"] == 1 and d[1]["uses"] == 1'
hd kb link reset-password 9999 --lang en
expect_rc 3
expect_error_line

test_case "suggest: articles for a ticket; hd open shows three on a terminal only"
T2=$(open_ticket "VPN connection drops every few minutes" -d "The VPN client disconnects when I am on hotel Wi-Fi")
hd kb suggest "$T2" --json
expect_json '[0]["slug"]' vpn-connection
hd kb suggest 9999
expect_rc 3
expect_error_line
hd open "Printer offline again" -q
expect_out_re "^[0-9]+$"
expect_out_lines 1
hd open "Printer offline again"
expect_no_out "Articles"
if tty_available; then
    hd_tty 100 open "Printer is offline on floor 3"
    expect_out "Articles that may help"
    expect_out "Printer shows as offline"
fi

test_case "permissions: tier 1 adds drafts, tier 2 publishes, others read"
export HD_USER=lead
"$HD_BIN" agent add lead --tier 2 >/dev/null
"$HD_BIN" agent add junior --tier 1 >/dev/null
remember_store
HD_USER=junior hd kb add "Junior article" -f "$TEST_DIR/unlock.md"
expect_failure 4 "--draft"
HD_USER=visitor hd kb add "Visitor article" -f "$TEST_DIR/unlock.md" --draft
expect_failure 4 "not an agent"
HD_USER=visitor hd kb search password -q
expect_rc 0
HD_USER=junior hd kb add "Junior draft" -f "$TEST_DIR/unlock.md" --draft -q
expect_rc 0
JD=$(cat "$OUT")
HD_USER=junior hd kb edit "$JD" --title "Junior draft, better"
expect_rc 0
remember_store
HD_USER=junior hd kb publish "$JD"
expect_failure 4 "L2"
HD_USER=junior hd kb edit printer-offline --lang de --title "x"
expect_rc_not 0
HD_USER=junior hd kb import "$EXAMPLES"
expect_failure 4 "import"
HD_USER=lead hd kb publish "$JD"
expect_rc 0
export HD_USER=tester

test_case "import: a bad file is named with its line, nothing is written"
mkdir -p "$TEST_DIR/bad"
printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$TEST_DIR/bad/broken.md"
printf -- '---\ntitle: Fine\n---\nbody\n' >"$TEST_DIR/bad/fine.md"
remember_store
HD_USER=lead hd kb import "$TEST_DIR/bad"
expect_failure 2 "broken.md:"
printf -- 'No front matter here\n' >"$TEST_DIR/plain.md"
HD_USER=lead hd kb import "$TEST_DIR/plain.md"
expect_failure 2 "plain.md:1:"
printf -- '---\ntitle: Bad\n---\nline two\n\xc3\x28 bad\n' >"$TEST_DIR/badutf.md"
HD_USER=lead hd kb import "$TEST_DIR/badutf.md"
expect_failure 2 "badutf.md:5:"
printf -- '---\ntitle: Same\nid: same\nlang: en\n---\nA\n' >"$TEST_DIR/bad/s1.md"
cp "$TEST_DIR/bad/s1.md" "$TEST_DIR/bad/s2.md"
rm "$TEST_DIR/bad/broken.md"
HD_USER=lead hd kb import "$TEST_DIR/bad"
expect_failure 2 "same article"
HD_USER=lead hd kb import "$TEST_DIR/missing-folder"
expect_failure 2 "missing-folder"

test_case "import: a folder's files without front matter are skipped with a note"
mkdir -p "$TEST_DIR/withreadme"
printf '# Read me\n' >"$TEST_DIR/withreadme/README.md"
printf -- '---\ntitle: Webcam does not work\nid: webcam\n---\nCheck the privacy shutter.\n' >"$TEST_DIR/withreadme/webcam.md"
HD_USER=lead hd kb import "$TEST_DIR/withreadme"
expect_rc 0
expect_err "skipped"
expect_out "1 added"

test_case "a 5 MB article is stored, found and shown"
"$PYTHON" -c '
import sys
words = "printer spooler queue driver network paper toner jam tray".split()
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: A very long troubleshooting log\nid: long-log\nlang: en\n---\n")
    for i in range(90000):
        f.write(words[i % 9] + " line %d of the log, nothing to see here\n\n" % i)
    f.write("the unique marker zanzibarquux appears at the end\n")' "$TEST_DIR/big.md"
HD_USER=lead hd kb import "$TEST_DIR/big.md"
expect_rc 0
hd kb search zanzibarquux --json
expect_json '[0]["slug"]' long-log
hd kb show long-log --raw
expect_out "zanzibarquux"

test_case "export round-trips through import into an empty store"
hd kb export "$TEST_DIR/out"
expect_rc 0
expect_out "Exported"
[ -f "$TEST_DIR/out/vi/reset-password.md" ] && ok || fail "expected out/vi/reset-password.md"
HD_DB="$TEST_DIR/copy.db" hd kb import "$TEST_DIR/out"
expect_rc 0
"$HD_BIN" kb list status:draft,published,retired --json | "$PYTHON" -c '
import json,sys; print(json.dumps(sorted((a["slug"],a["lang"],a["title"],a["tags"],a["category"],a["status"]) for a in json.load(sys.stdin))))' >"$TEST_DIR/a.json"
HD_DB="$TEST_DIR/copy.db" "$HD_BIN" kb list status:draft,published,retired --json | "$PYTHON" -c '
import json,sys; print(json.dumps(sorted((a["slug"],a["lang"],a["title"],a["tags"],a["category"],a["status"]) for a in json.load(sys.stdin))))' >"$TEST_DIR/b.json"
if cmp -s "$TEST_DIR/a.json" "$TEST_DIR/b.json"; then ok; else fail "exported and re-imported articles differ"; fi
for f in $(cd "$TEST_DIR/out" && find . -name '*.md'); do
    slug=${f#./*/}
    lang=${f#./}
    lang=${lang%%/*}
    a=$("$HD_BIN" kb show "${slug%.md}" --lang "$lang" --raw | md5sum)
    b=$(HD_DB="$TEST_DIR/copy.db" "$HD_BIN" kb show "${slug%.md}" --lang "$lang" --raw | md5sum)
    [ "$a" = "$b" ] || fail "body of $f differs after the round trip"
done
ok
hd kb export "$TEST_DIR/unlock.md"
expect_rc_not 0
expect_error_line

finish
