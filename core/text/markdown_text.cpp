// Plain text of Markdown articles through md4c's callbacks: block boundaries become line breaks.
#include "core/text/markdown_text.hpp"

#include <md4c.h>
#include <utility>

#include "core/text/markdown_docfx.hpp"
#include "core/text/markdown_html.hpp"

namespace hd {

namespace {

constexpr std::string_view no_break_space = "\u00a0";
constexpr std::string_view replacement_character = "\ufffd";

struct PlainText {
    std::string out;
    int table_depth = 0;  // inside a table, breaks become spaces so a row stays one line
    bool first_cell = true;
    bool heading_only = false;  // markdown_first_heading: stop at the end of the first H1
    bool in_heading = false;
    bool found_heading = false;

    void trim_spaces() {
        while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    void newline() {
        trim_spaces();
        if (!out.empty() && out.back() != '\n') out += '\n';
    }
    void space() {
        if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    }
    void soft_break() { table_depth > 0 ? space() : newline(); }

    void html(std::string_view raw) {
        for_each_html_piece(raw, [this](HtmlPiece piece, std::string_view bytes) {
            switch (piece) {
                case HtmlPiece::text:
                    // Line ends inside raw HTML are only layout, as in a browser.
                    for (char c : bytes) {
                        if (c == '\n' || c == '\r' || c == '\t')
                            space();
                        else
                            out += c;
                    }
                    break;
                case HtmlPiece::entity: entity(bytes); break;
                case HtmlPiece::tag: tag(bytes); break;
            }
        });
    }
    void tag(std::string_view bytes) {
        switch (classify_html_tag(bytes).kind) {
            case HtmlTagKind::not_markup: out.append(bytes); break;
            case HtmlTagKind::line_break:
            case HtmlTagKind::cell: space(); break;
            case HtmlTagKind::block: soft_break(); break;
            default: break;
        }
    }
    void entity(std::string_view bytes) {
        std::string decoded = decode_html_entity(bytes);
        if (decoded == no_break_space)
            out += ' ';
        else
            out += decoded;
    }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
    auto& p = *static_cast<PlainText*>(userdata);
    if (p.found_heading) return 1;
    switch (type) {
        case MD_BLOCK_TABLE:
            ++p.table_depth;
            p.newline();
            break;
        case MD_BLOCK_THEAD:
        case MD_BLOCK_TBODY: break;
        case MD_BLOCK_TR:
            p.first_cell = true;
            p.newline();
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            if (!p.first_cell) {
                p.trim_spaces();
                p.out += " | ";
            }
            p.first_cell = false;
            break;
        case MD_BLOCK_H:
            if (p.heading_only && !p.found_heading && static_cast<MD_BLOCK_H_DETAIL*>(detail)->level == 1) {
                p.out.clear();
                p.in_heading = true;
            }
            p.newline();
            break;
        default: p.newline(); break;
    }
    return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* userdata) {
    auto& p = *static_cast<PlainText*>(userdata);
    if (p.found_heading) return 1;
    switch (type) {
        case MD_BLOCK_TABLE:
            --p.table_depth;
            p.newline();
            break;
        case MD_BLOCK_THEAD:
        case MD_BLOCK_TBODY:
        case MD_BLOCK_TH:
        case MD_BLOCK_TD: break;
        case MD_BLOCK_H:
            if (p.in_heading) {
                // Asks md_parse to stop; md4c 0.4.8 does not stop at every block end, so the other
                // callbacks refuse anything after this too.
                p.found_heading = true;
                return 1;
            }
            p.newline();
            break;
        default: p.newline(); break;
    }
    return 0;
}

// Alt text right after a word ("**Add**![Add icon](…)") would otherwise fuse with it in the index.
int enter_span(MD_SPANTYPE type, void*, void* userdata) {
    if (static_cast<PlainText*>(userdata)->found_heading) return 1;
    if (type == MD_SPAN_IMG) static_cast<PlainText*>(userdata)->space();
    return 0;
}
int leave_span(MD_SPANTYPE, void*, void*) {
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* userdata) {
    auto& p = *static_cast<PlainText*>(userdata);
    if (p.found_heading) return 1;
    std::string_view bytes(data, size);
    switch (type) {
        case MD_TEXT_NULLCHAR: p.out += replacement_character; break;
        case MD_TEXT_BR: p.soft_break(); break;
        case MD_TEXT_SOFTBR: p.space(); break;
        case MD_TEXT_ENTITY: p.entity(bytes); break;
        case MD_TEXT_HTML: p.html(bytes); break;
        default: p.out.append(bytes); break;  // normal text, code, LaTeX
    }
    return 0;
}

PlainText parse(std::string_view markdown, bool heading_only) {
    const std::string source = docfx_to_commonmark(markdown, DocfxAlerts::drop);
    PlainText p;
    p.heading_only = heading_only;
    MD_PARSER parser{};
    parser.flags = markdown_dialect();
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    md_parse(source.data(), static_cast<MD_SIZE>(source.size()), &parser, &p);
    while (!p.out.empty() && (p.out.back() == '\n' || p.out.back() == ' ')) p.out.pop_back();
    return p;
}

}  // namespace

unsigned markdown_dialect() {
    return MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS;
}

std::string markdown_plain_text(std::string_view markdown) {
    return parse(markdown, false).out;
}

std::optional<std::string> markdown_first_heading(std::string_view markdown) {
    PlainText p = parse(markdown, true);
    if (!p.found_heading) return std::nullopt;
    return std::move(p.out);
}

}  // namespace hd
