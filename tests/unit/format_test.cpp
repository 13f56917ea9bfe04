// Tests of --format templates and of the flat records they render: ticket_fields and hit_fields.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cmd/output/format.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/kb_json.hpp"
#include "test_support.hpp"

using hd::ErrorKind;
using hd::out::FlatRecord;
using hd::out::FormatTemplate;
using hd::out::one_line_value;
using hd::test::kind_of;

namespace {

const std::vector<std::string> kKnown = {"id", "title", "tags"};
const FlatRecord kRecord = {{"id", "42"}, {"title", "Printer jams"}, {"tags", "hw,printer"}};

std::string render(const std::string& text, const FlatRecord& record = kRecord) {
    return FormatTemplate(text, kKnown).render(record);
}

// The message of the usage error the template raises ("" when it parses).
std::string error_of(const std::string& text) {
    try {
        FormatTemplate(text, kKnown);
    } catch (const hd::Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        return e.what();
    }
    return "";
}

std::string value_of(const FlatRecord& record, const std::string& name) {
    for (const auto& [n, v] : record)
        if (n == name) return v;
    FAIL("no field " << name);
    return "";
}

hd::Ticket sample_ticket() {
    hd::Ticket t;
    t.id = 7;
    t.title = "VPN drops";
    t.priority = hd::Priority{2};
    t.tags = {"network", "vpn"};
    t.created_at = 1795428000;  // 2026-11-23T10:00:00Z
    t.updated_at = 1795428000;
    return t;
}

}  // namespace

TEST_CASE("fields are replaced by their values and the text around them is kept") {
    CHECK(render("{id}") == "42");
    CHECK(render("#{id}: {title} [{tags}]") == "#42: Printer jams [hw,printer]");
    CHECK(render("no fields at all") == "no fields at all");
    CHECK(render("") == "");
    CHECK(render("{id}{id}") == "4242");
}

TEST_CASE("the escapes \\t, \\n and \\\\ and doubled braces give literal characters") {
    CHECK(render("{id}\\t{title}") == "42\tPrinter jams");
    CHECK(render("{id}\\n{title}") == "42\nPrinter jams");
    CHECK(render("C:\\\\{id}") == "C:\\42");
    CHECK(render("{{{id}}}") == "{42}");
    CHECK(render("{{id}}") == "{id}");
    CHECK(render("}}{{") == "}{");
}

TEST_CASE("unicode in the template and in values passes through") {
    FlatRecord r = {{"id", "1"}, {"title", "Réinitialiser MẬT KHẨU 🔑"}, {"tags", ""}};
    CHECK(render("→ {title} ←", r) == "→ Réinitialiser MẬT KHẨU 🔑 ←");
}

TEST_CASE("an unknown field is refused, naming it and listing the fields") {
    const auto message = error_of("{id} {titel}");
    CHECK(message.find("unknown field 'titel'") != std::string::npos);
    CHECK(message.find("id, title, tags") != std::string::npos);
    CHECK(error_of("{}").find("unknown field ''") != std::string::npos);
    CHECK(error_of("{ id }").find("unknown field ' id '") != std::string::npos);
}

TEST_CASE("an unclosed brace, a lone closing brace and a bad escape are refused") {
    CHECK(error_of("{id").find("not closed") != std::string::npos);
    CHECK(error_of("{id} {").find("column 6") != std::string::npos);
    CHECK(error_of("id}").find("lone '}'") != std::string::npos);
    CHECK(error_of("{id}\\x").find("unknown escape") != std::string::npos);
    CHECK(error_of("{id}\\").find("lone '\\'") != std::string::npos);
    CHECK(error_of("{id}\\t{title}") == "");
}

TEST_CASE("error columns count characters, and a bad escape quotes the whole character") {
    CHECK(error_of("→ é {id").find("column 5") != std::string::npos);
    CHECK(error_of("{id}\\é").find("unknown escape '\\é' at column 5") != std::string::npos);
}

TEST_CASE("control characters in values become spaces; invalid UTF-8 becomes U+FFFD") {
    CHECK(one_line_value("a\tb\nc\rd") == "a b c d");
    CHECK(one_line_value("\x1b[31mred") == " [31mred");
    CHECK(one_line_value("del\x7f") == "del ");
    CHECK(one_line_value("c1\xc2\x9b") == "c1 ");  // U+009B, the 8-bit CSI
    CHECK(one_line_value("nbsp\xc2\xa0") == "nbsp\xc2\xa0");
    CHECK(one_line_value("bad\xff") == "bad\xef\xbf\xbd");
    CHECK(one_line_value("cut\xe1\xba") == "cut\xef\xbf\xbd\xef\xbf\xbd");
    CHECK(one_line_value("mật khẩu") == "mật khẩu");
    // A template's own \t and \n are kept; only values are cleaned.
    FlatRecord r = {{"id", "1"}, {"title", "two\nlines"}, {"tags", ""}};
    CHECK(render("{id}\\t{title}\\n", r) == "1\ttwo lines\n");
}

TEST_CASE("a record in another order is still rendered by name") {
    FlatRecord shuffled = {{"title", "T"}, {"tags", ""}, {"id", "9"}};
    CHECK(render("{id} {title}", shuffled) == "9 T");
}

TEST_CASE("more than one output form is refused, naming them") {
    using hd::out::require_one_output_form;
    CHECK_NOTHROW(require_one_output_form({{"--json", false}, {"-q", false}, {"--format", true}}));
    CHECK_NOTHROW(require_one_output_form({{"--json", false}, {"-q", false}}));
    CHECK(kind_of([] { require_one_output_form({{"--json", true}, {"--format", true}}); }) == ErrorKind::usage);
    try {
        require_one_output_form({{"--json", true}, {"-q", true}, {"--csv", true}});
        FAIL("expected an error");
    } catch (const hd::Error& e) {
        CHECK(std::string(e.what()) == "--json, -q and --csv cannot be used together: choose one output form");
    }
}

TEST_CASE("ticket fields have the --json names, in --json order, as text") {
    const auto names = hd::out::ticket_field_names();
    REQUIRE(names.size() >= 18);
    CHECK(names[0] == "id");
    CHECK(names[1] == "type");
    CHECK(names[2] == "title");
    for (const char* brief : {"description", "status", "priority", "category", "tier", "assignee", "requester",
                              "channel", "tags", "created_at", "updated_at", "resolved_at", "closed_at",
                              "dedup_key", "occurrences"})
        CHECK(std::find(names.begin(), names.end(), brief) != names.end());

    const auto record = hd::out::ticket_fields(sample_ticket());
    REQUIRE(record.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) CHECK(record[i].first == names[i]);
    CHECK(value_of(record, "id") == "7");
    CHECK(value_of(record, "priority") == "P2");
    CHECK(value_of(record, "tags") == "network,vpn");
    CHECK(value_of(record, "cc") == "");
    CHECK(value_of(record, "description") == "");  // null
    CHECK(value_of(record, "created_at") == "2026-11-23T10:00:00Z");
    CHECK(value_of(record, "tier") == "1");
    CHECK(value_of(record, "fcr") == "");  // unknown until solved
}

TEST_CASE("booleans are written as in JSON") {
    auto t = sample_ticket();
    t.status = hd::Status::resolved;
    CHECK(value_of(hd::out::ticket_fields(t), "fcr") == "true");
}

TEST_CASE("hit fields have the article names plus score and a snippet without markers") {
    const auto names = hd::out::hit_field_names();
    for (const char* name : {"id", "slug", "title", "lang", "category", "tags", "status", "score", "snippet"})
        CHECK(std::find(names.begin(), names.end(), name) != names.end());
    CHECK(names.back() == "snippet");

    hd::ArticleHit hit;
    hit.article.id = 12;
    hit.article.slug = "reset-password";
    hit.article.tags = {"account", "password"};
    hit.score = -2.5;
    hit.snippet = std::string("forgot the ") + hd::kHighlightOpen + "password" + hd::kHighlightClose + " again";
    const auto record = hd::out::hit_fields(hit);
    CHECK(value_of(record, "id") == "12");
    CHECK(value_of(record, "tags") == "account,password");
    CHECK(value_of(record, "category") == "");
    CHECK(value_of(record, "score") == "-2.5");
    CHECK(value_of(record, "snippet") == "forgot the password again");
}
