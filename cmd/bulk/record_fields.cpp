// Field checks for imported records: the enums, times and text rules of hd, with the field named.
#include "cmd/bulk/record_fields.hpp"

#include <algorithm>
#include <charconv>

#include "core/rules/fields.hpp"
#include "core/text/utf8.hpp"

namespace hd::cmd::bulk {
namespace {

// User text quoted in a message, shortened: a whole description in an error helps nobody.
std::string quoted(std::string_view text) {
    constexpr std::size_t kMax = 40;
    if (text.size() <= kMax) return "'" + std::string(text) + "'";
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    return "'" + std::string(text.substr(0, cut)) + "...'";
}

// names() lists the valid values, for the message: called only then, as building the list for every
// field of every record cost a few percent of an import's reading.
template <typename T>
T known(std::string_view path, std::string_view text, std::optional<T> value, std::string_view what,
        std::string (*names)()) {
    if (!value) field_error(path, quoted(text) + " is not " + std::string(what) + " (" + names() + ")");
    return *value;
}

}  // namespace

void field_error(std::string_view path, const std::string& what) {
    fail(ErrorKind::usage, "field '" + std::string(path) + "': " + what);
}

TicketType type_field(std::string_view path, std::string_view text) {
    return known(path, text, parse_ticket_type(text), "a ticket type", ticket_type_names);
}
Status status_field(std::string_view path, std::string_view text) {
    return known(path, text, parse_status(text), "a status", status_names);
}
Priority priority_field(std::string_view path, std::string_view text) {
    return known(path, text, parse_priority(text), "a priority", [] { return std::string("P1, P2, P3, P4"); });
}
Level level_field(std::string_view path, std::string_view text) {
    return known(path, text, parse_level(text), "a level", level_names);
}
Channel channel_field(std::string_view path, std::string_view text) {
    return known(path, text, parse_channel(text), "a channel", channel_names);
}
ResolutionCode resolution_field(std::string_view path, std::string_view text) {
    return known(path, text, parse_resolution_code(text), "a resolution code", resolution_code_names);
}
LinkKind link_kind_field(std::string_view path, std::string_view text) {
    return known(path, text, parse_link_kind(text), "a link kind",
                 [] { return std::string("relates, duplicate-of, caused-by, parent"); });
}

Timestamp time_field(std::string_view path, std::string_view text) {
    const auto t = parse_rfc3339(text);
    if (!t) field_error(path, quoted(text) + " is not an RFC 3339 time such as 2026-11-23T10:00:00Z");
    return *t;
}

int tier_field(std::string_view path, std::string_view text, const Config& config) {
    const auto level = find_tier(config, text);
    if (!level)
        field_error(path, quoted(text) + " is not a tier (tiers 1.." + std::to_string(config.tiers.size()) +
                              ", as a level, L1.. or a name)");
    return *level;
}

int tier_field(std::string_view path, std::int64_t level, const Config& config) {
    if (level < 1 || level > 9 || !tier_by_level(config, static_cast<int>(level)))
        field_error(path, "there is no tier " + std::to_string(level) + " (tiers 1.." +
                              std::to_string(config.tiers.size()) + ")");
    return static_cast<int>(level);
}

std::int64_t count_field(std::string_view path, std::string_view text, std::int64_t min) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        field_error(path, quoted(text) + " is not a whole number");
    return count_field(path, value, min);
}

std::int64_t count_field(std::string_view path, std::int64_t value, std::int64_t min) {
    if (value < min) field_error(path, std::to_string(value) + " is less than " + std::to_string(min));
    return value;
}

TicketId ticket_id_field(std::string_view path, std::int64_t value) {
    if (value < 1) field_error(path, std::to_string(value) + " is not a ticket id (ids are positive)");
    return value;
}

std::string title_field(std::string_view path, std::string_view text, const Config& config) {
    return in_field(path, [&] { return checked_title(text, config); });
}

std::optional<std::string> description_field(std::string_view path, std::string_view text, const Config& config) {
    std::string d = in_field(path, [&] { return checked_text(text, "description", config); });
    if (d.empty()) return std::nullopt;  // as hd edit stores an emptied description
    return d;
}

std::string name_field(std::string_view path, std::string_view text, std::string_view what) {
    return in_field(path, [&] { return checked_name(text, what); });
}

std::string category_field(std::string_view path, std::string_view text, const Config& config) {
    return in_field(path, [&] { return checked_category(text, config); });
}

std::string text_field(std::string_view path, std::string_view text, std::string_view what, const Config& config) {
    return in_field(path, [&] { return checked_text(text, what, config); });
}

std::vector<std::string> tags_field(std::string_view path, const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    out.reserve(tags.size());
    for (const auto& tag : tags) out.push_back(in_field(path, [&] { return checked_tag(tag); }));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> names_field(std::string_view path, const std::vector<std::string>& names) {
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const auto& name : names) out.push_back(name_field(path, name, "name"));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void check_ticket(Ticket& t, const Config& config) {
    tier_field("tier", t.tier, config);
    count_field("occurrences", t.occurrences, 1);
    count_field("escalations", t.escalations, 0);
    if (t.priority.value < 1 || t.priority.value > 4) field_error("priority", "must be P1 to P4");
}

}  // namespace hd::cmd::bulk
