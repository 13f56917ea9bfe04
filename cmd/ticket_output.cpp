// Shared ticket output for list-like and change-like commands.
#include "cmd/ticket_output.hpp"

#include "cmd/context.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/ticket_view.hpp"

namespace hd::cmd {

void print_ticket_list(Context& ctx, const std::vector<Ticket>& tickets, std::string_view empty_message) {
    if (ctx.global.json) {
        ctx.out() << out::tickets_json(tickets) << '\n';
    } else if (ctx.global.quiet) {
        for (const auto& t : tickets) ctx.out() << t.id << '\n';
    } else if (!tickets.empty()) {
        out::ViewOptions view{ctx.config(), ctx.now(), ctx.width(), ctx.style()};
        out::print_ticket_table(ctx.out(), tickets, view);
    } else if (ctx.stdout_is_terminal()) {
        ctx.err() << empty_message << '\n';
    }
}

void print_changed_json(Context& ctx, const std::vector<Ticket>& tickets) {
    ctx.out() << (tickets.size() == 1 ? out::ticket_json(tickets[0]) : out::tickets_json(tickets)) << '\n';
}

}  // namespace hd::cmd
