// Option values: one place for their parsing and their error messages.
#include "cmd/options.hpp"

#include "core/error.hpp"

namespace hd::cmd {
namespace {
[[noreturn]] void bad(const std::string& option, const std::string& value, const std::string& expected) {
    fail(ErrorKind::usage, option + ": '" + value + "' is not valid (expected " + expected + ")");
}
}  // namespace

TicketType type_option(const std::string& value) {
    if (auto v = parse_ticket_type(value)) return *v;
    bad("--type", value, ticket_type_names());
}

Priority priority_option(const std::string& value) {
    if (auto v = parse_priority(value)) return *v;
    bad("--priority", value, "P1, P2, P3 or P4");
}

Level level_option(const std::string& value, const char* option) {
    if (auto v = parse_level(value)) return *v;
    bad(option, value, level_names());
}

Channel channel_option(const std::string& value) {
    if (auto v = parse_channel(value)) return *v;
    bad("--channel", value, channel_names());
}

ResolutionCode resolution_code_option(const std::string& value) {
    if (auto v = parse_resolution_code(value)) return *v;
    bad("--code", value, resolution_code_names());
}

int tier_option(const Config& config, const std::string& value) {
    if (auto v = find_tier(config, value)) return *v;
    std::string tiers;
    for (const auto& t : config.tiers) tiers += (tiers.empty() ? "" : ", ") + ("L" + std::to_string(t.level) + " " + t.name);
    bad("--tier", value, "one of " + tiers);
}

}  // namespace hd::cmd
