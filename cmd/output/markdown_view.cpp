// The walker behind render_markdown: md4c events → styled inline text, leaf blocks, links, HTML.
#include "cmd/output/markdown_view.hpp"

#include <md4c.h>

#include <array>
#include <exception>
#include <optional>
#include <utility>

#include "cmd/output/markdown_inline.hpp"
#include "cmd/output/markdown_layout.hpp"
#include "cmd/output/markdown_table.hpp"
#include "core/text/markdown_docfx.hpp"
#include "core/text/markdown_html.hpp"
#include "core/text/markdown_text.hpp"

namespace hd::out {

namespace {

using namespace inline_style;

constexpr std::size_t code_indent = 4;
constexpr std::size_t tab_width = 4;
constexpr std::string_view image_label = "[image: ";

std::string repeat(std::string_view piece, std::size_t count) {
    std::string out;
    out.reserve(piece.size() * count);
    for (std::size_t i = 0; i < count; ++i) out += piece;
    return out;
}

void rtrim(std::string& line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
}

// An md4c attribute (a link's href) as text, its entities decoded.
std::string attribute_text(const MD_ATTRIBUTE& attribute) {
    std::string out;
    for (unsigned i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
        std::string_view piece(attribute.text + attribute.substr_offsets[i],
                               attribute.substr_offsets[i + 1] - attribute.substr_offsets[i]);
        switch (attribute.substr_types[i]) {
            case MD_TEXT_ENTITY: out += decode_html_entity(piece); break;
            case MD_TEXT_NULLCHAR: out += "\ufffd"; break;
            default: out += piece; break;
        }
    }
    return out;
}

// "https://x.org/" and "x.org", "mailto:a@b" and "a@b" name the same target.
std::string_view bare_target(std::string_view url) {
    for (std::string_view scheme : {"mailto:", "https://", "http://"})
        if (url.starts_with(scheme)) url.remove_prefix(scheme.size());
    while (url.ends_with('/')) url.remove_suffix(1);
    return url;
}

bool has_scheme(std::string_view url) {
    std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon < 2) return false;  // "C:\…" is a path
    for (char c : url.substr(0, colon))
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
              c == '.'))
            return false;
    return true;
}

// What to show after a link's text: the URL, nothing when the text already says it (autolinks) or
// the link points into the same page, and for a link to another article just its slug
// ("a11y-icon.md#x" → "a11y-icon"), the name `hd kb show` takes.
std::string link_target(std::string_view href, std::string_view shown) {
    if (href.empty() || href.front() == '#') return {};
    if (has_scheme(href)) return bare_target(href) == bare_target(shown) ? std::string() : std::string(href);
    std::string_view path = href.substr(0, href.find_first_of("#?"));
    std::size_t slash = path.find_last_of("/\\");
    std::string_view slug = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (slug.ends_with(".md")) slug.remove_suffix(3);
    return slug == shown ? std::string() : std::string(slug);
}

class Renderer {
public:
    Renderer(std::size_t width, const Style& style) : style_(style), layout_(width, style) {}

    void enter_block(MD_BLOCKTYPE type, void* detail);
    void leave_block(MD_BLOCKTYPE type, void* detail);
    void enter_span(MD_SPANTYPE type, void* detail);
    void leave_span(MD_SPANTYPE type);
    void text(MD_TEXTTYPE type, std::string_view bytes);
    std::vector<std::string> finish();

private:
    enum class Leaf { none, paragraph, heading, implicit, cell, code, html };
    struct Link {
        std::string href;
        std::size_t mark;  // where its text begins in inline_
        bool image;
    };
    // Per style bit, how many open spans (or HTML tags) ask for it; counts keep nesting cheap.
    using StyleCounts = std::array<int, 6>;

    static void count(StyleCounts& counts, unsigned style, int delta);
    unsigned current_style() const;
    std::size_t content_width() const { return layout_.content_width(); }
    void emit_line(std::string content) { layout_.add_line(std::move(content)); }
    void add_text(std::string_view bytes) { inline_.add(bytes, current_style()); }
    void add_html(std::string_view raw);
    void flush_inline(bool separate);
    void flush_heading();
    void emit_code();
    void end_link(const Link& link);

    const Style& style_;
    BlockLayout layout_;

    Leaf leaf_ = Leaf::none;
    unsigned heading_level_ = 0;
    StyledText inline_;
    StyleCounts span_counts_{};
    StyleCounts html_counts_{};
    std::vector<Link> links_;
    std::string code_;
    std::optional<MarkdownTable> table_;
    bool table_head_ = false;
    CellAlign cell_align_ = CellAlign::left;
};

void Renderer::count(StyleCounts& counts, unsigned style, int delta) {
    for (std::size_t bit = 0; bit < counts.size(); ++bit)
        if ((style & (1u << bit)) != 0 && counts[bit] + delta >= 0) counts[bit] += delta;
}

unsigned Renderer::current_style() const {
    unsigned style = plain;
    for (std::size_t bit = 0; bit < span_counts_.size(); ++bit)
        if (span_counts_[bit] > 0 || html_counts_[bit] > 0) style |= 1u << bit;
    if (leaf_ == Leaf::heading) style |= heading_level_ >= 4 ? strong | emphasis : strong;
    if (leaf_ == Leaf::cell && table_head_) style |= strong;
    return style;
}

void Renderer::add_html(std::string_view raw) {
    for_each_html_piece(raw, [this](HtmlPiece piece, std::string_view bytes) {
        if (piece == HtmlPiece::text) return add_text(bytes);
        if (piece == HtmlPiece::entity) return add_text(decode_html_entity(bytes));
        const HtmlTag tag = classify_html_tag(bytes);
        const int delta = tag.closing ? -1 : 1;
        switch (tag.kind) {
            case HtmlTagKind::not_markup: add_text(bytes); break;
            case HtmlTagKind::line_break:
            case HtmlTagKind::block: inline_.line_break(); break;
            case HtmlTagKind::cell:
                if (tag.closing) add_text(" ");  // "<td>x</td><td>y</td>" → "x y"
                break;
            case HtmlTagKind::bold: count(html_counts_, strong, delta); break;
            case HtmlTagKind::italic: count(html_counts_, emphasis, delta); break;
            case HtmlTagKind::underline: count(html_counts_, underlined, delta); break;
            case HtmlTagKind::strike: count(html_counts_, struck, delta); break;
            case HtmlTagKind::code: count(html_counts_, code, delta); break;
            case HtmlTagKind::comment:
            case HtmlTagKind::other: break;
        }
    });
}

void Renderer::flush_inline(bool separate) {
    leaf_ = Leaf::none;
    html_counts_ = {};  // an unclosed <b> ends with its block
    if (!inline_.blank()) {
        for (StyledLine& line : inline_.wrap(content_width(), false, style_)) emit_line(std::move(line.text));
        if (separate) layout_.end_block();
    }
    inline_.clear();
}

void Renderer::flush_heading() {
    const unsigned level = heading_level_;
    leaf_ = Leaf::none;
    html_counts_ = {};
    if (!inline_.blank()) {
        std::size_t widest = 0;
        for (StyledLine& line : inline_.wrap(content_width(), false, style_)) {
            widest = std::max(widest, line.width);
            emit_line(std::move(line.text));
        }
        if (level <= 2)
            emit_line(paint(repeat(level == 1 ? "═" : "─", std::min(widest, content_width())), faint, style_));
        layout_.end_block();
    }
    inline_.clear();
}

void Renderer::emit_code() {
    leaf_ = Leaf::none;
    std::string_view block = code_;
    if (block.ends_with('\n')) block.remove_suffix(1);
    const std::size_t room = content_width() > code_indent + 1 ? content_width() - code_indent : 1;
    std::size_t start = 0;
    while (!block.empty() && start <= block.size()) {
        std::size_t end = block.find('\n', start);
        if (end == std::string_view::npos) end = block.size();
        std::string_view raw = block.substr(start, end - start);
        if (raw.ends_with('\r')) raw.remove_suffix(1);
        start = end + 1;
        // Tabs to the next stop, so sanitize does not show them as "\x09".
        std::string expanded;
        for (char c : raw) {
            if (c == '\t')
                expanded.append(tab_width - expanded.size() % tab_width, ' ');
            else
                expanded += c;
        }
        std::string line = sanitize(expanded);
        rtrim(line);
        emit_line(line.empty() ? std::string()
                               : std::string(code_indent, ' ') + paint(truncate(line, room), code, style_));
    }
    code_.clear();
    layout_.end_block();
}

void Renderer::enter_block(MD_BLOCKTYPE type, void* detail) {
    if (leaf_ == Leaf::implicit) flush_inline(false);  // a tight item's text, then a nested block
    switch (type) {
        case MD_BLOCK_QUOTE: layout_.open_quote(); break;
        case MD_BLOCK_UL:
            layout_.open_list(false, static_cast<MD_BLOCK_UL_DETAIL*>(detail)->is_tight != 0, 1, '.');
            break;
        case MD_BLOCK_OL: {
            const auto& ol = *static_cast<MD_BLOCK_OL_DETAIL*>(detail);
            layout_.open_list(true, ol.is_tight != 0, ol.start, ol.mark_delimiter);
            break;
        }
        case MD_BLOCK_LI: {
            const auto& li = *static_cast<MD_BLOCK_LI_DETAIL*>(detail);
            layout_.open_item(li.is_task != 0, li.task_mark != ' ');
            break;
        }
        case MD_BLOCK_HR:
            emit_line(paint(repeat("─", content_width()), faint, style_));
            layout_.end_block();
            break;
        case MD_BLOCK_H:
            leaf_ = Leaf::heading;
            heading_level_ = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
            break;
        case MD_BLOCK_P: leaf_ = Leaf::paragraph; break;
        case MD_BLOCK_CODE: leaf_ = Leaf::code; break;
        case MD_BLOCK_HTML: leaf_ = Leaf::html; break;
        case MD_BLOCK_TABLE: table_.emplace(); break;
        case MD_BLOCK_THEAD: table_head_ = true; break;
        case MD_BLOCK_TBODY: table_head_ = false; break;
        case MD_BLOCK_TR:
            if (table_) table_->start_row(table_head_);
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD: {
            leaf_ = Leaf::cell;
            const MD_ALIGN align = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
            cell_align_ = align == MD_ALIGN_RIGHT    ? CellAlign::right
                          : align == MD_ALIGN_CENTER ? CellAlign::center
                                                     : CellAlign::left;
            break;
        }
        case MD_BLOCK_DOC: break;
    }
}

void Renderer::leave_block(MD_BLOCKTYPE type, void*) {
    switch (type) {
        case MD_BLOCK_QUOTE:
        case MD_BLOCK_UL:
        case MD_BLOCK_OL: layout_.close(); break;
        case MD_BLOCK_LI:
            if (leaf_ == Leaf::implicit) flush_inline(false);
            layout_.close();
            break;
        case MD_BLOCK_H: flush_heading(); break;
        case MD_BLOCK_P:
        case MD_BLOCK_HTML: flush_inline(true); break;
        case MD_BLOCK_CODE: emit_code(); break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            if (table_) table_->add_cell(std::move(inline_), cell_align_);
            inline_.clear();
            html_counts_ = {};
            leaf_ = Leaf::none;
            break;
        case MD_BLOCK_TABLE:
            if (table_)
                for (std::string& line : table_->render(content_width(), style_)) emit_line(std::move(line));
            table_.reset();
            table_head_ = false;
            layout_.end_block();
            break;
        case MD_BLOCK_DOC:
            if (leaf_ == Leaf::implicit) flush_inline(false);
            break;
        case MD_BLOCK_HR:
        case MD_BLOCK_THEAD:
        case MD_BLOCK_TBODY:
        case MD_BLOCK_TR: break;
    }
}

void Renderer::enter_span(MD_SPANTYPE type, void* detail) {
    if (leaf_ == Leaf::none) leaf_ = Leaf::implicit;
    switch (type) {
        case MD_SPAN_EM: count(span_counts_, emphasis, 1); break;
        case MD_SPAN_STRONG: count(span_counts_, strong, 1); break;
        case MD_SPAN_DEL: count(span_counts_, struck, 1); break;
        case MD_SPAN_U: count(span_counts_, underlined, 1); break;
        case MD_SPAN_CODE:
        case MD_SPAN_LATEXMATH:
        case MD_SPAN_LATEXMATH_DISPLAY: count(span_counts_, code, 1); break;
        case MD_SPAN_A:
            links_.push_back(Link{attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href), inline_.size(), false});
            count(span_counts_, underlined, 1);
            break;
        case MD_SPAN_IMG:
            links_.push_back(Link{{}, inline_.size(), true});
            count(span_counts_, faint, 1);
            add_text(image_label);
            break;
        case MD_SPAN_WIKILINK: break;
    }
}

void Renderer::end_link(const Link& link) {
    if (link.image) {
        // Nothing added since the label: the image had no alt text.
        if (inline_.size() == link.mark + image_label.size()) {
            inline_.truncate_to(link.mark);
            add_text("[image");
        }
        add_text("]");
        count(span_counts_, faint, -1);
        return;
    }
    count(span_counts_, underlined, -1);
    const std::string target = link_target(link.href, inline_.text_since(link.mark));
    if (!target.empty()) {
        add_text(" ");
        inline_.add("(" + target + ")", current_style() | faint);
    }
}

void Renderer::leave_span(MD_SPANTYPE type) {
    switch (type) {
        case MD_SPAN_EM: count(span_counts_, emphasis, -1); break;
        case MD_SPAN_STRONG: count(span_counts_, strong, -1); break;
        case MD_SPAN_DEL: count(span_counts_, struck, -1); break;
        case MD_SPAN_U: count(span_counts_, underlined, -1); break;
        case MD_SPAN_CODE:
        case MD_SPAN_LATEXMATH:
        case MD_SPAN_LATEXMATH_DISPLAY: count(span_counts_, code, -1); break;
        case MD_SPAN_A:
        case MD_SPAN_IMG:
            if (!links_.empty()) {
                Link link = std::move(links_.back());
                links_.pop_back();
                end_link(link);
            }
            break;
        case MD_SPAN_WIKILINK: break;
    }
}

void Renderer::text(MD_TEXTTYPE type, std::string_view bytes) {
    if (leaf_ == Leaf::code) {
        code_.append(bytes);
        return;
    }
    if (leaf_ == Leaf::none) leaf_ = Leaf::implicit;  // a tight list item's text comes without a paragraph
    switch (type) {
        case MD_TEXT_NULLCHAR: add_text("\ufffd"); break;
        case MD_TEXT_BR: inline_.line_break(); break;
        case MD_TEXT_SOFTBR: add_text(" "); break;
        case MD_TEXT_ENTITY: add_text(decode_html_entity(bytes)); break;
        case MD_TEXT_HTML: add_html(bytes); break;
        default: add_text(bytes); break;  // normal text, code span text, LaTeX
    }
}

std::vector<std::string> Renderer::finish() {
    if (leaf_ != Leaf::none && leaf_ != Leaf::code) flush_inline(false);
    return layout_.finish();
}

// md4c is C: an exception must not unwind through it. Each callback catches, stops the parse and
// leaves the exception to be rethrown once md_parse has returned.
struct Session {
    Renderer renderer;
    std::exception_ptr error;
};

template <typename Call>
int guarded(void* userdata, Call call) {
    auto& session = *static_cast<Session*>(userdata);
    try {
        call(session.renderer);
        return 0;
    } catch (...) {
        session.error = std::current_exception();
        return -1;
    }
}

}  // namespace

std::vector<std::string> render_markdown(std::string_view markdown, std::size_t width, const Style& style) {
    const std::string source = docfx_to_commonmark(markdown, DocfxAlerts::label);
    Session session{Renderer(width, style), nullptr};
    MD_PARSER parser{};
    parser.flags = markdown_dialect();
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* userdata) {
        return guarded(userdata, [&](Renderer& r) { r.enter_block(type, detail); });
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* userdata) {
        return guarded(userdata, [&](Renderer& r) { r.leave_block(type, detail); });
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* userdata) {
        return guarded(userdata, [&](Renderer& r) { r.enter_span(type, detail); });
    };
    parser.leave_span = [](MD_SPANTYPE type, void*, void* userdata) {
        return guarded(userdata, [&](Renderer& r) { r.leave_span(type); });
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
        return guarded(userdata, [&](Renderer& r) { r.text(type, std::string_view(text, size)); });
    };
    md_parse(source.data(), static_cast<MD_SIZE>(source.size()), &parser, &session);
    if (session.error) std::rethrow_exception(session.error);
    return session.renderer.finish();
}

}  // namespace hd::out
