// Raw HTML met inside Markdown articles: what a tag means for the text around it, and entity decoding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hd {

// What a tag does to the readable text. Only real HTML element names count as markup: articles
// write placeholders such as "C:\Users\<username>" that a Markdown parser takes for a tag, and
// dropping those would lose words the reader has to type.
enum class HtmlTagKind {
    not_markup,  // not an HTML element (<username>): show it as text
    comment,     // <!-- … -->, <!DOCTYPE …>, <?…?>: dropped with its content
    line_break,  // <br>
    block,       // p, div, li, ul, tr, details, summary, h1…h6, table, hr…: text breaks around it
    cell,        // td, th: a gap between cells
    bold,        // b, strong
    italic,      // i, em, cite, var
    underline,   // u, ins
    strike,      // s, del, strike
    code,        // code, kbd, samp, tt
    other,       // a, span, img, sup, font…: the tag goes, the text between stays
};

struct HtmlTag {
    HtmlTagKind kind = HtmlTagKind::not_markup;
    bool closing = false;  // </b>
};

// Classifies one whole tag as md4c hands it over ("<b>", "</td>", "<br/>", "<!-- x -->").
HtmlTag classify_html_tag(std::string_view tag);

// The text of an entity ("&amp;" → "&", "&#233;" → "é", "&nbsp;" → U+00A0). An unknown name is
// returned as written, since it may be literal text; a numeric entity that is not a character
// (0, a surrogate, above U+10FFFF) becomes U+FFFD.
std::string decode_html_entity(std::string_view entity);

enum class HtmlPiece { text, entity, tag };

// Splits a raw HTML block into text runs, entities and tags, in order; calls visit(piece, bytes).
// A '<' or '&' that starts no tag or entity stays in the text.
template <typename Visit>
void for_each_html_piece(std::string_view html, Visit visit);

// Length of the tag starting at html[at] == '<' (through its '>', quotes respected), or 0.
std::size_t html_tag_length(std::string_view html, std::size_t at);
// Length of the entity starting at html[at] == '&' (through its ';'), or 0.
std::size_t html_entity_length(std::string_view html, std::size_t at);

template <typename Visit>
void for_each_html_piece(std::string_view html, Visit visit) {
    std::size_t text_start = 0;
    std::size_t at = html.find_first_of("<&");
    while (at != std::string_view::npos) {
        std::size_t length = html[at] == '<' ? html_tag_length(html, at) : html_entity_length(html, at);
        if (length == 0) {
            at = html.find_first_of("<&", at + 1);
            continue;
        }
        if (at > text_start) visit(HtmlPiece::text, html.substr(text_start, at - text_start));
        visit(html[at] == '<' ? HtmlPiece::tag : HtmlPiece::entity, html.substr(at, length));
        text_start = at + length;
        at = html.find_first_of("<&", text_start);
    }
    if (text_start < html.size()) visit(HtmlPiece::text, html.substr(text_start));
}

}  // namespace hd
