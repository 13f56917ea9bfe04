// Tests of reading and writing knowledge-base article files (Markdown with YAML front matter).
#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "core/kb/article_file.hpp"

using namespace std::string_literals;

namespace {

// The message of the hd::Error(usage) that parsing throws, or "" when it parses.
std::string error_of(const std::string& text, const std::string& name = "kb/en/vpn.md") {
    try {
        hd::parse_article_file(text, name);
    } catch (const hd::Error& e) {
        CHECK(e.kind() == hd::ErrorKind::usage);
        return e.what();
    }
    return "";
}

hd::ArticleFile parse(const std::string& text) {
    return hd::parse_article_file(text, "kb/en/vpn.md");
}

hd::Article article(std::string slug, std::string title, std::string body) {
    hd::Article a;
    a.slug = std::move(slug);
    a.title = std::move(title);
    a.body = std::move(body);
    a.lang = "en";
    return a;
}

void check_round_trip(const hd::Article& a) {
    std::string text = hd::write_article_file(a);
    CAPTURE(text);
    hd::ArticleFile file = hd::parse_article_file(text, "export/a.md");
    CHECK(file.slug.value_or("<none>") == a.slug);
    CHECK(file.title.value_or("<none>") == a.title);
    CHECK(file.tags == a.tags);
    CHECK(file.category.value_or("<none>") == a.category.value_or("<none>"));
    CHECK(file.lang.value_or("<none>") == a.lang);
    CHECK(file.status.value_or(hd::ArticleStatus::published) == a.status);
    CHECK(file.body == a.body);
}

}  // namespace

TEST_CASE("article file: a GNOME help page gives id, title, language and body; other keys are ignored") {
    // Excerpt of kb-gnome-help/vi/a11y-braille.md.
    std::string text =
        "---\n"
        "id: \"a11y-braille\"\n"
        "title: \"Đọc màn hình bằng chữ nổi\"\n"
        "description: \"Dùng trình đọc màn hình Orca với thiết bị chữ nổi Braille.\"\n"
        "language: vi\n"
        "page_type: topic (task a11y)\n"
        "parents: [\"a11y#vision\"]\n"
        "see_also: [\"a11y-screen-reader\"]\n"
        "last_revision: 2015-09-29\n"
        "translated_ratio: 0.857\n"
        "source: \"GNOME/gnome-user-docs@46747c67 gnome-help/C/a11y-braille.page + gnome-help/vi/vi.po\"\n"
        "license: CC-BY-SA-3.0\n"
        "---\n"
        "\n"
        "# Đọc màn hình bằng chữ nổi\n"
        "\n"
        "Trình đọc màn hình Orca có thể hiển thị giao diện.\n";
    hd::ArticleFile file = parse(text);
    CHECK(file.slug == "a11y-braille");
    CHECK(file.title == "Đọc màn hình bằng chữ nổi");
    CHECK(file.lang == "vi");
    CHECK(file.tags.empty());
    CHECK_FALSE(file.category.has_value());
    CHECK_FALSE(file.status.has_value());
    CHECK(file.body == "# Đọc màn hình bằng chữ nổi\n\nTrình đọc màn hình Orca có thể hiển thị giao diện.\n");
    CHECK(file.body_line == 15);
}

TEST_CASE("article file: a GNOME page's `keywords` become its tags") {
    hd::ArticleFile file = parse(
        "---\nid: \"help-matrix\"\ntitle: \"Matrix\"\nlanguage: de\n"
        "keywords: \"Matrix, Chat, Support, Gemeinschaft, Hilfe\"\n---\n\nText\n");
    CHECK(file.tags == std::vector<std::string>{"Matrix", "Chat", "Support", "Gemeinschaft", "Hilfe"});
}

TEST_CASE("article file: a Microsoft support page has no id or language, and block lists") {
    // Excerpt of kb-microsoft-office-support/SharePoint/OneDrive/administration/error-accessing-onedrive-sharepoint.md.
    std::string text =
        "---\n"
        "title: Error when accessing OneDrive or Sharepoint\n"
        "description: Describes how to resolve an issue when unable to OneDrive or Sharepoint\n"
        "author: helenclu\n"
        "ms.date: 12/17/2023\n"
        "ms.topic: troubleshooting\n"
        "ms.custom: \n"
        "  - CSSTroubleshoot\n"
        "search.appverid: \n"
        "  - SPO160\n"
        "ms.assetid: \n"
        "appliesto: \n"
        "  - SharePoint Online\n"
        "  - OneDrive for Business\n"
        "---\n"
        "\n"
        "# Error 'DNS_PROBE_FINISHED_NXDOMAIN' when accessing OneDrive or Sharepoint\n"
        "\n"
        "## Symptom\n";
    hd::ArticleFile file = parse(text);
    CHECK_FALSE(file.slug.has_value());
    CHECK_FALSE(file.lang.has_value());
    CHECK(file.title == "Error when accessing OneDrive or Sharepoint");  // the front matter wins over the heading
    CHECK(file.tags.empty());
    CHECK(file.body.starts_with("# Error 'DNS_PROBE_FINISHED_NXDOMAIN'"));
    CHECK(file.body_line == 17);
}

TEST_CASE("article file: the title comes from the first '# ' heading outside code fences") {
    std::string text =
        "---\nid: vpn\n---\n\n"
        "Some intro.\n"
        "```sh\n"
        "# not a heading: a shell comment\n"
        "~~~\n"
        "```\n"
        "~~~~\n"
        "# still code\n"
        "~~~~~\n"
        "## Second level is not the title\n"
        "#NoSpace is not a heading\n"
        "#   Connect to the VPN   ##\n"
        "# Later heading\n";
    CHECK(parse(text).title == "Connect to the VPN");
    CHECK(parse("---\n---\n# Learn C#\n").title == "Learn C#");
    CHECK(parse("---\n---\n# Tips #1\n").title == "Tips #1");
    CHECK(parse("---\r\n---\r\n# Windows title  \r\nText\r\n").title == "Windows title");
    CHECK(parse("---\ntitle:\n---\n# From the heading\n").title == "From the heading");  // null = not given
    // Found by fuzzing: a lone CR ends the heading's line; a tab is a space (neither may be in a title).
    CHECK(parse("---\n---\n# Old Mac title\rText\n").title == "Old Mac title");
    CHECK(parse("---\n---\n# Tabbed\ttitle\t#\n").title == "Tabbed title");
}

TEST_CASE("article file: empty front matter is fine when the body has a heading") {
    hd::ArticleFile file = parse("---\n---\n# Reset a password\n\nSteps.\n");
    CHECK(file.title == "Reset a password");
    CHECK(file.body == "# Reset a password\n\nSteps.\n");
    CHECK(file.body_line == 3);
    CHECK(parse("---\n# only a comment\n---\n# Title\n").title == "Title");
}

TEST_CASE("article file: scalars of other YAML types are taken as text") {
    CHECK(parse("---\ntitle: 404\n---\n").title == "404");
    CHECK(parse("---\ntitle: yes\nid: 123\n---\n").title == "yes");
    CHECK(parse("---\ntitle: yes\nid: 123\n---\n").slug == "123");
    CHECK(parse("---\ntitle: 2015-09-29\ncategory: 1.5\n---\n").category == "1.5");
    CHECK(parse("---\ntitle: '  padded  '\n---\n").title == "padded");
}

TEST_CASE("article file: CRLF line endings and a UTF-8 BOM are accepted") {
    std::string text =
        "\xEF\xBB\xBF---\r\nid: vpn\r\ntitle: \"VPN\"\r\ntags:\r\n  - a\r\n  - b\r\nlanguage: en\r\n---\r\n\r\n"
        "Line one\r\nLine two\r\n";
    hd::ArticleFile file = parse(text);
    CHECK(file.slug == "vpn");
    CHECK(file.title == "VPN");
    CHECK(file.tags == std::vector<std::string>{"a", "b"});
    CHECK(file.lang == "en");
    CHECK(file.body == "Line one\r\nLine two\r\n");  // the body is kept byte for byte
    CHECK(file.body_line == 10);
    CHECK(error_of("\xEF\xBB\xBF---\r\nid: vpn\r\ntitle: [a]\r\n---\r\n") ==
          "kb/en/vpn.md:3: front matter: title must be text, not a list");
}

TEST_CASE("article file: tags are a YAML list or a comma-separated text, trimmed, empty ones dropped") {
    auto tags_of = [](const std::string& front) { return parse("---\ntitle: T\n" + front + "---\n").tags; };
    using Tags = std::vector<std::string>;
    CHECK(tags_of("tags: [vpn, remote access]\n") == Tags{"vpn", "remote access"});
    CHECK(tags_of("tags:\n  - vpn\n  -\n  - ' remote '\n  - ''\n") == Tags{"vpn", "remote"});
    CHECK(tags_of("tags: \"vpn, remote ,, ,\"\n") == Tags{"vpn", "remote"});
    CHECK(tags_of("tags: vpn\n") == Tags{"vpn"});
    CHECK(tags_of("tags: [\"a, b\", 42]\n") == Tags{"a, b", "42"});  // a list item keeps its comma
    CHECK(tags_of("tags: ''\n").empty());
    CHECK(tags_of("keywords: \"wi-fi, bluetooth\"\n") == Tags{"wi-fi", "bluetooth"});
    CHECK(tags_of("tags: [vpn]\nkeywords: other\n") == Tags{"vpn"});  // `tags` wins
    CHECK(tags_of("tags:\nkeywords: other\n") == Tags{"other"});      // an empty `tags` is not given
    CHECK(
        error_of("---\ntitle: T\ntags: {a: b}\n---\n") ==
        "kb/en/vpn.md:3: front matter: tags must be a list such as [vpn, network] or a text such as \"vpn, network\"");
    CHECK(
        error_of("---\ntitle: T\ntags:\n  - [nested]\n---\n") ==
        "kb/en/vpn.md:3: front matter: tags must be a list such as [vpn, network] or a text such as \"vpn, network\"");
}

TEST_CASE("article file: `language` or `lang`, lower-cased, without the region") {
    CHECK(parse("---\ntitle: T\nlanguage: vi\n---\n").lang == "vi");
    CHECK(parse("---\ntitle: T\nlang: DE\n---\n").lang == "de");
    CHECK(parse("---\ntitle: T\nlang: en-US\n---\n").lang == "en");
    CHECK(parse("---\ntitle: T\nlanguage: pt_BR\n---\n").lang == "pt");
    CHECK(parse("---\ntitle: T\nlanguage: fil\n---\n").lang == "fil");
    CHECK(parse("---\ntitle: T\nlang: no\n---\n").lang == "no");  // Norwegian, not a YAML false
    CHECK(parse("---\ntitle: T\nlang: en\nlanguage: en-GB\n---\n").lang == "en");
    CHECK_FALSE(parse("---\ntitle: T\nlang:\n---\n").lang.has_value());
    CHECK(error_of("---\ntitle: T\nlanguage: English\n---\n") ==
          "kb/en/vpn.md:3: front matter: language must be a language code such as en or pt-BR, not 'English'");
    CHECK(error_of("---\ntitle: T\n\nlang: e\n---\n") ==
          "kb/en/vpn.md:4: front matter: lang must be a language code such as en or pt-BR, not 'e'");
    CHECK(error_of("---\ntitle: T\nlang: 12\n---\n") ==
          "kb/en/vpn.md:3: front matter: lang must be a language code such as en or pt-BR, not '12'");
    CHECK(error_of("---\ntitle: T\nlanguage: en\nlang: de\n---\n") ==
          "kb/en/vpn.md:4: front matter: lang 'de' and language 'en' disagree");
}

TEST_CASE("article file: status is draft, published or retired") {
    CHECK_FALSE(parse("---\ntitle: T\n---\n").status.has_value());
    CHECK(parse("---\ntitle: T\nstatus: draft\n---\n").status == hd::ArticleStatus::draft);
    CHECK(parse("---\ntitle: T\nstatus: published\n---\n").status == hd::ArticleStatus::published);
    CHECK(parse("---\ntitle: T\nstatus: Retired\n---\n").status == hd::ArticleStatus::retired);
    CHECK(error_of("---\ntitle: T\nstatus: archived\n---\n") ==
          "kb/en/vpn.md:3: front matter: status must be draft, published or retired, not 'archived'");
    CHECK(error_of("---\ntitle: T\nstatus: [draft]\n---\n") ==
          "kb/en/vpn.md:3: front matter: status must be text, not a list");
}

TEST_CASE("article file: category and id are trimmed text") {
    CHECK(parse("---\ntitle: T\ncategory: ' network '\nid: \" vpn \"\n---\n").category == "network");
    CHECK(parse("---\ntitle: T\ncategory: ' network '\nid: \" vpn \"\n---\n").slug == "vpn");
    CHECK_FALSE(parse("---\ntitle: T\ncategory: ''\n---\n").category.has_value());
    CHECK(error_of("---\nid: ''\ntitle: T\n---\n") == "kb/en/vpn.md:2: front matter: id must not be empty");
    CHECK(error_of("---\ntitle: T\ncategory: {a: b}\n---\n") ==
          "kb/en/vpn.md:3: front matter: category must be text, not a map");
}

TEST_CASE("article file: every error names the file and the line") {
    CHECK(error_of("") == "kb/en/vpn.md:1: no front matter: the file must start with a '---' line");
    CHECK(error_of("# VPN\n\ntext\n") == "kb/en/vpn.md:1: no front matter: the file must start with a '---' line");
    CHECK(error_of("\n---\ntitle: T\n---\n") ==
          "kb/en/vpn.md:1: no front matter: the file must start with a '---' line");
    CHECK(error_of("---\ntitle: T\n\nbody without a closing line\n") ==
          "kb/en/vpn.md:1: front matter is not closed by a '---' line");
    CHECK(error_of("---") == "kb/en/vpn.md:1: front matter is not closed by a '---' line");
    CHECK(error_of("---\nid: vpn\ntitle: a: b\n---\n").starts_with("kb/en/vpn.md:3: front matter: invalid YAML: "));
    CHECK(error_of("---\nid: vpn\n\ttitle: T\n---\n").starts_with("kb/en/vpn.md:3: front matter: invalid YAML: "));
    CHECK(error_of("---\njust words\n---\n") == "kb/en/vpn.md:2: front matter: expected `key: value` lines");
    CHECK(error_of("---\nid: vpn\nlang: en\ncategory: network\ntitle: [a, b]\n---\n") ==
          "kb/en/vpn.md:5: front matter: title must be text, not a list");
    CHECK(error_of("---\nid: vpn\ntitle:\n  a: b\n---\n") ==
          "kb/en/vpn.md:3: front matter: title must be text, not a map");
    CHECK(error_of("---\nid: vpn\ntitle: \"  \"\n---\n") == "kb/en/vpn.md:3: front matter: title must not be empty");
    CHECK(error_of("---\nid: vpn\ntitle: A\ntitle: B\n---\n") ==
          "kb/en/vpn.md:4: front matter: `title` is given twice");
    CHECK(error_of("---\nid: vpn\n---\n\nNo heading here.\n## Nor here\n") ==
          "kb/en/vpn.md:2: no title: give `title` in the front matter or start the body with a '# ' heading");
    CHECK(error_of("---\n---\n```\n# code\n```\n") ==
          "kb/en/vpn.md:2: no title: give `title` in the front matter or start the body with a '# ' heading");
    CHECK(error_of("---\n---\n#    \n") ==
          "kb/en/vpn.md:2: no title: give `title` in the front matter or start the body with a '# ' heading");

    std::string thirteen_lines =
        "---\nid: vpn\ntitle: VPN\n---\n\n" + std::string("line\n") + "line\nline\nline\nline\nline\nline\nline\n";
    CHECK(error_of(thirteen_lines + "bad \xff byte\nmore\n") == "kb/en/vpn.md:14: invalid UTF-8");
    CHECK(error_of(thirteen_lines + "cut \xe2\x82\nmore\n") == "kb/en/vpn.md:14: invalid UTF-8");
    CHECK(error_of("---\ntitle: T\n---\nbell \a here\n") ==
          "kb/en/vpn.md:4: control character in the text (only tabs and line breaks are allowed)");
    CHECK(error_of("---\ntitle: T\x1b[31m\n---\n") ==
          "kb/en/vpn.md:2: control character in the text (only tabs and line breaks are allowed)");
    CHECK(error_of("---\ntitle: T\n---\nnul \0 here\n"s) ==
          "kb/en/vpn.md:4: control character in the text (only tabs and line breaks are allowed)");
    CHECK(error_of("---\ntitle: T\n---\nC1 \xc2\x9b here\n") ==
          "kb/en/vpn.md:4: control character in the text (only tabs and line breaks are allowed)");
    CHECK(error_of("---\ntitle: T\n---\ntab\there\r\n").empty());
    // YAML escapes can spell what the text itself may not hold.
    CHECK(error_of("---\nid: vpn\ntitle: \"a\\x07b\"\n---\n") ==
          "kb/en/vpn.md:3: front matter: title must not hold control characters");
    CHECK(error_of("---\nid: vpn\ntitle: \"a\\nb\"\n---\n") ==
          "kb/en/vpn.md:3: front matter: title must not hold control characters");
    CHECK(error_of("x", "other/name.md") == "other/name.md:1: no front matter: the file must start with a '---' line");
}

TEST_CASE("article file: the body is everything after the closing line, less one blank line") {
    CHECK(parse("---\ntitle: T\n---\nstraight on\n").body == "straight on\n");
    CHECK(parse("---\ntitle: T\n---\nstraight on\n").body_line == 4);
    CHECK(parse("---\ntitle: T\n---\n\n\n  two blank lines\n").body == "\n  two blank lines\n");
    CHECK(parse("---\ntitle: T\n---\n\n\n  two blank lines\n").body_line == 5);
    CHECK(parse("---\ntitle: T\n---\n\n---\nnot: front matter\n---\n").body == "---\nnot: front matter\n---\n");
    CHECK(parse("---\ntitle: T\n---").body.empty());
    CHECK(parse("---\ntitle: T\n---   \n\nx").body == "x");  // trailing spaces after the '---' are fine
}

TEST_CASE("article file: the written form is pinned") {
    hd::Article a = article("vpn", "Connect to the VPN", "# Connect\n\nSteps.\n");
    CHECK(hd::write_article_file(a) ==
          "---\nid: \"vpn\"\ntitle: \"Connect to the VPN\"\nlang: \"en\"\n---\n\n# Connect\n\nSteps.\n");
    a.category = "network";
    a.tags = {"vpn", "remote"};
    a.status = hd::ArticleStatus::draft;
    CHECK(hd::write_article_file(a) ==
          "---\nid: \"vpn\"\ntitle: \"Connect to the VPN\"\nlang: \"en\"\ncategory: \"network\"\n"
          "tags: [\"vpn\", \"remote\"]\nstatus: draft\n---\n\n# Connect\n\nSteps.\n");
}

TEST_CASE("article file: export then import gives back the same article, whatever its text holds") {
    const char* tricky[] = {
        "He said \"hi\" and 'bye'",
        "VPN: setup: step 1",
        "#1 issue # not a comment",
        "yes",
        "no",
        "null",
        "~",
        "true",
        "123",
        "0x1F",
        "1e3",
        ".nan",
        "2015-09-29",
        "- looks like a list",
        "[not a list]",
        "{not: a map}",
        "&anchor",
        "*alias",
        "!tag",
        "%directive",
        "@at",
        "`tick`",
        "| literal",
        "> folded",
        "? key",
        "---",
        "...",
        "C:\\Users\\me\\",
        "ends with a colon:",
        "Tiếng Việt",
        "日本語のテキスト",
        "🙂 👨‍👩‍👧",
        "line\u2028separator",
        "nbsp\u00a0inside",
        "zero\ufeffwidth",
    };
    for (const char* value : tricky) {
        CAPTURE(value);
        hd::Article a = article(value, value, value);
        a.category = value;
        a.tags = {value, "plain"};
        check_round_trip(a);
    }

    const char* bodies[] = {
        "",
        "no trailing newline",
        "    indented code first\n",
        "\n\nstarts with blank lines\n",
        "---\nid: other\ntitle: Not mine\n---\n\nbody\n",
        "--- \n",
        "  \n",
        "Windows\r\nline endings\r\n",
        "# A heading that differs from the title\n\n```\n---\n```\n",
    };
    for (const char* body : bodies) {
        CAPTURE(body);
        check_round_trip(article("vpn", "VPN", body));
    }

    for (auto status : {hd::ArticleStatus::draft, hd::ArticleStatus::published, hd::ArticleStatus::retired}) {
        hd::Article a = article("vpn", "VPN", "x\n");
        a.status = status;
        check_round_trip(a);
    }
    for (const char* lang : {"en", "vi", "no", "fil"}) {
        hd::Article a = article("vpn", "VPN", "x\n");
        a.lang = lang;
        check_round_trip(a);
    }
    hd::Article tags = article("vpn", "VPN", "x\n");
    tags.tags = {"a, b", "c]", "\"d\"", "e'"};
    check_round_trip(tags);
}

TEST_CASE("article file: the body line of an exported file points after the blank line") {
    hd::Article a = article("vpn", "VPN", "first\n");
    a.tags = {"x"};
    hd::ArticleFile file = hd::parse_article_file(hd::write_article_file(a), "a.md");
    CHECK(file.body_line == 8);  // ---, id, title, lang, tags, ---, blank, then the body
}
