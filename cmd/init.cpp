// hd init: create the store and a commented default config; safe to run again.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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
    const auto tmp = path.string() + "." + std::to_string(::getpid()) + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << default_config_text();
        if (!f) fail(ErrorKind::other, "cannot write the config " + path.string());
    }
    // link() publishes the whole file at once, and fails rather than replace a config that a
    // concurrent `hd init` (or the user) wrote in the meantime.
    const int rc = ::link(tmp.c_str(), path.c_str());
    const int err = errno;
    ::unlink(tmp.c_str());
    if (rc == 0) return true;
    if (err == EEXIST) return false;
    fail(ErrorKind::other, "cannot write the config " + path.string() + ": " + std::strerror(err));
}

int run(Context& ctx) {
    ctx.named_config_may_be_missing = true;
    bool config_explicit = false;
    const auto config_path = ctx.config_path(&config_explicit);
    const auto store_path = ctx.store_path();
    const bool store_existed = std::filesystem::exists(store_path);
    ctx.write([](TicketService&, Store&) {});  // creates and migrates the store, or refuses a bad one
    const bool wrote_config = write_default_config(config_path);
    if (ctx.global.json) {
        ctx.out() << out::object_json({{"store", store_path.string()},
                                       {"config", config_path.string()},
                                       {"store_created", !store_existed},
                                       {"config_created", wrote_config}})
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
