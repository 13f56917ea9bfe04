// Output shared by the commands that print tickets, so that each prints them the same way.
#pragma once

#include <string_view>
#include <vector>

#include "core/model/ticket.hpp"

namespace hd::cmd {

class Context;

// A list of tickets: a table, ids (-q) or a JSON array; an empty list says `empty_message` on a
// terminal's stderr and prints nothing.
void print_ticket_list(Context& ctx, const std::vector<Ticket>& tickets, std::string_view empty_message);

// The tickets a command changed, for --json: an object for one ticket, an array for several.
void print_changed_json(Context& ctx, const std::vector<Ticket>& tickets);

}  // namespace hd::cmd
