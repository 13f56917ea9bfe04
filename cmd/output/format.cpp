// --format templates: parsing ({field}, escapes, doubled braces) and rendering one record.
#include "cmd/output/format.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"

namespace hd::out {
namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Columns count characters from 1, as a person reading the template would.
std::string column(std::string_view text, std::size_t offset) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i < offset; ++i) characters += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return "column " + std::to_string(characters + 1);
}

[[noreturn]] void bad_template(const std::string& what) { fail(ErrorKind::usage, "--format: " + what); }

// The length of the UTF-8 sequence starting at text[i], or 0 when it is not a valid one.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b = byte(i);
    std::size_t n = 0;
    unsigned min = 0, cp = 0;
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) n = 2, min = 0x80, cp = b & 0x1F;
    else if (b >= 0xE0 && b <= 0xEF) n = 3, min = 0x800, cp = b & 0x0F;
    else if (b >= 0xF0 && b <= 0xF4) n = 4, min = 0x10000, cp = b & 0x07;
    else return 0;
    if (i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
    return n;
}

// The message quotes the whole character after the backslash, not a byte of it.
[[noreturn]] void bad_escape(std::string_view text, std::size_t backslash) {
    const std::size_t length = std::max<std::size_t>(1, sequence_length(text, backslash + 1));
    bad_template("unknown escape '\\" + std::string(text.substr(backslash + 1, length)) + "' at " +
                 column(text, backslash) + "; the escapes are \\t, \\n and \\\\");
}

}  // namespace

FormatTemplate::FormatTemplate(std::string_view text, const std::vector<std::string>& known) {
    std::string literal;
    const auto flush = [&] {
        if (!literal.empty()) parts_.emplace_back(std::move(literal));
        literal.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (c == '\\') {
            // The shell gives scripts no easy tab or newline inside quotes, so the template has its own.
            if (next == 't') literal += '\t';
            else if (next == 'n') literal += '\n';
            else if (next == '\\') literal += '\\';
            else if (i + 1 == text.size()) bad_template("a lone '\\' at the end; write '\\\\' for a backslash");
            else
                bad_escape(text, i);
            ++i;
        } else if (c == '{' && next == '{') {
            literal += '{';
            ++i;
        } else if (c == '}' && next == '}') {
            literal += '}';
            ++i;
        } else if (c == '}') {
            bad_template("a lone '}' at " + column(text, i) + "; write '}}' for a literal brace");
        } else if (c == '{') {
            const std::size_t close = text.find('}', i + 1);
            if (close == std::string_view::npos)
                bad_template("the '{' at " + column(text, i) + " is not closed; write '{{' for a literal brace");
            const std::string name(text.substr(i + 1, close - i - 1));
            const auto found = std::find(known.begin(), known.end(), name);
            if (found == known.end())
                bad_template("unknown field '" + name + "'; the fields are: " + joined(known));
            flush();
            parts_.emplace_back(Field{static_cast<std::size_t>(found - known.begin()), name});
            i = close;
        } else {
            literal += c;
        }
    }
    flush();
}

std::string FormatTemplate::render(const FlatRecord& record) const {
    std::string out;
    for (const auto& part : parts_) {
        if (const auto* text = std::get_if<std::string>(&part)) {
            out += *text;
            continue;
        }
        const auto& field = std::get<Field>(part);
        // The record is in the order of `known`; the name check keeps a caller's mistake from
        // printing the wrong field silently.
        if (field.index < record.size() && record[field.index].first == field.name) {
            out += one_line_value(record[field.index].second);
            continue;
        }
        const auto found =
            std::find_if(record.begin(), record.end(), [&](const auto& f) { return f.first == field.name; });
        if (found == record.end()) throw std::logic_error("--format: the record has no field " + field.name);
        out += one_line_value(found->second);
    }
    return out;
}

void require_one_output_form(const std::vector<std::pair<std::string_view, bool>>& given) {
    std::vector<std::string> names;
    for (const auto& [name, on] : given)
        if (on) names.emplace_back(name);
    if (names.size() < 2) return;
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    fail(ErrorKind::usage, list + " cannot be used together: choose one output form");
}

std::string one_line_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size();) {
        const std::size_t n = sequence_length(value, i);
        const auto b = static_cast<unsigned char>(value[i]);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
            continue;
        }
        const bool c0_or_del = n == 1 && (b < 0x20 || b == 0x7F);
        const bool c1 = n == 2 && b == 0xC2 && static_cast<unsigned char>(value[i + 1]) < 0xA0;
        if (c0_or_del || c1)
            out += ' ';
        else
            out.append(value.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace hd::out
