// Text forms of the ticket enums, and ticket id parsing.
#include "core/model/ticket.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace hd {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
    const std::string key = lower(text);
    for (const auto& [value, name] : table)
        if (name == key) return value;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [v, name] : table)
        if (v == value) return name;
    return "?";
}

template <typename E, std::size_t N>
std::string names_of(const std::array<std::pair<E, std::string_view>, N>& table) {
    std::string out;
    for (const auto& entry : table) {
        if (!out.empty()) out += ", ";
        out += entry.second;
    }
    return out;
}

constexpr std::array<std::pair<TicketType, std::string_view>, 4> kTypes{{
    {TicketType::incident, "incident"},
    {TicketType::request, "request"},
    {TicketType::problem, "problem"},
    {TicketType::change, "change"},
}};
constexpr std::array<std::pair<Status, std::string_view>, 5> kStatuses{{
    {Status::new_, "new"},
    {Status::open, "open"},
    {Status::pending, "pending"},
    {Status::resolved, "resolved"},
    {Status::closed, "closed"},
}};
constexpr std::array<std::pair<Channel, std::string_view>, 6> kChannels{{
    {Channel::phone, "phone"},
    {Channel::email, "email"},
    {Channel::chat, "chat"},
    {Channel::web, "web"},
    {Channel::cli, "cli"},
    {Channel::monitoring, "monitoring"},
}};
constexpr std::array<std::pair<Level, std::string_view>, 3> kLevels{{
    {Level::high, "high"},
    {Level::medium, "medium"},
    {Level::low, "low"},
}};
constexpr std::array<std::pair<ResolutionCode, std::string_view>, 4> kCodes{{
    {ResolutionCode::fixed, "fixed"},
    {ResolutionCode::workaround, "workaround"},
    {ResolutionCode::duplicate, "duplicate"},
    {ResolutionCode::no_fault, "no-fault"},
}};

constexpr std::array<std::pair<LinkKind, std::string_view>, 4> kLinkKinds{{
    {LinkKind::relates, "relates"},
    {LinkKind::duplicate_of, "duplicate-of"},
    {LinkKind::caused_by, "caused-by"},
    {LinkKind::parent, "parent"},
}};

}  // namespace

std::string_view to_string(LinkKind v) { return name_of(kLinkKinds, v); }
std::optional<LinkKind> parse_link_kind(std::string_view s) { return lookup(kLinkKinds, s); }

std::string_view to_string(TicketType v) { return name_of(kTypes, v); }
std::string_view to_string(Status v) { return name_of(kStatuses, v); }
std::string_view to_string(Channel v) { return name_of(kChannels, v); }
std::string_view to_string(Level v) { return name_of(kLevels, v); }
std::string_view to_string(ResolutionCode v) { return name_of(kCodes, v); }
std::string to_string(Priority p) { return "P" + std::to_string(p.value); }

std::optional<TicketType> parse_ticket_type(std::string_view s) { return lookup(kTypes, s); }
std::optional<Status> parse_status(std::string_view s) { return lookup(kStatuses, s); }
std::optional<Channel> parse_channel(std::string_view s) { return lookup(kChannels, s); }
std::optional<Level> parse_level(std::string_view s) { return lookup(kLevels, s); }
std::optional<ResolutionCode> parse_resolution_code(std::string_view s) {
    if (lower(s) == "no_fault") return ResolutionCode::no_fault;
    return lookup(kCodes, s);
}

std::optional<Priority> parse_priority(std::string_view s) {
    if (s.size() == 2 && (s[0] == 'P' || s[0] == 'p')) s.remove_prefix(1);
    if (s.size() == 1 && s[0] >= '1' && s[0] <= '4') return Priority{s[0] - '0'};
    return std::nullopt;
}

std::string ticket_type_names() { return names_of(kTypes); }
std::string status_names() { return names_of(kStatuses); }
std::string channel_names() { return names_of(kChannels); }
std::string level_names() { return names_of(kLevels); }
std::string resolution_code_names() { return names_of(kCodes); }

std::optional<TicketId> parse_ticket_id(std::string_view s) {
    if (!s.empty() && s[0] == '#') s.remove_prefix(1);
    if (s.empty() || s.size() > 18) return std::nullopt;
    TicketId id = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc{} || end != s.data() + s.size() || id <= 0) return std::nullopt;
    return id;
}

}  // namespace hd
