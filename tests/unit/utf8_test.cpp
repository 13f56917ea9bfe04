// Tests of UTF-8 validation, control-character detection, case folding and trimming.
#include <doctest/doctest.h>

#include <string>

#include "core/text/utf8.hpp"

using namespace std::string_literals;

TEST_CASE("well-formed UTF-8 in any script is valid") {
    CHECK(hd::is_valid_utf8(""));
    CHECK(hd::is_valid_utf8("printer on floor 3 is jammed"));
    CHECK(hd::is_valid_utf8("Tiếng Việt"));
    CHECK(hd::is_valid_utf8("Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t"));  // NFD
    CHECK(hd::is_valid_utf8("日本語のテキスト"));
    CHECK(hd::is_valid_utf8("🙂 👨‍👩‍👧"));
    CHECK(hd::is_valid_utf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF, the last code point
    CHECK(hd::is_valid_utf8("a\0b"s));           // U+0000 is valid UTF-8; controls are checked apart
}

TEST_CASE("a bad byte is found, and a good sequence passed, wherever it sits in a long ASCII line") {
    // ASCII is passed over eight bytes at a time: every offset within and across those words.
    for (std::size_t at = 0; at < 24; ++at) {
        CAPTURE(at);
        std::string bad(24, 'a');
        bad[at] = '\x80';
        CHECK_FALSE(hd::is_valid_utf8(bad));
        std::string good(24, 'a');
        good.replace(at, 2, "\xc3\xa9");  // é
        CHECK(hd::is_valid_utf8(good));
        std::string cut = std::string(at, 'a') + "\xe6\x97";  // 日 without its last byte, at the end
        CHECK_FALSE(hd::is_valid_utf8(cut));
    }
}

TEST_CASE("overlong encodings are rejected") {
    CHECK_FALSE(hd::is_valid_utf8("\xc0\xaf"));
    CHECK_FALSE(hd::is_valid_utf8("\xc1\xbf"));
    CHECK_FALSE(hd::is_valid_utf8("\xe0\x80\xaf"));
    CHECK_FALSE(hd::is_valid_utf8("\xf0\x80\x80\xaf"));
    CHECK_FALSE(hd::is_valid_utf8("\xc0\x80"));  // the "modified UTF-8" NUL
}

TEST_CASE("surrogate code points are rejected") {
    CHECK_FALSE(hd::is_valid_utf8("\xed\xa0\x80"));               // U+D800
    CHECK_FALSE(hd::is_valid_utf8("\xed\xbf\xbf"));               // U+DFFF
    CHECK_FALSE(hd::is_valid_utf8("\xed\xa0\xbd\xed\xb8\x82"));   // CESU-8 pair for an emoji
}

TEST_CASE("code points above U+10FFFF are rejected") {
    CHECK_FALSE(hd::is_valid_utf8("\xf4\x90\x80\x80"));
    CHECK_FALSE(hd::is_valid_utf8("\xf5\x80\x80\x80"));
    CHECK_FALSE(hd::is_valid_utf8("\xf8\x88\x80\x80\x80"));
}

TEST_CASE("truncated sequences and stray bytes are rejected") {
    CHECK_FALSE(hd::is_valid_utf8("\xe6\x97"));       // 日 without its last byte
    CHECK_FALSE(hd::is_valid_utf8("ok \xe6\x97"));
    CHECK_FALSE(hd::is_valid_utf8("\xe6\x97 x"));
    CHECK_FALSE(hd::is_valid_utf8("\xf0\x9f\x99"));   // 🙂 cut short
    CHECK_FALSE(hd::is_valid_utf8("\x80"));           // continuation byte alone
    CHECK_FALSE(hd::is_valid_utf8("caf\xe9"));        // Latin-1 é
    CHECK_FALSE(hd::is_valid_utf8("\xff\xfe"));
}

TEST_CASE("C0 controls, DEL and C1 controls are found") {
    CHECK(hd::has_control_chars("\x1b[31mred", false));
    CHECK(hd::has_control_chars("a\0b"s, false));
    CHECK(hd::has_control_chars("bell\x07", false));
    CHECK(hd::has_control_chars("del\x7f", false));
    CHECK(hd::has_control_chars("csi\xc2\x9b" "31m", false));  // U+009B
    CHECK(hd::has_control_chars("\xc2\x80", false));           // U+0080, first C1
    CHECK(hd::has_control_chars("\xc2\x9f", false));           // U+009F, last C1
    CHECK(hd::has_control_chars("\x1b", true));                // layout does not cover ESC
    CHECK(hd::has_control_chars("\xc2\x85", true));            // nor NEL
}

TEST_CASE("plain text in any script has no control characters") {
    CHECK_FALSE(hd::has_control_chars("", false));
    CHECK_FALSE(hd::has_control_chars("VPN drops every 5 minutes", false));
    CHECK_FALSE(hd::has_control_chars("Tiếng Việt 日本 🙂", false));
    CHECK_FALSE(hd::has_control_chars("\xc2\xa0", false));  // U+00A0 follows the C1 block
}

TEST_CASE("tab, newline and CR are allowed only as layout") {
    CHECK(hd::has_control_chars("line one\nline two", false));
    CHECK(hd::has_control_chars("a\tb", false));
    CHECK(hd::has_control_chars("a\r\nb", false));
    CHECK_FALSE(hd::has_control_chars("line one\nline two", true));
    CHECK_FALSE(hd::has_control_chars("a\tb\r\n", true));
}

TEST_CASE("a stray byte that looks like a C1 code is invalid UTF-8, not a control character") {
    CHECK_FALSE(hd::has_control_chars("\x85", false));
    CHECK_FALSE(hd::is_valid_utf8("\x85"));
}

TEST_CASE("case folding makes differently cased text compare equal") {
    CHECK(hd::casefold("Printer JAMMED") == "printer jammed");
    CHECK(hd::casefold("TIẾNG VIỆT") == hd::casefold("tiếng việt"));
    CHECK(hd::casefold("Straße") == "strasse");
    CHECK(hd::casefold("ΣΊΣΥΦΟΣ") == hd::casefold("σίσυφος"));
    CHECK(hd::casefold("") == "");
}

TEST_CASE("case folding composes decomposed text") {
    // NFD "Tiếng Việt" folds to the same bytes as the NFC form, so either spelling matches.
    CHECK(hd::casefold("Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t") == "tiếng việt");
    CHECK(hd::casefold("TIE\xcc\x82\xcc\x81NG") == hd::casefold("tiếng"));
}

TEST_CASE("case folding leaves invalid UTF-8 unchanged") {
    CHECK(hd::casefold("ABC\xff") == "ABC\xff");
    CHECK(hd::casefold("\xed\xa0\x80X") == "\xed\xa0\x80X");
}

TEST_CASE("case folding of ASCII lowers A to Z and nothing else") {
    CHECK(hd::casefold("VPN-Sales_2 @[`{~") == "vpn-sales_2 @[`{~");
    CHECK(hd::casefold("Zz Aa") == "zz aa");
    CHECK(hd::casefold("KELVIN \xe2\x84\xaa") == "kelvin k");  // U+212A KELVIN SIGN folds to k
}

TEST_CASE("case folding keeps embedded NULs and the full length") {
    CHECK(hd::casefold("A\0B"s) == "a\0b"s);
}

TEST_CASE("trim removes leading and trailing ASCII whitespace only") {
    CHECK(hd::trim("  title \t\r\n") == "title");
    CHECK(hd::trim("\v\fa b\f") == "a b");
    CHECK(hd::trim("   ") == "");
    CHECK(hd::trim("") == "");
    CHECK(hd::trim("inner  spaces stay") == "inner  spaces stay");
    // U+00A0 (no-break space) and U+3000 (ideographic space) are text, not ASCII whitespace.
    CHECK(hd::trim("\xc2\xa0x\xc2\xa0") == "\xc2\xa0x\xc2\xa0");
    CHECK(hd::trim("\xe3\x80\x80日本") == "\xe3\x80\x80日本");
}
