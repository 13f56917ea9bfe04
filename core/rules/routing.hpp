// Routing: which tier (and team or agent) a new ticket starts at, from the config's [[route]] rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/model/ticket.hpp"

namespace hd {

// What routing looks at in a new ticket.
struct RoutingInput {
    std::optional<std::string> category;  // any case; empty counts as none
    TicketType type = TicketType::incident;
    std::optional<Channel> channel;
    std::string title;
};

// How one rule fared against the input.
struct RuleVerdict {
    const RouteRule* rule = nullptr;  // points into Config::routes
    bool matched = false;
    // One readable sentence per condition of the rule, in the order category, type, channel, title, e.g.
    // "category is network (wanted network or vpn)" or "title has none of the words \"outage\", \"down\"";
    // for a rule without conditions, "no conditions: matches every ticket".
    std::vector<std::string> reasons;
};

struct RoutingDecision {
    const RouteRule* rule = nullptr;  // the first matching rule; nullptr when none matched (tier 1)
    int tier = 1;
    std::optional<std::string> team;
    std::optional<std::string> agent;
    std::vector<RuleVerdict> verdicts;  // every rule up to and including the match, for `hd route explain`
};

// Every condition a rule sets must hold: category (casefolded) is one of the rule's categories;
// type and channel are one of the rule's; the title holds one of the rule's title words as a whole
// word, in any case. The first matching rule wins. The decision points into config, which must
// outlive it.
RoutingDecision route_ticket(const Config& config, const RoutingInput& input);

// True when `word` occurs in `text` as a whole word, case-insensitively (both casefolded). A word
// boundary is any byte that is not an ASCII letter or digit; bytes >= 0x80 count as letters, so
// accented and non-Latin words stay whole. A word may hold several words ("not working").
bool has_whole_word(std::string_view text, std::string_view word);

}  // namespace hd
