// The --json documents, in one place so that every command prints the same field names.
// nlohmann/json stays inside json.cpp.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <cstdint>
#include <vector>

#include "cmd/output/format.hpp"
#include "core/config/config.hpp"
#include "core/model/agent.hpp"
#include "core/model/ticket.hpp"
#include "core/report/rating.hpp"
#include "core/store/kb_store.hpp"

namespace hd::out {

// One ticket: every field of the brief, null where unset, times in RFC 3339 UTC. With comments and/or
// history, adds "comments" and "history" arrays.
std::string ticket_json(const Ticket& t, const std::vector<Comment>* comments = nullptr,
                        const std::vector<Event>* history = nullptr);
std::string tickets_json(const std::vector<Ticket>& tickets);
// `hd open --json`: the ticket, and "deduplicated": true when --dedup found it filed already.
std::string filed_ticket_json(const Ticket& t, bool deduplicated);

// The ticket's --json fields as text, for --format and --csv, so their names and order can never drift
// from --json: null is "", lists are joined with commas, numbers and booleans are written as in JSON.
FlatRecord ticket_fields(const Ticket& t);
std::vector<std::string> ticket_field_names();

// `hd show --json`: the ticket, its comments, its links both ways, its tier path (escalations and
// de-escalations from its events), its service levels ("sla", from out::sla_json), with with_rating
// its satisfaction rating ("rating", null when none) and, with history, the audit trail.
std::string ticket_detail_json(const Ticket& t, const std::vector<Comment>& comments, const std::vector<Link>& links,
                               const std::vector<TicketArticle>& articles, const std::vector<Event>& events,
                               bool with_history, const std::string* sla_json = nullptr,
                               const Rating* rating = nullptr, bool with_rating = false);

std::string agents_json(const std::vector<AgentLoad>& agents);
std::string agent_json(const Agent& agent);
std::string events_json(const std::vector<Event>& events);
std::string comment_json(const Comment& c);

// A flat object of scalars, in the given order, for small documents such as `hd init --json`.
using JsonScalar = std::variant<std::nullptr_t, bool, std::int64_t, std::string>;
std::string object_json(const std::vector<std::pair<std::string, JsonScalar>>& fields);

// `hd check --json`: {"store", "ok", "problems": [text...]}.
std::string check_json(const std::string& store, const std::vector<std::string>& problems);

// The effective configuration.
std::string config_json(const Config& config);

}  // namespace hd::out
