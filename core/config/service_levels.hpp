// Reading [sla], [calendar.NAME] and [ola] from the parsed config file. Internal to core/config/
// (toml++ stays in this folder); config.cpp calls it once the rest of the file is read, so that the
// tiers the [ola.L2] sections name are known.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "core/config/config.hpp"

namespace hd::config_detail {

// Fills config.service_levels. Throws hd::Error(usage) naming PATH:LINE:COLUMN for a bad value
// (including a calendar whose hours, holidays or time zone are wrong, or a policy naming a calendar
// that does not exist); unknown keys become config.warnings.
void read_service_levels(const toml::table& root, const std::string& path_text, Config& config);

// The effective [calendar.NAME], [sla...] and [ola...] tables as TOML that loads back to the same values
// (for `hd config show`), or a comment saying there are none.
std::string describe_service_levels(const ServiceLevels& levels);

}  // namespace hd::config_detail
