// Tests of the translation of user search syntax into FTS5 queries, and of suggestion queries.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/kb/search_query.hpp"

using hd::to_fts5_query;

namespace {

std::string usage_message(const std::string& query) {
    try {
        to_fts5_query(query);
    } catch (const hd::Error& e) {
        CHECK(e.kind() == hd::ErrorKind::usage);
        return e.what();
    }
    FAIL("no error for: " << query);
    return {};
}

}  // namespace

TEST_CASE("words are quoted and all required") {
    CHECK(to_fts5_query("printer") == "\"printer\"");
    CHECK(to_fts5_query("printer jam") == "\"printer\" AND \"jam\"");
    CHECK(to_fts5_query("  mật   khẩu ") == "\"mật\" AND \"khẩu\"");
    CHECK(to_fts5_query("printer AND jam") == "\"printer\" AND \"jam\"");
}

TEST_CASE("phrases stay phrases") {
    CHECK(to_fts5_query("\"reset password\"") == "\"reset password\"");
    CHECK(to_fts5_query("\"reset password\" vpn") == "\"reset password\" AND \"vpn\"");
    CHECK(to_fts5_query("\"reset pass\"*") == "\"reset pass\"*");
}

TEST_CASE("a trailing star is a prefix query") {
    CHECK(to_fts5_query("vpn*") == "\"vpn\"*");
    CHECK(to_fts5_query("vpn** conn*") == "\"vpn\"* AND \"conn\"*");
    CHECK(to_fts5_query("*vpn") == "\"*vpn\"");  // a leading star is not syntax; the tokenizer drops it
}

TEST_CASE("OR binds looser than AND") {
    CHECK(to_fts5_query("vpn OR proxy") == "\"vpn\" OR \"proxy\"");
    CHECK(to_fts5_query("a b OR c") == "(\"a\" AND \"b\") OR \"c\"");
    CHECK(to_fts5_query("a OR b c") == "\"a\" OR (\"b\" AND \"c\")");
    CHECK(to_fts5_query("a OR b OR c") == "\"a\" OR \"b\" OR \"c\"");
}

TEST_CASE("NOT and a leading dash exclude what follows") {
    CHECK(to_fts5_query("printer NOT laser") == "\"printer\" NOT \"laser\"");
    CHECK(to_fts5_query("printer -laser") == "\"printer\" NOT \"laser\"");
    CHECK(to_fts5_query("printer AND NOT laser") == "\"printer\" NOT \"laser\"");
    CHECK(to_fts5_query("a NOT b c") == "(\"a\" AND \"c\") NOT \"b\"");
    CHECK(to_fts5_query("a -b -c") == "\"a\" NOT (\"b\" OR \"c\")");
    CHECK(to_fts5_query("a NOT b NOT c d") == "(\"a\" AND \"d\") NOT (\"b\" OR \"c\")");
    CHECK(to_fts5_query("printer -\"laser jet\"") == "\"printer\" NOT \"laser jet\"");
    CHECK(to_fts5_query("printer -(laser OR inkjet)") == "\"printer\" NOT (\"laser\" OR \"inkjet\")");
}

TEST_CASE("a dash with nothing before it, or inside a word, is a hyphen") {
    CHECK(to_fts5_query("-laser") == "\"laser\"");
    CHECK(to_fts5_query("a OR -b") == "\"a\" OR \"b\"");
    CHECK(to_fts5_query("wi-fi") == "\"wi-fi\"");
    CHECK(to_fts5_query("printer - jam") == "\"printer\" AND \"jam\"");
}

TEST_CASE("parentheses group") {
    CHECK(to_fts5_query("(vpn OR proxy) slow") == "(\"vpn\" OR \"proxy\") AND \"slow\"");
    CHECK(to_fts5_query("((vpn))") == "\"vpn\"");
    CHECK(to_fts5_query("slow (vpn OR proxy) NOT (office wifi)") ==
          "(\"slow\" AND (\"vpn\" OR \"proxy\")) NOT (\"office\" AND \"wifi\")");
    CHECK(to_fts5_query("a () b") == "\"a\" AND \"b\"");
}

TEST_CASE("lower-case operators are words") {
    CHECK(to_fts5_query("black or white") == "\"black\" AND \"or\" AND \"white\"");
    CHECK(to_fts5_query("not working") == "\"not\" AND \"working\"");
    CHECK(to_fts5_query("Or") == "\"Or\"");
}

TEST_CASE("FTS5 syntax typed by the user is plain text") {
    CHECK(to_fts5_query("title:x") == "\"title:x\"");
    CHECK(to_fts5_query("^x") == "\"^x\"");
    CHECK(to_fts5_query("{a b}:c") == "\"{a\" AND \"b}:c\"");
    CHECK(to_fts5_query("a + b") == "\"a\" AND \"b\"");
    CHECK(to_fts5_query("NEAR") == "\"NEAR\"");
    CHECK(to_fts5_query("c++") == "\"c++\"");
}

TEST_CASE("parts without a letter or digit are dropped") {
    CHECK(to_fts5_query("error & crash") == "\"error\" AND \"crash\"");
    CHECK(to_fts5_query("vpn \"...\" down") == "\"vpn\" AND \"down\"");
    CHECK(to_fts5_query("vpn !!!*") == "\"vpn\"");
    CHECK(to_fts5_query("a -*** b") == "\"a\" AND \"b\"");
}

TEST_CASE("an unbalanced quote or parenthesis makes the query plain words") {
    CHECK(to_fts5_query("\"unbalanced") == "\"unbalanced\"");
    CHECK(to_fts5_query("\"reset password") == "\"reset\" AND \"password\"");
    CHECK(to_fts5_query("a) OR (b") == "\"a\" AND \"b\"");
    CHECK(to_fts5_query("NEAR(") == "\"NEAR\"");
    CHECK(to_fts5_query("(vpn OR proxy") == "\"vpn\" AND \"proxy\"");
    CHECK(to_fts5_query("vpn* -proxy \"x") == "\"vpn\"* AND \"proxy\" AND \"x\"");
}

TEST_CASE("control characters, NULs and Unicode spaces separate words") {
    using namespace std::string_literals;
    CHECK(to_fts5_query("vpn\0\"x"s) == "\"vpn\" AND \"x\"");
    CHECK(to_fts5_query("a\tb\nc") == "\"a\" AND \"b\" AND \"c\"");
    CHECK(to_fts5_query("vpn\xc2\xa0OR\xe3\x80\x80proxy") == "\"vpn\" OR \"proxy\"");
    CHECK(to_fts5_query("ab\xff"
                        "cd") == "\"ab\" AND \"cd\"");
}

TEST_CASE("an empty query is a usage error") {
    for (const char* query : {"", "   ", "***", "\"", "\"\"", "()", "- -- ...", "\" \" \"", "( )"}) {
        CAPTURE(query);
        CHECK(usage_message(query).starts_with("search query is empty"));
    }
}

TEST_CASE("OR needs a word on each side") {
    for (const char* query : {"printer OR", "OR printer", "OR", "OR OR", "a OR OR b", "a OR ()", "(a OR) b"}) {
        CAPTURE(query);
        CHECK(usage_message(query) == "search query: \"OR\" needs a word on each side, as in \"vpn OR proxy\"");
    }
}

TEST_CASE("AND needs a word on each side") {
    for (const char* query : {"AND AND", "AND", "printer AND", "AND printer", "a AND AND b", "a AND OR b"}) {
        CAPTURE(query);
        CHECK(usage_message(query) == "search query: \"AND\" needs a word on each side, as in \"printer AND jam\"");
    }
}

TEST_CASE("NOT needs a word before and after it") {
    for (const char* query : {"NOT printer", "NOT", "NOT NOT", "a OR NOT b", "(NOT a) b", "NOT a NOT b"}) {
        CAPTURE(query);
        CHECK(usage_message(query).starts_with("search query: \"NOT\" needs a word before it"));
    }
    for (const char* query : {"printer NOT", "printer NOT NOT laser", "a NOT ()", "a NOT OR b"}) {
        CAPTURE(query);
        CHECK(usage_message(query) == "search query: \"NOT\" needs a word after it, as in \"printer NOT laser\"");
    }
}

TEST_CASE("parentheses may nest 16 levels deep") {
    std::string deep = std::string(16, '(') + "vpn" + std::string(16, ')');
    CHECK(to_fts5_query(deep) == "\"vpn\"");
    std::string deeper = "(" + deep + ")";
    CHECK(usage_message(deeper) == "search query: parentheses nest more than 16 levels deep");
}

TEST_CASE("a suggestion query is an OR of the text's significant words") {
    CHECK(hd::suggestion_query("The printer on floor 3 is not printing!") ==
          "\"printer\" OR \"floor\" OR \"printing\"");
    CHECK(hd::suggestion_query("Quên mật khẩu") == "\"Quên\" OR \"mật\" OR \"khẩu\"");
    CHECK(hd::suggestion_query("ok, 42") == "");
    CHECK(hd::suggestion_query("") == "");
}

TEST_CASE("a suggestion query has at most 24 words") {
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "word" + std::string(1, static_cast<char>('a' + i % 26)) + std::to_string(i) + " ";
    auto query = hd::suggestion_query(text);
    CHECK(std::count(query.begin(), query.end(), '"') == 48);
}
