// Parsing the values of options shared by several commands, with errors that name the option.
#pragma once

#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/model/ticket.hpp"

namespace hd::cmd {

TicketType type_option(const std::string& value);            // --type
Priority priority_option(const std::string& value);          // -p/--priority
Level level_option(const std::string& value, const char* option);  // --impact, --urgency
Channel channel_option(const std::string& value);            // --channel
ResolutionCode resolution_code_option(const std::string& value);  // --code
int tier_option(const Config& config, const std::string& value);  // --tier: 2, L2 or the name

}  // namespace hd::cmd
