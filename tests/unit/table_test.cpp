// Tests of table rendering: widths by display width, fitting narrow terminals, alignment, colour.
#include <doctest/doctest.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cmd/output/table.hpp"
#include "cmd/output/terminal.hpp"

using hd::out::Column;
using hd::out::display_width;
using hd::out::Style;
using hd::out::Table;

namespace {

const Style no_colour(false);
const Style colour(true);

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> render(const Table& table, std::size_t width, const Style& style = no_colour) {
    std::ostringstream out;
    table.render(out, width, style);
    return lines_of(out.str());
}

// The usual ticket list: id, status, priority, a flexible title, assignee.
Table ticket_table() {
    Table table({{"ID", true, false}, {"STATUS", false, false}, {"PRIO", false, false},
                 {"TITLE", false, true}, {"ASSIGNEE", false, false}});
    table.add_row({"7", "open", "P1", "VPN drops every five minutes on the office network", "alice"});
    table.add_row({"42", "pending", "P3", "Printer on floor 3 is jammed", "bob"});
    table.add_row({"1234", "new", "P2", "Máy in không hoạt động", ""});
    return table;
}

// Display column at which the byte offset `at` of `line` starts.
std::size_t column_at(const std::string& line, std::size_t at) { return display_width(line.substr(0, at)); }

}  // namespace

TEST_CASE("columns are as wide as their widest cell with two spaces between") {
    Table table({{"ID", true, false}, {"NAME", false, false}, {"NOTE", false, false}});
    table.add_row({"1", "alice", "x"});
    table.add_row({"100", "bo", "longer note"});
    CHECK(render(table, 80) == std::vector<std::string>{
                                   " ID  NAME   NOTE",
                                   "  1  alice  x",
                                   "100  bo     longer note",
                               });
}

TEST_CASE("right-aligned columns pad on the left, others on the right") {
    Table table({{"N", true, false}, {"WHO", false, false}, {"END", false, false}});
    table.add_row({"5", "a", "z"});
    table.add_row({"12345", "abc", "z"});
    CHECK(render(table, 80) == std::vector<std::string>{
                                   "    N  WHO  END",
                                   "    5  a    z",
                                   "12345  abc  z",
                               });
}

TEST_CASE("no line ends with whitespace, even with empty last cells") {
    Table table({{"ID", true, false}, {"TITLE", false, false}, {"ASSIGNEE", false, false}});
    table.add_row({"1", "short", ""});
    table.add_row({"2", "a much longer title", ""});
    table.add_row({"3"});  // missing cells are empty
    for (const std::string& line : render(table, 80)) {
        CAPTURE(line);
        CHECK((line.empty() || line.back() != ' '));
    }
    CHECK(render(table, 80)[3] == " 3");
}

TEST_CASE("rows with wide and combining characters stay aligned") {
    Table table({{"TITLE", false, false}, {"WHO", false, false}});
    table.add_row({"Tiếng Việt", "nfc"});
    table.add_row({"Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t", "nfd"});
    table.add_row({"日本", "cjk"});
    table.add_row({"🙂 ok", "emoji"});
    table.add_row({"plain", "ascii"});
    auto lines = render(table, 80);
    REQUIRE(lines.size() == 6);
    // The second column starts at column 12 (10 for the widest title, then two spaces) on every line.
    for (const std::string& line : lines) {
        CAPTURE(line);
        std::size_t second = line.find_first_not_of(' ', line.rfind("  ") + 2);
        CHECK(column_at(line, second) == 12);
    }
    CHECK(lines[3] == "日本        cjk");
}

TEST_CASE("a table that fits is printed whole") {
    auto lines = render(ticket_table(), 200);
    CHECK(lines[1] == "   7  open     P1    VPN drops every five minutes on the office network  alice");
    CHECK(lines[3] == "1234  new      P2    Máy in không hoạt động");
}

TEST_CASE("the flexible column gives way first on a narrow terminal") {
    auto lines = render(ticket_table(), 60);
    CHECK(lines[0] == "  ID  STATUS   PRIO  TITLE                          ASSIGNEE");
    CHECK(lines[1] == "   7  open     P1    VPN drops every five minutes…  alice");
    CHECK(lines[2] == "  42  pending  P3    Printer on floor 3 is jammed   bob");
    for (const std::string& line : lines) CHECK(display_width(line) <= 60);
}

TEST_CASE("the flexible column keeps at least ten columns") {
    // Minimums: 4 + 7 + 4 + 10 + 8 and four gaps of 2 = 41.
    auto lines = render(ticket_table(), 41);
    CHECK(lines[0] == "  ID  STATUS   PRIO  TITLE       ASSIGNEE");
    CHECK(lines[1] == "   7  open     P1    VPN drops…  alice");
    CHECK(lines[3] == "1234  new      P2    Máy in kh…");
}

TEST_CASE("the widest fixed columns are truncated once the flexible one is at its minimum") {
    Table table({{"ID", true, false}, {"TITLE", false, true}, {"CATEGORY", false, false}});
    table.add_row({"1", "Printer jammed on floor three", "hardware/printers/floor-3"});
    // Minimums: 2 + 10 + 8 and two gaps of 2 = 24.
    auto lines = render(table, 30);
    CHECK(lines[0] == "ID  TITLE       CATEGORY");
    CHECK(lines[1] == " 1  Printer j…  hardware/prin…");  // 30 - 16 leaves 14 columns
    for (const std::string& line : lines) CHECK(display_width(line) <= 30);
    CHECK(render(table, 24)[1] == " 1  Printer j…  hardwar…");
}

TEST_CASE("a long title shrinks to the header width when that is above ten") {
    Table table({{"A", false, false}, {"A VERY LONG HEADER", false, true}});
    table.add_row({"x", "a title that is much longer than the header"});
    auto lines = render(table, 10);
    // Below the sum of minimums the header stays whole and the line overflows.
    CHECK(lines[0] == "A  A VERY LONG HEADER");
    CHECK(lines[1] == "x  a title that is m…");
}

TEST_CASE("lines never exceed the width down to the sum of the minimums") {
    Table table = ticket_table();
    table.add_row({"9", "open", "P4", "日本語のタイトルがとても長い 🙂🙂🙂", "山田太郎"});
    const std::string nfd_sentence =
        "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t la\xcc\x80 mo\xcc\xa3\xcc\x82t ngo\xcc\x82n ngu\xcc\x9b\xcc\x83";
    table.add_row({"10", "open", "P4", nfd_sentence, "nguyễn"});
    for (std::size_t width = 41; width <= 120; ++width) {
        CAPTURE(width);
        auto lines = render(table, width);
        REQUIRE(lines.size() == 6);
        for (const std::string& line : lines) {
            CAPTURE(line);
            CHECK(display_width(line) <= width);
            CHECK((line.empty() || line.back() != ' '));
        }
    }
}

TEST_CASE("wide characters are truncated by columns when the table is narrow") {
    Table table({{"ID", true, false}, {"TITLE", false, true}, {"WHO", false, false}});
    table.add_row({"1", "日本語のタイトルがとても長い", "bob"});
    table.add_row({"2", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "eve"});
    // The title gets 10 columns at width 19: four wide characters and "…" take 9, and the fifth
    // wide character cannot take the last one, so padding fills it.
    auto lines = render(table, 19);
    CHECK(lines[1] == " 1  日本語の…   bob");
    CHECK(lines[2] == " 2  🙂🙂🙂🙂…   eve");
    // At 20 the title gets 11 columns, enough for the fifth.
    CHECK(render(table, 20)[1] == " 1  日本語のタ…  bob");
    for (std::size_t width : {19u, 20u})
        for (const std::string& line : render(table, width)) CHECK(display_width(line) <= width);
}

TEST_CASE("without colour there are no escape codes at all") {
    Table table = ticket_table();
    table.add_row({"5", "open", "P1", "breached", "carol"}, "31");
    std::ostringstream out;
    table.render(out, 80, no_colour);
    CHECK(out.str().find('\x1b') == std::string::npos);
}

TEST_CASE("with colour the header is bold and a row colour wraps its whole line") {
    Table table({{"ID", true, false}, {"TITLE", false, false}});
    table.add_row({"1", "late"}, "31");
    table.add_row({"2", "fine"});
    auto lines = render(table, 80, colour);
    CHECK(lines[0] == "\x1b[1mID  TITLE\x1b[0m");
    CHECK(lines[1] == "\x1b[31m 1  late\x1b[0m");
    CHECK(lines[2] == " 2  fine");
}

TEST_CASE("colour codes do not count toward the width") {
    Table table({{"ID", true, false}, {"TITLE", false, true}});
    table.add_row({"1", "a title long enough to need shrinking"}, "33");
    auto plain = render(table, 20);
    auto styled = render(table, 20, colour);
    CHECK(styled[1] == "\x1b[33m" + plain[1] + "\x1b[0m");
}

TEST_CASE("control characters in cells are escaped even if the caller forgot to sanitize") {
    Table table({{"ID", true, false}, {"TITLE", false, false}});
    table.add_row({"1", "\x1b]0;owned\x07\xc2\x9b" "2J"});
    table.add_row({"2", hd::out::sanitize("\x1b[31mred")});  // already sanitized: unchanged
    auto lines = render(table, 80);
    CHECK(lines[1] == " 1  \\x1b]0;owned\\x07\\u009b2J");
    CHECK(lines[2] == " 2  \\x1b[31mred");
}

TEST_CASE("an empty table prints its header") {
    Table table({{"ID", true, false}, {"TITLE", false, true}});
    CHECK(table.empty());
    CHECK(render(table, 80) == std::vector<std::string>{"ID  TITLE"});
}

TEST_CASE("a row with more cells than columns is refused") {
    Table table({{"ID", true, false}});
    CHECK_THROWS_AS(table.add_row({"1", "extra"}), std::invalid_argument);
    CHECK(table.empty());
}
