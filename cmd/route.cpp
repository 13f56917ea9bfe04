// hd route explain|test: which [[route]] rule sends a ticket to its first tier, and why.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "cmd/options.hpp"
#include "cmd/output/terminal.hpp"
#include "cmd/output/ticket_view.hpp"

namespace hd::cmd {
namespace {

struct RouteTestOptions {
    std::string category, title, type, channel;
};

void print_decision(Context& ctx, const RoutingDecision& d) {
    const Config& config = ctx.config();
    if (ctx.global.json) {
        nlohmann::ordered_json j;
        j["rule"] = d.rule ? nlohmann::ordered_json(d.rule->name) : nlohmann::ordered_json(nullptr);
        j["tier"] = d.tier;
        j["team"] = d.team ? nlohmann::ordered_json(*d.team) : nlohmann::ordered_json(nullptr);
        j["agent"] = d.agent ? nlohmann::ordered_json(*d.agent) : nlohmann::ordered_json(nullptr);
        j["rules"] = nlohmann::ordered_json::array();
        for (const auto& v : d.verdicts)
            j["rules"].push_back({{"name", v.rule->name}, {"origin", v.rule->origin}, {"matched", v.matched},
                                  {"reasons", v.reasons}});
        ctx.out() << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return;
    }
    if (ctx.global.quiet) {
        ctx.out() << d.tier << '\n';
        return;
    }
    for (const auto& v : d.verdicts) {
        ctx.out() << (v.matched ? "matched  " : "skipped  ") << out::sanitize(v.rule->name) << " ("
                  << out::sanitize(v.rule->origin) << ")\n";
        for (const auto& r : v.reasons) ctx.out() << "         - " << out::sanitize(r) << '\n';
    }
    if (!d.rule) ctx.out() << (config.routes.empty() ? "No [[route]] rules in the config" : "No rule matched")
                           << ": the ticket starts at tier 1.\n";
    ctx.out() << "=> " << out::tier_label(config, d.tier);
    if (d.team) ctx.out() << ", team " << out::sanitize(*d.team);
    if (d.agent) ctx.out() << ", agent " << out::sanitize(*d.agent);
    ctx.out() << '\n';
}

int run_explain(const std::string& word, Context& ctx) {
    const TicketId id = parse_id(word);
    const auto d = ctx.read([&](TicketService& tickets, Store&) {
        const Ticket t = tickets.get(id);
        return tickets.route(RoutingInput{t.category, t.type, t.channel, t.title});
    });
    print_decision(ctx, d);
    return 0;
}

int run_test(const RouteTestOptions& o, Context& ctx) {
    RoutingInput in;
    if (!o.category.empty()) in.category = o.category;
    in.title = o.title;
    if (!o.type.empty()) in.type = type_option(o.type);
    if (!o.channel.empty()) in.channel = channel_option(o.channel);
    print_decision(ctx, route_ticket(ctx.config(), in));
    return 0;
}

}  // namespace

void add_route(CLI::App& app, Context& ctx) {
    auto* route = app.add_subcommand("route", "Explain the routing rules ([[route]] in the config)");
    route->require_subcommand(1);
    route->footer("Examples:\n  hd route explain 42\n  hd route test --category network --title \"VPN down\"");

    auto id = std::make_shared<std::string>();
    auto* e = route->add_subcommand("explain", "Show which rule routes a ticket (with its current fields) and why");
    e->add_option("id", *id, "Ticket id")->required();
    e->callback([id, &ctx] { ctx.exit_code = run_explain(*id, ctx); });

    auto o = std::make_shared<RouteTestOptions>();
    auto* t = route->add_subcommand("test", "Show how a ticket with these fields would be routed");
    t->add_option("-c,--category", o->category, "Category");
    t->add_option("--title", o->title, "Title");
    t->add_option("--type", o->type, "incident, request, problem or change");
    t->add_option("--channel", o->channel, "phone, email, chat, web, cli or monitoring");
    t->callback([o, &ctx] { ctx.exit_code = run_test(*o, ctx); });
}

}  // namespace hd::cmd
