// RFC 4180 CSV fields and rows.
#include "cmd/output/csv.hpp"

namespace hd::out {

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_row(const std::vector<std::string>& fields) {
    // A lone empty field would be a blank line, which readers skip: quote it to keep the record.
    if (fields.size() == 1 && fields[0].empty()) return "\"\"\n";
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += csv_field(fields[i]);
    }
    out += '\n';
    return out;
}

}  // namespace hd::out
