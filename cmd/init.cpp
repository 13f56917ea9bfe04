// hd init: create the store and a commented default config; safe to run again.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <fstream>

#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/output/json.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

// Writes the default config unless a file is already there; returns whether it wrote one.
bool write_default_config(const std::filesystem::path& path) {
    if (std::filesystem::exists(path)) return false;
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) fail(ErrorKind::other, "cannot create " + path.parent_path().string() + ": " + ec.message());
    const auto tmp = path.string() + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << default_config_text();
        if (!f) fail(ErrorKind::other, "cannot write the config " + path.string());
    }
    // Rename so that a half-written config is never read; link-or-fail keeps a concurrent init's file.
    std::filesystem::rename(tmp, path, ec);
    if (ec) fail(ErrorKind::other, "cannot write the config " + path.string() + ": " + ec.message());
    return true;
}

int run(Context& ctx) {
    bool config_explicit = false;
    const auto config_path = ctx.config_path(&config_explicit);
    const bool wrote_config = write_default_config(config_path);
    const auto store_path = ctx.store_path();
    const bool store_existed = std::filesystem::exists(store_path);
    ctx.write([](TicketService&, Store&) {});  // creates and migrates the store
    if (ctx.global.json) {
        ctx.out() << out::string_map_json({{"store", store_path.string()},
                                           {"config", config_path.string()},
                                           {"store_created", store_existed ? "" : "true"},
                                           {"config_created", wrote_config ? "true" : ""}})
                  << '\n';
    } else if (!ctx.global.quiet) {
        ctx.out() << (store_existed ? "Store already exists: " : "Created the store: ") << store_path.string() << '\n';
        ctx.out() << (wrote_config ? "Wrote the default config: " : "Config already exists: ") << config_path.string()
                  << '\n';
    }
    return 0;
}

}  // namespace

void add_init(CLI::App& app, Context& ctx) {
    auto* c = app.add_subcommand("init", "Create the store and a commented default config (safe to run twice)");
    c->footer(
        "Examples:\n"
        "  hd init\n"
        "  hd --db /srv/helpdesk/hd.db --config /etc/hd/config.toml init");
    c->callback([&ctx] { ctx.exit_code = run(ctx); });
}

}  // namespace hd::cmd
