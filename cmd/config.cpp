// hd config: the effective configuration and where each value came from; hd config path.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/json.hpp"

namespace hd::cmd {
namespace {

int run_show(Context& ctx) {
    const Config& config = ctx.config();
    if (ctx.global.json)
        ctx.out() << out::config_json(config) << '\n';
    else if (!ctx.global.quiet) {
        ctx.out() << describe_config(config);
    }
    return 0;
}

int run_path(Context& ctx) {
    // Absolute, so that the answer holds from any directory (as under cron).
    const auto config_path = std::filesystem::absolute(ctx.config_path());
    const auto store_path = std::filesystem::absolute(ctx.store_path());
    if (ctx.global.json)
        ctx.out() << out::object_json({{"config", config_path.string()}, {"store", store_path.string()}}) << '\n';
    else
        ctx.out() << "config  " << config_path.string() << '\n' << "store   " << store_path.string() << '\n';
    return 0;
}

}  // namespace

void add_config(CLI::App& app, Context& ctx) {
    auto* c = app.add_subcommand("config", "Print the effective configuration and where each value came from");
    c->footer(
        "Examples:\n"
        "  hd config\n"
        "  hd config path\n"
        "  hd config --json | jq .tiers");
    auto* path = c->add_subcommand("path", "Print the config and store paths in use");
    path->callback([&ctx] { ctx.exit_code = run_path(ctx); });
    c->callback([c, &ctx] {
        if (c->get_subcommands().empty()) ctx.exit_code = run_show(ctx);
    });
}

}  // namespace hd::cmd
