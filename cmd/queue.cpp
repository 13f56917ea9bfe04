// hd queue (a tier's unassigned, unresolved tickets) and hd next (take the top one).
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/ticket_output.hpp"
#include "cmd/options.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/ticket_view.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct QueueOptions {
    std::string tier;
    int limit = 0;
};

int run_queue(const QueueOptions& o, Context& ctx) {
    if (o.limit < 0) fail(ErrorKind::usage, "--limit: must be a positive number (0 means no limit)");
    std::optional<int> tier;
    if (!o.tier.empty()) tier = tier_option(ctx.config(), o.tier);
    const auto tickets = ctx.read([&](TicketService& service, Store& store) {
        const int level = tier.value_or(service.my_tier());
        return store.queue(level, o.limit > 0 ? std::optional<int>(o.limit) : std::nullopt);
    });
    print_ticket_list(ctx, tickets, "The queue is empty.");
    return 0;
}

int run_next(Context& ctx) {
    ctx.write([&](TicketService& tickets, Store&) {
                  auto t = tickets.next();
                  if (!t)
                      fail(ErrorKind::not_found, "no ticket is waiting in tier L" + std::to_string(tickets.my_tier()) +
                                                     "'s queue");
                  return *t;
              },
              [&](const Ticket& t) {
                  if (ctx.global.json)
                      ctx.out() << out::ticket_json(t) << '\n';
                  else if (ctx.global.quiet)
                      ctx.out() << t.id << '\n';
                  else {
                      out::ViewOptions view{ctx.config(), ctx.now(), ctx.width(), ctx.style()};
                      out::print_ticket_detail(ctx.out(), t, {}, {}, {}, {}, false, view);
                  }
              });
    return 0;
}

}  // namespace

void add_queue(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<QueueOptions>();
    auto* c = app.add_subcommand("queue", "A tier's unassigned, unresolved tickets, by priority then age");
    c->add_option("tier", o->tier, "Tier: 2, L2 or its name (default: my tier, or L1)");
    c->add_option("--limit", o->limit, "Show at most N tickets");
    c->footer("Examples:\n  hd queue\n  hd queue L2 --limit 10\n  hd queue Support -q");
    c->callback([o, &ctx] { ctx.exit_code = run_queue(*o, ctx); });

    auto* n = app.add_subcommand("next", "Take the top ticket of my tier's queue: assign it to me, open it, show it");
    n->footer("Exit 3 when the queue is empty. Two agents asking at once never get the same ticket.\n\n"
              "Examples:\n  hd next\n  id=$(hd next -q) && hd show \"$id\"");
    n->callback([&ctx] { ctx.exit_code = run_next(ctx); });
}

}  // namespace hd::cmd
