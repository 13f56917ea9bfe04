// Ticket templates: parsing {var} placeholders, checking --var values against them, and filling them in.
#include "core/rules/template.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace hd {
namespace {

// A text cut into literal runs and placeholders.
struct Piece {
    bool placeholder = false;
    std::string text;  // the literal text, or the placeholder's name
};

// Positions count characters from 1, as a person reading the text would (UTF-8 continuation bytes
// do not start a character).
std::string position(std::string_view text, std::size_t offset) {
    std::size_t characters = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++characters;
    return "character " + std::to_string(characters);
}

std::vector<Piece> pieces(std::string_view text) {
    std::vector<Piece> out;
    std::string literal;
    const auto flush = [&] {
        if (!literal.empty()) out.push_back({false, std::move(literal)});
        literal.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if ((c == '{' || c == '}') && next == c) {
            literal += c;
            ++i;
        } else if (c == '}') {
            fail(ErrorKind::usage, "the '}' at " + position(text, i) + " has no '{'; write '}}' for a literal brace");
        } else if (c == '{') {
            const std::size_t close = text.find('}', i + 1);
            if (close == std::string_view::npos)
                fail(ErrorKind::usage,
                     "the '{' at " + position(text, i) + " is not closed; write '{{' for a literal brace");
            const std::string_view name = text.substr(i + 1, close - i - 1);
            if (!is_placeholder_name(name))
                fail(ErrorKind::usage, "'" + std::string(text.substr(i, close - i + 1)) + "' at " + position(text, i) +
                                           " is not a placeholder (a name of letters, digits, '_' and '-'); write "
                                           "'{{' for a literal brace");
            flush();
            out.push_back({true, std::string(name)});
            i = close;
        } else {
            literal += c;
        }
    }
    flush();
    return out;
}

std::string joined(const std::vector<std::string>& words, std::string_view before = "", std::string_view after = "") {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i)
        out += (i == 0                  ? ""
                : i + 1 == words.size() ? " and "
                                        : ", ") +
               std::string(before) + words[i] + std::string(after);
    return out;
}

// The template's text fields, in the order their placeholders are listed: (field name, text).
std::vector<std::pair<std::string, const std::string*>> text_fields(const TemplateConfig& t) {
    std::vector<std::pair<std::string, const std::string*>> out;
    out.emplace_back("title", &t.title);
    if (t.description) out.emplace_back("description", &*t.description);
    if (t.category) out.emplace_back("category", &*t.category);
    for (const std::string& tag : t.tags) out.emplace_back("tags", &tag);
    if (t.assignee) out.emplace_back("assignee", &*t.assignee);
    if (t.requester) out.emplace_back("requester", &*t.requester);
    if (t.dedup) out.emplace_back("dedup", &*t.dedup);
    return out;
}

std::vector<Piece> field_pieces(const TemplateConfig& t, std::string_view field, std::string_view text) {
    try {
        return pieces(text);
    } catch (const Error& e) {
        fail(ErrorKind::usage, "template '" + t.name + "': " + std::string(field) + ": " + e.what());
    }
}

std::string filled(const TemplateConfig& t, std::string_view field, std::string_view text, const TemplateVars& vars) {
    std::string out;
    for (const Piece& piece : field_pieces(t, field, text)) {
        if (!piece.placeholder) {
            out += piece.text;
            continue;
        }
        const auto found = vars.find(piece.text);
        // expand_template checks every placeholder has a value first; this is the last line of defence.
        if (found == vars.end())
            fail(ErrorKind::usage, "template '" + t.name + "' needs a value for {" + piece.text + "}: add --var " +
                                       piece.text + "=VALUE");
        out += found->second;
    }
    return out;
}

std::optional<std::string> filled_optional(const TemplateConfig& t, std::string_view field,
                                           const std::optional<std::string>& text, const TemplateVars& vars) {
    if (!text) return std::nullopt;
    return filled(t, field, *text, vars);
}

}  // namespace

bool is_placeholder_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

TemplateVars parse_template_vars(const std::vector<std::string>& args) {
    TemplateVars vars;
    for (const std::string& arg : args) {
        const std::size_t equals = arg.find('=');
        if (equals == std::string::npos)
            fail(ErrorKind::usage, "--var '" + arg + "' is not KEY=VALUE (such as --var host=web1)");
        const std::string name = arg.substr(0, equals);
        if (!is_placeholder_name(name))
            fail(ErrorKind::usage, "--var '" + arg + "': '" + name +
                                       "' is not a placeholder name (letters, digits, '_' and '-'); write KEY=VALUE "
                                       "such as host=web1");
        if (!vars.emplace(name, arg.substr(equals + 1)).second)
            fail(ErrorKind::usage, "--var " + name + " is given twice; give each placeholder one value");
    }
    return vars;
}

std::vector<std::string> placeholders_in(std::string_view text) {
    std::vector<std::string> names;
    for (const Piece& piece : pieces(text))
        if (piece.placeholder && std::find(names.begin(), names.end(), piece.text) == names.end())
            names.push_back(piece.text);
    return names;
}

std::vector<std::string> template_placeholders(const TemplateConfig& t) {
    std::vector<std::string> names;
    for (const auto& [field, text] : text_fields(t))
        for (const Piece& piece : field_pieces(t, field, *text))
            if (piece.placeholder && std::find(names.begin(), names.end(), piece.text) == names.end())
                names.push_back(piece.text);
    return names;
}

const TemplateConfig& find_template(const Config& config, std::string_view name) {
    const auto found = config.templates.find(std::string(name));
    if (found != config.templates.end()) return found->second;
    if (config.templates.empty())
        fail(ErrorKind::usage, "unknown template '" + std::string(name) +
                                   "': the config has no templates (add a [template." + std::string(name) +
                                   "] table; see hd-config(5))");
    std::vector<std::string> known;
    for (const auto& [known_name, t] : config.templates) known.push_back(known_name);
    fail(ErrorKind::usage,
         "unknown template '" + std::string(name) + "' (known: " + joined(known) + "; hd template list shows them)");
}

ExpandedTemplate expand_template(const TemplateConfig& t, const TemplateVars& vars) {
    const std::vector<std::string> names = template_placeholders(t);
    for (const auto& [name, value] : vars) {
        if (std::find(names.begin(), names.end(), name) != names.end()) continue;
        fail(ErrorKind::usage,
             "--var " + name + ": template '" + t.name + "' has no placeholder {" + name + "} (" +
                 (names.empty() ? std::string("it has no placeholders") : "its placeholders: " + joined(names)) + ")");
    }
    std::vector<std::string> missing;
    for (const std::string& name : names)
        if (!vars.count(name)) missing.push_back(name);
    if (!missing.empty()) {
        std::string add;
        for (const std::string& name : missing) add += " --var " + name + "=VALUE";
        fail(ErrorKind::usage, "template '" + t.name + "' needs " +
                                   (missing.size() == 1 ? "a value for " : "values for ") + joined(missing, "{", "}") +
                                   ": add" + add);
    }

    ExpandedTemplate out;
    out.title = filled(t, "title", t.title, vars);
    out.description = filled_optional(t, "description", t.description, vars);
    out.type = t.type;
    out.category = filled_optional(t, "category", t.category, vars);
    out.priority = t.priority;
    out.tier = t.tier;
    for (const std::string& tag : t.tags) out.tags.push_back(filled(t, "tags", tag, vars));
    out.assignee = filled_optional(t, "assignee", t.assignee, vars);
    out.requester = filled_optional(t, "requester", t.requester, vars);
    out.channel = t.channel;
    out.dedup = filled_optional(t, "dedup", t.dedup, vars);
    return out;
}

ExpandedTemplate expand_template(const Config& config, std::string_view name,
                                 const std::vector<std::string>& var_args) {
    const TemplateConfig& t = find_template(config, name);
    return expand_template(t, parse_template_vars(var_args));
}

}  // namespace hd
