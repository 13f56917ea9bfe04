// How tickets look on a terminal: the list table, the detail view, and the audit trail.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "cmd/output/terminal.hpp"
#include "core/config/config.hpp"
#include "core/model/ticket.hpp"
#include "core/store/kb_store.hpp"

namespace hd::out {

struct ViewOptions {
    const Config& config;
    Timestamp now;
    std::size_t width;
    const Style& style;
    std::string sla = {};     // the detail view's SLA line, already sanitized; empty: none
    std::string rating = {};  // likewise, the satisfaction rating
};

// ID, priority, status, tier, assignee, age, title (the title gives way on a narrow terminal).
void print_ticket_table(std::ostream& out, const std::vector<Ticket>& tickets, const ViewOptions& view);

// Every field, the description, the comments, and with history the audit trail.
// The tier path comes from the events; with `history` they are also printed in full.
void print_ticket_detail(std::ostream& out, const Ticket& t, const std::vector<Comment>& comments,
                         const std::vector<Link>& links, const std::vector<TicketArticle>& articles,
                         const std::vector<Event>& events, bool history, const ViewOptions& view);

// One line per event: "2026-11-23 10:00  alice  status: new → open".
void print_history(std::ostream& out, const std::vector<Event>& events, const ViewOptions& view);

// "status: open → resolved (printer driver reinstalled)", sanitized for the terminal.
std::string describe_event(const Event& e);

// "L2 Support", or "L4" when the config has no such tier.
std::string tier_label(const Config& config, int level);

// "2026-11-23 10:00 UTC"
std::string format_local_time(Timestamp t);

}  // namespace hd::out
