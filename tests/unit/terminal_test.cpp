// Tests of terminal text: display width, escaping of control characters, truncation, padding,
// wrapping, terminal width and colour.
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <unistd.h>

#include "cmd/output/terminal.hpp"
#include "core/text/utf8.hpp"

using namespace std::string_literals;
using hd::out::display_width;
using hd::out::pad;
using hd::out::sanitize;
using hd::out::wrap;
// truncate stays qualified: unqualified, POSIX ::truncate(const char*, off_t) from <unistd.h>
// wins for string-literal arguments.

namespace {

const std::string vietnamese_nfc = "Tiếng Việt";
const std::string vietnamese_nfd = "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t";
// 👨‍👩‍👧: man, ZWJ, woman, ZWJ, girl.
const std::string family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";

// Sets COLUMNS for one test and puts the old value back, so tests do not leak into each other.
class ColumnsEnv {
public:
    explicit ColumnsEnv(const char* value) {
        if (const char* old = std::getenv("COLUMNS")) saved_ = old;
        if (value)
            setenv("COLUMNS", value, 1);
        else
            unsetenv("COLUMNS");
    }
    ~ColumnsEnv() {
        if (saved_)
            setenv("COLUMNS", saved_->c_str(), 1);
        else
            unsetenv("COLUMNS");
    }
    ColumnsEnv(const ColumnsEnv&) = delete;
    ColumnsEnv& operator=(const ColumnsEnv&) = delete;

private:
    std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("display width counts columns, not bytes") {
    CHECK(display_width("") == 0);
    CHECK(display_width("printer") == 7);
    CHECK(display_width("日本") == 4);
    CHECK(display_width("🙂") == 2);
    CHECK(display_width("日本 ok 🙂") == 10);
    CHECK(display_width(" ~all of printable ASCII~ ") == 26);  // one column a byte
    CHECK(display_width("tab\there\x7f") == 7);                // controls and DEL take no column
}

TEST_CASE("Vietnamese has the same width composed and decomposed") {
    CHECK(vietnamese_nfc.size() != vietnamese_nfd.size());
    CHECK(display_width(vietnamese_nfc) == 10);
    CHECK(display_width(vietnamese_nfd) == 10);
}

TEST_CASE("an emoji sequence is one wide glyph") {
    CHECK(display_width(family) == 2);
    CHECK(display_width("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd") == 2);  // 👍🏽 thumbs up, skin tone
    CHECK(display_width("\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3") == 2);  // 🇻🇳 flag
}

TEST_CASE("conjoining Hangul jamo take the width of one syllable") {
    CHECK(display_width("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab") == display_width("한"));
    CHECK(display_width("한") == 2);
}

TEST_CASE("an invalid byte is as wide as its escape") {
    CHECK(display_width("\xff") == 4);
    CHECK(display_width("a\xff" "b") == 6);
    CHECK(display_width("\xe6\x97") == 8);  // truncated 日: two escaped bytes
    CHECK(display_width(sanitize("a\xff" "b")) == display_width("a\xff" "b"));
}

TEST_CASE("escape sequences from user text are shown, not sent to the terminal") {
    CHECK(sanitize("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
    CHECK(sanitize("\x1b]0;owned\x07") == "\\x1b]0;owned\\x07");           // OSC: set window title
    CHECK(sanitize("\x1b[2J\x1b[H") == "\\x1b[2J\\x1b[H");                 // clear the screen
    CHECK(sanitize("\x1b]52;c;ZWNobw==\x07") == "\\x1b]52;c;ZWNobw==\\x07");  // OSC 52: clipboard
}

TEST_CASE("C1 controls are escaped as code points") {
    CHECK(sanitize("\xc2\x9b" "31m") == "\\u009b31m");  // CSI in its 8-bit form
    CHECK(sanitize("\xc2\x9d" "0;x\xc2\x9c") == "\\u009d0;x\\u009c");
    CHECK(sanitize("\xc2\x80") == "\\u0080");
    CHECK(sanitize("\xc2\x85") == "\\u0085");
    CHECK(sanitize("\xc2\x9f") == "\\u009f");
    CHECK(sanitize("\xc2\xa0") == "\xc2\xa0");  // no-break space is text
}

TEST_CASE("other C0 controls, NUL and DEL are escaped") {
    CHECK(sanitize("a\0b"s) == "a\\x00b");
    CHECK(sanitize("bell\x07") == "bell\\x07");
    CHECK(sanitize("back\x08space") == "back\\x08space");
    CHECK(sanitize("del\x7f") == "del\\x7f");
    CHECK(sanitize("\x1f") == "\\x1f");
}

TEST_CASE("invalid UTF-8 bytes are escaped one by one") {
    CHECK(sanitize("caf\xe9") == "caf\\xe9");
    CHECK(sanitize("\xff\xfe") == "\\xff\\xfe");
    CHECK(sanitize("\xe6\x97!") == "\\xe6\\x97!");
    CHECK(sanitize("\xc0\xaf") == "\\xc0\\xaf");        // overlong '/'
    CHECK(sanitize("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // surrogate
    CHECK(sanitize("\x80") == "\\x80");                 // not U+0080: a lone continuation byte
}

TEST_CASE("sanitized text is valid UTF-8 with no control characters") {
    const std::string hostile = "\x1b[1m\xc2\x9b\xff\x00\x7f\r\n\t\xe6\x97 Tiếng 日本 🙂"s;
    CHECK(hd::is_valid_utf8(sanitize(hostile)));
    CHECK_FALSE(hd::has_control_chars(sanitize(hostile), false));
    CHECK(hd::is_valid_utf8(sanitize(hostile, true)));
    CHECK_FALSE(hd::has_control_chars(sanitize(hostile, true), true));
}

TEST_CASE("sanitizing sanitized text changes nothing") {
    const std::string hostile = "\x1b[1m\xc2\x9b\xff\x00 C:\\x1b \\u009b"s;
    CHECK(sanitize(sanitize(hostile)) == sanitize(hostile));
}

TEST_CASE("ordinary text in any script passes sanitize unchanged") {
    for (const std::string& text : {vietnamese_nfc, vietnamese_nfd, "日本語"s, family, "C:\\Users\\an"s})
        CHECK(sanitize(text) == text);
}

TEST_CASE("newlines and tabs are escaped on one line and kept in a block") {
    CHECK(sanitize("a\nb\tc") == "a\\x0ab\\x09c");
    CHECK(sanitize("a\nb\tc", true) == "a\nb    c");
}

TEST_CASE("a block drops the CR of CRLF but escapes a lone CR") {
    CHECK(sanitize("one\r\ntwo\r\n", true) == "one\ntwo\n");
    CHECK(sanitize("fake\roverwrite", true) == "fake\\x0doverwrite");
    CHECK(sanitize("end\r", true) == "end\\x0d");
    CHECK(sanitize("one\r\ntwo", false) == "one\\x0d\\x0atwo");
}

TEST_CASE("text that fits is not truncated") {
    CHECK(hd::out::truncate("short", 10) == "short");
    CHECK(hd::out::truncate("exact", 5) == "exact");
    CHECK(hd::out::truncate("", 0) == "");
    CHECK(hd::out::truncate("日本", 4) == "日本");
}

TEST_CASE("truncated text ends with an ellipsis within the width") {
    CHECK(hd::out::truncate("printer jammed", 8) == "printer…");
    CHECK(display_width(hd::out::truncate("printer jammed", 8)) == 8);
    CHECK(hd::out::truncate("abc", 1) == "…");
    CHECK(hd::out::truncate("abc", 0) == "");
}

TEST_CASE("truncation keeps Vietnamese combining marks with their letter") {
    CHECK(hd::out::truncate(vietnamese_nfc, 6) == "Tiếng…");
    CHECK(hd::out::truncate(vietnamese_nfd, 6) == "Tie\xcc\x82\xcc\x81ng…");
    // Cut right after the "ê": the decomposed form must keep both of its marks.
    CHECK(hd::out::truncate(vietnamese_nfd, 4) == "Tie\xcc\x82\xcc\x81…");
    CHECK(display_width(hd::out::truncate(vietnamese_nfd, 4)) == 4);
}

TEST_CASE("truncation never splits a wide character") {
    CHECK(hd::out::truncate("日本語", 5) == "日本…");
    CHECK(hd::out::truncate("日本語", 4) == "日…");  // 日本 + … would need 5 columns
    CHECK(hd::out::truncate("日本語", 2) == "…");
    CHECK(hd::out::truncate(family + family, 3) == family + "…");
    CHECK(hd::out::truncate(family + family, 2) == "…");
}

TEST_CASE("truncation stays within the width at every width") {
    const std::string mixed = "Tiếng 日本 🙂 " + vietnamese_nfd + " " + family + " end";
    for (std::size_t width = 0; width <= display_width(mixed) + 1; ++width) {
        CAPTURE(width);
        CHECK(display_width(hd::out::truncate(mixed, width)) <= width);
        CHECK(hd::is_valid_utf8(hd::out::truncate(mixed, width)));
    }
}

TEST_CASE("padding fills to the display width on either side") {
    CHECK(pad("ab", 5) == "ab   ");
    CHECK(pad("ab", 5, true) == "   ab");
    CHECK(pad("日本", 6) == "日本  ");
    CHECK(pad("日本", 6, true) == "  日本");
    CHECK(pad(vietnamese_nfd, 12) == vietnamese_nfd + "  ");
    CHECK(pad("too wide", 3) == "too wide");
}

TEST_CASE("wrapping breaks at spaces and keeps every line within the width") {
    auto lines = wrap("the printer on the third floor is jammed", 12);
    CHECK(lines == std::vector<std::string>{"the printer", "on the third", "floor is", "jammed"});
}

TEST_CASE("wrapping cuts a word longer than the line") {
    CHECK(wrap("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    CHECK(wrap("see https://example.com/x", 10) ==
          std::vector<std::string>{"see", "https://ex", "ample.com/", "x"});
}

TEST_CASE("wrapping keeps existing newlines and blank lines") {
    CHECK(wrap("one\n\ntwo", 20) == std::vector<std::string>{"one", "", "two"});
    CHECK(wrap("one\ntwo\n", 20) == std::vector<std::string>{"one", "two"});
    CHECK(wrap("one\n\n", 20) == std::vector<std::string>{"one", ""});
    CHECK(wrap("", 20).empty());
}

TEST_CASE("wrapping leaves no trailing spaces and keeps first-line indentation") {
    CHECK(wrap("  indented text here", 10) == std::vector<std::string>{"  indented", "text here"});
    CHECK(wrap("abc   ", 3) == std::vector<std::string>{"abc"});
    CHECK(wrap("a    b", 3) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("wrapping measures wide and combining characters by columns") {
    CHECK(wrap("日本語テキスト", 6) == std::vector<std::string>{"日本語", "テキス", "ト"});
    CHECK(wrap("日本語テキスト", 5) == std::vector<std::string>{"日本", "語テ", "キス", "ト"});
    CHECK(wrap(vietnamese_nfd + " " + vietnamese_nfd, 10) ==
          std::vector<std::string>{vietnamese_nfd, vietnamese_nfd});
    CHECK(wrap("🙂🙂🙂", 4) == std::vector<std::string>{"🙂🙂", "🙂"});
}

TEST_CASE("wrapped lines never exceed the width") {
    const std::string text = "Tiếng Việt " + vietnamese_nfd + " 日本語のテキスト 🙂 " + family +
                             " a-very-long-word-without-any-spaces\nsecond paragraph";
    for (std::size_t width = 2; width <= 40; ++width) {
        CAPTURE(width);
        for (const std::string& line : wrap(text, width)) {
            CHECK(display_width(line) <= width);
            CHECK(hd::is_valid_utf8(line));
            CHECK((line.empty() || line.back() != ' '));
        }
    }
}

TEST_CASE("wrapping to a tiny width still ends") {
    CHECK(wrap("ab", 0) == std::vector<std::string>{"a", "b"});
    CHECK(wrap("日", 1) == std::vector<std::string>{"日"});  // too wide for any line: shown alone
}

TEST_CASE("COLUMNS sets the terminal width when it is a positive integer") {
    ColumnsEnv env("123");
    CHECK(hd::out::terminal_width() == 123);
}

TEST_CASE("an invalid COLUMNS is ignored") {
    for (const char* bad : {"0", "-5", "abc", "80x", " 80", ""}) {
        CAPTURE(bad);
        ColumnsEnv env(bad);
        std::size_t width = hd::out::terminal_width(77);
        CHECK(width > 0);
        // Off a terminal (as under ctest) the fallback is all that is left.
        if (!isatty(STDOUT_FILENO)) CHECK(width == 77);
    }
}

TEST_CASE("off a terminal and without COLUMNS the fallback width is used") {
    ColumnsEnv env(nullptr);
    if (!isatty(STDOUT_FILENO)) CHECK(hd::out::terminal_width(64) == 64);
}

TEST_CASE("styles wrap text in SGR codes when colour is on") {
    hd::out::Style on(true);
    CHECK(on.enabled());
    CHECK(on.bold("x") == "\x1b[1mx\x1b[0m");
    CHECK(on.dim("x") == "\x1b[2mx\x1b[0m");
    CHECK(on.red("x") == "\x1b[31mx\x1b[0m");
    CHECK(on.green("x") == "\x1b[32mx\x1b[0m");
    CHECK(on.yellow("x") == "\x1b[33mx\x1b[0m");
    CHECK(on.blue("x") == "\x1b[34mx\x1b[0m");
    CHECK(on.magenta("x") == "\x1b[35mx\x1b[0m");
    CHECK(on.cyan("x") == "\x1b[36mx\x1b[0m");
    CHECK(on.wrap_sgr("1;31", "x") == "\x1b[1;31mx\x1b[0m");
}

TEST_CASE("styles leave text untouched when colour is off") {
    hd::out::Style off(false);
    CHECK_FALSE(off.enabled());
    for (const std::string& text : {""s, "plain"s, vietnamese_nfd, "日本"s}) {
        CHECK(off.bold(text) == text);
        CHECK(off.dim(text) == text);
        CHECK(off.red(text) == text);
        CHECK(off.green(text) == text);
        CHECK(off.yellow(text) == text);
        CHECK(off.blue(text) == text);
        CHECK(off.magenta(text) == text);
        CHECK(off.cyan(text) == text);
        CHECK(off.wrap_sgr("31", text) == text);
    }
}
