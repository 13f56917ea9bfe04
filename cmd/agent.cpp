// hd agent add|list|set|rm: the people who work tickets, and their tiers.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/options.hpp"
#include "cmd/output/json.hpp"
#include "cmd/output/table.hpp"
#include "cmd/output/ticket_view.hpp"
#include "core/error.hpp"
#include "core/service/agents.hpp"

namespace hd::cmd {
namespace {

struct AgentOptions {
    std::string name, tier, email, team, reassign;
    bool email_given = false, team_given = false;
};

int run_add(const AgentOptions& o, Context& ctx) {
    const int tier = tier_option(ctx.config(), o.tier);
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            AgentService agents(store, tickets, ctx.config(), ctx.now());
            return agents.add(o.name, tier, o.email.empty() ? std::nullopt : std::optional(o.email),
                              o.team.empty() ? std::nullopt : std::optional(o.team));
        },
        [&](const Agent& a) {
            if (ctx.global.json)
                ctx.out() << out::agent_json(a) << '\n';
            else if (ctx.global.quiet)
                ctx.out() << a.name << '\n';
            else
                ctx.out() << "Added agent " << out::sanitize(a.name) << " at " << out::tier_label(ctx.config(), a.tier)
                          << '\n';
        });
    return 0;
}

int run_list(Context& ctx) {
    const auto rows = ctx.read([&](TicketService&, Store& store) { return store.agent_loads(std::nullopt); });
    if (ctx.global.json) {
        ctx.out() << out::agents_json(rows) << '\n';
    } else if (ctx.global.quiet) {
        for (const auto& r : rows) ctx.out() << r.agent.name << '\n';
    } else if (!rows.empty()) {
        out::Table table({{"NAME", false, false, 0},
                          {"TIER", false, false, 0},
                          {"TEAM", false, false, 2},
                          {"ACTIVE", true, false, 0},
                          {"EMAIL", false, true, 1}});
        for (const auto& r : rows)
            table.add_row({r.agent.name, out::tier_label(ctx.config(), r.agent.tier), r.agent.team.value_or("-"),
                           std::to_string(r.active_tickets), r.agent.email.value_or("-")});
        table.render(ctx.out(), ctx.width(), ctx.style());
    } else if (ctx.stdout_is_terminal()) {
        ctx.err() << "No agents yet: everyone may do everything. Add one with hd agent add NAME --tier N.\n";
    }
    return 0;
}

int run_set(const AgentOptions& o, Context& ctx) {
    AgentChange change;
    if (!o.tier.empty()) change.tier = tier_option(ctx.config(), o.tier);
    if (o.email_given) change.email = o.email;
    if (o.team_given) change.team = o.team;
    if (!change.tier && !change.email && !change.team)
        fail(ErrorKind::usage, "nothing to change: give --tier, --email or --team");
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            return AgentService(store, tickets, ctx.config(), ctx.now()).set(o.name, change);
        },
        [&](const Agent& a) {
            if (ctx.global.json)
                ctx.out() << out::agent_json(a) << '\n';
            else if (!ctx.global.quiet)
                ctx.out() << "Updated agent " << out::sanitize(a.name) << " (" << out::tier_label(ctx.config(), a.tier)
                          << ")\n";
        });
    return 0;
}

int run_rm(const AgentOptions& o, Context& ctx) {
    ctx.write(
        [&](TicketService& tickets, Store& store) {
            return AgentService(store, tickets, ctx.config(), ctx.now())
                .remove(o.name, o.reassign.empty() ? std::nullopt : std::optional(o.reassign));
        },
        [&](const std::vector<TicketId>& moved) {
            if (ctx.global.quiet || ctx.global.json) return;
            ctx.out() << "Removed agent " << out::sanitize(o.name);
            if (!moved.empty())
                ctx.out() << "; " << moved.size() << " ticket(s) reassigned to " << out::sanitize(o.reassign);
            ctx.out() << '\n';
        });
    return 0;
}

}  // namespace

void add_agent(CLI::App& app, Context& ctx) {
    auto* agent = app.add_subcommand("agent", "Manage agents: the people who work tickets, at a tier");
    agent->require_subcommand(1);
    agent->footer("Examples:\n  hd agent add alice --tier 1 --email alice@example.com\n  hd agent list\n"
                  "  hd agent set alice --tier L2\n  hd agent rm bob --reassign alice");

    auto add = std::make_shared<AgentOptions>();
    auto* a = agent->add_subcommand("add", "Add an agent at a tier");
    a->add_option("name", add->name, "Agent name (one word)")->required();
    a->add_option("--tier", add->tier, "Tier: 1, L1 or its name")->required();
    a->add_option("--email", add->email, "Email address");
    a->add_option("--team", add->team, "Team");
    a->callback([add, &ctx] { ctx.exit_code = run_add(*add, ctx); });

    auto* l = agent->add_subcommand("list", "List the agents with their tiers and active tickets");
    l->callback([&ctx] { ctx.exit_code = run_list(ctx); });

    auto set = std::make_shared<AgentOptions>();
    auto* s = agent->add_subcommand("set", "Change an agent's tier, email or team");
    s->add_option("name", set->name, "Agent name")->required();
    s->add_option("--tier", set->tier, "New tier");
    s->add_option("--email", set->email, "New email (\"\" clears)")->each([set](const std::string&) { set->email_given = true; });
    s->add_option("--team", set->team, "New team (\"\" clears)")->each([set](const std::string&) { set->team_given = true; });
    s->callback([set, &ctx] { ctx.exit_code = run_set(*set, ctx); });

    auto rm = std::make_shared<AgentOptions>();
    auto* r = agent->add_subcommand("rm", "Remove an agent (refused while they hold unresolved tickets)");
    r->add_option("name", rm->name, "Agent name")->required();
    r->add_option("--reassign", rm->reassign, "Hand their unresolved tickets to this agent");
    r->callback([rm, &ctx] { ctx.exit_code = run_rm(*rm, ctx); });
}

}  // namespace hd::cmd
