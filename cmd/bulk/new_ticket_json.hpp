// `hd open --from-json`: new tickets from the JSON that `hd show --json` and `hd list --json` print.
#pragma once

#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/service/tickets.hpp"

namespace hd::cmd {

// Reads one ticket object, or an array of them (an empty array gives none), with the field names and
// values that --json prints. Settable: title (required), description, type, priority ("P2", 2), impact,
// urgency, category, tier (2, "2", "L2" or a tier's name), assignee, team, requester, channel, tags; null
// leaves a field unset. Fields that --json prints but a new ticket cannot take (id, status, the times,
// resolution_code, dedup_key, occurrences, last_seen_at, cc, escalations, fcr, comments, links,
// articles, tier_path, sla, rating, history) are read and ignored, so that `hd show 1 --json | hd open --from-json -`
// files a copy of #1. Only types, enums and tiers are checked here; TicketService::open checks the rest
// (title length, category list, names) as for any new ticket.
// Throws hd::Error(usage) for text that is not JSON (naming its line and column), for an unknown field or
// a value of the wrong type or an unknown value (naming the field and, in an array, the index:
// "[2]: field 'priority': 'P7' is not a priority (P1, P2, P3, P4)").
std::vector<NewTicket> new_tickets_from_json(std::string_view text, const Config& config);

// The same with the built-in tiers (L1 Helpdesk, L2 Support, L3 Experts) for tier names.
std::vector<NewTicket> new_tickets_from_json(std::string_view text);

}  // namespace hd::cmd
