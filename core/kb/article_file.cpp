// Reads and writes knowledge-base article files: YAML front matter between '---' lines, then Markdown.
#include "core/kb/article_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "core/error.hpp"
#include "core/text/utf8.hpp"

namespace hd {

namespace {

// The opening '---' is always line 1 (a BOM adds no line), so the YAML starts on line 2.
constexpr int kFrontMatterLine = 2;

// One line from `at` on, without its '\n' or the '\r' of a CRLF; `at` moves to the next line.
std::string_view cut_line(std::string_view text, std::size_t& at) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end < text.size() ? end + 1 : end;
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

bool is_delimiter(std::string_view line) {
    return line.starts_with("---") && is_blank(line.substr(3));
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The text of the body's first '# ' heading outside fenced code: where a Markdown page keeps its title
// when the front matter has none (the Microsoft samples repeat it there).
std::optional<std::string> heading_title(std::string_view body) {
    char fence = 0;  // '`' or '~' while inside a fenced code block
    std::size_t fence_length = 0;
    for (std::size_t at = 0; at < body.size();) {
        std::string_view line = cut_line(body, at);
        std::size_t indent = line.find_first_not_of(' ');
        if (indent != std::string_view::npos && indent <= 3 && (line[indent] == '`' || line[indent] == '~')) {
            std::string_view marks = line.substr(indent);
            std::size_t length = std::min(marks.find_first_not_of(marks[0]), marks.size());
            if (length >= 3 && !fence) {
                fence = marks[0];
                fence_length = length;
                continue;
            }
            if (length >= fence_length && marks[0] == fence && is_blank(marks.substr(length))) {
                fence = 0;
                continue;
            }
        }
        if (fence || !line.starts_with("# ")) continue;
        // A lone CR ends a line in Markdown (CommonMark), so it ends the heading; a tab is a space. A title
        // holds neither: kept, they made hd kb import refuse a good file ("the title contains a control
        // character"), and a title in the front matter that says so would not read back (found by fuzzing).
        std::string_view heading = line.substr(2);
        std::string text(heading.substr(0, heading.find('\r')));
        std::replace(text.begin(), text.end(), '\t', ' ');
        text = trim(text);
        // "# Title ##": an optional closing run of '#' after a space is not part of the text.
        std::size_t last = text.find_last_not_of('#');
        if (last == std::string::npos) return std::string();
        if (last + 1 < text.size() && text[last] == ' ') text = trim(text.substr(0, last));
        return text;
    }
    return std::nullopt;
}

// A front matter entry, kept with its key so errors can point at the key's line.
struct Entry {
    YAML::Node key;
    YAML::Node value;
};

class Reader {
public:
    explicit Reader(std::string_view name) : name_(name) {}

    [[noreturn]] void fail_at(int line, const std::string& what) const {
        fail(ErrorKind::usage, name_ + ":" + std::to_string(line) + ": " + what);
    }

    [[noreturn]] void fail_at(const YAML::Mark& mark, const std::string& what) const {
        // yaml-cpp counts lines from 0 within the front matter text.
        fail_at(mark.line >= 0 ? mark.line + kFrontMatterLine : kFrontMatterLine, "front matter: " + what);
    }

    // One pass over the whole text on the common path; only a bad file is walked line by line to name
    // the line. A '\n' byte never occurs inside a multi-byte sequence, so each line can be checked alone.
    void check_encoding(std::string_view text) const {
        if (is_valid_utf8(text) && !has_control_chars(text, true)) return;
        int number = 1;
        for (std::size_t at = 0; at < text.size(); ++number) {
            std::size_t end = std::min(text.find('\n', at), text.size());
            std::string_view line = text.substr(at, end - at);
            if (!is_valid_utf8(line)) fail_at(number, "invalid UTF-8");
            if (has_control_chars(line, true))
                fail_at(number, "control character in the text (only tabs and line breaks are allowed)");
            at = end + 1;
        }
    }

    // A single-line value: a scalar of any YAML type taken as its text ("404", "yes"), trimmed; a null
    // (`title:` or `title: ~`) means not given.
    std::optional<std::string> text(const Entry& entry, const std::string& what) const {
        const YAML::Node& value = entry.value;
        if (value.IsNull()) return std::nullopt;
        if (value.IsSequence()) fail_at(entry.key.Mark(), what + " must be text, not a list");
        if (value.IsMap()) fail_at(entry.key.Mark(), what + " must be text, not a map");
        return checked(entry, value.Scalar(), what);
    }

    // Escapes such as "\x01" or "\ud800" can put in a value what the file's own text may not hold.
    std::string checked(const Entry& entry, std::string_view value, const std::string& what) const {
        if (!is_valid_utf8(value)) fail_at(entry.key.Mark(), what + " is not valid UTF-8");
        if (has_control_chars(value, false)) fail_at(entry.key.Mark(), what + " must not hold control characters");
        return trim(value);
    }

    std::vector<std::string> tags(const Entry& entry, const std::string& what) const {
        std::vector<std::string> tags;
        auto add = [&](std::string_view tag) {
            std::string trimmed = checked(entry, tag, what);
            if (!trimmed.empty()) tags.push_back(std::move(trimmed));
        };
        const std::string expected = " must be a list such as [vpn, network] or a text such as \"vpn, network\"";
        if (entry.value.IsMap()) fail_at(entry.key.Mark(), what + expected);
        if (entry.value.IsScalar()) {
            std::string_view list = entry.value.Scalar();
            for (std::size_t at = 0; at <= list.size();) {
                std::size_t comma = std::min(list.find(',', at), list.size());
                add(list.substr(at, comma - at));
                at = comma + 1;
            }
        } else if (entry.value.IsSequence()) {
            for (const YAML::Node& item : entry.value) {
                if (item.IsNull()) continue;
                if (!item.IsScalar()) fail_at(entry.key.Mark(), what + expected);
                add(item.Scalar());
            }
        }
        return tags;
    }

    std::string lang(const Entry& entry, const std::string& what) const {
        std::string given = text(entry, what).value_or("");
        // A region or script is not kept: articles are matched by language alone.
        std::string code = ascii_lower(given.substr(0, given.find_first_of("-_")));
        bool letters = code.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
        if (code.size() < 2 || code.size() > 3 || !letters)
            fail_at(entry.key.Mark(), what + " must be a language code such as en or pt-BR, not '" + given + "'");
        return code;
    }

private:
    std::string name_;
};

// Double-quoted YAML reads back as exactly the same text whatever it holds: "yes", "null", "123",
// '#', ': ', quotes, leading spaces. Characters YAML could take as a line break are escaped.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::string_view rest = text.substr(i);
        char escape[8];
        if (byte == '"' || byte == '\\') {
            out += '\\';
            out += text[i];
        } else if (byte < 0x20 || byte == 0x7f) {
            std::snprintf(escape, sizeof escape, "\\x%02X", byte);
            out += escape;
        } else if (byte == 0xc2 && rest.size() > 1 && static_cast<unsigned char>(rest[1]) <= 0x9f) {
            std::snprintf(escape, sizeof escape, "\\x%02X", static_cast<unsigned char>(rest[1]));  // C1 control
            out += escape;
            ++i;
        } else if (rest.starts_with("\u2028") || rest.starts_with("\u2029") || rest.starts_with("\uFEFF")) {
            out += rest.starts_with("\u2028") ? "\\u2028" : rest.starts_with("\u2029") ? "\\u2029" : "\\uFEFF";
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out + "\"";
}

}  // namespace

ArticleFile parse_article_file(std::string_view text, std::string_view name) {
    const Reader reader(name);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // Windows editors start files with a BOM
    reader.check_encoding(text);

    std::size_t at = 0;
    if (text.empty() || !is_delimiter(cut_line(text, at)))
        reader.fail_at(1, "no front matter: the file must start with a '---' line");
    const std::size_t yaml_begin = at;
    std::size_t yaml_end = 0;
    int line = 1;
    bool closed = false;
    while (!closed && at < text.size()) {
        yaml_end = at;
        ++line;
        closed = is_delimiter(cut_line(text, at));
    }
    if (!closed) reader.fail_at(1, "front matter is not closed by a '---' line");

    ArticleFile file;
    std::string_view body = text.substr(at);
    file.body_line = line + 1;
    std::size_t after_blank = 0;
    if (!body.empty() && is_blank(cut_line(body, after_blank))) {
        body.remove_prefix(after_blank);
        ++file.body_line;
    }
    // The body is kept byte for byte (CRLF included), so export → import gives back what was stored.
    file.body = body;

    YAML::Node root;
    try {
        root = YAML::Load(std::string(text.substr(yaml_begin, yaml_end - yaml_begin)));
    } catch (const YAML::Exception& e) {
        reader.fail_at(e.mark, "invalid YAML: " + e.msg);
    }
    if (!root.IsNull() && !root.IsMap()) reader.fail_at(kFrontMatterLine, "front matter: expected `key: value` lines");

    std::optional<Entry> id, title, tags, keywords, category, language, lang, status;
    const std::array<std::pair<std::string_view, std::optional<Entry>*>, 8> known = {{{"id", &id},
                                                                                      {"title", &title},
                                                                                      {"tags", &tags},
                                                                                      {"keywords", &keywords},
                                                                                      {"category", &category},
                                                                                      {"language", &language},
                                                                                      {"lang", &lang},
                                                                                      {"status", &status}}};
    for (const auto& pair : root) {
        if (!pair.first.IsScalar()) continue;
        for (const auto& [key, entry] : known) {
            if (pair.first.Scalar() != key) continue;
            // yaml-cpp keeps both of a repeated key; taking either silently could lose what was meant.
            if (*entry) reader.fail_at(pair.first.Mark(), "`" + std::string(key) + "` is given twice");
            entry->emplace(Entry{pair.first, pair.second});
        }
    }

    if (id) {
        file.slug = reader.text(*id, "id");
        if (file.slug && file.slug->empty()) reader.fail_at(id->key.Mark(), "id must not be empty");
    }
    if (title) {
        file.title = reader.text(*title, "title");
        if (file.title && file.title->empty()) reader.fail_at(title->key.Mark(), "title must not be empty");
    }
    if (!file.title) file.title = heading_title(file.body);
    if (!file.title || file.title->empty())
        reader.fail_at(kFrontMatterLine,
                       "no title: give `title` in the front matter or start the body with a '# ' heading");
    if (tags && !tags->value.IsNull())
        file.tags = reader.tags(*tags, "tags");
    else if (keywords)
        file.tags = reader.tags(*keywords, "keywords");
    if (category) {
        file.category = reader.text(*category, "category");
        if (file.category && file.category->empty()) file.category.reset();
    }
    if (language && !language->value.IsNull()) file.lang = reader.lang(*language, "language");
    if (lang && !lang->value.IsNull()) {
        std::string code = reader.lang(*lang, "lang");
        if (file.lang && *file.lang != code)
            reader.fail_at(lang->key.Mark(), "lang '" + code + "' and language '" + *file.lang + "' disagree");
        file.lang = code;
    }
    if (status) {
        if (auto word = reader.text(*status, "status")) {
            file.status = parse_article_status(ascii_lower(*word));
            if (!file.status)
                reader.fail_at(status->key.Mark(), "status must be draft, published or retired, not '" + *word + "'");
        }
    }
    return file;
}

std::string write_article_file(const Article& article) {
    std::string out = "---\n";
    if (!article.slug.empty()) out += "id: " + quoted(article.slug) + "\n";
    out += "title: " + quoted(article.title) + "\n";
    if (!article.lang.empty()) out += "lang: " + quoted(article.lang) + "\n";
    if (article.category && !article.category->empty()) out += "category: " + quoted(*article.category) + "\n";
    if (!article.tags.empty()) {
        out += "tags: [";
        for (std::size_t i = 0; i < article.tags.size(); ++i) out += (i ? ", " : "") + quoted(article.tags[i]);
        out += "]\n";
    }
    if (article.status != ArticleStatus::published) out += "status: " + std::string(to_string(article.status)) + "\n";
    // The blank line keeps a body that starts with '---' or blank lines from being read as front matter;
    // the reader removes exactly this one.
    return out + "---\n\n" + article.body;
}

}  // namespace hd
