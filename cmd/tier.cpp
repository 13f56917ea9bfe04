// hd tier list: the support tiers with their agents and ticket counts.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/table.hpp"
#include "cmd/output/terminal.hpp"

namespace hd::cmd {
namespace {

struct TierRow {
    const TierConfig* tier;
    std::vector<std::string> agents;
    TierCounts counts;
};

int run_list(Context& ctx) {
    const Config& config = ctx.config();
    const auto rows = ctx.read([&](TicketService&, Store& store) {
        std::vector<TierRow> out;
        for (const auto& t : config.tiers) out.push_back({&t, {}, TierCounts{t.level, 0, 0}});
        for (const auto& a : store.list_agents())
            if (a.tier >= 1 && a.tier <= static_cast<int>(out.size())) out[a.tier - 1].agents.push_back(a.name);
        for (const auto& c : store.tier_counts())
            if (c.tier >= 1 && c.tier <= static_cast<int>(out.size())) out[c.tier - 1].counts = c;
        return out;
    });
    if (ctx.global.json) {
        nlohmann::ordered_json j = nlohmann::ordered_json::array();
        for (const auto& r : rows)
            j.push_back({{"level", r.tier->level},
                         {"name", r.tier->name},
                         {"description", r.tier->description},
                         {"agents", r.agents},
                         {"open", r.counts.active},
                         {"unassigned", r.counts.unassigned}});
        ctx.out() << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return 0;
    }
    if (ctx.global.quiet) {
        for (const auto& r : rows) ctx.out() << r.tier->level << '\n';
        return 0;
    }
    out::Table table({{"TIER", false, false, 0},
                      {"NAME", false, false, 0},
                      {"OPEN", true, false, 0},
                      {"UNASSIGNED", true, false, 0},
                      {"AGENTS", false, true, 0}});
    for (const auto& r : rows) {
        std::string agents;
        for (const auto& a : r.agents) agents += (agents.empty() ? "" : ", ") + a;
        table.add_row({"L" + std::to_string(r.tier->level), r.tier->name, std::to_string(r.counts.active),
                       std::to_string(r.counts.unassigned), agents.empty() ? "-" : agents});
    }
    table.render(ctx.out(), ctx.width(), ctx.style());
    return 0;
}

}  // namespace

void add_tier(CLI::App& app, Context& ctx) {
    auto* tier = app.add_subcommand("tier", "The support tiers (from the config's [[tier]] tables)");
    tier->require_subcommand(1);
    auto* l = tier->add_subcommand("list", "Each tier with its agents and its open and unassigned tickets");
    l->footer("Open counts new, open and pending tickets.\n\nExamples:\n  hd tier list\n  hd tier list --json");
    l->callback([&ctx] { ctx.exit_code = run_list(ctx); });
}

}  // namespace hd::cmd
