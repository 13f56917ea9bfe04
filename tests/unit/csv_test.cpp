// Tests of the RFC 4180 CSV writer: when fields are quoted, how quotes are doubled, rows and line ends.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cmd/output/csv.hpp"

using hd::out::csv_field;
using hd::out::csv_row;

TEST_CASE("plain fields are written as they are") {
    CHECK(csv_field("Printer jams") == "Printer jams");
    CHECK(csv_field("") == "");
    CHECK(csv_field("  padded  ") == "  padded  ");
    CHECK(csv_field("mật khẩu") == "mật khẩu");
    CHECK(csv_field("tab\there") == "tab\there");
}

TEST_CASE("fields with a comma, a quote, CR or LF are quoted, with quotes doubled") {
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("\"") == "\"\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
}

TEST_CASE("a row joins its fields with commas and ends in LF") {
    CHECK(csv_row({"id", "title", "tags"}) == "id,title,tags\n");
    CHECK(csv_row({"7", "VPN, again", "network,vpn"}) == "7,\"VPN, again\",\"network,vpn\"\n");
    CHECK(csv_row({"", "", ""}) == ",,\n");
    CHECK(csv_row({}) == "\n");
}

TEST_CASE("a row of one empty field is quoted, so readers do not skip it as a blank line") {
    CHECK(csv_row({""}) == "\"\"\n");
}
