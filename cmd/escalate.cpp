// hd escalate and hd deescalate: move tickets between support tiers, keeping the reason.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/ticket_output.hpp"
#include "cmd/input.hpp"
#include "cmd/options.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/ticket_view.hpp"

namespace hd::cmd {
namespace {

struct TierMoveOptions {
    std::vector<std::string> ids;
    std::string reason;
    std::string to;
    std::string assign;
};

int run(bool up, const TierMoveOptions& o, Context& ctx) {
    const auto ids = parse_ids(o.ids);
    const Config& config = ctx.config();
    std::optional<int> to;
    if (!o.to.empty()) to = tier_option(config, o.to);
    const std::string reason = text_or_stdin(o.reason, config.max_text_bytes, "reason");
    std::optional<std::string> assign;
    if (!o.assign.empty()) assign = o.assign;
    ctx.write(
        [&](TicketService& tickets, Store&) {
            std::vector<Ticket> out;
            for (TicketId id : ids)
                out.push_back(up ? tickets.escalate(id, to, reason, assign) : tickets.deescalate(id, to, reason, assign));
            return out;
        },
        [&](const std::vector<Ticket>& moved) {
            if (ctx.global.json)
                print_changed_json(ctx, moved);
            else if (!ctx.global.quiet)
                for (const auto& t : moved) {
                    ctx.out() << (up ? "Escalated #" : "De-escalated #") << t.id << " to "
                              << out::tier_label(config, t.tier);
                    if (t.assignee) ctx.out() << ", assigned to " << out::sanitize(*t.assignee);
                    ctx.out() << '\n';
                }
        });
    return 0;
}

void add_tier_move(CLI::App& app, Context& ctx, bool up) {
    auto o = std::make_shared<TierMoveOptions>();
    auto* c = app.add_subcommand(up ? "escalate" : "deescalate",
                                 up ? "Move tickets up to a higher support tier, saying why"
                                    : "Move tickets back down to a lower tier, saying why");
    c->add_option("ids", o->ids, "Ticket ids")->required();
    c->add_option("-r,--reason", o->reason, "Why (required); - reads standard input")->required();
    c->add_option("--to", o->to, up ? "Target tier (default: one up): 3, L3 or its name"
                                    : "Target tier (default: one down): 1, L1 or its name");
    c->add_option("--assign", o->assign, "Assign to this agent of the new tier (default: unassigned)");
    c->footer(up ? "Examples:\n"
                   "  hd escalate 42 --reason \"Needs an Active Directory change\"\n"
                   "  hd escalate 42 --to L3 --reason \"Data loss on the SAN\" --assign carol"
                 : "Examples:\n"
                   "  hd deescalate 42 --reason \"Known fix: KB 12, L1 can apply it\"");
    c->callback([o, &ctx, up] { ctx.exit_code = run(up, *o, ctx); });
}

}  // namespace

void add_escalate(CLI::App& app, Context& ctx) {
    add_tier_move(app, ctx, true);
    add_tier_move(app, ctx, false);
}

}  // namespace hd::cmd
