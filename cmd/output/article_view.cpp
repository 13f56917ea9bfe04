// Knowledge-base articles on a terminal.
#include "cmd/output/article_view.hpp"

#include <algorithm>

#include "cmd/output/markdown_view.hpp"
#include "cmd/output/table.hpp"
#include "core/text/markdown_text.hpp"
#include "core/text/utf8.hpp"

namespace hd::out {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + sanitize(i);
    return out;
}

std::string styled_status(ArticleStatus s, const Style& st) {
    switch (s) {
        case ArticleStatus::draft: return st.yellow("draft");
        case ArticleStatus::published: return st.green("published");
        case ArticleStatus::retired: return st.dim("retired");
    }
    return "?";
}

// Drops the body's leading "# Title" when it says what the header already says.
std::string_view without_repeated_title(std::string_view body, const std::string& title) {
    std::size_t start = 0;
    while (start < body.size() && (body[start] == '\n' || body[start] == '\r')) ++start;
    if (body.substr(start, 2) != "# ") return body;
    auto end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string heading = trim(body.substr(start + 2, end - start - 2));
    if (casefold(heading) != casefold(title)) return body;
    return body.substr(end);
}

// Wraps a search snippet at spaces, highlighting the matches (between kHighlightOpen and
// kHighlightClose) in bold yellow, or with *stars* when colour is off. Widths are measured on the
// sanitized text, without the styles.
std::vector<std::string> wrap_snippet(std::string_view snippet, std::size_t width, const Style& st) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t line_width = 0;
    bool marked = false;
    std::size_t i = 0;
    while (i < snippet.size()) {
        while (i < snippet.size() && (snippet[i] == ' ' || snippet[i] == '\n' || snippet[i] == '\t')) ++i;
        if (i >= snippet.size()) break;
        std::string word, plain;
        while (i < snippet.size() && snippet[i] != ' ' && snippet[i] != '\n' && snippet[i] != '\t') {
            std::size_t j = i;
            while (j < snippet.size() && snippet[j] != ' ' && snippet[j] != '\n' && snippet[j] != '\t' &&
                   snippet[j] != kHighlightOpen && snippet[j] != kHighlightClose)
                ++j;
            const std::string part = sanitize(snippet.substr(i, j - i));
            plain += part;
            word += marked ? (st.enabled() ? st.wrap_sgr("1;33", part) : "*" + part + "*") : part;
            i = j;
            if (i < snippet.size() && snippet[i] == kHighlightOpen) marked = true, ++i;
            if (i < snippet.size() && snippet[i] == kHighlightClose) marked = false, ++i;
        }
        if (plain.empty()) continue;
        const std::size_t w = display_width(st.enabled() ? plain : word);  // stars take room, colours do not
        if (line_width > 0 && line_width + 1 + w > width) {
            lines.push_back(line);
            line.clear();
            line_width = 0;
        }
        if (line_width > 0) line += ' ', ++line_width;
        line += word;
        line_width += w;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace

std::string article_label(ArticleId id) { return "KB" + std::to_string(id); }

void print_article_table(std::ostream& out, const std::vector<Article>& articles, const ViewOptions& view) {
    Table table({{"ID", false, false, 0},
                 {"LANG", false, false, 0},
                 {"STATUS", false, false, 3},
                 {"USES", true, false, 2},
                 {"CATEGORY", false, false, 1},
                 {"UPDATED", false, false, 4},
                 {"TITLE", false, true, 0}});
    for (const auto& a : articles)
        table.add_row({article_label(a.id), sanitize(a.lang), std::string(to_string(a.status)), std::to_string(a.uses),
                       a.category ? sanitize(*a.category) : "-", format_local_time(a.updated_at).substr(0, 10),
                       sanitize(a.title)},
                      a.status == ArticleStatus::retired ? "2" : a.status == ArticleStatus::draft ? "33" : "");
    table.render(out, view.width, view.style);
}

void print_article(std::ostream& out, const Article& a, const ViewOptions& view) {
    const Style& st = view.style;
    out << st.bold(article_label(a.id) + "  " + sanitize(a.title)) << '\n';
    auto field = [&](std::string_view name, const std::string& value) {
        out << "  " << st.dim(pad(std::string(name) + ":", 10)) << value << '\n';
    };
    field("Id", sanitize(a.slug) + " (" + sanitize(a.lang) + ")");
    field("Status", styled_status(a.status, st) + st.dim(", version " + std::to_string(a.version)));
    if (a.category) field("Category", sanitize(*a.category));
    if (!a.tags.empty()) field("Tags", joined(a.tags));
    field("Updated", format_local_time(a.updated_at) + " by " + sanitize(a.updated_by));
    if (a.uses > 0) field("Used", "on " + std::to_string(a.uses) + " ticket" + (a.uses == 1 ? "" : "s"));
    out << '\n';
    const std::size_t width = std::clamp<std::size_t>(view.width, 20, 100);
    for (const auto& line : render_markdown(without_repeated_title(a.body, a.title), width, st)) out << line << '\n';
}

void print_hits(std::ostream& out, const std::vector<ArticleHit>& hits, const ViewOptions& view) {
    const Style& st = view.style;
    const std::size_t width = std::clamp<std::size_t>(view.width, 20, 100);
    bool first = true;
    for (const auto& h : hits) {
        if (!first) out << '\n';
        first = false;
        const Article& a = h.article;
        std::string where = sanitize(a.lang);
        if (a.category) where += ", " + sanitize(*a.category);
        if (a.status != ArticleStatus::published) where += ", " + std::string(to_string(a.status));
        out << st.bold(article_label(a.id)) << "  " << st.bold(sanitize(a.title)) << "  " << st.dim("(" + where + ")")
            << '\n';
        for (const auto& line : wrap_snippet(h.snippet, width - 4, st)) out << "    " << line << '\n';
    }
}

void print_versions(std::ostream& out, const std::vector<ArticleVersion>& versions, const ViewOptions& view) {
    Table table({{"VERSION", true, false, 0},
                 {"WHEN", false, false, 0},
                 {"BY", false, false, 1},
                 {"WHAT", false, false, 0},
                 {"STATUS", false, false, 2},
                 {"TITLE", false, true, 0}});
    for (const auto& v : versions)
        table.add_row({"v" + std::to_string(v.version), format_local_time(v.at).substr(0, 16), sanitize(v.by), v.note,
                       std::string(to_string(v.status)), sanitize(v.title)});
    table.render(out, view.width, view.style);
}

}  // namespace hd::out
