#!/usr/bin/env bash
# Installation: `cmake --install` of the build tree into a temporary prefix puts the binary, the man
# pages (sections 1, 5, 7) and the three completion scripts where they belong, and the installed hd
# runs. With HD_TEST_DEB=1, as root, also the Debian package: `make deb` (or the .deb named by
# HD_DEB), apt-get install, hd --version, man -w, apt-get remove, and every file gone again; this
# part changes the system, so the default test run never does it.
# Environment: HD_BUILD_DIR (the build tree, default build), HD_SOURCE_DIR (default: this checkout).
set -u

HD_SOURCE_DIR=${HD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
HD_BUILD_DIR=${HD_BUILD_DIR:-$HD_SOURCE_DIR/build}
[ -f "$HD_BUILD_DIR/cmake_install.cmake" ] || { echo "no build tree at $HD_BUILD_DIR (set HD_BUILD_DIR)"; exit 1; }

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hd-install.XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
export HOME="$TEST_DIR/home" XDG_CONFIG_HOME="$TEST_DIR/config" XDG_DATA_HOME="$TEST_DIR/data"
export HD_DB="$TEST_DIR/hd.db"
mkdir -p "$HOME"

PASSED=0
FAILED=0
CURRENT=""
test_case() { CURRENT=$1; }
ok() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL [$CURRENT]: $*"; }
expect_file() { if [ -f "$1" ]; then ok; else fail "expected the file $1"; fi; }
expect_no_file() { if [ -e "$1" ]; then fail "expected $1 to be gone"; else ok; fi; }

# The man pages the sources define, as NAME.SECTION.
pages() { for f in "$HD_SOURCE_DIR"/man/*.scd; do basename "$f" .scd; done; }

test_case "cmake --install into a prefix"
P="$TEST_DIR/prefix"
if cmake --install "$HD_BUILD_DIR" --prefix "$P" >"$TEST_DIR/install.log" 2>&1; then ok; else fail "cmake --install failed: $(tail -5 "$TEST_DIR/install.log")"; fi

test_case "the binary, in bin/, runs"
expect_file "$P/bin/hd"
if [ -x "$P/bin/hd" ] && "$P/bin/hd" --version | grep -qx 'hd [0-9][0-9.]*'; then ok; else fail "$P/bin/hd --version"; fi

test_case "every man page, in share/man/manSECTION"
count=0
for page in $(pages); do
    expect_file "$P/share/man/man${page##*.}/$page"
    count=$((count + 1))
done
for section in 1 5 7; do
    if ls "$P/share/man/man$section/"*."$section" >/dev/null 2>&1; then ok; else fail "no page in man$section"; fi
done
if [ "$count" -gt 3 ]; then ok; else fail "expected the man page sources in $HD_SOURCE_DIR/man"; fi
if command -v man >/dev/null; then
    if MANPATH="$P/share/man" man -w hd-kb-search >/dev/null 2>&1; then ok; else fail "man -w does not find hd-kb-search in $P/share/man"; fi
fi

test_case "the completions, where bash-completion, zsh and fish look"
expect_file "$P/share/bash-completion/completions/hd"
expect_file "$P/share/zsh/site-functions/_hd"
expect_file "$P/share/fish/vendor_completions.d/hd.fish"
for shell in bash zsh fish; do
    case $shell in
    bash) file="$P/share/bash-completion/completions/hd" ;;
    zsh) file="$P/share/zsh/site-functions/_hd" ;;
    fish) file="$P/share/fish/vendor_completions.d/hd.fish" ;;
    esac
    if "$P/bin/hd" completion "$shell" | cmp -s - "$file"; then ok; else fail "$file differs from hd completion $shell"; fi
done

test_case "nothing else is installed"
others=$(cd "$P" && find . -type f ! -path './bin/hd' ! -path './share/man/*' ! -path './share/bash-completion/*' \
    ! -path './share/zsh/*' ! -path './share/fish/*')
if [ -z "$others" ]; then ok; else fail "unexpected files: $others"; fi

if [ "${HD_TEST_DEB:-}" = 1 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "skipped: the .deb (HD_TEST_DEB=1 needs root)"
    elif dpkg-query -W -f='${Status}' hd 2>/dev/null | grep -q 'install ok installed'; then
        echo "skipped: the .deb (a package hd is already installed here; not touching it)"
    else
        test_case "make deb builds a package"
        if [ -n "${HD_DEB:-}" ]; then
            deb=$HD_DEB
        else
            make -C "$HD_SOURCE_DIR" deb DEB_BUILD="${HD_DEB_BUILD:-build-release}" >"$TEST_DIR/deb.log" 2>&1 ||
                fail "make deb failed: $(tail -5 "$TEST_DIR/deb.log")"
            deb=$(ls -t "$HD_SOURCE_DIR"/hd_*.deb 2>/dev/null | head -1)
        fi
        expect_file "$deb"
        depends=$(dpkg-deb -f "$deb" Depends)
        for lib in tzdata libsqlite3 libstemmer libcld2 libmd4c libyaml-cpp libdate-tz libutf8proc; do
            if grep -q "$lib" <<<"$depends"; then ok; else fail "Depends lacks $lib: $depends"; fi
        done

        test_case "apt-get install ./hd_*.deb"
        cp "$deb" "$TEST_DIR/"
        if DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$TEST_DIR/$(basename "$deb")" >"$TEST_DIR/apt.log" 2>&1; then ok; else fail "apt-get install failed: $(tail -5 "$TEST_DIR/apt.log")"; fi
        if /usr/bin/hd --version | grep -qx 'hd [0-9][0-9.]*'; then ok; else fail "/usr/bin/hd --version: $(/usr/bin/hd --version 2>&1 | head -1)"; fi
        if [ "$(man -w hd 2>/dev/null)" = /usr/share/man/man1/hd.1 ]; then ok; else fail "man -w hd: $(man -w hd 2>&1)"; fi
        if man -w hd-kb-search >/dev/null 2>&1; then ok; else fail "man -w hd-kb-search"; fi
        files=$(dpkg -L hd)
        for f in /usr/share/bash-completion/completions/hd /usr/share/zsh/vendor-completions/_hd \
            /usr/share/fish/vendor_completions.d/hd.fish /usr/share/man/man5/hd-config.5 /usr/share/man/man7/hd-filters.7; do
            if grep -qx "$f" <<<"$files" && [ -f "$f" ]; then ok; else fail "the package did not install $f"; fi
        done
        if command -v zsh >/dev/null; then
            got=$(zsh -fc 'autoload -U compinit && compinit -u -D && print -r -- $_comps[hd]' 2>/dev/null)
            if [ "$got" = _hd ]; then ok; else fail "zsh's compinit maps hd to '$got', not _hd"; fi
        fi

        test_case "apt-get remove hd removes every file and gives back what it diverted"
        if DEBIAN_FRONTEND=noninteractive apt-get remove -y -q hd >"$TEST_DIR/apt.log" 2>&1; then ok; else fail "apt-get remove failed: $(tail -5 "$TEST_DIR/apt.log")"; fi
        for f in $files; do
            case $f in
            /usr/bin/hd | /usr/share/bash-completion/completions/hd)
                # Debian's hexdump alias and its completion come back if they were there.
                if [ -e "$f" ] && dpkg -S "$f" 2>/dev/null | grep -q '^hd:'; then fail "$f still belongs to hd"; else ok; fi ;;
            *) if [ -f "$f" ]; then fail "expected $f to be gone"; else ok; fi ;;
            esac
        done
        if [ -x /usr/bin/hd ] && /usr/bin/hd --version 2>/dev/null | grep -q '^hd [0-9]'; then fail "hd still runs"; else ok; fi
        if dpkg-divert --list | grep -q ' by hd$'; then fail "diversions left: $(dpkg-divert --list | grep ' by hd$')"; else ok; fi
    fi
else
    echo "skipped: the .deb (set HD_TEST_DEB=1, as root, to build, install and remove it)"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
