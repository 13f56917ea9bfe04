// Tests of Markdown articles: plain text for the index, the first heading, and terminal rendering.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cmd/output/markdown_view.hpp"
#include "cmd/output/terminal.hpp"
#include "core/text/markdown_docfx.hpp"
#include "core/text/markdown_html.hpp"
#include "core/text/markdown_text.hpp"

using hd::markdown_first_heading;
using hd::markdown_plain_text;

namespace {

// Lines joined with '\n', so a failing check shows the whole rendering.
std::string render(std::string_view markdown, std::size_t width, bool colour = false) {
    std::string out;
    for (const std::string& line : hd::out::render_markdown(markdown, width, hd::out::Style(colour))) {
        out += line;
        out += '\n';
    }
    return out;
}

std::string lines(std::initializer_list<std::string_view> expected) {
    std::string out;
    for (std::string_view line : expected) {
        out += line;
        out += '\n';
    }
    return out;
}

// The layout promises of render_markdown, whatever the input.
void check_layout(const std::vector<std::string>& rendered) {
    REQUIRE_FALSE(rendered.empty());
    CHECK_FALSE(rendered.front().empty());
    CHECK_FALSE(rendered.back().empty());
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        INFO("line " << i << ": [" << rendered[i] << "]");
        CHECK((rendered[i].empty() || rendered[i].back() != ' '));
        CHECK(rendered[i].find('\n') == std::string::npos);
        if (i > 0) CHECK_FALSE((rendered[i].empty() && rendered[i - 1].empty()));
    }
}

}  // namespace

TEST_CASE("markdown plain text keeps link and image text and drops their URLs") {
    CHECK(markdown_plain_text("See [the guide](http://x.org/g) and ![a cat](cat.png).") == "See the guide and a cat.");
    CHECK(markdown_plain_text("Go to <https://x.org/a> now.") == "Go to https://x.org/a now.");
    // Alt text right after a word stays a separate word for the index.
    CHECK(markdown_plain_text("select **Add**![Add icon](add.png).") == "select Add Add icon.");
}

TEST_CASE("markdown plain text keeps code and puts every block and list item on its own line") {
    CHECK(markdown_plain_text("# Title\n\nRun `ls -l` now.\n\n```sh\nline 1\nline 2\n```\n\nAfter.") ==
          "Title\nRun ls -l now.\nline 1\nline 2\nAfter.");
    CHECK(markdown_plain_text("1. one\n2. two\n   - nested *item*\n- [x] done\n") == "one\ntwo\nnested item\ndone");
    CHECK(markdown_plain_text("soft\nbreak and hard  \nbreak") == "soft break and hard\nbreak");
}

TEST_CASE("markdown plain text decodes entities") {
    CHECK(markdown_plain_text("A &amp; B &lt;c&gt; &quot;d&quot; e&nbsp;f &#233; &#x41; &copy; &bogus;") ==
          "A & B <c> \"d\" e f \xc3\xa9 A \xc2\xa9 &bogus;");
    CHECK(markdown_plain_text("bad &#0; and &#xD800;") == "bad \xef\xbf\xbd and \xef\xbf\xbd");
}

TEST_CASE("markdown plain text drops HTML tags but keeps their text and placeholders that are not HTML") {
    CHECK(markdown_plain_text("Line<br>two <b>bold</b> and <br/>three") == "Line two bold and three");
    CHECK(markdown_plain_text("Replace <username> and <x.0> here") == "Replace <username> and <x.0> here");
    CHECK(
        markdown_plain_text("<details>\n<summary><b>Update Windows</b></summary>\n\nText &amp; more\n\n</details>\n") ==
        "Update Windows\nText & more");
    CHECK(markdown_plain_text("<!-- hidden -->\nshown") == "shown");
}

TEST_CASE("markdown plain text drops DocFX directives, includes and alert markers") {
    const std::string docfx =
        "> [!NOTE]\n> Keep this.\n\n"
        ":::image type=\"content\" source=\"a.png\" alt-text=\"Screenshot of x.\":::\n\n"
        "Click the icon (:::image type=\"icon\" source=\"i.png\":::) to go.\n\n"
        "[!INCLUDE [disclaimer](../includes/d.md)]\n\n"
        "Name it *:::no-loc text=\"AutoSave\":::*.\n\n"
        "> [!div class=\"nextstepaction\"]\n> [Next](next.md)\n";
    CHECK(markdown_plain_text(docfx) == "Keep this.\nClick the icon to go.\nName it AutoSave.\nNext");
    // Inside fenced code DocFX syntax is just code.
    CHECK(markdown_plain_text("```\n:::image x:::\n> [!NOTE]\n```") == ":::image x:::\n> [!NOTE]");
}

TEST_CASE("markdown DocFX rewrite keeps a paragraph whole and labels alerts") {
    using hd::docfx_to_commonmark;
    using hd::DocfxAlerts;
    // The directive line goes with its line end: "one" and "two" stay one paragraph.
    CHECK(docfx_to_commonmark("one\n   :::image type=\"content\" source=\"a.png\":::\ntwo\n", DocfxAlerts::drop) ==
          "one\ntwo\n");
    CHECK(docfx_to_commonmark("> [!note]\n> Text", DocfxAlerts::label) == "> **Note:**\n> Text");
    CHECK(docfx_to_commonmark(">   [!IMPORTANT]  \n> Text", DocfxAlerts::drop) == ">   \n> Text");
    CHECK(docfx_to_commonmark("> [!VIDEO https://v.example/1]", DocfxAlerts::drop) == "> [Video](https://v.example/1)");
    // Not in a quote, not an alert: left alone.
    CHECK(docfx_to_commonmark("[!NOTE] as text", DocfxAlerts::drop) == "[!NOTE] as text");
    CHECK(docfx_to_commonmark("press :::image type=\"icon\" source=\"k.png\"::: +R", DocfxAlerts::drop) == "press +R");
}

TEST_CASE("markdown HTML tags count as markup only for real element names") {
    using hd::HtmlTagKind;
    CHECK(hd::classify_html_tag("<br/>").kind == HtmlTagKind::line_break);
    CHECK(hd::classify_html_tag("<B class=\"x\">").kind == HtmlTagKind::bold);
    CHECK(hd::classify_html_tag("</td>").closing);
    CHECK(hd::classify_html_tag("<!-- c -->").kind == HtmlTagKind::comment);
    CHECK(hd::classify_html_tag("<username>").kind == HtmlTagKind::not_markup);
    CHECK(hd::classify_html_tag("<path d=\"x\">").kind == HtmlTagKind::not_markup);
    CHECK(hd::classify_html_tag("<b.0>").kind == HtmlTagKind::not_markup);
    CHECK(hd::decode_html_entity("&#x1F600;") == "\xf0\x9f\x98\x80");
    CHECK(hd::decode_html_entity("&unknown;") == "&unknown;");
}

TEST_CASE("markdown plain text joins table cells with a bar, one row a line") {
    CHECK(markdown_plain_text("| A | B |\n|---|---|\n| 1 | 2<br>3 |\n| **x** | `y` |\n") == "A | B\n1 | 2 3\nx | y");
}

TEST_CASE("markdown plain text of empty or odd input") {
    CHECK(markdown_plain_text("") == "");
    CHECK(markdown_plain_text("---\ntitle: x\n---\n\nBody") == "title: x\nBody");
    CHECK(markdown_plain_text("caf\xff") == "caf\xff");
}

TEST_CASE("markdown first heading is the first level-1 heading as plain text") {
    CHECK(markdown_first_heading("Intro\n\n## Sub\n\n# Title *here* &amp; `now`\n\nBody\n\n# Other") ==
          "Title here & now");
    CHECK(markdown_first_heading("Setext title\n===\n\nBody") == "Setext title");
    CHECK_FALSE(markdown_first_heading("## Only a subheading\n\ntext").has_value());
    CHECK_FALSE(markdown_first_heading("").has_value());
}

TEST_CASE("markdown view: headings are underlined by a rule and set apart by blank lines") {
    CHECK(render("# Title\n\nThe quick brown fox jumps over the lazy dog again and again.\n\n## Part two\n"
                 "Text.\n### Third\n\nMore.",
                 30) == lines({"Title", "═════", "", "The quick brown fox jumps over", "the lazy dog again and again.",
                               "", "Part two", "────────", "", "Text.", "", "Third", "", "More."}));
}

TEST_CASE("markdown view: paragraphs join soft breaks and keep hard breaks") {
    CHECK(render("one\ntwo\\\nthree  \nfour", 30) == lines({"one two", "three", "four"}));
}

TEST_CASE("markdown view: lists nest with bullets by depth and a hanging indent") {
    CHECK(render("- First item text that is long enough to wrap\n"
                 "  - nested item that also wraps around\n"
                 "    - third level\n"
                 "- Second\n",
                 30) == lines({"• First item text that is long", "  enough to wrap", "  ◦ nested item that also",
                               "    wraps around", "    ▪ third level", "• Second"}));
}

TEST_CASE("markdown view: ordered lists keep their start number; loose lists keep their blank lines") {
    CHECK(render("Steps:\n\n3. three\n4. four is a longer item that wraps\n", 30) ==
          lines({"Steps:", "", "3. three", "4. four is a longer item that", "   wraps"}));
    CHECK(render("1) first\n\n2) second\n", 30) == lines({"1) first", "", "2) second"}));
    CHECK(render("- [ ] todo\n- [x] done\n", 30) == lines({"• [ ] todo", "• [x] done"}));
}

TEST_CASE("markdown view: code blocks are indented and cut at the width, never wrapped") {
    CHECK(render("Before:\n\n```sh\nthis line is much longer than thirty columns\n\tindented\n\nend\n```\n", 30) ==
          lines({"Before:", "", "    this line is much longer …", "        indented", "", "    end"}));
}

TEST_CASE("markdown view: quotes carry a bar on every line, nested quotes stack") {
    CHECK(render("> Quoted text that wraps over the width limit.\n>\n> > Nested.\n\nAfter.", 30) ==
          lines({"│ Quoted text that wraps over", "│ the width limit.", "│", "│ │ Nested.", "", "After."}));
}

TEST_CASE("markdown view: DocFX alerts get a label and DocFX directives disappear") {
    CHECK(render("> [!WARNING]\n> Back up first.\n\n:::image type=\"content\" source=\"a.png\" alt-text=\"x\":::\n\n"
                 "[!INCLUDE [d](d.md)]\n\nDone.",
                 40) == lines({"│ Warning: Back up first.", "", "Done."}));
}

TEST_CASE("markdown view: tables align columns by width and alignment") {
    CHECK(render("| Name | Qty |\n|:-----|----:|\n| apple | 3 |\n| kiwi | 12 |\n", 30) ==
          lines({"Name   Qty", "─────  ───", "apple    3", "kiwi    12"}));
}

TEST_CASE("markdown view: tables too wide for the terminal shrink their widest column and wrap it") {
    CHECK(render("| Key | Description |\n|---|---|\n| a | a long description that needs wrapping here |\n"
                 "| b | short |\n",
                 30) == lines({"Key  Description", "───  ─────────────────────────", "a    a long description that",
                               "     needs wrapping here", "", "b    short"}));
}

TEST_CASE("markdown view: links show their target unless the text already says it") {
    CHECK(render("[GNOME](https://gnome.org) and <https://x.org> and [the icon](a11y-icon.md#top) and "
                 "[up](#top) and www.example.com and help@example.com",
                 200) == lines({"GNOME (https://gnome.org) and https://x.org and the icon (a11y-icon) and up and "
                                "www.example.com and help@example.com"}));
    CHECK(render("![A cat](cat.png) and ![](x.png)", 40) == lines({"[image: A cat] and [image]"}));
}

TEST_CASE("markdown view: HTML loses its tags but keeps text, line breaks and placeholders") {
    CHECK(render("one<br>two <b>bold</b> C:\\Users\\\\<username>\n\n<details>\n<summary><b>Update</b></summary>\n\n"
                 "Text\n\n</details>\n",
                 40) == lines({"one", "two bold C:\\Users\\<username>", "", "Update", "", "Text"}));
}

TEST_CASE("markdown view: article text cannot send escape sequences to the terminal") {
    const auto rendered =
        hd::out::render_markdown("Red \x1b[31malert\x1b[0m and `\x1b]0;title\x07` \xff", 80, hd::out::Style(true));
    REQUIRE(rendered.size() == 1);
    CHECK(rendered[0] == "Red \\x1b[31malert\\x1b[0m and \x1b[36m\\x1b]0;title\\x07\x1b[0m \\xff");
}

TEST_CASE("markdown view: CJK and Vietnamese text wraps by display width") {
    // NFD Vietnamese: the combining marks take no columns.
    CHECK(render("Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t co\xcc\x81 da\xcc\x82\xcc\x81u", 10) ==
          lines({"Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t", "co\xcc\x81 da\xcc\x82\xcc\x81u"}));
    // No spaces in Japanese: a line may break between any two characters (two columns each).
    CHECK(render("日本語のテキストです。 English", 12) == lines({"日本語のテキ", "ストです。", "English"}));
}

TEST_CASE("markdown view: with colour on, styles become SGR codes") {
    CHECK(render("**bold** and `code`, ~~old~~ *new*", 80, true) ==
          lines({"\x1b[1mbold\x1b[0m and \x1b[36mcode\x1b[0m, \x1b[9mold\x1b[0m \x1b[3mnew\x1b[0m"}));
    CHECK(render("# T\n\n> q", 80, true) == lines({"\x1b[1mT\x1b[0m", "\x1b[2m═\x1b[0m", "", "\x1b[2m│\x1b[0m q"}));
    CHECK(render("[a](http://b.c)", 80, true) == lines({"\x1b[4ma\x1b[0m \x1b[2m(http://b.c)\x1b[0m"}));
}

TEST_CASE("markdown view: with colour off, there is no SGR at all") {
    const std::string rendered = render(
        "# H\n\n**b** *i* `c` ~~s~~ [l](http://x) ![a](b)\n\n> q\n\n---\n\n"
        "| h |\n|---|\n| c |\n\n```\ncode\n```",
        40);
    CHECK(rendered.find('\x1b') == std::string::npos);
    CHECK(rendered.find("───") != std::string::npos);  // the thematic break
}

TEST_CASE("markdown view renders a GNOME help article") {
    const std::string article =
        "# Turn on bounce keys\n\n"
        "Turn on *bounce keys* to ignore key presses that are rapidly repeated.\n\n"
        "1. Open the **Activities** overview and start typing **Accessibility**.\n"
        "2. Click **Accessibility** to open the panel.\n\n"
        "> **Tip:**\n"
        "> ## Quickly turn bounce keys on and off\n"
        ">\n"
        "> Click the [accessibility icon](a11y-icon.md) on the top bar. Press [icon: keyboard].\n";
    const auto rendered = hd::out::render_markdown(article, 40, hd::out::Style(false));
    check_layout(rendered);
    std::string joined;
    for (const auto& line : rendered) joined += line + "\n";
    CHECK(joined ==
          lines({"Turn on bounce keys", "═══════════════════", "", "Turn on bounce keys to ignore key",
                 "presses that are rapidly repeated.", "", "1. Open the Activities overview and",
                 "   start typing Accessibility.", "2. Click Accessibility to open the", "   panel.", "", "│ Tip:", "│",
                 "│ Quickly turn bounce keys on and off", "│ ───────────────────────────────────", "│",
                 "│ Click the accessibility icon", "│ (a11y-icon) on the top bar. Press", "│ [icon: keyboard]."}));
}

TEST_CASE("markdown view renders a Microsoft support article with a table and a note") {
    const std::string article =
        "# Build numbers change\n\n"
        "## Summary\n\n"
        "This change is shown in the following table. \n\n"
        "|Version| Digit mask| Example |\n"
        "|-----|----|---|\n"
        "|Old|4.4|build 1234.5678 |\n"
        "|New|5.5|build 12345.67890 |\n\n"
        "Select **File** > **Account**, and look under **About \\\\\\<ProgramName\\>**.\n\n"
        "> [!NOTE]\n"
        "> The major version remains **16.0**.\n\n"
        "1. Select **Start** (:::image type=\"icon\" source=\"media\\win.png\":::), type *updates*.\n\n"
        "   :::image type=\"content\" source=\"media/x.png\" alt-text=\"Screenshot.\":::\n\n"
        "[!INCLUDE [Third-party disclaimer](../../includes/third-party-disclaimer.md)]\n";
    const auto rendered = hd::out::render_markdown(article, 50, hd::out::Style(false));
    check_layout(rendered);
    std::string joined;
    for (const auto& line : rendered) joined += line + "\n";
    CHECK(joined == lines({"Build numbers change", "════════════════════", "", "Summary", "───────", "",
                           "This change is shown in the following table.", "", "Version  Digit mask  Example",
                           "───────  ──────────  ─────────────────", "Old      4.4         build 1234.5678",
                           "New      5.5         build 12345.67890", "", "Select File > Account, and look under About",
                           "\\<ProgramName>.", "", "│ Note: The major version remains 16.0.", "",
                           "1. Select Start, type updates."}));
}

TEST_CASE("markdown view survives huge, deeply nested and broken input") {
    SUBCASE("deeply nested quotes and lists stop indenting at half the width") {
        const auto quotes = hd::out::render_markdown(std::string(20000, '>') + " deep\n", 40, hd::out::Style(false));
        REQUIRE_FALSE(quotes.empty());
        for (const auto& line : quotes) CHECK(hd::out::display_width(line) <= 40);
        std::string nested;
        for (int i = 0; i < 200; ++i) nested += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- item\n";
        for (const auto& line : hd::out::render_markdown(nested, 40, hd::out::Style(false)))
            CHECK(hd::out::display_width(line) <= 40);
    }
    // No timing assertion here (the machine's load decides it): speed is measured by make bench-kb.
    SUBCASE("five megabytes render completely") {
        std::string big;
        while (big.size() < 5'000'000)
            big +=
                "## Heading\n\nSome *text* with **bold**, `code` and a [link](http://x.org) &amp; words.\n\n"
                "- item\n  1. nested\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n";
        const auto rendered = hd::out::render_markdown(big, 80, hd::out::Style(true));
        const std::string plain = markdown_plain_text(big);
        CHECK(rendered.size() > 100'000);
        CHECK(plain.size() > 1'000'000);
    }
    SUBCASE("pathological HTML and emphasis") {
        std::string comments;
        for (int i = 0; i < 200'000; ++i) comments += "<!--";
        std::string tags;
        for (int i = 0; i < 200'000; ++i) tags += "a <b ";
        // They finish (a quadratic parser would take hours, and ctest's time limit stops it) and keep
        // the text; how fast is for the benchmarks, not for a test.
        CHECK_NOTHROW(hd::out::render_markdown(comments, 80, hd::out::Style(false)));  // an endless comment
        CHECK_FALSE(hd::out::render_markdown(tags, 80, hd::out::Style(false)).empty());
        CHECK(markdown_plain_text(tags).find('b') != std::string::npos);
        CHECK_FALSE(hd::out::render_markdown(std::string(50'000, '*') + "x" + std::string(50'000, '*'), 80,
                                             hd::out::Style(false))
                        .empty());
    }
    SUBCASE("invalid UTF-8 and control characters are shown, not passed on") {
        const auto rendered =
            hd::out::render_markdown("bad \xff\xfe bytes \xc3 and \x9b[2J and \x07 bell", 80, hd::out::Style(false));
        REQUIRE(rendered.size() == 1);
        CHECK(rendered[0] == "bad \\xff\\xfe bytes \\xc3 and \\x9b[2J and \\x07 bell");
    }
    SUBCASE("empty and blank input render nothing") {
        CHECK(hd::out::render_markdown("", 80, hd::out::Style(false)).empty());
        CHECK(hd::out::render_markdown("\n\n   \n<details>\n\n", 80, hd::out::Style(false)).empty());
    }
}
