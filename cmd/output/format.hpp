// --format TEMPLATE: one line of text per record, with {field} replaced by the field's value.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hd::out {

// A record as --format and --csv see it: (field name, value as text) in --json order. Built by
// ticket_fields (json.hpp) and hit_fields (kb_json.hpp), so the names are those --json prints.
using FlatRecord = std::vector<std::pair<std::string, std::string>>;

// A template parsed once, before anything is read from the store, so a mistake costs no work.
// Syntax: {field}; the escapes \t, \n and \\; {{ and }} for literal braces.
class FormatTemplate {
public:
    // `known`: the field names of the kind of record the template will render, in record order.
    // Throws a usage hd::Error for an unknown field (naming it and listing `known`), an unclosed
    // '{', a lone '}', or an escape other than \t, \n and \\.
    FormatTemplate(std::string_view text, const std::vector<std::string>& known);

    // The text for one record, without a line end. Each value passes through one_line_value.
    std::string render(const FlatRecord& record) const;

private:
    struct Field {
        std::size_t index;  // in `known`, which is the record's order
        std::string name;
    };
    std::vector<std::variant<std::string, Field>> parts_;
};

// `given`: each output option (--json, -q, --format, --csv) and whether it was given. More than one
// is a usage hd::Error naming them: a script gets one form it can parse, never a guess.
void require_one_output_form(const std::vector<std::pair<std::string_view, bool>>& given);

// A value made safe for line-oriented scripts: every control character (C0, DEL, C1; so also
// newline, tab and ESC) becomes a space, and an invalid UTF-8 byte U+FFFD, as --json writes it.
std::string one_line_value(std::string_view value);

}  // namespace hd::out
